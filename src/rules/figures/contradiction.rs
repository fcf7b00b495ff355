//! # figures/contradiction
//!
//! Flags two figures in one article that describe the same quantity with values that cannot
//! both be right ("46% of women ... 56% of women"), a verbal quantifier that contradicts a
//! figure ("nearly half" beside "62%"), and a multiple that contradicts the rates it compares
//! ("women are 2.87 times more likely" beside 46% of women and 41% of men, a ratio of about 1.1).
//!
//! ## Why
//!
//! Articles are assembled from several sources, and figures for the same group drift apart:
//! one paragraph quotes a lifetime rate, another a rate from a different study, a third a
//! ratio computed from neither. Readers cannot tell which to believe.
//!
//! ## How figures are paired
//!
//! Two figures are about the same quantity only when all of these match:
//!
//! - **population**: the group the figure is about ("of women", "among men"); "41% of 1,635
//!   participants" takes the group its sentence names ("a study of men"). Figures with no group
//!   are never paired;
//! - **time window**: lifetime ("at least once", "ever", "at some point"), recent ("in the past
//!   four weeks"), regular ("on a regular basis"), a year, or none — different windows are
//!   different quantities, never contradictions;
//! - **measure**: what is counted, from the measures in `rules/figures.yml` ("crying after
//!   sex", "postcoital dysphoria" and "PCT" are one measure); a sentence that only says "it"
//!   takes the article's main measure;
//! - **year**: the year the sentence names, if any;
//! - **source**: when both sentences name a source (a link, a footnote, "Smith et al.", "the
//!   Office for National Statistics"), it must be the same one, compared by its capitalised
//!   words. Two named sources may measure differently, so their figures are not paired; a
//!   figure that names no source, or only "one study", is paired with every figure.
//!
//! Each figure is read as the range of values it allows, at the precision given: "46%" is
//! 45.5–46.5, so 20.2% and 20% agree; "up to 10%" is 0–10.5; "about" and "nearly" widen it;
//! "nearly half" is about 40–50. Two paired figures contradict each other when their ranges do
//! not meet. For "X times more likely", the ratio of the two groups' figures (with the same
//! window and measure) is computed; since "times more" is used both for the ratio and for the
//! ratio plus one, only a value that fits neither is flagged. With no rates beside it, a
//! multiple is not checked. The primary label is on the later figure, a second on the earlier.
//!
//! ## Bad
//!
//! ```markdown
//! One survey found that 46% of women had cried after sex at least once in their lives.
//! Another put the share of women who had ever cried after sex at 56%.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! Surveys put the share of women who have ever cried after sex between 46% and 56%, depending
//! on how the question was asked.
//! ```

use std::sync::Arc;

use crate::analyse::citations::Finder;
use crate::analyse::figures::{ClaimRecord, Extremes, keys, records};
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Category, Diagnostic};
use crate::rules::figures::counts::{Whole, share_count_conflicts};
use crate::rules::{CheckContext, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "figures/contradiction",
    category: Category::InconsistentFigure,
    default_level: Level::Warning,
    summary: "Figures in one article that describe the same quantity but disagree",
    source: include_str!("contradiction.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: None,
};

pub struct Contradiction {
    finder: Arc<Finder>,
}

pub use crate::rules::NO_OPTIONS as OPTIONS;

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    keys()?;
    Ok(Box::new(Contradiction {
        finder: shared.citations()?,
    }))
}

impl Rule for Contradiction {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let claims = records(ctx.doc, ctx.analysis, &self.finder);
        let mut seen: Extremes<usize> = Extremes::default();
        for (i, later) in claims.iter().enumerate() {
            let keyed = later.key().zip(later.interval);
            let earlier = keyed
                .as_ref()
                .and_then(|(key, interval)| seen.conflict(key, later.cited.as_deref(), *interval))
                .and_then(|e| claims.get(e));
            if let Some((key, interval)) = keyed {
                seen.add(key, later.cited.as_deref(), interval, i);
            }
            if let Some(earlier) = earlier {
                out.push(
                    ctx.report(later.span,
                        format!("“{}” contradicts “{}” earlier in the article", later.text, earlier.text),
                    )
                    .with_label(earlier.span, "the earlier figure")
                    .with_help(format!(
                        "Both are about {}; at the precision given they cannot both be right. Check which study each comes from and say so, or reconcile them.",
                        later.key_words()
                    )),
                );
            }
            if let Some(d) = multiple_conflict(later, &claims, ctx) {
                out.push(d);
            }
        }
        share_count(ctx, out);
    }
}

/// "2.8% of U.S. adults, or about 5 million people": the count does not fit the share of the
/// whole it is of (the population table, or a count given before "of them").
fn share_count(ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    let Ok(keys) = keys() else {
        return;
    };
    for (index, block) in ctx.doc.blocks.iter().enumerate() {
        let Some(facts) = ctx.analysis.blocks.get(index) else {
            continue;
        };
        if block.kind == crate::parse::BlockKind::Code || facts.quantities.is_empty() {
            continue;
        }
        let text = block.text();
        for found in share_count_conflicts(keys, text, &facts.quantities, &facts.numbers, |at| {
            facts.sentence_of(at, text.len())
        }) {
            let (span, count) = block.located(&ctx.doc.source, found.count.clone());
            let (share_span, share) = block.located(&ctx.doc.source, found.share.clone());
            let mut d = ctx
                .report(
                    span,
                    format!(
                        "“{count}” is about {:.1}% of {}, not “{share}”",
                        found.implied,
                        match &found.whole {
                            Whole::Table(place, group, _) =>
                                format!("all {group} in {}", place.place),
                            Whole::Count(range, _) =>
                                format!("the {}", block.located(&ctx.doc.source, range.clone()).1),
                        }
                    ),
                )
                .with_label(share_span, "the share");
            d = match &found.whole {
                Whole::Table(place, group, denominator) => d.with_help(format!(
                    "{} has about {} {group} ({}, {}); a share and the count given with it should agree. Check both figures and the group they are of.",
                    place.place,
                    people(denominator.count),
                    keys.population_source(&denominator.source),
                    denominator.year
                )),
                Whole::Count(range, _) => d
                    .with_label(block.prose.source_span(range.start, range.end), "the whole")
                    .with_help("A share and the count given with it should agree with the whole they are part of. Check the three figures."),
            };
            out.push(d);
        }
    }
}

/// "331.4 million", "8.0 billion", "461,000" for messages.
pub(crate) fn people(n: f64) -> String {
    if n >= 1e9 {
        format!("{:.1} billion", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} million", n / 1e6)
    } else {
        let whole = n.round() as u64;
        let s = whole.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }
}

/// "Women are 2.87 times more likely" against the article's own figures for women and men.
fn multiple_conflict(
    m: &ClaimRecord,
    claims: &[ClaimRecord],
    ctx: &CheckContext,
) -> Option<Diagnostic> {
    if m.kind != "relative likelihood" {
        return None;
    }
    let keys = keys().ok()?;
    let group = m.population.as_ref()?;
    let other = keys_complement(keys, group)?;
    let value = *m.values.first()?;
    // "twice", "3 times": a whole multiple is meant as that multiple, not as 1.5–2.5.
    let half = if m.precision == 0 {
        0.05
    } else {
        0.5 * 10f64.powi(-i32::from(m.precision))
    };
    let share = |population: &str| {
        claims.iter().find(|c| {
            c.interval.is_some()
                && c.population.as_deref() == Some(population)
                && c.window == m.window
                && c.measure == m.measure
                && m.measure.is_some()
        })
    };
    let (a, b) = (share(group)?, share(&other)?);
    let ((a_lo, a_hi), (b_lo, b_hi)) = (a.interval?, b.interval?);
    if b_lo <= 0.0 {
        return None;
    }
    let ratio = (a_lo / b_hi, a_hi / b_lo);
    let fits = |(lo, hi): (f64, f64)| value + half >= lo && value - half <= hi;
    if fits(ratio) || fits((ratio.0 + 1.0, ratio.1 + 1.0)) {
        return None;
    }
    let mid = (a_lo + a_hi) / (b_lo + b_hi);
    Some(
        ctx.report(m.span,
            format!(
                "“{}” does not match the article's own figures: “{}” for {group} and “{}” for {other} give a ratio of about {mid:.1}",
                m.text, a.text, b.text
            ),
        )
        .with_label(a.span, group.to_string())
        .with_label(b.span, other.to_string())
        .with_help("A multiple should follow from the rates it compares. Check whether the multiple comes from a different study, measure or time window, and say so."),
    )
}

fn keys_complement(keys: &crate::analyse::figures::Keys, group: &str) -> Option<String> {
    keys.complement(group)
}
