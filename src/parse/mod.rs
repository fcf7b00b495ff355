//! Parse: turn an article's text into the document model every rule shares.
//!
//! The model is deliberately flat: a list of prose blocks (headings, paragraphs, list items, table
//! cells) in reading order, each with its container context and a [`Prose`] buffer that maps back
//! to exact source bytes. Code is kept as a block with no prose, so rules never see it.

pub mod align;
mod html;
pub mod html_fix;
mod markdown;
mod mdx;
mod plain;
pub mod prose;
pub mod shape;

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use markdown::MAX_NESTING;
pub use markdown::comrak_options;
pub use prose::Prose;

use crate::model::source::{SourceFile, Span};

/// How an article's text is read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// CommonMark with GitHub extensions (tables, footnotes, autolinks, strikethrough) and YAML
    /// front matter.
    #[default]
    Markdown,
    /// Plain text: paragraphs split at blank lines, `•`-style bullets, bare-line headings.
    Plain,
    /// HTML pages and CMS exports: the text of paragraphs, list items, headings, quotes, table
    /// cells and captions; scripts, styles, code and comments are not prose.
    Html,
    /// MDX: Markdown with `import`/`export` lines and JSX component tags, which are skipped.
    Mdx,
}

impl Format {
    /// How a file is read when the configuration does not say, by its extension: `.md`,
    /// `.markdown` and `.txt` as Markdown (`.txt` with plain-text shapes), `.mdx` as MDX,
    /// `.html`, `.htm` and `.xhtml` as HTML. `None` for other extensions.
    pub fn for_extension(extension: &str) -> Option<Format> {
        let e = extension.to_ascii_lowercase();
        match e.as_str() {
            "md" | "markdown" | "txt" => Some(Format::Markdown),
            "mdx" => Some(Format::Mdx),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

impl ParseOptions {
    /// The options for `path` by its extension alone (see [`Format::for_extension`]); other
    /// extensions are read as Markdown, as files named on the command line always were.
    pub fn for_path(path: &std::path::Path) -> ParseOptions {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        ParseOptions {
            format: Format::for_extension(extension).unwrap_or_default(),
            plain_shapes: extension.eq_ignore_ascii_case("txt"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The `title` of the front matter.
    Title,
    Heading(u8),
    Paragraph,
    ListItem,
    TableCell,
    /// Fenced or indented code, HTML blocks: never prose.
    Code,
}

impl BlockKind {
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Heading(_) | BlockKind::Title)
    }
}

/// Inline markup inside a block, as a byte range of the block's prose text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlineKind {
    /// `*x*` or `_x_`: often the title of a work.
    Emphasis,
    Strong,
    Strikethrough,
    Link {
        url: String,
    },
    Image {
        url: String,
    },
    Code,
    FootnoteReference {
        name: String,
    },
    /// HTML `<cite>`: the title of a cited work, which names a source.
    Cite,
    /// Raw inline HTML such as `<sup>`; zero width in the prose.
    Html {
        html: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    pub kind: InlineKind,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's extent in the source, including markup.
    pub span: Span,
    pub prose: Prose,
    pub inlines: Vec<Inline>,
    /// Nesting of list items and block quotes around this block.
    pub list_depth: u8,
    pub quote_depth: u8,
    pub in_footnote: bool,
    /// Index (into `Document::blocks`) of the nearest heading above, if any.
    pub section: Option<usize>,
    /// Paragraph-level grouping: blocks of one list share it, so "the same paragraph" means
    /// something sensible for bullets too.
    pub group: usize,
}

impl Block {
    pub fn new(kind: BlockKind, span: Span) -> Self {
        Block {
            kind,
            span,
            prose: Prose::new(),
            inlines: Vec::new(),
            list_depth: 0,
            quote_depth: 0,
            in_footnote: false,
            section: None,
            group: 0,
        }
    }

    pub fn text(&self) -> &str {
        // Nearly every loop over blocks reads their text: counting here counts block visits.
        crate::work::tick(1);
        &self.prose.text
    }

    /// The source span of a range of this block's prose, and the article's own text there with
    /// whitespace folded: what a message quotes, so the message and the span always agree.
    pub fn located(&self, source: &SourceFile, range: Range<usize>) -> (Span, String) {
        let span = self.prose.source_span(range.start, range.end);
        let text = source
            .slice(span)
            .or_else(|| self.prose.text.get(range))
            .unwrap_or_default();
        (span, text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// Inlines of `kind`-matching type that overlap `range` of the prose.
    pub fn inlines_over<'a>(
        &'a self,
        range: Range<usize>,
    ) -> impl Iterator<Item = &'a Inline> + 'a {
        self.inlines.iter().filter(move |i| {
            crate::work::tick(1);
            i.range.start < range.end.max(range.start + 1) && range.start < i.range.end
        })
    }
}

#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// The YAML between the delimiters.
    pub span: Span,
    pub title: Option<String>,
    /// The parsed YAML (a mapping in well-formed articles), for rules that read metadata.
    pub value: Option<serde_yaml::Value>,
    /// Where and why the YAML does not parse.
    pub error: Option<(usize, String)>,
}

#[derive(Debug)]
pub struct Document {
    pub source: Arc<SourceFile>,
    pub format: Format,
    pub front_matter: Option<FrontMatter>,
    pub blocks: Vec<Block>,
    /// Source spans of code (fenced and indented blocks, inline code), in order: text there is
    /// never prose, and an HTML comment there is an example, not a directive.
    pub code: Vec<Span>,
    /// Why a Markdown article was read as plain text instead (nesting too deep to walk).
    pub read_as_plain: Option<String>,
}

/// Options that change how text is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    pub format: Format,
    /// Recognise plain-text shapes (bullet characters, bare-line headings) inside Markdown
    /// paragraphs; on for `.txt` files, which are often exported web pages.
    pub plain_shapes: bool,
}

pub fn parse(source: Arc<SourceFile>, options: ParseOptions) -> Document {
    let mut doc = match options.format {
        Format::Markdown | Format::Mdx => {
            let masked = (options.format == Format::Mdx).then(|| mdx::mask(&source.text));
            markdown::parse(Arc::clone(&source), masked.as_deref(), options.plain_shapes)
                .map(|mut doc| {
                    doc.format = options.format;
                    doc
                })
                .unwrap_or_else(|depth| {
                    let mut doc = plain::parse(source);
                    doc.read_as_plain = Some(format!(
                        "Markdown nested {depth} levels deep (more than {}): read as plain text",
                        markdown::MAX_NESTING
                    ));
                    doc
                })
        }
        Format::Plain => plain::parse(source),
        Format::Html => html::parse(source),
    };
    assign_sections(&mut doc.blocks);
    doc
}

fn assign_sections(blocks: &mut [Block]) {
    let mut current = None;
    for (i, block) in blocks.iter_mut().enumerate() {
        crate::work::tick(1);
        if block.kind.is_heading() && block.kind != BlockKind::Title {
            current = Some(i);
            block.section = None;
        } else {
            block.section = current;
        }
    }
}
