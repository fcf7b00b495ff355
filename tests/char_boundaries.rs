//! No rule cuts text inside a character. Real pages put en dashes, curly quotes and currency
//! signs where rules count bytes ("(19–28 years)" panicked a rule that read the four bytes after
//! a bracket): this lints one paragraph dense with the shapes rules cut around — figures, ranges,
//! brackets, citations, weak phrases, lexicon words, a list and a table — with a multi-byte
//! character inserted at every offset, and checks that nothing panics and every span is whole.

mod common;

use std::path::Path;
use std::sync::Arc;

use carelint::lint::article::lint_source;
use carelint::lint::rule_set::RuleSet;
use carelint::model::source::SourceFile;
use carelint::parse::ParseOptions;
use carelint::workspace::config::RulesConfig;

/// Our own text: every shape below is one a rule measures in bytes.
const ARTICLE: &str = "# Figures (2023)\n\n\
About 1 in 5 adults (19-28 years) said so; 41% of 1,208 men [3] and 12.7%.3 of women \
(Smith et al., 2019). A 2021 study by the Royal College found $5 per 100,000 (95% CI 2-8), \
p<0.05. Studies suggest two a day, or 400 deaths last year; it fell from 55 per cent to 27 \
per cent. People who commit suicide are \"crazy\" (1). Call 988.\n\n\
- 61 in 5 teens\n- 1370% of patients (n=32)\n\n\
| Year | Rate |\n|---|---|\n| 2019 | 12% |\n";

/// Two-, three- and four-byte characters that real pages put next to figures.
const WIDE: [&str; 5] = ["–", "’", "€", "\u{a0}", "😀"];

#[test]
fn a_multi_byte_character_at_any_offset_never_splits_a_span_or_panics() {
    let rules = RuleSet::build(&RulesConfig::default()).expect("default rules build");
    let (_, plain) = common::lint_text("a.md", ARTICLE);
    assert!(
        plain.len() >= 5,
        "the article should trip several rules: {plain:?}"
    );
    for wide in WIDE {
        for at in 0..=ARTICLE.len() {
            let text = format!("{}{wide}{}", &ARTICLE[..at], &ARTICLE[at..]);
            let source = Arc::new(SourceFile::new("a.md", text.as_str()));
            let found = lint_source(
                Arc::clone(&source),
                ParseOptions::for_path(Path::new("a.md")),
                &rules,
            );
            for d in &found {
                assert!(
                    source.slice(d.span).is_some(),
                    "{wide:?} at {at}: {} has span {:?} inside a character",
                    d.rule,
                    d.span
                );
            }
        }
    }
}
