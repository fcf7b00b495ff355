//! The folder index for `figures/cross-article`: the figures of every article in a workspace
//! folder, as saved on disk, so an open document can be compared with the rest of its folder
//! while it is written.
//!
//! One background thread builds each folder's index once (the same discovery, configuration
//! and figure records as `check`, through [`crate::run::collect_article_claims`]) and updates an
//! article's entry when it is saved or changed on disk. Each result is an immutable snapshot
//! ([`Folder`]) handed to the main loop, which passes it with each lint job; linting never waits
//! for the index.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};

use crate::lint::across::{Comparisons, SharedRecords};
use crate::run::{ArticleClaims, RunOptions, collect_article_claims};

/// One article of the folder: where it is and the records the comparisons use.
#[derive(Debug)]
pub struct Article {
    pub path: PathBuf,
    /// Its path with links resolved, to recognise an open document's own saved copy.
    pub real: Option<PathBuf>,
    /// What it leaves for the comparisons across articles (none for a rule that is off there).
    pub records: SharedRecords,
    /// How many figures it has to compare, for the client's log.
    pub figures: usize,
}

/// A snapshot of one workspace folder's articles, by path as `check` run in the folder shows
/// them (which is path order, the order `check` compares in).
#[derive(Debug, Default)]
pub struct Folder {
    pub root: PathBuf,
    /// Bumped on every update, so comparisons built from an older snapshot are rebuilt.
    pub version: u64,
    pub articles: BTreeMap<String, Arc<Article>>,
}

impl Folder {
    /// The comparisons of every article but `own` (an open document's saved copy), in path
    /// order; `None` when there is no other article, as `check` compares only when there are two.
    pub fn others(&self, own: Option<&Path>) -> Option<Comparisons> {
        let own_real = own.and_then(|p| p.canonicalize().ok());
        let mut comparisons = Comparisons::default();
        let mut any = false;
        for article in self.articles.values() {
            let is_own = own.is_some_and(|own| {
                article.path == own || (own_real.is_some() && article.real == own_real)
            });
            if is_own {
                continue;
            }
            any = true;
            comparisons.add(&article.records);
        }
        any.then_some(comparisons)
    }
}

pub enum IndexWork {
    /// Index the folder from scratch (at start, and when configuration changes).
    Build(PathBuf),
    /// Read these articles of the folder again (saved, created, changed or deleted on disk).
    Update(PathBuf, Vec<PathBuf>),
}

pub struct Indexed {
    pub folder: Arc<Folder>,
    /// Built from scratch (else updated).
    pub built: bool,
    /// Files that could not be read or configured, for the client's log.
    pub problems: usize,
}

/// Runs until the work channel closes. Requests queued behind each other are merged: a build
/// makes the updates before it moot, and updates of one folder are done together.
pub fn indexer(work: Receiver<IndexWork>, done: Sender<Indexed>) {
    let mut folders: BTreeMap<PathBuf, Arc<Folder>> = BTreeMap::new();
    while let Ok(first) = work.recv() {
        let mut builds: BTreeSet<PathBuf> = BTreeSet::new();
        let mut updates: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for item in std::iter::once(first).chain(work.try_iter()) {
            match item {
                IndexWork::Build(root) => {
                    updates.remove(&root);
                    builds.insert(root);
                }
                IndexWork::Update(root, paths) if !builds.contains(&root) => {
                    updates.entry(root).or_default().extend(paths);
                }
                IndexWork::Update(..) => {}
            }
        }
        for root in builds {
            let version = folders.get(&root).map_or(1, |f| f.version + 1);
            let (folder, problems) = build(&root, version);
            if !publish(&mut folders, &done, root, folder, problems, true) {
                return;
            }
        }
        for (root, paths) in updates {
            // An update before the folder's first build waits for that build.
            let Some(old) = folders.get(&root) else {
                continue;
            };
            // Nothing the index holds changed (a saved file that is not an article): the
            // snapshot stands, and open documents need no new lint.
            let Some((folder, problems)) = update(old, &paths) else {
                continue;
            };
            if !publish(&mut folders, &done, root, folder, problems, false) {
                return;
            }
        }
    }
}

/// Options for reading a folder as `check .` run in it would.
/// Keeps a folder's new snapshot and sends it to the main loop; false when the main loop is
/// gone.
fn publish(
    folders: &mut BTreeMap<PathBuf, Arc<Folder>>,
    done: &Sender<Indexed>,
    root: PathBuf,
    folder: Folder,
    problems: usize,
    built: bool,
) -> bool {
    let folder = Arc::new(folder);
    folders.insert(root, Arc::clone(&folder));
    done.send(Indexed {
        folder,
        built,
        problems,
    })
    .is_ok()
}

fn options(root: &Path) -> RunOptions {
    // Leave a core to the lint thread, so diagnostics keep coming while the folder is read.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    RunOptions {
        paths: vec![root.to_path_buf()],
        cwd: root.to_path_buf(),
        jobs: Some(cores.saturating_sub(1).max(1)),
        ..RunOptions::default()
    }
}

/// The folder's articles, read from scratch; a panic while reading leaves the folder empty
/// rather than ending the server.
fn build(root: &Path, version: u64) -> (Folder, usize) {
    let read = std::panic::catch_unwind(|| collect_article_claims(&options(root), true, None));
    let mut folder = Folder {
        root: root.to_path_buf(),
        version,
        articles: BTreeMap::new(),
    };
    let Ok((articles, outcome)) = read else {
        return (folder, 1);
    };
    for article in articles {
        let (shown, entry) = entry(root, article);
        folder.articles.insert(shown, entry);
    }
    (folder, problems(&outcome))
}

/// The folder with `paths` read again: an article still discovered (with the same
/// configuration, `.gitignore` and `include`/`exclude` as `check`) is replaced or added; one
/// that is not (deleted, or excluded) is dropped. `None` when none of `paths` is an article
/// before or after.
fn update(old: &Folder, paths: &BTreeSet<PathBuf>) -> Option<(Folder, usize)> {
    let root = &old.root;
    let only = |p: &Path| paths.contains(p);
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        collect_article_claims(&options(root), true, Some(&only))
    }));
    let mut articles = old.articles.clone();
    articles.retain(|_, a| !paths.contains(&a.path));
    let dropped = articles.len() < old.articles.len();
    let problems = match read {
        Ok((found, _)) if found.is_empty() && !dropped => return None,
        Ok((found, outcome)) => {
            for article in found {
                let (shown, entry) = entry(root, article);
                articles.insert(shown, entry);
            }
            problems(&outcome)
        }
        Err(_) => 1,
    };
    let folder = Folder {
        root: root.clone(),
        version: old.version + 1,
        articles,
    };
    Some((folder, problems))
}

/// An article's entry under its path relative to the folder, with its figures named by that
/// path, as `check` run in the folder names them in its messages.
fn entry(root: &Path, article: ArticleClaims) -> (String, Arc<Article>) {
    let ArticleClaims {
        path,
        severity,
        mut claims,
    } = article;
    let shown = crate::workspace::config::display_path(path.strip_prefix(root).unwrap_or(&path));
    for claim in &mut claims {
        claim.path.clone_from(&shown);
    }
    let figures = claims.len();
    let records = ArticleClaims {
        path: path.clone(),
        severity,
        claims,
    }
    .into_records()
    .into();
    let real = path.canonicalize().ok();
    let article = Article {
        path,
        real,
        records,
        figures,
    };
    (shown, Arc::new(article))
}

fn problems(outcome: &crate::model::outcome::Outcome) -> usize {
    outcome
        .reports
        .iter()
        .filter(|r| !r.diagnostics.is_empty())
        .count()
}
