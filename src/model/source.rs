//! Source files and positions.
//!
//! Every span in carelint is a half-open byte range into the *original* bytes of a file
//! (BOM and CRLF included). Lines and columns are derived only when a report is written, from
//! one line-start table per file, so no stage ever has to agree with another on what a column is.

use std::ops::Range;
use std::sync::Arc;

/// A half-open byte range `[start, end)` into a source file.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} runs backwards");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A 1-based position: `column` counts Unicode scalar values, `utf16_column` UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub utf16_column: usize,
}

/// The text of one article plus the table that turns byte offsets into lines and columns.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (relative where the input was relative).
    pub path: String,
    pub text: Arc<str>,
    line_starts: Vec<usize>,
    /// Char and UTF-16 counts from the start of the file at every `CHECKPOINT` bytes, built on
    /// first use, so a column in a multi-megabyte one-line file costs a short count, not a walk
    /// from the start of the line.
    checkpoints: std::sync::OnceLock<Vec<(usize, usize, usize)>>,
}

/// Bytes between column checkpoints.
const CHECKPOINT: usize = 1024;

/// Characters of `text` outside the Basic Multilingual Plane: each is two UTF-16 units (one more
/// than its one character) and four UTF-8 bytes whose first is 0xF0 or above, so counting those
/// bytes is cheaper than encoding to UTF-16.
fn astral(text: &str) -> usize {
    text.bytes().filter(|b| *b >= 0xF0).count()
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = line_starts(&text);
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 1-based `line` starts (clamped to the end of the file).
    pub fn line_start(&self, line: usize) -> usize {
        match line.checked_sub(1).and_then(|i| self.line_starts.get(i)) {
            Some(&start) => start,
            None => self.text.len(),
        }
    }

    /// Byte offset where the content of 1-based `line` ends, before its line ending.
    pub fn line_end(&self, line: usize) -> usize {
        let next = self.line_start(line + 1);
        let bytes = self.text.as_bytes();
        let mut end = next;
        if end > self.line_start(line) && end <= bytes.len() && line < self.line_count() {
            if bytes.get(end - 1) == Some(&b'\n') {
                end -= 1;
            }
            if end > 0 && bytes.get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
        }
        end.max(self.line_start(line))
    }

    /// The 0-based index of the line containing `offset`.
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The 1-based line and columns of a byte offset. Offsets inside a multi-byte character
    /// are never produced by carelint; if one is given, the column counts up to it.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let idx = self.line_index(offset);
        let mut line_start = self.line_starts[idx];
        // Editors do not show a byte-order mark, so columns on line 1 start after it.
        if idx == 0 && self.text.starts_with('\u{FEFF}') && offset >= 3 {
            line_start = 3;
        }
        let (chars, utf16) = if offset - line_start <= CHECKPOINT {
            let before = self.text.get(line_start..offset).unwrap_or_default();
            let chars = before.chars().count();
            (chars, chars + astral(before))
        } else {
            let (c1, u1) = self.counts_to(offset);
            let (c0, u0) = self.counts_to(line_start);
            (c1 - c0, u1 - u0)
        };
        Position {
            line: idx + 1,
            column: chars + 1,
            utf16_column: utf16 + 1,
        }
    }

    /// Chars and UTF-16 units from the start of the file to `offset` (a char boundary).
    fn counts_to(&self, offset: usize) -> (usize, usize) {
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut out = vec![(0, 0, 0)];
            let (mut chars, mut utf16, mut last) = (0, 0, 0);
            for (i, c) in self.text.char_indices() {
                if i - last >= CHECKPOINT {
                    out.push((i, chars, utf16));
                    last = i;
                }
                chars += 1;
                utf16 += c.len_utf16();
            }
            out
        });
        let at = checkpoints
            .partition_point(|&(b, _, _)| b <= offset)
            .saturating_sub(1);
        let (base, chars, utf16) = checkpoints[at];
        let rest = self.text.get(base..offset).unwrap_or_default();
        let rest_chars = rest.chars().count();
        (chars + rest_chars, utf16 + rest_chars + astral(rest))
    }

    /// Text of the span, if it lies on character boundaries.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.text.get(span.range())
    }

    /// The byte range of the line(s) a span touches, without line endings.
    pub fn lines_of(&self, span: Span) -> Span {
        let first = self.line_index(span.start) + 1;
        let last = self.line_index(span.end.saturating_sub(1).max(span.start)) + 1;
        Span::new(self.line_start(first), self.line_end(last).max(span.end))
    }
}

/// A few lines of a file, kept so a report can place and show a location in it after the file's
/// text is gone: runs stream their reports and drop each article once it is reported, but a
/// cross-article finding points back at a figure in an earlier article.
#[derive(Debug)]
pub struct Excerpt {
    /// The lines (or, on a long line, a window of it) as a file of their own.
    lines: SourceFile,
    /// Byte offset of the excerpt in the original file.
    offset: usize,
    /// The original 1-based line the excerpt starts on.
    first_line: usize,
    /// Byte offset in the original file where that line starts.
    first_line_start: usize,
    /// Chars and UTF-16 units from the start of the first line to `offset` (a window into a
    /// long line starts mid-line).
    column: (usize, usize),
}

/// Lines longer than this many bytes are cut to a window around the span.
const EXCERPT_LONG_LINE: usize = 400;
/// Bytes of a long line kept on each side of the span: more than any report shows around a
/// span (SARIF's context region: 160), so a window cut from the excerpt is the one the whole
/// line would give.
const EXCERPT_WINDOW: usize = 200;

/// Two excerpts are the same when they hold the same text at the same place.
impl PartialEq for Excerpt {
    fn eq(&self, other: &Self) -> bool {
        self.offset == other.offset
            && self.first_line == other.first_line
            && self.lines.path == other.lines.path
            && self.lines.text == other.lines.text
    }
}

impl Eq for Excerpt {}

impl Excerpt {
    /// The lines `span` is on, with one line of context each side.
    pub fn of(source: &SourceFile, span: Span) -> Excerpt {
        let text = &source.text;
        let span = Span::new(span.start.min(text.len()), span.end.min(text.len()));
        let first = source.line_index(span.start) + 1;
        let last = source.line_index(span.end.saturating_sub(1).max(span.start)) + 1;
        let long = source.line_end(first) - source.line_start(first) > EXCERPT_LONG_LINE
            || source.line_end(last) - source.line_start(last) > EXCERPT_LONG_LINE;
        let (from_line, start, end) = if long {
            let start = text.floor_char_boundary(
                span.start
                    .saturating_sub(EXCERPT_WINDOW)
                    .max(source.line_start(first)),
            );
            let end = text.ceil_char_boundary(
                (span.end + EXCERPT_WINDOW)
                    .min(source.line_end(last))
                    .max(span.end),
            );
            (first, start, end)
        } else {
            let from = first.saturating_sub(1).max(1);
            let to = (last + 1).min(source.line_count());
            // Through the last line's ending, as a snippet of the whole file would show it.
            (
                from,
                source.line_start(from),
                source.line_start(to + 1).max(span.end),
            )
        };
        let line_start = source.line_start(from_line);
        let before = text.get(line_start..start).unwrap_or_default();
        let before = if line_start == 0 {
            before.trim_start_matches('\u{FEFF}')
        } else {
            before
        };
        Excerpt {
            lines: SourceFile::new(
                source.path.clone(),
                text.get(start..end).unwrap_or_default(),
            ),
            offset: start,
            first_line: from_line,
            first_line_start: line_start,
            column: (before.chars().count(), before.encode_utf16().count()),
        }
    }

    pub fn path(&self) -> &str {
        &self.lines.path
    }

    /// Whether the excerpt holds all of `span`.
    pub fn contains(&self, span: Span) -> bool {
        self.offset <= span.start && span.end <= self.offset + self.lines.text.len()
    }

    /// The position of an offset of the original file (clamped to the excerpt).
    pub fn position(&self, offset: usize) -> Position {
        let local = offset
            .saturating_sub(self.offset)
            .min(self.lines.text.len());
        let p = self.lines.position(local);
        let first = p.line == 1;
        Position {
            line: p.line + self.first_line - 1,
            column: p.column + if first { self.column.0 } else { 0 },
            utf16_column: p.utf16_column + if first { self.column.1 } else { 0 },
        }
    }

    /// 1-based column in UTF-8 bytes from the start of the line (reviewdog's columns).
    pub fn byte_column(&self, offset: usize) -> usize {
        let local = offset
            .saturating_sub(self.offset)
            .min(self.lines.text.len());
        let line = self.lines.line_index(local) + 1;
        if line == 1 {
            self.offset + local - self.first_line_start + 1
        } else {
            local - self.lines.line_start(line) + 1
        }
    }

    /// Text of a span of the original file, if the excerpt holds it.
    pub fn slice(&self, span: Span) -> Option<&str> {
        if !self.contains(span) {
            return None;
        }
        self.lines
            .slice(Span::new(span.start - self.offset, span.end - self.offset))
    }

    /// The excerpt as a file of its own, and what to add to its offsets, lines and first-line
    /// columns to get the original file's.
    pub fn frame(&self) -> (&SourceFile, usize, usize, usize) {
        (&self.lines, self.offset, self.first_line - 1, self.column.0)
    }
}

/// Starts of lines, treating `\n`, `\r\n` and a lone `\r` as line endings, as CommonMark does.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while let Some(pos) = memchr_line_end(&bytes[i..]) {
        let at = i + pos;
        let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        starts.push(next);
        i = next;
        if i >= bytes.len() {
            break;
        }
    }
    starts
}

fn memchr_line_end(bytes: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_utf16_units() {
        let src = SourceFile::new("a.md", "héllo 😀 world\nnext");
        let world = src.text.find("world").unwrap();
        let pos = src.position(world);
        assert_eq!((pos.line, pos.column, pos.utf16_column), (1, 9, 10));
        let next = src.text.find("next").unwrap();
        assert_eq!(src.position(next).line, 2);
        assert_eq!(src.position(next).column, 1);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let src = SourceFile::new("a.md", "one\r\ntwo\rthree\n");
        assert_eq!(src.line_count(), 4);
        assert_eq!(src.line_start(2), 5);
        assert_eq!(src.line_start(3), 9);
        assert_eq!(src.line_end(1), 3);
        assert_eq!(src.line_end(2), 8);
        assert_eq!(src.position(9).line, 3);
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let src = SourceFile::new("a.md", "\u{FEFF}ab");
        assert_eq!(src.position(3).column, 1);
        assert_eq!(src.position(4).column, 2);
    }

    #[test]
    fn columns_on_very_long_lines_agree_with_counting() {
        let line: String = "é😀ab ".repeat(5000);
        let src = SourceFile::new("a.md", format!("x\n{line}"));
        for offset in [2, 3, 9000, 9001, 20_000, 40_002, src.text.len()] {
            let offset = (offset..=src.text.len())
                .find(|&o| src.text.is_char_boundary(o))
                .unwrap();
            let before = &src.text[2..offset];
            let p = src.position(offset);
            assert_eq!(p.line, 2);
            assert_eq!(p.column, before.chars().count() + 1);
            assert_eq!(p.utf16_column, before.encode_utf16().count() + 1);
        }
    }

    #[test]
    fn excerpts_place_offsets_as_the_whole_file_does() {
        let text = "\u{FEFF}one é\r\ntwo 😀 three\nfour\nfive\n";
        let src = SourceFile::new("a.md", text);
        for needle in ["one", "three", "four", "five"] {
            let at = src.text.find(needle).unwrap();
            let span = Span::new(at, at + needle.len());
            let ex = Excerpt::of(&src, span);
            assert!(ex.contains(span));
            assert_eq!(ex.slice(span), Some(needle));
            for offset in [span.start, span.end] {
                assert_eq!(
                    ex.position(offset),
                    src.position(offset),
                    "{needle} at {offset}"
                );
                let line = src.position(offset).line;
                assert_eq!(ex.byte_column(offset), offset - src.line_start(line) + 1);
            }
        }
        let at = src.text.find("two").unwrap();
        let ex = Excerpt::of(&src, Span::new(at, at + 3));
        // One line of context each side, not the whole file.
        assert!(
            ex.slice(Span::new(src.line_start(1), src.line_start(1) + 3))
                .is_some()
        );
        assert!(
            ex.slice(Span::new(src.line_start(4), src.line_start(4) + 4))
                .is_none()
        );
    }

    #[test]
    fn excerpts_of_long_lines_keep_a_window_and_true_columns() {
        let line: String = "é😀ab ".repeat(400);
        let src = SourceFile::new("a.md", format!("x\n{line}target{line}\n"));
        let at = src.text.find("target").unwrap();
        let span = Span::new(at, at + 6);
        let ex = Excerpt::of(&src, span);
        assert!(ex.frame().0.text.len() < 1000);
        assert_eq!(ex.slice(span), Some("target"));
        assert_eq!(ex.position(at), src.position(at));
        assert_eq!(ex.position(at + 6), src.position(at + 6));
        assert_eq!(ex.byte_column(at), at - src.line_start(2) + 1);
    }

    #[test]
    fn end_of_file_position_is_after_last_char() {
        let src = SourceFile::new("a.md", "ab");
        assert_eq!(src.position(2).column, 3);
    }
}
