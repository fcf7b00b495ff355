//! Exclusions: numbers that are years, ages, labels, money, links, times, citation markers,
//! phone numbers or units, skipped before any statistical shape is tried.

use std::ops::Range;

use super::cursor::{Cx, first_phrase, prev_word_in, starts_ci, word_at, word_before};
use super::lists::{is_in, lists};
use super::scan::{partner_end, percent_after, points_after, range_partner};
use crate::analyse::numbers::{Number, char_at, char_before};

/// Years, ages, labels, money, links, times, citation markers, phone numbers: the end of the
/// text to skip.
pub(super) fn excluded_left(cx: &Cx, n: &Number) -> Option<usize> {
    let t = cx.text;
    let s = n.range.start;
    let skip = || Some(partner_end(cx, n));
    let before = char_before(t, s);
    if let Some('$' | '£' | '€' | '¥' | '₹' | '#' | '^' | '@' | '/' | '\\') = before {
        return skip();
    }
    if link_like(t, n.range.clone()) {
        return Some(token_end(t, n.range.end));
    }
    // Clock times and ratios: "9:30", "1:2".
    let after = char_at(t, n.range.end);
    if after == Some(':') && t[n.range.end + 1..].starts_with(|c: char| c.is_ascii_digit())
        || before == Some(':') && char_before(t, s - 1).is_some_and(|c| c.is_ascii_digit())
    {
        return skip();
    }
    // Citation markers: "[12]", "[1, 2]", "(3)", "(2016)".
    if !n.spelled && percent_after(t, n.range.end).is_none() {
        if before == Some('[') || after == Some(']') {
            return skip();
        }
        if before == Some('(') && after == Some(')') {
            return Some(n.range.end + 1);
        }
    }
    // "top 10%", "week 4: 5%": a percent after the number outweighs a label before it.
    let statistic = percent_after(t, n.range.end).is_some()
        || points_after(t, n.range.end).is_some()
        || range_partner(cx, n.range.end, true)
            .is_some_and(|m| percent_after(t, m.range.end).is_some());
    if statistic {
        return None;
    }
    if labelled(t, s) {
        return skip();
    }
    phone_like(cx, n)
}

/// A word before the number that makes it a label, an age or a date.
fn labelled(t: &str, s: usize) -> bool {
    if char_before(t, s) != Some(' ') {
        return false;
    }
    let j = s - 1;
    if char_before(t, j) == Some('.') {
        return word_before(t, j - 1).is_some_and(|w| is_in(&lists().dot_labels, &t[w]));
    }
    let Some(w) = word_before(t, j) else {
        return false;
    };
    let word = &t[w.clone()];
    // "May 10", "March 3": months that are also words only when capitalised.
    if word == "May" || word == "March" || word == "Mar" {
        return true;
    }
    if is_in(&lists().labels, word) {
        // "at 9", "at age 9"; but "at least" and "at most" never reach here.
        return true;
    }
    // "aged between 18 and 25", "ages of 18", "over the age of 65" (prepositions: grammar).
    if is_in(&["between", "from", "over", "under", "of"], word) {
        return prev_word_in(t, w.start, &["aged", "age", "ages"]);
    }
    false
}

fn token_bounds(t: &str, r: Range<usize>) -> (usize, usize) {
    const CAP: usize = 64;
    let mut start = r.start;
    for (k, c) in t[..r.start].char_indices().rev() {
        if c == ' ' || r.start - k > CAP {
            break;
        }
        start = k;
    }
    (start, token_end(t, r.end))
}

fn token_end(t: &str, from: usize) -> usize {
    const CAP: usize = 64;
    let mut end = from;
    for (k, c) in t[from..].char_indices() {
        if c == ' ' || k > CAP {
            break;
        }
        end = from + k + c.len_utf8();
    }
    end
}

/// Part of a URL, DOI, e-mail address, date or "24/7".
fn link_like(t: &str, r: Range<usize>) -> bool {
    let (a, b) = token_bounds(t, r);
    let token = &t[a..b];
    token.contains(['/', '@', '\\', '_'])
        || token.contains("www.")
        || starts_ci(token, "doi")
        || token.contains("://")
}

/// "116 123", "13 11 14", "1-800-273-8255", "+44 20 7946 0958": groups of bare digits.
fn phone_like(cx: &Cx, n: &Number) -> Option<usize> {
    let t = cx.text;
    let bare = |m: &Number| !m.spelled && !m.grouped && m.decimals == 0;
    if !bare(n) {
        return None;
    }
    let i = cx.index_of(n);
    let mut first = i;
    let mut seps = Vec::new();
    // Phone numbers have few groups; the caps keep a long run of numbers linear.
    while first > 0 && i - first < 6 {
        let (Some(prev), Some(cur)) = (cx.nums.get(first - 1), cx.nums.get(first)) else {
            break;
        };
        match t.get(prev.range.end..cur.range.start) {
            Some(sep @ (" " | "-")) if bare(prev) => {
                seps.push(sep);
                first -= 1;
            }
            _ => break,
        }
    }
    let mut last = i;
    while last - i < 6
        && let (Some(cur), Some(next)) = (cx.nums.get(last), cx.nums.get(last + 1))
    {
        match t.get(cur.range.end..next.range.start) {
            Some(sep @ (" " | "-")) if bare(next) => {
                seps.push(sep);
                last += 1;
            }
            _ => break,
        }
    }
    let groups = last - first + 1;
    let end = cx.nums.get(last).map_or(n.range.end, |m| m.range.end);
    if percent_after(t, end).is_some() {
        return None;
    }
    let spaced = seps.iter().all(|s| *s == " ");
    (groups >= 3 || groups == 2 && spaced).then_some(end)
}

/// Durations, times, dates, ages, doses, money and other units after the number (or after its
/// range partner): the end of the text to skip.
pub(super) fn excluded_right(cx: &Cx, n: &Number) -> Option<usize> {
    let t = cx.text;
    let end = partner_end(cx, n);
    let p = match char_at(t, end) {
        Some(' ' | '-') => end + 1,
        _ => end,
    };
    if let Some(c @ ('°' | '℃' | '℉' | '′' | '″')) = char_at(t, p) {
        return Some(p + c.len_utf8());
    }
    if let Some(e) = first_phrase(t, p, &["a.m.", "p.m.", "a.m", "p.m"]) {
        return Some(e);
    }
    let w = word_at(t, p)?;
    let word = &t[w.clone()];
    // "18-year-old", "week-long", "o'clock"
    let head = word.split(['-', '\'', '’']).next().unwrap_or(word);
    (is_in(&lists().units, word) || is_in(&lists().units, head)).then_some(w.end)
}
