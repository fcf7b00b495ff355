//! `--shard K/N`: a stable partition of the article files, for a CI matrix.
//!
//! A file belongs to shard `FNV-1a-64(path) mod N + 1`, where `path` is the path as carelint
//! prints it (as given on the command line, without a leading `./`, with `/` separators) in
//! UTF-8. The hash is fixed and documented (not std's per-process `RandomState`), so the same
//! file lands in the same shard on every machine and run, whatever `--jobs` is and whatever
//! other files exist.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let usage = || format!("`{s}` is not a shard: expected K/N with 1 ≤ K ≤ N, such as 2/4");
        let (k, n) = s.split_once('/').ok_or_else(usage)?;
        let index: u64 = k.trim().parse().map_err(|_| usage())?;
        let count: u64 = n.trim().parse().map_err(|_| usage())?;
        if index == 0 || count == 0 || index > count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether the file at `path` (as discovered) is in this shard.
    pub fn contains(&self, path: &Path) -> bool {
        self.contains_shown(&crate::workspace::config::display_path(path))
    }

    /// Whether the file carelint shows as `shown` is in this shard.
    pub fn contains_shown(&self, shown: &str) -> bool {
        let key = shown.replace('\\', "/");
        fnv1a64(key.as_bytes()) % self.count + 1 == self.index
    }
}

/// FNV-1a, 64-bit: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_published_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn shards_parse_and_validate() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "1/0", "4", "a/b", "", "1/2/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn every_path_is_in_exactly_one_shard() {
        for n in 1..6 {
            for path in ["a.md", "articles/b.md", "x/y/z.txt", "é.md"] {
                let owners = (1..=n)
                    .filter(|&k| Shard { index: k, count: n }.contains_shown(path))
                    .count();
                assert_eq!(owners, 1, "{path} in {owners} of {n} shards");
            }
        }
    }
}
