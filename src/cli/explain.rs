//! `carelint explain`: a rule's documentation, a lexicon entry, or a run problem's page.

use std::io::Write;

use clap::Args;

use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::rules;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id such as `language/stigmatising`, or a lexicon entry id such as
    /// `suicide/committed`.
    pub rule: String,
}

pub fn run(args: &ExplainArgs) -> u8 {
    let id = args.rule.as_str();
    if let Some(spec) = rules::find(id) {
        out!("{}", spec.meta.doc());
        return EXIT_CLEAN;
    }
    if let Some((builtin, lexicon, entry)) = rules::lexicon::find_entry(id) {
        out!("# {} ({} lexicon entry)\n", entry.id, builtin.meta.id);
        out!("Group: {}   Level: {:?}", entry.group, entry.level);
        out!("Matches: {}", entry.phrases.join("; "));
        out!("Why: {}", entry.reason);
        out!("Instead: {}", entry.alternatives.join("; "));
        for key in &entry.sources {
            match lexicon.sources.get(key) {
                Some(s) => out!(
                    "Source [{key}]: {}{}",
                    s.name,
                    s.url
                        .as_ref()
                        .map(|u| format!(" <{u}>"))
                        .unwrap_or_default()
                ),
                None => out!("Source: {key}"),
            }
        }
        return EXIT_CLEAN;
    }
    // Findings that are not rules: suppression comments, and problems with the run.
    let others = crate::report::sarif::SUPPRESSION_RULES
        .iter()
        .chain(crate::report::sarif::NOTIFICATIONS.iter());
    if let Some((id, _, text, help)) = others.clone().find(|(other, ..)| *other == id) {
        out!("# {id}\n\n{text}\n\n{help}");
        return EXIT_CLEAN;
    }
    let suggestion =
        crate::workspace::config::suggest(id, rules::ids().chain(others.map(|(other, ..)| *other)));
    eprintln!(
        "carelint: unknown rule `{id}`{}",
        suggestion
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default()
    );
    eprintln!("Run `carelint rules` to list them.");
    EXIT_ERROR
}
