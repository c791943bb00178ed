//! Speaker mentions: noun phrases around a cue, canonical names, pronoun/nominal resolution.
//!
//! Why: a journalist searches by name, so every attribution has to end as the fullest form
//! of a name that the article gives ("Aliyev" and "he" → "Ilham Aliyev", with the title
//! "Azerbaijani President"). This module (1) reads the article once and registers every
//! capitalised run outside quotations as a person or organisation mention, (2) parses the
//! noun phrase next to a cue (pronoun, name with titles/apposition, or nominal like "the
//! president"), and (3) resolves that phrase against the registry. Names that occur only
//! inside quotations, the byline and places are never registered, so they never speak.

use super::names::{self, Gender};
use super::tokens::{is_cap, text_of, FxBuild, Kind, Tok, WordSet};
use crate::extract::SpeakerKind;
use std::collections::HashMap;

/// Capitalised words that start sentences but never start a name.
static STOP: WordSet = WordSet::new(&[
    "the",
    "a",
    "an",
    "but",
    "and",
    "in",
    "on",
    "at",
    "for",
    "if",
    "when",
    "while",
    "after",
    "before",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "its",
    "as",
    "so",
    "yet",
    "or",
    "nor",
    "of",
    "to",
    "by",
    "with",
    "from",
    "despite",
    "according",
    "although",
    "though",
    "because",
    "since",
    "still",
    "then",
    "now",
    "meanwhile",
    "however",
    "also",
    "even",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "asked",
    "last",
    "next",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "one",
    "two",
    "three",
    "more",
    "other",
    "another",
    "instead",
    "speaking",
    "during",
    "under",
    "over",
    "about",
    "against",
    "among",
    "without",
    "within",
    "whether",
    "until",
    "unlike",
    "like",
    "once",
    "indeed",
    "only",
    "just",
    "so",
    "thus",
    "later",
    "earlier",
    "first",
    "again",
    "sources",
    "officials",
    "critics",
    "supporters",
    "reporters",
    "democrats",
    "republicans",
    "americans",
    "obviously",
    "clearly",
    "perhaps",
    "maybe",
    "well",
    "yes",
    "oh",
    "mr",
    "ms",
    "former",
    "said",
    "says",
    "told",
    "added",
    "via",
    "photo",
    "getty",
    "ap",
    "updated",
    "posted",
    "advertisement",
    "related",
    "read",
    "watch",
    "see",
]);

/// Title words (lower case, no period). A run "Azerbaijani President Ilham Aliyev" splits
/// at the last title word into title and name.
static TITLES: WordSet = WordSet::new(&[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "president",
    "president-elect",
    "sen",
    "senator",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "gen",
    "general",
    "sec",
    "secretary",
    "rev",
    "reverend",
    "judge",
    "justice",
    "mayor",
    "chairman",
    "chairwoman",
    "chair",
    "speaker",
    "minister",
    "prime",
    "vice",
    "candidate",
    "nominee",
    "former",
    "lt",
    "col",
    "capt",
    "sgt",
    "adm",
    "officer",
    "director",
    "ceo",
    "sir",
    "dame",
    "lady",
    "lord",
    "king",
    "queen",
    "pope",
    "chief",
    "deputy",
    "attorney",
    "ambassador",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "majority",
    "minority",
    "whip",
    "state",
    "press",
    "house",
    "white",
    "national",
    "security",
    "adviser",
    "advisor",
    "chancellor",
    "premier",
    "prince",
    "princess",
    "sheikh",
    "ayatollah",
    "cardinal",
    "bishop",
    "father",
    "sister",
    "brother",
    "coach",
    "host",
    "anchor",
    "editor",
    "correspondent",
    "columnist",
    "founder",
    "executive",
    "manager",
    "strategist",
    "pollster",
    "economist",
    "analyst",
    "treasurer",
    "comptroller",
    "auditor",
    "councilman",
    "councilwoman",
    "councillor",
    "councilor",
    "assemblyman",
    "assemblywoman",
    "delegate",
    "sheriff",
    "superintendent",
    "inspector",
    "detective",
    "sergeant",
    "captain",
    "lieutenant",
    "colonel",
    "major",
    "admiral",
    "marshal",
    "mrs",
    "dep",
    "asst",
    "assistant",
    "acting",
    "interim",
    "foreign",
    "defense",
    "defence",
    "homeland",
    "treasury",
    "of",
    "u.s",
    "us",
    "federal",
    "senior",
    "top",
    "campaign",
    "communications",
    "policy",
    "political",
    "legal",
    "general",
    "staff",
    "first",
]);

/// Person titles that also say the gender.
fn title_gender(w: &str) -> Option<Gender> {
    match w {
        "mr" | "sir" | "lord" | "king" | "prince" | "congressman" | "spokesman" | "chairman"
        | "father" | "brother" | "councilman" | "assemblyman" | "sheikh" | "pope" => {
            Some(Gender::Male)
        }
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "congresswoman"
        | "spokeswoman" | "chairwoman" | "sister" | "councilwoman" | "assemblywoman" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// Words that make a capitalised run an organisation.
static ORG_WORDS: WordSet = WordSet::new(&[
    "house",
    "department",
    "committee",
    "party",
    "campaign",
    "association",
    "council",
    "ministry",
    "agency",
    "times",
    "post",
    "news",
    "network",
    "institute",
    "university",
    "college",
    "foundation",
    "center",
    "centre",
    "court",
    "congress",
    "senate",
    "administration",
    "commission",
    "bureau",
    "office",
    "service",
    "services",
    "group",
    "company",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "fund",
    "union",
    "organization",
    "organisation",
    "bank",
    "journal",
    "press",
    "board",
    "police",
    "army",
    "navy",
    "force",
    "forces",
    "pentagon",
    "kremlin",
    "reuters",
    "caucus",
    "coalition",
    "alliance",
    "club",
    "society",
    "project",
    "trust",
    "church",
    "authority",
    "federation",
    "school",
    "hospital",
    "review",
    "magazine",
    "tribune",
    "herald",
    "gazette",
    "daily",
    "channel",
    "tv",
    "radio",
    "media",
    "watch",
    "pac",
    "chamber",
    "parliament",
    "assembly",
    "government",
    "cabinet",
    "tribunal",
    "airlines",
    "motors",
    "industries",
    "systems",
    "technologies",
    "holdings",
    "partners",
    "capital",
    "command",
    "guard",
    "patrol",
    "embassy",
    "nations",
    "federal",
    "republicans",
    "democrats",
    "gop",
    "cnn",
    "msnbc",
    "fox",
    "nbc",
    "abc",
    "cbs",
    "npr",
    "politico",
    "breitbart",
    "google",
    "facebook",
    "twitter",
    "apple",
    "microsoft",
    "amazon",
    "bloomberg",
    "gallup",
    "quinnipiac",
    "nato",
    "hamas",
    "hezbollah",
    "taliban",
    "isis",
    "fbi",
    "cia",
    "nsa",
    "dnc",
    "rnc",
    "epa",
    "irs",
    "un",
    "eu",
    "who",
    "aclu",
    "nra",
    "report",
    "study",
    "poll",
    "survey",
    "statement",
    "website",
    "blog",
    "org",
    "times’s",
]);

/// Lower-case heads of nominal speakers ("the president", "a spokeswoman").
static NOMINAL_HEADS: WordSet = WordSet::new(&[
    "president",
    "senator",
    "governor",
    "secretary",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "candidate",
    "nominee",
    "leader",
    "leaders",
    "mayor",
    "minister",
    "ambassador",
    "director",
    "judge",
    "lawyer",
    "lawyers",
    "attorney",
    "prosecutor",
    "prosecutors",
    "congressman",
    "congresswoman",
    "lawmaker",
    "lawmakers",
    "representative",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "critics",
    "supporters",
    "source",
    "sources",
    "campaign",
    "statement",
    "report",
    "study",
    "poll",
    "survey",
    "administration",
    "department",
    "agency",
    "company",
    "group",
    "committee",
    "party",
    "researchers",
    "economists",
    "economist",
    "strategist",
    "strategists",
    "pollster",
    "author",
    "authors",
    "businessman",
    "billionaire",
    "mogul",
    "frontrunner",
    "front-runner",
    "politician",
    "woman",
    "man",
    "chief",
    "executive",
    "commissioner",
    "sheriff",
    "police",
    "pope",
    "king",
    "queen",
    "premier",
    "chancellor",
    "general",
    "officer",
    "activist",
    "activists",
    "voters",
    "residents",
    "members",
    "democrat",
    "republican",
    "governors",
    "senators",
    "presidents",
    "reporter",
    "host",
    "anchor",
    "founder",
    "ceo",
    "professor",
    "scientist",
    "scientists",
    "doctor",
    "doctors",
    "ministry",
    "government",
    "white",
    "letter",
    "memo",
    "article",
    "ad",
    "website",
    "tweet",
    "post",
    "email",
    "release",
    "filing",
    "lawsuit",
    "complaint",
    "ruling",
    "court",
    "document",
    "documents",
    "paper",
    "newspaper",
    "outlet",
    "network",
    "magazine",
    "book",
    "speech",
    "interview",
    "spokesmen",
    "representatives",
    "chair",
    "speaker",
    "manager",
    "director",
    "counsel",
    "owner",
]);

/// Function words that never sit inside a descriptor ("said Trump would win").
static FUNCTION: WordSet = WordSet::new(&[
    "would", "will", "is", "was", "are", "were", "has", "had", "have", "be", "been", "can",
    "could", "should", "may", "might", "must", "did", "does", "do", "not", "and", "or", "but",
    "to", "in", "on", "at", "for", "with", "from", "by", "of", "about", "who", "that", "which",
    "said", "says", "told", "added", "when", "as", "than", "if", "because",
]);

static PRONOUNS_M: WordSet = WordSet::new(&["he"]);
static PRONOUNS_F: WordSet = WordSet::new(&["she"]);

/// A noun phrase next to a cue, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    /// he/she (gender), they/we/I/it (None).
    Pronoun(Option<Gender>),
    /// A capitalised run `[s, e)` in token indices.
    Name,
    /// A lower-case nominal ("the president"); `head` is the token index of the head noun.
    Nominal { head: usize },
    /// A cue was found but its subject could not be read.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Np {
    pub kind: NpKind,
    /// Token range `[s, e)` of the phrase.
    pub s: usize,
    pub e: usize,
}

/// One registered name in the article (outside quotations).
#[derive(Debug, Clone)]
pub struct Entity {
    pub full: String,
    pub ntoks: usize,
    pub title: Option<String>,
    pub kind: SpeakerKind,
    pub gender: Gender,
    /// Whether the name starts with a known first name.
    pub has_first: bool,
}

/// A person mention in document order, for pronoun resolution.
#[derive(Debug, Clone, Copy)]
pub struct PersonAt {
    pub pos: usize,
    pub ent: usize,
    /// A possessive or the object of a preposition: a poor antecedent for "he said".
    pub weak: bool,
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    pub name: String,
    pub title: Option<String>,
    pub kind: SpeakerKind,
}

/// The article's names.
#[derive(Debug, Default)]
pub struct Registry {
    pub ents: Vec<Entity>,
    pub by_last: HashMap<String, Vec<usize>, FxBuild>,
    pub people: Vec<PersonAt>,
}

/// A lower-cased word: borrowed when nothing changes, inline (no allocation) when short.
#[derive(Debug, Clone)]
pub enum Lw<'a> {
    Borrowed(&'a str),
    Inline([u8; 24], u8),
    Owned(String),
}

impl Default for Lw<'_> {
    fn default() -> Self {
        Lw::Borrowed("")
    }
}

impl std::ops::Deref for Lw<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        match self {
            Lw::Borrowed(s) => s,
            Lw::Inline(b, n) => std::str::from_utf8(&b[..*n as usize]).unwrap_or(""),
            Lw::Owned(s) => s,
        }
    }
}

impl PartialEq<str> for Lw<'_> {
    fn eq(&self, o: &str) -> bool {
        **self == *o
    }
}

impl PartialEq<&str> for Lw<'_> {
    fn eq(&self, o: &&str) -> bool {
        **self == **o
    }
}

impl Lw<'_> {
    pub fn into_owned(self) -> String {
        match self {
            Lw::Owned(s) => s,
            other => other.to_string(),
        }
    }
}

/// Lower case, without a possessive "'s" or a final period; borrows when nothing changes.
pub fn lower_word(w: &str) -> Lw<'_> {
    let w = strip_possessive(w).trim_end_matches('.');
    if !w.is_ascii() {
        let unchanged = |c: char| {
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        };
        if !w.chars().all(unchanged) {
            Lw::Owned(w.to_lowercase())
        } else {
            Lw::Borrowed(w)
        }
    } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
        if w.len() <= 24 {
            let mut b = [0u8; 24];
            b[..w.len()].copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            Lw::Inline(b, w.len() as u8)
        } else {
            Lw::Owned(w.to_ascii_lowercase())
        }
    } else {
        Lw::Borrowed(w)
    }
}

/// `a` ends with `" " + b`.
fn ends_with_word(a: &str, b: &str) -> bool {
    a.len() > b.len() && a.ends_with(b) && a.as_bytes()[a.len() - b.len() - 1] == b' '
}

pub fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix("s'"))
        .map(|x| {
            if w.ends_with("s'") {
                &w[..w.len() - 1]
            } else {
                x
            }
        })
        .unwrap_or(w)
}

fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

fn in_list(list: &WordSet, w: &str) -> bool {
    list.contains(w)
}

pub fn is_title(lw: &str) -> bool {
    in_list(&TITLES, lw)
}

pub fn is_nominal_head(lw: &str) -> bool {
    in_list(&NOMINAL_HEADS, lw)
}

fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "da"
            | "van"
            | "von"
            | "bin"
            | "al"
            | "del"
            | "la"
            | "le"
            | "di"
            | "du"
            | "ben"
            | "der"
            | "den"
            | "dos"
            | "das"
            | "el"
    )
}

/// Name-like token: capitalised word (not a stop word at the start).
fn namey(text: &str, t: &Tok) -> bool {
    t.kind == Kind::Word && is_cap(text_of(text, t))
}

/// The analysis of a capitalised run: title part, name part, kind.
#[derive(Debug, Clone)]
pub struct RunInfo {
    pub title: Option<String>,
    pub name: String,
    pub name_toks: Vec<String>,
    pub kind: SpeakerKind,
    pub gender: Gender,
    pub has_first: bool,
    /// True when the name part is only title words ("the President").
    pub title_only: bool,
    /// Byte span of the name part.
    pub name_s: usize,
    pub name_e: usize,
}

/// Splits a run of tokens `[s, e)` (as found) into title and name.
pub fn analyze_run(
    text: &str,
    toks: &[Tok],
    s: usize,
    e: usize,
    the_before: bool,
) -> Option<RunInfo> {
    let mut s = s;
    let _ = the_before;
    // Leading stop words ("But", "The") are not part of the name.
    while s < e {
        let lw = lower_word(text_of(text, &toks[s]));
        if in_list(&STOP, &lw) && !(lw == "mr" || lw == "ms") {
            s += 1;
        } else {
            break;
        }
    }
    if s >= e {
        return None;
    }
    let mut words: Vec<&str> = (s..e).map(|i| text_of(text, &toks[i])).collect();
    let mut lws: Vec<Lw> = words.iter().map(|w| lower_word(w)).collect();
    // Title-case headlines: "Hollande Says Trump …" — a capitalised speech verb ends the run.
    if let Some(k) = lws.iter().take(lws.len().saturating_sub(1)).position(|w| {
        matches!(
            &**w,
            "says"
                | "said"
                | "tells"
                | "told"
                | "slams"
                | "blasts"
                | "claims"
                | "warns"
                | "urges"
                | "calls"
                | "accuses"
                | "praises"
                | "rips"
                | "vows"
                | "asks"
                | "responds"
                | "defends"
                | "attacks"
                | "explains"
                | "admits"
                | "denies"
                | "reveals"
        )
    }) {
        if k == 0 {
            return None;
        }
        words.truncate(k);
        lws.truncate(k);
    }
    // "Michael Brown of Washington": "of" after a non-title word ends the name.
    for i in 1..lws.len() {
        if lws[i] == "of" && !is_title(&lws[i - 1]) && !in_list(&ORG_WORDS, &lws[i - 1]) {
            words.truncate(i);
            lws.truncate(i);
            break;
        }
    }
    let e = s + words.len();
    // Last title word (never the run's last word).
    let mut last_title: Option<usize> = None;
    for (i, lw) in lws.iter().enumerate() {
        if i + 1 < lws.len()
            && (is_title(lw) || words[i] == "Del." || (!is_cap(words[i]) && is_role_word(lw)))
        {
            last_title = Some(i);
        }
    }
    let is_org_word = |w: &Lw| in_list(&ORG_WORDS, w);
    let acronym =
        |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&');
    let mut ns = last_title.map(|i| i + 1).unwrap_or(0);
    // "Miss Universe Alicia Machado", "Democrat Hillary Clinton": a known first name later
    // in the run starts the name proper.
    if words.len() - ns >= 3 {
        if let Some(k) = (ns + 1..words.len() - 1).find(|&k| {
            names::lookup(words[k])
                .map(|f| !f.word && f.count >= 1000)
                .unwrap_or(false)
                && names::lookup(words[ns]).is_none()
        }) {
            last_title = Some(k - 1);
            ns = k;
        }
    }
    let name_part_org = lws[ns..].iter().any(is_org_word)
        || (words.len() - ns == 1 && acronym(words[ns]))
        || (ns > 0 && lws[ns..].len() == 1 && lws[ns - 1] == "of");
    let all_titles = lws.iter().all(|w| is_title(w));
    let person_title = lws[..ns]
        .iter()
        .any(|w| matches!(&**w, "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov"));
    if (all_titles && lws.iter().any(is_org_word)) || (name_part_org && !person_title) {
        let name_words: Vec<&str> = words.iter().map(|w| strip_possessive(w)).collect();
        return Some(RunInfo {
            title: None,
            name: name_words.join(" "),
            name_toks: lws.iter().map(|w| w.to_string()).collect(),
            kind: SpeakerKind::Organisation,
            gender: Gender::Either,
            has_first: false,
            title_only: false,
            name_s: toks[s].s,
            name_e: toks[e - 1].e,
        });
    }
    if all_titles {
        return Some(RunInfo {
            title: Some(words.join(" ")),
            name: String::new(),
            name_toks: vec![],
            kind: SpeakerKind::Person,
            gender: lws
                .iter()
                .find_map(|w| title_gender(w))
                .unwrap_or(Gender::Either),
            has_first: false,
            title_only: true,
            name_s: toks[s].s,
            name_e: toks[e - 1].e,
        });
    }
    let title = last_title.map(|i| words[..=i].join(" "));
    let name_words: Vec<&str> = words[ns..]
        .iter()
        .map(|w| strip_possessive(w))
        .filter(|w| !matches!(&*lower_word(w), "jr" | "sr" | "ii" | "iii"))
        .collect();
    if name_words.is_empty() {
        return None;
    }
    let first = names::lookup(name_words[0].trim_end_matches('.'));
    let has_first = name_words.len() >= 2
        && first
            .map(|f| f.count >= 100 || f.count == 0)
            .unwrap_or(false);
    let mut gender = if has_first {
        first.map(|f| f.gender()).unwrap_or(Gender::Either)
    } else {
        Gender::Either
    };
    if let Some(g) = lws[..ns].iter().find_map(|w| title_gender(w)) {
        gender = g;
    }
    Some(RunInfo {
        title,
        name: name_words.join(" "),
        name_toks: name_words
            .iter()
            .map(|w| lower_word(w).into_owned())
            .collect(),
        kind: SpeakerKind::Person,
        gender,
        has_first,
        title_only: false,
        name_s: toks[s + ns].s,
        name_e: toks[e - 1].e,
    })
}

/// Lower-case role words that may sit inside a name run ("Clinton press secretary Brian Fallon").
pub fn is_role_word(lw: &str) -> bool {
    matches!(
        lw,
        "president"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "secretary"
            | "press"
            | "executive"
            | "director"
            | "chief"
            | "chairman"
            | "chairwoman"
            | "congressman"
            | "congresswoman"
            | "senator"
            | "campaign"
            | "manager"
            | "strategist"
            | "adviser"
            | "advisor"
            | "aide"
            | "professor"
            | "analyst"
            | "economist"
            | "official"
            | "leader"
            | "pollster"
            | "activist"
            | "attorney"
            | "lawyer"
            | "general"
            | "counsel"
            | "founder"
            | "ceo"
            | "editor"
            | "host"
            | "correspondent"
            | "commentator"
            | "writer"
            | "columnist"
            | "reporter"
            | "chair"
            | "minister"
            | "ambassador"
            | "governor"
            | "mayor"
            | "judge"
            | "candidate"
            | "nominee"
            | "communications"
            | "policy"
            | "deputy"
            | "senior"
            | "national"
            | "political"
            | "legal"
            | "staff"
            | "of"
            | "former"
            | "state"
            | "vice"
            | "majority"
            | "minority"
            | "whip"
            | "co-founder"
            | "chairperson"
            | "representative"
            | "commissioner"
            | "superintendent"
            | "sheriff"
            | "officer"
    )
}

/// Extends a name run backwards from token `k` (inclusive) while tokens are name-like.
pub fn run_back(text: &str, toks: &[Tok], k: usize, lo: usize) -> usize {
    let mut s = k;
    while s > lo {
        let t = &toks[s - 1];
        if t.para != toks[k].para {
            break;
        }
        let w = text_of(text, t);
        if (namey(text, t) && !is_possessive(w))
            || ((is_particle(w) || w == "of") && s - 1 > lo && namey(text, &toks[s - 2]))
        {
            s -= 1;
        } else if t.kind == Kind::Word && !is_cap(w) && is_role_word(w) && w != "of" {
            // Bridge lower-case role words when a capitalised word precedes them.
            let mut j = s - 1;
            while j > lo
                && toks[j - 1].kind == Kind::Word
                && !is_cap(text_of(text, &toks[j - 1]))
                && is_role_word(text_of(text, &toks[j - 1]))
                && text_of(text, &toks[j - 1]) != "of"
            {
                j -= 1;
            }
            if j > lo && namey(text, &toks[j - 1]) && toks[j - 1].para == toks[k].para {
                s = j;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    s
}

/// Extends a name run forwards from token `k` (inclusive); returns the exclusive end.
pub fn run_fwd(text: &str, toks: &[Tok], k: usize, hi: usize) -> usize {
    let mut e = k;
    let hi = hi.min(toks.len());
    while e < hi {
        let t = &toks[e];
        if t.para != toks[k].para {
            break;
        }
        let w = text_of(text, t);
        if namey(text, t) {
            e += 1;
            if is_possessive(w) {
                break;
            }
        } else if (is_particle(w) || w == "of") && e + 1 < hi && namey(text, &toks[e + 1]) && e > k
        {
            e += 1;
        } else if e > k && t.kind == Kind::Word && is_role_word(w) && w != "of" {
            let mut j = e;
            while j < hi
                && toks[j].kind == Kind::Word
                && !is_cap(text_of(text, &toks[j]))
                && is_role_word(text_of(text, &toks[j]))
                && text_of(text, &toks[j]) != "of"
            {
                j += 1;
            }
            if j < hi && namey(text, &toks[j]) {
                e = j;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    e
}

fn pronoun(lw: &str) -> Option<Option<Gender>> {
    if in_list(&PRONOUNS_M, lw) {
        Some(Some(Gender::Male))
    } else if in_list(&PRONOUNS_F, lw) {
        Some(Some(Gender::Female))
    } else if matches!(lw, "they" | "we" | "i" | "it" | "who") {
        Some(None)
    } else {
        None
    }
}

static DETERMINERS: WordSet = WordSet::new(&[
    "the", "a", "an", "his", "her", "their", "its", "one", "another", "two", "three", "several",
    "some", "many", "other", "this", "that", "these", "those",
]);

/// Parses the noun phrase that ends just before token `end` (exclusive), not before `lo`.
pub fn np_before(text: &str, toks: &[Tok], end: usize, lo: usize, loose: bool) -> Option<Np> {
    if end <= lo || end > toks.len() {
        return None;
    }
    let k = end - 1;
    let t = &toks[k];
    let w = text_of(text, t);
    let lw = lower_word(w);
    if t.kind != Kind::Word {
        return None;
    }
    if let Some(g) = pronoun(&lw) {
        return Some(Np {
            kind: NpKind::Pronoun(g),
            s: k,
            e: end,
        });
    }
    if is_cap(w) && !is_possessive(w) {
        let s = run_back(text, toks, k, lo);
        if (s..=k).all(|i| in_list(&STOP, &lower_word(text_of(text, &toks[i])))) {
            return None;
        }
        // Lower-case title words before the run ("campaign chairman Paul Manafort").
        let mut s2 = s;
        while s2 > lo && s > lo {
            let pw = lower_word(text_of(text, &toks[s2 - 1]));
            if toks[s2 - 1].kind == Kind::Word
                && is_title(&pw)
                && !is_cap(text_of(text, &toks[s2 - 1]))
            {
                s2 -= 1;
            } else {
                break;
            }
        }
        return Some(Np {
            kind: NpKind::Name,
            s: s2,
            e: end,
        });
    }
    if loose && !is_nominal_head(&lw) && !is_cap(w) && lw.len() > 2 && !lw.ends_with("ly") {
        // Any noun phrase "the paper's editorial board" / "the gambling tycoon": a
        // determiner or possessive within a few words, only words in between.
        let mut s = k;
        while s > lo && k - s < 5 {
            let pt = &toks[s - 1];
            if pt.kind != Kind::Word {
                break;
            }
            let pw = text_of(text, pt);
            let plw = lower_word(pw);
            s -= 1;
            if matches!(&*plw, "the" | "a" | "an" | "his" | "her" | "their" | "its")
                || is_possessive(pw)
            {
                if is_possessive(pw) && is_cap(pw) {
                    s = run_back(text, toks, s, lo);
                }
                return Some(Np {
                    kind: NpKind::Nominal { head: k },
                    s,
                    e: end,
                });
            }
            if pronoun(&plw).is_some()
                || matches!(
                    &*plw,
                    "said"
                        | "says"
                        | "and"
                        | "but"
                        | "or"
                        | "that"
                        | "as"
                        | "is"
                        | "was"
                        | "to"
                        | "of"
                        | "in"
                        | "on"
                )
            {
                break;
            }
        }
        return None;
    }
    if is_nominal_head(&lw) {
        // Walk back over modifiers to a determiner.
        let mut s = k;
        let mut steps = 0;
        while s > lo && steps < 5 {
            let pt = &toks[s - 1];
            if pt.kind != Kind::Word {
                break;
            }
            let pw = text_of(text, pt);
            let plw = lower_word(pw);
            s -= 1;
            steps += 1;
            if in_list(&DETERMINERS, &plw) || is_possessive(pw) {
                if is_possessive(pw) && is_cap(pw) {
                    s = run_back(text, toks, s, lo);
                }
                break;
            }
            if pronoun(&plw).is_some()
                || matches!(
                    &*plw,
                    "said" | "says" | "and" | "but" | "or" | "that" | "as"
                )
            {
                s += 1;
                break;
            }
        }
        return Some(Np {
            kind: NpKind::Nominal { head: k },
            s,
            e: end,
        });
    }
    None
}

/// Parses the noun phrase starting at token `start`; returns it with its exclusive end.
pub fn np_after(text: &str, toks: &[Tok], start: usize, hi: usize) -> Option<Np> {
    let hi = hi.min(toks.len());
    if start >= hi {
        return None;
    }
    let t = &toks[start];
    if t.kind != Kind::Word {
        return None;
    }
    let w = text_of(text, t);
    let lw = lower_word(w);
    if let Some(g) = pronoun(&lw) {
        return Some(Np {
            kind: NpKind::Pronoun(g),
            s: start,
            e: start + 1,
        });
    }
    let mut i = start;
    // Determiner / lower-case title words.
    let mut det = false;
    while i < hi && toks[i].kind == Kind::Word {
        let w = text_of(text, &toks[i]);
        let lw = lower_word(w);
        if !is_cap(w)
            && (in_list(&DETERMINERS, &lw) || is_title(&lw) || lw.ends_with("-based"))
            && i - start < 5
        {
            det |= in_list(&DETERMINERS, &lw);
            i += 1;
        } else {
            break;
        }
    }
    if i < hi && namey(text, &toks[i]) {
        let e = run_fwd(text, toks, i, hi);
        if (i..e).all(|k| in_list(&STOP, &lower_word(text_of(text, &toks[k])))) {
            return None;
        }
        let last = text_of(text, &toks[e - 1]);
        // "the president's spokesman": possessive run followed by a nominal.
        if is_possessive(last) && e < hi {
            let nw = lower_word(text_of(text, &toks[e]));
            if is_nominal_head(&nw) {
                return Some(Np {
                    kind: NpKind::Nominal { head: e },
                    s: start,
                    e: e + 1,
                });
            }
        }
        // "Concord resident Whit Symms", "Cruz constituent Dan Golvach": up to three
        // lower-case descriptors between a modifier run and the name proper.
        let mut e = e;
        if !is_possessive(last) {
            let mut j = e;
            while j < hi && j < e + 3 && toks[j].kind == Kind::Word && toks[j].para == toks[i].para
            {
                let w = text_of(text, &toks[j]);
                let lw = lower_word(w);
                if is_cap(w)
                    || in_list(&STOP, &lw)
                    || in_list(&FUNCTION, &lw)
                    || lw.ends_with("ly")
                    || lw.ends_with("ed")
                    || lw.ends_with("es")
                {
                    break;
                }
                j += 1;
            }
            if j > e && j < hi && namey(text, &toks[j]) && toks[j].para == toks[i].para {
                let e2 = run_fwd(text, toks, j, hi);
                // Skip titles: "presidential candidate Sen. Bernie Sanders".
                let mut f = j;
                while f + 1 < e2 && is_title(&lower_word(text_of(text, &toks[f]))) {
                    f += 1;
                }
                let first = names::lookup(text_of(text, &toks[f]));
                if e2 >= f + 2 && first.map(|f| !f.word).unwrap_or(false) {
                    e = e2;
                }
            }
        }
        return Some(Np {
            kind: NpKind::Name,
            s: start,
            e,
        });
    }
    // Nominal: modifiers then a head within a few words.
    let mut j = i;
    while j < hi && j < i + 4 && toks[j].kind == Kind::Word {
        let lw = lower_word(text_of(text, &toks[j]));
        if in_list(&FUNCTION, &lw) || in_list(&STOP, &lw) && j > i {
            break;
        }
        if is_nominal_head(&lw) {
            // Prefer the last head in a compound ("campaign spokesman").
            let mut h = j;
            while h + 1 < hi
                && toks[h + 1].kind == Kind::Word
                && is_nominal_head(&lower_word(text_of(text, &toks[h + 1])))
            {
                h += 1;
            }
            return Some(Np {
                kind: NpKind::Nominal { head: h },
                s: start,
                e: h + 1,
            });
        }
        j += 1;
    }
    let _ = det;
    // A title-led nominal ("the president") already consumed as titles.
    if i > start {
        let lw = lower_word(text_of(text, &toks[i - 1]));
        if is_nominal_head(&lw) {
            return Some(Np {
                kind: NpKind::Nominal { head: i - 1 },
                s: start,
                e: i,
            });
        }
    }
    None
}

fn overlaps_place(places: &[(usize, usize)], s: usize, e: usize) -> bool {
    places.iter().any(|&(ps, pe)| ps <= s && e <= pe)
}

impl Registry {
    /// Registers every capitalised run outside quotations (`in_quote[i]`), places and byline.
    pub fn build(
        text: &str,
        toks: &[Tok],
        in_quote: &[bool],
        places: &[(usize, usize)],
    ) -> Registry {
        let mut reg = Registry::default();
        let mut i = 0;
        while i < toks.len() {
            if in_quote.get(i).copied().unwrap_or(true) || !namey(text, &toks[i]) {
                i += 1;
                continue;
            }
            let e = run_fwd(text, toks, i, toks.len());
            let e = (i + 1..=e)
                .find(|&j| in_quote.get(j - 1).copied().unwrap_or(true))
                .map(|j| j - 1)
                .unwrap_or(e)
                .max(i + 1);
            // Byline: "By Jane Doe" opening a paragraph.
            let byline = i > 0
                && text_of(text, &toks[i - 1]).eq_ignore_ascii_case("by")
                && (i == 1 || toks[i - 2].para != toks[i - 1].para)
                || (text_of(text, &toks[i]).eq_ignore_ascii_case("by")
                    && (i == 0 || toks[i - 1].para != toks[i].para));
            let the_before = i > 0 && lower_word(text_of(text, &toks[i - 1])) == "the";
            if !byline {
                if let Some(r) = analyze_run(text, toks, i, e, the_before) {
                    let poss = is_possessive(text_of(text, &toks[e - 1]));
                    let prep = i > 0
                        && matches!(
                            &*lower_word(text_of(text, &toks[i - 1])),
                            "of" | "to"
                                | "with"
                                | "by"
                                | "for"
                                | "against"
                                | "about"
                                | "from"
                                | "at"
                                | "on"
                                | "toward"
                                | "towards"
                                | "over"
                                | "under"
                                | "like"
                                | "than"
                                | "between"
                                | "and"
                                | "into"
                                | "behind"
                        );
                    // Object of a verb ("criticized police officer Betty Shelby").
                    let object = i > 0 && toks[i - 1].kind == Kind::Word && {
                        let pw = text_of(text, &toks[i - 1]);
                        let plw = lower_word(pw);
                        !is_cap(pw)
                            && !matches!(
                                &*plw,
                                "and"
                                    | "but"
                                    | "said"
                                    | "says"
                                    | "told"
                                    | "added"
                                    | "that"
                                    | "when"
                                    | "as"
                                    | "while"
                                    | "because"
                                    | "if"
                                    | "asked"
                                    | "wrote"
                                    | "according"
                                    | "noted"
                                    | "argued"
                                    | "explained"
                                    | "continued"
                            )
                            && !is_role_word(&plw)
                    };
                    reg.add(&r, places, poss || prep || object);
                }
            }
            i = e;
        }
        reg
    }

    fn add(&mut self, r: &RunInfo, places: &[(usize, usize)], weak: bool) -> Option<usize> {
        if r.title_only || r.name.is_empty() || overlaps_place(places, r.name_s, r.name_e) {
            return None;
        }
        let last = r.name_toks.last().cloned().unwrap_or_default();
        if last.is_empty() {
            return None;
        }
        let person_like = r.kind == SpeakerKind::Person && (r.has_first || r.title.is_some());
        let full_key = r.name.to_lowercase();
        // Same surname already known: merge (keep the fullest form).
        let mut found = None;
        if let Some(ids) = self.by_last.get(&last) {
            for &id in ids.iter().rev() {
                let ent = &self.ents[id];
                let ek = ent.full.to_lowercase();
                if ek == full_key
                    || ends_with_word(&ek, &full_key)
                    || ends_with_word(&full_key, &ek)
                    || r.name_toks.len() == 1
                {
                    found = Some(id);
                    break;
                }
            }
        }
        let id = match found {
            Some(id) => {
                let ent = &mut self.ents[id];
                if r.name_toks.len() > ent.ntoks && r.kind == ent.kind {
                    ent.full = r.name.clone();
                    ent.ntoks = r.name_toks.len();
                    ent.has_first |= r.has_first;
                    if r.gender != Gender::Either {
                        ent.gender = r.gender;
                    }
                }
                if ent.title.is_none() {
                    ent.title = r.title.clone();
                }
                if ent.gender == Gender::Either && r.gender != Gender::Either {
                    ent.gender = r.gender;
                }
                id
            }
            None => {
                if !person_like && r.kind == SpeakerKind::Person && r.name_toks.len() == 1 {
                    // A lone capitalised word nobody introduced: not registered.
                    return None;
                }
                self.ents.push(Entity {
                    full: r.name.clone(),
                    ntoks: r.name_toks.len(),
                    title: r.title.clone(),
                    kind: r.kind,
                    gender: r.gender,
                    has_first: r.has_first,
                });
                let id = self.ents.len() - 1;
                self.by_last.entry(last).or_default().push(id);
                id
            }
        };
        let ent = &self.ents[id];
        if ent.kind == SpeakerKind::Person && (ent.has_first || ent.title.is_some() || person_like)
        {
            self.people.push(PersonAt {
                pos: r.name_s,
                ent: id,
                weak,
            });
        }
        Some(id)
    }

    /// The canonical speaker for a name run.
    pub fn resolve_name(&self, r: &RunInfo, places: &[(usize, usize)]) -> Option<Speaker> {
        // A capitalised "I" is a pronoun, never a name.
        if r.name.is_empty() || r.name == "I" {
            return None;
        }
        if overlaps_place(places, r.name_s, r.name_e) {
            // "Cuban said" after "Mark Cuban": a surname the article introduced as a person
            // wins over the place reading; otherwise a place never speaks.
            let last = r.name_toks.last().map(String::as_str).unwrap_or("");
            if r.name_toks.len() != 1 {
                return None;
            }
            let id = self.by_last.get(last).and_then(|ids| {
                ids.iter().rev().copied().find(|&id| {
                    let e = &self.ents[id];
                    e.kind == SpeakerKind::Person && e.ntoks >= 2
                })
            })?;
            return Some(self.speaker(id));
        }
        let last = r.name_toks.last().cloned().unwrap_or_default();
        if let Some(ids) = self.by_last.get(&last) {
            let full_key = r.name.to_lowercase();
            for &id in ids.iter().rev() {
                let ent = &self.ents[id];
                let ek = ent.full.to_lowercase();
                if ek == full_key
                    || ek.ends_with(&format!(" {full_key}"))
                    || r.name_toks.len() == 1
                    || full_key.ends_with(&format!(" {ek}"))
                {
                    let name = if r.name_toks.len() > ent.ntoks {
                        r.name.clone()
                    } else {
                        ent.full.clone()
                    };
                    return Some(Speaker {
                        name,
                        title: r.title.clone().or_else(|| ent.title.clone()),
                        kind: ent.kind,
                    });
                }
            }
        }
        Some(Speaker {
            name: r.name.clone(),
            title: r.title.clone(),
            kind: r.kind,
        })
    }

    /// The last person before byte `pos` compatible with the pronoun's gender.
    pub fn resolve_pronoun(&self, pos: usize, g: Gender) -> Option<Speaker> {
        // Most recent compatible subject-like mention; an exact gender match beats an
        // ambiguous one among the last few mentions; possessives/objects only as a fallback.
        let mut either: Option<usize> = None;
        let mut weak: Option<usize> = None;
        let mut seen = 0;
        let upto = self.people.partition_point(|p| p.pos < pos);
        for p in self.people[..upto].iter().rev().take(60) {
            let ent = &self.ents[p.ent];
            if ent.kind != SpeakerKind::Person {
                continue;
            }
            seen += 1;
            if ent.gender != g && ent.gender != Gender::Either {
                continue;
            }
            if p.weak {
                weak = weak.or(Some(p.ent));
                continue;
            }
            if ent.gender == g {
                if either.is_none() || seen <= 4 {
                    return Some(self.speaker(p.ent));
                }
                break;
            }
            either = either.or(Some(p.ent));
            if seen > 4 {
                break;
            }
        }
        either.or(weak).map(|id| self.speaker(id))
    }

    /// Whether the named person is compatible with a pronoun of gender `g`.
    pub fn compatible(&self, name: &str, g: Gender) -> bool {
        let last = name
            .split_whitespace()
            .last()
            .map(lower_word)
            .unwrap_or_default();
        let gender = self
            .by_last
            .get(&*last)
            .and_then(|ids| {
                ids.iter()
                    .rev()
                    .map(|&id| &self.ents[id])
                    .find(|e| e.full == name)
            })
            .map(|e| e.gender)
            .unwrap_or(Gender::Either);
        gender == g || gender == Gender::Either
    }

    fn speaker(&self, id: usize) -> Speaker {
        let ent = &self.ents[id];
        Speaker {
            name: ent.full.clone(),
            title: ent.title.clone(),
            kind: ent.kind,
        }
    }

    /// "the president" → the last person before `pos` whose title has that head word.
    pub fn resolve_nominal(&self, pos: usize, head: &str) -> Option<Speaker> {
        if !is_title(head)
            || matches!(
                head,
                "of" | "state"
                    | "house"
                    | "white"
                    | "national"
                    | "former"
                    | "campaign"
                    | "policy"
                    | "political"
                    | "legal"
                    | "staff"
                    | "top"
                    | "senior"
                    | "first"
                    | "federal"
                    | "us"
                    | "u.s"
            )
        {
            return None;
        }
        let upto = self.people.partition_point(|p| p.pos < pos);
        for p in self.people[..upto].iter().rev().take(60) {
            let ent = &self.ents[p.ent];
            if let Some(t) = &ent.title {
                if t.split_whitespace().any(|w| {
                    lower_word(w) == head
                        || (head == "senator" && lower_word(w) == "sen")
                        || (head == "governor" && lower_word(w) == "gov")
                }) {
                    return Some(Speaker {
                        name: ent.full.clone(),
                        title: ent.title.clone(),
                        kind: ent.kind,
                    });
                }
            }
        }
        None
    }
}
