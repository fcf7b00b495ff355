//! Sentence boundaries tuned for health articles: abbreviations ("Dr.", "et al.", "e.g."),
//! decimals broken by extraction ("7. 5%"), and list labels do not end sentences.

use std::ops::Range;

/// Words after which a full stop does not end a sentence (compared lower-case, without the dot).
/// English orthography, not house style, so it stays beside the splitter that needs it.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "al", "fig", "no", "approx",
    "inc", "ltd", "jr", "sr", "vol", "pp", "ed", "eds", "ca", "cf", "u.s", "u.k", "ph.d", "m.d",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Splits prose into sentence ranges (trimmed, non-empty).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    crate::work::tick(bytes.len());
    while i < bytes.len() {
        let c = bytes[i];
        // `…` is E2 80 A6: its first byte is checked before the comparison.
        let terminal = matches!(c, b'.' | b'!' | b'?')
            || (c == 0xE2 && bytes[i..].starts_with("…".as_bytes()));
        if !terminal {
            i += 1;
            continue;
        }
        let mut end = i + if c >= 0x80 { '…'.len_utf8() } else { 1 };
        // Absorb further terminals and closing quotes/brackets: `?!`, `.”`, `.)`.
        while end < bytes.len() {
            let rest = &text[end..];
            let Some(ch) = rest.chars().next() else { break };
            if matches!(
                ch,
                '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '”' | '’' | '…'
            ) {
                end += ch.len_utf8();
            } else {
                break;
            }
        }
        if end >= bytes.len() {
            break;
        }
        if bytes[end] != b' ' || !is_boundary(text, i, end) {
            i = end;
            continue;
        }
        push_trimmed(text, start, end, &mut out);
        start = end;
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn is_boundary(text: &str, dot: usize, after: usize) -> bool {
    let next = text[after..].trim_start_matches(' ');
    let Some(next_char) = next.chars().next() else {
        return false;
    };
    let before = &text[..dot];
    let prev_word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if text.as_bytes()[dot] == b'.' {
        if ABBREVIATIONS.contains(&prev_word.to_lowercase().as_str()) {
            return false;
        }
        // A single capital letter: an initial ("J. Smith").
        if prev_word.len() == 1 && prev_word.chars().all(|c| c.is_ascii_uppercase()) {
            return false;
        }
        // "7. 5%": a decimal broken by extraction, or a numbered list label.
        if prev_word.chars().last().is_some_and(|c| c.is_ascii_digit())
            && next_char.is_ascii_digit()
        {
            return false;
        }
    }
    next_char.is_uppercase()
        || next_char.is_ascii_digit()
        || matches!(
            next_char,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '*' | '_' | '•' | '\u{FFFC}'
        )
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(start + lead..end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("One. Two! Three? four"),
            vec!["One.", "Two!", "Three? four"]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_broken_decimals() {
        assert_eq!(
            split("Dr. Smith et al. found it. Around 7. 5% of women, e.g. Some. J. Doe agreed."),
            vec![
                "Dr. Smith et al. found it.",
                "Around 7. 5% of women, e.g. Some.",
                "J. Doe agreed."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("She said “it hurts.” Then she left."),
            vec!["She said “it hurts.”", "Then she left."]
        );
    }
}
