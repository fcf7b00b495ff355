//! One article: parse → analyse → check with a rule set, plus what the article leaves for the
//! comparisons across articles and its suppression table.

use std::sync::Arc;

use crate::analyse::analyse;
use crate::lint::across::ArticleRecords;
use crate::lint::rule_set::RuleSet;
use crate::lint::suppress::{ApplyOptions, Suppressions};
use crate::model::diagnostic::{Category, Diagnostic, Severity};
use crate::model::source::{SourceFile, Span};
use crate::parse::{ParseOptions, parse};
use crate::timings::{Clock, Stage};

/// Lints one article's text with a rule set: parse → analyse → check, with the article's
/// inline suppressions applied.
pub fn lint_source(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
) -> Vec<Diagnostic> {
    let linted = lint_article(Arc::clone(&source), options, rules, false, None);
    linted
        .suppressions
        .apply(linted.diagnostics, Some(&source), ApplyOptions::default())
        .0
}

/// One article's findings (before suppressions), keyed figures and suppression table.
pub struct Linted {
    pub diagnostics: Vec<Diagnostic>,
    /// The records it leaves for the rules that compare articles; empty unless asked for and
    /// such a rule is on.
    pub records: ArticleRecords,
    pub suppressions: Suppressions,
}

/// Lints one article and, when `want_records`, collects what it leaves for the rules that
/// compare articles ([`crate::lint::across`]). Suppressions are not applied.
pub fn lint_source_and_records(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
    want_records: bool,
) -> (Vec<Diagnostic>, ArticleRecords) {
    let linted = lint_article(source, options, rules, want_records, None);
    (linted.diagnostics, linted.records)
}

/// [`lint_source_and_records`] with the article's suppression table, to apply after the run.
pub fn lint_article(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
    want_records: bool,
    clock: Option<&Clock>,
) -> Linted {
    let lap = |stage: Stage, since: Option<std::time::Instant>| {
        clock.zip(since).map(|(c, t)| c.lap(stage, t))
    };
    let t = clock.map(|_| std::time::Instant::now());
    let doc = {
        let _stage = crate::work::enter("parse");
        parse(source, options)
    };
    let t = lap(Stage::Parse, t);
    let (suppressions, analysis) = {
        let _stage = crate::work::enter("analyse");
        let suppressions = Suppressions::build(&doc, &rules.suppression_names);
        (suppressions, analyse(&doc))
    };
    let t = lap(Stage::Analyse, t);
    let records = if want_records {
        let _stage = crate::work::enter("cross-article: claims");
        rules.across_articles(&doc, &analysis)
    } else {
        ArticleRecords::default()
    };
    let mut diagnostics = rules.check(&doc, &analysis);
    if let Some((at, message)) = doc.front_matter.as_ref().and_then(|f| f.error.clone()) {
        let at = doc.source.text.floor_char_boundary(at);
        diagnostics.push(
            Diagnostic::new(
                "input",
                Category::Input,
                Severity::Warning,
                Span::new(at, at),
                format!("front matter is not valid YAML: {message}"),
            )
            .with_help("rules that read front matter (title, metadata) skip this article's"),
        );
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    if let Some(why) = &doc.read_as_plain {
        diagnostics.push(
            Diagnostic::new(
                "input",
                Category::Input,
                Severity::Info,
                Span::default(),
                why.clone(),
            )
            .with_help("no article nests lists or quotes this deep; check how the file was made"),
        );
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    lap(Stage::Check, t);
    Linted {
        diagnostics,
        records,
        suppressions,
    }
}
