//! The benchmark corpus generator is deterministic and realistic, `--timings` reports every
//! stage without touching stdout, and no progress bar reaches a piped stderr.

use std::sync::Arc;

use assert_cmd::Command;
use carelint::lint::article::lint_source_and_records;
use carelint::lint::rule_set::RuleSet;
use carelint::model::source::SourceFile;
use carelint::parse::ParseOptions;
use carelint::workspace::config::RulesConfig;

#[path = "../benches/support/corpus.rs"]
mod corpus;

#[test]
fn generator_is_deterministic_and_prefix_stable() {
    let a: Vec<_> = corpus::corpus(7, 30, None)
        .map(|a| (a.path, a.text))
        .collect();
    let b: Vec<_> = corpus::corpus(7, 60, None)
        .take(30)
        .map(|a| (a.path, a.text))
        .collect();
    assert_eq!(a, b, "article i depends on the seed and i only");
    let other: Vec<_> = corpus::corpus(8, 30, None).map(|a| a.text).collect();
    assert_ne!(
        a.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
        other,
        "the seed matters"
    );
}

#[test]
fn generator_writes_realistic_articles() {
    let articles: Vec<_> = corpus::corpus(1, 200, None).collect();
    let words = |t: &str| t.split_whitespace().count();
    for a in &articles {
        let n = words(&a.text);
        assert!((550..=3_200).contains(&n), "{}: {n} words", a.path);
    }
    let mean = articles.iter().map(|a| a.text.len()).sum::<usize>() / articles.len();
    assert!((6_000..=14_000).contains(&mean), "mean size {mean} bytes");
    assert!(articles.iter().any(|a| a.text.contains("\r\n")));
    assert!(articles.iter().any(|a| a.path.ends_with(".txt")));
    let all: String = articles.iter().map(|a| a.text.as_str()).collect();
    for shape in [
        "---\ntitle:",
        "\n## ",
        "\n> ",
        "](https://",
        "[^1]",
        "|---|",
        "•",
    ] {
        assert!(all.contains(shape), "no {shape:?} in the corpus");
    }
    let huge = corpus::article(1, 250, None);
    assert!(huge.text.len() >= 500_000, "{} bytes", huge.text.len());
    let forced = corpus::article(1, 3, Some(5_000));
    assert!((5_000..5_400).contains(&words(&forced.text)));
}

/// Every kind of generated article lints without a panic (the generator found two).
#[test]
fn generated_articles_lint_without_panics() {
    let rules = RuleSet::build(&RulesConfig::default()).expect("default rules");
    // The two shapes that panicked: a multi-byte character within 12 bytes before or after
    // "survey" (a footnote marker, a curly quote).
    for (path, text) in [
        (
            "footnote.md",
            "One in 3 carers said so.[^1] A recent survey found that 9% agreed.\n\n[^1]: Note.\n",
        ),
        (
            "bullet.txt",
            "Wellbeing Survey (2015). o “A survey found that 9% agreed,” she said.\n",
        ),
    ] {
        let source = Arc::new(SourceFile::new(path, text));
        lint_source_and_records(source, ParseOptions::default(), &rules, true);
    }
    for a in corpus::corpus(1, 40, None) {
        let options = ParseOptions {
            plain_shapes: a.path.ends_with(".txt"),
            ..ParseOptions::default()
        };
        let source = Arc::new(SourceFile::new(a.path, a.text));
        let (found, _) = lint_source_and_records(source, options, &rules, true);
        assert!(!found.is_empty(), "generated articles carry findings");
    }
}

fn check(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CI")
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn timings_go_to_stderr_and_leave_stdout_alone() {
    let plain = check(&["check", "--format", "json", "fixtures/samples"]);
    let timed = check(&["check", "--format", "json", "--timings", "fixtures/samples"]);
    assert_eq!(plain.stdout, timed.stdout);
    assert_eq!(plain.status.code(), timed.status.code());
    // Piped stderr: no progress bar, nothing at all without --timings.
    assert!(
        plain.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    let stderr = String::from_utf8_lossy(&timed.stderr);
    for stage in [
        "discover",
        "config",
        "read",
        "parse",
        "analyse",
        "check",
        "cross-article",
        "report",
        "total",
        "MB/s",
        "files/s",
    ] {
        assert!(stderr.contains(stage), "no {stage} in:\n{stderr}");
    }
}

/// `scripts/bench-runs.sh` asserts nothing about times, but a run that fails fails the script.
/// Needs hyperfine and jq: in CI (`CI` set) their absence is a failure.
#[test]
fn bench_runs_script_fails_when_a_run_fails() {
    use std::os::unix::fs::PermissionsExt;
    let have = |tool: &str| {
        std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(have("hyperfine") && have("jq")) {
        assert!(
            std::env::var_os("CI").is_none(),
            "hyperfine and jq are needed (apt-get install hyperfine jq)"
        );
        eprintln!("skipped: hyperfine or jq is missing");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("carelint");
    std::fs::write(&broken, "#!/bin/sh\necho 'carelint crashed' >&2\nexit 3\n").expect("write");
    std::fs::set_permissions(&broken, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let output = std::process::Command::new("bash")
        .arg("scripts/bench-runs.sh")
        .arg("--quick")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CARELINT_BENCH_BIN", &broken)
        .env("CARELINT_BENCH_DIR", dir.path().join("corpora"))
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "exit 0 after a failed run:\n{stderr}"
    );
    assert!(stderr.contains("non-zero exit code"), "{stderr}");
}
