//! Word facts per token, computed once per article: capitalisation and membership in the
//! extractor's word lists (stop words, titles, organisation words, nominal heads, …).
//!
//! Why: the rules ask the same questions about the same few tokens over and over ("is the
//! word before a title?", "is this run all stop words?"). Answering each one from the text
//! meant lower-casing and hashing the word again every time. Here every token's lower-cased
//! form (see `QuoteExtractor::extract`) is looked up once, in one table built once per
//! process that maps a word to the set of lists it belongs to, and the rules test bits.
//! The lists themselves stay where they are documented ([`super::speakers`],
//! [`super::attribution`]); a `WordSet` still answers for strings that are not tokens.

use super::tokens::{is_cap, text_of, FxBuild, Tok, WordSet};
use super::{attribution, speakers};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Capitalised words that never start a name ([`speakers`]' STOP list).
pub const STOP: u16 = 1 << 0;
/// Title words ("president", "sen").
pub const TITLE: u16 = 1 << 1;
/// Words that make a capitalised run an organisation.
pub const ORG: u16 = 1 << 2;
/// Heads of nominal speakers ("spokesman").
pub const NOMINAL: u16 = 1 << 3;
/// Function words that never sit inside a descriptor.
pub const FUNCTION: u16 = 1 << 4;
/// Determiners ("the", "his", "several").
pub const DETERMINER: u16 = 1 << 5;
/// Lower-case role words that may sit inside a name run.
pub const ROLE: u16 = 1 << 6;
/// Auxiliaries and adverbs between a speaker and the cue (the list part of `is_aux`).
pub const AUX: u16 = 1 << 7;
/// Adverbials between a cue and its quotation (the list part of `is_adverbial`).
pub const ADVERBIAL: u16 = 1 << 8;
/// The token's text starts with an upper-case letter ([`is_cap`] of the raw word).
pub const CAP: u16 = 1 << 15;

/// The word lists and their bits.
fn lists() -> [(&'static WordSet, u16); 9] {
    [
        (&speakers::STOP, STOP),
        (&speakers::TITLES, TITLE),
        (&speakers::ORG_WORDS, ORG),
        (&speakers::NOMINAL_HEADS, NOMINAL),
        (&speakers::FUNCTION, FUNCTION),
        (&speakers::DETERMINERS, DETERMINER),
        (&speakers::ROLE_WORDS, ROLE),
        (&attribution::AUX, AUX),
        (&attribution::ADVERBIAL, ADVERBIAL),
    ]
}

/// Word → bits of every list it is in, plus a cheap pre-filter on length.
struct Table {
    map: HashMap<&'static str, u16, FxBuild>,
    max_len: usize,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut map: HashMap<&'static str, u16, FxBuild> = HashMap::default();
        for (set, bit) in lists() {
            for &w in set.words() {
                *map.entry(w).or_default() |= bit;
            }
        }
        let max_len = map.keys().map(|w| w.len()).max().unwrap_or(0);
        Table { map, max_len }
    })
}

/// The list bits of a lower-cased word. Every listed word starts with an ASCII lower-case
/// letter, so punctuation and numbers miss without hashing.
#[inline]
pub fn tags_of(lw: &str) -> u16 {
    let t = table();
    match lw.as_bytes().first() {
        Some(b) if b.is_ascii_lowercase() && lw.len() <= t.max_len => {
            t.map.get(lw).copied().unwrap_or(0)
        }
        _ => 0,
    }
}

/// Per token: the list bits of its lower-cased form `lows[i]`, and [`CAP`].
pub fn token_tags(text: &str, toks: &[Tok], lows: &[&str]) -> Vec<u16> {
    toks.iter()
        .zip(lows)
        .map(|(t, lw)| {
            let cap = if is_cap(text_of(text, t)) { CAP } else { 0 };
            tags_of(lw) | cap
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_match_the_lists() {
        for (set, bit) in lists() {
            for &w in set.words() {
                assert!(tags_of(w) & bit != 0, "{w}");
            }
        }
        assert_eq!(tags_of("zzz"), 0);
        assert_eq!(tags_of(","), 0);
        assert!(tags_of("president") & TITLE != 0);
        assert!(tags_of("president") & NOMINAL != 0);
        assert!(tags_of("president") & STOP == 0);
    }
}
