//! Finding, reading and chaining configuration files and packs.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::error::ConfigError;
use super::schema::ConfigFile;
use super::{Chain, Layer};
use crate::model::source::{SourceFile, Span};

/// File names carelint looks for in each folder, in order.
pub const CONFIG_NAMES: &[&str] = &[".carelint.yml", ".carelint.yaml"];

/// Built-in packs (`rules/NAME.yml`), compiled into the binary.
pub fn builtin_pack(name: &str) -> Option<&'static str> {
    crate::data::pack(name)
}

static NEXT_CHAIN: AtomicUsize = AtomicUsize::new(1);

/// Loads configuration once per folder and remembers errors, so a broken file is reported once
/// and only the articles it governs are skipped.
pub struct ConfigLoader {
    cwd: PathBuf,
    /// `cwd` with symbolic links resolved, to show paths that reach it through a link.
    real_cwd: Option<PathBuf>,
    forced: Option<Result<Arc<Chain>, ()>>,
    /// Folder (absolute, normalised) → chain, or `Err` when a config on the way is broken.
    folders: HashMap<PathBuf, Result<Arc<Chain>, ()>>,
    pub errors: Vec<ConfigError>,
}

impl ConfigLoader {
    /// `forced` is `--config FILE`: it alone applies to every article (no cascade).
    pub fn new(cwd: PathBuf, forced: Option<&Path>) -> Self {
        let cwd = normalise(&cwd, Path::new(""));
        let mut loader = ConfigLoader {
            real_cwd: cwd.canonicalize().ok(),
            cwd,
            forced: None,
            folders: HashMap::new(),
            errors: Vec::new(),
        };
        if let Some(path) = forced {
            let abs = normalise(&loader.cwd, path);
            // Shown like a discovered file: relative under the working directory, so SARIF and
            // annotations can place it however `--config` was spelt.
            let shown = loader.display_path(&abs);
            let result = loader.file_layers(&abs, &shown, true).map(|layers| {
                Arc::new(Chain {
                    id: NEXT_CHAIN.fetch_add(1, Ordering::Relaxed),
                    layers,
                })
            });
            loader.forced = Some(result);
        }
        loader
    }

    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The absolute, normalised form of a path given relative to the working directory.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        normalise(&self.cwd, path)
    }

    /// The chain for an article at `path`, or `None` if a configuration on the way is broken
    /// (the error is in `errors`).
    pub fn chain_for(&mut self, path: &Path) -> Option<Arc<Chain>> {
        if let Some(forced) = &self.forced {
            return forced.as_ref().ok().cloned();
        }
        let abs = self.absolute(path);
        let dir = abs.parent().map_or_else(|| abs.clone(), Path::to_path_buf);
        self.chain_for_dir(&dir).ok()
    }

    /// The chain for articles directly in `dir` (run-level settings come from the working
    /// directory's chain).
    pub fn chain_for_folder(&mut self, dir: &Path) -> Option<Arc<Chain>> {
        if let Some(forced) = &self.forced {
            return forced.as_ref().ok().cloned();
        }
        let abs = self.absolute(dir);
        self.chain_for_dir(&abs).ok()
    }

    fn chain_for_dir(&mut self, dir: &Path) -> Result<Arc<Chain>, ()> {
        if let Some(found) = self.folders.get(dir) {
            return found.clone();
        }
        let result = self.build_chain(dir);
        self.folders.insert(dir.to_path_buf(), result.clone());
        result
    }

    fn build_chain(&mut self, dir: &Path) -> Result<Arc<Chain>, ()> {
        let config = CONFIG_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file());
        let is_top = dir.join(".git").exists() || dir.parent().is_none();
        let Some(config) = config else {
            if is_top {
                return self.default_chain();
            }
            let parent = dir.parent().map(Path::to_path_buf).unwrap_or_default();
            return self.chain_for_dir(&parent);
        };
        let shown = self.display_path(&config);
        let (file, source) = self.read(&config, &shown)?;
        let root_most = file.root || is_top;
        let mut layers = if root_most {
            Vec::new()
        } else {
            let parent = dir.parent().map(Path::to_path_buf).unwrap_or_default();
            self.chain_for_dir(&parent)?.layers.clone()
        };
        let own = self.layers_of(file, &config, &source, root_most, &mut Vec::new(), None)?;
        layers.extend(own);
        Ok(Arc::new(Chain {
            id: NEXT_CHAIN.fetch_add(1, Ordering::Relaxed),
            layers,
        }))
    }

    fn default_chain(&mut self) -> Result<Arc<Chain>, ()> {
        let layers = self.pack_layers("recommended", None, &mut Vec::new(), Path::new(""))?;
        Ok(Arc::new(Chain { id: 0, layers }))
    }

    /// The layers a config file contributes: its packs, then itself.
    fn file_layers(
        &mut self,
        path: &Path,
        shown: &str,
        root_most: bool,
    ) -> Result<Vec<Arc<Layer>>, ()> {
        if !path.is_file() {
            let source = Arc::new(SourceFile::new(shown.to_string(), ""));
            self.errors.push(ConfigError::new(
                source,
                Span::default(),
                format!("cannot read configuration `{shown}`: no such file"),
                None,
            ));
            return Err(());
        }
        let (file, source) = self.read(path, shown)?;
        self.layers_of(file, path, &source, root_most, &mut Vec::new(), None)
    }

    /// `globs` is the folder the file's globs are relative to: its own for a configuration
    /// file, and for a pack (at any depth) the folder of the configuration that extends it, so
    /// a pack's `fiction/**` means what it would mean written in that configuration.
    fn layers_of(
        &mut self,
        file: ConfigFile,
        path: &Path,
        source: &Arc<SourceFile>,
        root_most: bool,
        seen: &mut Vec<PathBuf>,
        globs: Option<&Path>,
    ) -> Result<Vec<Arc<Layer>>, ()> {
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let globs = globs.map_or_else(|| base.clone(), Path::to_path_buf);
        let extends = match &file.extends {
            Some(list) => list.clone(),
            None if root_most => vec!["recommended".to_string()],
            None => Vec::new(),
        };
        let mut layers = Vec::new();
        for pack in &extends {
            let found = self.pack_layers(pack, Some((&base, source)), seen, &globs)?;
            layers.extend(found);
        }
        let layer = Layer::new(source.path.clone(), globs, file).map_err(|message| {
            self.errors.push(ConfigError::new(
                Arc::clone(source),
                Span::default(),
                message,
                None,
            ));
        })?;
        layers.push(Arc::new(layer));
        Ok(layers)
    }

    /// Layers of a pack named in `extends`: a built-in name or a path relative to the config;
    /// its globs are relative to `globs`.
    fn pack_layers(
        &mut self,
        name: &str,
        from: Option<(&Path, &Arc<SourceFile>)>,
        seen: &mut Vec<PathBuf>,
        globs: &Path,
    ) -> Result<Vec<Arc<Layer>>, ()> {
        if let Some(text) = builtin_pack(name) {
            let source = Arc::new(SourceFile::new(format!("<builtin:{name}>"), text));
            let file = self.parse(&source)?;
            let mut layers = Vec::new();
            if let Some(inner) = &file.extends {
                for pack in inner.clone() {
                    layers.extend(self.pack_layers(&pack, None, seen, globs)?);
                }
            }
            let layer = Layer::new(source.path.clone(), PathBuf::new(), file).map_err(|_| ())?;
            layers.push(Arc::new(layer));
            return Ok(layers);
        }
        let Some((base, referrer)) = from else {
            return Err(());
        };
        let looks_like_path =
            name.contains('/') || name.ends_with(".yml") || name.ends_with(".yaml");
        if !looks_like_path {
            let suggestion = super::error::suggest(name, crate::data::pack_names());
            self.errors.push(self.pointed(
                referrer,
                name,
                format!("unknown pack `{name}`"),
                Some(match suggestion {
                    Some(s) => format!(
                        "did you mean `{s}`? Packs are built-in names ({}) or paths to YAML files",
                        crate::data::pack_names().collect::<Vec<_>>().join(", ")
                    ),
                    None => format!(
                        "packs are built-in names ({}) or paths to YAML files",
                        crate::data::pack_names().collect::<Vec<_>>().join(", ")
                    ),
                }),
            ));
            return Err(());
        }
        let path = normalise(base, Path::new(name));
        if seen.contains(&path) {
            self.errors.push(self.pointed(
                referrer,
                name,
                format!("pack `{name}` extends itself"),
                None,
            ));
            return Err(());
        }
        if !path.is_file() {
            self.errors.push(self.pointed(
                referrer,
                name,
                format!("pack `{name}` not found at {}", self.display_path(&path)),
                None,
            ));
            return Err(());
        }
        seen.push(path.clone());
        let shown = self.display_path(&path);
        let (file, source) = self.read(&path, &shown)?;
        let layers = self.layers_of(file, &path, &source, false, seen, Some(globs));
        seen.pop();
        layers
    }

    fn pointed(
        &self,
        source: &Arc<SourceFile>,
        needle: &str,
        message: String,
        help: Option<String>,
    ) -> ConfigError {
        let span = source
            .text
            .match_indices(needle)
            .map(|(at, _)| at)
            .find(|&at| !super::error::in_comment(&source.text, at))
            .map_or(Span::default(), |at| Span::new(at, at + needle.len()));
        ConfigError::new(Arc::clone(source), span, message, help)
    }

    fn read(&mut self, path: &Path, shown: &str) -> Result<(ConfigFile, Arc<SourceFile>), ()> {
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    let source = Arc::new(SourceFile::new(shown.to_string(), ""));
                    self.errors.push(ConfigError::new(
                        source,
                        Span::default(),
                        format!(
                            "configuration `{shown}` is not valid UTF-8 (byte {})",
                            e.utf8_error().valid_up_to()
                        ),
                        None,
                    ));
                    return Err(());
                }
            },
            Err(e) => {
                let source = Arc::new(SourceFile::new(shown.to_string(), ""));
                self.errors.push(ConfigError::new(
                    source,
                    Span::default(),
                    format!("cannot read configuration `{shown}`: {e}"),
                    None,
                ));
                return Err(());
            }
        };
        let source = Arc::new(SourceFile::new(shown.to_string(), text));
        let file = self.parse(&source)?;
        Ok((file, source))
    }

    fn parse(&mut self, source: &Arc<SourceFile>) -> Result<ConfigFile, ()> {
        if source.text.trim().is_empty() {
            return Ok(ConfigFile::default());
        }
        // serde stops at the first error. To report every error at once, the entry at fault
        // is blanked out (spaces, so every offset stays the same) and the text parsed again,
        // until it parses or an error repeats (a syntax error spoils what follows it).
        let mut text = source.text.to_string();
        let mut found: Vec<ConfigError> = Vec::new();
        let mut blanked_from = usize::MAX;
        let parsed = loop {
            match serde_yaml::from_str::<ConfigFile>(&text) {
                Ok(file) => break Ok(file),
                Err(e) => {
                    let error = ConfigError::from_yaml(Arc::clone(source), &e);
                    let at = error.diagnostic.span.start;
                    // A key left without a value, or an entry left without a required field,
                    // by the blanking is no error of its own.
                    let blanked = blanked_from != usize::MAX;
                    let cascade = blanked
                        && ((at < blanked_from && empty_key_at(&text, at))
                            || e.to_string().contains("missing field"));
                    let repeated = found.iter().any(|f| f.diagnostic.span.start == at);
                    if !repeated && !cascade {
                        found.push(error);
                    }
                    let syntax = is_syntax_error(&e.to_string());
                    if syntax || repeated || found.len() >= MAX_ERRORS {
                        break Err(());
                    }
                    match blank_entry(&mut text, at) {
                        Some(start) => blanked_from = blanked_from.min(start),
                        None => break Err(()),
                    }
                }
            }
        };
        if found.is_empty() {
            return parsed;
        }
        self.errors.extend(found);
        Err(())
    }

    /// A configuration's path for reports: relative to the working directory when it is under
    /// it (also when reached through a symbolic link to it), else absolute.
    fn display_path(&self, abs: &Path) -> String {
        if let Ok(rel) = abs.strip_prefix(&self.cwd) {
            return display(rel);
        }
        // Resolve the folder only: a `.carelint.yml` that is itself a link keeps its name.
        let real = abs
            .parent()
            .and_then(|dir| dir.canonicalize().ok())
            .zip(abs.file_name())
            .map(|(dir, name)| dir.join(name));
        match (real, &self.real_cwd) {
            (Some(real), Some(cwd)) => match real.strip_prefix(cwd) {
                Ok(rel) => display(rel),
                Err(_) => display(abs),
            },
            _ => display(abs),
        }
    }
}

/// A path for messages, with `/` separators and no leading `./`.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// `base.join(path)` with `.` and `..` resolved lexically (no file system access, so symlinks
/// and missing files behave predictably).
pub fn normalise(base: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The most errors reported for one configuration file.
const MAX_ERRORS: usize = 50;

/// A YAML syntax error spoils the rest of the file: report it alone.
fn is_syntax_error(message: &str) -> bool {
    [
        "while parsing",
        "while scanning",
        "did not find expected",
        "mapping values are not allowed",
        "found character that cannot start",
        "found unexpected",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// Whether the line holding `at` is a key with no value (`rules:`).
fn empty_key_at(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim_end().ends_with(':')
}

/// Blanks the YAML entry on the line holding `at`, with the lines indented under it, by
/// turning their bytes into spaces (line ends kept); returns where the blanked lines start,
/// or `None` when nothing was left to blank.
fn blank_entry(text: &mut String, at: usize) -> Option<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    let indent = |line: &str| line.len() - line.trim_start().len();
    let first_end = line_end(start);
    let first = &text[start..first_end];
    if first.trim().is_empty() {
        return None;
    }
    // A list item's children are indented past its dash; a key's past the key.
    let own = indent(first);
    let mut end = first_end;
    while end < text.len() {
        let next_start = end + 1;
        let next_end = line_end(next_start);
        let next = &text[next_start..next_end];
        if !next.trim().is_empty() && indent(next) <= own {
            break;
        }
        end = next_end;
    }
    let blanked: String = text[start..end]
        .chars()
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            c => " ".repeat(c.len_utf8()),
        })
        .collect();
    text.replace_range(start..end, &blanked);
    Some(start)
}
