//! Figures: the claim records of the figures an article states, keyed so that two figures
//! about the same quantity can be compared. Shared by `figures/contradiction`,
//! `figures/cross-article` and `carelint claims`.
//!
//! A claim's key is its population (a group such as "women", with "1,635 participants" taking
//! the group the sentence names), its time window (lifetime, recent, regular, year, or none),
//! its measure (what is counted, from `rules/figures.yml`; a sentence that only says "it" takes
//! the article's main measure) and the year it is for, if the sentence names one. Each figure
//! also becomes an interval of values it allows: "46%" is 45.5–46.5, "up to 10%" is 0–10.5,
//! "nearly half" is 40–50. Two figures with the same key contradict each other when their
//! intervals do not meet.
//!
//! Why one file of ~870 lines (about 65 are tests): keys, intervals and the extremes that
//! compare them are one model of a claim record.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analyse::Analysis;
use crate::analyse::citations::figures::{Attribution, cited_figures, kind_name};
use crate::analyse::citations::{Finder, cited_name};
use crate::analyse::quantities::{Qualifier, Quantity, QuantityKind};
use crate::model::source::Span;
use crate::parse::Document;
use crate::phrases::PhraseSet;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    pub version: u32,
    pub measures: Vec<Measure>,
    pub windows: BTreeMap<String, Vec<String>>,
    pub groups: Vec<String>,
    pub same_group: BTreeMap<String, Vec<String>>,
    pub complements: BTreeMap<String, String>,
    /// Nouns after which a number is a count of people ("1, 635 participants").
    pub people_nouns: Vec<String>,
    /// Words before a measure that make it part of who the group is, not what was counted
    /// ("adolescents with depression").
    pub restrictors: Vec<String>,
    /// `figures/contradiction`: words after a share's population that narrow it ("of U.S.
    /// adults *with* diabetes"), so a count after them restates no share of the table.
    pub narrowers: Vec<String>,
    /// `figures/impossible`: words that make a percentage over 100 a change rather than a share.
    pub change_words: Vec<String>,
    /// `figures/impossible`: words that make "55% to 27%" a fall rather than a backwards range.
    pub decline_words: Vec<String>,
    /// `figures/impossible`: words after a count that make it a part of the group just named.
    pub part_cues: Vec<String>,
    pub population_sources: BTreeMap<String, PopulationCitation>,
    pub populations: Vec<Place>,
    pub population_groups: BTreeMap<String, Vec<String>>,
    /// Rates of deaths in a whole population, counted per 100,000 a year (`figures/impossible`).
    pub yearly_death_rates: YearlyDeathRates,
}

/// Rates that count deaths per 100,000 people a year, and the per cent no such rate reaches.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearlyDeathRates {
    pub terms: Vec<String>,
    /// Words that may stand between the rate and its figure ("the suicide rate *was* 10.6%").
    pub linking: Vec<String>,
    /// Words just before the rate that make the figure a change of it ("a rise in the ...").
    pub changes: Vec<String>,
    pub max_percent: f64,
}

/// Where a population figure comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationCitation {
    pub name: String,
    pub url: String,
}

/// A place and how many people of each group it has.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub place: String,
    /// Words naming the place inside a group ("U.S. adults", "adults in Canada").
    pub names: Vec<String>,
    /// Words meaning everyone there ("Americans").
    pub people: Vec<String>,
    pub groups: BTreeMap<String, Denominator>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Denominator {
    pub count: f64,
    /// A narrower common reading of the same words (adult women for "women").
    #[serde(default)]
    pub low: Option<f64>,
    pub year: u16,
    pub source: String,
}

impl Denominator {
    /// The counts the group's words may mean, lowest first.
    pub fn range(&self) -> (f64, f64) {
        (self.low.unwrap_or(self.count).min(self.count), self.count)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub phrases: Vec<String>,
}

/// The data with its phrase lists compiled, once per process.
pub struct Keys {
    data: Data,
    measures: PhraseSet,
    windows: PhraseSet,
    window_names: Vec<String>,
    groups: PhraseSet,
    death_rates: PhraseSet,
}

pub fn keys() -> Result<&'static Keys, String> {
    static CELL: OnceLock<Result<Keys, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        let data: Data = crate::data::parse("rules/figures.yml")?;
        for place in &data.populations {
            for (group, d) in &place.groups {
                if !data.population_sources.contains_key(&d.source) {
                    return Err(format!(
                        "rules/figures.yml: population of {group} in {} cites unknown source {}",
                        place.place, d.source
                    ));
                }
                if !data.population_groups.contains_key(group) {
                    return Err(format!(
                        "rules/figures.yml: population group {group} in {} has no words",
                        place.place
                    ));
                }
            }
        }
        let acronym = |p: &str| p.chars().all(|c| !c.is_lowercase());
        let measures = PhraseSet::new(
            data.measures
                .iter()
                .enumerate()
                .flat_map(|(i, m)| m.phrases.iter().map(move |p| (i, p.as_str(), acronym(p)))),
        )?;
        let window_names: Vec<String> = data.windows.keys().cloned().collect();
        let windows = PhraseSet::new(
            data.windows
                .values()
                .enumerate()
                .flat_map(|(i, list)| list.iter().map(move |p| (i, p.as_str(), false))),
        )?;
        let groups = PhraseSet::new(data.groups.iter().map(|g| (0, g.as_str(), false)))?;
        let death_rates = PhraseSet::new(
            data.yearly_death_rates
                .terms
                .iter()
                .map(|t| (0, t.as_str(), false)),
        )?;
        Ok(Keys {
            data,
            measures,
            windows,
            window_names,
            groups,
            death_rates,
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

impl Keys {
    /// The yearly death-rate terms ("suicide rate") and what surrounds their figures.
    pub fn death_rates(&self) -> (&PhraseSet, &YearlyDeathRates) {
        (&self.death_rates, &self.data.yearly_death_rates)
    }

    /// The data the keys were compiled from (`rules/figures.yml`).
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// Whether `word` (lower case) is a noun for people that a count can be of.
    pub fn is_people_noun(&self, word: &str) -> bool {
        self.data.people_nouns.iter().any(|n| n == word)
    }

    /// The population of the group a phrase names ("U.S. adults", "Americans", "adults in
    /// Canada"), when the phrase is only a place and one group of the table: a phrase that
    /// narrows the group further ("U.S. adults with depression") names no table entry.
    pub fn denominator(&self, phrase: &str) -> Option<(&Place, &str, &Denominator)> {
        let lower = phrase.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty() && !matches!(*w, "the" | "all" | "in" | "of" | "across"))
            .collect();
        let joined = words.join(" ");
        for place in &self.data.populations {
            if place.people.contains(&joined) {
                return place.groups.get("people").map(|d| (place, "people", d));
            }
            for name in &place.names {
                let name_words: Vec<&str> = name.split(' ').collect();
                let n = name_words.len();
                if words.len() != n + 1 {
                    continue;
                }
                // "U.S. adults" or "adults U.S." (from "adults in the U.S.").
                let (group_word, rest) = if words[..n] == name_words[..] {
                    (words[n], &words[..n])
                } else if words[1..] == name_words[..] {
                    (words[0], &words[1..])
                } else {
                    continue;
                };
                debug_assert_eq!(rest.len(), n);
                let group = self
                    .data
                    .population_groups
                    .iter()
                    .find(|(_, forms)| forms.iter().any(|f| f == group_word))
                    .map(|(g, _)| g.as_str())?;
                return place.groups.get(group).map(|d| (place, group, d));
            }
        }
        None
    }

    /// The name of a population source of the table, for messages.
    pub fn population_source(&self, id: &str) -> String {
        self.data
            .population_sources
            .get(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// Whether `word` (lower case), right after a share's population, narrows it (`narrowers`).
    pub fn narrows(&self, word: &str) -> bool {
        self.data.narrowers.iter().any(|w| w == word)
    }

    /// The group "X times more likely" compares with when the article does not say.
    pub fn complement(&self, group: &str) -> Option<String> {
        self.data.complements.get(group).cloned()
    }
}

/// Population, window, measure and year.
pub type ClaimKey = (String, Option<String>, String, Option<u16>);

/// For each key, the claims seen so far with the highest low end and the lowest high end: a new
/// claim contradicts one of them exactly when it contradicts any claim seen so far, so checking
/// n claims costs n lookups, not n² comparisons.
///
/// Figures that name different sources are different quantities ("a 2019 Oxford survey" and
/// "the CDC" may measure differently); a figure that names none is compared with every figure.
/// So extremes are kept for all claims, for claims with no named source, and per named source.
pub struct Extremes<T: Clone> {
    all: HashMap<ClaimKey, (Bound<T>, Bound<T>)>,
    unnamed: HashMap<ClaimKey, (Bound<T>, Bound<T>)>,
    named: HashMap<(ClaimKey, String), (Bound<T>, Bound<T>)>,
}

impl<T: Clone> Default for Extremes<T> {
    fn default() -> Self {
        Extremes {
            all: HashMap::new(),
            unnamed: HashMap::new(),
            named: HashMap::new(),
        }
    }
}

type Bound<T> = (f64, T);

fn conflict_in<T: Clone>(bounds: Option<&(Bound<T>, Bound<T>)>, interval: (f64, f64)) -> Option<T> {
    let ((max_lo, a), (min_hi, b)) = bounds?;
    if interval.1 < *max_lo {
        Some(a.clone())
    } else if interval.0 > *min_hi {
        Some(b.clone())
    } else {
        None
    }
}

fn widen<T: Clone>(entry: &mut (Bound<T>, Bound<T>), interval: (f64, f64), tag: &T) {
    if interval.0 > entry.0.0 {
        entry.0 = (interval.0, tag.clone());
    }
    if interval.1 < entry.1.0 {
        entry.1 = (interval.1, tag.clone());
    }
}

impl<T: Clone> Extremes<T> {
    /// An earlier claim (its tag) whose interval does not meet `interval` and that may be about
    /// the same quantity, given the sources the two name.
    pub fn conflict(&self, key: &ClaimKey, cited: Option<&str>, interval: (f64, f64)) -> Option<T> {
        crate::work::tick(1);
        match cited {
            None => conflict_in(self.all.get(key), interval),
            Some(name) => conflict_in(self.unnamed.get(key), interval).or_else(|| {
                conflict_in(self.named.get(&(key.clone(), name.to_string())), interval)
            }),
        }
    }

    pub fn add(&mut self, key: ClaimKey, cited: Option<&str>, interval: (f64, f64), tag: T) {
        crate::work::tick(1);
        let fresh = || ((interval.0, tag.clone()), (interval.1, tag.clone()));
        match cited {
            None => widen(
                self.unnamed.entry(key.clone()).or_insert_with(fresh),
                interval,
                &tag,
            ),
            Some(name) => widen(
                self.named
                    .entry((key.clone(), name.to_string()))
                    .or_insert_with(fresh),
                interval,
                &tag,
            ),
        }
        widen(self.all.entry(key).or_insert_with(fresh), interval, &tag);
    }
}

/// One figure as `carelint claims` prints it (JSON Lines), plus what comparisons need. It
/// round-trips through JSON, so `carelint check-claims` can compare the claims that shards of a
/// CI matrix printed. Fields are only ever added, at the end.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub path: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub kind: String,
    pub values: Vec<f64>,
    pub precision: u8,
    pub qualifier: Option<String>,
    pub population: Option<String>,
    pub window: Option<String>,
    pub measure: Option<String>,
    pub year: Option<u16>,
    pub sample_size: Option<u64>,
    /// `sourced`, `weak` or `unsourced`.
    pub source: String,
    /// The source the figure's sentence names, normalised ("cdc", `[^2]`, "smith et al"), when
    /// it names one: figures from different named sources are not paired.
    pub cited: Option<String>,
    /// The values the figure allows, in percent; `None` for figures that are not shares.
    #[serde(default)]
    pub interval: Option<(f64, f64)>,
    #[serde(default)]
    pub quantity_kind: Option<QuantityKind>,
    /// The severity `figures/cross-article` has for this file; `None` when it is off there
    /// (or unknown), and then the claim takes no part in the comparison.
    #[serde(default)]
    pub cross_article: Option<crate::model::diagnostic::Severity>,
    /// Where the span ends (exclusive; 1-based, columns in characters), so reports can place
    /// the claim when its file is not at hand. 0 when unknown.
    #[serde(default)]
    pub end_line: usize,
    #[serde(default)]
    pub end_column: usize,
    /// The measure is named right after the figure, as what the group did or had ("46% of women
    /// had cried after sex"), not only somewhere in its sentence or as part of who the group is
    /// ("20% of adolescents with depression develop bipolar disorder"): only such figures are
    /// compared across articles, where nothing else ties two sentences together.
    #[serde(default)]
    pub measure_follows: bool,
    /// The lines around the figure, kept for reports on other articles that point back at it
    /// (not printed by `carelint claims`).
    #[serde(skip)]
    pub excerpt: Option<std::sync::Arc<crate::model::source::Excerpt>>,
}

impl ClaimRecord {
    /// The claim with the lines around it in `source`, kept for findings on other articles
    /// that point back at it.
    pub fn with_excerpt(self, source: &crate::model::source::SourceFile) -> ClaimRecord {
        let excerpt = crate::model::source::Excerpt::of(source, self.span);
        ClaimRecord {
            excerpt: Some(std::sync::Arc::new(excerpt)),
            ..self
        }
    }

    /// Whether the claim can be compared across articles: it has a key and an interval, its
    /// measure is what the figure counts, and it says over what time (a figure with no window
    /// may be a point prevalence, a yearly rate or a lifetime one, and two articles rarely mean
    /// the same).
    pub fn comparable(&self) -> bool {
        self.interval.is_some()
            && self.population.is_some()
            && self.measure.is_some()
            && self.measure_follows
    }

    /// Whether two claims are about the same quantity.
    pub fn same_key(&self, other: &ClaimRecord) -> bool {
        self.population.is_some()
            && self.measure.is_some()
            && self.population == other.population
            && self.window == other.window
            && self.measure == other.measure
            && self.year == other.year
    }

    /// What makes two claims the same quantity, if the claim has one.
    pub fn key(&self) -> Option<ClaimKey> {
        Some((
            self.population.clone()?,
            self.window.clone(),
            self.measure.clone()?,
            self.year,
        ))
    }

    /// The key in words, for messages.
    pub fn key_words(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.population {
            parts.push(p.clone());
        }
        parts.push(match self.window.as_deref() {
            Some("lifetime") => "at any time in their lives".to_string(),
            Some("recent") => "in the past few weeks".to_string(),
            Some("regular") => "regularly".to_string(),
            Some("year") => "in a year".to_string(),
            Some(other) => other.to_string(),
            None => "with no time window".to_string(),
        });
        if let Some(m) = &self.measure {
            parts.push(m.replace('-', " "));
        }
        if let Some(y) = self.year {
            parts.push(format!("in {y}"));
        }
        parts.join(", ")
    }
}

/// Every claim of an article, keyed.
pub fn records<'a>(
    doc: &Document,
    analysis: &'a Analysis,
    finder: &Finder,
) -> std::borrow::Cow<'a, [ClaimRecord]> {
    // Keyed once per document: the cross-article keys and `figures/contradiction` share them.
    match analysis.records_once(finder.id, || compute_records(doc, analysis, finder)) {
        Some(found) => std::borrow::Cow::Borrowed(found.as_slice()),
        None => std::borrow::Cow::Owned(compute_records(doc, analysis, finder)),
    }
}

fn compute_records(doc: &Document, analysis: &Analysis, finder: &Finder) -> Vec<ClaimRecord> {
    let Ok(keys) = keys() else {
        return Vec::new();
    };
    let main_measure = main_measure(doc, analysis, keys);
    // Keys that depend only on the sentence, computed once per sentence: a one-line article can
    // be a single sentence with thousands of figures.
    let mut sentence_keys: HashMap<(usize, usize), SentenceKeys> = HashMap::new();
    let mut out = Vec::new();
    for claim in cited_figures(doc, analysis, finder) {
        let block = &doc.blocks[claim.block];
        let Some(facts) = analysis.blocks.get(claim.block) else {
            continue;
        };
        let q = claim.quantity;
        let text = block.text();
        let sentence = facts.sentence_of(q.range.start, text.len());
        // A stats page's lines without full stops read as one sentence; each line is its own
        // claim there, so a year or a measure on one line does not key the next.
        let sentence = match analysis.line_items(doc, claim.block) {
            Some(lines) => lines
                .iter()
                .find(|l| l.start <= q.range.start && q.range.start < l.end)
                .map_or(sentence.clone(), |l| {
                    sentence.start.max(l.start)..sentence.end.min(l.end)
                }),
            None => sentence,
        };
        let sentence_text = &text[sentence.clone()];
        let (span, shown) = block.located(&doc.source, q.range.clone());
        let pos = doc.source.position(span.start);
        let sources = analysis.block_sources(finder, block, claim.block);
        let cited = cited_name(block, &sources, &sentence, q.range.start);
        let end = doc.source.position(span.end);
        let sentence_facts_ref = sentence_keys
            .entry((claim.block, sentence.start))
            .or_insert_with(|| SentenceKeys::of(keys, sentence_text, main_measure.as_deref()));
        let measure_follows =
            sentence_facts_ref.measure_after(q.range.end.saturating_sub(sentence.start));
        let sentence_facts = sentence_facts_ref.clone();
        out.push(ClaimRecord {
            path: doc.source.path.clone(),
            span,
            line: pos.line,
            column: pos.column,
            text: shown,
            kind: kind_name(q.kind).to_string(),
            values: q.values.clone(),
            precision: q.precision,
            qualifier: q.qualifier.map(|q| qualifier_name(q).to_string()),
            // In "higher for females (38.0%) than for males (26.1%)" each figure is about a
            // subgroup of whatever the sentence is about; too subtle to pair on.
            // A multiple's own "than men" or "compared with men" is the comparison it makes,
            // not a subgroup: only narrowing words ("among students") drop its group.
            population: population(keys, q, text, sentence.start).filter(|_| {
                if q.kind == QuantityKind::Multiple {
                    !sentence_facts.narrows
                } else {
                    !sentence_facts.compares
                }
            }),
            window: q.window.clone().map(|w| window(keys, &text[w])),
            measure: sentence_facts.measure,
            year: sentence_facts.year,
            sample_size: q.sample_size,
            source: match claim.attribution {
                Attribution::Sourced => "sourced",
                Attribution::Weak(..) => "weak",
                Attribution::Unsourced => "unsourced",
            }
            .to_string(),
            cited,
            interval: interval(q),
            quantity_kind: Some(q.kind),
            cross_article: None,
            end_line: end.line,
            end_column: end.column,
            measure_follows,
            excerpt: None,
        });
    }
    out
}

#[derive(Clone)]
struct SentenceKeys {
    measure: Option<String>,
    /// Where the sentence names its measure (first one only), relative to the sentence, unless
    /// the mention describes a group ("with depression", "who have anxiety").
    measure_at: Option<usize>,
    year: Option<u16>,
    compares: bool,
    /// Words that narrow or split the group ("among", "higher"), without the ones a multiple
    /// uses for its own comparison ("than", "compared", "versus").
    narrows: bool,
}

fn describes_group(keys: &Keys, before: &str) -> bool {
    let mut words = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let last = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    keys.data.restrictors.contains(&last)
        || (matches!(last.as_str(), "have" | "has" | "had")
            && matches!(second.as_str(), "who" | "that"))
}

impl SentenceKeys {
    /// Whether the measure is named after a figure ending at `end` (relative to the sentence),
    /// close enough to be what the figure counts.
    fn measure_after(&self, end: usize) -> bool {
        // Before the figure ("anxiety disorders affect 30% of adults") or just after it.
        self.measure_at.is_some_and(|at| at < end || at - end <= 80)
    }
}

impl SentenceKeys {
    fn of(keys: &Keys, sentence: &str, main_measure: Option<&str>) -> Self {
        // A sentence that names no measure takes the article's main one only when it points
        // back to it ("more likely to experience it").
        let first = keys.measures.find_iter(sentence).next();
        // "children with depression in the past year" counts depression; "adolescents with
        // depression develop bipolar disorder" counts something else about them.
        let measure_at = first
            .as_ref()
            .filter(|m| {
                let next = sentence
                    .get(m.end..)
                    .unwrap_or_default()
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_lowercase();
                let ends = next.is_empty()
                    || matches!(
                        next.as_str(),
                        "in" | "at" | "during" | "over" | "within" | "by"
                    )
                    || next.starts_with([',', '.', ';', ')']);
                ends || !describes_group(keys, sentence.get(..m.start).unwrap_or_default())
            })
            .map(|m| m.start);
        let measure = first
            .map(|m| keys.data.measures[m.entry].id.clone())
            .or_else(|| {
                refers_back(sentence)
                    .then(|| main_measure.map(str::to_string))
                    .flatten()
            });
        SentenceKeys {
            measure,
            measure_at,
            year: year_in(sentence),
            compares: compares(sentence, true),
            narrows: compares(sentence, false),
        }
    }
}

/// The measure most of the article's measure mentions name, if one clearly dominates.
fn main_measure(doc: &Document, analysis: &Analysis, keys: &Keys) -> Option<String> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        for m in keys
            .measures
            .find_iter_in(block.text(), analysis.words(index))
        {
            *counts.entry(m.entry).or_default() += 1;
        }
    }
    let total: usize = counts.values().sum();
    let (&best, &n) = counts.iter().max_by_key(|(_, n)| **n)?;
    (n * 10 >= total * 6).then(|| keys.data.measures[best].id.clone())
}

/// The group a figure is about, as a canonical name ("females" → "women"). A sample noun
/// ("participants") takes the last group the sentence names before the figure.
fn population(keys: &Keys, q: &Quantity, text: &str, sentence_start: usize) -> Option<String> {
    let range = q.population.clone()?;
    // Only a group written right beside the figure ("46% of women", "women (46%)") is reliable
    // enough to pair figures on.
    let after = range.start >= q.range.end && range.start - q.range.end <= 40;
    let before = range.end <= q.range.start && q.range.start - range.end <= 25;
    if !(after || before) {
        return None;
    }
    let raw = text.get(range)?.to_lowercase();
    let mut words = raw.split_whitespace();
    let head = words.next()?.to_string();
    let rest: Vec<&str> = words.collect();
    let canonical = |word: &str| -> Option<String> {
        keys.data
            .same_group
            .iter()
            .find(|(_, forms)| forms.iter().any(|f| f == word))
            .map(|(name, _)| name.clone())
            .or_else(|| {
                keys.data
                    .groups
                    .iter()
                    .any(|g| g == word)
                    .then(|| word.to_string())
            })
    };
    if let Some(group) = canonical(&head).filter(|g| g != "people") {
        // Keep what narrows the group: "women aged 16–74" is not "women".
        return Some(
            std::iter::once(group.as_str())
                .chain(rest)
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    // "Another study of PCT in men found that 41% of 1,635 participants ...": the group named
    // earlier in the sentence, within a short look-back (a sentence can be a whole article).
    let mut from = sentence_start.max(q.range.start.saturating_sub(200));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..q.range.start)?;
    keys.groups
        .find_iter(before)
        .filter_map(|m| canonical(&before[m.start..m.end].to_lowercase()))
        .filter(|g| g != "people")
        .last()
}

/// A sentence comparing subgroups ("higher among", "compared with", "than") or narrowing the
/// group ("among students, 33% of women"); with `than` false, the comparing words "than",
/// "compared", "versus" and "vs" (and the "among" of "than among men") do not count.
fn compares(sentence: &str, than: bool) -> bool {
    let mut previous = String::new();
    for w in sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        let comparing = matches!(w.as_str(), "compared" | "than" | "versus" | "vs");
        let narrowing = matches!(
            w.as_str(),
            "higher" | "lower" | "highest" | "lowest" | "among" | "amongst"
        );
        let own = !than && narrowing && w.starts_with("among") && previous == "than";
        if (narrowing && !own) || (than && comparing) {
            return true;
        }
        previous = w;
    }
    false
}

/// "... more likely to experience it": the sentence points back to what the article is about.
fn refers_back(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "it" | "It"))
}

fn window(keys: &Keys, text: &str) -> String {
    keys.windows
        .find_iter(text)
        .next()
        .and_then(|m| keys.window_names.get(m.entry).cloned())
        .unwrap_or_else(|| text.to_lowercase())
}

pub fn year_in(text: &str) -> Option<u16> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &b[i..i + 4];
        let boundary = (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric());
        (boundary
            && (w.starts_with(b"19") || w.starts_with(b"20"))
            && w.iter().all(u8::is_ascii_digit))
        .then(|| std::str::from_utf8(w).ok()?.parse().ok())
        .flatten()
    })
}

fn qualifier_name(q: Qualifier) -> &'static str {
    match q {
        Qualifier::About => "about",
        Qualifier::UpTo => "up to",
        Qualifier::AtLeast => "at least",
        Qualifier::MoreThan => "more than",
        Qualifier::LessThan => "less than",
        Qualifier::Nearly => "nearly",
        Qualifier::Between => "between",
        Qualifier::AnywhereFrom => "anywhere from",
    }
}

/// The percentages a share allows, given its rounding and qualifier.
pub fn interval(q: &Quantity) -> Option<(f64, f64)> {
    let half = 0.5 * 10f64.powi(-i32::from(q.precision));
    let (lo, hi) = match q.kind {
        QuantityKind::Percentage => {
            let v = *q.values.first()?;
            (v - half, v + half)
        }
        QuantityKind::PercentageRange => (*q.values.first()? - half, *q.values.get(1)? + half),
        QuantityKind::Frequency => {
            let v = *q.values.first()?;
            (v * 0.9, v * 1.1)
        }
        // Verbal proportions ("half", "a third") are loose: ±10% of the value, at least 3 points.
        QuantityKind::Proportion => {
            let v = *q.values.first()?;
            let slack = (v * 0.1).max(3.0);
            (v - slack, v + slack)
        }
        _ => return None,
    };
    let slack = (lo.abs() * 0.1).max(2.0);
    let (lo, hi) = match q.qualifier {
        Some(Qualifier::About) => (lo - slack, hi + slack),
        Some(Qualifier::Nearly) => (lo - 2.0 * slack, hi.min(*q.values.first()? + half)),
        Some(Qualifier::UpTo | Qualifier::LessThan) => (0.0, hi),
        Some(Qualifier::AtLeast | Qualifier::MoreThan) => (lo, 100.0),
        _ => (lo, hi),
    };
    Some((lo.max(0.0), hi.min(100.0).max(lo.max(0.0))))
}

/// Whether two intervals leave no value both could be.
pub fn disjoint(a: (f64, f64), b: (f64, f64)) -> bool {
    a.1 < b.0 || b.1 < a.0
}

/// "46%", "up to 10%" for messages.
pub fn short(record: &ClaimRecord) -> String {
    record.text.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(
        kind: QuantityKind,
        values: &[f64],
        precision: u8,
        qualifier: Option<Qualifier>,
    ) -> Quantity {
        Quantity {
            kind,
            range: 0..1,
            values: values.to_vec(),
            frequency: None,
            precision,
            qualifier,
            broken: false,
            spelled: false,
            population: None,
            window: None,
            sample_size: None,
        }
    }

    #[test]
    fn intervals_follow_rounding_and_qualifiers() {
        let p = |v, d, qual| interval(&q(QuantityKind::Percentage, &[v], d, qual)).unwrap();
        assert_eq!(p(46.0, 0, None), (45.5, 46.5));
        assert_eq!(p(10.0, 0, Some(Qualifier::UpTo)), (0.0, 10.5));
        assert!(
            !disjoint(p(20.2, 1, None), p(20.0, 0, None)),
            "20.2% and 20% agree at the coarser precision"
        );
        assert!(disjoint(
            p(10.0, 0, Some(Qualifier::UpTo)),
            p(41.0, 0, None)
        ));
        let half = interval(&q(
            QuantityKind::Proportion,
            &[50.0],
            0,
            Some(Qualifier::Nearly),
        ))
        .unwrap();
        assert!(!disjoint(half, p(46.0, 0, None)), "nearly half fits 46%");
        assert!(
            disjoint(half, p(62.0, 0, None)),
            "nearly half does not fit 62%"
        );
    }

    #[test]
    fn years_are_found_as_whole_numbers() {
        assert_eq!(year_in("In 2019, 46% said so"), Some(2019));
        assert_eq!(year_in("46% of 20190 people"), None);
        assert_eq!(year_in("about 46%"), None);
    }

    #[test]
    fn data_loads() {
        assert!(keys().is_ok());
    }
}
