//! Inline suppressions (`<!-- carelint-disable… -->`), front-matter disables and
//! `--report-unused-disables`, through the command line as a publication would run it.

use assert_cmd::Command;
use serde_json::Value;

/// A finding as the tests compare it: path, line, rule.
type Found = (String, u64, String);

struct Repo(tempfile::TempDir);

impl Repo {
    fn new(files: &[(&str, &str)]) -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(".carelint.yml"), "root: true\n").expect("config");
        for (name, text) in files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("folder");
            }
            std::fs::write(path, text).expect("article");
        }
        Repo(dir)
    }

    fn run(&self, args: &[&str]) -> (Value, i32) {
        let output = Command::cargo_bin("carelint")
            .expect("binary")
            .current_dir(self.0.path())
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .expect("runs");
        let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (report, output.status.code().unwrap_or(-1))
    }

    fn found(&self, args: &[&str]) -> Vec<Found> {
        let (report, _) = self.run(args);
        found(&report)
    }
}

fn found(report: &Value) -> Vec<Found> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["rule"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn f(path: &str, line: u64, rule: &str) -> Found {
    (path.to_string(), line, rule.to_string())
}

const STIG: &str = "language/stigmatising";
const UNUSED: &str = "suppression/unused";
const INVALID: &str = "suppression/invalid";

/// One file, linted alone.
fn lint(text: &str, args: &[&str]) -> Vec<Found> {
    Repo::new(&[("a.md", text)]).found(args)
}

fn lines(found: &[Found], rule: &str) -> Vec<u64> {
    found
        .iter()
        .filter(|(_, _, r)| r == rule)
        .map(|(_, l, _)| *l)
        .collect()
}

#[test]
fn the_article_without_directives_has_the_findings_the_tests_suppress() {
    let text = "He suffers from it.\n\nShe suffers from it.\n\nThe addict left.\n";
    assert_eq!(lines(&lint(text, &[]), STIG), vec![1, 3, 5]);
}

#[test]
fn disable_next_line_skips_blank_lines_and_covers_only_that_line() {
    let text = "\
<!-- carelint-disable-next-line language/stigmatising -->


He suffers from it.

She suffers from it.
";
    assert_eq!(lines(&lint(text, &[]), STIG), vec![6]);
}

#[test]
fn stacked_next_line_directives_apply_to_the_same_line() {
    let text = "\
<!-- carelint-disable-next-line substance-use/addict -->
<!-- carelint-disable-next-line mental-health/suffers-from -->
The addict suffers from it.

The addict suffers from it.
";
    let found = lint(text, &["--report-unused-disables"]);
    assert_eq!(lines(&found, STIG), vec![5, 5], "{found:?}");
    assert!(lines(&found, UNUSED).is_empty(), "{found:?}");
}

#[test]
fn disable_line_covers_its_own_line_only() {
    let text = "\
He suffers from it. <!-- carelint-disable-line language/stigmatising -->
She suffers from it.
";
    assert_eq!(lines(&lint(text, &[]), STIG), vec![2]);
}

#[test]
fn a_directive_for_another_rule_does_not_suppress() {
    let text = "\
<!-- carelint-disable-next-line statistics/unsourced -->
He suffers from it.

<!-- carelint-disable-next-line figures -->
She suffers from it.
";
    assert_eq!(lines(&lint(text, &[]), STIG), vec![2, 5]);
}

#[test]
fn a_region_ends_at_enable_and_an_open_one_runs_to_the_end() {
    let text = "\
<!-- carelint-disable language/stigmatising -->
He suffers from it.

The addict left.
<!-- carelint-enable -->

She suffers from it.

<!-- carelint-disable -->

The addict left.
";
    assert_eq!(lines(&lint(text, &[]), STIG), vec![7]);
}

#[test]
fn enable_with_a_rule_turns_only_that_rule_back_on() {
    let text = "\
<!-- carelint-disable -->
One survey found 46% of women cry after sex.
<!-- carelint-enable language/stigmatising -->
The addict suffers from it. One survey found 41% of men do.
<!-- carelint-enable -->
One survey found 12% of men do.
";
    let found = lint(text, &[]);
    assert_eq!(lines(&found, STIG), vec![4, 4], "{found:?}");
    assert_eq!(
        lines(&found, "statistics/weak-attribution"),
        vec![6],
        "{found:?}"
    );
}

#[test]
fn families_and_lexicon_entries_name_what_they_suppress() {
    let text = "\
The addict suffers from it. <!-- carelint-disable-line substance-use/addict -->

The addict suffers from it. <!-- carelint-disable-line language -->

The addict suffers from it. <!-- carelint-disable-line language/stigmatising, figures -->

The addict suffers from it. <!-- carelint-disable-line all -->
";
    let found = lint(text, &[]);
    assert_eq!(lines(&found, STIG), vec![1], "{found:?}");
}

#[test]
fn disable_file_with_and_without_rules() {
    let text = "He suffers from it.\n\nOne survey found 46% of women cry after sex.\n";
    let all = format!("{text}\n<!-- carelint-disable-file -->\n");
    assert!(lint(&all, &[]).is_empty());
    let language = format!("<!-- carelint-disable-file language -->\n\n{text}");
    let found = lint(&language, &[]);
    assert!(lines(&found, STIG).is_empty(), "{found:?}");
    assert_eq!(lines(&found, "statistics/weak-attribution"), vec![5]);
}

#[test]
fn reasons_are_accepted_and_their_words_are_not_linted() {
    let text = "\
<!-- carelint-disable-next-line language/stigmatising -- quoting the 1962 ruling: \"the addict\" -->
He suffers from it.
";
    assert!(lint(text, &["--report-unused-disables"]).is_empty());
    // In plain text the comment is prose; its reason is still not the article's words.
    let plain = Repo::new(&[("a.txt", text)]).found(&["--report-unused-disables"]);
    assert!(plain.is_empty(), "{plain:?}");
}

#[test]
fn comments_in_code_are_examples_not_directives() {
    let text = "\
```markdown
<!-- carelint-disable-file -->
```

    <!-- carelint-disable-file -->

Write `<!-- carelint-disable-file -->` to turn carelint off.

He suffers from it.
";
    let found = lint(text, &["--report-unused-disables"]);
    assert_eq!(found, vec![f("a.md", 9, STIG)]);
}

#[test]
fn a_directive_in_an_html_block_inside_a_list_or_quote_counts() {
    let text = "\
> <!-- carelint-disable-next-line language/stigmatising -->
> He suffers from it.

- <!-- carelint-disable-line language/stigmatising --> The addict left.
- She suffers from it.
";
    assert_eq!(lines(&lint(text, &[]), STIG), vec![5]);
}

#[test]
fn crlf_files_suppress_the_same_lines() {
    let text = "<!-- carelint-disable-next-line language/stigmatising -->\r\n\r\nHe suffers from it.\r\n\r\nShe suffers from it. <!-- carelint-disable-line language -->\r\n\r\nThe addict left.\r\n";
    assert_eq!(lines(&lint(text, &[]), STIG), vec![7]);
}

#[test]
fn unknown_rules_and_directives_are_reported_with_a_suggestion() {
    let text = "\
He suffers from it. <!-- carelint-disable-line language/stigmatizing -->

<!-- carelint-disabel language -->
She suffers from it.
";
    let (report, _) = Repo::new(&[("a.md", text)]).run(&[]);
    let found = found(&report);
    assert_eq!(
        lines(&found, STIG),
        vec![1, 4],
        "an unknown name suppresses nothing"
    );
    let invalid: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["rule"] == INVALID)
        .collect();
    assert_eq!(invalid.len(), 2, "{invalid:?}");
    assert_eq!(invalid[0]["category"], "suppression");
    assert_eq!(invalid[0]["severity"], "warning");
    assert!(
        invalid[0]["help"]
            .as_str()
            .unwrap_or_default()
            .contains("`language/stigmatising`")
    );
    let text_at = |d: &Value| {
        let (s, e) = (
            d["span"]["start"].as_u64().unwrap_or(0) as usize,
            d["span"]["end"].as_u64().unwrap_or(0) as usize,
        );
        text[s..e].to_string()
    };
    assert_eq!(text_at(invalid[0]), "language/stigmatizing");
    assert_eq!(text_at(invalid[1]), "carelint-disabel");
    assert!(
        invalid[1]["help"]
            .as_str()
            .unwrap_or_default()
            .contains("`carelint-disable`")
    );
}

#[test]
fn unused_directives_are_reported_only_when_asked() {
    let text = "\
<!-- carelint-disable-next-line language/stigmatising -->
A calm paragraph.

He suffers from it. <!-- carelint-disable-line figures, language -->

<!-- carelint-disable-file -->
";
    assert!(lint(text, &[]).is_empty());
    let (report, code) = Repo::new(&[("a.md", text)]).run(&["--report-unused-disables"]);
    let found = found(&report);
    assert_eq!(
        found,
        vec![f("a.md", 1, UNUSED), f("a.md", 4, UNUSED)],
        "the file-wide one suppressed the finding on line 4"
    );
    assert_eq!(code, 0, "warnings do not fail the run by default");
    let diagnostics = report["diagnostics"].as_array().expect("list");
    let removal = &diagnostics[0]["fix"];
    assert_eq!(removal["replacement"], "");
    let (s, e) = (
        removal["span"]["start"].as_u64().unwrap_or(0) as usize,
        removal["span"]["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(
        &text[s..e],
        "<!-- carelint-disable-next-line language/stigmatising -->\n",
        "the fix removes the whole line"
    );
    // Only `figures` was idle in the second directive; the fix drops that name.
    assert!(
        diagnostics[1]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("`figures`")
    );
    let fix = &diagnostics[1]["fix"]["span"];
    let (s, e) = (
        fix["start"].as_u64().unwrap_or(0) as usize,
        fix["end"].as_u64().unwrap_or(0) as usize,
    );
    let fixed = format!("{}{}", &text[..s], &text[e..]);
    assert!(
        fixed.contains("it. <!-- carelint-disable-line language -->"),
        "{fixed}"
    );
}

#[test]
fn the_config_key_turns_unused_reports_on() {
    let repo = Repo::new(&[(
        "a.md",
        "<!-- carelint-disable-next-line language -->\nA calm paragraph.\n",
    )]);
    assert!(repo.found(&[]).is_empty());
    std::fs::write(
        repo.0.path().join(".carelint.yml"),
        "root: true\nreport_unused_disables: true\n",
    )
    .expect("config");
    assert_eq!(repo.found(&[]), vec![f("a.md", 1, UNUSED)]);
}

#[test]
fn front_matter_disables_rules_for_the_article() {
    let text = "\
---
title: Living with it
carelint:
  disable: [language/stigmatising, figures, statistics/weak-attribution]
---

He suffers from it.

One survey found 46% of women cry after sex.
";
    let found = lint(text, &["--report-unused-disables"]);
    assert_eq!(
        found,
        vec![f("a.md", 4, UNUSED)],
        "`figures` suppressed nothing"
    );
    let all = "---\ncarelint: {disable: all}\n---\n\nHe suffers from it.\n";
    assert!(lint(all, &["--report-unused-disables"]).is_empty());
    let one = "---\ncarelint:\n  disable: language\n---\n\nHe suffers from it.\n";
    assert!(lint(one, &[]).is_empty());
    let other = "---\ncarelint:\n  disable: [statistics]\n---\n\nHe suffers from it.\n";
    assert_eq!(lines(&lint(other, &[]), STIG), vec![6]);
}

#[test]
fn malformed_front_matter_disables_are_reported() {
    let text = "---\ncarelint:\n  disabled: [language]\n---\n\nHe suffers from it.\n";
    let found = lint(text, &[]);
    assert_eq!(found, vec![f("a.md", 2, INVALID), f("a.md", 6, STIG)]);
    let unknown = "---\ncarelint: {disable: [langauge]}\n---\n\nHe suffers from it.\n";
    let found = lint(unknown, &[]);
    assert_eq!(found, vec![f("a.md", 2, INVALID), f("a.md", 5, STIG)]);
}

const CROSS_A: &str = "\
# Tears after sex

Up to 10% of men have cried after sex at some point in their lives, according to the [survey](https://example.org/a).
";

const CROSS_B: &str = "\
# Men and tears

<!-- carelint-disable-next-line figures/cross-article -- the survey counted differently -->
A survey of men found that 41% of men had cried after sex at some point in their lives ([report](https://example.org/a)).
";

#[test]
fn a_cross_article_finding_is_suppressed_in_one_file() {
    let without = CROSS_B.replace(
        "<!-- carelint-disable-next-line figures/cross-article -- the survey counted differently -->\n",
        "",
    );
    // Only the figures matter here (an article on crying after sex also wants help-seeking).
    let figures = |found: Vec<Found>| -> Vec<Found> {
        found
            .into_iter()
            .filter(|(_, _, r)| r != "safety/help-seeking")
            .collect()
    };
    let repo = Repo::new(&[("a.md", CROSS_A), ("b.md", &without)]);
    assert_eq!(
        figures(repo.found(&[])),
        vec![f("b.md", 3, "figures/cross-article")]
    );
    let repo = Repo::new(&[("a.md", CROSS_A), ("b.md", CROSS_B)]);
    assert!(figures(repo.found(&["--report-unused-disables"])).is_empty());
    // Linted alone, the article is compared with nothing: its directive is not idle.
    let alone = Repo::new(&[("b.md", CROSS_B)]);
    assert!(figures(alone.found(&["b.md", "--report-unused-disables"])).is_empty());
}

#[test]
fn stdin_text_gets_its_suppressions() {
    let repo = Repo::new(&[]);
    let output = Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(repo.0.path())
        .args([
            "check",
            "--stdin",
            "--stdin-filename",
            "draft.md",
            "--format",
            "compact",
            "--report-unused-disables",
        ])
        .write_stdin(
            "He suffers from it. <!-- carelint-disable-line language -->\n\
             <!-- carelint-disable-next-line figures -->\nShe suffers from it.\n",
        )
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(!out.contains("draft.md:1:"), "{out}");
    assert!(
        out.contains("draft.md:2:1: warning suppression/unused"),
        "{out}"
    );
    assert!(
        out.contains("draft.md:3:5: warning language/stigmatising"),
        "{out}"
    );
}

/// The README's example of every directive is real: it suppresses everything it names and
/// nothing is left unused.
#[test]
fn the_readme_example_suppresses_what_it_says() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let marker = "```markdown\n<!-- carelint-disable-next-line language/stigmatising";
    let start = readme.find(marker).expect("the example is in the README") + "```markdown\n".len();
    let example = &readme[start..start + readme[start..].find("```").expect("closing fence")];
    let bare: String = example
        .lines()
        .map(|l| l.split("<!--").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let without = lint(&bare, &[]);
    for rule in [
        STIG,
        "statistics/weak-attribution",
        "figures/contradiction",
        "safety/help-seeking",
    ] {
        assert!(
            without.iter().any(|(_, _, r)| r == rule),
            "the example needs a {rule} finding to suppress: {without:?}"
        );
    }
    let with = lint(example, &["--report-unused-disables"]);
    assert!(with.is_empty(), "{with:?}");
}
