//! # statistics/unsourced
//!
//! Flags a statistic with no source in reach: a percentage, range, natural frequency ("one in
//! five"), proportion ("nearly half"), multiple ("2.87 times more likely"), count of people,
//! rate, average of a population ("the median age of onset is 17") or effect estimate that the
//! article states without a link, reference or named source.
//!
//! ## Why
//!
//! Readers take health figures on trust and repeat them. A figure without a source cannot be
//! checked by an editor, a fact-checker or a reader, and figures drift as they are copied from
//! article to article ("46% of women" becomes "half of all women").
//!
//! ## How it decides
//!
//! For each figure, carelint looks at its sentence, then (with `scope: paragraph`, the default)
//! the rest of its paragraph, list or table, for a source: a link or bare URL, a footnote
//! (`[^1]`, `<sup>1</sup>`), a bracketed reference (`[3]`), a parenthetical citation
//! (`(Smith et al., 2019)`), a DOI or PMID, a named study ("a 2015 study published in Sexual
//! Medicine", "a 2019 survey by YouGov"), or a named organisation ("according to the CDC"),
//! also as the owner of a source ("on Mental Health America's website", "in Mumsnet's 2019
//! poll"; a place or a time owns none: "Britain's biggest survey").
//! With `require: link`, only sources a reader can follow count. Figures whose only attribution
//! is "studies suggest" and the like are left to `statistics/weak-attribution`. A statement of
//! where a section's data come from, made before its figures ("Data in this section come from
//! the 2021 NSDUH", or a "Source: ..." line right under the heading), covers the figures of
//! the section and its subsections. A list right after a paragraph whose last sentence gives a
//! sourced figure ("... highest among older men (42.2 per 100,000).3") goes on with that data:
//! its figures of the same kind (rates after a rate, shares after a share) are covered.
//! Names that converted web pages glue to the words around them
//! at a change of case ("a study inAlcohol Research and Health", "theNational Institute") are
//! still found.
//!
//! Not claims of the article, so never flagged: years, the age or a duration of one person or
//! event ("he died at 39", "my average wait was 20 minutes"), phone numbers and
//! other numbers that are not statistics; figures in headings, quotations, dialogue, code,
//! footnote definitions and reference-list entries (known by their citation shape, not by the
//! heading above them: prose under "Notes" or "Sources" is linted); sample sizes ("1,635
//! participants") and counts under 100 ("five people joined later"); a percentage change that
//! is the difference of two counts given beside it ("833,598 calls ... a 27 percent increase
//! from 2019, when it received 656,953"); and statistical details that belong to another figure
//! (p-values, confidence intervals).
//!
//! ## Bad
//!
//! ```markdown
//! About 46% of women have cried after sex at least once.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! About 46% of women have cried after sex at least once, according to a
//! [2015 study in Sexual Medicine](https://doi.org/10.1016/j.esxm.2015.04.002).
//! ```
//!
//! ## Options (shared with `statistics/weak-attribution`)
//!
//! ```yaml
//! rules:
//!   statistics/unsourced:
//!     level: warning
//!     require: named-source-ok    # or: link
//!     scope: paragraph            # or: sentence
//!     trusted_sources: ["Office for National Statistics"]
//! ```

use std::sync::Arc;

use crate::analyse::citations::figures::{Attribution, cited_figures, is_vague, kind_name};
use crate::analyse::citations::{Finder, Require};
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Category, Diagnostic};
use crate::rules::{CheckContext, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "statistics/unsourced",
    category: Category::UnsourcedStatistic,
    default_level: Level::Warning,
    summary: "Statistics with no source in reach",
    source: include_str!("unsourced.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: None,
};

pub struct Unsourced {
    finder: Arc<Finder>,
}

/// Shared with the other statistics rule.
pub use crate::rules::statistics::OPTIONS;

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    Ok(Box::new(Unsourced {
        finder: shared.citations()?,
    }))
}

impl Rule for Unsourced {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        for claim in cited_figures(ctx.doc, ctx.analysis, &self.finder) {
            if claim.attribution != Attribution::Unsourced {
                continue;
            }
            let block = &ctx.doc.blocks[claim.block];
            if is_vague(claim.quantity, block.text()) {
                continue;
            }
            let (span, shown) = block.located(&ctx.doc.source, claim.quantity.range.clone());
            let kind = kind_name(claim.quantity.kind);
            let help = match self.finder.require {
                Require::Link => {
                    "Link the study, survey or dataset this figure comes from, or add a footnote or reference a reader can follow."
                }
                Require::NamedSourceOk => {
                    "Link the study, survey or dataset this figure comes from, or name it: authors and year, the journal, or the organisation that published it."
                }
            };
            out.push(
                ctx.report(
                    span,
                    format!("{} “{shown}” has no source", capitalise(kind)),
                )
                .with_help(help),
            );
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
