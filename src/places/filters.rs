//! Person-vs-place and word-vs-place cues: which gazetteer hits are not places at all.
//!
//! Why a separate module: these are lexical tests on the tokens around a hit ("Mr. Warren",
//! "Michael Jordan", "Paris Hilton", "Houston said", sentence-initial "Police"), independent
//! of which gazetteer entry a hit resolves to, and each is small enough to unit-test alone.

use rustc_hash::FxHashSet as HashSet;

/// First names with gender shares, shipped with the crate.
const FIRST_NAMES_TSV: &str = include_str!("../../data/names/first_names.tsv");

/// Common English words that are also names of towns or regions in the gazetteer
/// ("Nice", "Mobile", "Reading", "Split", "March", "Bath", "Police", "Most"). Such a hit
/// counts only with place evidence: "Mobile, Ala.", "in Split" in a Croatian story, a dateline.
/// Derived from words seen mostly in lower case in general news text, plus hand additions.
const COMMON_WORDS: &[&str] = &[
    "of",
    "from",
    "time",
    "most",
    "say",
    "much",
    "same",
    "never",
    "federal",
    "deal",
    "best",
    "police",
    "ever",
    "man",
    "young",
    "liberal",
    "along",
    "opportunity",
    "shot",
    "union",
    "gay",
    "goes",
    "rich",
    "capital",
    "date",
    "officer",
    "surprise",
    "split",
    "gap",
    "buy",
    "battleground",
    "spring",
    "unity",
    "mission",
    "mine",
    "male",
    "grass",
    "wave",
    "normal",
    "pace",
    "southern",
    "tour",
    "nice",
    "alliance",
    "summit",
    "bear",
    "fate",
    "holiday",
    "reading",
    "bar",
    "sale",
    "banning",
    "airport",
    "manage",
    "independence",
    "liberty",
    "tank",
    "sue",
    "risen",
    "northern",
    "pool",
    "marks",
    "un",
    "lone",
    "enterprise",
    "crystal",
    "wedding",
    "sake",
    "pop",
    "acre",
    "superior",
    "shaping",
    "torn",
    "peer",
    "lens",
    "hub",
    "fleet",
    "clot",
    "boon",
    "boom",
    "orange",
    "spike",
    "mobile",
    "jam",
    "keen",
    "barn",
    "salt",
    "tall",
    "metro",
    "marshal",
    "tongue",
    "tilt",
    "lend",
    "humble",
    "bow",
    "angle",
    "southeastern",
    "northeastern",
    "defiance",
    "stoke",
    "simmering",
    "savage",
    "retreat",
    "oral",
    "mentor",
    "erode",
    "commonwealth",
    "borne",
    "anthem",
    "uptown",
    "forest",
    "brick",
    "wheeling",
    "tours",
    "torrent",
    "tire",
    "semi",
    "seaside",
    "pristine",
    "plunge",
    "peel",
    "paramount",
    "mojo",
    "grad",
    "cascade",
    "bury",
    "ye",
    "para",
    "bell",
    "una",
    "tame",
    "swords",
    "sunset",
    "sunrise",
    "ruse",
    "roses",
    "rivers",
    "reservoir",
    "prosper",
    "plum",
    "pare",
    "paradise",
    "northwest",
    "moron",
    "mon",
    "mango",
    "lop",
    "lakes",
    "gondola",
    "fountain",
    "evergreen",
    "dour",
    "confederation",
    "chin",
    "butterfly",
    "brusque",
    "bride",
    "boo",
    "bath",
    "bane",
    "bake",
    "ascension",
    "march",
    "may",
    "eagle",
    "hope",
    "victory",
    "harmony",
    "friendship",
    "progress",
    "universal",
    "standard",
    "university",
    "mount",
    "valley",
    "beach",
    "port",
    "bay",
    "university",
    "college",
    "central",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "centre",
    "center",
    "mission",
    "hospital",
    "church",
    "market",
    "media",
    "sport",
    "sports",
    "temple",
    "ocean",
    "park",
    "gold",
    "silver",
    "green",
    "white",
    "black",
    "brown",
    "wood",
    "concord",
    "diamond",
    "energy",
    "image",
    "industry",
    "justice",
    "trinity",
    "welcome",
    "worth",
    "content",
    "sandy",
    "post",
    "globe",
    "times",
    "herald",
    "tribune",
    "star",
    "sun",
    "republic",
    "republican",
    "democrat",
    "city",
    "state",
    "town",
    "county",
    "district",
    "province",
    "region",
    "colony",
    "kingdom",
    "nation",
    "to",
    "than",
    "can",
    "come",
    "ask",
    "bank",
    "hit",
    "save",
    "begun",
    "hire",
    "drama",
    "coin",
    "store",
    "punch",
    "mile",
    "dig",
    "dire",
    "anew",
    "yoga",
    "afar",
    "god",
    "olympic",
    "northeast",
    "southeast",
    "southwest",
    "midwest",
    "toyota",
    "honda",
    "duma",
    "mall",
];

/// Titles and honorifics that precede a surname ("Mr. Warren", "Gov. Jackson").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "lt",
    "sgt",
    "capt",
    "captain",
    "col",
    "colonel",
    "gen",
    "general",
    "judge",
    "justice",
    "rev",
    "reverend",
    "prof",
    "professor",
    "coach",
    "officer",
    "det",
    "detective",
    "deputy",
    "president",
    "mayor",
    "chancellor",
    "minister",
    "secretary",
    "pastor",
    "father",
    "sister",
    "brother",
    "uncle",
    "aunt",
    "sir",
    "lady",
    "lord",
    "dame",
    "cpl",
    "pvt",
    "sgt",
    "maj",
    "major",
    "adm",
    "admiral",
    "commissioner",
    "chief",
    "trooper",
    "attorney",
    "atty",
    "councilman",
    "councilwoman",
    "superintendent",
    "principal",
    "director",
    "chairman",
    "chairwoman",
    "speaker",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "saint",
    "st",
];

/// Verbs of speech that follow a person's surname ("Warren said").
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "wrote",
    "explained",
    "noted",
    "stated",
    "recalled",
    "testified",
    "argued",
    "insisted",
    "acknowledged",
    "replied",
    "continued",
    "admitted",
    "remarked",
    "tweeted",
    "joked",
    "laughed",
    "smiled",
    "nodded",
    "shrugged",
];

/// Calls `f` with `word.to_lowercase()`, without allocating for short ASCII words (for
/// those the ASCII and the Unicode lower case are the same string).
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        // ASCII in, ASCII out
        f(std::str::from_utf8(b).unwrap_or(""))
    } else {
        f(&word.to_lowercase())
    }
}

/// Lexicons used by the filters, built once with the gazetteer.
pub(crate) struct Lexicon {
    first_names: HashSet<String>,
    /// First names borne by at least 20,000 people, words or not.
    common_names: HashSet<String>,
    /// Frequent first names that are also words ("Tom", "Mark", "Bill"): a cue mid-sentence.
    word_names: HashSet<String>,
    common: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    speech: HashSet<&'static str>,
}

impl Lexicon {
    pub(crate) fn build() -> Lexicon {
        let mut first_names = HashSet::with_capacity_and_hasher(8_000, Default::default());
        let mut word_names = HashSet::with_capacity_and_hasher(1_000, Default::default());
        let mut common_names = HashSet::with_capacity_and_hasher(3_000, Default::default());
        for line in FIRST_NAMES_TSV.lines().skip(1) {
            // Split in one byte pass (a char search per field was half of this load).
            let ([name, _share, count, sources], len) = super::gazetteer::tab_fields::<4>(line);
            if len < 4 {
                continue;
            }
            let count: u64 = count.parse().unwrap_or(0);
            // "word" marks names that are also ordinary words ("Will", "Mark"): not a cue.
            let word = sources.split(',').any(|s| s == "word");
            if count >= 20_000 {
                common_names.insert(name.to_lowercase());
            }
            if count >= 2_000 && !word {
                first_names.insert(name.to_lowercase());
            } else if count >= 20_000 && word {
                word_names.insert(name.to_lowercase());
            }
        }
        Lexicon {
            first_names,
            common_names,
            word_names,
            common: COMMON_WORDS.iter().copied().collect(),
            titles: TITLES.iter().copied().collect(),
            speech: SPEECH_VERBS.iter().copied().collect(),
        }
    }

    /// A capitalised first name ("Michael"), case-insensitive.
    pub(crate) fn is_first_name(&self, word: &str) -> bool {
        word.len() >= 2 && with_lowercase(word, |w| self.first_names.contains(w))
    }

    /// A first name that is also a word ("Tom"): only a cue when not sentence-initial.
    pub(crate) fn is_word_name(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.word_names.contains(w))
    }

    /// A first name common enough that a small town of that name needs place evidence
    /// ("David", "Barry", "Martin").
    pub(crate) fn is_common_first_name(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.common_names.contains(w))
    }

    /// A single folded key that is also an everyday English word.
    pub(crate) fn is_common_word(&self, key: &str) -> bool {
        self.common.contains(key)
    }

    pub(crate) fn is_title(&self, word: &str) -> bool {
        let mut buf = [0u8; 32];
        if word.len() <= buf.len() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            // ASCII lower-casing keeps UTF-8 valid
            return std::str::from_utf8(b).is_ok_and(|w| self.titles.contains(w));
        }
        self.titles.contains(word.to_ascii_lowercase().as_str())
    }

    pub(crate) fn is_speech_verb(&self, word: &str) -> bool {
        self.speech.contains(word)
    }
}

/// Words after a place name that make the whole a street, building or event named after
/// it ("Washington Street", "Columbia University", "Dubai World Cup"): the hit is dropped.
pub(crate) fn is_facility_word(word: &str) -> bool {
    matches!(
        word,
        "Street"
            | "St"
            | "Road"
            | "Rd"
            | "Drive"
            | "Dr"
            | "Avenue"
            | "Ave"
            | "Court"
            | "Ct"
            | "Park"
            | "River"
            | "Valley"
            | "Station"
            | "Trail"
            | "Boulevard"
            | "Blvd"
            | "Lane"
            | "Ln"
            | "Parkway"
            | "Pkwy"
            | "Pike"
            | "Way"
            | "Place"
            | "Creek"
            | "Academy"
            | "Estate"
            | "Mall"
            | "Hospital"
            | "Cup"
            | "Latin"
            | "Circle"
            | "Terrace"
            | "University"
            | "Square"
            | "Plaza"
            | "Foundation"
            | "Corporation"
            | "Inc"
            | "World"
    )
}

/// Words after a capitalised name that make it an organisation or facility named after a
/// place ("Toronto Police", "Paris Airport"), so not a person's name.
pub(crate) fn is_org_word(word: &str) -> bool {
    matches!(
        word,
        "Police"
            | "Airport"
            | "University"
            | "College"
            | "County"
            | "City"
            | "Street"
            | "Road"
            | "Avenue"
            | "Council"
            | "Memorial"
            | "Park"
            | "Times"
            | "Post"
            | "Herald"
            | "Tribune"
            | "Journal"
            | "Globe"
            | "Star"
            | "News"
            | "State"
            | "Department"
            | "Board"
            | "Fire"
            | "Hospital"
            | "School"
            | "High"
            | "Bridge"
            | "River"
            | "Lake"
            | "Valley"
            | "Bay"
            | "Harbor"
            | "Harbour"
            | "Center"
            | "Centre"
            | "Club"
            | "FC"
            | "United"
            | "Region"
            | "Province"
            | "Township"
            | "Area"
            | "Mountains"
            | "Island"
            | "Islands"
            | "Sea"
            | "Ocean"
            | "Government"
            | "Court"
            | "Church"
            | "Cathedral"
            | "Museum"
            | "Zoo"
            | "Square"
            | "Station"
            | "Metro"
            | "International"
            | "Festival"
            | "Conference"
            | "Summit"
            | "Agreement"
            | "Accord"
            | "Accords"
            | "Declaration"
            | "Convention"
            | "Treaty"
            | "Protocol"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_cues() {
        let l = Lexicon::build();
        assert!(l.is_first_name("Michael"));
        assert!(!l.is_first_name("Will")); // also a word
        assert!(l.is_common_word("mobile"));
        assert!(l.is_title("Gov"));
        assert!(l.is_speech_verb("said"));
        assert!(is_org_word("Police"));
    }
}
