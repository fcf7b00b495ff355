//! # figures/impossible
//!
//! Flags figures that cannot be true as written: a share of a group over 100%, a range whose
//! low end is above its high end, a subgroup larger than the group it is part of, and a
//! percentage that cannot be a whole number of people out of the stated sample
//! (a GRIM-style check: "5.1% of 230" is not k/230 for any whole k at one decimal).
//!
//! ## Why
//!
//! Impossible arithmetic is the clearest sign that a figure was mistyped, misread or copied
//! from a different population. Fact-checkers run these checks by hand; statcheck and GRIM
//! showed how often they fail in published research.
//!
//! ## How it decides
//!
//! - Over 100%: only a share *of a group* ("120% of women"), never a change ("rose by 150%",
//!   "150% more likely") or a percentage without a population.
//! - Backwards ranges: "between 46% and 7%".
//! - A subgroup larger than its group: "Of the 230 women surveyed, 250 said ...".
//! - A yearly rate of deaths in per cent: "the suicide rate was 10.6 per cent in 2014" (such rates
//!   are per 100,000 people; `yearly_death_rates` in `rules/figures.yml`).
//! - Percent of N: when a sample size is stated with the figure ("46% of 230 women", "n = 230")
//!   and the figure is given exactly (not "about" or "nearly"), some whole number k of people
//!   must round to it: k/N × 100 within half a unit of the last reported decimal. A miss is
//!   reported as "check the denominator", not as an error: the percentage may be of those who
//!   answered one question.
//!
//! ## Bad
//!
//! ```markdown
//! Of the 230 women surveyed, 5.1% had cried after sex in the past four weeks.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! Of the 214 women who answered the question, 5.1% had cried after sex in the past four weeks.
//! ```

use crate::analyse::numbers::numbers;
use crate::analyse::quantities::{Qualifier, Quantity, QuantityKind};
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Category, Diagnostic};
use crate::parse::BlockKind;
use crate::rules::figures::counts::counts_above_population;
use crate::rules::figures::yearly_rates::percent_death_rates;
use crate::rules::figures::{broken_thousands, fused_ordinals};
use crate::rules::{CheckContext, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "figures/impossible",
    category: Category::InconsistentFigure,
    default_level: Level::Warning,
    summary: "Figures that cannot be true: over 100%, backwards ranges, impossible k/N",
    source: include_str!("impossible.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: None,
};

pub struct Impossible;

pub use crate::rules::NO_OPTIONS as OPTIONS;

pub fn build(_: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    crate::analyse::figures::keys()?;
    Ok(Box::new(Impossible))
}

/// One of the rule's word lists in `rules/figures.yml` (`change_words`, `decline_words`,
/// `part_cues`). `build` has loaded the file, so a rule that runs has them.
fn words(pick: fn(&crate::analyse::figures::Data) -> &Vec<String>) -> &'static [String] {
    crate::analyse::figures::keys().map_or(&[], |keys| pick(keys.data()).as_slice())
}

impl Rule for Impossible {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let fused = fused_ordinals(ctx.doc);
        for f in &fused {
            out.push(fused_finding(ctx, f));
        }
        for (index, block) in ctx.doc.blocks.iter().enumerate() {
            let Some(facts) = ctx.analysis.blocks.get(index) else {
                continue;
            };
            if block.kind == BlockKind::Code || facts.quantities.is_empty() {
                continue;
            }
            for (part, whole) in subgroups_larger_than_group(block.text(), &facts.sentences) {
                let (span, part_text) = block.located(&ctx.doc.source, part);
                let (whole_span, whole_text) = block.located(&ctx.doc.source, whole);
                out.push(
                    ctx.report(
                        span,
                        format!("“{part_text}” is more than the {whole_text} it is part of"),
                    )
                    .with_label(whole_span, "the whole group")
                    .with_help("A subgroup cannot be larger than its group: check both numbers."),
                );
            }
            let text = block.text();
            if let Ok(keys) = crate::analyse::figures::keys() {
                for (range, place, group, d) in
                    counts_above_population(keys, text, &facts.quantities)
                {
                    let (span, s) = block.located(&ctx.doc.source, range);
                    let whole = if group == "people" {
                        "everyone".to_string()
                    } else {
                        format!("all the {group}")
                    };
                    out.push(ctx.report(span, format!(
                        "“{s}” is more than {whole} in {} (about {})",
                        place.place,
                        crate::rules::figures::contradiction::people(d.count)
                    ))
                    .with_help(format!(
                        "Source of the population: {}, {}. Check the figure: it may count prescriptions, visits or years rather than people.",
                        keys.population_source(&d.source),
                        d.year
                    )));
                }
            }
            if let Ok(keys) = crate::analyse::figures::keys() {
                for range in percent_death_rates(keys, text, &facts.sentences, &facts.quantities) {
                    let (span, s) = block.located(&ctx.doc.source, range);
                    out.push(ctx.report(span, format!(
                        "“{s}” cannot be a yearly rate of deaths in a whole population: that would be one person in {} dying this way each year",
                        people_per_death(&s)
                    ))
                    .with_help("Rates of suicide, homicide and overdose deaths are counted per 100,000 people a year (per lakh in India). Check the unit the source gives: 10.6 per 100,000 is 0.0106%."));
                }
            }
            let broken = broken_thousands(text);
            // Per sentence, not per figure: a one-line article can be one long sentence.
            let mut changes: std::collections::HashMap<usize, bool> =
                std::collections::HashMap::new();
            // Shares per sentence, counted once per sentence.
            let mut shares_in: std::collections::HashMap<usize, usize> =
                std::collections::HashMap::new();
            for q in &facts.quantities {
                // Reported above, with what went wrong.
                if fused
                    .iter()
                    .any(|f| f.block == index && q.range.contains(&f.digits.start))
                {
                    continue;
                }
                let sentence = facts.sentence_of(q.range.start, text.len());
                let shown = |q: &Quantity| block.located(&ctx.doc.source, q.range.clone());
                let finding = match q.kind {
                    QuantityKind::Percentage | QuantityKind::PercentageRange
                        if q.population.is_some()
                            && q.values.iter().any(|v| *v > 100.0)
                            && !*changes
                                .entry(sentence.start)
                                .or_insert_with(|| mentions_change(&text[sentence.clone()])) =>
                    {
                        let (span, s) = shown(q);
                        Some(ctx.report(span, format!("“{s}” of a group is more than all of it"))
                            .with_help("A share of a group cannot exceed 100%. If this is a change, say so (\"rose by 120%\"); if people could give several answers, say that the shares overlap."))
                    }
                    QuantityKind::Frequency
                        if q.frequency.is_some_and(|(n, m)| n > m && m > 0.0) =>
                    {
                        let (span, s) = shown(q);
                        Some(ctx.report(span, format!("“{s}” counts more than all of them"))
                            .with_help("A part cannot be larger than the whole it is counted out of: check both numbers."))
                    }
                    QuantityKind::PercentageRange
                        if q.values.len() == 2
                            && q.values[0] > q.values[1]
                            && !is_change(&text[q.range.clone()], &text[sentence.clone()]) =>
                    {
                        let (span, s) = shown(q);
                        Some(
                            ctx.report(span, format!("The range “{s}” runs from high to low"))
                                .with_help("Check both figures; write the lower one first."),
                        )
                    }
                    QuantityKind::Percentage => {
                        let exact = q.qualifier.is_none()
                            || matches!(q.qualifier, Some(Qualifier::Between));
                        // "68 percent of those receiving EMDR" in a study of 32: the share
                        // is of its own group, not of the sample.
                        let own_group = q.population.clone().is_some_and(|p| {
                            p.start >= q.range.end
                                && own_group(crate::model::text::head(
                                    text.get(p.start..).unwrap_or_default(),
                                    120,
                                ))
                        });
                        // Several shares in one sentence are often of several subgroups
                        // ("44.4% ... than those with T2DM (23.5%)"), and "± 14.9%" is a
                        // spread: only a sentence's one share is checked against its sample.
                        let shares = *shares_in.entry(sentence.start).or_insert_with(|| {
                            let first = facts
                                .quantities
                                .partition_point(|o| o.range.start < sentence.start);
                            facts.quantities[first..]
                                .iter()
                                .take_while(|o| o.range.start < sentence.end)
                                .filter(|o| {
                                    matches!(
                                        o.kind,
                                        QuantityKind::Percentage | QuantityKind::PercentageRange
                                    )
                                })
                                .count()
                        });
                        let before = text[..q.range.start].trim_end();
                        // "± 14.9%" is a spread; "140 (62.7%)" is the share that count is, of
                        // a base said elsewhere.
                        let spread = before.ends_with(['±', '∓'])
                            || before.strip_suffix(['(', '[']).is_some_and(|b| {
                                // "140 (62.7%)", "(n = 1) (14.3%)"
                                b.trim_end()
                                    .trim_end_matches([')', ']'])
                                    .trim_end()
                                    .ends_with(|c: char| c.is_ascii_digit())
                            });
                        let n = q
                            .sample_size
                            .filter(|_| exact && !q.broken && !own_group && shares == 1 && !spread);
                        let sample_ok = !broken
                            .iter()
                            .any(|r| sentence.start <= r.start && r.end <= sentence.end);
                        match (n, q.values.first()) {
                            (Some(n), Some(&v))
                                if sample_ok
                                    && n > 0
                                    && v <= 100.0
                                    && !grim_possible(v, q.precision, n) =>
                            {
                                let (span, s) = shown(q);
                                let mut d = ctx.report(span,
                                    format!("{s} of {n} is not a whole number of people at the precision given"),
                                )
                                .with_help(format!(
                                    "No whole number out of {n} rounds to {s}. Check the denominator: the figure may be a share of those who answered one question, or of a subgroup."
                                ));
                                if let Some(count) = facts.quantities.iter().find(|c| {
                                    c.kind == QuantityKind::Count
                                        && c.values.first() == Some(&(n as f64))
                                }) {
                                    let span =
                                        block.prose.source_span(count.range.start, count.range.end);
                                    d = d.with_label(span, "the stated number of people");
                                }
                                Some(d)
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                };
                out.extend(finding);
            }
        }
    }
}

/// "10.6 per cent" → "10" (one in ten): the first number of a percentage, as one in N.
fn people_per_death(shown: &str) -> String {
    let digits: String = shown
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    match digits.parse::<f64>() {
        Ok(v) if v > 0.0 => format!("{}", (100.0 / v).round()),
        _ => "a hundred or fewer".to_string(),
    }
}

/// "Of the 230 women surveyed, 250 said ...": a sentence that opens with a group of N people and
/// then counts M of them, with M > N. Returns (part, whole) ranges.
fn subgroups_larger_than_group(
    text: &str,
    sentences: &[std::ops::Range<usize>],
) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for sentence in sentences {
        let s = &text[sentence.clone()];
        let lower = s.to_ascii_lowercase();
        let Some(rest) = lower
            .strip_prefix("of the ")
            .or_else(|| lower.strip_prefix("of "))
        else {
            continue;
        };
        let opening = s.len() - rest.len();
        let numbers = numbers(s);
        let Some(whole) = numbers
            .iter()
            .find(|n| n.range.start == opening && !n.spelled)
        else {
            continue;
        };
        let after_whole = lower[whole.range.end..].trim_start();
        let noun: String = after_whole
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if !crate::rules::figures::is_people_noun(&noun) {
            continue;
        }
        for part in numbers.iter().filter(|n| n.range.start > whole.range.end) {
            let after = lower[part.range.end..].trim_start();
            let is_year =
                !part.grouped && part.decimals == 0 && (1900.0..=2100.0).contains(&part.value);
            let cued = words(|d| &d.part_cues)
                .iter()
                .any(|c| after.starts_with(c.as_str()))
                || (!noun.is_empty() && after.starts_with(noun.as_str()));
            if cued && !is_year && part.value > whole.value {
                out.push((
                    sentence.start + part.range.start..sentence.start + part.range.end,
                    sentence.start + whole.range.start..sentence.start + whole.range.end,
                ));
            }
        }
    }
    out
}

/// "halved from 55 per cent to 27 per cent", "fell 40% to 25%": a change from one value to
/// another, which may run downwards, not a range.
fn is_change(range: &str, sentence: &str) -> bool {
    let lower = range.to_lowercase();
    let ranged = sentence.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "range" | "ranged" | "ranges" | "varied" | "varies" | "vary"
        )
    });
    !ranged
        && (lower.starts_with("from ") || lower.contains(" to ") || lower.contains(['-', '–', '—']))
        && sentence.split(|c: char| !c.is_alphanumeric()).any(|w| {
            let w = w.to_lowercase();
            words(|d| &d.decline_words).contains(&w) || words(|d| &d.change_words).contains(&w)
        })
}

/// The finding on a list number run into a figure: the figure as written, and what it reads as
/// without the list number.
fn fused_finding(ctx: &CheckContext, f: &crate::rules::figures::FusedOrdinal) -> Diagnostic {
    let block = &ctx.doc.blocks[f.block];
    let text = block.text();
    // The figure around the digits: the quantity that starts there, or the number alone.
    let range = ctx
        .analysis
        .blocks
        .get(f.block)
        .and_then(|facts| {
            facts
                .quantities
                .iter()
                .find(|q| q.range.contains(&f.digits.start))
        })
        .map_or(f.digits.clone(), |q| {
            q.range.start.min(f.digits.start)..q.range.end
        });
    let (span, shown) = block.located(&ctx.doc.source, range.clone());
    let ordinal = &text[f.digits.start..f.digits.start + f.ordinal_len];
    let rest = text
        .get(f.digits.start + f.ordinal_len..range.end)
        .unwrap_or_default();
    ctx.report(
        span,
        format!("“{shown}” looks like the list number {ordinal} run into the figure “{rest}”"),
    )
    .with_help("The list's numbers were glued to its items when the text was copied, so the figure reads as a different, impossible number. Check the figure and separate it from the list number.")
}

/// A population named by who its members are ("those receiving EMDR", "patients who
/// relapsed"), not by the sample: its size is not the sample size.
fn own_group(population: &str) -> bool {
    let lower = population.to_lowercase();
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or_default();
    matches!(first, "those" | "these" | "them" | "ones")
        || !first.starts_with(|c: char| c.is_ascii_digit())
            && lower
                .split_whitespace()
                .take(6)
                .any(|w| matches!(w, "who" | "whom" | "that" | "which"))
}

fn mentions_change(sentence: &str) -> bool {
    sentence.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let w = w.to_lowercase();
        words(|d| &d.change_words).contains(&w)
    })
}

/// Whether some whole k in 0..=n gives k/n × 100 that rounds to `value` at `decimals`.
pub fn grim_possible(value: f64, decimals: u8, n: u64) -> bool {
    let half = 0.5 * 10f64.powi(-i32::from(decimals));
    let tolerance = half + 1e-9;
    let lo = ((value - tolerance) * n as f64 / 100.0).floor().max(0.0) as u64;
    let hi = ((value + tolerance) * n as f64 / 100.0)
        .ceil()
        .min(n as f64) as u64;
    (lo..=hi).any(|k| ((k as f64) * 100.0 / n as f64 - value).abs() <= tolerance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grim_matches_the_worked_examples() {
        // Research notes, section 4.2: computed with k/N rounded to the reported precision.
        assert!(grim_possible(46.0, 0, 230));
        assert!(!grim_possible(5.1, 1, 230));
        assert!(grim_possible(5.1, 1, 216));
        assert!(grim_possible(32.9, 1, 222));
        assert!(grim_possible(41.0, 0, 1208));
        assert!(grim_possible(20.2, 1, 1208));
        assert!(!grim_possible(91.9, 1, 299));
        assert!(grim_possible(94.3, 1, 299));
    }

    #[test]
    fn large_samples_are_always_possible_at_whole_percents() {
        assert!((1..=100).all(|v| grim_possible(f64::from(v), 0, 1635)));
    }
}
