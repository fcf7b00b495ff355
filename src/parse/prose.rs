//! The prose buffer: one block's readable text plus a map back to source bytes.
//!
//! Matchers run over `Prose::text` (one contiguous string per block, whitespace runs folded to one
//! space) and map each hit back with [`Prose::source_span`]. Between checkpoints the map is either
//! *linear* (the text is a verbatim copy of the source) or *atomic* (an entity, an escape, a folded
//! whitespace run or a code placeholder: any hit touching it covers the whole source piece), so a
//! mapped span always lies on character boundaries of the original file.

use crate::model::source::Span;

/// Stands in for inline code and other non-prose inlines, so words never join across them.
pub const PLACEHOLDER: char = '\u{FFFC}';

#[derive(Debug, Clone, Copy)]
struct Segment {
    text_start: usize,
    text_len: usize,
    src_start: usize,
    src_len: usize,
    linear: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub text: String,
    segments: Vec<Segment>,
}

impl Prose {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Appends `text`, which is a verbatim copy of the source starting at `src_start`.
    /// Whitespace runs are folded to one space.
    pub fn push_verbatim(&mut self, text: &str, src_start: usize) {
        self.text.reserve(text.len());
        // Words and the lone spaces between them are a verbatim copy, pushed as one linear
        // stretch; only other whitespace (line ends, tabs, runs of blanks) breaks it.
        let mut run_start = 0;
        let mut at = 0;
        crate::work::tick(text.len());
        while at < text.len() {
            let (is_space, len) = whitespace_at(text, at);
            if !is_space {
                at += len;
                continue;
            }
            let mut end = at + len;
            while end < text.len() {
                let (is_space, len) = whitespace_at(text, end);
                if !is_space {
                    break;
                }
                end += len;
            }
            let lone = &text[at..end] == " ";
            if lone && run_start < at {
                at = end;
                continue;
            }
            if run_start < at {
                self.push_linear(&text[run_start..at], src_start + run_start);
            }
            if lone {
                // At the start of `text`: kept unless the buffer is empty or ends in a space,
                // as `push_space` would, but mapped linearly like the stretches around it.
                if !(self.text.is_empty() || self.text.ends_with(' ')) {
                    self.push_linear(" ", src_start + at);
                }
            } else {
                self.push_space(Span::new(src_start + at, src_start + end));
            }
            run_start = end;
            at = end;
        }
        if run_start < text.len() {
            self.push_linear(&text[run_start..], src_start + run_start);
        }
    }

    fn push_linear(&mut self, text: &str, src_start: usize) {
        if text.is_empty() {
            return;
        }
        let text_start = self.text.len();
        if let Some(last) = self.segments.last_mut()
            && last.linear
            && last.text_start + last.text_len == text_start
            && last.src_start + last.src_len == src_start
        {
            last.text_len += text.len();
            last.src_len += text.len();
        } else {
            self.segments.push(Segment {
                text_start,
                text_len: text.len(),
                src_start,
                src_len: text.len(),
                linear: true,
            });
        }
        self.text.push_str(text);
    }

    /// Appends `text` that stands for the whole of `src` (an entity, an escape, a placeholder).
    pub fn push_atomic(&mut self, text: &str, src: Span) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            text_start: self.text.len(),
            text_len: text.len(),
            src_start: src.start,
            src_len: src.len(),
            linear: false,
        });
        self.text.push_str(text);
    }

    /// Appends one space standing for `src` (a line ending, a tab, a run of blanks), unless the
    /// buffer is empty or already ends in a space.
    pub fn push_space(&mut self, src: Span) {
        if self.text.is_empty() || self.text.ends_with(' ') {
            return;
        }
        self.push_atomic(" ", src);
    }

    /// Appends a placeholder for non-prose inline content such as inline code.
    pub fn push_placeholder(&mut self, src: Span) {
        let mut buf = [0u8; 4];
        self.push_atomic(PLACEHOLDER.encode_utf8(&mut buf), src);
    }

    /// Drops trailing spaces so blocks do not end in whitespace.
    pub fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            let Some(last) = self.segments.last_mut() else {
                break;
            };
            if last.text_start + last.text_len != self.text.len() {
                break;
            }
            self.text.pop();
            if last.linear {
                last.text_len -= 1;
                last.src_len -= 1;
                if last.text_len == 0 {
                    self.segments.pop();
                }
            } else {
                self.segments.pop();
            }
        }
    }

    /// Splits the buffer at text offset `at` (a char boundary), keeping `[0, at)` and returning
    /// the rest with its own offsets.
    pub fn split_off(&mut self, at: usize) -> Prose {
        let idx = self.segments.partition_point(|seg| seg.text_start < at);
        let mut tail = self.segments.split_off(idx);
        if let Some(last) = self.segments.last_mut()
            && last.text_start + last.text_len > at
        {
            let cut = at - last.text_start;
            let (src_cut, src_rest) = if last.linear {
                (cut, last.src_len - cut)
            } else {
                (last.src_len, last.src_len)
            };
            tail.insert(
                0,
                Segment {
                    text_start: at,
                    text_len: last.text_len - cut,
                    src_start: if last.linear {
                        last.src_start + cut
                    } else {
                        last.src_start
                    },
                    src_len: src_rest,
                    linear: last.linear,
                },
            );
            last.text_len = cut;
            last.src_len = src_cut;
        }
        for seg in &mut tail {
            seg.text_start -= at;
        }
        let text = self.text.split_off(at);
        Prose {
            text,
            segments: tail,
        }
    }

    /// Removes the first `n` bytes of text (a char boundary) and any space after them.
    pub fn drop_front(&mut self, n: usize) {
        let mut rest = self.split_off(n);
        let spaces = rest.text.len() - rest.text.trim_start_matches(' ').len();
        if spaces > 0 {
            rest = rest.split_off(spaces);
        }
        *self = rest;
    }

    /// Maps a byte range of `text` (on char boundaries) to a span of the source file.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        crate::work::tick(1);
        let s = self.map_start(start);
        let e = if end > start { self.map_end(end) } else { s };
        Span::new(s, e.max(s))
    }

    fn map_start(&self, offset: usize) -> usize {
        let idx = self
            .segments
            .partition_point(|seg| seg.text_start <= offset)
            .saturating_sub(1);
        match self.segments.get(idx) {
            Some(seg) if seg.linear => seg.src_start + (offset - seg.text_start).min(seg.src_len),
            Some(seg) if offset >= seg.text_start + seg.text_len => seg.src_start + seg.src_len,
            Some(seg) => seg.src_start,
            None => 0,
        }
    }

    fn map_end(&self, offset: usize) -> usize {
        // The segment that contains the last byte before `offset`.
        let idx = self
            .segments
            .partition_point(|seg| seg.text_start < offset)
            .saturating_sub(1);
        match self.segments.get(idx) {
            Some(seg) if seg.linear => seg.src_start + (offset - seg.text_start).min(seg.src_len),
            Some(seg) => seg.src_start + seg.src_len,
            None => 0,
        }
    }

    /// The source span covered by the whole buffer.
    pub fn full_span(&self) -> Span {
        self.source_span(0, self.text.len())
    }
}

/// Whether the character at byte `at` (a char boundary) is whitespace, and its length: ASCII
/// without decoding, as nearly all text is.
fn whitespace_at(text: &str, at: usize) -> (bool, usize) {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => (matches!(b, b'\t'..=b'\r' | b' '), 1),
        _ => text[at..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_text_maps_linearly_and_folds_whitespace() {
        let src = "suffers  \t from it";
        let mut p = Prose::new();
        p.push_verbatim(src, 10);
        assert_eq!(p.text, "suffers from it");
        let from = p.text.find("from").unwrap();
        assert_eq!(p.source_span(from, from + 4), Span::new(10 + 11, 10 + 15));
        assert_eq!(
            p.source_span(0, p.text.len()),
            Span::new(10, 10 + src.len())
        );
    }

    #[test]
    fn atomic_pieces_map_whole() {
        let mut p = Prose::new();
        p.push_verbatim("Caf", 0);
        p.push_atomic("é", Span::new(3, 11)); // &eacute;
        p.push_verbatim(" au lait", 11);
        assert_eq!(p.text, "Café au lait");
        let e = p.text.find('é').unwrap();
        assert_eq!(p.source_span(e, e + 'é'.len_utf8()), Span::new(3, 11));
        assert_eq!(p.source_span(0, 5), Span::new(0, 11));
        assert_eq!(p.source_span(e + 2, e + 4), Span::new(11, 13));
    }

    #[test]
    fn split_and_drop_front_keep_the_map() {
        let src = "• one two\n• three";
        let mut p = Prose::new();
        p.push_verbatim(src, 100);
        let at = p.text.find("• three").unwrap();
        let mut right = p.split_off(at);
        p.trim_end();
        assert_eq!(p.text, "• one two");
        right.drop_front('•'.len_utf8());
        assert_eq!(right.text, "three");
        let three = src.find("three").unwrap();
        assert_eq!(
            right.source_span(0, 5),
            Span::new(100 + three, 100 + three + 5)
        );
        p.drop_front('•'.len_utf8());
        assert_eq!(p.source_span(0, 3), Span::new(104, 107));
    }

    #[test]
    fn whitespace_is_classified_as_char_is_whitespace_does() {
        for c in [
            '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{a0}', '\u{2003}', '\u{3000}',
        ] {
            assert_eq!(
                whitespace_at(&c.to_string(), 0),
                (true, c.len_utf8()),
                "{c:?}"
            );
        }
        for c in ['a', '\u{1c}', '\u{1f}', '_', 'é', '\u{200b}'] {
            assert_eq!(
                whitespace_at(&c.to_string(), 0),
                (false, c.len_utf8()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn lone_spaces_map_like_other_whitespace() {
        // A lone space inside a line, at the start of a piece, after a folded run.
        let src = "one two\n three  four";
        let mut p = Prose::new();
        p.push_verbatim(" ", 0);
        p.push_verbatim(src, 1);
        assert_eq!(p.text, "one two three four");
        for word in ["one", "two", "three", "four"] {
            let at = p.text.find(word).unwrap();
            let s = 1 + src.find(word).unwrap();
            assert_eq!(
                p.source_span(at, at + word.len()),
                Span::new(s, s + word.len())
            );
        }
        // A span over a lone space and over a folded run.
        let two = p.text.find("two").unwrap();
        assert_eq!(p.source_span(0, two + 3), Span::new(1, 1 + 7));
        let tail = p.split_off(p.text.find(" three").unwrap());
        assert_eq!(tail.source_span(1, 6), Span::new(1 + 9, 1 + 14));
    }

    #[test]
    fn trailing_space_is_trimmed() {
        let mut p = Prose::new();
        p.push_verbatim("word ", 0);
        p.push_space(Span::new(5, 6));
        p.trim_end();
        assert_eq!(p.text, "word");
        assert_eq!(p.full_span(), Span::new(0, 4));
    }
}
