//! Cursor helpers: the text and its numbers, and words and phrases at a position.

use std::ops::Range;

use super::lists::{Lookup, is_in};
use crate::analyse::numbers::{Number, char_at, char_before, is_word_char, phrase_at};

pub(super) struct Cx<'a> {
    pub(super) text: &'a str,
    pub(super) nums: &'a [Number],
}

impl<'a> Cx<'a> {
    pub(super) fn num_at(&self, pos: usize) -> Option<&'a Number> {
        let i = self.nums.partition_point(|n| n.range.start < pos);
        self.nums.get(i).filter(|n| n.range.start == pos)
    }

    pub(super) fn num_ending_at(&self, pos: usize) -> Option<&'a Number> {
        let i = self.nums.partition_point(|n| n.range.start < pos);
        i.checked_sub(1)
            .and_then(|i| self.nums.get(i))
            .filter(|n| n.range.end == pos)
    }

    pub(super) fn index_of(&self, n: &Number) -> usize {
        self.nums.partition_point(|m| m.range.start < n.range.start)
    }
}

/// One space at `i`: the position after it.
pub(super) fn space(t: &str, i: usize) -> Option<usize> {
    (char_at(t, i) == Some(' ')).then_some(i + 1)
}

/// Skips at most one space.
pub(super) fn opt_space(t: &str, i: usize) -> usize {
    space(t, i).unwrap_or(i)
}

/// Skips at most one space backwards.
pub(super) fn opt_space_back(t: &str, i: usize) -> usize {
    if char_before(t, i) == Some(' ') {
        i - 1
    } else {
        i
    }
}

/// A word starting at `i`: letters with inner hyphens or apostrophes ("middle-aged", "o'clock").
pub(super) fn word_at(t: &str, i: usize) -> Option<Range<usize>> {
    let rest = t.get(i..)?;
    let mut end = 0;
    let mut prev_letter = false;
    for (k, c) in rest.char_indices() {
        if c.is_alphabetic() {
            end = k + c.len_utf8();
            prev_letter = true;
        } else if prev_letter && matches!(c, '-' | '\'' | '’') {
            prev_letter = false;
        } else {
            break;
        }
    }
    (end > 0 && !char_before(t, i).is_some_and(is_word_char)).then_some(i..i + end)
}

/// A run of letters ending at `j`.
pub(super) fn word_before(t: &str, j: usize) -> Option<Range<usize>> {
    let head = t.get(..j)?;
    let mut start = j;
    for (k, c) in head.char_indices().rev() {
        if c.is_alphabetic() {
            start = k;
        } else {
            break;
        }
    }
    (start < j && !char_at(t, j).is_some_and(is_word_char)).then_some(start..j)
}

/// The word before position `i` (across one space).
pub(super) fn prev_word(t: &str, i: usize) -> Option<Range<usize>> {
    word_before(t, opt_space_back(t, i))
}

pub(super) fn prev_word_in<L: Lookup + ?Sized>(t: &str, i: usize, list: &L) -> bool {
    prev_word(t, i).is_some_and(|r| is_in(list, &t[r]))
}

/// The word after position `i` (across one space).
pub(super) fn next_word(t: &str, i: usize) -> Option<Range<usize>> {
    word_at(t, opt_space(t, i))
}

pub(super) fn next_word_in<L: Lookup + ?Sized>(t: &str, i: usize, list: &L) -> Option<usize> {
    next_word(t, i)
        .filter(|r| is_in(list, &t[r.clone()]))
        .map(|r| r.end)
}

pub(super) fn first_phrase(t: &str, i: usize, phrases: &[&str]) -> Option<usize> {
    phrases.iter().find_map(|p| phrase_at(t, i, p))
}

/// `s` starts with the ASCII `prefix`, ignoring ASCII case.
pub(super) fn starts_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

pub(super) fn is_yearlike(n: &Number) -> bool {
    !n.spelled
        && !n.grouped
        && n.decimals == 0
        && n.range.len() == 4
        && (1800.0..=2099.0).contains(&n.value)
}

pub(super) fn is_integer(n: &Number) -> bool {
    n.value.fract() == 0.0 && n.value < 1e15
}
