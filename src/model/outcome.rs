//! What a run produces: one report per file, with results only, and the run's totals. Reports,
//! the baseline, changed-line filtering and fixes read these without depending on the run.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::diagnostic::{Category, Diagnostic, Severity};
use crate::model::source::{SourceFile, Span};

/// The lowest severity that makes `carelint check` exit with 1.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Default,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Info,
    Warning,
    #[default]
    Error,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Error => Some(Severity::Error),
            FailOn::Never => None,
        }
    }
}

/// Everything reported about one file (an article or a configuration file).
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    /// The text the spans refer to, when there is one.
    pub source: Option<Arc<SourceFile>>,
    /// The article was read and checked (not skipped).
    pub checked: bool,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// Sorted by path; each report's diagnostics sorted by offset.
    pub reports: Vec<FileReport>,
    /// Articles that were read and checked.
    pub files_checked: usize,
    /// Run-level settings from the configuration that applies to the working directory.
    pub fail_on: Option<FailOn>,
    pub max_warnings: Option<usize>,
    /// Findings turned off by inline suppressions.
    pub suppressed: usize,
    /// Findings hidden by `--baseline` (`None` without one).
    pub baselined: Option<usize>,
}

impl Outcome {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.reports.iter().flat_map(|r| r.diagnostics.iter())
    }

    /// Input or configuration errors: the run could not do all it was asked.
    pub fn has_pipeline_errors(&self) -> bool {
        self.diagnostics()
            .any(|d| d.category.is_pipeline() && d.severity == Severity::Error)
    }
}

impl FileReport {
    /// A problem that stops a file (or a configuration) from being checked at all.
    pub fn problem(path: String, category: Category, message: String) -> Self {
        FileReport {
            path,
            source: None,
            checked: false,
            diagnostics: vec![Diagnostic::new(
                category.as_str(),
                category,
                Severity::Error,
                Span::default(),
                message,
            )],
        }
    }
}
