"""Protocol cases for `carelint server` with pytest-lsp: position encodings, push and pull
diagnostics, malformed input, cancellation, unknown methods, shutdown and exit, and a draft
compared with the other articles of its workspace folder (figures/cross-article).

The binary is $CARELINT_BIN (set by .ci/run), else target/debug/carelint under
$CARGO_TARGET_DIR or the repository.
"""

import asyncio
import os
import pathlib
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]


def server_binary() -> str:
    if os.environ.get("CARELINT_BIN"):
        return os.environ["CARELINT_BIN"]
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return str(target / "debug" / "carelint")


# An emoji (2 UTF-16 units, 4 bytes) and CJK (1 unit, 3 bytes each) before a broken number,
# which figures/broken-number flags.
ARTICLE = "# Tired 😀\n\n漢字 and 😀: about 7. 5% of adults said so, per a 2023 survey by the Office for National Statistics.\n"
# "漢字 and 😀: about " is 2 + 5 + 2 + 8 = 17 UTF-16 units, 6 + 5 + 4 + 8 = 23 bytes.
START_UTF16 = 17
START_UTF8 = 23


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[server_binary(), "server"]))
async def client(lsp_client: LanguageClient):
    yield
    # A test that failed before its shutdown: closing stdin is a client going away, which
    # ends the server (pygls' stop would otherwise wait for it forever).
    server = lsp_client._server
    if server is not None and server.returncode is None and server.stdin is not None:
        server.stdin.close()


def initialize_params(tmp_path, encodings=None, pull=False, debounce_ms=20):
    (tmp_path / ".git").mkdir(exist_ok=True)
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    text_document = types.TextDocumentClientCapabilities(
        diagnostic=types.DiagnosticClientCapabilities() if pull else None
    )
    return types.InitializeParams(
        capabilities=types.ClientCapabilities(general=general, text_document=text_document),
        root_uri=tmp_path.as_uri(),
        initialization_options={"debounceMs": debounce_ms},
    )


def open_article(client, path, text=ARTICLE, version=1):
    path.write_text(text, encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="markdown", version=version, text=text
            )
        )
    )


async def pushed(client, uri):
    while uri not in client.diagnostics:
        await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), 30)
    return client.diagnostics[uri]


async def indexed(client):
    """Waits for the log line saying the workspace folder's articles are indexed, after which
    nothing re-lints an open document unasked."""
    while not any("figures/cross-article: indexed" in m.message for m in client.log_messages):
        await asyncio.wait_for(client.wait_for_notification("window/logMessage"), 30)


def broken(diagnostics):
    return [d for d in diagnostics if d.code == "figures/broken-number"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "offered, chosen, start",
    [
        ([types.PositionEncodingKind.Utf16], "utf-16", START_UTF16),
        ([types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16], "utf-8", START_UTF8),
        (None, "utf-16", START_UTF16),
    ],
)
async def test_position_encodings(client: LanguageClient, tmp_path, offered, chosen, start):
    result = await client.initialize_session(initialize_params(tmp_path, offered))
    assert result.capabilities.position_encoding == chosen
    path = tmp_path / "a.md"
    open_article(client, path)
    found = broken(await pushed(client, path.as_uri()))
    assert len(found) == 1
    assert found[0].range.start == types.Position(line=2, character=start)
    assert found[0].range.end == types.Position(line=2, character=start + 4)
    assert found[0].code_description.href.endswith("docs/rules/figures/broken-number.md")
    await client.shutdown_session()


@pytest.mark.asyncio
async def test_pull_diagnostics_full_then_unchanged(client: LanguageClient, tmp_path):
    await client.initialize_session(initialize_params(tmp_path, pull=True))
    await indexed(client)
    path = tmp_path / "a.md"
    open_article(client, path)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    )
    assert report.kind == "full"
    assert len(broken(report.items)) == 1
    again = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            previous_result_id=report.result_id,
        )
    )
    assert again.kind == "unchanged"
    # A client that pulls is not pushed to as well.
    assert path.as_uri() not in client.diagnostics
    await client.shutdown_session()


@pytest.mark.asyncio
async def test_a_waiting_request_can_be_cancelled(client: LanguageClient, tmp_path):
    # A long debounce keeps the pull request waiting for the edited version's lint.
    await client.initialize_session(initialize_params(tmp_path, pull=True, debounce_ms=60_000))
    path = tmp_path / "a.md"
    open_article(client, path)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=ARTICLE + "\nMore.\n")],
        )
    )
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()))
    waiting = asyncio.ensure_future(
        client.protocol.send_request_async("textDocument/diagnostic", params, msg_id="wait-1")
    )
    await asyncio.sleep(0.3)
    assert not waiting.done()
    client.protocol.notify("$/cancelRequest", types.CancelParams(id="wait-1"))
    with pytest.raises(Exception) as raised:
        await asyncio.wait_for(waiting, 10)
    assert getattr(raised.value, "code", None) == -32800 or "cancel" in str(raised.value).lower()
    await client.shutdown_session()


@pytest.mark.asyncio
async def test_malformed_input_is_logged_and_the_server_goes_on(client: LanguageClient, tmp_path):
    await client.initialize_session(initialize_params(tmp_path))
    stdin = client._server.stdin
    stdin.write(b"Content-Length: 9\r\n\r\n{not json")
    await stdin.drain()
    while not any("not JSON" in m.message for m in client.log_messages):
        await asyncio.wait_for(client.wait_for_notification("window/logMessage"), 10)
    path = tmp_path / "a.md"
    open_article(client, path)
    assert len(broken(await pushed(client, path.as_uri()))) == 1
    await client.shutdown_session()


@pytest.mark.asyncio
async def test_unknown_method_is_method_not_found(client: LanguageClient, tmp_path):
    await client.initialize_session(initialize_params(tmp_path))
    with pytest.raises(Exception) as raised:
        await client.protocol.send_request_async("carelint/nothing", {})
    assert getattr(raised.value, "code", None) == -32601 or "not found" in str(raised.value).lower()
    await client.shutdown_session()


@pytest.mark.asyncio
async def test_shutdown_then_exit_ends_with_code_0(client: LanguageClient, tmp_path):
    await client.initialize_session(initialize_params(tmp_path))
    await client.shutdown_session()
    assert client._server.returncode == 0


@pytest.mark.asyncio
async def test_a_draft_is_compared_with_the_published_articles(client: LanguageClient, tmp_path):
    # Both about men who cried after sex at some time in their lives: 41% against "up to 10%".
    published = tmp_path / "a-published.md"
    published.write_text(
        "# Crying after sex\n\nA survey found that 41% of men had cried after sex at some point in their lives.\n",
        encoding="utf-8",
    )
    await client.initialize_session(initialize_params(tmp_path, [types.PositionEncodingKind.Utf8]))
    await indexed(client)
    draft = tmp_path / "b-draft.md"
    open_article(client, draft, "# Draft\n\nUp to 10% of men have cried after sex at some point in their lives.\n")
    found = [d for d in await pushed(client, draft.as_uri()) if d.code == "figures/cross-article"]
    assert len(found) == 1
    assert found[0].range.start == types.Position(line=2, character=0)
    related = found[0].related_information[0].location
    assert related.uri == published.as_uri()
    assert related.range.start == types.Position(line=2, character=20)
    assert related.range.end == types.Position(line=2, character=23)
    await client.shutdown_session()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
