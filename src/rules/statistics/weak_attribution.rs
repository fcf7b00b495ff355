//! # statistics/weak-attribution
//!
//! Flags a statistic whose only attribution is a phrase that names no source: "studies
//! suggest", "research shows", "one study found", "a 2021 meta-analysis found", "(2021 study)",
//! "government studies also suggest", "according to certain studies", "experts estimate" and the
//! like. A passive hedge with no source ("it is estimated that", "is thought to") gestures at no
//! source, so its figure is left to `statistics/unsourced`.
//!
//! ## Why
//!
//! A weak attribution sounds sourced but cannot be checked. Style guides treat these phrases
//! as unsupported attributions: they lend a figure authority without telling the reader whose
//! it is, how it was measured, or when.
//!
//! ## How it decides
//!
//! The figure's sentence is searched for a source first: a real source there (a link, a
//! citation, a named study or organisation) wins. Otherwise a weak phrase in the same sentence,
//! or earlier in the same paragraph with no source in reach ("One study found X. It also found
//! Y%"), makes the figure weakly attributed. Weak cues are word classes around a head
//! (`weak_cues` in `rules/statistics.yml`: determiners, modifiers, a year, link words, reporting
//! verbs, lead-ins); a publication adds fixed phrases of its own with `weak_phrases`.
//!
//! The primary label is on the figure, a second label on the weak phrase.
//!
//! ## Bad
//!
//! ```markdown
//! Studies suggest that anywhere from 7% to 46% of women have cried after sex.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! Two surveys of university students put the figure between 33% and 46% of women
//! ([Schweitzer et al., 2015](https://doi.org/10.1016/j.esxm.2015.04.002)).
//! ```
//!
//! ## Options
//!
//! Shared with `statistics/unsourced` (`require`, `scope`, `trusted_sources`), plus:
//!
//! ```yaml
//! rules:
//!   statistics/weak-attribution:
//!     weak_phrases: ["insiders say"]
//! ```

use std::sync::Arc;

use crate::analyse::citations::Finder;
use crate::analyse::citations::figures::{Attribution, cited_figures, is_vague, kind_name};
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Category, Diagnostic};
use crate::rules::{CheckContext, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "statistics/weak-attribution",
    category: Category::WeakAttribution,
    default_level: Level::Warning,
    summary: "Statistics attributed only to \"studies suggest\" and the like",
    source: include_str!("weak_attribution.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: None,
};

pub struct WeakAttribution {
    finder: Arc<Finder>,
}

/// Shared with the other statistics rule.
pub use crate::rules::statistics::OPTIONS;

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    Ok(Box::new(WeakAttribution {
        finder: shared.citations()?,
    }))
}

impl Rule for WeakAttribution {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        for claim in cited_figures(ctx.doc, ctx.analysis, &self.finder) {
            let Attribution::Weak(phrase_block, phrase) = &claim.attribution else {
                continue;
            };
            let block = &ctx.doc.blocks[claim.block];
            if is_vague(claim.quantity, block.text()) {
                continue;
            }
            let Some(phrase_block) = ctx.doc.blocks.get(*phrase_block) else {
                continue;
            };
            let (span, shown) = block.located(&ctx.doc.source, claim.quantity.range.clone());
            let (phrase_span, said) = phrase_block.located(&ctx.doc.source, phrase.clone());
            out.push(
                ctx.report(span,
                    format!("The {} “{shown}” is attributed only to “{said}”", kind_name(claim.quantity.kind)),
                )
                .with_label(phrase_span, "names no study, author or publisher")
                .with_help("Name the study (authors, year, journal or publisher) and link it, so readers can check the figure."),
            );
        }
    }
}
