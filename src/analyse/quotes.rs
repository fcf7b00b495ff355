//! Direct quotations in a block of prose.

use std::ops::Range;

/// Ranges (without the marks) of text inside `“…”`, `"…"` and `‘…’`. Apostrophes (`don’t`) are
/// not taken for closing marks; an opening mark with no partner opens nothing.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !has_opening_mark(text) {
        // Most blocks quote nothing: no need to decode them.
        return out;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        // A colon opens too: conversion drops the space after a speaker's label
        // (`Male 3:"That's crazy."`).
        let opens =
            |p: Option<char>| p.is_none_or(|p| p.is_whitespace() || "([{—–-/:\u{FFFC}".contains(p));
        let close = match c {
            '“' => Some('”'),
            '"' if opens(prev) => Some('"'),
            '‘' if opens(prev) => Some('’'),
            _ => None,
        };
        if let Some(close) = close {
            let found = chars[k + 1..].iter().enumerate().find(|&(m, &(_, d))| {
                if d != close {
                    return false;
                }
                let next = chars.get(k + 1 + m + 1).map(|&(_, n)| n);
                close == '”' || next.is_none_or(|n| !n.is_alphanumeric())
            });
            if let Some((m, &(j, _))) = found {
                out.push(i + c.len_utf8()..j);
                k += m + 2;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// Whether `text` holds `"`, `“` or `‘`, the marks that can open a quotation: a byte scan,
/// where the search above decodes every character.
fn has_opening_mark(text: &str) -> bool {
    // `“` is E2 80 9C and `‘` E2 80 98 in UTF-8.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'"' || (b == 0xE2 && matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x9C | 0x98])))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quotations(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_curly_straight_and_single_quotes() {
        assert_eq!(
            quoted(r#"He said “men don’t cry” and "it hurts", then ‘enough’."#),
            vec!["men don’t cry", "it hurts", "enough"]
        );
    }

    #[test]
    fn only_opening_marks_need_the_full_search() {
        assert!(has_opening_mark("say \"hi\""));
        assert!(has_opening_mark("“hi”"));
        assert!(has_opening_mark("‘hi’"));
        assert!(!has_opening_mark("it’s — fine … ”"));
        assert!(!has_opening_mark(""));
        assert!(quoted("no marks at all’").is_empty());
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("It’s fine, they don’t mind ‘really").is_empty());
        assert!(quoted("a 5\" screen").is_empty());
    }

    #[test]
    fn a_quotation_may_open_right_after_a_speakers_colon() {
        assert_eq!(quoted(r#"Parent 2:"You're fine.""#), vec!["You're fine."]);
        assert!(quoted(r#"Ratio 16:9" wide"#).is_empty());
    }
}
