//! Whether a block is a reference entry, judged by its content.
//!
//! A section is a list of references because of what is in it, not because its heading is
//! "Notes" or "Sources": a heading of that kind (or an entry just before) only makes one mark
//! of citation shape enough, where elsewhere only the full shapes of
//! [`super::figures::is_citation`] count. A sentence with none of the marks is prose and is
//! linted wherever it stands.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::model::text::head;
use crate::parse::{Block, InlineKind};

/// How far into a block its authors, year and numbering are looked for.
const HEAD: usize = 300;

/// Whether a block (text `text`) that stands where references are expected (under a
/// references heading, or after another entry) is an entry: it carries at least one mark of a
/// citation (numbering, an author list, a year or volume written as references write them, a
/// link or an identifier). Prose carries none, however short.
pub fn is_entry_in_references(block: &Block, text: &str) -> bool {
    let t = text.trim();
    let head = head(t, HEAD);
    let marks: [&dyn Fn() -> bool; 6] = [
        &|| numbered(head),
        &|| authors(head),
        &|| year(head),
        &|| locator(head),
        &|| {
            cue_words().is_some_and(|cues| {
                // Whole words only: "pp." is not the end of "app.".
                cues.find_iter(t)
                    .any(|m| !t[..m.start()].ends_with(|c: char| c.is_alphanumeric()))
            })
        },
        &|| {
            block
                .inlines
                .iter()
                .any(|i| matches!(&i.kind, InlineKind::Link { url } if !url.starts_with('#')))
        },
    ];
    marks.iter().any(|mark| mark())
}

/// "Retrieved from", "doi:", "https://", "Vol." and the like, from `rules/statistics.yml`.
fn cue_words() -> Option<&'static AhoCorasick> {
    static CUES: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    CUES.get_or_init(|| {
        let data = super::data().ok()?;
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&data.reference_entry_cues)
            .ok()
    })
    .as_ref()
}

/// "[12] ..." or "12. Smith ...": a numbered bibliography entry written out as text.
fn numbered(head: &str) -> bool {
    let b = head.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    if b.first() == Some(&b'[') {
        let n = digits(1);
        return n > 0 && b.get(1 + n) == Some(&b']');
    }
    let n = digits(0);
    // Up to three digits: "2019. The survey..." is a year, not an entry number.
    (1..=3).contains(&n)
        && matches!(b.get(n), Some(b'.' | b')'))
        && b.get(n + 1) == Some(&b' ')
        && b.get(n + 2).is_some_and(u8::is_ascii_uppercase)
}

/// The block opens with an author list: "Hale R, Moss T." (Vancouver), "Hale, R., & Moss, T."
/// (APA), or names an "et al." near the start.
fn authors(head: &str) -> bool {
    if crate::model::text::head(head, 120).contains("et al") {
        return true;
    }
    let mut words = head.split(' ');
    let Some(surname) = words.next() else {
        return false;
    };
    let surname = surname.trim_end_matches(',');
    let is_surname = surname.chars().next().is_some_and(char::is_uppercase)
        && surname.chars().count() >= 2
        && surname
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
    if !is_surname {
        return false;
    }
    let Some(initials) = words.next() else {
        return false;
    };
    // Vancouver: "Hale R," or "Hale RD." — one to three capitals, then a comma or a full stop.
    let letters = initials.trim_end_matches([',', '.']);
    let vancouver = (1..=3).contains(&letters.len())
        && letters.bytes().all(|c| c.is_ascii_uppercase())
        && initials.len() == letters.len() + 1;
    // APA: "Hale, R." — the surname ends with a comma, then an initial and a full stop.
    let i = initials.as_bytes();
    let apa = head.as_bytes().get(surname.len()) == Some(&b',')
        && i.len() >= 2
        && i[0].is_ascii_uppercase()
        && i[1] == b'.';
    vancouver || apa
}

/// A year written as references write it: "(2019)", "(2019, March 3)", "(2019a)", "2019;",
/// "2019:" or ". 2019." — never as prose writes it ("in 2019, ...").
fn year(head: &str) -> bool {
    let b = head.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        let y = &b[i..i + 4];
        let is_year =
            (y.starts_with(b"19") || y.starts_with(b"20")) && y.iter().all(u8::is_ascii_digit);
        if !is_year || b.get(i + 4).is_some_and(u8::is_ascii_digit) {
            return false;
        }
        if i > 0 && b[i - 1].is_ascii_digit() {
            return false;
        }
        let before = &b[..i];
        let after = b.get(i + 4).copied();
        let bracketed = before.ends_with(b"(") && matches!(after, Some(b')' | b',' | b'a'..=b'z'));
        let vancouver = matches!(after, Some(b';' | b':'));
        let stated = (before.ends_with(b". ") || before.ends_with(b", "))
            && matches!(after, None | Some(b'.' | b';'));
        bracketed || vancouver || stated
    })
}

/// Volume, issue and pages: "12(3):45", "12(3), 45", ";3:235".
fn locator(head: &str) -> bool {
    let b = head.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        if c != b'(' || !b[..i].last().is_some_and(u8::is_ascii_digit) {
            return false;
        }
        let rest = &b[i + 1..];
        let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        n > 0
            && rest.get(n) == Some(&b')')
            && matches!(rest.get(n + 1), Some(b':' | b','))
            && rest
                .get(n + 2..)
                .is_some_and(|r| r.trim_ascii_start().first().is_some_and(u8::is_ascii_digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Block {
        let mut block = Block::new(crate::parse::BlockKind::Paragraph, Default::default());
        block.prose.text = text.to_string();
        block
    }

    fn entry(text: &str) -> bool {
        is_entry_in_references(&paragraph(text), text)
    }

    #[test]
    fn entries_carry_a_mark_of_citation() {
        for text in [
            "Hale R, Moss T. Sleep and shift work. Shift Work Press.",
            "Hale, R., & Moss, T. Sleep in 45% of night workers.",
            "[3] Sleep in 45% of night workers, a national survey.",
            "12. Sleep in 45% of night workers.",
            "Sleep in 45% of night workers (2019). Shift Work Press.",
            "Sleep in 45% of night workers. J Shift Work. 2019;12:45.",
            "Sleep in 45% of night workers. J Shift Work 12(3):45-67.",
            "Sleep in 45% of night workers. Retrieved from the council's site.",
            "Sleep in 45% of night workers, https://example.org/sleep",
            "Sleep in 45% of night workers. Shift Work 12, pp. 45-67.",
            "Moss and others, et al. Sleep in 45% of night workers.",
        ] {
            assert!(entry(text), "{text}");
        }
    }

    #[test]
    fn a_character_across_any_cut_is_whole() {
        // The author test reads the first 120 bytes: a dash there must not split.
        for pad in 110..125 {
            let text = format!("{}– 46% of drivers said so.", "a".repeat(pad));
            assert!(!entry(&text), "{pad}");
        }
        let text = format!("{}é", "Moss T, ".repeat(40));
        assert!(entry(&text));
    }

    #[test]
    fn prose_carries_none() {
        for text in [
            "About 46% of the drivers we spoke to had dozed at the wheel.",
            "In 2019, 46% of drivers said so.",
            "Figures are for 2019. Around 12% of bus drivers dozed.",
            "We asked 230 drivers (aged 20-60) about sleep.",
            "2019 was the year 46% of drivers said so.",
            "The survey ran from 2018 to 2019.",
            "Drivers over 50 (1 in 5) sleep less.",
            "Some 46% of drivers use a sleep app. Few use it daily.",
        ] {
            assert!(!entry(text), "{text}");
        }
    }
}
