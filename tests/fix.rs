//! `carelint fix`: safe fixes by default and suggested ones with `--unsafe`, a fixed point in one
//! run, atomic writes that keep permissions and never overwrite a file that changed since it was
//! read, `--dry-run` diffs that apply, and byte-exact edits (CRLF and BOM survive).

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use carelint::fix::{FileStatus, FixOptions, apply_fixes, fix, fix_with_hook};
use carelint::model::diagnostic::{Category, Diagnostic, Fix, Severity};
use carelint::model::source::{SourceFile, Span};
use carelint::run::{RunOptions, run};
use proptest::prelude::*;

mod common;
use common::{repo, write};

/// A broken number (safe fix) and a suicide-language finding (suggested fix).
const ARTICLE: &str = "# Painful sex\n\n\
Painful sex affects around 7. 5% of women at some point, according to the NHS.\n\n\
The survey reached 1, 635 participants in four countries.\n\n\
Her brother committed suicide when he was twenty.\n";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Runs `carelint ARGS` in `dir`: exit code, stdout, stderr.
fn carelint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = cargo_bin_cmd!("carelint")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn options(dir: &Path, unsafe_fixes: bool) -> FixOptions {
    FixOptions {
        run: RunOptions {
            paths: vec![dir.to_path_buf()],
            config: None,
            jobs: Some(2),
            cwd: dir.to_path_buf(),
            ..RunOptions::default()
        },
        unsafe_fixes,
        dry_run: false,
        ..FixOptions::default()
    }
}

/// Findings a fix with these options would still apply, on disk now.
fn fixable(dir: &Path, unsafe_fixes: bool) -> Vec<Diagnostic> {
    run(&options(dir, unsafe_fixes).run)
        .diagnostics()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.safe || unsafe_fixes))
        .cloned()
        .collect()
}

/// Names in `dir` (temporary files left behind would show here).
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn applies_safe_fixes_only_by_default() {
    let dir = repo();
    let path = write(dir.path(), "a.md", ARTICLE);
    let (code, stdout, _) = carelint(dir.path(), &["fix", "."]);
    let fixed = read(&path);
    assert!(fixed.contains("around 7.5% of women"), "{fixed}");
    assert!(fixed.contains("reached 1,635 participants"), "{fixed}");
    assert!(
        fixed.contains("committed suicide"),
        "suggested fix applied: {fixed}"
    );
    assert_eq!(fixed.len(), ARTICLE.len() - 2, "only the two spaces go");
    assert!(
        stdout.contains("Applied 2 fixes in 1 file;"),
        "summary: {stdout}"
    );
    assert!(
        stdout.contains("suggested fixes available with --unsafe: 1"),
        "{stdout}"
    );
    // "committed suicide" is an error and it remains.
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("safety/suicide-language"), "{stdout}");
    assert!(!stdout.contains("figures/broken-number"), "{stdout}");
}

#[test]
fn unsafe_applies_suggested_fixes_with_case_kept() {
    let dir = repo();
    let text = ARTICLE.replace("Her brother committed", "Committed");
    let path = write(dir.path(), "a.md", &text);
    let (code, stdout, _) = carelint(dir.path(), &["fix", "--unsafe", "a.md"]);
    let fixed = read(&path);
    assert!(
        fixed.contains("Died by suicide when he was twenty."),
        "{fixed}"
    );
    assert!(fixed.contains("7.5%"), "{fixed}");
    assert!(!stdout.contains("--unsafe:"), "{stdout}");
    assert!(stdout.contains("Applied 3 fixes in 1 file;"), "{stdout}");
    assert!(fixable(dir.path(), true).is_empty());
    assert_eq!(code, 0, "nothing at error level remains: {stdout}");
}

#[test]
fn select_ignore_and_min_severity_choose_what_is_fixed_and_shown() {
    // `figures/broken-number` (warnings, safe fixes) and `safety/suicide-language` (an error,
    // a suggested fix): each option picks one of them, as `check` would show it.
    let cases: [(&[&str], bool, bool); 5] = [
        (&["--select", "figures"], true, false),
        (&["--select", "safety/suicide-language"], false, true),
        (&["--ignore", "safety"], true, false),
        (&["--ignore", "figures/*,statistics"], false, true),
        (&["--min-severity", "error"], false, true),
    ];
    for (options, numbers_fixed, words_fixed) in cases {
        let dir = repo();
        let path = write(dir.path(), "a.md", ARTICLE);
        let mut args = vec!["fix", "--unsafe"];
        args.extend_from_slice(options);
        args.push("a.md");
        let (code, stdout, stderr) = carelint(dir.path(), &args);
        let fixed = read(&path);
        assert_eq!(
            fixed.contains("7.5%"),
            numbers_fixed,
            "{options:?}: {fixed}"
        );
        assert_eq!(
            fixed.contains("died by suicide"),
            words_fixed,
            "{options:?}: {fixed}"
        );
        // What remains is shown only if selected: the unfixed rule's findings are hidden, so
        // they neither print nor fail the run.
        assert!(
            !stdout.contains("figures/broken-number"),
            "{options:?}: {stdout}"
        );
        assert!(
            !stdout.contains("safety/suicide-language"),
            "{options:?}: {stdout}"
        );
        assert_eq!(code, 0, "{options:?}: {stdout}{stderr}");
    }
    // A misspelt name stops the run before anything is written.
    let dir = repo();
    let path = write(dir.path(), "a.md", ARTICLE);
    let (code, _, stderr) = carelint(dir.path(), &["fix", "--select", "figurs", "a.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("did you mean `figures`"), "{stderr}");
    assert_eq!(read(&path), ARTICLE);
}

#[test]
fn a_second_run_changes_nothing() {
    let dir = repo();
    let a = write(dir.path(), "a.md", ARTICLE);
    let b = write(
        dir.path(),
        "b.txt",
        "Some 12, 000 people and 2. 87 times more.\n",
    );
    carelint(dir.path(), &["fix", "--unsafe"]);
    let once = (read(&a), read(&b));
    assert_ne!(once.0, ARTICLE);
    let (_, stdout, _) = carelint(dir.path(), &["fix", "--unsafe"]);
    assert_eq!((read(&a), read(&b)), once);
    assert!(stdout.contains("Applied 0 fixes in 0 files;"), "{stdout}");
}

#[test]
fn permissions_are_kept_and_no_temporary_file_is_left() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repo();
    let path = write(dir.path(), "a.md", ARTICLE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = entries(dir.path());
    let result = fix(&options(dir.path(), false));
    assert_eq!(result.files.len(), 1);
    assert_eq!(result.files[0].status, FileStatus::Written);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(entries(dir.path()), before);
    assert!(read(&path).contains("7.5%"));
}

#[test]
fn a_symbolic_link_stays_a_link() {
    let dir = repo();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = write(&dir.path().join("real"), "a.md", ARTICLE);
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut opts = options(dir.path(), false);
    opts.run.paths = vec![link.clone()];
    let result = fix(&opts);
    assert_eq!(result.files[0].status, FileStatus::Written);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read(&target).contains("7.5%"));
}

#[test]
fn a_file_changed_before_the_rename_is_not_overwritten() {
    let dir = repo();
    let changed = write(dir.path(), "a.md", ARTICLE);
    let other = write(dir.path(), "b.md", ARTICLE);
    let edited = format!("{ARTICLE}\nA paragraph the editor added: 3. 2% of men.\n");
    let hook = |path: &Path| {
        if path.ends_with("a.md") {
            std::fs::write(path, &edited).unwrap();
        }
    };
    let result = fix_with_hook(&options(dir.path(), false), &hook);
    let status = |name: &str| {
        result
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .map(|f| f.status.clone())
    };
    assert_eq!(status("a.md"), Some(FileStatus::Changed));
    assert_eq!(status("b.md"), Some(FileStatus::Written));
    assert_eq!(read(&changed), edited, "the editor's text survives");
    assert!(read(&other).contains("7.5%"));
    assert_eq!(entries(dir.path()), [".git", "a.md", "b.md"]);
    assert_eq!(result.files_fixed(), 1);
}

/// Applies `diff` (as `--dry-run` prints it, paths `a/NAME` and `b/NAME`) to a copy of `old`
/// named `name`, with the real tools: `git apply --check` and `patch -p1 --dry-run` must accept
/// it (hunk counts included), then `patch -p1` gives the text returned.
fn patch(name: &str, old: &str, diff: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), name, old);
    let diff_path = write(dir.path(), "fix.diff", diff);
    let tool = |program: &str, args: &[&str]| {
        let output = std::process::Command::new(program)
            .args(args)
            .arg(&diff_path)
            .current_dir(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{program} runs: {e}"));
        assert!(
            output.status.success(),
            "{program} {args:?} rejects the diff:\n{}{}\n{diff}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    tool("git", &["apply", "--check"]);
    tool("patch", &["-p1", "--dry-run", "--force", "-i"]);
    assert_eq!(
        read(&dir.path().join(name)),
        old,
        "a dry run changed the file"
    );
    tool("patch", &["-p1", "--force", "-i"]);
    read(&dir.path().join(name))
}

#[test]
fn dry_run_prints_a_diff_that_applies_and_writes_nothing() {
    let dir = repo();
    let mut text = String::from("# Notes\n\n");
    for i in 0..12 {
        text.push_str(&format!("Paragraph {i} says nothing in particular.\n\n"));
    }
    text.push_str("It was 4.  2 percent among men.\n\nThe end without a newline: 1, 635 people.");
    let path = write(dir.path(), "notes.md", &text);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let (_, diff, stderr) = carelint(dir.path(), &["fix", "--dry-run", "notes.md"]);
    assert_eq!(read(&path), text);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    assert_eq!(entries(dir.path()), [".git", "notes.md"]);
    assert!(
        diff.starts_with("--- a/notes.md\n+++ b/notes.md\n@@ -"),
        "{diff}"
    );
    assert!(diff.contains("\n-It was 4.  2 percent among men.\n+It was 4.2 percent among men.\n"));
    assert!(diff.contains("\\ No newline at end of file"), "{diff}");
    // Applying the diff gives exactly what `fix` writes.
    let patched = patch("notes.md", &text, &diff);
    assert!(
        stderr.contains("Would apply 2 fixes in 1 file;"),
        "{stderr}"
    );
    carelint(dir.path(), &["fix", "notes.md"]);
    assert_eq!(patched, read(&path));
    assert!(
        !diff.contains("Paragraph 0 "),
        "context is three lines: {diff}"
    );
}

#[test]
fn crlf_and_bom_are_kept() {
    let dir = repo();
    let text = format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n"));
    let path = write(dir.path(), "a.md", &text);
    carelint(dir.path(), &["fix", "a.md"]);
    let fixed = std::fs::read(&path).unwrap();
    let expected = text.replace("7. 5%", "7.5%").replace("1, 635", "1,635");
    assert_eq!(String::from_utf8(fixed).unwrap(), expected);
}

#[test]
fn unsafe_fixes_keep_crlf_and_bom_and_their_diff_applies() {
    let dir = repo();
    let text = format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n"));
    let path = write(dir.path(), "a.md", &text);
    let (_, diff, _) = carelint(dir.path(), &["fix", "--unsafe", "--dry-run", "a.md"]);
    assert_eq!(read(&path), text, "a dry run writes nothing");
    let (_, stdout, stderr) = carelint(dir.path(), &["fix", "--unsafe", "a.md"]);
    assert!(
        stdout.contains("Applied 3 fixes in 1 file;"),
        "{stdout}{stderr}"
    );
    let fixed = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    let expected = text
        .replace("7. 5%", "7.5%")
        .replace("1, 635", "1,635")
        .replace("committed suicide", "died by suicide");
    assert_eq!(fixed, expected);
    assert_eq!(patch("a.md", &text, &diff), expected);
}

/// A fix that cannot be written (a read-only folder: no temporary file can be made beside the
/// article) leaves the article as it was, leaves no temporary file, says why and exits 2.
#[test]
fn a_failed_write_leaves_the_original_and_says_why() {
    use std::os::unix::fs::PermissionsExt;
    if common::is_root() {
        // Root writes into a read-only folder; the test runs again as an unprivileged user.
        common::rerun_unprivileged("a_failed_write_leaves_the_original_and_says_why");
        return;
    }
    let dir = repo();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let path = write(&folder, "a.md", ARTICLE);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let (code, stdout, stderr) = carelint(dir.path(), &["fix", "locked/a.md"]);
    let names = entries(&folder);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(read(&path), ARTICLE, "the original is intact");
    assert_eq!(names, ["a.md"], "no temporary file is left");
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("cannot write locked/a.md") && stderr.contains("ermission denied"),
        "{stderr}"
    );
    assert!(!stdout.contains("Applied 2 fixes"), "{stdout}");
}

#[test]
fn stdin_prints_the_fixed_text() {
    let dir = repo();
    let output = cargo_bin_cmd!("carelint")
        .current_dir(dir.path())
        .args(["fix", "--stdin", "--stdin-filename", "draft.md", "--unsafe"])
        .write_stdin("He committed suicide. About 7. 5% agree.\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "He died by suicide. About 7.5% agree.\n"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("Would apply 2 fixes"));
    assert_eq!(entries(dir.path()), [".git"]);
}

fn finding(span: Span, replacement: &str, safe: bool) -> Diagnostic {
    Diagnostic::new(
        "test/rule",
        Category::InconsistentFigure,
        Severity::Warning,
        span,
        "m",
    )
    .with_fix(Fix {
        span,
        replacement: replacement.into(),
        safe,
    })
}

#[test]
fn overlapping_fixes_keep_the_first_and_leave_the_rest() {
    let source = SourceFile::new("t.md", "abcdefghij");
    let found = vec![
        finding(Span::new(6, 9), "Z", true),
        finding(Span::new(2, 5), "X", true),
        finding(Span::new(4, 7), "Y", true), // overlaps both: left for a later pass
        finding(Span::new(5, 5), "+", true), // an insertion right after X: fine
        finding(Span::new(5, 5), "-", true), // a second insertion there: order unknown, left
        finding(Span::new(2, 5), "X", true), // the same fix twice counts once
        finding(Span::new(0, 1), "S", false), // suggested: not without --unsafe
        finding(Span::new(9, 12), "!", true), // past the end: ignored
    ];
    assert_eq!(
        apply_fixes(&source, &found, false),
        ("abX+fZj".to_string(), 3)
    );
    assert_eq!(
        apply_fixes(&source, &found, true),
        ("SbX+fZj".to_string(), 4)
    );
}

/// A house entry whose phrase contains a broken number: its fix and broken-number's overlap.
const HOUSE: &str = r#"root: true
rules:
  language/stigmatising:
    entries:
      - id: house/around
        group: house
        level: warning
        match: ["affects around 7. 5"]
        alternatives: ["affects about 7.5"]
        fix: {"affects around 7. 5": "affects about 7.5"}
        reason: "House style says about."
        sources: ["House style"]
"#;

#[test]
fn overlapping_fixes_in_real_findings_reach_a_fixed_point() {
    for (unsafe_fixes, expected, applied) in [
        (false, "affects around 7.5% of women", 2),
        (true, "affects about 7.5% of women", 2),
    ] {
        let dir = repo();
        write(dir.path(), ".carelint.yml", HOUSE);
        let path = write(dir.path(), "a.md", ARTICLE);
        let before = run(&options(dir.path(), unsafe_fixes).run);
        let spans: Vec<Span> = before
            .diagnostics()
            .filter_map(|d| d.fix.as_ref().map(|f| f.span))
            .collect();
        assert!(
            spans.windows(2).any(|w| w[1].start < w[0].end),
            "the fixes overlap: {spans:?}"
        );
        let result = fix(&options(dir.path(), unsafe_fixes));
        let fixed = read(&path);
        assert!(fixed.contains(expected), "{fixed}");
        // With --unsafe the house fix wins the overlap and the broken number goes with it; the
        // second number and "committed suicide" are the other two.
        assert_eq!(result.applied(), applied + usize::from(unsafe_fixes));
        assert!(result.files.iter().all(|f| f.converged));
        assert!(fixable(dir.path(), unsafe_fixes).is_empty(), "{fixed}");
    }
}

/// Sentences that carry broken numbers, stigmatising or suicide language, or nothing.
fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..100, 0u32..10).prop_map(|(a, b)| format!("Around {a}. {b}% of women said so.")),
        (1u32..999, 100u32..999).prop_map(|(a, b)| format!("The study had {a}, {b} participants.")),
        (1u32..10, 10u32..99).prop_map(|(a, b)| format!("Men were {a}. {b} times more likely.")),
        Just("Her partner suffers from depression.".to_string()),
        Just("He committed suicide in 2019.".to_string()),
        Just("Committed suicide is how the report put it.".to_string()),
        Just("Many people live with anxiety.".to_string()),
        Just("An addict may hide it.".to_string()),
        Just("Call 1-800-273-8255 for help.".to_string()),
    ]
}

fn article() -> impl Strategy<Value = (String, bool)> {
    (
        prop::collection::vec(prop::collection::vec(sentence(), 1..4), 1..5),
        any::<bool>(),
    )
        .prop_map(|(paragraphs, crlf)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            let body: Vec<String> = paragraphs.iter().map(|p| p.join(" ")).collect();
            (
                format!(
                    "# A story{eol}{eol}{}{eol}",
                    body.join(&format!("{eol}{eol}"))
                ),
                crlf,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn fix_reaches_a_fixed_point((text, crlf) in article(), unsafe_fixes in any::<bool>()) {
        let dir = repo();
        let path = write(dir.path(), "a.md", &text);
        let first = fix(&options(dir.path(), unsafe_fixes));
        let once = read(&path);
        prop_assert!(first.files.iter().all(|f| f.converged));
        prop_assert!(fixable(dir.path(), unsafe_fixes).is_empty(), "fixable findings remain in {once:?}");
        // What the outcome says remains is what `check` now finds.
        let checked: Vec<_> = run(&options(dir.path(), unsafe_fixes).run).diagnostics().cloned().collect();
        let remaining: Vec<_> = first.remaining.diagnostics().cloned().collect();
        prop_assert_eq!(remaining, checked);
        let second = fix(&options(dir.path(), unsafe_fixes));
        prop_assert_eq!(second.applied(), 0);
        prop_assert_eq!(read(&path), once.clone());
        if crlf {
            prop_assert_eq!(once.matches("\r\n").count(), text.matches("\r\n").count());
        }
        if unsafe_fixes {
            // The generated sentences' fixes never overlap, so the safe ones first and the
            // suggested ones after give the same text as all at once.
            let stepwise = repo();
            let path = write(stepwise.path(), "a.md", &text);
            fix(&options(stepwise.path(), false));
            let safe_only = read(&path);
            prop_assert!(safe_only.len() <= text.len(), "safe fixes only join numbers");
            fix(&options(stepwise.path(), true));
            prop_assert_eq!(read(&path), once);
        } else {
            // Safe fixes only remove the spaces inside broken numbers.
            prop_assert!(once.len() <= text.len());
        }
    }
}

/// Configuration that gives `safety/help-seeking` the publication's own text as a fix.
const HELP_CONFIG: &str = "rules:\n  safety/help-seeking:\n    resources:\n      - topics: [suicide]\n        text: \"Samaritans: call 116 123, free, any time\"\n";

/// The article `carelint fix --unsafe` leaves, for `text` written as `a.md`.
fn fixed_with_help(text: &str) -> String {
    let dir = repo();
    write(dir.path(), ".carelint.yml", HELP_CONFIG);
    let path = write(dir.path(), "a.md", text);
    let (_, stdout, stderr) = carelint(dir.path(), &["fix", "--unsafe", "a.md"]);
    assert!(stdout.contains("Applied 1 fix"), "{stdout}{stderr}");
    read(&path)
}

#[test]
fn help_section_follows_one_blank_line_whatever_the_file_ends_with() {
    let body = "# Suicide after a loss\n\nGrief can bring thoughts of suicide.";
    let expected = format!("{body}\n\nSamaritans: call 116 123, free, any time\n");
    for ending in ["", "\n", "\n\n", "\n\n\n"] {
        let fixed = fixed_with_help(&format!("{body}{ending}"));
        assert_eq!(fixed, expected, "ending {ending:?}");
    }
}

#[test]
fn help_section_in_a_crlf_file_is_written_with_crlf() {
    let body = "# Suicide after a loss\r\n\r\nGrief can bring thoughts of suicide.";
    let expected = format!("{body}\r\n\r\nSamaritans: call 116 123, free, any time\r\n");
    for ending in ["", "\r\n", "\r\n\r\n", "\r\n\r\n\r\n"] {
        let fixed = fixed_with_help(&format!("{body}{ending}"));
        assert_eq!(fixed, expected, "ending {ending:?}");
        assert!(
            !fixed.replace("\r\n", "").contains('\n'),
            "a bare LF: {fixed:?}"
        );
    }
}

/// The messages of `safety/help-seeking` findings in `dir`.
fn help_seeking(dir: &Path) -> Vec<String> {
    run(&options(dir, false).run)
        .diagnostics()
        .filter(|d| d.rule == "safety/help-seeking")
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn rewording_suicide_language_does_not_change_help_seeking() {
    // One paragraph that reports a death, and one that names suicide in passing.
    for (text, about) in [
        ("Her brother committed suicide when he was twenty.\n", true),
        (
            "# Loss\n\nHer uncle commits suicide in the second act.\n",
            false,
        ),
        (
            "Last year a neighbour committed suicide. Nobody saw it coming.\n\nShe said he committed suicide after losing his job.\n",
            true,
        ),
    ] {
        let dir = repo();
        write(dir.path(), "a.md", text);
        let before = help_seeking(dir.path());
        let (_, stdout, _) = carelint(dir.path(), &["fix", "--unsafe", "a.md"]);
        assert!(stdout.contains("Applied"), "{stdout}");
        let fixed = read(&dir.path().join("a.md"));
        assert!(!fixed.contains("commit"), "{fixed}");
        let after = help_seeking(dir.path());
        assert_eq!(
            before.len(),
            after.len(),
            "{text:?} → {fixed:?}: {before:?} / {after:?}"
        );
        assert_eq!(!before.is_empty(), about, "{text:?}: {before:?}");
    }
}
