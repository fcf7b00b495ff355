//! Where a source reaches: the scopes inside a block, and the blocks a lead-in covers.
//!
//! Stats pages put one fact a line with no blank lines between them, so Markdown reads the
//! whole page as one paragraph. A source in one such line says nothing about the others: when
//! most line breaks of a block start a new item (a capital, a digit or a bullet after a line
//! that ends cleanly), each line is its own scope. Ordinary wrapped prose breaks mid-sentence
//! ("according to the\nNational ...") and stays one scope.

use std::ops::Range;

use crate::parse::Block;
use crate::parse::shape::bullet_prefix;

/// Prose offsets of the spaces that stand for a line end in the source.
pub fn line_breaks(source: &str, block: &Block) -> Vec<usize> {
    let text = block.text();
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    for (at, c) in text.char_indices() {
        if c != ' ' || at == 0 || at + 1 >= text.len() {
            continue;
        }
        // The source between the character before the space and the one after it.
        let before = block.prose.source_span(at - 1, at).end;
        let after = block.prose.source_span(at + 1, at + 2).start;
        if before < after
            && bytes
                .get(before..after)
                .is_some_and(|gap| gap.contains(&b'\n'))
        {
            out.push(at);
        }
    }
    out
}

/// Lines from which a block that does not read as a list of lines is a text export whose
/// paragraphs lost their blank lines: real Markdown paragraphs are rarely this long.
const LONG_BLOCK_LINES: usize = 12;

/// Whether the line break at `at` (a space) starts a new item.
fn starts_item(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let next = &text[at + 1..];
    let Some(first) = next.chars().next() else {
        return false;
    };
    let opens = first.is_uppercase()
        || first.is_ascii_digit()
        || bullet_prefix(next).is_some()
        || (matches!(first, '"' | '“' | '\'' | '‘')
            && next[first.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase));
    let last_word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let ends_cleanly = !before.ends_with([',', '-', '–', '—', '(', '/', '&'])
        && !super::words_of(|d| &d.wrap_connectors).contains(&last_word);
    opens && ends_cleanly
}

/// The item lines of a block that reads as a list of lines, or `None` when it reads as one
/// paragraph. Lines that do not start an item continue the one before.
pub fn line_items(text: &str, breaks: &[usize]) -> Option<Vec<Range<usize>>> {
    let items: Vec<usize> = breaks
        .iter()
        .copied()
        .filter(|&at| starts_item(text, at))
        .collect();
    let items = if items.len() >= 2 && items.len() * 4 >= breaks.len() * 3 {
        items
    } else if breaks.len() >= LONG_BLOCK_LINES {
        // A long text export with no blank lines: its paragraphs end where a line ends a
        // sentence and the next line starts a new one.
        items
            .into_iter()
            .filter(|&at| {
                text[..at]
                    .trim_end_matches(['"', '”', '’', ')'])
                    .ends_with(['.', '!', '?', ':'])
            })
            .collect()
    } else {
        return None;
    };
    if items.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(items.len() + 1);
    let mut start = 0;
    for at in items {
        out.push(start..at);
        start = at + 1;
    }
    out.push(start..text.len());
    Some(out)
}

/// Whether a line or paragraph introduces what follows: it ends with a colon, perhaps with a
/// reference number fused after it ("Some figures:2", "Key numbers: [4]").
pub fn is_lead_in(text: &str) -> bool {
    let t = text.trim_end();
    // A no-break space after the colon that a converter decoded as Latin-1 ("is:Â"): a letter
    // no English word ends on.
    let t = t.strip_suffix('Â').map_or(t, str::trim_end);
    let t = t.trim_end_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '[' | ']' | ',' | '-' | '–' | ' ') || is_superscript(c)
    });
    t.strip_suffix(':')
        .is_some_and(|head| head.ends_with(|c: char| !c.is_ascii_digit()))
}

pub fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Option<Vec<&str>> {
        let breaks: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
        line_items(text, &breaks).map(|v| v.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn lines_that_each_start_an_item_are_items() {
        // Every space stands for a line end here.
        assert_eq!(
            items("40%_of_men Most_women 12_per_cent"),
            Some(vec!["40%_of_men", "Most_women", "12_per_cent"])
        );
        assert_eq!(items("40%_of_the men_say so_too"), None);
        assert_eq!(items("Most_said_the National_one"), None);
    }

    #[test]
    fn lead_ins() {
        assert!(is_lead_in("Some figures about sleep:"));
        assert!(is_lead_in("Some figures about sleep:2"));
        assert!(is_lead_in("Key numbers: [4]"));
        assert!(!is_lead_in("It was 12:30"));
        assert!(!is_lead_in("Some figures."));
    }
}
