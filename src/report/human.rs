//! `--format human`: miette's graphical reports, one per finding, in path order.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use std::io::{self, Write};

use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::outcome::FileReport;
use crate::model::source::{Excerpt, SourceFile};

use super::{RenderOptions, Renderer, Totals, summary_line};

/// A miette source that finds lines through the file's line table instead of rescanning the
/// text from the start for every finding (milliseconds per finding on large files). It shows
/// either a whole file or an excerpt of another file (a related location), whose offsets,
/// lines and first-line columns are shifted back to the original file's.
struct IndexedSource {
    text: Text,
    /// Characters a snippet line may take (the terminal's width less the gutter): longer lines
    /// are shown as a window around the span.
    room: usize,
    /// Windows of wide lines with `…` where text was cut, keyed by the span miette will ask
    /// for: miette borrows a snippet's bytes from the source, so they are made beforehand.
    marked: Vec<Marked>,
}

/// A window with its marks: `bytes` stand for the source from `at` on (the leading mark takes
/// the place of the three bytes before the window), so every label keeps its offset.
struct Marked {
    key: (usize, usize),
    at: usize,
    bytes: Vec<u8>,
    line: usize,
    column: usize,
}

/// The part of a wide line shown for a span (byte offsets into the source's text).
struct Window {
    from: usize,
    to: usize,
    cut_start: bool,
    cut_end: bool,
    line: usize,
    column: usize,
}

/// Marks a cut end of a window.
const MARK: &str = "…";

enum Text {
    File(Arc<SourceFile>),
    Excerpt(Arc<Excerpt>),
}

impl SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (src, offset, lines, columns) = self.frame();
        let text = &src.text;
        let start = span
            .offset()
            .checked_sub(offset)
            .ok_or(MietteError::OutOfBounds)?;
        let end = start + span.len();
        // Columns of the excerpt's first line start where the excerpt does.
        let shift = |line: usize, column: usize| {
            (
                line + lines,
                if line == 0 { column + columns } else { column },
            )
        };
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_pos = src.position(start);
        if before > 0
            && let Some(w) = self.window(start, end)
        {
            // A line wider than the terminal (a paragraph is one line; one-line articles run to
            // thousands of characters): show a window around the span that fits, instead of
            // the whole line and its neighbours, with `…` where it was cut.
            let key = (span.offset(), span.len());
            if let Some(m) = self.marked.iter().find(|m| m.key == key) {
                return Ok(Box::new(MietteSpanContents::new_named(
                    src.path.clone(),
                    &m.bytes,
                    SourceSpan::new(m.at.into(), m.bytes.len()),
                    m.line,
                    m.column,
                    1,
                )));
            }
            return Ok(Box::new(MietteSpanContents::new_named(
                src.path.clone(),
                &text.as_bytes()[w.from..w.to],
                SourceSpan::new((w.from + offset).into(), w.to - w.from),
                w.line,
                w.column,
                1,
            )));
        }
        // `before == 0` asks for the header (where the span starts), `after == 0` for the span
        // alone; otherwise the span's lines with neighbours, unless a neighbouring line is
        // wider than the room: then it is left out rather than overflowing the terminal.
        let last_line = src.position(end.saturating_sub(1).max(start)).line;
        let wide_neighbour = before > 0
            && (first_pos.line.saturating_sub(before).max(1)..=last_line + after)
                .filter(|&l| (l < first_pos.line || l > last_line) && l <= src.line_count())
                .any(|l| {
                    let (from, to) = (src.line_start(l), src.line_end(l));
                    text.get(from..to.max(from))
                        .is_some_and(|line| too_wide(line, self.room))
                });
        let (context_before, context_after) = if wide_neighbour {
            (0, 0)
        } else {
            (before, after)
        };
        let first_line = first_pos.line.saturating_sub(context_before).max(1);
        let (data_start, column) = if before == 0 {
            // The header: show where the span starts, in characters.
            (start, first_pos.column - 1)
        } else {
            (src.line_start(first_line), 0)
        };
        let data_end = if after == 0 {
            end.max(start + text[start..].chars().next().map_or(0, char::len_utf8))
        } else {
            src.line_start(last_line + context_after + 1)
        };
        let data_end = data_end.min(text.len()).max(data_start);
        let (line, column) = shift(first_line - 1, column);
        Ok(Box::new(MietteSpanContents::new_named(
            src.path.clone(),
            &text.as_bytes()[data_start..data_end],
            SourceSpan::new((data_start + offset).into(), data_end - data_start),
            line,
            column,
            (last_line + context_after).min(src.line_count()) - first_line + 1,
        )))
    }
}

impl IndexedSource {
    /// A source whose wide-line windows for `spans` (and the spans miette merges them into)
    /// carry `…` marks.
    fn new(text: Text, room: usize, spans: &[crate::model::source::Span]) -> Self {
        let mut source = IndexedSource {
            text,
            room,
            marked: Vec::new(),
        };
        let mut sorted: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        sorted.sort_unstable();
        // miette merges the spans of neighbouring labels into one, from the leftmost.
        let mut asked: Vec<(usize, usize)> = Vec::new();
        for (k, &(start, _)) in sorted.iter().enumerate() {
            let mut end = 0;
            for &(_, e) in &sorted[k..] {
                end = end.max(e);
                asked.push((start, end.max(start)));
            }
        }
        asked.sort_unstable();
        asked.dedup();
        let marked: Vec<Marked> = asked
            .into_iter()
            .filter_map(|(start, end)| source.marked_window(start, end))
            .collect();
        source.marked = marked;
        source
    }

    /// The window for the span `start..end` (offsets in the original file) with its marks, when
    /// its line is wide and the window cuts it.
    fn marked_window(&self, start: usize, end: usize) -> Option<Marked> {
        let (src, offset, ..) = self.frame();
        let w = self.window(start.checked_sub(offset)?, end.checked_sub(offset)?)?;
        if !w.cut_start && !w.cut_end {
            return None;
        }
        let mut bytes = Vec::with_capacity(w.to - w.from + 2 * MARK.len());
        if w.cut_start {
            bytes.extend_from_slice(MARK.as_bytes());
        }
        bytes.extend_from_slice(src.text.as_bytes().get(w.from..w.to)?);
        if w.cut_end {
            bytes.extend_from_slice(MARK.as_bytes());
        }
        Some(Marked {
            key: (start, end - start),
            at: (w.from + offset).checked_sub(if w.cut_start { MARK.len() } else { 0 })?,
            bytes,
            line: w.line,
            column: w.column.saturating_sub(usize::from(w.cut_start)),
        })
    }

    /// The file (or the excerpt's frame), its offset, and the line and column shifts of an
    /// excerpt.
    fn frame(&self) -> (&SourceFile, usize, usize, usize) {
        match &self.text {
            Text::Excerpt(e) => e.frame(),
            Text::File(file) => (&**file, 0, 0, 0),
        }
    }

    /// The part of the span's line shown when that line is wider than the room: the span with
    /// as much on either side as fits, a mark's width kept for each side that is cut. `None`
    /// when the line fits. Offsets are into the frame's text.
    fn window(&self, start: usize, end: usize) -> Option<Window> {
        let (src, offset, lines, columns) = self.frame();
        let text = &src.text;
        if end > text.len() || start > end {
            return None;
        }
        let first = src.position(start).line;
        let line_start = src.line_start(first);
        let line_end = src.line_end(first);
        if !too_wide(text.get(line_start..line_end)?, self.room) {
            return None;
        }
        let span_chars = text
            .get(start..end.min(line_end).max(start))
            .map_or(0, |s| s.chars().count());
        let side = (self.room.saturating_sub(span_chars + 2 * MARK_WIDTH) / 2).max(MIN_SIDE);
        // A cut start moves on to the next word; an uncut one stays at the line's start.
        let back = back_chars(text, start, side).max(line_start);
        let mut from = if back > line_start {
            word_start(text, back, start)
        } else {
            line_start
        };
        // The leading mark stands in for the three bytes before the window, so the window
        // cannot start within three bytes of the file's start (a span there is not cut at all).
        if from > line_start && from + offset < MARK.len() {
            let least = MARK.len() - offset;
            from = if start >= least {
                word_start(text, least, start)
            } else {
                line_start
            };
        }
        let to = word_end(
            text,
            forward_chars(text, end, side).min(line_end).max(end),
            line_end.max(end),
        );
        let line = first - 1 + lines;
        let column = text[line_start..from].chars().count() + if first == 1 { columns } else { 0 };
        Some(Window {
            from,
            to,
            cut_start: from > line_start,
            cut_end: to < line_end,
            line,
            column,
        })
    }
}

/// One finding as miette sees it.
struct Report<'a> {
    diagnostic: Cow<'a, Diagnostic>,
    source: Option<IndexedSource>,
    related: Vec<Report<'a>>,
    /// For related locations: the message replaces the finding's.
    message: Option<&'a str>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.unwrap_or(&self.diagnostic.message))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.message
            .is_none()
            .then(|| Box::new(&self.diagnostic.rule) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.message.is_some() {
            return None;
        }
        // The lexicon entry is named on its own line: suppressions and `allow:` take it.
        let d = &self.diagnostic;
        match (&d.help, &d.entry) {
            (Some(help), Some(entry)) => Some(Box::new(format!(
                "{help}\nEntry: {entry} (carelint explain {entry})"
            ))),
            (None, Some(entry)) => Some(Box::new(format!(
                "Entry: {entry} (carelint explain {entry})"
            ))),
            (Some(help), None) => Some(Box::new(help) as Box<dyn fmt::Display>),
            (None, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let d = &self.diagnostic;
        let primary = if self.message.is_some() {
            LabeledSpan::new_primary_with_span(None, d.span.start..d.span.end)
        } else {
            LabeledSpan::new_primary_with_span(
                Some(d.category.as_str().to_string()),
                d.span.start..d.span.end,
            )
        };
        // A label far from the finding would make miette show all the text between them (in a
        // one-line article, a figure contradicting the first one showed the whole line up to
        // it): the message names the other figure, so the snippet keeps to the finding's own.
        let near = |l: &&crate::model::diagnostic::Label| {
            l.span.end.max(d.span.end) - l.span.start.min(d.span.start) <= LABEL_REACH
        };
        let secondary = d
            .labels
            .iter()
            .filter(|_| self.message.is_none())
            .filter(near)
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span.start..l.span.end));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

/// `--format human`, written finding by finding.
pub struct Human {
    handler: GraphicalReportHandler,
    room: usize,
}

impl Human {
    pub fn new(options: &RenderOptions) -> Human {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else if options.ascii {
            GraphicalTheme::none()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Human {
            // Text wraps at spaces only: a rule id (`safety/suicide-language`) or a path must
            // never break at its hyphen or slash.
            handler: GraphicalReportHandler::new_themed(theme)
                .with_links(false)
                .with_width(options.width)
                .with_break_words(false)
                .with_word_separator(textwrap::WordSeparator::AsciiSpace)
                .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
                .with_context_lines(1),
            room: options.width.saturating_sub(GUTTER).max(MIN_ROOM),
        }
    }
}

impl Renderer for Human {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let mut text = String::new();
        for diagnostic in &report.diagnostics {
            let related: Vec<Report> = diagnostic
                .related
                .iter()
                .filter_map(|r| {
                    let excerpt = r.excerpt.as_ref()?;
                    Some(Report {
                        diagnostic: Cow::Owned(related_copy(diagnostic, r)),
                        source: Some(IndexedSource::new(
                            Text::Excerpt(Arc::clone(excerpt)),
                            self.room,
                            &[r.span],
                        )),
                        related: Vec::new(),
                        message: Some(&r.message),
                    })
                })
                .collect();
            let shown = Report {
                diagnostic: Cow::Borrowed(diagnostic),
                source: report.source.as_ref().map(|s| {
                    let spans: Vec<crate::model::source::Span> = std::iter::once(diagnostic.span)
                        .chain(diagnostic.labels.iter().map(|l| l.span))
                        .collect();
                    IndexedSource::new(Text::File(Arc::clone(s)), self.room, &spans)
                }),
                related: Vec::new(),
                message: None,
            };
            if shown.source.is_none() {
                text.push_str(&format!("{}: ", report.path));
            }
            if self.handler.render_report(&mut text, &shown).is_err() {
                text.push_str(&format!("{}: {}\n", report.path, diagnostic.message));
            }
            // Related places follow as snippets of their own: as miette's related reports
            // each would get an empty `Warning: ` header line.
            for place in &related {
                text.push('\n');
                if self.handler.render_report(&mut text, place).is_err() {
                    text.push_str(&format!("{place}\n"));
                }
            }
            text.push('\n');
        }
        out.write_all(text.as_bytes())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", summary_line(totals))
    }
}

/// A related location shown as its own snippet: the parent's rule and severity, its own span.
fn related_copy(parent: &Diagnostic, related: &crate::model::diagnostic::Related) -> Diagnostic {
    let mut d = Diagnostic::new(
        parent.rule.clone(),
        parent.category,
        parent.severity,
        related.span,
        related.message.clone(),
    );
    d.help = None;
    d
}

/// Columns the snippet's gutter (` 123 │ `) and margins take from the width.
const GUTTER: usize = 12;
/// The narrowest snippet line, whatever the terminal says.
const MIN_ROOM: usize = 30;
/// Characters of context kept on each side of a span, however long the span.
const MIN_SIDE: usize = 10;
/// Columns a `…` mark takes.
const MARK_WIDTH: usize = 1;
/// The most bytes a finding and its secondary labels may cover together to be shown in one
/// snippet: a few lines of prose.
const LABEL_REACH: usize = 1000;

/// Whether a line is wider than `room` characters (counted only when its bytes could be).
fn too_wide(line: &str, room: usize) -> bool {
    // Counting stops after `room` characters: a one-line article is megabytes long.
    line.len() > room && line.chars().nth(room).is_some()
}

/// The byte offset `n` characters before `at` (or the start of the text).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    let Some(before) = text.get(..at) else {
        return at;
    };
    before
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end of the text).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    let Some(after) = text.get(at..) else {
        return at;
    };
    after
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// A char boundary at or after `at` (and at most `limit`), moved forward to the start of a word.
fn word_start(text: &str, at: usize, limit: usize) -> usize {
    let mut at = at.min(limit);
    while at < limit && !text.is_char_boundary(at) {
        at += 1;
    }
    match text[at..limit].find(' ') {
        Some(space) if space < 20 && at + space < limit => at + space + 1,
        _ => at,
    }
}

/// A char boundary at or before `at`, clamped to `max`.
fn word_end(text: &str, at: usize, max: usize) -> usize {
    let mut at = at.min(max).min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
