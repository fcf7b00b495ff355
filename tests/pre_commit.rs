//! The pre-commit hook (`.pre-commit-hooks.yaml`) works with the real pre-commit from PyPI:
//! `pre-commit try-repo` builds carelint from this repository with `cargo install` and runs it
//! on a repository of articles, failing on a finding and passing once the article is fixed.
//!
//! Needs `python3 -m pre_commit` (`python3 -m pip install pre-commit`). Without it the test is
//! skipped, except in CI (`CI` set), where it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

const CLEAN: &str = "# Sleep\n\nMost adults need seven to nine hours of sleep a night.\n";
const FINDING: &str = "# A hard year\n\nHer brother committed suicide last spring.\n";

fn pre_commit_available() -> bool {
    Command::new("python3")
        .args(["-m", "pre_commit", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// `pre-commit try-repo THIS_REPO carelint --all-files` in `articles`.
fn try_repo(articles: &Path, home: &Path) -> Output {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // A target folder of its own, kept between runs: `cargo install` builds the release profile,
    // and with the unoptimised settings below it would overwrite `target/release/carelint`
    // with a slow binary (and force the next release build to start over).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| manifest.join("target"), PathBuf::from)
        .join("pre-commit");
    Command::new("python3")
        .current_dir(articles)
        .args(["-m", "pre_commit", "try-repo"])
        .arg(manifest)
        .args(["carelint", "--all-files", "--color", "never"])
        .env("PRE_COMMIT_HOME", home)
        .env("CARGO_TARGET_DIR", target)
        // `cargo install` builds the release profile; thin LTO and full optimisation would cost
        // minutes and do not change what the hook does.
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("NO_COLOR", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("pre-commit runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn pre_commit_try_repo_runs_the_hook() {
    if !pre_commit_available() {
        if std::env::var_os("CI").is_some() {
            panic!("pre-commit is not installed: python3 -m pip install pre-commit");
        }
        eprintln!("skipped: pre-commit is not installed (python3 -m pip install pre-commit)");
        return;
    }
    let articles = tempfile::tempdir().expect("temp dir");
    let home = tempfile::tempdir().expect("temp dir");
    let dir = articles.path();
    git(dir, &["init", "--quiet"]);
    std::fs::write(dir.join("sleep.md"), CLEAN).unwrap();
    std::fs::write(dir.join("notes.txt"), "Nothing to see.\n").unwrap();
    std::fs::write(dir.join("grief.md"), FINDING).unwrap();
    // Not an article: pre-commit must not pass it to carelint (types_or).
    std::fs::write(dir.join("data.csv"), "suffers from,committed suicide\n").unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "--quiet", "-m", "articles"]);

    let started = Instant::now();
    let failing = try_repo(dir, home.path());
    let first = started.elapsed();
    let out = text(&failing);
    assert_eq!(failing.status.code(), Some(1), "{out}");
    assert!(out.contains("carelint"), "{out}");
    assert!(out.contains("Failed"), "{out}");
    assert!(out.contains("safety/suicide-language"), "{out}");
    assert!(out.contains("grief.md"), "{out}");
    assert!(!out.contains("data.csv"), "{out}");

    std::fs::write(
        dir.join("grief.md"),
        FINDING.replace("committed suicide", "died"),
    )
    .unwrap();
    git(dir, &["commit", "--quiet", "-am", "kinder wording"]);
    let started = Instant::now();
    let passing = try_repo(dir, home.path());
    let out = text(&passing);
    assert!(passing.status.success(), "{out}");
    assert!(out.contains("Passed"), "{out}");
    eprintln!(
        "pre-commit try-repo: {:.1}s with a finding (includes cargo install), {:.1}s clean",
        first.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}
