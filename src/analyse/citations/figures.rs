//! Which of an article's figures make claims, and how each is cited: the classification the
//! statistics rules, `figures/contradiction` and the claim records share.
//!
//! Why one file of ~1,050 lines: a figure's citation is carried across sentences, paragraphs,
//! captions and list items by one walk ([`cited_figures`]), and each test of where a source
//! continues reads that walk's state.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::analyse::Analysis;
use crate::analyse::citations::{BlockCitations, Finder, Scope, scope};
use crate::analyse::quantities::{Quantity, QuantityKind};
use crate::parse::{BlockKind, Document};

/// How a figure is attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attribution {
    Sourced,
    /// Only a weak phrase: its block and its range in that block's prose (a lead-in's phrase,
    /// "Research shows that:", stands in the block before its items).
    Weak(usize, Range<usize>),
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
/// "a study of 1,800 teens" is the study's sample, and so is "a studyof 1,800 teens", where
/// conversion glued a link's text to the word after it.
fn study_of_before(before: &str, studies: &[String]) -> bool {
    let head = before.trim_end();
    let last = head.rsplit(' ').next().unwrap_or_default();
    let noun = if last == "of" {
        head[..head.len() - 2].trim_end().rsplit(' ').next()
    } else {
        last.strip_suffix("of")
    };
    noun.is_some_and(|noun| studies.contains(&noun.to_lowercase()))
}

/// Ranges of a block sorted by start, with the furthest end so far, so the ones that meet a
/// range are found by binary search: a one-line article is one block with thousands of figures,
/// sources and weak phrases, and testing each figure against every one was quadratic.
struct SortedRanges {
    ranges: Vec<Range<usize>>,
    furthest_end: Vec<usize>,
}

impl SortedRanges {
    fn new(ranges: impl Iterator<Item = Range<usize>>) -> Self {
        let mut ranges: Vec<Range<usize>> = ranges.collect();
        // Stable: ranges with one start keep the order they were found in.
        ranges.sort_by_key(|r| r.start);
        let mut furthest = 0;
        let furthest_end = ranges
            .iter()
            .map(|r| {
                furthest = furthest.max(r.end);
                furthest
            })
            .collect();
        SortedRanges {
            ranges,
            furthest_end,
        }
    }

    /// The ranges that overlap `range` (start before its end, end after its start), in order.
    fn meeting<'a>(&'a self, range: &Range<usize>) -> impl Iterator<Item = &'a Range<usize>> {
        crate::work::tick(1);
        let first = self.furthest_end.partition_point(|end| *end <= range.start);
        let (start, end) = (range.start, range.end);
        self.ranges[first..]
            .iter()
            .take_while(move |r| r.start < end)
            .filter(move |r| r.end > start)
    }

    fn meets(&self, range: &Range<usize>) -> bool {
        self.meeting(range).next().is_some()
    }
}

/// Whether the word just before a count is one of `verbs` ("the trial followed 4,000 people").
fn verb_before(before: &str, verbs: &[String]) -> bool {
    let word = before
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    verbs.contains(&word)
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

/// What the blocks before this one say about its sources: a sourced lead-in ("According to
/// the National X Center:") covers the items after it, and a statement of where a section's
/// data come from covers the figures under it.
#[derive(Default)]
struct Carry {
    /// A lead-in's items are still running; `true` when the lead-in named a source.
    lead_in: Option<bool>,
    /// The weak phrase of the running lead-in that named no source ("Research shows that:"),
    /// which its items are attributed to: its block and range.
    lead_in_weak: Option<(usize, Range<usize>)>,
    /// The heading level whose section a data statement covers (0: the whole article).
    provenance: Option<u8>,
    /// Whether a block of the section so far held figures: a data statement by shape or a
    /// source note covers a section only when made before its figures.
    figures: bool,
    /// Whether a block of the section came before this one: a source note covers a section
    /// only as its first block.
    opened: bool,
    /// The last paragraph of the section that was not a lead-in's item: a lead-in right after
    /// a sourced paragraph ("A CDC study found ... The groups with the highest rates were:")
    /// and a paragraph opening "The research ..." point back to its source. Whether it is
    /// sourced is worked out only when asked.
    previous: Option<Previous>,
    /// The list (its paragraph group) that starts right after a paragraph of its section, and
    /// the kinds of figure that paragraph's last sentence gives when it names an accepted
    /// source (worked out when a figure asks): "... highest among White men (17.4 per
    /// 100,000).3" then a list of rates goes on with the data the paragraph has just cited.
    list_after: Option<(usize, Option<Vec<Family>>)>,
}

#[derive(Clone, Copy)]
enum Previous {
    Block(usize),
    Known(bool),
}

/// (block, quantity index, attribution) for every claim-making figure.
fn classify(doc: &Document, analysis: &Analysis, finder: &Finder) -> Classified {
    // The sample nouns and cues of `rules/statistics.yml` (built in, so always there).
    let sample = super::data().ok();
    let mut out = Vec::new();
    // Each paragraph group's blocks, found once: scanning the document per figure was
    // quadratic in an article of many short paragraphs.
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, b) in doc.blocks.iter().enumerate() {
        groups.entry(b.group).or_default().push(i);
    }
    let mut group_sources: FxHashMap<usize, bool> = FxHashMap::default();
    let mut captions: FxHashMap<(usize, bool), bool> = FxHashMap::default();
    // References are expected under a references heading and after an entry: there one mark of
    // citation shape makes a block an entry (see `entries`); prose is linted wherever it is.
    let mut reference_heading = false;
    let mut after_entry = false;
    let mut carry = Carry::default();
    let defined = finder.defined_sources(doc);
    // "... by age 24*" with "*Source: Kessler et al., 2005" at the foot of the page: a marker
    // after a figure points to the note that starts with it.
    let marked_note = doc.blocks.iter().any(|b| {
        !b.kind.is_heading()
            && b.text()
                .trim_start()
                .strip_prefix(NOTE_MARKERS)
                .is_some_and(|rest| is_source_line(rest.trim_start_matches(NOTE_MARKERS)))
    });
    let accepted_in = |sources: &BlockCitations| {
        SortedRanges::new(
            sources
                .strong
                .iter()
                .filter(|(_, kind)| finder.accepts(*kind))
                .map(|(s, _)| s.clone()),
        )
    };
    for (index, block) in doc.blocks.iter().enumerate() {
        if let BlockKind::Heading(level) = block.kind {
            reference_heading = finder.is_reference_heading(block.text());
            after_entry = false;
            carry.lead_in = None;
            carry.previous = None;
            carry.figures = false;
            carry.opened = false;
            if carry.provenance.is_some_and(|covered| level <= covered) {
                carry.provenance = None;
            }
            continue;
        }
        if block.kind.is_heading() {
            continue;
        }
        let Some(facts) = analysis.blocks.get(index) else {
            continue;
        };
        let text = block.text();
        let entry = facts.is_citation
            || ((reference_heading || after_entry)
                && block.kind != BlockKind::Code
                && super::entries::is_entry_in_references(block, text));
        after_entry = entry;
        if block.kind == BlockKind::Code || block.in_footnote || facts.is_quoted || entry {
            continue;
        }
        if block.kind != BlockKind::ListItem {
            carry.list_after = None;
        } else if carry
            .list_after
            .as_ref()
            .is_none_or(|(group, _)| *group != block.group)
        {
            let opens_after_paragraph = index
                .checked_sub(1)
                .and_then(|p| doc.blocks.get(p))
                .is_some_and(|p| {
                    p.kind == BlockKind::Paragraph
                        && p.section == block.section
                        && p.group != block.group
                });
            carry.list_after = opens_after_paragraph.then_some((block.group, None));
        }
        let lead_in = scope::is_lead_in(text);
        // Where the section's data come from: a data statement's phrase anywhere, or, said
        // before the section's figures, a statement by its shape (where its source must be
        // named) or a source note as the section's first block.
        let sentence_of = |at: usize| facts.sentence_of(at, text.len());
        let (provenance, shaped) = finder.provenance(
            text,
            analysis.words(index),
            (!carry.figures).then_some(&sentence_of as &dyn Fn(usize) -> Range<usize>),
        );
        let note = (!carry.figures && !carry.opened && block.kind == BlockKind::Paragraph)
            .then(|| finder.is_source_note(text).then_some(0..text.len()))
            .flatten();
        let origin = note.or(shaped);
        carry.opened = true;
        carry.figures |= !facts.quantities.is_empty();
        // Blocks without figures only matter as lead-ins, data statements and the paragraph
        // a lead-in follows.
        if facts.quantities.is_empty() && !lead_in && !provenance && origin.is_none() {
            carry.lead_in = carry.lead_in.filter(|_| is_item(block, text, facts));
            // The items of a lead-in keep what came before it; any other block is what comes
            // before the next.
            if carry.lead_in.is_none() {
                carry.previous =
                    (block.kind == BlockKind::Paragraph).then_some(Previous::Block(index));
            }
            continue;
        }
        let mut sources = analysis.block_sources(finder, block, index).into_owned();
        finder.defined_in(text, &defined, &mut sources.strong);
        let accepted_here = accepted_in(&sources);
        let accepted = |range: &Range<usize>| accepted_here.meets(range);
        let weak_sorted = SortedRanges::new(sources.weak.iter().cloned());
        let mut anaphora = Anaphora::default();
        let whole = 0..text.len();
        // The carried lead-in covers this block if it is one of its items.
        let under_lead_in = carry.lead_in.is_some() && is_item(block, text, facts);
        let covered_by_lead_in = match carry.lead_in {
            Some(sourced) if is_item(block, text, facts) => sourced,
            _ => {
                carry.lead_in = None;
                false
            }
        };
        let named_origin = origin.as_ref().is_some_and(&accepted);
        if (provenance && accepted(&whole)) || named_origin {
            let level = block
                .section
                .and_then(|h| doc.blocks.get(h))
                .and_then(|h| match h.kind {
                    BlockKind::Heading(level) => Some(level),
                    _ => None,
                })
                .unwrap_or(0);
            // A statement in a subsection does not narrow one that covers the section.
            carry.provenance = Some(carry.provenance.map_or(level, |covered| covered.min(level)));
        }
        let covered_by_provenance = carry.provenance.is_some();
        // Whether the paragraph before this one in its section named an accepted source.
        let mut previous_sourced = || match carry.previous {
            Some(Previous::Known(known)) => known,
            Some(Previous::Block(at)) => {
                let known = !accepted_sources((doc, analysis, finder), &defined, at).is_empty();
                carry.previous = Some(Previous::Known(known));
                known
            }
            None => false,
        };
        let opens_on_anaphora = block.kind == BlockKind::Paragraph && opens_with_anaphora(text);
        // Only lead-ins, paragraphs opening on "The study ..." and sentences with a weak phrase
        // ask about the paragraph before.
        let previous_named =
            (lead_in || opens_on_anaphora || !sources.weak.is_empty()) && previous_sourced();
        // "The research involved ...": a paragraph that opens on a definite research noun
        // goes on about the source the paragraph before it named.
        let continues_source = opens_on_anaphora && previous_named;
        if lead_in {
            // A lead-in that gestures at research of its own ("what research has to say:")
            // introduces other studies, not the one named before it.
            let sourced = accepted(&whole) || (sources.weak.is_empty() && previous_named);
            carry.lead_in = Some(sourced);
            // The sentence that ends on the colon introduces the items, and so does a weak
            // phrase up to WEAK_REACH sentences before it in the lead-in ("One large survey found
            // that 4.4% ... The rate among other groups is:"), as in running prose.
            let last = facts
                .sentences
                .iter()
                .rev()
                .nth(WEAK_REACH)
                .or(facts.sentences.first())
                .map_or(0, |s| s.start);
            carry.lead_in_weak = (!sourced)
                .then(|| {
                    sources
                        .weak
                        .iter()
                        .find(|w| w.start >= last)
                        .map(|w| (index, w.clone()))
                })
                .flatten();
            carry.previous = Some(Previous::Known(sourced));
        } else if !under_lead_in {
            carry.previous = (block.kind == BlockKind::Paragraph)
                .then_some(Previous::Known(accepted(&whole) || continues_source));
        }
        if facts.quantities.is_empty() {
            continue;
        }
        // One fact a line: each line is its own scope, and a sourced lead-in or source line
        // among them covers the lines it introduces or closes.
        let scopes: std::borrow::Cow<[Range<usize>]> = match analysis.line_items(doc, index) {
            Some(lines) => std::borrow::Cow::Borrowed(lines),
            None => std::borrow::Cow::Owned(vec![whole.clone()]),
        };
        // A name ends with its line: "... in Psychological Medicine" then "Individuals with
        // ..." on the next line reads as one capitalised run, and must not source that line.
        let clipped;
        let accepted_here = if scopes.len() > 1 {
            clipped = SortedRanges::new(accepted_here.ranges.iter().map(|s| {
                let line = scopes.partition_point(|l| l.end < s.start);
                let end = scopes.get(line).map_or(s.end, |l| s.end.min(l.end));
                s.start..end.max(s.start)
            }));
            &clipped
        } else {
            &accepted_here
        };
        let accepted = |range: &Range<usize>| accepted_here.meets(range);
        let mut line_covered = vec![false; scopes.len()];
        let mut line_weak: Vec<Option<Range<usize>>> = vec![None; scopes.len()];
        if scopes.len() > 1 {
            let mut lead: Option<bool> = None;
            let mut lead_weak: Option<Range<usize>> = None;
            for (i, line) in scopes.iter().enumerate() {
                let t = &text[line.clone()];
                if let Some(sourced) = lead {
                    line_covered[i] = sourced;
                    line_weak[i] = lead_weak.clone();
                }
                if scope::is_lead_in(t) {
                    lead = Some(accepted(line));
                    lead_weak = weak_sorted
                        .meeting(line)
                        .next()
                        .filter(|_| lead == Some(false))
                        .cloned();
                }
                if is_source_line(t) && accepted(line) {
                    let from = line_covered[..i]
                        .iter()
                        .rposition(|c| *c)
                        .map_or(0, |p| p + 1);
                    line_covered[from..i].iter_mut().for_each(|c| *c = true);
                }
            }
        }
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
            // Tens of people over a recurring period are a rate ("20 veterans ... each day");
            // a handful is a routine ("3 nurses visit every day").
            if quantity.kind == QuantityKind::Count
                && quantity.values.first().is_some_and(|v| {
                    *v < 10.0
                        || *v < 100.0
                            && !quantity
                                .window
                                .clone()
                                .is_some_and(|w| crate::analyse::quantities::recurs(&text[w]))
                })
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
                        || verb_before(&text[..r.start], &d.sample_verbs)
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
            // "... received 833,598 calls. This is a 27 percent increase from 2019, when it
            // received 656,953": arithmetic on two counts the text gives, whose sources (or
            // lack of them) are theirs.
            if quantity.kind == QuantityKind::RelativeChange
                && super::derived::is_change_between_counts(facts, quantity)
            {
                continue;
            }
            let line = scopes
                .iter()
                .position(|s| s.start <= r.start && r.start <= s.end)
                .unwrap_or(0);
            let scope = scopes.get(line).cloned().unwrap_or(whole.clone());
            let sentence = facts.sentence_of(r.start, text.len());
            // A sentence never reaches past its line.
            let sentence = sentence.start.max(scope.start)..sentence.end.min(scope.end);
            if sample.is_some_and(|d| {
                super::thresholds::is_threshold(text, sentence.start, quantity, &d.definitions)
            }) {
                continue;
            }
            let weak_here = weak_sorted
                .meeting(&sentence)
                .find(|w| !in_relative_clause_after(text, w, r.end));
            let attribution = if accepted(&sentence) {
                Attribution::Sourced
            } else if let Some(weak) = weak_here {
                if finder.scope == Scope::Paragraph
                    && refers_to_named(
                        text,
                        (&facts.sentences, &mut anaphora),
                        (&scope, &sentence),
                        weak,
                        previous_named,
                        &|r| accepted(r),
                    )
                {
                    Attribution::Sourced
                } else {
                    Attribution::Weak(index, weak.clone())
                }
            } else if finder.scope == Scope::Paragraph
                && (accepted(&scope)
                    || marked_note && has_note_marker(&text[sentence.clone()])
                    || line_covered.get(line).copied().unwrap_or(false)
                    || covered_by_lead_in
                    || list_after_sourced(
                        (doc, analysis, finder),
                        &defined,
                        (index, quantity.kind),
                        &mut carry,
                    )
                    || covered_by_provenance
                    || continues_source
                    || paragraph_has_source(
                        doc,
                        analysis,
                        finder,
                        (block.group, members(&groups, block.group)),
                        index,
                        &mut group_sources,
                    )
                    || *captions
                        .entry((block.group, block.kind == BlockKind::TableCell))
                        .or_insert_with(|| {
                            caption_has_source(
                                (doc, analysis),
                                finder,
                                members(&groups, block.group),
                                block.kind == BlockKind::TableCell,
                            )
                        }))
            {
                Attribution::Sourced
            } else if let Some(weak) = earlier_sentences(&facts.sentences, &sentence)
                .map(|before| before.start.max(scope.start)..before.end)
                .and_then(|before| weak_sorted.meeting(&before).last())
            {
                // "A small 2015 study compared ... More than 40 percent ...": the phrase of a
                // sentence shortly before in the paragraph still governs; further back, it is
                // out of reach.
                Attribution::Weak(index, weak.clone())
            } else if let Some((at, weak)) = line_weak
                .get(line)
                .cloned()
                .flatten()
                .map(|w| (index, w))
                .or_else(|| under_lead_in.then(|| carry.lead_in_weak.clone()).flatten())
            {
                // "Research shows that:" then its items: they are attributed to the lead-in's
                // phrase, not to nothing.
                Attribution::Weak(at, weak)
            } else {
                Attribution::Unsourced
            };
            out.push((index, qi, attribution));
        }
    }
    carry_to_restatements(doc, analysis, &mut out);
    out
}

/// A figure the article sources once and states again elsewhere (a list of key facts that
/// restates its paragraphs, a summary box) carries its source to the restatement. Only a
/// figure specific enough not to recur by chance counts: written with a decimal ("28.1 per
/// 100,000") or with three significant digits or more ("1,250 people"), the same way.
fn carry_to_restatements(doc: &Document, analysis: &Analysis, out: &mut Classified) {
    let key = |block: usize, qi: usize| -> Option<String> {
        let q = analysis.blocks.get(block)?.quantities.get(qi)?;
        let written = doc.blocks.get(block)?.text().get(q.range.clone())?;
        is_specific(written).then(|| written.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let sourced: rustc_hash::FxHashSet<String> = out
        .iter()
        .filter(|(_, _, a)| *a == Attribution::Sourced)
        .filter_map(|(b, qi, _)| key(*b, *qi))
        .collect();
    if sourced.is_empty() {
        return;
    }
    for (block, qi, attribution) in out.iter_mut() {
        if *attribution == Attribution::Unsourced
            && key(*block, *qi).is_some_and(|k| sourced.contains(&k))
        {
            *attribution = Attribution::Sourced;
        }
    }
}

/// Whether a figure as written is unlikely to recur by chance: a decimal with two significant
/// digits or more ("2.5%"), or three significant digits ("1,250", "365").
fn is_specific(written: &str) -> bool {
    let Some(number) = written
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .find(|t| t.bytes().any(|b| b.is_ascii_digit()))
    else {
        return false;
    };
    let number = number.trim_matches(['.', ',']);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0');
    let decimal = number
        .split_once('.')
        .is_some_and(|(whole, frac)| !whole.is_empty() && !frac.is_empty());
    if decimal {
        significant.len() >= 2
    } else {
        significant.trim_end_matches('0').len() >= 3
    }
}

/// Whether a weak phrase points at a source the scope names: "according to the report" after
/// a named report, or "a new study finds" when another sentence says who published the study.
fn refers_to_named(
    text: &str,
    (sentences, anaphora): (&[Range<usize>], &mut Anaphora),
    (scope, sentence): (&Range<usize>, &Range<usize>),
    weak: &Range<usize>,
    previous_named: bool,
    accepted: &dyn Fn(&Range<usize>) -> bool,
) -> bool {
    let phrase = text[weak.clone()].to_lowercase();
    // "The advisory cites data from several studies", "Murthy's report also cites a
    // meta-analysis": the sentence opens on the source named before it (earlier in the scope,
    // or in the paragraph before), whatever the studies behind it were.
    if opens_with_anaphora(&text[sentence.clone()])
        && (previous_named || accepted(&(scope.start..sentence.start)))
    {
        return true;
    }
    let nouns = super::words_of(|d| &d.anaphora_nouns);
    let Some(noun) = nouns.iter().position(|n| phrase.contains(n.as_str())) else {
        return false;
    };
    let definite = phrase.starts_with("the ")
        || phrase.starts_with("this ")
        || phrase.starts_with("according to the ")
        || phrase.starts_with("according to this ");
    // "the report": a source named earlier in the scope is the report.
    if definite && accepted(&(scope.start..sentence.start)) {
        return true;
    }
    // "a new study ...". Then "the journal X published the study".
    let named = anaphora.naming(text, sentences, nouns, noun, accepted);
    let from = named.partition_point(|s| s.start < scope.start);
    named[from..]
        .iter()
        .take_while(|s| s.start < scope.end)
        .any(|s| s.end <= scope.end && s != sentence)
}

/// For each anaphora noun, the sentences of a block that point back with it ("the study",
/// "this survey") and name an accepted source, in order, found once per block: each weak
/// figure asks, and lowercasing every sentence per figure was quadratic in a one-line article.
#[derive(Default)]
struct Anaphora {
    by_noun: Option<Vec<Vec<Range<usize>>>>,
}

impl Anaphora {
    fn naming(
        &mut self,
        text: &str,
        sentences: &[Range<usize>],
        nouns: &[String],
        noun: usize,
        accepted: &dyn Fn(&Range<usize>) -> bool,
    ) -> &[Range<usize>] {
        let by_noun = self.by_noun.get_or_insert_with(|| {
            let mut by_noun = vec![Vec::new(); nouns.len()];
            for s in sentences {
                crate::work::tick(1);
                let lower = text.get(s.clone()).unwrap_or_default().to_lowercase();
                for (i, n) in nouns.iter().enumerate() {
                    if (lower.contains(&format!("the {n}")) || lower.contains(&format!("this {n}")))
                        && accepted(s)
                    {
                        by_noun[i].push(s.clone());
                    }
                }
            }
            by_noun
        });
        by_noun.get(noun).map_or(&[], Vec::as_slice)
    }
}

/// Whether a paragraph or sentence opens on a definite research noun ("The study also
/// found", "These researchers", "Murthy's report"): it continues about a source named before it.
fn opens_with_anaphora(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(40).collect();
    let lower = head.to_lowercase();
    // "Murthy's report": a capitalised name's.
    let possessor = head
        .split_once(['\'', '’'])
        .filter(|(name, rest)| {
            rest.starts_with("s ")
                && name.starts_with(char::is_uppercase)
                && name.chars().all(char::is_alphabetic)
        })
        .map(|(name, _)| format!("{}’s ", name.to_lowercase()));
    let lower = lower.replace('\'', "’");
    let dets = ["the ", "this ", "these ", "that "];
    dets.iter()
        .map(|d| d.to_string())
        .chain(possessor)
        .any(|det| {
            lower.strip_prefix(det.as_str()).is_some_and(|rest| {
                super::words_of(|d| &d.anaphora_nouns).iter().any(|n| {
                    rest.strip_prefix(n.as_str())
                        .is_some_and(|after| after.starts_with([' ', ',', '\'', '’']))
                })
            })
        })
}

/// Whether a weak phrase after the figure opens a relative clause about something else:
/// "(10.5% vs. 6.2%), which experts suggest may be due to hormones" hedges the explanation,
/// not the figure.
fn in_relative_clause_after(text: &str, weak: &Range<usize>, figure_end: usize) -> bool {
    if weak.start < figure_end {
        return false;
    }
    // The last word only: lowercasing all the text before was quadratic in a one-line article.
    let before = crate::model::text::tail(text[..weak.start].trim_end(), 8).to_lowercase();
    ["which", "who", "whom", "whose"]
        .iter()
        .any(|r| before.ends_with(r) && is_whole_word_end(&before, before.len() - r.len()))
}

fn is_whole_word_end(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Where block `index` names a source the finder accepts, the article's defined abbreviations
/// (`defined`) included: its blocks' sources are found once, and shared with the figures'
/// classification.
fn accepted_sources(
    (doc, analysis, finder): (&Document, &Analysis, &Finder),
    defined: &[String],
    index: usize,
) -> Vec<Range<usize>> {
    let Some(block) = doc.blocks.get(index) else {
        return Vec::new();
    };
    let mut found = analysis.block_sources(finder, block, index).into_owned();
    finder.defined_in(block.text(), defined, &mut found.strong);
    found
        .strong
        .into_iter()
        .filter(|(_, kind)| finder.accepts(*kind))
        .map(|(range, _)| range)
        .collect()
}

/// Whether the list block `index` is in starts right after a paragraph whose last sentence
/// names an accepted source and gives a figure of the same family as `kind`
/// ([`Carry::list_after`]): the list goes on with that sentence's data. The paragraph is read
/// once a list.
fn list_after_sourced(
    (doc, analysis, finder): (&Document, &Analysis, &Finder),
    defined: &[String],
    (index, kind): (usize, QuantityKind),
    carry: &mut Carry,
) -> bool {
    let Some((group, known)) = &mut carry.list_after else {
        return false;
    };
    let families = known.get_or_insert_with(|| {
        // The paragraph the list follows: the block before its first item.
        let paragraph = doc.blocks[..index]
            .iter()
            .rposition(|b| b.group != *group)
            .unwrap_or(0);
        let Some(facts) = analysis.blocks.get(paragraph) else {
            return Vec::new();
        };
        let last = facts.sentences.last().map_or(0, |s| s.start);
        let sourced = accepted_sources((doc, analysis, finder), defined, paragraph)
            .iter()
            .any(|range| range.end > last);
        if !sourced {
            return Vec::new();
        }
        facts
            .quantities
            .iter()
            .filter(|q| q.range.start >= last)
            .map(|q| Family::of(q.kind))
            .collect()
    });
    families.contains(&Family::of(kind))
}

/// Kinds of figure that a list of the same data would give: shares (of any shape), rates,
/// counts, and comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Share,
    Rate,
    Count,
    Comparison,
    Other,
}

impl Family {
    fn of(kind: QuantityKind) -> Self {
        match kind {
            QuantityKind::Percentage
            | QuantityKind::PercentageRange
            | QuantityKind::Frequency
            | QuantityKind::Proportion => Family::Share,
            QuantityKind::Rate => Family::Rate,
            QuantityKind::Count => Family::Count,
            QuantityKind::Multiple | QuantityKind::RelativeChange | QuantityKind::OddsRatio => {
                Family::Comparison
            }
            _ => Family::Other,
        }
    }
}

/// Whether a block can be an item of a lead-in: a list item, or a short paragraph (one fact).
fn is_item(block: &crate::parse::Block, text: &str, facts: &crate::analyse::BlockFacts) -> bool {
    block.kind == BlockKind::ListItem
        || block.kind == BlockKind::TableCell
        || (block.kind == BlockKind::Paragraph && facts.sentences.len() <= 2 && text.len() <= 200)
}

/// A reference-list entry or citation line: authors and a year in brackets ("Smith, J.
/// (2019).", "Centers for X. (2025)."), a Vancouver entry ("2019;12(3):45-67"), or a line that
/// is a DOI or PMID with a title.
pub fn is_citation(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 600
        || !t
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let head = crate::model::text::head(t, 200);
    let b = head.as_bytes();
    // "(2019)." or "(2019, March 3)." right after the authors.
    let apa = head.match_indices('(').any(|(i, _)| {
        let rest = &b[i + 1..];
        rest.len() >= 6
            && (rest.starts_with(b"19") || rest.starts_with(b"20"))
            && rest[..4].iter().all(u8::is_ascii_digit)
            && (rest[4..].starts_with(b").") || rest[4..].starts_with(b", "))
            && head[..i].trim_end().ends_with(['.', ','])
    });
    // "2019;12(3):45-67" or "2019 Mar;12:45".
    // Most blocks have no semicolon near the start: one SIMD search rules the shape out.
    let vancouver = memchr::memchr(b';', b).is_some()
        && b.windows(5).any(|w| {
            (w.starts_with(b"19") || w.starts_with(b"20"))
                && w[..4].iter().all(u8::is_ascii_digit)
                && w[4] == b';'
        });
    // The two shapes first: most entries have one. Then the identifiers, without lower-casing
    // a copy: every block of every article is asked.
    apa || vancouver || (two_sentence_breaks(t) && identifier_cue().is_match(t))
}

/// Whether ". " occurs at least twice (it cannot overlap itself, so this is
/// `t.matches(". ").count() >= 2`), found with a SIMD search for the rarer '.'.
fn two_sentence_breaks(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr_iter(b'.', b)
        .filter(|&i| b.get(i + 1) == Some(&b' '))
        .nth(1)
        .is_some()
}

/// "doi:", "doi.org" and "pmid" in any case, searched with the automaton's prefilter.
fn identifier_cue() -> &'static aho_corasick::AhoCorasick {
    static CUES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["doi:", "doi.org", "pmid"])
            .unwrap_or_else(|_| unreachable!("three short literals always build"))
    })
}

/// How many sentences back a weak phrase still governs a figure.
const WEAK_REACH: usize = 3;

/// The text of the few sentences before `current` ([`WEAK_REACH`]), from the first of them to
/// the start of `current`.
fn earlier_sentences(sentences: &[Range<usize>], current: &Range<usize>) -> Option<Range<usize>> {
    // Sentences are in order: a binary search keeps one-paragraph articles with thousands of
    // figures linear.
    let at = sentences.partition_point(|s| s.start < current.start);
    let first = sentences.get(at.saturating_sub(WEAK_REACH))?;
    (at > 0).then_some(first.start..current.start)
}

/// The blocks of paragraph group `group`, in order.
fn members(groups: &FxHashMap<usize, Vec<usize>>, group: usize) -> &[usize] {
    groups.get(&group).map_or(&[], Vec::as_slice)
}

/// Whether another block of the paragraph (list, table) has an accepted source; cached per group
/// (the first block to ask decides which block is "other").
fn paragraph_has_source(
    doc: &Document,
    analysis: &Analysis,
    finder: &Finder,
    (group, members): (usize, &[usize]),
    except: usize,
    cache: &mut FxHashMap<usize, bool>,
) -> bool {
    if let Some(&found) = cache.get(&group) {
        return found;
    }
    let found = members
        .iter()
        .filter(|&&i| i != except)
        .filter_map(|&i| Some((i, doc.blocks.get(i)?)))
        .filter(|(_, b)| b.kind != BlockKind::Code)
        .any(|(i, b)| {
            analysis
                .block_sources(finder, b, i)
                .strong
                .iter()
                .any(|(_, k)| finder.accepts(*k))
        });
    cache.insert(group, found);
    found
}

/// Whether a caption or source line sources a whole group: for a table, an accepted source in
/// the paragraph just before or after it; for any paragraph or list, a *source line* just after
/// it ("Source: ...", "For more information, see PMID ...", an APA-style reference).
fn caption_has_source(
    (doc, analysis): (&Document, &Analysis),
    finder: &Finder,
    members: &[usize],
    is_table: bool,
) -> bool {
    let (Some(&first), Some(&last)) = (members.first(), members.last()) else {
        return false;
    };
    let accepted = |(i, b): (usize, &crate::parse::Block)| {
        analysis
            .block_sources(finder, b, i)
            .strong
            .iter()
            .any(|(_, k)| finder.accepts(*k))
    };
    let at = |i: usize| Some((i, doc.blocks.get(i)?));
    let before = first.checked_sub(1).and_then(at);
    let after = at(last + 1);
    if is_table {
        return [before, after]
            .into_iter()
            .flatten()
            .any(|(i, b)| b.kind == BlockKind::Paragraph && accepted((i, b)));
    }
    after.is_some_and(|(i, b)| {
        b.kind == BlockKind::Paragraph && is_source_line(b.text()) && accepted((i, b))
    })
}

/// Marks that tie a figure to a note below it.
const NOTE_MARKERS: [char; 3] = ['*', '†', '‡'];

/// Whether `text` holds a note marker glued after a word or figure ("age 24*", "12%†"); a
/// marker after a space is a bullet or a stray emphasis mark.
fn has_note_marker(text: &str) -> bool {
    let mut previous = ' ';
    text.chars().any(|c| {
        let marked = NOTE_MARKERS.contains(&c)
            && (previous.is_alphanumeric() || matches!(previous, '%' | ')' | '.'));
        previous = c;
        marked
    })
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
            // Bytes, not text: "(19–28 years)" puts a dash inside the first four bytes.
            let rest = &head.as_bytes()[i + 1..];
            rest.len() >= 6
                && (rest.starts_with(b"19") || rest.starts_with(b"20"))
                && rest[..4].iter().all(u8::is_ascii_digit)
                && rest[4..].starts_with(b").")
        });
    labelled || apa
}

/// Whether a figure is a vague quantifier ("the majority of cases", "a vast majority"): the
/// guidelines do not count these as statistics, though the figure checks still read them
/// against the counts beside them.
pub fn is_vague(quantity: &Quantity, text: &str) -> bool {
    quantity.kind == QuantityKind::Proportion
        && text
            .get(quantity.range.clone())
            .is_some_and(|t| t.to_lowercase().ends_with("majority"))
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
        QuantityKind::Average => "average",
    }
}
