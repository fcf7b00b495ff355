//! Counts of people checked against the groups they belong to: a share and the count given
//! with it ("2.8% of U.S. adults, or about 5 million people"; "a vast majority (5.2 million)
//! of them"), and a count larger than its whole population ("1.4 billion Americans"). The
//! populations are the sourced table in `rules/figures.yml`.

use std::ops::Range;

use crate::analyse::figures::{Denominator, Keys, Place, interval};
use crate::analyse::numbers::Number;
use crate::analyse::quantities::{Qualifier, Quantity, QuantityKind};

/// What a share is of: a population of the table, or a count the sentence gave before it.
pub enum Whole<'a> {
    Table(&'a Place, &'a str, &'a Denominator),
    Count(Range<usize>, f64),
}

pub struct ShareCount<'a> {
    /// The share as written ("2.8%", "a vast majority").
    pub share: Range<usize>,
    pub count: Range<usize>,
    pub whole: Whole<'a>,
    /// The share the count and the whole give, in percent.
    pub implied: f64,
}

/// The values a count allows: rounding and its qualifier ("about 5 million", "more than 5,000").
fn count_range(v: f64, qualifier: Option<Qualifier>) -> Option<(f64, f64)> {
    if v <= 0.0 {
        return None;
    }
    Some(match qualifier {
        Some(Qualifier::MoreThan | Qualifier::AtLeast) => (v, v * 1.5),
        Some(Qualifier::LessThan | Qualifier::UpTo) => (v * 0.5, v),
        Some(Qualifier::Nearly) => (v * 0.85, v),
        _ => (v * 0.9, v * 1.1),
    })
}

/// The words between a share and the count it stands for, without the joint: "of U.S.
/// adults" in "2.8% of U.S. adults, or about 5 million", "" in "a third (5 million) of them".
/// `None` when the count is not given as the same figure in other words.
fn apposition(gap: &str) -> Option<&str> {
    let g = gap.trim_end();
    // "…, or", "… — or", "… (or": the joint, with an optional "or" after it.
    let g = g.strip_suffix(" or").map_or(g, str::trim_end);
    let head = [",", "(", "—", "–", ", that is", ", which is"]
        .iter()
        .find_map(|joint| g.strip_suffix(joint))?;
    let head = head.trim();
    let phrase = head.strip_prefix("of ").unwrap_or(head).trim();
    // A short noun phrase at most ("of U.S. adults", "of adults in Canada").
    (phrase.split_whitespace().count() <= 6 && !phrase.contains([',', ';', ':'])).then_some(phrase)
}

/// The population a share is of when a clause stands between it and the count of people that
/// restates it: "2.5% of the U.S. population has bipolar disorder — nearly 6 million people".
/// The gap must open with "of" and a population of the table (at most five words) and end with
/// a joint ("," "—" "(" or a hyphen for a dash, with an optional "or"); the clause between is one short predicate
/// (twelve words at most, no other figure, no clause break). Only the table's populations
/// qualify, so "of adults have it, or 5 million" with no place is left alone.
fn clause_population(keys: &Keys, gap: &str) -> Option<String> {
    let g = gap.trim_end();
    let g = g.strip_suffix(" or").map_or(g, str::trim_end);
    // A hyphen standing in for a dash counts here ("bipolar disorder- nearly 6 million"): the
    // gap already ends the share's clause, so it cannot be a word's own hyphen.
    let head = [",", "(", "—", "–", "-"]
        .iter()
        .find_map(|joint| g.strip_suffix(joint))?
        .trim();
    let after_of = head.strip_prefix("of ")?;
    if after_of.contains([',', ';', ':', '(', ')']) || after_of.contains(char::is_numeric) {
        return None;
    }
    let words: Vec<&str> = after_of.split_whitespace().collect();
    if words.len() > 17 {
        return None;
    }
    // The longest population at the start; a predicate (not a narrowing word) must follow it.
    (1..=words.len().min(5)).rev().find_map(|n| {
        let next = words.get(n)?.to_lowercase();
        if keys.narrows(&next) {
            return None;
        }
        let phrase = words[..n].join(" ");
        keys.denominator(&phrase).map(|_| phrase)
    })
}

/// The values a share allows when a count restates it in the same sentence: "about 2.5%" is
/// 2.25–2.75 here (a tenth either side), not the two points either side that figures from
/// different studies get when they are compared.
fn restated_interval(q: &Quantity) -> Option<(f64, f64)> {
    let relative = match q.qualifier {
        Some(Qualifier::About) => (0.9, 1.1),
        Some(Qualifier::Nearly) => (0.8, 1.0),
        _ => return interval(q),
    };
    let bare = Quantity {
        qualifier: None,
        ..q.clone()
    };
    let (lo, hi) = interval(&bare)?;
    Some((lo * relative.0, hi * relative.1))
}

/// A count the share stands for: a count of people, or a number in brackets ("(5.2 million)").
fn counts(
    quantities: &[Quantity],
    numbers: &[Number],
    text: &str,
) -> Vec<(Range<usize>, f64, Option<Qualifier>)> {
    let mut out: Vec<(Range<usize>, f64, Option<Qualifier>)> = quantities
        .iter()
        .filter(|q| q.kind == QuantityKind::Count)
        .filter_map(|q| Some((q.range.clone(), *q.values.first()?, q.qualifier)))
        .collect();
    for n in numbers {
        let bracketed = text[..n.range.start].ends_with('(')
            && text[n.range.end..].trim_start().starts_with(')');
        let yearlike = !n.grouped && n.decimals == 0 && (1800.0..=2100.0).contains(&n.value);
        if bracketed
            && !yearlike
            && n.value >= 1000.0
            && !out.iter().any(|(r, _, _)| r.contains(&n.range.start))
        {
            out.push((n.range.clone(), n.value, None));
        }
    }
    out.sort_by_key(|(r, _, _)| r.start);
    out
}

/// The group the words after "(5.2 million)" point back to: ") of them", ") of these".
fn points_back(after: &str) -> bool {
    let a = after
        .trim_start()
        .trim_start_matches(')')
        .trim_start()
        .to_lowercase();
    ["of them", "of these", "of those", "of whom"]
        .iter()
        .any(|p| a.starts_with(p))
}

/// "a vast majority (": the share a majority word just before a bracket means, in percent,
/// and where its words start.
fn majority_before(before: &str) -> Option<((f64, f64), usize)> {
    let b = before.trim_end().strip_suffix('(')?.trim_end();
    // Byte offsets into `before` itself (no lower-casing, which can change lengths).
    let word_start = b
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &b[word_start..];
    if !(word.eq_ignore_ascii_case("majority") || word.eq_ignore_ascii_case("most")) {
        return None;
    }
    let head = &b[..word_start];
    let ends = |p: &str| {
        head.len()
            .checked_sub(p.len())
            .and_then(|at| head.get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(p))
    };
    let strong = ["vast ", "overwhelming ", "great "].iter().any(|a| ends(a));
    let start = [
        "a vast ",
        "the vast ",
        "an overwhelming ",
        "the overwhelming ",
        "the great ",
        "a great ",
        "the ",
        "a ",
    ]
    .iter()
    .find(|p| ends(p))
    .map_or(word_start, |p| head.len() - p.len());
    Some((if strong { (70.0, 100.0) } else { (50.0, 100.0) }, start))
}

/// Shares given with a count that the whole they are of cannot produce: the count over the
/// whole is more than 15% away from every value the share allows.
pub fn share_count_conflicts<'a>(
    keys: &'a Keys,
    text: &str,
    quantities: &[Quantity],
    numbers: &[Number],
    sentence_of: impl Fn(usize) -> Range<usize>,
) -> Vec<ShareCount<'a>> {
    let mut out = Vec::new();
    if quantities.is_empty() {
        return out;
    }
    for (range, value, qualifier) in counts(quantities, numbers, text) {
        let Some((c_lo, c_hi)) = count_range(value, qualifier) else {
            continue;
        };
        let sentence = sentence_of(range.start);
        // The share just before the count, and what lies between them.
        let before = quantities.partition_point(|q| q.range.end <= range.start);
        let share = before
            .checked_sub(1)
            .and_then(|p| quantities.get(p))
            .filter(|q| q.range.start >= sentence.start && q.kind != QuantityKind::Count)
            .and_then(|q| {
                let iv = restated_interval(q)?;
                let gap = text.get(q.range.end..range.start)?;
                let counts_people = quantities.iter().any(|c| {
                    c.range.start == range.start
                        && c.kind == QuantityKind::Count
                        && c.population.is_some()
                });
                let phrase = match apposition(gap).map(str::to_string) {
                    Some(p) if counts_people && keys.denominator(&p).is_none() => {
                        clause_population(keys, gap).or(Some(p))
                    }
                    None if counts_people => clause_population(keys, gap),
                    other => other,
                }?;
                Some((q.range.clone(), iv, phrase))
            })
            .or_else(|| {
                let before = text.get(sentence.start..range.start)?;
                let (iv, start) = majority_before(before)?;
                let word_end = before.trim_end().strip_suffix('(')?.trim_end().len();
                Some((
                    sentence.start + start..sentence.start + word_end,
                    iv,
                    String::new(),
                ))
            });
        let Some((share, (s_lo, s_hi), phrase)) = share else {
            continue;
        };
        let after = text.get(range.end..sentence.end).unwrap_or_default();
        let whole = if !phrase.is_empty() {
            keys.denominator(&phrase)
                .map(|(place, group, d)| Whole::Table(place, group, d))
        } else if points_back(after) {
            // The last count of people before the share in the sentence.
            quantities[..before]
                .iter()
                .rev()
                .take_while(|w| w.range.start >= sentence.start)
                .find(|w| {
                    w.kind == QuantityKind::Count
                        && w.population.is_some()
                        && w.range.end <= share.start
                })
                .and_then(|w| Some(Whole::Count(w.range.clone(), *w.values.first()?)))
        } else {
            None
        };
        let Some(whole) = whole else {
            continue;
        };
        let (w_lo, w_hi) = match &whole {
            Whole::Table(_, _, d) => d.range(),
            Whole::Count(_, v) => (*v * 0.95, *v * 1.05),
        };
        if w_lo <= 0.0 {
            continue;
        }
        let (i_lo, i_hi) = (c_lo / w_hi * 100.0, c_hi / w_lo * 100.0);
        let apart = if i_hi < s_lo {
            s_lo / i_hi
        } else if i_lo > s_hi {
            i_lo / s_hi.max(1e-9)
        } else {
            1.0
        };
        if apart >= 1.15 {
            out.push(ShareCount {
                share,
                count: range,
                whole,
                // The count as written ("as many as 4 million" is 4 million), not the middle
                // of the values its qualifier allows.
                implied: value / ((w_lo + w_hi) / 2.0) * 100.0,
            });
        }
    }
    out
}

/// The population words of a figure, with a place after them ("adults in the U.S.").
fn population_phrase(text: &str, p: Range<usize>) -> String {
    let mut phrase = text.get(p.clone()).unwrap_or_default().to_string();
    let rest = text.get(p.end..).unwrap_or_default();
    let words: Vec<&str> = rest.split_whitespace().take(4).collect();
    if let Some(first) = words.first()
        && matches!(first.to_lowercase().as_str(), "in" | "across")
    {
        for w in &words[1..] {
            let clean = w.trim_end_matches([',', ';', ':', ')']);
            phrase.push(' ');
            phrase.push_str(clean);
            if clean.len() != w.len() {
                break;
            }
        }
    }
    phrase
}

/// Counts of a place's people larger than all of them ("1.4 billion Americans").
pub fn counts_above_population<'a>(
    keys: &'a Keys,
    text: &str,
    quantities: &[Quantity],
) -> Vec<(Range<usize>, &'a Place, &'a str, &'a Denominator)> {
    let mut out = Vec::new();
    for c in quantities {
        if c.kind != QuantityKind::Count {
            continue;
        }
        let (Some(p), Some(&v)) = (c.population.clone(), c.values.first()) else {
            continue;
        };
        if matches!(c.qualifier, Some(Qualifier::UpTo | Qualifier::LessThan)) {
            continue;
        }
        if let Some((place, group, d)) = keys.denominator(&population_phrase(text, p))
            && v > d.count * 1.1
        {
            out.push((c.range.clone(), place, group, d));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majority_words_are_read_on_character_boundaries() {
        assert_eq!(
            majority_before("and a vast majority ("),
            Some(((70.0, 100.0), 4))
        );
        assert_eq!(majority_before("the sample’s ("), None);
        assert_eq!(
            majority_before("methods—majority ("),
            Some(((50.0, 100.0), 10))
        );
        assert_eq!(majority_before("‘most’ ("), None);
    }

    #[test]
    fn appositions_join_a_share_and_its_count() {
        assert_eq!(apposition(" of U.S. adults, or "), Some("U.S. adults"));
        assert_eq!(apposition(" of U.S. adults — or "), Some("U.S. adults"));
        assert_eq!(apposition(" (as many as "), None);
        assert_eq!(apposition(" of adults said that, over "), None);
    }
}
