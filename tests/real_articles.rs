//! carelint on the real articles beside the repository (`../shared/`): the four seed articles it
//! was designed from and 174 public-domain health pages. Their text is third-party, so these
//! tests assert findings by rule and matched phrase, never by copying passages.
//!
//! A clean clone and the GitHub workflow have no `../shared`, so every test here is
//! `#[ignore = "needs ../shared"]`: cargo reports them as ignored, never as passed. `.ci/run`
//! runs them with `--include-ignored` when the folder exists, and then a missing subfolder fails.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn shared(rel: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    assert!(path.is_dir(), "{} is missing", path.display());
    path
}

fn check_json(dir: &Path) -> (Value, i32) {
    let output = Command::cargo_bin("carelint")
        .expect("binary")
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("runs");
    let json = serde_json::from_slice(&output.stdout).expect("JSON report");
    (json, output.status.code().unwrap_or(-1))
}

/// (file name, rule, matched source text) for every finding.
fn findings(json: &Value) -> Vec<(String, String, String)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap_or_default();
            let bytes = std::fs::read(path).unwrap_or_default();
            let (s, e) = (
                d["span"]["start"].as_u64().unwrap_or(0) as usize,
                d["span"]["end"].as_u64().unwrap_or(0) as usize,
            );
            let text = String::from_utf8_lossy(bytes.get(s..e).unwrap_or_default()).into_owned();
            let name = Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                d["rule"].as_str().unwrap_or_default().to_string(),
                text,
            )
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared"]
fn seeds_stigmatising_phrases_are_flagged_in_000_and_nothing_in_002() {
    let dir = shared("seeds");
    let (json, code) = check_json(&dir);
    assert_ne!(code, 2, "no input or config errors");
    let found = findings(&json);
    let stigma = |file: &str| -> Vec<String> {
        found
            .iter()
            .filter(|(f, r, _)| f.starts_with(file) && r == "language/stigmatising")
            .map(|(_, _, t)| t.clone())
            .collect()
    };
    let in_000 = stigma("000_");
    for phrase in [
        "prostitute",
        "Men Don't Cry",
        "Blubbering",
        "crying like a baby",
    ] {
        assert!(
            in_000.iter().any(|t| t == phrase),
            "000 should flag {phrase:?}: {in_000:?}"
        );
    }
    assert!(
        stigma("002_").is_empty(),
        "002 has no stigmatising phrasing: {:?}",
        stigma("002_")
    );
    // Every finding carries an alternative in its help.
    for d in json["diagnostics"].as_array().expect("list") {
        if d["rule"] == "language/stigmatising" {
            assert!(
                d["help"].as_str().is_some_and(|h| h.contains("Consider")),
                "{d}"
            );
        }
    }
}

#[test]
#[ignore = "needs ../shared"]
fn us_gov_corpus_lints_without_errors() {
    let dir = shared("corpus/us-gov");
    let (json, code) = check_json(&dir);
    assert_eq!(
        code, 0,
        "careful agency pages produce no error-level findings"
    );
    assert_eq!(json["summary"]["files"], 174);
    assert_eq!(json["summary"]["errors"], 0);
    // Pin the stigmatising findings, so any new one is reviewed by a person (see the closing
    // note of the foundation issue for why each is one an editor would agree with).
    let mut stigma: Vec<String> = findings(&json)
        .into_iter()
        .filter(|(_, r, _)| r == "language/stigmatising")
        .map(|(f, _, t)| format!("{f}: {t}"))
        .collect();
    stigma.sort();
    insta::assert_snapshot!(stigma.join("\n"));
}

fn check_json_with(dir: &Path, config: Option<&Path>) -> Value {
    let mut cmd = Command::cargo_bin("carelint").expect("binary");
    cmd.args(["check", "--format", "json"]);
    if let Some(config) = config {
        cmd.arg("--config").arg(config);
    }
    let output = cmd.arg(dir).output().expect("runs");
    serde_json::from_slice(&output.stdout).expect("JSON report")
}

fn help_seeking_files(json: &Value) -> Vec<String> {
    let mut files: Vec<String> = findings(json)
        .into_iter()
        .filter(|(_, r, _)| r == "safety/help-seeking")
        .map(|(f, _, _)| f[..3].to_string())
        .collect();
    files.dedup();
    files
}

#[test]
#[ignore = "needs ../shared"]
fn seeds_help_seeking_000_has_none_and_001_to_003_pass_at_generic_only() {
    let dir = shared("seeds");
    // Default requirements: 000 (rape, abuse, suicide, trauma, no help at all) is flagged;
    // 001-003 advise a therapist, a counsellor or professional help, which is enough.
    let json = check_json_with(&dir, None);
    assert_eq!(help_seeking_files(&json), ["000"]);
    for d in json["diagnostics"].as_array().expect("list") {
        if d["rule"] == "safety/help-seeking" {
            assert!(
                d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("never tells readers")),
                "{d}"
            );
        }
    }
    // A publication that requires a named service fails all four.
    let config = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(
        config.path(),
        "root: true\nrules:\n  safety/help-seeking:\n    require: {all: specific}\n",
    )
    .expect("write config");
    let json = check_json_with(&dir, Some(config.path()));
    assert_eq!(help_seeking_files(&json), ["000", "001", "002", "003"]);
}

#[test]
#[ignore = "needs ../shared"]
fn us_gov_corpus_safety_findings() {
    let dir = shared("corpus/us-gov");
    let (json, _) = check_json(&dir);
    // Pin every safety finding. Each help-seeking one is on a page that gives no helpline
    // (statistics pages, program pages, a 700-byte index); the suicide pages that give 988 pass.
    let mut safety: Vec<String> = findings(&json)
        .into_iter()
        .filter(|(_, r, _)| r.starts_with("safety/"))
        .map(|(f, r, t)| format!("{f}: {r}: {t}"))
        .collect();
    safety.sort();
    insta::assert_snapshot!(safety.join("\n"));
}
