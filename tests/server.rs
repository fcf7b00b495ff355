//! `carelint server` driven over stdio with JSON-RPC, as an editor would: encodings and exact
//! ranges, changes, code actions, configuration, malformed input, shutdown and exit, and the
//! findings compared with `carelint check --format json` on the saved file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;
use common::repo_with;

const WAIT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    /// How long to wait for a message before the test fails (a hung server, not a slow one).
    wait: Duration,
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

impl Client {
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_carelint"))
            .arg("server")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start carelint server");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        length = v.trim().parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            next_id: 0,
            seen: Vec::new(),
            wait: WAIT,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).expect("json");
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend(body);
        self.raw(&framed);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request_id(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The first message (seen before or arriving) that `pick` accepts.
    fn wait_for(&mut self, what: &str, pick: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.seen.iter().position(&pick) {
            return self.seen.remove(at);
        }
        let deadline = Instant::now() + self.wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if pick(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} in {:?}; saw {:#?}", self.wait, self.seen)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the server closed its output waiting for {what}; saw {:#?}",
                        self.seen
                    )
                }
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_id(method, params);
        self.wait_for(&format!("response {id}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    /// A server started in `root` and initialized with one position encoding, pushing
    /// diagnostics: how most tests begin.
    fn serve(root: &Path, encoding: &str) -> Client {
        let mut client = Client::start(root);
        client.initialize(root, &[encoding], false);
        client
    }

    fn initialize(&mut self, root: &Path, encodings: &[&str], pull: bool) -> Value {
        let mut text_document = json!({"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}}}});
        if pull {
            text_document["diagnostic"] = json!({});
        }
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "textDocument": text_document,
                },
                "initializationOptions": {"debounceMs": 20},
            }),
        );
        assert!(response.get("error").is_none(), "{response}");
        self.notify("initialized", json!({}));
        response
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    /// A file the client watches was created (1), changed (2) or deleted (3).
    fn watched(&mut self, path: &Path, kind: u8) {
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(path), "type": kind}]}),
        );
    }

    /// The next diagnostics published for `path` (at `version`, when given).
    fn diagnostics(&mut self, path: &Path, version: Option<i64>) -> Vec<Value> {
        let target = uri(path);
        let m = self.wait_for("publishDiagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == target.as_str()
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn shutdown_and_exit(mut self) -> i32 {
        let response = self.request("shutdown", json!(null));
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", json!(null));
        self.wait_exit()
    }

    fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn with_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == rule).collect()
}

fn range(d: &Value) -> (u64, u64, u64, u64) {
    let r = &d["range"];
    let n = |v: &Value| v.as_u64().expect("a number");
    (
        n(&r["start"]["line"]),
        n(&r["start"]["character"]),
        n(&r["end"]["line"]),
        n(&r["end"]["character"]),
    )
}

fn lsp_offset(text: &str, p: &Value) -> usize {
    // UTF-8 positions → byte offsets.
    let line = p["line"].as_u64().expect("line") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + p["character"].as_u64().expect("character") as usize
}

/// Exactly one `figures/cross-article` finding, and it names `other` as the article it
/// contradicts.
fn assert_one_contradiction_with(diagnostics: &[Value], other: &str) {
    let cross = with_rule(diagnostics, "figures/cross-article");
    assert_eq!(cross.len(), 1, "{diagnostics:#?}");
    assert!(
        cross[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("in {other}"))),
        "{cross:#?}"
    );
}

/// A finding as `check` reports it and an editor shows it: rule, byte range, and message
/// (with the help after it, as the server joins them).
type Finding = (String, usize, usize, String);

/// `carelint check --format json ARGS` in `dir`: the report, and its findings on `path`.
fn check_findings(dir: &Path, args: &[&str], path: &str) -> (Value, Vec<Finding>) {
    let check = Command::new(env!("CARGO_BIN_EXE_carelint"))
        .args([&["check", "--format", "json"], args].concat())
        .current_dir(dir)
        .output()
        .expect("run check");
    let report: Value = serde_json::from_slice(&check.stdout).expect("json report");
    let findings = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["path"] == path)
        .map(|d| {
            let message = match d["help"].as_str() {
                Some(help) => format!("{}\nhelp: {help}", d["message"].as_str().expect("message")),
                None => d["message"].as_str().expect("message").to_string(),
            };
            (
                d["rule"].as_str().expect("rule").to_string(),
                d["span"]["start"].as_u64().expect("start") as usize,
                d["span"]["end"].as_u64().expect("end") as usize,
                message,
            )
        })
        .collect();
    (report, findings)
}

/// Diagnostics the server published for `text` (with UTF-8 positions) as findings.
fn lsp_findings(diagnostics: &[Value], text: &str) -> Vec<Finding> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("code").to_string(),
                lsp_offset(text, &d["range"]["start"]),
                lsp_offset(text, &d["range"]["end"]),
                d["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

/// A line with an emoji (2 UTF-16 units, 4 bytes), CJK (1 unit, 3 bytes each) and a combining
/// mark before a broken number, which `figures/broken-number` flags and fixes.
const ARTICLE: &str = "# Tired 😀\r\n\r\n漢字 cafe\u{301}: about 7. 5% of adults said so, per the 2023 survey by the Office for National Statistics.\r\n";

fn broken_number_range(encoding: &str) -> (u64, u64, u64, u64) {
    let dir = repo_with(&[("a.md", ARTICLE)]);
    let path = dir.path().join("a.md");
    let mut client = Client::start(dir.path());
    let init = client.initialize(dir.path(), &[encoding], false);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], encoding);
    client.open(&path, ARTICLE);
    let diagnostics = client.diagnostics(&path, Some(1));
    let broken = with_rule(&diagnostics, "figures/broken-number");
    assert_eq!(broken.len(), 1, "{diagnostics:#?}");
    assert_eq!(client.shutdown_and_exit(), 0);
    range(broken[0])
}

#[test]
fn utf16_ranges_count_emoji_cjk_and_combining_marks_exactly() {
    // Line 2: "漢字 cafe\u{301}: about " is 2 + 1 + 5 + 8 = 16 UTF-16 units; "7. 5" is 4.
    assert_eq!(broken_number_range("utf-16"), (2, 16, 2, 20));
}

#[test]
fn utf8_ranges_are_byte_columns_when_the_client_offers_utf8() {
    // The same text in bytes: 6 + 1 + 6 + 8 = 21.
    assert_eq!(broken_number_range("utf-8"), (2, 21, 2, 25));
}

#[test]
fn utf16_is_used_when_the_client_offers_only_utf32() {
    let dir = repo_with(&[]);
    let mut client = Client::start(dir.path());
    let init = client.initialize(dir.path(), &["utf-32"], false);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(client.shutdown_and_exit(), 0);
}

fn edit_text(text: &str, edit: &Value) -> String {
    // UTF-16 positions → byte offsets.
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().expect("line") as usize;
        let character = p["character"].as_u64().expect("character") as usize;
        let mut at = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i == line {
                let mut units = 0;
                for (b, c) in l.char_indices() {
                    if units >= character {
                        return at + b;
                    }
                    units += c.len_utf16();
                }
                return at + l.len();
            }
            at += l.len();
        }
        text.len()
    };
    let start = offset(&edit["range"]["start"]);
    let end = offset(&edit["range"]["end"]);
    let new_text = edit["newText"].as_str().expect("newText");
    format!("{}{new_text}{}", &text[..start], &text[end..])
}

#[test]
fn changes_update_diagnostics_and_a_quick_fix_applies() {
    let dir = repo_with(&[("a.md", ARTICLE)]);
    let path = dir.path().join("a.md");
    let mut client = Client::serve(dir.path(), "utf-16");
    client.open(&path, ARTICLE);
    let first = client.diagnostics(&path, Some(1));
    let broken = with_rule(&first, "figures/broken-number")[0].clone();

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&path)},
            "range": broken["range"],
            "context": {"diagnostics": [broken]},
        }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("a preferred quick fix in {actions:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["title"], "Replace “7. 5” with “7.5”");
    let edits = fix["edit"]["changes"][uri(&path)]
        .as_array()
        .expect("edits");
    let fixed = edit_text(ARTICLE, &edits[0]);
    assert!(fixed.contains("about 7.5% of adults"), "{fixed}");
    assert!(
        actions
            .iter()
            .any(|a| a["title"] == "Disable figures/broken-number for this line")
    );

    // Several quick changes: only the last version's diagnostics are published.
    for (version, text) in [(2, ARTICLE.replace("2023", "2024")), (3, fixed.clone())] {
        client.change_all(&path, version, &text);
    }
    let after = client.diagnostics(&path, Some(3));
    assert!(
        with_rule(&after, "figures/broken-number").is_empty(),
        "{after:#?}"
    );
    assert!(
        !client.seen.iter().any(|m| m["params"]["version"] == 2),
        "a stale version was published"
    );

    // A ranged change brings the problem back, at its place.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(&path), "version": 4},
            "contentChanges": [{"range": {"start": {"line": 2, "character": 17}, "end": {"line": 2, "character": 18}}, "text": ". "}],
        }),
    );
    let again = client.diagnostics(&path, Some(4));
    let broken = with_rule(&again, "figures/broken-number");
    assert_eq!(broken.len(), 1, "{again:#?}");
    assert_eq!(range(broken[0]), (2, 16, 2, 20));
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn hover_shows_the_rule_and_pull_diagnostics_answer() {
    let dir = repo_with(&[("a.md", ARTICLE)]);
    let path = dir.path().join("a.md");
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), &["utf-16"], true);
    // Once the folder is indexed nothing re-lints the document unasked, so its result id holds.
    client.wait_indexed("indexed");
    client.open(&path, ARTICLE);
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&path)}}),
    );
    assert_eq!(pulled["result"]["kind"], "full", "{pulled}");
    let items = pulled["result"]["items"].as_array().expect("items");
    assert_eq!(with_rule(items, "figures/broken-number").len(), 1);
    let result_id = pulled["result"]["resultId"].clone();
    let again = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&path)}, "previousResultId": result_id}),
    );
    assert_eq!(again["result"]["kind"], "unchanged", "{again}");

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&path)}, "position": {"line": 2, "character": 18}}),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(value.starts_with("**figures/broken-number**"), "{value}");
    assert!(value.contains("# figures/broken-number"), "{value}");
    // A client that pulls is not pushed to as well.
    assert!(
        !client
            .seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics")
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn malformed_messages_and_unknown_methods_keep_the_server_alive() {
    let dir = repo_with(&[("a.md", ARTICLE)]);
    let path = dir.path().join("a.md");
    let mut client = Client::serve(dir.path(), "utf-16");
    client.raw(b"Content-Length: 9\r\n\r\n{not json");
    client.raw(b"Nonsense header\r\n\r\n");
    client.send(json!({"jsonrpc": "2.0", "id": 99, "params": {}}));
    let invalid = client.wait_for("an invalid-request error", |m| m["id"] == 99);
    assert_eq!(invalid["error"]["code"], -32600);
    let unknown = client.request("carelint/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad_params = client.request("textDocument/hover", json!({"nope": 1}));
    assert_eq!(bad_params["error"]["code"], -32602);
    client.open(&path, ARTICLE);
    assert!(!client.diagnostics(&path, Some(1)).is_empty());
    let logged = client
        .seen
        .iter()
        .filter(|m| m["method"] == "window/logMessage")
        .count();
    assert!(logged >= 2, "malformed input is logged: {:#?}", client.seen);
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn exit_without_shutdown_is_code_1_and_requests_after_shutdown_are_refused() {
    let dir = repo_with(&[]);
    let mut client = Client::serve(dir.path(), "utf-16");
    client.notify("exit", json!(null));
    assert_eq!(client.wait_exit(), 1);

    let mut client = Client::start(dir.path());
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "before initialize");
    client.initialize(dir.path(), &["utf-16"], false);
    let done = client.request("shutdown", json!(null));
    assert_eq!(done["result"], Value::Null);
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600);
    client.notify("exit", json!(null));
    assert_eq!(client.wait_exit(), 0);

    // A client that vanishes (stdin closed) ends the server too, without a crash.
    let mut client = Client::serve(dir.path(), "utf-16");
    client.stdin = None;
    assert_eq!(client.wait_exit(), 1);
}

#[test]
fn configuration_changes_relint_and_a_broken_config_shows_on_its_line() {
    let dir = repo_with(&[("a.md", ARTICLE)]);
    let path = dir.path().join("a.md");
    let config = dir.path().join(".carelint.yml");
    let mut client = Client::serve(dir.path(), "utf-16");
    client.open(&path, ARTICLE);
    assert_eq!(
        with_rule(&client.diagnostics(&path, Some(1)), "figures/broken-number").len(),
        1
    );

    std::fs::write(&config, "rules:\n  figures/broken-number: off\n").expect("write config");
    client.watched(&config, 1);
    let off = client.diagnostics(&path, Some(1));
    assert!(
        with_rule(&off, "figures/broken-number").is_empty(),
        "{off:#?}"
    );

    std::fs::write(
        &config,
        "rules:\n  figures/broken-number: warning\n  nonsense: [\n",
    )
    .expect("write");
    client.watched(&config, 2);
    let on_config = client.diagnostics(&config, None);
    assert!(!on_config.is_empty());
    let line = on_config[0]["range"]["start"]["line"]
        .as_u64()
        .expect("line");
    assert!(
        line >= 2,
        "the error is placed on the broken line: {on_config:#?}"
    );
    // The article under it is not linted while its configuration is broken.
    assert!(client.diagnostics(&path, Some(1)).is_empty());

    // Fixed again: the config's problems are cleared and the article is linted again.
    std::fs::write(&config, "rules:\n  figures/broken-number: warning\n").expect("write");
    client.watched(&config, 2);
    assert!(client.diagnostics(&config, None).is_empty());
    let back = client.diagnostics(&path, Some(1));
    assert_eq!(
        with_rule(&back, "figures/broken-number").len(),
        1,
        "{back:#?}"
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn findings_equal_carelint_check_on_the_saved_file() {
    let text = format!(
        "{ARTICLE}\nHe was an addict for years. Some 40% of people committed suicide, and 3. 1% did not.\n"
    );
    let dir = repo_with(&[("a.md", &text)]);
    let path = dir.path().join("a.md");
    let (report, mut expected) = check_findings(dir.path(), &["a.md"], "a.md");
    assert!(expected.len() >= 3, "the article has findings: {report}");

    let mut client = Client::serve(dir.path(), "utf-8");
    client.open(&path, &text);
    let diagnostics = client.diagnostics(&path, Some(1));
    let mut got = lsp_findings(&diagnostics, &text);
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn an_unnamed_buffer_uses_the_workspace_root_configuration() {
    let dir = repo_with(&[(".carelint.yml", "rules:\n  figures/broken-number: error\n")]);
    let mut client = Client::serve(dir.path(), "utf-16");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "untitled:Untitled-1", "languageId": "markdown", "version": 1, "text": ARTICLE}}),
    );
    let m = client.wait_for("diagnostics for the buffer", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == "untitled:Untitled-1"
    });
    let diagnostics = m["params"]["diagnostics"].as_array().expect("diagnostics");
    let broken = with_rule(diagnostics, "figures/broken-number");
    assert_eq!(broken.len(), 1);
    assert_eq!(
        broken[0]["severity"], 1,
        "the root's config made it an error"
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn a_burst_of_changes_and_a_huge_line_are_answered() {
    let dir = repo_with(&[("a.md", ARTICLE), ("b.md", ARTICLE)]);
    let path = dir.path().join("a.md");
    let other = dir.path().join("b.md");
    let mut client = Client::serve(dir.path(), "utf-16");
    // The folder's index is in, so nothing else re-lints the documents meanwhile.
    client.wait_indexed("indexed");
    client.open(&path, ARTICLE);
    client.diagnostics(&path, Some(1));
    client.open(&other, ARTICLE);
    client.diagnostics(&other, Some(1));
    for version in 2..=1001 {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(&path), "version": version},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}],
            }),
        );
    }
    let last = client.diagnostics(&path, Some(1001));
    assert_eq!(with_rule(&last, "figures/broken-number").len(), 1);

    // The sizes: a document of more than 10 MB that is one line of 10 million
    // characters (9 million ASCII, then half a million emoji with their spaces).
    let line = "word ".repeat(1_800_000) + &"😀 ".repeat(500_000) + "about 7. 5% of adults.";
    assert_eq!(line.chars().count(), 10_000_022);
    assert!(line.len() > 10_000_000);
    client.change_all(&path, 1002, &line);
    // While it is linted (tens of seconds in a debug build), the server answers requests that
    // need no lint: a hover on the other document, and an unknown method.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&other)}, "position": {"line": 2, "character": 18}}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.starts_with("**figures/broken-number**")),
        "{hover}"
    );
    let unknown = client.request("carelint/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    assert!(
        !client.seen.iter().any(|m| m["params"]["version"] == 1002),
        "the answers did not wait for the huge document"
    );
    // Its diagnostics come when its lint is done, however long a slow build takes.
    client.wait = Duration::from_secs(900);
    let huge = client.diagnostics(&path, Some(1002));
    client.wait = WAIT;
    let broken = with_rule(&huge, "figures/broken-number");
    assert_eq!(broken.len(), 1, "{huge:#?}");
    // UTF-16: 9,000,000 + 500,000 × 3 (an emoji is two units) + "about ".
    assert_eq!(range(broken[0]).1, 10_500_006);
    // And it goes on: a small change is linted as before.
    client.change_all(&path, 1003, ARTICLE);
    let small = client.diagnostics(&path, Some(1003));
    assert_eq!(with_rule(&small, "figures/broken-number").len(), 1);
    assert_eq!(client.shutdown_and_exit(), 0);
}

// ---- figures/cross-article: the open document against the other articles of its folder ----

/// A published article and a draft that contradicts it (“up to 10%” against “41%”, both about
/// men who cried after sex at some time in their lives).
const PUBLISHED: &str = "# Crying after sex\n\nA survey found that 41% of men had cried after sex at some point in their lives.\n";
const DRAFT: &str =
    "# Draft\n\nUp to 10% of men have cried after sex at some point in their lives.\n";
/// The same draft, consistent with the published figure.
const CONSISTENT: &str =
    "# Draft\n\nAbout 40% of men have cried after sex at some point in their lives.\n";

impl Client {
    /// Waits for the server's log line saying the folder's index was built or updated.
    fn wait_indexed(&mut self, how: &str) {
        self.wait_for(&format!("the index {how}"), |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("figures/cross-article") && s.contains(how))
        });
    }

    /// The next diagnostics published for `path` after everything seen so far (older
    /// publications waiting in `seen` are dropped).
    fn next_diagnostics(&mut self, path: &Path) -> Vec<Value> {
        let target = uri(path);
        self.seen.retain(|m| {
            !(m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == target.as_str())
        });
        self.diagnostics(path, None)
    }

    fn change_all(&mut self, path: &Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": text}]}),
        );
    }
}

#[test]
fn a_draft_that_contradicts_a_published_article_is_flagged_as_check_flags_it() {
    let dir = repo_with(&[("a-published.md", PUBLISHED), ("b-draft.md", DRAFT)]);
    let draft = dir.path().join("b-draft.md");
    let published = dir.path().join("a-published.md");

    // `check` on the folder: the draft sorts after the published article, so the finding is on
    // the draft, as in the editor.
    let (report, mut expected) = check_findings(dir.path(), &["."], "b-draft.md");
    assert!(
        expected.iter().any(|e| e.0 == "figures/cross-article"),
        "check flags the draft: {report}"
    );

    let mut client = Client::serve(dir.path(), "utf-8");
    client.wait_indexed("indexed");
    client.open(&draft, DRAFT);
    let diagnostics = client.diagnostics(&draft, Some(1));
    let mut got = lsp_findings(&diagnostics, DRAFT);
    expected.sort();
    got.sort();
    assert_eq!(got, expected);

    // The other figure is a related location in the published article.
    let cross = with_rule(&diagnostics, "figures/cross-article");
    let related = &cross[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri(&published));
    let at = PUBLISHED.find("41%").expect("the figure");
    assert_eq!(
        lsp_offset(PUBLISHED, &related["location"]["range"]["start"]),
        at
    );
    assert_eq!(
        lsp_offset(PUBLISHED, &related["location"]["range"]["end"]),
        at + 3
    );

    // Made consistent while it is written: the finding goes.
    client.change_all(&draft, 2, CONSISTENT);
    let consistent = client.diagnostics(&draft, Some(2));
    assert!(
        with_rule(&consistent, "figures/cross-article").is_empty(),
        "{consistent:#?}"
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn the_documents_own_saved_copy_is_not_compared_with_itself() {
    // On disk the article says 41% of men; open, it is being rewritten to “up to 10%”, which
    // only its own saved copy contradicts. Its figure for women contradicts the other article,
    // which shows the index is in use.
    let women = "# Women\n\nAbout 46% of women had cried after sex at some point in their lives.\n";
    let dir = repo_with(&[("a-published.md", PUBLISHED), ("c-women.md", women)]);
    let path = dir.path().join("a-published.md");
    let edited =
        format!("{DRAFT}\nAbout 10% of women had cried after sex at some point in their lives.\n");
    let mut client = Client::serve(dir.path(), "utf-8");
    client.wait_indexed("indexed");
    client.open(&path, &edited);
    let diagnostics = client.diagnostics(&path, Some(1));
    assert_one_contradiction_with(&diagnostics, "c-women.md");
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn saving_or_changing_an_article_on_disk_updates_the_index() {
    let dir = repo_with(&[("a-published.md", PUBLISHED), ("b-draft.md", DRAFT)]);
    let draft = dir.path().join("b-draft.md");
    let published = dir.path().join("a-published.md");
    let mut client = Client::serve(dir.path(), "utf-16");
    client.open(&draft, DRAFT);
    // Linted at once; compared again once the folder is indexed.
    client.wait_indexed("indexed");
    let first = client.next_diagnostics(&draft);
    assert_eq!(
        with_rule(&first, "figures/cross-article").len(),
        1,
        "{first:#?}"
    );

    // The published article is edited and saved in the editor: the draft agrees with it now.
    let lower = PUBLISHED.replace("41%", "8%");
    std::fs::write(&published, &lower).expect("write");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&published)}}),
    );
    client.wait_indexed("updated");
    let saved = client.next_diagnostics(&draft);
    assert!(
        with_rule(&saved, "figures/cross-article").is_empty(),
        "{saved:#?}"
    );

    // Changed back outside the editor (a watched-file change): flagged again.
    std::fs::write(&published, PUBLISHED).expect("write");
    client.watched(&published, 2);
    client.wait_indexed("updated");
    let changed = client.next_diagnostics(&draft);
    assert_eq!(
        with_rule(&changed, "figures/cross-article").len(),
        1,
        "{changed:#?}"
    );

    // Deleted: nothing to contradict. Created under another name: flagged, pointing there.
    std::fs::remove_file(&published).expect("remove");
    client.watched(&published, 3);
    client.wait_indexed("updated");
    let deleted = client.next_diagnostics(&draft);
    assert!(
        with_rule(&deleted, "figures/cross-article").is_empty(),
        "{deleted:#?}"
    );
    let created = dir.path().join("a-new.md");
    std::fs::write(&created, PUBLISHED).expect("write");
    client.watched(&created, 1);
    client.wait_indexed("updated");
    let again = client.next_diagnostics(&draft);
    let cross = with_rule(&again, "figures/cross-article");
    assert_eq!(cross.len(), 1, "{again:#?}");
    assert_eq!(
        cross[0]["relatedInformation"][0]["location"]["uri"],
        uri(&created)
    );

    // Turned off in the configuration: no finding.
    let config = dir.path().join(".carelint.yml");
    std::fs::write(&config, "rules:\n  figures/cross-article: off\n").expect("write config");
    client.watched(&config, 1);
    client.wait_indexed("indexed");
    let off = client.next_diagnostics(&draft);
    assert!(
        with_rule(&off, "figures/cross-article").is_empty(),
        "{off:#?}"
    );
    assert_eq!(client.shutdown_and_exit(), 0);
}

#[test]
fn an_ignored_article_takes_no_part_as_in_check() {
    // `.gitignore` and `exclude` keep an article out of the folder's index, as out of `check`.
    let dir = repo_with(&[
        (".gitignore", "private/\n"),
        (".carelint.yml", "exclude:\n  - \"old-*.md\"\n"),
        ("old-published.md", PUBLISHED),
        ("b-draft.md", DRAFT),
        ("c-other.md", CONSISTENT),
    ]);
    std::fs::create_dir(dir.path().join("private")).expect("mkdir");
    std::fs::write(dir.path().join("private/a.md"), PUBLISHED).expect("write");
    let draft = dir.path().join("b-draft.md");
    let mut client = Client::serve(dir.path(), "utf-16");
    client.wait_indexed("(2 articles,");
    client.open(&draft, DRAFT);
    let diagnostics = client.diagnostics(&draft, Some(1));
    // Only c-other.md (“about 40%”) is compared, and it contradicts the draft too.
    assert_one_contradiction_with(&diagnostics, "c-other.md");
    assert_eq!(client.shutdown_and_exit(), 0);
}
