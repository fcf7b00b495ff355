//! `carelint rules`: the table of rules.

use std::io::Write;

use clap::Args;

use super::EXIT_CLEAN;
use super::args::ListFormat;
use crate::rules::REGISTRY;

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

pub fn run(args: &RulesArgs) -> u8 {
    match args.format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = REGISTRY
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.meta.id,
                        "category": s.meta.category.as_str(),
                        "default_level": s.meta.default_level,
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
            let id_w = REGISTRY
                .iter()
                .map(|s| s.meta.id.len())
                .max()
                .unwrap_or(4)
                .max(4);
            out!(
                "{:id_w$}  {:22}  {:8}  SUMMARY",
                "RULE",
                "CATEGORY",
                "LEVEL"
            );
            for s in REGISTRY {
                let level = serde_json::to_value(s.meta.default_level)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                out!(
                    "{:id_w$}  {:22}  {:8}  {}",
                    s.meta.id,
                    s.meta.category.as_str(),
                    level,
                    s.meta.summary
                );
            }
        }
    }
    EXIT_CLEAN
}
