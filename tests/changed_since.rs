//! `carelint check --changed-since REF` on a git repository made in the test.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::write;

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// A repository with one commit of `files`.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["config", "user.name", "Test Editor"]);
    git(dir.path(), &["config", "user.email", "editor@example.org"]);
    git(dir.path(), &["config", "commit.gpgsign", "false"]);
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "articles"]);
    dir
}

fn check(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let output = Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .arg("check")
        .args(args)
        .args(["--format", "json", "--fail-on", "warning"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code(), json, stderr)
}

/// (path, rule, line) of every finding.
fn found(report: &Value) -> Vec<(String, String, u64)> {
    report["diagnostics"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| {
                    (
                        d["path"].as_str().unwrap_or_default().to_string(),
                        d["rule"].as_str().unwrap_or_default().to_string(),
                        d["line"].as_u64().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const OLD: &str =
    "# Spring\n\nHer brother suffers from bipolar disorder.\n\nWe talked about the winter.\n";

#[test]
fn only_findings_on_changed_lines_of_changed_files_are_reported() {
    let dir = repo(&[("articles/old.md", OLD), ("articles/untouched.md", OLD)]);
    // Uncommitted edit: a new line with a finding; the old finding on line 3 stays.
    write(
        dir.path(),
        "articles/old.md",
        format!("{OLD}\nHis friend suffers from OCD.\n"),
    );
    let (code, all, _) = check(dir.path(), &["articles"]);
    assert_eq!(code, Some(1), "both files have errors without the filter");
    assert_eq!(found(&all).len(), 3, "{all}");

    let (code, report, stderr) = check(dir.path(), &["articles", "--changed-since", "HEAD"]);
    assert_eq!(
        found(&report),
        vec![(
            "articles/old.md".to_string(),
            "language/stigmatising".to_string(),
            7
        )],
        "{stderr}"
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        report["summary"]["files"], 1,
        "only the changed file is linted"
    );
}

#[test]
fn untracked_files_count_as_wholly_changed_and_ignored_ones_do_not() {
    let dir = repo(&[("articles/old.md", OLD), (".gitignore", "drafts/\n")]);
    write(dir.path(), "articles/new.md", OLD);
    write(dir.path(), "drafts/ignored.md", OLD);
    let (_, report, stderr) = check(dir.path(), &[".", "--changed-since", "HEAD"]);
    assert_eq!(
        found(&report),
        vec![(
            "articles/new.md".to_string(),
            "language/stigmatising".to_string(),
            3
        )],
        "{stderr}"
    );
}

#[test]
fn a_renamed_file_is_known_by_its_new_path_and_only_its_edits_count() {
    let long = format!(
        "{OLD}\nA long paragraph that keeps the file similar after the rename.\n\nAnother paragraph about the weather and the garden in spring.\n"
    );
    let dir = repo(&[("articles/before.md", &long), ("articles/gone.md", OLD)]);
    git(
        dir.path(),
        &["mv", "articles/before.md", "articles/after.md"],
    );
    git(dir.path(), &["rm", "-q", "articles/gone.md"]);
    write(
        dir.path(),
        "articles/after.md",
        format!("{long}\nHis friend suffers from OCD.\n"),
    );
    let (code, report, stderr) = check(dir.path(), &["articles", "--changed-since", "HEAD"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        found(&report),
        vec![(
            "articles/after.md".to_string(),
            "language/stigmatising".to_string(),
            11
        )],
        "the old finding moved with the rename and is not new: {stderr}"
    );
}

#[test]
fn a_deletion_reports_what_it_makes_new_on_the_neighbouring_line() {
    let sourced = "# Mood after the survey\n\nNearly 46% of women reported low mood after the survey.\nSource: [Office for National Statistics](https://www.ons.gov.uk/).\n\nThe end.\n";
    let dir = repo(&[("a.md", sourced)]);
    let (_, before, _) = check(dir.path(), &["a.md"]);
    assert!(
        !found(&before)
            .iter()
            .any(|(_, rule, _)| rule == "statistics/unsourced"),
        "sourced before the edit: {before}"
    );
    write(
        dir.path(),
        "a.md",
        sourced.replace(
            "Source: [Office for National Statistics](https://www.ons.gov.uk/).\n",
            "",
        ),
    );
    let (_, report, stderr) = check(dir.path(), &["a.md", "--changed-since", "HEAD"]);
    assert!(
        found(&report).contains(&("a.md".to_string(), "statistics/unsourced".to_string(), 3)),
        "{report} {stderr}"
    );
}

#[test]
fn whole_article_findings_are_reported_when_the_article_changed_at_all() {
    let article = "# Suicide and the farming community\n\nFarmers die by suicide at higher rates than most other workers.\n\nRural charities train auctioneers to notice when someone is struggling.\n";
    let dir = repo(&[("farming.md", article), ("other.md", article)]);
    write(
        dir.path(),
        "farming.md",
        format!("{article}\nThe weather was dry this year.\n"),
    );
    let (_, report, stderr) = check(dir.path(), &[".", "--changed-since", "HEAD"]);
    let rules: Vec<(String, String, u64)> = found(&report);
    assert!(
        rules.contains(&(
            "farming.md".to_string(),
            "safety/help-seeking".to_string(),
            1
        )),
        "{report} {stderr}"
    );
    assert!(
        rules.iter().all(|(path, _, _)| path == "farming.md"),
        "{rules:?}"
    );
}

#[test]
fn a_committed_change_counts_against_an_older_ref() {
    let dir = repo(&[("a.md", OLD)]);
    git(dir.path(), &["tag", "base"]);
    write(
        dir.path(),
        "a.md",
        format!("{OLD}\nHis friend suffers from OCD.\n"),
    );
    git(dir.path(), &["commit", "-q", "-am", "edit"]);
    let (_, report, _) = check(dir.path(), &["a.md", "--changed-since", "base"]);
    assert_eq!(
        found(&report),
        vec![("a.md".to_string(), "language/stigmatising".to_string(), 7)]
    );
    let (_, report, _) = check(dir.path(), &["a.md", "--changed-since", "HEAD"]);
    assert_eq!(found(&report), vec![], "nothing changed since HEAD");
}

#[test]
fn an_unknown_ref_or_no_repository_is_a_usage_error() {
    let dir = repo(&[("a.md", OLD)]);
    let (code, _, stderr) = check(dir.path(), &["a.md", "--changed-since", "no-such-branch"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("unknown git ref `no-such-branch`"),
        "{stderr}"
    );
    let (code, _, stderr) = check(dir.path(), &["a.md", "--changed-since=--output=x"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(!dir.path().join("x").exists());

    let plain = tempfile::tempdir().expect("tempdir");
    write(plain.path(), "a.md", OLD);
    let (code, _, stderr) = check(plain.path(), &["a.md", "--changed-since", "HEAD"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("not in a git repository"), "{stderr}");
}
