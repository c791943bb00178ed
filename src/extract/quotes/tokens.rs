//! Tokens, paragraphs and sentences: one pass over the text that everything else reuses.
//!
//! Why: attribution rules look at a handful of tokens on either side of a quotation, so a
//! flat token array with byte offsets (always on char boundaries) keeps each rule a cheap
//! index walk instead of a regex over re-sliced strings. Quotation-mark candidates become
//! their own tokens (`Mark`), including the typewriter `''`/`` `` `` pairs some newspapers
//! use; single quotes stay punctuation, so apostrophes never open a quote.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// Token kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct,
    /// A double quotation mark candidate: " “ ” „ « » '' ``
    Mark,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    pub para: u32,
    /// The text is ASCII without upper-case letters: its own lower case (noted while
    /// scanning, so lower-casing the tokens needs no second look at most of them).
    pub lower: bool,
}

/// A word list looked up through a hash set built on first use (`rustc_hash`'s Fx hash:
/// the keys are short words of fixed lists, so a fast non-cryptographic hash is enough).
pub struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<Probe>,
}

/// The hash set plus a cheap pre-filter (length range, first bytes seen), so most words
/// are rejected without hashing.
struct Probe {
    set: FxHashSet<&'static str>,
    min_len: usize,
    max_len: usize,
    first: [bool; 256],
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }
    /// The listed words.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        let p = self.set.get_or_init(|| {
            let mut first = [false; 256];
            for x in self.words {
                if let Some(&b) = x.as_bytes().first() {
                    first[b as usize] = true;
                }
            }
            Probe {
                set: self.words.iter().copied().collect(),
                min_len: self.words.iter().map(|x| x.len()).min().unwrap_or(0),
                max_len: self.words.iter().map(|x| x.len()).max().unwrap_or(0),
                first,
            }
        });
        if w.len() < p.min_len || w.len() > p.max_len {
            return false;
        }
        match w.as_bytes().first() {
            Some(&b) if !p.first[b as usize] => false,
            _ => p.set.contains(w),
        }
    }
}

/// Abbreviations that keep their final period.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "sens", "gov", "gen", "lt", "col", "capt",
    "sgt", "adm", "rev", "prof", "st", "jr", "sr", "no", "vs", "inc", "corp", "co", "ltd", "jan",
    "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "ft", "mt", "pres", "supt",
    "det", "atty", "gens", "cmdr", "maj", "messrs", "esq", "dept", "univ", "assn", "del",
];

fn is_mark_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{201F}'
    )
}

/// The char starting at byte `i` of `text` (which must be a char boundary) and its length.
/// ASCII, nearly all of news text, is one compare; the rest is decoded.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Whether the char at byte `i` is a letter or digit (false at the end of the text).
#[inline]
fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, i).is_some_and(|(c, _)| c.is_alphanumeric()),
        None => false,
    }
}

/// [`ASCII_CLASS`] bits: an ASCII letter or digit, an ASCII upper-case letter.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;

/// Per byte: [`ALNUM`] and [`UPPER`] (zero for every non-ASCII byte).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            t[i] |= ALNUM;
        }
        if b.is_ascii_uppercase() {
            t[i] |= UPPER;
        }
        i += 1;
    }
    t
};

/// The exclusive end of the word starting at byte `i`: letters and digits, joined by
/// internal `'` `’` `-` `.` `&` when a letter or digit follows the joiner.
/// Also says whether the bytes scanned are ASCII without upper-case letters.
fn word_end(text: &str, i: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut e = i;
    let mut lower = true;
    loop {
        // ASCII letters and digits: the common case, one table load per byte; the classes
        // seen are or-ed together and looked at once per stretch.
        let mut seen = 0u8;
        while let Some(&b) = bytes.get(e) {
            let c = ASCII_CLASS[b as usize];
            if c & ALNUM == 0 {
                break;
            }
            seen |= c;
            e += 1;
        }
        lower &= seen & UPPER == 0;
        let Some((d, n)) = char_at(text, e) else {
            break;
        };
        // "9/11", "100,000", "11:50": a separator between digits stays inside the number.
        let in_number = matches!(d, '/' | ',' | ':')
            && e.checked_sub(1)
                .and_then(|p| bytes.get(p))
                .is_some_and(u8::is_ascii_digit)
            && bytes.get(e + 1).is_some_and(u8::is_ascii_digit);
        if d.is_alphanumeric()
            || in_number
            || (matches!(d, '\'' | '\u{2019}' | '-' | '.' | '&') && alnum_at(text, e + n))
        {
            lower &= n == 1;
            e += n;
        } else {
            break;
        }
    }
    (e, lower)
}

/// Whether the word `w`, followed by a period, keeps it (initials, dotted abbreviations,
/// titles in [`ABBREV`]).
fn keeps_period(w: &str) -> bool {
    let single = w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase());
    let dotted = w.contains('.');
    let abbr = w.len() <= 6 && ABBREV.iter().any(|a| a.eq_ignore_ascii_case(w));
    single || dotted || abbr
}

/// The exclusive end of a markup tag (`<tweet id="…">`) starting at byte `i`, if one does:
/// a letter or `/` after `<`, and `>` within 600 bytes on the same line.
fn tag_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 1..];
    let starts_tag = rest
        .chars()
        .next()
        .map(|n| n.is_ascii_alphabetic() || n == '/')
        .unwrap_or(false);
    if !starts_tag {
        return None;
    }
    let mut lim = rest.len().min(600);
    while !rest.is_char_boundary(lim) {
        lim -= 1;
    }
    let close = rest[..lim].find(['>', '\n'])?;
    (rest.as_bytes().get(close) == Some(&b'>')).then_some(i + 1 + close + 1)
}

/// Invisible format characters (bidi embeddings, zero-width spaces, BOM) that web copy leaves
/// around words and marks ("\u{202A}”Sorry Sarah, …”"): read as spaces.
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Splits `text` into tokens. Paragraphs are separated by newlines.
///
/// One forward walk over bytes: ASCII is classified without decoding, other chars are
/// decoded where they start.
pub fn tokenize(text: &str) -> Vec<Tok> {
    // Room for the densest text met (OCR pages: a word or a mark per 1.9 bytes): growing by
    // doubling copied a large page's tokens several times.
    let mut toks = Vec::with_capacity(text.len() / 2 + 1);
    let mut para: u32 = 0;
    let mut saw_text_in_para = false;
    let mut i = 0;
    // Punctuation and marks: one char, its own lower case when ASCII (no upper-case letter
    // is punctuation).
    let tok = |s: usize, e: usize, kind: Kind, para: u32| Tok {
        s,
        e,
        kind,
        para,
        lower: text.as_bytes()[s..e]
            .iter()
            .all(|&b| b < 0x80 && !b.is_ascii_uppercase()),
    };
    while let Some((c, n)) = char_at(text, i) {
        if c == '\n' {
            if saw_text_in_para {
                para = para.saturating_add(1);
                saw_text_in_para = false;
            }
            i += n;
            continue;
        }
        if c.is_whitespace() || invisible(c) {
            i += n;
            continue;
        }
        saw_text_in_para = true;
        if c.is_alphanumeric() {
            let (mut e, lower) = word_end(text, i + n);
            // Keep the period of abbreviations and initials.
            if text.as_bytes().get(e) == Some(&b'.') && keeps_period(&text[i..e]) {
                e += 1;
            }
            toks.push(Tok {
                s: i,
                e,
                kind: Kind::Word,
                para,
                lower: lower && n == 1 && !c.is_ascii_uppercase(),
            });
            i = e;
            continue;
        }
        // Markup left in the text (<tweet id="…">): one opaque token, so its attribute
        // quotes are never paired.
        if c == '<' {
            if let Some(end) = tag_end(text, i) {
                toks.push(tok(i, end, Kind::Punct, para));
                i = end;
                continue;
            }
        }
        if is_mark_char(c) {
            toks.push(tok(i, i + n, Kind::Mark, para));
            i += n;
            continue;
        }
        // ''' closing = single ' then double ''; opening = '' then '.
        if c == '\'' && text[i + 1..].starts_with("''") && !alnum_at(text, i + 3) {
            toks.push(tok(i, i + 1, Kind::Punct, para));
            i += 1;
            continue;
        }
        if (c == '\'' || c == '`') && text[i + 1..].starts_with(c) {
            toks.push(tok(i, i + 2, Kind::Mark, para));
            i += 2;
            continue;
        }
        toks.push(tok(i, i + n, Kind::Punct, para));
        i += n;
    }
    toks
}

/// Token index ranges `[start, end)` of paragraphs.
pub fn paragraphs(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    // A paragraph ends between two tokens of different paragraphs, and at the last token.
    for (i, w) in toks.windows(2).enumerate() {
        if w[0].para != w[1].para {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

#[inline]
pub fn text_of<'a>(text: &'a str, t: &Tok) -> &'a str {
    text.get(t.s..t.e).unwrap_or("")
}

/// `w` without its final periods (`trim_end_matches('.')`, without the char searcher).
#[inline]
pub fn trim_periods(w: &str) -> &str {
    let mut n = w.len();
    while n > 0 && w.as_bytes()[n - 1] == b'.' {
        n -= 1;
    }
    &w[..n]
}

/// True when the word starts with an upper-case letter.
#[inline]
pub fn is_cap(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        Some(_) => w.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.s..t.e]).collect()
    }

    #[test]
    fn tokens() {
        assert_eq!(
            words("Mr. O'Brien said: ''No,'' U.S. e.g. it’s."),
            vec![
                "Mr.", "O'Brien", "said", ":", "''", "No", ",", "''", "U.S.", "e.g.", "it’s", "."
            ]
        );
        assert_eq!(
            words("„Ja“ «oui» ‘x’"),
            vec!["„", "Ja", "“", "«", "oui", "»", "‘", "x", "’"]
        );
        let t = tokenize("a\n\nb\nc");
        assert_eq!(t.iter().map(|t| t.para).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert!(tokenize("").is_empty());
    }
}
