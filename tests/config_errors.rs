//! Malformed configuration is reported against the YAML line it comes from (exit 2), and only
//! the articles it governs are skipped. Also: `--config`, `root: true`, overrides, `extends` of
//! a rule-pack file, `carelint init`, and the exit codes of `--fail-on` / `--max-warnings`.

use std::path::Path;
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{diagnostics, for_path, only, write};

const GOOD: &str = "Many people who suffer from depression never say so.\n";
const STIGMA: &str = "language/stigmatising";

/// A temp dir with an empty `.git` folder and one article with a finding, `a.md`.
fn repo() -> TempDir {
    repo_with(&[])
}

/// A [`repo`] with `files` besides (or instead of) its `a.md`.
fn repo_with(files: &[(&str, &str)]) -> TempDir {
    common::repo_with(&[&[("a.md", GOOD)], files].concat())
}

fn carelint(dir: &Path, args: &[&str]) -> Output {
    cargo_bin_cmd!("carelint")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(args)
        .output()
        .expect("run carelint")
}

/// `carelint check --format json ARGS`: exit code and report.
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let output = carelint(dir, &[&["check", "--format", "json"], args].concat());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{stdout}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap(), json)
}

/// Asserts `a.md`'s "suffer from" warning is in the report under `path`.
fn assert_good_finding(json: &Value, path: &str) {
    let d = only(json, path);
    assert_eq!(d["rule"], STIGMA);
    assert_eq!(d["category"], "stigmatising-language");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        (d["span"]["start"].as_u64(), d["span"]["end"].as_u64()),
        (Some(16), Some(27))
    );
}

/// Writes `config` as `.carelint.yml`, runs `check .` and returns the single config diagnostic,
/// after checking what every config error shares: exit 2, rule and category `config`, severity
/// error, the YAML file as path, and no article linted.
fn config_error(config: &str) -> (Value, String) {
    let dir = repo();
    write(dir.path(), ".carelint.yml", config);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2, "{json:#}");
    let d = only(&json, ".carelint.yml").clone();
    assert_eq!(d["rule"], "config");
    assert_eq!(d["category"], "config");
    assert_eq!(d["severity"], "error");
    assert!(
        for_path(&json, "a.md").is_empty(),
        "a.md is governed by the broken file"
    );
    assert_eq!(json["summary"]["files"], 0);
    assert_eq!(diagnostics(&json).len(), 1);
    (d, config.to_string())
}

/// The text of the YAML the diagnostic's span covers.
fn spanned<'a>(d: &Value, config: &'a str) -> &'a str {
    let start = d["span"]["start"].as_u64().unwrap() as usize;
    let end = d["span"]["end"].as_u64().unwrap() as usize;
    &config[start..end]
}

fn line_col(d: &Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

fn message(d: &Value) -> &str {
    d["message"].as_str().unwrap()
}

fn help(d: &Value) -> &str {
    d["help"]
        .as_str()
        .unwrap_or_else(|| panic!("no help: {d:#}"))
}

#[test]
fn unknown_top_level_key_suggests_the_known_one() {
    let (d, yaml) = config_error("root: true\nrulez:\n  language/stigmatising: off\n");
    assert!(message(&d).contains("unknown field `rulez`"), "{d:#}");
    assert_eq!(help(&d), "did you mean `rules`?");
    assert_eq!(line_col(&d), (2, 1));
    assert_eq!(spanned(&d, &yaml), "rulez");
}

#[test]
fn unknown_rule_id_points_at_its_own_line() {
    let yaml =
        "root: true\nrules:\n  language/stigmatising: warning\n  language/stigmatizing: off\n";
    let (d, yaml) = config_error(yaml);
    assert_eq!(message(&d), "rules: unknown rule `language/stigmatizing`");
    assert_eq!(help(&d), "did you mean `language/stigmatising`?");
    assert_eq!(line_col(&d), (4, 3));
    assert_eq!(spanned(&d, &yaml), "language/stigmatizing");
}

#[test]
fn unknown_rule_id_is_not_located_in_a_comment() {
    let yaml = "root: true\nrules:\n  language/stigmatising: warning\n  \
                # language/stigmatizing: the old spelling\n  language/stigmatizing: off\n";
    let (d, _) = config_error(yaml);
    assert_eq!(line_col(&d), (5, 3));
}

#[test]
fn invalid_level_suggests_the_closest_level() {
    let (d, yaml) = config_error("root: true\nrules:\n  language/stigmatising: warn\n");
    assert!(message(&d).contains("unknown variant `warn`"), "{d:#}");
    assert_eq!(help(&d), "did you mean `warning`?");
    assert_eq!(line_col(&d), (3, 26));
    assert_eq!(spanned(&d, &yaml), "warn");
}

#[test]
fn yaml_syntax_error_points_where_the_parser_failed() {
    // The `[` opened on line 2 is still open when `rules:` appears on line 3.
    let (d, _) = config_error("root: true\nexclude: [drafts\nrules: {}\n");
    assert!(
        message(&d).starts_with("did not find expected ',' or ']'"),
        "{d:#}"
    );
    assert_eq!(line_col(&d), (3, 6));
    assert!(d["help"].is_null());
}

#[test]
fn yaml_syntax_error_says_where_the_bracket_was_opened() {
    let (d, _) = config_error("root: true\nexclude: [drafts\nrules: {}\n");
    let text = format!("{} {}", message(&d), d["help"].as_str().unwrap_or(""));
    assert!(text.contains("line 2"), "{d:#}");
}

#[test]
fn unknown_option_in_a_rule_map_suggests_the_option() {
    let (d, yaml) = config_error("root: true\nrules:\n  language/stigmatising: {levle: off}\n");
    assert!(message(&d).contains("unknown field `levle`"), "{d:#}");
    assert_eq!(help(&d), "did you mean `level`?");
    assert_eq!(line_col(&d), (3, 27));
    assert_eq!(spanned(&d, &yaml), "levle");
}

#[test]
fn misspelt_builtin_pack_suggests_recommended() {
    let (d, yaml) = config_error("root: true\nextends: [recomended]\n");
    assert_eq!(message(&d), "unknown pack `recomended`");
    assert!(help(&d).starts_with("did you mean `recommended`?"), "{d:#}");
    assert_eq!(line_col(&d), (2, 11));
    assert_eq!(spanned(&d, &yaml), "recomended");
}

#[test]
fn misspelt_pack_is_not_located_in_a_comment() {
    let (d, _) = config_error("# recomended was a typo once\nroot: true\nextends: [recomended]\n");
    assert_eq!(line_col(&d), (3, 11));
}

#[test]
fn missing_pack_file_points_at_the_extends_entry() {
    let (d, yaml) = config_error("root: true\nextends: [./missing.yml]\n");
    assert!(
        message(&d).contains("pack `./missing.yml` not found"),
        "{d:#}"
    );
    assert_eq!(line_col(&d), (2, 11));
    assert_eq!(spanned(&d, &yaml), "./missing.yml");
}

#[test]
fn broken_config_in_one_folder_does_not_stop_a_sibling_folder() {
    let dir = repo_with(&[
        ("a/.carelint.yml", "root: true\nrulez: {}\n"),
        ("a/x.md", GOOD),
        ("b/y.md", GOOD),
        ("b/deeper/z.md", GOOD),
    ]);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2);
    let d = only(&json, "a/.carelint.yml");
    assert_eq!(d["category"], "config");
    assert_eq!(line_col(d), (2, 1));
    assert!(for_path(&json, "a/x.md").is_empty());
    assert_good_finding(&json, "a.md");
    assert_good_finding(&json, "b/y.md");
    assert_good_finding(&json, "b/deeper/z.md");
    assert_eq!(json["summary"]["files"], 3);
}

#[test]
fn broken_rule_pack_file_is_reported_against_the_pack() {
    let dir = repo_with(&[
        (
            ".carelint.yml",
            "extends: [recommended, ./packs/house.yml]\n",
        ),
        (
            "packs/house.yml",
            "rules:\n  language/stigmatising:\n    alow: [\"suffer from\"]\n",
        ),
    ]);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2);
    let d = only(&json, "packs/house.yml");
    assert_eq!(d["category"], "config");
    assert_eq!(help(d), "did you mean `allow`?");
    assert_eq!(line_col(d), (3, 5));
    assert!(for_path(&json, "a.md").is_empty());
}

/// Human output with the temp dir replaced by `[TMP]`, without the final summary line.
fn human(dir: &TempDir, args: &[&str]) -> (i32, String) {
    let output = carelint(
        dir.path(),
        &[&["check", "--format", "human"], args].concat(),
    );
    let mut text = String::from_utf8(output.stdout).unwrap();
    for root in [dir.path().to_path_buf(), dir.path().canonicalize().unwrap()] {
        text = text.replace(&*root.to_string_lossy(), "[TMP]");
    }
    let (body, summary) = text.trim_end().rsplit_once('\n').unwrap();
    assert!(
        summary.starts_with("1 error, 0 warnings and 0 infos"),
        "{summary}"
    );
    (output.status.code().unwrap(), format!("{body}\n"))
}

#[test]
fn human_output_labels_the_unknown_rule_line() {
    let dir = repo_with(&[(
        ".carelint.yml",
        "root: true\nrules:\n  language/stigmatising: warning\n  language/stigmatizing: off\n",
    )]);
    let (code, text) = human(&dir, &["a.md"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("human_unknown_rule", text);
}

#[test]
fn human_output_labels_the_invalid_level() {
    let dir = repo_with(&[(
        ".carelint.yml",
        "root: true\nrules:\n  language/stigmatising: warn\n",
    )]);
    // An absolute article path: the config is still shown relative to the working directory.
    let article = dir.path().join("a.md");
    let (code, text) = human(&dir, &[article.to_str().unwrap()]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("human_invalid_level", text);
}

#[test]
fn summary_line_counts_the_broken_config_but_no_articles() {
    let dir = repo_with(&[(".carelint.yml", "rulez: {}\n")]);
    let output = carelint(dir.path(), &["check", "--format", "compact", "."]);
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text,
        ".carelint.yml:1:1: error config unknown field `rulez`, expected one of `root`, \
         `extends`, `include`, `exclude`, `fail_on`, `max_warnings`, `report_unused_disables`, \
         `max_file_size`, `parse`, `extensions`, `rules`, `overrides`\n\
         1 error, 0 warnings and 0 infos in 1 file; 0 articles checked.\n"
    );
}

#[test]
fn forced_config_replaces_the_cascade() {
    let dir = repo();
    // The cascade would make the finding an error; the forced file turns the rule off.
    write(
        dir.path(),
        ".carelint.yml",
        "rules:\n  language/stigmatising: info\n",
    );
    write(dir.path(), "sub/b.md", GOOD);
    write(
        dir.path(),
        "ci/off.yml",
        "rules:\n  language/stigmatising: off\n",
    );
    let (code, json) = check_json(dir.path(), &["--config", "ci/off.yml", "."]);
    assert_eq!(code, 0);
    assert!(diagnostics(&json).is_empty(), "{json:#}");
    assert_eq!(json["summary"]["files"], 2);

    let (code, json) = check_json(dir.path(), &["--config", "ci/nope.yml", "."]);
    assert_eq!(code, 2);
    let d = only(&json, "ci/nope.yml");
    assert_eq!(d["category"], "config");
    assert!(message(d).contains("no such file"), "{d:#}");
}

#[test]
fn root_true_stops_the_cascade() {
    let dir = repo_with(&[
        (".carelint.yml", "rules:\n  language/stigmatising: off\n"),
        ("inherits/.carelint.yml", "max_warnings: 10\n"),
        ("inherits/i.md", GOOD),
        ("own/.carelint.yml", "root: true\n"),
        ("own/o.md", GOOD),
    ]);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    // Only the file under `root: true` is back on the default (recommended) rules.
    assert_good_finding(&json, "own/o.md");
    assert_eq!(diagnostics(&json).len(), 1, "{json:#}");
    assert_eq!(json["summary"]["files"], 3);
}

#[test]
fn override_turns_the_rule_off_for_a_glob() {
    let dir = repo_with(&[
        (
            ".carelint.yml",
            "overrides:\n  - files: [\"fiction/**\"]\n    rules:\n      language/stigmatising: off\n",
        ),
        ("fiction/story.md", GOOD),
        ("fiction/deep/novel.txt", GOOD),
        ("news/report.md", GOOD),
    ]);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    assert_good_finding(&json, "a.md");
    assert_good_finding(&json, "news/report.md");
    assert_eq!(diagnostics(&json).len(), 2, "{json:#}");
    assert_eq!(json["summary"]["files"], 4);
}

#[test]
fn extends_of_a_relative_rule_pack_applies_its_allow_list() {
    let dir = repo_with(&[
        (
            ".carelint.yml",
            "extends: [recommended, ./packs/house.yml]\n",
        ),
        (
            "packs/house.yml",
            "rules:\n  language/stigmatising:\n    allow: [\"suffer from\", substance-use/addict]\n",
        ),
        (
            "b.md",
            "Many people who suffer from depression never say so. An addict told us. We help the mentally ill.\n",
        ),
    ]);
    let (code, json) = check_json(dir.path(), &["."]);
    // The allowed phrase is exempt; the rest of the rule still applies (an error here).
    assert_eq!(code, 1);
    assert!(for_path(&json, "a.md").is_empty(), "{json:#}");
    let d = only(&json, "b.md");
    assert_eq!(d["rule"], STIGMA);
    assert_eq!(d["severity"], "error");
    assert!(message(d).contains("the mentally ill"), "{d:#}");
}

/// An id in `allow:` that names no entry (a typo) is a configuration error with a suggestion,
/// as an unknown rule is: accepted silently, it would leave the finding it was meant to allow.
#[test]
fn unknown_entry_id_in_allow_is_an_error_with_a_suggestion() {
    let dir = repo_with(&[
        (
            ".carelint.yml",
            "root: true\nrules:\n  language/stigmatising:\n    allow: [substance-use/adict]\n",
        ),
        ("a.md", "An addict told us so.\n"),
    ]);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2, "{json:#}");
    let d = only(&json, ".carelint.yml");
    assert_eq!(d["category"], "config");
    assert_eq!(d["severity"], "error");
    assert!(
        message(d).contains("unknown entry `substance-use/adict`"),
        "{d:#}"
    );
    assert!(
        message(d).contains("did you mean `substance-use/addict`?"),
        "{d:#}"
    );
    assert!(for_path(&json, "a.md").is_empty(), "{json:#}");
    // A known id and a phrase are fine.
    write(
        dir.path(),
        ".carelint.yml",
        "root: true\nrules:\n  language/stigmatising:\n    allow: [substance-use/addict, \"suffer from\"]\n",
    );
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0, "{json:#}");
}

#[test]
fn allow_by_entry_id_exempts_every_form() {
    let dir = repo_with(&[
        (
            ".carelint.yml",
            "rules:\n  language/stigmatising:\n    allow: [mental-health/suffers-from]\n",
        ),
        (
            "b.md",
            "He suffers from it. They suffered from it. Suffering from it.\n",
        ),
    ]);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    assert!(diagnostics(&json).is_empty(), "{json:#}");
}

/// A contested entry ships `level: off`; `enable:` turns it on at the level a house style
/// chooses, and a mistyped id there is an error with a suggestion, as in `allow:`.
#[test]
fn enable_turns_on_a_contested_entry_at_the_chosen_level() {
    let dir = repo();
    let article = "The review counted attempted and completed suicides for each year.\n";
    write(dir.path(), ".carelint.yml", "root: true\n");
    write(dir.path(), "a.md", article);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0, "{json:#}");
    assert!(diagnostics(&json).is_empty(), "{json:#}");

    write(
        dir.path(),
        ".carelint.yml",
        "root: true\nrules:\n  safety/suicide-language:\n    enable: {\"suicide/completed\": warning}\n",
    );
    let (_, json) = check_json(dir.path(), &["."]);
    let d = only(&json, "a.md");
    assert_eq!(d["entry"], "suicide/completed", "{d:#}");
    assert_eq!(d["severity"], "warning", "{d:#}");

    write(
        dir.path(),
        ".carelint.yml",
        "root: true\nrules:\n  safety/suicide-language:\n    enable: {\"suicide/complted\": info}\n",
    );
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2, "{json:#}");
    let d = only(&json, ".carelint.yml");
    assert!(
        message(d).contains("enable: unknown entry `suicide/complted`"),
        "{d:#}"
    );
    assert!(
        message(d).contains("did you mean `suicide/completed`?"),
        "{d:#}"
    );
}

#[test]
fn init_writes_a_starter_config_that_loads() {
    let dir = repo_with(&[("drafts/wip.md", GOOD)]);
    let output = carelint(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("Wrote "));
    let written = std::fs::read_to_string(dir.path().join(".carelint.yml")).unwrap();
    assert!(written.contains("root: true"));

    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0, "{json:#}");
    assert_good_finding(&json, "a.md");
    // The starter excludes drafts/**.
    assert_eq!(diagnostics(&json).len(), 1, "{json:#}");
    assert_eq!(json["summary"]["files"], 1);

    let again = carelint(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let forced = carelint(dir.path(), &["init", "--force"]);
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn fail_on_and_max_warnings_set_the_exit_code() {
    let dir = repo();
    let code = |args: &[&str]| check_json(dir.path(), &[args, &["a.md"]].concat()).0;
    // One warning; the default threshold is `error`.
    assert_eq!(code(&[]), 0);
    assert_eq!(code(&["--fail-on", "warning"]), 1);
    assert_eq!(code(&["--fail-on", "info"]), 1);
    assert_eq!(code(&["--fail-on", "error"]), 0);
    assert_eq!(code(&["--max-warnings", "0"]), 1);
    assert_eq!(code(&["--max-warnings", "1"]), 0);
    assert_eq!(code(&["--fail-on", "never", "--max-warnings", "0"]), 1);

    // An error finding with `--fail-on never` passes; a config error never does.
    write(
        dir.path(),
        ".carelint.yml",
        "rules:\n  language/stigmatising: info\n",
    );
    write(dir.path(), "a.md", "He committed suicide.\n");
    assert_eq!(code(&[]), 1);
    assert_eq!(code(&["--fail-on", "never"]), 0);
    write(dir.path(), ".carelint.yml", "rulez: {}\n");
    assert_eq!(code(&["--fail-on", "never"]), 2);
}

/// `carelint check` run from `sub/`, where the repository root's configuration applies.
fn code_in_sub(dir: &TempDir, args: &[&str]) -> i32 {
    let output = carelint(
        &dir.path().join("sub"),
        &[&["check", "--format", "json"], args, &["b.md"]].concat(),
    );
    output.status.code().unwrap()
}

#[test]
fn config_fail_on_and_max_warnings_apply_unless_the_command_line_overrides() {
    let dir = repo_with(&[("sub/b.md", GOOD), (".carelint.yml", "fail_on: warning\n")]);
    assert_eq!(code_in_sub(&dir, &[]), 1);
    assert_eq!(code_in_sub(&dir, &["--fail-on", "never"]), 0);
    write(dir.path(), ".carelint.yml", "max_warnings: 0\n");
    assert_eq!(code_in_sub(&dir, &[]), 1);
    assert_eq!(code_in_sub(&dir, &["--max-warnings", "5"]), 0);
    write(dir.path(), ".carelint.yml", "extends: [strict]\n");
    assert_eq!(
        code_in_sub(&dir, &[]),
        1,
        "the strict pack fails on warnings"
    );
}

#[test]
fn config_fail_on_in_the_working_directory_applies() {
    let dir = repo_with(&[(".carelint.yml", "fail_on: warning\n")]);
    let (code, json) = check_json(dir.path(), &["a.md"]);
    assert_good_finding(&json, "a.md");
    assert_eq!(code, 1);
    write(dir.path(), ".carelint.yml", "max_warnings: 0\n");
    assert_eq!(check_json(dir.path(), &["a.md"]).0, 1);
}

/// A config with a bad level (`loud`) on its third line.
const BAD_LEVEL: &str = "# house style\nrules:\n  language/stigmatising: loud\n";

fn assert_bad_level_at(json: &Value, path: &str) {
    let d = only(json, path);
    assert_eq!(d["category"], "config", "{d:#}");
    assert_eq!(d["line"], 3, "{d:#}");
    assert_eq!(spanned(d, BAD_LEVEL), "loud");
}

/// `carelint check --format compact ARGS`: stdout.
fn compact(dir: &Path, args: &[&str]) -> String {
    let output = carelint(
        dir,
        &[&["check", "--format", "compact", "--no-progress"], args].concat(),
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn config_errors_under_the_working_directory_are_shown_relative() {
    let dir = repo_with(&[
        (".carelint.yml", BAD_LEVEL),
        ("sub/.carelint.yml", BAD_LEVEL),
        ("sub/b.md", GOOD),
    ]);
    let abs = dir.path().to_str().unwrap();
    for target in [".", abs] {
        let (code, json) = check_json(dir.path(), &[target]);
        assert_eq!(code, 2);
        assert_bad_level_at(&json, ".carelint.yml");
        assert_bad_level_at(&json, "sub/.carelint.yml");
        let out = compact(dir.path(), &[target]);
        assert!(
            out.contains("\n.carelint.yml:3:") || out.starts_with(".carelint.yml:3:"),
            "{out}"
        );
        assert!(out.contains("\nsub/.carelint.yml:3:"), "{out}");
    }
}

#[test]
fn a_forced_config_given_as_an_absolute_path_is_shown_relative() {
    let dir = repo_with(&[("ci/house.yml", BAD_LEVEL)]);
    let abs = dir.path().join("ci/house.yml");
    let abs = abs.to_str().unwrap();
    for spelt in [abs, "ci/house.yml", "./ci/../ci/house.yml"] {
        let (code, json) = check_json(dir.path(), &["--config", spelt, "."]);
        assert_eq!(code, 2);
        assert_bad_level_at(&json, "ci/house.yml");
        let out = compact(dir.path(), &["--config", spelt, "."]);
        assert!(out.starts_with("ci/house.yml:3:"), "{out}");
    }
}

#[test]
fn a_config_outside_the_working_directory_stays_absolute() {
    let dir = repo_with(&[(".carelint.yml", BAD_LEVEL), ("sub/b.md", GOOD)]);
    let (code, json) = check_json(&dir.path().join("sub"), &["."]);
    assert_eq!(code, 2);
    let d = diagnostics(&json)
        .iter()
        .find(|d| d["category"] == "config")
        .expect("the broken config");
    let path = d["path"].as_str().unwrap();
    assert!(Path::new(path).is_absolute(), "{path}");
    assert!(path.ends_with("/.carelint.yml"), "{path}");
    assert_eq!(d["line"], 3);
}

/// The working directory reached through a symbolic link ("/var" and "/private/var" on macOS):
/// a config named through the link is still under it.
#[cfg(unix)]
#[test]
fn a_forced_config_named_through_a_link_to_the_working_directory_is_relative() {
    let outer = tempfile::tempdir().expect("temp dir");
    let real = outer.path().join("real");
    std::fs::create_dir_all(real.join(".git")).unwrap();
    write(&real, "a.md", GOOD);
    write(&real, "ci/house.yml", BAD_LEVEL);
    std::os::unix::fs::symlink(&real, outer.path().join("link")).unwrap();
    let linked = outer.path().join("link/ci/house.yml");
    let (code, json) = check_json(&real, &["--config", linked.to_str().unwrap(), "."]);
    assert_eq!(code, 2);
    assert_bad_level_at(&json, "ci/house.yml");
}

/// `check --stdin --stdin-filename PATH` gives what `check PATH` gives for the same text: the
/// path's include and exclude globs, overrides and nested configuration all apply.
#[test]
fn stdin_gets_the_configuration_of_its_path() {
    let dir = repo_with(&[
        (
            ".carelint.yml",
            "root: true\nexclude: [\"drafts/**\"]\noverrides:\n  - files: [\"fiction/**\"]\n    rules:\n      language/stigmatising: off\n",
        ),
        (
            "quiet/.carelint.yml",
            "rules:\n  language/stigmatising: info\n",
        ),
        (
            "only/.carelint.yml",
            "root: true\ninclude: [\"articles/**\"]\n",
        ),
    ]);
    let text = "Her brother suffers from depression.\n";
    let findings = |json: &Value| -> Vec<(String, String, String, u64)> {
        diagnostics(json)
            .iter()
            .map(|d| {
                (
                    d["path"].as_str().unwrap_or_default().to_string(),
                    d["rule"].as_str().unwrap_or_default().to_string(),
                    d["severity"].as_str().unwrap_or_default().to_string(),
                    d["span"]["start"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    };
    for (path, stigmatising) in [
        ("drafts/x.md", None),
        ("fiction/x.md", None),
        ("quiet/x.md", Some("info")),
        ("news/x.md", Some("warning")),
        ("only/other/x.md", None),
        ("only/articles/x.md", Some("warning")),
    ] {
        write(dir.path(), path, text);
        // An excluded path leaves nothing to check: `--allow-empty` keeps that from being the
        // "no articles matched" error, which a stdin run (always one text) never raises.
        let (file_code, from_file) =
            check_json(dir.path(), &["--fail-on", "never", "--allow-empty", path]);
        let output = cargo_bin_cmd!("carelint")
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--fail-on", "never", "--stdin"])
            .args(["--stdin-filename", path])
            .write_stdin(text)
            .output()
            .expect("run carelint");
        let from_stdin: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(output.status.code(), Some(file_code), "{path}");
        assert_eq!(findings(&from_stdin), findings(&from_file), "{path}");
        assert_eq!(
            from_stdin["summary"]["files"], from_file["summary"]["files"],
            "{path}"
        );
        let level = for_path(&from_stdin, path)
            .iter()
            .find(|d| d["rule"] == STIGMA)
            .and_then(|d| d["severity"].as_str().map(str::to_string));
        assert_eq!(level.as_deref(), stigmatising, "{path}: {from_stdin:#}");
        // `fix --stdin` fixes only what `check` would report there.
        let fixed = cargo_bin_cmd!("carelint")
            .current_dir(dir.path())
            .args(["fix", "--unsafe", "--stdin", "--stdin-filename", path])
            .write_stdin("He committed suicide.\n")
            .output()
            .expect("run carelint");
        let want = if matches!(path, "drafts/x.md" | "only/other/x.md") {
            "He committed suicide.\n"
        } else {
            "He died by suicide.\n"
        };
        assert_eq!(String::from_utf8_lossy(&fixed.stdout), want, "{path}");
        std::fs::remove_file(dir.path().join(path)).expect("remove");
    }
}

/// The paths of the files with a `language/stigmatising` finding, sorted.
fn stigmatised(json: &Value) -> Vec<String> {
    let mut paths: Vec<String> = diagnostics(json)
        .iter()
        .filter(|d| d["rule"] == STIGMA)
        .filter_map(|d| d["path"].as_str().map(str::to_string))
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// A rule pack's globs (`include`, `exclude`, `overrides: files`) are relative to the
/// configuration that extends it, as they would be written there; not to the pack's folder. A
/// pack that extends a pack is found relative to the pack, and its globs too are relative to
/// the configuration at the top.
#[test]
fn pack_globs_are_relative_to_the_config_that_extends_it() {
    let dir = repo_with(&[
        (
            ".carelint.yml",
            "root: true\nextends: [recommended, ./packs/house.yml]\n",
        ),
        (
            "packs/house.yml",
            "extends: [./base/common.yml]\nexclude: [\"drafts/**\"]\noverrides:\n  - files: [\"fiction/**\"]\n    rules:\n      language/stigmatising: off\n",
        ),
        (
            "packs/base/common.yml",
            "overrides:\n  - files: [\"archive/**\"]\n    rules:\n      language/stigmatising: off\n",
        ),
    ]);
    let text = "Her brother suffers from depression.\n";
    for path in [
        "news/a.md",
        "fiction/a.md",
        "drafts/a.md",
        "archive/a.md",
        "packs/fiction/a.md",
        "packs/drafts/a.md",
        "packs/base/archive/a.md",
    ] {
        write(dir.path(), path, text);
    }
    let (code, json) = check_json(dir.path(), &["--fail-on", "never", "."]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(
        stigmatised(&json),
        [
            "a.md",
            "news/a.md",
            "packs/base/archive/a.md",
            "packs/drafts/a.md",
            "packs/fiction/a.md"
        ],
        "{json:#}"
    );
    // repo()'s a.md and the seven written here, less drafts/a.md.
    assert_eq!(json["summary"]["files"], 7, "drafts/a.md is excluded");
}

/// Packs that extend each other in a circle are a configuration error that names the pack.
#[test]
fn packs_extending_each_other_are_an_error() {
    let dir = repo_with(&[
        (".carelint.yml", "root: true\nextends: [./packs/a.yml]\n"),
        ("packs/a.yml", "extends: [./b.yml]\n"),
        ("packs/b.yml", "extends: [./a.yml]\n"),
        ("a.md", "Her brother suffers from depression.\n"),
    ]);
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2, "{json:#}");
    let d = only(&json, "packs/b.yml");
    assert_eq!(d["category"], "config");
    assert_eq!(message(d), "pack `./a.yml` extends itself");
    assert!(for_path(&json, "a.md").is_empty(), "{json:#}");
}
