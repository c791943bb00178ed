//! What extraction produces, in the shape `whosaid extract` prints (see `schema/`).
//!
//! Offsets here are **Unicode code points** into the article text, as the evaluation data
//! and most non-Rust consumers expect. The extractors work in byte offsets internally and
//! convert once, in [`crate::extract::Extractor`].

use serde::{Deserialize, Serialize};

/// How a quote is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Inside quotation marks.
    Direct,
    /// Reported speech containing quoted words.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Whether a speaker is a person or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organisation,
}

/// One quote (or one fragment of a split quote).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Canonical speaker: the fullest form of the name in the article, or the description of
    /// an unnamed source that holds a name ("State Department official").
    pub speaker: Option<String>,
    /// Role or title of the speaker ("Azerbaijani President").
    pub speaker_title: Option<String>,
    pub speaker_kind: Option<SpeakerKind>,
    /// The speech cue ("said", "according to").
    pub cue: Option<String>,
    pub kind: QuoteKind,
}

/// The kind of a place, as in the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Admin1,
    City,
    Region,
}

/// One place mention, resolved to a gazetteer entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    /// The text as written ("Azerbaijani").
    pub text: String,
    /// Canonical name ("Azerbaijan").
    pub name: String,
    pub kind: PlaceKind,
    /// ISO alpha-2; `|`-joined for transnational regions, empty for supranational ones.
    pub country_code: String,
    /// Name of the country, when the place is in (or is) one.
    pub country: Option<String>,
    /// Name of the first-level region ("Texas"), when known.
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub geonames_id: Option<u64>,
}

impl Place {
    /// The place's ancestors and itself, broadest first: `["United States", "Texas", "Houston"]`.
    /// This is what `--place` matches and what the place facet drills into.
    pub fn hierarchy(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(3);
        if let Some(c) = &self.country {
            out.push(c.clone());
        }
        if let Some(a) = &self.admin1 {
            if !out.contains(a) {
                out.push(a.clone());
            }
        }
        if !out.contains(&self.name) {
            out.push(self.name.clone());
        }
        out
    }
}
