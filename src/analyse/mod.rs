//! Analyse: facts about the prose that several rules need, computed once per document.

pub mod numbers;
pub mod quantities;
mod quotes;
mod sentences;
pub mod topics;

use std::ops::Range;
use std::sync::OnceLock;

use crate::parse::{Block, BlockKind, Document, InlineKind};

pub use quotes::quotations;
pub use sentences::sentences;

/// Per-block facts, indexed like `Document::blocks`.
#[derive(Debug, Default, Clone)]
pub struct BlockFacts {
    /// Sentence ranges in the block's prose text.
    pub sentences: Vec<Range<usize>>,
    /// Direct quotations (`“…”`, `"…"`, `‘…’`) in the prose text, without the marks.
    pub quotes: Vec<Range<usize>>,
    /// The whole block is reported speech: a block quote or a `**Speaker:** line`.
    pub is_quoted: bool,
    /// Statistical expressions, in order.
    pub quantities: Vec<quantities::Quantity>,
}

impl BlockFacts {
    /// The sentence containing prose offset `at` (binary search), or the whole block.
    pub fn sentence_of(&self, at: usize, block_len: usize) -> std::ops::Range<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        match self.sentences.get(i) {
            Some(s) if s.start <= at => s.clone(),
            _ => 0..block_len,
        }
    }
}

#[derive(Debug, Default)]
pub struct Analysis {
    pub blocks: Vec<BlockFacts>,
    /// What the article is about; computed on first use ([`Analysis::topics`]).
    topics: OnceLock<topics::Topics>,
    /// One rule-level result shared by the rules that need it (see [`Analysis::memo`]).
    memo: OnceLock<(usize, Box<dyn std::any::Any + Send + Sync>)>,
}

pub fn analyse(doc: &Document) -> Analysis {
    Analysis {
        blocks: doc.blocks.iter().map(block_facts).collect(),
        topics: OnceLock::new(),
        memo: OnceLock::new(),
    }
}

fn block_facts(block: &Block) -> BlockFacts {
    if block.kind == BlockKind::Code {
        return BlockFacts::default();
    }
    let sentences = sentences(block.text());
    BlockFacts {
        quantities: quantities::extract(block.text(), &sentences),
        quotes: quotations(block.text()),
        is_quoted: block.quote_depth > 0 || is_dialogue(block),
        sentences,
    }
}

/// `**Speaker:** words` — a line of dialogue, as wiki pages quote films and books.
fn is_dialogue(block: &Block) -> bool {
    block.inlines.iter().any(|i| {
        i.kind == InlineKind::Strong
            && i.range.start == 0
            && block.text()[i.range.clone()].trim_end().ends_with(':')
    })
}

impl Analysis {
    /// Computes a rule-level result once per document for every rule that asks with the same
    /// `key` (the statistics rules classify figures once for all four rules that use it). A
    /// different key or type gets `None`, and the caller computes it itself.
    pub fn memo<T: std::any::Any + Send + Sync>(
        &self,
        key: usize,
        compute: impl FnOnce() -> T,
    ) -> Option<&T> {
        let (stored, value) = self.memo.get_or_init(|| (key, Box::new(compute())));
        if *stored == key {
            value.downcast_ref()
        } else {
            None
        }
    }

    /// The sensitive topics the article is about (see [`topics`]), computed once. `doc` must be
    /// the document this analysis was made from.
    pub fn topics(&self, doc: &Document) -> &topics::Topics {
        self.topics.get_or_init(|| topics::detect(doc, self))
    }

    /// Where a byte range of block `index` sits: inside a quotation, a title of a work, etc.
    pub fn quoted_context(
        &self,
        doc: &Document,
        index: usize,
        range: Range<usize>,
    ) -> Option<QuoteContext> {
        let facts = self.blocks.get(index)?;
        let block = doc.blocks.get(index)?;
        if facts.is_quoted {
            return Some(QuoteContext::Quotation);
        }
        if facts
            .quotes
            .iter()
            .any(|q| q.start <= range.start && range.end <= q.end)
        {
            return Some(QuoteContext::Quotation);
        }
        block
            .inlines
            .iter()
            .find(|i| {
                i.kind == InlineKind::Emphasis
                    && i.range.start <= range.start
                    && range.end <= i.range.end
            })
            .map(|_| QuoteContext::Title)
    }
}

/// Why a phrase is someone else's words rather than the publication's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteContext {
    Quotation,
    /// Italic text: usually the title of a book, film or song.
    Title,
}
