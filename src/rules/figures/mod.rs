//! Rules about whether an article's numbers hold together.

pub mod broken_number;
pub mod claims;
pub mod contradiction;
pub mod cross_article;
pub mod impossible;

use std::ops::Range;

/// Nouns after which "1, 635" is a count of people with a broken thousands separator.
pub const PEOPLE_NOUNS: &[&str] = &[
    "people",
    "participants",
    "respondents",
    "adults",
    "women",
    "men",
    "patients",
    "students",
    "children",
    "teens",
    "teenagers",
    "couples",
    "individuals",
    "volunteers",
    "subjects",
    "deaths",
    "cases",
    "users",
    "veterans",
    "parents",
    "girls",
    "boys",
    "readers",
    "nurses",
    "doctors",
];

/// "1, 635 participants": digits, a comma, a space, exactly three digits, then a people noun or
/// a percent sign. Returns the range of the whole number as written.
pub fn broken_thousands(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = text[i..].find(", ") {
        let comma = i + rel;
        i = comma + 2;
        let lead = text[..comma].len()
            - text[..comma]
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
        if !(1..=3).contains(&lead) {
            continue;
        }
        let start = comma - lead;
        if start > 0
            && (b[start - 1].is_ascii_digit() || b[start - 1] == b',' || b[start - 1] == b'.')
        {
            continue;
        }
        let tail = &text[comma + 2..];
        let digits = tail.len() - tail.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits != 3 {
            continue;
        }
        let end = comma + 2 + digits;
        let after = text[end..].trim_start();
        let word: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if after.starts_with('%') || PEOPLE_NOUNS.contains(&word.as_str()) {
            out.push(start..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_broken_thousands_before_people_nouns_only() {
        let text = "It had 1, 635 participants. Pages 1, 200 and 3. Steps 2, 300 apples. Of 12, 000 people.";
        let found: Vec<&str> = broken_thousands(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, vec!["1, 635", "12, 000"]);
    }
}
