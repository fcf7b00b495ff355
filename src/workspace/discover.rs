//! Discover: which files to lint.
//!
//! Folders are walked with the `ignore` crate, so `.gitignore`, `.ignore`, `.carelintignore` and
//! hidden files are respected, in a git checkout or not. Files named on the command line are
//! linted whatever their extension; arguments with glob characters that name no file are
//! expanded.

use std::path::{Path, PathBuf};

use globset::GlobBuilder;
use ignore::WalkBuilder;

/// Extensions of article files found by walking folders (the configuration can add more).
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "mdx", "html", "htm", "xhtml"];

/// A path that could not be walked, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryError {
    pub path: PathBuf,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    /// Sorted, without duplicates, as given (relative where the input was relative); one path
    /// per file, even when links or several inputs reach it twice.
    pub files: Vec<PathBuf>,
    pub errors: Vec<DiscoveryError>,
}

pub fn discover(inputs: &[PathBuf]) -> Discovered {
    discover_with(inputs, &mut |_| false)
}

/// [`discover`], also taking files in folders that `also` accepts though their extension is
/// not an article's (the configuration's `extensions:`, `parse:` and `include:`).
pub fn discover_with(inputs: &[PathBuf], also: &mut dyn FnMut(&Path) -> bool) -> Discovered {
    let mut out = Discovered::default();
    // Only links and overlapping inputs can name one file twice; resolving every path costs a
    // system call per file, so it is done only then.
    let mut aliased = inputs.len() > 1;
    for input in inputs {
        if input.is_file() || is_special(input) {
            // Named pipes and devices go on to `read`, which skips them with a warning.
            out.files.push(clean(input));
        } else if input.is_dir() {
            aliased |= walk(input, None, &mut out, also);
        } else if let Some((root, glob)) = split_glob(input) {
            if !root.exists() {
                out.errors.push(DiscoveryError {
                    path: clean(input),
                    message: format!(
                        "no such folder `{}`, so the pattern matches nothing",
                        clean(&root).display()
                    ),
                });
                continue;
            }
            aliased |= walk(&root, Some(&glob), &mut out, also);
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
    if aliased {
        keep_first_per_file(&mut out.files);
    }
    out
}

/// Keeps the first path (in sorted order) to each file: a folder reached through a link and
/// directly, or through two links, would otherwise be linted twice, and `fix` would edit it
/// twice. Paths that cannot be resolved are kept; `read` reports them.
fn keep_first_per_file(files: &mut Vec<PathBuf>) {
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| match std::fs::canonicalize(f) {
        Ok(real) => seen.insert(real),
        Err(_) => true,
    });
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

/// Walks `root` into `out`; returns whether it met a symbolic link.
fn walk(
    root: &Path,
    glob: Option<&globset::GlobMatcher>,
    out: &mut Discovered,
    also: &mut dyn FnMut(&Path) -> bool,
) -> bool {
    let mut linked = false;
    let walker = WalkBuilder::new(root)
        // Without this, .gitignore is ignored outside a git checkout.
        .require_git(false)
        .follow_links(true)
        .add_custom_ignore_filename(".carelintignore")
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                linked |= entry.path_is_symlink();
                let path = entry.path();
                // Special files named like articles are kept so `read` can say why it skips
                // them; folders and links to them are walked, not linted.
                let is_file = entry.file_type().is_some_and(|t| !t.is_dir());
                if !is_file || !(is_article(path) || also(&clean(path))) {
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
    linked
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

    #[cfg(unix)]
    #[test]
    fn a_file_reached_twice_through_links_is_listed_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("root"), dir.path().join("outside"));
        std::fs::create_dir_all(root.join("own")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("own/a.md"), "A.\n").unwrap();
        std::fs::write(outside.join("x.md"), "X.\n").unwrap();
        // Two links to one folder outside the root, and one to a folder inside it.
        symlink(&outside, root.join("link1")).unwrap();
        symlink(&outside, root.join("link2")).unwrap();
        symlink(root.join("own"), root.join("same")).unwrap();
        let rel = |found: &Discovered| -> Vec<String> {
            found
                .files
                .iter()
                .map(|f| {
                    f.strip_prefix(dir.path())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        };
        let found = discover(std::slice::from_ref(&root));
        assert_eq!(rel(&found), ["root/link1/x.md", "root/own/a.md"]);
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        // The folder named directly as well: the first path in sorted order wins.
        let found = discover(&[root, outside.clone()]);
        assert_eq!(rel(&found), ["outside/x.md", "root/own/a.md"]);
        // Without links, nothing is resolved or dropped.
        let plain = discover(std::slice::from_ref(&outside));
        assert_eq!(rel(&plain), ["outside/x.md"]);
    }
}
