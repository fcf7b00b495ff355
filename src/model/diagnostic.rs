//! What a check reports: a finding with its spans, message, help and optional fix.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::source::Span;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// How serious a finding is. Ordered, so `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of editorial harm (or pipeline problem) a finding is about. Stable strings: CI users
/// filter on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    UnsourcedStatistic,
    WeakAttribution,
    InconsistentFigure,
    StigmatisingLanguage,
    MissingHelpSeeking,
    SafeReporting,
    /// A file could not be read or is not text.
    Input,
    /// A configuration file is malformed.
    Config,
    /// An inline suppression that is malformed, names an unknown rule, or suppresses nothing.
    Suppression,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::UnsourcedStatistic => "unsourced-statistic",
            Category::WeakAttribution => "weak-attribution",
            Category::InconsistentFigure => "inconsistent-figure",
            Category::StigmatisingLanguage => "stigmatising-language",
            Category::MissingHelpSeeking => "missing-help-seeking",
            Category::SafeReporting => "safe-reporting",
            Category::Input => "input",
            Category::Config => "config",
            Category::Suppression => "suppression",
        }
    }

    /// Problems with the run itself rather than with an article's content.
    pub fn is_pipeline(self) -> bool {
        matches!(self, Category::Input | Category::Config)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A replacement for a span of the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    /// Safe fixes may be applied without review; suggested ones need an editor's eye.
    pub safe: bool,
}

/// A secondary place in the same file, shown beside the primary span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A place in another (or the same) file that explains the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub path: String,
    pub span: Span,
    pub message: String,
    /// The lines around the location, for reports written after the other file is dropped.
    pub excerpt: Option<std::sync::Arc<crate::model::source::Excerpt>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub span: Span,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
    /// The lexicon entry a lexicon rule matched (`suicide/committed`), so a suppression can name
    /// one entry rather than the whole rule.
    pub entry: Option<String>,
}

impl Diagnostic {
    pub fn new(
        rule: impl Into<String>,
        category: Category,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule: rule.into(),
            category,
            severity,
            message: message.into(),
            help: None,
            span,
            labels: Vec::new(),
            fix: None,
            related: Vec::new(),
            entry: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sort key that makes output identical whatever order checks ran in.
    pub fn sort_key(&self) -> (usize, usize, &str, &str) {
        (self.span.start, self.span.end, &self.rule, &self.message)
    }
}
