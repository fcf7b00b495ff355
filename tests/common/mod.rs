//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use carelint::lint::article::lint_source;
use carelint::lint::rule_set::RuleSet;
use carelint::model::diagnostic::Diagnostic;
use carelint::model::source::SourceFile;
use carelint::parse::{Document, ParseOptions};
use carelint::workspace::config::{ConfigFile, RulesConfig, builtin_pack};
use proptest::prelude::*;
use serde_json::Value;
use tempfile::TempDir;
use unicode_segmentation::UnicodeSegmentation;

/// Lints `text` as the file `name` with every rule at its default level.
pub fn lint_text(name: &str, text: &str) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let source = Arc::new(SourceFile::new(name, text));
    let rules = RuleSet::build(&RulesConfig::default()).expect("default rules build");
    let options = ParseOptions::for_path(Path::new(name));
    let diagnostics = lint_source(Arc::clone(&source), options, &rules);
    (source, diagnostics)
}

pub fn lint_path(path: &Path) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    lint_text(&path.to_string_lossy(), &text)
}

pub fn fixture(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Whitespace folded to single spaces.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a stigmatising finding names: between the first “ and the next ”.
pub fn named(message: &str) -> Option<&str> {
    let start = message.find('“')? + '“'.len_utf8();
    let len = message[start..].find('”')?;
    Some(&message[start..start + len])
}

/// Asserts the span is valid and slices to exactly the text the message names.
pub fn assert_span_names_its_text(source: &SourceFile, d: &Diagnostic) {
    let slice = source
        .slice(d.span)
        .unwrap_or_else(|| panic!("span {:?} of {} is not on char boundaries", d.span, d.rule));
    if let Some(name) = named(&d.message) {
        assert_eq!(
            fold(slice),
            name,
            "span of `{}` does not slice to the text it names",
            d.message
        );
    }
}

/// Asserts the span lies within the text, on character boundaries, and slices to exactly the
/// text the message names: what every generated article's findings must do.
pub fn assert_span_slices(source: &SourceFile, d: &Diagnostic) {
    let text = &source.text;
    assert!(d.span.end <= text.len());
    assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    assert_span_names_its_text(source, d);
}

/// Asserts every word of prose in `doc` maps back to `text` on character boundaries, to a
/// slice `fits` accepts for that word (the word itself, or its source form: an entity, an
/// escape, markup).
pub fn assert_words_map(doc: &Document, text: &str, fits: impl Fn(&str, &str) -> bool) {
    for block in &doc.blocks {
        for (i, word) in block.text().unicode_word_indices() {
            let span = block.prose.source_span(i, i + word.len());
            let slice = text
                .get(span.range())
                .unwrap_or_else(|| panic!("{word:?} mapped off char boundaries"));
            assert!(
                fits(word, slice),
                "{word:?} mapped to {slice:?} in {text:?}"
            );
        }
    }
}

/// A generated line: one to seven `inline` fragments joined by spaces.
pub fn line_of(inline: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop::collection::vec(inline, 1..8).prop_map(|parts| parts.join(" "))
}

/// Lints `text` as the file `name` with a publication's `rules:` map (YAML) on top of the
/// defaults.
pub fn lint_text_with(
    name: &str,
    text: &str,
    rules_yaml: &str,
) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let source = Arc::new(SourceFile::new(name, text));
    let config: RulesConfig = serde_yaml::from_str(rules_yaml).expect("fixture config parses");
    let rules = RuleSet::build(&config).expect("fixture config builds");
    let options = ParseOptions::for_path(Path::new(name));
    let diagnostics = lint_source(Arc::clone(&source), options, &rules);
    (source, diagnostics)
}

/// Lints the fixture at `path` with built-in packs applied in order (`["recommended",
/// "strict"]`), as a publication that `extends:` them would.
pub fn lint_path_with_packs(path: &Path, packs: &[&str]) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let source = Arc::new(SourceFile::new(path.to_string_lossy(), text));
    let mut config = RulesConfig::default();
    for pack in packs {
        let yaml = builtin_pack(pack).expect("built-in pack");
        let file: ConfigFile = serde_yaml::from_str(yaml).expect("built-in pack parses");
        config.merge(&file.rules);
    }
    let rules = RuleSet::build(&config).expect("pack rules build");
    let options = ParseOptions::for_path(path);
    let diagnostics = lint_source(Arc::clone(&source), options, &rules);
    (source, diagnostics)
}

/// Whether this process runs as root (which reads and writes files whatever their mode).
pub fn is_root() -> bool {
    // /proc/self/status has `Uid: real effective saved fs`; no libc needed.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

/// The user the root-only halves of tests run as: `CARELINT_UNPRIVILEGED_USER` (`.ci/run` makes
/// one), else `nobody`.
pub fn unprivileged_user() -> String {
    std::env::var("CARELINT_UNPRIVILEGED_USER").unwrap_or_else(|_| "nobody".into())
}

/// Runs test `name` of this binary as an unprivileged user (with `runuser`) and fails unless it
/// passes there. Without `runuser` or the user, the test fails in CI (`CI` set) and says it
/// skipped elsewhere.
pub fn rerun_unprivileged(name: &str) {
    let user = unprivileged_user();
    let exe = std::env::current_exe().expect("test binary path");
    let known = std::process::Command::new("id")
        .arg(&user)
        .output()
        .is_ok_and(|o| o.status.success());
    let output = known
        .then(|| {
            std::process::Command::new("runuser")
                .args(["-u", &user, "--"])
                .arg(&exe)
                .args(["--exact", name, "--test-threads=1", "--nocapture"])
                .env("TMPDIR", std::env::temp_dir())
                .current_dir(std::env::temp_dir())
                .output()
                .ok()
        })
        .flatten();
    let Some(output) = output else {
        let why =
            format!("cannot run as user {user:?} with runuser (set CARELINT_UNPRIVILEGED_USER)");
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("skipped the unprivileged half of {name}: {why}");
        return;
    };
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "as {user}:\n{out}");
    // `--exact` with a wrong name would run nothing and still succeed.
    assert!(
        out.contains("test result: ok. 1 passed;"),
        "as {user}:\n{out}"
    );
}

/// A temporary folder with an empty `.git`, so the configuration cascade stops there.
pub fn repo() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    dir
}

/// A [`repo`] holding `files` (paths relative to it, and their text).
pub fn repo_with(files: &[(&str, &str)]) -> TempDir {
    let dir = repo();
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    dir
}

/// Writes `bytes` to `rel` under `dir`, making its folders; returns its path.
pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, bytes).expect("write");
    path
}

/// Every file under `dir` (in all its folders) whose name ends in `.{extension}`.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_with_extension(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
    out
}

/// The findings of a `--format json` report.
pub fn diagnostics(json: &Value) -> &Vec<Value> {
    json["diagnostics"].as_array().expect("diagnostics array")
}

/// The findings a `--format json` report has for `path`.
pub fn for_path<'a>(json: &'a Value, path: &str) -> Vec<&'a Value> {
    diagnostics(json)
        .iter()
        .filter(|d| d["path"] == path)
        .collect()
}

/// The one finding a `--format json` report has for `path`.
pub fn only<'a>(json: &'a Value, path: &str) -> &'a Value {
    let found = for_path(json, path);
    assert_eq!(found.len(), 1, "one diagnostic for {path}: {json:#}");
    found[0]
}
