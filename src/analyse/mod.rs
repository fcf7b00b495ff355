//! Analyse: facts about the prose that several rules need, computed once per document.

pub mod numbers;
pub mod quantities;
mod quotes;
mod sentences;
pub mod topics;

use std::ops::Range;
use std::sync::OnceLock;

use crate::parse::{Block, BlockKind, Document, InlineKind};
use crate::phrases::Words;

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
    /// Every number in the prose ([`numbers::numbers`]), found once for quantities and the
    /// rules that look at numbers themselves.
    pub numbers: Vec<numbers::Number>,
    /// The prose's words, found once for the many phrase lists that read every block.
    pub words: Words,
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
    memo: [OnceLock<(usize, Memo)>; 4],
}

pub fn analyse(doc: &Document) -> Analysis {
    Analysis {
        blocks: doc.blocks.iter().map(block_facts).collect(),
        topics: OnceLock::new(),
        memo: Default::default(),
    }
}

fn block_facts(block: &Block) -> BlockFacts {
    if block.kind == BlockKind::Code {
        return BlockFacts::default();
    }
    let sentences = sentences(block.text());
    let words = Words::new(block.text());
    let scan = numbers::scan_words(block.text(), &words);
    BlockFacts {
        quantities: quantities::extract_scanned(block.text(), &sentences, &scan),
        quotes: quotations(block.text()),
        is_quoted: block.quote_depth > 0 || is_dialogue(block),
        sentences,
        numbers: scan.numbers,
        words,
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

type Memo = Box<dyn std::any::Any + Send + Sync>;

/// The words of a block with no facts: empty, so a phrase list finds the words itself.
static NO_WORDS: Words = Words::empty();

impl Analysis {
    /// The words of block `index`'s prose, for [`crate::phrases::PhraseSet::candidates_in`].
    pub fn words(&self, index: usize) -> &Words {
        self.blocks
            .get(index)
            .map_or(&NO_WORDS, |facts| &facts.words)
    }

    /// Computes a rule-level result once per document for every rule that asks with the same
    /// `key` (the statistics rules classify figures once for all four rules that use it). A
    /// different key or type gets `None`, and the caller computes it itself.
    pub fn memo<T: std::any::Any + Send + Sync>(
        &self,
        key: usize,
        compute: impl FnOnce() -> T,
    ) -> Option<&T> {
        // A few slots, each holding one (key, type): figure classification and the keyed
        // figures built on it are both shared. `compute` runs with no slot locked, because it
        // may itself ask for another memoised result.
        fn found<T: 'static>(slot: &OnceLock<(usize, Memo)>, key: usize) -> Option<&T> {
            slot.get()
                .filter(|(stored, _)| *stored == key)
                .and_then(|(_, value)| value.downcast_ref::<T>())
        }
        if let Some(hit) = self.memo.iter().find_map(|slot| found(slot, key)) {
            return Some(hit);
        }
        let mut value: Memo = Box::new(compute());
        for slot in &self.memo {
            match slot.set((key, value)) {
                Ok(()) => return found(slot, key),
                Err((_, back)) => value = back,
            }
        }
        None
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

#[cfg(test)]
mod memo_tests {
    use std::sync::Arc;

    use crate::parse::{ParseOptions, parse};
    use crate::source::SourceFile;

    #[test]
    fn a_memoised_result_may_ask_for_another_and_each_is_computed_once() {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", "Some text.")),
            ParseOptions::default(),
        );
        let analysis = super::analyse(&doc);
        let calls = std::cell::Cell::new(0);
        // Keyed figures ask for the classification while being computed: same key, other type.
        let outer = analysis.memo(7, || {
            calls.set(calls.get() + 1);
            u64::from(*analysis.memo(7, || 20u32).expect("inner memo")) + 1
        });
        assert_eq!(outer, Some(&21u64));
        assert_eq!(analysis.memo(7, || 0u32), Some(&20u32));
        assert_eq!(analysis.memo(7, || 99u64), Some(&21u64));
        assert_eq!(calls.get(), 1);
    }
}
