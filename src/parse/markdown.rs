//! CommonMark + GFM through comrak, flattened into prose blocks with exact source maps.
//!
//! Why one file of ~650 lines (about 80 are tests): the walk over comrak's tree and the
//! verify-and-repair ladder for spans share the walk's state.

use std::sync::Arc;

use comrak::nodes::{AstNode, LineColumn, NodeValue, Sourcepos};
use comrak::{Arena, Options, parse_document};

use super::align::align;
use super::shape::{bullet_prefix, looks_like_bare_heading};
use super::{Block, BlockKind, Document, Format, FrontMatter, Inline, InlineKind, Prose};
use crate::model::source::{SourceFile, Span};

/// The comrak options carelint parses with (public so benchmarks can time comrak alone).
pub fn comrak_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.extension.tasklist = true;
    options.extension.front_matter_delimiter = Some("---".to_string());
    // Each escape becomes its own node at the right column instead of merging into its neighbours.
    options.parse.escaped_char_spans = true;
    options
}

#[derive(Clone, Copy, Default)]
struct Context {
    list_depth: u8,
    quote_depth: u8,
    in_footnote: bool,
    /// Group shared by every block of the current top-level list.
    list_group: Option<usize>,
}

struct Walker<'s> {
    src: &'s SourceFile,
    plain_shapes: bool,
    blocks: Vec<Block>,
    front_matter: Option<FrontMatter>,
    /// Spans of code blocks and inline code.
    code: Vec<Span>,
    next_group: usize,
    /// Source offset after the last mapped text, for the scan step of the repair ladder.
    cursor: usize,
}

/// Deepest tree of blocks and inlines the walker descends into. comrak builds any depth without
/// recursing, but the walker recurses once per level, and depths are counted in a `u8`; real
/// articles stay under 20 (comrak itself caps list nesting at 100 items).
pub const MAX_NESTING: usize = 255;

/// Parses Markdown, or returns the nesting depth when it is over [`MAX_NESTING`]. `masked`, when
/// given, is what comrak reads instead of the source: the same bytes with what is not Markdown
/// blanked out (MDX's JSX and import lines), so every position still maps to the source.
pub fn parse(
    source: Arc<SourceFile>,
    masked: Option<&str>,
    plain_shapes: bool,
) -> Result<Document, usize> {
    let arena = Arena::new();
    let root = parse_document(&arena, masked.unwrap_or(&source.text), &comrak_options());
    let depth = depth(root);
    if depth > MAX_NESTING {
        return Err(depth);
    }
    let mut walker = Walker {
        src: &source,
        plain_shapes,
        blocks: Vec::new(),
        front_matter: None,
        code: Vec::new(),
        next_group: 0,
        cursor: 0,
    };
    walker.blocks_of(root, Context::default());
    let Walker {
        blocks,
        front_matter,
        mut code,
        ..
    } = walker;
    code.sort();
    Ok(Document {
        source: Arc::clone(&source),
        format: Format::Markdown,
        front_matter,
        blocks,
        code,
        read_as_plain: None,
    })
}

/// The depth of the tree under `root`, without recursion.
fn depth<'a>(root: &'a AstNode<'a>) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for edge in root.traverse() {
        match edge {
            comrak::arena_tree::NodeEdge::Start(_) => {
                depth += 1;
                max = max.max(depth);
            }
            comrak::arena_tree::NodeEdge::End(_) => depth = depth.saturating_sub(1),
        }
    }
    max.saturating_sub(1)
}

impl<'s> Walker<'s> {
    fn start(&self, lc: LineColumn) -> usize {
        let at = self.src.line_start(lc.line) + lc.column.saturating_sub(1);
        floor_boundary(&self.src.text, at.min(self.src.text.len()))
    }

    /// comrak ends are inclusive; column 0 means "end of the previous line".
    fn end(&self, lc: LineColumn) -> usize {
        let at = if lc.column == 0 {
            self.src.line_end(lc.line.saturating_sub(1).max(1))
        } else {
            self.src.line_start(lc.line) + lc.column
        };
        ceil_boundary(&self.src.text, at.min(self.src.text.len()))
    }

    fn span(&self, sp: Sourcepos) -> Span {
        let start = self.start(sp.start);
        Span::new(start, self.end(sp.end).max(start))
    }

    fn group(&mut self, ctx: &Context) -> usize {
        if let Some(g) = ctx.list_group {
            return g;
        }
        self.next_group += 1;
        self.next_group
    }

    fn blocks_of<'a>(&mut self, node: &'a AstNode<'a>, ctx: Context) {
        for child in node.children() {
            crate::work::tick(1);
            let (value, sourcepos) = {
                let ast = child.data.borrow();
                (ast.value.clone_shallow(), ast.sourcepos)
            };
            let span = self.span(sourcepos);
            match value {
                Shallow::FrontMatter(literal) => self.front_matter(&literal, span),
                Shallow::Container => self.blocks_of(child, ctx),
                // A table's cells, like a list's items, share one group: one "paragraph".
                Shallow::List | Shallow::Table => {
                    let mut inner = ctx;
                    if inner.list_group.is_none() {
                        self.next_group += 1;
                        inner.list_group = Some(self.next_group);
                    }
                    self.blocks_of(child, inner);
                }
                Shallow::Item => {
                    let mut inner = ctx;
                    inner.list_depth = inner.list_depth.saturating_add(1);
                    self.blocks_of(child, inner);
                }
                Shallow::BlockQuote => {
                    let mut inner = ctx;
                    inner.quote_depth = inner.quote_depth.saturating_add(1);
                    self.blocks_of(child, inner);
                }
                Shallow::Footnote => {
                    let mut inner = ctx;
                    inner.in_footnote = true;
                    self.blocks_of(child, inner);
                }
                Shallow::Leaf(kind) => {
                    let kind = match kind {
                        BlockKind::Paragraph if ctx.list_depth > 0 => BlockKind::ListItem,
                        other => other,
                    };
                    self.leaf(child, kind, span, &ctx);
                }
                Shallow::Code { html } => {
                    if html && self.html_block(span, &ctx) {
                        continue;
                    }
                    if !html {
                        self.code.push(span);
                    }
                    let mut block = Block::new(BlockKind::Code, span);
                    self.set_context(&mut block, &ctx);
                    self.blocks.push(block);
                }
                Shallow::Skip => {}
            }
        }
    }

    /// An HTML block (`<p>…</p>`, `<div>` with text): its text is prose, read as HTML is.
    /// Returns false when it holds none (a comment, an image, a lone tag), which stays a
    /// block with no prose as before.
    fn html_block(&mut self, span: Span, ctx: &Context) -> bool {
        let outer = super::html::Outer {
            list_depth: ctx.list_depth,
            quote_depth: ctx.quote_depth,
            in_footnote: ctx.in_footnote,
            group: ctx.list_group,
        };
        let (blocks, code) = super::html::read(self.src, span, outer, &mut self.next_group);
        if blocks.iter().all(|b| b.kind == BlockKind::Code) {
            return false;
        }
        self.blocks.extend(blocks);
        self.code.extend(code);
        true
    }

    fn set_context(&mut self, block: &mut Block, ctx: &Context) {
        block.list_depth = ctx.list_depth;
        block.quote_depth = ctx.quote_depth;
        block.in_footnote = ctx.in_footnote;
        block.group = self.group(ctx);
    }

    fn leaf<'a>(&mut self, node: &'a AstNode<'a>, kind: BlockKind, span: Span, ctx: &Context) {
        let mut block = Block::new(kind, span);
        self.set_context(&mut block, ctx);
        // Blocks are not always visited in source order (footnote definitions move to the end).
        self.cursor = span.start;
        let mut breaks = Vec::new();
        self.inlines(node, &mut block, span, &mut breaks);
        block.prose.trim_end();
        if block.prose.text.is_empty() {
            return;
        }
        if self.plain_shapes && kind == BlockKind::Paragraph {
            self.push_with_plain_shapes(block, &breaks);
        } else {
            self.blocks.push(block);
        }
    }

    /// Splits a paragraph whose lines start with `•`-style bullets into list items, and turns a
    /// lone Title Case line into a heading.
    fn push_with_plain_shapes(&mut self, mut block: Block, breaks: &[usize]) {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(breaks.iter().copied())
            .filter(|&at| {
                block
                    .prose
                    .text
                    .get(at..)
                    .is_some_and(|rest| bullet_prefix(rest).is_some())
            })
            .collect();
        if starts.is_empty() {
            if breaks.is_empty() && block.quote_depth == 0 && looks_like_bare_heading(block.text())
            {
                block.kind = BlockKind::Heading(2);
            }
            self.blocks.push(block);
            return;
        }
        let mut pieces = Vec::new();
        for &at in starts.iter().rev() {
            let rest = block.prose.split_off(at);
            pieces.push((at, rest));
        }
        block.prose.trim_end();
        let mut out = Vec::new();
        if !block.prose.text.is_empty() {
            let mut head = block.clone();
            head.inlines
                .retain(|i| i.range.end <= head.prose.text.len());
            out.push(head);
        }
        for (at, mut prose) in pieces.into_iter().rev() {
            let bullet = bullet_prefix(&prose.text).unwrap_or(0);
            let before = prose.text.len();
            prose.drop_front(bullet);
            let offset = at + (before - prose.text.len());
            prose.trim_end();
            let end = offset + prose.text.len();
            let mut item = block.clone();
            item.kind = BlockKind::ListItem;
            item.list_depth = item.list_depth.max(1);
            item.span = prose.full_span();
            item.inlines = block
                .inlines
                .iter()
                .filter(|i| i.range.start >= offset && i.range.end <= end)
                .map(|i| Inline {
                    kind: i.kind.clone(),
                    range: i.range.start - offset..i.range.end - offset,
                })
                .collect();
            item.prose = prose;
            out.push(item);
        }
        self.blocks.extend(out);
    }

    fn inlines<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        block: &mut Block,
        bounds: Span,
        breaks: &mut Vec<usize>,
    ) {
        for child in node.children() {
            crate::work::tick(1);
            let ast = child.data.borrow();
            let span = self.span(ast.sourcepos);
            match &ast.value {
                NodeValue::Text(literal) => {
                    let literal = literal.to_string();
                    drop(ast);
                    self.text(&mut block.prose, &literal, child, bounds);
                }
                NodeValue::SoftBreak | NodeValue::LineBreak => {
                    drop(ast);
                    block.prose.push_space(span);
                    breaks.push(block.prose.text.len());
                }
                NodeValue::Code(_) => {
                    drop(ast);
                    self.code.push(span);
                    let start = block.prose.text.len();
                    block.prose.push_placeholder(span);
                    block.inlines.push(Inline {
                        kind: InlineKind::Code,
                        range: start..block.prose.text.len(),
                    });
                }
                NodeValue::FootnoteReference(r) => {
                    let name = r.name.clone();
                    drop(ast);
                    let start = block.prose.text.len();
                    block.prose.push_placeholder(span);
                    block.inlines.push(Inline {
                        kind: InlineKind::FootnoteReference { name },
                        range: start..block.prose.text.len(),
                    });
                }
                NodeValue::HtmlInline(html) => {
                    let html = html.clone();
                    drop(ast);
                    let at = block.prose.text.len();
                    if html.to_ascii_lowercase().starts_with("<br") {
                        block.prose.push_space(span);
                    }
                    block.inlines.push(Inline {
                        kind: InlineKind::Html { html },
                        range: at..at,
                    });
                }
                other => {
                    let kind = match other {
                        NodeValue::Emph => Some(InlineKind::Emphasis),
                        NodeValue::Strong => Some(InlineKind::Strong),
                        NodeValue::Strikethrough => Some(InlineKind::Strikethrough),
                        NodeValue::Link(link) => Some(InlineKind::Link {
                            url: link.url.clone(),
                        }),
                        NodeValue::Image(link) => Some(InlineKind::Image {
                            url: link.url.clone(),
                        }),
                        _ => None,
                    };
                    drop(ast);
                    let start = block.prose.text.len();
                    self.inlines(child, block, bounds, breaks);
                    if let Some(kind) = kind {
                        block.inlines.push(Inline {
                            kind,
                            range: start..block.prose.text.len(),
                        });
                    }
                }
            }
        }
    }

    /// Maps one text node to the source with the verify-and-repair ladder: the reported place
    /// verbatim, then aligned (entities, escapes, and a short end as in escaped table pipes),
    /// then the first place forward of it (paragraphs led by link definitions report too early a
    /// line), then the first place after the previous text in the block.
    fn text<'a>(&mut self, prose: &mut Prose, literal: &str, node: &'a AstNode<'a>, bounds: Span) {
        if literal.is_empty() {
            return;
        }
        let sp = node.data.borrow().sourcepos;
        let text = &self.src.text;
        let start = self.start(sp.start);
        let end = self.end(sp.end);
        if text.get(start..end) == Some(literal) {
            prose.push_verbatim(literal, start);
            self.cursor = end;
            return;
        }
        let limit = bounds.end.max(end).min(text.len());
        let try_at = |at: usize| text.get(at..limit).and_then(|raw| align(literal, raw));
        // Text nodes come in source order, so the true place is after the cursor. comrak's
        // known misplacements (refdef-led paragraphs) report too early a line, so look forward
        // from the reported start first, then anywhere after the cursor in the block.
        let scan = |from: usize| {
            let from = from.min(limit);
            let first = literal.chars().next().unwrap_or(' ');
            // The literal may start with a decoded entity or escape.
            text.get(from..limit)
                .into_iter()
                .flat_map(|hay| hay.char_indices())
                .filter(|&(_, c)| c == first || c == '&' || c == '\\')
                .find_map(|(k, _)| try_at(from + k).map(|r| (from + k, r)))
        };
        let cursor = self.cursor.max(bounds.start);
        let found = try_at(start)
            .filter(|_| start >= cursor)
            .map(|r| (start, r))
            .or_else(|| scan(start.max(cursor)))
            .or_else(|| scan(cursor));
        match found {
            Some((at, (pieces, used))) => {
                for piece in pieces {
                    let lit = &literal[piece.lit.clone()];
                    if piece.exact {
                        prose.push_verbatim(lit, at + piece.raw.start);
                    } else {
                        let span = Span::new(at + piece.raw.start, at + piece.raw.end);
                        if lit.chars().all(char::is_whitespace) {
                            prose.push_space(span);
                        } else {
                            prose.push_atomic(lit, span);
                        }
                    }
                }
                self.cursor = at + used;
            }
            // Not found anywhere: keep the words, anchored to the reported place as a whole.
            None => prose.push_atomic(literal, Span::new(start, end.max(start))),
        }
    }

    fn front_matter(&mut self, literal: &str, span: Span) {
        let text = &self.src.text;
        // The YAML body sits between the opening delimiter line and the closing one.
        let open_end = text[span.start..span.end]
            .find('\n')
            .map_or(span.end, |i| span.start + i + 1);
        let close_start = text[open_end..span.end]
            .rfind("---")
            .map_or(span.end, |i| open_end + i);
        let body = Span::new(open_end.min(close_start), close_start);
        let title = front_matter_title(self.src, body);
        if let Some((value, vspan)) = &title {
            let mut block = Block::new(BlockKind::Title, *vspan);
            block.prose.push_verbatim(value, vspan.start);
            block.prose.trim_end();
            self.next_group += 1;
            block.group = self.next_group;
            self.blocks.push(block);
        }
        let _ = literal;
        let yaml = text.get(body.range()).unwrap_or_default();
        let (value, error) = match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
            Ok(value) => (Some(value), None),
            Err(e) => {
                let at = body.start + e.location().map_or(0, |l| l.index()).min(yaml.len());
                let message = e.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                (None, Some((at, message.to_string())))
            }
        };
        self.front_matter = Some(FrontMatter {
            span: body,
            title: title.map(|(t, _)| t),
            value,
            error,
        });
    }
}

/// The `title:` of YAML front matter when written as a plain or simply quoted scalar, with the
/// exact span of its text (so rules can lint it like a heading).
fn front_matter_title(src: &SourceFile, body: Span) -> Option<(String, Span)> {
    let yaml = src.text.get(body.range())?;
    let mut offset = body.start;
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(rest) = content.strip_prefix("title:") {
            let value = rest.trim_start();
            let at = offset + (content.len() - value.len());
            let value = value.trim_end();
            let (inner, start) = match value.chars().next() {
                Some(q @ ('"' | '\'')) if value.len() >= 2 && value.ends_with(q) => {
                    (&value[1..value.len() - 1], at + 1)
                }
                _ => (value, at),
            };
            if inner.is_empty()
                || inner.contains(['\\', '#']) && !inner.starts_with(|c: char| c.is_alphanumeric())
            {
                return None;
            }
            return Some((inner.to_string(), Span::new(start, start + inner.len())));
        }
        offset += line.len();
    }
    None
}

/// Block-level shape of a node, so the walk can drop the `RefCell` borrow before recursing.
enum Shallow {
    FrontMatter(String),
    Container,
    List,
    Table,
    Item,
    BlockQuote,
    Footnote,
    Leaf(BlockKind),
    /// Code or an HTML block: no prose.
    Code {
        html: bool,
    },
    Skip,
}

trait CloneShallow {
    fn clone_shallow(&self) -> Shallow;
}

impl CloneShallow for NodeValue {
    fn clone_shallow(&self) -> Shallow {
        match self {
            NodeValue::FrontMatter(s) => Shallow::FrontMatter(s.clone()),
            NodeValue::Table(_) => Shallow::Table,
            NodeValue::Document
            | NodeValue::TableRow(_)
            | NodeValue::DescriptionList
            | NodeValue::DescriptionItem(_)
            | NodeValue::DescriptionTerm
            | NodeValue::DescriptionDetails => Shallow::Container,
            NodeValue::List(_) => Shallow::List,
            NodeValue::Item(_) | NodeValue::TaskItem(_) => Shallow::Item,
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
                Shallow::BlockQuote
            }
            NodeValue::FootnoteDefinition(_) => Shallow::Footnote,
            NodeValue::Paragraph => Shallow::Leaf(BlockKind::Paragraph),
            NodeValue::Heading(h) => Shallow::Leaf(BlockKind::Heading(h.level)),
            NodeValue::TableCell => Shallow::Leaf(BlockKind::TableCell),
            NodeValue::CodeBlock(_) => Shallow::Code { html: false },
            NodeValue::HtmlBlock(_) => Shallow::Code { html: true },
            _ => Shallow::Skip,
        }
    }
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(s: &str, mut at: usize) -> usize {
    while at < s.len() && !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse as parse_doc};

    fn doc(text: &str, plain_shapes: bool) -> Document {
        parse_doc(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions {
                format: Format::Markdown,
                plain_shapes,
            },
        )
    }

    /// Every word of every block must map to source bytes that read the same, modulo decoding.
    fn assert_words_map(d: &Document) {
        for b in &d.blocks {
            for (i, w) in unicode_segmentation::UnicodeSegmentation::unicode_word_indices(b.text())
            {
                let span = b.prose.source_span(i, i + w.len());
                let slice = d.source.slice(span).expect("char boundaries");
                assert!(
                    slice == w || align(w, slice).is_some(),
                    "{w:?} mapped to {slice:?}"
                );
            }
        }
    }

    #[test]
    fn blocks_and_context() {
        let d = doc(
            "---\ntitle: Tears after sex\n---\n# Head\n\nPara *em* `code` [link](http://x).\n\n- item one\n  - nested\n\n> quoted line\n\n```\ncode block\n```\n",
            false,
        );
        let kinds: Vec<_> = d
            .blocks
            .iter()
            .map(|b| (b.kind, b.text().to_string()))
            .collect();
        assert_eq!(kinds[0], (BlockKind::Title, "Tears after sex".into()));
        assert_eq!(kinds[1], (BlockKind::Heading(1), "Head".into()));
        assert_eq!(kinds[2].1, "Para em \u{FFFC} link.");
        assert_eq!(kinds[3], (BlockKind::ListItem, "item one".into()));
        assert_eq!(d.blocks[4].list_depth, 2);
        assert_eq!(d.blocks[3].group, d.blocks[4].group);
        assert_eq!(d.blocks[5].quote_depth, 1);
        assert_eq!(d.blocks[6].kind, BlockKind::Code);
        assert_eq!(
            d.front_matter.as_ref().unwrap().title.as_deref(),
            Some("Tears after sex")
        );
        assert_words_map(&d);
    }

    #[test]
    fn entities_escapes_crlf_tabs_and_refdefs_map_exactly() {
        let d = doc(
            "[r]: /url\nCaf&eacute; &amp; co \\*not em\\* here\r\nsecond\tline &#x1F600; end\r\n\r\n| a \\| b | c |\n|---|---|\n| x &lt; y | z |\n",
            false,
        );
        assert_words_map(&d);
        let p = &d.blocks[0];
        assert!(p.text().starts_with("Café & co *not em* here second line"));
    }

    #[test]
    fn plain_shapes_split_bullets_and_find_headings() {
        let text =
            "Why It Happens\n\nHere is a list:\n\n  • First: one thing\n  • Second: another\n";
        let d = doc(text, true);
        assert_eq!(d.blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(d.blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(d.blocks[2].kind, BlockKind::ListItem);
        assert_eq!(d.blocks[2].text(), "First: one thing");
        assert_eq!(d.blocks[3].text(), "Second: another");
        let s = d.blocks[3].prose.source_span(0, 6);
        assert_eq!(&text[s.range()], "Second");
        assert_words_map(&d);
    }
}
