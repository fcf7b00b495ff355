//! Check: run the configured rules over an analysed document.

use crate::analyse::Analysis;
use crate::config::RulesConfig;
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::Document;
use crate::rules::{CheckContext, REGISTRY, Rule};

/// The rules enabled for a group of files, each with the severity it reports at.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<(Box<dyn Rule>, Severity)>,
    /// Set when `figures/cross-article` is on: how to key each article's figures for the
    /// comparison that runs after the per-file pass.
    pub claims: Option<(
        std::sync::Arc<crate::rules::statistics::sourcing::Finder>,
        Severity,
    )>,
    /// The rule, family and lexicon entry names inline suppressions may use with these rules.
    pub suppression_names: crate::suppress::Names,
}

impl RuleSet {
    pub fn build(config: &RulesConfig) -> Result<RuleSet, String> {
        let mut rules = Vec::new();
        for spec in REGISTRY {
            let level = config
                .levels
                .get(spec.meta.id)
                .copied()
                .unwrap_or(spec.meta.default_level);
            let Some(severity) = level.severity() else {
                continue;
            };
            let rule =
                (spec.build)(&config.options).map_err(|e| format!("{}: {e}", spec.meta.id))?;
            rules.push((rule, severity));
        }
        let claims = match rules
            .iter()
            .find(|(r, _)| r.meta().id == crate::rules::figures::cross_article::META.id)
        {
            Some((_, severity)) => Some((config.options.statistics.finder()?, *severity)),
            None => None,
        };
        Ok(RuleSet {
            rules,
            claims,
            suppression_names: crate::suppress::Names::for_rules(config),
        })
    }

    /// The severity a rule reports at in this set, if it is enabled.
    pub fn severity_of(&self, id: &str) -> Option<Severity> {
        self.rules
            .iter()
            .find(|(r, _)| r.meta().id == id)
            .map(|(_, s)| *s)
    }

    pub fn check(&self, doc: &Document, analysis: &Analysis) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (rule, severity) in &self.rules {
            let ctx = CheckContext {
                doc,
                analysis,
                severity: *severity,
            };
            rule.check(&ctx, &mut out);
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup();
        out
    }
}
