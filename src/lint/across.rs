//! The phase over all articles. A rule that compares articles with each other (its meta has
//! `across_articles`) leaves records from each article ([`crate::rules::Rule::across_articles`],
//! on the worker that linted it); its run-wide [`Comparison`] takes them in path order and
//! reports on the later article. The run, `check-claims` and the language server all go
//! through [`Comparisons`]; none of them names a rule. The server compares an open document
//! with every other article of its folder ([`Comparisons::findings`] after
//! [`Comparisons::add`]), not only those before it in path order.

use std::sync::Arc;

use crate::analyse::figures::ClaimRecord;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::rules::{Comparison, REGISTRY};

/// The records one rule keeps from one article, and the severity of that rule for the article.
#[derive(Debug, Clone)]
pub struct RuleRecords {
    pub rule: &'static str,
    pub severity: Severity,
    pub records: Vec<ClaimRecord>,
}

/// What one article leaves for the comparisons across articles: one entry per rule that has
/// the phase and is on for the article.
#[derive(Debug, Clone, Default)]
pub struct ArticleRecords(pub Vec<RuleRecords>);

impl ArticleRecords {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every record, whatever rule kept it.
    pub fn records(&self) -> impl Iterator<Item = &ClaimRecord> {
        self.0.iter().flat_map(|r| &r.records)
    }
}

/// One run's comparisons: a [`Comparison`] for every registered rule that compares articles.
pub struct Comparisons {
    rules: Vec<(&'static str, Box<dyn Comparison>)>,
}

impl Default for Comparisons {
    fn default() -> Self {
        Comparisons {
            rules: REGISTRY
                .iter()
                .filter_map(|spec| Some((spec.meta.id, (spec.meta.across_articles?)())))
                .collect(),
        }
    }
}

impl Comparisons {
    /// The findings on the next article in path order, compared with every article before it;
    /// then its records join the comparisons.
    pub fn next(&mut self, article: ArticleRecords) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for kept in article.0 {
            if let Some((_, comparison)) = self.rules.iter_mut().find(|(id, _)| *id == kept.rule) {
                out.extend(comparison.next(kept.records, kept.severity));
            }
        }
        out
    }
}

impl Comparisons {
    /// The findings on an article compared with every article added so far, which it does not
    /// join: the language server compares an open document with the rest of its folder.
    /// Findings in offset order.
    pub fn findings(&self, article: &ArticleRecords) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for kept in &article.0 {
            if let Some((_, comparison)) = self.rules.iter().find(|(id, _)| *id == kept.rule) {
                out.extend(comparison.findings(&kept.records, kept.severity));
            }
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    /// Adds an article's records without looking for findings on it.
    pub fn add(&mut self, article: &SharedRecords) {
        for (rule, records) in &article.0 {
            if let Some((_, comparison)) = self.rules.iter_mut().find(|(id, _)| id == rule) {
                comparison.add(records.clone());
            }
        }
    }
}

/// An article's records, shared: an index that keeps them (the language server's, of a
/// workspace folder) adds them to many comparisons without copying them.
#[derive(Debug, Clone, Default)]
pub struct SharedRecords(pub Vec<(&'static str, Vec<Arc<ClaimRecord>>)>);

impl SharedRecords {
    /// Every record, whatever rule kept it.
    pub fn records(&self) -> impl Iterator<Item = &Arc<ClaimRecord>> {
        self.0.iter().flat_map(|(_, r)| r)
    }
}

impl From<ArticleRecords> for SharedRecords {
    fn from(article: ArticleRecords) -> Self {
        SharedRecords(
            article
                .0
                .into_iter()
                .map(|r| (r.rule, r.records.into_iter().map(Arc::new).collect()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::lint::article::lint_source_and_records;
    use crate::lint::rule_set::RuleSet;
    use crate::model::source::SourceFile;
    use crate::parse::ParseOptions;
    use crate::workspace::config::RulesConfig;

    /// The records `check` keeps from a fixture of `figures/cross-article`, under `path`.
    fn records(fixture: &str, path: &str) -> ArticleRecords {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(dir.join(fixture)).expect("fixture");
        let rules = RuleSet::build(&RulesConfig::default()).expect("default rules");
        let source = Arc::new(SourceFile::new(path, text));
        lint_source_and_records(source, ParseOptions::default(), &rules, true).1
    }

    const TEARS: &str = "fixtures/figures/cross-article/a-tears.md";
    const MEN: &str = "fixtures/figures/cross-article/b-men.md";

    /// An article compared with the ones added finds what a run over them finds on it as the
    /// later article, in either order, and does not join the comparison.
    #[test]
    fn findings_compare_an_article_with_those_added_without_it_joining() {
        let mut run = Comparisons::default();
        assert!(run.next(records(TEARS, "a.md")).is_empty());
        let in_run = run.next(records(MEN, "b.md"));
        assert_eq!(in_run.len(), 1, "{in_run:?}");
        assert_eq!(in_run[0].rule, "figures/cross-article");
        assert_eq!(in_run[0].related[0].path, "a.md");

        let mut others = Comparisons::default();
        others.add(&records(TEARS, "a.md").into());
        assert_eq!(others.findings(&records(MEN, "b.md")), in_run);
        // The document did not join: it is not compared with itself.
        assert_eq!(others.findings(&records(MEN, "b.md")), in_run);

        // Unlike a run, which reports on the later path only, an editor's document is
        // compared with every other article.
        let mut others = Comparisons::default();
        others.add(&records(MEN, "b.md").into());
        assert_eq!(others.findings(&records(TEARS, "a.md")).len(), 1);
        assert!(
            Comparisons::default()
                .findings(&records(MEN, "b.md"))
                .is_empty()
        );
    }
}
