//! # figures/broken-number
//!
//! Flags numbers split by a stray space — decimals broken by text extraction ("7. 5%",
//! "2. 87 times more likely", "3. 1%") and thousands separators followed by a space
//! ("1, 635 participants") — and offers the joined number as a fix.
//!
//! ## Why
//!
//! Copying an article out of a PDF or a web page often inserts a space after every full stop
//! and comma, so "7.5%" becomes "7. 5%". Readers see a typo, screen readers read "seven. five
//! percent", and every tool downstream (including carelint's own figure checks) reads two
//! numbers where there is one.
//!
//! ## How it decides
//!
//! A decimal counts as broken only before "%", "percent", "per cent" or "times", where a list
//! label or the end of a sentence cannot be meant ("Step 7. 5 people..." is left alone). A
//! thousands separator counts as broken only with exactly three digits after the space and a
//! people noun or "%" after the number; a number with several groups ("1, 635, 000 people") is
//! one finding, and a list of numbers ("40, 60, 120 patients", "1, 2, 3") is left alone. The fix
//! removes the spaces; it is marked safe.
//!
//! ## Bad
//!
//! ```text
//! This condition affects around 7. 5% of women, in a survey of 1, 635 participants.
//! ```
//!
//! ## Good
//!
//! ```text
//! This condition affects around 7.5% of women, in a survey of 1,635 participants.
//! ```

use crate::analyse::numbers::numbers;
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Category, Diagnostic, Fix};
use crate::model::source::Span;
use crate::parse::BlockKind;
use crate::rules::figures::broken_thousands;
use crate::rules::{CheckContext, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "figures/broken-number",
    category: Category::InconsistentFigure,
    default_level: Level::Warning,
    summary: "Numbers split by a stray space (\"7. 5%\", \"1, 635\"), with a fix",
    source: include_str!("broken_number.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: None,
};

pub struct BrokenNumber;

pub use crate::rules::NO_OPTIONS as OPTIONS;

pub fn build(_: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    Ok(Box::new(BrokenNumber))
}

impl Rule for BrokenNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let source = &ctx.doc.source;
        for (index, block) in ctx.doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::Code || block.text().is_empty() {
                continue;
            }
            let text = block.text();
            if !text.contains(". ") && !text.contains(", ") {
                continue;
            }
            // The analysis found the block's numbers already.
            let found;
            let found = match ctx.analysis.blocks.get(index) {
                Some(facts) => &facts.numbers,
                None => {
                    found = numbers(text);
                    &found
                }
            };
            let broken = found
                .iter()
                .filter(|n| n.broken)
                .map(|n| n.range.clone())
                .chain(broken_thousands(text));
            for range in broken {
                let span = block.prose.source_span(range.start, range.end);
                let Some(written) = source.slice(span) else {
                    continue;
                };
                // Only a plain run of digits, punctuation and blanks can be joined safely.
                if !written
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\t'))
                {
                    continue;
                }
                let joined: String = written.chars().filter(|c| !c.is_whitespace()).collect();
                let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
                out.push(
                    ctx.report(span,
                        format!("“{written}” looks like the number {joined} with a stray space"),
                    )
                    .with_help(format!("Write “{joined}”: a space inside a number usually comes from copying text out of a PDF or web page."))
                    .with_fix(Fix {
                        span: Span::new(span.start, span.end),
                        replacement: joined,
                        safe: true,
                    }),
                );
            }
        }
    }
}
