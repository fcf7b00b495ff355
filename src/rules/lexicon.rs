//! The lexicon engine shared by rules that flag literal phrases: `language/stigmatising`,
//! `safety/suicide-language` and `safety/method-detail`.
//!
//! A lexicon (a `rules/*.yml` file compiled into the binary) lists entries: phrases with their
//! word forms (`suffer{,s,ed,ing} from`), context filters (`not_before`, `not_after`, `near`, `not_near`,
//! `topics`), alternatives, a reason and the guidelines behind it. All forms of all entries are
//! matched in one pass of one automaton, case-insensitively and as whole words. Someone else's
//! words (quotations, block quotes, dialogue, italic titles) drop to `info` unless the
//! publication says otherwise; proper names in the lexicon's `exempt` list are never flagged.
//!
//! A rule built on this engine is a [`Builtin`]: its [`RuleMeta`], its embedded YAML, and how its
//! messages describe a match. Every such rule takes the same options ([`LexiconOptions`]).
//!
//! Why one file of ~1,230 lines (about 160 are tests): loading, compiling and matching a lexicon
//! and its options are one engine used by three rules.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::analyse::QuoteContext;
use crate::analyse::navigation::PageFurniture;
use crate::data::Guideline;
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Diagnostic, Fix, Severity};
use crate::model::text::{head, tail};
use crate::parse::{Block, BlockKind, Inline, InlineKind};
use crate::phrases::{PhraseSet, is_whole_word, non_overlapping};
use crate::rules::{CheckContext, Rule, RuleMeta};

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub group: String,
    pub level: Level,
    #[serde(rename = "match", deserialize_with = "crate::phrases::checked_phrases")]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub alternatives: Vec<String>,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub not_before: Vec<String>,
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Only report when one of these occurs in the same paragraph.
    #[serde(default)]
    pub near: Vec<String>,
    /// Never report when one of these occurs in the same paragraph or its section's heading:
    /// words that show the clinical sense is meant ("psychopathy", "antisocial personality
    /// disorder" beside "psychopath").
    #[serde(default)]
    pub not_near: Vec<String>,
    /// Only report in articles about one of these topics (ids from `rules/topics.yml`).
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    /// Only report when a figure (a digit) stands in the same sentence: for entries whose
    /// reason is about specific numbers ("goal weight" of 85 lb), not the clinical term.
    #[serde(default)]
    pub with_figure: bool,
    /// Drop-in replacements for matched forms (lowercase, as matched), offered as suggested
    /// fixes. Forms without one get no fix: an alternative that fits one form ("died by suicide"
    /// for "committed suicide") garbles another ("attempted to commit suicide").
    #[serde(default)]
    pub fix: BTreeMap<String, String>,
    /// The writer describing themself ("I never thought of myself as a sufferer") is not
    /// reported: the guidelines leave self-description to the person (the lexicon's
    /// `self_description` words decide who a sentence is about). `subject` is for words that
    /// describe what the sentence's subject does ("I would cry hysterically"): there the nearest
    /// person before the term decides, whatever verbs stand between.
    #[serde(default)]
    #[schemars(with = "SelfDescribedSchema")]
    pub self_description: SelfDescribed,
}

/// Whether, and how, an entry lets writers describe themselves with its term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SelfDescribed {
    /// Reported whoever it describes.
    #[default]
    No,
    /// Not reported when the writer is the nearest person before it with only auxiliaries and
    /// adverbs between ("I have long suffered from"): a noun can be someone else's.
    Term,
    /// Not reported when the writer is the nearest person before it in its sentence.
    Subject,
}

impl<'de> Deserialize<'de> for SelfDescribed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match SelfDescribedSchema::deserialize(d)? {
            SelfDescribedSchema::Flag(false) => Ok(SelfDescribed::No),
            SelfDescribedSchema::Flag(true) => Ok(SelfDescribed::Term),
            SelfDescribedSchema::Subject(SubjectWord::Subject) => Ok(SelfDescribed::Subject),
        }
    }
}

/// `self_description` as written: `true`, `false` or `subject`.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
enum SelfDescribedSchema {
    Flag(bool),
    Subject(SubjectWord),
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
enum SubjectWord {
    Subject,
}

/// A lexicon file's schema.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    pub version: u32,
    #[serde(default)]
    pub sources: BTreeMap<String, Guideline>,
    /// Proper names that contain lexicon phrases and are never flagged
    /// ("Alcoholics Anonymous", "National Institute on Drug Abuse").
    #[serde(default)]
    pub exempt: Vec<String>,
    /// Words that show a term is being talked about, not used, when they come before it in its
    /// sentence ("people call it …", "the term …", "so-called …").
    #[serde(default)]
    pub mention_cues: Vec<String>,
    /// Words right after a term that make it the subject of a definition or a comment on the
    /// word ("Transsexual is a historic term", "“High-functioning” isn't a diagnosis").
    #[serde(default)]
    pub mention_after: Vec<String>,
    /// Verbs of speech before a quoted word in its sentence ("the officer said he “committed
    /// suicide”"): the quotation is someone's words, not the word being discussed.
    #[serde(default)]
    pub speech_cues: Vec<String>,
    /// Words in a section heading that make the section about language ("Words matter").
    #[serde(default)]
    pub mention_headings: Vec<String>,
    /// Words before a term in its sentence that make it someone else's label, reported
    /// ("classmates called him …"): treated as a quotation.
    #[serde(default)]
    pub reported_cues: Vec<String>,
    /// Headings of lists that link to other pages ("More Information", "Related Articles"):
    /// their short items are other pages' titles, not the article's wording.
    #[serde(default)]
    pub navigation_headings: Vec<String>,
    /// Words that head names of bodies, jobs and publications ("Institute", "Counselor",
    /// "Journal"): a capitalised run around a match with one of them is a name, not usage.
    #[serde(default)]
    pub name_heads: Vec<String>,
    /// Words that join the parts of a name or a title ("of", "and", "&", "the" ...): a walk
    /// over a capitalised run goes past them.
    #[serde(default)]
    pub name_joiners: Vec<String>,
    /// Words before a quotation in its sentence that name a reference text ("DSM", "criteria",
    /// "the law"): a word-for-word quotation of one cannot be reworded by the article.
    #[serde(default)]
    pub document_cues: Vec<String>,
    /// Who a sentence is about, for entries with `self_description: true`.
    #[serde(default)]
    pub self_description: SelfDescription,
    pub entries: Vec<Entry>,
}

/// The words that tell whether a term describes the writer: the writer as the term's subject,
/// with only `between` words in between ("I never considered myself a sufferer", "I was
/// suffering from"), or, in a sentence that names nobody before the term, `I` opening the clause
/// after its first comma ("As a mum suffering from depression for years, I ..."). "My father
/// suffers from" and "I have met many sufferers" describe someone else.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfDescription {
    /// The writer: "i", "i'm", "myself".
    #[serde(default)]
    pub writer: Vec<String>,
    /// Anyone else, or a relative pronoun that starts a clause about them: "he", "my", "who".
    #[serde(default)]
    pub others: Vec<String>,
    /// Words that may stand between the writer and the term: auxiliaries, adverbs, articles
    /// ("was", "never", "a").
    #[serde(default)]
    pub between: Vec<String>,
}

/// How findings inside quotations and titles of works are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Quoted {
    #[default]
    Info,
    Off,
    Same,
}

/// Options of every lexicon rule.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexiconOptions {
    pub level: Option<Level>,
    /// Entry ids or phrases the publication accepts.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Extra entries (same schema as the lexicon); an entry with a built-in id replaces it.
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// Entries to report at a level of the publication's choosing, by id: how a house style
    /// turns on a contested entry that ships `level: off` (`{"suicide/completed": info}`).
    #[serde(default)]
    pub enable: BTreeMap<String, Level>,
    pub quoted: Option<Quoted>,
    /// `false` drops the built-in lexicon, leaving only `entries`.
    pub builtin: Option<bool>,
}

impl crate::rules::RuleOptions for LexiconOptions {
    fn level(&self) -> Option<Level> {
        self.level
    }

    fn merge(&mut self, later: &LexiconOptions) {
        crate::rules::replace_if_set(&mut self.level, &later.level);
        self.allow.extend(later.allow.iter().cloned());
        self.entries.extend(later.entries.iter().cloned());
        self.enable
            .extend(later.enable.iter().map(|(id, level)| (id.clone(), *level)));
        crate::rules::replace_if_set(&mut self.quoted, &later.quoted);
        crate::rules::replace_if_set(&mut self.builtin, &later.builtin);
    }
}

/// "; did you mean `x`?" for the entry id closest to a mistyped one, scored as configuration
/// suggestions are (rules may not import the configuration module).
fn closest_id(entries: &[Entry], id: &str) -> String {
    entries
        .iter()
        .map(|e| (strsim::jaro_winkler(id, &e.id), e.id.as_str()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map_or_else(String::new, |(_, s)| format!("; did you mean `{s}`?"))
}

/// A rule's built-in lexicon: the rule it belongs to, its data file, and how messages read.
pub struct Builtin {
    pub meta: &'static RuleMeta,
    /// Where the rule's options (the publication's own entries) live.
    pub options: &'static crate::rules::OptionsKey<LexiconOptions>,
    /// The data file, embedded by the build (`rules/stigmatising.yml`).
    pub file: &'static str,
    /// What a match is, after the quoted text: "can stigmatise", "is method detail".
    pub says: &'static str,
    cell: OnceLock<Result<Lexicon, String>>,
}

impl Builtin {
    pub const fn new(
        meta: &'static RuleMeta,
        options: &'static crate::rules::OptionsKey<LexiconOptions>,
        file: &'static str,
        says: &'static str,
    ) -> Self {
        Builtin {
            meta,
            options,
            file,
            says,
            cell: OnceLock::new(),
        }
    }

    /// The lexicon, parsed once per process.
    pub fn lexicon(&self) -> Result<&Lexicon, String> {
        self.cell
            .get_or_init(|| crate::data::parse(self.file))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Builds the rule with a publication's options.
    pub fn build(&'static self, options: &LexiconOptions) -> Result<Box<dyn Rule>, String> {
        let lexicon = self.lexicon()?;
        let mut entries: Vec<Entry> = if options.builtin == Some(false) {
            Vec::new()
        } else {
            lexicon.entries.clone()
        };
        for extra in &options.entries {
            match entries.iter_mut().find(|e| e.id == extra.id) {
                Some(existing) => *existing = extra.clone(),
                None => entries.push(extra.clone()),
            }
        }
        for entry in &mut entries {
            check_fix_forms(entry)?;
            // `not_before` and `not_after` take the phrase syntax too ("{or,and} sexual assault").
            for (field, words) in [
                ("not_before", &mut entry.not_before),
                ("not_after", &mut entry.not_after),
            ] {
                if words.iter().any(|w| w.contains('{') || w.contains('\'')) {
                    let mut forms = Vec::with_capacity(words.len());
                    for w in words.iter() {
                        forms
                            .extend(crate::phrases::expand(w).map_err(|err| {
                                format!("entry `{}`: `{field}`: {err}", entry.id)
                            })?);
                    }
                    *words = forms;
                }
            }
        }
        // An id (it has a `/`) that names no entry is a typo that would leave its finding.
        for id in options.allow.iter().filter(|a| a.contains('/')) {
            if !entries.iter().any(|e| &e.id == id) {
                return Err(format!(
                    "allow: unknown entry `{id}`{}",
                    closest_id(&entries, id)
                ));
            }
        }
        for (id, level) in &options.enable {
            match entries.iter_mut().find(|e| &e.id == id) {
                Some(entry) => entry.level = *level,
                None => {
                    return Err(format!(
                        "enable: unknown entry `{id}`{}",
                        closest_id(&entries, id)
                    ));
                }
            }
        }
        let allowed: HashSet<&str> = options.allow.iter().map(String::as_str).collect();
        entries.retain(|e| !allowed.contains(e.id.as_str()));
        if entries.iter().any(|e| !e.topics.is_empty()) {
            let model = crate::analyse::topics::model()?;
            for entry in &entries {
                for topic in &entry.topics {
                    if model.topic(topic).is_none() {
                        return Err(format!(
                            "entry `{}` names unknown topic `{topic}` (known: {})",
                            entry.id,
                            model.ids().collect::<Vec<_>>().join(", ")
                        ));
                    }
                }
            }
        }
        let phrases = PhraseSet::new(entries.iter().enumerate().flat_map(|(i, e)| {
            e.phrases
                .iter()
                .map(move |p| (i, p.as_str(), e.case_sensitive))
        }))?
        .at_case_edges();
        let exempt_phrases = lexicon
            .exempt
            .iter()
            .chain(options.allow.iter().filter(|a| !a.contains('/')))
            .map(|p| (0, p.as_str(), false));
        let exempt = PhraseSet::new(exempt_phrases)?;
        // Lists whose phrases all stand for one thing (a cue, a heading).
        let list =
            |phrases: &[String]| PhraseSet::new(phrases.iter().map(|p| (0, p.as_str(), false)));
        let mention_cues = list(&lexicon.mention_cues)?;
        let mention_after = list(&lexicon.mention_after)?;
        let speech_cues = list(&lexicon.speech_cues)?;
        let reported_cues = list(&lexicon.reported_cues)?;
        let document_cues = list(&lexicon.document_cues)?;
        let mention_headings = list(&lexicon.mention_headings)?;
        let navigation_headings = list(&lexicon.navigation_headings)?;
        // Each entry's `near` and `not_near` words in one automaton each, so a paragraph is
        // scanned once per entry however many words it lists.
        let compile = |field: &str, words: fn(&Entry) -> &Vec<String>| {
            entries
                .iter()
                .map(|e| {
                    if words(e).is_empty() {
                        return Ok(None);
                    }
                    PhraseSet::new(words(e).iter().map(|w| (0, w.as_str(), false)))
                        .map(Some)
                        .map_err(|err| format!("entry `{}`: `{field}`: {err}", e.id))
                })
                .collect::<Result<Vec<_>, String>>()
        };
        let near = compile("near", |e| &e.near)?;
        let not_near = compile("not_near", |e| &e.not_near)?;
        Ok(Box::new(LexiconRule {
            builtin: self,
            entries,
            near,
            not_near,
            sources: lexicon.sources.clone(),
            phrases,
            exempt,
            mention_cues,
            squeezed_cues: (lexicon.mention_cues.clone(), OnceLock::new()),
            mention_after,
            speech_cues,
            mention_headings,
            navigation_headings,
            reported_cues,
            document_cues,
            names: Names {
                heads: lexicon
                    .name_heads
                    .iter()
                    .map(|h| h.to_lowercase())
                    .collect(),
                joiners: lexicon.name_joiners.iter().cloned().collect(),
            },
            self_description: SelfDescription {
                writer: lower_apostrophes(&lexicon.self_description.writer),
                others: lower_apostrophes(&lexicon.self_description.others),
                between: lower_apostrophes(&lexicon.self_description.between),
            },
            quoted: options.quoted.unwrap_or_default(),
        }))
    }
}

/// Every built-in lexicon, in registry order: those of the registered rules whose meta names
/// one (`carelint explain ENTRY-ID`, `rules --entries`, suppression names).
pub fn builtins() -> impl Iterator<Item = &'static Builtin> {
    crate::rules::REGISTRY
        .iter()
        .filter_map(|spec| spec.meta.lexicon)
}

impl std::fmt::Debug for Builtin {
    /// Its file only: the rule's meta names this lexicon back.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builtin").field("file", &self.file).finish()
    }
}

/// A built-in lexicon entry by id, with the lexicon and rule it belongs to.
pub fn find_entry(id: &str) -> Option<(&'static Builtin, &'static Lexicon, &'static Entry)> {
    builtins().find_map(|builtin| {
        let lexicon = builtin.lexicon().ok()?;
        let entry = lexicon.entries.iter().find(|e| e.id == id)?;
        Some((builtin, lexicon, entry))
    })
}

pub struct LexiconRule {
    builtin: &'static Builtin,
    entries: Vec<Entry>,
    /// Per entry, its `near` words compiled (`None` when it has none).
    near: Vec<Option<PhraseSet>>,
    /// Per entry, its `not_near` words compiled (`None` when it has none).
    not_near: Vec<Option<PhraseSet>>,
    sources: BTreeMap<String, Guideline>,
    phrases: PhraseSet,
    exempt: PhraseSet,
    mention_cues: PhraseSet,
    /// The mention cues' forms in lower-case letters only, for a lead-in whose spaces were
    /// lost in conversion ("here's what youdon'tsay,"); built when a lead-in first asks.
    squeezed_cues: (Vec<String>, OnceLock<Vec<String>>),
    mention_after: PhraseSet,
    speech_cues: PhraseSet,
    mention_headings: PhraseSet,
    navigation_headings: PhraseSet,
    reported_cues: PhraseSet,
    document_cues: PhraseSet,
    names: Names,
    self_description: SelfDescription,
    quoted: Quoted,
}

impl Rule for LexiconRule {
    fn meta(&self) -> &'static RuleMeta {
        self.builtin.meta
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        // Blocks per paragraph group, and which (group, entry) pairs have a `near` word: built
        // on first use, so `near` costs one scan per paragraph and entry, not one per match.
        let mut groups: Option<HashMap<usize, Vec<usize>>> = None;
        let mut near_seen: HashMap<(usize, usize, bool), bool> = HashMap::new();
        // (scope, entry) pairs where the term was talked about as a word.
        let mut mentioned: HashSet<(Scope, usize)> = HashSet::new();
        let mut furniture = PageFurniture::new(doc, &self.navigation_headings);
        for (index, block) in doc.blocks.iter().enumerate() {
            let text = block.text();
            // A reference-list entry names a work; its title is not the article's wording.
            if block.kind == BlockKind::Code
                || block.prose.text.is_empty()
                || ctx
                    .analysis
                    .blocks
                    .get(index)
                    .is_some_and(|f| f.is_citation)
            {
                continue;
            }
            let words = ctx.analysis.words(index);
            let candidates = self.phrases.candidates_in(text, words);
            // Nor is the page around the article: another page's title in a list of links
            // ("Related Articles"), a teaser for another post, a menu's heading; found once an
            // article, when a block first asks.
            let other_page = !candidates.is_empty() && furniture.contains(index);
            if other_page {
                continue;
            }
            let mut exempt: Option<Vec<(usize, usize)>> = None;
            let mut kept = Vec::new();
            for m in candidates {
                // A change of case stands for a lost space on one side of a term, not on both:
                // "BioPsychoSocial" is one name, not "psycho".
                let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if word_char(text[..m.start].chars().next_back())
                    && word_char(text[m.end..].chars().next())
                {
                    continue;
                }
                let entry = &self.entries[m.entry];
                if followed_by(&text[m.end..], &entry.not_before)
                    || preceded_by(&text[..m.start], &entry.not_after)
                {
                    continue;
                }
                let exempt = exempt.get_or_insert_with(|| {
                    self.exempt
                        .find_iter_in(text, words)
                        .map(|e| (e.start, e.end))
                        .collect()
                });
                if exempt.iter().any(|&(s, e)| s <= m.start && m.end <= e) {
                    continue;
                }
                let mut in_paragraph = |words: &PhraseSet, negated: bool| {
                    *near_seen
                        .entry((block.group, m.entry, negated))
                        .or_insert_with(|| {
                            let groups = groups.get_or_insert_with(|| {
                                let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
                                for (i, b) in doc.blocks.iter().enumerate() {
                                    map.entry(b.group).or_default().push(i);
                                }
                                map
                            });
                            groups.get(&block.group).is_some_and(|members| {
                                members.iter().any(|&i| {
                                    doc.blocks.get(i).is_some_and(|b| {
                                        b.kind != BlockKind::Code
                                            && occurs(
                                                words,
                                                b.text(),
                                                ctx.analysis.words(i),
                                                negated,
                                            )
                                    })
                                })
                            })
                        })
                };
                if let Some(Some(near)) = self.near.get(m.entry)
                    && !in_paragraph(near, false)
                {
                    continue;
                }
                // The clinical sense shows in the paragraph or in its section's heading
                // ("Complications of Histrionic Personality Disorder").
                if let Some(Some(not_near)) = self.not_near.get(m.entry)
                    && (in_paragraph(not_near, true)
                        || block
                            .section
                            .and_then(|h| doc.blocks.get(h))
                            .is_some_and(|h| !not_near.candidates_loose(h.text()).is_empty()))
                {
                    continue;
                }
                if !entry.topics.is_empty() {
                    let topics = ctx.analysis.topics(doc);
                    if !entry.topics.iter().any(|t| topics.is_about(t)) {
                        continue;
                    }
                }
                if block.inlines.iter().any(|i| {
                    i.range.start <= m.start && m.end <= i.range.end && is_autolink(block, i)
                }) {
                    continue;
                }
                kept.push(m);
            }
            let mut in_language_section: Option<bool> = None;
            for m in non_overlapping(kept) {
                let sentence = ctx.analysis.blocks[index].sentence_of(m.start, text.len());
                let before = &text[sentence.start.min(m.start)..m.start];
                let entry = &self.entries[m.entry];
                if entry.with_figure
                    && !text
                        .get(sentence.clone())
                        .is_some_and(|s| s.bytes().any(|b| b.is_ascii_digit()))
                {
                    continue;
                }
                // A word alone in quotation marks, in lower case, is the word itself being talked
                // about ("referred to as “high-functioning” autism"); a capitalised one is more
                // likely a title (“Crazy”, a song) and is left to the quotation handling below.
                let after = text[m.end..].trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'')
                });
                // A section (or, before the first heading, a paragraph) that talks about a term as
                // a word goes on using it in that sense: "Transsexual is a historic, medical term
                // that refers to ... Some transsexual individuals ...".
                let scope = if block.kind.is_heading() {
                    Scope::Section(index)
                } else {
                    block
                        .section
                        .map_or(Scope::Group(block.group), Scope::Section)
                };
                if (in_word_quotes(text, m.start, m.end) && !self.speech_cues.occurs_in(before))
                    || self.mention_after.prefix_of(after).is_some()
                    || self.mention_cues.occurs_in(before)
                    || is_word_part(text, m.end)
                    || *in_language_section.get_or_insert_with(|| {
                        block
                            .section
                            .and_then(|h| doc.blocks.get(h))
                            .is_some_and(|h| self.mention_headings.occurs_in(h.text()))
                    })
                {
                    mentioned.insert((scope, m.entry));
                    continue;
                }
                if mentioned.contains(&(scope, m.entry)) {
                    continue;
                }
                let quoted = ctx
                    .analysis
                    .quoted_context(doc, index, m.start..m.end)
                    .or_else(|| {
                        self.reported_cues
                            .occurs_in(before)
                            .then_some(QuoteContext::Reported)
                    });
                // Someone's own words that the article cannot or need not change: a reference
                // text quoted word for word (a diagnostic manual's criteria, a law), and the
                // writer describing themself. Reported only where quotations keep their level.
                let untouchable = (quoted == Some(QuoteContext::Quotation)
                    && self.document_cues.occurs_in(tail(before, 400)))
                    || (entry.self_description != SelfDescribed::No
                        && self.self_description.describes_writer(
                            text,
                            sentence.clone(),
                            m.start..m.end,
                            entry.self_description == SelfDescribed::Subject,
                        ));
                if untouchable && self.quoted != Quoted::Same {
                    continue;
                }
                // An example of what not to say, under a lead-in that says so ("Here's what you
                // don't say:" and then “That's crazy.”): the word is talked about.
                if (quoted == Some(QuoteContext::Quotation) || block.kind == BlockKind::ListItem)
                    && self.introduced_as_mention(ctx, index)
                {
                    continue;
                }
                if quoted.is_none()
                    && !block.kind.is_heading()
                    && (self.names.capitalised_among_lower(
                        before,
                        &text[m.start..m.end],
                        &text[m.end..],
                    ) || self.names.cited_title(block, text, m.start, m.end)
                        || self.names.proper_name(
                            text,
                            m.start,
                            m.end,
                            is_title_case(&text[sentence.clone()]),
                        ))
                {
                    continue;
                }
                let Some(severity) = self.severity(entry, quoted, ctx.severity) else {
                    continue;
                };
                let span = block.prose.source_span(m.start, m.end);
                // Name the source text itself (whitespace folded), so the message and the span
                // agree even where the prose decoded an entity.
                let found = doc.source.slice(span).unwrap_or(&text[m.start..m.end]);
                let found = found.split_whitespace().collect::<Vec<_>>().join(" ");
                out.push(self.diagnostic(entry, &found, span, severity, quoted));
            }
        }
    }
}

/// Where a term talked about as a word stays a word: its section, or its paragraph before the
/// first heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Scope {
    Section(usize),
    Group(usize),
}

/// Whether the match at `..end` is a word part, not a word: a combining form written with its
/// hyphen ("‘Schizo–’ refers to ...", "the prefix psycho- means"), which names a piece of a
/// word and cannot be the article's own use of it.
fn is_word_part(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    rest.next()
        .is_some_and(|c| matches!(c, '-' | '\u{2010}' | '\u{2011}' | '–'))
        && !rest.next().is_some_and(char::is_alphanumeric)
}

/// Lower-cased words, with `’` written `'`.
fn lower_apostrophes(words: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|w| w.trim().to_lowercase().replace('’', "'"))
        .collect()
}

impl SelfDescription {
    /// Whether the term at `start..end` describes the writer, in the sentence `sentence`.
    /// With `by_subject`, the nearest person decides whatever stands between.
    fn describes_writer(
        &self,
        text: &str,
        sentence: std::ops::Range<usize>,
        term: std::ops::Range<usize>,
        by_subject: bool,
    ) -> bool {
        let (start, end) = (term.start, term.end);
        if self.writer.is_empty() {
            return false;
        }
        let bare = |w: &str| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .to_lowercase()
                .replace('’', "'")
        };
        let from = sentence.start.min(start);
        // The nearest person before the term decides: the writer, when only auxiliaries and
        // adverbs stand between ("I have long suffered from"), not when a verb of their own
        // does ("I have met many sufferers").
        // A few words either side are enough, and keep a long one-line article linear.
        const REACH: usize = 20;
        let mut next_to = true;
        for word in text[from..start].split_whitespace().rev().take(REACH) {
            let word = bare(word);
            if self.writer.contains(&word) {
                return next_to || by_subject;
            }
            if self.others.contains(&word) {
                return false;
            }
            next_to &= self.between.contains(&word);
        }
        // A sentence that opens with the term's phrase: the clause after its first comma says
        // who it was ("As a mum suffering from depression for years, I ...").
        let mut to = sentence.end.clamp(end, text.len()).min(end + 20 * REACH);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        text.get(end..to)
            .and_then(|rest| rest.split_once(','))
            .and_then(|(_, clause)| clause.split_whitespace().next())
            .is_some_and(|w| self.writer.contains(&bare(w)))
    }
}

impl LexiconRule {
    /// Whether block `index` is one of the examples that a lead-in gives of words not to use:
    /// the nearest block before it that is not another example (a quotation, or an item of the
    /// same list), at most eight blocks back and in the same section, ends with `:` or `,` and
    /// names a mention cue in its last words, with its spaces or without ("Avoid these words:",
    /// "here's what youdon'tsay,").
    fn introduced_as_mention(&self, ctx: &CheckContext, index: usize) -> bool {
        let blocks = &ctx.doc.blocks;
        let Some(block) = blocks.get(index) else {
            return false;
        };
        let is_example = |i: usize| {
            blocks.get(i).is_some_and(|b| {
                (block.kind == BlockKind::ListItem
                    && b.kind == BlockKind::ListItem
                    && b.group == block.group)
                    || ctx
                        .analysis
                        .blocks
                        .get(i)
                        .is_some_and(|f| !f.quotes.is_empty())
            })
        };
        let Some(lead) = (index.saturating_sub(8)..index)
            .rev()
            .find(|&i| !is_example(i))
            .and_then(|i| blocks.get(i))
        else {
            return false;
        };
        let text = lead.text().trim_end();
        if lead.kind.is_heading() || lead.section != block.section || !text.ends_with([':', ',']) {
            return false;
        }
        let last = tail(text, 60);
        if self.mention_cues.occurs_in(last) {
            return true;
        }
        let squeezed = crate::analyse::squeezed::letters(last);
        let (phrases, forms) = &self.squeezed_cues;
        forms
            .get_or_init(|| {
                phrases
                    .iter()
                    .filter_map(|p| crate::phrases::expand(p).ok())
                    .flatten()
                    .map(|f| crate::analyse::squeezed::letters(&f))
                    // Short forms would turn up inside other words by chance.
                    .filter(|f| f.len() >= 7)
                    .collect()
            })
            .iter()
            .any(|f| squeezed.contains(f.as_str()))
    }

    fn severity(
        &self,
        entry: &Entry,
        quoted: Option<QuoteContext>,
        ceiling: Severity,
    ) -> Option<Severity> {
        let own = entry.level.severity()?.min(ceiling);
        match (quoted, self.quoted) {
            (None, _) | (Some(_), Quoted::Same) => Some(own),
            (Some(_), Quoted::Info) => Some(Severity::Info),
            (Some(_), Quoted::Off) => None,
        }
    }

    fn diagnostic(
        &self,
        entry: &Entry,
        found: &str,
        span: crate::model::source::Span,
        severity: Severity,
        quoted: Option<QuoteContext>,
    ) -> Diagnostic {
        let reason = entry.reason.trim().trim_end_matches('.');
        let mut message = format!("“{found}” {}", self.builtin.says);
        if !reason.is_empty() {
            message.push_str(": ");
            message.push_str(&lowercase_first(reason));
        }
        match quoted {
            Some(QuoteContext::Quotation) => message.push_str(" (in a quotation)"),
            Some(QuoteContext::Title) => message.push_str(" (in a title)"),
            Some(QuoteContext::Reported) => message.push_str(" (someone else's label, reported)"),
            None => {}
        }
        let mut help = String::new();
        if !entry.alternatives.is_empty() {
            let alts: Vec<String> = entry
                .alternatives
                .iter()
                .map(|a| format!("“{a}”"))
                .collect();
            help.push_str(&format!("Consider {}.", alts.join(", ")));
        }
        // The first three guidelines; `carelint explain ENTRY-ID` lists them all.
        let cited: Vec<String> = entry
            .sources
            .iter()
            .take(3)
            .map(|key| self.cite(key))
            .collect();
        if !cited.is_empty() {
            if !help.is_empty() {
                help.push(' ');
            }
            help.push_str(&format!("Guideline: {}.", cited.join("; ")));
        }
        if quoted.is_some() {
            help.push_str(" Quoting is fine when the words are essential to the story.");
        }
        let meta = self.builtin.meta;
        let mut diagnostic = Diagnostic::new(meta.id, meta.category, severity, span, message)
            .with_help(help.trim().to_string());
        diagnostic.entry = Some(entry.id.clone());
        if quoted.is_none()
            && let Some(replacement) = entry.fix.get(&form_key(found))
        {
            diagnostic = diagnostic.with_fix(Fix {
                span,
                replacement: match_case(found, replacement),
                safe: false,
            });
        }
        diagnostic
    }

    fn cite(&self, key: &str) -> String {
        match self.sources.get(key) {
            Some(source) => source.name.clone(),
            None => key.to_string(),
        }
    }
}

/// What makes a capitalised run a name in this lexicon: words that head names and words that
/// join their parts (both from the lexicon file).
struct Names {
    heads: HashSet<String>,
    joiners: HashSet<String>,
}

impl Names {
    /// Whether the matched words are part of a capitalised name ("Certified Substance Abuse
    /// Counselor", "Journal of Substance Abuse Treatment", "Youth Drug Abuse Prevention Fund"): every
    /// matched word is capitalised, and the capitalised run around it (across "of", "on", "and" ...)
    /// has a word that heads names (`name_heads` in the lexicon file). A slogan in capitals ("Real Men
    /// Don't Cry") has none and is still the article's wording. Headings, where title case is style,
    /// are not asked. In a sentence written in title case, where every word is capitalised, only a
    /// head within a few words after the match counts ("Substance Abuse & Mental Health Services
    /// Admin Helpline"), not one anywhere in the line.
    fn proper_name(&self, text: &str, start: usize, end: usize, title_case: bool) -> bool {
        let joiner = |w: &str| self.joiners.contains(w);
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let split = |t: &str| -> Vec<String> {
            t.split(|c: char| {
                c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':' | '"' | '“' | '”')
            })
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
        };
        let matched = split(&text[start..end]);
        if matched.is_empty() || !matched.iter().all(|w| capitalised(w)) {
            return false;
        }
        let is_head = |w: &str| {
            self.heads
                .contains(&w.trim_end_matches(['.', '\'', '’']).to_lowercase())
        };
        if matched.iter().any(|w| is_head(w)) {
            return true;
        }
        if title_case {
            return split(&text[end..])
                .iter()
                .take(5)
                .take_while(|w| capitalised(w) || joiner(w))
                .any(|w| is_head(w));
        }
        // Walk outwards over capitalised words and joiners; a full stop ends the run.
        let mut before = split(&text[..start]);
        let mut left = Vec::new();
        while let Some(w) = before.pop() {
            if w.ends_with(['.', '!', '?']) || !(capitalised(&w) || joiner(&w)) {
                break;
            }
            left.push(w);
        }
        let mut right = Vec::new();
        if !text[end..].starts_with(['.', '!', '?', ',', ';']) {
            for w in split(&text[end..]) {
                let stop = w.ends_with(['.', '!', '?', ',']);
                if !(capitalised(&w) || joiner(&w)) {
                    break;
                }
                right.push(w);
                if stop {
                    break;
                }
            }
        }
        left.iter()
            .chain(right.iter())
            .any(|w| capitalised(w) && is_head(w))
    }

    /// Whether a match is a title's or a name's first words in running prose: every matched word
    /// capitalised, after a lower-case word on its line ("my book Crazy for Life", "the film Mad
    /// Max") and before more of the title (a capitalised word, past "of", "for", "the" ...).
    /// English capitalises words there only for a name, which the article cannot reword. A word a
    /// term capitalises itself ("Alzheimer's patients", "HIV victims") is followed by lower case;
    /// title case ("95% of Sufferers are ...") has no lower-case word before but a joiner;
    /// capitals for emphasis ("CRAZY") and a match glued to the word before it are not names.
    fn capitalised_among_lower(&self, before: &str, matched: &str, after: &str) -> bool {
        let capitalised = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
        };
        if !matched.split_whitespace().all(capitalised) {
            return false;
        }
        // A few words either side are enough, and keep a long one-line article linear.
        let before = tail(before, 200);
        let after = head(after, 200);
        let line = before.rsplit('\n').next().unwrap_or(before);
        let gap = line.trim_end_matches([' ', '\t']);
        if gap.len() == line.len() {
            return false;
        }
        let previous = gap.rsplit([' ', '\t']).next().unwrap_or(gap);
        let lower_before = previous.chars().next().is_some_and(char::is_lowercase)
            && previous
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
            && !self.joiners.contains(previous);
        let line_after = after.split('\n').next().unwrap_or(after);
        lower_before
            && line_after.starts_with([' ', '\t'])
            && line_after
                .split_whitespace()
                .find(|w| !self.joiners.contains(*w))
                .is_some_and(capitalised)
    }

    /// Whether the matched words are (part of) the title of another work: the text of a link whose
    /// words are capitalised ("[Prescription Drug Abuse](…)"), or a capitalised run followed by its
    /// publisher in brackets ("Prescription Drug Abuse (Mayo Foundation for Medical Education)").
    /// A publisher cannot be asked to rename someone else's page.
    fn cited_title(&self, block: &Block, text: &str, start: usize, end: usize) -> bool {
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        if !text[start..end].split_whitespace().all(capitalised) {
            return false;
        }
        let in_titled_link = block.inlines.iter().any(|i| {
            matches!(i.kind, InlineKind::Link { .. })
                && i.range.start <= start
                && end <= i.range.end
                && !is_autolink(block, i)
                && text
                    .get(i.range.clone())
                    .is_some_and(|t| is_title_case(t) || t.split_whitespace().all(capitalised))
        });
        if in_titled_link {
            return true;
        }
        // Walk over the rest of the capitalised run to an opening bracket.
        let mut rest = &text[end..];
        loop {
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if trimmed.starts_with('(') {
                rest = trimmed;
                break;
            }
            let word_end = trimmed
                .find(|c: char| c.is_whitespace() || c == '(')
                .unwrap_or(trimmed.len());
            let word = &trimmed[..word_end];
            if word.is_empty()
                || word.ends_with(['.', ',', ';', ':', '!', '?'])
                || !(capitalised(word) || self.joiners.contains(word))
            {
                return false;
            }
            rest = &trimmed[word_end..];
        }
        let inner = rest[1..].split(')').next().unwrap_or("");
        inner.split_whitespace().next().is_some_and(capitalised)
            && inner.split_whitespace().any(|w| {
                capitalised(w)
                    && self
                        .heads
                        .contains(&w.trim_end_matches([',', '.']).to_lowercase())
            })
    }
}

/// Whether `start..end` is a word or phrase standing alone in quotation marks, in lower case (or
/// opening its sentence): the word itself being discussed (“neurotic” or “reactive” depression),
/// not the article's usage.
fn in_word_quotes(text: &str, start: usize, end: usize) -> bool {
    let opens = text[..start].ends_with(['"', '“', '‘', '\''])
        && !text[..start]
            .trim_end_matches(['"', '“', '‘', '\''])
            .ends_with(char::is_alphanumeric);
    let rest = text[end..].trim_start_matches([',', '.', ';', ':', '!', '?']);
    let mut after = rest.chars();
    let closes = after
        .next()
        .is_some_and(|c| matches!(c, '"' | '”' | '’' | '\''))
        && !after.next().is_some_and(char::is_alphanumeric);
    // A capital is the sentence's own when the quotation opens it.
    let sentence_start = text[..start]
        .trim_end_matches(['"', '“', '‘', '\''])
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'));
    // One word (a hyphenated one too): a quoted phrase is more often someone's words.
    opens
        && closes
        && !text[start..end].contains(char::is_whitespace)
        && (sentence_start
            || text[start..end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase))
}

/// Whether a sentence is written in title case ("What Percentage Of Alcoholics Relapse?"): there
/// capitals are style, not a sign of a name.
fn is_title_case(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic) && w.chars().count() > 3)
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3 && capitalised * 10 >= words.len() * 8
}

/// Whether `rest` (the text after a match) starts with one of `words`, as whole words.
/// A coordinated adjective is looked past: in "neurotic or reactive depression" the word after
/// "neurotic" is, for this purpose, "depression".
fn followed_by(rest: &str, words: &[String]) -> bool {
    let rest = rest.trim_start();
    let coordinated = ["or ", "and ", "/"].iter().find_map(|joiner| {
        let after = rest.get(..joiner.len())?;
        if !after.eq_ignore_ascii_case(joiner) {
            return None;
        }
        let next = rest[joiner.len()..].trim_start();
        let skip = next.find(char::is_whitespace)?;
        Some(&next[skip..])
    });
    followed_by_now(rest, words) || coordinated.is_some_and(|r| followed_by_now(r, words))
}

/// A word of five letters or more also counts at the start of a longer one, as converted pages
/// glue words together when a link is lost ("a depressive episodemay").
fn followed_by_now(rest: &str, words: &[String]) -> bool {
    let rest = rest.trim_start();
    words.iter().any(|w| {
        let w = w.trim();
        rest.len() >= w.len()
            && rest.is_char_boundary(w.len())
            && rest[..w.len()].eq_ignore_ascii_case(w)
            && (is_whole_word(rest, 0, w.len()) || w.chars().count() >= 5)
    })
}

/// Whether `before` (the text before a match) ends with one of `words`, as whole words.
/// A coordinated word is looked past, as in [`followed_by`]: in "a fear of madness or insanity"
/// the words before "insanity" are, for this purpose, "a fear of".
fn preceded_by(before: &str, words: &[String]) -> bool {
    let before = before.trim_end();
    let coordinated = [" or", " and", "/"].iter().find_map(|joiner| {
        let at = before.len().checked_sub(joiner.len())?;
        let tail = before.get(at..)?;
        if !tail.eq_ignore_ascii_case(joiner) {
            return None;
        }
        let rest = before[..at].trim_end();
        let word_start = rest.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        Some(&rest[..word_start])
    });
    preceded_by_now(before, words) || coordinated.is_some_and(|b| preceded_by_now(b, words))
}

fn preceded_by_now(before: &str, words: &[String]) -> bool {
    let before = before.trim_end();
    words.iter().any(|w| {
        let w = w.trim();
        before.len() >= w.len()
            && before.is_char_boundary(before.len() - w.len())
            && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
            && is_whole_word(before, before.len() - w.len(), before.len())
    })
}

/// A link whose text is its own address (`<https://…>` or a bare URL): not prose.
pub fn is_autolink(block: &Block, inline: &Inline) -> bool {
    let InlineKind::Link { url } = &inline.kind else {
        return false;
    };
    let text = &block.text()[inline.range.clone()];
    url == text || url.ends_with(text) && text.contains(['.', '/', '@'])
}

pub(crate) fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        // Keep acronyms and proper nouns ("AP", "HIV") as written.
        Some(c) if chars.clone().next().is_some_and(|n| n.is_lowercase()) => {
            c.to_lowercase().chain(chars).collect()
        }
        Some(c) => std::iter::once(c).chain(chars).collect(),
        None => String::new(),
    }
}

/// A matched text as `fix` keys spell it: lowercase, one space between words, `'` for `’`.
fn form_key(found: &str) -> String {
    found
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

/// Every `fix` key must be a form the entry matches, so a typo cannot silently disable a fix.
/// The entry's forms are expanded phrase by phrase only until every key is found: most keys are
/// among the first forms.
fn check_fix_forms(entry: &Entry) -> Result<(), String> {
    if entry.fix.is_empty() {
        return Ok(());
    }
    let mut missing: HashSet<String> = entry.fix.keys().map(|f| form_key(f)).collect();
    for phrase in &entry.phrases {
        if missing.is_empty() {
            break;
        }
        for form in crate::phrases::expand(phrase)? {
            // Forms come out folded to single spaces, so only case and apostrophes differ.
            let key = if form.is_ascii() {
                form.to_ascii_lowercase()
            } else {
                form_key(&form)
            };
            missing.remove(&key);
        }
    }
    for (form, replacement) in &entry.fix {
        if missing.contains(&form_key(form)) {
            return Err(format!(
                "entry `{}`: `fix` names `{form}`, which is not one of its phrases' forms",
                entry.id
            ));
        }
        if replacement.trim().is_empty() {
            return Err(format!("entry `{}`: `fix` for `{form}` is empty", entry.id));
        }
    }
    Ok(())
}

/// Capitalises the replacement when the matched text starts with a capital.
fn match_case(found: &str, replacement: &str) -> String {
    if found.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        replacement.to_string()
    }
}

/// Whether `words` occur in `text`. A word that rules a match out (`not_near`) also counts
/// with the next word glued to it, as converted pages write it ("Psychopathyis marked by"):
/// missing it would report the clinical sense as an insult.
fn occurs(words: &PhraseSet, text: &str, found: &crate::phrases::Words, glued: bool) -> bool {
    if glued {
        !words.candidates_loose_in(text, found).is_empty()
    } else {
        words.occurs_in_words(text, found)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analyse::analyse;
    use crate::model::source::SourceFile;
    use crate::parse::{ParseOptions, parse};

    /// What a rule reports on `text`, checked as a one-file Markdown article.
    fn found(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions::default(),
        );
        let analysis = analyse(&doc);
        let mut out = Vec::new();
        rule.check(
            &CheckContext {
                doc: &doc,
                analysis: &analysis,
                severity: Severity::Error,
                meta: rule.meta(),
            },
            &mut out,
        );
        out
    }

    /// What a rule reports on `text`, as (matched source text, severity).
    pub fn flagged(rule: &dyn Rule, text: &str) -> Vec<(String, Severity)> {
        found(rule, text)
            .into_iter()
            .map(|d| (text[d.span.range()].to_string(), d.severity))
            .collect()
    }

    /// Checks the invariants every built-in lexicon keeps.
    pub fn assert_valid(builtin: &'static Builtin, min_entries: usize) {
        let lexicon = builtin.lexicon().unwrap();
        assert!(
            lexicon.entries.len() >= min_entries,
            "{}: {} entries",
            builtin.file,
            lexicon.entries.len()
        );
        let mut ids = HashSet::new();
        for e in &lexicon.entries {
            assert!(ids.insert(&e.id), "duplicate id {}", e.id);
            assert!(!e.alternatives.is_empty(), "{} has no alternatives", e.id);
            assert!(!e.sources.is_empty(), "{} cites nothing", e.id);
            for key in &e.sources {
                assert!(
                    lexicon.sources.contains_key(key),
                    "{} cites unknown {key}",
                    e.id
                );
            }
        }
        assert!(builtin.build(&LexiconOptions::default()).is_ok());
    }

    #[test]
    fn entry_ids_are_unique_across_lexicons() {
        let mut ids = HashSet::new();
        for builtin in builtins() {
            for e in &builtin.lexicon().unwrap().entries {
                assert!(ids.insert(e.id.clone()), "{} is in two lexicons", e.id);
            }
        }
        assert!(find_entry("suicide/committed").is_some());
        assert!(find_entry("mental-health/suffers-from").is_some());
        assert!(find_entry("no/such-entry").is_none());
    }

    /// The suggested fixes a rule offers on `text`, as (matched text, replacement).
    fn fixes(rule: &dyn Rule, text: &str) -> Vec<(String, Option<String>)> {
        found(rule, text)
            .into_iter()
            .map(|d| {
                assert!(d.fix.as_ref().is_none_or(|f| !f.safe && f.span == d.span));
                (
                    text[d.span.range()].to_string(),
                    d.fix.map(|f| f.replacement),
                )
            })
            .collect()
    }

    #[test]
    fn fixes_only_the_forms_an_entry_names_with_case_kept() {
        let suicide = crate::rules::safety::suicide_language::BUILTIN
            .build(&LexiconOptions::default())
            .unwrap();
        let found = fixes(
            suicide.as_ref(),
            "Committed suicide, the report said. He commits suicide in the film. \
             She attempted to commit suicide.",
        );
        assert_eq!(
            found,
            [
                ("Committed suicide".into(), Some("Died by suicide".into())),
                ("commits suicide".into(), Some("dies by suicide".into())),
                ("commit suicide".into(), None),
            ]
        );
        let stigma = crate::rules::language::stigmatising::BUILTIN
            .build(&LexiconOptions::default())
            .unwrap();
        let found = fixes(stigma.as_ref(), "He suffered from depression.");
        assert_eq!(found, [("suffered from".into(), Some("had".into()))]);
    }

    #[test]
    fn a_fix_for_a_form_the_entry_does_not_match_is_a_build_error() {
        let mut entry = find_entry("suicide/committed").unwrap().2.clone();
        entry
            .fix
            .insert("perished by suicide".into(), "died by suicide".into());
        let options = LexiconOptions {
            entries: vec![entry],
            ..LexiconOptions::default()
        };
        let err = crate::rules::safety::suicide_language::BUILTIN
            .build(&options)
            .err()
            .unwrap();
        assert!(err.contains("`perished by suicide`"), "{err}");
    }

    #[test]
    fn unknown_topic_gate_is_a_build_error() {
        let options = LexiconOptions {
            entries: vec![Entry {
                id: "house/x".into(),
                group: "house".into(),
                level: Level::Warning,
                phrases: vec!["foo".into()],
                alternatives: vec!["bar".into()],
                reason: String::new(),
                sources: vec![],
                not_before: vec![],
                not_after: vec![],
                near: vec![],
                not_near: vec![],
                topics: vec!["astrology".into()],
                case_sensitive: false,
                with_figure: false,
                fix: BTreeMap::new(),
                self_description: SelfDescribed::No,
            }],
            ..LexiconOptions::default()
        };
        let err = crate::rules::language::stigmatising::BUILTIN
            .build(&options)
            .err()
            .unwrap();
        assert!(err.contains("unknown topic `astrology`"), "{err}");
    }
}
