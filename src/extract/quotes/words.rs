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

use super::cues::{Cue, Lexicon};
use super::tokens::{is_cap, text_of, FxBuild, Kind, Tok, WordSet};
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
/// A word that can start a cue: a cue-lexicon word or a phrase head ("according to",
/// "quoted as", "went on"); see `Ctx::cue_at`.
pub const CUE_START: u16 = 1 << 14;
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

/// Where a token's lower-cased form is: a range of the text (already lower case) or of
/// the article's buffer.
#[derive(Debug, Clone, Copy)]
enum Src {
    Text(usize, usize),
    Buf(usize, usize),
}

/// Every token's lower-cased form, as [`speakers::lower_word`] gives it (possessive and
/// final periods stripped): borrowed from the text when already lower case, otherwise in
/// one buffer for the whole article (no allocation per token).
pub struct Lowered {
    at: Vec<Src>,
    buf: String,
}

/// `w` without a possessive "'s"/"’s"/"s'" and final periods (as `lower_word` strips):
/// only words ending in `s`, `'` or `.` can change.
#[inline]
fn strip_word(w: &str) -> &str {
    match w.as_bytes().last() {
        Some(b's' | b'\'' | b'.') => speakers::strip_possessive(w).trim_end_matches('.'),
        _ => w,
    }
}

impl Lowered {
    pub fn new(text: &str, toks: &[Tok]) -> Lowered {
        let mut buf = String::new();
        let offset = |x: &str| (x.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let at = toks
            .iter()
            .map(|t| {
                let w = text_of(text, t);
                let stripped = strip_word(w);
                let bytes = stripped.as_bytes();
                if bytes.is_ascii() {
                    let s = offset(stripped);
                    if !bytes.iter().any(u8::is_ascii_uppercase) {
                        return Src::Text(s, s + stripped.len());
                    }
                    let b = buf.len();
                    buf.extend(bytes.iter().map(|c| c.to_ascii_lowercase() as char));
                    return Src::Buf(b, buf.len());
                }
                match speakers::lower_word(w) {
                    speakers::Lw::Borrowed(x) => {
                        let s = offset(x);
                        Src::Text(s, s + x.len())
                    }
                    x => {
                        let b = buf.len();
                        buf.push_str(&x);
                        Src::Buf(b, buf.len())
                    }
                }
            })
            .collect();
        Lowered { at, buf }
    }

    /// The lower-cased words, one per token.
    pub fn words<'a>(&'a self, text: &'a str) -> Vec<&'a str> {
        self.at
            .iter()
            .map(|r| match *r {
                Src::Text(s, e) => text.get(s..e).unwrap_or(""),
                Src::Buf(s, e) => self.buf.get(s..e).unwrap_or(""),
            })
            .collect()
    }
}

/// Per token: its cue-lexicon entry (words only) and its bits: the lists its lower-cased
/// form `lows[i]` is in, [`CAP`], and [`CUE_START`].
pub fn token_facts(
    lex: &Lexicon,
    text: &str,
    toks: &[Tok],
    lows: &[&str],
) -> (Vec<Option<Cue>>, Vec<u16>) {
    let mut cue_of = Vec::with_capacity(toks.len());
    let mut tags = Vec::with_capacity(toks.len());
    for (t, &lw) in toks.iter().zip(lows) {
        let word = t.kind == Kind::Word;
        let cue = if word { lex.get(lw) } else { None };
        let mut bits = tags_of(lw);
        if is_cap(text_of(text, t)) {
            bits |= CAP;
        }
        let phrase_head = matches!(lw, "according" | "quoted" | "went" | "goes" | "go" | "going");
        if word && (cue.is_some() || phrase_head) {
            bits |= CUE_START;
        }
        cue_of.push(cue);
        tags.push(bits);
    }
    (cue_of, tags)
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
