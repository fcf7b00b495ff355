//! # safety/help-seeking
//!
//! Reports an article that is about suicide, self-harm, an eating disorder, sexual violence,
//! domestic abuse, trauma, depression or anxiety, substance use or persistent sexual distress,
//! but does not tell readers where to get help, or not as specifically as the topic needs.
//!
//! ## Why
//!
//! Every media guideline on suicide, self-harm, eating disorders and sexual violence asks for the
//! same thing: end the piece with where to get help, naming a service and how to reach it.
//! Coverage of high-profile cases drives calls to helplines; an article that moves a reader and
//! then leaves them with nowhere to go is a missed chance, and for some readers a risk.
//!
//! ## How it decides
//!
//! **Topics** (`rules/topics.yml`): terms are weighted by where they appear. A heading or the
//! title counts more than a paragraph, a paragraph more than a list item, and someone else's
//! words (quotations, dialogue, italic titles of works) count less. Repeats inside one paragraph
//! add little, so a passing mention in a list of film plots does not make an article "about"
//! suicide, while a heading, several paragraphs, or one paragraph reporting a death by suicide
//! do. A topic that never reaches a heading must also hold its share beside the article's main
//! topic, so a long page on depression is not "about" substance use for naming it in passing
//! (suicide and self-harm are exempt from this: any substantive discussion calls for help).
//! Names of services ("988 Suicide & Crisis Lifeline") and other senses ("Suicide Squad",
//! "Depression-era", "head trauma", "suicide sprints") do not count.
//!
//! **Help** (`rules/help.yml`, `rules/helplines.yml`) is graded:
//!
//! - *generic*: advice to turn to someone ("talk to a therapist", "see your GP", "seek
//!   professional help"), or a heading such as "Seek professional help" with advice under it;
//! - *specific*: a named service with a phone number, text line or website, or a helpline in a
//!   link;
//! - *complete*: specific, for the publication's `region`, and placed in a closing section or a
//!   callout (a block quote, or a section headed "Where to get help" and the like).
//!
//! Help only in an image description (alt text) does not count: most readers never see it. A
//! visible caption does.
//!
//! By default every topic needs *generic* help, as the editors' guideline counts it: an article
//! that tells readers to see a doctor, talk to a therapist or seek professional help, or gives
//! a helpline, does point them to help. An article that gives no help at all gets a warning. The
//! media guidelines' stricter rubric (a named service and how to reach it for suicide,
//! self-harm, eating disorders, sexual violence and domestic abuse) is a house style: the
//! `strict` pack sets it, and a publication can set it, or any grade, under `require:`. A
//! requirement the publication sets is reported at the rule's level whatever falls short, and
//! the message names what is missing ("add a crisis line and how to reach it"). A built-in
//! default above *generic* in `rules/help.yml` (none ships) is only an `info` nudge, and only
//! for the article's main topic: it does tell readers to seek help, which the warning is for.
//!
//! What is not help: saying that people do not or did not seek help ("many people don't seek
//! help", "veterans who seek help receive ..."), and saying that treatment works ("therapy can
//! help"). Advice is addressed to the reader: an instruction ("seek help", "talk to your GP"),
//! "you", or a word of advice ("should", "it is important to"). Calling 911 or 999 or going to
//! the emergency room is advice; so is a locator service (FindTreatment.gov, NEDA, SAMHSA's
//! helpline), and an article whose title is about finding a therapist or getting help. So is a
//! clinic's call to action addressed to the reader ("Request an appointment", "you can book a
//! consultation"), while "she decided to book an appointment" tells a story; and a service's
//! statement that readers can come directly ("no referral is needed", "the clinic doesn't
//! require a physician referral"), in the present tense. A service counts for the topics it
//! serves (a domestic-abuse line is not help for an eating disorder); numbers carelint does not
//! know count for every topic.
//!
//! One finding per article, on the topic that falls short that the article dwells on most (an
//! article with no help at all for some topic first), at the strongest mention of that topic
//! (the heading, or the first substantive mention); the message names what is missing ("a
//! crisis line") and the help lists the other topics that fall short. When the publication has
//! configured `resources`, the finding offers the exact text to append at the end of the article.
//!
//! Reference pages are not reader-facing advice: a catalogue of data sets, reports or grant
//! programmes (most of its section headings name such collections), a hub of link teasers (also
//! one whose cards are rendered twice, each teaser's blurb repeated as a paragraph under its
//! title: the repeats are not running prose), a history essay (no "you", dense with dates) or a
//! page about attitudes (most section headings name stigma or discrimination) is asked for help
//! only on suicide and self-harm (`reference_page` in `rules/help.yml`). A
//! statistics page is not exempt: a page of figures about a topic dwells on it.
//!
//! A topic the title does not name must hold its share of the text even when a section heading
//! names it: an article about creativity with one section on mental illness is not about mental
//! illness. Navigation links ("Find a Psychiatrist" in a menu of page names), headings that are
//! statements, and descriptions of what a programme promotes ("help-seeking, reaching out, and
//! talking to friends") are not advice. A named service counts without its number when the
//! sentence sends readers to it or calls it a helpline ("a helpline such as Samaritans").
//!
//! ## Bad
//!
//! ```markdown
//! # When grief turns into suicidal thoughts
//!
//! After her brother's death by suicide, Maya stopped sleeping...
//! ```
//!
//! ## Good
//!
//! ```markdown
//! # When grief turns into suicidal thoughts
//!
//! After her brother's death by suicide, Maya stopped sleeping...
//!
//! > If you are struggling, Samaritans are there day or night: call 116 123 for free.
//! ```
//!
//! ## Options
//!
//! ```yaml
//! rules:
//!   safety/help-seeking:
//!     level: warning
//!     region: GB                  # the publication's readers (ISO code; UK is read as GB)
//!     require:                    # none | generic | specific | complete, per topic or `all`
//!       all: specific
//!       suicide: complete
//!       substance-use: none
//!     resources:                  # the publication's own signposting, offered as fixes
//!       - topics: [suicide, self-harm]
//!         region: GB
//!         text: "Samaritans: call 116 123 free, any time, or email jo@samaritans.org"
//! ```

// Why one file of ~800 lines: about 100 are the documentation `explain` prints and 195 are
// tests; the rule itself is under 500.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::analyse::help::{Evidence, Grade, HelpModel, Resource};
use crate::analyse::helplines::region;
use crate::analyse::topics::{self, TopicScore};
use crate::model::diagnostic::{Category, Diagnostic, Fix};
use crate::model::diagnostic::{Level, Severity};
use crate::model::source::Span;
use crate::parse::Document;
use crate::rules::{CheckContext, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "safety/help-seeking",
    category: Category::MissingHelpSeeking,
    default_level: Level::Warning,
    summary: "Articles on suicide, abuse, eating disorders or mental ill-health that do not point readers to help",
    source: include_str!("help_seeking.rs"),
    across_articles: None,
    whole_article: true,
    lexicon: None,
};

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelpSeekingOptions {
    pub level: Option<Level>,
    /// The publication's region (ISO 3166 code).
    pub region: Option<String>,
    /// Required grade per topic id, or `all`.
    #[serde(default)]
    pub require: BTreeMap<String, Grade>,
    /// The publication's own help resources.
    #[serde(default)]
    pub resources: Vec<Resource>,
}

impl crate::rules::RuleOptions for HelpSeekingOptions {
    fn level(&self) -> Option<Level> {
        self.level
    }

    fn merge(&mut self, later: &HelpSeekingOptions) {
        crate::rules::replace_if_set(&mut self.level, &later.level);
        if later.region.is_some() {
            self.region.clone_from(&later.region);
        }
        for (topic, grade) in &later.require {
            self.require.insert(topic.clone(), *grade);
        }
        for resource in &later.resources {
            if !self.resources.contains(resource) {
                self.resources.push(resource.clone());
            }
        }
    }
}

pub struct HelpSeeking {
    model: HelpModel,
    /// Required grade per topic id.
    require: BTreeMap<String, Grade>,
    /// Topics whose requirement the publication set itself (`require:`), not the built-in default.
    configured: std::collections::BTreeSet<String>,
    region: Option<String>,
    resources: Vec<Resource>,
}

pub const OPTIONS: crate::rules::OptionsKey<HelpSeekingOptions> =
    crate::rules::OptionsKey::new("safety/help-seeking");

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    let options = &shared.options.get(&OPTIONS);
    let topic_model = topics::model()?;
    let known = || topic_model.ids().collect::<Vec<_>>().join(", ");
    for id in options.require.keys() {
        if id != "all" && topic_model.topic(id).is_none() {
            return Err(format!(
                "`require`: unknown topic `{id}` (known: all, {})",
                known()
            ));
        }
    }
    for resource in &options.resources {
        if resource.text.trim().is_empty() {
            return Err("`resources`: a resource needs a `text`".into());
        }
        for id in &resource.topics {
            if topic_model.topic(id).is_none() {
                return Err(format!(
                    "`resources`: unknown topic `{id}` (known: {})",
                    known()
                ));
            }
        }
    }
    let resources: Vec<Resource> = options
        .resources
        .iter()
        .map(|r| Resource {
            region: r.region.as_deref().map(region),
            ..r.clone()
        })
        .collect();
    let model = HelpModel::new(&resources)?;
    let mut require = BTreeMap::new();
    let mut configured = std::collections::BTreeSet::new();
    for id in topic_model.ids() {
        if options.require.contains_key(id) || options.require.contains_key("all") {
            configured.insert(id.to_string());
        }
        let grade = options
            .require
            .get(id)
            .or(options.require.get("all"))
            .copied()
            .or(model.default_need(id).map(|n| n.require))
            .unwrap_or(Grade::None);
        require.insert(id.to_string(), grade);
    }
    Ok(Box::new(HelpSeeking {
        model,
        require,
        configured,
        region: options.region.as_deref().map(region),
        resources,
    }))
}

impl Rule for HelpSeeking {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let about: Vec<&TopicScore> = ctx
            .analysis
            .topics(doc)
            .about()
            .filter(|s| self.required(&s.topic.id) > Grade::None)
            .collect();
        if about.is_empty() {
            return;
        }
        let found = self.model.detect(doc, ctx.analysis);
        // A statistics page, data catalogue, link hub or history essay does not address the
        // reader: only the topics that always need help (suicide, self-harm) are asked of it.
        // Read the page's shape only when it could matter: some topic is not always kept.
        let reference = self
            .model
            .file
            .reference_page
            .as_ref()
            .filter(|r| {
                about.iter().any(|score| {
                    !r.keep_topics.contains(&score.topic.id)
                        && !self.configured.contains(&score.topic.id)
                })
            })
            .filter(|r| r.matches(doc, ctx.analysis));
        // Advice whose spaces a page converter lost ("find atreatment center near you") is
        // looked for only on a page that would otherwise be reported for giving none.
        let gives_none = self
            .shortfalls(&about, reference, &found)
            .iter()
            .any(|s| s.best == Grade::None);
        let evidence = if gives_none {
            self.model.detect_glued(doc, ctx.analysis)
        } else {
            found
        };
        let short = self.shortfalls(&about, reference, &evidence);
        // One finding per article, on the topic it dwells on most; an article that gives no
        // help at all for some topic is reported as such before one whose advice is general.
        let Some(first) = short.iter().max_by(|a, b| {
            (a.best == Grade::None)
                .cmp(&(b.best == Grade::None))
                .then(a.score.score.total_cmp(&b.score.score))
                .then(b.score.topic.id.cmp(&a.score.topic.id))
        }) else {
            return;
        };
        let Some(trigger) = first.score.strongest() else {
            return;
        };
        let Some(block) = doc.blocks.get(trigger.block) else {
            return;
        };
        let span = block
            .prose
            .source_span(trigger.range.start, trigger.range.end);
        // The topic the article is mainly about, when it is not the one that falls short ("a
        // page on self-harm that also discusses suicide").
        let main = about
            .iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .filter(|m| m.topic.id != first.score.topic.id && m.score > first.score.score)
            .map(|m| m.topic.name.as_str());
        // A topic beside the main one ("a page on depression that also discusses suicide") on a
        // page that does advise seeking help: the reader is pointed to help, and the call for
        // a named service belongs to the article about that topic, not to every page that
        // names it as a risk or a symptom. A publication's own `require:` still applies.
        if main.is_some()
            && first.best == Grade::Generic
            && !self.configured.contains(&first.score.topic.id)
        {
            return;
        }
        let others: Vec<&str> = short
            .iter()
            .filter(|s| s.score.topic.id != first.score.topic.id)
            .map(|s| s.score.topic.name.as_str())
            .collect();
        let mut diagnostic = self.diagnostic(doc, first, main, &others, span, ctx);
        // The built-in call for a named service is a nudge when the article already advises
        // seeking help: the warning is for an article that gives none.
        if first.best == Grade::Generic && !self.configured.contains(&first.score.topic.id) {
            diagnostic.severity = Severity::Info;
        }
        out.push(diagnostic);
    }
}

/// A topic the article is about whose help falls short of what it needs.
struct Shortfall<'a> {
    score: &'a TopicScore,
    required: Grade,
    best: Grade,
    reached: Option<&'a Evidence>,
}

impl HelpSeeking {
    /// The topics the article is about whose help falls short, given the help in `evidence`.
    fn shortfalls<'a>(
        &self,
        about: &[&'a TopicScore],
        reference: Option<&crate::analyse::help::ReferencePage>,
        evidence: &'a [Evidence],
    ) -> Vec<Shortfall<'a>> {
        about
            .iter()
            .filter(|score| {
                reference.is_none_or(|r| r.keep_topics.contains(&score.topic.id))
                    || self.configured.contains(&score.topic.id)
            })
            .filter_map(|&score| {
                let required = self.required(&score.topic.id);
                let (best, reached) = self.best(&score.topic.id, evidence);
                (best < required).then_some(Shortfall {
                    score,
                    required,
                    best,
                    reached,
                })
            })
            .collect()
    }

    fn required(&self, topic: &str) -> Grade {
        self.require.get(topic).copied().unwrap_or(Grade::None)
    }

    /// Whether evidence counts for `topic` (the service helps with it, or is unknown).
    fn applies(&self, e: &Evidence, topic: &str) -> bool {
        e.services.is_empty()
            || e.services
                .iter()
                .any(|&s| self.model.services[s].helps_with(topic))
    }

    /// Whether evidence is for the publication's region (unknown services are given the benefit
    /// of the doubt).
    fn in_region(&self, e: &Evidence) -> bool {
        let Some(wanted) = &self.region else {
            return true;
        };
        let regions: Vec<&String> = e
            .services
            .iter()
            .flat_map(|&s| self.model.services[s].regions.iter())
            .collect();
        regions.is_empty() || regions.iter().any(|r| *r == wanted || r.as_str() == "ANY")
    }

    fn grade(&self, e: &Evidence) -> Grade {
        if e.grade == Grade::Specific && e.placed && self.in_region(e) {
            Grade::Complete
        } else {
            e.grade
        }
    }

    /// The best grade reached for `topic`, with the evidence that reached it.
    fn best<'e>(&self, topic: &str, evidence: &'e [Evidence]) -> (Grade, Option<&'e Evidence>) {
        let mut best: (Grade, Option<&Evidence>) = (Grade::None, None);
        for e in evidence.iter().filter(|e| self.applies(e, topic)) {
            let g = self.grade(e);
            if g > best.0 {
                best = (g, Some(e));
            }
        }
        best
    }

    fn diagnostic(
        &self,
        doc: &Document,
        short: &Shortfall,
        main: Option<&str>,
        others: &[&str],
        span: Span,
        ctx: &CheckContext,
    ) -> Diagnostic {
        let (required, best, reached) = (short.required, short.best, short.reached);
        let topic = &short.score.topic;
        let found = doc
            .source
            .slice(span)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let about = match main {
            Some(main) => format!(
                "“{found}”: this article is about {main} and discusses {}",
                topic.name
            ),
            None => format!("“{found}”: this article is about {}", topic.name),
        };
        let missing = self
            .model
            .default_need(&topic.id)
            .and_then(|n| n.missing.clone())
            .unwrap_or_else(|| "a named service and how to reach it".to_string());
        let (message, label) = match best {
            Grade::None => (
                format!("{about}, but it never tells readers where to get help"),
                None,
            ),
            Grade::Generic => (
                format!(
                    "{about}, but its only help-seeking advice is general or for other needs: \
                     add {missing}"
                ),
                Some("general advice only"),
            ),
            _ => {
                let specific = reached;
                let out_of_region = specific.is_some_and(|e| !self.in_region(e));
                if out_of_region {
                    let regions = specific
                        .map(|e| self.regions_of(e).join("/"))
                        .unwrap_or_default();
                    let region = self.region.clone().unwrap_or_default();
                    (
                        format!(
                            "{about}, but its helplines are for {regions}, not for the \
                             publication's region ({region})"
                        ),
                        Some("help for another region"),
                    )
                } else {
                    (
                        format!(
                            "{about}, but its helpline is not in a closing section or a callout"
                        ),
                        Some("helpline in the middle of the article"),
                    )
                }
            }
        };
        let mut help = format!(
            "An article about {} needs {}.",
            topic.name,
            required.describe_for(self.region.as_deref())
        );
        if !others.is_empty() {
            help.push_str(&format!(" It also falls short for {}.", others.join(", ")));
        }
        let resources = self.resources_for(&topic.id);
        if !resources.is_empty() {
            let texts: Vec<String> = resources
                .iter()
                .map(|r| format!("“{}”", r.text.trim()))
                .collect();
            help.push_str(&format!(
                " Your publication's resource: {} (offered as a fix at the end of the article).",
                texts.join("; ")
            ));
        } else {
            let suggested = self.suggestions(&topic.id);
            if !suggested.is_empty() {
                help.push_str(&format!(" For example: {}.", suggested.join("; ")));
            } else if self.region.is_none() {
                help.push_str(
                    " Set `region` and `resources` for safety/help-seeking in .carelint.yml to \
                     get your own text as a fix.",
                );
            }
        }
        if let Some(need) = self.model.default_need(&topic.id) {
            let cited: Vec<String> = need
                .sources
                .iter()
                .take(3)
                .map(|k| {
                    self.model
                        .file
                        .sources
                        .get(k)
                        .map_or_else(|| k.clone(), |s| s.name.clone())
                })
                .collect();
            if !cited.is_empty() {
                help.push_str(&format!(" Guideline: {}.", cited.join("; ")));
            }
        }
        let mut diagnostic = ctx.report(span, message).with_help(help);
        if let (Some(label), Some(e)) = (label, reached)
            && let Some(block) = doc.blocks.get(e.block)
        {
            let at = block.prose.source_span(e.range.start, e.range.end);
            if at != span {
                diagnostic = diagnostic.with_label(at, label);
            }
        }
        if !resources.is_empty() {
            let texts: Vec<&str> = resources.iter().map(|r| r.text.trim()).collect();
            diagnostic = diagnostic.with_fix(closing_section(&doc.source.text, &texts));
        }
        diagnostic
    }

    fn regions_of(&self, e: &Evidence) -> Vec<String> {
        let mut regions: Vec<String> = e
            .services
            .iter()
            .flat_map(|&s| self.model.services[s].regions.iter().cloned())
            .collect();
        regions.sort();
        regions.dedup();
        regions
    }

    /// The publication's resources for a topic and its region.
    fn resources_for(&self, topic: &str) -> Vec<&Resource> {
        self.resources
            .iter()
            .filter(|r| r.topics.is_empty() || r.topics.iter().any(|t| t == topic))
            .filter(|r| match (&self.region, &r.region) {
                (Some(want), Some(have)) => want == have,
                _ => true,
            })
            .collect()
    }

    /// Built-in services for the publication's region that help with the topic (at most two).
    fn suggestions(&self, topic: &str) -> Vec<String> {
        let Some(wanted) = &self.region else {
            return Vec::new();
        };
        self.model
            .helplines
            .services
            .iter()
            .filter(|s| s.regions.iter().any(|r| &region(r) == wanted))
            .filter(|s| s.topics.iter().any(|t| t == topic || t == "any"))
            .filter_map(|s| s.text.as_ref().map(|t| format!("“{t}”")))
            .take(2)
            .collect()
    }
}

/// The fix that appends `texts` as the article's last paragraphs: written with the file's own
/// line ending, after exactly one blank line, ending with one line break. It keeps the last
/// line's own line break and replaces any blank lines after it, so a file that ends with none,
/// one or several line breaks gets the same layout (and a CRLF file no stray LF). For the usual
/// file, ending with one line break, it is a pure insertion at the end.
fn closing_section(text: &str, texts: &[&str]) -> Fix {
    let eol = line_ending(text);
    let content = text.trim_end().len();
    let rest = &text[content..];
    // Just past the line break that ends the last non-blank line, if it has one.
    let kept = rest.find(['\r', '\n']).map(|at| {
        let br = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
        content + at + br
    });
    let body: Vec<String> = texts
        .iter()
        .map(|t| {
            t.replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace('\n', eol)
        })
        .collect();
    let blank = format!("{eol}{eol}");
    let lead = if kept.is_some() { eol } else { blank.as_str() };
    Fix {
        span: Span::new(kept.unwrap_or(text.len()), text.len()),
        replacement: format!("{lead}{}{eol}", body.join(&blank)),
        safe: false,
    }
}

/// The file's line ending: that of its first line (`\n` for a one-line file).
fn line_ending(text: &str) -> &'static str {
    match text.find(['\r', '\n']) {
        Some(at) if text[at..].starts_with("\r\n") => "\r\n",
        Some(at) if text[at..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analyse::analyse;
    use crate::model::source::SourceFile;
    use crate::parse::{ParseOptions, parse};

    fn run(text: &str, options: HelpSeekingOptions) -> Vec<Diagnostic> {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions::default(),
        );
        let analysis = analyse(&doc);
        let all = crate::rules::OptionsByRule::default().with(&OPTIONS, options);
        let rule = build(&mut crate::rules::Shared::new(&all)).unwrap();
        let mut out = Vec::new();
        rule.check(
            &CheckContext {
                doc: &doc,
                analysis: &analysis,
                severity: Severity::Warning,
                meta: &META,
            },
            &mut out,
        );
        out
    }

    fn spans(text: &str, options: HelpSeekingOptions) -> Vec<String> {
        run(text, options)
            .into_iter()
            .map(|d| text[d.span.range()].to_string())
            .collect()
    }

    const SUICIDE: &str = "## Suicide after a loss\n\nGrief can bring thoughts of suicide.\n";

    #[test]
    fn flags_a_suicide_article_with_no_help() {
        assert_eq!(
            spans(SUICIDE, HelpSeekingOptions::default()),
            vec!["Suicide"]
        );
    }

    #[test]
    fn generic_help_is_enough_unless_the_publication_requires_more() {
        let text = format!("{SUICIDE}\nTalk to your GP if you are struggling.\n");
        assert!(run(&text, HelpSeekingOptions::default()).is_empty());
        // A publication's own requirement (as the strict pack sets) is reported at the rule's
        // level, naming what is missing.
        let strict = HelpSeekingOptions {
            require: [("suicide".to_string(), Grade::Specific)].into(),
            ..HelpSeekingOptions::default()
        };
        let found = run(&text, strict);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains(
                "only help-seeking advice is general or for other needs: add a crisis line"
            )
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].labels.len(), 1);
    }

    #[test]
    fn generic_advice_names_a_doctor_unless_the_region_says_gp() {
        let text =
            "## Living with depression\n\nDepression is common; depression can last for months.\n";
        let help = |region: Option<&str>| {
            let options = HelpSeekingOptions {
                region: region.map(str::to_string),
                require: [("depression-anxiety".to_string(), Grade::Generic)].into(),
                ..HelpSeekingOptions::default()
            };
            run(text, options)
                .first()
                .and_then(|d| d.help.clone())
                .unwrap_or_default()
        };
        assert!(help(None).contains("such as a doctor"), "{}", help(None));
        assert!(help(Some("US")).contains("such as a doctor"));
        assert!(
            help(Some("GB")).contains("such as a GP"),
            "{}",
            help(Some("GB"))
        );
    }

    #[test]
    fn dont_flag_a_suicide_article_with_a_helpline() {
        let text = format!("{SUICIDE}\nCall Samaritans on 116 123.\n");
        assert!(spans(&text, HelpSeekingOptions::default()).is_empty());
    }

    #[test]
    fn require_none_turns_a_topic_off() {
        let options = HelpSeekingOptions {
            require: [("suicide".to_string(), Grade::None)].into(),
            ..HelpSeekingOptions::default()
        };
        assert!(spans(SUICIDE, options).is_empty());
    }

    #[test]
    fn unknown_topic_is_a_config_error() {
        let all = crate::rules::OptionsByRule::default().with(
            &OPTIONS,
            HelpSeekingOptions {
                require: [("astrology".to_string(), Grade::Generic)].into(),
                ..HelpSeekingOptions::default()
            },
        );
        assert!(
            build(&mut crate::rules::Shared::new(&all))
                .err()
                .unwrap()
                .contains("unknown topic `astrology`")
        );
    }

    #[test]
    fn wrong_region_fails_complete() {
        let text = format!("{SUICIDE}\n## Where to get help\n\nCall or text 988.\n");
        let options = HelpSeekingOptions {
            region: Some("gb".into()),
            require: [("all".to_string(), Grade::Complete)].into(),
            ..HelpSeekingOptions::default()
        };
        let found = run(&text, options);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .contains("not for the publication's region (GB)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn configured_resource_is_offered_as_a_fix() {
        let options = HelpSeekingOptions {
            region: Some("GB".into()),
            resources: vec![Resource {
                topics: vec!["suicide".into()],
                region: Some("GB".into()),
                text: "Samaritans: call 116 123".into(),
            }],
            ..HelpSeekingOptions::default()
        };
        let found = run(SUICIDE, options);
        let fix = found[0].fix.as_ref().unwrap();
        // The article ends with a line break: a blank line and the text are inserted after it.
        assert_eq!(fix.span, Span::new(SUICIDE.len(), SUICIDE.len()));
        assert_eq!(fix.replacement, "\nSamaritans: call 116 123\n");
        assert!(!fix.safe);
    }

    /// The article as the fix would leave it.
    fn appended(text: &str, texts: &[&str]) -> String {
        let fix = closing_section(text, texts);
        format!(
            "{}{}{}",
            &text[..fix.span.start],
            fix.replacement,
            &text[fix.span.end..]
        )
    }

    #[test]
    fn the_closing_section_follows_one_blank_line_whatever_the_file_ends_with() {
        for ending in ["", "\n", "\n\n", "\n\n\n", "\n  \n\t\n"] {
            let text = format!("# Grief\n\nLast line.{ending}");
            assert_eq!(
                appended(&text, &["Help: 116 123", "Or: 988"]),
                "# Grief\n\nLast line.\n\nHelp: 116 123\n\nOr: 988\n",
                "{ending:?}"
            );
        }
    }

    #[test]
    fn the_closing_section_keeps_crlf_and_lone_cr() {
        for eol in ["\r\n", "\r"] {
            for trailing in 0..3 {
                let text = format!("# Grief{eol}{eol}Last line.{}", eol.repeat(trailing));
                assert_eq!(
                    appended(&text, &["Help:\n116 123"]),
                    format!("# Grief{eol}{eol}Last line.{eol}{eol}Help:{eol}116 123{eol}"),
                );
            }
        }
    }
}
