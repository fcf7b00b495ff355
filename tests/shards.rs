//! `--shard K/N` and `carelint check-claims`: a CI matrix gives what one run gives.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::write;

fn carelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("carelint").expect("binary");
    cmd.current_dir(dir);
    cmd
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The paths a JSON Lines `claims` output covers.
fn claim_paths(stdout: &[u8]) -> BTreeSet<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["path"].as_str().map(str::to_string))
        .collect()
}

/// The articles `check` covered: paths of every finding (the corpus gives each file some).
fn checked_paths(dir: &Path, args: &[&str]) -> (BTreeSet<String>, u64) {
    let output = carelint(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json", "--fail-on", "never"])
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let paths = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["path"].as_str().map(str::to_string))
        .collect();
    (paths, report["summary"]["files"].as_u64().unwrap_or(0))
}

/// An archive whose articles each state the share of men who have cried after sex, with values
/// that disagree, so shards must meet to find the conflicts.
fn archive(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..n {
        let share = [8, 41, 10, 45, 9, 30][i % 6];
        write(
            dir.path(),
            &format!("articles/{i:02}-tears.md"),
            format!(
                "# Tears after sex\n\nAbout {share}% of men have cried after sex at some point in their lives.\n\nHe suffers from anxiety.\n"
            ),
        );
    }
    dir
}

#[test]
fn shards_partition_the_files_stably() {
    let dir = archive(12);
    let (all, files) = checked_paths(dir.path(), &["articles"]);
    assert_eq!(files, 12);
    assert_eq!(all.len(), 12);
    for n in [2, 3, 5] {
        let mut union = BTreeSet::new();
        let mut total = 0;
        for k in 1..=n {
            let shard = format!("{k}/{n}");
            let (paths, files) = checked_paths(dir.path(), &["articles", "--shard", &shard]);
            assert_eq!(files as usize, paths.len());
            total += paths.len();
            union.extend(paths.iter().cloned());
            // The same shard whatever --jobs is, and whatever other files exist.
            let (again, _) =
                checked_paths(dir.path(), &["articles", "--shard", &shard, "--jobs", "1"]);
            assert_eq!(paths, again);
            let claims = carelint(dir.path())
                .args(["claims", "articles", "--shard", &shard])
                .output()
                .expect("runs");
            assert!(claim_paths(&claims.stdout).is_subset(&paths));
        }
        assert_eq!(union, all, "the shards of {n} cover every file");
        assert_eq!(total, all.len(), "the shards of {n} are disjoint");
    }
    // A file keeps its shard when others are added or removed.
    let (before, _) = checked_paths(dir.path(), &["articles", "--shard", "2/3"]);
    write(
        dir.path(),
        "articles/zz-new.md",
        "He suffers from anxiety.\n",
    );
    std::fs::remove_file(dir.path().join("articles/00-tears.md")).expect("rm");
    let (after, _) = checked_paths(dir.path(), &["articles", "--shard", "2/3"]);
    let kept: BTreeSet<_> = before
        .into_iter()
        .filter(|p| p != "articles/00-tears.md")
        .collect();
    assert_eq!(
        kept,
        after
            .into_iter()
            .filter(|p| p != "articles/zz-new.md")
            .collect()
    );
}

#[test]
fn bad_shards_are_usage_errors() {
    for bad in ["0/2", "3/2", "1/0", "2", "x/y"] {
        let output = carelint(root())
            .args(["check", "fixtures/samples", "--shard", bad])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("K/N"),
            "{bad}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// `figures/cross-article` findings of `check --format FORMAT` over `paths`, as printed.
fn cross_article(dir: &Path, format: &str, paths: &[&str]) -> String {
    let output = carelint(dir)
        .arg("check")
        .args(paths)
        .args(["--format", format, "--fail-on", "never", "--color", "never"])
        .output()
        .expect("runs");
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// Runs each shard's `claims` into a file in `out`, then `check-claims` over them.
fn sharded(
    dir: &Path,
    out: &Path,
    paths: &[&str],
    n: usize,
    format: &str,
) -> (Option<i32>, String) {
    let mut files = Vec::new();
    for k in 1..=n {
        let output = carelint(dir)
            .arg("claims")
            .args(paths)
            .args(["--shard", &format!("{k}/{n}")])
            .output()
            .expect("runs");
        assert!(output.status.success());
        let file = out.join(format!("claims-{k}.jsonl"));
        std::fs::write(&file, &output.stdout).expect("write claims");
        files.push(file);
    }
    let output = carelint(dir)
        .arg("check-claims")
        .args(&files)
        .args(["--format", format, "--color", "never"])
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
    )
}

fn only_cross_article(report: &str) -> Vec<Value> {
    let report: Value = serde_json::from_str(report).expect("JSON");
    report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["rule"] == "figures/cross-article")
        .cloned()
        .collect()
}

#[test]
fn check_claims_over_shards_finds_what_one_check_finds() {
    let out = tempfile::tempdir().expect("tempdir");
    // The fixtures of tests/figures_across_articles.rs, and every figures fixture with them.
    for paths in [
        &["fixtures/figures/cross-article"][..],
        &["fixtures/figures"][..],
    ] {
        let whole = only_cross_article(&cross_article(root(), "json", paths));
        assert!(!whole.is_empty());
        for n in [1, 2, 3] {
            let (code, report) = sharded(root(), out.path(), paths, n, "json");
            assert_eq!(code, Some(0), "warnings do not fail: {report}");
            assert_eq!(
                only_cross_article(&report),
                whole,
                "{paths:?} in {n} shards"
            );
        }
    }
}

#[test]
fn check_claims_prints_every_format_as_check_does() {
    let dir = archive(6);
    let out = tempfile::tempdir().expect("tempdir");
    let whole = only_cross_article(&cross_article(dir.path(), "json", &["articles"]));
    assert!(
        whole.len() >= 3,
        "the archive disagrees with itself: {whole:?}"
    );
    let (_, json) = sharded(dir.path(), out.path(), &["articles"], 2, "json");
    assert_eq!(only_cross_article(&json), whole);

    let compact_whole: Vec<String> = cross_article(dir.path(), "compact", &["articles"])
        .lines()
        .filter(|l| l.contains("figures/cross-article"))
        .map(str::to_string)
        .collect();
    let (_, compact) = sharded(dir.path(), out.path(), &["articles"], 2, "compact");
    let compact: Vec<&str> = compact.lines().collect();
    assert_eq!(&compact[..compact.len() - 1], compact_whole.as_slice());

    let (_, human) = sharded(dir.path(), out.path(), &["articles"], 2, "human");
    assert_eq!(
        human.matches("figures/cross-article").count(),
        whole.len(),
        "{human}"
    );
    assert!(human.contains("About 41% of men"), "snippets: {human}");
    assert!(human.contains("╭─[articles/"), "related locations: {human}");
}

#[test]
fn check_claims_places_findings_without_the_articles() {
    let dir = archive(6);
    let out = tempfile::tempdir().expect("tempdir");
    let whole = only_cross_article(&cross_article(dir.path(), "json", &["articles"]));
    let mut files = Vec::new();
    for k in 1..=2 {
        let output = carelint(dir.path())
            .args(["claims", "articles", "--shard", &format!("{k}/2")])
            .output()
            .expect("runs");
        let file = out.path().join(format!("claims-{k}.jsonl"));
        std::fs::write(&file, &output.stdout).expect("write");
        files.push(file);
    }
    // A CI job without the checkout: the article paths do not exist from here.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let run = |format: &str| {
        let output = carelint(elsewhere.path())
            .arg("check-claims")
            .args(&files)
            .args(["--format", format])
            .output()
            .expect("runs");
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    assert_eq!(only_cross_article(&run("json")), whole);
    let compact = run("compact");
    for d in &whole {
        let at = format!(
            "{}:{}:{}:",
            d["path"].as_str().unwrap_or(""),
            d["line"],
            d["column"]
        );
        assert!(compact.contains(&at), "{at} in {compact}");
    }
    let human = run("human");
    let first = &whole[0];
    assert!(
        human.contains(&format!(
            "{}:{}:{}",
            first["path"].as_str().unwrap_or(""),
            first["line"],
            first["column"]
        )),
        "{human}"
    );
}

#[test]
fn check_claims_reports_bad_input() {
    let out = tempfile::tempdir().expect("tempdir");
    let bad = out.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"path\": 3}\n").expect("write");
    let output = carelint(out.path())
        .args([
            "check-claims",
            "bad.jsonl",
            "missing.jsonl",
            "--format",
            "compact",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("bad.jsonl:1:1: error input line 1: not a claim record"),
        "{text}"
    );
    assert!(
        text.contains("missing.jsonl:1:1: error input cannot read claims"),
        "{text}"
    );
}

#[test]
fn claims_round_trip_through_json_lines() {
    let output = carelint(root())
        .args(["claims", "fixtures/figures"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut with_interval = 0;
    for line in text.lines() {
        let record: carelint::analyse::figures::ClaimRecord =
            serde_json::from_str(line).expect("a claim record");
        with_interval += usize::from(record.interval.is_some() && record.quantity_kind.is_some());
        assert_eq!(serde_json::to_string(&record).expect("JSON"), line);
    }
    assert!(with_interval > 10, "{with_interval}");
}

/// `check-claims` fails the run as `check` would: on the `fail_on` of the configuration that
/// applies where it runs, unless `--fail-on` says otherwise.
#[test]
fn check_claims_reads_fail_on_from_the_configuration() {
    let dir = archive(6);
    let out = tempfile::tempdir().expect("tempdir");
    write(dir.path(), ".carelint.yml", "root: true\n");
    let (code, report) = sharded(dir.path(), out.path(), &["articles"], 2, "json");
    assert!(!only_cross_article(&report).is_empty());
    assert_eq!(code, Some(0), "warnings do not fail by default");
    write(
        dir.path(),
        ".carelint.yml",
        "root: true\nfail_on: warning\n",
    );
    let (code, _) = sharded(dir.path(), out.path(), &["articles"], 2, "json");
    assert_eq!(
        code,
        Some(1),
        "fail_on: warning fails on the cross-article warnings"
    );
    // The claims files of the last run, checked under a broken configuration.
    write(dir.path(), ".carelint.yml", "root: true\nfail_on: [\n");
    let output = carelint(dir.path())
        .arg("check-claims")
        .args([
            out.path().join("claims-1.jsonl"),
            out.path().join("claims-2.jsonl"),
        ])
        .args(["--format", "compact"])
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a broken configuration is an error: {report}"
    );
    assert!(report.contains(".carelint.yml:"), "{report}");
}

#[test]
fn check_claims_takes_select_ignore_and_min_severity_as_check_does() {
    let dir = archive(6);
    let out = tempfile::tempdir().expect("tempdir");
    let claims = carelint(dir.path())
        .args(["claims", "articles"])
        .output()
        .expect("runs");
    assert!(claims.status.success());
    let file = out.path().join("claims.jsonl");
    std::fs::write(&file, &claims.stdout).expect("write claims");
    let check_claims = |options: &[&str]| {
        let output = carelint(dir.path())
            .arg("check-claims")
            .arg(&file)
            .args(["--format", "json", "--fail-on", "info"])
            .args(options)
            .output()
            .expect("runs");
        (
            output.status.code(),
            only_cross_article(&String::from_utf8_lossy(&output.stdout)).len(),
        )
    };
    let (code, all) = check_claims(&[]);
    assert!(all >= 3, "the archive disagrees with itself");
    assert_eq!(code, Some(1));
    for kept in [
        &["--select", "figures/cross-article"][..],
        &["--select", "figures"],
        &["--ignore", "statistics"],
    ] {
        assert_eq!(check_claims(kept), (Some(1), all), "{kept:?}");
    }
    // Hidden findings are not counted either: nothing is left to fail on.
    for hidden in [
        &["--ignore", "figures/*"][..],
        &["--select", "safety"],
        &["--min-severity", "error"],
    ] {
        assert_eq!(check_claims(hidden), (Some(0), 0), "{hidden:?}");
    }
    let typo = carelint(dir.path())
        .arg("check-claims")
        .arg(&file)
        .args(["--select", "figures/cross-artcle"])
        .output()
        .expect("runs");
    assert_eq!(typo.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("did you mean `figures/cross-article`"));
}
