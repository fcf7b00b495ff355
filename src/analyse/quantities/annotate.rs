//! Annotation after extraction: each figure's window, and the population and sample size
//! named elsewhere in its sentence.

use std::ops::Range;

use super::cursor::{Cx, first_phrase};
use super::lists::{is_in, lists};
use super::populations::noun_phrase;
use super::windows::windows_in;
use super::{Quantity, QuantityKind};
use crate::analyse::numbers::{char_at, char_before, is_word_char, phrase_at};

/// "among women", "in men", "for adults" in `[from, to)`: the group.
fn group_in(cx: &Cx, from: usize, to: usize) -> Option<Range<usize>> {
    let t = cx.text;
    let to = to.min(t.len());
    let mut p = from.min(to);
    while p < to {
        let c = char_at(t, p)?;
        let at = p;
        p += c.len_utf8();
        if !c.is_alphabetic() || char_before(t, at).is_some_and(is_word_char) {
            continue;
        }
        let Some(e) = first_phrase(t, at, &["among ", "amongst ", "in ", "for "]) else {
            continue;
        };
        let e = phrase_at(t, e, "the ").unwrap_or(e);
        if let Some(np) = noun_phrase(cx, e, false)
            && np.range.end <= to
            // Not "among those", nor a group of outcomes ("in deaths").
            && !t[np.head.clone()].eq_ignore_ascii_case("those")
            && !is_in(&lists().not_samples, &t[np.head.clone()])
        {
            return Some(np.range);
        }
    }
    None
}

/// Whether the text between two figures joins them ("7% of women and 10% of men"): the
/// conjunctions that join or contrast clauses are grammar, so they stay here.
fn coordinated(between: &str) -> bool {
    between.len() <= 60
        && (between.contains(" and ") || between.contains(", ") || between.contains(" or "))
        && ![
            " while ",
            " whilst ",
            " whereas ",
            " but ",
            " although ",
            ";",
            " compared ",
        ]
        .iter()
        .any(|w| between.contains(w))
}

pub(super) fn annotate(cx: &Cx, qs: &mut [Quantity], sentences: &[Range<usize>]) {
    let t = cx.text;
    let sentence_of = |pos: usize| -> Range<usize> {
        let i = sentences.partition_point(|s| s.end <= pos);
        sentences
            .get(i)
            .filter(|s| s.start <= pos)
            .cloned()
            .unwrap_or(0..t.len())
    };
    let sents: Vec<Range<usize>> = qs.iter().map(|q| sentence_of(q.range.start)).collect();
    let same = |a: usize, b: usize| sents.get(a).is_some() && sents.get(a) == sents.get(b);

    // Windows: after the figure up to the next one, else before it back to the previous one.
    for i in 0..qs.len() {
        let s = &sents[i];
        let lo = if i > 0 && same(i - 1, i) {
            let prev = &qs[i - 1];
            prev.range
                .end
                .max(prev.window.as_ref().map_or(0, |w| w.end))
        } else {
            s.start
        };
        let hi = if same(i, i + 1) {
            qs[i + 1].range.start
        } else {
            s.end
        };
        let q = &qs[i];
        let win = windows_in(cx, q.range.end, hi)
            .next()
            .or_else(|| windows_in(cx, lo, q.range.start).last());
        qs[i].window = win;
    }
    // Coordinated figures share a window: "7% of women and 10% of men at some point".
    for i in (0..qs.len().saturating_sub(1)).rev() {
        if qs[i].window.is_none()
            && same(i, i + 1)
            && let Some(w) = qs[i + 1].window.clone()
            && w.start >= qs[i + 1].range.end
            && coordinated(&t[qs[i].range.end..qs[i + 1].range.start])
        {
            qs[i].window = Some(w);
        }
    }
    for i in 1..qs.len() {
        if qs[i].window.is_none()
            && same(i - 1, i)
            && let Some(w) = qs[i - 1].window.clone()
            && w.end <= qs[i - 1].range.start
            && coordinated(&t[qs[i - 1].range.end..qs[i].range.start])
        {
            qs[i].window = Some(w);
        }
    }
    // Groups named elsewhere in the clause: "Among college students, 46% ...".
    use QuantityKind as K;
    for i in 0..qs.len() {
        let kind = qs[i].kind;
        if qs[i].population.is_some()
            || !matches!(
                kind,
                K::Percentage
                    | K::PercentageRange
                    | K::Proportion
                    | K::Frequency
                    | K::RelativeChange
                    | K::Multiple
                    | K::PercentagePoints
                    | K::Rate
            )
        {
            continue;
        }
        let s = &sents[i];
        let lo = if i > 0 && same(i - 1, i) {
            qs[i - 1].range.end
        } else {
            s.start
        };
        let hi = if same(i, i + 1) {
            qs[i + 1].range.start
        } else {
            s.end
        };
        let r = qs[i].range.clone();
        qs[i].population = group_in(cx, lo, r.start).or_else(|| group_in(cx, r.end, hi));
    }
    // "n = 7, 7.1%", "7.1% (n = 7)": in research writing a count labelled n beside a share is
    // the number of people the share stands for, not the group it is out of. Neither lends a
    // sample size to any figure.
    let labelled_n = |k: usize| {
        qs[k].kind == K::Count
            && t.get(qs[k].range.clone()).is_some_and(|s| {
                let s = s.trim_start_matches(['(', '[']);
                s.starts_with(['n', 'N']) && s[1..].trim_start().starts_with(['=', ':'])
            })
    };
    let is_share = |k: usize| matches!(qs[k].kind, K::Percentage | K::Proportion);
    // "183 mothers (56.7%)", "(28 women; 87.5%)": the same, with the people named.
    let counted = |k: usize| qs[k].kind == K::Count;
    let bracketed = |gap: &str| matches!(gap.trim(), "(" | "[" | ";");
    // The text between a count's people ("183 mothers") and the next figure.
    let after_people = |a: usize, b: usize| {
        let end = qs[a]
            .population
            .as_ref()
            .filter(|p| p.start >= qs[a].range.end && p.end <= qs[b].range.start)
            .map_or(qs[a].range.end, |p| p.end);
        t.get(end..qs[b].range.start).unwrap_or("x")
    };
    let gap = |a: usize, b: usize| t.get(qs[a].range.end..qs[b].range.start).unwrap_or("x");
    // Figures a and a + 1 are a share and the count of its people.
    let pair = |a: usize| {
        let b = a + 1;
        b < qs.len()
            && same(a, b)
            && ((is_share(a) && labelled_n(b) && pair_after(gap(a, b)))
                || (labelled_n(a) && is_share(b) && pair_before(gap(a, b)))
                || (counted(a) && is_share(b) && bracketed(after_people(a, b))))
    };
    let paired: Vec<bool> = (0..qs.len())
        .map(|i| pair(i) || (i > 0 && pair(i - 1)))
        .collect();
    // Shares per sentence: a "sentence" with many is a flattened table, whose rows have
    // bases of their own that the text no longer shows.
    let mut shares_in: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (k, sentence) in sents.iter().enumerate() {
        if is_share(k) {
            *shares_in.entry(sentence.start).or_default() += 1;
        }
    }
    // Sample sizes from a people count earlier in the same sentence.
    for i in 0..qs.len() {
        // "I2 = 46.850%", "mean female proportion = 48.0%": a labelled value, not a share
        // of the sample's people.
        let labelled = t
            .get(..qs[i].range.start)
            .is_some_and(|b| b.trim_end().ends_with('='));
        if paired[i]
            || labelled
            || shares_in.get(&sents[i].start).copied().unwrap_or(0) > TABLE_SHARES
        {
            continue;
        }
        if qs[i].sample_size.is_some()
            || !matches!(
                qs[i].kind,
                K::Percentage
                    | K::PercentageRange
                    | K::Proportion
                    | K::Frequency
                    | K::PercentagePoints
            )
        {
            continue;
        }
        // A people count before it in the sentence, or an earlier figure with its own sample
        // ("41% of 1,635 participants ..., while 3.1% ..."). A count after the figure is more
        // often the next row of a flattened table than the figure's base.
        // Nearest first, a few figures either way (a table-like paragraph can hold thousands).
        let nearest = (1..=8)
            .flat_map(|d| [i.checked_sub(d), Some(i + d)])
            .flatten()
            .filter(|&k| k < qs.len() && same(k, i))
            .find(|&k| qs[k].sample_size.is_some() && !paired[k] && k < i);
        if let Some(k) = nearest {
            qs[i].sample_size = qs[k].sample_size;
            if qs[i].population.is_none() {
                qs[i].population = qs[k].population.clone();
            }
        }
    }
}

/// More shares than this in one sentence make it a flattened table.
const TABLE_SHARES: usize = 6;

/// Between a share and the n after it: "7.1% (n = 7)", "7.1%, n = 7", and a row's label
/// between them, "5.9% White (n = 6)" — but not "46% of the women asked (n = 230)", whose n
/// is the group the share is of.
fn pair_after(gap: &str) -> bool {
    let gap = gap.trim();
    if matches!(gap, "(" | "[" | "," | ";") {
        return true;
    }
    let Some(label) = gap.strip_suffix(['(', '[']) else {
        return false;
    };
    let first = label.split_whitespace().next().unwrap_or_default();
    label.len() <= 40
        && !label.contains(['(', ')', '[', ']', '.', ';', ':', ','])
        && !["of", "among", "amongst", "in", "for"]
            .iter()
            .any(|w| first.eq_ignore_ascii_case(w))
}

/// Between an n and the share after it: "n = 7, 7.1%", "(n = 7; 7.1%)", "n = 20 (0.04%)".
/// Not "(n = 230), 46%":
/// a bracket closed between them ends the n's aside.
fn pair_before(gap: &str) -> bool {
    matches!(gap.trim(), "," | ";" | ":" | "(" | "[")
}
