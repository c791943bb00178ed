//! The documents whosaid indexes, as plain serde structs.
//!
//! Each indexed document is one of these, serialised to JSON and stored whole; the index's
//! searchable fields are derived from it (see `schema/fields.md`). So what `search` returns,
//! what an export writes and what a Quickwit index would ingest are the same JSON.
//! Building them needs only an [`Extraction`]: nothing here knows Tantivy.

use crate::extract::{Extraction, Place};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
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

/// The JSON of what an article's quotes share (its places and its fields), serialised once.
///
/// Every quote document stores its article's places and fields; serialising them again for
/// each quote was most of the cost of building the stored JSON (a tenth of extraction's cost
/// on news text, where an article has several quotes and a dozen places).
#[derive(Debug)]
pub struct SharedJson {
    places: Arc<[PlaceRef]>,
    article: Arc<ArticleRef>,
    places_json: Box<RawValue>,
    article_json: Box<RawValue>,
}

impl SharedJson {
    /// Serialises what `quote` shares with the other quotes of its article.
    pub fn new(quote: &QuoteDoc) -> serde_json::Result<Self> {
        Ok(SharedJson {
            places: Arc::clone(&quote.article_places),
            article: Arc::clone(&quote.article),
            places_json: serde_json::value::to_raw_value(&quote.article_places)?,
            article_json: serde_json::value::to_raw_value(&quote.article)?,
        })
    }

    /// The stored JSON of `doc`, the same bytes as `serde_json::to_string(doc)`, built from
    /// the JSON already made for its quotes when `doc` is their article (same fields, same
    /// places): the article's fields and places were otherwise serialised twice per article.
    /// None when `doc` is another article's.
    pub fn article_doc_json(&self, doc: &ArticleDoc) -> Option<String> {
        if *self.article != doc.article || *self.places != *doc.places {
            return None;
        }
        // `ArticleDoc` flattens its `ArticleRef`: its JSON is the article's object, less the
        // closing brace, then its own fields in declaration order.
        let fields = self.article_json.get().strip_suffix('}')?;
        let speakers = serde_json::to_string(&doc.speakers).ok()?;
        let places = self.places_json.get();
        let mut out = String::with_capacity(fields.len() + speakers.len() + places.len() + 48);
        out.push_str(fields);
        out.push_str(",\"quotes\":");
        out.push_str(&doc.quotes.to_string());
        out.push_str(",\"speakers\":");
        out.push_str(&speakers);
        out.push_str(",\"places\":");
        out.push_str(places);
        out.push('}');
        Some(out)
    }

    /// Whether `quote` shares these (the very same `Arc`s).
    pub fn is_for(&self, quote: &QuoteDoc) -> bool {
        Arc::ptr_eq(&self.places, &quote.article_places)
            && Arc::ptr_eq(&self.article, &quote.article)
    }
}

/// [`QuoteDoc`] as serialised, with the shared parts already JSON. Its fields, their order
/// and their attributes must be `QuoteDoc`'s: a test compares the two outputs.
#[derive(Serialize)]
struct QuoteJson<'a> {
    quote: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_title: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_kind: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: &'a Option<String>,
    kind: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "<[PlaceRef]>::is_empty")]
    places: &'a [PlaceRef],
    article_places: &'a RawValue,
    article: &'a RawValue,
}

impl QuoteDoc {
    /// This document's stored JSON, the same bytes as `serde_json::to_string(self)`; the
    /// article's part is copied from `shared` when it was made for this quote's article.
    pub fn to_json(&self, shared: Option<&SharedJson>) -> serde_json::Result<String> {
        let Some(shared) = shared.filter(|s| s.is_for(self)) else {
            return serde_json::to_string(self);
        };
        serde_json::to_string(&QuoteJson {
            quote: &self.quote,
            speaker: &self.speaker,
            speaker_title: &self.speaker_title,
            speaker_kind: &self.speaker_kind,
            cue: &self.cue,
            kind: &self.kind,
            start: self.start,
            end: self.end,
            places: &self.places,
            article_places: &shared.places_json,
            article: &shared.article_json,
        })
    }
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
    // The mentions kept so far. A `PlaceRef` is made of a mention's name, country, admin1
    // and country code only, so a mention equal to a kept one in those four is a repeat,
    // skipped without building its `PlaceRef` (several strings each; most mentions repeat).
    let mut kept: Vec<&Place> = Vec::new();
    for p in places {
        if kept.iter().any(|k| same_place_ref(k, p)) {
            continue;
        }
        let r = PlaceRef::from(p);
        if !out.contains(&r) {
            out.push(r);
            kept.push(p);
        }
    }
    out
}

/// Whether `a` and `b` make the same [`PlaceRef`] (equal in everything it is made of).
fn same_place_ref(a: &Place, b: &Place) -> bool {
    a.name == b.name
        && a.country_code == b.country_code
        && a.country == b.country
        && a.admin1 == b.admin1
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

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str) -> PlaceRef {
        PlaceRef {
            name: name.to_string(),
            path: vec![
                "United States".to_string(),
                "Texas".to_string(),
                name.to_string(),
            ],
            country_code: "US".to_string(),
        }
    }

    #[test]
    fn shared_json_is_the_same_bytes() {
        let article = Arc::new(ArticleRef {
            id: "a/1".to_string(),
            title: Some("A \"title\" with\nescapes – and ünïcode".to_string()),
            date: Some("2021-01-02T00:00:00Z".to_string()),
            source: None,
            url: Some("https://example.com/a?b=c&d".to_string()),
            path: "dir/file.json".to_string(),
            author: Some("Someone".to_string()),
        });
        let places: Arc<[PlaceRef]> = vec![place("Houston"), place("Austin")].into();
        let full = QuoteDoc {
            quote: "“We will,” she said \\ \u{1}".to_string(),
            speaker: Some("Ilham Aliyev".to_string()),
            speaker_title: Some("president".to_string()),
            speaker_kind: Some("person".to_string()),
            cue: Some("said".to_string()),
            kind: "direct".to_string(),
            start: 3,
            end: 40,
            places: vec![place("Houston")],
            article_places: Arc::clone(&places),
            article: Arc::clone(&article),
        };
        let bare = QuoteDoc {
            speaker: None,
            speaker_title: None,
            speaker_kind: None,
            cue: None,
            places: Vec::new(),
            article_places: Arc::from(Vec::new()),
            ..full.clone()
        };
        for q in [&full, &bare] {
            let shared = SharedJson::new(q).unwrap();
            let expected = serde_json::to_string(q).unwrap();
            assert_eq!(q.to_json(Some(&shared)).unwrap(), expected);
            assert_eq!(q.to_json(None).unwrap(), expected);
        }
        // The article document's JSON from the same pieces.
        let doc = ArticleDoc {
            article: (*article).clone(),
            quotes: 2,
            speakers: vec!["Ilham Aliyev".to_string(), "A \"B\"".to_string()],
            places: places.to_vec(),
        };
        let shared = SharedJson::new(&full).unwrap();
        assert_eq!(
            shared.article_doc_json(&doc).unwrap(),
            serde_json::to_string(&doc).unwrap()
        );
        let bare_doc = ArticleDoc {
            article: ArticleRef {
                author: None,
                title: None,
                ..(*article).clone()
            },
            quotes: 0,
            speakers: Vec::new(),
            places: Vec::new(),
        };
        let bare_shared = SharedJson::new(&QuoteDoc {
            article: Arc::new(bare_doc.article.clone()),
            ..bare.clone()
        })
        .unwrap();
        assert_eq!(
            bare_shared.article_doc_json(&bare_doc).unwrap(),
            serde_json::to_string(&bare_doc).unwrap()
        );
        // Another article's pieces are not used.
        assert!(shared.article_doc_json(&bare_doc).is_none());
        assert!(bare_shared.article_doc_json(&doc).is_none());
        // Made for another article: not used.
        let other = SharedJson::new(&bare).unwrap();
        assert!(!other.is_for(&full));
        assert_eq!(
            full.to_json(Some(&other)).unwrap(),
            serde_json::to_string(&full).unwrap()
        );
    }
}
