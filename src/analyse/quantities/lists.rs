//! The word lists extraction reads, from `rules/quantities.yml`, compiled once per process.
//!
//! Every list is compared ASCII case-insensitively, as the inline lists it replaces were: a
//! [`WordSet`] keeps its words ASCII-lower-cased in a hash set and lower-cases each looked-up
//! word on the stack, so a lookup costs one hash of a short word whatever the list's length.
//! The few closed-class word sets that are grammar, not vocabulary (articles, be-verbs,
//! determiners), stay in the code as arrays, which [`Lookup`] also answers.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::Qualifier;
use super::labels::Label;
use super::windows::{self, WindowPhrase};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File<'a> {
    version: u32,
    sources: BTreeMap<String, Source>,
    #[serde(borrow)]
    people: List<'a>,
    #[serde(borrow)]
    not_count_heads: List<'a>,
    #[serde(borrow)]
    not_samples: List<'a>,
    #[serde(borrow)]
    noun_phrase_stops: List<'a>,
    #[serde(borrow)]
    labels: List<'a>,
    #[serde(borrow)]
    dot_labels: List<'a>,
    #[serde(borrow)]
    units: List<'a>,
    #[serde(borrow)]
    year_prepositions: List<'a>,
    qualifiers: Groups<QualifierGroup>,
    #[serde(borrow)]
    comparatives: List<'a>,
    #[serde(borrow)]
    compared: List<'a>,
    #[serde(borrow)]
    the_nouns: List<'a>,
    #[serde(borrow)]
    changes: List<'a>,
    #[serde(borrow)]
    change_verbs: List<'a>,
    #[serde(borrow)]
    by_verbs: List<'a>,
    #[serde(borrow)]
    figurative: List<'a>,
    #[serde(borrow)]
    half_block: List<'a>,
    #[serde(borrow)]
    rate_units: List<'a>,
    #[serde(borrow)]
    rate_subjects: List<'a>,
    #[serde(borrow)]
    averages: List<'a>,
    #[serde(borrow)]
    average_nouns: List<'a>,
    #[serde(borrow)]
    average_owners: List<'a>,
    #[serde(borrow)]
    average_links: List<'a>,
    #[serde(borrow)]
    duration_units: List<'a>,
    #[serde(borrow)]
    periods: List<'a>,
    #[serde(borrow)]
    count_verbs: List<'a>,
    #[serde(borrow)]
    figurative_verbs: List<'a>,
    #[serde(borrow)]
    strengths: List<'a>,
    #[serde(borrow)]
    money_scales: List<'a>,
    #[serde(borrow)]
    not_groups: List<'a>,
    #[serde(borrow)]
    sentence_adverbs: List<'a>,
    #[serde(borrow)]
    majority_adjectives: List<'a>,
    statistical_labels: Groups<LabelGroup>,
    windows: windows::Data,
}

/// Where a list's words come from: a guideline, or carelint's own linguistic list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    name: String,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct List<'a> {
    why: String,
    sources: Vec<String>,
    /// Borrowed from the embedded JSON: no copy of each word at start-up.
    #[serde(borrow)]
    words: Vec<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Groups<G> {
    why: String,
    sources: Vec<String>,
    groups: Vec<G>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifierGroup {
    qualifier: Qualifier,
    why: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelGroup {
    label: Label,
    /// Matched with its exact case ("OR", "p"), not ignoring ASCII case ("odds ratio").
    #[serde(default)]
    exact_case: bool,
    /// Only a label with a comparator after it: "p < 0.05", "n = 230", not "p 5".
    #[serde(default)]
    needs_comparator: bool,
    words: Vec<String>,
}

/// A statistical label: its text, kind, whether matched case-sensitively, and whether it needs
/// a comparator.
pub(super) type LabelWord = (String, Label, bool, bool);

/// Phrases looked for right before each number, in the data's order, indexed by their last
/// byte (ASCII case folded): only the few that end with the byte before the number are
/// compared ([`crate::analyse::numbers::phrase_before`]), where a research paper has hundreds
/// of thousands of numbers.
pub(super) struct ByLastByte<T> {
    items: Vec<T>,
    /// Per byte value, the indices of the items whose phrase ends with it (an empty phrase is
    /// in every list); then one more list of all of them.
    by_last: Vec<Vec<u32>>,
}

impl<T> Default for ByLastByte<T> {
    fn default() -> Self {
        ByLastByte {
            items: Vec::new(),
            by_last: Vec::new(),
        }
    }
}

impl<T> ByLastByte<T> {
    fn new(items: Vec<T>, phrase: impl Fn(&T) -> &str) -> Self {
        let mut by_last = vec![Vec::new(); 257];
        for (i, item) in (0u32..).zip(&items) {
            match phrase(item).as_bytes().last() {
                Some(&b) => by_last[usize::from(b.to_ascii_lowercase())].push(i),
                None => by_last[..256].iter_mut().for_each(|list| list.push(i)),
            }
            by_last[256].push(i);
        }
        ByLastByte { items, by_last }
    }

    /// The items whose phrase may end at byte `j` of `text`, in the data's order: all of them
    /// at the text's start.
    pub(super) fn ending_at<'a>(&'a self, text: &str, j: usize) -> impl Iterator<Item = &'a T> {
        let before = j.checked_sub(1).and_then(|k| text.as_bytes().get(k));
        let list = before.map_or(256, |b| usize::from(b.to_ascii_lowercase()));
        self.by_last
            .get(list)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.items.get(i as usize))
    }

    #[cfg(test)]
    pub(super) fn first(&self) -> Option<&T> {
        self.items.first()
    }
}

/// The compiled lists; see `rules/quantities.yml` for what each holds.
#[derive(Default)]
pub(super) struct Lists {
    pub(super) people: WordSet,
    pub(super) not_count_heads: WordSet,
    pub(super) not_samples: WordSet,
    pub(super) stop: WordSet,
    pub(super) labels: WordSet,
    pub(super) dot_labels: WordSet,
    pub(super) units: WordSet,
    pub(super) year_preps: WordSet,
    /// In the data's order; the longest match wins, whatever the order.
    pub(super) qualifiers: ByLastByte<(String, Qualifier)>,
    pub(super) comparatives: WordSet,
    pub(super) compared: WordSet,
    pub(super) the_nouns: WordSet,
    pub(super) changes: WordSet,
    pub(super) change_verbs: WordSet,
    pub(super) by_verbs: WordSet,
    pub(super) figurative: WordSet,
    pub(super) half_block: WordSet,
    pub(super) rate_units: WordSet,
    pub(super) rate_subjects: WordSet,
    pub(super) averages: WordSet,
    pub(super) average_nouns: WordSet,
    pub(super) average_owners: WordSet,
    pub(super) average_links: WordSet,
    pub(super) duration_units: WordSet,
    pub(super) periods: WordSet,
    pub(super) count_verbs: WordSet,
    pub(super) figurative_verbs: WordSet,
    pub(super) strengths: WordSet,
    pub(super) money_scales: WordSet,
    pub(super) not_groups: WordSet,
    pub(super) sentence_adverbs: WordSet,
    pub(super) majority_adj: WordSet,
    /// In the data's order: the first label that ends at a number is taken.
    pub(super) label_words: ByLastByte<LabelWord>,
    pub(super) windows: Vec<WindowPhrase>,
}

/// The built-in lists, compiled once per process.
pub(super) fn load() -> Result<&'static Lists, String> {
    static CELL: OnceLock<Result<Lists, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        let file: File = crate::data::parse_static("rules/quantities.yml")?;
        compile(file).map_err(|e| format!("rules/quantities.yml: {e}"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The built-in lists, or empty ones if they do not compile (extraction then stops before
/// reading any: see `extract_scanned`).
pub(super) fn lists() -> &'static Lists {
    static EMPTY: OnceLock<Lists> = OnceLock::new();
    match load() {
        Ok(lists) => lists,
        Err(_) => EMPTY.get_or_init(Lists::default),
    }
}

fn compile(file: File<'static>) -> Result<Lists, String> {
    if file.version != 1 {
        return Err(format!("unknown version {}", file.version));
    }
    for (key, source) in &file.sources {
        if source.name.trim().is_empty()
            || source
                .url
                .as_ref()
                .is_some_and(|u| !u.starts_with("https://"))
        {
            return Err(format!(
                "sources: {key} needs a name, and an https:// url if any"
            ));
        }
    }
    let cited = |what: &str, why: &str, sources: &[String]| -> Result<(), String> {
        if why.trim().is_empty() || sources.is_empty() {
            return Err(format!(
                "{what}: say why (`why:`) and where from (`sources:`)"
            ));
        }
        match sources.iter().find(|s| !file.sources.contains_key(*s)) {
            Some(unknown) => Err(format!("{what}: unknown source `{unknown}`")),
            None => Ok(()),
        }
    };
    let set = |what: &str, list: List<'static>| -> Result<WordSet, String> {
        cited(what, &list.why, &list.sources)?;
        WordSet::new(list.words).map_err(|e| format!("{what}: {e}"))
    };
    cited("qualifiers", &file.qualifiers.why, &file.qualifiers.sources)?;
    let mut qualifiers = Vec::new();
    for group in &file.qualifiers.groups {
        if group.why.trim().is_empty() {
            return Err("qualifiers: say why for each group".into());
        }
        qualifiers.extend(group.words.iter().map(|w| (w.clone(), group.qualifier)));
    }
    let labels = &file.statistical_labels;
    cited("statistical_labels", &labels.why, &labels.sources)?;
    let label_words = labels
        .groups
        .iter()
        .flat_map(|g| {
            g.words
                .iter()
                .map(|w| (w.clone(), g.label, g.exact_case, g.needs_comparator))
        })
        .collect();
    let windows = &file.windows;
    cited("windows", &windows.why, &windows.sources)?;
    Ok(Lists {
        people: set("people", file.people)?,
        not_count_heads: set("not_count_heads", file.not_count_heads)?,
        not_samples: set("not_samples", file.not_samples)?,
        stop: set("noun_phrase_stops", file.noun_phrase_stops)?,
        labels: set("labels", file.labels)?,
        dot_labels: set("dot_labels", file.dot_labels)?,
        units: set("units", file.units)?,
        year_preps: set("year_prepositions", file.year_prepositions)?,
        qualifiers: ByLastByte::new(qualifiers, |(phrase, _)| phrase),
        comparatives: set("comparatives", file.comparatives)?,
        compared: set("compared", file.compared)?,
        the_nouns: set("the_nouns", file.the_nouns)?,
        changes: set("changes", file.changes)?,
        change_verbs: set("change_verbs", file.change_verbs)?,
        by_verbs: set("by_verbs", file.by_verbs)?,
        figurative: set("figurative", file.figurative)?,
        half_block: set("half_block", file.half_block)?,
        rate_units: set("rate_units", file.rate_units)?,
        rate_subjects: set("rate_subjects", file.rate_subjects)?,
        averages: set("averages", file.averages)?,
        average_nouns: set("average_nouns", file.average_nouns)?,
        average_owners: set("average_owners", file.average_owners)?,
        average_links: set("average_links", file.average_links)?,
        duration_units: set("duration_units", file.duration_units)?,
        periods: set("periods", file.periods)?,
        count_verbs: set("count_verbs", file.count_verbs)?,
        figurative_verbs: set("figurative_verbs", file.figurative_verbs)?,
        strengths: set("strengths", file.strengths)?,
        money_scales: set("money_scales", file.money_scales)?,
        not_groups: set("not_groups", file.not_groups)?,
        sentence_adverbs: set("sentence_adverbs", file.sentence_adverbs)?,
        majority_adj: set("majority_adjectives", file.majority_adjectives)?,
        label_words: ByLastByte::new(label_words, |(word, ..)| word),
        windows: windows::compile(windows).map_err(|e| format!("windows: {e}"))?,
    })
}

/// Words a looked-up word is compared with, ignoring ASCII case.
pub(super) trait Lookup {
    fn has(&self, word: &str) -> bool;
}

/// A closed-class word set written in the code.
impl<const N: usize> Lookup for [&str; N] {
    fn has(&self, word: &str) -> bool {
        self.iter().any(|x| x.eq_ignore_ascii_case(word))
    }
}

/// Whether `word` is in `list`, ignoring ASCII case.
pub(super) fn is_in<L: Lookup + ?Sized>(list: &L, word: &str) -> bool {
    list.has(word)
}

pub(super) fn is_people(w: &str) -> bool {
    lists().people.has(w)
}

/// The longest word a [`WordSet`] may hold, so a looked-up word is lower-cased on the stack.
const LONGEST: usize = 64;

/// A word list from the data: its words ASCII-lower-cased in a hash set.
#[derive(Default)]
pub(super) struct WordSet {
    /// Borrowed from the embedded data unless a word had upper-case letters.
    words: FxHashSet<Cow<'static, [u8]>>,
    /// The longest word's length: a longer word is not looked up.
    longest: usize,
}

impl WordSet {
    fn new(words: Vec<Cow<'static, str>>) -> Result<Self, String> {
        let mut set = WordSet {
            words: FxHashSet::with_capacity_and_hasher(words.len(), Default::default()),
            longest: 0,
        };
        for word in words {
            if word.is_empty() || word.len() > LONGEST {
                return Err(format!("`{word}`: a word has 1 to {LONGEST} bytes"));
            }
            set.longest = set.longest.max(word.len());
            let key = match word {
                Cow::Borrowed(w) if !w.bytes().any(|b| b.is_ascii_uppercase()) => {
                    Cow::Borrowed(w.as_bytes())
                }
                w => Cow::Owned(w.to_ascii_lowercase().into_bytes()),
            };
            set.words.insert(key);
        }
        Ok(set)
    }
}

impl Lookup for WordSet {
    fn has(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if bytes.len() > self.longest {
            return false;
        }
        let mut buf = [0u8; LONGEST];
        let Some(key) = buf.get_mut(..bytes.len()) else {
            return false;
        };
        key.copy_from_slice(bytes);
        key.make_ascii_lowercase();
        self.words.contains(&*key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(edit: impl FnOnce(&mut serde_yaml::Value)) -> File<'static> {
        let mut value: serde_yaml::Value =
            crate::data::parse("rules/quantities.yml").expect("embedded");
        edit(&mut value);
        // The lists borrow from their text, as from the embedded JSON; a test may leak it.
        let json = serde_json::to_string(&value).expect("JSON");
        serde_json::from_str(Box::leak(json.into_boxed_str())).expect("still the schema")
    }

    #[test]
    fn the_built_in_lists_compile() {
        let lists = load().expect("rules/quantities.yml compiles");
        assert!(lists.people.has("Women") && lists.stop.has("THE"));
        assert!(!lists.people.has("womenfolk") && !lists.people.has(""));
        assert_eq!(lists.windows.len(), 13);
        assert_eq!(
            lists.label_words.first().map(|l| l.0.as_str()),
            Some("odds ratio")
        );
    }

    #[test]
    fn a_list_must_say_why_and_cite_a_known_source() {
        let no_why = file_with(|v| v["people"]["why"] = "".into());
        assert!(compile(no_why).is_err_and(|e| e.contains("people")));
        let unknown = file_with(|v| v["units"]["sources"] = vec!["NOWHERE"].into());
        assert!(compile(unknown).is_err_and(|e| e.contains("NOWHERE")));
        let bad_window = file_with(|v| v["windows"]["phrases"][0]["match"] = "at $nothing".into());
        assert!(compile(bad_window).is_err_and(|e| e.contains("$nothing")));
    }

    #[test]
    fn lookups_ignore_ascii_case_only() {
        let set = WordSet::new(vec!["Men".into(), "ρ".into(), "µg".into()]).expect("words");
        assert!(set.has("MEN") && set.has("Men") && set.has("ρ") && set.has("µG"));
        // Like `eq_ignore_ascii_case`: other scripts keep their case.
        assert!(!set.has("Ρ") && !set.has("me") && !set.has("menx"));
        assert!(["a", "an"].has("AN") && !["a", "an"].has("and"));
        assert!(WordSet::new(vec!["".into()]).is_err());
    }
}
