//! Rules about whether an article's numbers hold together.

pub mod broken_number;
pub mod contradiction;
pub mod counts;
pub mod cross_article;
pub mod impossible;
pub mod yearly_rates;

use std::ops::Range;

/// Whether `word` (lower case) is a noun for people (`people_nouns` in `rules/figures.yml`).
pub fn is_people_noun(word: &str) -> bool {
    crate::analyse::figures::keys().is_ok_and(|keys| keys.is_people_noun(word))
}

/// "1, 635 participants", "1, 635, 000 people": a number in thousands groups with a space after
/// at least one comma, then a people noun or a percent sign. Returns the range of the whole
/// number as written (every group, so the fix joins it all).
///
/// The first group has one to three digits and every later one exactly three. A number right
/// after another number and a comma is an item of a list ("40, 60, 120 patients"), and a group
/// of any other length ends the number ("1, 2, 3"), so lists are left alone.
pub fn broken_thousands(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if !text.contains(", ") {
        return out;
    }
    let mut p = 0;
    while p < b.len() {
        if !b[p].is_ascii_digit() {
            p += 1;
            continue;
        }
        let start = p;
        p = digits_from(b, start);
        if !(1..=3).contains(&(p - start)) || b.get(p) != Some(&b',') {
            continue;
        }
        // Glued to a word or a sign ("COVID-19, 500"), or the tail of another number.
        if start > 0
            && (b[start - 1].is_ascii_alphabetic() || matches!(b[start - 1], b',' | b'.' | b'-'))
        {
            continue;
        }
        if after_a_listed_number(b, start) {
            continue;
        }
        // Extend over the groups: ",ddd" or ", ddd", never followed by another digit.
        let mut end = p;
        let mut spaced = false;
        while b.get(end) == Some(&b',') {
            let space = b.get(end + 1) == Some(&b' ');
            let group = end + 1 + usize::from(space);
            if digits_from(b, group) - group != 3 {
                break;
            }
            spaced |= space;
            end = group + 3;
        }
        if !spaced {
            continue;
        }
        p = end;
        let after = text[end..].trim_start();
        let word: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if after.starts_with('%') || is_people_noun(&word) {
            out.push(start..end);
        }
    }
    out
}

/// A list number run into the figure after it ("- 461% of adults" for item 4, "61%"): the
/// block, the range of the digits as written, and how many of them are the list number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FusedOrdinal {
    pub block: usize,
    pub digits: Range<usize>,
    pub ordinal_len: usize,
}

/// Lines (list items, or lines of a block) that start with their list number glued to the text:
/// "1In 2022 …", "2Approximately …", "461% of adults …". A page copied without the spaces
/// after its ordered list's numbers reads this way. Only a run of at least three lines numbered
/// in sequence, two of them glued to a word, counts as such a list; in it, a line whose digits
/// begin with its number and go on ("461" on line 4) holds a figure with the number run into it.
/// One pass over the line starts of the document.
pub fn fused_ordinals(doc: &crate::parse::Document) -> Vec<FusedOrdinal> {
    #[derive(Default)]
    struct Run {
        next: u64,
        lines: usize,
        glued: usize,
        fused: Vec<FusedOrdinal>,
    }
    let mut out = Vec::new();
    let mut run: Option<Run> = None;
    let close = |run: &mut Option<Run>, out: &mut Vec<FusedOrdinal>| {
        if let Some(r) = run.take()
            && r.lines >= 3
            && r.glued >= 2
        {
            out.extend(r.fused);
        }
    };
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind == crate::parse::BlockKind::Code {
            close(&mut run, &mut out);
            continue;
        }
        let text = block.text();
        let b = text.as_bytes();
        let starts = std::iter::once(0).chain(
            b.iter()
                .enumerate()
                .filter(|(_, c)| **c == b'\n')
                .map(|(i, _)| i + 1),
        );
        for line in starts {
            let mut at = line;
            while at < b.len() && matches!(b[at], b' ' | b'\t') {
                at += 1;
            }
            if text[at..].starts_with('•') {
                at += '•'.len_utf8();
                while at < b.len() && b[at] == b' ' {
                    at += 1;
                }
            }
            let end = digits_from(b, at);
            let digits = &text[at..end];
            let glued_to_word = end > at && b.get(end).is_some_and(u8::is_ascii_alphabetic);
            if let Some(r) = run.as_mut() {
                let number = r.next.to_string();
                if digits.starts_with(number.as_str()) {
                    r.lines += 1;
                    r.next += 1;
                    if digits.len() > number.len() {
                        r.fused.push(FusedOrdinal {
                            block: index,
                            digits: at..end,
                            ordinal_len: number.len(),
                        });
                    } else if glued_to_word {
                        r.glued += 1;
                    }
                    continue;
                }
                close(&mut run, &mut out);
            }
            // A new run starts at a line whose number is glued to a word ("1In").
            if glued_to_word && digits.len() <= 2 {
                let first: u64 = digits.parse().unwrap_or(0);
                run = Some(Run {
                    next: first + 1,
                    lines: 1,
                    glued: 1,
                    fused: Vec::new(),
                });
            }
        }
    }
    close(&mut run, &mut out);
    out
}

/// Where the run of ASCII digits that starts at `start` ends.
fn digits_from(b: &[u8], start: usize) -> usize {
    let mut e = start;
    while e < b.len() && b[e].is_ascii_digit() {
        e += 1;
    }
    e
}

/// Whether `start` follows a number and a comma ("40, 60"): the next item of a list.
fn after_a_listed_number(b: &[u8], start: usize) -> bool {
    let mut s = start;
    while s > 0 && b[s - 1] == b' ' {
        s -= 1;
    }
    s > 1 && b[s - 1] == b',' && b[s - 2].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_broken_thousands_before_people_nouns_only() {
        let text = "It had 1, 635 participants. Pages 1, 200 and 3. Steps 2, 300 apples. Of 12, 000 people.";
        assert_eq!(found(text), vec!["1, 635", "12, 000"]);
    }

    fn found(text: &str) -> Vec<&str> {
        broken_thousands(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn takes_every_group_of_a_long_number() {
        assert_eq!(found("About 1, 635, 000 people."), vec!["1, 635, 000"]);
        assert_eq!(found("About 1,635, 000 people."), vec!["1,635, 000"]);
        assert_eq!(found("About 2, 500,000 people."), vec!["2, 500,000"]);
        assert_eq!(found("Some 1, 000, 000%."), vec!["1, 000, 000"]);
        // Not a number in groups when a group is short or long.
        assert!(found("About 1, 635, 00 people.").is_empty());
        assert!(found("About 1, 635, 0000 people.").is_empty());
        // Written whole, nothing is broken.
        assert!(found("About 1,635,000 people.").is_empty());
    }

    #[test]
    fn dont_take_lists_of_numbers() {
        for text in [
            "Groups of 1, 2, 3 people.",
            "In 2019, 500 people died.",
            "At ages 18, 25 and 40 patients were seen.",
            "See pages 12, 345 and 346.",
            "Sites enrolled 40, 60, 120 patients each.",
            "In 2019, 1, 500 people.",
            "Since COVID-19, 500 people.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
