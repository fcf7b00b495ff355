//! Snapshots of what users see: human and JSON output on the bundled sample articles, the rules
//! table and a rule's explanation. A change in wording, order or position shows up in review.

use assert_cmd::Command;

fn carelint() -> Command {
    let mut cmd = Command::cargo_bin("carelint").expect("binary builds");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn stdout(cmd: &mut Command) -> (String, i32) {
    let output = cmd.output().expect("runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn human_output_on_samples() {
    let (out, code) = stdout(carelint().args(["check", "fixtures/samples"]));
    assert_eq!(code, 0, "warnings and infos do not fail the default run");
    insta::assert_snapshot!(out);
}

/// A related location (the other article's figure) is shown under its finding with its own
/// message, never under an empty `Warning: ` header.
#[test]
fn human_output_shows_related_places_without_an_empty_header() {
    let (out, _) = stdout(carelint().args(["check", "fixtures/samples"]));
    let empty: Vec<&str> = out
        .lines()
        .filter(|l| ["Error:", "Warning:", "Advice:"].contains(&l.trim()))
        .collect();
    assert!(empty.is_empty(), "{empty:?} in:\n{out}");
    assert!(out.contains("“41%” here"), "{out}");
}

#[test]
fn json_output_on_samples() {
    let (out, code) = stdout(carelint().args(["check", "fixtures/samples", "--format", "json"]));
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["tool"]["name"], "carelint");
    insta::assert_snapshot!(out);
}

#[test]
fn compact_output_on_samples_fails_on_warning() {
    let (out, code) = stdout(carelint().args([
        "check",
        "fixtures/samples",
        "--format",
        "compact",
        "--fail-on",
        "warning",
    ]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn rules_table() {
    let (out, code) = stdout(carelint().args(["rules"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn explain_shows_bad_and_good_examples() {
    let (out, code) = stdout(carelint().args(["explain", "language/stigmatising"]));
    assert_eq!(code, 0);
    assert!(out.contains("## Bad") && out.contains("## Good"));
    insta::assert_snapshot!(out);
}

#[test]
fn explain_unknown_rule_suggests() {
    let output = carelint()
        .args(["explain", "language/stigmatizing"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("did you mean `language/stigmatising`"),
        "{err}"
    );
}

/// Every id a report can carry has an `explain` page, rules or not.
#[test]
fn explain_covers_suppression_and_run_findings() {
    for id in [
        "suppression/unused",
        "suppression/invalid",
        "input",
        "config",
    ] {
        let (out, code) = stdout(carelint().args(["explain", id]));
        assert_eq!(code, 0, "{id}");
        assert!(out.starts_with(&format!("# {id}\n")), "{out}");
    }
    let output = carelint()
        .args(["explain", "suppresion/unused"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("did you mean `suppression/unused`"), "{err}");
}
