//! Plain-text shapes that exported web articles carry: `•` bullets and headings as bare lines.

/// Characters that start a bullet line in plain-text exports.
const BULLETS: &[char] = &[
    '•', '·', '▪', '◦', '‣', '●', '○', '■', '□', '►', '➢', '✓', '✔',
];

/// If `line` starts (after blanks) with a bullet character and a blank, the byte length of that
/// prefix including the blanks after it.
pub fn bullet_prefix(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let lead = line.len() - trimmed.len();
    let mut chars = trimmed.chars();
    let bullet = chars.next()?;
    if !BULLETS.contains(&bullet) {
        return None;
    }
    let after = &trimmed[bullet.len_utf8()..];
    let rest = after.trim_start_matches(|c: char| c.is_whitespace());
    (rest.len() < after.len() && !rest.is_empty())
        .then(|| line.len() - rest.len())
        .filter(|&n| n > lead)
}

/// A one-line paragraph that reads as a heading: short, no sentence punctuation at the end, and
/// either Title Case or a question in Title Case ("Is Crying After Sex Normal?").
pub fn looks_like_bare_heading(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.len() > 90 {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let first = text.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    let last = text.chars().last().unwrap_or('.');
    if matches!(last, '.' | ',' | ';' | ':' | '!' | '…' | '"' | '”' | ')') {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    let small = words
        .iter()
        .filter(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "a" | "an"
                    | "the"
                    | "and"
                    | "or"
                    | "of"
                    | "to"
                    | "in"
                    | "on"
                    | "for"
                    | "with"
                    | "after"
                    | "from"
                    | "by"
                    | "at"
                    | "vs"
                    | "is"
                    | "it"
                    | "as"
            )
        })
        .count();
    if last == '?' {
        return capitalised * 2 >= words.len();
    }
    words.len() <= 3 || capitalised + small >= words.len() || capitalised * 2 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets() {
        assert_eq!(bullet_prefix("  • Communicate: talk"), Some(6));
        assert_eq!(bullet_prefix("• x"), Some(4));
        assert_eq!(bullet_prefix("•x"), None);
        assert_eq!(bullet_prefix("- dash is markdown"), None);
        assert_eq!(bullet_prefix("  • "), None);
    }

    #[test]
    fn bare_headings() {
        assert!(looks_like_bare_heading("Is Crying After Sex Normal?"));
        assert!(looks_like_bare_heading(
            "Exploring the Reasons Behind Crying After Sex"
        ));
        assert!(looks_like_bare_heading("Understanding Gender Differences"));
        assert!(!looks_like_bare_heading("Categorized in:"));
        assert!(!looks_like_bare_heading("Sexual Health,"));
        assert!(!looks_like_bare_heading(
            "There is no single explanation for it."
        ));
        assert!(!looks_like_bare_heading(
            "why do people cry after sex sometimes and not other times"
        ));
    }
}
