//! First-name table: gender shares for pronoun resolution and a "looks like a person" signal.
//!
//! Why a separate module: the table (`data/names/first_names.tsv`, 53k rows) is embedded in
//! the binary and parsed lazily, once per process, so only code that resolves speakers pays
//! for it. Lookups are case-insensitive and accent-folded, as the data README asks.

use super::packed::PackedMap;
use std::sync::OnceLock;

static TSV: &str = include_str!("../../../data/names/first_names.tsv");

/// Gender signal of a first name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    /// Ambiguous or unknown: compatible with both pronouns.
    Either,
}

/// One row of the table, reduced to what the extractor uses.
#[derive(Debug, Clone, Copy, Default)]
pub struct FirstName {
    pub female_share: f32,
    pub count: u32,
    /// The lower-case form is an ordinary English word ("Will", "Grant").
    pub word: bool,
    /// US and international data disagree ("Jean", "Ilham"): treat the gender as unsure.
    pub unsure: bool,
}

impl FirstName {
    /// A name four times likelier for one gender counts as that gender ("Bernie", 12% female,
    /// is male): a pronoun resolver that waits for near-certainty passes over the person a
    /// "he said" follows for whoever else has an unambiguous name.
    pub fn gender(&self) -> Gender {
        if self.unsure {
            Gender::Either
        } else if self.female_share >= 0.8 {
            Gender::Female
        } else if self.female_share <= 0.2 {
            Gender::Male
        } else {
            Gender::Either
        }
    }
}

fn table() -> &'static PackedMap<FirstName> {
    static T: OnceLock<PackedMap<FirstName>> = OnceLock::new();
    T.get_or_init(|| {
        // One byte-level pass over the rows (no char searchers, no intermediate hash map):
        // this runs once per process, but on 53k rows it cost more than a small article.
        let mut rows = Vec::with_capacity(60_000);
        for line in TSV.lines().skip(1) {
            let Some((name, rest)) = cut(line) else {
                continue;
            };
            let Some((share, rest)) = cut(rest) else {
                continue;
            };
            let Some((count, rest)) = cut(rest) else {
                continue;
            };
            // The fourth field: up to the next tab, if any.
            let sources = cut(rest).map_or(rest, |(x, _)| x);
            let Ok(share) = share.trim().parse::<f32>() else {
                continue;
            };
            let count = count.trim().parse::<u32>().unwrap_or(0);
            let has = |tag: &str| {
                sources
                    .as_bytes()
                    .split(|&b| b == b',')
                    // The table is ASCII: `trim_ascii` is `trim`.
                    .any(|s| s.trim_ascii() == tag.as_bytes())
            };
            rows.push((
                name.to_ascii_lowercase(),
                FirstName {
                    female_share: share,
                    count,
                    word: has("word"),
                    unsure: has("xg"),
                },
            ));
        }
        // Most capitalised words looked up are not first names: 8 filter bits per name
        // reject nearly nine in ten of them without touching the slots.
        let n = rows.len();
        PackedMap::from_pairs(rows, n, 8)
    })
}

/// `s` split at its first tab (`None` without one); a byte search, not a char searcher.
fn cut(s: &str) -> Option<(&str, &str)> {
    let p = s.as_bytes().iter().position(|&b| b == b'\t')?;
    Some((s.get(..p)?, s.get(p + 1..)?))
}

/// Looks a first name up (case-insensitive, accent-folded; a hyphenated name that is not
/// found is tried by its first part).
pub fn lookup(name: &str) -> Option<FirstName> {
    let t = table();
    if name.is_ascii() {
        // Nearly all names: lower-cased inside the packed key, no copy.
        return lookup_ascii(t, name.as_bytes());
    }
    let folded = deunicode::deunicode(name).to_ascii_lowercase();
    lookup_ascii(t, folded.as_bytes())
}

/// [`lookup`] of an ASCII name: the name, else its part before the first hyphen.
fn lookup_ascii(t: &PackedMap<FirstName>, name: &[u8]) -> Option<FirstName> {
    if let Some(f) = t.get_ascii_lower(name) {
        return Some(f);
    }
    let first = name.split(|&b| b == b'-').next().unwrap_or(&[]);
    if first.len() < name.len() && !first.is_empty() {
        return t.get_ascii_lower(first);
    }
    None
}

/// The lookup [`lookup`] replaces (copy, lower-case, then look up); the tests compare them.
#[cfg(test)]
fn lookup_by_copy(name: &str) -> Option<FirstName> {
    let t = table();
    // Short ASCII names (nearly all) are lower-cased on the stack.
    let mut stack = [0u8; 32];
    let owned;
    let key: &str = if name.is_ascii() && name.len() <= stack.len() {
        let b = &mut stack[..name.len()];
        b.copy_from_slice(name.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).unwrap_or("")
    } else {
        owned = if name.is_ascii() {
            name.to_ascii_lowercase()
        } else {
            deunicode::deunicode(name).to_ascii_lowercase()
        };
        &owned
    };
    if let Some(f) = t.get(key) {
        return Some(f);
    }
    let first = key.split('-').next().unwrap_or("");
    if first.len() < key.len() && !first.is_empty() {
        return t.get(first);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genders() {
        assert_eq!(lookup("Donald").map(|f| f.gender()), Some(Gender::Male));
        assert_eq!(lookup("Bernie").map(|f| f.gender()), Some(Gender::Male));
        assert_eq!(lookup("HILLARY").map(|f| f.gender()), Some(Gender::Female));
        assert_eq!(lookup("Ilham").map(|f| f.gender()), Some(Gender::Either));
        assert_eq!(lookup("Andrés").map(|f| f.gender()), Some(Gender::Male));
        assert!(lookup("Will").map(|f| f.word).unwrap_or(false));
        assert!(lookup("Zzyzzqx").is_none());
    }

    #[test]
    fn same_as_the_copying_lookup() {
        for w in [
            "Donald",
            "DONALD",
            "donald",
            "Jean-Paul",
            "Jean-Zzyzzqx",
            "Zzyzzqx-Jean",
            "-Anne",
            "Anne-",
            "Andrés",
            "ANDRÉS",
            "Żaneta",
            "Mary-Kate",
            "Christopher-Alexander-Maximilian",
            "CHRISTOPHERALEXANDERMAXIMILIANJR",
            "O'Brien",
            "Dr.",
            "",
            "-",
            "A",
            "Bo",
            "Will",
        ] {
            let (a, b) = (lookup(w), lookup_by_copy(w));
            assert_eq!(
                a.map(|f| (f.count, f.word, f.unsure)),
                b.map(|f| (f.count, f.word, f.unsure)),
                "{w}"
            );
        }
        for line in TSV.lines().skip(1).step_by(7) {
            let name = cut(line).map_or(line, |(n, _)| n);
            for w in [
                name.to_string(),
                name.to_uppercase(),
                format!("{name}-Zzyzzqx"),
            ] {
                assert_eq!(
                    lookup(&w).map(|f| f.count),
                    lookup_by_copy(&w).map(|f| f.count),
                    "{w}"
                );
            }
        }
    }
}
