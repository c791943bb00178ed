//! The `Article`: what every archive reader produces and every later stage consumes.
//!
//! Readers fill what their format knows; everything is optional except the text and the
//! path, because real archives are ragged. The id is resolved once, in [`Article::stable_id`],
//! so that re-indexing the same archive replaces rather than duplicates.

use serde::{Deserialize, Serialize};

/// One news article as read from an archive, before extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The article's own id (from the data), if it has one.
    pub id: Option<String>,
    pub title: Option<String>,
    /// RFC 3339 UTC (`2020-03-03T10:00:00Z`) when the reader could normalise it.
    pub date: Option<String>,
    /// Publisher or site ("BBC", "reuters.com").
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Where it came from: the file path, with `#N` for the N-th record in a multi-record file.
    pub path: String,
    /// The article body as plain text (paragraphs separated by newlines).
    pub text: String,
}

impl Article {
    /// The id the index uses: the article's own id, else its URL, else a hash of its
    /// whitespace-normalised text (`text/<hex>`). Stable across runs and machines.
    pub fn stable_id(&self) -> String {
        if let Some(id) = self.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            return id.to_string();
        }
        if let Some(url) = self.url.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            return url.to_string();
        }
        format!("text/{:016x}", text_hash(&self.text))
    }

    /// A hash of everything an article contributes to the index, to tell a changed
    /// article from an unchanged one on re-indexing.
    pub fn content_hash(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for part in [
            &self.title,
            &self.date,
            &self.source,
            &self.url,
            &self.author,
        ] {
            h.update(part.as_deref().unwrap_or("").as_bytes());
            h.update(&[0]);
        }
        h.update(self.path.as_bytes());
        h.update(&[0]);
        h.update(self.text.as_bytes());
        h.digest()
    }
}

/// xxh3 of the text with runs of whitespace folded to one space and the ends trimmed.
pub fn text_hash(text: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            h.update(b" ");
        }
        h.update(word.as_bytes());
        first = false;
    }
    h.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_prefers_own_id_then_url_then_text_hash() {
        let mut a = Article {
            text: "Hello  world\n".into(),
            ..Default::default()
        };
        let b = Article {
            text: " Hello world".into(),
            ..Default::default()
        };
        assert_eq!(
            a.stable_id(),
            b.stable_id(),
            "whitespace must not change the id"
        );
        assert!(a.stable_id().starts_with("text/"));
        a.url = Some("https://example.com/x".into());
        assert_eq!(a.stable_id(), "https://example.com/x");
        a.id = Some("42".into());
        assert_eq!(a.stable_id(), "42");
    }

    #[test]
    fn content_hash_changes_with_text() {
        let a = Article {
            text: "one".into(),
            ..Default::default()
        };
        let b = Article {
            text: "two".into(),
            ..Default::default()
        };
        assert_ne!(a.content_hash(), b.content_hash());
    }
}
