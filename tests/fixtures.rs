//! Each rule's fixtures: hits must be reported with exact spans, near misses must not be.
//!
//! `hits.md` and `quoted.md` carry their expectations inline: `<!-- expect: "text" -->` (or
//! `expect-info`) before a paragraph means that paragraph yields exactly one finding whose span
//! is exactly `text`.

mod common;

use carelint::diagnostic::{Diagnostic, Severity};
use common::{assert_span_names_its_text, fixture, fold, lint_path};

const RULE: &str = "language/stigmatising";

struct Expectation {
    text: String,
    info: bool,
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
        let info = comment.starts_with("<!-- expect-info:");
        let quoted = comment
            .split('"')
            .nth(1)
            .expect("expectation names a quoted text");
        let next = marks.get(i + 1).map_or(text.len(), |&(n, _)| n);
        out.push(Expectation {
            text: quoted.to_string(),
            info,
            region: end..next,
        });
    }
    out
}

fn check_expectations(rel: &str, min: usize) {
    let path = fixture(rel);
    let (source, diagnostics) = lint_path(&path);
    let expected = expectations(&source.text);
    assert!(
        expected.len() >= min,
        "{rel}: only {} expectations",
        expected.len()
    );
    let ours: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.rule == RULE).collect();
    let mut failures = Vec::new();
    for e in &expected {
        let inside: Vec<&&Diagnostic> = ours
            .iter()
            .filter(|d| e.region.start <= d.span.start && d.span.end <= e.region.end)
            .collect();
        let found: Vec<String> = inside
            .iter()
            .map(|d| fold(&source.text[d.span.range()]))
            .collect();
        let line = source.position(e.region.start).line;
        if found != [fold(&e.text)] {
            failures.push(format!(
                "line {line}: expected [{:?}], found {found:?}",
                e.text
            ));
            continue;
        }
        let severity = inside[0].severity;
        if e.info && severity != Severity::Info {
            failures.push(format!("line {line}: {:?} reported at {severity}", e.text));
        }
    }
    for d in &ours {
        assert_span_names_its_text(&source, d);
    }
    assert!(failures.is_empty(), "{rel}:\n{}", failures.join("\n"));
    // Nothing outside the expected paragraphs.
    let first = expected.first().map_or(0, |e| e.region.start);
    let stray: Vec<_> = ours.iter().filter(|d| d.span.start < first).collect();
    assert!(
        stray.is_empty(),
        "{rel}: findings before the first expectation: {stray:?}"
    );
}

#[test]
fn stigmatising_hits_are_reported_exactly() {
    check_expectations("language/stigmatising/hits.md", 60);
}

#[test]
fn stigmatising_in_quotes_and_titles_drops_to_info() {
    check_expectations("language/stigmatising/quoted.md", 10);
}

#[test]
fn stigmatising_near_misses_do_not_fire() {
    let (source, diagnostics) = lint_path(&fixture("language/stigmatising/near_misses.md"));
    let fired: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule == RULE)
        .map(|d| format!("line {}: {}", source.position(d.span.start).line, d.message))
        .collect();
    assert!(fired.is_empty(), "near misses fired:\n{}", fired.join("\n"));
}

#[test]
fn stigmatising_plain_text_shapes() {
    let (source, diagnostics) = lint_path(&fixture("language/stigmatising/plain.txt"));
    let expected: Vec<String> =
        std::fs::read_to_string(fixture("language/stigmatising/plain.expect"))
            .expect("plain.expect")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(fold)
            .collect();
    let found: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule == RULE)
        .map(|d| fold(&source.text[d.span.range()]))
        .collect();
    assert_eq!(found, expected);
}
