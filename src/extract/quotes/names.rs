//! First-name table: gender shares for pronoun resolution and a "looks like a person" signal.
//!
//! Why a separate module: the table (`data/names/first_names.tsv`, 53k rows) is embedded in
//! the binary and parsed lazily, once per process, so only code that resolves speakers pays
//! for it. Lookups are case-insensitive and accent-folded, as the data README asks.

use super::packed::PackedMap;
use super::tokens::FxBuild;
use std::collections::HashMap;
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
    pub fn gender(&self) -> Gender {
        if self.unsure {
            Gender::Either
        } else if self.female_share >= 0.9 {
            Gender::Female
        } else if self.female_share <= 0.1 {
            Gender::Male
        } else {
            Gender::Either
        }
    }
}

fn table() -> &'static PackedMap<FirstName> {
    static T: OnceLock<PackedMap<FirstName>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::with_capacity_and_hasher(60_000, FxBuild::default());
        for line in TSV.lines().skip(1) {
            let mut f = line.split('\t');
            let (Some(name), Some(share), Some(count), Some(sources)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let Ok(share) = share.trim().parse::<f32>() else {
                continue;
            };
            let count = count.trim().parse::<u32>().unwrap_or(0);
            let word = sources.split(',').any(|s| s.trim() == "word");
            let unsure = sources.split(',').any(|s| s.trim() == "xg");
            m.insert(
                name.to_ascii_lowercase(),
                FirstName {
                    female_share: share,
                    count,
                    word,
                    unsure,
                },
            );
        }
        // Most capitalised words looked up are not first names: 8 filter bits per name
        // reject nearly nine in ten of them without touching the slots.
        PackedMap::new(m, 8)
    })
}

/// Looks a first name up (case-insensitive, accent-folded; a hyphenated name that is not
/// found is tried by its first part).
pub fn lookup(name: &str) -> Option<FirstName> {
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
        assert_eq!(lookup("HILLARY").map(|f| f.gender()), Some(Gender::Female));
        assert_eq!(lookup("Ilham").map(|f| f.gender()), Some(Gender::Either));
        assert_eq!(lookup("Andrés").map(|f| f.gender()), Some(Gender::Male));
        assert!(lookup("Will").map(|f| f.word).unwrap_or(false));
        assert!(lookup("Zzyzzqx").is_none());
    }
}
