//! HTML articles (CMS exports, saved pages) and the HTML blocks inside Markdown.
//!
//! html5gum tokenizes as the WHATWG spec says and gives every token its byte span; the walk
//! below keeps a light stack of open elements (with the implied end tags real pages rely on,
//! such as `<p>` closing the paragraph before it) and turns the text of paragraphs, list items,
//! headings, quotes, table cells, captions and definition lists into prose blocks. Decoded text
//! is aligned back to the raw bytes, so an entity or a CRLF maps to its whole source and every
//! other character to itself.
//!
//! Why one file of ~800 lines: the walk over html5gum's tokens, the implied end tags and the
//! alignment of decoded text to raw bytes share the walk's open-element stack.

use std::sync::Arc;

use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};

use super::prose::Prose;
use super::{Block, BlockKind, Document, Format, Inline, InlineKind};
use crate::model::source::{SourceFile, Span};

// The element lists below are HTML's own grammar (what the standard says an element is), not
// house style, so they stay in code.

/// Elements whose text is never prose: scripts, styles, templates, embedded graphics, form
/// controls, and navigation menus (a page's menu is not its article).
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "svg", "math", "nav", "select", "textarea",
    "button", "iframe", "object", "canvas",
];

/// Elements that hold a block of prose.
const TEXT_BLOCKS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "td",
    "th",
    "figcaption",
    "dt",
    "dd",
    "caption",
    "summary",
];

/// Other block-level elements: text never runs across their start or end.
const BOUNDARIES: &[&str] = &[
    "html", "body", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol",
    "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "form", "fieldset", "details",
    "address", "hgroup", "menu", "center", "legend", "head",
];

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Start tags that close an open `<p>` (the spec's list, less the rarely written ones).
const CLOSES_P: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "figure",
    "form",
    "hr",
    "address",
    "details",
    "fieldset",
    "menu",
    "center",
    "hgroup",
    "figcaption",
];

fn is(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// An open element on the stack.
struct Open {
    name: String,
    /// Block group of a list or table opened here (shared by every block inside it).
    group: Option<usize>,
    footnotes: bool,
}

/// An inline element being read: its kind (if the rules care) and where it started in prose.
struct OpenInline {
    name: String,
    kind: Option<InlineKind>,
    start: usize,
}

/// Where raw content that is not prose started (`<pre>`, inline `<code>`, a skipped element).
struct Hidden {
    name: String,
    start: usize,
    depth: usize,
}

impl Hidden {
    /// The element `name` just opened at `start`: one level deep.
    fn opened(name: String, start: usize) -> Hidden {
        Hidden {
            name,
            start,
            depth: 1,
        }
    }
}

struct Walker<'s, 'g> {
    src: &'s SourceFile,
    /// Offset of the parsed text in `src` (an HTML block inside Markdown starts mid-file).
    base: usize,
    stack: Vec<Open>,
    inlines: Vec<OpenInline>,
    current: Option<Block>,
    blocks: Vec<Block>,
    code: Vec<Span>,
    next_group: &'g mut usize,
    /// Inside `<title>`: its text is the article's title.
    in_title: bool,
    /// Inside an element whose content is skipped (script, style, nav, ...).
    skipped: Option<Hidden>,
    /// Inside `<pre>` (a code block) or inline `<code>`/`<kbd>`/`<samp>`.
    code_open: Option<Hidden>,
    /// Context added by an enclosing Markdown block (an HTML block inside a list or a quote).
    outer: Outer,
}

/// Context of the Markdown around an HTML block.
#[derive(Debug, Clone, Copy, Default)]
pub struct Outer {
    pub list_depth: u8,
    pub quote_depth: u8,
    pub in_footnote: bool,
    pub group: Option<usize>,
}

/// Parses a whole HTML file.
pub fn parse(source: Arc<SourceFile>) -> Document {
    let mut next_group = 0;
    let (blocks, mut code) = read(
        &source,
        Span::new(0, source.text.len()),
        Outer::default(),
        &mut next_group,
    );
    code.sort();
    Document {
        source: Arc::clone(&source),
        format: Format::Html,
        front_matter: None,
        blocks,
        code,
        read_as_plain: None,
    }
}

/// Reads the HTML in `range` of `src` into prose blocks and the spans of code in it; group
/// numbers continue from `next_group`.
pub fn read(
    src: &SourceFile,
    range: Span,
    outer: Outer,
    next_group: &mut usize,
) -> (Vec<Block>, Vec<Span>) {
    let Some(text) = src.text.get(range.range()) else {
        return (Vec::new(), Vec::new());
    };
    let mut walker = Walker {
        src,
        base: range.start,
        stack: Vec::new(),
        inlines: Vec::new(),
        current: None,
        blocks: Vec::new(),
        code: Vec::new(),
        next_group,
        in_title: false,
        skipped: None,
        code_open: None,
        outer,
    };
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Without a tree builder, the start tag's name picks the state (script data, raw text),
    // so `<script>` and `<style>` bodies come out as one string instead of as tags.
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        walker.token(token);
    }
    walker.finish_hidden(text.len());
    walker.flush();
    (walker.blocks, walker.code)
}

impl Walker<'_, '_> {
    fn group(&mut self) -> usize {
        if let Some(g) = self.stack.iter().find_map(|o| o.group).or(self.outer.group) {
            return g;
        }
        self.new_group()
    }

    fn new_group(&mut self) -> usize {
        *self.next_group += 1;
        *self.next_group
    }

    fn token(&mut self, token: Token<usize>) {
        match token {
            Token::StartTag(tag) => self.start_tag(&tag),
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                self.end_tag(&name, tag.span.start, tag.span.end);
            }
            Token::String(s) => {
                if self.skipped.is_some() || self.code_open.is_some() {
                    return;
                }
                let decoded = String::from_utf8_lossy(&s.value).into_owned();
                self.text(&decoded, s.span.start, s.span.end);
            }
            // Comments are never prose; suppressions read them from the source itself.
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }

    fn start_tag(&mut self, tag: &StartTag<usize>) {
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        let start = tag.span.start;
        if let Some(hidden) = &mut self.skipped {
            if hidden.name == name && !tag.self_closing {
                hidden.depth += 1;
            }
            return;
        }
        if let Some(code) = &mut self.code_open {
            if code.name == name {
                code.depth += 1;
            }
            return;
        }
        if name == "meta" {
            self.meta(tag);
            return;
        }
        if name == "title" {
            self.flush();
            self.in_title = true;
            self.current = Some(self.new_block(BlockKind::Title, start));
            return;
        }
        if is(SKIPPED, &name) {
            if !tag.self_closing {
                self.flush();
                self.skipped = Some(Hidden::opened(name, start));
            }
            return;
        }
        if name == "pre" {
            self.implied_ends(&name);
            self.flush();
            self.code_open = Some(Hidden::opened(name, start));
            return;
        }
        if matches!(name.as_str(), "code" | "kbd" | "samp") {
            self.ensure_block(start);
            self.code_open = Some(Hidden::opened(name, start));
            return;
        }
        if is(TEXT_BLOCKS, &name) || is(BOUNDARIES, &name) || name == "hr" {
            self.implied_ends(&name);
            self.flush();
            if is(VOID, &name) || tag.self_closing && name == "hr" {
                return;
            }
            let group = matches!(name.as_str(), "ul" | "ol" | "dl" | "table")
                .then(|| self.stack.iter().find_map(|o| o.group).or(self.outer.group))
                .map(|outer| outer.unwrap_or_else(|| self.new_group()));
            let footnotes = ["class", "id", "role"].iter().any(|attr| {
                attribute(tag, attr).is_some_and(|v| {
                    let v = v.to_ascii_lowercase();
                    v.contains("footnote") || v.contains("endnote")
                })
            });
            self.stack.push(Open {
                name,
                group,
                footnotes,
            });
            return;
        }
        self.inline_start(&name, tag);
    }

    /// Inline elements: links, emphasis, citations, superscripts, quotations, line breaks.
    fn inline_start(&mut self, name: &str, tag: &StartTag<usize>) {
        let span = Span::new(self.base + tag.span.start, self.base + tag.span.end);
        let kind = match name {
            "a" => attribute(tag, "href").map(|url| InlineKind::Link { url }),
            "em" | "i" => Some(InlineKind::Emphasis),
            // A cited work's title, which is also where the claim comes from.
            "cite" => Some(InlineKind::Cite),
            "strong" | "b" => Some(InlineKind::Strong),
            "s" | "del" | "strike" => Some(InlineKind::Strikethrough),
            "br" => {
                if let Some(block) = &mut self.current {
                    block.prose.push_space(span);
                }
                return;
            }
            "img" => {
                let url = attribute(tag, "src").unwrap_or_default();
                let block = self.ensure_block(tag.span.start);
                let at = block.prose.text.len();
                block.inlines.push(Inline {
                    kind: InlineKind::Image { url },
                    range: at..at,
                });
                return;
            }
            "sup" => {
                let block = self.ensure_block(tag.span.start);
                let at = block.prose.text.len();
                block.inlines.push(Inline {
                    kind: InlineKind::Html {
                        html: "<sup>".into(),
                    },
                    range: at..at,
                });
                None
            }
            "q" => {
                // Browsers show `<q>` with quotation marks; the prose does too, each mark
                // standing for its tag, so the quotation reads as one.
                let block = self.ensure_block(tag.span.start);
                block.prose.push_atomic("\u{201C}", span);
                None
            }
            _ => None,
        };
        if is(VOID, name) || tag.self_closing {
            return;
        }
        let start = self.ensure_block(tag.span.start).prose.text.len();
        self.inlines.push(OpenInline {
            name: name.to_string(),
            kind,
            start,
        });
    }

    fn end_tag(&mut self, name: &str, start: usize, end: usize) {
        if let Some(hidden) = &mut self.skipped {
            if hidden.name == name {
                hidden.depth -= 1;
                if hidden.depth == 0 {
                    let from = hidden.start;
                    self.skipped = None;
                    if name != "nav" {
                        self.code.push(Span::new(self.base + from, self.base + end));
                    }
                }
            }
            return;
        }
        if let Some(code) = &mut self.code_open {
            if code.name == name {
                code.depth -= 1;
                if code.depth == 0 {
                    let from = code.start;
                    self.code_open = None;
                    self.close_code(name, from, end);
                }
            }
            return;
        }
        if name == "title" {
            self.in_title = false;
            self.flush();
            return;
        }
        if is(TEXT_BLOCKS, name) || is(BOUNDARIES, name) {
            self.flush();
            if let Some(at) = self.stack.iter().rposition(|o| o.name == name) {
                self.stack.truncate(at);
            }
            return;
        }
        let Some(at) = self.inlines.iter().rposition(|i| i.name == name) else {
            return;
        };
        let closing: Vec<OpenInline> = self.inlines.drain(at..).collect();
        let span = Span::new(self.base + start, self.base + end);
        let Some(block) = &mut self.current else {
            return;
        };
        for open in closing.into_iter().rev() {
            let at = block.prose.text.len();
            match open.name.as_str() {
                "q" => block.prose.push_atomic("\u{201D}", span),
                "sup" => block.inlines.push(Inline {
                    kind: InlineKind::Html {
                        html: "</sup>".into(),
                    },
                    range: at..at,
                }),
                _ => {}
            }
            if let Some(kind) = open.kind {
                push_inline(block, kind, open.start);
            }
        }
    }

    /// Ends `<pre>` (a code block) or inline code (a placeholder in the prose).
    fn close_code(&mut self, name: &str, from: usize, end: usize) {
        let span = Span::new(self.base + from, self.base + end);
        self.code.push(span);
        if name == "pre" {
            let mut block = Block::new(BlockKind::Code, span);
            self.set_context(&mut block);
            self.blocks.push(block);
            return;
        }
        let block = self.ensure_block(from);
        let start = block.prose.text.len();
        block.prose.push_placeholder(span);
        block.inlines.push(Inline {
            kind: InlineKind::Code,
            range: start..block.prose.text.len(),
        });
    }

    /// A file that ends inside `<pre>` or a skipped element: the rest is not prose.
    fn finish_hidden(&mut self, len: usize) {
        if let Some(hidden) = self.skipped.take().or_else(|| self.code_open.take())
            && hidden.name != "nav"
        {
            self.code
                .push(Span::new(self.base + hidden.start, self.base + len));
        }
    }

    /// The end tags HTML implies before `name` starts (a new item ends the item before it).
    fn implied_ends(&mut self, name: &str) {
        let pop_to = |stack: &mut Vec<Open>, targets: &[&str], stops: &[&str]| {
            for k in (0..stack.len()).rev() {
                let n = stack[k].name.as_str();
                if targets.contains(&n) {
                    stack.truncate(k);
                    return;
                }
                if stops.contains(&n) {
                    return;
                }
            }
        };
        let scope = ["html", "table", "td", "th", "caption", "template"];
        if is(CLOSES_P, name) {
            pop_to(&mut self.stack, &["p"], &scope);
        }
        match name {
            "li" => pop_to(
                &mut self.stack,
                &["li"],
                &["ul", "ol", "table", "td", "th", "blockquote", "body"],
            ),
            "dt" | "dd" => pop_to(&mut self.stack, &["dt", "dd"], &["dl", "table", "body"]),
            "td" | "th" => pop_to(&mut self.stack, &["td", "th"], &["tr", "table"]),
            "tr" => pop_to(&mut self.stack, &["tr", "td", "th"], &["table"]),
            _ if heading_level(name).is_some()
                && self
                    .stack
                    .last()
                    .is_some_and(|o| heading_level(&o.name).is_some()) =>
            {
                self.stack.pop();
            }
            _ => {}
        }
    }

    fn set_context(&mut self, block: &mut Block) {
        let items = self.stack.iter().filter(|o| o.name == "li").count();
        let quotes = self.stack.iter().filter(|o| o.name == "blockquote").count();
        block.list_depth = self
            .outer
            .list_depth
            .saturating_add(u8::try_from(items).unwrap_or(u8::MAX));
        block.quote_depth = self
            .outer
            .quote_depth
            .saturating_add(u8::try_from(quotes).unwrap_or(u8::MAX));
        block.in_footnote = self.outer.in_footnote || self.stack.iter().any(|o| o.footnotes);
        block.group = self.group();
    }

    fn new_block(&mut self, kind: BlockKind, start: usize) -> Block {
        let at = self.base + start;
        let mut block = Block::new(kind, Span::new(at, at));
        self.set_context(&mut block);
        block
    }

    /// The block being read, started at `start` (relative) when there is none.
    fn ensure_block(&mut self, start: usize) -> &mut Block {
        let block = match self.current.take() {
            Some(block) => block,
            None => {
                let kind = self.block_kind();
                self.new_block(kind, start)
            }
        };
        self.current.insert(block)
    }

    /// What the innermost text block element makes of text inside it.
    fn block_kind(&self) -> BlockKind {
        let inner = self
            .stack
            .iter()
            .rev()
            .find(|o| is(TEXT_BLOCKS, &o.name))
            .map(|o| o.name.as_str());
        let in_list = self.outer.list_depth > 0 || self.stack.iter().any(|o| o.name == "li");
        match inner {
            Some(n) if heading_level(n).is_some() => {
                BlockKind::Heading(heading_level(n).unwrap_or(2))
            }
            Some("li") => BlockKind::ListItem,
            Some("td" | "th") => BlockKind::TableCell,
            _ if in_list => BlockKind::ListItem,
            _ => BlockKind::Paragraph,
        }
    }

    fn text(&mut self, decoded: &str, start: usize, end: usize) {
        if self.current.is_none() && decoded.trim().is_empty() {
            return;
        }
        // In `<head>`, only the title (and the description, an attribute) is prose.
        if !self.in_title && self.stack.iter().any(|o| o.name == "head") {
            return;
        }
        let raw = self
            .src
            .text
            .get(self.base + start..self.base + end)
            .unwrap_or_default();
        let at = self.base + start;
        let block = self.ensure_block(start);
        push_text(&mut block.prose, decoded, raw, at);
        block.span.end = block.span.end.max(at + raw.len());
    }

    /// `<meta name="description" content="...">`: read as the title is, as the summary a
    /// search result shows.
    fn meta(&mut self, tag: &StartTag<usize>) {
        let is_description =
            attribute(tag, "name").is_some_and(|n| n.eq_ignore_ascii_case("description"));
        if !is_description {
            return;
        }
        let Some(value) = tag.attributes.get(b"content".as_slice()) else {
            return;
        };
        let decoded = String::from_utf8_lossy(&value.value).into_owned();
        let attr_start = self.base + value.span.start;
        let attr_end = (self.base + value.span.end).min(self.base + tag.span.end);
        let Some((raw_start, raw)) = attribute_value_raw(self.src, attr_start, attr_end) else {
            return;
        };
        self.flush();
        let mut block = self.new_block(BlockKind::Title, raw_start - self.base);
        push_text(&mut block.prose, &decoded, raw, raw_start);
        block.span.end = raw_start + raw.len();
        self.current = Some(block);
        self.flush();
    }

    /// Ends the block being read: inlines still open end with it, an empty block is dropped.
    fn flush(&mut self) {
        let Some(mut block) = self.current.take() else {
            self.inlines.clear();
            return;
        };
        for open in std::mem::take(&mut self.inlines).into_iter().rev() {
            if let Some(kind) = open.kind {
                push_inline(&mut block, kind, open.start);
            }
        }
        block.prose.trim_end();
        if block.prose.text.trim().is_empty() {
            return;
        }
        let len = block.prose.text.len();
        for inline in &mut block.inlines {
            inline.range.start = inline.range.start.min(len);
            inline.range.end = inline.range.end.min(len);
        }
        block.inlines.sort_by_key(|i| (i.range.start, i.range.end));
        let full = block.prose.full_span();
        block.span = Span::new(
            block.span.start.min(full.start),
            block.span.end.max(full.end),
        );
        self.blocks.push(block);
    }
}

/// Records an inline that ends here. A `<cite>` is also emphasis: the title of a work, whose
/// words are not the publication's own, as `*Title*` is in Markdown.
fn push_inline(block: &mut Block, kind: InlineKind, start: usize) {
    let range = start..block.prose.text.len();
    if kind == InlineKind::Cite {
        block.inlines.push(Inline {
            kind: InlineKind::Emphasis,
            range: range.clone(),
        });
    }
    block.inlines.push(Inline { kind, range });
}

/// The decoded value of attribute `name`.
fn attribute(tag: &StartTag<usize>, name: &str) -> Option<String> {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
}

/// The raw text of an attribute's value, given the span html5gum reports for the attribute
/// (from its name to its end), with the value's offset.
fn attribute_value_raw(src: &SourceFile, start: usize, end: usize) -> Option<(usize, &str)> {
    let attr = src.text.get(start..end)?;
    let eq = attr.find('=')?;
    let after = &attr[eq + 1..];
    let lead = after.len() - after.trim_start().len();
    let value_at = eq + 1 + lead;
    let rest = &attr[value_at..];
    let (from, len) = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = &rest[1..];
            (value_at + 1, inner.find(q).unwrap_or(inner.len()))
        }
        _ => (
            value_at,
            rest.find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(rest.len()),
        ),
    };
    let raw = attr.get(from..from + len)?;
    Some((start + from, raw))
}

/// Appends text html5gum decoded from the raw source `raw` at `at`: verbatim where the two
/// agree, each entity or CRLF as one atomic piece. Text that cannot be aligned (a decoding the
/// walk does not recognise) is taken raw, so spans stay exact even then.
fn push_text(prose: &mut Prose, decoded: &str, raw: &str, at: usize) {
    if decoded == raw {
        prose.push_verbatim(raw, at);
        return;
    }
    let Some(pieces) = align_html(decoded, raw) else {
        prose.push_verbatim(raw, at);
        return;
    };
    for (lit, raw_range, exact) in pieces {
        let lit = &decoded[lit];
        if exact {
            prose.push_verbatim(lit, at + raw_range.start);
        } else {
            let span = Span::new(at + raw_range.start, at + raw_range.end);
            if lit.chars().all(char::is_whitespace) {
                prose.push_space(span);
            } else {
                prose.push_atomic(lit, span);
            }
        }
    }
}

type Piece = (std::ops::Range<usize>, std::ops::Range<usize>, bool);

/// Aligns decoded text with its raw source: character references and the CRLF → LF of the
/// input stream are the only differences the tokenizer makes in text.
fn align_html(lit: &str, raw: &str) -> Option<Vec<Piece>> {
    let (lb, rb) = (lit.as_bytes(), raw.as_bytes());
    let mut pieces: Vec<Piece> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < lb.len() {
        if lb[i] == b'\n' && rb.get(j) == Some(&b'\r') {
            let n = if rb.get(j + 1) == Some(&b'\n') { 2 } else { 1 };
            pieces.push((i..i + 1, j..j + n, false));
            i += 1;
            j += n;
            continue;
        }
        if rb.get(j) == Some(&b'&')
            && let Some((taken, len)) = reference(lit, i, raw, j)
        {
            pieces.push((i..i + taken, j..j + len, false));
            i += taken;
            j += len;
            continue;
        }
        if rb.get(j) != Some(&lb[i]) {
            return None;
        }
        match pieces.last_mut() {
            Some((l, r, true)) if l.end == i && r.end == j => {
                l.end += 1;
                r.end += 1;
            }
            _ => pieces.push((i..i + 1, j..j + 1, true)),
        }
        i += 1;
        j += 1;
    }
    let bounded = pieces.iter().all(|(l, r, _)| {
        lit.is_char_boundary(l.start)
            && lit.is_char_boundary(l.end)
            && raw.is_char_boundary(r.start)
            && raw.is_char_boundary(r.end)
    });
    (j == rb.len() && bounded).then_some(pieces)
}

/// A character reference at `raw[j..]` that decoded to the one or two characters at `lit[i..]`:
/// (decoded bytes, raw bytes). Longest reference first, as the tokenizer matches; legacy names
/// without `;` (`&copy 2024`) are tried by their prefixes. The text after must go on agreeing.
fn reference(lit: &str, i: usize, raw: &str, j: usize) -> Option<(usize, usize)> {
    let rb = raw.as_bytes();
    let mut k = j + 1;
    if rb.get(k) == Some(&b'#') {
        k += 1;
        if matches!(rb.get(k), Some(b'x' | b'X')) {
            k += 1;
        }
    }
    while k < rb.len() && k - j < 40 && rb[k].is_ascii_alphanumeric() {
        k += 1;
    }
    let full = if rb.get(k) == Some(&b';') { k + 1 } else { k };
    let rest = lit.get(i..)?;
    let mut ends = rest
        .char_indices()
        .skip(1)
        .map(|(n, _)| n)
        .chain([rest.len()]);
    let takes: Vec<usize> = [ends.next(), ends.next()].into_iter().flatten().collect();
    let agrees = |taken: usize, used: usize| {
        let next_lit = lit.as_bytes().get(i + taken);
        let next_raw = rb.get(j + used);
        match (next_lit, next_raw) {
            (None, None) => true,
            (Some(a), Some(b)) => a == b || *b == b'&' || *b == b'\r',
            _ => false,
        }
    };
    for end in (j + 2..=full).rev() {
        let used = end - j;
        for &taken in &takes {
            // The same text on both sides is not a reference (a bare `&`).
            if raw.get(j..end) == lit.get(i..i + taken) {
                continue;
            }
            if agrees(taken, used) {
                return Some((taken, used));
            }
        }
    }
    None
}
