//! # safety/stale-helpline
//!
//! Flags helpline numbers that have changed, such as the US National Suicide Prevention
//! Lifeline's 1-800-273-8255 (now 988) or Samaritans' 08457 90 90 90 (now 116 123), and offers
//! the current number.
//!
//! ## Why
//!
//! A reader in crisis who calls an old number may reach nobody. Helplines change: numbers move
//! to free or short numbers, services merge or close. Old articles keep the old numbers, and new
//! articles copy them.
//!
//! ## How it matches
//!
//! Changed numbers live in `rules/helplines.yml` (`stale:`), each citing the service or an
//! official page for the change. Numbers are compared by their digits, so every way of writing
//! one is found (`1-800-273-8255`, `(800) 273-8255`, `1-800-273-TALK`). A number inside a
//! quotation is reported at `info`. Code is never read.
//!
//! Nothing is reported when the current number stands in the same sentence or list item ("call
//! or text 988, which replaced 1-800-273-8255"): the article already gives it, and a fix would
//! write it twice. Nor when it stands elsewhere in the same paragraph and the old number still
//! reaches the service ("call or text 988 ... You can also call 1-800-273-8255"): the reader
//! already has working help. An old number that no longer works is reported wherever it stands.
//! A number several services shared is matched to the service named beside it: the Veterans
//! Crisis Line's old number is now "988, then press 1". A number followed by itself in brackets
//! ("1-800-273-8255 (1-800-273-TALK)", "1-800-273-TALK (8255)") is one finding whose fix
//! replaces both, so a fix never leaves "988 (988)".
//!
//! ## Bad
//!
//! ```markdown
//! If you are struggling, call the National Suicide Prevention Lifeline at 1-800-273-8255.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! If you are struggling, call or text the 988 Suicide & Crisis Lifeline at 988.
//! ```
//!
//! ## Options
//!
//! ```yaml
//! rules:
//!   safety/stale-helpline:
//!     level: warning
//!     numbers:                # your own changed numbers, same schema as `stale:` in the data
//!       - number: "0800 000 0000"
//!         replacement: "0800 111 1111"
//!         note: "Our advice line moved in 2025."
//! ```

use serde::Deserialize;

use crate::analyse::helplines::{StaleNumber, digits_of, helplines};
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Category, Diagnostic, Fix, Severity};
use crate::parse::BlockKind;
use crate::rules::lexicon::lowercase_first;
use crate::rules::{CheckContext, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "safety/stale-helpline",
    category: Category::SafeReporting,
    default_level: Level::Warning,
    summary: "Helpline numbers that have changed, with the current number",
    source: include_str!("stale_helpline.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: None,
};

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaleHelplineOptions {
    pub level: Option<Level>,
    /// The publication's own changed numbers.
    #[serde(default)]
    pub numbers: Vec<StaleNumber>,
}

impl crate::rules::RuleOptions for StaleHelplineOptions {
    fn level(&self) -> Option<Level> {
        self.level
    }

    fn merge(&mut self, later: &StaleHelplineOptions) {
        crate::rules::replace_if_set(&mut self.level, &later.level);
        self.numbers.extend(later.numbers.iter().cloned());
    }
}

pub struct StaleHelpline {
    /// (digits, the stale entry)
    numbers: Vec<(String, StaleNumber)>,
    /// Source key → name, for the help text.
    sources: Vec<(String, String)>,
}

pub const OPTIONS: crate::rules::OptionsKey<StaleHelplineOptions> =
    crate::rules::OptionsKey::new("safety/stale-helpline");

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    let options = shared.options.get(&OPTIONS);
    let data = helplines()?;
    let mut numbers = Vec::new();
    for stale in data.stale.iter().chain(&options.numbers) {
        let digits = digits_of(&stale.number)
            .ok_or_else(|| format!("`{}` is not a phone number carelint can read", stale.number))?;
        numbers.retain(|(d, s): &(String, StaleNumber)| *d != digits || s.names != stale.names);
        numbers.push((digits, stale.clone()));
    }
    let sources = data
        .sources
        .iter()
        .map(|(k, s)| (k.clone(), s.name.clone()))
        .collect();
    Ok(Box::new(StaleHelpline { numbers, sources }))
}

impl Rule for StaleHelpline {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for (index, block) in doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::Code || block.text().is_empty() {
                continue;
            }
            let text = block.text();
            let tokens = ctx.analysis.phone_tokens(doc, index);
            let facts = ctx.analysis.blocks.get(index);
            let mut skip_until = 0;
            for (t, token) in tokens.iter().enumerate() {
                if token.range.start < skip_until {
                    continue;
                }
                if !self.numbers.iter().any(|(d, _)| *d == token.digits) {
                    continue;
                }
                // "1-800-273-8255 (1-800-273-TALK)", "1-800-273-TALK (8255)": one number written
                // twice is one finding, and its fix replaces both.
                let mut range = token.range.clone();
                if let Some(next) = tokens.get(t + 1)
                    && let Some(end) = bracketed_repeat(text, &range, next, &token.digits)
                {
                    range.end = end;
                    skip_until = end;
                }
                let sentence = if block.kind == BlockKind::ListItem {
                    0..text.len()
                } else {
                    facts.map_or(0..text.len(), |f| f.sentence_of(range.start, text.len()))
                };
                let said = text.get(sentence.clone()).unwrap_or("").to_lowercase();
                // The entry for the service named beside the number, else the general one.
                let Some((_, stale)) = self
                    .numbers
                    .iter()
                    .filter(|(d, _)| *d == token.digits)
                    .find(|(_, s)| s.names.iter().any(|n| said.contains(n.as_str())))
                    .or_else(|| {
                        self.numbers
                            .iter()
                            .find(|(d, s)| *d == token.digits && s.names.is_empty())
                    })
                else {
                    continue;
                };
                // The current number is the replacement's first part ("988, then press 1").
                let current = digits_of(stale.replacement.split(',').next().unwrap_or(""));
                let gives_current = |scope: std::ops::Range<usize>| {
                    current.as_ref().is_some_and(|c| {
                        tokens.iter().any(|o| {
                            o.digits == *c
                                && scope.start <= o.range.start
                                && o.range.end <= scope.end
                        })
                    })
                };
                // The current number beside the old one in the same sentence or list item: the
                // article already gives it, and a fix would write it twice ("call 988 (988)").
                // Elsewhere in the paragraph, an old number that still reaches the service is
                // an alternative the reader can use beside the current one.
                if gives_current(sentence.clone())
                    || (stale.still_routes && gives_current(0..text.len()))
                {
                    continue;
                }
                let quoted = ctx
                    .analysis
                    .quoted_context(doc, index, range.clone())
                    .is_some();
                let severity = if quoted { Severity::Info } else { ctx.severity };
                // "+1 800 273 8255": the "+" belongs to the number, or the fix would leave "+988".
                let start = if text[..range.start].ends_with('+') {
                    range.start - 1
                } else {
                    range.start
                };
                let span = block.prose.source_span(start, range.end);
                let found = doc.source.slice(span).unwrap_or(&text[range.clone()]);
                let found = found.split_whitespace().collect::<Vec<_>>().join(" ");
                let mut message = format!("“{found}” is an old helpline number");
                let note = stale.note.trim().trim_end_matches('.');
                if !note.is_empty() {
                    message.push_str(": ");
                    message.push_str(&lowercase_first(note));
                }
                // "… and press 1" already in the sentence: the fix writes the number alone.
                let after = text
                    .get(range.end..sentence.end)
                    .unwrap_or("")
                    .to_lowercase();
                let replacement = if after.contains("press 1") {
                    stale.replacement.split(',').next().unwrap_or("").trim()
                } else {
                    stale.replacement.as_str()
                };
                let mut help = format!("Use {replacement} instead.");
                let cited: Vec<&str> = stale
                    .sources
                    .iter()
                    .map(|k| {
                        self.sources
                            .iter()
                            .find(|(key, _)| key == k)
                            .map_or(k.as_str(), |(_, name)| name.as_str())
                    })
                    .collect();
                if !cited.is_empty() {
                    help.push_str(&format!(" Source: {}.", cited.join("; ")));
                }
                let mut diagnostic =
                    Diagnostic::new(META.id, META.category, severity, span, message)
                        .with_help(help);
                if !quoted {
                    diagnostic = diagnostic.with_fix(Fix {
                        span,
                        replacement: replacement.to_string(),
                        safe: false,
                    });
                }
                out.push(diagnostic);
            }
        }
    }
}

/// The end of a bracket right after `range` that repeats the same number (`next`): its digits
/// are the number's own, or their tail ("1-800-273-TALK (8255)").
fn bracketed_repeat(
    text: &str,
    range: &std::ops::Range<usize>,
    next: &crate::analyse::helplines::PhoneToken,
    digits: &str,
) -> Option<usize> {
    let gap = text.get(range.end..next.range.start)?.trim();
    let inner = text.get(next.range.clone())?;
    if !(gap == "(" || (gap.is_empty() && inner.starts_with('('))) {
        return None;
    }
    if next.digits.len() < 4 || !digits.ends_with(&next.digits) {
        return None;
    }
    if inner.ends_with(')') {
        Some(next.range.end)
    } else {
        text.get(next.range.end..)?
            .starts_with(')')
            .then_some(next.range.end + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::lexicon::tests::flagged;

    fn found(text: &str) -> Vec<(String, Severity)> {
        let rule = build(&mut crate::rules::Shared::new(
            &crate::rules::OptionsByRule::default(),
        ))
        .unwrap();
        flagged(rule.as_ref(), text)
    }

    #[test]
    fn flags_old_numbers_in_any_format() {
        assert_eq!(
            found(
                "Call 1-800-273-8255, (800) 273-8255 or 1-800-273-TALK. Samaritans: 08457 90 90 90."
            )
            .into_iter()
            .map(|(t, _)| t)
            .collect::<Vec<_>>(),
            vec![
                "1-800-273-8255",
                "(800) 273-8255",
                "1-800-273-TALK",
                "08457 90 90 90"
            ]
        );
    }

    #[test]
    fn quoted_number_is_info() {
        assert_eq!(
            found("The 2015 leaflet said “call 1-800-273-8255” on the back."),
            vec![("1-800-273-8255".to_string(), Severity::Info)]
        );
    }

    #[test]
    fn dont_flag_current_numbers_or_lookalikes() {
        assert!(
            found("Call or text 988, or Samaritans on 116 123. Ref 1-800-273-8256.").is_empty()
        );
        assert!(found("```\n1-800-273-8255\n```\n").is_empty());
    }

    #[test]
    fn dont_flag_an_old_number_beside_the_current_one() {
        assert!(found("Call or text 988 (formerly 1-800-273-8255) at any time.").is_empty());
        assert!(found("- Samaritans: 116 123 (the old 08457 90 90 90 no longer works)").is_empty());
        // Elsewhere in the paragraph, and the old number still routes: the reader has 988.
        assert!(found("Call or text 988. You can also call 1-800-273-8255.").is_empty());
        // An old number that no longer works is reported even beside the new one.
        assert_eq!(
            found("Call Samaritans on 116 123. Or ring 08457 90 90 90.").len(),
            1
        );
    }

    /// (matched text, offered fix) for each finding.
    fn fixed(text: &str) -> Vec<(String, Option<String>)> {
        let doc = crate::parse::parse(
            std::sync::Arc::new(crate::model::source::SourceFile::new("t.md", text)),
            crate::parse::ParseOptions::default(),
        );
        let analysis = crate::analyse::analyse(&doc);
        let all = crate::rules::OptionsByRule::default();
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
        out.into_iter()
            .map(|d| {
                (
                    text[d.span.range()].to_string(),
                    d.fix.map(|f| f.replacement),
                )
            })
            .collect()
    }

    #[test]
    fn the_veterans_line_has_its_own_entry() {
        let found = fixed("- Veterans Crisis Line: 1-800-273-TALK (8255)");
        assert_eq!(
            found,
            [(
                "1-800-273-TALK (8255)".to_string(),
                Some("988, then press 1".to_string())
            )]
        );
        // "press 1" already written: the fix is the number alone.
        assert_eq!(
            fixed("Call the Veterans Crisis Line at 1-800-273-8255 and press 1.")[0].1,
            Some("988".to_string())
        );
        // Unnamed, the general lifeline entry applies.
        assert_eq!(
            fixed("Call the lifeline at 1-800-273-8255.")[0].1,
            Some("988".to_string())
        );
    }

    #[test]
    fn one_number_written_twice_is_one_finding() {
        assert_eq!(
            found("Call 1-800-273-8255 (1-800-273-TALK) or 1-800-273-TALK (8255) today.")
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>(),
            vec!["1-800-273-8255 (1-800-273-TALK)", "1-800-273-TALK (8255)"]
        );
    }

    #[test]
    fn publication_numbers_are_added() {
        let options = crate::rules::OptionsByRule::default().with(
            &OPTIONS,
            StaleHelplineOptions {
                level: None,
                numbers: vec![StaleNumber {
                    number: "0800 000 0000".into(),
                    service: None,
                    replacement: "0800 111 1111".into(),
                    since: None,
                    still_routes: false,
                    names: vec![],
                    note: "Our line moved.".into(),
                    sources: vec![],
                }],
            },
        );
        let rule = build(&mut crate::rules::Shared::new(&options)).unwrap();
        assert_eq!(flagged(rule.as_ref(), "Ring 0800 000 0000.").len(), 1);
    }
}
