//! Numbers as health articles write them: digits with separators, decimals (including ones
//! broken by text extraction, "7. 5"), and spelled-out numbers up to the thousands.
//!
//! One pass finds the candidates: a byte loop for ASCII digits and a lookup of each word of the
//! text (found once for the block, see [`Words`]) in a table of number words, fraction words
//! ("third", "half") and multiplier words ("twice", "twofold"). Each candidate is then parsed by
//! hand around its position, so the cost is linear in the text and tiny where there are no
//! numbers.
//!
//! A number glued to letters is not a number here: "H1N1", "COVID-19", "3rd", "9am", "20s",
//! "5mg" and "21Ninety" are identifiers, ordinals, times or units. The one exception is a
//! trailing `x` ("10x more likely"). Signs are left to the caller: "−0.16" is the number 0.16
//! after a minus sign, because a dash before a number is more often a range ("16–74").
//!
//! Why one file of ~950 lines (about 230 are tests): digits, number words, separators and
//! units are read in one pass over a block's words, and every rule that reads numbers relies
//! on that one reading.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::phrases::{Words, hash_word};

/// One number in a block's prose text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The value: "2 million" is 2,000,000; "a hundred" is 100. Always finite and never
    /// negative.
    pub value: f64,
    /// Digits after the decimal point as written ("2.87" → 2, "7. 5" → 1, "forty-six" → 0).
    pub decimals: u8,
    /// Byte range in the text: "1,635", "7. 5", "one hundred and twenty-five", "a thousand".
    pub range: Range<usize>,
    /// Written in words.
    pub spelled: bool,
    /// A decimal broken by text extraction, "7. 5" (only recognised before "%", "percent",
    /// "per cent" or "times", where a list label or a sentence end cannot be meant).
    pub broken: bool,
    /// Written with thousands separators ("1,635"): never a year, a phone number or a code.
    pub grouped: bool,
}

/// Every number in `text`, in order, non-overlapping.
pub fn numbers(text: &str) -> Vec<Number> {
    scan(text).numbers
}

/// A word of the table that is not itself a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Word {
    Num(NumWord),
    /// "half" (2), "third(s)" (3), "quarter(s)" (4) ...; `plural` for "thirds", "quarters".
    Fraction {
        denominator: u8,
        plural: bool,
    },
    /// "twice": a multiplier that reads as an adverb ("twice as likely").
    Twice,
    /// "double", "tripled", "quadruples": multipliers that need "the risk" after them.
    Multiplier(u8),
    /// "twofold", "tenfold".
    Fold(u8),
    /// "majority" ("the majority of").
    Majority,
}

/// A number word and its role in the grammar of spelled numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumWord {
    Zero,
    /// one … nine
    Unit(u8),
    /// ten … nineteen
    Teen(u8),
    /// twenty, thirty … ninety
    Ten(u8),
    Hundred,
    /// thousand, million, billion
    Scale(u64),
}

/// A word hit other than a number word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WordHit {
    pub range: Range<usize>,
    pub word: Word,
}

/// Numbers plus the fraction and multiplier words of a text, each sorted by position.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub numbers: Vec<Number>,
    pub words: Vec<WordHit>,
}

use NumWord::{Hundred, Scale, Teen, Ten, Unit, Zero};

const WORDS: &[(&str, Word)] = &[
    ("zero", Word::Num(Zero)),
    ("one", Word::Num(Unit(1))),
    ("two", Word::Num(Unit(2))),
    ("three", Word::Num(Unit(3))),
    ("four", Word::Num(Unit(4))),
    ("five", Word::Num(Unit(5))),
    ("six", Word::Num(Unit(6))),
    ("seven", Word::Num(Unit(7))),
    ("eight", Word::Num(Unit(8))),
    ("nine", Word::Num(Unit(9))),
    ("ten", Word::Num(Teen(10))),
    ("eleven", Word::Num(Teen(11))),
    ("twelve", Word::Num(Teen(12))),
    ("thirteen", Word::Num(Teen(13))),
    ("fourteen", Word::Num(Teen(14))),
    ("fifteen", Word::Num(Teen(15))),
    ("sixteen", Word::Num(Teen(16))),
    ("seventeen", Word::Num(Teen(17))),
    ("eighteen", Word::Num(Teen(18))),
    ("nineteen", Word::Num(Teen(19))),
    ("twenty", Word::Num(Ten(20))),
    ("thirty", Word::Num(Ten(30))),
    ("forty", Word::Num(Ten(40))),
    ("fourty", Word::Num(Ten(40))),
    ("fifty", Word::Num(Ten(50))),
    ("sixty", Word::Num(Ten(60))),
    ("seventy", Word::Num(Ten(70))),
    ("eighty", Word::Num(Ten(80))),
    ("ninety", Word::Num(Ten(90))),
    ("hundred", Word::Num(Hundred)),
    ("thousand", Word::Num(Scale(1_000))),
    ("million", Word::Num(Scale(1_000_000))),
    ("billion", Word::Num(Scale(1_000_000_000))),
    (
        "half",
        Word::Fraction {
            denominator: 2,
            plural: false,
        },
    ),
    (
        "third",
        Word::Fraction {
            denominator: 3,
            plural: false,
        },
    ),
    (
        "thirds",
        Word::Fraction {
            denominator: 3,
            plural: true,
        },
    ),
    (
        "quarter",
        Word::Fraction {
            denominator: 4,
            plural: false,
        },
    ),
    (
        "quarters",
        Word::Fraction {
            denominator: 4,
            plural: true,
        },
    ),
    (
        "fourth",
        Word::Fraction {
            denominator: 4,
            plural: false,
        },
    ),
    (
        "fourths",
        Word::Fraction {
            denominator: 4,
            plural: true,
        },
    ),
    (
        "fifth",
        Word::Fraction {
            denominator: 5,
            plural: false,
        },
    ),
    (
        "fifths",
        Word::Fraction {
            denominator: 5,
            plural: true,
        },
    ),
    (
        "sixth",
        Word::Fraction {
            denominator: 6,
            plural: false,
        },
    ),
    (
        "sixths",
        Word::Fraction {
            denominator: 6,
            plural: true,
        },
    ),
    (
        "eighth",
        Word::Fraction {
            denominator: 8,
            plural: false,
        },
    ),
    (
        "eighths",
        Word::Fraction {
            denominator: 8,
            plural: true,
        },
    ),
    (
        "tenth",
        Word::Fraction {
            denominator: 10,
            plural: false,
        },
    ),
    (
        "tenths",
        Word::Fraction {
            denominator: 10,
            plural: true,
        },
    ),
    ("twice", Word::Twice),
    ("double", Word::Multiplier(2)),
    ("doubled", Word::Multiplier(2)),
    ("doubles", Word::Multiplier(2)),
    ("triple", Word::Multiplier(3)),
    ("tripled", Word::Multiplier(3)),
    ("triples", Word::Multiplier(3)),
    ("treble", Word::Multiplier(3)),
    ("trebled", Word::Multiplier(3)),
    ("quadruple", Word::Multiplier(4)),
    ("quadrupled", Word::Multiplier(4)),
    ("twofold", Word::Fold(2)),
    ("threefold", Word::Fold(3)),
    ("fourfold", Word::Fold(4)),
    ("fivefold", Word::Fold(5)),
    ("sixfold", Word::Fold(6)),
    ("tenfold", Word::Fold(10)),
    ("majority", Word::Majority),
];

/// [`WORDS`] by word. Every entry is lower-case ASCII letters only, so a number word in a text
/// is a whole run of letters, compared after ASCII lower-casing: exactly what an ASCII
/// case-insensitive, leftmost-longest search for the entries finds when it keeps only matches
/// with no word character on either side (no entry can straddle a word boundary, and the
/// longest entry at a word's start that ends at its end is the word itself). Keyed by the hash
/// [`Words`] computed already; the word itself is compared on a hit.
fn table() -> &'static FxHashMap<u64, usize> {
    static TABLE: OnceLock<FxHashMap<u64, usize>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = FxHashMap::default();
        for (i, (word, _)) in WORDS.iter().enumerate() {
            table.entry(hash_word(word)).or_insert(i);
        }
        table
    })
}

/// Finds every number and every fraction or multiplier word in `text`.
pub(crate) fn scan(text: &str) -> Scan {
    scan_words(text, &Words::new(text))
}

/// [`scan`] for a text whose words were found already (`words` must be [`Words::new`] of
/// `text`).
pub(crate) fn scan_words(text: &str, words: &Words) -> Scan {
    let mut numbers = Vec::new();
    digit_numbers(text, &mut numbers);
    let mut hits = Vec::new();
    let mut num_words = Vec::new();
    let table = table();
    for (range, word, hash) in words.iter_hashed() {
        crate::work::tick(1);
        // `_` joins words here (not for phrase lists): "one_two" holds no number word.
        if char_before(text, range.start) == Some('_') || char_at(text, range.end) == Some('_') {
            continue;
        }
        let entry = table.get(&hash).filter(|&&i| WORDS[i].0 == word);
        match entry.map(|&i| WORDS[i].1) {
            Some(Word::Num(n)) => num_words.push((range, n)),
            Some(word) => hits.push(WordHit { range, word }),
            None => {}
        }
    }
    let before = numbers.len();
    spelled_numbers(text, &num_words, &mut numbers);
    if numbers.len() > before {
        numbers.sort_by_key(|n| n.range.start);
    }
    Scan {
        numbers,
        words: hits,
    }
}

// ---------------------------------------------------------------------------------------------
// Text helpers shared with `quantities`.

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The char that ends just before byte `i`, if `i` is a char boundary inside `text`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The char that starts at byte `i`, if `i` is a char boundary inside `text`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// If `text[i..]` starts with `phrase` (ASCII case-insensitive; each space matching one space)
/// and, when the phrase ends in a letter or digit, no word character follows: the end.
#[inline]
pub(crate) fn phrase_at(text: &str, i: usize, phrase: &str) -> Option<usize> {
    // Callers try long lists of phrases at each number: the first byte rules out nearly all.
    if let (Some(p), Some(t)) = (phrase.as_bytes().first(), text.as_bytes().get(i))
        && !p.eq_ignore_ascii_case(t)
    {
        return None;
    }
    let end = i.checked_add(phrase.len())?;
    let bytes = text.as_bytes().get(i..end)?;
    if !bytes.eq_ignore_ascii_case(phrase.as_bytes()) {
        return None;
    }
    // The matched bytes are ASCII where the phrase is, so `end` is a char boundary unless the
    // phrase itself ends in a non-ASCII char, in which case the bytes are equal and so is the
    // boundary.
    if phrase.ends_with(|c: char| c.is_alphanumeric())
        && char_at(text, end).is_some_and(is_word_char)
    {
        return None;
    }
    Some(end)
}

/// If `text[..j]` ends with `phrase` (ASCII case-insensitive) and, when the phrase starts with a
/// letter or digit, no word character precedes it: the phrase's start.
#[inline]
pub(crate) fn phrase_before(text: &str, j: usize, phrase: &str) -> Option<usize> {
    // As in `phrase_at`, the byte next to the number rules out nearly all phrases.
    if let (Some(p), Some(t)) = (
        phrase.as_bytes().last(),
        j.checked_sub(1).and_then(|k| text.as_bytes().get(k)),
    ) && !p.eq_ignore_ascii_case(t)
    {
        return None;
    }
    let start = j.checked_sub(phrase.len())?;
    let bytes = text.as_bytes().get(start..j)?;
    if !bytes.eq_ignore_ascii_case(phrase.as_bytes()) || !text.is_char_boundary(start) {
        return None;
    }
    if phrase.starts_with(|c: char| c.is_alphanumeric())
        && char_before(text, start).is_some_and(is_word_char)
    {
        return None;
    }
    Some(start)
}

// ---------------------------------------------------------------------------------------------
// Digits.

fn digit_numbers(text: &str, out: &mut Vec<Number>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let lead_dot =
            c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit) && leading_dot_ok(text, i);
        if !c.is_ascii_digit() && !lead_dot {
            i += 1;
            continue;
        }
        if !lead_dot && glued_left(text, i) {
            i = skip_token(b, i);
            continue;
        }
        match parse_digits(text, i) {
            Some((n, next)) => {
                i = next;
                out.push(n);
            }
            None => i = skip_token(b, i),
        }
    }
}

/// ".05" is a number after a space, "(", "<", ">", "=" or at the start; not in "...5" or "a.5".
fn leading_dot_ok(text: &str, i: usize) -> bool {
    match char_before(text, i) {
        None => true,
        Some(c) => matches!(c, ' ' | '(' | '[' | '<' | '>' | '=' | '≤' | '≥' | '−' | '-'),
    }
}

/// Digits that continue a word ("H1N1", "B12", "COVID-19") or the tail of a malformed number
/// ("7,5", "1.2.3") are not numbers.
fn glued_left(text: &str, i: usize) -> bool {
    let Some(prev) = char_before(text, i) else {
        return false;
    };
    if prev.is_alphabetic() || prev == '_' {
        return true;
    }
    let before = char_before(text, i - prev.len_utf8());
    match prev {
        // "COVID-19" is a name, "1-in-5" a frequency.
        '-' => before.is_some_and(char::is_alphabetic) && phrase_before(text, i, "-in-").is_none(),
        ',' | '.' => before.is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Skips a run of ASCII alphanumerics and non-ASCII chars; stops before an ASCII byte, so the
/// result is a char boundary.
fn skip_token(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || !b[i].is_ascii()) {
        i += 1;
    }
    i
}

fn digits_from(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// The number at `start` and where scanning resumes (past a footnote marker glued to it).
fn parse_digits(text: &str, start: usize) -> Option<(Number, usize)> {
    let b = text.as_bytes();
    let int_end = digits_from(b, start);
    let int_len = int_end - start;
    let mut j = int_end;
    let mut grouped = false;
    let mut footnote_end = None;
    if (1..=3).contains(&int_len) {
        while b.get(j) == Some(&b',')
            && b.get(j + 1..j + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        {
            let run = digits_from(b, j + 1) - (j + 1);
            if run == 3 {
                grouped = true;
                j += 4;
                continue;
            }
            // "100,0004": a footnote marker flattened onto a grouped number
            // ("100,000<sup>4</sup>"), as exported web pages have it.
            if (4..=5).contains(&run) && !matches!(b.get(j + 1 + run), Some(b',' | b'.')) {
                grouped = true;
                footnote_end = Some(j + 1 + run);
                j += 4;
            }
            break;
        }
    }
    let mut decimals = 0usize;
    let mut broken = false;
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        let e = digits_from(b, j + 1);
        decimals = e - (j + 1);
        j = e;
    } else if !grouped
        && (1..=3).contains(&int_len)
        && b.get(j) == Some(&b'.')
        && b.get(j + 1) == Some(&b' ')
        && b.get(j + 2).is_some_and(u8::is_ascii_digit)
    {
        let e = digits_from(b, j + 2);
        if e - (j + 2) <= 3 && !char_at(text, e).is_some_and(is_word_char) && broken_suffix(text, e)
        {
            decimals = e - (j + 2);
            broken = true;
            j = e;
        }
    }
    if int_len == 0 && decimals == 0 {
        return None;
    }
    // Right context: glued letters make an identifier, a unit or an ordinal ("3rd", "9am").
    let after = footnote_end.unwrap_or(j);
    match char_at(text, after) {
        Some('x' | 'X') if !char_at(text, after + 1).is_some_and(is_word_char) => {}
        Some(c) if c.is_alphabetic() || c == '_' => return None,
        Some('.') if b.get(after + 1).is_some_and(u8::is_ascii_digit) => return None,
        _ => {}
    }
    let mut digits = String::with_capacity(j - start + 1);
    if int_len == 0 {
        digits.push('0');
    }
    digits.extend(
        b[start..j]
            .iter()
            .filter(|&&c| c != b',' && c != b' ')
            .map(|&c| char::from(c)),
    );
    let mut value: f64 = digits.parse().ok()?;
    let mut end = j;
    if footnote_end.is_none()
        && let Some((scale, e)) = scale_after(text, j)
    {
        value *= scale;
        end = e;
    }
    if !value.is_finite() {
        return None;
    }
    let number = Number {
        value,
        decimals: u8::try_from(decimals).unwrap_or(u8::MAX),
        range: start..end,
        spelled: false,
        broken,
        grouped,
    };
    Some((number, footnote_end.unwrap_or(end)))
}

/// After "7. 5": a space at most, then "%", "percent", "per cent" or "times".
fn broken_suffix(text: &str, e: usize) -> bool {
    let p = if char_at(text, e) == Some(' ') {
        e + 1
    } else {
        e
    };
    matches!(char_at(text, p), Some('%' | '％'))
        || ["percent", "per cent", "per-cent", "times"]
            .iter()
            .any(|w| phrase_at(text, p, w).is_some())
}

/// " million", " billion", " thousand" after digits: "2 million", "1.5 billion".
fn scale_after(text: &str, j: usize) -> Option<(f64, usize)> {
    if char_at(text, j) != Some(' ') {
        return None;
    }
    [
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
    ]
    .iter()
    .find_map(|&(w, s)| phrase_at(text, j + 1, w).map(|e| (s, e)))
}

// ---------------------------------------------------------------------------------------------
// Words.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    Space,
    Hyphen,
    And,
}

fn separator(between: Option<&str>) -> Option<Sep> {
    match between? {
        " " => Some(Sep::Space),
        // "Sixty- five": a hyphen whose line break a converter turned into a space.
        "-" | "\u{2011}" | "- " => Some(Sep::Hyphen),
        s if s.eq_ignore_ascii_case(" and ") => Some(Sep::And),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Zero,
    Unit,
    Teen,
    Ten,
    /// "forty-six": a ten and a unit.
    Compound,
    Hundred,
    Scale,
}

/// The value of a spelled number being read left to right.
struct Acc {
    total: u64,
    current: u64,
    last: Last,
    min_scale: u64,
    has_hundred: bool,
}

impl Acc {
    fn begin(w: NumWord) -> Option<Acc> {
        let (current, last) = match w {
            Zero => (0, Last::Zero),
            Unit(v) => (u64::from(v), Last::Unit),
            Teen(v) => (u64::from(v), Last::Teen),
            Ten(v) => (u64::from(v), Last::Ten),
            Hundred | Scale(_) => return None,
        };
        Some(Acc {
            total: 0,
            current,
            last,
            min_scale: u64::MAX,
            has_hundred: false,
        })
    }

    /// Adds the next word if the grammar allows it after `sep`.
    fn push(&mut self, w: NumWord, sep: Sep) -> bool {
        let after_big = matches!(self.last, Last::Hundred | Last::Scale);
        let small_sep = matches!(sep, Sep::Space | Sep::And);
        match w {
            Zero => false,
            Unit(v) => {
                if self.last == Last::Ten && matches!(sep, Sep::Hyphen | Sep::Space) {
                    self.current += u64::from(v);
                    self.last = Last::Compound;
                    true
                } else if after_big && small_sep {
                    self.current += u64::from(v);
                    self.last = Last::Unit;
                    true
                } else {
                    false
                }
            }
            Teen(v) | Ten(v) => {
                if after_big && small_sep {
                    self.current += u64::from(v);
                    self.last = if matches!(w, Ten(_)) {
                        Last::Ten
                    } else {
                        Last::Teen
                    };
                    true
                } else {
                    false
                }
            }
            Hundred => {
                if sep == Sep::Space
                    && matches!(
                        self.last,
                        Last::Unit | Last::Teen | Last::Ten | Last::Compound
                    )
                    && !self.has_hundred
                    && self.current < 100
                {
                    self.current *= 100;
                    self.has_hundred = true;
                    self.last = Last::Hundred;
                    true
                } else {
                    false
                }
            }
            Scale(s) => {
                if sep == Sep::Space
                    && !matches!(self.last, Last::Zero | Last::Scale)
                    && s < self.min_scale
                {
                    self.total = self.total.saturating_add(self.current.saturating_mul(s));
                    self.current = 0;
                    self.min_scale = s;
                    self.has_hundred = false;
                    self.last = Last::Scale;
                    true
                } else {
                    false
                }
            }
        }
    }

    fn value(&self) -> u64 {
        self.total.saturating_add(self.current)
    }
}

/// "a " before `start` (as a whole word): the start of "a".
fn article_before(text: &str, start: usize) -> Option<usize> {
    phrase_before(text, start, "a ")
}

fn spelled_numbers(text: &str, hits: &[(Range<usize>, NumWord)], out: &mut Vec<Number>) {
    let mut i = 0;
    while let Some((first_range, first)) = hits.get(i) {
        let mut start = first_range.start;
        let acc = match *first {
            Hundred | Scale(_) => article_before(text, start).and_then(|a| {
                start = a;
                let mut acc = Acc::begin(Unit(1))?;
                acc.push(*first, Sep::Space).then_some(acc)
            }),
            w => Acc::begin(w),
        };
        let Some(mut acc) = acc else {
            i += 1;
            continue;
        };
        let mut end = first_range.end;
        let mut k = i + 1;
        while let Some((r, w)) = hits.get(k) {
            let Some(sep) = separator(text.get(end..r.start)) else {
                break;
            };
            if !acc.push(*w, sep) {
                break;
            }
            end = r.end;
            k += 1;
        }
        out.push(Number {
            value: acc.value() as f64,
            decimals: 0,
            range: start..end,
            spelled: true,
            broken: false,
            grouped: false,
        });
        i = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str) -> Vec<(&str, f64, u8, bool, bool)> {
        numbers(text)
            .into_iter()
            .map(|n| {
                (
                    &text[n.range.clone()],
                    n.value,
                    n.decimals,
                    n.spelled,
                    n.broken,
                )
            })
            .collect()
    }

    fn values(text: &str) -> Vec<f64> {
        numbers(text).into_iter().map(|n| n.value).collect()
    }

    #[test]
    fn digits_with_separators_and_decimals() {
        assert_eq!(
            nums("Of 1,635 men, 2.87 times; 12,000,000 and .05 too"),
            vec![
                ("1,635", 1635.0, 0, false, false),
                ("2.87", 2.87, 2, false, false),
                ("12,000,000", 12_000_000.0, 0, false, false),
                (".05", 0.05, 2, false, false),
            ]
        );
        let n = &numbers("1,635")[0];
        assert!(n.grouped);
        assert_eq!(values("13.0 per 100,000"), vec![13.0, 100_000.0]);
        assert_eq!(numbers("13.0")[0].decimals, 1);
        // A comma not followed by exactly three digits is not a separator.
        assert_eq!(values("1,2 and 1,234567"), vec![1.0, 1.0]);
        // A footnote marker flattened onto a grouped number ("100,000<sup>4</sup>").
        assert_eq!(nums("per 100,0004)")[0].0, "100,000");
        assert_eq!(values("per 100,0004) and 5"), vec![100_000.0, 5.0]);
        assert_eq!(values("6–16% and 7%-46%"), vec![6.0, 16.0, 7.0, 46.0]);
    }

    #[test]
    fn broken_decimals_only_before_percent_or_times() {
        assert_eq!(
            nums("around 7. 5% of women, 2. 87 times, 3. 1 per cent, 4. 2 percent"),
            vec![
                ("7. 5", 7.5, 1, false, true),
                ("2. 87", 2.87, 2, false, true),
                ("3. 1", 3.1, 1, false, true),
                ("4. 2", 4.2, 1, false, true),
            ]
        );
        // A sentence ending in a number, or a list label, is not a decimal.
        assert_eq!(values("aged 16. 5 people came"), vec![16.0, 5.0]);
        assert_eq!(values("Step 1. 50 tips"), vec![1.0, 50.0]);
    }

    #[test]
    fn glued_tokens_are_not_numbers() {
        assert!(numbers("H1N1 COVID-19 3rd 9am 20s 5mg 21Ninety B12 1e999 v1.2.3").is_empty());
        assert_eq!(values("a 1-in-5 chance"), vec![1.0, 5.0]);
        // The multiplier suffix is the exception.
        assert_eq!(nums("10x more")[0].0, "10");
    }

    #[test]
    fn scale_words_after_digits() {
        assert_eq!(
            nums("2 million people")[0],
            ("2 million", 2e6, 0, false, false)
        );
        assert_eq!(values("1.5 billion"), vec![1.5e9]);
    }

    #[test]
    fn spelled_numbers() {
        let cases: &[(&str, f64)] = &[
            ("five", 5.0),
            ("Forty-six", 46.0),
            ("forty six", 46.0),
            // A line-break hyphen whose break became a space.
            ("Sixty- five", 65.0),
            ("twenty", 20.0),
            ("nineteen", 19.0),
            ("a hundred", 100.0),
            ("one hundred", 100.0),
            ("one hundred and twenty", 120.0),
            ("one hundred and twenty-five", 125.0),
            ("two hundred five", 205.0),
            ("a thousand", 1000.0),
            ("two thousand", 2000.0),
            ("ten thousand", 10_000.0),
            ("two thousand three hundred and forty-one", 2341.0),
            ("forty-six thousand", 46_000.0),
            ("fifteen hundred", 1500.0),
            ("a million", 1e6),
            ("zero", 0.0),
        ];
        for &(text, value) in cases {
            let got = nums(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, text, "{text}");
            assert_eq!(got[0].1, value, "{text}");
            assert!(got[0].3, "{text}");
        }
    }

    #[test]
    fn spelled_numbers_in_sentences() {
        assert_eq!(
            nums("One in twenty, or five percent, said so.")
                .iter()
                .map(|n| (n.0, n.1))
                .collect::<Vec<_>>(),
            vec![("One", 1.0), ("twenty", 20.0), ("five", 5.0)]
        );
        // Words inside words are not numbers; a hundred alone is not "a hundred".
        assert!(numbers("someone often attention tone hundred thousands").is_empty());
        // Ungrammatical runs split.
        assert_eq!(values("five six"), vec![5.0, 6.0]);
        assert_eq!(values("twenty nineteen"), vec![20.0, 19.0]);
        // "and" joins only after hundreds.
        assert_eq!(values("five and six"), vec![5.0, 6.0]);
        assert_eq!(nums("a two-pump chump")[0].0, "two");
    }

    #[test]
    fn words_are_found_with_boundaries() {
        let s = scan("nearly half, two-thirds, twice, the majority, halfway, thirdly");
        let words: Vec<_> = s.words.iter().map(|w| w.word).collect();
        assert_eq!(
            words,
            vec![
                Word::Fraction {
                    denominator: 2,
                    plural: false
                },
                Word::Fraction {
                    denominator: 3,
                    plural: true
                },
                Word::Twice,
                Word::Majority,
            ]
        );
    }

    /// The table lookup relies on every entry being one run of lower-case ASCII letters, and
    /// on no two entries sharing a hash.
    #[test]
    fn table_entries_are_lower_case_ascii_words() {
        for (word, _) in WORDS {
            assert!(
                !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()),
                "{word}"
            );
            assert_eq!(WORDS[table()[&hash_word(word)]].0, *word);
        }
    }

    #[test]
    fn number_words_need_a_boundary_on_both_sides() {
        let found = |text: &str| -> Vec<String> {
            let s = scan(text);
            let mut all: Vec<(usize, String)> = s
                .words
                .iter()
                .map(|w| (w.range.start, text[w.range.clone()].to_string()))
                .chain(
                    s.numbers
                        .iter()
                        .map(|n| (n.range.start, text[n.range.clone()].to_string())),
                )
                .collect();
            all.sort();
            all.into_iter().map(|(_, t)| t).collect()
        };
        // Case, punctuation and text edges.
        assert_eq!(found("TWICE. Half"), vec!["TWICE", "Half"]);
        // Glued to letters, digits, `_` or non-ASCII letters: not a word of its own.
        assert!(found("twicely halfé éhalf half_ _twice half2").is_empty());
        // Apostrophes and hyphens separate words.
        assert_eq!(found("half’s twice-"), vec!["half", "twice"]);
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "%",
            "%%%",
            "1.",
            "....",
            "-",
            ".",
            ",",
            "1,",
            "1,00",
            ".5.",
            "1. ",
            "1. 5",
            "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999%",
            "1e999",
            "é1é",
            "1€",
            "€1",
            "a",
            "a ",
            " a hundred",
            "hundred",
            "and",
            "one and",
            "\u{FFFC}1\u{FFFC}",
            "１２",
            "1.2.3.4",
            "7. 5",
            "7. 5 %",
            "٣",
        ] {
            for n in numbers(text) {
                assert!(n.value.is_finite());
                assert!(text.get(n.range.clone()).is_some(), "{text:?}");
            }
        }
    }
}
