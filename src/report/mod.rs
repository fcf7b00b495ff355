//! Report: render an [`Outcome`] for people (human), programs (json) or logs (compact), and
//! for CI (sarif, github, rdjson, junit).

mod compact;
pub mod github;
mod human;
mod json;
pub mod junit;
pub mod rdjson;
pub mod sarif;

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::Severity;
use crate::pipeline::Outcome;
use crate::source::SourceFile;

pub use json::{JsonDiagnostic, JsonReport, to_report as json_report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Source snippets with labels and help, for people.
    Human,
    /// One JSON document (the contract in the README).
    Json,
    /// One `path:line:col: severity rule message` line per finding.
    Compact,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (plus a summary in `$GITHUB_STEP_SUMMARY` when set).
    Github,
    /// reviewdog's Diagnostic Format (`reviewdog -f=rdjson`).
    Rdjson,
    /// JUnit XML, one test suite per file.
    Junit,
}

#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub color: bool,
    pub ascii: bool,
    pub width: usize,
    /// `--sarif-category`: distinguishes several carelint runs uploaded for one commit.
    pub sarif_category: Option<String>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            ascii: false,
            width: 100,
            sarif_category: None,
        }
    }
}

pub fn render(outcome: &Outcome, format: OutputFormat, options: &RenderOptions) -> String {
    match format {
        OutputFormat::Human => human::render(outcome, options),
        OutputFormat::Json => json::render(outcome),
        OutputFormat::Compact => compact::render(outcome),
        OutputFormat::Sarif => sarif::render(outcome, options),
        OutputFormat::Github => github::render(outcome),
        OutputFormat::Rdjson => rdjson::render(outcome),
        OutputFormat::Junit => junit::render(outcome),
    }
}

/// Source texts by path, for positions of related locations in other files.
pub(crate) struct Sources<'a>(HashMap<&'a str, &'a Arc<SourceFile>>);

impl<'a> Sources<'a> {
    pub fn of(outcome: &'a Outcome) -> Self {
        Sources(
            outcome
                .reports
                .iter()
                .filter_map(|r| r.source.as_ref().map(|s| (r.path.as_str(), s)))
                .collect(),
        )
    }

    pub fn get(&self, path: &str) -> Option<&'a Arc<SourceFile>> {
        self.0.get(path).copied()
    }
}

/// "2 errors, 5 warnings and 1 info in 3 files; 12 articles checked."
pub fn summary_line(outcome: &Outcome) -> String {
    let errors = outcome.count(Severity::Error);
    let warnings = outcome.count(Severity::Warning);
    let infos = outcome.count(Severity::Info);
    let with = outcome
        .reports
        .iter()
        .filter(|r| !r.diagnostics.is_empty())
        .count();
    let checked = outcome.files_checked;
    let noun = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    // "; 12 findings hidden by the baseline" when a baseline hid some.
    let hidden = match outcome.baselined {
        Some(n) if n > 0 => format!(
            "; {} hidden by the baseline",
            noun(n, "finding", "findings")
        ),
        _ => String::new(),
    };
    if errors + warnings + infos == 0 {
        return format!(
            "No problems found; {} checked{hidden}.",
            noun(checked, "article", "articles")
        );
    }
    format!(
        "{}, {} and {} in {}; {} checked{hidden}.",
        noun(errors, "error", "errors"),
        noun(warnings, "warning", "warnings"),
        noun(infos, "info", "infos"),
        noun(with, "file", "files"),
        noun(checked, "article", "articles"),
    )
}
