//! The rule set: the rules enabled for a group of files, run over an analysed document.

use crate::analyse::Analysis;
use crate::lint::across::{ArticleRecords, RuleRecords};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::parse::Document;
use crate::rules::{CheckContext, REGISTRY, Rule, Shared};
use crate::workspace::config::RulesConfig;

/// The rules enabled for a group of files, each with the severity it reports at.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<(Box<dyn Rule>, Severity)>,
    /// The rule, family and lexicon entry names inline suppressions may use with these rules.
    pub suppression_names: crate::lint::suppress::Names,
}

impl RuleSet {
    pub fn build(config: &RulesConfig) -> Result<RuleSet, String> {
        let mut rules = Vec::new();
        let mut shared = Shared::new(&config.options);
        for spec in REGISTRY {
            let level = config
                .levels
                .get(spec.meta.id)
                .copied()
                .unwrap_or(spec.meta.default_level);
            let Some(severity) = level.severity() else {
                continue;
            };
            let rule = (spec.build)(&mut shared).map_err(|e| format!("{}: {e}", spec.meta.id))?;
            rules.push((rule, severity));
        }
        Ok(RuleSet {
            rules,
            suppression_names: crate::lint::suppress::Names::for_rules(config),
        })
    }

    /// The severity a rule reports at in this set, if it is enabled.
    pub fn severity_of(&self, id: &str) -> Option<Severity> {
        self.rules
            .iter()
            .find(|(r, _)| r.meta().id == id)
            .map(|(_, s)| *s)
    }

    /// What one article leaves for the phase over all articles: the records of every enabled
    /// rule that compares articles (none when no such rule is on).
    pub fn across_articles(&self, doc: &Document, analysis: &Analysis) -> ArticleRecords {
        ArticleRecords(
            self.rules
                .iter()
                .filter(|(rule, _)| rule.meta().compares_articles())
                .filter_map(|(rule, severity)| {
                    let ctx = CheckContext {
                        doc,
                        analysis,
                        severity: *severity,
                        meta: rule.meta(),
                    };
                    Some(RuleRecords {
                        rule: rule.meta().id,
                        severity: *severity,
                        records: rule.across_articles(&ctx)?,
                    })
                })
                .collect(),
        )
    }

    pub fn check(&self, doc: &Document, analysis: &Analysis) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (rule, severity) in &self.rules {
            let ctx = CheckContext {
                doc,
                analysis,
                severity: *severity,
                meta: rule.meta(),
            };
            let _stage = crate::work::enter(rule.meta().id);
            rule.check(&ctx, &mut out);
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup();
        out
    }
}
