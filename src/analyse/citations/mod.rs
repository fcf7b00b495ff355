//! Citations: where the figures of an article are sourced (the citation finder), and which
//! figure is cited how ([`figures`]).
//!
//! For each statistic the sentence is searched first, then (with `scope: paragraph`) the rest of
//! its paragraph. A *strong* source is something a reader can follow or look up: a link, a
//! footnote or bracketed reference, a parenthetical citation, a DOI or PMID, a named study
//! (year plus journal, author or institution), or a named organisation. A *weak* attribution
//! tells the reader a source exists without naming it ("studies suggest", "one study found").
//!
//! Why one file of ~1,830 lines (about 320 are tests): the finder's phrase lists and the shapes
//! of links, footnotes, parenthetical citations and named studies are one pass over a block;
//! which figure is cited how is in [`figures`].

mod derived;
mod entries;
pub mod figures;
pub mod nouns;
pub mod scope;
mod thresholds;
mod weak;

use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::text::{head, slice};
use crate::parse::{Block, InlineKind};
use crate::phrases::{PhraseSet, Words, is_case_edge, is_whole_word};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    pub version: u32,
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, crate::data::Guideline>,
    pub weak_phrases: Vec<String>,
    /// Weak attribution as word classes around a head ([`weak`]).
    #[serde(default)]
    pub weak_cues: weak::WeakCueData,
    pub source_cues: Vec<String>,
    pub organisations: Vec<String>,
    pub journals: Vec<String>,
    pub reference_headings: Vec<String>,
    /// Words that mark a reference entry where references are expected ([`entries`]).
    #[serde(default)]
    pub reference_entry_cues: Vec<String>,
    /// Nouns that make a count a study's sample ("participants").
    pub sample_nouns: Vec<String>,
    /// Words just after a count that describe it as a study's sample ("surveyed").
    pub sample_cues: Vec<String>,
    pub officials: Vec<String>,
    pub link_residue: Vec<String>,
    pub organisation_heads: Vec<String>,
    /// Words that introduce an organisation's name ("the charity Beat").
    pub organisation_descriptors: Vec<String>,
    /// Nouns before "in" that make a journal's name a study's place of publication ("a study
    /// in Developmental Psychology").
    pub published_in_nouns: Vec<String>,
    /// Nouns after "magazine" or "newspaper" that make the periodical a study's author ("a
    /// Glamour magazine survey").
    pub periodical_nouns: Vec<String>,
    /// The last parts of web addresses credited in brackets ("(NAMI.org)").
    pub web_address_endings: Vec<String>,
    pub journal_words: Vec<String>,
    pub provenance_cues: Vec<String>,
    /// Words a data statement opens on ("The most-cited statistics on X come from ...").
    #[serde(default)]
    pub provenance_nouns: Vec<String>,
    /// Words that say where those data come from ("come from", "are based on").
    #[serde(default)]
    pub provenance_links: Vec<String>,
    /// Labels of a line that names a source ("Source: ...").
    #[serde(default)]
    pub source_note_labels: Vec<String>,
    /// Nouns whose "of" makes the count after it a sample ("a study of 1,800 teens").
    #[serde(default)]
    pub sample_studies: Vec<String>,
    /// Verbs just before a count that make it a study's sample ("followed over 4,000 people").
    #[serde(default)]
    pub sample_verbs: Vec<String>,
    /// Nouns for a piece of research that a journal's title before them can identify.
    pub study_nouns: Vec<String>,
    /// Words in a name that only journals' titles use.
    pub journal_only_words: Vec<String>,
    /// Verbs that complete a weak phrase ("One study" + "found"), so the label covers both.
    pub reporting_verbs: Vec<String>,
    /// Nouns a definite article can point back with ("The study also found").
    pub anaphora_nouns: Vec<String>,
    /// Words a wrapped line ends on when its sentence goes on.
    pub wrap_connectors: Vec<String>,
    /// Words after a weak phrase's head noun that end its noun phrase ("a study of").
    pub phrase_enders: Vec<String>,
    /// Words that make a bounded figure the line a definition draws, not a claim.
    #[serde(default)]
    pub definitions: Definitions,
    /// A name's possessive before a source noun ("Mental Health America's website").
    #[serde(default)]
    pub possessive_sources: PossessiveSources,
}

/// What makes "on Mental Health America's website" or "in Mumsnet's 2019 poll" a named source:
/// a capitalised name, its possessive, then a source noun, with at most a year and a few
/// modifiers between.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PossessiveSources {
    /// What a name's possessive can own that a figure comes from ("website", "poll", "data").
    pub nouns: Vec<String>,
    /// Words allowed between the possessive and the noun ("own", "annual", "latest").
    pub modifiers: Vec<String>,
    /// Names that own no source a reader could look up: places and times ("Britain's biggest
    /// survey", "Today's report").
    pub not_names: Vec<String>,
}

/// What makes "fewer than 200,000 people" in "considered rare, meaning they affect fewer than
/// 200,000 people" a threshold: a definition cue in the figure's clause, or a condition word
/// after a classifying verb.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definitions {
    /// Phrases that introduce a definition's line on their own ("defined as", "cut-off").
    pub cues: Vec<String>,
    /// Verbs that put something in a class ("considered", "diagnosed").
    pub classifiers: Vec<String>,
    /// Words that, after a classifier, give the class's condition ("if", "meaning").
    pub conditions: Vec<String>,
    /// Predicates after a bounded figure that make it a criterion: "a loss of more than 5% in
    /// a month is a clinical indicator".
    #[serde(default)]
    pub predicates: Vec<String>,
    /// Nouns of change after "N% or more" that make the figure a response criterion: "a 30%
    /// or greater reduction".
    #[serde(default)]
    pub outcome_nouns: Vec<String>,
}

/// One word list of the built-in data. A finder is only built from data that loaded (and a test
/// loads it), so past that point broken data cannot occur; it would read as an empty list.
pub(crate) fn words_of(pick: fn(&Data) -> &Vec<String>) -> &'static [String] {
    data().map_or(&[], |d| pick(d).as_slice())
}

pub fn data() -> Result<&'static Data, String> {
    static CELL: OnceLock<Result<Data, String>> = OnceLock::new();
    CELL.get_or_init(|| crate::data::parse("rules/statistics.yml"))
        .as_ref()
        .map_err(Clone::clone)
}

/// What a publication accepts as a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Require {
    /// Something a reader can follow: a link, a footnote, a reference, a DOI or PMID.
    Link,
    /// A link, or a named study, organisation or dataset.
    #[default]
    NamedSourceOk,
}

/// How far from a figure its source may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Sentence,
    #[default]
    Paragraph,
}

/// What kind of citation a source in the text is (a "source" here is always a citation, never
/// the article's source text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationKind {
    /// A link out of the page.
    Link,
    /// A footnote reference (`[^2]`).
    Footnote,
    /// A numbered reference: `(1)`, `[1]`, `¹`, a marker fused after punctuation.
    Reference,
    /// A work named by author and year ("(Smith et al., 2020)") or in HTML `<cite>`.
    NamedWork,
    /// A DOI, PMID or similar identifier.
    Identifier,
    /// A study, survey or data set by name ("the NCS-R", "a study in JAMA Psychiatry").
    NamedStudy,
    /// A body by name or by the shape of its name ("the National Institute of ...").
    NamedOrganisation,
}

impl CitationKind {
    fn followable(self) -> bool {
        matches!(
            self,
            CitationKind::Link
                | CitationKind::Footnote
                | CitationKind::Reference
                | CitationKind::Identifier
        )
    }
}

/// Sources and weak phrases found in one block, as ranges of its prose text.
#[derive(Debug, Default, Clone)]
pub struct BlockCitations {
    pub strong: Vec<(Range<usize>, CitationKind)>,
    pub weak: Vec<Range<usize>>,
}

/// The source a sentence names for the figure at `at`, normalised for comparison: the named
/// source in the sentence nearest the figure ("the CDC", "Smith et al.", a footnote `[^2]`).
/// Two figures naming different sources measure possibly different things.
pub fn cited_name(
    block: &Block,
    sources: &BlockCitations,
    sentence: &Range<usize>,
    at: usize,
) -> Option<String> {
    let text = block.text();
    let distance = |r: &Range<usize>| {
        if r.end <= at {
            at - r.end
        } else {
            r.start.saturating_sub(at)
        }
    };
    let (range, kind) = sources
        .strong
        .iter()
        .filter(|(r, _)| r.start < sentence.end && sentence.start < r.end)
        .min_by_key(|(r, _)| (distance(r), r.start))?;
    // A link is its address, whatever its text says.
    if *kind == CitationKind::Link {
        let url = block.inlines.iter().find_map(|inline| match &inline.kind {
            InlineKind::Link { url } if inline.range == *range => Some(url),
            _ => None,
        });
        if let Some(url) = url {
            let url = url.trim_end_matches('/');
            let bare = url.split_once("://").map_or(url, |(_, rest)| rest);
            return Some(bare.trim_start_matches("www.").to_lowercase());
        }
    }
    let name = text.get(range.clone())?;
    // The capitalised words name the source ("the Royal College of Nursing survey" and "a
    // survey by the Royal College of Nursing" are one); with none, the whole text does.
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric() && c != '^')
        .filter(|w| !w.is_empty())
        .collect();
    let proper: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c == '^'))
        .filter(|w| !matches!(*w, "The" | "A" | "An"))
        .collect();
    let chosen = if proper.is_empty() { words } else { proper };
    let normalised = chosen.join(" ").to_lowercase();
    (!normalised.is_empty()).then_some(normalised)
}

/// A name of two or more capitalised words starting at `at` ("Diagnostic and Statistical
/// Manual", "Office for National Statistics"), over "of", "for", "and", "on" between them.
fn capitalised_name(
    text: &str,
    at: usize,
    word_len: impl Fn(&str) -> usize,
) -> Option<Range<usize>> {
    let mut words = 0;
    let mut end = at;
    let mut probe = at;
    loop {
        let rest = text.get(probe..)?;
        let len = word_len(rest);
        let word = &rest[..len];
        if len > 0 && word.starts_with(char::is_uppercase) {
            words += 1;
            end = probe + len;
        } else if !(words > 0 && matches!(word, "of" | "for" | "and" | "on")) {
            break;
        }
        match text.get(probe + len..).and_then(|r| r.strip_prefix(' ')) {
            Some(_) => probe += len + 1,
            None => break,
        }
    }
    (words >= 2).then_some(at..end)
}

/// The phrase lists, compiled once per rule instance.
#[derive(Debug)]
pub struct Finder {
    weak: PhraseSet,
    weak_cues: weak::WeakCues,
    cues: PhraseSet,
    organisations: PhraseSet,
    journals: PhraseSet,
    reference_headings: PhraseSet,
    residue: PhraseSet,
    /// `provenance_cues` (entry 0) and `provenance_links` (entry 1), read in one pass: every
    /// block is asked.
    provenance: PhraseSet,
    heads: Vec<String>,
    journal_words: Vec<String>,
    pub require: Require,
    pub scope: Scope,
    /// Unique per finder ever built, so results computed with it can be shared safely.
    pub id: usize,
}

impl Finder {
    pub fn new(
        require: Require,
        scope: Scope,
        trusted: &[String],
        extra_weak: &[String],
    ) -> Result<Self, String> {
        let data = data()?;
        let list = |items: &[String], case_sensitive: bool| {
            PhraseSet::new(items.iter().map(|p| (0, p.as_str(), case_sensitive)))
        };
        // Names, and the cues and link residue around them, are also found where conversion
        // glued them to the word before or after at a case change ("theNational Institute",
        // "published inAmerican").
        let names = |items: &[String], case_sensitive: bool| {
            list(items, case_sensitive).map(PhraseSet::at_case_edges)
        };
        let weak: Vec<String> = data
            .weak_phrases
            .iter()
            .chain(extra_weak)
            .cloned()
            .collect();
        // Acronyms are matched as written ("WHO", not "who"); names and trusted sources in any case.
        let organisations = PhraseSet::new(
            data.organisations
                .iter()
                .map(|o| (0, o.as_str(), o.chars().all(|c| !c.is_lowercase())))
                .chain(data.officials.iter().map(|o| (0, o.as_str(), true)))
                .chain(trusted.iter().map(|t| (0, t.as_str(), false))),
        )?
        .at_case_edges();
        Ok(Finder {
            weak: list(&weak, false)?,
            weak_cues: weak::WeakCues::new(&data.weak_cues),
            cues: names(&data.source_cues, false)?,
            organisations,
            journals: names(&data.journals, true)?,
            reference_headings: list(&data.reference_headings, false)?,
            residue: names(&data.link_residue, false)?,
            provenance: PhraseSet::new(
                data.provenance_cues
                    .iter()
                    .map(|p| (0, p.as_str(), false))
                    .chain(data.provenance_links.iter().map(|p| (1, p.as_str(), false))),
            )?,
            heads: data.organisation_heads.clone(),
            journal_words: data.journal_words.clone(),
            require,
            scope,
            id: {
                static NEXT: std::sync::atomic::AtomicUsize =
                    std::sync::atomic::AtomicUsize::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        })
    }

    /// Whether a heading introduces a list of references.
    pub fn is_reference_heading(&self, text: &str) -> bool {
        self.reference_headings
            .prefix_of(text.trim())
            .is_some_and(|m| m.end >= text.trim().len())
    }

    pub fn block(&self, block: &Block) -> BlockCitations {
        self.block_with(block, &Words::new(block.text()))
    }

    /// [`Finder::block`] for a block whose words were found already (the analysis keeps them:
    /// [`crate::analyse::Analysis::words`]).
    pub fn block_with(&self, block: &Block, words: &Words) -> BlockCitations {
        let text = block.text();
        crate::work::tick(text.len());
        let mut out = BlockCitations::default();
        for inline in &block.inlines {
            match &inline.kind {
                InlineKind::Link { url } if !url.starts_with('#') => {
                    out.strong.push((inline.range.clone(), CitationKind::Link));
                }
                InlineKind::FootnoteReference { .. } => {
                    out.strong
                        .push((inline.range.clone(), CitationKind::Footnote));
                }
                // HTML `<cite>`: the work a claim comes from, named.
                InlineKind::Cite => {
                    out.strong
                        .push((inline.range.clone(), CitationKind::NamedWork));
                }
                InlineKind::Html { html } if html.eq_ignore_ascii_case("<sup>") => {
                    // `<sup>3</sup>`: a superscript reference number.
                    let after = &text[inline.range.end..];
                    let digits = after.len()
                        - after
                            .trim_start_matches(|c: char| c.is_ascii_digit() || c == ',')
                            .len();
                    if digits > 0 {
                        out.strong.push((
                            inline.range.end..inline.range.end + digits,
                            CitationKind::Footnote,
                        ));
                    }
                }
                _ => {}
            }
        }
        bare_urls(text, &mut out.strong);
        glued_reference_numerals(text, &mut out.strong);
        bracket_references(text, &mut out.strong);
        parenthetical_citations(text, &mut out.strong);
        identifiers(text, &mut out.strong);
        for m in self.organisations.find_iter_in(text, words) {
            out.strong
                .push((m.start..m.end, CitationKind::NamedOrganisation));
        }
        for m in self.cues.find_iter_in(text, words) {
            if let Some(named) = self.named_after_cue(text, m.end) {
                out.strong.push((named, CitationKind::NamedStudy));
            }
        }
        named_studies(text, &mut out.strong);
        for m in self.residue.find_iter_in(text, words) {
            out.strong.push((m.start..m.end, CitationKind::Reference));
        }
        superscripts_and_numbers(text, &mut out.strong);
        bracketed_addresses(text, &mut out.strong);
        for (run, words_in) in capitalised_runs(text) {
            let proper = words_in
                .iter()
                .filter(|w| {
                    !matches!(
                        **w,
                        "The"
                            | "A"
                            | "An"
                            | "This"
                            | "That"
                            | "Our"
                            | "Their"
                            | "Its"
                            | "Many"
                            | "Some"
                            | "Most"
                            | "Each"
                            | "Every"
                            | "Any"
                            | "New"
                    )
                })
                .count();
            let headed = proper >= 2 && words_in.iter().any(|w| self.heads.iter().any(|h| h == w));
            if headed || (proper >= 1 && self.described_as_organisation(&text[..run.start])) {
                out.strong.push((run, CitationKind::NamedOrganisation));
            }
        }
        self.published_in(text, &mut out.strong);
        self.periodicals(text, &mut out.strong);
        self.named_before_noun(text, &mut out.strong);
        possessive_sources(text, &mut out.strong);
        for m in self.weak.find_iter_in(text, words) {
            out.weak.push(m.start..extend_over_verb(text, m.end));
        }
        self.weak_cues.find(text, &mut out.weak);
        out.weak.sort_by_key(|r| (r.start, r.end));
        out.strong.sort_by_key(|(r, _)| (r.start, r.end));
        out
    }

    /// After "according to", "published in", ...: a journal or a Capitalised name
    /// ("the Mayo Clinic", "Statistics Norway") makes a named source; "one survey" does not.
    fn named_after_cue(&self, text: &str, at: usize) -> Option<Range<usize>> {
        let rest = text[at..].trim_start();
        let start = text.len() - rest.len();
        let rest_no_article = rest.strip_prefix("the ").unwrap_or(rest);
        let offset = start + (rest.len() - rest_no_article.len());
        if let Some(j) = self.journals.prefix_of(rest_no_article) {
            return Some(offset..offset + j.end);
        }
        // The run of capitalised words: "Mayo Clinic", "Statistics Norway".
        let word_len = |s: &str| {
            let n = s
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.')))
                .map_or(s.len(), |(i, _)| i);
            s[..n].trim_end_matches('.').len()
        };
        let first = &rest_no_article[..word_len(rest_no_article)];
        // "Mayo Clinic", and names written in camel case ("webMD").
        let capitalised = first.chars().next().is_some_and(char::is_uppercase)
            || (first.chars().skip(1).any(char::is_uppercase)
                && first.chars().all(char::is_alphanumeric));
        let is_weak = matches!(
            first.to_lowercase().as_str(),
            "one" | "a" | "an" | "some" | "another" | "many" | "several" | "recent"
        );
        if is_weak {
            return None;
        }
        if !capitalised || first.chars().count() < 2 {
            // "according to the information published by the NCRB": a few plain words, then
            // "by" or "from" and a name that is an acronym or an organisation's name.
            let mut pos = offset;
            for _ in 0..6 {
                let rest = text[pos..].trim_start_matches(' ');
                let len = word_len(rest);
                if len == 0 {
                    return None;
                }
                let word = &rest[..len];
                let word_start = text.len() - rest.len();
                pos = word_start + len;
                if matches!(word, "one" | "a" | "an" | "some" | "another" | "several") {
                    return None;
                }
                if matches!(word, "by" | "from" | "of") {
                    let name = text[pos..].trim_start_matches(' ');
                    let name = name.strip_prefix("the ").unwrap_or(name);
                    // "theDiagnostic": the article glued to the name by conversion.
                    let name = name
                        .strip_prefix("the")
                        .filter(|rest| rest.starts_with(|c: char| c.is_uppercase()))
                        .unwrap_or(name);
                    let at = text.len() - name.len();
                    let n = word_len(name);
                    let token = &name[..n];
                    let acronym =
                        n >= 2 && token.chars().all(|c| c.is_ascii_uppercase() || c == '-');
                    if acronym {
                        return Some(at..at + n);
                    }
                    // "the most recent edition of the Diagnostic and Statistical Manual": a
                    // name of two or more capitalised words ("of", "and", "for" between).
                    return capitalised_name(text, at, word_len);
                }
                // "according to the professional organizationPlay Therapy International": a
                // name glued to the plain word before it, named as fully as after "by".
                if let Some(edge) = glued_name_start(word) {
                    return capitalised_name(text, word_start + edge, word_len);
                }
                if !word.chars().all(|c| c.is_lowercase()) {
                    return None;
                }
            }
            return None;
        }
        let mut end = offset + first.len();
        let mut probe = end;
        // Over "of", "for", "and" when a capitalised word follows: "Office for National Statistics".
        while let Some(after_space) = text[probe..].strip_prefix(' ') {
            let len = word_len(after_space);
            let word = &after_space[..len];
            if word.starts_with(char::is_uppercase) {
                end = probe + 1 + len;
                probe = end;
            } else if matches!(word, "of" | "for" | "and" | "on") {
                probe += 1 + len;
            } else {
                break;
            }
        }
        Some(offset..end)
    }
    /// Whether `before` (the text before a capitalised name) ends with a word that says the name
    /// is an organisation's: "the eating disorder charity Beat", "the nonprofit Thorn", glued
    /// or not ("charityBeat").
    fn described_as_organisation(&self, before: &str) -> bool {
        let word = before
            .trim_end_matches(' ')
            .rsplit([' ', '(', '\n'])
            .next()
            .unwrap_or("")
            .to_lowercase();
        words_of(|d| &d.organisation_descriptors).contains(&word)
    }

    /// "a study in Developmental Psychology", "a meta-analysis published in BMC Pregnancy and
    /// Childbirth": a study noun, "in", and a capitalised name with a journal word.
    fn published_in(&self, text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
        let lower = text.to_ascii_lowercase();
        for (at, _) in lower.match_indices(" in") {
            // "in" and a space, or "in" glued to the name after it ("a study inAlcohol
            // Research and Health").
            let start = match lower.as_bytes().get(at + 3) {
                Some(b' ') => at + 4,
                _ if is_case_edge(text, at + 3) => at + 3,
                _ => continue,
            };
            let before = lower[..at].trim_end_matches(" published");
            let noun = before.rsplit(' ').next().unwrap_or("");
            if !words_of(|d| &d.published_in_nouns)
                .iter()
                .any(|n| n == noun)
            {
                continue;
            }
            let rest = text[start..].strip_prefix("the ").unwrap_or(&text[start..]);
            let rest = rest.strip_prefix("journal ").unwrap_or(rest);
            let name_at = text.len() - rest.len();
            if let Some((run, words)) = first_capitalised_run(rest)
                && run.start == 0
                && words
                    .iter()
                    .any(|w| self.journal_words.iter().any(|j| j == w))
            {
                out.push((name_at..name_at + run.end, CitationKind::NamedStudy));
            }
        }
    }

    /// "the 2014 JAMA Psychiatry study", "a Lancet review": a study noun right after a
    /// journal's title names the study. A nationality, place or topic alone ("a 2019 Canadian
    /// study", "an ADHD survey") names nothing a reader could look up; organisations before a
    /// study noun are found as organisations.
    fn named_before_noun(&self, text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
        let lower = text.to_ascii_lowercase();
        let nouns = words_of(|d| &d.study_nouns);
        static STUDY_NOUNS: OnceLock<nouns::NounFinder> = OnceLock::new();
        let finder = STUDY_NOUNS.get_or_init(|| nouns::NounFinder::new(nouns));
        for (k, at) in finder.occurrences(&lower) {
            let Some(noun) = nouns.get(k) else {
                continue;
            };
            if !is_whole_word(&lower, at, at + noun.len()) {
                continue;
            }
            let before = text[..at].trim_end_matches(' ');
            if before.len() == at {
                continue;
            }
            let Some((run, words)) = capitalised_run_at_end(before) else {
                continue;
            };
            if run.end != before.len() {
                continue;
            }
            // A journal's title ("JAMA Psychiatry", "The Lancet"), or a name built on a
            // word only journals use ("Annals of ...", "BMC ..."). Topic acronyms ("an
            // ADHD study") and subject words ("a Mental Health survey") name nothing.
            let title = self
                .journals
                .prefix_of(&text[run.clone()])
                .is_some_and(|m| m.end == run.len());
            let named = title
                || words
                    .iter()
                    .any(|w| words_of(|d| &d.journal_only_words).iter().any(|j| j == w));
            if named {
                out.push((run.start..at + noun.len(), CitationKind::NamedStudy));
            }
        }
    }

    /// "the journal Lancet", "published in the journal, Mindfulness," "a Glamour magazine
    /// survey": a journal or a periodical named by what it is.
    fn periodicals(&self, text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
        for (at, m) in text.match_indices("journal") {
            if at > 0 && !text[..at].ends_with(' ') {
                continue;
            }
            let after = &text[at + m.len()..];
            // "journal Lancet", and "the journal, Mindfulness," or "the journalMindfulness"
            // where a link lost its spaces.
            let rest = if let Some(r) = after.strip_prefix(' ') {
                r
            } else if is_case_edge(text, at + m.len()) {
                after
            } else if text[..at].ends_with("the ")
                && let Some(r) = after.strip_prefix(',')
            {
                r.strip_prefix(' ').unwrap_or(r)
            } else {
                continue;
            };
            if let Some((run, _)) = first_capitalised_run(rest)
                && run.start == 0
            {
                let name_at = text.len() - rest.len();
                out.push((name_at..name_at + run.end, CitationKind::NamedStudy));
            }
        }
        for medium in ["magazine ", "newspaper "] {
            for (at, m) in text.match_indices(medium) {
                let after = &text[at + m.len()..];
                let noun = after.split([' ', ',', '.']).next().unwrap_or("");
                if !words_of(|d| &d.periodical_nouns).iter().any(|n| n == noun) {
                    continue;
                }
                let before = text[..at].trim_end();
                if let Some((run, words)) = capitalised_run_at_end(before)
                    && run.end == before.len()
                    && !words
                        .iter()
                        .all(|w| matches!(*w, "A" | "An" | "The" | "New"))
                {
                    out.push((
                        run.start..at + m.len() + noun.len(),
                        CitationKind::NamedStudy,
                    ));
                }
            }
        }
    }

    /// What a block says about where the figures under it come from: whether it has a data
    /// statement's phrase (`provenance_cues`: "The data presented here are from ..."), and, when
    /// `sentence_of` (the sentence holding a byte) is given, where a sentence says so by its
    /// shape: it opens on a data word (`provenance_nouns`, among its first five words) and goes
    /// on, within twelve words, with words that say where they come from (`provenance_links`):
    /// "The most-cited statistics on X come from ...", "Data in this section are based on ...".
    /// That is the range after those words to the sentence's end, where the source must be named.
    pub fn provenance(
        &self,
        text: &str,
        words: &Words,
        sentence_of: Option<&dyn Fn(usize) -> Range<usize>>,
    ) -> (bool, Option<Range<usize>>) {
        let found = self.provenance.candidates_in(text, words);
        let stated = found.iter().any(|m| m.entry == 0);
        let Some(sentence_of) = sentence_of else {
            return (stated, None);
        };
        let nouns = words_of(|d| &d.provenance_nouns);
        let origin = found.iter().filter(|m| m.entry == 1).find_map(|m| {
            let sentence = sentence_of(m.start);
            let lead = text.get(sentence.start.min(m.start)..m.start)?;
            // Counted only as far as needed: a long sentence is not read again per match.
            let opens_on_data = lead.split_whitespace().nth(12).is_none()
                && lead.split_whitespace().take(5).any(|t| {
                    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
                    nouns.iter().any(|n| n.eq_ignore_ascii_case(t))
                });
            opens_on_data.then(|| m.end..sentence.end.max(m.end))
        });
        (stated, origin)
    }

    /// Whether a block is a line labelled as naming a source ("Source: the Office for National
    /// Statistics", "Data sources: ..."), and not a record of fields about the page ("Source:
    /// NIMH URL: https://..."), which names its publisher.
    pub fn is_source_note(&self, text: &str) -> bool {
        let t = text.trim_start();
        let Some((label, rest)) = t.split_once(':') else {
            return false;
        };
        let labelled = words_of(|d| &d.source_note_labels)
            .iter()
            .any(|l| l.eq_ignore_ascii_case(label.trim()));
        let record = rest.split_whitespace().any(|w| {
            w.strip_suffix(':').is_some_and(|field| {
                field.len() >= 2
                    && field.starts_with(|c: char| c.is_ascii_uppercase())
                    && field.chars().all(|c| c.is_ascii_alphabetic())
            })
        });
        labelled && !record
    }

    /// Acronyms the article defines for a named source: "the National Comorbidity Survey
    /// Replication (NCS-R)" makes "NCS-R" a source wherever it appears.
    pub fn defined_sources(&self, doc: &crate::parse::Document) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for block in &doc.blocks {
            let text = block.text();
            // Each " (": a bracket is rare, so it is looked for first (a byte search), and
            // then the space before it.
            let brackets = memchr::memchr_iter(b'(', text.as_bytes());
            for at in
                brackets.filter_map(|i| i.checked_sub(1).filter(|&s| text.as_bytes()[s] == b' '))
            {
                let inner_start = at + 2;
                let Some(len) = text[inner_start..].find(')') else {
                    continue;
                };
                let acronym = &text[inner_start..inner_start + len];
                let shaped = (2..=10).contains(&acronym.len())
                    && acronym.chars().filter(char::is_ascii_uppercase).count() >= 2
                    && acronym
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || matches!(c, '-' | '&' | 'a'..='z'));
                if !shaped || out.iter().any(|a| a == acronym) {
                    continue;
                }
                // The name just before, ending at the bracket, must be source-shaped.
                let before = &text[..at];
                let named = capitalised_run_at_end(before).is_some_and(|(run, words)| {
                    run.end == before.len()
                        && words.len() >= 2
                        && words.iter().any(|w| self.heads.iter().any(|h| h == w))
                });
                if named {
                    out.push(acronym.to_string());
                }
            }
        }
        out
    }

    /// Where the acronyms of [`Finder::defined_sources`] appear in `text`.
    pub fn defined_in(
        &self,
        text: &str,
        defined: &[String],
        out: &mut Vec<(Range<usize>, CitationKind)>,
    ) {
        for acronym in defined {
            for (at, m) in text.match_indices(acronym.as_str()) {
                let end = at + m.len();
                let clear = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
                // "theNCS-R": glued to the word before at a case change.
                let left = clear(text[..at].chars().next_back()) || is_case_edge(text, at);
                if left && clear(text[end..].chars().next()) {
                    out.push((at..end, CitationKind::NamedOrganisation));
                }
            }
        }
    }

    /// Whether `kind` satisfies the publication's `require`.
    pub fn accepts(&self, kind: CitationKind) -> bool {
        match self.require {
            Require::Link => kind.followable(),
            Require::NamedSourceOk => true,
        }
    }
}

fn extend_over_verb(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(' ');
    let word_len = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    let word = &trimmed[..word_len];
    if words_of(|d| &d.reporting_verbs).iter().any(|v| v == word) {
        end + (rest.len() - trimmed.len()) + word_len
    } else {
        end
    }
}

/// `https://…`, `www.…` written out in plain text (autolinks are already Link inlines).
fn bare_urls(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    for scheme in ["http://", "https://", "www."] {
        for (at, _) in text.match_indices(scheme) {
            if at > 0
                && text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            let len = text[at..]
                .find(char::is_whitespace)
                .unwrap_or(text.len() - at);
            out.push((at..at + len, CitationKind::Link));
        }
    }
}

/// Superscript reference numbers that lost their markup in conversion to text: `States.7`,
/// `(43.5%).1`, `NSDUH)1 by`, `past year***3`. Digits glued to sentence punctuation, a closing
/// parenthesis or asterisks, not to a number (so `5.5%` and `2.87` are not references).
fn glued_reference_numerals(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    let b = text.as_bytes();
    let mut i = 1;
    while i < b.len() {
        let prev = b[i - 1];
        let marker = matches!(prev, b'.' | b')' | b'*' | b']' | b'%' | b':');
        if !(marker && b[i].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // What the punctuation follows: a letter, `%`, `)` or `*` — not a digit (a decimal).
        let before = text[..i - 1].trim_end_matches('*').chars().next_back();
        let after_word = prev == b'%'
            || before.is_some_and(|c| c.is_alphabetic() || matches!(c, '%' | ')' | '"' | '”'));
        // Digits and commas, and a footnote's letter after a digit (`adults.2a,3`).
        let mut digits = 0;
        while let Some(&c) = b.get(i + digits) {
            let suffix = c.is_ascii_lowercase()
                && b[i + digits - 1].is_ascii_digit()
                && !b.get(i + digits + 1).is_some_and(u8::is_ascii_alphabetic);
            if !(c.is_ascii_digit() || c == b',' || (digits > 0 && suffix)) {
                break;
            }
            digits += 1;
        }
        // A range of references: `12.7%.3-5`.
        if b.get(i + digits) == Some(&b'-') && b.get(i + digits + 1).is_some_and(u8::is_ascii_digit)
        {
            digits += 1 + b[i + digits + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
        }
        let end = i + digits;
        let next = text[end..].chars().next();
        let ends_well = next.is_none_or(|c| c.is_whitespace() || c.is_uppercase() || c == ')');
        let number_like = matches!(prev, b'.' | b':') && before.is_some_and(|c| c.is_ascii_digit());
        // After a colon only a lead-in's marker: "about sleep:2" at the end of its line.
        let ends_well = ends_well && (prev != b':' || before.is_some_and(char::is_alphabetic));
        // `7.2%10)`: after a percent sign only a closing parenthesis makes it a reference.
        let ends_well = ends_well && (prev != b'%' || next == Some(')'));
        if after_word && !number_like && digits <= 5 && ends_well {
            out.push((i..end, CitationKind::Reference));
        }
        i = end.max(i + 1);
    }
    // "... their risk. 6" and "hepatitis) 5": a reference number that lost its superscript,
    // left after a sentence's end before the next line starts with a capital.
    for (at, _) in text.match_indices(' ') {
        let Some(prev) = text[..at].chars().next_back() else {
            continue;
        };
        if !matches!(prev, '.' | ')' | '!' | '?' | '”' | '"') {
            continue;
        }
        let rest = &text[at + 1..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = &rest[digits..];
        let next_word = after
            .trim_start_matches(' ')
            .split(' ')
            .next()
            .unwrap_or("");
        let closes = after.is_empty()
            || (after.starts_with(' ')
                && next_word.starts_with(char::is_uppercase)
                && !matches!(
                    next_word,
                    "In" | "Of" | "Out" | "Percent" | "Million" | "Billion"
                ));
        let before_dot = text[..at - prev.len_utf8()].chars().next_back();
        if (1..=2).contains(&digits) && closes && before_dot.is_some_and(|c| !c.is_ascii_digit()) {
            out.push((at + 1..at + 1 + digits, CitationKind::Reference));
        }
    }
    // "(males: 25.5 per 100,000)D": a footnote letter glued after a closing bracket at the
    // end of a line or item, where a superscript letter lost its markup.
    for (at, _) in text.match_indices(')') {
        let rest = &text[at + 1..];
        let mut letters = rest.chars();
        let (Some(letter), next) = (letters.next(), letters.next()) else {
            continue;
        };
        let inside = &text[text[..at].rfind('(').map_or(at, |o| o + 1)..at];
        if letter.is_ascii_uppercase()
            && next.is_none_or(char::is_whitespace)
            && inside.contains(|c: char| c.is_ascii_digit())
        {
            out.push((at + 1..at + 2, CitationKind::Reference));
        }
    }
    // "in the general population9)": a word with one or two digits glued on, closing a
    // parenthesis.
    for (at, _) in text.match_indices(')') {
        let head = &text[..at];
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let word_end = at - digits;
        // A lower-case word ("population9)"), not a name with a number ("COVID19)", "H1N1").
        let glued_to_word = text[..word_end]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_lowercase());
        let word_len = text[..word_end]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .count();
        if (1..=2).contains(&digits) && glued_to_word && word_len >= 4 {
            out.push((word_end..at, CitationKind::Reference));
        }
    }
    glued_to_numbers(text, out);
}

/// Reference numbers that lost their superscript and joined the number before them: "from 0.9%
/// in 2009.8" (a year that ends a sentence), "(36.8 per 100,0003)" (a thousands group of four
/// digits), "before the age of 242" (no one is 242).
fn glued_to_numbers(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let start = i;
        let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        let mut end = start + run(start);
        let first = end - start;
        // The rest of the number: thousands groups.
        let mut last_group = first;
        while b.get(end) == Some(&b',') && run(end + 1) >= 3 {
            last_group = run(end + 1);
            end += 1 + last_group;
        }
        let next = text[end..].chars().next();
        let closes = next.is_none_or(|c| c.is_whitespace() || matches!(c, ')' | ';' | ','));
        // "100,0003": a group of four or five digits; the first three are the number's.
        if last_group > 3 && last_group <= 5 && end > start + first && closes {
            out.push((end - (last_group - 3)..end, CitationKind::Reference));
        }
        // "in 2009.8" at the end of a sentence: a year, a full stop, one or two digits.
        let year = first == 4 && end == start + 4 && matches!(&text[start..start + 2], "19" | "20");
        if year && b.get(end) == Some(&b'.') {
            let note = run(end + 1);
            let after = text[end + 1 + note..].chars().next();
            let in_year = text[..start]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "in" | "since" | "from" | "by" | "of" | "to"
                    )
                });
            if (1..=2).contains(&note) && in_year && after.is_none_or(char::is_whitespace) {
                out.push((end + 1..end + 1 + note, CitationKind::Reference));
            }
        }
        // "among people ages 26-49.6" at the end of a sentence: an age range's upper end, a
        // full stop and a note. Ages in a range are whole numbers.
        if end == start + first && first <= 3 && b.get(end) == Some(&b'.') {
            let note = run(end + 1);
            let after = text[end + 1 + note..].chars().next();
            if (1..=2).contains(&note)
                && after.is_none_or(char::is_whitespace)
                && after_age_range_start(&text[..start])
            {
                out.push((end + 1..end + 1 + note, CitationKind::Reference));
            }
        }
        // "the age of 242": an age over 120 after "age(s) of", whose last digit is the note.
        if (3..=4).contains(&first) && end == start + first {
            // Only the words just before: lowercasing the whole prefix per number was quadratic
            // in a one-line article.
            let before = crate::model::text::tail(text[..start].trim_end(), 16).to_lowercase();
            let age = before.ends_with("age of") || before.ends_with("ages of");
            let value: u32 = text[start..end - 1].parse().unwrap_or(u32::MAX);
            if age && value <= 120 && text[start..end].parse::<u32>().is_ok_and(|v| v > 120) {
                out.push((end - 1..end, CitationKind::Reference));
            }
        }
        i = end.max(i + 1);
    }
}

/// A web address in brackets, the way pages credit a figure to a site ("(NAMI.org)",
/// "(cdc.gov)"): the reader can follow it. Its last part must be a known ending
/// (`web_address_endings`), so "(approx.)" and "(e.g.)" are not addresses.
fn bracketed_addresses(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    let endings = words_of(|d| &d.web_address_endings);
    for (open, _) in text.match_indices('(') {
        let inner_start = open + 1;
        let Some(len) = text[inner_start..]
            .char_indices()
            .take(64)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/')))
            .map(|(i, _)| i)
        else {
            continue;
        };
        if !text[inner_start + len..].starts_with(')') {
            continue;
        }
        let address = text[inner_start..inner_start + len].trim_end_matches('/');
        let host = address.split('/').next().unwrap_or_default();
        let mut parts = host.split('.');
        let first = parts.next().unwrap_or_default();
        let last = host.rsplit('.').next().unwrap_or_default();
        if host.contains('.')
            && first.len() >= 2
            && first.bytes().any(|b| b.is_ascii_alphabetic())
            && parts.all(|p| !p.is_empty())
            && endings.iter().any(|e| e.eq_ignore_ascii_case(last))
        {
            out.push((inner_start..inner_start + len, CitationKind::Link));
        }
    }
}

/// Whether `before` ends with the first end of a range of ages: "ages 26-", "aged 18 to ".
fn after_age_range_start(before: &str) -> bool {
    let before = crate::model::text::tail(before, 24).to_lowercase();
    let Some(rest) = before
        .strip_suffix('-')
        .or_else(|| before.strip_suffix('–'))
        .or_else(|| before.strip_suffix(" to "))
    else {
        return false;
    };
    let digits = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    (1..=3).contains(&(rest.len() - digits.len()))
        && digits
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| matches!(w, "age" | "ages" | "aged"))
}

/// Runs of capitalised words joined by "of", "for", "and", "on", "the", "in" or "&", with the
/// words: "National Institute of Mental Health", "Queensland Institute of Technology".
fn capitalised_runs(text: &str) -> Vec<(Range<usize>, Vec<&str>)> {
    runs_until(text, false)
}

/// The first of [`capitalised_runs`], without finding the rest: callers ask after every cue
/// word of a block, and a run over the whole rest each time was quadratic in a long line.
fn first_capitalised_run(text: &str) -> Option<(Range<usize>, Vec<&str>)> {
    runs_until(text, true).into_iter().next()
}

/// "on Mental Health America's website", "in Mumsnet's 2019 poll", "Gallup's annual survey":
/// a capitalised name's possessive before a source noun names who the figure comes from. A name
/// that is only a place or a time ("Britain's biggest survey", "Today's report") names no one.
fn possessive_sources(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    let Ok(data) = data() else {
        return;
    };
    let found = &data.possessive_sources;
    if found.nouns.is_empty() {
        return;
    }
    for (at, mark) in text.match_indices(['\'', '’']) {
        let Some(after) = text[at + mark.len()..].strip_prefix("s ") else {
            continue;
        };
        let Some((run, words)) = capitalised_run_at_end(&text[..at]) else {
            continue;
        };
        if words.iter().all(|w| {
            found.not_names.iter().any(|n| n == w) || matches!(*w, "The" | "A" | "An" | "This")
        }) {
            continue;
        }
        // Past a year and modifiers ("Mumsnet's 2019 poll", "Gallup's latest annual survey").
        let mut rest = after;
        loop {
            let word = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .next()
                .unwrap_or_default();
            if word.is_empty()
                || !(weak::is_year(word)
                    || found.modifiers.iter().any(|m| m.eq_ignore_ascii_case(word)))
            {
                break;
            }
            rest = rest[word.len()..].trim_start_matches(' ');
        }
        let noun_at = text.len() - rest.len();
        let noun = found.nouns.iter().find(|n| {
            rest.get(..n.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(n))
                && is_whole_word(text, noun_at, noun_at + n.len())
        });
        if let Some(noun) = noun {
            out.push((
                run.start..noun_at + noun.len(),
                CitationKind::NamedOrganisation,
            ));
        }
    }
}

/// The last of [`capitalised_runs`] if it ends where `text` does (what callers look for
/// before a study noun), found from the last word that ends any run instead of from the
/// start: a scan of the whole text before every noun was quadratic in a long line.
fn capitalised_run_at_end(text: &str) -> Option<(Range<usize>, Vec<&str>)> {
    // After a piece that is neither capitalised nor a joiner, the scan holds no run, whatever
    // came before: the runs after it are the same scanned from there.
    let mut end = text.len();
    let mut restart = 0;
    for piece in text.rsplit(' ') {
        let start = end - piece.len();
        let (_, bare, closes, capital, glued) = piece_shape(piece);
        if !capital && (closes || !is_joiner(bare)) {
            restart = end + 1;
            break;
        }
        // A name glued to the word before it starts there: no run reaches back past it.
        if capital && glued {
            restart = start;
            break;
        }
        end = start.saturating_sub(1);
    }
    let rest = text.get(restart..)?;
    let (run, words) = capitalised_runs(rest).pop()?;
    let run = restart + run.start..restart + run.end;
    (run.end == text.len()).then_some((run, words))
}

/// Where a name glued to a plain word by conversion starts in `word`: after a run of
/// lower-case letters, at a capital ("theNational", "organizationPlay"). `None` when the word
/// does not open on lower-case letters or has no such capital.
fn glued_name_start(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let lower = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    (lower > 0 && b.get(lower).is_some_and(u8::is_ascii_uppercase)).then_some(lower)
}

/// A space-separated piece as [`capitalised_runs`] reads it: the bytes of opening marks (and
/// of a plain word a name is glued to: "theNational" reads as "National"), the word without
/// marks, whether closing marks end it, whether it is capitalised, and whether it was glued.
fn piece_shape(piece: &str) -> (usize, &str, bool, bool, bool) {
    let word = piece.trim_start_matches(['(', '"', '“', '\'']);
    let glued = glued_name_start(word);
    let word = glued.map_or(word, |at| &word[at..]);
    let lead = piece.len() - word.len();
    let bare = word.trim_end_matches(['.', ',', ';', ':', ')', '"', '”', '\'', '’', '!', '?']);
    // "Projectfound": a name's last word with the verb after it glued on by a lost link space.
    let unglued = name_before_glued_verb(bare);
    let closes = unglued.len() != word.len();
    let bare = unglued;
    let capital = bare.chars().next().is_some_and(char::is_uppercase)
        && bare
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.'));
    (lead, bare, closes, capital, glued.is_some())
}

/// A capitalised word without the reporting verb that conversion glued after it ("The Trevor
/// Projectfound that", "the charity Beatestimates"): the name part, or the word itself. The
/// name part must be four letters or more, so ordinary words ("Profound", "Newfound") stay
/// whole.
fn name_before_glued_verb(word: &str) -> &str {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return word;
    }
    words_of(|d| &d.reporting_verbs)
        .iter()
        .filter(|verb| verb.len() >= 4)
        .find_map(|verb| {
            let name = word.strip_suffix(verb.as_str())?;
            (name.len() >= 4
                && name.bytes().all(|b| b.is_ascii_alphabetic())
                && name.as_bytes().last().is_some_and(u8::is_ascii_lowercase))
            .then_some(name)
        })
        .unwrap_or(word)
}

/// Small words a capitalised run may hold: "Office for National Statistics".
fn is_joiner(bare: &str) -> bool {
    matches!(bare, "of" | "for" | "and" | "on" | "the" | "in" | "&")
}

/// [`capitalised_runs`], stopping after the first when `first_only`.
fn runs_until(text: &str, first_only: bool) -> Vec<(Range<usize>, Vec<&str>)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, Vec<&str>)> = None;
    let mut pending_joiner = false;
    let mut pos = 0;
    for piece in text.split(' ') {
        if first_only && !out.is_empty() {
            return out;
        }
        let start = pos;
        pos += piece.len() + 1;
        let (lead, bare, closes, capital, glued) = piece_shape(piece);
        // A name glued to the word before it starts a run of its own.
        if capital
            && glued
            && let Some((s, e, words)) = run.take()
        {
            out.push((s..e, words));
            pending_joiner = false;
        }
        if capital && (lead == 0 || run.is_none()) {
            let entry = run.get_or_insert((start + lead, start + lead, Vec::new()));
            entry.1 = start + lead + bare.len();
            entry.2.push(bare);
            pending_joiner = false;
            if closes && let Some((s, e, words)) = run.take() {
                out.push((s..e, words));
            }
            continue;
        }
        if run.is_some() && !pending_joiner && !closes && is_joiner(bare) {
            pending_joiner = true;
            continue;
        }
        if let Some((s, e, words)) = run.take() {
            out.push((s..e, words));
        }
        pending_joiner = false;
    }
    if let Some((s, e, words)) = run.take() {
        out.push((s..e, words));
    }
    out
}

/// Superscript reference numbers (`¹`, `²³`) and numbered references in brackets after a word
/// or a full stop: `(1)`, `(2, 3)`, `(4-6)`.
fn superscripts_and_numbers(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if scope::is_superscript(c) {
            let mut end = at + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                if !(scope::is_superscript(n) || n == ',') {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
            out.push((at..end, CitationKind::Reference));
        }
    }
    for (at, _) in text.match_indices('(') {
        let rest = &text[at + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let inner = &rest[..close];
        let numbered = !inner.is_empty()
            && inner.len() <= 12
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–'))
            && inner
                .split([',', '-', '–'])
                .all(|n| n.trim().len() <= 3 && !n.trim().is_empty());
        // After text, not opening an enumeration: "(1) stress" starts a list of reasons.
        let after = rest[close + 1..].chars().next();
        let placed = at > 0
            && after.is_none_or(|c| {
                matches!(c, '.' | ',' | ';' | ':' | ' ')
                    && !rest[close + 1..]
                        .trim_start()
                        .starts_with(char::is_lowercase)
            });
        if numbered && placed {
            out.push((at..at + close + 2, CitationKind::Reference));
        }
    }
}

/// `[3]`, `[3, 4]`, `[3–5]` reference markers.
fn bracket_references(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    for (at, _) in text.match_indices('[') {
        let rest = &text[at + 1..];
        let Some(close) = rest.find(']') else {
            continue;
        };
        let inner = &rest[..close];
        let ok = !inner.is_empty()
            && inner.len() <= 16
            && inner.chars().any(|c| c.is_ascii_digit())
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–'));
        if ok {
            out.push((at..at + close + 2, CitationKind::Reference));
        }
    }
}

/// `(Smith et al., 2019)`, `(Smith & Jones 2015)`, `(CDC, 2020)`: a capitalised name and a year
/// inside parentheses.
fn parenthetical_citations(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    for (at, _) in text.match_indices('(') {
        let rest = &text[at + 1..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let inner = &rest[..close];
        if inner.len() > 120 || !inner.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if has_year(inner)
            && (inner.contains(',')
                || inner.contains("et al")
                || inner.contains('&')
                || inner.contains(" and "))
        {
            out.push((at..at + close + 2, CitationKind::NamedWork));
        }
    }
}

/// DOIs and PubMed ids.
fn identifiers(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    let lower = text.to_ascii_lowercase();
    for key in ["doi:", "doi.org/", "pmid", "pmcid"] {
        for (at, _) in lower.match_indices(key) {
            let len = text[at..]
                .find(char::is_whitespace)
                .unwrap_or(text.len() - at);
            out.push((at..at + len, CitationKind::Identifier));
        }
    }
    for (at, _) in text.match_indices("10.") {
        let rest = &text[at + 3..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits >= 4
            && rest[digits..].starts_with('/')
            && (at == 0 || !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '.'))
        {
            let len = text[at..]
                .find(char::is_whitespace)
                .unwrap_or(text.len() - at);
            out.push((at..at + len, CitationKind::Identifier));
        }
    }
}

/// "et al." and "a 2015 study by/from/at/in …": a study named well enough to be found.
fn named_studies(text: &str, out: &mut Vec<(Range<usize>, CitationKind)>) {
    for (at, m) in text.match_indices("et al") {
        // Back over the surname: "Smith et al".
        let before = text[..at].trim_end();
        let surname = before
            .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        out.push((surname.min(at)..at + m.len(), CitationKind::NamedWork));
    }
    // ASCII lower-casing keeps byte offsets, so offsets in `lower` are offsets in `text`.
    let lower = text.to_ascii_lowercase();
    const NOUNS: [&str; 8] = [
        "study",
        "survey",
        "review",
        "trial",
        "report",
        "paper",
        "meta-analysis",
        "analysis",
    ];
    static FINDER: OnceLock<nouns::NounFinder> = OnceLock::new();
    let finder = FINDER.get_or_init(|| nouns::NounFinder::new(&NOUNS.map(String::from)));
    for (k, at) in finder.occurrences(&lower) {
        let noun = NOUNS[k];
        if !is_whole_word(&lower, at, at + noun.len()) {
            continue;
        }
        // A year just before ("a 2015 study") or just after ("a study from 2019").
        let before = slice(text, at.saturating_sub(12)..at);
        let after = slice(text, at + noun.len()..at + noun.len() + 60);
        let year = has_year(before) || has_year(head(after, 12));
        // ... and a named author, institution or journal after it.
        let named = after
            .trim_start()
            .split_once(' ')
            .is_some_and(|(cue, rest)| {
                matches!(cue, "by" | "at" | "in" | "from" | "of")
                    && rest
                        .trim_start_matches("the ")
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            });
        if year && named {
            // Through the name: "study by the Royal College of Nursing".
            let tail = at + noun.len();
            let mut end = tail;
            let mut pos = 0;
            for word in after.split(' ') {
                let word_start = pos;
                pos += word.len() + 1;
                if word.is_empty() {
                    continue;
                }
                let bare = word.trim_end_matches(['.', ',', ';', ':', ')']);
                if bare.starts_with(char::is_uppercase) {
                    end = tail + word_start + bare.len();
                    if bare.len() != word.len() {
                        break;
                    }
                } else if !matches!(
                    bare,
                    "by" | "at" | "in" | "from" | "of" | "the" | "for" | "and"
                ) {
                    break;
                }
            }
            out.push((at..end, CitationKind::NamedStudy));
        }
    }
}

fn has_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        (w.starts_with(b"19") || w.starts_with(b"20"))
            && w.iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::source::SourceFile;
    use crate::parse::{ParseOptions, parse};

    #[test]
    fn a_names_possessive_before_a_source_noun_names_the_source() {
        let named = |text: &str| {
            let mut out = Vec::new();
            possessive_sources(text, &mut out);
            out.into_iter()
                .map(|(r, _)| text[r].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            named("screened on Night Owl Network's website in 2023"),
            ["Night Owl Network's website"]
        );
        assert_eq!(named("in Dozeline’s 2022 poll"), ["Dozeline’s 2022 poll"]);
        assert_eq!(
            named("Restwell's latest annual survey"),
            ["Restwell's latest annual survey"]
        );
    }

    #[test]
    fn dont_flag_a_place_a_time_or_a_noun_that_is_no_source_as_named() {
        let named = |text: &str| {
            let mut out = Vec::new();
            possessive_sources(text, &mut out);
            out
        };
        for text in [
            "in Britain's biggest survey",
            "in Scotland's latest figures",
            "Today's report says",
            "the nation's data",
            "people with Parkinson's disease",
            "a Women's Health survey",
            "Dozeline's 2022 sleep poll",
        ] {
            assert!(named(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_first_and_last_capitalised_runs_are_those_of_the_whole_scan() {
        let texts = [
            "a 2019 survey by the Office for National Statistics found",
            "the (Royal College of Nursing) and the \"Mayo Clinic\" said. A New study",
            "data from BMC Pregnancy and Childbirth, The Lancet and JAMA Psychiatry",
            "of the in & Health Survey for England  of Wales ‘Quoted Name’ end",
            "Many Some The A An  report by Smith of the and",
            "funded by theNational Institute of Health and inSleep Research Journal asWell",
            "Royal College theNational Survey ofThe iPhone",
        ];
        for text in texts {
            let cuts = (0..=text.len()).filter(|&i| text.is_char_boundary(i));
            for cut in cuts {
                for part in [&text[..cut], &text[cut..]] {
                    let all = capitalised_runs(part);
                    assert_eq!(
                        first_capitalised_run(part),
                        all.first().cloned(),
                        "{part:?}"
                    );
                    let at_end = all.last().cloned().filter(|(r, _)| r.end == part.len());
                    assert_eq!(capitalised_run_at_end(part), at_end, "{part:?}");
                }
            }
        }
    }

    fn kinds(text: &str) -> (Vec<(String, CitationKind)>, Vec<String>) {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions::default(),
        );
        let finder = Finder::new(
            Require::NamedSourceOk,
            Scope::Paragraph,
            &["House Survey".into()],
            &[],
        )
        .unwrap();
        let block = &doc.blocks[0];
        let found = finder.block(block);
        (
            found
                .strong
                .iter()
                .map(|(r, k)| (block.text()[r.clone()].to_string(), *k))
                .collect(),
            found
                .weak
                .iter()
                .map(|r| block.text()[r.clone()].to_string())
                .collect(),
        )
    }

    fn cited(text: &str) -> Option<String> {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions::default(),
        );
        let finder = Finder::new(Require::NamedSourceOk, Scope::Paragraph, &[], &[]).unwrap();
        let block = &doc.blocks[0];
        let at = block.text().find('%').unwrap();
        cited_name(block, &finder.block(block), &(0..block.text().len()), at)
    }

    #[test]
    fn the_same_source_gets_the_same_name_however_it_is_introduced() {
        let a = cited("According to the Office for National Statistics, 41% of men agreed.");
        let b =
            cited("A 2019 survey by the Office for National Statistics found 41% of men agreed.");
        assert_eq!(a.as_deref(), Some("office national statistics"));
        assert_eq!(a, b);
        assert_eq!(
            cited("It was 46% (Schweitzer et al., 2015).").as_deref(),
            Some("schweitzer")
        );
    }

    #[test]
    fn dont_flag_a_name_where_only_weak_attribution_is_given() {
        assert_eq!(cited("One study found that 46% of women agreed."), None);
        assert_eq!(
            cited("In [one survey](https://www.example.org/a/), 46% of women agreed.").as_deref(),
            Some("example.org/a")
        );
        assert_eq!(cited("According to one survey, 46% of women agreed."), None);
    }

    #[test]
    fn links_footnotes_and_references_are_strong() {
        let (strong, _) = kinds(
            "About [46%](https://example.org/study) of women[^1] and 10% [3, 4].\n\n[^1]: Ref.",
        );
        let k: Vec<_> = strong.iter().map(|(_, k)| *k).collect();
        assert!(
            k.contains(&CitationKind::Link)
                && k.contains(&CitationKind::Footnote)
                && k.contains(&CitationKind::Reference)
        );
    }

    #[test]
    fn citations_identifiers_and_named_studies() {
        for text in [
            "It was 46% (Schweitzer et al., 2015).",
            "It was 46% (doi:10.1016/j.esxm.2015.04.002).",
            "A 2015 study published in Sexual Medicine found 46%.",
            "A 2019 survey by YouGov found 41%.",
            "According to the CDC, 5% of adults do.",
            "According to the House Survey, 5% do.",
            "Data from Statistics Norway show 5%.",
        ] {
            let (strong, _) = kinds(text);
            assert!(!strong.is_empty(), "no source found in {text:?}");
        }
    }

    #[test]
    fn weak_phrases() {
        for (text, phrase) in [
            ("Studies suggest that 46% of women cry.", "Studies suggest"),
            ("One study found that 41% of men did.", "One study found"),
            ("According to one survey, 5% do.", "According to one survey"),
            ("Another study put it at 3%.", "Another study"),
            ("Experts say 1 in 5 people do.", "Experts say"),
        ] {
            let (strong, weak) = kinds(text);
            assert!(strong.is_empty(), "{text:?} has no real source: {strong:?}");
            assert!(
                weak.iter()
                    .any(|w| w.starts_with(phrase) || phrase.starts_with(w.as_str())),
                "{text:?}: {weak:?}"
            );
        }
    }

    #[test]
    fn reference_numerals_that_lost_their_superscript() {
        for text in [
            "Among adults, 43.5% had impairment.1",
            "An estimated 22.8% had serious impairment (43.5%).1 Next.",
            "Veterans account for 13.9% of suicides in the United States.7",
            "48 people considered it in the past year***3",
            "It was higher (32.9%) than among others (7.2%10).",
            "It was 30.6% versus 8.3% in the general population9).",
            "This was an increase from 0.9% in 2009.8",
            "The rate was highest among White males (36.8 per 100,0003).",
            "Of all conditions, 75% start before the age of 242. Early help matters.",
        ] {
            let (strong, _) = kinds(text);
            assert!(
                strong.iter().any(|(_, k)| *k == CitationKind::Reference),
                "{text:?}: {strong:?}"
            );
        }
        for text in [
            "It was 5.5% in 2019.",
            "Rates rose 2.5 times.",
            "The ratio was 3.1 overall.",
            "About 46% (n = 230) and 5% (COVID19) of them.",
            "The rate was 36.8 per 100,000 in 2019.",
            "Half start before the age of 14, and 75% before the age of 24.",
            "It weighed 2009.8 grams, and 1,234,567 people were counted.",
        ] {
            let (strong, _) = kinds(text);
            assert!(strong.is_empty(), "{text:?}: {strong:?}");
        }
    }

    #[test]
    fn a_named_work_after_of_is_a_source() {
        let (strong, _) = kinds(
            "According to the latest edition of the Diagnostic and Statistical Manual, 40% of adults will have one.",
        );
        assert!(
            strong
                .iter()
                .any(|(t, _)| t == "Diagnostic and Statistical Manual"),
            "{strong:?}"
        );
        // Glued to its article by conversion.
        let (strong, _) = kinds(
            "According to the latest edition of theDiagnostic and Statistical Manual, 40% of adults will have one.",
        );
        assert!(
            strong
                .iter()
                .any(|(t, _)| t == "Diagnostic and Statistical Manual"),
            "{strong:?}"
        );
    }

    /// Names that conversion glued to the word before them at a case change ("theNational",
    /// "inSleep") are still sources; spans stay on the name.
    #[test]
    fn names_glued_at_a_case_change_are_sources() {
        for (text, name) in [
            (
                "A paper inSleep Research and Healthreports that about 6 percent of drivers nap.",
                "Sleep Research and Health",
            ),
            (
                "According to the professional organisationSleep Coaching International, 40% improve.",
                "Sleep Coaching International",
            ),
            (
                "Figures from theNorwegian Institute of Rail Safety show 12% of drivers nap.",
                "Norwegian Institute of Rail Safety",
            ),
            ("Data in Table 2 are courtesy of theCDC and show 5%.", "CDC"),
            // The verb glued after the name is not part of it.
            (
                "The eating disorder charityRestwellestimates that 2% of adults have one.",
                "Restwell",
            ),
            (
                "A 2022 report from The Harbour Sleep Projectfound that 37% of crews nap.",
                "The Harbour Sleep Project",
            ),
            (
                "A review published inJournal of Shift Work found 8% did.",
                "Journal of Shift Work",
            ),
        ] {
            let (strong, _) = kinds(text);
            assert!(
                strong.iter().any(|(t, _)| t == name),
                "{text:?}: {strong:?}"
            );
        }
    }

    /// A capitalised word glued to "in" or "the" is not a source by being glued.
    #[test]
    fn dont_name_a_source_from_a_glued_capitalised_word() {
        for text in [
            "Rates were highest inJanuary, at 40% of shifts.",
            "Shift work is hard on theBody Clock: 35% of night workers agree.",
            "Sleep is worse inNorway and Sweden, where 27% of adults nap.",
            "About 41% of users of the iPhone app NightMode sleep better.",
            "A study inFinland found 12% did.",
        ] {
            let (strong, _) = kinds(text);
            assert!(strong.is_empty(), "{text:?} is not sourced: {strong:?}");
        }
    }

    #[test]
    fn dont_name_a_source_from_one_capitalised_word_after_of() {
        let (strong, _) =
            kinds("According to the results of Tuesday's poll, 40% of adults agreed.");
        assert!(strong.is_empty(), "{strong:?}");
    }

    #[test]
    fn dont_flag_plain_words_as_sources() {
        for text in [
            "One study from 2019 found that 46% did.",
            "About 46% of women (and some men) cry.",
            "Who knows why 46% of women cry?",
            "In 2015, 46% of women said so.",
        ] {
            let (strong, _) = kinds(text);
            assert!(strong.is_empty(), "{text:?} is not sourced: {strong:?}");
        }
    }

    #[test]
    fn reference_headings() {
        let finder = Finder::new(Require::Link, Scope::Sentence, &[], &[]).unwrap();
        assert!(finder.is_reference_heading("References"));
        assert!(finder.is_reference_heading("Sources"));
        assert!(!finder.is_reference_heading("Sources of support for men"));
    }
}
