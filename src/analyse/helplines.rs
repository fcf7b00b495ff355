//! Help services by region and helpline numbers that have changed (`rules/helplines.yml`), and
//! the phone-number scanner the safety rules share.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::data::Guideline;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helplines {
    pub version: u32,
    pub last_verified: String,
    #[serde(default)]
    pub sources: BTreeMap<String, Guideline>,
    pub services: Vec<Service>,
    #[serde(default)]
    pub stale: Vec<StaleNumber>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    /// Names matched with their exact case: a common word that names a service ("Beat").
    #[serde(default)]
    pub names_exact: Vec<String>,
    pub regions: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<String>,
    #[serde(default)]
    pub urls: Vec<String>,
    #[serde(default)]
    pub hours: Option<String>,
    pub topics: Vec<String>,
    #[serde(default)]
    pub text: Option<String>,
    pub sources: Vec<String>,
}

/// A helpline number that has changed (built in, or added by a publication).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaleNumber {
    /// The old number as published.
    pub number: String,
    /// The service it belonged to (an id from `services:`).
    #[serde(default)]
    pub service: Option<String>,
    /// What to write instead.
    pub replacement: String,
    #[serde(default)]
    pub since: Option<String>,
    /// The old number still reaches the service (so it still counts as help).
    #[serde(default)]
    pub still_routes: bool,
    /// Names of the service (lower case) when the number is one of several services' old
    /// number: the entry applies only where one of them stands in the same sentence or list item
    /// ("Veterans Crisis Line: 1-800-273-8255" is the veterans' line, not the general lifeline).
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The built-in helpline data, parsed once per process.
pub fn helplines() -> Result<&'static Helplines, String> {
    static CELL: OnceLock<Result<Helplines, String>> = OnceLock::new();
    CELL.get_or_init(|| crate::data::parse("rules/helplines.yml"))
        .as_ref()
        .map_err(Clone::clone)
}

/// A region code as carelint compares it: upper case, `UK` spelled `GB`.
pub fn region(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    if code == "UK" { "GB".to_string() } else { code }
}

/// A number-like run of text: digits (and keypad letters) with separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneToken {
    /// Byte range in the scanned text.
    pub range: Range<usize>,
    /// Its digits, keypad letters converted, a leading North American `1` dropped.
    pub digits: String,
    /// `#` per digit or letter, `-` per separator, brackets as written.
    pub shape: String,
}

/// The digits of a published number: keypad letters converted, a leading `1` of an 11-digit
/// North American number dropped. `None` if it has letters that are not a trailing word
/// (1800RESPECT is matched literally instead).
pub fn digits_of(number: &str) -> Option<String> {
    let tokens = phone_tokens(number);
    match tokens.as_slice() {
        [one] if one.range == (0..number.trim_end().len()) => Some(one.digits.clone()),
        _ => None,
    }
}

fn keypad(c: u8) -> u8 {
    match c.to_ascii_uppercase() {
        b'A'..=b'C' => b'2',
        b'D'..=b'F' => b'3',
        b'G'..=b'I' => b'4',
        b'J'..=b'L' => b'5',
        b'M'..=b'O' => b'6',
        b'P'..=b'S' => b'7',
        b'T'..=b'V' => b'8',
        _ => b'9',
    }
}

/// Every number-like run in `text` with at least three digits. Runs glued to words
/// ("text988to") are found; decimals, thousands ("1,635"), percentages and money are not.
pub fn phone_tokens(text: &str) -> Vec<PhoneToken> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts =
            b[i].is_ascii_digit() || (b[i] == b'(' && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !starts {
            i = next_digit_or_bracket(b, i + 1);
            continue;
        }
        let prev = i.checked_sub(1).map(|p| b[p]);
        let continues_number = prev.is_some_and(|p| p.is_ascii_digit())
            || (matches!(prev, Some(b'.' | b',')) && i >= 2 && b[i - 2].is_ascii_digit())
            || matches!(prev, Some(b'$' | b'#'))
            || text[..i].ends_with('£')
            || text[..i].ends_with('€');
        if continues_number {
            i += 1;
            continue;
        }
        let (end, digits, shape) = scan(b, i);
        // "12.75" is a decimal, not a number with a separator.
        let separators = text[i..end].matches(['.', ' ', '-']).count();
        let single_dot = separators == 1 && text[i..end].contains('.');
        if end <= i {
            i += 1;
            continue;
        }
        let after = b.get(end).copied();
        let decimal =
            matches!(after, Some(b'.' | b',')) && b.get(end + 1).is_some_and(u8::is_ascii_digit);
        let percent = after == Some(b'%') || text[end..].starts_with(" %");
        if digits.len() >= 3 && !decimal && !percent && !single_dot {
            let digits = if digits.len() == 11 && digits.starts_with('1') {
                digits[1..].to_string()
            } else {
                digits
            };
            out.push(PhoneToken {
                range: i..end,
                digits,
                shape,
            });
        }
        i = end.max(i + 1);
    }
    out
}

/// The first index from `from` on whose byte is a digit or `(`, or `b.len()`. Most of a text
/// is neither: sixteen bytes at a time are ruled out by one branch-free test that the compiler
/// vectorises.
fn next_digit_or_bracket(b: &[u8], from: usize) -> usize {
    let wanted = |c: u8| c.is_ascii_digit() || c == b'(';
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 16) {
        let any = chunk.iter().fold(0u8, |any, &c| {
            any | u8::from(c.wrapping_sub(b'0') < 10) | u8::from(c == b'(')
        });
        if any != 0 {
            break;
        }
        i += 16;
    }
    while i < b.len() && !wanted(b[i]) {
        i += 1;
    }
    i
}

/// Scans one run from `start`: returns its end, digits and shape (trailing separators dropped).
fn scan(b: &[u8], start: usize) -> (usize, String, String) {
    let mut j = start;
    let mut digits = String::new();
    let mut shape = String::new();
    let mut good = (start, 0usize, 0usize); // (end, digits len, shape len)
    let mut open = false;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_digit() {
            digits.push(c as char);
            shape.push('#');
            j += 1;
            if !open {
                good = (j, digits.len(), shape.len());
            }
        } else if c == b'(' && !open && shape.chars().last().is_none_or(|l| l == '-') {
            open = true;
            shape.push('(');
            j += 1;
        } else if c == b')' && open && shape.ends_with('#') {
            open = false;
            shape.push(')');
            j += 1;
            good = (j, digits.len(), shape.len());
        } else if let Some(len) = separator_len(b, j)
            && shape.ends_with(['#', ')'])
            && !open
        {
            let next = b.get(j + len).copied();
            let vanity_next = next.is_some_and(|n| n.is_ascii_uppercase())
                && digits.len() >= 6
                && vanity_len(b, j + len).is_some();
            if next.is_some_and(|n| n.is_ascii_digit() || n == b'(') || vanity_next {
                shape.push('-');
                j += len;
            } else {
                break;
            }
        } else if c.is_ascii_uppercase() && digits.len() >= 6 && !open {
            // A keypad word ending the number: 1-800-662-HELP.
            let Some(len) = vanity_len(b, j) else { break };
            for &l in &b[j..j + len] {
                digits.push(keypad(l) as char);
                shape.push('#');
            }
            j += len;
            good = (j, digits.len(), shape.len());
            break;
        } else {
            break;
        }
    }
    digits.truncate(good.1);
    shape.truncate(good.2);
    (good.0, digits, shape)
}

/// Length of a separator inside a number at `at`: a space, hyphen or dot, or the no-break
/// space, narrow no-break space, thin space or non-breaking hyphen that web pages put in
/// numbers ("116\u{a0}123"). Not dashes: "18–25" is a range.
fn separator_len(b: &[u8], at: usize) -> Option<usize> {
    match b.get(at..)? {
        [b' ' | b'-' | b'.', ..] => Some(1),
        [0xC2, 0xA0, ..] => Some(2),
        [0xE2, 0x80, 0x89 | 0x91 | 0xAF, ..] => Some(3),
        _ => None,
    }
}

/// Length of a keypad word at `at`: 3 to 7 upper-case letters not followed by a letter.
fn vanity_len(b: &[u8], at: usize) -> Option<usize> {
    let len = b[at..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let after = b.get(at + len);
    ((3..=7).contains(&len) && !after.is_some_and(|c| c.is_ascii_alphabetic())).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(&str, String, String)> {
        phone_tokens(text)
            .into_iter()
            .map(|t| (&text[t.range.clone()], t.digits, t.shape))
            .collect()
    }

    #[test]
    fn data_is_valid_and_cited() {
        let data = helplines().unwrap();
        let topics = crate::analyse::topics::model().unwrap();
        for s in &data.services {
            assert!(!s.sources.is_empty(), "{} cites nothing", s.id);
            for key in &s.sources {
                assert!(
                    data.sources.contains_key(key),
                    "{} cites unknown {key}",
                    s.id
                );
            }
            for t in &s.topics {
                assert!(
                    t == "any" || topics.topic(t).is_some(),
                    "{}: topic {t}",
                    s.id
                );
            }
            for c in &s.contacts {
                let literal = c.chars().all(|ch| ch.is_ascii_alphanumeric());
                assert!(
                    digits_of(c).is_some() || literal,
                    "{}: cannot read contact {c}",
                    s.id
                );
            }
        }
        for stale in &data.stale {
            assert!(!stale.sources.is_empty(), "{} cites nothing", stale.number);
            for key in &stale.sources {
                assert!(
                    data.sources.contains_key(key),
                    "{} cites {key}",
                    stale.number
                );
            }
            assert!(digits_of(&stale.number).is_some(), "{}", stale.number);
            if let Some(service) = &stale.service {
                assert!(data.services.iter().any(|s| &s.id == service));
            }
        }
    }

    #[test]
    fn reads_published_formats() {
        assert_eq!(
            tokens("call 1-800-662-HELP (4357) or (800) 799-7233"),
            vec![
                (
                    "1-800-662-HELP",
                    "8006624357".into(),
                    "#-###-###-####".into()
                ),
                ("(4357)", "4357".into(), "(####)".into()),
                (
                    "(800) 799-7233",
                    "8007997233".into(),
                    "(###)-###-####".into()
                ),
            ]
        );
        assert_eq!(
            tokens("Samaritans on 116 123 or 08457 90 90 90."),
            vec![
                ("116 123", "116123".into(), "###-###".into()),
                (
                    "08457 90 90 90",
                    "08457909090".into(),
                    "#####-##-##-##".into()
                ),
            ]
        );
        assert_eq!(
            tokens("call or text the988 Lifelineat988or text838255;"),
            vec![
                ("988", "988".into(), "###".into()),
                ("988", "988".into(), "###".into()),
                ("838255", "838255".into(), "######".into()),
            ]
        );
        // No-break spaces, as web pages write numbers; a dash is a range, not a separator.
        assert_eq!(
            tokens(
                "Samaritans on 116\u{a0}123 or 08457\u{202f}90\u{202f}90\u{202f}90, ages 180–250."
            ),
            vec![
                ("116\u{a0}123", "116123".into(), "###-###".into()),
                (
                    "08457\u{202f}90\u{202f}90\u{202f}90",
                    "08457909090".into(),
                    "#####-##-##-##".into()
                ),
                ("180", "180".into(), "###".into()),
                ("250", "250".into(), "###".into()),
            ]
        );
        assert_eq!(digits_of("1-800-273-TALK"), Some("8002738255".into()));
        assert_eq!(digits_of("1-800-273-8255"), Some("8002738255".into()));
    }

    #[test]
    fn dont_read_figures_as_numbers() {
        assert!(tokens("46% of 1,635 men, 7. 5% and 3.1% cost $250 or £1200 in 24/7").is_empty());
        assert!(tokens("41.5% of them, 12.75 or 1,000,000").is_empty());
        assert_eq!(tokens("In 2019, 988 people")[1].0, "988");
    }

    #[test]
    fn regions_are_normalised() {
        assert_eq!(region("uk"), "GB");
        assert_eq!(region(" us "), "US");
    }
}
