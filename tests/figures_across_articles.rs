//! `figures/cross-article` and `carelint claims`: figures compared across a run's articles.

use assert_cmd::Command;
use serde_json::Value;

fn carelint() -> Command {
    let mut cmd = Command::cargo_bin("carelint").expect("binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The `figures/cross-article` findings of a JSON report.
fn cross_article(report: &Value) -> Vec<&Value> {
    report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["rule"] == "figures/cross-article")
        .collect()
}

fn json(args: &[&str]) -> Value {
    let output = carelint().args(args).output().expect("runs");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn conflicting_figures_across_articles_are_reported_with_the_other_place() {
    let report = json(&[
        "check",
        "fixtures/figures/cross-article/a-tears.md",
        "fixtures/figures/cross-article/b-men.md",
        "--format",
        "json",
    ]);
    let found = cross_article(&report);
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
    let with_jobs = |jobs: &str| {
        let args = [
            "check",
            "fixtures/samples",
            "fixtures/figures",
            "--format",
            "json",
        ];
        carelint()
            .args(args)
            .args(["-j", jobs])
            .output()
            .expect("runs")
    };
    let (one, four) = (with_jobs("1"), with_jobs("4"));
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn claims_prints_keyed_figures_as_json_lines() {
    let output = carelint()
        .args([
            "claims",
            "fixtures/figures/cross-article/a-tears.md",
            "fixtures/figures/cross-article/b-men.md",
        ])
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

/// Four articles about one quantity (men, at any time in their lives, crying after sex):
/// 10%, 41%, 41% and 25%, with `config` as the root configuration.
fn four_articles(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(".carelint.yml"), config).expect("write");
    for (name, figure) in [("a", "10%"), ("b", "41%"), ("c", "41%"), ("d", "25%")] {
        std::fs::write(
            dir.path().join(format!("{name}.md")),
            format!("# Men and tears\n\n{figure} of men have cried after sex at some point in their lives.\n"),
        )
        .expect("write");
    }
    dir
}

/// (file, severity, the earlier file it names) for each cross-article finding of `report`.
fn cross_findings(report: &Value) -> Vec<(String, String, String)> {
    cross_article(report)
        .into_iter()
        .map(|d| {
            let related = d["related"].as_array().expect("related places");
            assert_eq!(related.len(), 1, "{d:#}");
            (
                d["path"].as_str().unwrap_or_default().to_string(),
                d["severity"].as_str().unwrap_or_default().to_string(),
                related[0]["path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn check_in(dir: &std::path::Path, args: &[&str]) -> Value {
    let output = Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(dir)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn owned(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

/// Each article is compared with every article before it in path order. A figure that
/// disagrees with earlier figures on both sides (25% after 10% and 41%) names one: the highest
/// earlier figure, from the first article that gave it.
#[test]
fn over_several_articles_each_finding_names_a_pinned_earlier_figure() {
    let dir = four_articles("root: true\n");
    let report = check_in(dir.path(), &["."]);
    assert_eq!(
        cross_findings(&report),
        owned(&[
            ("b.md", "warning", "a.md"),
            ("c.md", "warning", "a.md"),
            ("d.md", "warning", "b.md"),
        ])
    );
    let d = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["rule"] == "figures/cross-article" && d["path"] == "d.md")
        .expect("d.md's finding");
    assert_eq!(d["message"], "“25%” disagrees with “41%” in b.md");
}

/// Overrides set the rule's level per article: a finding takes its own article's level, and an
/// article whose rule is off takes no part in the comparison.
#[test]
fn over_several_articles_levels_follow_each_articles_overrides() {
    let info = four_articles(
        "root: true\noverrides:\n  - files: [\"c.md\"]\n    rules:\n      figures/cross-article: info\n",
    );
    assert_eq!(
        cross_findings(&check_in(info.path(), &["."])),
        owned(&[
            ("b.md", "warning", "a.md"),
            ("c.md", "info", "a.md"),
            ("d.md", "warning", "b.md"),
        ])
    );
    let off = four_articles(
        "root: true\noverrides:\n  - files: [\"a.md\"]\n    rules:\n      figures/cross-article: off\n",
    );
    assert_eq!(
        cross_findings(&check_in(off.path(), &["."])),
        owned(&[("d.md", "warning", "b.md")]),
        "without a.md's 10%, only the 25% disagrees"
    );
}

/// `claims` then `check-claims` (what a sharded CI run does) finds what `check` finds, with
/// the same levels, over several articles and per-article overrides.
#[test]
fn over_several_articles_check_claims_equals_check() {
    let dir = four_articles(
        "root: true\noverrides:\n  - files: [\"c.md\"]\n    rules:\n      figures/cross-article: info\n",
    );
    let checked = check_in(dir.path(), &["."]);
    let claims = Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(dir.path())
        .args(["claims", "."])
        .output()
        .expect("runs");
    assert_eq!(claims.status.code(), Some(0));
    std::fs::write(dir.path().join("claims.jsonl"), &claims.stdout).expect("write");
    let output = Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(dir.path())
        .args([
            "check-claims",
            "claims.jsonl",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .output()
        .expect("runs");
    let compared: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(cross_findings(&compared), cross_findings(&checked));
    let fields = |report: &Value| -> Vec<Value> {
        cross_article(report)
            .into_iter()
            .map(|d| {
                serde_json::json!([
                    d["path"],
                    d["span"],
                    d["message"],
                    d["severity"],
                    d["related"][0]["span"]
                ])
            })
            .collect()
    };
    assert_eq!(fields(&compared), fields(&checked));
}
