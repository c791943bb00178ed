//! Speaker mentions: noun phrases around a cue, canonical names, pronoun/nominal resolution.
//!
//! Why: a journalist searches by name, so every attribution has to end as the fullest form
//! of a name that the article gives ("Aliyev" and "he" → "Ilham Aliyev", with the title
//! "Azerbaijani President"). This module (1) reads the article once and registers every
//! capitalised run outside quotations as a person or organisation mention, (2) parses the
//! noun phrase next to a cue (pronoun, name with titles/apposition, or nominal like "the
//! president"), and (3) resolves that phrase against the registry. Names that occur only
//! inside quotations, the byline and places are never registered, so they never speak.

use super::attribution::Ctx;
use super::cues::CueClass;
use super::names::{self, Gender};
use super::tokens::{trim_periods, Kind, WordSet};
use super::words;
use crate::extract::SpeakerKind;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::cell::{Cell, OnceCell};
use std::hash::BuildHasher;

/// Capitalised words that start sentences but never start a name.
pub(super) static STOP: WordSet = WordSet::new(&[
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
    // Auxiliaries opening a question ("Does Rubio …?").
    "does",
    "did",
    "do",
    "is",
    "was",
    "are",
    "were",
    "has",
    "have",
    "had",
    "should",
    "would",
    "could",
]);

/// Capitalised sentence openings that are never a one-word name: sentence adverbs,
/// prepositions, quantifiers and number words ("Nevertheless, …", "Eleven organizations …").
/// Only a speaker is refused; the words still open noun phrases for the rules that find
/// reported speech ("Six in 10 say …").
static NEVER_NAMES: WordSet = WordSet::new(&[
    "along",
    "alongside",
    "amid",
    "any",
    "beyond",
    "contrary",
    "either",
    "ever",
    "few",
    "given",
    "much",
    "neither",
    "never",
    "nevertheless",
    "nonetheless",
    "often",
    "outside",
    "prior",
    "such",
    "sure",
    "thanks",
    "therefore",
    "together",
    "whatever",
    "written",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "dozens",
    "hundreds",
    "thousands",
]);

/// Title words (lower case, no period). A run "Azerbaijani President Ilham Aliyev" splits
/// at the last title word into title and name.
pub(super) static TITLES: WordSet = WordSet::new(&[
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
    "editor-in-chief",
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
pub(super) static ORG_WORDS: WordSet = WordSet::new(&[
    "house",
    "department",
    "committee",
    "convention",
    "conference",
    "movement",
    "museum",
    "academy",
    "festival",
    "summit",
    "institution",
    "library",
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
pub(super) static NOMINAL_HEADS: WordSet = WordSet::new(&[
    "person",
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
    "source",
    "sources",
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
    "consultant",
    "operative",
    "lobbyist",
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
pub(super) static FUNCTION: WordSet = WordSet::new(&[
    "would", "will", "is", "was", "are", "were", "has", "had", "have", "be", "been", "can",
    "could", "should", "may", "might", "must", "did", "does", "do", "not", "and", "or", "but",
    "to", "in", "on", "at", "for", "with", "from", "by", "of", "about", "who", "that", "which",
    "said", "says", "told", "added", "when", "as", "than", "if", "because",
]);

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

/// Whether two genders may be one person's (either is unknown, or both agree).
fn same_gender(a: Gender, b: Gender) -> bool {
    a == Gender::Either || b == Gender::Either || a == b
}

/// One registered name in the article (outside quotations).
#[derive(Debug, Clone)]
pub struct Entity {
    pub full: String,
    /// `full` in lower case, for comparing name forms.
    pub full_lower: String,
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
    /// A surname alone ("Trump"), taken as the latest person of that name; another person
    /// of the same surname may be meant ("Ivanka Trump" … "Trump vowed" … "he said").
    pub lone: bool,
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
    pub by_last: FxHashMap<String, Vec<usize>>,
    pub people: Vec<PersonAt>,
    /// Places are never registered and never speak.
    pub places: PlaceIndex,
    /// Hashes of the words the article writes in lower case, built once the article has asked
    /// about more than [`LOWER_SCANS`] words (most ask about none or one or two, each answered
    /// by a scan of the tokens), so asking about each of many words stays linear in the
    /// article.
    lower_words: OnceCell<FxHashSet<u64>>,
    /// Questions [`Registry::written_lower`] answered by a scan so far.
    lower_scans: Cell<u8>,
}

/// How many [`Registry::written_lower`] questions an article answers by a scan of its tokens
/// before it hashes them all: a scan compares lengths, hashing costs several times that.
const LOWER_SCANS: u8 = 4;

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
    let w = trim_periods(strip_possessive(w));
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

/// Whether a word ends in a possessive "'s" or "’s".
pub(super) fn is_possessive(w: &str) -> bool {
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

/// Name-like token: a capitalised word.
fn namey(ctx: &Ctx, i: usize) -> bool {
    ctx.toks.get(i).is_some_and(|t| t.kind == Kind::Word) && ctx.cap(i)
}

/// The closing mark of a quoted nickname opening at token `i`, inside a name.
fn nickname(ctx: &Ctx, i: usize) -> Option<usize> {
    if ctx.toks.get(i)?.kind == Kind::Word {
        return None;
    }
    super::marks::nickname_close(ctx.text, ctx.toks, i)
}

/// The analysis of a capitalised run: title part, name part, kind.
#[derive(Debug, Clone)]
pub struct RunInfo<'a> {
    pub title: Option<String>,
    pub name: String,
    /// Number of words in the name part.
    pub ntoks: usize,
    /// The name's last word, lower-cased: the registry's key ("" when there is no name).
    pub last: Lw<'a>,
    pub kind: SpeakerKind,
    pub gender: Gender,
    pub has_first: bool,
    /// True when the name part is only title words ("the President").
    pub title_only: bool,
    /// Byte span of the name part.
    pub name_s: usize,
    pub name_e: usize,
}

/// Words `[s, e)` of the text joined by single spaces, each mapped by `f`.
fn join_words<'a>(ctx: &Ctx<'a>, s: usize, e: usize, f: impl Fn(&'a str) -> &'a str) -> String {
    let mut out = String::with_capacity(span_len(ctx, s, e));
    for i in s..e {
        if i > s {
            out.push(' ');
        }
        out.push_str(f(ctx.w(i)));
    }
    out
}

/// An upper bound on the length of tokens `s..e` joined by single spaces (one allocation).
fn span_len(ctx: &Ctx, s: usize, e: usize) -> usize {
    if s >= e {
        return 0;
    }
    (ctx.toks[e - 1].e.saturating_sub(ctx.toks[s].s)) + (e - s)
}

/// Capitalised speech verbs that end a title-case headline run ("Hollande Says Trump …").
fn is_headline_verb(lw: &str) -> bool {
    matches!(
        lw,
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
}

/// Splits a run of tokens `[s, e)` (as found) into title and name.
///
/// Works on token indices and the per-token lower-cased words and list bits of `ctx`; only
/// the returned strings are allocated.
pub fn analyze_run<'a>(ctx: &Ctx<'a>, s: usize, e: usize, the_before: bool) -> Option<RunInfo<'a>> {
    let mut s = s;
    let mut e = e;
    let _ = the_before;
    // Leading stop words ("But", "The") are not part of the name.
    while s < e {
        let lw = ctx.lw(s);
        if ctx.has(s, words::STOP) && !(lw == "mr" || lw == "ms") {
            s += 1;
        } else {
            break;
        }
    }
    if s >= e {
        return None;
    }
    // Title-case headlines: "Hollande Says Trump …" — a capitalised speech verb ends the run.
    if let Some(k) = (s..e - 1).find(|&i| is_headline_verb(ctx.lw(i))) {
        if k == s {
            return None;
        }
        e = k;
    }
    // "Michael Brown of Washington": "of" after a non-title word ends the name.
    if let Some(i) = (s + 1..e).find(|&i| {
        ctx.lw(i) == "of" && !ctx.has(i - 1, words::TITLE) && !ctx.has(i - 1, words::ORG)
    }) {
        e = i;
    }
    // Last title word (never the run's last word).
    let mut last_title: Option<usize> = (s..e - 1).rev().find(|&i| {
        ctx.has(i, words::TITLE) || ctx.w(i) == "Del." || (!ctx.cap(i) && ctx.has(i, words::ROLE))
    });
    let acronym =
        |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&');
    let mut ns = last_title.map(|i| i + 1).unwrap_or(s);
    // "Miss Universe Alicia Machado", "Democrat Hillary Clinton": a known first name later
    // in the run starts the name proper.
    if e - ns >= 3 {
        if let Some(k) = (ns + 1..e - 1)
            .find(|&k| {
                // Not a quoted nickname ("William “Billy” Riddle").
                ctx.toks[k - 1].kind == Kind::Word
                    && names::lookup(ctx.w(k))
                        .map(|f| !f.word && f.count >= 1000)
                        .unwrap_or(false)
            })
            .filter(|_| names::lookup(ctx.w(ns)).is_none())
        {
            last_title = Some(k - 1);
            ns = k;
        }
    }
    let name_part_org = (ns..e).any(|i| ctx.has(i, words::ORG))
        || (e - ns == 1 && acronym(ctx.w(ns)))
        || (ns > s && e - ns == 1 && ctx.lw(ns - 1) == "of");
    let all_titles = (s..e).all(|i| ctx.has(i, words::TITLE));
    let person_title = (s..ns).any(|i| {
        matches!(
            ctx.lw(i),
            "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov"
        )
    });
    if (all_titles && (s..e).any(|i| ctx.has(i, words::ORG))) || (name_part_org && !person_title) {
        return Some(RunInfo {
            title: None,
            name: join_words(ctx, s, e, strip_possessive),
            ntoks: e - s,
            last: Lw::Borrowed(ctx.lw(e - 1)),
            kind: SpeakerKind::Organisation,
            gender: Gender::Either,
            has_first: false,
            title_only: false,
            name_s: ctx.toks[s].s,
            name_e: ctx.toks[e - 1].e,
        });
    }
    if all_titles {
        return Some(RunInfo {
            title: Some(join_words(ctx, s, e, |w| w)),
            name: String::new(),
            ntoks: 0,
            last: Lw::Borrowed(""),
            kind: SpeakerKind::Person,
            gender: (s..e)
                .find_map(|i| title_gender(ctx.lw(i)))
                .unwrap_or(Gender::Either),
            has_first: false,
            title_only: true,
            name_s: ctx.toks[s].s,
            name_e: ctx.toks[e - 1].e,
        });
    }
    let title = last_title.map(|i| join_words(ctx, s, i + 1, |w| w));
    // The name proper: possessives stripped, generational suffixes dropped.
    let mut name = String::with_capacity(span_len(ctx, ns, e));
    let mut ntoks = 0;
    let mut first_word = "";
    let mut last_word = "";
    let mut last_at = ns;
    // Inside a nickname's marks, and right after its opening mark: `Juan "Chico" Manriquez`.
    let (mut in_nick, mut glue) = (false, false);
    for i in ns..e {
        if ctx.toks[i].kind != Kind::Word && matches!(ctx.w(i), "\"" | "\u{201C}" | "\u{201D}") {
            in_nick = !in_nick;
            if in_nick {
                name.push(' ');
            }
            name.push_str(ctx.w(i));
            glue = in_nick;
            continue;
        }
        let w = strip_possessive(ctx.w(i));
        // Lower-casing keeps the first letter's place, and only ASCII letters lower-case to
        // these ASCII ones: a word starting with another letter is no suffix, unlowered.
        if matches!(
            w.as_bytes().first(),
            Some(b'j' | b'J' | b's' | b'S' | b'i' | b'I')
        ) && matches!(&*lower_word(w), "jr" | "sr" | "ii" | "iii")
        {
            continue;
        }
        if ntoks == 0 {
            first_word = w;
        } else if !glue {
            name.push(' ');
        }
        glue = false;
        name.push_str(w);
        last_word = w;
        last_at = i;
        ntoks += 1;
    }
    if ntoks == 0 {
        return None;
    }
    let first = names::lookup(first_word.trim_end_matches('.'));
    let has_first = ntoks >= 2
        && first
            .map(|f| f.count >= 100 || f.count == 0)
            .unwrap_or(false);
    let mut gender = if has_first {
        first.map(|f| f.gender()).unwrap_or(Gender::Either)
    } else {
        Gender::Either
    };
    if let Some(g) = (s..ns).find_map(|i| title_gender(ctx.lw(i))) {
        gender = g;
    }
    Some(RunInfo {
        title,
        name,
        ntoks,
        // The token's own lower-cased form when no possessive was stripped from it (the
        // same string, computed once per article).
        last: if last_word.len() == ctx.w(last_at).len() {
            Lw::Borrowed(ctx.lw(last_at))
        } else {
            lower_word(last_word)
        },
        kind: SpeakerKind::Person,
        gender,
        has_first,
        title_only: false,
        name_s: ctx.toks[ns].s,
        name_e: ctx.toks[e - 1].e,
    })
}

/// Lower-case role words that may sit inside a name run ("Clinton press secretary Brian Fallon").
pub(super) static ROLE_WORDS: WordSet = WordSet::new(&[
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "press",
    "executive",
    "director",
    "chief",
    "chairman",
    "chairwoman",
    "congressman",
    "congresswoman",
    "senator",
    "campaign",
    "manager",
    "strategist",
    "adviser",
    "advisor",
    "aide",
    "professor",
    "analyst",
    "economist",
    "official",
    "leader",
    "pollster",
    "activist",
    "attorney",
    "lawyer",
    "general",
    "counsel",
    "founder",
    "ceo",
    "editor",
    "host",
    "correspondent",
    "commentator",
    "writer",
    "columnist",
    "reporter",
    "chair",
    "minister",
    "ambassador",
    "governor",
    "mayor",
    "judge",
    "candidate",
    "nominee",
    "communications",
    "policy",
    "deputy",
    "senior",
    "national",
    "political",
    "legal",
    "staff",
    "of",
    "former",
    "state",
    "vice",
    "majority",
    "minority",
    "whip",
    "co-founder",
    "chairperson",
    "representative",
    "commissioner",
    "superintendent",
    "sheriff",
    "officer",
]);

/// Whether `lw` is one of [`ROLE_WORDS`].
pub fn is_role_word(lw: &str) -> bool {
    ROLE_WORDS.contains(lw)
}

/// Whether token `i` is exactly a lower-case role word (the raw text, not its lower-cased
/// form: "President" and "president's" are not).
fn raw_role(ctx: &Ctx, i: usize) -> bool {
    ctx.has(i, words::ROLE) && ctx.w(i) == ctx.lw(i)
}

/// Extends a name run backwards from token `k` (inclusive) while tokens are name-like.
pub fn run_back(ctx: &Ctx, k: usize, lo: usize) -> usize {
    let toks = ctx.toks;
    let mut s = k;
    while s > lo {
        let t = &toks[s - 1];
        if t.para != toks[k].para {
            break;
        }
        let w = ctx.w(s - 1);
        // `Juan "Chico" Manriquez`, from the surname back to the first name (asked only at a
        // token that is no word).
        let nick_open = || {
            (s.saturating_sub(4)..s.saturating_sub(2))
                .rev()
                .find(|&o| o > lo && nickname(ctx, o) == Some(s - 1))
        };
        if (namey(ctx, s - 1) && !is_possessive(w))
            || ((is_particle(w) || w == "of") && s - 1 > lo && namey(ctx, s - 2))
        {
            s -= 1;
        } else if let Some(o) = (t.kind != Kind::Word).then(nick_open).flatten() {
            s = o;
        } else if t.kind == Kind::Word && !ctx.cap(s - 1) && raw_role(ctx, s - 1) && w != "of" {
            // Bridge lower-case role words when a capitalised word precedes them.
            let mut j = s - 1;
            while j > lo
                && toks[j - 1].kind == Kind::Word
                && !ctx.cap(j - 1)
                && raw_role(ctx, j - 1)
                && ctx.w(j - 1) != "of"
            {
                j -= 1;
            }
            if j > lo && namey(ctx, j - 1) && toks[j - 1].para == toks[k].para {
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
pub fn run_fwd(ctx: &Ctx, k: usize, hi: usize) -> usize {
    let toks = ctx.toks;
    let mut e = k;
    let hi = hi.min(toks.len());
    while e < hi {
        let t = &toks[e];
        if t.para != toks[k].para {
            break;
        }
        let w = ctx.w(e);
        if namey(ctx, e) {
            e += 1;
            if is_possessive(w) {
                break;
            }
        } else if let Some(c) = nickname(ctx, e).filter(|&c| e > k && c + 1 < hi) {
            // `Juan "Chico" Manriquez`: on to the surname.
            e = c + 1;
        } else if (is_particle(w) || w == "of") && e + 1 < hi && namey(ctx, e + 1) && e > k {
            e += 1;
        } else if e > k && t.kind == Kind::Word && raw_role(ctx, e) && w != "of" {
            let mut j = e;
            while j < hi
                && toks[j].kind == Kind::Word
                && !ctx.cap(j)
                && raw_role(ctx, j)
                && ctx.w(j) != "of"
            {
                j += 1;
            }
            if j < hi && namey(ctx, j) {
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
    match lw {
        "he" => Some(Some(Gender::Male)),
        "she" => Some(Some(Gender::Female)),
        "they" | "we" | "i" | "it" | "who" => Some(None),
        _ => None,
    }
}

pub(super) static DETERMINERS: WordSet = WordSet::new(&[
    "the", "a", "an", "his", "her", "their", "its", "one", "another", "two", "three", "several",
    "some", "many", "other", "this", "that", "these", "those",
]);

/// "“…,” Read said" after "Ian Read": right after a quotation, a capitalised common word
/// ("Read", "From", "Will") is a surname when the text has it after a first name before
/// (looking back a few thousand words, so that hostile text stays linear).
fn surname_after_quote(ctx: &Ctx, s: usize, k: usize) -> bool {
    s == k
        && s > 0
        && ctx.toks[s - 1].kind == Kind::Mark
        && (k.saturating_sub(4000).max(1)..k).any(|j| {
            ctx.w(j) == ctx.w(k)
                && names::lookup(ctx.w(j - 1)).is_some_and(|f| !f.word && f.count >= 1000)
        })
}

/// Parses the noun phrase that ends just before token `end` (exclusive), not before `lo`.
pub fn np_before(ctx: &Ctx, end: usize, lo: usize, loose: bool) -> Option<Np> {
    let toks = ctx.toks;
    if end <= lo || end > toks.len() {
        return None;
    }
    let k = end - 1;
    let t = &toks[k];
    let w = ctx.w(k);
    let lw = ctx.lw(k);
    if t.kind != Kind::Word {
        return None;
    }
    if let Some(g) = pronoun(lw) {
        return Some(Np {
            kind: NpKind::Pronoun(g),
            s: k,
            e: end,
        });
    }
    if ctx.cap(k) && !is_possessive(w) {
        let s = run_back(ctx, k, lo);
        if (s..=k).all(|i| ctx.has(i, words::STOP)) && !surname_after_quote(ctx, s, k) {
            return None;
        }
        // Lower-case title words before the run ("campaign chairman Paul Manafort").
        let mut s2 = s;
        while s2 > lo && s > lo {
            if toks[s2 - 1].kind == Kind::Word && ctx.has(s2 - 1, words::TITLE) && !ctx.cap(s2 - 1)
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
    if loose
        && !ctx.has(k, words::NOMINAL)
        && !ctx.has(k, words::FUNCTION)
        && !ctx.cap(k)
        && lw.len() > 2
        && !lw.ends_with("ly")
    {
        // Any noun phrase "the paper's editorial board" / "the gambling tycoon": a
        // determiner or possessive within a few words, only words in between.
        let mut s = k;
        while s > lo && k - s < 5 {
            let pt = &toks[s - 1];
            if pt.kind != Kind::Word {
                break;
            }
            let pw = ctx.w(s - 1);
            let plw = ctx.lw(s - 1);
            let pcap = ctx.cap(s - 1);
            s -= 1;
            if matches!(plw, "the" | "a" | "an" | "his" | "her" | "their" | "its")
                || is_possessive(pw)
            {
                if is_possessive(pw) && pcap {
                    s = run_back(ctx, s, lo);
                }
                return Some(Np {
                    kind: NpKind::Nominal { head: k },
                    s,
                    e: end,
                });
            }
            if pronoun(plw).is_some()
                || matches!(
                    plw,
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
    if ctx.has(k, words::NOMINAL) {
        // Walk back over modifiers to a determiner.
        let mut s = k;
        let mut steps = 0;
        while s > lo && steps < 5 {
            let pt = &toks[s - 1];
            if pt.kind != Kind::Word {
                break;
            }
            let pw = ctx.w(s - 1);
            let plw = ctx.lw(s - 1);
            let pdet = ctx.has(s - 1, words::DETERMINER);
            let pcap = ctx.cap(s - 1);
            s -= 1;
            steps += 1;
            if pdet || is_possessive(pw) {
                if is_possessive(pw) && pcap {
                    s = run_back(ctx, s, lo);
                }
                break;
            }
            if pronoun(plw).is_some()
                || matches!(plw, "said" | "says" | "and" | "but" | "or" | "that" | "as")
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

/// Whether a role in apposition follows the name ending before token `e` ("Reince Priebus,
/// the GOP chairman,", "Jane Roe, a spokeswoman for"): a person, even without a known first
/// name.
fn role_apposition(ctx: &Ctx, e: usize) -> bool {
    if !ctx.is_punct(e, ",") || !matches!(ctx.lw(e + 1), "the" | "a" | "an") {
        return false;
    }
    (e + 2..(e + 6).min(ctx.toks.len()))
        .take_while(|&k| ctx.toks[k].kind == Kind::Word)
        .any(|k| !ctx.cap(k) && ctx.has(k, words::TITLE | words::ROLE))
}

/// Parses the noun phrase starting at token `start`; returns it with its exclusive end.
pub fn np_after(ctx: &Ctx, start: usize, hi: usize) -> Option<Np> {
    let toks = ctx.toks;
    let hi = hi.min(toks.len());
    if start >= hi {
        return None;
    }
    let t = &toks[start];
    if t.kind != Kind::Word {
        return None;
    }
    if let Some(g) = pronoun(ctx.lw(start)) {
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
        if !ctx.cap(i)
            && (ctx.has(i, words::DETERMINER | words::TITLE) || ctx.lw(i).ends_with("-based"))
            && i - start < 5
        {
            det |= ctx.has(i, words::DETERMINER);
            i += 1;
        } else {
            break;
        }
    }
    if i < hi && namey(ctx, i) {
        let e = run_fwd(ctx, i, hi);
        if (i..e).all(|k| ctx.has(k, words::STOP)) {
            return None;
        }
        let last = ctx.w(e - 1);
        // "the president's spokesman": possessive run followed by a nominal.
        if is_possessive(last) && e < hi && ctx.has(e, words::NOMINAL) {
            return Some(Np {
                kind: NpKind::Nominal { head: e },
                s: start,
                e: e + 1,
            });
        }
        // "Iowa State University's Dianne Bystrom", "NBC's Chuck Todd": the possessor's
        // person, when a full name with a first name follows.
        if is_possessive(last) && e < hi && toks[e].para == toks[i].para && namey(ctx, e) {
            let e2 = run_fwd(ctx, e, hi);
            if e2 >= e + 2 && names::lookup(ctx.w(e)).is_some_and(|f| !f.word) {
                return Some(Np {
                    kind: NpKind::Name,
                    s: e,
                    e: e2,
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
                let lw = ctx.lw(j);
                if ctx.cap(j)
                    || ctx.has(j, words::STOP | words::FUNCTION)
                    || lw.ends_with("ly")
                    || lw.ends_with("ed")
                    || lw.ends_with("es")
                {
                    break;
                }
                j += 1;
            }
            if j > e && j < hi && namey(ctx, j) && toks[j].para == toks[i].para {
                let e2 = run_fwd(ctx, j, hi);
                // Skip titles: "presidential candidate Sen. Bernie Sanders".
                let mut f = j;
                while f + 1 < e2 && ctx.has(f, words::TITLE) {
                    f += 1;
                }
                let first = names::lookup(ctx.w(f));
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
        if ctx.has(j, words::FUNCTION) || ctx.has(j, words::STOP) && j > i {
            break;
        }
        if ctx.has(j, words::NOMINAL) {
            // Prefer the last head in a compound ("campaign spokesman").
            let mut h = j;
            while h + 1 < hi && toks[h + 1].kind == Kind::Word && ctx.has(h + 1, words::NOMINAL) {
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
    if i > start && ctx.has(i - 1, words::NOMINAL) {
        return Some(Np {
            kind: NpKind::Nominal { head: i - 1 },
            s: start,
            e: i,
        });
    }
    None
}

/// The article's place spans, for "is this span inside a place?" in O(log n): a scan of
/// every place for every capitalised run was quadratic on place-heavy articles.
#[derive(Debug, Default)]
pub struct PlaceIndex {
    /// Place starts, sorted.
    starts: Vec<usize>,
    /// `max_end[k]`: the largest end among the first `k + 1` places (by start).
    max_end: Vec<usize>,
    /// Place ends, in the order of `starts`.
    ends: Vec<usize>,
}

impl PlaceIndex {
    pub fn new(places: &[(usize, usize)]) -> PlaceIndex {
        let mut sorted = places.to_vec();
        sorted.sort_unstable();
        let mut max = 0;
        let max_end = sorted
            .iter()
            .map(|&(_, pe)| {
                max = max.max(pe);
                max
            })
            .collect();
        PlaceIndex {
            starts: sorted.iter().map(|&(ps, _)| ps).collect(),
            max_end,
            ends: sorted.iter().map(|&(_, pe)| pe).collect(),
        }
    }

    /// The end of the longest place starting at byte `s`, if one does.
    pub fn starting_at(&self, s: usize) -> Option<usize> {
        let lo = self.starts.partition_point(|&ps| ps < s);
        let hi = self.starts.partition_point(|&ps| ps <= s);
        self.ends.get(lo..hi)?.iter().copied().max()
    }

    /// Whether some place `(ps, pe)` contains `[s, e)`: `ps <= s && e <= pe`.
    pub fn contains(&self, s: usize, e: usize) -> bool {
        let k = self.starts.partition_point(|&ps| ps <= s);
        k > 0 && self.max_end[k - 1] >= e
    }
}

/// Whether the paragraph of token `i` is written in title case (a headline): at most 60
/// tokens (so asking costs the same in any article), at least four words longer than three
/// letters, four in five of them capitalised.
pub(super) fn title_case_paragraph(ctx: &Ctx, i: usize) -> bool {
    let toks = ctx.toks;
    let para = toks[i].para;
    let mut start = i;
    while start > 0 && toks[start - 1].para == para {
        if i - start >= 60 {
            return false;
        }
        start -= 1;
    }
    if toks.get(start + 60).is_some_and(|t| t.para == para) {
        return false;
    }
    let (mut words, mut caps) = (0usize, 0usize);
    for k in (start..toks.len())
        .take_while(|&k| toks[k].para == para)
        .take(60)
    {
        if toks[k].kind == Kind::Word && ctx.w(k).chars().count() > 3 {
            words += 1;
            caps += usize::from(ctx.cap(k));
        }
    }
    words >= 4 && caps * 5 >= words * 4
}

impl Registry {
    /// Registers every capitalised run outside quotations (`in_quote[i]`), places and byline.
    pub fn build(ctx: &Ctx, places: &[(usize, usize)]) -> Registry {
        let (toks, in_quote) = (ctx.toks, ctx.in_quote);
        let mut reg = Registry {
            places: PlaceIndex::new(places),
            ..Registry::default()
        };
        let mut i = 0;
        while i < toks.len() {
            if in_quote.get(i).copied().unwrap_or(true) || !namey(ctx, i) {
                i += 1;
                continue;
            }
            let e = run_fwd(ctx, i, toks.len());
            // A capitalised function word inside a run is a headline's ("Minority Outreach
            // Undone By Trump.", "… 9:32PMChris Christie Is Over Marco Rubio's Same Old …"):
            // the name is the part after the last one when that starts with a first name;
            // otherwise, in a title-case paragraph, a run of three or more words is no name.
            if let Some(f) = (i + 1..e)
                .rev()
                .find(|&j| ctx.has(j, words::FUNCTION) || ctx.has(j, words::STOP))
            {
                let first = names::lookup(ctx.w(f + 1)).is_some_and(|n| !n.word && n.count >= 1000);
                if f + 2 < e && first {
                    i = f + 1;
                } else if e - i >= 3 && title_case_paragraph(ctx, i) {
                    i = e;
                    continue;
                }
            }
            let e = (i + 1..=e)
                .find(|&j| in_quote.get(j - 1).copied().unwrap_or(true))
                .map(|j| j - 1)
                .unwrap_or(e)
                .max(i + 1);
            // "a fellow New Hampshire Sanders veteran": a place before the surname of someone
            // already named is no part of the name (it made "New Hampshire Sanders" the fullest
            // form of Bernie Sanders).
            if let Some(pe) = reg.places.starting_at(toks[i].s) {
                if let Some(p) = (i + 1..e).find(|&k| toks[k].s >= pe) {
                    // "Rush Limbaugh", "Washington Irving": a first name, not a place.
                    let first_name = names::lookup(ctx.w(i)).is_some_and(|n| !n.word);
                    let known = e == p + 1
                        && !first_name
                        && !ctx.has(
                            p,
                            words::NOMINAL | words::TITLE | words::ROLE | words::STOP | words::ORG,
                        )
                        && reg.by_last.get(&*lower_word(ctx.w(p))).is_some_and(|ids| {
                            ids.iter().any(|&id| {
                                let ent = &reg.ents[id];
                                ent.kind == SpeakerKind::Person && ent.ntoks >= 2 && ent.has_first
                            })
                        });
                    if known {
                        i = p;
                    }
                }
            }
            // Byline: "By Jane Doe" opening a paragraph.
            let byline = i > 0
                && ctx.w(i - 1).eq_ignore_ascii_case("by")
                && (i == 1 || toks[i - 2].para != toks[i - 1].para)
                || (ctx.w(i).eq_ignore_ascii_case("by")
                    && (i == 0 || toks[i - 1].para != toks[i].para));
            let the_before = i > 0 && ctx.lw(i - 1) == "the";
            if !byline {
                if let Some(r) = analyze_run(ctx, i, e, the_before) {
                    let poss = is_possessive(ctx.w(e - 1));
                    let prep = i > 0
                        && matches!(
                            ctx.lw(i - 1),
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
                    let object = object_of_verb(ctx, i, e);
                    let reported = in_reported_clause(ctx, i, e);
                    // "Franson Reneus, 18, from Lee County": an age in apposition.
                    let age = ctx.is_punct(e, ",")
                        && e + 2 < toks.len()
                        && ctx.w(e + 1).len() <= 3
                        && ctx.w(e + 1).bytes().all(|b| b.is_ascii_digit())
                        && ctx.is_punct(e + 2, ",");
                    let speaks = age
                        || role_apposition(ctx, e)
                        || r.ntoks == 1 && lone_name_speaks(ctx, &reg, i, e);
                    reg.add(r, poss || prep || object || reported, speaks);
                }
            }
            i = e;
        }
        reg
    }

    /// Whether the one-word name at token `i` is only a capitalised sentence opening
    /// ("Analysts said", "Several warned", "Having said that"): it opens its sentence, the article
    /// never introduced such a name, it is neither an acronym nor a known first name, and the
    /// article writes the same word in lower case elsewhere (a surname never is) or it is a
    /// participle.
    pub fn unintroduced_opening_word(&self, ctx: &Ctx, i: usize) -> bool {
        let w = ctx.w(i);
        let acronym = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| !c.is_lowercase());
        if !opens_sentence(ctx, i) || acronym || names::lookup(w).is_some() {
            return false;
        }
        let lw = ctx.lw(i);
        // A participle opening its sentence ("Appearing before supporters, …", "Reached for
        // comment, …") is one too, and so is a word that is never a name.
        let ed_participle = lw.ends_with("ed")
            && w.chars().skip(1).all(|c| !c.is_uppercase()) // not "BuzzFeed"
            && (ctx.is_punct(i + 1, ",")
                || matches!(
                    ctx.lw(i + 1),
                    "by" | "for" | "in" | "on" | "at" | "to" | "as" | "with" | "from"
                ));
        let participle = lw.len() > 5 && (lw.ends_with("ing") || ed_participle);
        !self.by_last.contains_key(lw)
            && (participle || NEVER_NAMES.contains(lw) || self.written_lower(ctx, i))
    }

    /// Whether the article writes the word at token `i` in lower case (somewhere else, when
    /// token `i` is capitalised).
    pub fn written_lower(&self, ctx: &Ctx, i: usize) -> bool {
        let lw = ctx.lw(i);
        let scans = self.lower_scans.get();
        if scans < LOWER_SCANS && self.lower_words.get().is_none() {
            self.lower_scans.set(scans + 1);
            return (0..ctx.toks.len())
                .any(|k| ctx.toks[k].kind == Kind::Word && !ctx.cap(k) && ctx.lw(k) == lw);
        }
        let words = self.lower_words.get_or_init(|| {
            (0..ctx.toks.len())
                .filter(|&k| ctx.toks[k].kind == Kind::Word && !ctx.cap(k))
                .map(|k| FxBuildHasher.hash_one(ctx.lw(k)))
                .collect()
        });
        words.contains(&FxBuildHasher.hash_one(lw))
    }

    /// Whether registered entity `ent` is a form of the name whose lower case is `key`
    /// ("Clinton" / "Hillary Clinton"; both already share the last word).
    fn same_name(ent: &Entity, key: &str) -> bool {
        let ek = ent.full_lower.as_str();
        ek == key || ends_with_word(ek, key) || ends_with_word(key, ek)
    }

    fn add(&mut self, r: RunInfo, weak: bool, speaks: bool) -> Option<usize> {
        if r.title_only || r.name.is_empty() {
            return None;
        }
        if self.places.contains(r.name_s, r.name_e) {
            // "Cuban said" after "Mark Cuban": a surname the article introduced as a person's
            // is a mention of that person; otherwise a place is no one.
            let id = self.introduced_surname(&r)?;
            self.people.push(PersonAt {
                pos: r.name_s,
                ent: id,
                weak,
                lone: true,
            });
            return Some(id);
        }
        let last: &str = &r.last;
        if last.is_empty() {
            return None;
        }
        let person_like =
            r.kind == SpeakerKind::Person && (r.has_first || r.title.is_some() || speaks);
        // Same surname already known: merge (keep the fullest form), never across genders
        // ("Mr. Obama" and "Michelle Obama" are two people).
        let mut found = None;
        if let Some(ids) = self.by_last.get(last) {
            let fits = |id: usize| same_gender(self.ents[id].gender, r.gender);
            if r.ntoks == 1 {
                found = ids.iter().rev().copied().find(|&id| fits(id));
            } else {
                let full_key = r.name.to_lowercase();
                found = ids
                    .iter()
                    .rev()
                    .copied()
                    .find(|&id| fits(id) && Self::same_name(&self.ents[id], &full_key));
            }
        }
        let id = match found {
            Some(id) => {
                let ent = &mut self.ents[id];
                if r.ntoks > ent.ntoks && r.kind == ent.kind {
                    ent.full = r.name.clone();
                    ent.full_lower = r.name.to_lowercase();
                    ent.ntoks = r.ntoks;
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
                if !person_like && r.kind == SpeakerKind::Person && r.ntoks == 1 {
                    // A lone capitalised word nobody introduced: not registered.
                    return None;
                }
                self.ents.push(Entity {
                    full_lower: r.name.to_lowercase(),
                    full: r.name,
                    ntoks: r.ntoks,
                    title: r.title,
                    kind: r.kind,
                    gender: r.gender,
                    has_first: r.has_first,
                });
                let id = self.ents.len() - 1;
                self.by_last.entry(last.to_string()).or_default().push(id);
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
                lone: r.ntoks == 1,
            });
        }
        Some(id)
    }

    /// The person a lone surname that also names a place stands for: the latest person the
    /// article introduced with a fuller name ("Mark Cuban" … "Cuban said").
    fn introduced_surname(&self, r: &RunInfo) -> Option<usize> {
        if r.ntoks != 1 {
            return None;
        }
        self.introduced(&r.last)
    }

    /// The latest person the article introduced with a fuller name ending in `last`.
    fn introduced(&self, last: &str) -> Option<usize> {
        let ids = self.by_last.get(last)?;
        ids.iter().rev().copied().find(|&id| {
            let e = &self.ents[id];
            e.kind == SpeakerKind::Person && e.ntoks >= 2
        })
    }

    /// "“…,” Read said" after "Ian Read": a common word ("read", "from") that is the surname
    /// of a person the article introduced.
    pub fn common_word_surname(&self, lw: &str) -> Option<Speaker> {
        self.introduced(lw).map(|id| self.speaker(id))
    }

    /// The canonical speaker for a name run.
    pub fn resolve_name(&self, r: &RunInfo) -> Option<Speaker> {
        // A capitalised "I" is a pronoun, never a name.
        if r.name.is_empty() || r.name == "I" {
            return None;
        }
        let last: &str = &r.last;
        if self.places.contains(r.name_s, r.name_e) {
            // "Cuban said" after "Mark Cuban": a surname the article introduced as a person
            // wins over the place reading; otherwise a place never speaks.
            let id = self.introduced_surname(r)?;
            return Some(self.speaker(id));
        }
        if let Some(ids) = self.by_last.get(last) {
            let full_key = if r.ntoks == 1 {
                String::new()
            } else {
                r.name.to_lowercase()
            };
            let fits = |id: usize| same_gender(self.ents[id].gender, r.gender);
            // A surname alone is the person of that name mentioned last before it ("President
            // Obama" early on is not the "Michelle Obama" named further down).
            let recent = (r.ntoks == 1)
                .then(|| {
                    self.people
                        .iter()
                        .rev()
                        .find(|p| p.pos <= r.name_s && ids.contains(&p.ent) && fits(p.ent))
                        .map(|p| &self.ents[p.ent])
                })
                .flatten();
            let hit = recent.or_else(|| {
                ids.iter()
                    .rev()
                    .filter(|&&id| fits(id))
                    .map(|&id| &self.ents[id])
                    .find(|ent| r.ntoks == 1 || Self::same_name(ent, &full_key))
            });
            if let Some(ent) = hit {
                let name = if r.ntoks > ent.ntoks {
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
        Some(Speaker {
            name: r.name.clone(),
            title: r.title.clone(),
            kind: r.kind,
        })
    }

    /// The last person before byte `pos` compatible with the pronoun's gender.
    pub fn resolve_pronoun(&self, pos: usize, g: Gender) -> Option<Speaker> {
        // The most recent compatible subject-like mention, whether its name's gender is clear
        // or ambiguous (preferring a clear match a few mentions back lost more often than it
        // won on PolNeAR train); possessives and objects only as a fallback.
        let mut weak: Option<usize> = None;
        let upto = self.people.partition_point(|p| p.pos < pos);
        let fits = |id: usize| {
            let ent = &self.ents[id];
            ent.kind == SpeakerKind::Person && (ent.gender == g || ent.gender == Gender::Either)
        };
        for p in self.people[..upto].iter().rev().take(60) {
            let id = if fits(p.ent) {
                p.ent
            } else if p.lone && !p.weak {
                // The surname alone may mean another person of that name who fits.
                let ent = &self.ents[p.ent];
                let last = ent.full_lower.rsplit(' ').next().unwrap_or("");
                let other = self
                    .by_last
                    .get(last)
                    .and_then(|ids| ids.iter().rev().copied().find(|&o| o != p.ent && fits(o)));
                match other {
                    Some(o) => o,
                    None => continue,
                }
            } else {
                continue;
            };
            if !p.weak {
                return Some(self.speaker(id));
            }
            weak = weak.or(Some(id));
        }
        weak.map(|id| self.speaker(id))
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

/// Whether the name run `[i, e)` follows a speech verb in its own sentence ("Pence said Trump
/// will…"): a person named inside reported speech is not what a following "he said" refers to.
fn in_reported_clause(ctx: &Ctx, i: usize, e: usize) -> bool {
    let para = ctx.toks[i].para;
    let mut comma = false;
    for j in (i.saturating_sub(30)..i).rev() {
        let t = &ctx.toks[j];
        if t.para != para || (t.kind == Kind::Punct && matches!(ctx.w(j), "." | "?" | "!")) {
            return false;
        }
        comma |= t.kind == Kind::Punct && ctx.w(j) == ",";
        // Other past-tense speech verbs ("predicted that …", "insisted that …") report too,
        // when no comma ends their clause first ("While Clinton pledged to …, Sanders said").
        let other_cue = || {
            !comma
                && ctx.lw(j).ends_with("ed")
                && ctx
                    .cue_of
                    .get(j)
                    .copied()
                    .flatten()
                    .is_some_and(|c| !c.weak && c.class == CueClass::Speech)
        };
        if t.kind == Kind::Word
            && !ctx.in_quote.get(j).copied().unwrap_or(true)
            && (matches!(ctx.lw(j), "said" | "says" | "told" | "added") || other_cue())
        {
            // ", said Smith" names the speaker; "Jones said Smith will…" and "said that
            // Smith…" report what someone else said about Smith.
            let subject_before = j > 0 && ctx.toks[j - 1].kind == Kind::Word;
            // "…, for example, said Trump continued to hurt his cause": a verb right after
            // the name makes it the reported clause's subject.
            let verb_after = e < ctx.toks.len()
                && ctx.toks[e].kind == Kind::Word
                && !ctx.cap(e)
                && (ctx.lw(e).ends_with("ed")
                    || matches!(
                        ctx.lw(e),
                        "is" | "was"
                            | "has"
                            | "had"
                            | "will"
                            | "would"
                            | "could"
                            | "should"
                            | "can"
                            | "may"
                            | "might"
                            | "must"
                            | "does"
                            | "did"
                    ));
            return subject_before || (j + 1 < i && !ctx.cap(j + 1)) || verb_after;
        }
    }
    false
}

/// Whether the name run `[i, e)` is the object of a verb ("criticized police officer Betty
/// Shelby"): a lower-case word before it that is no conjunction, cue or role word, nor a
/// description's head ("Obama consultant Cornell Belcher"), and no speech verb after it. A name
/// after "a" and an adjective is a subject when a verb follows ("a confident-seeming Manafort
/// bragged"), a modifier otherwise ("a top Clinton fundraiser").
fn object_of_verb(ctx: &Ctx, i: usize, e: usize) -> bool {
    let toks = ctx.toks;
    if i == 0 || toks[i - 1].kind != Kind::Word || ctx.cap(i - 1) || ctx.has(i - 1, words::ROLE) {
        return false;
    }
    // "Obama consultant Cornell Belcher", "the campaign's strategist Al Cardenas": a
    // description before the name, not a verb's object ("criticized police officer Betty
    // Shelby" is one).
    let opens_description = i < 2
        || toks[i - 2].kind != Kind::Word
        || toks[i - 2].para != toks[i].para
        || ctx.cap(i - 2)
        || ctx.has(i - 2, words::DETERMINER)
        || is_possessive(ctx.w(i - 2));
    if ctx.has(i - 1, words::NOMINAL) && !is_possessive(ctx.w(i - 1)) && opens_description {
        return false;
    }
    // "County freeholder Ernest D. Coursey said": a speech verb right after the name makes
    // it the subject.
    if e < toks.len() && matches!(ctx.lw(e), "said" | "says" | "told" | "added" | "wrote") {
        return false;
    }
    if matches!(
        ctx.lw(i - 1),
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
    ) {
        return false;
    }
    let adjective_then_verb = i >= 2
        && matches!(ctx.lw(i - 2), "a" | "an")
        && (e >= toks.len() || toks[e].kind != Kind::Word || {
            let nx = ctx.lw(e);
            nx.ends_with("ed") || nx.ends_with('s') || super::attribution::is_aux(nx)
        });
    !adjective_then_verb
}

/// Whether the one-word name run `[i, e)` speaks ("Bob said", "Garcia told reporters", "Cruz
/// openly admitted", "…,” said Hollande"): then it is a person a later "he said" may mean,
/// unless it is only a sentence's capitalised opening ("Analysts said").
fn lone_name_speaks(ctx: &Ctx, reg: &Registry, i: usize, e: usize) -> bool {
    let toks = ctx.toks;
    // Auxiliaries and adverbs may stand between the name and its cue.
    let mut c = e;
    while c < toks.len()
        && c < e + 3
        && toks[c].kind == Kind::Word
        && !ctx.cap(c)
        && super::attribution::is_aux(ctx.lw(c))
    {
        c += 1;
    }
    let cue_after = ctx.cue_at(c, toks.len()).is_some();
    let said_before = i > 0
        && toks[i - 1].kind == Kind::Word
        && matches!(
            ctx.lw(i - 1),
            "said" | "says" | "added" | "wrote" | "continued" | "noted"
        );
    (cue_after || said_before) && !reg.unintroduced_opening_word(ctx, e - 1)
}

/// Whether token `i` opens a sentence, a paragraph or a quotation (so its capital says nothing).
pub fn opens_sentence(ctx: &Ctx, i: usize) -> bool {
    let toks = ctx.toks;
    i == 0
        || toks[i - 1].para != toks[i].para
        || toks[i - 1].kind == Kind::Mark
        || matches!(ctx.w(i - 1), "." | "!" | "?" | ":" | "—" | "-" | "(")
}
