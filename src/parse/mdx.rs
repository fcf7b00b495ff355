//! MDX: Markdown with ES module lines (`import`, `export`), JSX component tags and `{…}`
//! expressions. None of those are prose, so they are blanked out (every byte but line ends
//! becomes a space) and the Markdown reader reads the rest: positions stay those of the source,
//! and the text a component wraps (`<Note>Call 988.</Note>`) is still linted.

/// The text with MDX's non-Markdown parts replaced by spaces, byte for byte.
pub fn mask(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut fence: Option<(u8, usize)> = None;
    // An `import`/`export` statement runs to the next blank line, as in MDX.
    let mut in_esm = false;
    // Open `{` of an expression block that started a line.
    let mut braces = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
        let line = &text[at..end];
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if let Some((ch, len)) = fence {
            if fence_marker(trimmed).is_some_and(|(c, n)| c == ch && n >= len)
                && trimmed.trim_start_matches(ch as char).trim().is_empty()
            {
                fence = None;
            }
            at = end;
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
            at = end;
            continue;
        }
        if trimmed.is_empty() {
            in_esm = false;
        } else if in_esm || content.starts_with("import ") || content.starts_with("export ") {
            in_esm = true;
            blank(&mut out, at, at + content.len());
        } else if braces > 0 || trimmed.starts_with('{') {
            for b in content.bytes() {
                match b {
                    b'{' => braces += 1,
                    b'}' => braces = braces.saturating_sub(1),
                    _ => {}
                }
            }
            blank(&mut out, at, at + content.len());
        } else {
            jsx_tags(text, at, at + content.len(), &mut out);
        }
        at = end;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// A code fence opening or closing: its character and length.
fn fence_marker(trimmed: &str) -> Option<(u8, usize)> {
    let ch = *trimmed.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let n = trimmed.bytes().take_while(|&b| b == ch).count();
    (n >= 3).then_some((ch, n))
}

fn blank(out: &mut [u8], from: usize, to: usize) {
    for b in out.iter_mut().take(to).skip(from) {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Blanks the JSX tags (`<Name …>`, `</Name>`, `<>`, `</>`; lower-case names are HTML and
/// stay) that start on the line `from..to`, through their closing `>` even on later lines.
/// Inline code spans on the line are left alone.
fn jsx_tags(text: &str, from: usize, to: usize, out: &mut [u8]) {
    let bytes = text.as_bytes();
    let mut in_code = false;
    let mut k = from;
    while k < to {
        let b = bytes[k];
        if b == b'`' {
            in_code = !in_code;
        }
        if in_code || b != b'<' {
            k += 1;
            continue;
        }
        let name_at = if bytes.get(k + 1) == Some(&b'/') {
            k + 2
        } else {
            k + 1
        };
        let starts_jsx = match bytes.get(name_at) {
            Some(c) => c.is_ascii_uppercase() || *c == b'>',
            None => false,
        };
        if !starts_jsx {
            k += 1;
            continue;
        }
        let end = tag_end(bytes, name_at);
        blank(out, k, end);
        k = end;
    }
}

/// The byte after the `>` that closes a tag starting before `from`, skipping `>` inside
/// quotes and `{…}` attribute expressions.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (n, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if depth > 0 || bytes.get(n.wrapping_sub(1)) == Some(&b'=') => {
                quote = Some(b);
            }
            (None, b'{') => depth += 1,
            (None, b'}') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return n + 1,
            _ => {}
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esm_jsx_and_expressions_are_blanked_byte_for_byte() {
        let text = "import Chart from './chart'\nexport const meta = {\n  title: 'x',\n}\n\n# Heading\n\n<Note kind=\"warn\" data={{a: 1}}>\nCall 988 if you need help.\n</Note>\n\n{/* a comment\n  over lines */}\n\nText with <Badge label=\"new\" /> inline and <span>html</span>.\n\n```jsx\n<Kept />\nimport kept\n```\n";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(
            masked.lines().count(),
            text.lines().count(),
            "line ends are kept"
        );
        assert!(!masked.contains("import Chart"));
        assert!(!masked.contains("title:"));
        assert!(!masked.contains("<Note"));
        assert!(!masked.contains("</Note>"));
        assert!(!masked.contains("a comment"));
        assert!(!masked.contains("<Badge"));
        assert!(masked.contains("# Heading"));
        assert!(masked.contains("Call 988 if you need help."));
        assert!(masked.contains("inline and <span>html</span>."));
        assert!(
            masked.contains("<Kept />\nimport kept"),
            "code is untouched"
        );
    }
}
