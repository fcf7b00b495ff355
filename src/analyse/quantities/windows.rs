//! Time windows: "at least once in their lives", "in the past four weeks", "ever".

use std::ops::Range;
use std::sync::OnceLock;

use super::cursor::{Cx, next_word_in, prev_word_in, space};
use crate::analyse::numbers::{char_at, char_before, is_word_char, phrase_at};

#[derive(Clone, Copy)]
enum Slot {
    W(&'static [&'static str]),
    /// A number (digits or words) or one of the words.
    NumOr(&'static [&'static str]),
    OptNumOr(&'static [&'static str]),
}

#[rustfmt::skip]
const UNIT_WORDS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
    "fortnight",
];
const LIFE: &[Slot] = &[
    Slot::W(&["in", "during", "over", "throughout"]),
    Slot::W(&["their", "her", "his", "your", "our", "one's", "a"]),
    Slot::W(&["lives", "life", "lifetime", "lifetimes"]),
];

/// Window phrases, each a sequence of slots, with optional tails.
const WINDOWS: &[(&[Slot], &[&[Slot]])] = &[
    (
        &[
            Slot::W(&["at"]),
            Slot::W(&["least"]),
            Slot::W(&["once", "twice"]),
        ],
        &[
            LIFE,
            &[Slot::W(&["a", "per", "every", "each"]), Slot::W(UNIT_WORDS)],
        ],
    ),
    (
        &[
            Slot::W(&["at"]),
            Slot::W(&["some", "any"]),
            Slot::W(&["point", "stage", "time"]),
        ],
        &[LIFE],
    ),
    (LIFE, &[]),
    (
        &[
            Slot::W(&["in", "over", "during", "within", "for"]),
            Slot::W(&["the"]),
            Slot::W(&["past", "last", "previous", "preceding", "prior"]),
            Slot::OptNumOr(&["few", "several"]),
            Slot::W(UNIT_WORDS),
        ],
        &[],
    ),
    (
        &[
            Slot::W(&["as"]),
            Slot::W(&["recently"]),
            Slot::W(&["as"]),
            Slot::NumOr(&["a", "an"]),
            Slot::W(UNIT_WORDS),
        ],
        &[
            &[Slot::W(&["ago"])],
            &[
                Slot::W(&["before"]),
                Slot::W(&["the"]),
                Slot::W(&["survey", "study", "interview"]),
            ],
        ],
    ),
    (
        &[
            Slot::W(&["on"]),
            Slot::W(&["a"]),
            Slot::W(&["regular", "daily", "weekly", "monthly", "frequent"]),
            Slot::W(&["basis"]),
        ],
        &[],
    ),
    (
        &[
            Slot::W(&["most"]),
            Slot::W(&["of"]),
            Slot::W(&["the"]),
            Slot::W(&["time"]),
        ],
        &[],
    ),
    (&[Slot::W(&["every", "each"]), Slot::W(&["time"])], &[]),
    (
        &[
            Slot::W(&["every", "each", "per"]),
            Slot::W(&["day", "week", "month", "year"]),
        ],
        &[],
    ),
    (
        &[
            Slot::W(&["in", "over"]),
            Slot::W(&["the"]),
            Slot::W(&["past"]),
        ],
        &[],
    ),
    (
        &[
            Slot::W(&["past"]),
            Slot::OptNumOr(&["few", "several"]),
            Slot::W(UNIT_WORDS),
        ],
        &[],
    ),
    (
        &[Slot::W(&[
            "past-year",
            "past-month",
            "past-week",
            "12-month",
            "four-week",
            "4-week",
        ])],
        &[],
    ),
    (
        &[Slot::W(&[
            "regularly",
            "always",
            "sometimes",
            "occasionally",
            "frequently",
            "currently",
            "lifetime",
            "annually",
            "ever",
        ])],
        &[],
    ),
];

fn slot_words(slot: Slot) -> (&'static [&'static str], bool, bool) {
    match slot {
        Slot::W(w) => (w, false, false),
        Slot::NumOr(w) => (w, false, true),
        Slot::OptNumOr(w) => (w, true, true),
    }
}

fn match_slots(cx: &Cx, p: usize, slots: &[Slot]) -> Option<usize> {
    let t = cx.text;
    let mut end = p;
    for (k, &slot) in slots.iter().enumerate() {
        let (words, optional, num) = slot_words(slot);
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
    for ((base, tails), starts) in WINDOWS.iter().zip(window_starts()) {
        if !starts_with_byte(starts, first) {
            continue;
        }
        let Some(mut end) = match_slots(cx, p, base) else {
            continue;
        };
        for tail in *tails {
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

/// For each of [`WINDOWS`], the bytes its phrase can start with, one bit each. Every window
/// begins with a word of its first slot (compared ASCII-case-insensitively), so most words of a
/// sentence rule out most windows by their first byte before the slots are tried.
fn window_starts() -> &'static [[u64; 4]] {
    static STARTS: OnceLock<Vec<[u64; 4]>> = OnceLock::new();
    STARTS.get_or_init(|| {
        WINDOWS
            .iter()
            .map(|(base, _)| {
                let mut bits = [0u64; 4];
                let Some(Slot::W(words)) = base.first() else {
                    // A number or an optional first slot could start anywhere.
                    return [u64::MAX; 4];
                };
                for word in *words {
                    let Some(&b) = word.as_bytes().first() else {
                        return [u64::MAX; 4];
                    };
                    let b = b.to_ascii_lowercase();
                    bits[usize::from(b / 64)] |= 1 << (b % 64);
                }
                bits
            })
            .collect()
    })
}

/// Whether `bits` (from [`window_starts`]) hold byte `b`, ASCII-lower-cased.
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
