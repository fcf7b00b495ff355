//! `--changed-since REF`: which files and lines differ from a git ref.
//!
//! Git plumbing through `std::process::Command`, not a git library: the `git` a CI job already
//! has knows every repository format, worktree and config the checkout uses. The working tree
//! is compared with REF, so uncommitted edits count; untracked files that are not ignored count
//! as wholly changed; a renamed file is known by its new path (only its edited lines count);
//! deleted files are skipped.
//!
//! A pure deletion (`@@ -a,b +c,0 @@`) adds no line, but it can make a finding on a
//! neighbouring line new (deleting a figure's source makes the figure unsourced), so it marks
//! the line before and the line after the deletion as changed. Findings further away are not
//! reported; the full `check` on the base branch still sees them.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed 1-based line ranges (inclusive) per file, keyed by absolute path.
#[derive(Debug, Default, Clone)]
pub struct ChangedFiles {
    files: HashMap<PathBuf, Lines>,
}

/// What changed in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lines {
    /// New to git (untracked): every line counts.
    All,
    /// Inclusive, 1-based ranges of the working-tree file, sorted.
    Ranges(Vec<(usize, usize)>),
}

impl Lines {
    /// Whether any line in `first..=last` changed.
    pub fn intersects(&self, first: usize, last: usize) -> bool {
        match self {
            Lines::All => true,
            Lines::Ranges(ranges) => ranges.iter().any(|&(a, b)| a <= last && first <= b),
        }
    }
}

impl ChangedFiles {
    /// The changes of the repository that contains `cwd`, against `git_ref`.
    pub fn since(git_ref: &str, cwd: &Path) -> Result<ChangedFiles, String> {
        let top = git(cwd, ["rev-parse", "--show-toplevel"])
            .map_err(|e| format!("not in a git repository ({e})"))?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
        let root = top.canonicalize().unwrap_or(top);
        let commit = format!("{git_ref}^{{commit}}");
        git(
            &root,
            [
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &commit,
            ],
        )
        .map_err(|_| format!("unknown git ref `{git_ref}`"))?;
        // Same options for both calls, so the patch has one `diff --git` section per name, in
        // the same order: sections are matched by position, never by parsing quoted paths.
        let common = [
            "-c",
            "core.quotePath=false",
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-relative",
            "--find-renames",
            "--diff-filter=d",
        ];
        let names_out = git(
            &root,
            common
                .iter()
                .copied()
                .chain(["--name-only", "-z", git_ref, "--"]),
        )?;
        let patch = git(
            &root,
            common.iter().copied().chain(["--unified=0", git_ref, "--"]),
        )?;
        let names = split_nul(&names_out);
        let patch = String::from_utf8_lossy(&patch);
        let sections = sections(&patch);
        if sections.len() != names.len() {
            return Err(format!(
                "git diff listed {} files but printed {} diffs",
                names.len(),
                sections.len()
            ));
        }
        let mut files = HashMap::new();
        for (name, section) in names.iter().zip(sections) {
            files.insert(root.join(name), Lines::Ranges(hunk_ranges(section)));
        }
        let untracked = git(
            &root,
            ["ls-files", "--others", "--exclude-standard", "-z", "--"],
        )?;
        for name in split_nul(&untracked) {
            files.insert(root.join(name), Lines::All);
        }
        Ok(ChangedFiles { files })
    }

    /// The changes of `path` (relative to `cwd` or absolute), if it changed.
    pub fn get(&self, path: &Path, cwd: &Path) -> Option<&Lines> {
        let abs = cwd.join(path);
        let abs = abs.canonicalize().unwrap_or(abs);
        self.files.get(&abs)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Runs git in `dir`; its stdout, or its stderr as the error.
fn git<I, S>(dir: &Path, args: I) -> Result<Vec<u8>, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_PAGER", "cat")
        .env("LC_ALL", "C")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
        Err(if message.is_empty() {
            format!("git exited with {}", output.status)
        } else {
            message
        })
    }
}

fn split_nul(bytes: &[u8]) -> Vec<PathBuf> {
    bytes
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(path_from_bytes)
        .collect()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).replace('/', "\\"))
}

/// The patch split at each `diff --git` header (content lines start with `+`, `-`, ` ` or `\`,
/// so a header cannot be forged by an article's text).
fn sections(patch: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    for line in patch.split_inclusive('\n') {
        if line.starts_with("diff --git ") || line.starts_with("diff --cc ") {
            starts.push(at);
        }
        at += line.len();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| &patch[s..starts.get(i + 1).copied().unwrap_or(patch.len())])
        .collect()
}

/// The new-file line ranges of every hunk in one file's section of a `--unified=0` patch.
pub fn hunk_ranges(section: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = section
        .lines()
        .filter_map(|line| line.strip_prefix("@@ "))
        .filter_map(parse_hunk_header)
        .collect();
    out.sort_unstable();
    out
}

/// `-a,b +c,d @@ ...` → the new lines `c..=c+d-1`; a pure deletion (`d == 0`) marks the lines
/// around it (`c` and `c+1`, where `c` is the line before the deletion).
fn parse_hunk_header(rest: &str) -> Option<(usize, usize)> {
    let plus = rest.split(' ').find(|w| w.starts_with('+'))?;
    let plus = plus.strip_prefix('+')?;
    let (start, count) = match plus.split_once(',') {
        Some((s, c)) => (s.parse::<usize>().ok()?, c.parse::<usize>().ok()?),
        None => (plus.parse::<usize>().ok()?, 1),
    };
    if count == 0 {
        Some((start.max(1), start + 1))
    } else {
        Some((start, start + count - 1))
    }
}

/// Whether a rule's finding is about the whole article (help an article lacks has no line of
/// its own; the span is only the strongest topic mention): such findings are reported when
/// the file changed at all, since any edit is a chance to add the missing help.
fn whole_article(rule: &str) -> bool {
    crate::rules::find(rule).is_some_and(|spec| spec.meta.whole_article)
}

/// Drops findings that touch no changed line. A finding is kept when its primary span, one of
/// its labels, or a related location in another changed file overlaps a changed line, so a
/// new figure that contradicts an old one is reported wherever the finding sits. Problems with
/// the run (unreadable files, configuration errors) are always kept.
pub fn keep_changed_lines(
    report: &mut crate::model::outcome::FileReport,
    changed: &ChangedFiles,
    cwd: &Path,
) {
    use crate::model::source::Span;
    let Some(source) = report.source.clone() else {
        return;
    };
    if !report.checked {
        return;
    }
    // The first and last line a span touches, by a file's (or an excerpt's) positions.
    let touched = |line_of: &dyn Fn(usize) -> usize, span: Span| {
        (
            line_of(span.start),
            line_of(span.end.saturating_sub(1).max(span.start)),
        )
    };
    let lines = changed.get(Path::new(&report.path), cwd);
    let here = |span: Span| {
        let (first, last) = touched(&|at| source.position(at).line, span);
        lines.is_some_and(|l| l.intersects(first, last))
    };
    // A related location in another file is placed by the lines kept with it.
    let there = |r: &crate::model::diagnostic::Related| {
        let (Some(excerpt), Some(lines)) = (&r.excerpt, changed.get(Path::new(&r.path), cwd))
        else {
            return false;
        };
        let (first, last) = touched(&|at| excerpt.position(at).line, r.span);
        lines.intersects(first, last)
    };
    let file_changed = lines.is_some();
    report.diagnostics.retain(|d| {
        d.category.is_pipeline()
            || (file_changed && whole_article(&d.rule))
            || here(d.span)
            || d.labels.iter().any(|l| here(l.span))
            || d.related.iter().any(there)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_give_new_line_ranges() {
        assert_eq!(parse_hunk_header("-3,2 +3,4 @@ heading"), Some((3, 6)));
        assert_eq!(parse_hunk_header("-3 +3 @@"), Some((3, 3)));
        assert_eq!(parse_hunk_header("-1,0 +1 @@"), Some((1, 1)));
        // Pure deletion after line 7: lines 7 and 8 border it.
        assert_eq!(parse_hunk_header("-8,2 +7,0 @@"), Some((7, 8)));
        // Deleting the first lines of a file: "+0,0".
        assert_eq!(parse_hunk_header("-1,2 +0,0 @@"), Some((1, 1)));
        assert_eq!(parse_hunk_header("garbage"), None);
        assert_eq!(parse_hunk_header("-1,x +2,y @@"), None);
    }

    #[test]
    fn sections_split_at_headers_only() {
        let patch = "diff --git a/x b/x\n@@ -1 +1 @@\n-old\n+diff --git fake\ndiff --git a/y b/y\n@@ -0,0 +1,3 @@\n+a\n";
        let s = sections(patch);
        assert_eq!(s.len(), 2);
        assert_eq!(hunk_ranges(s[0]), vec![(1, 1)]);
        assert_eq!(hunk_ranges(s[1]), vec![(1, 3)]);
    }

    #[test]
    fn ranges_intersect_inclusively() {
        let lines = Lines::Ranges(vec![(3, 4), (10, 10)]);
        assert!(lines.intersects(4, 6));
        assert!(lines.intersects(1, 3));
        assert!(!lines.intersects(5, 9));
        assert!(Lines::All.intersects(100, 100));
    }
}
