//! A run that matched no article is an error: a mistyped path or pattern in CI would otherwise
//! pass with "0 articles checked".

use std::path::PathBuf;

/// What to say (the run then exits with 2) when `paths` led to no article checked, unless
/// `allowed` (`--allow-empty`, or a run narrowed to a shard or to changed files).
pub fn complaint(paths: &[PathBuf], files_checked: usize, allowed: bool) -> Option<String> {
    if files_checked > 0 || allowed {
        return None;
    }
    let named: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
    Some(format!(
        "no articles matched {}: check the path or pattern, the configuration's include and \
         exclude, or pass --allow-empty",
        named.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_empty_unallowed_run_is_a_complaint() {
        let paths = [PathBuf::from("zzz*.md"), PathBuf::from("docs")];
        let message = complaint(&paths, 0, false).unwrap_or_default();
        assert!(message.starts_with("no articles matched `zzz*.md`, `docs`:"));
        assert_eq!(complaint(&paths, 1, false), None);
        assert_eq!(complaint(&paths, 0, true), None);
    }
}
