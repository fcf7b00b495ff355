//! Discover: which files to lint.
//!
//! Folders are walked with the `ignore` crate, so `.gitignore`, `.ignore`, `.carelintignore` and
//! hidden files are respected, in a git checkout or not. Files named on the command line are
//! linted whatever their extension; arguments with glob characters that name no file are
//! expanded.

use std::path::{Path, PathBuf};

use globset::GlobBuilder;
use ignore::WalkBuilder;

/// Extensions of article files found by walking folders.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// A path that could not be walked, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryError {
    pub path: PathBuf,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    /// Sorted, without duplicates, as given (relative where the input was relative).
    pub files: Vec<PathBuf>,
    pub errors: Vec<DiscoveryError>,
}

pub fn discover(inputs: &[PathBuf]) -> Discovered {
    let mut out = Discovered::default();
    for input in inputs {
        if input.is_file() || is_special(input) {
            // Named pipes and devices go on to `read`, which skips them with a warning.
            out.files.push(clean(input));
        } else if input.is_dir() {
            walk(input, None, &mut out);
        } else if let Some((root, glob)) = split_glob(input) {
            walk(&root, Some(&glob), &mut out);
        } else {
            let message = match std::fs::symlink_metadata(input) {
                Ok(_) => "not a file or folder (a broken link?)".to_string(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    "no such file or folder".to_string()
                }
                Err(e) => e.to_string(),
            };
            out.errors.push(DiscoveryError {
                path: clean(input),
                message,
            });
        }
    }
    out.files.sort();
    out.files.dedup();
    out
}

/// A named pipe, socket or device (what `metadata` says, links followed).
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

fn walk(root: &Path, glob: Option<&globset::GlobMatcher>, out: &mut Discovered) {
    let walker = WalkBuilder::new(root)
        // Without this, .gitignore is ignored outside a git checkout.
        .require_git(false)
        .follow_links(true)
        .add_custom_ignore_filename(".carelintignore")
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                // Special files named like articles are kept so `read` can say why it skips
                // them; folders and links to them are walked, not linted.
                let is_file = entry.file_type().is_some_and(|t| !t.is_dir());
                if !is_file || !is_article(path) {
                    continue;
                }
                if let Some(glob) = glob
                    && !glob.is_match(clean(path))
                {
                    continue;
                }
                out.files.push(clean(path));
            }
            Err(error) => {
                let error = walk_error(root, &error);
                // A dangling `photo.png` link is none of carelint's business.
                let other_file = error.path.extension().is_some() && !is_article(&error.path);
                if !other_file {
                    out.errors.push(error);
                }
            }
        }
    }
}

fn walk_error(root: &Path, error: &ignore::Error) -> DiscoveryError {
    let mut path = root.to_path_buf();
    let mut err = error;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = p.clone();
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => {
                err = inner;
            }
            _ => break,
        }
    }
    let message = match err {
        ignore::Error::Loop { child, .. } => {
            path = child.clone();
            "symbolic link loop; not followed".to_string()
        }
        other => other.to_string(),
    };
    DiscoveryError {
        path: clean(&path),
        message,
    }
}

/// Splits `articles/**/*.md` into the folder to walk (`articles`) and a matcher for the whole.
fn split_glob(input: &Path) -> Option<(PathBuf, globset::GlobMatcher)> {
    let text = input.to_str()?;
    if !text.contains(['*', '?', '[', '{']) {
        return None;
    }
    let matcher = GlobBuilder::new(text.trim_start_matches("./"))
        .literal_separator(true)
        .build()
        .ok()?
        .compile_matcher();
    let mut root = PathBuf::new();
    for part in Path::new(text).components() {
        let s = part.as_os_str().to_string_lossy();
        if s.contains(['*', '?', '[', '{']) {
            break;
        }
        root.push(part);
    }
    if root.as_os_str().is_empty() {
        root.push(".");
    }
    Some((root, matcher))
}

/// Drops a leading `./` so paths print the way users write them.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_split_into_root_and_matcher() {
        let (root, m) = split_glob(Path::new("docs/**/*.md")).unwrap();
        assert_eq!(root, PathBuf::from("docs"));
        assert!(m.is_match("docs/a/b.md"));
        assert!(!m.is_match("docs/a/b.txt"));
        assert!(split_glob(Path::new("plain/path.md")).is_none());
    }
}
