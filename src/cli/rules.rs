//! `carelint rules`: the table of rules (with the level their findings really get), and with
//! `--entries` the lexicon entries suppressions and `allow:` can name.

use std::collections::BTreeSet;
use std::io::Write;

use clap::Args;

use super::args::ListFormat;
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::model::diagnostic::Severity;
use crate::rules::lexicon::{Builtin, builtins};
use crate::rules::{REGISTRY, RuleMeta};

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// List the lexicon entries (ids, levels, phrases) instead, of every lexicon rule or of
    /// RULE only.
    #[arg(long, value_name = "RULE", num_args = 0..=1, default_missing_value = "")]
    pub entries: Option<String>,
}

pub fn run(args: &RulesArgs) -> u8 {
    if let Some(rule) = &args.entries {
        return entries(rule, args.format);
    }
    match args.format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = REGISTRY
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.meta.id,
                        "category": s.meta.category.as_str(),
                        "default_level": s.meta.default_level,
                        "levels": levels(s.meta),
                        "summary": s.meta.summary,
                    })
                })
                .collect();
            out!(
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            );
        }
        ListFormat::Human => {
            let rows: Vec<[String; 4]> = REGISTRY
                .iter()
                .map(|s| {
                    [
                        s.meta.id.to_string(),
                        s.meta.category.as_str().to_string(),
                        shown_level(s.meta),
                        s.meta.summary.to_string(),
                    ]
                })
                .collect();
            table(["RULE", "CATEGORY", "LEVEL", "SUMMARY"], &rows);
        }
    }
    EXIT_CLEAN
}

/// The severities a rule's findings get at its default level: a lexicon rule's come from its
/// entries (capped by the rule's level), so `language/stigmatising` at `error` reports warnings.
fn levels(meta: &RuleMeta) -> Vec<&'static str> {
    let Some(ceiling) = meta.default_level.severity() else {
        return Vec::new();
    };
    let found: BTreeSet<Severity> = match lexicon_of(meta).and_then(|b| b.lexicon().ok()) {
        Some(lexicon) => lexicon
            .entries
            .iter()
            .filter_map(|e| e.level.severity())
            .map(|s| s.min(ceiling))
            .collect(),
        None => BTreeSet::from([ceiling]),
    };
    found.into_iter().map(Severity::as_str).collect()
}

/// The LEVEL column: the level findings get (`info-warning` for a range), `off` when off.
fn shown_level(meta: &RuleMeta) -> String {
    let levels = levels(meta);
    match (levels.first(), levels.last()) {
        (Some(first), Some(last)) if first == last => first.to_string(),
        (Some(first), Some(last)) => format!("{first}-{last}"),
        _ => "off".to_string(),
    }
}

fn lexicon_of(meta: &RuleMeta) -> Option<&'static Builtin> {
    meta.lexicon
}

/// `rules --entries [RULE]`.
fn entries(rule: &str, format: ListFormat) -> u8 {
    let chosen: Vec<&Builtin> = builtins()
        .filter(|b| rule.is_empty() || b.meta.id == rule)
        .collect();
    if chosen.is_empty() {
        let ids: Vec<&str> = builtins().map(|b| b.meta.id).collect();
        eprintln!(
            "carelint: `{rule}` is not a lexicon rule; these have entries: {}",
            ids.join(", ")
        );
        return EXIT_ERROR;
    }
    let mut rows = Vec::new();
    let mut json = Vec::new();
    for builtin in chosen {
        let Ok(lexicon) = builtin.lexicon() else {
            continue;
        };
        let ceiling = builtin.meta.default_level.severity();
        for entry in &lexicon.entries {
            let level = entry
                .level
                .severity()
                .zip(ceiling)
                .map_or("off", |(s, c)| s.min(c).as_str());
            json.push(serde_json::json!({
                "id": entry.id,
                "rule": builtin.meta.id,
                "group": entry.group,
                "level": level,
                "match": entry.phrases,
            }));
            rows.push([
                entry.id.clone(),
                builtin.meta.id.to_string(),
                level.to_string(),
                entry.phrases.join("; "),
            ]);
        }
    }
    match format {
        ListFormat::Json => out!(
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        ),
        ListFormat::Human => table(["ENTRY", "RULE", "LEVEL", "MATCHES"], &rows),
    }
    EXIT_CLEAN
}

/// A table whose last column wraps to the terminal's width; when fewer than 30 columns are
/// left for it, it goes on its own indented lines under each row. Ids are never broken.
fn table(head: [&str; 4], rows: &[[String; 4]]) {
    let width = super::width();
    let w: Vec<usize> = (0..3)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([head[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let indent = w.iter().sum::<usize>() + 6;
    let (room, below) = match width.checked_sub(indent) {
        Some(room) if room >= 30 => (room, false),
        _ => (width.saturating_sub(4).max(20), true),
    };
    let options = |room: usize| {
        textwrap::Options::new(room)
            .break_words(false)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
    };
    let lead = |r: [&str; 3]| {
        format!(
            "{:w0$}  {:w1$}  {:w2$}",
            r[0],
            r[1],
            r[2],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2]
        )
    };
    if below {
        out!("{}", lead([head[0], head[1], head[2]]).trim_end());
    } else {
        out!("{}  {}", lead([head[0], head[1], head[2]]), head[3]);
    }
    for row in rows {
        let lines = textwrap::wrap(&row[3], options(room));
        let first = lead([&row[0], &row[1], &row[2]]);
        if below {
            out!("{}", first.trim_end());
            for line in lines {
                out!("    {line}");
            }
        } else {
            let mut lines = lines.into_iter();
            out!("{first}  {}", lines.next().unwrap_or_default());
            for line in lines {
                out!("{:indent$}{line}", "");
            }
        }
    }
}
