//! `file:` URIs ↔ paths. Only the file scheme has a path; `untitled:` and the like are unsaved
//! buffers.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// The path of a `file:` URI, percent-decoded; `None` for other schemes or a URI whose path is
/// not UTF-8 once decoded.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text
        .strip_prefix("file://")
        .or_else(|| text.strip_prefix("FILE://"))?;
    // `file:///a` (empty host) or `file://localhost/a`.
    let path = match rest.find('/') {
        Some(at) => &rest[at..],
        None => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let decoded = decode(path)?;
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_and_non_ascii_round_trip() {
        let path = Path::new("/tmp/my notes/über 漢.md");
        let uri = from_path(path).expect("a uri");
        assert_eq!(
            uri.as_str(),
            "file:///tmp/my%20notes/%C3%BCber%20%E6%BC%A2.md"
        );
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }

    #[test]
    fn other_schemes_have_no_path() {
        let uri: Uri = "untitled:Untitled-1".parse().expect("a uri");
        assert_eq!(to_path(&uri), None);
        let host: Uri = "file://localhost/etc/a.md".parse().expect("a uri");
        assert_eq!(to_path(&host).as_deref(), Some(Path::new("/etc/a.md")));
    }
}
