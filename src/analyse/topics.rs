//! Topic detection: which sensitive topics (suicide, self-harm, eating disorders, sexual
//! violence, domestic abuse, trauma, depression and anxiety, substance use, persistent sexual
//! distress) an article is substantially about.
//!
//! Terms and weights live in `rules/topics.yml`. Every term of every topic is matched in one
//! pass of one automaton per block. A mention weighs more in the title or a heading than in a
//! list item, less in someone else's words; mentions are pooled per paragraph so that repeating
//! a word inside one paragraph counts for less than discussing the topic in several. See the
//! data file's header for the exact scoring.

use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::analyse::Analysis;
use crate::parse::{BlockKind, Document};
use crate::phrases::{PhraseSet, non_overlapping};

/// The built-in topic data, compiled into the binary.
pub const DATA: &str = include_str!("../../rules/topics.yml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    version: u32,
    weights: Weights,
    threshold: f32,
    #[serde(default)]
    exempt: Vec<String>,
    topics: Vec<Topic>,
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
    kinds: Vec<Kind>,
    phrases: PhraseSet,
}

impl Model {
    fn compile(file: File) -> Result<Model, String> {
        let mut kinds = Vec::new();
        let mut phrases: Vec<(usize, &str, bool)> = Vec::new();
        for (t, topic) in file.topics.iter().enumerate() {
            if file.topics[..t].iter().any(|o| o.id == topic.id) {
                return Err(format!("topic `{}` is defined twice", topic.id));
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
        let phrases = PhraseSet::new(phrases)?;
        Ok(Model {
            topics: file.topics,
            weights: file.weights,
            threshold: file.threshold,
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
        let file: File =
            serde_yaml::from_str(DATA).map_err(|e| format!("rules/topics.yml: {e}"))?;
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
}

#[derive(Debug, Clone)]
pub struct TopicScore {
    pub topic: &'static Topic,
    pub score: f32,
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
        self.get(id).is_some_and(|s| s.score >= self.threshold)
    }

    /// The topics the article is substantially about.
    pub fn about(&self) -> impl Iterator<Item = &TopicScore> {
        self.scores.iter().filter(|s| s.score >= self.threshold)
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
    // Per topic: mentions, and per paragraph group the (sentence, weight) pairs seen.
    let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); model.topics.len()];
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind == BlockKind::Code || block.text().is_empty() {
            continue;
        }
        let text = block.text();
        let candidates = model.phrases.candidates(text);
        let exempt: Vec<(usize, usize)> = candidates
            .iter()
            .filter(|m| matches!(model.kinds[m.entry], Kind::Exempt))
            .map(|m| (m.start, m.end))
            .collect();
        let terms = candidates.into_iter().filter(|m| {
            matches!(model.kinds[m.entry], Kind::Term { .. })
                && !exempt.iter().any(|&(s, e)| s < m.end && m.start < e)
        });
        let place = model.place_weight(block.kind);
        let footnote = if block.in_footnote {
            model.weights.context.footnote
        } else {
            1.0
        };
        for m in non_overlapping(terms) {
            let Kind::Term { topic, weight } = model.kinds[m.entry] else {
                continue;
            };
            let quoted = if analysis
                .quoted_context(doc, index, m.start..m.end)
                .is_some()
            {
                model.weights.context.quoted
            } else {
                1.0
            };
            mentions[topic].push(Mention {
                block: index,
                range: m.start..m.end,
                weight: weight * place * quoted * footnote,
            });
        }
    }
    let mut scores = Vec::new();
    for (t, found) in mentions.into_iter().enumerate() {
        if found.is_empty() {
            continue;
        }
        let score = pooled_score(model, doc, analysis, &found);
        scores.push(TopicScore {
            topic: &model.topics[t],
            score,
            mentions: found,
        });
    }
    Topics {
        scores,
        threshold: model.threshold,
    }
}

/// Sum over paragraph groups of: the strongest mention, plus `repeat` of it for each further
/// sentence with a mention, capped at `paragraph_cap` times the strongest.
fn pooled_score(model: &Model, doc: &Document, analysis: &Analysis, found: &[Mention]) -> f32 {
    /// (paragraph group, strongest weight, distinct (block, sentence) pairs)
    type Pool = (usize, f32, Vec<(usize, usize)>);
    let mut groups: Vec<Pool> = Vec::new();
    for m in found {
        let Some(block) = doc.blocks.get(m.block) else {
            continue;
        };
        let sentence = analysis
            .blocks
            .get(m.block)
            .and_then(|f| {
                f.sentences.iter().position(|s| {
                    s.start <= m.range.start && m.range.start < s.end.max(s.start + 1)
                })
            })
            .unwrap_or(usize::MAX);
        let key = (m.block, sentence);
        match groups.iter_mut().find(|(g, _, _)| *g == block.group) {
            Some((_, best, sentences)) => {
                *best = best.max(m.weight);
                if !sentences.contains(&key) {
                    sentences.push(key);
                }
            }
            None => groups.push((block.group, m.weight, vec![key])),
        }
    }
    let w = &model.weights;
    groups
        .iter()
        .map(|(_, best, sentences)| {
            let extra = sentences.len().saturating_sub(1) as f32 * w.repeat;
            best * (1.0 + extra).min(w.paragraph_cap)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analyse::analyse;
    use crate::parse::{ParseOptions, parse};
    use crate::source::SourceFile;

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
        let text = "- One plot has a rape.\n- Another plot has a rape.\n- A third has a rape.\n";
        let (t, _) = topics(text);
        assert!(
            t.score("sexual-violence") < t.threshold,
            "{:?}",
            t.score("sexual-violence")
        );
    }

    #[test]
    fn dont_flag_exempt_senses() {
        assert!(
            about("## The Great Depression\n\nThe Great Depression began in 1929.\n").is_empty()
        );
        assert!(about("## Head trauma\n\nHead trauma needs a trauma surgeon.\n").is_empty());
        assert!(about("## Suicide Squad\n\nA film.\n").is_empty());
        assert!(
            about(
                "Call the 988 Suicide & Crisis Lifeline.\n\nOr the Suicide and Crisis Lifeline.\n"
            )
            .is_empty()
        );
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
