//! A yearly rate of deaths in a whole population given in per cent ("the suicide rate was 10.6
//! per cent in 2014"): such rates are counted per 100,000 people (per lakh in India), and no
//! population loses a hundredth of its people to suicide or homicide in a year, so the figure
//! was written in the wrong unit. Part of `figures/impossible`; the terms, linking words and
//! the ceiling are `yearly_death_rates` in `rules/figures.yml`.

use std::ops::Range;

use crate::analyse::figures::{Keys, year_in};
use crate::analyse::quantities::{Quantity, QuantityKind};

/// The figures of `quantities` that give a yearly death rate in per cent above the ceiling.
pub fn percent_death_rates(
    keys: &Keys,
    text: &str,
    sentences: &[Range<usize>],
    quantities: &[Quantity],
) -> Vec<Range<usize>> {
    let (terms, data) = keys.death_rates();
    let mut out = Vec::new();
    for sentence in sentences {
        let Some(sentence_text) = text.get(sentence.clone()) else {
            continue;
        };
        // The year the rate is for, not a citation's "(Zanarini 2007)".
        if year_in(&outside_brackets(sentence_text)).is_none() {
            continue;
        }
        for m in terms.find_iter(sentence_text) {
            let (term_start, term_end) = (sentence.start + m.start, sentence.start + m.end);
            if changed_before(&text[sentence.start..term_start], &data.changes) {
                continue;
            }
            // The first figure after the rate, reached through linking words alone.
            let Some(q) = quantities
                .iter()
                .filter(|q| q.range.start >= term_end && q.range.end <= sentence.end)
                .min_by_key(|q| q.range.start)
            else {
                continue;
            };
            let gap = &text[term_end..q.range.start];
            let linked = gap
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .all(|w| data.linking.iter().any(|l| l.eq_ignore_ascii_case(w)));
            let percent = q.kind == QuantityKind::Percentage;
            if linked
                && percent
                && q.values.iter().all(|v| *v >= data.max_percent)
                && !compared_after(&text[q.range.end..sentence.end])
                && !over_a_period(&text[q.range.end..sentence.end])
            {
                out.push(q.range.clone());
            }
        }
    }
    out
}

/// The sentence without its bracketed parts.
fn outside_brackets(sentence: &str) -> String {
    let mut depth = 0usize;
    sentence
        .chars()
        .filter(|&c| {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

/// "4% during a 10-year follow-up", "5% over ten years": a share of a cohort over a period,
/// not a yearly rate.
fn over_a_period(after: &str) -> bool {
    after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .take(4)
        .any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "during" | "over" | "within" | "follow-up" | "lifetime" | "after"
            )
        })
}

/// "a sharp rise in the suicide rate": a change word among the three words before the rate.
fn changed_before(before: &str, changes: &[String]) -> bool {
    before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !matches!(w.to_lowercase().as_str(), "the" | "a" | "an" | "in" | "of"))
        .take(3)
        .any(|w| changes.iter().any(|c| c.eq_ignore_ascii_case(w)))
}

/// "... was 30% higher than": the figure compares two rates, it is not a rate.
fn compared_after(after: &str) -> bool {
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    matches!(
        next.as_str(),
        "higher"
            | "lower"
            | "more"
            | "less"
            | "above"
            | "below"
            | "greater"
            | "increase"
            | "decrease"
            | "rise"
            | "drop"
            | "up"
            | "down"
            | "over"
            | "under"
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analyse::analyse;
    use crate::model::source::SourceFile;
    use crate::parse::{ParseOptions, parse};

    fn flagged(text: &str) -> Vec<String> {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions::default(),
        );
        let analysis = analyse(&doc);
        let keys = crate::analyse::figures::keys().expect("keys");
        let mut out = Vec::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            let facts = &analysis.blocks[i];
            for r in percent_death_rates(keys, block.text(), &facts.sentences, &facts.quantities) {
                out.push(block.text()[r].to_string());
            }
        }
        out
    }

    #[test]
    fn a_yearly_suicide_rate_in_per_cent() {
        assert_eq!(
            flagged("The national rate of suicides was 10.6 per cent in 2014, a little down.\n"),
            ["10.6 per cent"]
        );
        assert_eq!(flagged("In 2021 the homicide rate stood at 6%.\n"), ["6%"]);
    }

    #[test]
    fn dont_flag_a_change_or_a_comparison_of_rates() {
        assert!(flagged("In 2020 the suicide rate rose 4% from the year before.\n").is_empty());
        assert!(flagged("A 30% rise in the suicide rate was recorded in 2018.\n").is_empty());
        assert!(
            flagged("In 2019 the suicide rate among veterans was 57% higher than among others.\n")
                .is_empty()
        );
    }

    #[test]
    fn dont_flag_rates_per_100000_or_without_a_year() {
        assert!(flagged("In 2014 the suicide rate was 10.6 per 100,000 people.\n").is_empty());
        assert!(flagged("The suicide rate was 0.5% in 2022 among the oldest men.\n").is_empty());
        // A cohort over a period, dated by its citation.
        assert!(
            flagged("Cohorts showed suicide rates of 4% during a 10-year follow-up (Lee 2007).\n")
                .is_empty()
        );
        // A lifetime share of a patient group, not a yearly rate of a population.
        assert!(flagged("People with schizophrenia have a suicide rate of about 5%.\n").is_empty());
    }
}
