//! `--write-baseline` and `--baseline`: adopting carelint on an archive, reporting only new
//! findings.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(".carelint.yml"), "root: true\n").expect("config");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("article");
    }
    dir
}

struct Run {
    report: Value,
    stdout: String,
    code: i32,
    stderr: String,
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .expect("runs");
    Run {
        report: serde_json::from_slice(&output.stdout).unwrap_or(Value::Null),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `check --format json --baseline baseline.json` in `dir`.
fn against_baseline(dir: &Path) -> Run {
    check(dir, &["--format", "json", "--baseline", "baseline.json"])
}

/// (path, line, text of the span) of every finding in a JSON report.
fn found(dir: &Path, report: &Value) -> Vec<(String, u64, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap_or_default().to_string();
            let text = std::fs::read_to_string(dir.join(&path)).unwrap_or_default();
            let (s, e) = (
                d["span"]["start"].as_u64().unwrap_or(0) as usize,
                d["span"]["end"].as_u64().unwrap_or(0) as usize,
            );
            (
                path,
                d["line"].as_u64().unwrap_or(0),
                text.get(s..e).unwrap_or_default().to_string(),
            )
        })
        .collect()
}

const ARTICLE: &str = "\
# Living with it

He suffers from depression.

One survey found 46% of women cry after sex.
";

#[test]
fn a_written_baseline_hides_todays_findings_and_is_deterministic() {
    let dir = repo(&[("a.md", ARTICLE), ("b.md", "The addict left.\n")]);
    let before = check(dir.path(), &["--format", "json"]);
    assert_eq!(found(dir.path(), &before.report).len(), 3);

    let written = check(
        dir.path(),
        &["--format", "json", "--write-baseline", "baseline.json"],
    );
    assert_eq!(written.code, 0);
    assert!(
        written.stderr.contains("recorded 3 findings"),
        "{}",
        written.stderr
    );
    assert!(found(dir.path(), &written.report).is_empty());
    let first = std::fs::read_to_string(dir.path().join("baseline.json")).expect("written");
    let json: Value = serde_json::from_str(&first).expect("baseline is JSON");
    assert_eq!(json["version"], 2, "version 2 fingerprints by sentence");
    let entries = json["findings"].as_array().expect("findings");
    let keys: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["path"].to_string(),
                e["rule"].to_string(),
                e["fingerprint"].to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "entries are sorted");
    assert!(!first.contains("\"line\""), "no line numbers: {first}");

    // Same findings, any thread count: byte-identical file.
    check(
        dir.path(),
        &["--jobs", "1", "--write-baseline", "again.json"],
    );
    let second = std::fs::read_to_string(dir.path().join("again.json")).expect("written");
    assert_eq!(first, second);

    let after = check(
        dir.path(),
        &[
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "--fail-on",
            "warning",
        ],
    );
    assert!(found(dir.path(), &after.report).is_empty());
    assert_eq!(after.report["summary"]["baselined"], 3);
    assert_eq!(after.code, 0, "hidden findings do not fail the run");

    let human = check(
        dir.path(),
        &["--baseline", "baseline.json", "--color", "never"],
    );
    let text = human.stdout;
    assert!(text.contains("3 findings hidden by the baseline"), "{text}");
}

#[test]
fn the_baseline_survives_lines_inserted_above_and_reports_new_findings() {
    let dir = repo(&[("a.md", ARTICLE)]);
    check(dir.path(), &["--write-baseline", "baseline.json"]);
    let edited = ARTICLE.replace(
        "# Living with it\n",
        "# Living with it\n\nA new introduction,\nover two lines.\n\nThe addict left.\n",
    );
    std::fs::write(dir.path().join("a.md"), &edited).expect("edit");
    let run = against_baseline(dir.path());
    assert_eq!(
        found(dir.path(), &run.report),
        vec![("a.md".to_string(), 6, "addict".to_string())],
        "only the new finding; the old ones moved down and stay hidden"
    );
    assert_eq!(run.report["summary"]["baselined"], 2);
    // Editing a flagged line makes its finding new.
    let reworded = edited.replace("He suffers from depression.", "He suffers from anxiety.");
    std::fs::write(dir.path().join("a.md"), reworded).expect("edit");
    let run = against_baseline(dir.path());
    assert_eq!(found(dir.path(), &run.report).len(), 2);
}

#[test]
fn editing_another_sentence_of_the_paragraph_keeps_findings_hidden() {
    // A paragraph is one line: by line, any edit in it brought all its findings back.
    let text = "# Grief\n\nHe suffers from migraines. The addict left town in May. It rained.\n";
    let dir = repo(&[("a.md", text)]);
    check(dir.path(), &["--write-baseline", "baseline.json"]);
    let other = text.replace("It rained.", "It rained for a week.");
    std::fs::write(dir.path().join("a.md"), &other).expect("edit");
    let run = against_baseline(dir.path());
    assert!(
        found(dir.path(), &run.report).is_empty(),
        "{:?}",
        found(dir.path(), &run.report)
    );
    // Rewording one finding's own sentence brings back that finding only.
    let own = other.replace(
        "He suffers from migraines.",
        "He suffers from bad migraines.",
    );
    std::fs::write(dir.path().join("a.md"), &own).expect("edit");
    let run = against_baseline(dir.path());
    let back: Vec<String> = found(dir.path(), &run.report)
        .into_iter()
        .map(|(_, _, t)| t)
        .collect();
    assert_eq!(back, ["suffers from"], "{back:?}");
}

#[test]
fn identical_findings_are_counted() {
    let para = "The addict left.\n\n";
    let dir = repo(&[("a.md", &para.repeat(2))]);
    check(dir.path(), &["--write-baseline", "baseline.json"]);
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).expect("written");
    let json: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["findings"][0]["count"], 2, "{text}");

    std::fs::write(dir.path().join("a.md"), para.repeat(3)).expect("edit");
    let run = against_baseline(dir.path());
    assert_eq!(
        found(dir.path(), &run.report).len(),
        1,
        "two of three are known"
    );

    std::fs::write(dir.path().join("a.md"), para).expect("edit");
    let run = against_baseline(dir.path());
    assert!(found(dir.path(), &run.report).is_empty());
}

#[test]
fn a_malformed_or_missing_baseline_is_a_usage_error() {
    let dir = repo(&[("a.md", ARTICLE)]);
    for (content, says) in [
        ("{not json", "not valid"),
        ("{\"version\": 7, \"findings\": []}", "version 7"),
        ("{\"findings\": []}", "version"),
        (
            "{\"version\": 1, \"findings\": [{\"path\": 1}]}",
            "not valid",
        ),
    ] {
        std::fs::write(dir.path().join("bad.json"), content).expect("write");
        let run = check(dir.path(), &["--baseline", "bad.json"]);
        assert_eq!(run.code, 2, "{content}");
        assert!(
            run.stderr.contains("bad.json") && run.stderr.contains(says),
            "{}",
            run.stderr
        );
    }
    let run = check(dir.path(), &["--baseline", "missing.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read baseline"),
        "{}",
        run.stderr
    );
}

#[test]
fn input_errors_are_never_baselined() {
    let dir = repo(&[("a.md", ARTICLE)]);
    std::fs::write(dir.path().join("bad.md"), b"caf\xff\n").expect("write");
    let run = check(
        dir.path(),
        &["--format", "json", "--write-baseline", "baseline.json"],
    );
    assert_eq!(run.code, 2, "an unreadable file still fails the run");
    let left = found(dir.path(), &run.report);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].0, "bad.md");
}
