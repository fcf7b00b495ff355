//! Byte offsets ↔ LSP positions in the negotiated encoding (`general.positionEncodings`).
//!
//! carelint's spans are byte offsets; an LSP position is a line and a count of code units in
//! that line: bytes in UTF-8, 16-bit units in UTF-16 (an emoji is two, a CJK character one, a
//! combining mark one). Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.

use std::collections::HashMap;

use lsp_types::{Position, PositionEncodingKind};

/// The code unit positions count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no counting at all), else UTF-16, which every client
    /// must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one ending: the line starts after the `\n`.
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(at + 1);
        }
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `line`'s content (without its ending); `None` past the last line.
    fn line(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line)?;
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some((start, end))
    }

    /// The byte offset of a position. Positions past the end of a line mean its end, lines past
    /// the last mean the end of the text, and a position inside a character (half a surrogate
    /// pair) means its start: the protocol asks servers to clamp, not to fail.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some((start, end)) = self.line(text, position.line as usize) else {
            return text.len();
        };
        let wanted = position.character as usize;
        if encoding == Encoding::Utf8 {
            return text.floor_char_boundary((start + wanted).min(end));
        }
        let mut units = 0;
        for (i, c) in text.get(start..end).unwrap_or_default().char_indices() {
            let next = units + encoding.units(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// An offset clamped to the text and to a character boundary, with its line and the line's
    /// start and end (before its line break).
    fn locate(&self, text: &str, offset: usize) -> (usize, usize, usize, usize) {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let (_, end) = self.line(text, line).unwrap_or((start, start));
        (offset, line, start, end)
    }

    /// The position of one byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let (offset, line, start, end) = self.locate(text, offset);
        // An offset between `\r` and `\n` (never a carelint span) counts as the line's end.
        let before = text
            .get(start..offset.min(end).max(start))
            .unwrap_or_default();
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(clamp_u32(line), clamp_u32(character))
    }

    /// The positions of many offsets in one pass over their lines, so a thousand findings on
    /// one 10-million-character line cost one walk of it, not a thousand.
    pub fn positions(
        &self,
        text: &str,
        offsets: impl IntoIterator<Item = usize>,
        encoding: Encoding,
    ) -> HashMap<usize, Position> {
        let mut sorted: Vec<usize> = offsets.into_iter().collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut out = HashMap::with_capacity(sorted.len());
        // The last offset converted and its position: the walk goes on from there on one line.
        let mut cursor: Option<(usize, usize, usize)> = None; // (line, byte, units)
        for &wanted in &sorted {
            let (offset, line, start, end) = self.locate(text, wanted);
            let target = offset.clamp(start, end);
            let (from, mut units) = match cursor {
                Some((l, byte, units)) if l == line && byte <= target => (byte, units),
                _ => (start, 0),
            };
            let between = text.get(from..target).unwrap_or_default();
            units += match encoding {
                Encoding::Utf8 => between.len(),
                Encoding::Utf16 => between.encode_utf16().count(),
            };
            cursor = Some((line, target, units));
            out.insert(wanted, Position::new(clamp_u32(line), clamp_u32(units)));
        }
        out
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str, offset: usize, encoding: Encoding) -> Position {
        let index = LineIndex::new(text);
        let one = index.position(text, offset, encoding);
        let many = index.positions(text, [offset], encoding)[&offset];
        assert_eq!(one, many, "single and batched conversions agree");
        assert_eq!(index.offset(text, one, encoding), offset, "round trip");
        one
    }

    #[test]
    fn emoji_count_two_utf16_units_and_four_bytes() {
        let text = "a😀b";
        assert_eq!(both(text, 5, Encoding::Utf16), Position::new(0, 3));
        assert_eq!(both(text, 5, Encoding::Utf8), Position::new(0, 5));
    }

    #[test]
    fn cjk_and_combining_marks_count_one_utf16_unit_each() {
        // 漢 is 3 bytes, 1 unit; e + U+0301 is 1 + 2 bytes, 2 units.
        let text = "漢e\u{301}x";
        assert_eq!(both(text, 6, Encoding::Utf16), Position::new(0, 3));
        assert_eq!(both(text, 6, Encoding::Utf8), Position::new(0, 6));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "ab\r\ncd\ref\ng";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(both(text, 4, Encoding::Utf16), Position::new(1, 0));
        assert_eq!(both(text, 7, Encoding::Utf16), Position::new(2, 0));
        assert_eq!(both(text, 10, Encoding::Utf16), Position::new(3, 0));
        // Past a line's end means its end, not the next line.
        assert_eq!(index.offset(text, Position::new(0, 40), Encoding::Utf16), 2);
        assert_eq!(
            index.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
    }

    #[test]
    fn half_a_surrogate_pair_is_the_start_of_its_character() {
        let text = "😀z";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 1), Encoding::Utf16), 0);
        assert_eq!(index.offset(text, Position::new(0, 2), Encoding::Utf16), 4);
        assert_eq!(index.offset(text, Position::new(0, 2), Encoding::Utf8), 0);
    }

    #[test]
    fn batched_positions_on_one_long_line_match_single_ones() {
        let text = "é😀漢 ".repeat(2000);
        let index = LineIndex::new(&text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(7).collect();
        let many = index.positions(&text, offsets.iter().copied(), Encoding::Utf16);
        for at in offsets {
            assert_eq!(many[&at], index.position(&text, at, Encoding::Utf16));
        }
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
