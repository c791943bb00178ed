//! Extraction: from an [`Article`] to its quotes, speakers and places.
//!
//! This stage knows nothing of Tantivy: it turns text into plain serde structs
//! ([`Extraction`]), which `whosaid extract` prints and the index writer stores. Places are
//! found first, so the quote extractor can refuse a place as a speaker.

pub mod model;
pub mod quotes;

pub use model::{Place, PlaceKind, Quote, QuoteKind, SpeakerKind};

use crate::places::Geoparser;
use crate::Article;
use quotes::QuoteExtractor;
use serde::{Deserialize, Serialize};

/// The extraction of one article, offsets in code points: the `whosaid extract` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub path: String,
    pub quotes: Vec<Quote>,
    pub places: Vec<Place>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The extractor: cheap to share between threads (its tables are built once per process).
#[derive(Clone, Copy)]
pub struct Extractor {
    quotes: &'static QuoteExtractor,
    places: &'static Geoparser,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// Builds (once per process) the gazetteer and the quote lexicons.
    pub fn new() -> Self {
        Extractor {
            quotes: QuoteExtractor::embedded(),
            places: Geoparser::embedded(),
        }
    }

    pub fn extract(&self, article: &Article) -> Extraction {
        self.extract_with_id(article, article.stable_id())
    }

    /// [`Extractor::extract`] for a caller that already has the article's stable id.
    pub fn extract_with_id(&self, article: &Article, id: String) -> Extraction {
        let text = article.text.as_str();
        let mut places = self.places.find(text);
        let spans: Vec<(usize, usize)> = places.iter().map(|p| (p.start, p.end)).collect();
        let mut quotes = self.quotes.extract(text, &spans);
        // Byte offsets → code points, in one pass over the text.
        let mut offsets: Vec<usize> = Vec::with_capacity(4 * (quotes.len() + places.len()));
        for q in &quotes {
            offsets.extend([q.start, q.end]);
        }
        for p in &places {
            offsets.extend([p.start, p.end]);
        }
        let map = CharOffsets::new(text, &mut offsets);
        for q in &mut quotes {
            q.start = map.get(q.start);
            q.end = map.get(q.end);
        }
        for p in &mut places {
            p.start = map.get(p.start);
            p.end = map.get(p.end);
        }
        Extraction {
            id,
            title: article.title.clone(),
            date: article.date.clone(),
            source: article.source.clone(),
            url: article.url.clone(),
            author: article.author.clone(),
            path: article.path.clone(),
            quotes,
            places,
            text: None,
        }
    }
}

/// Byte offset → code-point offset for a given set of byte offsets, computed in one pass.
struct CharOffsets {
    sorted: Vec<(usize, usize)>,
}

impl CharOffsets {
    fn new(text: &str, bytes: &mut [usize]) -> Self {
        bytes.sort_unstable();
        let mut sorted = Vec::with_capacity(bytes.len());
        let mut chars = 0usize;
        let mut last_byte = 0usize;
        for &b in bytes.iter() {
            if sorted.last().map(|&(lb, _)| lb == b).unwrap_or(false) {
                continue;
            }
            let b_clamped = floor_char_boundary(text, b);
            chars += text[last_byte..b_clamped].chars().count();
            last_byte = b_clamped;
            sorted.push((b, chars));
        }
        CharOffsets { sorted }
    }

    fn get(&self, byte: usize) -> usize {
        match self.sorted.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.sorted[i].1,
            Err(_) => 0,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_become_code_points() {
        let text = "Turkey’s drones — “yes”";
        let mut offs = vec![
            text.find("drones").unwrap_or(0),
            text.find("yes").unwrap_or(0),
        ];
        let map = CharOffsets::new(text, &mut offs.clone());
        offs.sort();
        let chars: Vec<char> = text.chars().collect();
        let d = map.get(offs[0]);
        assert_eq!(chars[d..d + 6].iter().collect::<String>(), "drones");
        let y = map.get(offs[1]);
        assert_eq!(chars[y..y + 3].iter().collect::<String>(), "yes");
    }
}
