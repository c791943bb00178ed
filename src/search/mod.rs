//! Searching the index: query → hits with snippets, plus facet counts over the whole match.
//!
//! Opening an index and searching it needs only [`crate::index`] and [`crate::docs`]; the
//! extractor and the gazetteer are never loaded, so a search starts in milliseconds.

mod facets;
pub mod query;
pub mod render;

use crate::docs::{ArticleDoc, QuoteDoc};
use crate::error::{Error, Result};
use crate::extract::QuoteKind;
use crate::index::{self, Fields};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::aggregation::{AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::{Count, MultiCollector, TopDocs};
use tantivy::schema::Value;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DateTime, DocAddress, Index, IndexReader, Order, ReloadPolicy, TantivyDocument};

/// Largest `--limit` accepted.
pub const MAX_LIMIT: usize = 10_000;
/// Largest `--offset` accepted.
pub const MAX_OFFSET: usize = 1_000_000;
/// Longest snippet, in bytes: quotes up to this length are shown whole.
pub const SNIPPET_CHARS: usize = 300;
/// How many values each facet lists.
pub const FACET_TOP: usize = 20;

/// Where `--place` looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlaceIn {
    /// Places named in the quote or in its article.
    #[default]
    Any,
    Quote,
    Article,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Relevance,
    Date,
}

/// A search, as the command line describes it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub speaker: Option<String>,
    pub place: Option<String>,
    pub place_in: PlaceIn,
    pub source: Option<String>,
    pub since: Option<DateTime>,
    pub until: Option<DateTime>,
    pub kind: Option<QuoteKind>,
    pub articles: bool,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortBy,
    /// Drill the place facet into this place path (`France`, `United States/Texas`).
    pub facet_place: Option<String>,
    /// Count facets by aggregating over the matches even where the term dictionaries could
    /// answer (see `search/facets.rs`): for tests and benchmarks that compare the two ways.
    pub count_by_aggregation: bool,
}

/// One facet value and how many matched documents carry it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    pub value: String,
    /// The full path for hierarchical facets (`France/Île-de-France/Paris`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub count: u64,
}

/// A quote hit: the stored document plus its score and snippet.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    pub quote: String,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
    pub speaker_kind: Option<String>,
    pub cue: Option<String>,
    pub kind: String,
    pub places: Vec<String>,
    pub article_places: Vec<String>,
    pub start: usize,
    pub end: usize,
    pub article: crate::docs::ArticleRef,
    pub snippet: String,
    pub score: Option<f32>,
    #[serde(skip)]
    pub highlights: Vec<std::ops::Range<usize>>,
    #[serde(skip)]
    pub snippet_plain: String,
}

/// An article hit.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleHit {
    #[serde(flatten)]
    pub article: crate::docs::ArticleRef,
    pub quotes: usize,
    pub speakers: Vec<String>,
    pub places: Vec<String>,
    pub score: Option<f32>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Hit {
    Quote(Box<QuoteHit>),
    Article(Box<ArticleHit>),
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: BTreeMap<String, Vec<FacetValue>>,
}

/// An opened index, ready to answer many searches.
pub struct Searcher {
    index: Index,
    fields: Fields,
    reader: IndexReader,
}

impl Searcher {
    /// Opens the index read-only (no lock is taken, so this works while an indexer runs and on
    /// a read-only folder).
    pub fn open(dir: &Path) -> Result<Self> {
        let (mut index, fields) = index::open(dir)?;
        // Segments are searched in parallel, one thread per core (at most 4): facet counts
        // over large matches are the slow part of a search, and they split by segment.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads > 1 {
            index.set_multithread_executor(threads)?;
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| Error::OpenIndex {
                path: dir.to_path_buf(),
                source,
            })?;
        Ok(Searcher {
            index,
            fields,
            reader,
        })
    }

    /// Sees the latest commit (for long-lived searchers).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        if req.limit > MAX_LIMIT {
            return Err(Error::Argument(format!(
                "--limit {} is above the maximum of {MAX_LIMIT}",
                req.limit
            )));
        }
        if req.offset > MAX_OFFSET {
            return Err(Error::Argument(format!(
                "--offset {} is above the maximum of {MAX_OFFSET}",
                req.offset
            )));
        }
        let f = &self.fields;
        let built = query::build(&self.index, f, req)?;
        let searcher = self.reader.searcher();

        let mut multi = MultiCollector::new();
        let count_handle = multi.add_collector(Count);
        let specs = facets::specs(req, f);
        // Facets of every document of the searched type: the term dictionaries may have the
        // counts. The others are aggregated over the matches; a place drill-down apart, over
        // the matches inside that place only.
        let every = facets::matches_every_document(req) && !req.count_by_aggregation;
        let mut facets = BTreeMap::new();
        let (mut drill, mut plain): (Vec<&facets::FacetSpec>, Vec<&facets::FacetSpec>) =
            (Vec::new(), Vec::new());
        for spec in &specs {
            if every {
                if let Some(values) = facets::from_term_dictionaries(&searcher, spec)? {
                    facets.insert(spec.name.to_string(), values);
                    continue;
                }
            }
            if spec.is_drill() {
                drill.push(spec);
            } else {
                plain.push(spec);
            }
        }
        let aggs_handle = match plain.is_empty() {
            true => None,
            false => Some(multi.add_collector(AggregationCollector::from_aggs(
                facets::aggregation_request(&plain, &self.index.schema())?,
                AggregationLimitsGuard::default(),
            ))),
        };
        let top = TopDocs::with_limit(req.limit.max(1)).and_offset(req.offset);
        // Without words every match scores the same: show the newest first.
        let sort = match req.query.trim().is_empty() {
            true => SortBy::Date,
            false => req.sort,
        };
        let (scored, mut fruit): (Vec<(Option<f32>, DocAddress)>, _) = match sort {
            SortBy::Relevance => {
                let h = multi.add_collector(top);
                let mut fruit = searcher.search(&*built.full, &multi)?;
                let docs = h
                    .extract(&mut fruit)
                    .into_iter()
                    .map(|(s, a)| (Some(s), a))
                    .collect();
                (docs, fruit)
            }
            SortBy::Date => {
                let h =
                    multi.add_collector(top.order_by_fast_field::<DateTime>("date", Order::Desc));
                let mut fruit = searcher.search(&*built.full, &multi)?;
                let docs = h
                    .extract(&mut fruit)
                    .into_iter()
                    .map(|(_, a)| (None, a))
                    .collect();
                (docs, fruit)
            }
        };
        let total = count_handle.extract(&mut fruit);
        if let Some(handle) = aggs_handle {
            facets.extend(facets::from_aggregations(
                &plain,
                handle.extract(&mut fruit),
            )?);
        }
        if !drill.is_empty() {
            let inside = query::within_drilled_place(&self.index, f, req, built.full.box_clone());
            let aggs = AggregationCollector::from_aggs(
                facets::aggregation_request(&drill, &self.index.schema())?,
                AggregationLimitsGuard::default(),
            );
            facets.extend(facets::from_aggregations(
                &drill,
                searcher.search(&*inside, &aggs)?,
            )?);
        }

        let mut snippets = SnippetGenerator::create(&searcher, &*built.text_query, f.quote)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(scored.len());
        for (score, addr) in scored.into_iter().take(req.limit) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let json = doc
                .get_first(f.json)
                .and_then(|v| v.as_str())
                .unwrap_or("{}");
            if req.articles {
                let a: ArticleDoc = serde_json::from_str(json)
                    .map_err(|e| Error::Argument(format!("corrupt stored article: {e}")))?;
                hits.push(Hit::Article(Box::new(ArticleHit {
                    article: a.article,
                    quotes: a.quotes,
                    speakers: a.speakers,
                    places: a.places.into_iter().map(|p| p.name).collect(),
                    score,
                })));
            } else {
                let q: QuoteDoc = serde_json::from_str(json)
                    .map_err(|e| Error::Argument(format!("corrupt stored quote: {e}")))?;
                let snip = snippets.snippet(&q.quote);
                let (snippet, snippet_plain, highlights) = snippet_parts(&snip, &q.quote);
                hits.push(Hit::Quote(Box::new(QuoteHit {
                    places: q.places.iter().map(|p| p.name.clone()).collect(),
                    article_places: q.article_places.iter().map(|p| p.name.clone()).collect(),
                    quote: q.quote,
                    speaker: q.speaker,
                    speaker_title: q.speaker_title,
                    speaker_kind: q.speaker_kind,
                    cue: q.cue,
                    kind: q.kind,
                    start: q.start,
                    end: q.end,
                    article: std::sync::Arc::unwrap_or_clone(q.article),
                    snippet,
                    score,
                    highlights,
                    snippet_plain,
                })));
            }
        }
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }
}

/// (HTML snippet, plain snippet, highlight ranges in the plain snippet).
fn snippet_parts(snip: &Snippet, quote: &str) -> (String, String, Vec<std::ops::Range<usize>>) {
    // A quote short enough is shown whole, with the fragment's highlights moved into it;
    // a long one is cut to the fragment around the matches (or its start when none).
    let (plain, ranges): (String, Vec<std::ops::Range<usize>>) = if quote.len() <= SNIPPET_CHARS {
        let shift = if snip.fragment().is_empty() {
            None
        } else {
            quote.find(snip.fragment())
        };
        let ranges = match shift {
            Some(at) => snip
                .highlighted()
                .iter()
                .map(|r| r.start + at..r.end + at)
                .collect(),
            None => Vec::new(),
        };
        (quote.to_string(), ranges)
    } else if snip.fragment().is_empty() {
        (quote.chars().take(SNIPPET_CHARS).collect(), Vec::new())
    } else {
        (snip.fragment().to_string(), snip.highlighted().to_vec())
    };
    let mut html = String::with_capacity(plain.len() + 16);
    let mut at = 0;
    for r in &ranges {
        if r.start < at
            || r.end > plain.len()
            || !plain.is_char_boundary(r.start)
            || !plain.is_char_boundary(r.end)
        {
            continue;
        }
        html.push_str(&escape_html(&plain[at..r.start]));
        html.push_str("<b>");
        html.push_str(&escape_html(&plain[r.start..r.end]));
        html.push_str("</b>");
        at = r.end;
    }
    html.push_str(&escape_html(&plain[at..]));
    (html, plain, ranges)
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
