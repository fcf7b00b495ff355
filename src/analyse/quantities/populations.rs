//! Populations: the group a figure is about ("of women aged 16–74", "women are twice as
//! likely") and the sample size it names ("of 1,635 participants").

use std::ops::Range;

use super::Quantity;
use super::cursor::{
    Cx, first_phrase, is_integer, is_yearlike, next_word, prev_word, space, word_at,
};
use super::lists::{is_in, is_people, lists};
use super::scan::{percent_after, range_partner};
use crate::analyse::numbers::{char_at, phrase_at};

pub(super) struct NounPhrase {
    pub(super) range: Range<usize>,
    pub(super) head: Range<usize>,
    pub(super) end: usize,
}

/// A noun phrase at `i` whose head is a people noun: "women", "sexually active adults",
/// "female university students", "men aged 16–74", "those surveyed", "men and women".
/// With `count`, modifiers must look like adjectives (no plural nouns: "5 ways men cry").
pub(super) fn noun_phrase(cx: &Cx, i: usize, count: bool) -> Option<NounPhrase> {
    let t = cx.text;
    let mut p = i;
    let mut first = None;
    let mut head: Option<Range<usize>> = None;
    let mut words = 0;
    while let Some(w) = word_at(t, p) {
        let word = &t[w.clone()];
        if is_people(word) && !(count && is_in(&lists().not_count_heads, word)) {
            first.get_or_insert(w.start);
            head = Some(w.clone());
        } else if head.is_some() {
            // Coordination of groups: "men and women".
            if !count
                && (word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("or"))
                && let Some(n) = next_word(t, w.end)
                && is_people(&t[n.clone()])
            {
                head = Some(n.clone());
                p = match space(t, n.end) {
                    Some(q) => q,
                    None => break,
                };
                continue;
            }
            break;
        } else if is_in(&lists().stop, word)
            || is_in(&lists().units, word)
            || count
                && (words >= 2
                    || word.len() > 3
                        && word.ends_with('s')
                        && !word.chars().all(char::is_uppercase))
        {
            return None;
        } else {
            first.get_or_insert(w.start);
        }
        words += 1;
        if words >= 5 {
            break;
        }
        p = match space(t, w.end) {
            Some(q) => q,
            None => break,
        };
    }
    let head = head?;
    let start = first.unwrap_or(head.start);
    let mut end = head.end;
    if t[head.clone()].eq_ignore_ascii_case("those")
        && let Some(w) = next_word(t, end)
        && t[w.clone()].ends_with("ed")
    {
        end = w.end;
    }
    if let Some(e) = age_clause(cx, end) {
        end = e;
    }
    Some(NounPhrase {
        range: start..end,
        head,
        end,
    })
}

/// " aged 16–74", " aged 18 and over", " aged 65+", " over 50": an age clause after a group.
fn age_clause(cx: &Cx, pos: usize) -> Option<usize> {
    let t = cx.text;
    let p = space(t, pos)?;
    let (mut q, aged) = match phrase_at(t, p, "aged") {
        Some(e) => (space(t, e)?, true),
        None => {
            let e = first_phrase(t, p, &["over", "under"])?;
            (space(t, e)?, false)
        }
    };
    if aged && let Some(e) = first_phrase(t, q, &["between ", "from ", "over ", "under "]) {
        q = e;
    }
    let n = cx.num_at(q)?;
    if n.decimals > 0 || n.value >= 130.0 || percent_after(t, n.range.end).is_some() {
        return None;
    }
    let mut end = n.range.end;
    if let Some(m) = range_partner(cx, end, true) {
        end = m.range.end;
    } else if char_at(t, end) == Some('+') {
        end += 1;
    } else if let Some(e) = first_phrase(
        t,
        end,
        &[
            " and over",
            " and older",
            " and above",
            " or over",
            " or older",
            " and under",
            " or younger",
        ],
    ) {
        end = e;
    }
    if !aged && n.spelled {
        return None;
    }
    Some(first_phrase(t, end, &[" years old", " years of age", " years"]).unwrap_or(end))
}

/// "of women", "of the 1,635 participants", "of all men aged 16–74" after a figure ending at
/// `pos`: sets the population and sample size; returns the end of what was used.
pub(super) fn attach_of_population(cx: &Cx, q: &mut Quantity, pos: usize) -> usize {
    let t = cx.text;
    let Some(mut i) = phrase_at(t, pos, " of ") else {
        return pos;
    };
    for det in [
        "all of the ",
        "all the ",
        "the ",
        "all ",
        "these ",
        "our ",
        "their ",
    ] {
        if let Some(e) = phrase_at(t, i, det) {
            i = e;
            break;
        }
    }
    let mut sample = None;
    if let Some(n) = cx.num_at(i)
        && is_integer(n)
        && n.value >= 1.0
        && !is_yearlike(n)
        && let Some(after) = space(t, n.range.end)
        && let Some(np) = noun_phrase(cx, after, false)
    {
        sample = Some((n.value as u64, np));
    }
    if let Some((size, np)) = sample {
        if !is_in(&lists().not_samples, &t[np.head.clone()]) {
            q.sample_size = Some(size);
        }
        q.population = Some(np.range);
        return np.end;
    }
    match noun_phrase(cx, i, false) {
        Some(np) => {
            q.population = Some(np.range);
            np.end
        }
        None => pos,
    }
}

/// "women are 2.87 times more likely": the group before a be-verb before the figure.
pub(super) fn subject_before(cx: &Cx, start: usize, floor: usize) -> Option<Range<usize>> {
    let t = cx.text;
    let verb = prev_word(t, start)?;
    if !is_in(
        &["are", "were", "is", "was", "being", "be"],
        &t[verb.clone()],
    ) {
        return None;
    }
    let head = prev_word(t, verb.start)?;
    if head.start < floor
        || !is_people(&t[head.clone()])
        || t[head.clone()].eq_ignore_ascii_case("those")
    {
        return None;
    }
    let mut s = head.start;
    for _ in 0..2 {
        match prev_word(t, s) {
            Some(m)
                if m.start >= floor
                    && !is_in(&lists().stop, &t[m.clone()])
                    && !is_in(&lists().sentence_adverbs, &t[m.clone()])
                    && !t[m.clone()].ends_with("ly")
                    && !is_people(&t[m.clone()]) =>
            {
                s = m.start;
            }
            _ => break,
        }
    }
    Some(s..head.end)
}
