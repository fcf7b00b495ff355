//! The command line as a new user meets it (issue 17): why a run failed, options that cannot
//! go together, widths, lexicon entry ids, selecting rules, completions and the man page.

use std::path::Path;
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

mod common;
use common::write;

/// One warning (`language/stigmatising`).
const ONE_WARNING: &str = "Many people who suffer from depression never say so.\n";

/// A temp dir with an empty `.git` folder and `a.md` with one warning.
fn repo() -> TempDir {
    repo_with(&[])
}

/// A [`repo`] with `files` besides (or instead of) its `a.md`.
fn repo_with(files: &[(&str, &str)]) -> TempDir {
    common::repo_with(&[&[("a.md", ONE_WARNING)], files].concat())
}

fn carelint(dir: &Path, args: &[&str]) -> Output {
    carelint_with(dir, args, "")
}

fn carelint_with(dir: &Path, args: &[&str], stdin: &str) -> Output {
    carelint_at(dir, args, stdin, "100")
}

/// `carelint ARGS` in `dir`, without colour, on a terminal `columns` characters wide.
fn carelint_at(dir: &Path, args: &[&str], stdin: &str, columns: &str) -> Output {
    cargo_bin_cmd!("carelint")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns)
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("run carelint")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts that `text` (a command's output) contains `needle`; on failure it is shown whole.
fn assert_shows(text: &str, needle: &str) {
    assert!(text.contains(needle), "{text}");
}

/// Asserts that `text` (a command's output) does not contain `needle`.
fn assert_lacks(text: &str, needle: &str) {
    assert!(!text.contains(needle), "{text}");
}

/// Whether the rule ids found include `rule`.
fn any_is(found: &[String], rule: &str) -> bool {
    found.iter().any(|r| r == rule)
}

#[test]
fn max_warnings_says_why_the_run_failed() {
    let dir = repo_with(&[("b.md", ONE_WARNING)]);
    let failed = carelint(dir.path(), &["check", "--max-warnings", "1", "."]);
    assert_eq!(failed.status.code(), Some(1));
    assert_shows(&stderr(&failed), "2 warnings, more than --max-warnings 1");
    let passed = carelint(dir.path(), &["check", "--max-warnings", "2", "."]);
    assert_eq!(passed.status.code(), Some(0));
    assert_lacks(&stderr(&passed), "more than");
    // The configuration's limit is named by its key.
    write(dir.path(), ".carelint.yml", "max_warnings: 0\n");
    let config = carelint(dir.path(), &["check", "a.md"]);
    assert_eq!(config.status.code(), Some(1));
    assert_shows(&stderr(&config), "1 warning, more than max_warnings 0");
}

#[test]
fn options_that_would_be_ignored_are_usage_errors() {
    let dir = repo();
    // `--stdin` reads standard input only: a path beside it would be ignored.
    let both = carelint_with(dir.path(), &["check", "--stdin", "a.md"], ONE_WARNING);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    assert_shows(&stderr(&both), "cannot be used with");
    let fix_both = carelint_with(dir.path(), &["fix", "--stdin", "a.md"], ONE_WARNING);
    assert_eq!(fix_both.status.code(), Some(2), "{}", stderr(&fix_both));
    // `--stdin-filename` means nothing without `--stdin`.
    for command in ["check", "fix"] {
        let alone = carelint(dir.path(), &[command, "--stdin-filename", "x.md", "a.md"]);
        assert_eq!(
            alone.status.code(),
            Some(2),
            "{command}: {}",
            stderr(&alone)
        );
        assert_shows(&stderr(&alone), "--stdin");
    }
    // With `--stdin` alone both still work.
    let good = carelint_with(
        dir.path(),
        &["check", "--stdin", "--stdin-filename", "x.md"],
        ONE_WARNING,
    );
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    assert_shows(&stdout(&good), "x.md");
}

#[test]
fn fix_takes_the_options_of_check_the_readme_promises() {
    let dir = repo();
    // A suppression with nothing to suppress: `suppression/unused` carries a safe fix that
    // removes it, so `fix --report-unused-disables` cleans stale suppressions up.
    write(
        dir.path(),
        "quiet.md",
        "A calm sentence.\n\n<!-- carelint-disable-next-line language/stigmatising -->\nAnother calm one.\n",
    );
    let plain = carelint(dir.path(), &["fix", "--dry-run", "quiet.md"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    assert_lacks(&stdout(&plain), "carelint-disable");
    let output = carelint(
        dir.path(),
        &[
            "fix",
            "--dry-run",
            "--report-unused-disables",
            "--ascii",
            "quiet.md",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_shows(
        &stdout(&output),
        "-<!-- carelint-disable-next-line language/stigmatising -->",
    );
}

#[test]
fn completions_and_man_page_are_generated_from_the_options() {
    let dir = repo();
    let bash = carelint(dir.path(), &["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0), "{}", stderr(&bash));
    let script = stdout(&bash);
    assert!(script.contains("complete "), "{script}");
    for option in [
        "--max-warnings",
        "--stdin-filename",
        "--report-unused-disables",
    ] {
        assert!(script.contains(option), "bash completion lacks {option}");
    }
    let fish = carelint(dir.path(), &["completions", "fish"]);
    assert_shows(&stdout(&fish), "complete -c carelint");
    let unknown = carelint(dir.path(), &["completions", "cmd.exe"]);
    assert_eq!(unknown.status.code(), Some(2));

    let man = carelint(dir.path(), &["man"]);
    assert_eq!(man.status.code(), Some(0), "{}", stderr(&man));
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH carelint"),
        "{page}"
    );
    assert!(page.contains(".SH \"CARELINT CHECK\""), "{page}");
    assert!(page.contains("max\\-warnings"), "{page}");
}

/// Lines of `text` wider than `width` characters.
fn wide_lines(text: &str, width: usize) -> Vec<&str> {
    text.lines().filter(|l| l.chars().count() > width).collect()
}

#[test]
fn human_output_fits_the_width_and_never_breaks_a_rule_id() {
    let dir = repo();
    // One long line, as exported articles often are: the snippet is a window around the span.
    let filler = "Researchers spoke with families about grief and recovery over many months. ";
    let text = format!(
        "{}He committed suicide in 2019, his sister said. {}\n",
        filler.repeat(8),
        filler.repeat(8)
    );
    write(dir.path(), "long.md", &text);
    for width in ["60", "80"] {
        let output = carelint_at(dir.path(), &["check", "long.md"], "", width);
        let shown = stdout(&output);
        let width: usize = width.parse().expect("number");
        assert!(
            wide_lines(&shown, width).is_empty(),
            "lines wider than {width}: {:#?}",
            wide_lines(&shown, width)
        );
        assert!(shown.contains("committed suicide"), "{shown}");
        assert!(shown.contains("safety/suicide-language"), "{shown}");
        assert!(
            !shown.lines().any(|l| l.trim_end().ends_with("suicide-")),
            "a rule id broke at its hyphen: {shown}"
        );
    }
}

/// The snippet lines (`N │ text`) that show `needle`, each with the caret line under it: the
/// character column where `needle` starts in the first and where its underline starts in the
/// second, and the underline's length.
fn carets(shown: &str, needle: &str) -> Vec<(String, usize, usize, usize)> {
    let lines: Vec<&str> = shown.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].contains(" │ ") && pair[0].contains(needle))
        .map(|pair| {
            let column = |line: &str, at: usize| line[..at].chars().count();
            let text_at = column(pair[0], pair[0].find(needle).expect("needle"));
            let under = pair[1].find(['─', '┬']).map_or(0, |at| column(pair[1], at));
            let length = pair[1]
                .chars()
                .skip(under)
                .take_while(|c| matches!(c, '─' | '┬'))
                .count();
            (pair[0].to_string(), text_at, under, length)
        })
        .collect()
}

#[test]
fn cut_lines_are_marked_and_the_carets_stay_under_the_span() {
    let dir = repo();
    let ascii = "Researchers spoke with families about grief and recovery over many months. ";
    let wide = "Über die Trauer — naïve Hoffnung, café, façade, déjà vu — sprach man lange. ";
    let phrase = "He committed suicide in 2019, his sister said. ";
    let mut files = vec![
        // A one-line article of some 5,000 characters, the finding in its middle.
        (
            "middle.md".to_string(),
            format!("{}{phrase}{}", ascii.repeat(34), ascii.repeat(33)),
            (true, true),
        ),
        (
            "start.md".to_string(),
            format!("{phrase}{}", ascii.repeat(20)),
            (false, true),
        ),
        (
            "end.md".to_string(),
            format!("{}He committed suicide.", ascii.repeat(20)),
            (true, false),
        ),
    ];
    // Runs of two- and three-byte characters without a space on both sides of the finding, so
    // the cuts land inside them, on each kind of character in turn.
    let run = |skip: usize, n: usize| "éü—".chars().cycle().skip(skip).take(n).collect::<String>();
    for shift in 0..6 {
        files.push((
            format!("wide{shift}.md"),
            format!(
                "{}{} He committed suicide {} {}",
                wide.repeat(12),
                run(0, 40 + shift),
                run(shift, 40),
                wide.repeat(12),
            ),
            (true, true),
        ));
    }
    assert!(files[0].1.len() >= 5_000, "{}", files[0].1.len());
    for (name, text, _) in &files {
        write(dir.path(), name, format!("{text}\n"));
    }
    for (name, _, (cut_start, cut_end)) in &files {
        let args = ["check", "--select", "safety/suicide-language", name];
        let output = carelint_at(dir.path(), &args, "", "80");
        let shown = stdout(&output);
        assert!(wide_lines(&shown, 80).is_empty(), "{name}: {shown}");
        let found = carets(&shown, "committed suicide");
        assert_eq!(found.len(), 1, "{name}: {shown}");
        let (line, text_at, under, length) = &found[0];
        assert_eq!(
            (text_at, length),
            (under, &17),
            "{name}: carets misplaced: {shown}"
        );
        let snippet = line.split_once(" │ ").map_or("", |(_, s)| s);
        assert_eq!(snippet.starts_with('…'), *cut_start, "{name}: {line}");
        assert_eq!(snippet.ends_with('…'), *cut_end, "{name}: {line}");
        // Nothing but the marks is added: the rest is the article's own text.
        let inner = snippet.trim_start_matches('…').trim_end_matches('…');
        let article = std::fs::read_to_string(dir.path().join(name)).expect("read");
        assert!(article.contains(inner), "{name}: {inner:?}");
    }
}

#[test]
fn explain_and_rules_wrap_to_the_width() {
    let dir = repo();
    let narrow = |args: &[&str], width: &str| {
        let output = carelint_at(dir.path(), args, "", width);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    let rules = narrow(&["rules"], "80");
    assert!(wide_lines(&rules, 80).is_empty(), "{rules}");
    assert!(rules.contains("language/stigmatising"), "{rules}");
    let doc = narrow(&["explain", "language/stigmatising"], "70");
    let mut fenced = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let long_word = line.split(' ').any(|w| w.chars().count() > 40);
        if !fenced && !line.starts_with('|') && !line.starts_with("    ") && !long_word {
            assert!(line.chars().count() <= 70, "too wide: {line}");
        }
    }
    // Only a single word too long for the line (a URL, a phrase pattern) may stick out.
    let entry = narrow(&["explain", "suicide/committed"], "60");
    let wide: Vec<&str> = wide_lines(&entry, 60)
        .into_iter()
        .filter(|l| l.trim().contains(' '))
        .collect();
    assert!(wide.is_empty(), "{wide:#?}");
}

#[test]
fn lexicon_entry_ids_show_in_every_format() {
    let dir = repo_with(&[("a.md", "He committed suicide in 2019.\n")]);
    let json = carelint(dir.path(), &["check", "--format", "json", "a.md"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let finding = report["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["rule"] == "safety/suicide-language"))
        .expect("a suicide-language finding");
    assert_eq!(finding["entry"], "suicide/committed", "{finding:#}");

    let sarif = carelint(dir.path(), &["check", "--format", "sarif", "a.md"]);
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    let result = log["runs"][0]["results"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["ruleId"] == "safety/suicide-language"))
        .expect("a SARIF result");
    assert_eq!(result["properties"]["entry"], "suicide/committed");

    let human = carelint(dir.path(), &["check", "a.md"]);
    assert_shows(&stdout(&human), "Entry: suicide/committed");
}

#[test]
fn explain_finds_an_entry_by_id_tail_or_phrase() {
    let dir = repo();
    for query in ["prostitute", "sexual-health/prostitute", "Prostitutes"] {
        let output = carelint(dir.path(), &["explain", query]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{query}: {}",
            stderr(&output)
        );
        assert!(
            stdout(&output).contains("# sexual-health/prostitute (language/stigmatising"),
            "{query}: {}",
            stdout(&output)
        );
    }
    let phrase = carelint(dir.path(), &["explain", "committed  suicide"]);
    assert_eq!(phrase.status.code(), Some(0), "{}", stderr(&phrase));
    assert_shows(&stdout(&phrase), "# suicide/committed");
    // The level is the one findings get, written as the formats write it.
    assert_shows(&stdout(&phrase), "Level: error");
    let unknown = carelint(dir.path(), &["explain", "zzzz-not-a-thing"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn rules_lists_entries_and_the_level_findings_get() {
    let dir = repo();
    let all = carelint(dir.path(), &["rules", "--entries"]);
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
    assert_shows(&stdout(&all), "sexual-health/prostitute");
    assert_shows(&stdout(&all), "suicide/committed");
    let one = carelint(
        dir.path(),
        &["rules", "--entries", "safety/suicide-language"],
    );
    assert_shows(&stdout(&one), "suicide/committed");
    assert!(!stdout(&one).contains("sexual-health/prostitute"));
    let json = carelint(
        dir.path(),
        &[
            "rules",
            "--format",
            "json",
            "--entries",
            "safety/suicide-language",
        ],
    );
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert!(
        rows.as_array()
            .is_some_and(|r| r.iter().any(|r| r["id"] == "suicide/committed")),
        "{rows:#}"
    );
    let bad = carelint(dir.path(), &["rules", "--entries", "figures/impossible"]);
    assert_eq!(bad.status.code(), Some(2));

    // `language/stigmatising` is at `error` by default, but its entries' levels set what its
    // findings get: the table shows that range (as `rules --entries` lists it), not `error`.
    let entries = carelint(
        dir.path(),
        &[
            "rules",
            "--format",
            "json",
            "--entries",
            "language/stigmatising",
        ],
    );
    let entries: serde_json::Value = serde_json::from_slice(&entries.stdout).expect("JSON");
    let order = ["info", "warning", "error"];
    let levels: Vec<usize> = entries
        .as_array()
        .map(|e| {
            e.iter()
                .filter_map(|e| order.iter().position(|l| e["level"] == *l))
                .collect()
        })
        .unwrap_or_default();
    let (low, high) = (
        levels.iter().min().copied().expect("entries"),
        levels.iter().max().copied().expect("entries"),
    );
    let expected = if low == high {
        order[low].to_string()
    } else {
        format!("{}-{}", order[low], order[high])
    };
    let table = carelint(dir.path(), &["rules"]);
    let row = stdout(&table)
        .lines()
        .find(|l| l.starts_with("language/stigmatising"))
        .map(str::to_string)
        .expect("a row for language/stigmatising");
    assert_eq!(
        row.split_whitespace().nth(2),
        Some(expected.as_str()),
        "{row}"
    );
    assert!(
        low < order.len() - 1,
        "some entries are below error: {levels:?}"
    );
}

/// Rules of the findings a JSON run reports, and its exit code.
fn rules_found(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let output = carelint(
        dir,
        &[&["check", "--format", "json", "--fail-on", "never"], args].concat(),
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let rules = report["diagnostics"]
        .as_array()
        .map(|d| {
            d.iter()
                .filter_map(|d| d["rule"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    (output.status.code(), rules)
}

#[test]
fn select_ignore_and_min_severity_choose_what_is_shown() {
    let dir = repo_with(&[(
        "a.md",
        "He committed suicide. Many people who suffer from depression never say so. \
         Around 46% of women cry after sex.\n",
    )]);
    let (_, all) = rules_found(dir.path(), &["a.md"]);
    assert!(any_is(&all, "safety/suicide-language"), "{all:?}");
    assert!(any_is(&all, "language/stigmatising"), "{all:?}");
    assert!(all.iter().any(|r| r.starts_with("statistics/")), "{all:?}");

    let (_, safety) = rules_found(dir.path(), &["--select", "safety/*", "a.md"]);
    assert!(
        !safety.is_empty() && safety.iter().all(|r| r.starts_with("safety/")),
        "{safety:?}"
    );
    let (_, two) = rules_found(dir.path(), &["--select", "language,statistics", "a.md"]);
    assert!(
        two.iter()
            .all(|r| r.starts_with("language/") || r.starts_with("statistics/")),
        "{two:?}"
    );
    let (_, category) = rules_found(dir.path(), &["--select", "stigmatising-language", "a.md"]);
    assert!(
        category
            .iter()
            .all(|r| r == "language/stigmatising" || r == "safety/suicide-language"),
        "{category:?}"
    );
    let (_, ignored) = rules_found(dir.path(), &["--ignore", "statistics", "a.md"]);
    assert!(
        !ignored.iter().any(|r| r.starts_with("statistics/")),
        "{ignored:?}"
    );
    assert!(any_is(&ignored, "language/stigmatising"), "{ignored:?}");
    let (_, errors) = rules_found(dir.path(), &["--min-severity", "error", "a.md"]);
    assert_eq!(errors, ["safety/suicide-language"], "{errors:?}");

    // A misspelt name is a usage error with a suggestion, not a silent empty run.
    let typo = carelint(dir.path(), &["check", "--select", "statistcs", "a.md"]);
    assert_eq!(typo.status.code(), Some(2));
    assert_shows(&stderr(&typo), "statistics");
}

#[test]
fn wide_neighbouring_lines_are_left_out_of_a_snippet() {
    let dir = repo();
    let wide = "A line about many other things that goes on and on well past the edge. ".repeat(3);
    write(
        dir.path(),
        "n.md",
        format!("{wide}\nHe committed suicide.\n{wide}\n"),
    );
    let output = carelint_at(dir.path(), &["check", "n.md"], "", "80");
    let shown = stdout(&output);
    assert!(wide_lines(&shown, 80).is_empty(), "{shown}");
    assert!(shown.contains("2 │ He committed suicide."), "{shown}");
}

#[test]
fn every_configuration_error_is_reported_at_once_at_its_line() {
    let dir = repo_with(&[(
        ".carelint.yml",
        "rulez: {}\n\
         rules:\n  \
           language/stigmatisin: warning\n  \
           statistics/unsourced: loud\n\
         fail_on: sometimes\n\
         max_warnings: 3\n",
    )]);
    let output = carelint(dir.path(), &["check", "--format", "json", "a.md"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut lines: Vec<u64> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "config")
        .filter_map(|d| d["line"].as_u64())
        .collect();
    lines.sort_unstable();
    assert_eq!(lines, [1, 3, 4, 5], "{report:#}");
}

#[test]
fn config_levels_apply_to_families_and_categories() {
    let dir = repo_with(&[
        (
            "a.md",
            "He committed suicide. Many people who suffer from depression never say so. \
         Around 46% of women cry after sex.\n",
        ),
        (".carelint.yml", "rules:\n  statistics: off\n"),
    ]);
    let (code, found) = rules_found(dir.path(), &["a.md"]);
    assert_eq!(code, Some(0));
    assert!(
        !found.iter().any(|r| r.starts_with("statistics/")),
        "{found:?}"
    );
    assert!(any_is(&found, "language/stigmatising"), "{found:?}");
    // A category, with a more specific rule id beside it (before or after): the rule wins.
    for config in [
        "rules:\n  stigmatising-language: off\n  safety/suicide-language: error\n",
        "rules:\n  safety/suicide-language: error\n  stigmatising-language: off\n",
    ] {
        write(dir.path(), ".carelint.yml", config);
        let (_, found) = rules_found(dir.path(), &["a.md"]);
        assert!(!any_is(&found, "language/stigmatising"), "{found:?}");
        assert!(any_is(&found, "safety/suicide-language"), "{found:?}");
    }
    write(
        dir.path(),
        ".carelint.yml",
        "rules:\n  figures/*: off\n  statistcs: off\n",
    );
    let typo = carelint(dir.path(), &["check", "a.md"]);
    assert_eq!(typo.status.code(), Some(2), "{}", stdout(&typo));
}
