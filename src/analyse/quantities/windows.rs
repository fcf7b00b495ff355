//! Time windows: "at least once in their lives", "in the past four weeks", "ever".
//!
//! The phrases are data (`windows:` in `rules/quantities.yml`): each a sequence of slots, a slot
//! one of a few words or a number, some optional, with optional continuations.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::cursor::{Cx, next_word_in, prev_word_in, space};
use super::lists::lists;
use crate::analyse::numbers::{char_at, char_before, is_word_char, phrase_at};

/// `windows:` in the data.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Data {
    pub(super) why: String,
    pub(super) sources: Vec<String>,
    /// Named slots and slot sequences, written `$name` in a phrase.
    #[serde(default)]
    define: BTreeMap<String, String>,
    phrases: Vec<PhraseData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseData {
    #[serde(rename = "match")]
    base: String,
    /// Continuations: the first that follows the phrase is part of it.
    #[serde(default)]
    then: Vec<String>,
}

/// One slot of a window phrase: one of `words` or, with `num`, a number (digits or words); an
/// `optional` slot may be left out.
pub(super) struct Slot {
    words: Vec<String>,
    num: bool,
    optional: bool,
}

/// A window phrase, compiled.
pub(super) struct WindowPhrase {
    base: Vec<Slot>,
    tails: Vec<Vec<Slot>>,
    /// The bytes the phrase can start with, one bit each ([`starts_of`]).
    starts: [u64; 4],
}

/// Compiles the phrases of the data, in order: the first that matches at a word is taken.
pub(super) fn compile(data: &Data) -> Result<Vec<WindowPhrase>, String> {
    data.phrases
        .iter()
        .map(|p| {
            let base = slots(&p.base, &data.define)?;
            let tails = p
                .then
                .iter()
                .map(|t| slots(t, &data.define))
                .collect::<Result<_, _>>()?;
            let starts = starts_of(&base);
            Ok(WindowPhrase {
                base,
                tails,
                starts,
            })
        })
        .collect()
}

/// The slots of `pattern`: space-separated words, `{a,b}` for one of several words (`#` among
/// them for a number), a trailing `?` for an optional slot, `$name` for a definition.
fn slots(pattern: &str, define: &BTreeMap<String, String>) -> Result<Vec<Slot>, String> {
    let mut out = Vec::new();
    for token in pattern.split_whitespace() {
        if let Some(name) = token.strip_prefix('$') {
            let def = define
                .get(name)
                .filter(|d| !d.contains('$'))
                .ok_or_else(|| {
                    format!("`{pattern}`: `${name}` is not defined (or names another)")
                })?;
            out.extend(slots(def, define)?);
            continue;
        }
        let (token, optional) = match token.strip_suffix('?') {
            Some(t) => (t, true),
            None => (token, false),
        };
        let alternatives: Vec<&str> =
            match token.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(inner) => inner.split(',').collect(),
                None => vec![token],
            };
        let num = alternatives.contains(&"#");
        let words: Vec<String> = alternatives
            .iter()
            .filter(|w| **w != "#")
            .map(|w| (*w).to_string())
            .collect();
        if words
            .iter()
            .any(|w| w.is_empty() || w.contains(['{', '}', '$', '?', '#']))
            || words.is_empty() && !num
        {
            return Err(format!("`{pattern}`: bad slot `{token}`"));
        }
        out.push(Slot {
            words,
            num,
            optional,
        });
    }
    if out.is_empty() {
        return Err(format!("`{pattern}`: no slots"));
    }
    Ok(out)
}

/// The bytes a phrase can start with, one bit each. Every phrase that begins with words begins
/// with a word of its first slot (compared ASCII-case-insensitively), so most words of a
/// sentence rule out most windows by their first byte before the slots are tried.
fn starts_of(base: &[Slot]) -> [u64; 4] {
    let mut bits = [0u64; 4];
    match base.first() {
        Some(slot) if !slot.num && !slot.optional => {
            for word in &slot.words {
                let Some(&b) = word.as_bytes().first() else {
                    return [u64::MAX; 4];
                };
                let b = b.to_ascii_lowercase();
                bits[usize::from(b / 64)] |= 1 << (b % 64);
            }
            bits
        }
        // A number or an optional first slot could start anywhere.
        _ => [u64::MAX; 4],
    }
}

fn match_slots(cx: &Cx, p: usize, slots: &[Slot]) -> Option<usize> {
    let t = cx.text;
    let mut end = p;
    for (k, slot) in slots.iter().enumerate() {
        let (words, optional, num) = (&slot.words, slot.optional, slot.num);
        let at = if k == 0 {
            p
        } else {
            match space(t, end) {
                Some(a) => a,
                None if optional => continue,
                None => return None,
            }
        };
        let hit = words.iter().find_map(|w| phrase_at(t, at, w)).or_else(|| {
            if num {
                cx.num_at(at).map(|n| n.range.end)
            } else {
                None
            }
        });
        match hit {
            Some(e) => end = e,
            None if optional => {}
            None => return None,
        }
    }
    Some(end)
}

fn window_at(cx: &Cx, p: usize) -> Option<usize> {
    let t = cx.text;
    let first = *t.as_bytes().get(p)?;
    for phrase in &lists().windows {
        if !starts_with_byte(&phrase.starts, first) {
            continue;
        }
        let Some(mut end) = match_slots(cx, p, &phrase.base) else {
            continue;
        };
        for tail in &phrase.tails {
            if let Some(e) = space(t, end).and_then(|a| match_slots(cx, a, tail)) {
                end = e;
                break;
            }
        }
        // "than ever", "ever since", "if ever" are not windows.
        if t[p..end].eq_ignore_ascii_case("ever")
            && (prev_word_in(t, p, &["than", "if", "for", "hardly"])
                || next_word_in(t, end, &["since", "so", "before"]).is_some())
        {
            return None;
        }
        return Some(end);
    }
    None
}

/// Whether `bits` (from [`starts_of`]) hold byte `b`, ASCII-lower-cased.
fn starts_with_byte(bits: &[u64; 4], b: u8) -> bool {
    let b = b.to_ascii_lowercase();
    bits[usize::from(b / 64)] & (1 << (b % 64)) != 0
}

/// Window phrases starting in `[from, to)` and ending by `to`.
pub(super) fn windows_in<'a>(
    cx: &'a Cx<'a>,
    from: usize,
    to: usize,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let t = cx.text;
    let to = to.min(t.len());
    let from = from.min(to);
    let mut p = from;
    std::iter::from_fn(move || {
        while p < to {
            let c = char_at(t, p)?;
            let at = p;
            p += c.len_utf8();
            if c.is_alphabetic()
                && !char_before(t, at).is_some_and(is_word_char)
                && let Some(e) = window_at(cx, at)
                && e <= to
            {
                p = e;
                return Some(at..e);
            }
        }
        None
    })
}
