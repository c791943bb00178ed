//! HTML pages whose parsing is left to the caller: [`PendingPage`].
//!
//! Finding a page's main text is the slowest part of reading (about 10 ms for a large page,
//! against microseconds for a JSON record), and the pipeline has one reader thread. With
//! [`ReadOptions::defer_pages`](super::ReadOptions) a reader hands over the raw page instead,
//! so the extraction threads parse pages in parallel and the reader never holds them up. The
//! outcome is the same as reading inline: [`PendingPage::finish`] is what the readers call
//! themselves when nothing is deferred.

use super::{html, FileError, Problem};
use std::path::PathBuf;

/// An HTML page read from a file (a `.html` file or a WARC record), not yet parsed.
#[derive(Debug)]
pub struct PendingPage {
    /// The raw bytes of the page (any encoding).
    pub(super) payload: Vec<u8>,
    /// The charset an HTTP header declared, if any.
    pub(super) charset: Option<&'static encoding_rs::Encoding>,
    /// The WARC target URI, used when the page names no canonical URL.
    pub(super) uri: Option<String>,
    /// The date to use when the page gives none (the WARC record's date).
    pub(super) fallback_date: Option<String>,
    /// The file the page came from.
    pub(super) file: PathBuf,
    /// The article's path (`file` or `file#N`).
    pub(super) path: String,
    /// The page is record `N` of its file: an empty page is a problem at that record;
    /// `None`: the page is the whole file, and an empty page skips the file.
    pub(super) record: Option<u64>,
}

/// What a page turned out to be.
#[derive(Debug)]
pub enum PageOutcome {
    Article(crate::Article),
    /// A record of a multi-page file without article text.
    Problem(Problem),
    /// A single-page file without article text: the whole file is skipped.
    FileError(FileError),
}

impl PendingPage {
    /// Parses the page and extracts its article.
    pub fn finish(self) -> PageOutcome {
        let mut page = html::read_page(&self.payload, self.charset, self.uri.as_deref());
        if page.text.trim().is_empty() {
            return match self.record {
                Some(n) => PageOutcome::Problem(Problem {
                    path: self.file,
                    line: Some(n),
                    reason: format!(
                        "no article text in the page {}",
                        self.uri.as_deref().unwrap_or("?")
                    ),
                }),
                None => PageOutcome::FileError(super::err(
                    "empty",
                    "no article text found in the HTML page",
                )),
            };
        }
        if page.date.is_none() {
            page.date = self.fallback_date;
        }
        PageOutcome::Article(html::page_article(page, self.path))
    }

    /// The file the page came from.
    pub fn file(&self) -> &std::path::Path {
        &self.file
    }

    /// The page is the whole of its file (not a record of a WARC file).
    pub fn is_whole_file(&self) -> bool {
        self.record.is_none()
    }
}
