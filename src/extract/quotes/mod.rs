//! Quotes and speakers.
//!
//! CONTRACT (used by `crate::extract`; keep these signatures):
//! - `QuoteExtractor::embedded() -> &'static QuoteExtractor` — built once per process.
//! - `QuoteExtractor::extract(&self, text: &str, places: &[(usize, usize)]) -> Vec<Quote>` —
//!   quotes in document order with `start`/`end` as **byte** offsets into `text` (the caller
//!   converts to code points); `places` are byte spans of recognised places (never speakers).

use crate::extract::Quote;

/// PLACEHOLDER until the quotes module lands: finds nothing.
pub struct QuoteExtractor;

impl QuoteExtractor {
    pub fn embedded() -> &'static QuoteExtractor {
        static Q: QuoteExtractor = QuoteExtractor;
        &Q
    }
    pub fn extract(&self, _text: &str, _places: &[(usize, usize)]) -> Vec<Quote> {
        Vec::new()
    }
}
