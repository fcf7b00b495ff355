//! `figures/cross-article` and `carelint claims`: figures compared across a run's articles.

use assert_cmd::Command;
use serde_json::Value;

fn carelint() -> Command {
    let mut cmd = Command::cargo_bin("carelint").expect("binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn json(args: &[&str]) -> Value {
    let output = carelint().args(args).output().expect("runs");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn conflicting_figures_across_articles_are_reported_with_the_other_place() {
    let report = json(&[
        "check",
        "fixtures/figures/cross-article",
        "--format",
        "json",
    ]);
    let found: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["rule"] == "figures/cross-article")
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one conflict: men, lifetime, crying after sex: {found:?}"
    );
    let d = found[0];
    assert_eq!(d["path"], "fixtures/figures/cross-article/b-men.md");
    assert!(
        d["message"]
            .as_str()
            .unwrap_or_default()
            .contains("“41%” disagrees with “Up to 10%”")
    );
    let related = &d["related"][0];
    assert_eq!(related["path"], "fixtures/figures/cross-article/a-tears.md");
    assert_eq!(
        (related["line"].as_u64(), related["column"].as_u64()),
        (Some(3), Some(1))
    );
    let text =
        std::fs::read_to_string("fixtures/figures/cross-article/a-tears.md").expect("fixture");
    let (s, e) = (
        related["span"]["start"].as_u64().unwrap_or(0) as usize,
        related["span"]["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[s..e], "Up to 10%");
}

#[test]
fn one_article_alone_is_not_compared() {
    let report = json(&[
        "check",
        "fixtures/figures/cross-article/b-men.md",
        "--format",
        "json",
    ]);
    assert!(
        report["diagnostics"]
            .as_array()
            .expect("list")
            .iter()
            .all(|d| d["rule"] != "figures/cross-article")
    );
}

#[test]
fn the_comparison_is_the_same_for_any_number_of_threads() {
    let one = carelint()
        .args([
            "check",
            "fixtures/samples",
            "fixtures/figures",
            "--format",
            "json",
            "-j",
            "1",
        ])
        .output()
        .expect("runs");
    let four = carelint()
        .args([
            "check",
            "fixtures/samples",
            "fixtures/figures",
            "--format",
            "json",
            "-j",
            "4",
        ])
        .output()
        .expect("runs");
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn claims_prints_keyed_figures_as_json_lines() {
    let output = carelint()
        .args(["claims", "fixtures/figures/cross-article"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 8);
    let men = lines
        .iter()
        .find(|c| c["text"] == "41%")
        .expect("the 41% claim");
    assert_eq!(men["path"], "fixtures/figures/cross-article/b-men.md");
    assert_eq!(men["population"], "men");
    assert_eq!(men["window"], "lifetime");
    assert_eq!(men["measure"], "postcoital-dysphoria");
    assert_eq!(men["values"][0], 41.0);
    assert_eq!(men["precision"], 0);
    assert_eq!(men["source"], "weak");
    let adults: Vec<&Value> = lines
        .iter()
        .filter(|c| c["measure"] == "depression")
        .collect();
    assert_eq!(adults.len(), 2);
    assert_ne!(
        adults[0]["year"], adults[1]["year"],
        "different years are different quantities"
    );
}
