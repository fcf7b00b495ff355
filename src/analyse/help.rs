//! Help detection for `safety/help-seeking`: finds help-seeking content in an article and grades
//! it (generic advice, or a specific service with a way to reach it), with where it is placed.
//!
//! Data: `rules/help.yml` (phrase lists, help headings, phone shapes, the grade each topic
//! needs) and `rules/helplines.yml` (named services by region), plus the publication's own
//! resources. All phrase lists and service names go into one automaton.
//!
//! Why one file of ~1,160 lines (about 205 are tests): the data, the automaton over it and the
//! grading of what is found share the service table.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::analyse::Analysis;
use crate::analyse::helplines::{self, Helplines, PhoneToken, digits_of, phone_tokens, region};
use crate::analyse::navigation::{is_navigation, navigation_lists};
use crate::data::Guideline;
use crate::parse::{Block, BlockKind, Document, InlineKind};
use crate::phrases::{PhraseMatch, PhraseSet, is_case_edge, is_whole_word};

/// How good an article's help-seeking content is, weakest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// Nothing (as a requirement: the topic needs no help-seeking information).
    None,
    /// Advice to seek help from someone: "talk to a therapist", "see your GP".
    Generic,
    /// A named service with a phone number, text line or web address.
    Specific,
    /// Specific, for the publication's region, in a closing section or a callout.
    Complete,
}

impl Grade {
    pub fn describe(self) -> &'static str {
        match self {
            Grade::None => "no help-seeking information",
            Grade::Generic => "advice on where to seek help, such as a doctor or a therapist",
            Grade::Specific => "a named service with a phone number, text line or website",
            Grade::Complete => {
                "a named service for your region with a phone number, text line or website, in a \
                 closing section or a callout"
            }
        }
    }

    /// [`Grade::describe`] in the words of the publication's region: readers in Britain,
    /// Ireland, Australia and New Zealand see a GP; everyone else, and a publication with no
    /// region, a doctor.
    pub fn describe_for(self, region: Option<&str>) -> &'static str {
        match (self, region) {
            (Grade::Generic, Some("GB" | "IE" | "AU" | "NZ")) => {
                "advice on where to seek help, such as a GP or a therapist"
            }
            _ => self.describe(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpFile {
    pub version: u32,
    #[serde(default)]
    pub sources: BTreeMap<String, Guideline>,
    pub topics: Vec<TopicNeed>,
    pub generic: Vec<String>,
    pub helpers: Vec<String>,
    pub cues: Vec<String>,
    pub service_words: Vec<String>,
    pub contact_words: Vec<String>,
    pub help_headings: Vec<String>,
    pub phone_shapes: Vec<String>,
    /// Words that address advice to the reader ("you", "should", "it is important to").
    #[serde(default)]
    pub advice: Vec<String>,
    /// Words just before a piece of advice that make it a report instead ("don't seek help").
    #[serde(default)]
    pub negations: Vec<String>,
    /// Words after which advice starts its own clause ("and", "then", "please").
    #[serde(default)]
    pub clause_openers: Vec<String>,
    /// Titles of articles whose subject is getting help ("How to find a therapist").
    #[serde(default)]
    pub help_titles: Vec<String>,
    /// A service's statement that readers can come to it directly ("no referral is needed"):
    /// help without being addressed as advice.
    #[serde(default)]
    pub access: Vec<String>,
    /// Signals of a page that is reference material, not reader-facing advice.
    #[serde(default)]
    pub reference_page: Option<ReferencePage>,
}

/// Thresholds that tell a hub of link teasers or a history essay from an article that advises
/// its reader (rates per 1,000 words). Statistics pages are not among them: the guidelines count
/// a page of figures about a topic as dwelling on it, so it needs help like any other.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferencePage {
    pub min_words: usize,
    /// A hub: at most this share of words in running paragraphs ...
    pub hub_prose_share: f32,
    /// ... and at most this many figures (percentages) per 1,000 words (a list of statistics is
    /// not a hub).
    pub hub_max_figures: f32,
    /// A history essay: years before this one ...
    pub history_before: u32,
    /// ... at least this many of them, and at least half of all the years it names ...
    pub history_min_years: usize,
    /// ... and at most this many second-person words per 1,000 (it does not address the reader).
    pub max_second_person: f32,
    /// A catalogue: at least this share of its section headings (and at least
    /// `catalogue_min_headings` of them) name collections of data, publications, programmes or
    /// grants ("Substance Use Data", "Grants and Grantees"), not a topic.
    #[serde(default)]
    pub catalogue_share: f32,
    #[serde(default)]
    pub catalogue_min_headings: usize,
    /// The words that make a heading name such a collection (lower case, one word each).
    #[serde(default)]
    pub catalogue_words: Vec<String>,
    /// A page about attitudes to ill-health, not about the ill-health: at least this share of
    /// its section headings (and at least `attitude_min_headings`) name stigma or
    /// discrimination ("Stigma in the Workplace"). The dev-set guidelines leave such pages to
    /// the editor.
    #[serde(default)]
    pub attitude_share: f32,
    #[serde(default)]
    pub attitude_min_headings: usize,
    /// The words that make a heading name attitudes (lower case, one word each).
    #[serde(default)]
    pub attitude_words: Vec<String>,
    /// Topics a reference page still needs help for.
    #[serde(default)]
    pub keep_topics: Vec<String>,
}

impl ReferencePage {
    /// Whether `doc` reads as reference material by these thresholds.
    pub fn matches(&self, doc: &Document, analysis: &Analysis) -> bool {
        let (mut words, mut prose, mut you, mut figures) = (0usize, 0usize, 0usize, 0usize);
        let (mut years, mut old) = (0usize, 0usize);
        // Per list item: its block and whether it reads as a teaser.
        let mut list_items: Vec<(usize, bool)> = Vec::new();
        let (mut headings, mut collections, mut attitudes) = (0usize, 0usize, 0usize);
        for (index, block) in doc.blocks.iter().enumerate() {
            if matches!(block.kind, BlockKind::Heading(level) if level >= 2) {
                headings += 1;
                let names = |list: &[String]| {
                    block
                        .text()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| list.iter().any(|c| c.eq_ignore_ascii_case(w)))
                };
                if names(&self.catalogue_words) {
                    collections += 1;
                }
                if names(&self.attitude_words) {
                    attitudes += 1;
                }
            }
            if block.kind == BlockKind::ListItem {
                list_items.push((index, is_teaser(block)));
            }
            // A card of a link hub rendered twice, as a list item ("What Is X?X is ...") and
            // again as its blurb under the title: the blurb repeats a teaser, it is not running
            // prose, and the item it repeats is a teaser whatever its capitals.
            let repeats_teaser =
                block.kind == BlockKind::Paragraph && repeated_item(doc, index, &mut list_items);
            // A reference list dates its papers, not the article's events (the analysis
            // answered is_citation for every block but code, which is skipped here anyway).
            if block.kind == BlockKind::Code
                || block.kind.is_heading()
                || analysis.blocks.get(index).map_or_else(
                    || crate::analyse::citations::figures::is_citation(block.text()),
                    |facts| facts.is_citation,
                )
            {
                continue;
            }
            let counts_as_prose = block.kind == BlockKind::Paragraph && !repeats_teaser;
            let mut count = |bare: &str| {
                words += 1;
                if counts_as_prose {
                    prose += 1;
                }
                if is_second_person(bare) {
                    you += 1;
                }
                if bare.ends_with('%') || bare.eq_ignore_ascii_case("percent") {
                    figures += 1;
                }
                // "1856", and decades ("the 1950s").
                let digits = bare.strip_suffix('s').unwrap_or(bare);
                if digits.len() == 4
                    && let Some(year) = digits
                        .parse::<u32>()
                        .ok()
                        .filter(|y| (1000..2100).contains(y))
                {
                    years += 1;
                    if year < self.history_before {
                        old += 1;
                    }
                }
            };
            let text = block.text();
            if text.is_ascii() {
                // Nearly every block: split and trimmed by bytes, as `split_whitespace` and
                // `trim_matches` would (the ASCII white space of `char::is_whitespace`).
                let kept = |b: &u8| b.is_ascii_alphanumeric() || *b == b'%';
                for w in text
                    .as_bytes()
                    .split(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))
                    .filter(|w| !w.is_empty())
                {
                    // Offsets into the ASCII text, where every byte starts a character.
                    let at = w.as_ptr() as usize - text.as_ptr() as usize;
                    let from = at + w.iter().position(kept).unwrap_or(w.len());
                    let to = w.iter().rposition(kept).map_or(from, |k| at + k + 1);
                    count(text.get(from..to).unwrap_or(""));
                }
            } else {
                for w in text.split_whitespace() {
                    count(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%'));
                }
            }
        }
        if words < self.min_words {
            return false;
        }
        let catalogue = self.catalogue_min_headings > 0
            && collections >= self.catalogue_min_headings
            && collections as f32 >= self.catalogue_share * headings as f32;
        let rate = |n: usize| n as f32 * 1000.0 / words as f32;
        // A hub's items are links or titles of other pages, not facts.
        let items = list_items.len();
        let teasers = list_items.iter().filter(|(_, teaser)| *teaser).count();
        let hub = (prose as f32) <= self.hub_prose_share * words as f32
            && rate(figures) <= self.hub_max_figures
            && teasers * 5 >= items * 3;
        let history = old >= self.history_min_years
            && old * 2 >= years
            && rate(you) <= self.max_second_person;
        let about_attitudes = self.attitude_min_headings > 0
            && attitudes >= self.attitude_min_headings
            && attitudes as f32 >= self.attitude_share * headings as f32;
        hub || history || catalogue || about_attitudes
    }
}

/// Whether a word (trimmed of punctuation) addresses the reader: "you", "your", "you're" ...
fn is_second_person(bare: &str) -> bool {
    // Every form starts with a "y": most words are ruled out by their first byte.
    if !bare
        .as_bytes()
        .first()
        .is_some_and(|b| b.eq_ignore_ascii_case(&b'y'))
    {
        return false;
    }
    // A curly apostrophe reads as a straight one (no allocation unless there is one).
    let word: std::borrow::Cow<str> = if !bare.is_ascii() && bare.contains('’') {
        bare.replace('’', "'").into()
    } else {
        bare.into()
    };
    [
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "you're",
        "you've",
        "you'll",
        "you'd",
    ]
    .iter()
    .any(|y| word.eq_ignore_ascii_case(y))
}

/// Whether paragraph `index` repeats the text of a list item among the three blocks before it
/// (a hub's card: the item holds title and blurb, the paragraph the blurb again); if so, that
/// item is marked a teaser.
fn repeated_item(doc: &Document, index: usize, items: &mut [(usize, bool)]) -> bool {
    let from = index.saturating_sub(3);
    // Most paragraphs follow no item closely: nothing to compare.
    if items.last().is_none_or(|(item, _)| *item < from) {
        return false;
    }
    let text = doc.blocks[index].text().trim();
    // A blurb is a sentence or more, not a word that any item might contain.
    if text.split_whitespace().count() < 5 {
        return false;
    }
    for (item, teaser) in items.iter_mut().rev() {
        if *item < from {
            break;
        }
        let item_text = doc.blocks[*item].text();
        if item_text.len() >= text.len() && item_text.contains(text) {
            *teaser = true;
            return true;
        }
    }
    false
}

/// Whether a list item leads with a link or with the title of another page (three capitalised
/// words: "Lower Your Risk of Alcohol-Related Harms ..."): a teaser, not a fact or advice.
fn is_teaser(block: &Block) -> bool {
    let text = block.text();
    let lead = text.len() - text.trim_start().len();
    if block.inlines.iter().any(|i| {
        matches!(i.kind, InlineKind::Link { .. }) && i.range.start <= lead && i.range.end > lead
    }) {
        return true;
    }
    let mut capitalised = 0;
    for w in text.split_whitespace() {
        if w.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
            if capitalised == 3 {
                return true;
            }
        } else if !matches!(
            w,
            "of" | "and" | "a" | "an" | "the" | "to" | "for" | "in" | "on"
        ) {
            return false;
        }
    }
    false
}

/// The grade a topic needs by default, and the guidelines that say so.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicNeed {
    pub topic: String,
    pub require: Grade,
    /// What a finding asks for when the article's advice is only general.
    #[serde(default)]
    pub missing: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The built-in help data, parsed once per process.
pub fn help_file() -> Result<&'static HelpFile, String> {
    static CELL: OnceLock<Result<HelpFile, String>> = OnceLock::new();
    CELL.get_or_init(|| crate::data::parse("rules/help.yml"))
        .as_ref()
        .map_err(Clone::clone)
}

/// A service that counts as specific help: built in, or a publication's resource.
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    pub name: String,
    /// Upper-case region codes; `ANY` for international services; empty if unknown.
    pub regions: Vec<String>,
    /// Topic ids it helps with; `None` for any.
    pub topics: Option<Vec<String>>,
    /// Lower-case web and e-mail domains (and paths) that identify it.
    pub urls: Vec<String>,
}

impl ServiceInfo {
    pub fn helps_with(&self, topic: &str) -> bool {
        self.topics
            .as_ref()
            .is_none_or(|t| t.iter().any(|x| x == topic))
    }
}

/// A publication's own resource, as configured.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Topic ids it is for; empty for every topic.
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// The exact text to add to an article.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Generic,
    Helper,
    Cue,
    ServiceWord,
    ContactWord,
    HelpHeading,
    Advice,
    HelpTitle,
    /// A service's statement that readers can come to it directly ("no referral is needed").
    Access,
    /// A known service's name.
    Name(usize),
    /// A known service's name matched with its exact case and as a whole word ("Beat"): read
    /// as [`Kind::Name`] once found.
    ExactName(usize),
    /// A known service's web or e-mail domain.
    Url(usize),
    /// A contact matched literally (1800RESPECT).
    Literal(usize),
}

impl Kind {
    /// Names and addresses are often glued to neighbouring words in converted pages.
    fn loose(self) -> bool {
        matches!(self, Kind::Name(_) | Kind::Url(_) | Kind::Literal(_))
    }

    /// One bit per kind (services not told apart), for sets of kinds.
    fn bit(self) -> u16 {
        1 << match self {
            Kind::Generic => 0,
            Kind::Helper => 1,
            Kind::Cue => 2,
            Kind::ServiceWord => 3,
            Kind::ContactWord => 4,
            Kind::HelpHeading => 5,
            Kind::Name(_) | Kind::ExactName(_) => 6,
            Kind::Url(_) => 7,
            Kind::Literal(_) => 8,
            Kind::Advice => 9,
            Kind::HelpTitle => 10,
            Kind::Access => 11,
        }
    }
}

/// Byte ranges of a block's image descriptions.
fn image_ranges(block: &Block) -> Vec<Range<usize>> {
    block
        .inlines
        .iter()
        .filter(|i| matches!(i.kind, InlineKind::Image { .. }))
        .map(|i| i.range.clone())
        .collect()
}

fn inside(ranges: &[Range<usize>], start: usize, end: usize) -> bool {
    ranges.iter().any(|r| r.start <= start && end <= r.end)
}

/// Phrase lists on their way into one automaton.
#[derive(Default)]
struct Lists {
    kinds: Vec<Kind>,
    /// (kind index, phrase, case-sensitive).
    phrases: Vec<(usize, String, bool)>,
}

impl Lists {
    fn add(&mut self, kind: Kind, list: &[String]) {
        self.add_with_case(kind, list, false);
    }

    fn add_with_case(&mut self, kind: Kind, list: &[String], case_sensitive: bool) {
        let k = self.kinds.len();
        self.kinds.push(kind);
        self.phrases
            .extend(list.iter().map(|p| (k, p.clone(), case_sensitive)));
    }
}

/// The advice phrases the squeezed pass looks for: (entry, phrase).
fn squeezed_phrases(phrases: &[(usize, String, bool)], kinds: &[Kind]) -> Vec<(usize, String)> {
    phrases
        .iter()
        .filter(|(entry, _, _)| matches!(kinds.get(*entry), Some(Kind::Generic | Kind::Access)))
        .map(|(entry, phrase, _)| (*entry, phrase.clone()))
        .collect()
}

/// One piece of help-seeking content found in an article.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub block: usize,
    /// Byte range in the block's prose: the sentence for advice, the number or name for a
    /// service.
    pub range: Range<usize>,
    /// `Generic` or `Specific`.
    pub grade: Grade,
    /// Indexes into [`HelpModel::services`]; empty when the service is not one carelint knows.
    pub services: Vec<usize>,
    /// In a closing section or a callout.
    pub placed: bool,
}

/// Everything needed to find and grade help in an article.
#[derive(Debug)]
pub struct HelpModel {
    pub file: &'static HelpFile,
    pub helplines: &'static Helplines,
    pub services: Vec<ServiceInfo>,
    phrases: PhraseSet,
    kinds: Vec<Kind>,
    /// Advice phrases for the squeezed pass, and their table, built when a page first needs
    /// it (most runs never do).
    squeezed_phrases: Vec<(usize, String)>,
    squeezed: OnceLock<Option<crate::analyse::squeezed::Squeezed>>,
    shapes: HashSet<String>,
    /// Digits of known contacts → services.
    contacts: HashMap<String, Vec<usize>>,
}

impl HelpModel {
    /// Compiles the built-in data with a publication's resources.
    pub fn new(resources: &[Resource]) -> Result<HelpModel, String> {
        let file = help_file()?;
        let data = helplines::helplines()?;
        let mut lists = Lists::default();
        lists.add(Kind::Generic, &file.generic);
        lists.add(Kind::Helper, &file.helpers);
        lists.add(Kind::Cue, &file.cues);
        lists.add(Kind::ServiceWord, &file.service_words);
        lists.add(Kind::ContactWord, &file.contact_words);
        lists.add(Kind::HelpHeading, &file.help_headings);
        lists.add(Kind::Advice, &file.advice);
        lists.add(Kind::HelpTitle, &file.help_titles);
        lists.add(Kind::Access, &file.access);

        let mut services = Vec::new();
        let mut contacts: HashMap<String, Vec<usize>> = HashMap::new();
        for service in &data.services {
            let s = services.len();
            services.push(ServiceInfo {
                name: service.name.clone(),
                regions: service.regions.iter().map(|r| region(r)).collect(),
                topics: (!service.topics.iter().any(|t| t == "any"))
                    .then(|| service.topics.clone()),
                urls: service
                    .urls
                    .iter()
                    .map(|u| u.to_ascii_lowercase())
                    .collect(),
            });
            lists.add(Kind::Name(s), &service.names);
            lists.add_with_case(Kind::ExactName(s), &service.names_exact, true);
            lists.add(Kind::Url(s), &service.urls);
            for c in &service.contacts {
                match digits_of(c) {
                    Some(d) => contacts.entry(d).or_default().push(s),
                    None => lists.add(Kind::Literal(s), std::slice::from_ref(c)),
                }
            }
        }
        for stale in data.stale.iter().filter(|st| st.still_routes) {
            let service = stale
                .service
                .as_ref()
                .and_then(|id| data.services.iter().position(|s| &s.id == id));
            if let (Some(s), Some(d)) = (service, digits_of(&stale.number)) {
                contacts.entry(d).or_default().push(s);
            }
        }
        for resource in resources {
            let s = services.len();
            services.push(ServiceInfo {
                name: resource.text.clone(),
                regions: resource.region.iter().map(|r| region(r)).collect(),
                topics: (!resource.topics.is_empty()).then(|| resource.topics.clone()),
                urls: domains_in(&resource.text),
            });
            for token in phone_tokens(&resource.text) {
                contacts.entry(token.digits).or_default().push(s);
            }
            lists.add(Kind::Url(s), &domains_in(&resource.text));
        }
        let Lists { kinds, phrases } = lists;
        let squeezed_phrases = squeezed_phrases(&phrases, &kinds);
        for list in contacts.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        let phrases = PhraseSet::new(phrases.iter().map(|(k, p, exact)| (*k, p.as_str(), *exact)))?
            .anywhere_only(|e| kinds.get(e).is_some_and(|k| k.loose()))
            .at_case_edges();
        let shapes = file
            .phone_shapes
            .iter()
            .map(|s| s.replace([' ', '.'], "-"))
            .collect();
        Ok(HelpModel {
            file,
            helplines: data,
            services,
            phrases,
            kinds,
            squeezed_phrases,
            squeezed: OnceLock::new(),
            shapes,
            contacts,
        })
    }

    /// The grade `topic` needs by default.
    pub fn default_need(&self, topic: &str) -> Option<&TopicNeed> {
        self.file.topics.iter().find(|t| t.topic == topic)
    }

    /// Every piece of help-seeking content in the document. Text in image descriptions (alt
    /// text) is not help: most readers never see it.
    pub fn detect(&self, doc: &Document, analysis: &Analysis) -> Vec<Evidence> {
        self.detect_with(doc, analysis, false)
    }

    /// [`HelpModel::detect`], also finding advice phrases whose spaces a page converter lost
    /// ("find atreatment center near you"): a second pass for a page that seems to give none.
    pub fn detect_glued(&self, doc: &Document, analysis: &Analysis) -> Vec<Evidence> {
        self.detect_with(doc, analysis, true)
    }

    /// [`HelpModel::detect`], with `squeezed` also finding advice phrases glued together.
    fn detect_with(&self, doc: &Document, analysis: &Analysis, squeezed: bool) -> Vec<Evidence> {
        let blocks = &doc.blocks;
        // Which headings announce help ("Where to get help").
        let mut help_heading = vec![false; blocks.len()];
        let mut matches: Vec<Vec<(Kind, PhraseMatch)>> = Vec::with_capacity(blocks.len());
        for (i, block) in blocks.iter().enumerate() {
            if block.kind == BlockKind::Code || block.text().is_empty() {
                matches.push(Vec::new());
                continue;
            }
            let text = block.text();
            let images = image_ranges(block);
            let found: Vec<(Kind, PhraseMatch)> = self
                .phrases
                .candidates_loose_in(text, analysis.words(i))
                .into_iter()
                .filter_map(|m| {
                    let kind = self.kinds[m.entry];
                    let ok = if kind.loose() {
                        loose_boundary(text, m.start, m.end)
                    } else {
                        is_whole_word(text, m.start, m.end)
                    };
                    let kind = match kind {
                        Kind::ExactName(s) => Kind::Name(s),
                        other => other,
                    };
                    (ok && !inside(&images, m.start, m.end)).then_some((kind, m))
                })
                .collect();
            let glued = squeezed
                .then(|| {
                    self.squeezed
                        .get_or_init(|| {
                            crate::analyse::squeezed::Squeezed::new(&self.squeezed_phrases).ok()
                        })
                        .as_ref()
                })
                .flatten();
            let found = if let Some(glued) = glued {
                let mut found = found;
                found.extend(
                    glued
                        .find(text)
                        .into_iter()
                        .filter(|m| !inside(&images, m.start, m.end))
                        .map(|m| (self.kinds[m.entry], m)),
                );
                // Later passes look matches up by start.
                found.sort_by_key(|(_, m)| m.start);
                found
            } else {
                found
            };
            // A heading that is a statement ("Our goal is that people get help early.") does not
            // announce help.
            if block.kind.is_heading()
                && !text.trim_end().ends_with('.')
                && found
                    .iter()
                    .any(|(k, _)| matches!(k, Kind::HelpHeading | Kind::Generic | Kind::HelpTitle))
            {
                help_heading[i] = true;
            }
            matches.push(found);
        }
        // Headings with prose under them (one pass, not one scan per heading).
        let mut text_under = vec![false; blocks.len()];
        for (j, b) in blocks.iter().enumerate() {
            if let Some(h) = b.section
                && h < j
                && b.kind != BlockKind::Code
                && !b.text().trim().is_empty()
                && let Some(slot) = text_under.get_mut(h)
            {
                *slot = true;
            }
        }
        let closing_from = closing_start(doc);
        let placed = |i: usize| -> bool {
            let block = &blocks[i];
            block.quote_depth > 0
                || block
                    .section
                    .is_some_and(|h| help_heading.get(h).copied().unwrap_or(false))
                || i >= closing_from
        };

        let mut out = Vec::new();
        // The lists of page names, found once per article when a list item first needs them.
        let mut nav_lists: Option<HashMap<usize, (usize, usize)>> = None;
        for (i, block) in blocks.iter().enumerate() {
            let found = &matches[i];
            if block.kind == BlockKind::Code || block.text().is_empty() {
                continue;
            }
            let text = block.text();
            let images = image_ranges(block);
            let sentences: Vec<Range<usize>> = match analysis.blocks.get(i) {
                Some(f) if !f.sentences.is_empty() => f.sentences.clone(),
                _ => std::iter::once(0..text.len()).collect(),
            };
            // The sentence holding a byte, by binary search (sentences are sorted).
            let sentence_at = |pos: usize| -> Option<usize> {
                let k = sentences
                    .partition_point(|s| s.start <= pos)
                    .checked_sub(1)?;
                (pos < sentences[k].end).then_some(k)
            };
            // Which kinds of phrase each sentence holds whole, and the block as a whole.
            let mut in_sentence = vec![0u16; sentences.len()];
            let mut in_block = 0u16;
            for (kind, m) in found {
                in_block |= kind.bit();
                if let Some(k) = sentence_at(m.start)
                    && m.end <= sentences[k].end
                {
                    in_sentence[k] |= kind.bit();
                }
            }
            let here = placed(i);
            let mut push = |range: Range<usize>, grade: Grade, services: Vec<usize>| {
                out.push(Evidence {
                    block: i,
                    range,
                    grade,
                    services,
                    placed: here,
                });
            };
            let whole = 0..text.len();
            let tokens: Vec<&PhoneToken> = analysis
                .phone_tokens(doc, i)
                .iter()
                .filter(|t| !inside(&images, t.range.start, t.range.end))
                .collect();
            let links: Vec<(&Range<usize>, &str)> = block
                .inlines
                .iter()
                .filter_map(|inline| match &inline.kind {
                    InlineKind::Link { url } => Some((&inline.range, url.as_str())),
                    _ => None,
                })
                .collect();
            // A contact in the block: a known number or one shaped like a phone number (not a
            // year), a link, an address or a literal contact.
            let block_has_contact = tokens
                .iter()
                .any(|t| self.contacts.contains_key(&t.digits) || self.shapes.contains(&t.shape))
                || !links.is_empty()
                || in_block & (Kind::Url(0).bit() | Kind::Literal(0).bit()) != 0;
            let naming = Kind::ServiceWord.bit() | Kind::Name(0).bit();

            // Specific: numbers.
            for token in &tokens {
                let named_here = sentence_at(token.range.start)
                    .is_some_and(|k| in_sentence[k] & (naming | Kind::ContactWord.bit()) != 0);
                if let Some(services) = self.contacts.get(&token.digits) {
                    if token.digits.len() >= 7 || named_here {
                        push(token.range.clone(), Grade::Specific, services.clone());
                    }
                } else if self.shapes.contains(&token.shape)
                    && (named_here || in_block & naming != 0)
                {
                    push(token.range.clone(), Grade::Specific, Vec::new());
                }
            }
            // Specific: names with a contact, addresses, literal contacts.
            for (kind, m) in found {
                match *kind {
                    Kind::Url(s) | Kind::Literal(s) => {
                        push(m.start..m.end, Grade::Specific, vec![s])
                    }
                    Kind::Name(s) if block_has_contact => {
                        push(m.start..m.end, Grade::Specific, vec![s]);
                    }
                    // A service named as somewhere to turn ("contact NEDA", "call Samaritans", "a
                    // helpline such as Samaritans"): readers can find a named service, as they
                    // can a locator, without its number.
                    Kind::Name(s)
                        if sentence_at(m.start).is_some_and(|k| {
                            in_sentence[k]
                                & (Kind::ContactWord.bit()
                                    | Kind::ServiceWord.bit()
                                    | Kind::Cue.bit()
                                    | Kind::Generic.bit()
                                    | Kind::Advice.bit())
                                != 0
                        }) =>
                    {
                        push(m.start..m.end, Grade::Specific, vec![s]);
                    }
                    _ => {}
                }
            }
            // Specific: links to a phone, to a known service, or to a helpline.
            for (range, url) in &links {
                let lower = url.to_ascii_lowercase();
                let known: Vec<usize> = self.services_for_url(&lower);
                // Matches are sorted by start: look only at those that start in the link.
                let first = found.partition_point(|(_, m)| m.start < range.start);
                let service_word = found[first..]
                    .iter()
                    .take_while(|(_, m)| m.start < range.end)
                    .any(|(k, m)| *k == Kind::ServiceWord && m.end <= range.end);
                let helpline = service_word
                    || ["helpline", "hotline", "lifeline", "crisis"]
                        .iter()
                        .any(|w| lower.contains(w));
                if !known.is_empty() {
                    push((*range).clone(), Grade::Specific, known);
                } else if lower.starts_with("tel:") || lower.starts_with("sms:") || helpline {
                    let services = lower
                        .split_once(':')
                        .and_then(|(_, n)| digits_of(n))
                        .and_then(|d| self.contacts.get(&d).cloned())
                        .unwrap_or_default();
                    push((*range).clone(), Grade::Specific, services);
                }
            }
            // Generic: advice in a sentence, addressed to the reader ("seek help", "you should
            // talk to your GP"), not a report that people do or do not seek it.
            let mut navigation: Option<bool> = None;
            let lists = &mut nav_lists;
            for (k, sentence) in sentences.iter().enumerate() {
                let has = |kind: Kind| in_sentence[k] & kind.bit() != 0;
                // A service that takes readers directly ("no referral is needed") is help as it
                // stands: it need not be addressed as advice, only not negated.
                let access = has(Kind::Access);
                let advice_words = if has(Kind::Generic) {
                    Some(Kind::Generic)
                } else if has(Kind::Helper) && has(Kind::Cue) {
                    Some(Kind::Cue)
                } else if access {
                    Some(Kind::Access)
                } else {
                    None
                };
                let Some(kind) = advice_words else { continue };
                // A navigation link ("- Find a Psychiatrist" in a menu of section names) points
                // to another page of the site; it advises nobody.
                if *navigation.get_or_insert_with(|| {
                    is_navigation(block, lists.get_or_insert_with(|| navigation_lists(blocks)))
                }) {
                    continue;
                }
                // A heading speaks to the reader ("When to see a doctor"), unless it is a
                // statement ("One of our goals is to ensure that people get help early.").
                let addressed = kind == Kind::Access
                    || has(Kind::Advice)
                    || (block.kind.is_heading() && !text.trim_end().ends_with('.'));
                // Matches are sorted by start: look only at those that start in the sentence
                // (all of the block's, per sentence, was quadratic in a one-line article).
                let first = found.partition_point(|(_, m)| m.start < sentence.start);
                let advice = found[first..]
                    .iter()
                    .take_while(|(_, m)| m.start < sentence.end)
                    .any(|(kd, m)| {
                        *kd == kind
                            && m.end <= sentence.end
                            && !self.negated(text, sentence.start, m.start)
                            && (addressed
                                || self.opens_clause(text, sentence.start, m.start, m.end))
                    });
                if advice {
                    push(sentence.clone(), Grade::Generic, Vec::new());
                }
            }
            // Generic: an article whose title is about getting help ("How to find a therapist").
            if matches!(block.kind, BlockKind::Title | BlockKind::Heading(1))
                && in_block & Kind::HelpTitle.bit() != 0
            {
                push(whole.clone(), Grade::Generic, Vec::new());
            }
            // Generic: a help heading with text under it.
            if help_heading[i] && text_under[i] {
                push(whole.clone(), Grade::Generic, Vec::new());
            }
        }
        out
    }

    /// Whether one of the two words before `at` (in the sentence from `from`) is a negation:
    /// "many people don't seek help" reports, it does not advise.
    fn negated(&self, text: &str, from: usize, at: usize) -> bool {
        last_words(&text[from..at], 2).iter().any(|w| {
            self.file
                .negations
                .iter()
                .any(|n| n.eq_ignore_ascii_case(w))
        })
    }

    /// Whether the words at `at..end` start a clause of their own, as an instruction does: the
    /// start of the sentence, after a clause mark, or after a word such as "and" or "please".
    /// Inside a sentence an instruction is a plain verb: after a comma or "and", "reaching out"
    /// and "talking to" are items of a list ("help-seeking, reaching out, and talking to
    /// friends"), not advice.
    fn opens_clause(&self, text: &str, from: usize, at: usize, end: usize) -> bool {
        let before = text[from..at].trim_end_matches([' ', '*', '_', '"', '“', '‘', '\'']);
        if before.is_empty() {
            return true;
        }
        let gerund = || {
            text[at..end]
                .split_whitespace()
                .next()
                .is_some_and(|verb| verb.to_ascii_lowercase().ends_with("ing"))
        };
        if before.ends_with([',', ';']) {
            return !gerund();
        }
        if before.ends_with([':', '(', '—', '–', '-', '•', '!', '?', '.']) {
            return true;
        }
        last_words(before, 1).first().is_some_and(|w| {
            self.file
                .clause_openers
                .iter()
                .any(|o| o.eq_ignore_ascii_case(w))
        }) && !gerund()
    }

    fn services_for_url(&self, url: &str) -> Vec<usize> {
        (0..self.services.len())
            .filter(|&s| {
                self.services[s]
                    .urls
                    .iter()
                    .any(|u| url.contains(u.as_str()))
            })
            .collect()
    }
}

/// The last `n` words of `text`, last first, without surrounding punctuation; "don't" and
/// "don’t" alike.
fn last_words(text: &str, n: usize) -> Vec<String> {
    text.split_whitespace()
        .rev()
        .take(n)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .replace('’', "'")
        })
        .collect()
}

/// Index of the first block of the article's close: its last third, or its last section when
/// that starts in the second half.
fn closing_start(doc: &Document) -> usize {
    let prose: Vec<usize> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Code && !b.text().is_empty())
        .map(|(i, _)| i)
        .collect();
    let at = |k: usize| prose.get(k).copied().unwrap_or(usize::MAX);
    let third = at(prose.len() - prose.len() / 3);
    let half = at(prose.len() / 2);
    let last_section = doc
        .blocks
        .iter()
        .rposition(|b| matches!(b.kind, BlockKind::Heading(level) if level >= 2));
    match last_section {
        Some(h) if h >= half => h.min(third),
        _ => third,
    }
}

/// Whole word on at least one side (converted pages glue names to the next word:
/// "Lifelineat988").
fn loose_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // A case change is a word edge conversion lost: "asSamaritansor" names Samaritans.
    let left = !before.is_some_and(char::is_alphanumeric) || is_case_edge(text, start);
    let right = !after.is_some_and(char::is_alphanumeric) || is_case_edge(text, end);
    (left || right) && end - start >= 4
}

/// Web and e-mail domains in a resource text ("samaritans.org", "jo@samaritans.org").
pub fn domains_in(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter_map(|word| {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
            let word = word
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.");
            let word = word.rsplit('@').next().unwrap_or(word);
            let host = word.split('/').next().unwrap_or(word);
            let (name, tld) = host.rsplit_once('.')?;
            (!name.is_empty()
                && tld.len() >= 2
                && tld.chars().all(|c| c.is_ascii_alphabetic())
                && name.chars().any(|c| c.is_ascii_alphabetic()))
            .then(|| host.to_ascii_lowercase())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analyse::analyse;
    use crate::model::source::SourceFile;
    use crate::parse::{ParseOptions, parse};

    fn evidence(text: &str) -> Vec<(Grade, String, bool)> {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions::default(),
        );
        let analysis = analyse(&doc);
        let model = HelpModel::new(&[]).unwrap();
        model
            .detect(&doc, &analysis)
            .into_iter()
            .map(|e| {
                (
                    e.grade,
                    doc.blocks[e.block].text()[e.range.clone()].to_string(),
                    e.placed,
                )
            })
            .collect()
    }

    fn grades(text: &str) -> Vec<Grade> {
        evidence(text).into_iter().map(|(g, _, _)| g).collect()
    }

    #[test]
    fn data_is_valid() {
        let file = help_file().unwrap();
        let topics = crate::analyse::topics::model().unwrap();
        for need in &file.topics {
            assert!(topics.topic(&need.topic).is_some(), "{}", need.topic);
            for key in &need.sources {
                assert!(file.sources.contains_key(key), "{} cites {key}", need.topic);
            }
        }
        for id in topics.ids() {
            assert!(
                file.topics.iter().any(|t| t.topic == id),
                "{id} has no requirement"
            );
        }
        let model = HelpModel::new(&[]).unwrap();
        // Built lazily, so its errors would otherwise go unseen.
        assert!(crate::analyse::squeezed::Squeezed::new(&model.squeezed_phrases).is_ok());
    }

    #[test]
    fn finds_generic_advice() {
        assert_eq!(
            grades("If it keeps happening, talk to a therapist."),
            vec![Grade::Generic]
        );
        assert_eq!(
            grades("Seeking professional help can be beneficial."),
            vec![Grade::Generic]
        );
        assert_eq!(grades("It may help to see your GP."), vec![Grade::Generic]);
        assert_eq!(
            grades("It's essential to consult with your physician first."),
            vec![Grade::Generic]
        );
        // A search box's label names a physician; it advises nothing.
        assert!(grades("You can also search by physician or hospital name.").is_empty());
    }

    #[test]
    fn a_clinic_call_to_action_is_generic_help_and_a_story_is_not() {
        assert_eq!(grades("Request an appointment"), vec![Grade::Generic]);
        assert_eq!(
            grades("You can book a consultation online or by phone."),
            vec![Grade::Generic]
        );
        assert_eq!(
            grades("In most cases, the clinic doesn't require a physician referral."),
            vec![Grade::Generic]
        );
        assert_eq!(grades("No referral is needed."), vec![Grade::Generic]);
        // Reports of what someone did, or of what a clinic once asked.
        assert!(grades("She decided to book an appointment in March.").is_empty());
        assert!(grades("Patients who request an appointment wait six weeks.").is_empty());
        assert!(grades("The trial clinic did not need a referral.").is_empty());
        assert!(grades("Many people never make an appointment.").is_empty());
    }

    #[test]
    fn finds_a_help_heading_with_advice_under_it() {
        let found = evidence("## Seek professional help\n\nA counsellor is a good start.\n");
        assert!(
            found
                .iter()
                .any(|(g, t, _)| *g == Grade::Generic && t == "Seek professional help")
        );
    }

    #[test]
    fn finds_named_services_and_numbers() {
        let found = evidence("Call Samaritans free on 116 123, day or night.");
        assert!(
            found
                .iter()
                .any(|(g, t, _)| *g == Grade::Specific && t == "116 123"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(g, t, _)| *g == Grade::Specific && t == "Samaritans")
        );
        let glued = evidence(
            "call or text the988 Suicide & Crisis Lifelineat988or chat at988lifeline.org.",
        );
        assert!(
            glued
                .iter()
                .any(|(g, t, _)| *g == Grade::Specific && t == "988lifeline.org"),
            "{glued:?}"
        );
        let shaped = evidence("Our helpline is open on 0800 123 4567.");
        assert!(
            shaped
                .iter()
                .any(|(g, t, _)| *g == Grade::Specific && t == "0800 123 4567")
        );
    }

    #[test]
    fn finds_a_helpline_in_a_link() {
        let found = evidence("Readers can [find a local helpline](https://example.org/helplines).");
        assert!(
            found.iter().any(|(g, _, _)| *g == Grade::Specific),
            "{found:?}"
        );
        let tel = evidence("[Call us](tel:08001234567) any time.");
        assert!(tel.iter().any(|(g, _, _)| *g == Grade::Specific));
    }

    #[test]
    fn callouts_and_closing_sections_are_placed() {
        let text = "# A\n\nCall 116 123 for Samaritans.\n\nMiddle.\n\nMore.\n\n> Samaritans: call 116 123.\n\nText.\n\nMore text.\n";
        let found = evidence(text);
        let placed: Vec<bool> = found
            .iter()
            .filter(|(_, t, _)| t == "116 123")
            .map(|(_, _, p)| *p)
            .collect();
        assert_eq!(placed, vec![false, true]);
    }

    #[test]
    fn dont_find_help_in_plain_mentions() {
        assert!(grades("Doctors first described the condition in 1890.").is_empty());
        assert!(grades("In 2019, 988 people answered the survey.").is_empty());
        assert!(grades("She tried to help him, but he cried anyway.").is_empty());
        assert!(grades("Dr. Jacoby had been secretly counseling her.").is_empty());
    }

    #[test]
    fn dont_find_help_in_alt_text_or_years() {
        assert!(grades("![Call or text 988 if you are struggling](photo.jpg)").is_empty());
        assert_eq!(
            grades("![A photo](photo.jpg) *Caption: call or text 988.*"),
            vec![Grade::Specific]
        );
        // A service's name counts with a contact, not with a year.
        assert!(grades("Samaritans volunteers have listened since 1953.").is_empty());
        assert!(grades("She found refuge with her sister in 2019.").is_empty());
        assert!(grades("Peer programs seek to promote connectedness among clinicians.").is_empty());
    }

    #[test]
    fn dont_find_advice_in_descriptions_of_programmes_or_menus() {
        // Items of a list of behaviours a programme promotes, not instructions.
        assert!(
            grades("Peer programs promote help-seeking, reaching out, and talking to a therapist.")
                .is_empty()
        );
        // A heading that is a statement, not an instruction.
        assert!(grades("## Our goal is that people get help early.\n\nText.\n").is_empty());
        // A menu of page names.
        assert!(
            grades("- Eating Disorders News\n- Find a Psychiatrist\n- Bulimia Nervosa\n")
                .is_empty()
        );
        // The same words as advice.
        assert_eq!(
            grades("If it persists, talk to a therapist."),
            vec![Grade::Generic]
        );
        assert_eq!(
            grades("Rest, and talk to a therapist."),
            vec![Grade::Generic]
        );
        assert!(grades("## When to see a doctor\n\nText.\n").contains(&Grade::Generic));
    }

    #[test]
    fn a_service_named_beside_a_helpline_word_is_specific() {
        assert_eq!(
            grades("Helplines such as Self-injury Support listen without judging."),
            vec![Grade::Specific]
        );
        assert_eq!(
            grades("The charity Beat runs a helpline for young people."),
            vec![Grade::Specific]
        );
        // The common word is not the service.
        assert!(grades("Many people beat the illness; there is a helpline for that.").is_empty());
    }

    #[test]
    fn domains_in_resource_text() {
        assert_eq!(
            domains_in(
                "Samaritans: call 116 123 or email jo@samaritans.org, www.example.org/help."
            ),
            vec!["samaritans.org", "example.org"]
        );
    }
}
