//! Files that cannot be linted as they are (not UTF-8, binary, empty, huge, missing, broken
//! links, link loops) each get one clear `input` diagnostic, and every other file in the same
//! run is still linted and reported.
//!
//! Every JSON run in this file goes through [`check_positions`], which recomputes each
//! diagnostic's line and column from the file's bytes and checks that spans lie on character
//! boundaries.

mod common;

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

use common::{diagnostics, for_path, only, repo, write};

const GOOD: &str = "Many people who suffer from depression never say so.\n";
const STIGMA: &str = "language/stigmatising";

/// Runs `carelint check --format json ARGS` in `dir`; returns the exit code and the report,
/// after checking every diagnostic's positions against the files on disk.
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let output = cargo_bin_cmd!("carelint")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .expect("run carelint");
    let stdout = String::from_utf8(output.stdout).expect("JSON output is UTF-8");
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{stdout}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(json["version"], 1);
    check_positions(dir, &json);
    (output.status.code().expect("exit code"), json)
}

/// Asserts `d` is an `input` diagnostic with this severity, and returns its message.
fn assert_input<'a>(d: &'a Value, severity: &str) -> &'a str {
    assert_eq!(d["rule"], "input", "{d:#}");
    assert_eq!(d["category"], "input", "{d:#}");
    assert_eq!(d["severity"], severity, "{d:#}");
    d["message"].as_str().expect("message")
}

/// Asserts the stigmatising-language finding in `GOOD` was reported for `path`.
fn assert_good_finding(json: &Value, path: &str) {
    let d = only(json, path);
    assert_eq!(d["rule"], STIGMA);
    assert_eq!(d["category"], "stigmatising-language");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["span"]["start"], 16);
    assert_eq!(d["span"]["end"], 27);
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(17))
    );
}

fn span(d: &Value) -> (usize, usize) {
    (
        d["span"]["start"].as_u64().unwrap() as usize,
        d["span"]["end"].as_u64().unwrap() as usize,
    )
}

/// 1-based line and column of `offset` in `bytes`, recomputed independently: lines end at
/// `\n`, `\r\n` or a lone `\r`; columns count characters from the start of the line, after a
/// byte-order mark on line 1 (editors do not show it).
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut line_start = if bytes.starts_with("\u{FEFF}".as_bytes()) && offset >= 3 {
        3
    } else {
        0
    };
    for (i, &b) in bytes[..offset].iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    let before = std::str::from_utf8(&bytes[line_start..offset])
        .expect("diagnostics point after valid UTF-8 only");
    (line, before.chars().count() + 1)
}

/// Checks every diagnostic in a report against the file it names: spans on char boundaries,
/// `line`/`column`/`end_line`/`end_column` equal to positions recomputed from the bytes.
/// Diagnostics for paths that cannot be read as files (missing, broken links, loops) must point
/// at 1:1 with an empty span.
fn check_positions(dir: &Path, json: &Value) {
    for d in diagnostics(json) {
        let path = d["path"].as_str().expect("path");
        let (start, end) = span(d);
        let got = (
            d["line"].as_u64().unwrap() as usize,
            d["column"].as_u64().unwrap() as usize,
            d["end_line"].as_u64().unwrap() as usize,
            d["end_column"].as_u64().unwrap() as usize,
        );
        let Ok(bytes) = std::fs::read(dir.join(path)) else {
            assert_eq!((start, end), (0, 0), "{d:#}");
            assert_eq!(got, (1, 1, 1, 1), "{d:#}");
            continue;
        };
        assert!(
            start <= end && end <= bytes.len(),
            "span out of range: {d:#}"
        );
        if let Ok(text) = std::str::from_utf8(&bytes) {
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "span not on char boundaries: {d:#}"
            );
            if let Some(fix) = d.get("fix") {
                let (fs, fe) = span(fix);
                assert!(
                    text.is_char_boundary(fs) && text.is_char_boundary(fe),
                    "{d:#}"
                );
            }
        }
        let (line, column) = position(&bytes, start);
        let (end_line, end_column) = position(&bytes, end);
        assert_eq!(
            got,
            (line, column, end_line, end_column),
            "line/column disagree with the byte offsets: {d:#}"
        );
    }
}

#[test]
fn invalid_utf8_is_an_error_pointing_at_the_line_and_other_files_are_linted() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    write(dir.path(), "bad.md", b"ok text\n\xff\xfe bad");
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2);
    let d = only(&json, "bad.md");
    let message = assert_input(d, "error");
    assert!(message.contains("UTF-8"), "{message}");
    assert!(message.contains("line 2"), "{message}");
    assert_eq!(span(d), (8, 8));
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(d["help"].as_str().unwrap().contains("UTF-8"));
    assert_good_finding(&json, "good.md");
}

#[test]
fn invalid_utf8_after_multibyte_text_points_at_the_character_column() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    // A truncated three-byte sequence after "é" on line 3.
    write(
        dir.path(),
        "cut.md",
        b"Intro.\n\nPara with \xc3\xa9 and \xe2\x80 cut",
    );
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2);
    let d = only(&json, "cut.md");
    let message = assert_input(d, "error");
    assert!(message.contains("line 3, column 17"), "{message}");
    assert_eq!(span(d), (25, 25));
    assert_good_finding(&json, "good.md");
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    write(
        dir.path(),
        "img.md",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10 suffers from",
    );
    let (code, json) = check_json(dir.path(), &["."]);
    // Input warnings do not fail the run, and the article's warning is below `error`.
    assert_eq!(code, 0);
    let message = assert_input(only(&json, "img.md"), "warning");
    assert!(message.contains("binary"), "{message}");
    assert_good_finding(&json, "good.md");
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn empty_and_whitespace_only_files_are_info() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    write(dir.path(), "empty.md", b"");
    write(dir.path(), "blank.txt", b"  \n\t\r\n   ");
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    let message = assert_input(only(&json, "empty.md"), "info");
    assert!(message.contains("empty"), "{message}");
    let message = assert_input(only(&json, "blank.txt"), "info");
    assert!(message.contains("whitespace"), "{message}");
    assert_good_finding(&json, "good.md");
    assert_eq!(json["summary"]["files"], 3);
    assert_eq!(json["summary"]["infos"], 2);
    assert_eq!(json["summary"]["warnings"], 1);
}

#[test]
fn fifty_megabyte_single_line_file_is_linted_with_exact_offsets() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    let words = 10_000_000; // "word " * 10M = 50 MB, under the 64 MiB default limit
    let mut text = "word ".repeat(words);
    let at = text.len() + "she ".len();
    text.push_str("she suffers from it ");
    text.push_str(&"word ".repeat(100));
    assert!(text.len() > 50_000_000);
    write(dir.path(), "big.md", &text);
    drop(text);

    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    let d = only(&json, "big.md");
    assert_eq!(d["rule"], STIGMA);
    assert_eq!(d["severity"], "warning");
    assert_eq!(span(d), (at, at + "suffers from".len()));
    assert_eq!(d["line"], 1);
    assert_eq!(d["column"].as_u64().unwrap() as usize, at + 1);
    assert_eq!(d["end_line"], 1);
    assert_eq!(
        d["end_column"].as_u64().unwrap() as usize,
        at + 1 + "suffers from".len()
    );
    assert_good_finding(&json, "good.md");
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn max_file_size_in_config_skips_larger_files_with_a_warning() {
    let dir = repo();
    write(dir.path(), ".carelint.yml", "max_file_size: 1000\n");
    write(dir.path(), "good.md", GOOD);
    let mut text = "A long article. ".repeat(125); // 2000 bytes
    text.push_str("She suffers from anxiety.\n");
    write(dir.path(), "long.md", &text);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    let d = only(&json, "long.md");
    let message = assert_input(d, "warning");
    assert!(message.contains("skipped"), "{message}");
    assert!(message.contains("limit"), "{message}");
    assert!(d["help"].as_str().unwrap().contains("max_file_size"));
    assert_good_finding(&json, "good.md");
    assert_eq!(json["summary"]["files"], 1);
}

#[test]

fn max_file_size_message_states_the_sizes_readably() {
    let dir = repo();
    write(dir.path(), ".carelint.yml", "max_file_size: 1000\n");
    write(dir.path(), "long.md", "A long article. ".repeat(125));
    let (_, json) = check_json(dir.path(), &["."]);
    let message = assert_input(only(&json, "long.md"), "warning");
    assert!(!message.contains("0.0 MB"), "{message}");
    assert!(
        [
            "1000 bytes",
            "1,000 bytes",
            "1.0 kB",
            "1.0 KB",
            "1 kB",
            "1 KB"
        ]
        .iter()
        .any(|limit| message.contains(limit)),
        "the message should state the 1000-byte limit: {message}"
    );
}

#[test]
fn missing_path_is_an_input_error_and_the_other_paths_are_linted() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    write(dir.path(), "other.md", GOOD);
    let (code, json) = check_json(dir.path(), &["good.md", "nope.md", "other.md"]);
    assert_eq!(code, 2);
    let message = assert_input(only(&json, "nope.md"), "error");
    assert_eq!(message, "no such file or folder");
    assert_good_finding(&json, "good.md");
    assert_good_finding(&json, "other.md");
    assert_eq!(json["summary"]["files"], 2);
    assert_eq!(json["summary"]["errors"], 1);
}

#[cfg(unix)]
#[test]
fn broken_symlinks_named_or_walked_are_input_errors() {
    use std::os::unix::fs::symlink;
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    write(dir.path(), "walk/inner.md", GOOD);
    symlink("nowhere.md", dir.path().join("dangling.md")).unwrap();
    symlink("../gone.md", dir.path().join("walk/dead.md")).unwrap();
    let (code, json) = check_json(dir.path(), &["good.md", "dangling.md", "walk"]);
    assert_eq!(code, 2);
    let message = assert_input(only(&json, "dangling.md"), "error");
    assert!(message.contains("broken link"), "{message}");
    let message = assert_input(only(&json, "walk/dead.md"), "error");
    assert!(message.contains("No such file"), "{message}");
    assert_good_finding(&json, "good.md");
    assert_good_finding(&json, "walk/inner.md");
    assert_eq!(json["summary"]["files"], 2);
}

#[cfg(unix)]
#[test]
fn broken_link_to_a_non_article_in_a_walked_folder_is_not_an_error() {
    use std::os::unix::fs::symlink;
    let dir = repo();
    write(dir.path(), "walk/inner.md", GOOD);
    symlink("missing.png", dir.path().join("walk/photo.png")).unwrap();
    let (code, json) = check_json(dir.path(), &["walk"]);
    assert!(for_path(&json, "walk/photo.png").is_empty(), "{json:#}");
    assert_eq!(code, 0);
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop_is_reported_once_and_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    write(dir.path(), "walk/a.md", GOOD);
    write(dir.path(), "walk/sub/b.md", GOOD);
    let walk = dir.path().join("walk");
    symlink(&walk, walk.join("loop")).unwrap();
    let (code, json) = check_json(dir.path(), &["good.md", "walk"]);
    assert_eq!(code, 2);
    let message = assert_input(only(&json, "walk/loop"), "error");
    assert!(message.contains("loop"), "{message}");
    // Each article exactly once: nothing was linted again through the loop.
    assert_good_finding(&json, "good.md");
    assert_good_finding(&json, "walk/a.md");
    assert_good_finding(&json, "walk/sub/b.md");
    assert_eq!(json["summary"]["files"], 3);
    assert_eq!(diagnostics(&json).len(), 4);
}

#[test]
fn crlf_and_lone_cr_line_endings_give_correct_lines_and_columns() {
    let dir = repo();
    write(
        dir.path(),
        "crlf.md",
        "# Title\r\n\r\nFirst line.\r\nShe suffers from anxiety.\r\n",
    );
    write(
        dir.path(),
        "cr.md",
        "Title line\rShe suffers from anxiety.\r\rAnd the mentally ill.",
    );
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "the mentally ill is an error");

    let d = only(&json, "crlf.md");
    assert_eq!(d["rule"], STIGMA);
    let start = "# Title\r\n\r\nFirst line.\r\nShe ".len();
    assert_eq!(span(d), (start, start + "suffers from".len()));
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(5))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(4), Some(17))
    );

    let found = for_path(&json, "cr.md");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(found[1]["severity"], "error");
    assert_eq!(
        (found[1]["line"].as_u64(), found[1]["column"].as_u64()),
        (Some(4), Some(5))
    );
}

#[test]
fn bom_and_multibyte_characters_columns_count_chars_and_spans_slice_bytes() {
    let dir = repo();
    let text = "\u{feff}Café naïve — people who suffer from anxiety.\nÜnïcödé 😀 text: he suffers from it.\n";
    write(dir.path(), "bom.md", text);
    let (code, json) = check_json(dir.path(), &["bom.md"]);
    assert_eq!(code, 0);
    let found = for_path(&json, "bom.md");
    assert_eq!(found.len(), 2, "{found:#?}");

    let (s, e) = span(found[0]);
    assert_eq!(&text.as_bytes()[s..e], b"suffer from");
    assert_eq!(s, 31, "3-byte BOM, é, ï and — are multi-byte");
    assert_eq!(found[0]["line"], 1);
    // Columns count Unicode scalar values as the JSON contract says, after the BOM (U+FEFF),
    // which editors do not show: 24 characters of text precede the phrase.
    assert_eq!(found[0]["column"], 25);
    assert_eq!(found[0]["end_column"], 25 + 11);

    let (s, e) = span(found[1]);
    assert_eq!(&text.as_bytes()[s..e], b"suffers from");
    assert_eq!(found[1]["line"], 2);
    // "Ünïcödé 😀 text: he " is 19 characters (30 bytes).
    assert_eq!(found[1]["column"], 20);
    assert_eq!(found[1]["end_column"], 32);
    let fix = &found[1]["fix"];
    assert_eq!(span(fix), (s, e));
    assert_eq!(fix["replacement"], "has");
}

#[cfg(unix)]
#[test]
fn every_bad_input_in_one_run_is_reported_and_the_rest_is_linted() {
    use std::os::unix::fs::symlink;
    let dir = repo();
    let d = dir.path();
    write(d, "good.md", GOOD);
    write(d, "bad.md", b"ok text\n\xff\xfe bad");
    write(d, "img.md", b"GIF89a\0\0\x01\0suffers from");
    write(d, "empty.md", b"");
    write(d, "ws.md", b" \n \n");
    write(d, "crlf.md", "Intro.\r\nHe suffers from it.\r\n");
    write(d, "bom.md", "\u{feff}Ça — he suffers from it.\n");
    write(d, "walk/inner.txt", GOOD);
    symlink("nowhere.md", d.join("dangling.md")).unwrap();
    symlink("../gone.md", d.join("walk/dead.md")).unwrap();
    symlink(d.join("walk"), d.join("walk/loop")).unwrap();

    let args = [
        "good.md",
        "bad.md",
        "img.md",
        "empty.md",
        "ws.md",
        "crlf.md",
        "bom.md",
        "dangling.md",
        "missing.md",
        "walk",
    ];
    let (code, json) = check_json(d, &args);
    assert_eq!(code, 2);

    assert!(assert_input(only(&json, "bad.md"), "error").contains("UTF-8"));
    assert!(assert_input(only(&json, "img.md"), "warning").contains("binary"));
    assert!(assert_input(only(&json, "empty.md"), "info").contains("empty"));
    assert!(assert_input(only(&json, "ws.md"), "info").contains("whitespace"));
    assert!(assert_input(only(&json, "dangling.md"), "error").contains("broken link"));
    assert!(assert_input(only(&json, "missing.md"), "error").contains("no such file"));
    assert!(assert_input(only(&json, "walk/dead.md"), "error").contains("No such file"));
    assert!(assert_input(only(&json, "walk/loop"), "error").contains("loop"));

    assert_good_finding(&json, "good.md");
    assert_good_finding(&json, "walk/inner.txt");
    let crlf = only(&json, "crlf.md");
    assert_eq!(crlf["rule"], STIGMA);
    assert_eq!(
        (crlf["line"].as_u64(), crlf["column"].as_u64()),
        (Some(2), Some(4))
    );
    let bom = only(&json, "bom.md");
    assert_eq!(bom["rule"], STIGMA);
    // "Ça — he " = 8 characters before the phrase; the BOM is not a column.
    assert_eq!(
        (bom["line"].as_u64(), bom["column"].as_u64()),
        (Some(1), Some(9))
    );

    assert_eq!(json["summary"]["errors"], 5);
    assert_eq!(json["summary"]["warnings"], 5);
    assert_eq!(json["summary"]["infos"], 2);
    assert_eq!(diagnostics(&json).len(), 12);
}

#[test]
fn summary_files_does_not_count_a_skipped_non_utf8_file() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    write(dir.path(), "bad.md", b"ok text\n\xff\xfe bad");
    let (_, json) = check_json(dir.path(), &["."]);
    assert_eq!(json["summary"]["files"], 1, "only good.md was linted");
}

/// Text cut by byte counts must never land inside a character: "(19–28 years)" put an en dash
/// inside a four-byte year test, and "€11 billion" a three-byte sign before a money figure, and
/// each took a real paper's findings away with an internal error.
#[test]
fn multi_byte_punctuation_next_to_figures_lints_without_internal_errors() {
    for text in [
        "Young adults (19–28 years) in the sample slept less.\n",
        "Teenagers (20–26) reported more worry.\n",
        "The cost is estimated at €11 billion/year (16).\n",
        "The cost of dementia in the UK is estimated at £26.3 billion (Prince et al., 2014).\n",
        "The EU awarded a €6.5 million grant, and between £2 million and €3.5 billion went elsewhere.\n",
        "Sections (20 μm) were cut, with stimuli of 200–400 ms.\n",
    ] {
        let (_, diagnostics) = common::lint_text("article.md", text);
        assert!(
            diagnostics.iter().all(|d| d.rule != "input"),
            "{text}: {diagnostics:?}"
        );
    }
}
