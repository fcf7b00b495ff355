//! The checks the `lint` fuzz target runs on every input; `tests/fuzz_regressions.rs` runs the
//! same checks over `fuzz/regressions/*`, so a crash once found stays fixed.
//!
//! Input layout: the first byte picks how the text is read (Markdown, Markdown with plain-text
//! shapes, plain text, HTML or MDX); the rest is the article, as UTF-8 with invalid bytes
//! replaced. A form feed (`\x0c`) splits the article in two, and the halves are also compared
//! with each other as two articles of one publication (`figures/cross-article`).

pub mod article;
pub mod vocabulary;

use std::sync::{Arc, OnceLock};

use carelint::lint::across::Comparisons;
use carelint::lint::article::{lint_source, lint_source_and_records};
use carelint::lint::rule_set::RuleSet;
use carelint::model::diagnostic::Diagnostic;
use carelint::model::source::{SourceFile, Span};
use carelint::parse::{Format, ParseOptions};
use carelint::workspace::config::{ConfigFile, RulesConfig, builtin_pack};

/// The `strict` pack on top of `recommended`: every rule on, quoted text at full level.
pub fn strict_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut config = RulesConfig::default();
        for pack in ["recommended", "strict"] {
            let text = builtin_pack(pack).expect("built-in pack");
            let file: ConfigFile = serde_yaml::from_str(text).expect("built-in pack parses");
            config.merge(&file.rules);
        }
        let rules = RuleSet::build(&config).expect("strict rules build");
        assert_eq!(
            rules.rules.len(),
            carelint::rules::REGISTRY.len(),
            "the strict pack leaves a rule off"
        );
        rules
    })
}

/// How the first byte of an input picks the format (0 to 2 as before HTML and MDX were added,
/// so older inputs keep their meaning).
pub fn options_for(selector: u8) -> ParseOptions {
    match selector % 5 {
        0 => ParseOptions {
            format: Format::Markdown,
            plain_shapes: false,
        },
        1 => ParseOptions {
            format: Format::Markdown,
            plain_shapes: true,
        },
        2 => ParseOptions {
            format: Format::Plain,
            plain_shapes: true,
        },
        3 => ParseOptions {
            format: Format::Html,
            plain_shapes: false,
        },
        _ => ParseOptions {
            format: Format::Mdx,
            plain_shapes: false,
        },
    }
}

/// Runs one fuzz input through every check; panics on any violation.
pub fn check_input(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let options = options_for(selector);
    let rules = strict_rules();

    let source = Arc::new(SourceFile::new("fuzz.md", text.as_str()));
    for d in lint_source(Arc::clone(&source), options, rules) {
        assert_diagnostic_spans(&source, &d);
    }

    // Two articles of one publication, compared with each other.
    if let Some((a, b)) = text.split_once('\x0c') {
        let sources = [
            Arc::new(SourceFile::new("a.md", a)),
            Arc::new(SourceFile::new("b.md", b)),
        ];
        let mut comparisons = Comparisons::default();
        for source in &sources {
            let (found, records) =
                lint_source_and_records(Arc::clone(source), options, rules, true);
            for d in &found {
                assert_diagnostic_spans(source, d);
            }
            for claim in records.records() {
                assert_span(source, claim.span, "claim");
            }
            for d in comparisons.next(records) {
                assert_compared(&sources, source, &d);
            }
        }
    }
}

/// A finding of a comparison across articles, on `source`, with related places in `sources`.
fn assert_compared(sources: &[Arc<SourceFile>], source: &SourceFile, d: &Diagnostic) {
    assert_diagnostic_spans(source, d);
    for related in &d.related {
        let other = sources
            .iter()
            .find(|s| s.path == related.path)
            .expect("related location names one of the two articles");
        assert_span(other, related.span, "related");
        assert_position(other, related.span.start, "related");
        assert_position(other, related.span.end, "related");
        // The lines kept with the location place and show it as the file would.
        if let Some(excerpt) = &related.excerpt {
            assert_eq!(excerpt.slice(related.span), other.slice(related.span));
            assert_eq!(
                excerpt.position(related.span.start),
                other.position(related.span.start)
            );
        }
    }
}

/// Every span of a diagnostic (primary, labels, fix) is valid in `source`, and the line and
/// column of each end agree with a count from the start of the file.
pub fn assert_diagnostic_spans(source: &SourceFile, d: &Diagnostic) {
    let mut spans = vec![("span", d.span)];
    spans.extend(d.labels.iter().map(|l| ("label", l.span)));
    spans.extend(d.fix.iter().map(|f| ("fix", f.span)));
    for (what, span) in spans {
        let what = format!("{} {what}", d.rule);
        assert_span(source, span, &what);
        assert_position(source, span.start, &what);
        assert_position(source, span.end, &what);
    }
}

/// The line and column `source` gives `offset` agree with a naive count.
pub fn assert_position(source: &SourceFile, offset: usize, what: &str) {
    let pos = source.position(offset);
    assert_eq!(
        (pos.line, pos.column),
        naive_position(&source.text, offset),
        "{what}: position of offset {offset} disagrees with a naive count"
    );
}

/// A span lies within the text, on character boundaries, and does not run backwards.
pub fn assert_span(source: &SourceFile, span: Span, what: &str) {
    let text = &source.text;
    assert!(
        span.start <= span.end,
        "{what}: span {span:?} runs backwards"
    );
    assert!(
        span.end <= text.len(),
        "{what}: span {span:?} ends past the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not on character boundaries"
    );
}

/// 1-based line and char column of `offset`, counted from scratch: lines end at `\n`, `\r\n` or
/// a lone `\r`; a byte-order mark on line 1 is not a column.
pub fn naive_position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let before = before.strip_prefix('\u{FEFF}').unwrap_or(before);
    let (mut line, mut col) = (1, 1);
    let mut chars = before.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}
