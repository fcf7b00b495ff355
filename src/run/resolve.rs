//! Resolve: path → settings → rule set, written once for `check`, `fix`, `claims` and text
//! from stdin, with one cache of compiled rule sets (and citation finders) per configuration.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analyse::citations::Finder;
use crate::lint::rule_set::RuleSet;
use crate::workspace::config::{Chain, ConfigLoader, FileSettings, SettingsKey};
use crate::workspace::read::DEFAULT_MAX_FILE_SIZE;

/// What the configuration says about one article.
pub struct Resolved {
    pub settings: FileSettings,
    /// The chain of layers it came from.
    pub chain: Arc<Chain>,
}

impl Resolved {
    /// The largest file the configuration lets the run read.
    pub fn max_size(&self) -> u64 {
        self.chain.max_file_size().unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// The configuration file (or pack) that applies last: where a rule-set error is reported.
    pub fn config_name(&self) -> String {
        self.chain
            .layers
            .last()
            .map_or_else(String::new, |l| l.name.clone())
    }
}

/// A rule set that failed to build: the message the first time, `None` after, so a run reports
/// a broken configuration once however many files it covers.
pub type BuildError = Option<String>;

/// Resolves paths against the configuration cascade and compiles each distinct configuration's
/// rules once.
pub struct Resolver {
    pub loader: ConfigLoader,
    sets: HashMap<SettingsKey, Option<Arc<RuleSet>>>,
    finders: HashMap<SettingsKey, Result<Arc<Finder>, String>>,
}

impl Resolver {
    /// The configuration loader, once every file's rule set is resolved; with `keep_rule_sets`
    /// the rule sets are never freed (see [`super::RunOptions::exit_after`]).
    pub fn into_loader(self, keep_rule_sets: bool) -> ConfigLoader {
        let Resolver {
            loader,
            sets,
            finders,
        } = self;
        if keep_rule_sets {
            std::mem::forget(sets);
            std::mem::forget(finders);
        }
        loader
    }

    pub fn new(cwd: PathBuf, config: Option<&Path>) -> Self {
        Resolver {
            loader: ConfigLoader::new(cwd, config),
            sets: HashMap::new(),
            finders: HashMap::new(),
        }
    }

    /// The settings for `path`; `None` when a configuration on the way is broken (its error
    /// waits in `loader.errors`).
    pub fn resolve(&mut self, path: &Path) -> Option<Resolved> {
        let chain = self.loader.chain_for(path)?;
        let settings = chain.settings_for(&self.loader.absolute(path));
        Some(Resolved { settings, chain })
    }

    /// The compiled rules for `settings`, built on first use.
    pub fn rule_set(&mut self, settings: &FileSettings) -> Result<Arc<RuleSet>, BuildError> {
        let mut error = None;
        let set = self
            .sets
            .entry(settings.key.clone())
            .or_insert_with(|| match RuleSet::build(&settings.rules) {
                Ok(set) => Some(Arc::new(set)),
                Err(message) => {
                    error = Some(message);
                    None
                }
            })
            .clone();
        set.ok_or(error)
    }

    /// The citation finder for `settings`' statistics options, built on first use (`claims`
    /// keys figures with it without building the whole rule set).
    pub fn finder(&mut self, settings: &FileSettings) -> Result<Arc<Finder>, String> {
        self.finders
            .entry(settings.key.clone())
            .or_insert_with(|| {
                settings
                    .rules
                    .options
                    .get(&crate::rules::statistics::OPTIONS)
                    .finder()
                    .map(Arc::new)
            })
            .clone()
    }
}
