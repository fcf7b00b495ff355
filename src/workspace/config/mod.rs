//! Configuration: `.carelint.yml` files, rule packs, and what they resolve to for one article.
//!
//! A file's configuration is a chain of layers applied in order: the packs the root-most file
//! extends (`recommended` when it says nothing), then each `.carelint.yml` from the root-most
//! down to the article's folder, each preceded by the packs it extends. Later layers win; lists
//! of options (allowed terms, extra lexicon entries) accumulate.

mod error;
pub mod json_schema;
mod load;
pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobBuilder, GlobMatcher};

pub use error::ConfigError;
pub use error::suggest;
pub use load::{CONFIG_NAMES, ConfigLoader, builtin_pack, display as display_path};
pub use schema::{ConfigFile, RulesConfig};

use crate::model::outcome::FailOn;
use crate::parse::{Format, ParseOptions};

/// One applied layer: a pack or a config file, with the folder its globs are relative to.
#[derive(Debug)]
pub struct Layer {
    pub name: String,
    pub base: PathBuf,
    pub file: ConfigFile,
    include: Vec<GlobMatcher>,
    exclude: Vec<GlobMatcher>,
    parse: Vec<(GlobMatcher, Format)>,
    overrides: Vec<(Vec<GlobMatcher>, usize)>,
}

/// The ordered layers that apply to one folder.
#[derive(Debug)]
pub struct Chain {
    /// Unique per chain, so rule sets can be cached per (chain, overrides) pair.
    pub id: usize,
    pub layers: Vec<Arc<Layer>>,
}

/// A chain id plus the (layer, override) pairs that matched: equal keys mean equal rules.
pub type SettingsKey = (usize, Vec<(usize, usize)>);

/// What the configuration says about one article.
#[derive(Debug, Clone)]
pub struct FileSettings {
    pub included: bool,
    pub parse: ParseOptions,
    pub rules: RulesConfig,
    /// Identifies `rules`: files with equal keys share one compiled rule set.
    pub key: SettingsKey,
}

impl Layer {
    pub fn new(name: String, base: PathBuf, file: ConfigFile) -> Result<Self, String> {
        let globs = |list: &[String]| -> Result<Vec<GlobMatcher>, String> {
            list.iter().map(|g| compile_glob(g)).collect()
        };
        let include = globs(&file.include)?;
        let exclude = globs(&file.exclude)?;
        let parse = file
            .parse
            .iter()
            .map(|(g, f)| compile_glob(g).map(|m| (m, *f)))
            .collect::<Result<_, _>>()?;
        let mut overrides = Vec::new();
        for (i, o) in file.overrides.iter().enumerate() {
            overrides.push((globs(&o.files)?, i));
        }
        Ok(Layer {
            name,
            base,
            file,
            include,
            exclude,
            parse,
            overrides,
        })
    }

    fn relative<'p>(&self, path: &'p Path) -> Option<&'p Path> {
        if self.base.as_os_str().is_empty() {
            return Some(path);
        }
        path.strip_prefix(&self.base).ok()
    }
}

/// The reader a layer's `extensions:` gives `path`'s extension (written with or without the
/// dot, in any case).
fn extension_format(layer: &Layer, path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?;
    layer.file.extensions.iter().find_map(|(e, f)| {
        e.trim_start_matches('.')
            .eq_ignore_ascii_case(extension)
            .then_some(*f)
    })
}

fn compile_glob(glob: &str) -> Result<GlobMatcher, String> {
    // A glob without a slash matches a file name at any depth, as in .gitignore.
    let pattern = if glob.contains('/') {
        glob.trim_start_matches("./").to_string()
    } else {
        format!("**/{glob}")
    };
    GlobBuilder::new(&pattern)
        .literal_separator(true)
        .build()
        .map(|g: Glob| g.compile_matcher())
        .map_err(|e| format!("invalid glob `{glob}`: {e}"))
}

impl Chain {
    /// Resolves the settings for `path` (absolute, or relative to the working directory in the
    /// same way as the layers' bases).
    pub fn settings_for(&self, path: &Path) -> FileSettings {
        let mut rules = RulesConfig::default();
        let mut format = None;
        let mut included = true;
        let mut matched = Vec::new();
        let mut parse = ParseOptions::for_path(path);
        for (li, layer) in self.layers.iter().enumerate() {
            rules.merge(&layer.file.rules);
            if let Some(f) = extension_format(layer, path) {
                parse.format = f;
            }
            let Some(rel) = layer.relative(path) else {
                continue;
            };
            if !layer.include.is_empty() {
                included = layer.include.iter().any(|g| g.is_match(rel));
            }
            if layer.exclude.iter().any(|g| g.is_match(rel)) {
                included = false;
            }
            for (glob, f) in &layer.parse {
                if glob.is_match(rel) {
                    format = Some(*f);
                }
            }
            for (globs, oi) in &layer.overrides {
                if globs.iter().any(|g| g.is_match(rel)) {
                    let o = &layer.file.overrides[*oi];
                    rules.merge(&o.rules);
                    if let Some(f) = o.parse {
                        format = Some(f);
                    }
                    matched.push((li, *oi));
                }
            }
        }
        FileSettings {
            included,
            parse: ParseOptions {
                format: format.unwrap_or(parse.format),
                plain_shapes: parse.plain_shapes,
            },
            rules,
            key: (self.id, matched),
        }
    }

    /// Whether a file found in a folder is an article to lint though its extension is not a
    /// built-in one: the configuration adds its extension, or names it in `parse:` or
    /// `include:`.
    pub fn reads(&self, path: &Path) -> bool {
        self.layers.iter().any(|layer| {
            extension_format(layer, path).is_some()
                || layer.relative(path).is_some_and(|rel| {
                    layer.parse.iter().any(|(g, _)| g.is_match(rel))
                        || layer.include.iter().any(|g| g.is_match(rel))
                })
        })
    }

    /// The run-level settings (`fail_on`, `max_warnings`, `max_file_size`) of the last layer
    /// that sets each.
    pub fn fail_on(&self) -> Option<FailOn> {
        self.layers.iter().rev().find_map(|l| l.file.fail_on)
    }

    pub fn max_warnings(&self) -> Option<usize> {
        self.layers.iter().rev().find_map(|l| l.file.max_warnings)
    }

    pub fn report_unused_disables(&self) -> Option<bool> {
        self.layers
            .iter()
            .rev()
            .find_map(|l| l.file.report_unused_disables)
    }

    pub fn max_file_size(&self) -> Option<u64> {
        self.layers.iter().rev().find_map(|l| l.file.max_file_size)
    }
}

/// A commented starter configuration, written by `carelint init`.
pub const STARTER: &str = include_str!("starter.yml");
