//! # language/stigmatising
//!
//! Flags words and phrases that media and health-communication guidelines ask writers to avoid
//! because they stigmatise the people an article is about: "suffers from", "committed suicide",
//! "addict", "prostitute", "the mentally ill", mocking stereotypes such as "men don't cry", and
//! more than a hundred others. Each finding names a kinder alternative and the guideline it comes
//! from.
//!
//! ## Why
//!
//! Readers of health articles are often the people being described. Language that frames them as
//! victims, criminals or jokes makes them less likely to seek help: clinicians rate a "substance
//! abuser" as more deserving of punishment than a person "with a substance use disorder", and
//! "men don't cry" is linked to lower help-seeking among men and boys.
//!
//! ## How it matches
//!
//! The lexicon (`rules/stigmatising.yml`) lists phrases with their word forms
//! (`suffer{,s,ed,ing} from`). All forms of all entries are matched in one pass of one
//! automaton, case-insensitively and as whole words. An entry can skip matches followed or
//! preceded by certain words (`alcoholics` but not "Alcoholics Anonymous") or fire only when its
//! topic is in the same paragraph.
//!
//! Someone else's words are treated differently: inside a direct quotation, a block quote,
//! dialogue (`**Speaker:** ...`) or an italic title of a work, a finding drops to `info`
//! (option `quoted: off` drops it, `quoted: same` keeps its level). Code is never linted.
//!
//! The rule's configured level is a ceiling: at `warning`, error entries are reported as
//! warnings.
//!
//! ## Bad
//!
//! ```markdown
//! Many men who suffer from depression never tell anyone, because real men don't cry.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! Many men who live with depression never tell anyone, in part because they have been taught
//! that crying is weak.
//! ```
//!
//! ## Options
//!
//! ```yaml
//! rules:
//!   language/stigmatising:
//!     level: warning          # ceiling for every entry
//!     quoted: info            # info | off | same
//!     allow: [substance-use/substance-abuse, "sex scandal"]   # entry ids or phrases
//!     entries:                # house-style additions, same schema as rules/stigmatising.yml
//!       - id: house/victim-of-depression
//!         group: mental-health
//!         level: warning
//!         match: ["depression victim{,s}"]
//!         alternatives: ["person with depression"]
//!         reason: "House style: people are not victims of an illness."
//!         sources: ["House style guide, 2026"]
//! ```

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::analyse::QuoteContext;
use crate::config::schema::Level;
use crate::diagnostic::{Category, Diagnostic, Fix, Severity};
use crate::parse::{Block, BlockKind, Inline, InlineKind};
use crate::phrases::{PhraseSet, is_whole_word, non_overlapping};
use crate::rules::{CheckContext, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "language/stigmatising",
    category: Category::StigmatisingLanguage,
    default_level: Level::Error,
    summary: "Stigmatising words and phrases, with kinder alternatives from media guidelines",
    source: include_str!("stigmatising.rs"),
};

/// The built-in lexicon, compiled into the binary.
pub const LEXICON: &str = include_str!("../../../rules/stigmatising.yml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub group: String,
    pub level: Level,
    #[serde(rename = "match")]
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
    #[serde(default)]
    pub near: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// The lexicon file's schema.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    pub version: u32,
    #[serde(default)]
    pub sources: BTreeMap<String, Source>,
    /// Proper names that contain lexicon phrases and are never flagged
    /// ("Alcoholics Anonymous", "National Institute on Drug Abuse").
    #[serde(default)]
    pub exempt: Vec<String>,
    pub entries: Vec<Entry>,
}

/// How findings inside quotations and titles of works are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Quoted {
    #[default]
    Info,
    Off,
    Same,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub level: Option<Level>,
    /// Entry ids or phrases the publication accepts.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Extra entries (same schema as the lexicon); an entry with a built-in id replaces it.
    #[serde(default)]
    pub entries: Vec<Entry>,
    pub quoted: Option<Quoted>,
    /// `false` drops the built-in lexicon, leaving only `entries`.
    pub builtin: Option<bool>,
}

impl crate::rules::RuleOptions for Options {
    fn level(&self) -> Option<Level> {
        self.level
    }

    fn merge(&mut self, later: &Options) {
        if later.level.is_some() {
            self.level = later.level;
        }
        self.allow.extend(later.allow.iter().cloned());
        self.entries.extend(later.entries.iter().cloned());
        if later.quoted.is_some() {
            self.quoted = later.quoted;
        }
        if later.builtin.is_some() {
            self.builtin = later.builtin;
        }
    }
}

/// The built-in lexicon, parsed once per process.
pub fn builtin_lexicon() -> Result<&'static Lexicon, String> {
    static CELL: OnceLock<Result<Lexicon, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        serde_yaml::from_str(LEXICON).map_err(|e| format!("rules/stigmatising.yml: {e}"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

pub struct Stigmatising {
    entries: Vec<Entry>,
    sources: BTreeMap<String, Source>,
    phrases: PhraseSet,
    exempt: PhraseSet,
    quoted: Quoted,
}

pub fn build(options: &crate::rules::Options) -> Result<Box<dyn Rule>, String> {
    let options = &options.stigmatising;
    let lexicon = builtin_lexicon()?;
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
    let allowed: HashSet<&str> = options.allow.iter().map(String::as_str).collect();
    entries.retain(|e| !allowed.contains(e.id.as_str()));
    let phrases = PhraseSet::new(entries.iter().enumerate().flat_map(|(i, e)| {
        e.phrases
            .iter()
            .map(move |p| (i, p.as_str(), e.case_sensitive))
    }))?;
    let exempt_phrases = lexicon
        .exempt
        .iter()
        .chain(options.allow.iter().filter(|a| !a.contains('/')))
        .map(|p| (0, p.as_str(), false));
    let exempt = PhraseSet::new(exempt_phrases)?;
    Ok(Box::new(Stigmatising {
        entries,
        sources: lexicon.sources.clone(),
        phrases,
        exempt,
        quoted: options.quoted.unwrap_or_default(),
    }))
}

impl Rule for Stigmatising {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for (index, block) in doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::Code || block.prose.text.is_empty() {
                continue;
            }
            let text = block.text();
            let mut exempt: Option<Vec<(usize, usize)>> = None;
            let mut kept = Vec::new();
            for m in self.phrases.candidates(text) {
                let entry = &self.entries[m.entry];
                if followed_by(&text[m.end..], &entry.not_before)
                    || preceded_by(&text[..m.start], &entry.not_after)
                {
                    continue;
                }
                let exempt = exempt.get_or_insert_with(|| {
                    self.exempt
                        .find_iter(text)
                        .map(|e| (e.start, e.end))
                        .collect()
                });
                if exempt.iter().any(|&(s, e)| s <= m.start && m.end <= e) {
                    continue;
                }
                if !entry.near.is_empty() && !near(ctx, block.group, &entry.near) {
                    continue;
                }
                if block.inlines.iter().any(|i| {
                    i.range.start <= m.start && m.end <= i.range.end && is_autolink(block, i)
                }) {
                    continue;
                }
                kept.push(m);
            }
            for m in non_overlapping(kept) {
                let entry = &self.entries[m.entry];
                let quoted = ctx.analysis.quoted_context(doc, index, m.start..m.end);
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

impl Stigmatising {
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
        span: crate::source::Span,
        severity: Severity,
        quoted: Option<QuoteContext>,
    ) -> Diagnostic {
        let reason = entry.reason.trim().trim_end_matches('.');
        let mut message = format!("“{found}” can stigmatise");
        if !reason.is_empty() {
            message.push_str(": ");
            message.push_str(&lowercase_first(reason));
        }
        match quoted {
            Some(QuoteContext::Quotation) => message.push_str(" (in a quotation)"),
            Some(QuoteContext::Title) => message.push_str(" (in a title)"),
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
        let mut diagnostic = Diagnostic::new(META.id, META.category, severity, span, message)
            .with_help(help.trim().to_string());
        if let Some(first) = entry.alternatives.first()
            && quoted.is_none()
            && is_drop_in(first)
        {
            diagnostic = diagnostic.with_fix(Fix {
                span,
                replacement: match_case(found, first),
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

/// Whether `rest` (the text after a match) starts with one of `words`, as whole words.
fn followed_by(rest: &str, words: &[String]) -> bool {
    let rest = rest.trim_start();
    words.iter().any(|w| {
        let w = w.trim();
        rest.len() >= w.len()
            && rest.is_char_boundary(w.len())
            && rest[..w.len()].eq_ignore_ascii_case(w)
            && is_whole_word(rest, 0, w.len())
    })
}

/// Whether `before` (the text before a match) ends with one of `words`, as whole words.
fn preceded_by(before: &str, words: &[String]) -> bool {
    let before = before.trim_end();
    words.iter().any(|w| {
        let w = w.trim();
        before.len() >= w.len()
            && before.is_char_boundary(before.len() - w.len())
            && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
            && is_whole_word(before, before.len() - w.len(), before.len())
    })
}

/// Whether any of `words` occurs in the paragraph (block group) as whole words.
fn near(ctx: &CheckContext, group: usize, words: &[String]) -> bool {
    ctx.doc.blocks.iter().filter(|b| b.group == group).any(|b| {
        let lower = b.text().to_lowercase();
        words.iter().any(|w| {
            let w = w.to_lowercase();
            lower
                .match_indices(w.as_str())
                .any(|(i, _)| is_whole_word(&lower, i, i + w.len()))
        })
    })
}

/// A link whose text is its own address (`<https://…>` or a bare URL): not prose.
fn is_autolink(block: &Block, inline: &Inline) -> bool {
    let InlineKind::Link { url } = &inline.kind else {
        return false;
    };
    let text = &block.text()[inline.range.clone()];
    url == text || url.ends_with(text) && text.contains(['.', '/', '@'])
}

fn lowercase_first(s: &str) -> String {
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

/// Whether an alternative can replace the phrase as it stands ("died by suicide"), rather than
/// being advice ("reword: ...", "person with [condition]").
fn is_drop_in(alternative: &str) -> bool {
    !alternative.contains([':', ';', '[', '(', '…', '/'])
        && !alternative.contains("...")
        && alternative.split_whitespace().count() <= 5
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analyse::analyse;
    use crate::parse::{ParseOptions, parse};
    use crate::source::SourceFile;

    fn flagged(text: &str) -> Vec<(String, Severity)> {
        let doc = parse(
            Arc::new(SourceFile::new("t.md", text)),
            ParseOptions::default(),
        );
        let analysis = analyse(&doc);
        let rule = build(&crate::rules::Options::default()).unwrap();
        let mut out = Vec::new();
        rule.check(
            &CheckContext {
                doc: &doc,
                analysis: &analysis,
                severity: Severity::Error,
            },
            &mut out,
        );
        out.into_iter()
            .map(|d| (text[d.span.range()].to_string(), d.severity))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        flagged(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn builtin_lexicon_is_valid_and_large() {
        let lexicon = builtin_lexicon().unwrap();
        assert!(
            lexicon.entries.len() >= 80,
            "{} entries",
            lexicon.entries.len()
        );
        let mut ids = HashSet::new();
        for e in &lexicon.entries {
            assert!(ids.insert(&e.id), "duplicate id {}", e.id);
            assert!(!e.alternatives.is_empty(), "{} has no alternatives", e.id);
            for key in &e.sources {
                assert!(
                    lexicon.sources.contains_key(key),
                    "{} cites unknown {key}",
                    e.id
                );
            }
        }
        assert!(build(&crate::rules::Options::default()).is_ok());
    }

    #[test]
    fn flags_word_forms() {
        assert_eq!(
            texts("She suffers from anxiety. He suffered from it. Suffering from grief."),
            vec!["suffers from", "suffered from", "Suffering from"]
        );
    }

    #[test]
    fn flags_across_a_line_break() {
        assert_eq!(
            texts("He committed\nsuicide last year."),
            vec!["committed\nsuicide"]
        );
    }

    #[test]
    fn flags_mocking_crying_stereotypes() {
        assert_eq!(
            texts("Everyone knows real men don’t cry."),
            vec!["men don’t cry"]
        );
    }

    #[test]
    fn quotation_drops_to_info() {
        assert_eq!(
            flagged("He told me “real men don't cry” and laughed."),
            vec![("men don't cry".to_string(), Severity::Info)]
        );
    }

    #[test]
    fn dont_flag_code() {
        assert!(texts("Run `suffers from` and\n\n```\ncommitted suicide\n```\n").is_empty());
    }

    #[test]
    fn dont_flag_clinical_language() {
        assert!(
            texts("Mental health matters. Values in the normal range. People with depression.")
                .is_empty()
        );
    }

    #[test]
    fn dont_flag_organisation_names() {
        assert!(
            texts("Call Alcoholics Anonymous or read the National Institute on Drug Abuse page.")
                .is_empty()
        );
    }
}
