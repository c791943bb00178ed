//! Direct-quotation attribution: which quotations are direct, and who the cue next to them names.
//!
//! Why: the same marks serve direct quotations, quoted fragments inside reported speech and
//! scare quotes/titles. A quotation is direct when it stands at a sentence start, after a
//! colon, or right after a cue ("said:", "told reporters,"); its speaker comes from the cue
//! after it (`"…," Smith said` / `said Smith` / `— Commissioner X`) or before it
//! (`Smith said: "…"`, `According to X, "…"`, `From X: "…"`). Everything is a short index
//! walk over tokens bounded by the sentence.

use super::cues::{Cue, CueClass, Lexicon};
use super::names;
use super::speakers::{self, np_after, np_before, Np, NpKind};
use super::tokens::{is_cap, text_of, Kind, Tok, WordSet};
use super::words;

/// Auxiliaries and adverbs allowed between a speaker and the cue ("has also said").
pub(super) static AUX: WordSet = WordSet::new(&[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "also",
    "later",
    "then",
    "again",
    "repeatedly",
    "previously",
    "recently",
    "once",
    "would",
    "will",
    "could",
    "might",
    "may",
    "further",
    "simply",
    "just",
    "quickly",
    "finally",
    "even",
    "still",
    "already",
    "often",
    "separately",
    "earlier",
    "first",
    "never",
    "not",
    "did",
    "does",
    "do",
    "had",
    "been",
    "would",
    "went",
    "on",
    "to",
    "reportedly",
    "flatly",
    "has",
    "frequently",
    "last",
]);

/// Words that may sit between a cue and the quotation it introduces ("said Monday:").
pub(super) static ADVERBIAL: WordSet = WordSet::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "month",
    "year",
    "last",
    "this",
    "on",
    "in",
    "at",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "with",
    "to",
    "reporters",
    "told",
    "during",
    "recently",
    "later",
    "earlier",
    "then",
    "also",
    "once",
    "twitter",
    "facebook",
    "email",
    "emailed",
    "of",
    "about",
    "after",
    "before",
    "speech",
    "rally",
    "conference",
    "news",
    "press",
    "his",
    "her",
    "their",
    "its",
    "via",
    "from",
    "ago",
    "days",
    "weeks",
    "recent",
    "previously",
    "again",
    "further",
    "simply",
    "bluntly",
    "flatly",
    "when",
    "asked",
    "while",
    "tweet",
    "post",
    "letter",
    "radio",
    "television",
    "tv",
    "show",
    "program",
    "appearance",
    "hearing",
    "debate",
    "town",
    "hall",
    "meeting",
    "event",
    "speaking",
    "remarks",
    "briefing",
    "call",
    "phone",
]);

/// "eight", "several": the count of a time phrase ("Eight years ago", "A few days later").
pub(super) fn is_count_word(lw: &str) -> bool {
    matches!(
        lw,
        "a" | "an"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "several"
            | "few"
            | "many"
            | "some"
    )
}

/// The plain past and present reporting verbs that put their speaker after them ("Said
/// Comey, …", "said master of ceremonies Asab Al-Tabchi").
fn is_plain_say(lw: &str) -> bool {
    matches!(lw, "said" | "says" | "added" | "asked" | "wrote")
}

/// Prepositions: a word after one is its object, not the subject of the clause.
static PREPOSITION: WordSet = WordSet::new(&[
    "with", "by", "on", "in", "at", "to", "for", "from", "of", "about", "after", "before",
    "during", "into", "over", "under", "against", "without",
]);

/// "hours", "years": the unit of a time phrase ("Hours later", "Eight years ago").
pub(super) fn is_time_unit(lw: &str) -> bool {
    matches!(
        lw,
        "seconds"
            | "minutes"
            | "moments"
            | "hours"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "decades"
            | "second"
            | "minute"
            | "moment"
            | "hour"
            | "day"
            | "week"
            | "month"
            | "year"
            | "decade"
    )
}

/// A modal verb: "will", "would", "can", "could", "should", "may", "might", "must".
pub fn is_modal(lw: &str) -> bool {
    matches!(
        lw,
        "will" | "would" | "can" | "could" | "should" | "may" | "might" | "must"
    )
}

pub fn is_aux(lw: &str) -> bool {
    AUX.contains(lw) || (lw.len() > 4 && lw.ends_with("ly"))
}

pub fn is_adverbial(lw: &str) -> bool {
    ADVERBIAL.contains(lw) || (lw.len() > 4 && lw.ends_with("ly"))
}

/// An attribution found next to a quotation.
#[derive(Debug, Clone, Copy)]
pub struct Attr {
    pub np: Np,
    /// Token range of the cue (may be empty for "—" or "From X:").
    pub cue_s: usize,
    pub cue_e: usize,
    /// The attribution ends here (exclusive token index).
    pub end: usize,
}

/// Helper bundle: text, tokens, lexicon.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub lex: &'a Lexicon,
    pub in_quote: &'a [bool],
    /// Per token: the lower-cased word (possessive and final period stripped).
    pub lows: &'a [&'a str],
    /// Per token: its entry in the cue lexicon.
    pub cue_of: &'a [Option<Cue>],
    /// Per token: word-list bits and capitalisation ([`words`]).
    pub tags: &'a [u16],
}

impl<'a> Ctx<'a> {
    pub fn w(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .map(|t| text_of(self.text, t))
            .unwrap_or("")
    }
    pub fn lw(&self, i: usize) -> &'a str {
        self.lows.get(i).copied().unwrap_or("")
    }
    /// Whether token `i` is in any of the word lists in `bits` (false past the end).
    #[inline]
    pub fn has(&self, i: usize, bits: u16) -> bool {
        self.tags.get(i).is_some_and(|t| t & bits != 0)
    }
    /// Whether token `i` starts with an upper-case letter ([`is_cap`] of its text).
    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        self.has(i, words::CAP)
    }
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .map(|t| t.kind == Kind::Punct)
            .unwrap_or(false)
            && self.w(i) == p
    }
    pub fn is_dash(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .map(|t| t.kind == Kind::Punct)
            .unwrap_or(false)
            && matches!(self.w(i), "-" | "—" | "–" | "―" | "--")
    }
    pub fn quoted(&self, i: usize) -> bool {
        self.in_quote.get(i).copied().unwrap_or(false)
    }

    /// The quoted title of a show or a work opening at token `i` (`“Good Morning America”`,
    /// `"Fox and Friends,"`): a few words, each capitalised or a small joining word, with
    /// nothing but a comma or a full stop inside. Returns the token after its closing mark.
    pub fn quoted_title(&self, i: usize, hi: usize) -> Option<usize> {
        if self.toks.get(i)?.kind != Kind::Mark {
            return None;
        }
        let mut words = 0;
        for k in i + 1..hi.min(i + 12).min(self.toks.len()) {
            match self.toks[k].kind {
                Kind::Mark => return (words > 0).then_some(k + 1),
                Kind::Word => {
                    let joiner = matches!(
                        self.lw(k),
                        "of" | "the"
                            | "and"
                            | "a"
                            | "an"
                            | "in"
                            | "on"
                            | "for"
                            | "to"
                            | "with"
                            | "de"
                            | "del"
                            | "la"
                            | "du"
                            | "von"
                            | "van"
                    );
                    if !(self.cap(k) || joiner && words > 0) {
                        return None;
                    }
                    words += 1;
                }
                _ if matches!(self.w(k), "," | "." | "&" | ":") => {}
                _ => return None,
            }
        }
        None
    }

    /// Whether token `k` is a form of "call" (which names as often as it reports).
    pub fn is_call(&self, k: usize) -> bool {
        self.lex.get(self.lw(k)).is_some_and(|c| c.lemma == "call")
    }

    /// Whether the title-case quotation opening at `open` names a work: after "called" ("a
    /// play called \"Los Hijos de Trump,\"") or after a work and a comma ("in her memoir,
    /// \"Tough Choices.\""). `lo` is the sentence start.
    pub fn names_a_work(&self, open: usize, lo: usize) -> bool {
        if open <= lo || self.quoted_title(open, self.toks.len()).is_none() {
            return false;
        }
        let k = open - 1;
        let called = self.is_call(k);
        let work = k > lo
            && self.is_punct(k, ",")
            && matches!(
                self.lw(k - 1),
                "book"
                    | "memoir"
                    | "novel"
                    | "film"
                    | "movie"
                    | "documentary"
                    | "play"
                    | "song"
                    | "album"
                    | "column"
                    | "essay"
                    | "show"
                    | "series"
            );
        called || work
    }

    /// Where something was said or who was told, when that is a show: `on MSNBC's "Morning
    /// Joe"`, `ABC’s “Good Morning America”` after "told", `"Fox and Friends"`. Returns the
    /// token after the title's closing mark.
    pub fn medium_at(&self, i: usize, hi: usize) -> Option<usize> {
        let mut k = i;
        if matches!(self.lw(k), "on" | "to") {
            k += 1;
        }
        if k < i + 3 && self.cap(k) && speakers::is_possessive(self.w(k)) {
            k += 1;
        }
        self.quoted_title(k, hi)
    }

    /// Cue words that a fixed phrase makes something else: "state Del. Marcia Price" and
    /// "state Sen. Jane Roe" (a modifier of the title), "It goes without saying that …" and
    /// "Needless to say, …" (idioms that report nothing).
    pub(super) fn never_a_cue(&self, i: usize) -> bool {
        let lw = self.lw(i);
        let prev = |k: usize| if i >= k { self.lw(i - k) } else { "" };
        (lw == "state"
            && self.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word)
            && (self.has(i + 1, words::TITLE) || self.w(i + 1) == "Del."))
            || (lw == "saying"
                && prev(1) == "without"
                && matches!(prev(2), "goes" | "go" | "went" | "going" | "gone"))
            || (lw == "say" && prev(1) == "to" && prev(2) == "needless")
            // A tag's name, in markup left in a text ("<tweet author=…>", "</tweet>").
            || (i > 0
                && self.toks[i - 1].e == self.toks[i].s
                && matches!(self.w(i - 1), "<" | "</" | "/"))
    }

    /// Base or -s forms of verbs that are also nouns ("home state", "Treasury notes") count
    /// as cues only after a pronoun, an auxiliary or a capitalised/plural subject.
    fn nounish_blocked(&self, i: usize, lw: &str) -> bool {
        static NOUNISH: WordSet = WordSet::new(&[
            "state",
            "states",
            "report",
            "reports",
            "note",
            "notes",
            "claim",
            "claims",
            "comment",
            "comments",
            "answer",
            "answers",
            "estimate",
            "estimates",
            "forecast",
            "forecasts",
            "promise",
            "promises",
            "pledge",
            "pledges",
            "post",
            "posts",
            "tweet",
            "tweets",
            "charge",
            "charges",
            "counter",
            "counters",
            "protest",
            "protests",
            "demand",
            "demands",
            "object",
            "objects",
            "offer",
            "offers",
            "quote",
            "quotes",
            "cry",
            "cries",
            "joke",
            "jokes",
            "laugh",
            "laughs",
            "echo",
            "echoes",
            "reply",
            "replies",
            "remark",
            "remarks",
            "vow",
            "vows",
            "boast",
            "boasts",
            "add",
            "adds",
            "warn",
            "warns",
            "call",
            "calls",
            "point",
            "points",
            "hint",
            "hints",
            "reason",
            "reasons",
            "plea",
            "mention",
            "mentions",
            "confirm",
            "question",
            "questions",
            "repeat",
            "repeats",
            "lecture",
            "praise",
            "blast",
            "slam",
            "rave",
            "fume",
            "crow",
            "fire",
            "hit",
            "shot",
            "shoot",
            "begin",
        ]);
        if !NOUNISH.contains(lw) || i == 0 {
            return false;
        }
        let pw = self.w(i - 1);
        let plw = self.lw(i - 1);
        if self.toks[i - 1].kind != Kind::Word {
            return false;
        }
        // "the jobs report", "a campaign pledge": a determiner, a lower-case modifier, then
        // the word is a noun compound, even after a plural modifier.
        // A present-tense verb that ends the attribution of a quotation just before is no
        // noun: "“…,” a voice-over in the ad states."
        let closes = lw.ends_with('s')
            && !plw.ends_with('s')
            && self
                .toks
                .get(i + 1)
                .is_some_and(|t| t.kind == Kind::Punct && matches!(self.w(i + 1), "." | ","))
            && (i.saturating_sub(8)..i)
                .rev()
                .take_while(|&k| !matches!(self.w(k), "." | "?" | "!" | ";"))
                .any(|k| self.toks[k].kind == Kind::Mark);
        if i >= 2
            && !is_cap(pw)
            && matches!(
                self.lw(i - 2),
                "the" | "a" | "an" | "this" | "that" | "his" | "her" | "its" | "their"
            )
        {
            return !closes;
        }
        let ok = matches!(
            plw,
            "i" | "we"
                | "they"
                | "you"
                | "he"
                | "she"
                | "it"
                | "to"
                | "did"
                | "do"
                | "does"
                | "not"
                | "n't"
                | "also"
                | "who"
                | "and"
                | "often"
                | "later"
                | "then"
                | "repeatedly"
        ) || is_modal(plw)
            || (is_cap(pw)
                && self.toks[i - 1].kind == Kind::Word
                && !matches!(
                    plw,
                    "but" | "and" | "the" | "so" | "or" | "yet" | "if" | "when" | "as"
                ))
            || (plw.ends_with('s')
                && !plw.ends_with("ss")
                && !plw.ends_with("us")
                && !plw.ends_with("is")
                && !lw.ends_with('s'))
            || plw.ends_with("ly");
        !ok
    }

    /// A cue at token `i` (outside quotations); returns the exclusive end of the cue phrase.
    pub fn cue_at(&self, i: usize, hi: usize) -> Option<usize> {
        self.cue_inner(i, hi, false)
    }

    /// Like [`Ctx::cue_at`], also accepting belief verbs ("believes", "fears").
    pub fn cue_any(&self, i: usize, hi: usize) -> Option<usize> {
        self.cue_inner(i, hi, true)
    }

    fn cue_inner(&self, i: usize, hi: usize, belief: bool) -> Option<usize> {
        // Only lexicon words and a few phrase heads can start a cue: one bit test rejects
        // nearly every token (the checks below repeat it in full).
        if !self.has(i, words::CUE_START) {
            return None;
        }
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word || self.quoted(i) || i >= hi {
            return None;
        }
        let lw = self.lw(i);
        if self.never_a_cue(i) {
            return None;
        }
        // Only lexicon words and the phrase heads of `words::CUE_PHRASE_HEADS` can start a cue.
        if self.cue_of.get(i).copied().flatten().is_none() && !words::CUE_PHRASE_HEADS.contains(&lw)
        {
            return None;
        }
        // A noun after a determiner ("the report", "his statement") is not a cue.
        if i > 0 && self.toks[i - 1].kind == Kind::Word {
            let pw = self.w(i - 1);
            let plw = self.lw(i - 1);
            if matches!(
                plw,
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "our"
                    | "my"
                    | "your"
                    | "no"
                    | "any"
                    | "every"
                    | "each"
                    | "whose"
            ) || speakers::is_possessive(pw)
            {
                return None;
            }
            // "declined to comment": a refusal to comment reports nothing. (A refusal to say,
            // concede or admit something still reports it: "declined to say whether …".)
            if plw == "to"
                && lw == "comment"
                && i > 1
                && matches!(
                    self.lw(i - 2),
                    "declined" | "declines" | "declining" | "refused" | "refuses" | "refusing"
                )
            {
                return None;
            }
            // After an adjective ("the official statement", "his first remarks") only a word
            // that cannot be a verb is a noun: "the official said", "Trump first said" are cues.
            let verb_form = matches!(lw, "said" | "says" | "told" | "tells" | "wrote" | "writes")
                || lw.ends_with("ed");
            if !verb_form
                && matches!(
                    plw,
                    "first" | "second" | "new" | "latest" | "recent" | "public" | "official"
                )
            {
                return None;
            }
            // "a Trump-style retort", "his much-quoted remark": a hyphenated modifier after a
            // determiner.
            if !verb_form
                && pw.contains('-')
                && i > 1
                && matches!(
                    self.lw(i - 2),
                    "a" | "an" | "the" | "his" | "her" | "their" | "its"
                )
            {
                return None;
            }
        }
        if lw == "according" && i + 1 < hi && self.lw(i + 1) == "to" {
            return Some(i + 2);
        }
        if lw == "quoted" && i + 2 < hi && self.lw(i + 1) == "as" {
            return Some(i + 3);
        }
        if matches!(lw, "went" | "goes" | "go" | "going") && i + 1 < hi && self.lw(i + 1) == "on" {
            return Some(i + 2);
        }
        // "As Tom Ridge, a former secretary of homeland security, put it: …", "as he puts it":
        // "put it" reports speech only in a clause opened by "as".
        if matches!(lw, "put" | "puts") {
            return (i + 1 < hi && self.lw(i + 1) == "it" && self.as_clause_before(i))
                .then_some(i + 2);
        }
        if self.cue_of.get(i).copied().flatten().is_some()
            && i + 1 < hi
            && matches!(self.lw(i + 1), "back" | "out")
            && !is_cap(self.w(i))
        {
            return Some(i + 2);
        }
        // Everything below needs a lexicon entry.
        let cue = self.cue_of.get(i).copied().flatten();
        cue?;
        if self.nounish_blocked(i, lw) {
            return None;
        }
        let is_cue = cue
            .map(|c| !c.weak && c.class != CueClass::Belief)
            .unwrap_or(false)
            || (belief && cue.map(|c| c.class == CueClass::Belief).unwrap_or(false));
        // Capitalised only as a sentence-opening participle ("Adding, …"), an inverted
        // attribution opening a sentence ("Said Comey, \"…\""), a sentence-opening "Asked" or
        // a headline's "Says".
        let opens =
            i == 0 || self.toks[i - 1].para != t.para || matches!(self.w(i - 1), "." | "!" | "?");
        // A participle opens a sentence also after a quotation that ended one ("… “wasn’t
        // good.” Adding, …"); in a name or title it is no cue ("the Death in Custody
        // Reporting Act").
        let participle = lw.ends_with("ing")
            && (opens
                || i > 1
                    && self.toks[i - 1].kind == Kind::Mark
                    && matches!(self.w(i - 2), "." | "!" | "?"));
        let inverted = is_plain_say(lw)
            && opens
            && i + 1 < hi
            && self.toks.get(i + 1).map(|t| t.kind) == Some(Kind::Word)
            && is_cap(self.w(i + 1));
        // "Asked on Monday whether …, she shook her head": a question put to the subject.
        let asked = lw == "asked" && opens;
        // A headline: "Rubio Says Abandoning Immigration Reform Was A Sign Of Leadership".
        let headline = matches!(lw, "says" | "said")
            && i > 0
            && self.toks[i - 1].kind == Kind::Word
            && is_cap(self.w(i - 1))
            && !self.is_punct(i + 1, ",")
            && speakers::title_case_paragraph(self, i);
        if is_cue && (!is_cap(self.w(i)) || participle || inverted || asked || headline) {
            let mut e = i + 1;
            if e < hi && matches!(self.lw(e), "out" | "back") && lw != "said" {
                e += 1;
            }
            return Some(e);
        }
        None
    }

    /// Whether an "as" opens the clause of the verb at `i` ("As Professor Foner put it",
    /// "…, as she put it on Wednesday"), within 16 tokens and no sentence end between.
    fn as_clause_before(&self, i: usize) -> bool {
        let lo = i.saturating_sub(16);
        for k in (lo..i).rev() {
            if self.toks[k].kind == Kind::Mark || matches!(self.w(k), "." | ";" | "?" | "!") {
                return false;
            }
            if self.lw(k) == "as" {
                return k == 0
                    || self.toks[k - 1].kind != Kind::Word
                    || self.toks[k - 1].para != self.toks[k].para;
            }
        }
        false
    }

    /// Skips a parenthetical "(R-Tex.)" or apposition ", a doctor at X," starting at `i`.
    pub fn skip_appos_fwd(&self, i: usize, hi: usize) -> usize {
        let mut i = i;
        if self.is_punct(i, "(") {
            let mut j = i + 1;
            while j < hi && j < i + 12 && !self.is_punct(j, ")") {
                j += 1;
            }
            if j < hi && self.is_punct(j, ")") {
                i = j + 1;
            }
        }
        if self.is_punct(i, ",") && i + 1 < hi {
            let first = self.w(i + 1);
            let flw = self.lw(i + 1);
            let appos_start = !is_cap(first)
                || matches!(flw, "a" | "an" | "the" | "who" | "whose" | "which")
                || is_cap(first);
            if appos_start && self.cue_at(i + 1, hi).is_none() {
                let mut j = i + 1;
                while j < hi && j < i + 25 {
                    if self.toks[j].kind == Kind::Mark
                        || self.is_punct(j, ".")
                        || self.is_punct(j, ";")
                    {
                        return i;
                    }
                    if self.is_punct(j, ",") {
                        let mut k = j + 1;
                        while k < hi && is_aux(self.lw(k)) {
                            k += 1;
                        }
                        if self.cue_at(k, hi).is_some() {
                            return j + 1;
                        }
                        return i;
                    }
                    j += 1;
                }
            }
        }
        i
    }

    /// Where a parenthetical ending just before token `end` ("(R-Ohio)") opens, or `end` when
    /// there is none within a dozen tokens.
    fn skip_parenthetical_back(&self, end: usize, lo: usize) -> usize {
        if end > lo && self.is_punct(end - 1, ")") {
            let mut j = end - 1;
            while j > lo && j + 12 > end && !self.is_punct(j, "(") {
                j -= 1;
            }
            if self.is_punct(j, "(") {
                return j;
            }
        }
        end
    }

    /// The subject of the cue at `c`: `NP [, apposition,] [aux] CUE`.
    pub fn subject_before(&self, c: usize, lo: usize, loose: bool) -> Option<Np> {
        let mut k = c;
        while k > lo && is_aux(self.lw(k - 1)) && !is_cap(self.w(k - 1)) {
            k -= 1;
        }
        k = self.skip_parenthetical_back(k, lo);
        if k > lo && self.is_punct(k - 1, ",") {
            // Apposition(s): walk back over up to three commas to the name they describe
            // ("Giovanni Maria Vian, the editor of the Vatican's newspaper, L'Osservatore
            // Romano, said"); the first appositive name is a fallback.
            let mut end = k - 1;
            let mut fallback = None;
            let mut first_name: Option<Np> = None;
            let mut first_person: Option<Np> = None;
            for _ in 0..5 {
                let mut j = end;
                let mut found = None;
                while j > lo && j + 30 > end {
                    j -= 1;
                    if self.toks[j].kind == Kind::Mark || self.is_punct(j, ".") || self.quoted(j) {
                        break;
                    }
                    if self.is_punct(j, ",") {
                        found = Some(j);
                        break;
                    }
                }
                let Some(mut j) = found else { break };
                if fallback.is_none() {
                    // "Carson's business manager, Armstrong Williams, stated".
                    if let Some(np) = np_after(self, j + 1, end) {
                        // "…, Gov. John Kasich (R-OH), said": a party label may close it.
                        if np.kind == NpKind::Name
                            && (np.e == end || np.e == self.skip_parenthetical_back(end, j + 1))
                        {
                            fallback = Some(np);
                        }
                    }
                }
                let comma = j;
                // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said".
                j = self.skip_parenthetical_back(j, lo);
                if let Some(np) = np_before(self, j, lo, loose) {
                    // "an intelligence source, who was not authorized to speak, told": a
                    // described person and a relative clause about them.
                    let described = matches!(np.kind, NpKind::Nominal { .. })
                        && self.lw(comma + 1) == "who"
                        && np.e == comma;
                    if matches!(np.kind, NpKind::Pronoun(_))
                        || (np.kind == NpKind::Name && self.person_like(np))
                        || described
                    {
                        return Some(np);
                    }
                    if np.kind == NpKind::Name && first_name.is_none() {
                        first_name = Some(np);
                    }
                    // "Alixandria Lapp, executive director of the House Majority PAC, a
                    // Democratic super PAC, said": a person's name beyond an organisation's.
                    if np.kind == NpKind::Name && first_person.is_none() && self.person_kind(np) {
                        first_person = Some(np);
                    }
                }
                end = comma;
            }
            // "Gov. John Kasich (R-OH), said": only a parenthetical between name and comma.
            if fallback.is_none() && first_name.is_none() && k > lo + 1 {
                let p = self.skip_parenthetical_back(k - 1, lo);
                if p < k - 1 {
                    if let Some(np) =
                        np_before(self, p, lo, false).filter(|np| np.kind == NpKind::Name)
                    {
                        return Some(np);
                    }
                }
            }
            let org_first = first_name.is_some_and(|np| !self.person_kind(np));
            return fallback
                .filter(|np| self.person_like(*np))
                .or(if org_first { first_person } else { None })
                .or(first_name)
                .or(fallback);
        }
        // "Jeb Bush in a Medium post said": a prepositional phrase between name and cue.
        if let Some(np) = np_before(self, k, lo, loose) {
            if let NpKind::Nominal { .. } = np.kind {
                if np.s > lo + 1
                    && matches!(
                        self.lw(np.s - 1),
                        "in" | "on" | "at" | "during" | "via" | "through"
                    )
                {
                    if let Some(n2) = np_before(self, np.s - 1, lo, false) {
                        if n2.kind == NpKind::Name {
                            return Some(n2);
                        }
                    }
                }
            }
            // "Stacy Baker of Columbia, South Carolina says": a person from a place, the
            // place's state closing it (the name run takes "of" in: "Baker of Columbia").
            if np.kind == NpKind::Name && np.s > lo + 3 && self.is_punct(np.s - 1, ",") {
                let person = np_before(self, np.s - 1, lo, false)
                    .filter(|p| p.kind == NpKind::Name)
                    .and_then(|p| {
                        let of = (p.s + 1..p.e).find(|&k| matches!(self.lw(k), "of" | "from"))?;
                        Some(Np {
                            kind: NpKind::Name,
                            s: p.s,
                            e: of,
                        })
                    })
                    .filter(|p| self.person_like(*p));
                if let Some(person) = person {
                    return Some(person);
                }
            }
            // "a spokesman for the Pentagon said", "an aide to Jeb Bush said": the name
            // belongs to the description, whose head is the speaker.
            if let Some(desc) = self.description_head(np, lo) {
                return Some(desc);
            }
            // "Sam Lau, the communications director for the Iowa Democratic Party said": an
            // apposition whose closing comma is missing; the person opens the clause.
            if np.kind == NpKind::Name {
                let comma = (lo..np.s).rev().take(14).find(|&j| self.is_punct(j, ","));
                let person = comma
                    .and_then(|j| np_after(self, lo, j).filter(|p| p.e == j))
                    .filter(|p| p.kind == NpKind::Name && self.person_like(*p));
                if let Some(p) = person.filter(|_| !self.person_kind(np)) {
                    return Some(p);
                }
            }
            return Some(np);
        }
        None
    }

    /// A participle right after a written document ("issued a statement saying", "sent an
    /// email arguing"): like one after a comma, its subject is the clause's.
    pub fn document_participle(&self, c: usize, lo: usize) -> bool {
        c > lo
            && self.lw(c).ends_with("ing")
            && matches!(
                self.lw(c - 1),
                "statement"
                    | "letter"
                    | "memo"
                    | "email"
                    | "e-mail"
                    | "tweet"
                    | "post"
                    | "message"
                    | "release"
                    | "note"
                    | "op-ed"
                    | "video"
                    | "ad"
            )
    }

    /// The description a name phrase completes: "a spokesman for [the] Pentagon", "an aide to
    /// Jeb Bush", "a source close to the Clintons". Returns the description's own phrase
    /// (`NP` up to its head); [`super::description`] takes the name back in when it speaks.
    fn description_head(&self, np: Np, lo: usize) -> Option<Np> {
        if np.kind != NpKind::Name {
            return None;
        }
        let mut p = np.s;
        // "for committee Democrats": one lower-case modifier before the name.
        if p > lo
            && self.toks[p - 1].kind == Kind::Word
            && !is_cap(self.w(p - 1))
            && !self.has(p - 1, words::FUNCTION | words::STOP | words::TITLE)
        {
            p -= 1;
        }
        if p > lo && matches!(self.lw(p - 1), "the" | "both") {
            p -= 1;
        }
        if p <= lo + 1 || !matches!(self.lw(p - 1), "for" | "to" | "of" | "at" | "with") {
            return None;
        }
        let mut h = p - 1;
        // "a person close to", "a source familiar with".
        if h > lo + 1 && matches!(self.lw(h - 1), "close" | "closest" | "familiar") {
            h -= 1;
        }
        let head = np_before(self, h, lo, false)?;
        match head.kind {
            NpKind::Nominal { head: k } if k + 1 == h && !is_cap(self.w(k)) => Some(head),
            _ => None,
        }
    }

    /// Whether a name phrase reads as a person's, not an organisation's ("House Majority PAC").
    fn person_kind(&self, np: Np) -> bool {
        let s = (np.s..np.e).find(|&k| is_cap(self.w(k))).unwrap_or(np.s);
        speakers::analyze_run(self, s, np.e, false)
            .is_some_and(|r| r.kind == crate::extract::SpeakerKind::Person)
    }

    /// A person, then the body they belong to, filling `[i, k)`: "David Albright of the
    /// Institute for Science and International Security", "Mr. Burman of the Tax Policy
    /// Center". The person speaks, not the body.
    fn member_of(&self, i: usize, k: usize) -> Option<Np> {
        let np = np_after(self, i, k).filter(|np| np.kind == NpKind::Name && np.e + 2 < k)?;
        if !matches!(self.lw(np.e), "of" | "at" | "from") || k > np.e + 12 {
            return None;
        }
        let body = (np.e + 1..k).all(|x| {
            self.toks[x].kind == Kind::Word
                && (self.cap(x) || matches!(self.lw(x), "the" | "for" | "and" | "of" | "on"))
        });
        (body && self.cap(k - 1) && self.person_like(np) && !self.has(np.e - 1, words::TITLE))
            .then_some(np)
    }

    /// Whether a name phrase looks like a person (a known first name or a person title).
    fn person_like(&self, np: Np) -> bool {
        (np.s..np.e).any(|i| {
            let w = self.w(i);
            is_cap(w)
                && ((i + 1 < np.e
                    && is_cap(self.w(i + 1))
                    && names::lookup(w)
                        .map(|f| !f.word && f.count >= 1000)
                        .unwrap_or(false))
                    || matches!(
                        self.lw(i),
                        "mr" | "mrs"
                            | "ms"
                            | "dr"
                            | "sen"
                            | "rep"
                            | "gov"
                            | "president"
                            | "senator"
                    ))
        })
    }

    /// Attribution after a quotation whose last token is `last`, within `[.., hi)`.
    pub fn after(&self, last: usize, hi: usize) -> Option<Attr> {
        let mut i = last + 1;
        if i >= hi {
            return None;
        }
        while i < hi && matches!(self.w(i), "'" | "’") {
            i += 1;
        }
        if self.is_punct(i, ",") {
            i += 1;
        }
        if self.is_dash(i) {
            let np = np_after(self, i + 1, hi)?;
            if np.kind == NpKind::Name {
                return Some(Attr {
                    np,
                    cue_s: i,
                    cue_e: i + 1,
                    end: np.e,
                });
            }
            return None;
        }
        // Reversed: "said Smith".
        let mut j = i;
        while j < hi && is_aux(self.lw(j)) && !is_cap(self.w(j)) {
            j += 1;
        }
        // A participle after the quotation takes an object, not its subject ("…,” promising
        // the Friends of Abe will return").
        let participle = self.lw(j).ends_with("ing") && self.lw(j) != "according";
        // "…, told Reuters in an interview": the one told is no speaker; "tell" never comes
        // before its subject.
        let told = matches!(self.lw(j), "told" | "tells" | "tell");
        // After unquoted words "called" with a name or "the" names something ("…, built near a
        // stream called Miracle Run", "…, called the Clinton Global Initiative"); after a
        // quotation it may still be a shout ("“Wait!” called Smith").
        let quoted = self.toks.get(last).is_some_and(|t| t.kind == Kind::Mark);
        let names_it = |k: usize, ce: usize| {
            !quoted
                && self.is_call(k)
                && ce < hi
                && self.toks[ce].kind == Kind::Word
                && (self.cap(ce) || matches!(self.lw(ce), "the" | "a" | "an"))
        };
        if let Some(ce) = self
            .cue_at(j, hi)
            .filter(|&ce| !participle && !told && !names_it(j, ce))
        {
            // "said retired neurosurgeon Ben Carson", "said one of two witnesses".
            let np = np_after(self, ce, hi).or_else(|| {
                // The words before the name describe it ("said master of ceremonies Asab
                // Al-Tabchi"). A preposition right after the cue, or anywhere after a verb
                // that takes an object, makes the name an object ("…, said on CNN", "…,
                // recalled numerous calls with Trump"); "by" right after a passive cue
                // names the agent ("“…” was written by Smith").
                let says = is_plain_say(self.lw(j));
                let k = (ce..hi.min(ce + 5))
                    .take_while(|&k| self.toks[k].kind == Kind::Word)
                    .take_while(|&k| {
                        let lw = self.lw(k);
                        is_cap(self.w(k))
                            || !PREPOSITION.contains(lw)
                            || (k == ce && lw == "by")
                            || (k > ce && says)
                    })
                    .find(|&k| is_cap(self.w(k)))?;
                np_after(self, k, hi).filter(|np| np.kind == NpKind::Name)
            });
            let appositive = np
                .filter(|n| {
                    n.kind == NpKind::Name && n.e > n.s && speakers::is_possessive(self.w(n.e - 1))
                })
                .and_then(|n| self.name_in_apposition(n.e, hi));
            // "said conservative activist Bob Klaus": a lower-case descriptor before a name.
            let np = match np {
                Some(n) if matches!(n.kind, NpKind::Nominal { .. }) => Some(
                    self.name_after_descriptor(ce, hi)
                        .or_else(|| self.name_in_apposition(n.e, hi))
                        .unwrap_or(n),
                ),
                // "said Rubio's deputy campaign manager, Rich Beeson".
                Some(_) if appositive.is_some() => appositive,
                // "said former Pennsylvania Gov. and Democratic National Committee Chairman Ed
                // Rendell": two titles joined by "and", then the name.
                Some(n)
                    if n.kind == NpKind::Name
                        && n.e < hi
                        && self.has(n.e - 1, words::TITLE)
                        && self.lw(n.e) == "and" =>
                {
                    Some(
                        np_after(self, n.e + 1, hi)
                            .filter(|m| m.kind == NpKind::Name && !self.has(m.e - 1, words::TITLE))
                            .unwrap_or(n),
                    )
                }
                // "said Clinton ally James Carville", "said Oversight ranking Democrat Elijah
                // Cummings": a capitalised modifier, a lower-case role, then the full name.
                Some(n)
                    if n.kind == NpKind::Name
                        && n.e < hi
                        && self.toks.get(n.e).map(|t| t.kind) == Some(Kind::Word)
                        && !is_cap(self.w(n.e)) =>
                {
                    Some(
                        self.name_after_descriptor(n.e, hi)
                            .filter(|m| m.e >= m.s + 2)
                            .unwrap_or(if self.has(n.e, words::NOMINAL) {
                                // "said a State Department official", "said a Trump campaign
                                // aide": the name modifies a nominal head (the last of a run).
                                let mut e = n.e + 1;
                                while e < hi && e < n.e + 3 && self.has(e, words::NOMINAL) {
                                    e += 1;
                                }
                                Np {
                                    kind: NpKind::Nominal { head: e - 1 },
                                    s: n.s,
                                    e,
                                }
                            } else {
                                n
                            }),
                    )
                }
                // "said Florida's Rick Wilson": the possessor is not the speaker.
                Some(n)
                    if n.kind == NpKind::Name
                        && n.e > n.s
                        && n.e < hi
                        && speakers::is_possessive(self.w(n.e - 1))
                        && self.toks.get(n.e).map(|t| t.kind) == Some(Kind::Word)
                        && is_cap(self.w(n.e)) =>
                {
                    Some(
                        np_after(self, n.e, hi)
                            .filter(|m| m.kind == NpKind::Name && m.e >= m.s + 2)
                            .unwrap_or(n),
                    )
                }
                other => other,
            };
            let np = match np {
                Some(np) => np,
                None if ce < hi && self.toks[ce].kind == Kind::Word && j == i => Np {
                    kind: NpKind::Unknown,
                    s: ce,
                    e: ce + 1,
                },
                None => return None,
            };
            if np.kind == NpKind::Pronoun(None) && self.lw(np.s) != "they" {
                return None;
            }
            return Some(Attr {
                np,
                cue_s: j,
                cue_e: ce,
                end: np.e,
            });
        }
        if let Some(at) = self.weak_after(last, i, hi) {
            return Some(at);
        }
        // Normal: the first cue within reach, whose subject starts right here
        // ("Smith said", "Hugh Hill, a doctor at X, said", "super PAC spokeswoman X said").
        let lim = hi.min(i + 28);
        let mut k = i;
        while k < lim {
            if self.is_punct(k, "(") {
                // "(R-Fla.)": skip the parenthetical.
                let mut j = k + 1;
                while j < lim && j < k + 12 && !self.is_punct(j, ")") {
                    j += 1;
                }
                if self.is_punct(j, ")") {
                    k = j + 1;
                    continue;
                }
            }
            // An abbreviation's period before a comma ("Mitch McConnell, R-Ky., said") does
            // not end the attribution.
            let abbrev_dot = self.w(k) == "." && self.is_punct(k + 1, ",");
            if self.toks[k].kind == Kind::Mark
                || matches!(self.w(k), "." | ";" | "?" | "!")
                    && self.toks[k].kind == Kind::Punct
                    && !abbrev_dot
            {
                return None;
            }
            if let Some(ce) = self.cue_at(k, hi) {
                if k == i || names_it(k, ce) {
                    return None;
                }
                if let Some(np) = self.subject_before(k, i, true) {
                    // "Smith said" / "campaign manager Jeff Weaver said" / apposition before
                    // the name: "Sanders's campaign manager, Jeff Weaver, said".
                    let appos_first = np.kind == NpKind::Name
                        && np.s > i + 1
                        && np.s <= i + 10
                        && self.is_punct(np.s - 1, ",")
                        && (i..np.s - 1).all(|x| self.toks[x].kind == Kind::Word);
                    if np.s >= i
                        && np.s <= i + 6
                        && (i..np.s).all(|x| self.toks[x].kind == Kind::Word)
                        || appos_first
                    {
                        return Some(Attr {
                            np,
                            cue_s: k,
                            cue_e: ce,
                            end: ce,
                        });
                    }
                }
                // "South Carolina, he said, was …": a parenthetical attribution of the next
                // clause, not of the quotation before it.
                if k >= i + 3
                    && self.is_punct(k - 2, ",")
                    && matches!(self.lw(k - 1), "he" | "she" | "they" | "we" | "i")
                    && np_after(self, i, k - 2).is_some_and(|np| np.e == k - 2)
                {
                    return None;
                }
                // "Nate Silver, the polling guru who founded X, tweeted".
                if let Some(np) = np_after(self, i, k) {
                    let lead =
                        np.kind == NpKind::Name || matches!(np.kind, NpKind::Pronoun(Some(_)));
                    if lead
                        && (self.is_punct(np.e, ",") || self.is_punct(np.e, "(") || k <= np.e + 6)
                    {
                        return Some(Attr {
                            np,
                            cue_s: k,
                            cue_e: ce,
                            end: ce,
                        });
                    }
                }
                // "Jeffrey Lewis of the James Martin Center for Nonproliferation Studies
                // wrote": too long a subject for the rules above.
                if let Some(np) = self.member_of(i, k) {
                    return Some(Attr {
                        np,
                        cue_s: k,
                        cue_e: ce,
                        end: ce,
                    });
                }
                if k <= i + 6 && (i..k).all(|x| self.toks[x].kind == Kind::Word) {
                    let np = Np {
                        kind: NpKind::Unknown,
                        s: i,
                        e: k,
                    };
                    return Some(Attr {
                        np,
                        cue_s: k,
                        cue_e: ce,
                        end: ce,
                    });
                }
                return None;
            }
            k += 1;
        }
        None
    }

    /// A weak cue ("charged", "posted", "reacted"; too ambiguous anywhere else) attributes a
    /// quotation that ends on a comma, question or exclamation mark when it directly follows
    /// it with a name or he/she and ends the clause: `“…,” Kelly charged in her assault.`,
    /// `“…!” posted Sharon Geyer.`
    fn weak_after(&self, last: usize, i: usize, hi: usize) -> Option<Attr> {
        if last == 0 || !matches!(self.w(last - 1), "," | "?" | "!") || i >= hi {
            return None;
        }
        let weak = |k: usize| {
            k < hi
                && self.toks[k].kind == Kind::Word
                && !is_cap(self.w(k))
                && !self.lw(k).ends_with("ing")
                && self
                    .cue_of
                    .get(k)
                    .copied()
                    .flatten()
                    .is_some_and(|c| c.weak)
        };
        let closes = |k: usize| {
            k >= hi
                || matches!(self.w(k), "." | "," | ";")
                || matches!(
                    self.lw(k),
                    "on" | "in" | "at" | "via" | "during" | "after" | "before" | "from" | "with"
                )
        };
        // Reversed: "posted Sharon Powers Geyer.", "exhorted Clinton's introducer, actress
        // Jamie Lee Curtis."
        if weak(i) {
            let np = np_after(self, i + 1, hi).filter(|np| np.kind == NpKind::Name)?;
            let np = if speakers::is_possessive(self.w(np.e - 1)) {
                self.name_in_apposition(np.e, hi)?
            } else {
                np
            };
            return closes(np.e).then_some(Attr {
                np,
                cue_s: i,
                cue_e: i + 1,
                end: np.e,
            });
        }
        // "Kelly charged", "he crowed", and after a determiner "the Republican nominee
        // riffed", "an angry Hollande retaliated".
        let described = || {
            if !matches!(self.lw(i), "the" | "a" | "an") {
                return None;
            }
            let k = (i + 2..hi.min(i + 7))
                .take_while(|&k| self.toks[k - 1].kind == Kind::Word)
                .find(|&k| weak(k))?;
            Some(if is_cap(self.w(k - 1)) {
                Np {
                    kind: NpKind::Name,
                    s: speakers::run_back(self, k - 1, i + 1),
                    e: k,
                }
            } else {
                Np {
                    kind: NpKind::Nominal { head: k - 1 },
                    s: i,
                    e: k,
                }
            })
        };
        let cue_after = |np: Np| {
            let mut k = np.e;
            if k < hi && self.lw(k).len() > 4 && self.lw(k).ends_with("ly") {
                k += 1;
            }
            (weak(k) && closes(k + 1)).then_some(Attr {
                np,
                cue_s: k,
                cue_e: k + 1,
                end: k + 1,
            })
        };
        np_after(self, i, hi)
            .filter(|np| matches!(np.kind, NpKind::Name | NpKind::Pronoun(Some(_))))
            .and_then(cue_after)
            .or_else(|| described().and_then(cue_after))
    }

    /// The full name in apposition after a role ending before `e` ("Rubio's deputy campaign
    /// manager, Rich Beeson", "Clinton's introducer, actress Jamie Lee Curtis"): up to four
    /// lower-case words, a comma, then a name with a known first name.
    fn name_in_apposition(&self, e: usize, hi: usize) -> Option<Np> {
        let mut k = e;
        while k < hi && k < e + 4 && self.toks[k].kind == Kind::Word && !is_cap(self.w(k)) {
            k += 1;
        }
        if !self.is_punct(k, ",") {
            return None;
        }
        // "…, actress Jamie Lee Curtis": a lower-case descriptor may come first.
        let np = np_after(self, k + 1, hi)
            .filter(|np| np.kind == NpKind::Name)
            .or_else(|| self.name_after_descriptor(k + 1, hi))?;
        let first = (np.s..np.e).find(|&f| is_cap(self.w(f)))?;
        (np.kind == NpKind::Name
            && np.e >= first + 2
            && super::names::lookup(self.w(first)).is_some())
        .then_some(Np {
            kind: NpKind::Name,
            s: first,
            e: np.e,
        })
    }

    /// A name right after a short lower-case descriptor starting at `s` ("conservative
    /// activist Bob Klaus"); never across a preposition, conjunction or relative pronoun
    /// ("a spokesman for Bob Klaus" is not Bob Klaus).
    fn name_after_descriptor(&self, s: usize, hi: usize) -> Option<Np> {
        let hi = hi.min(self.toks.len());
        let mut k = s;
        while k < hi && k < s + 5 && self.toks[k].kind == Kind::Word && !is_cap(self.w(k)) {
            if matches!(
                self.lw(k),
                "for"
                    | "of"
                    | "to"
                    | "at"
                    | "with"
                    | "from"
                    | "in"
                    | "on"
                    | "by"
                    | "and"
                    | "or"
                    | "who"
                    | "which"
                    | "that"
                    | "whose"
                    | "about"
                    | "as"
            ) {
                return None;
            }
            k += 1;
        }
        if k == s || k >= hi || self.toks[k].kind != Kind::Word || !is_cap(self.w(k)) {
            return None;
        }
        np_after(self, k, hi).filter(|np| np.kind == NpKind::Name)
    }

    /// Attribution before a quotation opening at token `open`, within `[lo, ..)`.
    pub fn before(&self, lo: usize, open: usize) -> Option<Attr> {
        if open <= lo {
            return None;
        }
        let mut j = open;
        let colon = self.is_punct(j - 1, ":");
        if colon || self.is_punct(j - 1, ",") {
            j -= 1;
        }
        if j <= lo {
            return None;
        }
        if self.lw(j - 1) == "that" {
            return None;
        }
        // The nearest cue within a few tokens, separated only by adverbials.
        let comma = !colon && j < open;
        let from = lo.max(j.saturating_sub(if colon || comma { 13 } else { 9 }));
        let mut c = j;
        while c > from {
            c -= 1;
            if self.toks[c].kind == Kind::Mark || self.is_punct(c, ".") {
                break;
            }
            if let Some(ce) = self.cue_at(c, j + 1) {
                let between_ok = (ce..j).all(|k| {
                    let t = &self.toks[k];
                    t.kind != Kind::Mark && !self.is_punct(k, ".")
                });
                let near = ce + 6 >= j || colon || (comma && ce + 11 >= j);
                // The quotation must follow the cue, a comma/colon, or an addressee/time word
                // (not "said on ABC's \"This Week\"").
                let calls = matches!(self.lex.get(self.lw(c)).map(|x| x.lemma), Some("call"))
                    || matches!(
                        self.lw(c),
                        "dubbed" | "dubbing" | "labeled" | "labelled" | "branded"
                    );
                let lead_ok = colon || j < open || ce == open || (calls && ce + 4 >= open) || {
                    let pw = self.w(open - 1);
                    let plw = self.lw(open - 1);
                    matches!(
                        plw,
                        "reporters"
                            | "audience"
                            | "crowd"
                            | "supporters"
                            | "today"
                            | "yesterday"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                            | "statement"
                            | "interview"
                            | "once"
                            | "simply"
                            | "bluntly"
                            | "flatly"
                    ) || (is_cap(pw) && !speakers::is_possessive(pw))
                };
                if !between_ok || !near || !lead_ok {
                    continue;
                }
                // "…, Nefzi said, adding, \"…\"": the participle continues the nearest cue.
                if self.lw(c).ends_with("ing") && c > lo && self.is_punct(c - 1, ",") {
                    let earlier = (lo..c.saturating_sub(1)).rev().take(12).find_map(|k| {
                        self.cue_at(k, c)?;
                        self.subject_before(k, lo, false).filter(|np| {
                            // "posted a Twitter comment of her own, saying": a noun, not a cue.
                            let modifier = np.kind == NpKind::Name
                                && np.e == k
                                && np.s > lo
                                && matches!(self.lw(np.s - 1), "a" | "an");
                            !modifier
                                && (np.kind == NpKind::Name
                                    || matches!(np.kind, NpKind::Pronoun(Some(_))))
                        })
                    });
                    if let Some(np) = earlier {
                        return Some(Attr {
                            np,
                            cue_s: c,
                            cue_e: ce,
                            end: ce,
                        });
                    }
                }
                if self.lw(c) == "according" {
                    let np = np_after(self, ce, j)?;
                    return Some(Attr {
                        np,
                        cue_s: c,
                        cue_e: ce,
                        end: np.e,
                    });
                }
                // A participle after a comma ("In Columbia, Sanders stepped up …, saying")
                // has no subject of its own before it, only its clause's (below).
                let comma_participle =
                    c > lo && self.is_punct(c - 1, ",") && self.lw(c).ends_with("ing")
                        || self.document_participle(c, lo);
                if let Some(np) = self
                    .subject_before(c, lo, true)
                    .filter(|_| !comma_participle)
                {
                    return Some(Attr {
                        np,
                        cue_s: c,
                        cue_e: ce,
                        end: ce,
                    });
                }
                // "…, telling Reuters, \"…\"": after such a participle the name is the
                // addressee.
                if let Some(np) = np_after(self, ce, j).filter(|_| !comma_participle) {
                    if np.kind == NpKind::Name {
                        return Some(Attr {
                            np,
                            cue_s: c,
                            cue_e: ce,
                            end: np.e,
                        });
                    }
                }
                // "Sanders compared himself to Clinton, saying, \"…\"": the clause's subject.
                if comma_participle {
                    if let Some(np) = self
                        .sentence_subject(lo, c)
                        .or_else(|| np_after(self, lo, c))
                    {
                        if matches!(np.kind, NpKind::Name | NpKind::Pronoun(_)) {
                            return Some(Attr {
                                np,
                                cue_s: c,
                                cue_e: ce,
                                end: ce,
                            });
                        }
                    }
                }
                // "Husted continued by saying, …", "O'Malley interjected to say: …"; a
                // participle (not a progressive "were calling") takes its clause's subject ("Obama
                // ended by saying \"…\"").
                let participle = self.lw(c).ends_with("ing")
                    && !(c > lo
                        && matches!(
                            self.lw(c - 1),
                            "is" | "are" | "was" | "were" | "be" | "been" | "being"
                        ));
                if colon || comma || participle {
                    if let Some(np) = self.sentence_subject(lo, c) {
                        return Some(Attr {
                            np,
                            cue_s: c,
                            cue_e: ce,
                            end: ce,
                        });
                    }
                }
                let np = Np {
                    kind: NpKind::Unknown,
                    s: c,
                    e: c,
                };
                return Some(Attr {
                    np,
                    cue_s: c,
                    cue_e: ce,
                    end: ce,
                });
            }
        }
        // "Trump issued a statement, \"…\"": a written statement's author is the clause's
        // subject.
        if !colon
            && j < open
            && j > lo
            && matches!(
                self.lw(j - 1),
                "statement" | "tweet" | "message" | "letter" | "email" | "post"
            )
        {
            if let Some(np) = self.sentence_subject(lo, j - 1) {
                return Some(Attr {
                    np,
                    cue_s: j - 1,
                    cue_e: j,
                    end: j,
                });
            }
        }
        // "From X:" / "X:" as the whole lead-in; else "X delivered a message to Y:" → X.
        if colon {
            let mut s = lo;
            // "HEADLINE - Michael P. McDonald:" / "… -More from Jones:": the lead-in is what
            // follows the last dash.
            let dash = (lo..j).rev().find(|&k| self.is_dash(k));
            if let Some(d) = dash {
                s = d + 1;
            }
            if self.lw(s) == "more" && self.lw(s + 1) == "from" {
                s += 1;
            }
            if self.lw(s) == "from" {
                s += 1;
            }
            if let Some(np) = np_after(self, s, j) {
                if np.e == j && np.kind == NpKind::Name && (np.e > np.s + 1 || self.person_like(np))
                {
                    return Some(Attr {
                        np,
                        cue_s: j,
                        cue_e: j,
                        end: j,
                    });
                }
            }
            // "Former secretary of state Hillary Clinton:": only title words before the name.
            let ns = speakers::run_back(self, j - 1, s);
            if ns > s && ns < j && ns - s <= 6 {
                let titles_only = (s..ns).all(|k| {
                    let lw = self.lw(k);
                    self.toks[k].kind == Kind::Word
                        && (speakers::is_title(lw)
                            || speakers::is_role_word(lw)
                            || matches!(lw, "of" | "the" | "state" | "former" | "and"))
                });
                if titles_only {
                    if let Some(np) = np_after(self, ns, j) {
                        if np.e == j && np.kind == NpKind::Name && np.e > np.s + 1 {
                            return Some(Attr {
                                np,
                                cue_s: j,
                                cue_e: j,
                                end: j,
                            });
                        }
                    }
                }
            }
            if let Some(np) = self.sentence_subject(if dash.is_some() { s } else { lo }, j) {
                return Some(Attr {
                    np,
                    cue_s: j,
                    cue_e: j,
                    end: j,
                });
            }
        }
        None
    }

    /// The subject at the start of a sentence `[lo, hi)`, skipping a leading adverbial
    /// ("On Sunday, Carson …"); only names and he/she.
    pub fn sentence_subject(&self, lo: usize, hi: usize) -> Option<Np> {
        self.subject_after_adverbials(lo, hi).or_else(|| {
            // The comma after a conjunction may be a later clause's ("And then Trump went on
            // the attack, saying …"): the subject right after the conjunctions.
            let mut s = lo;
            while s < hi && matches!(self.lw(s), "and" | "but" | "so" | "then" | "also" | "now") {
                s += 1;
            }
            if s == lo {
                return None;
            }
            np_after(self, s, hi)
                .filter(|np| matches!(np.kind, NpKind::Name | NpKind::Pronoun(Some(_))))
        })
    }

    /// A participle opening a sentence before a preposition or determiner ("Appearing before
    /// supporters Monday, Suu Kyi …", "Pressed on the issue, Trump …"); not a first name
    /// ("Mohammed at …").
    fn opening_participle(&self, s: usize, hi: usize) -> bool {
        let lw = self.lw(s);
        s + 1 < hi
            && lw.len() > 5
            && (lw.ends_with("ing") || lw.ends_with("ed"))
            && names::lookup(self.w(s)).is_none_or(|f| f.word)
            && matches!(
                self.lw(s + 1),
                "before"
                    | "after"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "from"
                    | "by"
                    | "about"
                    | "into"
                    | "through"
                    | "during"
                    | "outside"
                    | "inside"
                    | "beside"
                    | "alongside"
                    | "behind"
                    | "near"
                    | "against"
                    | "across"
                    | "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "this"
            )
    }

    fn subject_after_adverbials(&self, lo: usize, hi: usize) -> Option<Np> {
        let mut s = lo;
        // Skip leading adverbials up to their comma ("On July 6, 2015, Sanders …").
        for _ in 0..3 {
            if s >= hi {
                return None;
            }
            let lw = self.lw(s);
            let adverbial = matches!(
                lw,
                "on" | "in"
                    | "at"
                    | "later"
                    | "earlier"
                    | "after"
                    | "before"
                    | "during"
                    | "then"
                    | "and"
                    | "but"
                    | "so"
                    | "still"
                    | "yet"
                    | "meanwhile"
                    | "asked"
                    | "speaking"
                    | "last"
                    | "this"
                    | "for"
                    | "with"
                    | "from"
                    | "as"
                    | "when"
                    | "while"
                    | "however"
                    | "also"
                    | "now"
                    | "today"
                    | "yesterday"
                    | "since"
                    | "ever"
                    | "until"
                    | "by"
                    | "under"
                    | "over"
                    | "like"
                    | "unlike"
                    | "despite"
                    | "although"
                    | "here"
                    | "there"
            ) || (lw.len() > 4 && lw.ends_with("ly"))
                // "Hours later, …", "Moments earlier, …" (not "Lewandowski earlier quashed").
                || (s + 1 < hi
                    && matches!(self.lw(s + 1), "later" | "earlier" | "ago")
                    && is_time_unit(lw))
                // "Eight years ago, …", "Two days later, …".
                || (s + 2 < hi
                    && matches!(self.lw(s + 2), "later" | "earlier" | "ago")
                    && is_time_unit(self.lw(s + 1))
                    && is_count_word(lw))
                || self
                    .w(s)
                    .chars()
                    .next()
                    .map(|c| c.is_ascii_digit())
                    .unwrap_or(false)
                || self.opening_participle(s, hi);
            if !adverbial {
                break;
            }
            // A subordinate clause may run longer ("With Democratic leaders increasingly
            // worried about a lack of passion for …, President Obama …").
            let reach = if matches!(
                lw,
                "with" | "as" | "while" | "although" | "despite" | "since"
            ) {
                25
            } else {
                12
            };
            let mut k = s;
            while k < hi && k < s + reach && !self.is_punct(k, ",") {
                k += 1;
            }
            if k < hi && self.is_punct(k, ",") {
                s = k + 1;
            } else if matches!(lw, "and" | "but" | "so" | "then" | "also" | "now") {
                s += 1;
            } else {
                return None;
            }
        }
        match np_after(self, s, hi) {
            Some(np) if matches!(np.kind, NpKind::Name | NpKind::Pronoun(Some(_))) => Some(np),
            // "His former business partner at Lenox, Lawrence B. Cummings, called him …": the
            // person in apposition to a described subject.
            Some(Np {
                kind: NpKind::Nominal { .. },
                ..
            })
            | None
                if s < hi && self.has(s, words::DETERMINER) =>
            {
                let comma = (s + 1..hi.min(s + 12))
                    .take_while(|&k| !matches!(self.w(k), "." | "?" | "!" | ";"))
                    .take_while(|&k| self.toks[k].kind != Kind::Mark)
                    .find(|&k| self.is_punct(k, ","))?;
                let name = np_after(self, comma + 1, hi).filter(|n| n.kind == NpKind::Name)?;
                (self.is_punct(name.e, ",") && self.person_like(name)).then_some(name)
            }
            _ => None,
        }
    }
}
