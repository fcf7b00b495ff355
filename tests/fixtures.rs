//! Each rule's fixtures: hits must be reported with exact spans, near misses must not be.
//!
//! `hits.md` and `quoted.md` carry their expectations inline: `<!-- expect: "text" -->` before a
//! paragraph means that paragraph yields exactly one finding of the rule whose span is exactly
//! `text`, at the rule's default level; `expect-info`, `expect-warning` and `expect-error` name
//! another level. An optional `message: "words"` part must appear in the finding's message, and
//! an optional `fix: "text"` part must be the replacement its fix offers. A
//! finding whose span crosses from one expectation's region into the next is an error in the
//! fixture.

mod common;

use std::path::Path;

use carelint::model::diagnostic::{Diagnostic, Severity};
use common::{
    assert_span_names_its_text, fixture, fold, lint_path, lint_path_with_packs, lint_text_with,
};

const STIGMATISING: &str = "language/stigmatising";
const SUICIDE_LANGUAGE: &str = "safety/suicide-language";
const METHOD_DETAIL: &str = "safety/method-detail";
const STALE_HELPLINE: &str = "safety/stale-helpline";
const HELP_SEEKING: &str = "safety/help-seeking";

struct Expectation {
    text: String,
    /// The level named by the marker; `None` for the rule's default.
    severity: Option<Severity>,
    message: Option<String>,
    /// The replacement the finding's fix must offer (`fix: "988"`).
    fix: Option<String>,
    /// Byte range of the paragraph the expectation is about.
    region: std::ops::Range<usize>,
}

fn expectations(text: &str) -> Vec<Expectation> {
    let mut out = Vec::new();
    let marks: Vec<(usize, usize)> = text
        .match_indices("<!-- expect")
        .map(|(at, _)| {
            (
                at,
                text[at..].find("-->").map_or(text.len(), |e| at + e + 3),
            )
        })
        .collect();
    for (i, &(at, end)) in marks.iter().enumerate() {
        let comment = &text[at..end];
        let kind = comment["<!-- ".len()..]
            .split(':')
            .next()
            .unwrap_or_default();
        let severity = match kind {
            "expect" => None,
            "expect-info" => Some(Severity::Info),
            "expect-warning" => Some(Severity::Warning),
            "expect-error" => Some(Severity::Error),
            other => panic!("unknown marker {other:?} in {comment}"),
        };
        let parts: Vec<&str> = comment.split('"').collect();
        let quoted = parts.get(1).expect("expectation names a quoted text");
        // Then `key: "value"` pairs.
        let part = |key: &str| {
            (2..parts.len())
                .step_by(2)
                .find(|&i| parts[i].trim() == key)
                .and_then(|i| parts.get(i + 1))
                .map(|v| v.to_string())
        };
        let message = part("message:");
        let fix = part("fix:");
        let next = marks.get(i + 1).map_or(text.len(), |&(n, _)| n);
        out.push(Expectation {
            text: quoted.to_string(),
            severity,
            message,
            fix,
            region: end..next,
        });
    }
    out
}

/// The level `rule` reports at when no configuration changes it.
fn default_severity(rule: &str) -> Severity {
    carelint::rules::REGISTRY
        .iter()
        .find(|spec| spec.meta.id == rule)
        .and_then(|spec| spec.meta.default_level.severity())
        .unwrap_or_else(|| panic!("{rule} is a rule that is on by default"))
}

/// Checks a file's inline expectations for `rule`; returns the number of expectations.
fn check_diagnostics(
    rule: &str,
    rel: &str,
    source: &carelint::model::source::SourceFile,
    diagnostics: &[Diagnostic],
) -> usize {
    let expected = expectations(&source.text);
    let ours: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.rule == rule).collect();
    let mut failures = Vec::new();
    for e in &expected {
        let line = source.position(e.region.start).line;
        let crossing: Vec<&&Diagnostic> = ours
            .iter()
            .filter(|d| {
                let starts_inside = e.region.contains(&d.span.start);
                let ends_inside = e.region.start < d.span.end && d.span.end <= e.region.end;
                starts_inside != ends_inside
            })
            .collect();
        for d in crossing {
            failures.push(format!(
                "line {line}: {:?} crosses into another expectation's region",
                &source.text[d.span.range()]
            ));
        }
        let inside: Vec<&&Diagnostic> = ours
            .iter()
            .filter(|d| e.region.start <= d.span.start && d.span.end <= e.region.end)
            .collect();
        let found: Vec<String> = inside
            .iter()
            .map(|d| fold(&source.text[d.span.range()]))
            .collect();
        if found != [fold(&e.text)] {
            failures.push(format!(
                "line {line}: expected [{:?}], found {found:?}",
                e.text
            ));
            continue;
        }
        let severity = inside[0].severity;
        let want = e.severity.unwrap_or_else(|| default_severity(rule));
        if severity != want {
            failures.push(format!(
                "line {line}: {:?} reported at {severity}, expected {want}",
                e.text
            ));
        }
        if let Some(want) = &e.fix {
            let offered = inside[0].fix.as_ref().map(|f| f.replacement.as_str());
            if offered != Some(want.as_str()) {
                failures.push(format!(
                    "line {line}: {:?} offers fix {offered:?}, expected {want:?}",
                    e.text
                ));
            }
        }
        if let Some(message) = &e.message
            && !inside[0].message.contains(message.as_str())
        {
            failures.push(format!(
                "line {line}: message {:?} lacks {message:?}",
                inside[0].message
            ));
        }
    }
    for d in &ours {
        assert_span_names_its_text(source, d);
    }
    assert!(failures.is_empty(), "{rel}:\n{}", failures.join("\n"));
    // Nothing outside the expected paragraphs.
    let first = expected
        .first()
        .map_or(source.text.len(), |e| e.region.start);
    let stray: Vec<_> = ours.iter().filter(|d| d.span.start < first).collect();
    assert!(
        stray.is_empty(),
        "{rel}: findings before the first expectation: {stray:?}"
    );
    expected.len()
}

fn check_expectations(rule: &str, rel: &str, min: usize) {
    let (source, diagnostics) = lint_path(&fixture(rel));
    let n = check_diagnostics(rule, rel, &source, &diagnostics);
    assert!(n >= min, "{rel}: only {n} expectations");
}

fn check_near_misses(rule: &str, rel: &str) {
    let (source, diagnostics) = lint_path(&fixture(rel));
    let fired: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| format!("line {}: {}", source.position(d.span.start).line, d.message))
        .collect();
    assert!(
        fired.is_empty(),
        "{rel}: near misses fired:\n{}",
        fired.join("\n")
    );
}

fn check_plain(rule: &str, rel: &str, expected: &[&str]) {
    let (source, diagnostics) = lint_path(&fixture(rel));
    let found: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| fold(&source.text[d.span.range()]))
        .collect();
    let expected: Vec<String> = expected.iter().map(|e| fold(e)).collect();
    assert_eq!(found, expected, "{rel}");
}

#[test]
fn stigmatising_hits_are_reported_exactly() {
    check_expectations(STIGMATISING, "language/stigmatising/hits.md", 50);
}

#[test]
fn stigmatising_in_quotes_and_titles_drops_to_info() {
    check_expectations(STIGMATISING, "language/stigmatising/quoted.md", 10);
}

#[test]
fn stigmatising_near_misses_do_not_fire() {
    check_near_misses(STIGMATISING, "language/stigmatising/near_misses.md");
}

/// Entries that ship off and that the `strict` pack turns on ("substance abuse" in general):
/// reported under the pack, at the level it names, and nowhere by default.
#[test]
fn stigmatising_strict_pack_reports_the_entries_it_enables() {
    let rel = "language/stigmatising/strict.md";
    let (source, diagnostics) = lint_path_with_packs(&fixture(rel), &["recommended", "strict"]);
    let n = check_diagnostics(STIGMATISING, rel, &source, &diagnostics);
    assert!(n >= 4, "{rel}: only {n} expectations");
}

#[test]
fn stigmatising_plain_text_shapes() {
    let expected = std::fs::read_to_string(fixture("language/stigmatising/plain.expect"))
        .expect("plain.expect");
    let expected: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
    check_plain(STIGMATISING, "language/stigmatising/plain.txt", &expected);
}

#[test]
fn suicide_language_hits_are_reported_exactly() {
    check_expectations(SUICIDE_LANGUAGE, "safety/suicide-language/hits.md", 18);
}

#[test]
fn suicide_language_in_quotes_and_titles_drops_to_info() {
    check_expectations(SUICIDE_LANGUAGE, "safety/suicide-language/quoted.md", 4);
}

#[test]
fn suicide_language_near_misses_do_not_fire() {
    check_near_misses(SUICIDE_LANGUAGE, "safety/suicide-language/near_misses.md");
}

#[test]
fn suicide_language_in_plain_text_and_not_twice() {
    // The suicide entries left `language/stigmatising`: one finding, from one rule.
    check_plain(
        SUICIDE_LANGUAGE,
        "language/stigmatising/plain.txt",
        &["committed suicide"],
    );
    let (_, diagnostics) = lint_path(&fixture("safety/suicide-language/hits.md"));
    assert!(diagnostics.iter().all(|d| d.rule != STIGMATISING));
}

#[test]
fn method_detail_hits_are_reported_exactly() {
    check_expectations(METHOD_DETAIL, "safety/method-detail/hits.md", 9);
}

#[test]
fn method_detail_is_info_by_default() {
    let (_, diagnostics) = lint_path(&fixture("safety/method-detail/hits.md"));
    assert!(
        diagnostics
            .iter()
            .filter(|d| d.rule == METHOD_DETAIL)
            .all(|d| d.severity == Severity::Info)
    );
}

#[test]
fn method_detail_near_misses_do_not_fire() {
    check_near_misses(METHOD_DETAIL, "safety/method-detail/near_misses.md");
    check_near_misses(METHOD_DETAIL, "safety/method-detail/suicide_article.md");
    check_near_misses(METHOD_DETAIL, "safety/method-detail/self_harm_signs.md");
}

#[test]
fn stale_helpline_hits_are_reported_exactly() {
    check_expectations(STALE_HELPLINE, "safety/stale-helpline/hits.md", 15);
}

#[test]
fn stale_helpline_near_misses_do_not_fire() {
    check_near_misses(STALE_HELPLINE, "safety/stale-helpline/near_misses.md");
}

/// Lints a help-seeking fixture with its sidecar configuration, if any.
fn lint_help_fixture(
    path: &Path,
) -> (
    std::sync::Arc<carelint::model::source::SourceFile>,
    Vec<Diagnostic>,
) {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let config =
        std::fs::read_to_string(path.with_extension("yml")).unwrap_or_else(|_| "{}".into());
    lint_text_with(&path.to_string_lossy(), &text, &config)
}

/// The articles of a fixture folder (its `.md` files but the README), sorted.
fn articles_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

#[test]
fn help_seeking_fixtures() {
    let files = articles_in(&fixture("safety/help-seeking"));
    assert!(files.len() >= 24, "{} fixtures", files.len());
    let (mut flagged, mut clean) = (0, 0);
    for path in &files {
        let (source, diagnostics) = lint_help_fixture(path);
        let rel = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let n = check_diagnostics(HELP_SEEKING, &rel, &source, &diagnostics);
        if n == 0 {
            let fired: Vec<&str> = diagnostics
                .iter()
                .filter(|d| d.rule == HELP_SEEKING)
                .map(|d| d.message.as_str())
                .collect();
            assert!(fired.is_empty(), "{rel} should pass: {fired:?}");
            clean += 1;
        } else {
            flagged += 1;
        }
    }
    assert!(
        flagged >= 10 && clean >= 10,
        "{flagged} flagged, {clean} clean"
    );
}

/// The `strict` pack asks for a named service on suicide, self-harm, eating disorders, sexual
/// violence and domestic abuse; the default asks only for advice to seek help. Each article in
/// `strict/` yields exactly its markers under the pack and nothing by default.
#[test]
fn help_seeking_strict_pack_asks_for_a_named_service() {
    let files = articles_in(&fixture("safety/help-seeking/strict"));
    let (mut flagged, mut clean) = (0, 0);
    for path in &files {
        let rel = format!(
            "strict/{}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        let (source, diagnostics) = lint_path_with_packs(path, &["recommended", "strict"]);
        let n = check_diagnostics(HELP_SEEKING, &rel, &source, &diagnostics);
        let fired = |diagnostics: &[Diagnostic]| -> Vec<String> {
            diagnostics
                .iter()
                .filter(|d| d.rule == HELP_SEEKING)
                .map(|d| d.message.clone())
                .collect()
        };
        if n == 0 {
            assert!(fired(&diagnostics).is_empty(), "{rel} should pass");
            clean += 1;
        } else {
            flagged += 1;
        }
        let (_, by_default) = lint_path_with_packs(path, &["recommended"]);
        assert_eq!(fired(&by_default), Vec::<String>::new(), "{rel} by default");
    }
    assert!(
        flagged >= 5 && clean >= 2,
        "{flagged} flagged, {clean} clean"
    );
}

#[test]
fn help_seeking_offers_the_configured_resource_as_a_fix() {
    let (source, diagnostics) = lint_help_fixture(&fixture("safety/help-seeking/resource-fix.md"));
    let found: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.rule == HELP_SEEKING)
        .collect();
    assert_eq!(found.len(), 1);
    let fix = found[0].fix.as_ref().expect("a fix");
    let end = source.text.len();
    assert_eq!((fix.span.start, fix.span.end), (end, end));
    assert_eq!(
        fix.replacement, "\nIf you are struggling, call Samaritans free on 116 123, any time.\n",
        "only the resource for the publication's region"
    );
    assert!(!fix.safe);
    assert!(
        found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("116 123"))
    );
}

#[test]
fn help_seeking_passes_each_topic_with_help_and_fails_it_without() {
    for topic in [
        "suicide",
        "self-harm",
        "eating-disorders",
        "sexual-violence",
        "domestic-abuse",
        "trauma",
        "depression-anxiety",
        "substance-use",
        "sexual-distress",
    ] {
        for (suffix, want) in [("no-help", 1), ("with-help", 0)] {
            let rel = format!("safety/help-seeking/{topic}-{suffix}.md");
            let (_, diagnostics) = lint_help_fixture(&fixture(&rel));
            let got = diagnostics
                .iter()
                .filter(|d| d.rule == HELP_SEEKING)
                .count();
            assert_eq!(got, want, "{rel}");
        }
    }
}

#[test]
fn stale_helpline_beside_the_current_number_does_not_fire() {
    check_near_misses(
        STALE_HELPLINE,
        "safety/stale-helpline/near_misses_current_number.md",
    );
}

#[test]
fn stale_helpline_written_twice_is_one_finding_with_one_fix() {
    check_expectations(
        STALE_HELPLINE,
        "safety/stale-helpline/hits_written_twice.md",
        3,
    );
    let (source, diagnostics) = lint_path(&fixture("safety/stale-helpline/hits_written_twice.md"));
    for d in diagnostics.iter().filter(|d| d.rule == STALE_HELPLINE) {
        let fixed = d.fix.as_ref().map(|f| {
            format!(
                "{}{}{}",
                &source.text[..f.span.start],
                f.replacement,
                &source.text[f.span.end..]
            )
        });
        // Never "call 988 (988)"; the reminder beside the current number offers no fix.
        if let Some(fixed) = fixed {
            assert!(
                !fixed.contains("988 (988)") && !fixed.contains("988 (8255)"),
                "{fixed}"
            );
        } else {
            assert_eq!(d.severity, Severity::Info);
        }
    }
}

#[test]
fn readme_publication_config_end_to_end() {
    // The README's one-region example: the same config and article, the same finding and fix.
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let block = |start: &str| -> String {
        let at = readme.find(start).expect("README example");
        let body = &readme[at + start.len()..];
        body[..body.find("```").expect("closed block")].to_string()
    };
    let config: serde_yaml::Value =
        serde_yaml::from_str(&block("```yaml\n# .carelint.yml\n")).expect("config YAML");
    let rules = serde_yaml::to_string(&config["rules"]).expect("rules map");
    let article = block("```markdown\n<!-- articles/farming.md -->\n");
    let (_, diagnostics) = lint_text_with("articles/farming.md", &article, &rules);
    let found: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.rule == HELP_SEEKING)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(readme.contains(&found[0].message), "{}", found[0].message);
    let fix = found[0].fix.as_ref().expect("fix");
    assert_eq!(fix.span.start, article.len());
    assert!(readme.contains(&format!(
        "\"start\": {}, \"end\": {}",
        fix.span.start, fix.span.end
    )));
    let fixed = format!("{article}{}", fix.replacement);
    let (_, after) = lint_text_with("articles/farming.md", &fixed, &rules);
    assert!(after.iter().all(|d| d.rule != HELP_SEEKING), "{after:?}");
    // The variants the README describes.
    let us = article.replace(
        "hours all play a part.",
        "hours all play a part. Call or text 988.",
    );
    let (_, d) = lint_text_with("a.md", &us, &rules);
    assert!(
        d.iter()
            .any(|d| d.message.contains("its helplines are for CA/US"))
    );
    let buried = article.replace(
        "other workers.",
        "other workers. Samaritans are on 116 123.",
    );
    let (_, d) = lint_text_with("a.md", &buried, &rules);
    assert!(
        d.iter()
            .any(|d| d.message.contains("not in a closing section or a callout"))
    );
}

const UNSOURCED: &str = "statistics/unsourced";
const WEAK_ATTRIBUTION: &str = "statistics/weak-attribution";

#[test]
fn unsourced_hits_are_reported_exactly() {
    check_expectations(UNSOURCED, "statistics/unsourced/hits.md", 18);
}

#[test]
fn unsourced_near_misses_do_not_fire() {
    // Years, ages, durations, helplines, doses, list numbers; cited, captioned and quoted figures.
    check_near_misses(UNSOURCED, "statistics/unsourced/near_misses.md");
}

#[test]
fn weak_attribution_hits_are_reported_exactly() {
    check_expectations(WEAK_ATTRIBUTION, "statistics/weak-attribution/hits.md", 10);
}

#[test]
fn weak_attribution_near_misses_do_not_fire() {
    check_near_misses(
        WEAK_ATTRIBUTION,
        "statistics/weak-attribution/near_misses.md",
    );
    // A weak figure is reported once, by one rule.
    let (_, diagnostics) = lint_path(&fixture("statistics/weak-attribution/hits.md"));
    assert!(diagnostics.iter().all(|d| d.rule != UNSOURCED));
}

#[test]
fn weak_cue_classes_are_reported_and_hedges_are_not_weak() {
    check_expectations(
        WEAK_ATTRIBUTION,
        "statistics/weak-attribution/hits_weak_cues.md",
        12,
    );
    check_near_misses(
        WEAK_ATTRIBUTION,
        "statistics/weak-attribution/near_misses_weak_cues.md",
    );
}

#[test]
fn statistic_shapes_are_reported_and_non_statistics_are_not() {
    // Rates "every N seconds", counts over a period, "N of M", aggregate money, passive hedges.
    check_expectations(UNSOURCED, "statistics/unsourced/hits_shapes.md", 9);
    // Figures of speech, advice and dosing intervals, interval levels, a study's sample, prices.
    check_near_misses(
        UNSOURCED,
        "statistics/unsourced/near_misses_not_statistics.md",
    );
}

#[test]
fn reference_sections_are_judged_by_their_content() {
    // Prose under "Notes", "Sources", "Further reading", "Footnotes" and after a reference
    // entry is linted, even one sentence.
    check_expectations(
        UNSOURCED,
        "statistics/unsourced/hits_reference_sections.md",
        5,
    );
    // Entries are not: a one-entry list, entries without a year, numbered entries and a list
    // that follows a full entry under a heading of no kind.
    for rule in [UNSOURCED, WEAK_ATTRIBUTION] {
        check_near_misses(
            rule,
            "statistics/unsourced/near_misses_reference_sections.md",
        );
    }
}

#[test]
fn sources_reach_lead_ins_figures_and_follow_on_paragraphs() {
    // A journal before "study", a lead-in after a sourced paragraph, a footnote letter, a
    // figure's data statement, "The trial ..." after a named trial, "the report" after a
    // named official; "a half-hour" and "the vast majority" are not statistics.
    for rule in [UNSOURCED, WEAK_ATTRIBUTION] {
        check_near_misses(rule, "statistics/unsourced/near_misses_reach.md");
    }
    // A hedge in a relative clause, a lead-in after an unsourced paragraph. (A nationality
    // names no source: "a 2019 Canadian study found" is weak, in hits_weak_cues.md.)
    check_expectations(UNSOURCED, "statistics/unsourced/hits_reach.md", 2);
    // "a 2018survey" glued by a lost link space; "by studies of siblings" in the sentence before.
    check_expectations(
        WEAK_ATTRIBUTION,
        "statistics/weak-attribution/hits_reach.md",
        3,
    );
}

#[test]
fn glued_sources_samples_and_section_data_notes() {
    // Names glued to their neighbours where a link's spaces were lost ("inSleep Research",
    // "theNorwegian Institute", "organisationSleep Coaching International"), samples glued to
    // their noun ("a cohort studyof 12,400"), and data notes at the start of a section that
    // reach figures several paragraphs and subsections below.
    for rule in [UNSOURCED, WEAK_ATTRIBUTION] {
        check_near_misses(rule, "statistics/unsourced/near_misses_glue.md");
    }
    check_near_misses(
        WEAK_ATTRIBUTION,
        "statistics/weak-attribution/near_misses_glue.md",
    );
    // Capitalised words glued to "in" and "the", a source line that captions a list, a note that
    // names no source, the section after a note, and a record of the page's fields.
    check_expectations(UNSOURCED, "statistics/unsourced/hits_glue.md", 8);
}

#[test]
fn weak_attribution_labels_the_phrase() {
    let (source, diagnostics) = lint_path(&fixture("statistics/weak-attribution/hits.md"));
    let first = diagnostics
        .iter()
        .find(|d| d.rule == WEAK_ATTRIBUTION)
        .expect("a weak attribution");
    assert_eq!(first.labels.len(), 1);
    assert_eq!(
        &source.text[first.labels[0].span.range()],
        "Studies suggest"
    );
}

const BROKEN_NUMBER: &str = "figures/broken-number";
const IMPOSSIBLE: &str = "figures/impossible";

#[test]
fn broken_number_hits_are_reported_exactly() {
    check_expectations(BROKEN_NUMBER, "figures/broken-number/hits.md", 7);
}

#[test]
fn broken_number_near_misses_do_not_fire() {
    check_near_misses(BROKEN_NUMBER, "figures/broken-number/near_misses.md");
}

#[test]
fn broken_number_fixes_join_the_number_and_are_safe() {
    let (source, diagnostics) = lint_path(&fixture("figures/broken-number/hits.md"));
    let fixes: Vec<(String, String, bool)> = diagnostics
        .iter()
        .filter(|d| d.rule == BROKEN_NUMBER)
        .filter_map(|d| d.fix.as_ref())
        .map(|f| {
            (
                source.text[f.span.range()].to_string(),
                f.replacement.clone(),
                f.safe,
            )
        })
        .collect();
    assert_eq!(
        fixes,
        vec![
            ("7. 5".into(), "7.5".into(), true),
            ("2. 87".into(), "2.87".into(), true),
            ("3. 1".into(), "3.1".into(), true),
            ("1, 635".into(), "1,635".into(), true),
            ("1, 635, 000".into(), "1,635,000".into(), true),
            ("12, 000".into(), "12,000".into(), true),
            ("4.  2".into(), "4.2".into(), true),
        ]
    );
}

#[test]
fn impossible_hits_are_reported_exactly() {
    check_expectations(IMPOSSIBLE, "figures/impossible/hits.md", 15);
}

#[test]
fn impossible_near_misses_do_not_fire() {
    // Changes over 100%, multi-response shares, possible k/N, approximate figures.
    check_near_misses(IMPOSSIBLE, "figures/impossible/near_misses.md");
}

const CONTRADICTION: &str = "figures/contradiction";

#[test]
fn contradiction_hits_are_reported_exactly() {
    check_expectations(CONTRADICTION, "figures/contradiction/hits.md", 15);
}

#[test]
fn contradiction_near_misses_do_not_fire() {
    // Rounding, different windows, populations and measures, multi-response shares, a
    // multiple with no rates beside it, a verbal quantifier that fits.
    check_near_misses(CONTRADICTION, "figures/contradiction/near_misses.md");
}

#[test]
fn contradiction_labels_the_earlier_figure() {
    let (source, diagnostics) = lint_path(&fixture("figures/contradiction/hits.md"));
    let first = diagnostics
        .iter()
        .find(|d| d.rule == CONTRADICTION)
        .expect("a contradiction");
    assert_eq!(&source.text[first.span.range()], "56%");
    assert_eq!(&source.text[first.labels[0].span.range()], "46%");
}

const CROSS_ARTICLE: &str = "figures/cross-article";

/// Lints the articles of a fixture folder in one run, so `figures/cross-article` compares them:
/// (file name, source, findings), in path order.
fn lint_folder(
    rel: &str,
) -> Vec<(
    String,
    std::sync::Arc<carelint::model::source::SourceFile>,
    Vec<Diagnostic>,
)> {
    let dir = fixture(rel);
    let outcome = carelint::run::run(&carelint::run::RunOptions {
        paths: vec![dir.clone()],
        jobs: Some(2),
        cwd: dir,
        ..carelint::run::RunOptions::default()
    });
    outcome
        .reports
        .into_iter()
        .filter_map(|r| Some((r.path.clone(), r.source?, r.diagnostics)))
        .collect()
}

#[test]
fn cross_article_hits_are_reported_exactly_on_the_later_article() {
    let files = lint_folder("figures/cross-article/hits");
    assert_eq!(
        files.len(),
        2,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let mut expected = 0;
    for (name, source, diagnostics) in &files {
        expected += check_diagnostics(CROSS_ARTICLE, name, source, diagnostics);
    }
    assert!(expected >= 15, "only {expected} expectations");
    let (_, first, found) = &files[0];
    assert!(
        found.iter().all(|d| d.rule != CROSS_ARTICLE),
        "the article that sorts first carries no finding: {}",
        first.path
    );
}

#[test]
fn cross_article_near_misses_do_not_fire() {
    // Rounding, ranges and verbal quantifiers that fit, other windows, groups, measures, years
    // and named sources, figures with no group, subgroup comparisons, code, and figures that
    // say nothing of when they hold.
    let files = lint_folder("figures/cross-article/near-misses");
    assert_eq!(files.len(), 2);
    for (name, source, diagnostics) in &files {
        let fired: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.rule == CROSS_ARTICLE)
            .map(|d| format!("line {}: {}", source.position(d.span.start).line, d.message))
            .collect();
        assert!(
            fired.is_empty(),
            "{name}: near misses fired:\n{}",
            fired.join("\n")
        );
    }
}

#[test]
fn html_hits_are_reported_exactly() {
    check_expectations(SUICIDE_LANGUAGE, "html/hits.html", 6);
    check_expectations("statistics/unsourced", "html/unsourced.html", 4);
}

#[test]
fn html_near_misses_do_not_fire() {
    for rule in [SUICIDE_LANGUAGE, "statistics/unsourced"] {
        check_near_misses(rule, "html/near_misses.html");
    }
}

// Issue 18, figures: list numbers run into figures, counts above their population, changes
// that run downwards, and shares of their own group.
#[test]
fn impossible_fused_list_numbers_and_counts_are_reported_exactly() {
    check_expectations(IMPOSSIBLE, "figures/impossible/fused_and_counts.md", 4);
}

#[test]
fn impossible_changes_and_own_groups_do_not_fire() {
    check_near_misses(IMPOSSIBLE, "figures/impossible/changes_and_own_groups.md");
}

// Issue 18, figures: a share and the count given with it, against the population table or
// the whole the sentence names.
#[test]
fn contradiction_share_and_count_are_reported_exactly() {
    check_expectations(CONTRADICTION, "figures/contradiction/share_and_count.md", 3);
}

#[test]
fn contradiction_share_and_count_near_misses_do_not_fire() {
    check_near_misses(
        CONTRADICTION,
        "figures/contradiction/share_and_count_near_misses.md",
    );
}
