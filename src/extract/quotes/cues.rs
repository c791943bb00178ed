//! Speech-verb lexicon: which words introduce reported speech, in every tense.
//!
//! Why: attribution hinges on recognising the cue ("said", "tells", "was quoted as saying",
//! "according to"). The lexicon is a list of lemmas expanded once into all inflected forms
//! (base, 3rd person, past, participle, -ing) and stored in a hash map, so a lookup is one
//! probe per token.

use rustc_hash::{FxBuildHasher, FxHashMap};

/// What kind of cue a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// An ordinary speech verb: "said", "argues".
    Speech,
    /// "told"/"tells": takes an addressee before the content ("told reporters").
    Tell,
    /// "asked": content is often a question or an object.
    Ask,
    /// Belief or intention ("believes", "fears"): reported thought, only before a clause.
    Belief,
}

#[derive(Debug, Clone, Copy)]
pub struct Cue {
    pub class: CueClass,
    /// The lemma ("say"), for reports.
    pub lemma: &'static str,
    /// The lemma is in [`WEAK_LEMMAS`] (precomputed).
    pub weak: bool,
}

/// Regular speech verbs (lemma). Irregular and doubling forms are listed in `IRREGULAR`.
/// The lexicon holds these and [`WEAK_LEMMAS`].
const LEMMAS: &[&str] = &[
    "say",
    "add",
    "note",
    "explain",
    "argue",
    "insist",
    "warn",
    "state",
    "continue",
    "recall",
    "remember",
    "tweet",
    "declare",
    "reply",
    "respond",
    "claim",
    "announce",
    "suggest",
    "acknowledge",
    "admit",
    "assert",
    "comment",
    "complain",
    "concede",
    "confirm",
    "contend",
    "deny",
    "emphasize",
    "emphasise",
    "observe",
    "predict",
    "promise",
    "remark",
    "report",
    "reiterate",
    "repeat",
    "stress",
    "testify",
    "urge",
    "vow",
    "boast",
    "joke",
    "quip",
    "shout",
    "yell",
    "scream",
    "muse",
    "mutter",
    "whisper",
    "recount",
    "lament",
    "maintain",
    "mention",
    "charge",
    "counter",
    "conclude",
    "allege",
    "agree",
    "post",
    "pledge",
    "tout",
    "caution",
    "disclose",
    "reveal",
    "proclaim",
    "exclaim",
    "retort",
    "snap",
    "echo",
    "answer",
    "demand",
    "threaten",
    "assure",
    "brag",
    "confess",
    "estimate",
    "forecast",
    "grumble",
    "hint",
    "interject",
    "object",
    "opine",
    "plead",
    "protest",
    "recommend",
    "scoff",
    "underscore",
    "wonder",
    "acknowledge",
    "advise",
    "announce",
    "concur",
    "counsel",
    "elaborate",
    "reason",
    "rejoin",
    "surmise",
    "theorize",
    "lecture",
    "preach",
    "quote",
    "blast",
    "slam",
    "criticize",
    "criticise",
    "accuse",
    "praise",
    "mock",
    "cry",
    "sigh",
    "laugh",
    "chuckle",
    "murmur",
    "gush",
    "rave",
    "rail",
    "marvel",
    "fume",
    "huff",
    "exult",
    "crow",
    "pronounce",
    "volunteer",
    "offer",
    "point",
    "begin",
    "implore",
    "plead",
    "predict",
    "affirm",
    "aver",
    "attest",
    "swear",
    "bellow",
    "thunder",
    "roar",
    "shoot",
    "fire",
    "hit",
    "retweet",
    "call",
    "bark",
    "snarl",
    "growl",
    "chant",
    "sing",
    "holler",
    "sneer",
    "believe",
    "fear",
    "hope",
    "expect",
    "worry",
    "doubt",
    "suspect",
    "assume",
    "reckon",
    "read",
    "write",
    "tell",
    "ask",
    "inform",
    "remind",
    "assure",
];

/// (form, lemma) for irregular or consonant-doubling forms.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("thought", "think"),
    ("thinks", "think"),
    ("think", "think"),
    ("thinking", "think"),
    ("felt", "feel"),
    ("feels", "feel"),
    ("feel", "feel"),
    ("says", "say"),
    ("saying", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("admitted", "admit"),
    ("admitting", "admit"),
    ("quipped", "quip"),
    ("shrugged", "shrug"),
    ("rebutted", "rebut"),
    ("quipping", "quip"),
    ("snapped", "snap"),
    ("snapping", "snap"),
    ("concurred", "concur"),
    ("concurring", "concur"),
    ("sang", "sing"),
    ("sung", "sing"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("began", "begin"),
    ("begun", "begin"),
    ("beginning", "begin"),
    ("shot", "shoot"),
    ("hit", "hit"),
    ("hitting", "hit"),
    ("cried", "cry"),
    ("cries", "cry"),
    ("testified", "testify"),
    ("testifies", "testify"),
    ("replied", "reply"),
    ("replies", "reply"),
    ("denied", "deny"),
    ("denies", "deny"),
    ("theorized", "theorize"),
    ("echoes", "echo"),
    ("echoed", "echo"),
    ("counselled", "counsel"),
    ("counseled", "counsel"),
    ("offered", "offer"),
];

/// Lemmas that are not speech by themselves but become cues in fixed phrases, or are too
/// ambiguous to count as a cue after a quotation ("point" alone, "offer", "fire", "hit").
pub const WEAK_LEMMAS: &[&str] = &[
    "point",
    "offer",
    "fire",
    "hit",
    "shoot",
    "begin",
    "quote",
    "object",
    "counter",
    "charge",
    "post",
    "crow",
    "rail",
    "beam",
    "riff",
    "react",
    "retaliate",
    "chime",
    "exhort",
    "interrupt",
    "rebut",
    "chide",
    "scold",
    "taunt",
    "smile",
    "shrug",
    "apologize",
    "press",
    "question",
    "start",
    "deadpan",
    "sniff",
    "venture",
    "snipe",
    "tease",
    "prod",
];

fn inflect(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'x');
    let prev = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    let vowel = |c: u8| b"aeiou".contains(&c);
    if last == b'e' {
        out.push(format!("{lemma}s"));
        out.push(format!("{lemma}d"));
        out.push(format!("{}ing", &lemma[..lemma.len() - 1]));
    } else if last == b'y' && !vowel(prev) {
        let stem = &lemma[..lemma.len() - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{lemma}ing"));
    } else if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with('o')
    {
        out.push(format!("{lemma}es"));
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    } else {
        out.push(format!("{lemma}s"));
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    }
    out
}

/// The lexicon: word form (lower case) → cue.
pub struct Lexicon {
    forms: FxHashMap<String, Cue>,
    /// Bit per (first byte, second byte) pair of any form: most words miss without hashing.
    pairs: Vec<u64>,
    max_len: usize,
}

fn pair_key(w: &str) -> usize {
    let b = w.as_bytes();
    let b0 = b.first().copied().unwrap_or(0) as usize;
    let b1 = b.get(1).copied().unwrap_or(0) as usize;
    (b0 << 8) | b1
}

impl Lexicon {
    pub fn new() -> Self {
        let mut forms = FxHashMap::with_capacity_and_hasher(LEMMAS.len() * 5, FxBuildHasher);
        let class_of = |lemma: &str| match lemma {
            "tell" | "inform" | "remind" | "assure" => CueClass::Tell,
            "ask" => CueClass::Ask,
            "believe" | "think" | "fear" | "hope" | "expect" | "worry" | "feel" | "know"
            | "doubt" | "suspect" | "assume" | "guess" | "reckon" | "figure" | "acknowledge" => {
                if lemma == "acknowledge" {
                    CueClass::Speech
                } else {
                    CueClass::Belief
                }
            }
            _ => CueClass::Speech,
        };
        for &lemma in LEMMAS.iter().chain(WEAK_LEMMAS) {
            for f in inflect(lemma) {
                forms.entry(f).or_insert(Cue {
                    class: class_of(lemma),
                    lemma,
                    weak: WEAK_LEMMAS.contains(&lemma),
                });
            }
        }
        for &(form, lemma) in IRREGULAR {
            let lemma_static = LEMMAS
                .iter()
                .chain(WEAK_LEMMAS)
                .chain(["think", "feel", "know"].iter())
                .copied()
                .find(|l| *l == lemma)
                .unwrap_or("say");
            forms.insert(
                form.to_string(),
                Cue {
                    class: class_of(lemma),
                    lemma: lemma_static,
                    weak: WEAK_LEMMAS.contains(&lemma_static),
                },
            );
        }
        let mut pairs = vec![0u64; 65536 / 64];
        for f in forms.keys() {
            let k = pair_key(f);
            pairs[k / 64] |= 1 << (k % 64);
        }
        let max_len = forms.keys().map(|f| f.len()).max().unwrap_or(0);
        Lexicon {
            forms,
            pairs,
            max_len,
        }
    }

    /// The cue a (lower-cased) word form is, if any.
    #[inline]
    pub fn get(&self, lower: &str) -> Option<Cue> {
        let k = pair_key(lower);
        if lower.len() > self.max_len
            || self
                .pairs
                .get(k / 64)
                .map(|w| w & (1 << (k % 64)))
                .unwrap_or(0)
                == 0
        {
            return None;
        }
        self.forms.get(lower).copied()
    }

    /// Every word form and its cue.
    pub fn forms(&self) -> impl Iterator<Item = (&str, Cue)> + '_ {
        self.forms.iter().map(|(w, c)| (w.as_str(), *c))
    }

    /// A cue strong enough to attribute a quotation on its own ("said", not "hit").
    pub fn strong(&self, lower: &str) -> Option<Cue> {
        self.get(lower)
            .filter(|c| !c.weak && c.class != CueClass::Belief)
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tense() {
        let l = Lexicon::new();
        for w in [
            "say",
            "says",
            "said",
            "saying",
            "told",
            "tells",
            "telling",
            "argues",
            "argued",
            "arguing",
            "denied",
            "replies",
            "quipped",
            "wrote",
            "writes",
            "emphasised",
            "added",
            "asks",
        ] {
            assert!(l.get(w).is_some(), "{w}");
        }
        assert_eq!(l.get("told").map(|c| c.class), Some(CueClass::Tell));
        assert!(l.get("table").is_none());
        assert!(l.strong("hit").is_none());
        // A doubled weak form keeps its lemma and weakness.
        assert_eq!(
            l.get("shrugged").map(|c| (c.lemma, c.weak)),
            Some(("shrug", true))
        );
        assert!(l.get("beamed").is_some_and(|c| c.weak));
    }
}
