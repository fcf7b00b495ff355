//! # figures/cross-article
//!
//! When carelint lints several articles in one run, flags figures about the same quantity that
//! disagree across articles ("up to 10% of men" in one article, "41% of men" in another, both
//! about crying after sex at any time in their lives). The finding is on the figure in the
//! article that sorts later by path, with a related location in the other article.
//!
//! ## Why
//!
//! A publication's articles are read together: a reader who meets "up to 10% of men" on one
//! page and "41% of men" on the next stops trusting both. Editors rarely see two articles side
//! by side; carelint does.
//!
//! ## How figures are paired
//!
//! Exactly as `figures/contradiction` pairs figures within an article (`carelint explain
//! figures/contradiction`): the same population, time window, measure, year and named source
//! (when both name one), with ranges
//! that do not meet at the precision given; across articles a figure must also say when it
//! holds (a time window or a year), since nothing else ties two articles' sentences to one
//! quantity. Each article's figures are extracted during the
//! normal parallel pass; as each article is reported, in path order, its figures are compared
//! with the figures kept from the articles before it, so the per-file work is not slowed and
//! no article's text is kept. `carelint claims` prints the figures it compares. Each finding
//! names one earlier figure: when a figure disagrees with earlier ones on both sides (25% after
//! 10% and 41%), it names the highest, from the first article in path order that gave it.
//!
//! The rule runs only when more than one article is checked. Turn it off for part of an archive
//! with `overrides`; an article whose rule is off takes no part in the comparison. A run split
//! with `--shard K/N` leaves it to `carelint check-claims`, which compares the claims every
//! shard printed (`carelint claims --shard K/N`).
//!
//! In an editor (`carelint server`) the open document is compared with every other article of
//! its workspace folder as saved on disk, whichever comes first in path order, so a draft that
//! contradicts a published article is flagged while it is written.
//!
//! ## Bad
//!
//! ```text
//! articles/tears.md:      Up to 10% of men have cried after sex at some point.
//! articles/men-and-pcd.md: 41% of men had cried after sex at some point in their lives.
//! ```
//!
//! ## Good
//!
//! ```text
//! articles/tears.md:      In the largest study of men so far, 41% had cried after sex at
//!                         some point in their lives.
//! ```

use std::sync::Arc;

use crate::analyse::citations::Finder;
use crate::analyse::figures::{ClaimRecord, Extremes, records};
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Category, Diagnostic, Related, Severity};
use crate::rules::{CheckContext, Comparison, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "figures/cross-article",
    category: Category::InconsistentFigure,
    default_level: Level::Warning,
    summary: "Figures about the same quantity that disagree across a publication's articles",
    source: include_str!("cross_article.rs"),
    across_articles: Some(comparison),
    whole_article: false,
    lexicon: None,
};

/// The per-article phase finds nothing: the comparison runs across articles, with the claim
/// records [`Rule::across_articles`] collects, in [`FigureComparison`].
pub struct CrossArticle {
    finder: Arc<Finder>,
}

pub use crate::rules::NO_OPTIONS as OPTIONS;

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    crate::analyse::figures::keys()?;
    Ok(Box::new(CrossArticle {
        finder: shared.citations()?,
    }))
}

impl Rule for CrossArticle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &CheckContext, _: &mut Vec<Diagnostic>) {}

    /// The article's comparable claim records, with the lines around each for findings on
    /// later articles that point back at it.
    fn across_articles(&self, ctx: &CheckContext) -> Option<Vec<ClaimRecord>> {
        Some(
            records(ctx.doc, ctx.analysis, &self.finder)
                .iter()
                .filter(|c| c.comparable() && anchored(c))
                .map(|c| c.clone().with_excerpt(&ctx.doc.source))
                .collect(),
        )
    }
}

/// Whether a claim says when its figure holds (a time window such as "in their lives" or "in
/// the past year", or a year). Within one article the text around two figures ties them to one
/// quantity; across articles nothing does, and two papers' "50% of adults with depression"
/// with no time frame are usually different measures of different samples.
fn anchored(claim: &ClaimRecord) -> bool {
    claim.window.is_some() || claim.year.is_some()
}

/// A run's comparison of figures across articles (the rule's [`Comparison`]).
fn comparison() -> Box<dyn Comparison> {
    Box::new(FigureComparison::default())
}

/// Articles' figures compared one at a time, in path order, each article with every article
/// before it. Only the figures that bound some quantity are kept: a figure inside the bounds
/// already seen can never be the other side of a finding.
#[derive(Default)]
pub struct FigureComparison {
    /// Extremes of the earlier articles' figures.
    seen: Extremes<Arc<ClaimRecord>>,
}

impl Comparison for FigureComparison {
    /// The findings on the next article's figures; then its figures join the comparison.
    fn next(&mut self, claims: Vec<ClaimRecord>, severity: Severity) -> Vec<Diagnostic> {
        let _stage = crate::work::enter("cross-article: comparison");
        let claims: Vec<ClaimRecord> = claims.into_iter().filter(anchored).collect();
        let out = self.findings(&claims, severity);
        self.add(claims.into_iter().map(Arc::new).collect());
        out
    }

    /// The findings on an article's figures against those already in the comparison, which it
    /// does not join.
    fn findings(&self, claims: &[ClaimRecord], severity: Severity) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for claim in claims.iter().filter(|c| anchored(c)) {
            let (Some(key), Some(interval)) = (claim.key(), claim.interval) else {
                continue;
            };
            let Some(earlier) = self.seen.conflict(&key, claim.cited.as_deref(), interval) else {
                continue;
            };
            let mut d = Diagnostic::new(
                META.id,
                META.category,
                severity,
                claim.span,
                format!("“{}” disagrees with “{}” in {}", claim.text, earlier.text, earlier.path),
            )
            .with_help(format!(
                "Both are about {}. Readers see the publication's articles together; check which study each figure comes from and make the articles agree, or say why they differ.",
                claim.key_words()
            ));
            d.related.push(Related {
                path: earlier.path.clone(),
                span: earlier.span,
                message: format!("“{}” here", earlier.text),
                excerpt: earlier.excerpt.clone(),
            });
            out.push(d);
        }
        out
    }

    /// Adds an article's figures.
    fn add(&mut self, claims: Vec<Arc<ClaimRecord>>) {
        for claim in claims {
            if !anchored(&claim) {
                continue;
            }
            if let (Some(key), Some(interval)) = (claim.key(), claim.interval) {
                let cited = claim.cited.clone();
                self.seen.add(key, cited.as_deref(), interval, claim);
            }
        }
    }
}
