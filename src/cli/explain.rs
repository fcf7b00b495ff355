//! `carelint explain`: a rule's documentation, a lexicon entry (by id or by a phrase it
//! matches), or a run problem's page, wrapped to the terminal's width.

use std::io::Write;

use clap::Args;

use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::rules;
use crate::rules::lexicon::{Builtin, Entry, Lexicon};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id such as `language/stigmatising`, a lexicon entry id such as
    /// `suicide/committed` (or its last part, `committed`), or a phrase an entry matches
    /// (`"committed suicide"`).
    pub rule: String,
}

pub fn run(args: &ExplainArgs) -> u8 {
    let id = args.rule.trim();
    if let Some(spec) = rules::find(id) {
        out!("{}", wrap(&spec.meta.doc(), super::width()));
        return EXIT_CLEAN;
    }
    let found = find_entries(id);
    if !found.is_empty() {
        let pages: Vec<String> = found
            .iter()
            .map(|(builtin, lexicon, entry)| entry_page(builtin, lexicon, entry))
            .collect();
        out!("{}", wrap(&pages.join("\n"), super::width()));
        return EXIT_CLEAN;
    }
    // Findings that are not rules: suppression comments, and problems with the run.
    let others = crate::report::sarif::SUPPRESSION_RULES
        .iter()
        .chain(crate::report::sarif::NOTIFICATIONS.iter());
    if let Some((id, _, text, help)) = others.clone().find(|(other, ..)| *other == id) {
        out!(
            "{}",
            wrap(&format!("# {id}\n\n{text}\n\n{help}"), super::width())
        );
        return EXIT_CLEAN;
    }
    let suggestion =
        crate::workspace::config::suggest(id, rules::ids().chain(others.map(|(other, ..)| *other)));
    eprintln!(
        "carelint: unknown rule or lexicon entry `{id}`{}",
        suggestion
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default()
    );
    eprintln!("Run `carelint rules` to list rules, `carelint rules --entries` for entries.");
    EXIT_ERROR
}

type Found = (&'static Builtin, &'static Lexicon, &'static Entry);

/// Lexicon entries for a query: the entry with that id; else those whose id ends in
/// `/QUERY`; else those with a phrase form (`{a,b}` expanded) equal to the query, whitespace
/// and case folded.
fn find_entries(query: &str) -> Vec<Found> {
    if let Some(found) = rules::lexicon::find_entry(query) {
        return vec![found];
    }
    let all: Vec<Found> = rules::lexicon::builtins()
        .filter_map(|b| Some((b, b.lexicon().ok()?)))
        .flat_map(|(b, l)| l.entries.iter().map(move |e| (b, l, e)))
        .collect();
    let tail = format!("/{query}");
    let by_tail: Vec<Found> = all
        .iter()
        .filter(|(_, _, e)| e.id.ends_with(&tail))
        .copied()
        .collect();
    if !by_tail.is_empty() {
        return by_tail;
    }
    let folded = fold(query);
    all.into_iter()
        .filter(|(_, _, e)| {
            e.phrases.iter().any(|p| {
                crate::phrases::expand(p)
                    .unwrap_or_default()
                    .iter()
                    .any(|form| fold(form) == folded)
            })
        })
        .collect()
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn entry_page(builtin: &Builtin, lexicon: &Lexicon, entry: &Entry) -> String {
    let mut page = format!("# {} ({} lexicon entry)\n\n", entry.id, builtin.meta.id);
    let level = entry
        .level
        .severity()
        .zip(builtin.meta.default_level.severity())
        .map_or("off", |(s, ceiling)| s.min(ceiling).as_str());
    page.push_str(&format!("Group: {}   Level: {level}\n", entry.group));
    page.push_str(&format!("Matches: {}\n", entry.phrases.join("; ")));
    page.push_str(&format!("Why: {}\n", entry.reason));
    page.push_str(&format!("Instead: {}\n", entry.alternatives.join("; ")));
    for key in &entry.sources {
        match lexicon.sources.get(key) {
            Some(s) => page.push_str(&format!(
                "Source [{key}]: {}{}\n",
                s.name,
                s.url
                    .as_ref()
                    .map(|u| format!(" <{u}>"))
                    .unwrap_or_default()
            )),
            None => page.push_str(&format!("Source: {key}\n")),
        }
    }
    page
}

/// Wraps Markdown-ish text to `width` at spaces only (ids and links never break); code blocks,
/// indented code and table rows are left as they are, and a wrapped list item keeps its indent.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fenced = !fenced;
        }
        let keep = fenced
            || trimmed.starts_with("```")
            || trimmed.starts_with('|')
            || line.starts_with("    ")
            || line.chars().count() <= width;
        if keep {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = line.len() - trimmed.len();
        let marker = list_marker(trimmed);
        let first = &line[..indent];
        let rest = " ".repeat(indent + marker);
        let options = textwrap::Options::new(width.max(20))
            .initial_indent(first)
            .subsequent_indent(&rest)
            .break_words(false)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for wrapped in textwrap::wrap(trimmed, options) {
            out.push_str(&wrapped);
            out.push('\n');
        }
    }
    if out.ends_with('\n') && !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// Width of a list item's marker (`- `, `* `, `12. `), 0 for other lines.
fn list_marker(line: &str) -> usize {
    if line.starts_with("- ") || line.starts_with("* ") {
        return 2;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        return digits + 2;
    }
    0
}
