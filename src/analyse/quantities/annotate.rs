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
    // Sample sizes from a people count in the same sentence.
    for i in 0..qs.len() {
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
        // A people count anywhere in the sentence, or an earlier figure with its own sample
        // ("41% of 1,635 participants ..., while 3.1% ...").
        // Nearest first, a few figures either way (a table-like paragraph can hold thousands).
        let nearest = (1..=8)
            .flat_map(|d| [i.checked_sub(d), Some(i + d)])
            .flatten()
            .filter(|&k| k < qs.len() && same(k, i))
            .find(|&k| qs[k].sample_size.is_some() && (qs[k].kind == K::Count || k < i));
        if let Some(k) = nearest {
            qs[i].sample_size = qs[k].sample_size;
            if qs[i].population.is_none() {
                qs[i].population = qs[k].population.clone();
            }
        }
    }
}
