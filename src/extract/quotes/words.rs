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
use super::packed::PackedMap;
use super::tokens::{is_cap, text_of, trim_periods, Kind, Tok, WordSet};
use super::{attribution, speakers};
use rustc_hash::FxHashMap;

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

/// Heads of cue phrases that are not lexicon words themselves ("according to", "quoted
/// as", "went on", "as X put it").
pub(super) const CUE_PHRASE_HEADS: &[&str] = &[
    "according",
    "quoted",
    "went",
    "goes",
    "go",
    "going",
    "put",
    "puts",
];

/// What the table knows about one lower-cased word.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// List bits, and [`CUE_START`] for cue words and phrase heads.
    bits: u16,
    cue: Option<Cue>,
}

/// Every word of the lists and of the cue lexicon → its [`Entry`]; built once per process
/// (it lives in the `QuoteExtractor`).
pub struct WordTable {
    map: PackedMap<Entry>,
}

impl WordTable {
    pub fn new(lex: &Lexicon) -> WordTable {
        let mut by_word: FxHashMap<String, Entry> = FxHashMap::default();
        for (set, bit) in lists() {
            for &w in set.words() {
                by_word.entry(w.to_string()).or_default().bits |= bit;
            }
        }
        for (w, cue) in lex.forms() {
            let e = by_word.entry(w.to_string()).or_default();
            e.cue = Some(cue);
            e.bits |= CUE_START;
        }
        for &w in CUE_PHRASE_HEADS {
            by_word.entry(w.to_string()).or_default().bits |= CUE_START;
        }
        // ~1,500 words: a 4 KB filter, which stays in the L1 cache.
        WordTable {
            map: PackedMap::new(by_word, 16),
        }
    }

    /// What the table knows about a lower-cased word (all zero when nothing).
    #[inline]
    fn get(&self, lw: &str) -> Entry {
        self.map.get(lw).unwrap_or_default()
    }

    /// The list bits of a lower-cased word.
    pub fn tags_of(&self, lw: &str) -> u16 {
        self.get(lw).bits & !CUE_START
    }
}

/// Where a word's lower-cased form is: in the text (already lower case) or a range of the
/// article's buffer.
#[derive(Debug, Clone, Copy)]
enum Low<'t> {
    Text(&'t str),
    Buf(usize, usize),
}

/// Per-token facts of one article: the lower-cased word (as [`speakers::lower_word`] gives
/// it: possessive and final periods stripped), the cue-lexicon entry and the bits.
pub struct TokenFacts<'t> {
    /// Lower-cased words borrowed from the text when already lower case; the others are ""
    /// here and listed in `in_buf` (token, range of `buf`): one buffer for the whole
    /// article, no allocation per token.
    text_lows: Vec<&'t str>,
    in_buf: Vec<(usize, usize, usize)>,
    buf: String,
    /// Per token: its cue-lexicon entry (words only).
    pub cue_of: Vec<Option<Cue>>,
    /// Per token: the lists its lower-cased form is in, [`CAP`], [`CUE_START`] (words only).
    pub tags: Vec<u16>,
}

/// `w` without a possessive "'s"/"’s"/"s'" and final periods (as `lower_word` strips):
/// only words ending in `s`, `'` or `.` can change.
#[inline]
fn strip_word(w: &str) -> &str {
    match w.as_bytes().last() {
        Some(b's' | b'\'' | b'.') => trim_periods(speakers::strip_possessive(w)),
        _ => w,
    }
}

impl<'t> TokenFacts<'t> {
    /// One pass over the tokens: lower-case (most tokens are already lower case, as the
    /// tokenizer noted), then one table probe per token.
    pub fn new(table: &WordTable, text: &'t str, toks: &[Tok]) -> TokenFacts<'t> {
        let n = toks.len();
        let mut f = TokenFacts {
            text_lows: Vec::with_capacity(n),
            // Capitalised words (about one token in six) are the ones that land in the
            // buffer: room for them up front instead of regrowing the list a few times.
            in_buf: Vec::with_capacity(n / 4),
            // Lower-cased words are rarely longer than the text they come from.
            buf: String::with_capacity(text.len()),
            cue_of: Vec::with_capacity(n),
            tags: Vec::with_capacity(n),
        };
        for (i, t) in toks.iter().enumerate() {
            let w = text_of(text, t);
            let low = if t.lower {
                Low::Text(strip_word(w))
            } else {
                f.lower_into_buf(w)
            };
            let lw = match low {
                Low::Text(x) => {
                    f.text_lows.push(x);
                    x
                }
                Low::Buf(s, e) => {
                    f.text_lows.push("");
                    f.in_buf.push((i, s, e));
                    f.buf.get(s..e).unwrap_or("")
                }
            };
            let Entry { mut bits, mut cue } = table.get(lw);
            if t.kind != Kind::Word {
                bits &= !CUE_START;
                cue = None;
            }
            if is_cap(w) {
                bits |= CAP;
            }
            f.cue_of.push(cue);
            f.tags.push(bits);
        }
        f
    }

    /// The lower-cased form of a word with upper-case or non-ASCII letters.
    fn lower_into_buf(&mut self, w: &'t str) -> Low<'t> {
        let stripped = strip_word(w);
        let bytes = stripped.as_bytes();
        if bytes.is_ascii() {
            if !bytes.iter().any(u8::is_ascii_uppercase) {
                return Low::Text(stripped);
            }
            // One copy, then lower-case in place: pushing the bytes one char at a time
            // cost about 25 instructions a letter.
            let b = self.buf.len();
            self.buf.push_str(stripped);
            if let Some(added) = self.buf.get_mut(b..) {
                added.make_ascii_lowercase();
            }
            return Low::Buf(b, self.buf.len());
        }
        match speakers::lower_word(w) {
            speakers::Lw::Borrowed(x) => Low::Text(x),
            x => {
                let b = self.buf.len();
                self.buf.push_str(&x);
                Low::Buf(b, self.buf.len())
            }
        }
    }

    /// The lower-cased words (one per token), the cue entries and the bits, taken out of
    /// `self` (which keeps the buffer the words borrow): the word vector is moved, not
    /// copied, and only the words in the buffer are filled in.
    pub fn take(&mut self) -> (Vec<&str>, Vec<Option<Cue>>, Vec<u16>) {
        let mut v: Vec<&str> = std::mem::take(&mut self.text_lows);
        for &(i, s, e) in &self.in_buf {
            if let Some(x) = v.get_mut(i) {
                *x = self.buf.get(s..e).unwrap_or("");
            }
        }
        (
            v,
            std::mem::take(&mut self.cue_of),
            std::mem::take(&mut self.tags),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_match_the_lists() {
        let lex = Lexicon::new();
        let t = WordTable::new(&lex);
        for (set, bit) in lists() {
            for &w in set.words() {
                assert!(t.tags_of(w) & bit != 0, "{w}");
            }
        }
        for (w, cue) in lex.forms() {
            let e = t.get(w);
            assert_eq!(e.cue.map(|c| c.lemma), Some(cue.lemma), "{w}");
            assert!(e.bits & CUE_START != 0, "{w}");
        }
        assert_eq!(t.tags_of("zzz"), 0);
        assert_eq!(t.tags_of(","), 0);
        assert_eq!(t.tags_of(""), 0);
        assert_eq!(t.tags_of("the\0"), 0);
        assert_eq!(t.tags_of("presidentialcandidates"), 0);
        assert!(t.get("according").bits & CUE_START != 0);
        assert!(t.get("said").cue.is_some());
        assert!(t.tags_of("president") & TITLE != 0);
        assert!(t.tags_of("president") & NOMINAL != 0);
        assert!(t.tags_of("president") & STOP == 0);
    }
}
