//! Hover on a finding: what it says, then the rule's documentation (what `carelint explain`
//! prints) or, for a lexicon match, the entry with its guideline sources.

use std::fmt::Write;

use crate::model::diagnostic::Diagnostic;

/// Markdown for the findings under the cursor; `None` when there are none.
pub fn hover_text(findings: &[&Diagnostic]) -> Option<String> {
    let mut out = String::new();
    for d in findings {
        if !out.is_empty() {
            out.push_str("\n\n---\n\n");
        }
        let _ = write!(out, "**{}** ({}): {}", d.rule, d.severity, d.message);
        if let Some(help) = &d.help {
            let _ = write!(out, "\n\n{help}");
        }
        if let Some(entry) = d.entry.as_deref().and_then(entry_text) {
            let _ = write!(out, "\n\n{entry}");
        } else if let Some(spec) = crate::rules::find(&d.rule) {
            let _ = write!(out, "\n\n{}", spec.meta.doc());
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A built-in lexicon entry as `carelint explain ENTRY` shows it.
fn entry_text(id: &str) -> Option<String> {
    let (builtin, lexicon, entry) = crate::rules::lexicon::find_entry(id)?;
    let mut out = format!("### {} ({} lexicon entry)\n\n", entry.id, builtin.meta.id);
    let _ = writeln!(out, "- Matches: {}", entry.phrases.join("; "));
    if !entry.reason.is_empty() {
        let _ = writeln!(out, "- Why: {}", entry.reason);
    }
    if !entry.alternatives.is_empty() {
        let _ = writeln!(out, "- Instead: {}", entry.alternatives.join("; "));
    }
    for key in &entry.sources {
        match lexicon.sources.get(key) {
            Some(s) => match &s.url {
                Some(url) => {
                    let _ = writeln!(out, "- Source: [{}]({url})", s.name);
                }
                None => {
                    let _ = writeln!(out, "- Source: {}", s.name);
                }
            },
            None => {
                let _ = writeln!(out, "- Source: {key}");
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::{Category, Severity};
    use crate::model::source::Span;

    #[test]
    fn a_rule_finding_shows_its_documentation() {
        let d = Diagnostic::new(
            "language/stigmatising",
            Category::StigmatisingLanguage,
            Severity::Warning,
            Span::new(0, 1),
            "a message",
        );
        let text = hover_text(&[&d]).expect("text");
        assert!(text.starts_with("**language/stigmatising** (warning): a message"));
        assert!(text.contains("# language/stigmatising"), "{text}");
        assert!(hover_text(&[]).is_none());
    }

    #[test]
    fn a_lexicon_match_shows_its_entry_and_sources() {
        let (_, lexicon, entry) = crate::rules::lexicon::builtins()
            .find_map(|b| {
                let l = b.lexicon().ok()?;
                let e = l.entries.iter().find(|e| !e.sources.is_empty())?;
                Some((b, l, e))
            })
            .expect("a built-in entry with sources");
        let mut d = Diagnostic::new(
            "language/stigmatising",
            Category::StigmatisingLanguage,
            Severity::Warning,
            Span::new(0, 1),
            "m",
        );
        d.entry = Some(entry.id.clone());
        let text = hover_text(&[&d]).expect("text");
        assert!(text.contains(&format!("### {}", entry.id)), "{text}");
        let first = lexicon
            .sources
            .get(&entry.sources[0])
            .map_or(entry.sources[0].clone(), |s| s.name.clone());
        assert!(text.contains(&first), "{text}");
    }
}
