//! Cutting text by byte counts without cutting a character: every function here takes byte
//! offsets that may fall anywhere (inside a multi-byte dash, past the end, reversed) and moves
//! them to character boundaries, so a slice of article text made with them cannot panic.
//!
//! Offsets that come from `find`, `match_indices` or `char_indices` are boundaries already;
//! offsets made by arithmetic ("the 12 bytes before", "4 bytes after the bracket") are not,
//! and real text ("(19–28 years)") put an en dash where a rule expected a digit.

use std::ops::Range;

/// `at` moved down to the nearest character boundary of `text`, and to its length at most.
pub fn floor(text: &str, at: usize) -> usize {
    text.floor_char_boundary(at)
}

/// `at` moved up to the nearest character boundary of `text`, and to its length at most.
pub fn ceil(text: &str, at: usize) -> usize {
    text.ceil_char_boundary(at.min(text.len()))
}

/// The text between two byte offsets, each moved down to a character boundary; empty when
/// the range is reversed.
pub fn slice(text: &str, range: Range<usize>) -> &str {
    let start = floor(text, range.start);
    let end = floor(text, range.end);
    text.get(start..end.max(start)).unwrap_or_default()
}

/// At most the first `max` bytes of `text`, ending on a character boundary.
pub fn head(text: &str, max: usize) -> &str {
    slice(text, 0..max)
}

/// At most the last `max` bytes of `text`, starting on a character boundary.
pub fn tail(text: &str, max: usize) -> &str {
    let start = ceil(text, text.len().saturating_sub(max));
    text.get(start..).unwrap_or_default()
}

/// The text from byte `at` (moved up to a character boundary) to the end.
pub fn from(text: &str, at: usize) -> &str {
    text.get(ceil(text, at)..).unwrap_or_default()
}

/// The text up to byte `at` (moved down to a character boundary).
pub fn until(text: &str, at: usize) -> &str {
    slice(text, 0..at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "(19–28 years)": the en dash is bytes 3..6.
    const DASHED: &str = "(19–28 years)";

    #[test]
    fn cutting_inside_a_dash_keeps_the_dash_whole_or_leaves_it_out() {
        assert_eq!(head(DASHED, 4), "(19");
        assert_eq!(head(DASHED, 5), "(19");
        assert_eq!(head(DASHED, 6), "(19–");
        assert_eq!(tail("a–", 2), "");
        assert_eq!(tail("a–", 3), "–");
        assert_eq!(from(DASHED, 4), "28 years)");
        assert_eq!(until(DASHED, 5), "(19");
        assert_eq!(slice(DASHED, 4..8), "–28");
    }

    #[test]
    fn offsets_past_the_end_or_reversed_give_what_there_is() {
        assert_eq!(head(DASHED, 1000), DASHED);
        assert_eq!(from(DASHED, 1000), "");
        let (late, early) = (8, 2);
        assert_eq!(slice(DASHED, late..early), "");
        assert_eq!(tail(DASHED, 1000), DASHED);
        assert_eq!(ceil(DASHED, 1000), DASHED.len());
    }

    #[test]
    fn every_cut_of_multi_byte_text_is_a_boundary() {
        let text = "£5 — “41%” of 1 in 5 adults 😀 ü";
        for a in 0..=text.len() + 2 {
            for b in 0..=text.len() + 2 {
                let cut = slice(text, a..b);
                assert!(text.contains(cut), "{a}..{b}");
            }
            assert!(text.ends_with(tail(text, a)));
            assert!(text.starts_with(head(text, a)));
            assert!(text.ends_with(from(text, a)));
        }
    }
}
