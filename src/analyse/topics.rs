//! Topic detection: which sensitive topics (suicide, self-harm, eating disorders, sexual
//! violence, domestic abuse, trauma, depression and anxiety, substance use, persistent sexual
//! distress) an article is substantially about.
//!
//! Terms and weights live in `rules/topics.yml`. Every term and exempt phrase of every topic is
//! matched in one pass of one automaton per block. A mention weighs more in the title or a
//! heading than in a list item, less in someone else's words; mentions are pooled per paragraph
//! (the lists of a section count as one) so that repeating a word inside one paragraph counts
//! for less than discussing the topic in several. A topic that never reaches a heading must also
//! hold its own beside the article's main topic (`min_share`), so a long article on depression
//! is not "about" substance use because it names it three times. See the data file's header for
//! the exact scoring.
//!
//! Why one file of ~1,090 lines (about 310 are tests): finding mentions, pooling them by
//! paragraph and list, and the dwell that overrides the score read one table of mentions.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::analyse::Analysis;
use crate::parse::{BlockKind, Document};
use crate::phrases::{PhraseSet, is_whole_word, non_overlapping};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    version: u32,
    weights: Weights,
    threshold: f32,
    /// Share of the strongest topic's score that a topic with no mention in the title or a
    /// heading must reach.
    #[serde(default)]
    min_share: f32,
    /// Share of the article's units that a topic with no mention in the title or a heading
    /// must hold: two passing mentions in a long article are not what it is about.
    #[serde(default)]
    min_text_share: f32,
    /// A topic the article dwells on by its share of the text.
    #[serde(default)]
    dwell: Option<Dwell>,
    /// Marks of a citation line ("doi:", "et al."): mentions there name a paper, not the topic.
    #[serde(default)]
    citation_marks: Vec<String>,
    #[serde(default)]
    exempt: Vec<String>,
    /// Exempt phrases matched with their exact case ("the Depression").
    #[serde(default)]
    exempt_case_sensitive: Vec<String>,
    /// Words that head organisations' names: a term in a capitalised name with one of them
    /// ("Anxiety & Depression Association of America", "Office of ... Substance Abuse") names
    /// the body, not the article's topic.
    #[serde(default)]
    name_heads: Vec<String>,
    /// How an author's or reviewer's bio opens: its terms describe the writer, not the article.
    #[serde(default)]
    author_bio: AuthorBio,
    topics: Vec<Topic>,
}

/// The openings of an author's bio: a byline ("Medically reviewed by") or a name with
/// credentials and a verb ("Jane Doe, LCSW, is a therapist").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorBio {
    #[serde(default)]
    pub leads: Vec<String>,
    #[serde(default)]
    pub credentials: Vec<String>,
    #[serde(default)]
    pub verbs: Vec<String>,
}

impl AuthorBio {
    /// Whether a block opens as an author's bio.
    fn opens(&self, text: &str) -> bool {
        let head = crate::model::text::head(text, 60).to_lowercase();
        if self.leads.iter().any(|l| head.starts_with(l.as_str())) {
            return true;
        }
        // A byline, also glued to the name by conversion ("ByJane Doe"): two capitalised
        // words, the first not ending a clause ("By March, ..." is a date).
        if let Some(rest) = text.strip_prefix("By") {
            let mut words = rest.split(' ').filter(|w| !w.is_empty());
            let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            if let (Some(first), Some(second)) = (words.next(), words.next())
                && capital(first)
                && first.chars().all(char::is_alphabetic)
                && capital(second)
            {
                return true;
            }
        }
        // Two to four capitalised name words, a comma, credentials, then a verb.
        let mut words = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let mut names = 0;
        let mut credentials = 0;
        for word in words.by_ref().take(12) {
            let bare = word.trim_end_matches('.');
            if credentials == 0
                && names < 4
                && bare.chars().next().is_some_and(char::is_uppercase)
                && !self.credentials.iter().any(|c| c == bare)
            {
                names += 1;
            } else if names >= 2 && self.credentials.iter().any(|c| c == bare) {
                credentials += 1;
            } else {
                return names >= 2
                    && credentials > 0
                    && self.verbs.iter().any(|v| v == &word.to_lowercase());
            }
        }
        false
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(rename = "where")]
    pub place: PlaceWeights,
    pub context: ContextWeights,
    pub repeat: f32,
    pub paragraph_cap: f32,
}

/// How much of an article's text must be about a topic for the article to dwell on it.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dwell {
    /// Share of the article's units (sentences, lines, list items) that mention the topic.
    pub share: f32,
    /// And at least this many of them (weighted by the term).
    pub min_units: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceWeights {
    pub title: f32,
    pub heading: f32,
    pub paragraph: f32,
    pub list_item: f32,
    pub table_cell: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextWeights {
    pub quoted: f32,
    pub footnote: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    /// How messages name it ("sexual violence and abuse").
    pub name: String,
    /// Overrides the file's `min_share` for this topic.
    #[serde(default)]
    pub min_share: Option<f32>,
    /// Overrides the file's `min_text_share` for this topic.
    #[serde(default)]
    pub min_text_share: Option<f32>,
    /// Words (lower case) that, in the same sentence or line, make a term name part of another
    /// condition: "emotional lows (depression)" beside "mania" is the depressive pole of bipolar
    /// disorder.
    #[serde(default)]
    pub not_with: Vec<String>,
    pub terms: Vec<Terms>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    pub weight: f32,
    #[serde(rename = "match")]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
}

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Term { topic: usize, weight: f32 },
    Exempt,
}

/// The compiled topic data.
#[derive(Debug)]
pub struct Model {
    pub topics: Vec<Topic>,
    pub weights: Weights,
    pub threshold: f32,
    pub min_share: f32,
    pub min_text_share: f32,
    pub dwell: Option<Dwell>,
    citation_marks: Vec<String>,
    name_heads: Vec<String>,
    author_bio: AuthorBio,
    kinds: Vec<Kind>,
    phrases: PhraseSet,
}

impl Model {
    fn compile(file: File) -> Result<Model, String> {
        let mut kinds = Vec::new();
        let mut phrases: Vec<(usize, &str, bool)> = Vec::new();
        let share_ok = |x: f32| (0.0..=1.0).contains(&x);
        if !share_ok(file.min_share) {
            return Err("`min_share` must be between 0 and 1".into());
        }
        for (t, topic) in file.topics.iter().enumerate() {
            if file.topics[..t].iter().any(|o| o.id == topic.id) {
                return Err(format!("topic `{}` is defined twice", topic.id));
            }
            if topic.min_share.is_some_and(|x| !share_ok(x)) {
                return Err(format!(
                    "topic `{}`: `min_share` must be between 0 and 1",
                    topic.id
                ));
            }
            for terms in &topic.terms {
                if terms.weight.is_nan() || terms.weight <= 0.0 {
                    return Err(format!("topic `{}`: weights must be positive", topic.id));
                }
                let k = kinds.len();
                kinds.push(Kind::Term {
                    topic: t,
                    weight: terms.weight,
                });
                phrases.extend(
                    terms
                        .phrases
                        .iter()
                        .map(|p| (k, p.as_str(), terms.case_sensitive)),
                );
            }
        }
        let exempt = kinds.len();
        kinds.push(Kind::Exempt);
        phrases.extend(file.exempt.iter().map(|p| (exempt, p.as_str(), false)));
        phrases.extend(
            file.exempt_case_sensitive
                .iter()
                .map(|p| (exempt, p.as_str(), true)),
        );
        // Only exempt phrases are matched inside glued words; terms need whole words.
        let phrases = PhraseSet::new(phrases)?.anywhere_only(|e| e == exempt);
        Ok(Model {
            topics: file.topics,
            weights: file.weights,
            threshold: file.threshold,
            min_share: file.min_share,
            min_text_share: file.min_text_share,
            dwell: file.dwell,
            citation_marks: file
                .citation_marks
                .iter()
                .map(|m| m.to_ascii_lowercase())
                .collect(),
            name_heads: file.name_heads.iter().map(|h| h.to_lowercase()).collect(),
            author_bio: file.author_bio,
            kinds,
            phrases,
        })
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.topics.iter().map(|t| t.id.as_str())
    }

    fn min_share(&self, topic: &Topic) -> f32 {
        topic.min_share.unwrap_or(self.min_share)
    }

    fn min_text_share(&self, topic: &Topic) -> f32 {
        topic.min_text_share.unwrap_or(self.min_text_share)
    }

    fn place_weight(&self, kind: BlockKind) -> f32 {
        let w = &self.weights.place;
        match kind {
            BlockKind::Title | BlockKind::Heading(1) => w.title,
            BlockKind::Heading(_) => w.heading,
            BlockKind::Paragraph => w.paragraph,
            BlockKind::ListItem => w.list_item,
            BlockKind::TableCell => w.table_cell,
            BlockKind::Code => 0.0,
        }
    }
}

/// The built-in topic model, compiled once per process.
pub fn model() -> Result<&'static Model, String> {
    static CELL: OnceLock<Result<Model, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        let file: File = crate::data::parse("rules/topics.yml")?;
        Model::compile(file).map_err(|e| format!("rules/topics.yml: {e}"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// One mention of a topic term.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Index into `Document::blocks`.
    pub block: usize,
    /// Byte range in the block's prose text.
    pub range: Range<usize>,
    /// What this mention alone counts: term weight x place x context.
    pub weight: f32,
    /// The term's weight x context, wherever it stands: what it adds to the topic's share.
    pub strength: f32,
}

#[derive(Debug, Clone)]
pub struct TopicScore {
    pub topic: &'static Topic,
    pub score: f32,
    /// Whether the article is substantially about the topic: the score reaches the threshold,
    /// and the topic is in the title or a heading or holds its share beside the main topic.
    pub about: bool,
    /// Every counted mention, in document order.
    pub mentions: Vec<Mention>,
}

impl TopicScore {
    /// The strongest trigger: the heaviest mention (a heading beats a paragraph), the first of
    /// equals.
    pub fn strongest(&self) -> Option<&Mention> {
        self.mentions
            .iter()
            .fold(None, |best: Option<&Mention>, m| match best {
                Some(b) if b.weight >= m.weight => Some(b),
                _ => Some(m),
            })
    }
}

/// What one article is about.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    /// One per topic with at least one mention, in the data file's order.
    pub scores: Vec<TopicScore>,
    pub threshold: f32,
}

impl Topics {
    pub fn get(&self, id: &str) -> Option<&TopicScore> {
        self.scores.iter().find(|s| s.topic.id == id)
    }

    pub fn score(&self, id: &str) -> f32 {
        self.get(id).map_or(0.0, |s| s.score)
    }

    /// Whether the article is substantially about the topic.
    pub fn is_about(&self, id: &str) -> bool {
        self.get(id).is_some_and(|s| s.about)
    }

    /// The topics the article is substantially about.
    pub fn about(&self) -> impl Iterator<Item = &TopicScore> {
        self.scores.iter().filter(|s| s.about)
    }
}

/// Scores every topic of the built-in model on a document (nothing if the model is broken;
/// rules that depend on it report that when they are built).
pub fn detect(doc: &Document, analysis: &Analysis) -> Topics {
    match model() {
        Ok(model) => detect_with(model, doc, analysis),
        Err(_) => Topics::default(),
    }
}

fn detect_with(model: &'static Model, doc: &Document, analysis: &Analysis) -> Topics {
    let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); model.topics.len()];
    // Where each block's units (sentences, and lines that start a new item) begin.
    let units: Vec<Vec<usize>> = (0..doc.blocks.len())
        .map(|i| unit_starts(doc, analysis, i))
        .collect();
    let mut total_units = 0usize;
    // Abbreviations the article defines for a term ("postpartum depression (PPD)"): (abbreviation,
    // topic, term weight).
    let mut defined: Vec<(String, usize, f32)> = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind == BlockKind::Code || block.text().is_empty() {
            continue;
        }
        let text = block.text();
        if !block.kind.is_heading() {
            total_units += units[index].len();
        }
        // Exempt phrases are often glued to their neighbours in converted pages ("the988
        // Suicide & Crisis Lifelineat988"): a word boundary on one side is enough for them.
        let candidates = model
            .phrases
            .candidates_loose_in(text, analysis.words(index));
        let exempt: Vec<(usize, usize)> = candidates
            .iter()
            .filter(|m| {
                matches!(model.kinds[m.entry], Kind::Exempt) && loose_boundary(text, m.start, m.end)
            })
            .map(|m| (m.start, m.end))
            .collect();
        let terms = candidates.into_iter().filter(|m| {
            matches!(model.kinds[m.entry], Kind::Term { .. })
                && is_whole_word(text, m.start, m.end)
                && !exempt.iter().any(|&(s, e)| s <= m.start && m.end <= e)
        });
        // Asked once a block, and only of blocks with a term.
        let mut bio: Option<bool> = None;
        for m in non_overlapping(terms) {
            let Kind::Term { topic, weight } = model.kinds[m.entry] else {
                continue;
            };
            if *bio.get_or_insert_with(|| model.author_bio.opens(text)) {
                break;
            }
            if model.in_citation(text, &units[index], m.start)
                || in_organisation_name(text, m.start, m.end, &model.name_heads)
                || model.topics.get(topic).is_some_and(|t| {
                    !t.not_with.is_empty()
                        && unit_of(text, &units[index], m.start)
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| t.not_with.iter().any(|n| n.eq_ignore_ascii_case(w)))
                })
            {
                continue;
            }
            if let Some(abbreviation) = defined_abbreviation(text, m.start, m.end)
                && !defined
                    .iter()
                    .any(|(a, t, _)| *a == abbreviation && *t == topic)
            {
                defined.push((abbreviation, topic, weight));
            }
            mentions[topic].push(model.mention(doc, analysis, index, m.start..m.end, weight));
        }
    }
    if !defined.is_empty() {
        abbreviation_mentions(model, doc, analysis, &units, &defined, &mut mentions);
    }
    let dwell_units = |found: &[Mention]| -> f32 {
        // Each unit counts once, by its strongest mention (a term weighs at most one unit).
        // Summed in unit order: a float sum in hash order can land either side of a threshold,
        // and the same article would be judged differently from run to run.
        let mut best: BTreeMap<(usize, usize), f32> = BTreeMap::new();
        for m in found {
            if doc.blocks.get(m.block).is_some_and(|b| b.kind.is_heading()) {
                continue;
            }
            let unit = units[m.block].partition_point(|&u| u <= m.range.start);
            let slot = best.entry((m.block, unit)).or_insert(0.0);
            *slot = slot.max(m.strength.min(1.0));
        }
        best.values().sum()
    };
    let mut scores = Vec::new();
    for (t, found) in mentions.into_iter().enumerate() {
        if found.is_empty() {
            continue;
        }
        let mut score = pooled_score(model, doc, &units, &found);
        let covered = dwell_units(&found);
        // A page that is mostly about the topic dwells on it, whatever its layout: a stats
        // listicle is one list, or one soft-wrapped paragraph, of lines about the topic.
        if let Some(dwell) = model.dwell
            && covered >= dwell.min_units
            && covered >= dwell.share * total_units as f32
        {
            score = score.max(model.threshold);
        }
        let topic = &model.topics[t];
        let holds_text = covered >= model.min_text_share(topic) * total_units as f32;
        scores.push(TopicScore {
            topic,
            score,
            about: holds_text,
            mentions: found,
        });
    }
    let main = scores.iter().map(|s| s.score).fold(0.0_f32, f32::max);
    let has_title = doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Title | BlockKind::Heading(1)));
    for s in &mut scores {
        let in_block = |m: &Mention, f: fn(BlockKind) -> bool| {
            doc.blocks.get(m.block).is_some_and(|b| f(b.kind))
        };
        let titled = s
            .mentions
            .iter()
            .any(|m| in_block(m, |k| matches!(k, BlockKind::Title | BlockKind::Heading(1))));
        let headed = s
            .mentions
            .iter()
            .any(|m| in_block(m, BlockKind::is_heading));
        // `about` holds, so far, whether the topic holds its share of the text. The title
        // settles it. Where the title names something else, a section heading does not on its
        // own: an article about creativity with one section on mental illness does not dwell on
        // mental illness. Without a title, headings are what there is.
        let holds_share = s.score >= model.min_share(s.topic) * main;
        s.about = s.score >= model.threshold
            && if titled {
                true
            } else if has_title {
                s.about && (headed || holds_share)
            } else {
                headed || (s.about && holds_share)
            };
    }
    Topics {
        scores,
        threshold: model.threshold,
    }
}

impl Model {
    /// A mention of a term of `weight` at `range` of block `index`, weighed by where it stands.
    fn mention(
        &self,
        doc: &Document,
        analysis: &Analysis,
        index: usize,
        range: Range<usize>,
        weight: f32,
    ) -> Mention {
        let Some(block) = doc.blocks.get(index) else {
            return Mention {
                block: index,
                range,
                weight: 0.0,
                strength: 0.0,
            };
        };
        let place = self.place_weight(block.kind);
        let footnote = if block.in_footnote {
            self.weights.context.footnote
        } else {
            1.0
        };
        let quoted = if analysis.quoted_context(doc, index, range.clone()).is_some() {
            self.weights.context.quoted
        } else {
            1.0
        };
        let strength = weight * quoted * footnote;
        Mention {
            block: index,
            range,
            weight: strength * place,
            strength,
        }
    }

    /// Whether the unit holding `at` is a citation line ("Smith J, et al. ... doi:10...").
    fn in_citation(&self, text: &str, starts: &[usize], at: usize) -> bool {
        if self.citation_marks.is_empty() {
            return false;
        }
        let unit = unit_of(text, starts, at).to_ascii_lowercase();
        self.citation_marks
            .iter()
            .any(|m| unit.contains(m.as_str()))
    }
}

/// The unit (sentence or line) of `text` holding `at`, given the units' starts.
fn unit_of<'t>(text: &'t str, starts: &[usize], at: usize) -> &'t str {
    let k = starts.partition_point(|&u| u <= at);
    let from = k
        .checked_sub(1)
        .and_then(|i| starts.get(i))
        .copied()
        .unwrap_or(0);
    let to = starts.get(k).copied().unwrap_or(text.len());
    text.get(from..to).unwrap_or("")
}

/// Whether `start..end` is part of an organisation's name: its words are capitalised and the
/// capitalised run goes on to a name head within a few words ("Anxiety & Depression Association
/// of America"), or starts at a head followed by "of", "on" or "for" ("Office of Indian Alcohol
/// and Substance Abuse", "Center for Substance Abuse Treatment").
fn in_organisation_name(text: &str, start: usize, end: usize, heads: &[String]) -> bool {
    // The words that join an English name's parts: grammar, not house style.
    const JOINERS: [&str; 5] = ["of", "on", "for", "and", "&"];
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
            .to_lowercase()
    };
    // Lower-cased once a word, not once a head.
    let is_head = |w: &str| {
        let word = bare(w);
        heads.contains(&word)
    };
    if heads.is_empty() || !text[start..end].split_whitespace().all(capitalised) {
        return false;
    }
    let joins = |w: &str| w == "&" || (JOINERS.contains(&bare(w).as_str()) && !capitalised(w));
    // To the right: capitalised words and joiners up to a head, no sentence end between.
    for w in text[end..].split_whitespace().take(5) {
        if is_head(w) && capitalised(w) {
            return true;
        }
        if !(capitalised(w) || joins(w)) || w.ends_with(['.', ',', ';', ':', '?', '!']) {
            break;
        }
    }
    // To the left: back over capitalised words and joiners to a head that a joiner follows.
    let left: Vec<&str> = text[..start].split_whitespace().rev().take(6).collect();
    for (i, w) in left.iter().enumerate() {
        if w.ends_with(['.', ',', ';', ':', '?', '!']) || !(capitalised(w) || joins(w)) {
            break;
        }
        if is_head(w) && capitalised(w) && i > 0 && joins(left[i - 1]) {
            return true;
        }
    }
    false
}

/// Where a block's units begin: its sentences, split again at a line break before a capital or a
/// digit (soft-wrapped "one fact a line" blocks), so a line of a stats page counts as a unit.
fn unit_starts(doc: &Document, analysis: &Analysis, index: usize) -> Vec<usize> {
    let Some(block) = doc.blocks.get(index) else {
        return Vec::new();
    };
    let text = block.text();
    let mut starts: Vec<usize> = match analysis.blocks.get(index) {
        Some(f) if !f.sentences.is_empty() => f.sentences.iter().map(|s| s.start).collect(),
        _ => vec![0],
    };
    let source = &doc.source.text;
    let bytes = text.as_bytes();
    // A block written on one line of the source (most are) has no line break to split at: a
    // space's source lies within the block's.
    let whole = block.prose.source_span(0, text.len());
    let one_line = !source.get(whole.range()).is_some_and(|s| s.contains('\n'));
    for (i, &b) in bytes.iter().enumerate().filter(|_| !one_line) {
        if b != b' ' {
            continue;
        }
        let next = text[i + 1..].chars().next();
        if !next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            continue;
        }
        let span = block.prose.source_span(i, i + 1);
        if source.get(span.range()).is_some_and(|s| s.contains('\n')) {
            starts.push(i + 1);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts
}

/// An abbreviation defined for the term at `start..end`: "postpartum depression (PPD)", or
/// "MDE (Major Depressive Episode)" with the term inside the brackets.
fn defined_abbreviation(text: &str, start: usize, end: usize) -> Option<String> {
    let shape = |a: &str| {
        (2..=8).contains(&a.len())
            && a.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && a.chars().filter(char::is_ascii_uppercase).count() >= 2
    };
    // After the term: " (ABBR)".
    let after = text[end..].trim_start_matches(' ');
    if let Some(inner) = after.strip_prefix('(')
        && let Some(close) = inner.find(')')
        && shape(&inner[..close])
    {
        return Some(inner[..close].to_string());
    }
    // The term inside brackets after the abbreviation: "ABBR (words term words)".
    let before = &text[..start];
    let open = before.rfind('(')?;
    if before[open..].contains(')') || start - open > 60 {
        return None;
    }
    let close = text[end..].find(')')?;
    if close > 60 || text[end..end + close].contains('(') {
        return None;
    }
    let word = before[..open].trim_end().rsplit(' ').next()?;
    shape(word).then(|| word.to_string())
}

/// Mentions of the abbreviations an article defines, anywhere in it (in document order with the
/// others).
fn abbreviation_mentions(
    model: &Model,
    doc: &Document,
    analysis: &Analysis,
    units: &[Vec<usize>],
    defined: &[(String, usize, f32)],
    mentions: &mut [Vec<Mention>],
) {
    let seen: std::collections::HashSet<(usize, usize)> = mentions
        .iter()
        .flatten()
        .map(|m| (m.block, m.range.start))
        .collect();
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind == BlockKind::Code || block.text().is_empty() {
            continue;
        }
        let text = block.text();
        for (abbreviation, topic, weight) in defined {
            for (at, _) in text.match_indices(abbreviation.as_str()) {
                let end = at + abbreviation.len();
                if !is_whole_word(text, at, end)
                    || seen.contains(&(index, at))
                    || model.in_citation(text, &units[index], at)
                {
                    continue;
                }
                if let Some(list) = mentions.get_mut(*topic) {
                    list.push(model.mention(doc, analysis, index, at..end, *weight));
                }
            }
        }
    }
    for list in mentions.iter_mut() {
        list.sort_by_key(|m| (m.block, m.range.start));
    }
}

/// Where a mention is pooled: its paragraph, or for a list item every list of its section (a
/// list of film plots split by sub-headings that are not headings is still one list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Pool {
    Group(usize),
    Lists(Option<usize>),
}

/// Sum over pools of: the strongest mention, plus `repeat` of it for each further unit (a
/// sentence, or a line of a soft-wrapped list) with a mention, capped at `paragraph_cap` times
/// the strongest. Linear in the number of mentions.
fn pooled_score(model: &Model, doc: &Document, units: &[Vec<usize>], found: &[Mention]) -> f32 {
    // pool -> (strongest weight, number of distinct (block, unit) pairs)
    let mut pools: HashMap<Pool, (f32, usize)> = HashMap::new();
    let mut seen: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    for m in found {
        let Some(block) = doc.blocks.get(m.block) else {
            continue;
        };
        let unit = units
            .get(m.block)
            .map_or(0, |u| u.partition_point(|&s| s <= m.range.start));
        let pool = if block.kind == BlockKind::ListItem {
            Pool::Lists(block.section)
        } else {
            Pool::Group(block.group)
        };
        let new_unit = seen.insert((m.block, unit));
        let entry = pools.entry(pool).or_insert((m.weight, 0));
        entry.0 = entry.0.max(m.weight);
        if new_unit {
            entry.1 += 1;
        }
    }
    let w = &model.weights;
    // Sum in a fixed order so the score does not depend on hash order.
    let mut parts: Vec<(Pool, f32)> = pools
        .into_iter()
        .map(|(pool, (best, sentences))| {
            let extra = sentences.saturating_sub(1) as f32 * w.repeat;
            (pool, best * (1.0 + extra).min(w.paragraph_cap))
        })
        .collect();
    parts.sort_by_key(|(pool, _)| match *pool {
        Pool::Group(g) => (0, g),
        Pool::Lists(s) => (1, s.map_or(0, |s| s + 1)),
    });
    parts.iter().map(|(_, score)| score).sum()
}

/// A word boundary on at least one side.
fn loose_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) || !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analyse::analyse;
    use crate::model::source::SourceFile;
    use crate::parse::{ParseOptions, parse};

    fn topics(text: &str) -> (Topics, String) {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions::default(),
        );
        let analysis = analyse(&doc);
        let topics = analysis.topics(&doc).clone();
        (topics, text.to_string())
    }

    fn about(text: &str) -> Vec<String> {
        topics(text).0.about().map(|s| s.topic.id.clone()).collect()
    }

    #[test]
    fn model_is_valid() {
        let model = model().unwrap();
        assert!(model.topics.len() >= 9);
        for id in [
            "suicide",
            "self-harm",
            "eating-disorders",
            "sexual-violence",
            "domestic-abuse",
            "trauma",
            "depression-anxiety",
            "substance-use",
            "sexual-distress",
        ] {
            assert!(model.topic(id).is_some(), "{id}");
        }
    }

    #[test]
    fn a_heading_is_enough() {
        assert_eq!(
            about("## Suicide in later life\n\nSome text about ageing.\n"),
            vec!["suicide"]
        );
    }

    #[test]
    fn two_paragraphs_are_enough() {
        assert_eq!(
            about("Rates of self-harm rose.\n\nHospitals now see more self-harm.\n"),
            vec!["self-harm"]
        );
    }

    #[test]
    fn strongest_trigger_is_the_heading() {
        let text = "Bulimia is common.\n\n## Eating disorders at work\n\nMore text.\n";
        let (t, text) = topics(text);
        let s = t.get("eating-disorders").unwrap();
        let strongest = s.strongest().unwrap();
        assert_eq!(strongest.weight, 2.0);
        assert_eq!(strongest.block, 1);
        assert_eq!(
            &text[text.find("Eating").unwrap()..][..15],
            "Eating disorder"
        );
    }

    #[test]
    fn dont_flag_a_passing_mention_in_a_list() {
        assert!(
            about(
                "Films:\n\n- *Alpha*: a heist.\n- *Beta*: a suicide pact.\n- *Gamma*: a romance.\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn dont_flag_repeats_inside_one_list() {
        // Three plots of twelve: repeats inside one list, and a quarter of the page.
        let mut text = String::from(
            "- One plot has a rape.\n- Another plot has a rape.\n- A third has a rape.\n",
        );
        for i in 0..9 {
            text.push_str(&format!("- Plot {i} is a quiet comedy.\n"));
        }
        let (t, _) = topics(&text);
        assert!(
            !t.is_about("sexual-violence"),
            "{:?}",
            t.score("sexual-violence")
        );
    }

    #[test]
    fn a_list_that_is_mostly_about_a_topic_dwells_on_it() {
        // A stats page that is one list: no heading, no paragraph, yet about the topic.
        let mut text = String::from("- Relapse is common after drug addiction treatment.\n");
        for line in [
            "- Rehab stays of ninety days halve relapse rates.",
            "- Most addicts relapse within a month of leaving detox.",
            "- Alcohol use disorder affects one adult in ten.",
            "- The clinic opened in 2004.",
        ] {
            text.push_str(line);
            text.push('\n');
        }
        assert_eq!(about(&text), vec!["substance-use"]);
    }

    #[test]
    fn soft_wrapped_lines_count_one_by_one() {
        let text = "Key figures\nOne in ten adults has depression\nDepression is twice as common in women\nMost people with depression recover\n";
        let (t, _) = topics(text);
        assert!(
            t.is_about("depression-anxiety"),
            "{}",
            t.score("depression-anxiety")
        );
    }

    #[test]
    fn an_abbreviation_defined_in_brackets_counts_as_its_term() {
        let text = "Postpartum depression (PPD) is common.\n\nPPD can start late.\n\nPartners can have PPD too.\n";
        let (t, _) = topics(text);
        assert_eq!(
            t.get("depression-anxiety").map(|s| s.mentions.len()),
            Some(4)
        );
        assert!(t.is_about("depression-anxiety"));
        let reversed =
            "MDE (major depressive episode) is common.\n\nMDE lasts weeks.\n\nMDE recurs.\n";
        assert!(topics(reversed).0.is_about("depression-anxiety"));
        // An undefined abbreviation is nothing.
        assert!(about("PPD is common.\n\nPPD can start late.\n").is_empty());
    }

    #[test]
    fn dont_flag_two_passing_mentions_in_a_long_article() {
        let mut text = String::from("# Anger at work\n\n");
        for i in 0..60 {
            text.push_str(&format!("Anger at work has many sources, number {i}.\n\n"));
        }
        text.push_str(
            "It can grow from an abusive relationship.\n\nOr sit beside domestic violence.\n",
        );
        assert!(!topics(&text).0.is_about("domestic-abuse"));
    }

    #[test]
    fn dont_count_citation_lines() {
        let text = "- Lee K, et al. Alcohol use disorder in students. 2019.\n- Moss T, et al. Opioid use disorder. doi:10.1/x\n\nSleep is good.\n";
        assert!(topics(text).0.get("substance-use").is_none());
    }

    #[test]
    fn dont_flag_exempt_senses() {
        assert!(
            about("## The Great Depression\n\nThe Great Depression began in 1929.\n").is_empty()
        );
        assert!(about("## Head trauma\n\nHead trauma needs a trauma surgeon.\n").is_empty());
        assert!(about("## Suicide Squad\n\nA film.\n").is_empty());
        assert!(
            about("## Suicide sprints\n\nDon't kill yourself on cardio; run suicide drills.\n")
                .is_empty()
        );
        assert!(
            about("## Mood and ST depression\n\nST-segment depression on an ECG.\n").is_empty()
        );
        assert!(
            about(
                "Call the 988 Suicide & Crisis Lifeline.\n\nOr the Suicide and Crisis Lifeline.\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn one_paragraph_reporting_a_death_is_enough() {
        assert_eq!(
            about("Police said the man took his own life on Monday.\n"),
            vec!["suicide"]
        );
        // ... but not as one plot in a list of films.
        assert!(about("- *Alpha*: her brother died by suicide.\n- *Beta*: a heist.\n").is_empty());
        assert!(about("He nearly killed himself falling off a ladder.\n").is_empty());
    }

    #[test]
    fn stigmatising_wording_weighs_what_its_rewording_does() {
        for (written, reworded) in [
            ("committed suicide", "died by suicide"),
            ("commits suicide", "dies by suicide"),
            ("was committing suicide", "was dying by suicide"),
        ] {
            let score = |phrase: &str| {
                let (t, _) = topics(&format!("Her neighbour {phrase} last year.\n"));
                let s = t.get("suicide").cloned().expect(phrase);
                // One phrase, one mention: the longer term hides the "suicide" inside it.
                assert_eq!(s.mentions.len(), 1, "{phrase}: {:?}", s.mentions);
                s.score
            };
            assert_eq!(score(written), score(reworded), "{written} / {reworded}");
        }
        assert_eq!(
            about("Her neighbour committed suicide last year.\n"),
            vec!["suicide"]
        );
    }

    #[test]
    fn dont_flag_a_passing_topic_beside_the_main_one() {
        let mut text = String::from("# Depression after a stroke\n\n");
        for i in 0..12 {
            text.push_str(&format!(
                "## Depression, part {i}\n\nDepression is common.\n\n"
            ));
        }
        text.push_str("Some people drink; substance use raises the risk.\n\n");
        text.push_str("Substance use can also hide the signs.\n");
        let (t, _) = topics(&text);
        assert!(t.score("substance-use") >= t.threshold);
        assert!(!t.is_about("substance-use"), "{}", t.score("substance-use"));
        assert!(t.is_about("depression-anxiety"));
        // Suicide holds its place whatever else the article is about.
        text.push_str("\nSuicidal thoughts are a symptom.\n\nSuicide risk rises too.\n");
        assert!(topics(&text).0.is_about("suicide"));
    }

    #[test]
    fn a_section_heading_alone_does_not_make_an_article_about_a_topic() {
        let mut text = String::from("# Gardening\n\n");
        for i in 0..30 {
            text.push_str(&format!(
                "Gardening tip number {i} is about soil and light.\n\n"
            ));
        }
        text.push_str("## Gardening and depression\n\nSome gardeners say it lifts depression.\n");
        let (t, _) = topics(&text);
        assert!(t.score("depression-anxiety") >= t.threshold);
        assert!(!t.is_about("depression-anxiety"));
        // The same section in an article whose title names the topic.
        let titled = text.replacen("# Gardening", "# Gardening for depression", 1);
        assert!(topics(&titled).0.is_about("depression-anxiety"));
    }

    #[test]
    fn lists_of_one_section_pool_together() {
        let mut text = String::from(
            "## Examples\n\n- One plot has a rape.\n\n    Film\n\n- Another has a rape.\n\n    Books\n\n- A third has a rape.\n",
        );
        for i in 0..9 {
            text.push_str(&format!("- Plot {i} is a quiet comedy.\n"));
        }
        let (t, _) = topics(&text);
        assert!(
            !t.is_about("sexual-violence"),
            "{}",
            t.score("sexual-violence")
        );
    }

    #[test]
    fn dont_count_service_names_glued_to_their_neighbours() {
        let text = "Some people feel suicidal.\n\nCall the988 Suicide & Crisis Lifelineat988or chat at988lifeline.org.\n";
        assert!(about(text).is_empty(), "{:?}", topics(text).0.scores);
    }

    #[test]
    fn the_depression_is_a_slump_only_with_its_capital() {
        assert!(
            about("Families who lived through the Depression saved everything.\n\nDepression-era recipes are back.\n").is_empty()
        );
        assert_eq!(
            about("She fell into the depression slowly.\n\nHer depression lifted in spring.\n"),
            vec!["depression-anxiety"]
        );
    }

    #[test]
    fn dont_count_an_authors_bio() {
        let bio = "Dana Whitfield, LCSW, is a therapist who has run a depression support group \
                   for ten years and writes about depression and anxiety.\n\n\
                   Medically reviewed by Sam Ortiz, MD, a psychiatrist who treats depression.\n\n";
        let text = format!(
            "# How waitlist control groups work\n\nA waitlist group gets the treatment later.\n\n{bio}"
        );
        assert!(about(&text).is_empty(), "{:?}", about(&text));
        // The same sentences as the article's own paragraphs do count.
        let text = "# How waitlist control groups work\n\nPeople with depression and anxiety wait for treatment. Depression support groups help.\n\nDepression and anxiety often come together.\n";
        assert_eq!(about(text), ["depression-anxiety"]);
        // "By March" is a date, not a byline.
        let text = "# Winter\n\nBy March, depression and anxiety lift for many people. Depression is seasonal.\n\nDepression and anxiety often come together.\n";
        assert_eq!(about(text), ["depression-anxiety"]);
    }

    #[test]
    fn quoted_mentions_weigh_less() {
        let plain = topics("He said he was depressed.\n")
            .0
            .score("depression-anxiety");
        let quoted = topics("He said “I was depressed”.\n")
            .0
            .score("depression-anxiety");
        assert!(quoted < plain, "{quoted} < {plain}");
    }
}
