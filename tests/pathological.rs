//! Pathological inputs: each ends in a clear diagnostic or a successful lint, without a panic,
//! a stack overflow or a hang. Work is linear by construction; these tests only have to finish
//! (CI's time limit guards against hangs), and the times at 1× and 10× input were measured by
//! hand (see the README's "Robustness and fuzzing").

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use carelint::lint::article::lint_source;
use carelint::model::diagnostic::{Category, Diagnostic, Severity};
use carelint::model::outcome::Outcome;
use carelint::model::source::SourceFile;
use carelint::parse::{Format, MAX_NESTING, ParseOptions};
use carelint::run::{RunOptions, run};
use carelint::workspace::discover::discover;
use carelint::workspace::read::read;

use common::{repo, write};

/// A sentence every run below must still flag, to show the other files were linted.
const GOOD: &str = "Many people who suffer from depression never say so.\n";

fn run_in(dir: &Path, paths: &[&str]) -> Outcome {
    run(&RunOptions {
        paths: paths.iter().map(PathBuf::from).collect(),
        config: None,
        jobs: Some(2),
        cwd: dir.to_path_buf(),
        ..RunOptions::default()
    })
}

/// Runs `f` inside `dir` (relative paths in reports are relative to the working directory).
fn in_dir<T>(dir: &Path, f: impl FnOnce() -> T) -> T {
    // Tests in this file that change directory hold this lock, so they do not race.
    static CWD: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = CWD.lock().unwrap_or_else(|e| e.into_inner());
    let before = std::env::current_dir().expect("cwd");
    std::env::set_current_dir(dir).expect("chdir");
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::env::set_current_dir(before).expect("chdir back");
    out.unwrap_or_else(|e| std::panic::resume_unwind(e))
}

fn diagnostics_for<'a>(outcome: &'a Outcome, path: &str) -> Vec<&'a Diagnostic> {
    outcome
        .reports
        .iter()
        .filter(|r| r.path == path)
        .flat_map(|r| r.diagnostics.iter())
        .collect()
}

/// The one `input` diagnostic for `path`, at `severity`; returns its message.
fn only_input(outcome: &Outcome, path: &str, severity: Severity) -> String {
    let found = diagnostics_for(outcome, path);
    assert_eq!(found.len(), 1, "one diagnostic for {path}: {found:#?}");
    let d = found[0];
    assert_eq!(d.category, Category::Input, "{d:#?}");
    assert_eq!(d.severity, severity, "{d:#?}");
    d.message.clone()
}

/// `good.md` (written with [`GOOD`]) was linted: its finding is there.
fn assert_good_linted(outcome: &Outcome, path: &str) {
    let found = diagnostics_for(outcome, path);
    assert!(
        found.iter().any(|d| d.rule == "language/stigmatising"),
        "{path} was not linted: {found:#?}"
    );
}

/// Lints `text` as Markdown and checks every span.
fn lint_markdown(text: &str) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let (source, diagnostics) = common::lint_text("big.md", text);
    for d in &diagnostics {
        assert!(
            source.slice(d.span).is_some(),
            "{}: span {:?} off the text",
            d.rule,
            d.span
        );
    }
    (source, diagnostics)
}

/// `opener` written 100,000 times on one line, then a sentence with a finding: each opens one
/// container inside the last, and the text inside the nesting is still linted.
fn assert_linted_inside_100_000(opener: &str) {
    let text = format!(
        "{}People who suffer from depression.\n",
        opener.repeat(100_000)
    );
    let (_, diagnostics) = lint_markdown(&text);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.rule == "language/stigmatising"),
        "the text inside the nesting is still linted: {diagnostics:#?}"
    );
}

/// The text of each `language/stigmatising` finding in `found`.
fn stigmatised<'a>(source: &'a SourceFile, found: &[Diagnostic]) -> Vec<&'a str> {
    found
        .iter()
        .filter(|d| d.rule == "language/stigmatising")
        .map(|d| &source.text[d.span.range()])
        .collect()
}

#[test]
fn hundred_thousand_nested_list_items_lint_without_overflowing_the_stack() {
    // `- - - … item` opens one list inside another on a single line.
    assert_linted_inside_100_000("- ");
}

#[test]
fn hundred_thousand_nested_block_quotes_lint_without_overflowing_the_stack() {
    assert_linted_inside_100_000("> ");
}

#[test]
fn deep_nesting_spread_over_lines_lints() {
    // Quotes and list items alternating, one level per line, as a broken export might.
    let mut text = String::new();
    for depth in 0..20_000 {
        text.push_str(&"> ".repeat(depth % 50));
        text.push_str(if depth % 2 == 0 { "- " } else { "1. " });
        text.push_str("an addict\n");
    }
    let (source, found) = lint_markdown(&text);
    // Every line's "addict" is found, at its own place, whatever the nesting.
    let addicts = stigmatised(&source, &found);
    assert_eq!(
        addicts.len(),
        20_000,
        "{:?}",
        &addicts[..addicts.len().min(5)]
    );
    assert!(
        addicts.iter().all(|t| *t == "addict"),
        "{:?}",
        addicts.iter().find(|t| **t != "addict")
    );
}

#[test]
fn hundred_thousand_sibling_list_items_lint() {
    let text = "- 46% of people suffer from it\n".repeat(100_000);
    let (_, diagnostics) = lint_markdown(&text);
    assert!(diagnostics.len() >= 100_000, "{}", diagnostics.len());
}

#[test]
fn deeply_nested_inline_markup_lints() {
    let n = 50_000;
    let text = format!(
        "{}suffers from{}\n\n{}x{}\n",
        "*".repeat(n),
        "*".repeat(n),
        "![".repeat(n),
        "](u)".repeat(n)
    );
    let (source, found) = lint_markdown(&text);
    // The phrase inside the emphasis is still found, exactly.
    let hits = stigmatised(&source, &found);
    assert_eq!(hits, ["suffers from"], "{found:#?}");
}

#[test]
fn file_over_the_size_limit_is_skipped_with_a_warning_and_others_are_linted() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    let big = dir.path().join("big.md");
    // 100 MB, sparse: written in no time and never read (the size is checked first).
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(100 * 1000 * 1000))
        .expect("sparse file");
    let outcome = in_dir(dir.path(), || run_in(dir.path(), &["good.md", "big.md"]));
    let message = only_input(&outcome, "big.md", Severity::Warning);
    // 100,000,000 bytes in the binary units `max_file_size`'s default (64 MiB) is given in.
    assert!(message.contains("95.4 MiB"), "{message}");
    assert!(message.contains("limit"), "{message}");
    assert_good_linted(&outcome, "good.md");
    std::fs::remove_file(&big).expect("delete the big file");
}

#[test]
fn a_single_line_of_ten_million_characters_lints() {
    let unit = "One in five people suffer from it, 46% say — café. ";
    let text = unit.repeat(10_000_000 / unit.chars().count() + 1);
    assert!(text.chars().count() >= 10_000_000);
    assert!(!text.contains('\n'));
    let (source, diagnostics) = lint_markdown(&text);
    let last = diagnostics
        .iter()
        .rfind(|d| d.rule == "language/stigmatising")
        .expect("findings to the end of the line");
    assert!(last.span.start > text.len() - 2 * unit.len());
    let pos = source.position(last.span.start);
    assert_eq!(pos.line, 1);
    assert_eq!(pos.column, text[..last.span.start].chars().count() + 1);
}

#[test]
fn text_of_nul_bytes_lints_and_a_nul_file_is_skipped_as_binary() {
    for format in [Format::Markdown, Format::Plain] {
        let source = Arc::new(SourceFile::new("nul.md", "\0".repeat(100_000)));
        let options = ParseOptions {
            format,
            plain_shapes: true,
        };
        let rules = carelint::lint::rule_set::RuleSet::build(&Default::default()).expect("rules");
        let found = lint_source(source, options, &rules);
        assert!(
            found.iter().all(|d| d.severity < Severity::Error),
            "{found:#?}"
        );
    }
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    write(dir.path(), "nul.md", vec![0u8; 100_000]);
    let outcome = in_dir(dir.path(), || run_in(dir.path(), &["."]));
    let message = only_input(&outcome, "nul.md", Severity::Warning);
    assert!(message.contains("binary"), "{message}");
    assert_good_linted(&outcome, "good.md");
}

#[test]
fn a_file_deleted_between_discovery_and_reading_is_an_input_error() {
    let dir = repo();
    let good = write(dir.path(), "good.md", GOOD);
    let gone = write(dir.path(), "gone.md", GOOD);
    let found = discover(&[dir.path().to_path_buf()]);
    assert!(found.files.contains(&gone), "{:?}", found.files);
    std::fs::remove_file(&gone).expect("delete");

    // Reading what discovery found: a clear error for the vanished file, the other reads.
    let vanished = read(&gone, "gone.md", u64::MAX);
    assert!(vanished.source.is_none());
    assert_eq!(vanished.problems.len(), 1);
    let d = &vanished.problems[0];
    assert_eq!((d.category, d.severity), (Category::Input, Severity::Error));
    assert!(d.message.contains("cannot read"), "{}", d.message);
    assert!(read(&good, "good.md", u64::MAX).source.is_some());

    // A run over the discovered paths reports it and lints the rest.
    let outcome = in_dir(dir.path(), || run_in(dir.path(), &["good.md", "gone.md"]));
    let message = only_input(&outcome, "gone.md", Severity::Error);
    assert!(message.contains("no such file"), "{message}");
    assert_good_linted(&outcome, "good.md");
    assert!(outcome.has_pipeline_errors());
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_loop_is_reported_and_the_walk_ends() {
    let dir = repo();
    write(dir.path(), "walk/good.md", GOOD);
    let walk = dir.path().join("walk");
    std::os::unix::fs::symlink(&walk, walk.join("loop")).expect("symlink");
    std::fs::create_dir(walk.join("sub")).expect("mkdir");
    std::os::unix::fs::symlink(&walk, walk.join("sub/back")).expect("symlink");
    let outcome = in_dir(dir.path(), || run_in(dir.path(), &["walk"]));
    let loops: Vec<_> = outcome
        .diagnostics()
        .filter(|d| d.category == Category::Input)
        .collect();
    assert_eq!(loops.len(), 2, "{loops:#?}");
    assert!(
        loops.iter().all(|d| d.message.contains("loop")),
        "{loops:#?}"
    );
    assert_good_linted(&outcome, "walk/good.md");
    assert_eq!(outcome.files_checked, 1, "each article once");
}

#[cfg(unix)]
#[test]
fn permission_denied_is_an_input_error_and_others_are_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo();
    write(dir.path(), "good.md", GOOD);

    // A folder named like an article cannot be read as one, even by root (EISDIR).
    std::fs::create_dir(dir.path().join("folder.md")).expect("mkdir");
    let not_a_file = read(&dir.path().join("folder.md"), "folder.md", u64::MAX);
    assert!(not_a_file.source.is_none());
    assert_eq!(not_a_file.problems.len(), 1, "{:?}", not_a_file.problems);
    assert_eq!(not_a_file.problems[0].category, Category::Input);

    if common::is_root() {
        // Root reads files whatever their mode, so EACCES cannot be provoked as root: this
        // half runs again in this test binary as an unprivileged user.
        common::rerun_unprivileged("permission_denied_is_an_input_error_and_others_are_linted");
        return;
    }
    let secret = write(dir.path(), "secret.md", GOOD);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let locked = dir.path().join("locked");
    write(dir.path(), "locked/inside.md", GOOD);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let outcome = in_dir(dir.path(), || {
        run_in(dir.path(), &["good.md", "secret.md", "locked"])
    });
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let message = only_input(&outcome, "secret.md", Severity::Error);
    assert!(
        message.to_lowercase().contains("permission denied"),
        "{message}"
    );
    assert!(
        outcome.diagnostics().any(|d| d.category == Category::Input
            && d.message.contains("ermission denied")
            && d.severity == Severity::Error
            && outcome.reports.iter().any(|r| r.path.starts_with("locked"))),
        "{:#?}",
        outcome.reports
    );
    assert_good_linted(&outcome, "good.md");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_with_a_warning_and_does_not_hang() {
    let dir = repo();
    write(dir.path(), "good.md", GOOD);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    // Named on the command line, and met while walking a folder.
    for paths in [&["good.md", "pipe.md"][..], &["."][..]] {
        let outcome = in_dir(dir.path(), || run_in(dir.path(), paths));
        let message = only_input(&outcome, "pipe.md", Severity::Warning);
        assert!(message.contains("not a regular file"), "{message}");
        assert_good_linted(&outcome, "good.md");
    }
    let direct = read(&dir.path().join("pipe.md"), "pipe.md", u64::MAX);
    assert!(direct.source.is_none());
    assert_eq!(direct.problems[0].severity, Severity::Warning);
}

#[test]
fn nesting_just_under_the_limit_is_read_as_markdown_and_over_it_as_plain_text() {
    let rules = carelint::lint::rule_set::RuleSet::build(&Default::default()).expect("rules");
    let options = ParseOptions::default();
    let depth_of = |quotes: usize| {
        let text = format!(
            "{}People who suffer from depression.\n",
            "> ".repeat(quotes)
        );
        let source = Arc::new(SourceFile::new("deep.md", text));
        let doc = carelint::parse::parse(Arc::clone(&source), options);
        let found = lint_source(source, options, &rules);
        (doc, found)
    };
    // Document → quotes → paragraph → text: the quotes plus two levels.
    let (doc, found) = depth_of(MAX_NESTING - 2);
    assert!(doc.read_as_plain.is_none());
    assert_eq!(doc.format, Format::Markdown);
    assert!(
        found.iter().all(|d| d.category != Category::Input),
        "{found:#?}"
    );
    assert!(found.iter().any(|d| d.rule == "language/stigmatising"));

    let (doc, found) = depth_of(MAX_NESTING);
    assert_eq!(doc.format, Format::Plain);
    let note = found
        .iter()
        .find(|d| d.category == Category::Input)
        .expect("a note that the file was read as plain text");
    assert_eq!(note.severity, Severity::Info);
    assert!(note.message.contains("plain text"), "{}", note.message);
    assert!(found.iter().any(|d| d.rule == "language/stigmatising"));
}

#[test]
fn emphasis_nested_just_under_the_limit_is_walked() {
    let n = MAX_NESTING - 3;
    let text = format!("{}suffers from{}\n", "*a ".repeat(n), " b*".repeat(n));
    let (source, found) = lint_markdown(&text);
    assert!(
        found.iter().all(|d| d.category != Category::Input),
        "{found:#?}"
    );
    // Walked as Markdown: the phrase inside the emphasis is found, exactly.
    let hits = stigmatised(&source, &found);
    assert_eq!(hits, ["suffers from"], "{found:#?}");
}

/// The configuration's error for `config` (as `.carelint.yml`), with the 1-based line it points
/// at, after a run over one article.
fn config_outcome(config: &str) -> Outcome {
    let dir = repo();
    write(dir.path(), ".carelint.yml", config);
    write(dir.path(), "good.md", GOOD);
    in_dir(dir.path(), || run_in(dir.path(), &["good.md"]))
}

fn config_error_line(outcome: &Outcome) -> (String, usize) {
    let report = outcome
        .reports
        .iter()
        .find(|r| r.path == ".carelint.yml")
        .unwrap_or_else(|| panic!("a config error: {:#?}", outcome.reports));
    let d = &report.diagnostics[0];
    assert_eq!(
        (d.category, d.severity),
        (Category::Config, Severity::Error)
    );
    let source = report.source.as_ref().expect("the config's text");
    (d.message.clone(), source.position(d.span.start).line)
}

const ENTRY_HEAD: &str = "root: true\nrules:\n  language/stigmatising:\n    entries:\n      - id: house/bomb\n        group: mental-health\n        level: warning\n        alternatives: [x]\n        reason: r\n        sources: [s]\n";

#[test]
fn a_brace_expansion_bomb_is_a_config_error_at_its_line() {
    let bomb = "{a,b}".repeat(30);
    let outcome = config_outcome(&format!(
        "{ENTRY_HEAD}        match:\n          - ok\n          - fine\n          - \"{bomb}\"\n          - after\n"
    ));
    let (message, line) = config_error_line(&outcome);
    assert!(message.contains("more than 4096 forms"), "{message}");
    assert!(
        message.len() < 300,
        "the message quotes the phrase short: {message}"
    );
    assert_eq!(line, 14, "points at the phrase: {message}");
    assert_eq!(outcome.files_checked, 0);

    // One long group after a few: refused before the forms are built.
    let wide = format!("{{a,b}}{{a,b}}{{a,b}}{{{}}}", vec!["x"; 100_000].join(","));
    let outcome = config_outcome(&format!("{ENTRY_HEAD}        match: [\"{wide}\"]\n"));
    let (message, _) = config_error_line(&outcome);
    assert!(message.contains("more than 4096 forms"), "{message}");
}

#[test]
fn fifty_thousand_custom_phrases_lint() {
    let mut config = format!("{ENTRY_HEAD}        match:\n");
    for i in 0..50_000 {
        config.push_str(&format!("          - \"house phrase {i} {{a,b}}\"\n"));
    }
    config.push_str("          - \"never say so\"\n");
    let outcome = config_outcome(&config);
    assert!(
        outcome
            .diagnostics()
            .all(|d| d.category != Category::Config),
        "{:#?}",
        outcome.reports
    );
    assert!(
        diagnostics_for(&outcome, "good.md")
            .iter()
            .any(|d| d.message.contains("never say so")),
        "{:#?}",
        outcome.reports
    );
}

#[test]
fn phrase_lists_too_large_for_one_automaton_are_a_config_error() {
    // 60,000 phrases of 4 forms each: 240,000 forms, over the limit of 200,000.
    let mut config = format!("{ENTRY_HEAD}        match:\n");
    for i in 0..60_000 {
        config.push_str(&format!("          - \"p{i} {{a,b}} {{c,d}}\"\n"));
    }
    let outcome = config_outcome(&config);
    let errors: Vec<_> = outcome
        .diagnostics()
        .filter(|d| d.category == Category::Config)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("more than 200000 forms"),
        "{}",
        errors[0].message
    );
    assert_eq!(outcome.files_checked, 0);
}

#[test]
fn a_huge_max_file_size_lints_normally() {
    let outcome = config_outcome("root: true\nmax_file_size: 18446744073709551615\n");
    assert_good_linted(&outcome, "good.md");
    assert_eq!(outcome.files_checked, 1);
}
