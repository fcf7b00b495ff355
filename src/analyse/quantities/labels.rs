//! Statistical labels before a number: OR, RR, HR, CI, p, r, n.

use super::cursor::{Cx, is_integer, opt_space, opt_space_back};
use super::lists::lists;
use super::{Outcome, Qualifier, QuantityKind, found, new_quantity};
use crate::analyse::numbers::{
    Number, char_at, char_before, is_word_char, phrase_at, phrase_before,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Eq,
    Lt,
    Gt,
    Le,
    Ge,
    Colon,
}

impl Cmp {
    fn qualifier(self) -> Option<Qualifier> {
        match self {
            Cmp::Lt => Some(Qualifier::LessThan),
            Cmp::Gt => Some(Qualifier::MoreThan),
            Cmp::Le => Some(Qualifier::UpTo),
            Cmp::Ge => Some(Qualifier::AtLeast),
            Cmp::Eq | Cmp::Colon => None,
        }
    }
}

fn comparator_before(t: &str, j: usize) -> Option<(Cmp, usize)> {
    for (s, c) in [
        ("<=", Cmp::Le),
        (">=", Cmp::Ge),
        ("≤", Cmp::Le),
        ("≥", Cmp::Ge),
        ("<", Cmp::Lt),
        (">", Cmp::Gt),
        ("=", Cmp::Eq),
        (":", Cmp::Colon),
    ] {
        if let Some(start) = phrase_before(t, j, s) {
            return Some((c, start));
        }
    }
    None
}

/// A minus sign right before `i` ("−0.16", "= -0.16", "(–0.3"): its start.
fn sign_before(t: &str, i: usize) -> Option<usize> {
    let c = char_before(t, i)?;
    if !matches!(c, '−' | '-' | '–') {
        return None;
    }
    let s = i - c.len_utf8();
    match char_before(t, s) {
        None | Some(' ' | '=' | '(' | '[' | ',' | ':' | ';') => Some(s),
        _ => None,
    }
}

/// A number at `p`, with a minus sign if there is one: (value, number, start).
fn signed_at<'a>(cx: &Cx<'a>, p: usize) -> Option<(f64, &'a Number, usize)> {
    if let Some(c @ ('−' | '-' | '–')) = char_at(cx.text, p)
        && let Some(n) = cx.num_at(p + c.len_utf8())
        && !n.spelled
    {
        return Some((-n.value, n, p));
    }
    cx.num_at(p).filter(|n| !n.spelled).map(|n| (n.value, n, p))
}

#[derive(Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Label {
    Ratio,
    Interval,
    P,
    R,
    N,
}

fn label_before(t: &str, j: usize, with_cmp: bool) -> Option<(Label, usize)> {
    // In the data's order: a longer label comes before its tail ("aOR" before "OR").
    for (word, label, exact, needs_cmp) in lists().label_words.ending_at(t, j) {
        let (label, exact, needs_cmp) = (*label, *exact, *needs_cmp);
        if needs_cmp && !with_cmp {
            continue;
        }
        let Some(s) = phrase_before(t, j, word) else {
            continue;
        };
        if exact && t.get(s..j) != Some(word.as_str()) {
            continue;
        }
        // A label is a whole word: "step = 3" is not "p = 3".
        if char_before(t, s).is_some_and(|c| is_word_char(c) || c == '.') {
            continue;
        }
        return Some((label, s));
    }
    None
}

pub(super) fn stat_label(cx: &Cx, n: &Number, floor: usize) -> Option<Outcome> {
    let t = cx.text;
    if n.spelled {
        return None;
    }
    let sign = sign_before(t, n.range.start);
    let mut j = opt_space_back(t, sign.unwrap_or(n.range.start));
    let cmp = comparator_before(t, j);
    if let Some((_, s)) = cmp {
        j = opt_space_back(t, s);
        // "r(228) = −0.16": degrees of freedom.
        if char_before(t, j) == Some(')')
            && let Some(open) = t[..j].rfind('(')
            && j - open <= 12
            && t[open + 1..j - 1]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b' ')
        {
            j = open;
        }
    }
    let found_label = label_before(t, j, cmp.is_some()).or_else(|| {
        // "an odds ratio of 2.3", "a p-value of 0.04"
        if cmp.is_some() {
            return None;
        }
        let s = ["of", "was", "is", "were"]
            .iter()
            .find_map(|w| phrase_before(t, j, w))?;
        label_before(t, opt_space_back(t, s), false)
            .filter(|(l, _)| matches!(l, Label::Ratio | Label::P | Label::R))
            .filter(|(_, ls)| t[*ls..s].len() > 3)
    });
    let (label, mut start) = found_label?;
    if start < floor {
        return None;
    }
    let value = if sign.is_some() { -n.value } else { n.value };
    let cmp_kind = cmp.map(|(c, _)| c);
    let q = match label {
        Label::Interval => {
            if let Some(s) = phrase_before(t, opt_space_back(t, start), "95%")
                .or_else(|| phrase_before(t, opt_space_back(t, start), "90%"))
                .or_else(|| phrase_before(t, opt_space_back(t, start), "99%"))
                && s >= floor
            {
                start = s;
            }
            let (lo, hi, a, b, end) = interval_at(cx, sign.unwrap_or(n.range.start))?;
            let mut q = new_quantity(
                QuantityKind::ConfidenceInterval,
                start..end,
                vec![lo, hi],
                &[a, b],
            );
            q.range.end = end;
            return Some(found(q, end));
        }
        Label::Ratio => {
            let mut q = new_quantity(
                QuantityKind::OddsRatio,
                start..n.range.end,
                vec![value],
                &[n],
            );
            q.qualifier = cmp_kind.and_then(Cmp::qualifier);
            // "OR 2.3 (1.4–3.8)": an interval in brackets right after.
            let p = opt_space(t, n.range.end);
            if matches!(char_at(t, p), Some('(' | '['))
                && let Some((lo, hi, a, b, _)) = interval_at(cx, p)
            {
                let mut ci = new_quantity(
                    QuantityKind::ConfidenceInterval,
                    a.range.start..b.range.end,
                    vec![lo, hi],
                    &[a, b],
                );
                if let Some(s) = sign_before(t, a.range.start) {
                    ci.range.start = s;
                }
                let end = ci.range.end;
                return Some(Outcome::Found(vec![q, ci], end));
            }
            q
        }
        Label::P => {
            if n.value > 1.0 {
                return None;
            }
            let mut q = new_quantity(QuantityKind::PValue, start..n.range.end, vec![value], &[n]);
            q.qualifier = cmp_kind.and_then(Cmp::qualifier);
            q
        }
        Label::R => {
            if n.value > 1.0 || cmp_kind == Some(Cmp::Colon) {
                return None;
            }
            new_quantity(
                QuantityKind::Correlation,
                start..n.range.end,
                vec![value],
                &[n],
            )
        }
        Label::N => {
            if cmp_kind != Some(Cmp::Eq) || !is_integer(n) || sign.is_some() {
                return None;
            }
            let mut q = new_quantity(QuantityKind::Count, start..n.range.end, vec![n.value], &[n]);
            q.sample_size = Some(n.value as u64);
            q
        }
    };
    let end = q.range.end;
    Some(found(q, end))
}

/// "1.4–3.8", "1.4 to 3.8", "[1.4, 3.8]", ": −0.5 to −0.1" at `p`:
/// (low, high, low number, high number, end).
fn interval_at<'a>(cx: &Cx<'a>, mut p: usize) -> Option<(f64, f64, &'a Number, &'a Number, usize)> {
    let t = cx.text;
    for _ in 0..3 {
        match char_at(t, p) {
            Some(' ' | ':' | '=' | ',') => p += 1,
            _ => break,
        }
    }
    let close = match char_at(t, p) {
        Some('(') => {
            p += 1;
            Some(')')
        }
        Some('[') => {
            p += 1;
            Some(']')
        }
        _ => None,
    };
    let (lo, a, _) = signed_at(cx, p)?;
    let mut q = opt_space(t, a.range.end);
    match char_at(t, q) {
        Some(c @ ('–' | '-' | '—' | ',' | ';')) => q = opt_space(t, q + c.len_utf8()),
        _ => q = phrase_at(t, opt_space(t, a.range.end), "to ")?,
    }
    let (hi, b, _) = signed_at(cx, q)?;
    let mut end = b.range.end;
    if let Some(c) = close
        && char_at(t, end) == Some(c)
    {
        end += 1;
    }
    Some((lo, hi, a, b, end))
}

/// "95% CI 1.4–3.8" read from the "95": the interval, or a skip of "95% CI" when no bounds
/// follow (the level is not a percentage of anything).
pub(super) fn confidence_after_percent(cx: &Cx, n: &Number, pe: usize) -> Option<Outcome> {
    let t = cx.text;
    let p = match char_at(t, pe) {
        Some(' ' | '-') => pe + 1,
        _ => pe,
    };
    // Interval levels, not claims: "95% CI", "95% UI" and "95% uncertainty interval" (the
    // Global Burden of Disease's name for it), "90% prediction interval".
    let le = [
        "CI",
        "CrI",
        "UI",
        "confidence interval",
        "credible interval",
        "uncertainty interval",
        "prediction interval",
    ]
    .iter()
    .find_map(|w| phrase_at(t, p, w))?;
    match interval_at(cx, le) {
        Some((lo, hi, a, b, end)) => {
            let q = new_quantity(
                QuantityKind::ConfidenceInterval,
                n.range.start..end,
                vec![lo, hi],
                &[a, b],
            );
            Some(found(q, end))
        }
        None => Some(Outcome::Skip(le)),
    }
}
