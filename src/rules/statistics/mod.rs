//! Rules about figures and where they come from.
//!
//! Both rules share one classification ([`crate::analyse::citations::figures`]) and one set of
//! options: options written under either rule id apply to both, so a publication says
//! `require: link` once.

pub mod unsourced;
pub mod weak_attribution;

use serde::Deserialize;

use crate::analyse::citations::{Finder, Require, Scope};
use crate::model::diagnostic::Level;

/// Options shared by `statistics/unsourced` and `statistics/weak-attribution`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatisticsOptions {
    pub level: Option<Level>,
    /// `link`: only followable sources count; `named-source-ok` (default): named studies and
    /// organisations count too.
    pub require: Option<Require>,
    /// `paragraph` (default): a source anywhere in the figure's paragraph counts;
    /// `sentence`: only in its sentence.
    pub scope: Option<Scope>,
    /// Names that count as sources (organisations, surveys, datasets).
    #[serde(default)]
    pub trusted_sources: Vec<String>,
    /// More phrases that count as weak attribution.
    #[serde(default)]
    pub weak_phrases: Vec<String>,
}

impl crate::rules::RuleOptions for StatisticsOptions {
    fn level(&self) -> Option<Level> {
        self.level
    }

    fn merge(&mut self, later: &StatisticsOptions) {
        crate::rules::replace_if_set(&mut self.level, &later.level);
        crate::rules::replace_if_set(&mut self.require, &later.require);
        crate::rules::replace_if_set(&mut self.scope, &later.scope);
        self.trusted_sources
            .extend(later.trusted_sources.iter().cloned());
        self.weak_phrases.extend(later.weak_phrases.iter().cloned());
    }
}

/// Where both rules keep their shared options.
pub const OPTIONS: crate::rules::OptionsKey<StatisticsOptions> =
    crate::rules::OptionsKey::new("statistics");

impl StatisticsOptions {
    /// The citation finder for these options. A rule set builds it once and shares it among
    /// its rules (see [`crate::rules::Shared::citations`]).
    pub fn finder(&self) -> Result<Finder, String> {
        Finder::new(
            self.require.unwrap_or_default(),
            self.scope.unwrap_or_default(),
            &self.trusted_sources,
            &self.weak_phrases,
        )
    }
}
