//! Quantity extraction: every statistical expression in a block of prose.
//!
//! One [`Quantity`] per statistic, not per number: "7% to 46% of women and up to 10% of men" is
//! a percentage range and a percentage; "41% of 1,635 participants" is one percentage whose
//! sample size is 1,635. Precision matters more than recall (an editor drops a tool that flags
//! "in 2019"), so a number becomes a quantity only in a statistical shape:
//!
//! * a percent sign or word after it ("46%", "five percent", "7. 5%", "7.7 and 32.9 percent"),
//!   "percentage points", a comparison after it ("2.87 times more likely", "99% more likely");
//! * "N in/out of M" (natural frequency), "N per M" with a numeric M (rate);
//! * a statistical label before it ("OR = 2.3", "95% CI 1.4–3.8", "p < 0.05", "r = −0.16",
//!   "n = 230");
//! * a people noun after it ("1,635 participants", "over 1,200 men").
//!
//! Fraction and multiplier words make proportions and multiples ("nearly half of women",
//! "two-thirds of", "the majority of", "twice as likely").
//!
//! Years, ages, durations, times, dates, doses, money, phone numbers, list and section labels,
//! citation markers, links and identifiers are skipped before any of that is tried.
//!
//! Candidates come from `numbers::scan` (one byte loop for digits, one Aho–Corasick pass for
//! words); everything else is parsed by hand around each candidate, so a paragraph without
//! numbers costs two linear scans.
//!
//! The parts, in the order a candidate meets them (split where the code calls across, so each
//! part reads on its own): [`scan`] tries the shapes at each number and number word, asking
//! [`labels`] for "OR = 2.3"-style figures and [`exclude`] for what is not a statistic;
//! [`populations`] reads the group and sample size after or before a figure; [`annotate`] then
//! gives each figure its time window ([`windows`]) and the group or sample its sentence names.
//! [`cursor`] holds the word and phrase helpers they share, [`lists`] the word lists of
//! `rules/quantities.yml`.

mod annotate;
mod cursor;
mod exclude;
mod labels;
mod lists;
mod populations;
mod scan;
mod windows;

use std::ops::Range;

use super::numbers::{self, Number};
use annotate::annotate;
use cursor::Cx;
use scan::{at_number, at_word};

/// Whether a figure's window makes it recur over a period ("each day", "every year",
/// "annually"): "20 veterans ... each day" is a rate over a population, not a small count in
/// one story.
pub fn recurs(window: &str) -> bool {
    // The same reading as a count's period ("more than 7,000 each year"), of the whole window.
    lists::load().is_ok()
        && scan::period_after(window, 0).is_some_and(|end| window[end..].trim().is_empty())
}

/// Whether the built-in word lists (`rules/quantities.yml`) compile: rules that read figures can
/// report broken data when they are built, as they do for their own data.
pub fn data_loads() -> Result<(), String> {
    lists::load().map(|_| ())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    /// "46%", "five percent", "5.1 per cent".
    Percentage,
    /// "7% to 46%", "6–16%", "between 7.7 and 32.9 percent".
    PercentageRange,
    /// "5 percentage points".
    PercentagePoints,
    /// "1 in 5", "one in twenty", "3 out of 10".
    Frequency,
    /// "half of", "a third of", "nearly half", "the majority of".
    Proportion,
    /// "2.87 times more likely", "twice as likely", "a threefold risk".
    Multiple,
    /// "99% more likely", "a 30% increase".
    RelativeChange,
    /// "1,635 participants", "over 1,200 men", "n = 230".
    Count,
    /// "13.0 per 100,000".
    Rate,
    /// "OR 2.3", "RR = 1.4", "HR 0.8", "an odds ratio of 2.3".
    OddsRatio,
    /// "95% CI 1.4–3.8".
    ConfidenceInterval,
    /// "p < 0.05".
    PValue,
    /// "r = −0.16".
    Correlation,
    /// "the median age is 17 years old", "an average delay of 8 years".
    Average,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// about, around, approximately, roughly, an estimated, some, ~
    About,
    /// up to, as many as, at most, no more than, ≤
    UpTo,
    /// at least, no fewer than, ≥
    AtLeast,
    /// more than, over, above, just over, >
    MoreThan,
    /// less than, under, fewer than, below, <
    LessThan,
    /// nearly, almost, close to, just under
    Nearly,
    /// between …, from … to …
    Between,
    /// anywhere from/between …
    AnywhereFrom,
}

/// One statistic in a block's prose text. All ranges are byte ranges of that text, on char
/// boundaries, never starting or ending with a space.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub kind: QuantityKind,
    /// The whole figure with its qualifier: "up to 10%", "7% to 46%", "one in five",
    /// "2.87 times more likely", "OR = 2.3", "95% CI 1.4–3.8".
    pub range: Range<usize>,
    /// Percentages as percents (46.0); ranges and intervals `[low, high]`; frequencies as the
    /// percent they stand for ("one in five" → 20.0); proportions as percents ("half" → 50.0);
    /// multiples as the factor; counts, rates, ratios, p and r as written (r with its sign).
    pub values: Vec<f64>,
    /// "one in five" → (1, 5); "13.0 per 100,000" → (13, 100000).
    pub frequency: Option<(f64, f64)>,
    /// Decimals as written: the most over the numbers of the figure.
    pub precision: u8,
    pub qualifier: Option<Qualifier>,
    /// A number of the figure was broken by extraction ("7. 5%").
    pub broken: bool,
    /// A number of the figure was spelled out ("forty-six per cent").
    pub spelled: bool,
    /// The group the figure is about when the sentence says so: "women", "men aged 16–74",
    /// "female university students".
    pub population: Option<Range<usize>>,
    /// The time window or measure in the same clause: "at least once in their lives",
    /// "in the past four weeks", "on a regular basis", "ever".
    pub window: Option<Range<usize>>,
    /// "of 1,635 participants", "n = 230", or a people count in the same sentence.
    pub sample_size: Option<u64>,
}

/// Every statistic in `text`, sorted by start and non-overlapping. `sentences` are the block's
/// sentence ranges; they bound the search for windows, populations and sample sizes.
pub fn extract(text: &str, sentences: &[Range<usize>]) -> Vec<Quantity> {
    extract_scanned(text, sentences, &numbers::scan(text))
}

/// [`extract`] from the numbers and number words of `text` found already ([`numbers::scan`]),
/// which the analysis keeps for the rules that read a block's numbers.
pub(crate) fn extract_scanned(
    text: &str,
    sentences: &[Range<usize>],
    scan: &numbers::Scan,
) -> Vec<Quantity> {
    // Broken built-in lists find nothing ([`data_loads`] reports them).
    if scan.numbers.is_empty() && scan.words.is_empty() || lists::load().is_err() {
        return Vec::new();
    }
    let cx = Cx {
        text,
        nums: &scan.numbers,
    };
    let mut out: Vec<Quantity> = Vec::new();
    // Candidates before `next` were used or skipped; lookbacks (qualifiers, labels) may reach
    // back to `floor`, the end of the text the last quantity used.
    let mut floor = 0;
    let mut next = 0;
    let (mut ni, mut wi) = (0, 0);
    loop {
        crate::work::tick(1);
        let outcome = match (scan.numbers.get(ni), scan.words.get(wi)) {
            (None, None) => break,
            (Some(n), w) if w.is_none_or(|w| n.range.start <= w.range.start) => {
                ni += 1;
                if n.range.start < next {
                    continue;
                }
                at_number(&cx, n, floor)
            }
            (_, Some(w)) => {
                wi += 1;
                if w.range.start < next {
                    continue;
                }
                at_word(&cx, w, floor)
            }
            (Some(_), None) => break,
        };
        match outcome {
            Outcome::Found(qs, consumed) => {
                for q in qs {
                    if q.range.start >= floor && q.range.start < q.range.end {
                        floor = floor.max(q.range.end);
                        out.push(q);
                    }
                }
                floor = floor.max(consumed);
                next = next.max(floor);
            }
            Outcome::Skip(end) => next = next.max(end),
            Outcome::Nothing => {}
        }
    }
    annotate(&cx, &mut out, sentences);
    out
}

enum Outcome {
    /// Quantities (in order) and the end of the text they used (which may lie past the last
    /// quantity's range: "41% of 1,635 participants" uses the sample size too).
    Found(Vec<Quantity>, usize),
    /// Not a statistic, and neither is anything up to here ("aged 16–74", "2015–2019").
    Skip(usize),
    Nothing,
}

fn found(q: Quantity, consumed: usize) -> Outcome {
    let end = consumed.max(q.range.end);
    Outcome::Found(vec![q], end)
}

fn new_quantity(
    kind: QuantityKind,
    range: Range<usize>,
    values: Vec<f64>,
    nums: &[&Number],
) -> Quantity {
    Quantity {
        kind,
        range,
        values,
        frequency: None,
        precision: nums.iter().map(|n| n.decimals).max().unwrap_or(0),
        qualifier: None,
        broken: nums.iter().any(|n| n.broken),
        spelled: nums.iter().any(|n| n.spelled),
        population: None,
        window: None,
        sample_size: None,
    }
}

/// Applies a qualifier found before the figure: widens the range to include it.
fn qualify(q: &mut Quantity, qual: Option<(Qualifier, usize)>) {
    if let Some((kind, start)) = qual {
        q.qualifier = Some(kind);
        q.range.start = q.range.start.min(start);
    }
}

/// A qualifier that fits a single figure (not "between", "from").
fn single(qual: Option<(Qualifier, usize)>) -> Option<(Qualifier, usize)> {
    qual.filter(|(q, _)| !matches!(q, Qualifier::Between | Qualifier::AnywhereFrom))
}

#[cfg(test)]
mod tests;
