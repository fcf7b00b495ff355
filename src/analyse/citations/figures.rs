//! Which of an article's figures make claims, and how each is cited: the classification the
//! statistics rules, `figures/contradiction` and the claim records share.

use std::ops::Range;

use crate::analyse::Analysis;
use crate::analyse::citations::{Finder, Scope};
use crate::analyse::quantities::{Quantity, QuantityKind};
use crate::parse::{BlockKind, Document};

/// How a figure is attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attribution {
    Sourced,
    /// Only a weak phrase: its range in the block's prose.
    Weak(Range<usize>),
    Unsourced,
}

/// A figure in the article that makes a claim, with its attribution.
pub struct CitedFigure<'a> {
    pub block: usize,
    pub quantity: &'a Quantity,
    pub attribution: Attribution,
}

/// (block, quantity index, attribution) for every claim-making figure.
pub type Classified = Vec<(usize, usize, Attribution)>;

/// Statistical details that belong to a figure rather than being claims of their own.
fn is_detail(kind: QuantityKind) -> bool {
    matches!(
        kind,
        QuantityKind::PValue | QuantityKind::ConfidenceInterval | QuantityKind::Correlation
    )
}

/// Whether the text before a count ends "a study of" (the count's qualifier is in the count):
/// "a study of 1,800 teens" is the study's sample.
fn study_of_before(before: &str, studies: &[String]) -> bool {
    let Some(head) = before.trim_end().strip_suffix(" of") else {
        return false;
    };
    let noun = head.rsplit(' ').next().unwrap_or_default().to_lowercase();
    studies.contains(&noun)
}

/// Every claim-making figure in the article, classified. Figures in headings, code, quotations,
/// footnote definitions and reference sections are not claims of the article.
pub fn cited_figures<'a>(
    doc: &'a Document,
    analysis: &'a Analysis,
    finder: &Finder,
) -> Vec<CitedFigure<'a>> {
    // Computed once per document for the rule set's finder and shared by the two statistics
    // rules, the contradiction check and the claim records.
    let classified = match analysis.cited_once(finder.id, || classify(doc, analysis, finder)) {
        Some(found) => std::borrow::Cow::Borrowed(found),
        None => std::borrow::Cow::Owned(classify(doc, analysis, finder)),
    };
    classified
        .iter()
        .filter_map(|(block, qi, attribution)| {
            Some(CitedFigure {
                block: *block,
                quantity: analysis.blocks.get(*block)?.quantities.get(*qi)?,
                attribution: attribution.clone(),
            })
        })
        .collect()
}

/// (block, quantity index, attribution) for every claim-making figure.
fn classify(doc: &Document, analysis: &Analysis, finder: &Finder) -> Classified {
    // The sample nouns and cues of `rules/statistics.yml` (built in, so always there).
    let sample = super::data().ok();
    let mut out = Vec::new();
    let mut group_sources: Vec<(usize, bool)> = Vec::new();
    let mut in_references = false;
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind.is_heading() {
            in_references = finder.is_reference_heading(block.text());
            continue;
        }
        let Some(facts) = analysis.blocks.get(index) else {
            continue;
        };
        if in_references
            || block.kind == BlockKind::Code
            || block.in_footnote
            || facts.is_quoted
            || facts.quantities.is_empty()
        {
            continue;
        }
        let sources = finder.block_with(block, analysis.words(index));
        let text = block.text();
        for (qi, quantity) in facts.quantities.iter().enumerate() {
            let r = quantity.range.clone();
            if is_detail(quantity.kind)
                || facts
                    .quotes
                    .iter()
                    .any(|q| q.start <= r.start && r.end <= q.end)
            {
                continue;
            }
            // Small counts of people are narrative ("5 people joined later"), not statistics.
            if quantity.kind == QuantityKind::Count
                && quantity.values.first().is_some_and(|v| *v < 100.0)
            {
                continue;
            }
            if quantity.kind == QuantityKind::Count {
                let population = quantity
                    .population
                    .clone()
                    .map(|p| text[p].to_lowercase())
                    .unwrap_or_default();
                // A sample noun ("1,635 participants"), or the N another figure is a share of
                // ("1,208 men ... 41% of them").
                // "230 women surveyed", "1,208 men in the study": a sample, described.
                let after: String = text[r.end..]
                    .chars()
                    .take(40)
                    .collect::<String>()
                    .to_lowercase();
                let described = sample.is_some_and(|d| {
                    d.sample_cues.iter().any(|c| after.contains(c.as_str()))
                        || study_of_before(&text[..r.start], &d.sample_studies)
                });
                let is_sample = described
                    || sample.is_some_and(|d| {
                        d.sample_nouns
                            .iter()
                            .any(|n| population.contains(n.as_str()))
                    })
                    || facts.quantities.iter().enumerate().any(|(other, q)| {
                        other != qi
                            && q.sample_size
                                .is_some_and(|n| quantity.values.first() == Some(&(n as f64)))
                    });
                if is_sample {
                    continue;
                }
            }
            let sentence = facts.sentence_of(r.start, text.len());
            let overlaps = |x: &Range<usize>, y: &Range<usize>| x.start < y.end && y.start < x.end;
            let strong_in = |range: &Range<usize>| {
                sources
                    .strong
                    .iter()
                    .any(|(s, kind)| overlaps(s, range) && finder.accepts(*kind))
            };
            let attribution = if strong_in(&sentence) {
                Attribution::Sourced
            } else if let Some(weak) = sources.weak.iter().find(|w| overlaps(w, &sentence)) {
                Attribution::Weak(weak.clone())
            } else if finder.scope == Scope::Paragraph
                && (strong_in(&(0..text.len()))
                    || paragraph_has_source(doc, finder, block.group, index, &mut group_sources)
                    || caption_has_source(
                        doc,
                        finder,
                        block.group,
                        block.kind == BlockKind::TableCell,
                    ))
            {
                Attribution::Sourced
            } else if let Some(weak) = previous_sentence(&facts.sentences, &sentence)
                .and_then(|prev| sources.weak.iter().find(|w| overlaps(w, &prev)))
            {
                // "One study found X. It also found 41%": the phrase of the sentence just
                // before still governs; further back, it is out of reach.
                Attribution::Weak(weak.clone())
            } else {
                Attribution::Unsourced
            };
            out.push((index, qi, attribution));
        }
    }
    out
}

fn previous_sentence(sentences: &[Range<usize>], current: &Range<usize>) -> Option<Range<usize>> {
    // Sentences are in order: a binary search keeps one-paragraph articles with thousands of
    // figures linear.
    let at = sentences.partition_point(|s| s.start < current.start);
    (sentences.get(at) == Some(current)).then_some(())?;
    at.checked_sub(1).and_then(|i| sentences.get(i)).cloned()
}

/// Whether another block of the paragraph (list, table) has an accepted source; cached per group.
fn paragraph_has_source(
    doc: &Document,
    finder: &Finder,
    group: usize,
    except: usize,
    cache: &mut Vec<(usize, bool)>,
) -> bool {
    if let Some(&(_, found)) = cache.iter().find(|(g, _)| *g == group) {
        return found;
    }
    let found = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| b.group == group && *i != except && b.kind != BlockKind::Code)
        .any(|(_, b)| {
            finder
                .block(b)
                .strong
                .iter()
                .any(|(_, k)| finder.accepts(*k))
        });
    cache.push((group, found));
    found
}

/// Whether a caption or source line sources a whole group: for a table, an accepted source in
/// the paragraph just before or after it; for any paragraph or list, a *source line* just after
/// it ("Source: ...", "For more information, see PMID ...", an APA-style reference).
fn caption_has_source(doc: &Document, finder: &Finder, group: usize, is_table: bool) -> bool {
    let first = doc.blocks.iter().position(|b| b.group == group);
    let last = doc.blocks.iter().rposition(|b| b.group == group);
    let (Some(first), Some(last)) = (first, last) else {
        return false;
    };
    let accepted = |b: &crate::parse::Block| {
        finder
            .block(b)
            .strong
            .iter()
            .any(|(_, k)| finder.accepts(*k))
    };
    let before = first.checked_sub(1).and_then(|i| doc.blocks.get(i));
    let after = doc.blocks.get(last + 1);
    if is_table {
        return [before, after]
            .into_iter()
            .flatten()
            .any(|b| b.kind == BlockKind::Paragraph && accepted(b));
    }
    after.is_some_and(|b| b.kind == BlockKind::Paragraph && is_source_line(b.text()) && accepted(b))
}

/// A paragraph that only says where figures come from.
fn is_source_line(text: &str) -> bool {
    let t = text.trim_start();
    let lower: String = t.chars().take(40).collect::<String>().to_lowercase();
    let labelled = [
        "source",
        "data source",
        "for more information, see",
        "references",
        "citation",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    // "Centers for Disease Control and Prevention. (2025). Web-based ..."
    let head: String = t.chars().take(200).collect();
    let apa = t.chars().next().is_some_and(char::is_uppercase)
        && head.match_indices("(").any(|(i, _)| {
            let rest = &head[i + 1..];
            rest.len() >= 6
                && (rest.starts_with("19") || rest.starts_with("20"))
                && rest[..4].chars().all(|c| c.is_ascii_digit())
                && rest[4..].starts_with(").")
        });
    labelled || apa
}

/// How a kind of figure is named in messages.
pub fn kind_name(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Percentage => "percentage",
        QuantityKind::PercentageRange => "percentage range",
        QuantityKind::PercentagePoints => "change in percentage points",
        QuantityKind::Frequency => "natural frequency",
        QuantityKind::Proportion => "proportion",
        QuantityKind::Multiple => "relative likelihood",
        QuantityKind::RelativeChange => "relative change",
        QuantityKind::Count => "count",
        QuantityKind::Rate => "rate",
        QuantityKind::OddsRatio => "odds or risk ratio",
        QuantityKind::ConfidenceInterval => "confidence interval",
        QuantityKind::PValue => "p-value",
        QuantityKind::Correlation => "correlation",
    }
}
