//! `--select`, `--ignore` (ruff's names) and `--min-severity` (Vale's `--minAlertLevel`): the
//! flags, and their names checked against the rules; the filter itself is
//! [`crate::model::selection`]. `check` and `check-claims` show only what is selected, `fix`
//! also fixes only that.

use clap::{Args, ValueEnum};

use crate::model::diagnostic::Severity;
pub use crate::model::selection::Selection;
use crate::rules::REGISTRY;

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum MinSeverity {
    Info,
    Warning,
    Error,
}

impl MinSeverity {
    fn severity(self) -> Severity {
        match self {
            MinSeverity::Info => Severity::Info,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Error => Severity::Error,
        }
    }
}

/// `--select`, `--ignore` and `--min-severity`, for every command that reports findings.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Show only findings of these rules: ids, families (`figures`, `figures/*`), categories
    /// (`unsourced-statistic`) or lexicon entries; comma-separated or repeated.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Hide findings of these rules (names as for --select).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Show only findings at or above this level (run problems are always shown).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<MinSeverity>,
}

impl SelectArgs {
    /// The filter, after checking every name; the error names the first unknown one, with a
    /// suggestion.
    pub fn selection(&self) -> Result<Selection, String> {
        let clean = |names: &[String]| -> Result<Vec<String>, String> {
            names
                .iter()
                .map(|n| n.trim().trim_end_matches("/*").to_string())
                .filter(|n| !n.is_empty())
                .map(|n| {
                    if known(&n) {
                        Ok(n)
                    } else {
                        let names = names_known();
                        let suggestion =
                            crate::workspace::config::suggest(&n, names.iter().map(String::as_str));
                        Err(format!(
                            "unknown rule, family or category `{n}`{}",
                            suggestion
                                .map(|s| format!("; did you mean `{s}`?"))
                                .unwrap_or_default()
                        ))
                    }
                })
                .collect()
        };
        Ok(Selection::new(
            clean(&self.select)?,
            clean(&self.ignore)?,
            self.min_severity.map(MinSeverity::severity),
        ))
    }
}

fn names_known() -> Vec<String> {
    let mut names: Vec<String> = vec!["all".to_string()];
    for spec in REGISTRY {
        names.push(spec.meta.id.to_string());
        names.push(spec.meta.category.as_str().to_string());
        if let Some(family) = spec.meta.id.split('/').next() {
            names.push(family.to_string());
        }
    }
    for (id, ..) in crate::report::sarif::SUPPRESSION_RULES {
        names.push(id.to_string());
    }
    names.push("suppression".to_string());
    names.sort();
    names.dedup();
    names
}

fn known(name: &str) -> bool {
    names_known().iter().any(|n| n == name) || crate::rules::lexicon::find_entry(name).is_some()
}
