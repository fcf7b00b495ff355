//! The CI output formats: SARIF against the official 2.1.0 schema (and Microsoft's validator
//! when `CARELINT_SARIF_MULTITOOL` names it), GitHub workflow-command escaping and the step
//! summary, reviewdog's byte columns, and JUnit XML that parses back.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn carelint_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("carelint").expect("binary builds");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `check ARGS --format FORMAT` in `dir`; stdout and exit code.
fn check(dir: &Path, args: &[&str], format: &str) -> (String, i32) {
    let output = carelint_in(dir)
        .arg("check")
        .args(args)
        .args(["--format", format])
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        output.status.code().unwrap_or(-1),
    )
}

fn schema_errors(sarif: &Value) -> Vec<String> {
    let published = std::fs::read_to_string(manifest().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("schema fixture");
    // The official schema's `language` patterns have a stray `]` that the meta-schema's
    // `format: regex` rejects; carelint never writes `language`, so they are replaced by the
    // pattern they mean before compiling. Everything else is the schema as published.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(
        published.contains(stray),
        "the schema still has the language pattern"
    );
    let schema: Value = serde_json::from_str(
        &published.replace(stray, r#""^[a-zA-Z]{2}$|^[a-zA-Z]{2}-[a-zA-Z]{2}$""#),
    )
    .expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// A folder of articles with every kind of thing SARIF has to carry: a contradiction across
/// articles (related locations), a safe fix, a non-ASCII line, a file that is not UTF-8 and a
/// broken configuration. `work/` is the working directory, so paths start with `../`.
fn rich_case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(articles.join("sub")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("work")).expect("mkdir");
    std::fs::write(articles.join(".carelint.yml"), "root: true\n").expect("write");
    for name in ["a-tears.md", "b-men.md"] {
        std::fs::copy(
            manifest().join("fixtures/figures/cross-article").join(name),
            articles.join(name),
        )
        .expect("copy fixture");
    }
    std::fs::write(
        articles.join("broken.md"),
        "# Numbers\n\nIn a survey of 1, 635 participants, most said they were fine.\n",
    )
    .expect("write");
    std::fs::write(
        articles.join("café 😀.md"),
        "# Ça va\n\nÉmile 😀 says his brother suffers from depression.\n",
    )
    .expect("write");
    std::fs::write(
        articles.join("bad file.md"),
        b"Fine so far \xff\xfe then not.\n",
    )
    .expect("write");
    std::fs::write(
        articles.join("sub/.carelint.yml"),
        "rules:\n  language/stigmatizing: off\n",
    )
    .expect("write");
    std::fs::write(articles.join("sub/x.md"), "Nothing to see.\n").expect("write");
    dir
}

fn sarif_of(dir: &Path, args: &[&str]) -> (Value, i32) {
    let (out, code) = check(dir, args, "sarif");
    (serde_json::from_str(&out).expect("SARIF is JSON"), code)
}

#[test]
fn sarif_on_samples_is_valid_and_describes_every_rule() {
    let (sarif, code) = sarif_of(&manifest(), &["fixtures/samples"]);
    assert_eq!(code, 0);
    assert_eq!(schema_errors(&sarif), Vec::<String>::new());
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["automationDetails"]["id"], "carelint/");
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules array");
    // Every registered rule, then the two findings about suppression comments.
    assert_eq!(rules.len(), carelint::rules::REGISTRY.len() + 2);
    for (rule, spec) in rules.iter().zip(carelint::rules::REGISTRY) {
        let id = spec.meta.id;
        assert_eq!(rule["id"], id);
        assert_ne!(rule["name"], id);
        assert_eq!(rule["help"]["markdown"], spec.meta.doc());
        assert_eq!(
            rule["helpUri"],
            format!("https://github.com/carelint/carelint/blob/main/docs/rules/{id}.md")
        );
        assert!(
            manifest().join(format!("docs/rules/{id}.md")).is_file(),
            "{id} has no docs page"
        );
        assert_eq!(rule["properties"]["tags"][0], spec.meta.category.as_str());
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| t.len() > 20)
        );
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64() >= Some(1));
        assert!(region["endColumn"].as_u64() >= Some(1));
    }
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    // The snapshot leaves out the rules' documentation, which changes with the rules.
    let mut shown = sarif.clone();
    let ids: Vec<Value> = rules.iter().map(|r| r["id"].clone()).collect();
    shown["runs"][0]["tool"]["driver"]["rules"] = Value::Array(ids);
    insta::assert_snapshot!(serde_json::to_string_pretty(&shown).expect("serialises"));
}

#[test]
fn sarif_carries_related_locations_fixes_and_pipeline_problems() {
    let case = rich_case();
    let (sarif, code) = sarif_of(&case.path().join("work"), &["../articles"]);
    assert_eq!(
        code, 2,
        "unreadable input and bad configuration exit with 2"
    );
    assert_eq!(schema_errors(&sarif), Vec::<String>::new());
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().expect("results");

    let uris: Vec<&str> = results
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.iter().all(|u| u.starts_with("../articles/")),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"../articles/caf%C3%A9%20%F0%9F%98%80.md"),
        "{uris:?}"
    );

    let cross = results
        .iter()
        .find(|r| r["ruleId"] == "figures/cross-article")
        .expect("a cross-article contradiction");
    let related = &cross["relatedLocations"][0];
    assert_eq!(related["id"], 1);
    assert!(
        related["message"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_ne!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        cross["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "the other figure is in the other article"
    );
    assert!(related["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1));

    let fixed = results
        .iter()
        .find(|r| r["ruleId"] == "figures/broken-number")
        .expect("a broken number");
    let replacement = &fixed["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "1,635");
    assert_eq!(replacement["deletedRegion"]["byteLength"], 6);
    assert_eq!(
        fixed["fixes"][0]["artifactChanges"][0]["artifactLocation"]["uri"],
        "../articles/broken.md"
    );

    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    let uri_of = |n: &Value| {
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let input = notifications
        .iter()
        .find(|n| n["descriptor"]["id"] == "input")
        .expect("the invalid UTF-8 file");
    assert_eq!(uri_of(input), "../articles/bad%20file.md");
    assert_eq!(input["level"], "error");
    assert_eq!(
        input["locations"][0]["physicalLocation"]["region"]["byteOffset"],
        "Fine so far ".len(),
        "points at the first bad byte"
    );
    let config = notifications
        .iter()
        .find(|n| n["descriptor"]["id"] == "config")
        .expect("the broken configuration");
    // Configuration files are reported by absolute path, which becomes a `file:` URI.
    let config_uri = uri_of(config);
    assert!(
        config_uri == "../articles/sub/.carelint.yml"
            || config_uri.starts_with("file:///")
                && config_uri.ends_with("/articles/sub/.carelint.yml"),
        "{config_uri}"
    );
    assert!(
        results
            .iter()
            .all(|r| r["ruleId"] != "input" && r["ruleId"] != "config"),
        "pipeline problems are not code scanning alerts"
    );
}

#[test]
fn sarif_category_goes_into_automation_details() {
    let (out, _) = check(
        &manifest(),
        &[
            "fixtures/samples/crlf-note.md",
            "--sarif-category",
            "articles",
        ],
        "sarif",
    );
    let sarif: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        sarif["runs"][0]["automationDetails"]["id"],
        "carelint/articles/"
    );
}

/// Findings about suppression comments are results with a rule descriptor of their own, so code
/// scanning can show them.
#[test]
fn suppression_findings_have_rule_descriptors_in_sarif() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.md"),
        "# Notes\n\nA calm paragraph. <!-- carelint-disable-line language/stigmatising -->\n\nMore text. <!-- carelint-disable-line language/stigmatsing -->\n",
    )
    .expect("write");
    let (sarif, _) = sarif_of(dir.path(), &["a.md", "--report-unused-disables"]);
    assert_eq!(schema_errors(&sarif), Vec::<String>::new());
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let mut seen = Vec::new();
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"]
            .as_u64()
            .expect("every result has a ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        seen.push(result["ruleId"].as_str().unwrap_or_default().to_string());
    }
    seen.sort();
    assert_eq!(seen, vec!["suppression/invalid", "suppression/unused"]);
}

/// Code scanning follows an alert across commits by its `partialFingerprints`: every result
/// has the baseline's content fingerprint, two identical findings differ by occurrence, and
/// lines added above leave them as they were.
#[test]
fn sarif_results_carry_content_fingerprints_that_survive_moved_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let body =
        "People who suffer from depression say so.\n\nPeople who suffer from depression say so.\n";
    let fingerprints = |text: &str| -> Vec<String> {
        std::fs::write(dir.path().join("a.md"), text).expect("write");
        let (sarif, _) = sarif_of(dir.path(), &["a.md"]);
        let results = sarif["runs"][0]["results"].as_array().cloned();
        let results = results.expect("results");
        for r in &results {
            assert!(
                r["partialFingerprints"]["carelintContent/v1"].is_string(),
                "{r}"
            );
        }
        results
            .iter()
            .filter(|r| r["ruleId"] == "language/stigmatising")
            .map(|r| r["partialFingerprints"]["carelintContent/v1"].to_string())
            .collect()
    };
    let before = fingerprints(body);
    assert_eq!(before.len(), 2, "{before:?}");
    assert_ne!(before[0], before[1]);
    let after = fingerprints(&format!("# Added\n\nA new first paragraph.\n\n{body}"));
    assert_eq!(before, after);
}

/// SARIF counts code points, reviewdog counts UTF-8 bytes; the JSON contract counts code
/// points too.
#[test]
fn columns_are_code_points_in_sarif_and_bytes_in_rdjson() {
    let case = rich_case();
    let work = case.path().join("work");
    let path = "../articles/café 😀.md";
    let (json, _) = check(&work, &[path], "json");
    let (sarif, _) = check(&work, &[path], "sarif");
    let (rdjson, _) = check(&work, &[path], "rdjson");
    let json: Value = serde_json::from_str(&json).expect("JSON");
    let sarif: Value = serde_json::from_str(&sarif).expect("JSON");
    let rdjson: Value = serde_json::from_str(&rdjson).expect("JSON");

    let line = "Émile 😀 says his brother suffers from depression.";
    let byte = line.find("suffers").expect("phrase");
    let chars = line[..byte].chars().count();
    assert_ne!(byte, chars, "the line is not ASCII");

    let finding = &json["diagnostics"][0];
    assert_eq!(finding["rule"], "language/stigmatising");
    assert_eq!(finding["column"], chars + 1);
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], chars + 1);
    assert_eq!(region["endColumn"], chars + 1 + "suffers from".len());
    assert_eq!(region["snippet"]["text"], "suffers from");

    let d = &rdjson["diagnostics"][0];
    assert_eq!(d["location"]["path"], path);
    assert_eq!(
        d["location"]["range"]["start"],
        serde_json::json!({"line": 3, "column": byte + 1})
    );
    assert_eq!(
        d["location"]["range"]["end"],
        serde_json::json!({"line": 3, "column": byte + 1 + "suffers from".len()})
    );
    assert_eq!(d["severity"], "WARNING");
    assert_eq!(d["code"]["value"], "language/stigmatising");
    assert!(
        d["code"]["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("/docs/rules/language/stigmatising.md"))
    );
    let suggestion = &d["suggestions"][0];
    assert_eq!(suggestion["range"], d["location"]["range"]);
    assert_eq!(rdjson["source"]["name"], "carelint");
}

#[test]
fn rdjson_carries_related_locations_and_pipeline_problems() {
    let case = rich_case();
    let (out, code) = check(&case.path().join("work"), &["../articles"], "rdjson");
    assert_eq!(code, 2);
    let rdjson: Value = serde_json::from_str(&out).expect("JSON");
    let diagnostics = rdjson["diagnostics"].as_array().expect("diagnostics");
    let cross = diagnostics
        .iter()
        .find(|d| d["code"]["value"] == "figures/cross-article")
        .expect("cross-article");
    let related = &cross["related_locations"][0];
    assert!(related["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(related["location"]["range"]["start"]["line"].as_u64() >= Some(1));
    let input = diagnostics
        .iter()
        .find(|d| d["code"]["value"] == "input")
        .expect("input problem");
    assert_eq!(input["location"]["path"], "../articles/bad file.md");
    assert_eq!(input["severity"], "ERROR");
    assert_eq!(
        input["location"]["range"]["start"]["column"],
        "Fine so far ".len() + 1
    );
    assert_eq!(rdjson["severity"], "ERROR");
}

/// What `::warning file=…::…` should say, decoded the way the runner does.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_escape_data_and_properties() {
    let dir = tempfile::tempdir().expect("tempdir");
    // `%`, `:` and `,` in the path are property data; the finding's message has `%` and its
    // help follows on a new line.
    let name = "50%, a:b.md";
    std::fs::write(
        dir.path().join(name),
        "# Tears\n\nAbout 46% of women have cried after sex, studies suggest.\n",
    )
    .expect("write");
    let (out, code) = check(dir.path(), &[name], "github");
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    let annotation = lines
        .iter()
        .find(|l| l.starts_with("::warning ") && l.contains("statistics/weak-attribution"))
        .expect("a weak-attribution annotation");
    let (head, message) = annotation
        .strip_prefix("::warning ")
        .and_then(|rest| rest.split_once("::"))
        .expect("command shape");
    let properties: Vec<(&str, &str)> = head
        .split(',')
        .map(|p| p.split_once('=').expect("key=value"))
        .collect();
    assert_eq!(properties[0], ("file", "50%25%2C a%3Ab.md"));
    assert_eq!(unescape(properties[0].1), name);
    let keys: Vec<&str> = properties.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        ["file", "line", "endLine", "col", "endColumn", "title"]
    );
    assert_eq!(properties[1], ("line", "3"));
    // The span is the figure with its qualifier: "About 46%".
    assert_eq!(properties[3], ("col", "1"));
    assert_eq!(properties[4], ("endColumn", "10"));
    assert!(message.contains("46%25”"), "{message}");
    assert!(message.contains("%0A"), "help on its own line: {message}");
    assert!(!message.contains('\n') && !message.contains('\r'));
    assert!(unescape(message).contains("46%”"));
    assert!(lines.last().is_some_and(|l| l.contains("1 warning")));

    // Carriage returns, in both positions, as @actions/core escapes them.
    use carelint::report::github::{escape_data, escape_property};
    assert_eq!(escape_data("a%\r\nb:c,d"), "a%25%0D%0Ab:c,d");
    assert_eq!(escape_property("a%\r\nb:c,d"), "a%25%0D%0Ab%3Ac%2Cd");
    assert_eq!(unescape(&escape_property("x:%3A,\r")), "x:%3A,\r");
}

#[test]
fn github_levels_map_to_error_warning_and_notice() {
    let case = rich_case();
    let (out, _) = check(&case.path().join("work"), &["../articles"], "github");
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=../articles/bad file.md,line=1"))
    );
    assert!(out.lines().any(|l| l.starts_with("::warning file=")));
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.md"),
        "# Quotes\n\n> My friend suffers from depression, she said.\n",
    )
    .expect("write");
    let (out, _) = check(dir.path(), &["a.md"], "github");
    assert!(
        out.lines().any(|l| l.starts_with("::notice file=a.md")),
        "{out}"
    );
}

#[test]
fn github_step_summary_is_appended_with_a_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "pipe|name.md";
    std::fs::write(
        dir.path().join(name),
        "# Tears\n\nAbout 46% of women have cried after sex, studies suggest.\n",
    )
    .expect("write");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    for _ in 0..2 {
        let output = carelint_in(dir.path())
            .args(["check", name, "--format", "github"])
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0));
    }
    let text = std::fs::read_to_string(&summary).expect("summary written");
    assert!(text.starts_with("earlier step\n"), "appended, not replaced");
    assert_eq!(text.matches("## carelint").count(), 2);
    let row = text
        .lines()
        .find(|l| l.contains("weak-attribution"))
        .expect("a row for the finding");
    assert!(row.contains("pipe\\|name.md"), "{row}");
    // Unescaped pipes delimit exactly five cells.
    let cells = row.replace("\\|", "").matches('|').count();
    assert_eq!(cells, 6, "{row}");
    assert!(row.contains("| 3:1 |"), "{row}");
}

/// The step summary holds at most 1,000 rows (GitHub caps a summary at 1 MiB) and says so
/// where the table stops, as the README does.
#[test]
fn github_step_summary_says_how_many_of_all_findings_it_shows() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(".carelint.yml"), "root: true\n").expect("write");
    let text = "Her brother suffers from depression.\n\n".repeat(1_210);
    std::fs::write(dir.path().join("many.md"), text).expect("write");
    let summary = dir.path().join("summary.md");
    let output = carelint_in(dir.path())
        .args([
            "check",
            "many.md",
            "--format",
            "github",
            "--fail-on",
            "never",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(&summary).expect("summary written");
    // 1,210 stigmatising findings and one help-seeking one.
    let rows = text
        .lines()
        .filter(|l| l.starts_with("| warning |"))
        .count();
    assert_eq!(rows, 1_000);
    assert!(
        text.contains("1,000 of 1,211 findings shown"),
        "{}",
        &text[text.len().saturating_sub(300)..]
    );
    let readme = std::fs::read_to_string(manifest().join("README.md")).expect("README");
    assert!(
        readme.contains("the first 1,000 findings"),
        "the README says the summary is capped"
    );
}

#[test]
fn junit_parses_back_and_escapes() {
    let case = rich_case();
    let articles = case.path().join("articles");
    // Markup characters and a control character XML 1.0 cannot carry, in a file name.
    let odd = "odd <&\"'>\u{1}.md";
    std::fs::write(
        articles.join(odd),
        "# Ça va\n\nHis brother suffers from depression.\n",
    )
    .expect("write");
    let (out, code) = check(&case.path().join("work"), &["../articles"], "junit");
    assert_eq!(code, 2);
    for c in out.chars() {
        assert!(
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..),
            "XML 1.0 forbids {c:?}"
        );
    }

    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut suites, mut cases, mut failures, mut errors) = (Vec::new(), 0, 0, 0);
    let mut declared = (0, 0, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_string();
                let attr = |key: &str| {
                    e.attributes()
                        .map(|a| a.expect("attribute"))
                        .find(|a| AsRef::<str>::as_ref(&a.key) == key)
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("escaped")
                                .into_owned()
                        })
                };
                match name.as_str() {
                    "testsuites" => {
                        let n = |k: &str| attr(k).and_then(|v| v.parse().ok()).unwrap_or(0);
                        declared = (n("tests"), n("failures"), n("errors"));
                    }
                    "testsuite" => suites.push(attr("name").expect("suite name")),
                    "testcase" => cases += 1,
                    "failure" => {
                        failures += 1;
                        assert!(attr("message").is_some_and(|m| !m.is_empty()));
                    }
                    "error" => errors += 1,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(declared, (cases, failures, errors));
    assert!(
        failures > 0 && errors >= 2,
        "failures {failures}, errors {errors}"
    );
    assert!(
        suites.contains(&"../articles/odd <&\"'>\u{FFFD}.md".to_string()),
        "{suites:?}"
    );
    assert!(
        suites
            .iter()
            .any(|s| s.ends_with("articles/sub/.carelint.yml")),
        "{suites:?}"
    );
    assert!(out.contains("<error message="));
}

#[test]
fn junit_clean_file_is_a_passing_testcase() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("clean.md"),
        "# Hello\n\nNothing to report.\n",
    )
    .expect("write");
    let (out, code) = check(dir.path(), &["clean.md"], "junit");
    assert_eq!(code, 0);
    assert!(out.contains("<testsuites name=\"carelint\" tests=\"1\" failures=\"0\" errors=\"0\">"));
    assert!(out.contains("<testcase name=\"carelint\" classname=\"clean.md\" file=\"clean.md\"/>"));
}

fn samples(format: &str) -> String {
    let (out, _) = check(&manifest(), &["fixtures/samples"], format);
    out
}

#[test]
fn github_output_on_samples() {
    insta::assert_snapshot!(samples("github"));
}

#[test]
fn rdjson_output_on_samples() {
    insta::assert_snapshot!(samples("rdjson"));
}

#[test]
fn junit_output_on_samples() {
    insta::assert_snapshot!(samples("junit"));
}

/// Microsoft's SARIF validator (`npm install @microsoft/sarif-multitool`, as `.ci/run` does):
/// `CARELINT_SARIF_MULTITOOL=/path/to/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool`.
/// It exits 0 whatever it finds, so the test counts the errors it prints. Without it the test
/// fails in CI (`CI` set) and says it skipped elsewhere.
#[test]
fn sarif_multitool_reports_no_errors() {
    let Some(tool) = std::env::var_os("CARELINT_SARIF_MULTITOOL") else {
        let why = "CARELINT_SARIF_MULTITOOL is not set (npm install @microsoft/sarif-multitool)";
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("skipped Microsoft's SARIF validator: {why}");
        return;
    };
    let case = rich_case();
    let out_dir = tempfile::tempdir().expect("tempdir");
    let runs = [
        ("samples.sarif", manifest(), "fixtures/samples".to_string()),
        (
            "case.sarif",
            case.path().join("work"),
            "../articles".to_string(),
        ),
    ];
    for (file, dir, path) in runs {
        let (sarif, _) = check(&dir, &[&path], "sarif");
        let target = out_dir.path().join(file);
        std::fs::write(&target, sarif).expect("write SARIF");
        let output = std::process::Command::new(&tool)
            .args([
                "validate",
                "--rule-kind",
                "Sarif;Gh",
                "--level",
                "Error;Warning",
            ])
            .arg(&target)
            .output()
            .expect("the multitool runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": error ")).collect();
        assert!(errors.is_empty(), "{file}:\n{}", errors.join("\n"));
        assert!(
            stdout.contains("Analysis completed successfully"),
            "{file}: {stdout}"
        );
    }
}

/// The `carelint check` commands in the README's integrations and the example workflow are
/// ones the command line accepts, and the workflow is YAML.
#[test]
fn ci_snippets_use_real_options() {
    use clap::Parser as _;
    let readme = std::fs::read_to_string(manifest().join("README.md")).expect("README");
    let start = readme
        .find("## Integrations")
        .expect("Integrations section");
    let end = readme[start..]
        .find("\n## ")
        .map_or(readme.len(), |i| start + i);
    let workflow = std::fs::read_to_string(manifest().join("examples/github-workflow.yml"))
        .expect("example workflow");
    let parsed: serde_yaml::Value = serde_yaml::from_str(&workflow).expect("workflow is YAML");
    assert!(
        parsed["jobs"]["lint"]["steps"]
            .as_sequence()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(workflow.contains("github/codeql-action/upload-sarif"));

    let mut commands = 0;
    for text in [&readme[start..end], workflow.as_str()] {
        for (at, _) in text.match_indices("carelint check") {
            let rest = &text[at..];
            let cut = rest
                .find(['>', '|', '\\', '`', '\n', ')'])
                .unwrap_or(rest.len());
            let args: Vec<&str> = rest[..cut].split_whitespace().collect();
            if let Err(e) = carelint::cli::Cli::try_parse_from(&args) {
                panic!("`{}` is not a valid command: {e}", args.join(" "));
            }
            commands += 1;
        }
    }
    assert!(commands >= 6, "found {commands} commands");
}
