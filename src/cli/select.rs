//! `--select`, `--ignore` (ruff's names) and `--min-severity` (Vale's `--minAlertLevel`): which
//! findings a `check` run shows. Problems with the run itself (`input`, `config`) are always
//! shown: hiding them would let a broken run pass.

use clap::ValueEnum;

use crate::model::diagnostic::{Diagnostic, Severity};
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

/// The filter built from the three options.
#[derive(Debug, Default)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
    min: Option<Severity>,
}

impl Selection {
    /// Checks every name; the error names the first unknown one, with a suggestion.
    pub fn new(
        select: &[String],
        ignore: &[String],
        min: Option<MinSeverity>,
    ) -> Result<Selection, String> {
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
        Ok(Selection {
            select: clean(select)?,
            ignore: clean(ignore)?,
            min: min.map(MinSeverity::severity),
        })
    }

    /// Whether a finding is shown.
    pub fn keeps(&self, d: &Diagnostic) -> bool {
        if d.category.is_pipeline() {
            return true;
        }
        let named = |names: &[String]| names.iter().any(|n| matches(n, d));
        (self.select.is_empty() || named(&self.select))
            && !named(&self.ignore)
            && self.min.is_none_or(|min| d.severity >= min)
    }
}

/// A name covers a finding when it is its rule id, its family (the part before `/`), its
/// category, its lexicon entry id, or `all`.
fn matches(name: &str, d: &Diagnostic) -> bool {
    name == "all"
        || d.rule == name
        || d.rule.split('/').next() == Some(name)
        || d.category.as_str() == name
        || d.entry.as_deref() == Some(name)
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
