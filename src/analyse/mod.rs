//! Analyse: facts about the prose that several rules need, computed once per document.
//!
//! Per-block facts (sentences, quotations, numbers, quantities, words) are computed up front;
//! the rest are explicit lazy fields of [`Analysis`], computed by the first rule that asks:
//! topics, how each figure is cited ([`citations`]) and the claim records of its figures
//! ([`figures`]). The help and helpline engines ([`help`], [`helplines`]) are compiled once per
//! rule set and run over a document by the rules that need them.

pub mod citations;
pub mod figures;
pub mod help;
pub mod helplines;
pub mod navigation;
pub mod numbers;
pub mod quantities;
mod quotes;
mod sentences;
pub mod squeezed;
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
    /// The block is a reference-list entry ([`citations::figures::is_citation`]): asked by the
    /// statistics rules and every lexicon rule, so answered once.
    pub is_citation: bool,
}

impl BlockFacts {
    /// The sentence containing prose offset `at` (binary search), or the whole block.
    pub fn sentence_of(&self, at: usize, block_len: usize) -> std::ops::Range<usize> {
        crate::work::tick(1);
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
    /// How each figure is cited, for the citation finder that asked first (its id): the
    /// statistics rules, the contradiction check and the claim records share one
    /// classification ([`citations::figures::cited_figures`]).
    cited: OnceLock<(usize, citations::figures::Classified)>,
    /// The claim records of the article's figures, for the finder that asked first
    /// ([`figures::records`]).
    records: OnceLock<(usize, Vec<figures::ClaimRecord>)>,
    /// Each block's sources for the finder that asked first ([`Analysis::block_sources`]).
    sources: OnceLock<(usize, Vec<OnceLock<citations::BlockCitations>>)>,
    /// Each block's item lines when it reads as one fact a line ([`Analysis::line_items`]).
    lines: OnceLock<Vec<OnceLock<ItemLines>>>,
    /// Each block's phone-number-like runs ([`Analysis::phone_tokens`]).
    phones: OnceLock<Vec<OnceLock<Vec<helplines::PhoneToken>>>>,
}

/// A block's item lines, or `None` when it reads as one paragraph.
type ItemLines = Option<Vec<Range<usize>>>;

pub fn analyse(doc: &Document) -> Analysis {
    Analysis {
        blocks: doc.blocks.iter().map(block_facts).collect(),
        topics: OnceLock::new(),
        cited: OnceLock::new(),
        records: OnceLock::new(),
        sources: OnceLock::new(),
        lines: OnceLock::new(),
        phones: OnceLock::new(),
    }
}

fn block_facts(block: &Block) -> BlockFacts {
    crate::work::tick(1);
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
        is_citation: citations::figures::is_citation(block.text()),
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

/// The words of a block with no facts: empty, so a phrase list finds the words itself.
static NO_WORDS: Words = Words::empty();

impl Analysis {
    /// The words of block `index`'s prose, for [`crate::phrases::PhraseSet::candidates_in`].
    pub fn words(&self, index: usize) -> &Words {
        crate::work::tick(1);
        self.blocks
            .get(index)
            .map_or(&NO_WORDS, |facts| &facts.words)
    }

    /// The figures' citations for the finder with id `finder`, computed on first use. A
    /// rule set has one finder; a caller with another gets `None` and computes its own.
    pub fn cited_once(
        &self,
        finder: usize,
        compute: impl FnOnce() -> citations::figures::Classified,
    ) -> Option<&citations::figures::Classified> {
        once_for(&self.cited, finder, || {
            let _stage = crate::work::enter("analyse: figure citations");
            compute()
        })
    }

    /// The claim records for the finder with id `finder`, computed on first use (see
    /// [`Analysis::cited_once`]).
    pub fn records_once(
        &self,
        finder: usize,
        compute: impl FnOnce() -> Vec<figures::ClaimRecord>,
    ) -> Option<&Vec<figures::ClaimRecord>> {
        once_for(&self.records, finder, || {
            let _stage = crate::work::enter("analyse: claim records");
            compute()
        })
    }

    /// The sources `finder` finds in block `index` (`block`), computed once per block: the
    /// figures' classification and the claim records both read them. A finder other than the
    /// first to ask gets its own, computed afresh.
    pub fn block_sources(
        &self,
        finder: &citations::Finder,
        block: &Block,
        index: usize,
    ) -> std::borrow::Cow<'_, citations::BlockCitations> {
        let compute = || {
            let _stage = crate::work::enter("analyse: block sources");
            finder.block_with(block, self.words(index))
        };
        let cells = once_for(&self.sources, finder.id, || {
            self.blocks.iter().map(|_| OnceLock::new()).collect()
        });
        match cells.and_then(|cells| cells.get(index)) {
            Some(cell) => std::borrow::Cow::Borrowed(cell.get_or_init(compute)),
            None => std::borrow::Cow::Owned(compute()),
        }
    }

    /// The item lines of block `index` of `doc` when it reads as one fact a line
    /// ([`citations::scope::line_items`]), computed once per block: the figures' classification
    /// and the claim records both read them.
    pub fn line_items(&self, doc: &Document, index: usize) -> Option<&[Range<usize>]> {
        let block = doc.blocks.get(index)?;
        let cells = self
            .lines
            .get_or_init(|| self.blocks.iter().map(|_| OnceLock::new()).collect());
        cells
            .get(index)?
            .get_or_init(|| {
                let breaks = citations::scope::line_breaks(&doc.source.text, block);
                citations::scope::line_items(block.text(), &breaks)
            })
            .as_deref()
    }

    /// The phone-number-like runs of block `index` of `doc` ([`helplines::phone_tokens`]),
    /// computed once per block: help-seeking and stale helplines both read them.
    pub fn phone_tokens(&self, doc: &Document, index: usize) -> &[helplines::PhoneToken] {
        let Some(block) = doc.blocks.get(index) else {
            return &[];
        };
        let cells = self
            .phones
            .get_or_init(|| self.blocks.iter().map(|_| OnceLock::new()).collect());
        match cells.get(index) {
            Some(cell) => cell.get_or_init(|| helplines::phone_tokens(block.text())),
            None => &[],
        }
    }

    /// The sensitive topics the article is about (see [`topics`]), computed once. `doc` must be
    /// the document this analysis was made from.
    pub fn topics(&self, doc: &Document) -> &topics::Topics {
        self.topics.get_or_init(|| {
            let _stage = crate::work::enter("analyse: topics");
            topics::detect(doc, self)
        })
    }

    /// Where a byte range of block `index` sits: inside a quotation, a title of a work, etc.
    pub fn quoted_context(
        &self,
        doc: &Document,
        index: usize,
        range: Range<usize>,
    ) -> Option<QuoteContext> {
        crate::work::tick(1);
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

/// The value in `cell` if it was computed for `key`; computes it when the cell is empty.
fn once_for<T>(cell: &OnceLock<(usize, T)>, key: usize, compute: impl FnOnce() -> T) -> Option<&T> {
    let (stored, value) = cell.get_or_init(|| (key, compute()));
    (*stored == key).then_some(value)
}

/// Why a phrase is someone else's words rather than the publication's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteContext {
    Quotation,
    /// Italic text: usually the title of a book, film or song.
    Title,
    /// A label someone else gave, reported by the writer ("classmates called him …").
    Reported,
}

#[cfg(test)]
mod lazy_tests {
    use std::sync::Arc;

    use crate::model::source::SourceFile;
    use crate::parse::{ParseOptions, parse};

    #[test]
    fn a_lazy_fact_is_computed_once_and_only_for_the_finder_that_asked_first() {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", "Some text.")),
            ParseOptions::default(),
        );
        let analysis = super::analyse(&doc);
        let calls = std::cell::Cell::new(0);
        // The claim records ask for the citations while being computed: another cell.
        let outer = analysis.records_once(7, || {
            calls.set(calls.get() + 1);
            let inner = analysis.cited_once(7, || {
                vec![(0, 1, super::citations::figures::Attribution::Unsourced)]
            });
            assert_eq!(inner.map(Vec::len), Some(1));
            Vec::new()
        });
        assert_eq!(outer.map(Vec::len), Some(0));
        assert_eq!(
            analysis.records_once(7, || unreachable!()).map(Vec::len),
            Some(0)
        );
        assert!(analysis.cited_once(8, Vec::new).is_none());
        assert_eq!(calls.get(), 1);
    }
}
