//! Places: recognise place names (and demonyms) in text and resolve each to a gazetteer entry.
//!
//! CONTRACT (used by `crate::extract`; keep these signatures):
//! - `Geoparser::embedded() -> &'static Geoparser` — built once per process from the gazetteer
//!   shipped in `data/gazetteer/gazetteer.tsv` (embedded in the binary), lazily, so that
//!   `whosaid search` never pays for it.
//! - `Geoparser::find(&self, text: &str) -> Vec<Place>` — places in document order, with
//!   `start`/`end` as **byte** offsets into `text` (the caller converts to code points).

use crate::extract::Place;

/// PLACEHOLDER until the places module lands: finds nothing.
pub struct Geoparser;

impl Geoparser {
    pub fn embedded() -> &'static Geoparser {
        static G: Geoparser = Geoparser;
        &G
    }
    pub fn find(&self, _text: &str) -> Vec<Place> {
        Vec::new()
    }
}
