//! The documents whosaid indexes, as plain serde structs.
//!
//! Each indexed document is one of these, serialised to JSON and stored whole; the index's
//! searchable fields are derived from it (see `schema/fields.md`). So what `search` returns,
//! what an export writes and what a Quickwit index would ingest are the same JSON.
//! Building them needs only an [`Extraction`]: nothing here knows Tantivy.

use crate::extract::{Extraction, Place};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The article fields every quote carries, so a quote hit is self-contained.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// A place as stored with a document: its canonical name and its hierarchy, broadest first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlaceRef {
    pub name: String,
    /// `["United States", "Texas", "Houston"]`.
    pub path: Vec<String>,
    pub country_code: String,
}

impl From<&Place> for PlaceRef {
    fn from(p: &Place) -> Self {
        PlaceRef {
            name: p.name.clone(),
            path: p.hierarchy(),
            country_code: p.country_code.clone(),
        }
    }
}

/// One quote document. Its absent optional values (no speaker, no cue, no places in the quote)
/// are left out of the stored JSON, where they read back as `None` or empty (0.2 MB less
/// index on the 140 MB corpora). Search output (`search::QuoteHit`) still lists every key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteDoc {
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    pub kind: String,
    /// Code-point offsets of the quote in the article text.
    pub start: usize,
    pub end: usize,
    /// Places named inside the quote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<PlaceRef>,
    /// Places of the whole article, dateline first (shared by the article's quotes).
    pub article_places: Arc<[PlaceRef]>,
    /// The article (shared by its quotes).
    pub article: Arc<ArticleRef>,
}

/// One article document (its body is indexed for `--articles`, not stored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDoc {
    #[serde(flatten)]
    pub article: ArticleRef,
    pub quotes: usize,
    pub speakers: Vec<String>,
    pub places: Vec<PlaceRef>,
}

/// Everything one article puts in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDocs {
    pub article: ArticleDoc,
    pub quotes: Vec<QuoteDoc>,
    /// The body text, indexed but not stored.
    pub text: String,
}

/// Distinct places, in order of first mention.
fn distinct_places<'a>(places: impl Iterator<Item = &'a Place>) -> Vec<PlaceRef> {
    let mut out: Vec<PlaceRef> = Vec::new();
    for p in places {
        let r = PlaceRef::from(p);
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

impl ArticleDocs {
    /// Builds the documents of one article from its extraction and its text.
    pub fn new(ex: &Extraction, text: String) -> Self {
        let article = ArticleRef {
            id: ex.id.clone(),
            title: ex.title.clone(),
            date: ex.date.clone(),
            source: ex.source.clone(),
            url: ex.url.clone(),
            path: ex.path.clone(),
            author: ex.author.clone(),
        };
        let article_places = distinct_places(ex.places.iter());
        let shared_places: Arc<[PlaceRef]> = article_places.clone().into();
        let shared_article = Arc::new(article.clone());
        let quotes: Vec<QuoteDoc> = ex
            .quotes
            .iter()
            .map(|q| QuoteDoc {
                quote: q.text.clone(),
                speaker: q.speaker.clone(),
                speaker_title: q.speaker_title.clone(),
                speaker_kind: q.speaker_kind.map(|k| match k {
                    crate::extract::SpeakerKind::Person => "person".to_string(),
                    crate::extract::SpeakerKind::Organisation => "organisation".to_string(),
                }),
                cue: q.cue.clone(),
                kind: q.kind.as_str().to_string(),
                start: q.start,
                end: q.end,
                places: distinct_places(
                    ex.places
                        .iter()
                        .filter(|p| p.start >= q.start && p.end <= q.end),
                ),
                article_places: Arc::clone(&shared_places),
                article: Arc::clone(&shared_article),
            })
            .collect();
        let mut speakers: Vec<String> = Vec::new();
        for s in quotes.iter().filter_map(|q| q.speaker.as_ref()) {
            if !speakers.contains(s) {
                speakers.push(s.clone());
            }
        }
        ArticleDocs {
            article: ArticleDoc {
                article,
                quotes: quotes.len(),
                speakers,
                places: article_places,
            },
            quotes,
            text,
        }
    }
}
