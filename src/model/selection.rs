//! Which findings a run shows and fixes: `--select`, `--ignore` (ruff's names) and
//! `--min-severity` (Vale's `--minAlertLevel`). Problems with the run itself (`input`,
//! `config`) are always kept: hiding them would let a broken run pass. The names are checked
//! against the rules where they are read (`cli::select`).

use super::diagnostic::{Diagnostic, Severity};

/// The filter built from the three options; the default keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
    min: Option<Severity>,
}

impl Selection {
    /// A filter from names already checked: rule ids, families, categories, lexicon entry ids
    /// or `all`.
    pub fn new(select: Vec<String>, ignore: Vec<String>, min: Option<Severity>) -> Selection {
        Selection {
            select,
            ignore,
            min,
        }
    }

    /// Whether a finding is kept.
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
