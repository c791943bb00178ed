//! Candidate spans: tokenise the text once, then at every capitalised token probe the
//! gazetteer index with growing token n-grams and keep the longest hit (leftmost-longest).
//!
//! Why tokens and not a byte automaton over the text: keys are accent-folded per token, so
//! the text never needs a folded copy with an offset map, and capitalisation (the cheapest
//! place-vs-word cue in English) is checked on the original tokens. Only capitalised tokens
//! start a probe, so most of the text costs one byte-class check.

use super::gazetteer::{fold_token_into, Form, FormKind, Gazetteer};

/// A word token: an alphanumeric run, as byte offsets into the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// First character is upper case.
    pub cap: bool,
    /// Every letter is upper case (and there is at least one letter).
    pub upper: bool,
    /// Number of chars.
    pub len: usize,
}

/// Byte classes for the ASCII fast path: 0 other, 1 lower, 2 upper, 3 digit, 4 non-ASCII.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if i >= 0x80 {
            4
        } else if i >= b'a' as usize && i <= b'z' as usize {
            1
        } else if i >= b'A' as usize && i <= b'Z' as usize {
            2
        } else if i >= b'0' as usize && i <= b'9' as usize {
            3
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Splits text into tokens. Never panics; all offsets are char boundaries.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    // Room for the densest text met (OCR pages: one token per 3.8 bytes): growing by
    // doubling copied a large page's tokens several times.
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let cls = CLASS[bytes[i] as usize];
        if cls == 0 {
            i += 1;
            continue;
        }
        if cls == 4 {
            let Some(ch) = text[i..].chars().next() else {
                break;
            };
            if !ch.is_alphanumeric() {
                i += ch.len_utf8();
                continue;
            }
        }
        // a token starts at i
        let start = i;
        if cls == 1 || cls == 3 {
            // lower-case or digit start: only the end matters (the common case)
            let mut j = i + 1;
            while j < n && matches!(CLASS[bytes[j] as usize], 1..=3) {
                j += 1;
            }
            if j >= n || CLASS[bytes[j] as usize] != 4 {
                out.push(Tok {
                    start,
                    end: j,
                    cap: false,
                    upper: false,
                    len: j - start,
                });
                i = j;
                continue;
            }
        }
        let mut cap = false;
        let mut upper = true;
        let mut letters = 0usize;
        let mut len = 0usize;
        while i < n {
            let c = CLASS[bytes[i] as usize];
            match c {
                0 => break,
                1..=3 => {
                    if len == 0 {
                        cap = c == 2;
                    }
                    if c == 1 {
                        upper = false;
                        letters += 1;
                    } else if c == 2 {
                        letters += 1;
                    }
                    i += 1;
                    len += 1;
                }
                _ => {
                    let Some(ch) = text[i..].chars().next() else {
                        break;
                    };
                    if !ch.is_alphanumeric() {
                        break;
                    }
                    if len == 0 {
                        cap = ch.is_uppercase();
                    }
                    if ch.is_alphabetic() {
                        letters += 1;
                        if ch.is_lowercase() {
                            upper = false;
                        }
                    }
                    i += ch.len_utf8();
                    len += 1;
                }
            }
        }
        out.push(Tok {
            start,
            end: i,
            cap,
            upper: upper && letters > 0,
            len,
        });
    }
    out
}

/// A gazetteer hit before filtering and resolution.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Byte span in the text (includes a trailing period for "U.S.", "Calif.").
    pub start: usize,
    pub end: usize,
    /// Token range [t0, t1).
    pub t0: usize,
    pub t1: usize,
    pub key: String,
    pub forms: Vec<Form>,
    /// A county ("Laurel County"): `key` and `forms` are those of the name before "County".
    pub county: bool,
    /// A street or natural feature ("Darby Street", "Licking River"), found by its suffix;
    /// also flagged `county`, as both are placed through the article's local towns.
    pub feature: bool,
}

/// Lower-case words allowed inside a multi-word name ("Bosnia and Herzegovina", "Strait of Hormuz").
fn is_connector(tok: &str) -> bool {
    matches!(
        tok,
        "of" | "the"
            | "and"
            | "de"
            | "del"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "du"
            | "des"
            | "la"
            | "le"
            | "les"
            | "el"
            | "al"
            | "upon"
            | "on"
            | "sur"
            | "am"
            | "im"
            | "an"
            | "der"
            | "den"
            | "di"
            | "y"
            | "en"
            | "au"
            | "aux"
            | "d"
            | "l"
            | "s"
    )
}

/// Whether the characters between two tokens may sit inside one place name.
fn joinable(text: &str, prev: &Tok, next: &Tok) -> bool {
    let sep = &text[prev.end..next.start];
    match sep {
        " " | "-" | "\u{2010}" | "\u{2011}" | "'" | "\u{2019}" | "." | ".-" => true,
        // "St. Louis", "U.S. Virgin Islands", but not "Paris. Texas"
        ". " => prev.len <= 3,
        // only forms written with a comma may span one (checked in `check`)
        ", " => true,
        _ => false,
    }
}

/// Finds leftmost-longest gazetteer hits over capitalised tokens.
pub(crate) fn candidates(g: &Gazetteer, text: &str, toks: &[Tok]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut key = String::with_capacity(64);
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !t.cap {
            i += 1;
            continue;
        }
        key.clear();
        fold_token_into(&text[t.start..t.end], &mut key);
        if !g.may_start(&key) {
            i += 1;
            continue;
        }
        let Some(head) = g.first.get(key.as_str()) else {
            i += 1;
            continue;
        };
        let max_n = head.max_n as usize;
        let mut best: Option<Candidate> = None;
        let mut n = 1;
        loop {
            let forms = if n == 1 {
                Some(head.forms.as_slice()).filter(|f| !f.is_empty())
            } else {
                g.index.get(key.as_str()).map(Vec::as_slice)
            };
            if let Some(c) = forms.and_then(|forms| check(forms, text, toks, i, n, &key)) {
                best = Some(c);
            }
            if n >= max_n || i + n >= toks.len() {
                break;
            }
            let (prev, next) = (toks[i + n - 1], toks[i + n]);
            if !joinable(text, &prev, &next) {
                break;
            }
            let word = &text[next.start..next.end];
            if !next.cap && !next.start_is_digit(text) && !is_connector(word) {
                break;
            }
            key.push(' ');
            fold_token_into(word, &mut key);
            n += 1;
        }
        match best {
            Some(c) => {
                i = c.t1;
                out.push(c);
            }
            None => i += 1,
        }
    }
    out
}

impl Tok {
    fn start_is_digit(&self, text: &str) -> bool {
        text.as_bytes()
            .get(self.start)
            .is_some_and(|b| b.is_ascii_digit())
    }
}

/// Checks the n-gram starting at token `i`, whose key has these `forms` in the index,
/// with case and period rules.
fn check(
    forms: &[Form],
    text: &str,
    toks: &[Tok],
    i: usize,
    n: usize,
    key: &str,
) -> Option<Candidate> {
    let first = toks[i];
    let last = toks[i + n - 1];
    let span_upper = toks[i..i + n].iter().all(|t| t.upper || !t.cap);
    // the last token must be capitalised too ("Isle of Man", never "Man of the")
    if !last.cap {
        return None;
    }
    let period_follows = text.as_bytes().get(last.end) == Some(&b'.');
    let short_caps = n == 1 && first.upper && first.len <= 3;
    let spans_comma = text
        .get(first.start..last.end)
        .is_some_and(|t| t.contains(", "));
    let next_cap = toks
        .get(i + n)
        .is_some_and(|t| t.cap && text.get(last.end..t.start) == Some(" "));
    let kept: Vec<Form> = forms
        .iter()
        .copied()
        .filter(|f| {
            if f.acronym && !span_upper {
                return false;
            }
            if !f.acronym && short_caps {
                // "IT", "ONE", "ELY": short all-caps words are acronyms, not cities
                return false;
            }
            if f.trailing_period && !period_follows {
                return false;
            }
            if spans_comma && !f.comma {
                return false;
            }
            // "Dublin City Council": a "X City" variant before another name word is the
            // town plus an institution; let the shorter "Dublin" match instead
            if f.kind == FormKind::Alias && n > 1 && key.ends_with(" city") && next_cap {
                return false;
            }
            true
        })
        .collect();
    if kept.is_empty() {
        return None;
    }
    let with_period = period_follows && kept.iter().any(|f| f.trailing_period);
    let end = if with_period { last.end + 1 } else { last.end };
    Some(Candidate {
        start: first.start,
        end,
        t0: i,
        t1: i + n,
        key: key.to_string(),
        forms: kept,
        county: false,
        feature: false,
    })
}

/// Extends a country hit over a preceding "Republic of " ("the Republic of Armenia").
pub(crate) fn extend_republic(g: &Gazetteer, text: &str, toks: &[Tok], cands: &mut [Candidate]) {
    for c in cands.iter_mut() {
        if c.t0 < 2 || c.county {
            continue;
        }
        let is_country = c.forms.iter().any(|f| {
            f.kind != super::gazetteer::FormKind::Demonym
                && g.entries
                    .get(f.entry as usize)
                    .is_some_and(|e| e.kind == crate::extract::PlaceKind::Country)
        });
        if !is_country {
            continue;
        }
        let (r, o) = (toks[c.t0 - 2], toks[c.t0 - 1]);
        if &text[r.start..r.end] == "Republic"
            && &text[o.start..o.end] == "of"
            && &text[r.end..o.start] == " "
            && &text[o.end..c.start] == " "
        {
            c.start = r.start;
            c.t0 -= 2;
        }
    }
}

/// Last words of street and landscape names, which the gazetteer (towns of 15,000 and more,
/// admin1 regions) does not hold but news names all the time.
fn is_feature_suffix(w: &str) -> bool {
    matches!(
        w,
        "Street"
            | "Road"
            | "Drive"
            | "Avenue"
            | "Boulevard"
            | "Lane"
            | "Parkway"
            | "Township"
            | "River"
            | "Park"
            | "Valley"
            | "Creek"
            | "Lake"
            | "Beach"
            | "Trail"
            | "Island"
            | "Falls"
            | "Springs"
            | "Bay"
            | "Mountains"
            | "Heights"
            | "Hills"
            | "Square"
    )
}

/// An ordinal street number ("5th", "42nd").
fn is_ordinal(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3 && b[0].is_ascii_digit() && matches!(&w[w.len() - 2..], "st" | "nd" | "rd" | "th")
}

/// Adds "<Capitalised words> Street|River|Park…" spans: up to three capitalised (or ordinal)
/// words before a feature suffix. A gazetteer hit covering the same span or more wins
/// ("Green Bay", "Palm Beach"); hits inside the span give way ("Mississippi River").
pub(crate) fn add_features(text: &str, toks: &[Tok], cands: &mut Vec<Candidate>) {
    let mut extra: Vec<Candidate> = Vec::new();
    for j in 1..toks.len() {
        let t = toks[j];
        if !t.cap || t.upper || !is_feature_suffix(&text[t.start..t.end]) {
            continue;
        }
        let mut k = j;
        while k > 0 && j - k < 3 {
            let p = toks[k - 1];
            let sep = &text[p.end..toks[k].start];
            if sep != " " && sep != "-" {
                break;
            }
            let pw = &text[p.start..p.end];
            if !(p.cap || is_ordinal(pw)) || p.upper && p.len > 1 || is_county_stop(pw) {
                break;
            }
            k -= 1;
        }
        if k == j {
            continue;
        }
        let (start, end) = (toks[k].start, t.end);
        // cands are sorted and disjoint: only the last one starting at or before `start`
        // can cover the span; extras grow in order, so only the last can either
        let i = cands.partition_point(|c| c.start <= start);
        let covered = i > 0 && cands[i - 1].end >= end;
        if covered
            || extra
                .last()
                .is_some_and(|e| e.end >= end && e.start <= start)
        {
            continue;
        }
        extra.push(Candidate {
            start,
            end,
            t0: k,
            t1: j + 1,
            key: String::new(),
            forms: Vec::new(),
            county: true,
            feature: true,
        });
    }
    if extra.is_empty() {
        return;
    }
    merge_replacing(cands, extra);
}

/// Replaces the hits that overlap any of `extra` (both sorted by position) with `extra`,
/// keeping the result sorted. Linear in both lengths.
fn merge_replacing(cands: &mut Vec<Candidate>, extra: Vec<Candidate>) {
    let old = std::mem::take(cands);
    let mut out = Vec::with_capacity(old.len() + extra.len());
    let mut e = 0;
    for c in old {
        while e < extra.len() && extra[e].t1 <= c.t0 {
            e += 1;
        }
        // overlaps the first extra that does not end before it?
        if e < extra.len() && extra[e].t0 < c.t1 {
            continue;
        }
        out.push(c);
    }
    out.extend(extra);
    out.sort_by_key(|c| c.start);
    *cands = out;
}

/// Words that never start a county name ("The County", "North County").
fn is_county_stop(w: &str) -> bool {
    matches!(
        w,
        "County"
            | "The"
            | "In"
            | "A"
            | "At"
            | "For"
            | "From"
            | "Of"
            | "On"
            | "And"
            | "But"
            | "To"
            | "By"
            | "With"
            | "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Central"
            | "Rural"
            | "Greater"
            | "Neighboring"
            | "Neighbouring"
            | "Every"
            | "Each"
            | "This"
            | "That"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "Our"
    )
}

/// Adds "X County" / "X Parish" spans (US second-level units, absent from the gazetteer),
/// replacing any gazetteer hit on X. Their forms are the hits for X itself, if any.
pub(crate) fn add_counties(g: &Gazetteer, text: &str, toks: &[Tok], cands: &mut Vec<Candidate>) {
    let mut extra: Vec<Candidate> = Vec::new();
    for j in 1..toks.len() {
        let t = toks[j];
        if !matches!(text.as_bytes().get(t.start), Some(b'C' | b'P')) {
            continue;
        }
        let w = &text[t.start..t.end];
        if !matches!(w, "County" | "Parish" | "COUNTY") {
            continue;
        }
        let p = toks[j - 1];
        if !p.cap || &text[p.end..t.start] != " " || is_county_stop(&text[p.start..p.end]) {
            continue;
        }
        let mut t0 = j - 1;
        let i = cands.partition_point(|c| c.t1 < j);
        if let Some(c) = cands.get(i).filter(|c| c.t1 == j && !c.county) {
            t0 = c.t0;
        } else if j >= 2 {
            let pp = toks[j - 2];
            let sep = &text[pp.end..p.start];
            let pw = &text[pp.start..pp.end];
            if pp.cap
                && !is_county_stop(pw)
                && (sep == "-" || (sep == ". " && pp.len <= 3) || sep == " ")
            {
                t0 = j - 2;
            }
        }
        let name_start = toks[t0].start;
        let name = &text[name_start..p.end];
        let (key, _) = super::gazetteer::key_of(name);
        let forms = g.index.get(&key).cloned().unwrap_or_default();
        extra.push(Candidate {
            start: name_start,
            end: t.end,
            t0,
            t1: j + 1,
            key,
            forms,
            county: true,
            feature: false,
        });
    }
    if extra.is_empty() {
        return;
    }
    merge_replacing(cands, extra);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_handles_non_ascii_and_empty() {
        assert!(tokenize("").is_empty());
        let t = tokenize("Montréal, São Paulo — 東京!");
        assert_eq!(t.len(), 4);
        assert!(t.iter().all(|t| t.end > t.start));
        let s = "Montréal, São Paulo — 東京!";
        assert_eq!(&s[t[1].start..t[1].end], "São");
    }

    #[test]
    fn tokenizer_flags_case() {
        let t = tokenize("MOSCOW Moscow moscow U.S.");
        assert!(t[0].upper && t[0].cap);
        assert!(!t[1].upper && t[1].cap);
        assert!(!t[2].cap);
    }
}
