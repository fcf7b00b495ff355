//! Verify-and-repair: find where a parser's decoded text literally sits in the source.
//!
//! comrak reports line/column positions, merges text across entities and escapes (so a literal
//! "Café &" may span the raw `Caf&eacute; &amp;`), and has two known position bugs (paragraphs led
//! by link reference definitions report lines too early; escaped pipes in table cells end one byte
//! short). [`align`] walks decoded text and raw source together; the caller tries it at the
//! reported place, then with shifted lines, then by scanning the block.

use std::ops::Range;

/// One aligned piece: `lit` (range in the literal) corresponds to `raw` (range in the raw slice).
/// Equal-length pieces with `exact` set are verbatim copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub lit: Range<usize>,
    pub raw: Range<usize>,
    pub exact: bool,
}

/// Aligns all of `lit` against a prefix of `raw`. Returns the pieces and how many raw bytes were
/// consumed, or `None` when the texts do not correspond.
pub fn align(lit: &str, raw: &str) -> Option<(Vec<Piece>, usize)> {
    let lb = lit.as_bytes();
    let rb = raw.as_bytes();
    let mut pieces: Vec<Piece> = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    while i < lb.len() {
        // Backslash escape: `\*` in the source is `*` in the literal.
        if rb.get(j) == Some(&b'\\')
            && rb.get(j + 1).is_some_and(|c| c.is_ascii_punctuation())
            && lb[i] == rb[j + 1]
            && lb[i] != b'\\'
        {
            pieces.push(Piece {
                lit: i..i + 1,
                raw: j..j + 2,
                exact: false,
            });
            i += 1;
            j += 2;
            continue;
        }
        if rb.get(j) == Some(&b'&')
            && let Some(len) = entity_len(&rb[j..])
            && let Some(taken) = entity_decodes_to(lit, i, raw, j + len)
        {
            pieces.push(Piece {
                lit: i..i + taken,
                raw: j..j + len,
                exact: false,
            });
            i += taken;
            j += len;
            continue;
        }
        if rb.get(j) == Some(&lb[i]) {
            match pieces.last_mut() {
                Some(p) if p.exact && p.lit.end == i && p.raw.end == j => {
                    p.lit.end += 1;
                    p.raw.end += 1;
                }
                _ => pieces.push(Piece {
                    lit: i..i + 1,
                    raw: j..j + 1,
                    exact: true,
                }),
            }
            i += 1;
            j += 1;
            continue;
        }
        return None;
    }
    // Pieces must end on char boundaries of both strings for the map to be usable.
    let ok = pieces.iter().all(|p| {
        lit.is_char_boundary(p.lit.start)
            && lit.is_char_boundary(p.lit.end)
            && raw.is_char_boundary(p.raw.start)
            && raw.is_char_boundary(p.raw.end)
    });
    ok.then_some((pieces, j))
}

/// Length of an HTML entity reference at the start of `b` (`&name;`, `&#123;`, `&#x1F;`).
fn entity_len(b: &[u8]) -> Option<usize> {
    if b.first() != Some(&b'&') {
        return None;
    }
    let body = &b[1..];
    let (digits, start) = match body.first() {
        Some(b'#') => match body.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        },
        Some(c) if c.is_ascii_alphabetic() => (0, 0),
        _ => return None,
    };
    let mut k = start;
    while k < body.len() && k < 40 {
        let c = body[k];
        let ok = match digits {
            16 => c.is_ascii_hexdigit(),
            10 => c.is_ascii_digit(),
            _ => c.is_ascii_alphanumeric(),
        };
        if !ok {
            break;
        }
        k += 1;
    }
    (k > start && body.get(k) == Some(&b';')).then_some(k + 2)
}

/// How many literal bytes (one or two chars) an entity at `lit[i..]` decoded to, checked by
/// looking one step ahead: the rest must continue to correspond.
fn entity_decodes_to(lit: &str, i: usize, raw: &str, after_raw: usize) -> Option<usize> {
    let rest = lit.get(i..)?;
    let mut ends = rest
        .char_indices()
        .skip(1)
        .map(|(k, _)| k)
        .chain([rest.len()]);
    let one = ends.next()?;
    let two = ends.next();
    let next_raw = raw.as_bytes().get(after_raw).copied();
    let continues = |taken: usize| {
        let next_lit = lit.as_bytes().get(i + taken).copied();
        match (next_lit, next_raw) {
            (None, _) => true,
            (Some(a), Some(b)) => a == b || b == b'&' || b == b'\\',
            (Some(_), None) => false,
        }
    };
    // An entity that decodes to `&` itself (`&amp;`) is still a substitution.
    if continues(one) {
        Some(one)
    } else {
        two.filter(|&t| continues(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_text_is_one_piece() {
        let (pieces, used) = align("hello", "hello world").unwrap();
        assert_eq!(used, 5);
        assert_eq!(
            pieces,
            vec![Piece {
                lit: 0..5,
                raw: 0..5,
                exact: true
            }]
        );
    }

    #[test]
    fn entities_and_escapes_map_whole() {
        let (pieces, used) = align("Café & *", "Caf&eacute; &amp; \\*").unwrap();
        assert_eq!(used, 20);
        assert!(pieces.iter().any(|p| !p.exact && p.raw == (3..11)));
        assert!(pieces.iter().any(|p| !p.exact && p.raw == (12..17)));
        assert!(pieces.iter().any(|p| !p.exact && p.raw == (18..20)));
    }

    #[test]
    fn numeric_entities() {
        let (_, used) = align("a\u{a0}b", "a&#160;b").unwrap();
        assert_eq!(used, 8);
        let (_, used) = align("x😀", "x&#x1F600;").unwrap();
        assert_eq!(used, 10);
    }

    #[test]
    fn mismatch_is_none() {
        assert!(align("abc", "abd").is_none());
        assert!(align("abc", "ab").is_none());
    }
}
