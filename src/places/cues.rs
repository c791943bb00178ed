//! Hits in their sentence: which are people ("Mr. Warren", "Michael Jordan", "Houston
//! said"), parts of longer names ("Washington Street"), ordinary words ("Nice", "Split"),
//! or datelines ("MOSCOW (Reuters) -").
//!
//! Why separate from [`super::filters`]: the lexicons there are plain word lists; this is the
//! logic that reads the tokens around each hit and turns hits into [`Hit`]s for resolution.

use super::filters::{is_facility_word, is_org_word};
use super::gazetteer::{self, FormKind};
use super::matcher::{Candidate, Tok};
use super::{Cue, Geoparser, Hit};
use crate::extract::PlaceKind;
use rustc_hash::FxHashSet as HashSet;

impl Geoparser {
    /// Drops hits that are people, and marks common-word hits and datelines.
    pub(super) fn filter(&self, text: &str, toks: &[Tok], cands: Vec<Candidate>) -> Vec<Hit> {
        let mut in_hit = vec![false; toks.len()];
        // small-town-only hits ("Hilton") do not make a neighbour part of a place
        let minor_only = |c: &Candidate| {
            !c.forms.is_empty()
                && c.forms
                    .iter()
                    .all(|f| self.gaz.entries[f.entry as usize].minor)
        };
        for c in cands.iter().filter(|c| !minor_only(c)) {
            let end = c.t1.min(in_hit.len());
            for flag in in_hit.iter_mut().take(end).skip(c.t0) {
                *flag = true;
            }
        }
        let pairs = self.name_pairs(text, toks, &cands);
        let mut surnames: HashSet<String> = HashSet::default();
        let mut keep: Vec<Option<Candidate>> = Vec::with_capacity(cands.len());
        for c in cands {
            if c.county {
                keep.push(Some(c));
                continue;
            }
            // "300 BC", "5 US": an acronym after a number is something else
            if c.t0 > 0 && toks[c.t0].upper && toks[c.t0].len <= 3 && c.t1 - c.t0 == 1 {
                let p = toks[c.t0 - 1];
                let digits = text
                    .as_bytes()
                    .get(p.start)
                    .is_some_and(|b| b.is_ascii_digit());
                if digits && text.get(p.end..toks[c.t0].start) == Some(" ") {
                    keep.push(None);
                    continue;
                }
            }
            if let Some(&n) = toks.get(c.t1) {
                // "Washington Street", "Columbia University": part of a longer name
                if text.get(toks[c.t1 - 1].end..n.start) == Some(" ")
                    && is_facility_word(&text[n.start..n.end])
                {
                    keep.push(None);
                    continue;
                }
            }
            let cue = if pairs.contains(&c.t0) {
                Cue::Person
            } else {
                self.person_cue(text, toks, &c, &in_hit)
            };
            match cue {
                Cue::Person => {
                    surnames.insert(c.key.clone());
                    keep.push(None);
                }
                Cue::Here => keep.push(None),
                Cue::None => keep.push(Some(c)),
            }
        }
        // A surname once seen with a first name or title stays a person ("Warren said").
        let mut hits: Vec<Hit> = keep
            .into_iter()
            .flatten()
            .filter(|c| {
                !surnames.contains(&c.key)
                    || c.county
                    || c.t1 - c.t0 != 1
                    // A demonym surname stays a demonym ("Cuban officials") unless it speaks
                    // ("Cuban said" after "Mark Cuban").
                    || c.forms.iter().any(|f| f.kind == FormKind::Demonym)
                        && !toks.get(c.t1).is_some_and(|n| {
                            text.get(toks[c.t0].end..n.start) == Some(" ")
                                && self.lex.is_speech_verb(&text[n.start..n.end])
                        })
            })
            .map(|c| {
                let one = c.t1 - c.t0 == 1;
                let word = &text[toks[c.t0].start..toks[c.t0].end];
                // a small town named like a common first name ("David", "Barry")
                let name_town = one
                    && self.lex.is_common_first_name(word)
                    && c.forms.iter().all(|f| {
                        let e = &self.gaz.entries[f.entry as usize];
                        f.kind != FormKind::Demonym
                            && matches!(e.kind, PlaceKind::City | PlaceKind::Admin1)
                            && e.population < 100_000
                    });
                let weak = !c.county
                    && (one
                        && (self.lex.is_common_word(&c.key)
                            || (c.key.len() <= 2 && !toks[c.t0].upper)
                            || name_town)
                        || c.forms.iter().all(|f| f.abbreviation));
                let dateline = is_dateline(text, toks, &c);
                let minor_only = !c.forms.is_empty()
                    && c.forms
                        .iter()
                        .all(|f| self.gaz.entries[f.entry as usize].minor);
                Hit {
                    cand: c,
                    weak,
                    dateline,
                    container: None,
                    contained: None,
                    minor_only,
                }
            })
            .collect();
        for i in 1..hits.len() {
            let (a, b) = (&hits[i - 1].cand, &hits[i].cand);
            if b.t0 == a.t1 && text.get(a.end..b.start) == Some(", ") {
                hits[i - 1].container = Some(i);
                hits[i].contained = Some(i - 1);
            }
        }
        hits
    }

    /// Two adjacent one-word hits that read as first name + surname ("Michael Jordan"):
    /// the first is a common first name and not a country or big city, the second no admin1.
    fn name_pairs(&self, text: &str, toks: &[Tok], cands: &[Candidate]) -> HashSet<usize> {
        let mut out = HashSet::default();
        let entry = |f: &gazetteer::Form| &self.gaz.entries[f.entry as usize];
        for w in cands.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.t1 - a.t0 != 1 || b.t1 - b.t0 != 1 || b.t0 != a.t1 {
                continue;
            }
            let (ta, tb) = (toks[a.t0], toks[b.t0]);
            if text.get(ta.end..tb.start) != Some(" ") || ta.upper || tb.upper {
                continue;
            }
            let a_small = a.forms.iter().all(|f| {
                let e = entry(f);
                f.kind != FormKind::Demonym
                    && matches!(e.kind, PlaceKind::City | PlaceKind::Admin1)
                    && e.population < 1_000_000
            });
            let b_ok = b
                .forms
                .iter()
                .all(|f| f.kind != FormKind::Demonym && entry(f).kind != PlaceKind::Admin1);
            let bw = &text[tb.start..tb.end];
            let b_word = self.lex.is_common_word(&b.key) || is_org_word(bw) || is_facility_word(bw);
            if a_small && b_ok && !b_word && self.lex.is_first_name(&text[ta.start..ta.end]) {
                out.insert(a.t0);
                out.insert(b.t0);
            }
        }
        out
    }

    /// Person cues around a single-token hit; for a demonym only a first name before it
    /// ("Mark Cuban", "David French").
    fn person_cue(&self, text: &str, toks: &[Tok], c: &Candidate, in_hit: &[bool]) -> Cue {
        if c.t1 - c.t0 != 1 {
            return Cue::None;
        }
        let tok = toks[c.t0];
        if c.forms.iter().any(|f| f.kind == FormKind::Demonym) {
            let first_name = c.t0 > 0 && {
                let p = toks[c.t0 - 1];
                let pw = &text[p.start..p.end];
                text.get(p.end..tok.start) == Some(" ")
                    && p.cap
                    && !p.upper
                    && !tok.upper
                    && !in_hit[c.t0 - 1]
                    && (self.lex.is_first_name(pw)
                        || (self.lex.is_word_name(pw) && !sentence_initial(text, toks, c.t0 - 1)))
            };
            return if first_name { Cue::Person } else { Cue::None };
        }
        let word = &text[tok.start..tok.end];
        let kinds = |k: PlaceKind| {
            c.forms
                .iter()
                .any(|f| self.gaz.entries[f.entry as usize].kind == k)
        };
        if c.t0 > 0 {
            let p = toks[c.t0 - 1];
            let sep = &text[p.end..tok.start];
            let pw = &text[p.start..p.end];
            if (sep == " " || sep == ". ") && p.cap && self.lex.is_title(pw) {
                return Cue::Person;
            }
            if sep == " "
                && p.cap
                && !p.upper
                && !in_hit[c.t0 - 1]
                && (self.lex.is_first_name(pw)
                    || (self.lex.is_word_name(pw) && !sentence_initial(text, toks, c.t0 - 1)))
            {
                return Cue::Person;
            }
            // "Roy A. Nelson": a middle initial
            if sep == ". " && p.len == 1 && p.cap && c.t0 >= 2 {
                let pp = toks[c.t0 - 2];
                if pp.cap && !pp.upper && text.get(pp.end..p.start) == Some(" ") {
                    return Cue::Person;
                }
            }
            // "Gould Evans", "Barack Obama": a small town after a capitalised word that is
            // neither a place nor a descriptor ("Old Town", "Lake") reads as a surname
            let small = c.forms.iter().all(|f| {
                let e = &self.gaz.entries[f.entry as usize];
                matches!(e.kind, PlaceKind::City | PlaceKind::Admin1) && e.population < 200_000
            });
            if small
                && sep == " "
                && p.cap
                && !p.upper
                && !tok.upper
                && !in_hit[c.t0 - 1]
                && !sentence_initial(text, toks, c.t0 - 1)
                && !is_descriptor(pw)
            {
                return Cue::Here;
            }
        }
        if let Some(&n) = toks.get(c.t1) {
            let sep = &text[tok.end..n.start];
            let nw = &text[n.start..n.end];
            // "Barry, who was from ...": places take "which" and "where"
            if sep == ", " && nw == "who" && !kinds(PlaceKind::Country) {
                return Cue::Here;
            }
            if sep == " " {
                // "Paris Hilton", "Austin Powers": a first-name city before a surname
                // ... but not "Paris Public Library": a third capitalised word makes it a name
                let third_cap = toks
                    .get(c.t1 + 1)
                    .is_some_and(|t3| t3.cap && text.get(n.end..t3.start) == Some(" "));
                if n.cap
                    && !third_cap
                    && !n.upper
                    && !tok.upper
                    && !kinds(PlaceKind::Country)
                    && !in_hit.get(c.t1).copied().unwrap_or(false)
                    && !is_org_word(nw)
                    && (self.lex.is_first_name(word) || self.lex.is_word_name(word))
                {
                    return Cue::Here;
                }
                // "Houston said": a town name as the subject of a speech verb
                let after_preposition = c.t0 > 0 && {
                    let p = toks[c.t0 - 1];
                    matches!(
                        &text[p.start..p.end],
                        "from" | "in" | "at" | "of" | "to" | "near"
                    )
                };
                if self.lex.is_speech_verb(nw)
                    && !after_preposition
                    && !kinds(PlaceKind::Country)
                    && !kinds(PlaceKind::Region)
                    && c.forms
                        .iter()
                        .all(|f| self.gaz.entries[f.entry as usize].population < 2_000_000)
                {
                    return Cue::Here;
                }
            }
        }
        Cue::None
    }
}

/// Capitalised words that can precede a place name inside the same name or phrase.
fn is_descriptor(w: &str) -> bool {
    matches!(
        w,
        "A" | "An"
            | "This"
            | "These"
            | "Those"
            | "Our"
            | "Your"
            | "My"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "Every"
            | "Each"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "No"
            | "For"
            | "On"
            | "By"
            | "With"
            | "But"
            | "Then"
            | "Old"
            | "New"
            | "Town"
            | "Lake"
            | "Mount"
            | "Mt"
            | "Port"
            | "Fort"
            | "Ft"
            | "Upper"
            | "Lower"
            | "Central"
            | "Downtown"
            | "Greater"
            | "Metro"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "North"
            | "South"
            | "East"
            | "West"
            | "Northeast"
            | "Northwest"
            | "Southeast"
            | "Southwest"
            | "Midtown"
            | "Uptown"
            | "Inner"
            | "Outer"
            | "Little"
            | "Big"
            | "Great"
            | "Grand"
            | "Rural"
            | "Suburban"
            | "Coastal"
            | "City"
            | "County"
            | "State"
            | "Province"
            | "Region"
            | "District"
            | "Island"
            | "Islands"
            | "Republic"
            | "Kingdom"
            | "Saint"
            | "St"
            | "San"
            | "Santa"
            | "Sao"
            | "Los"
            | "Las"
            | "El"
            | "La"
            | "Le"
            | "Al"
            | "In"
            | "At"
            | "From"
            | "Near"
            | "To"
            | "Of"
            | "The"
            | "And"
            | "Via"
            | "Visit"
            | "Visiting"
            | "Welcome"
            | "Outside"
            | "Inside"
            | "Across"
            | "Around"
            | "Through"
            | "Into"
            | "Like"
            | "Both"
            | "Historic"
    )
}

/// Whether token `i` opens a sentence (text start, or after . ! ? : or a quote mark).
fn sentence_initial(text: &str, toks: &[Tok], i: usize) -> bool {
    let from = if i == 0 { 0 } else { toks[i - 1].end };
    let between = text.get(from..toks[i].start).unwrap_or("");
    i == 0
        || between.contains([
            '.', '!', '?', ':', ';', '"', '(', '\u{201c}', '\u{2014}', '\u{2013}', '\n',
        ])
}

/// An upper-case hit at the start of a line followed by a dateline mark: "(", "—", "–", "-".
fn is_dateline(text: &str, toks: &[Tok], c: &Candidate) -> bool {
    if !toks[c.t0..c.t1].iter().all(|t| t.upper || !t.cap) {
        return false;
    }
    // first word of its line: nothing but white space since the previous word's line
    if c.t0 > 0 {
        let before = text.get(toks[c.t0 - 1].end..c.start).unwrap_or("");
        if !before.contains('\n') {
            return false;
        }
        let line = before.rsplit('\n').next().unwrap_or("");
        if !line.trim().is_empty() {
            return false;
        }
    } else if !text.get(..c.start).unwrap_or("").trim().is_empty() {
        return false;
    }
    // allow ", N.M." or ", Texas" between the city and the mark
    let rest = &text[c.end..];
    let window: String = rest.chars().take(30).collect();
    let cut = window
        .find(|ch: char| {
            ch == '(' || ch == '\u{2014}' || ch == '\u{2013}' || ch == '-' || ch == ':'
        })
        .map(|i| &window[..i]);
    match cut {
        Some(between) => between
            .chars()
            .all(|ch| ch.is_alphabetic() || ch == ',' || ch == '.' || ch == ' '),
        None => false,
    }
}
