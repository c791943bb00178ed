//! The Tantivy index: schema, opening, and turning [`crate::docs`] structs into documents.
//!
//! Searching needs only this module and [`crate::docs`]: never the extractor or gazetteer.

pub mod read_only;
pub mod schema;
pub mod words;
pub mod writer;

use crate::docs::{ArticleDocs, PlaceRef, QuoteDoc, SharedJson};
use crate::error::{Error, Result};
use rustc_hash::FxHashSet;
use std::path::Path;
use tantivy::schema::{Field, Schema};
use tantivy::{DateTime, Index, TantivyDocument};

/// Field handles, resolved once from the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub doc_type: Field,
    pub article_id: Field,
    pub json: Field,
    pub quote: Field,
    pub text: Field,
    pub title: Field,
    pub speaker: Field,
    pub speaker_kind: Field,
    pub kind: Field,
    pub quote_place: Field,
    pub article_place: Field,
    pub source: Field,
    pub date: Field,
    pub id_key: Field,
    pub content_hash: Field,
    pub file_hash: Field,
    pub speaker_tag: Field,
    /// The facet tags of quote documents.
    pub quote_tags: FacetTags,
    /// The facet tags of article documents, apart from the quotes' (see [`FacetTags`]).
    pub article_tags: FacetTags,
}

/// One document type's facet tag fields. Quote and article documents count their facets in
/// fields of their own, so a facet over every document of one type is the term dictionary's
/// document frequencies: no document needs to be visited.
#[derive(Debug, Clone, Copy)]
pub struct FacetTags {
    pub source_tag: Field,
    pub year: Field,
    pub place_levels: [Field; 3],
}

impl Fields {
    pub fn new(schema: &Schema) -> Result<Self> {
        let f = |name: &str| {
            schema.get_field(name).map_err(|_| {
                Error::Argument(format!(
                    "the index has no field `{name}`: it was made by another version of whosaid; re-index with --rebuild"
                ))
            })
        };
        Ok(Fields {
            doc_type: f("doc_type")?,
            article_id: f("article_id")?,
            json: f("json")?,
            quote: f("quote")?,
            text: f("text")?,
            title: f("title")?,
            speaker: f("speaker")?,
            speaker_kind: f("speaker_kind")?,
            kind: f("kind")?,
            quote_place: f("quote_place")?,
            article_place: f("article_place")?,
            source: f("source")?,
            date: f("date")?,
            id_key: f("id_key")?,
            content_hash: f("content_hash")?,
            file_hash: f("file_hash")?,
            speaker_tag: f("speaker_tag")?,
            quote_tags: FacetTags {
                source_tag: f("source_tag")?,
                year: f("year")?,
                place_levels: [f("place_l1")?, f("place_l2")?, f("place_l3")?],
            },
            article_tags: FacetTags {
                source_tag: f("art_source_tag")?,
                year: f("art_year")?,
                place_levels: [f("art_place_l1")?, f("art_place_l2")?, f("art_place_l3")?],
            },
        })
    }
}

pub const QUOTE: &str = "quote";
pub const ARTICLE: &str = "article";

/// Opens an existing index (for searching), with whosaid's tokenizers.
pub fn open(dir: &Path) -> Result<(Index, Fields)> {
    if !dir.join("meta.json").is_file() {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let directory = read_only::SearchDirectory::open(dir).map_err(|e| Error::OpenIndex {
        path: dir.to_path_buf(),
        source: tantivy::TantivyError::from(e),
    })?;
    let index = Index::open(directory).map_err(|source| Error::OpenIndex {
        path: dir.to_path_buf(),
        source,
    })?;
    schema::register_tokenizers(&index);
    let fields = Fields::new(&index.schema())?;
    Ok((index, fields))
}

/// Opens the index at `dir`, creating it (and the folder) when absent.
pub fn open_or_create(dir: &Path) -> Result<(Index, Fields)> {
    if dir.join("meta.json").is_file() {
        return open(dir);
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::io(
            format!("cannot create the index folder {}", dir.display()),
            e,
        )
    })?;
    // A run killed while Tantivy created the index leaves its bookkeeping files but no
    // meta.json: they are cleared, so re-running the same command completes the job.
    let Some(leftovers) = creation_leftovers(dir)? else {
        return Err(Error::NotAnIndex {
            path: dir.to_path_buf(),
        });
    };
    for file in leftovers {
        std::fs::remove_file(&file).map_err(|e| {
            Error::io(
                format!(
                    "cannot remove {} (left by an interrupted run)",
                    file.display()
                ),
                e,
            )
        })?;
    }
    let index = Index::builder()
        .schema(schema::build_schema())
        .settings(schema::index_settings())
        .create_in_dir(dir)
        .map_err(|source| Error::OpenIndex {
            path: dir.to_path_buf(),
            source,
        })?;
    schema::register_tokenizers(&index);
    let fields = Fields::new(&index.schema())?;
    Ok((index, fields))
}

/// Removes an index's files (for `--rebuild`), refusing to touch a folder that is not one.
pub fn remove(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.join("meta.json").is_file() {
        // An empty folder, or one an interrupted creation left: `open_or_create` clears it.
        return match creation_leftovers(dir)? {
            Some(_) => Ok(()),
            None => Err(Error::NotAnIndex {
                path: dir.to_path_buf(),
            }),
        };
    }
    // meta.json goes last: a run killed while removing leaves a folder still known as an
    // index, so the same `--rebuild` run again finishes the job.
    let cannot = |e| Error::io(format!("cannot remove the old index {}", dir.display()), e);
    for entry in std::fs::read_dir(dir).map_err(cannot)? {
        let path = entry.map_err(cannot)?.path();
        if path.file_name() == Some("meta.json".as_ref()) {
            continue;
        }
        if path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(cannot)?;
        } else {
            std::fs::remove_file(&path).map_err(cannot)?;
        }
    }
    std::fs::remove_file(dir.join("meta.json")).map_err(cannot)?;
    std::fs::remove_dir(dir).map_err(cannot)
}

/// The files in `dir` when they are all ones that creating an index writes before its
/// meta.json (Tantivy's list of managed files, its temporary files for atomic writes and its
/// locks, whosaid's write probe); `None` when anything else is there. An empty folder gives
/// an empty list.
fn creation_leftovers(dir: &Path) -> Result<Option<Vec<std::path::PathBuf>>> {
    let cannot_read = |e| Error::io(format!("cannot read {}", dir.display()), e);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(cannot_read)? {
        let entry = entry.map_err(cannot_read)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let bookkeeping = name == ".managed.json"
            || name == ".whosaid-write-probe"
            || name.starts_with(".tmp")
            || name.starts_with(".tantivy-");
        if !bookkeeping || !entry.file_type().map_err(cannot_read)?.is_file() {
            return Ok(None);
        }
        files.push(entry.path());
    }
    Ok(Some(files))
}

/// Parses an RFC 3339 date (as readers normalise them) into a Tantivy date.
pub fn parse_date(s: &str) -> Option<DateTime> {
    let dt = chrono::DateTime::parse_from_rfc3339(s).ok().or_else(|| {
        chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)
            .map(|n| n.and_utc().fixed_offset())
    })?;
    Some(DateTime::from_timestamp_secs(dt.timestamp()))
}

fn year_of(date: &Option<String>) -> Option<String> {
    let d = date.as_deref()?;
    let y = d.get(..4)?;
    (y.bytes().all(|b| b.is_ascii_digit()) && parse_date(d).is_some()).then(|| y.to_string())
}

/// Every searchable name of `places` for a keyword field: each level of each place's
/// hierarchy and its country code(s), once each, in order of first appearance.
fn place_terms(places: &[PlaceRef]) -> Vec<&str> {
    // Fx, not SipHash: the set is only probed (the order is the Vec's), and hashing these
    // short names was a tenth of building the documents.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    places
        .iter()
        .flat_map(|p| {
            p.path
                .iter()
                .map(String::as_str)
                .chain(p.country_code.split('|'))
        })
        .filter(|name| !name.is_empty() && seen.insert(name))
        .collect()
}

/// Separator of place levels in the `place_l*` tags (`France/Île-de-France/Paris`).
pub const PLACE_SEP: char = '/';

/// The facet tags of `places`: (level 0..3, `France/Île-de-France/Paris`), once each.
fn place_levels(places: &[PlaceRef]) -> Vec<(usize, String)> {
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut out = Vec::new();
    for p in places {
        let mut path = String::new();
        for (level, name) in p.path.iter().take(3).enumerate() {
            if level > 0 {
                path.push(PLACE_SEP);
            }
            // A separator inside a name would read as another level.
            if name.contains(PLACE_SEP) {
                path.push_str(&name.replace(PLACE_SEP, "-"));
            } else {
                path.push_str(name);
            }
            // Copied only when new (most tags repeat from place to place).
            if !seen.contains(&path) {
                seen.insert(path.clone());
                out.push((level, path.clone()));
            }
        }
    }
    out
}

/// Turns one article's documents into Tantivy documents: the article first, then its quotes.
pub fn to_tantivy(
    f: &Fields,
    docs: &ArticleDocs,
    id_hash: u64,
    content_hash: u64,
    file_hash: u64,
) -> Vec<TantivyDocument> {
    let a = &docs.article;
    let art = &a.article;
    let date = art.date.as_deref().and_then(parse_date);
    let year = year_of(&art.date);
    // The article's places, computed once: a quote's places are among its article's, so
    // every quote document carries the same article terms and level tags.
    let article_terms = place_terms(&a.places);
    let levels = place_levels(&a.places);
    let common = |doc: &mut TantivyDocument, tags: FacetTags| {
        doc.add_text(f.article_id, &art.id);
        doc.add_u64(f.id_key, id_hash);
        if let Some(s) = &art.source {
            doc.add_text(f.source, s);
            doc.add_text(tags.source_tag, s);
        }
        if let Some(d) = date {
            doc.add_date(f.date, d);
        }
        if let Some(y) = &year {
            doc.add_text(tags.year, y);
        }
        for t in &article_terms {
            doc.add_text(f.article_place, t);
        }
        for (level, tag) in &levels {
            doc.add_text(tags.place_levels[*level], tag);
        }
    };
    let mut out = Vec::with_capacity(1 + docs.quotes.len());
    // The article's part of every quote's JSON, serialised once; the article document's own
    // JSON is made from the same pieces when it can be.
    let shared = docs.quotes.first().and_then(|q| SharedJson::new(q).ok());
    let article_json = shared
        .as_ref()
        .and_then(|s| s.article_doc_json(a))
        .unwrap_or_else(|| serde_json::to_string(a).unwrap_or_default());
    // Room for the body and the JSON up front: the default 1 KiB grew by doubling, copying
    // the body each time.
    let mut doc = TantivyDocument::with_capacity(docs.text.len() + article_json.len() + 1024);
    doc.add_text(f.doc_type, ARTICLE);
    common(&mut doc, f.article_tags);
    if let Some(t) = &art.title {
        doc.add_text(f.title, t);
    }
    doc.add_text(f.text, &docs.text);
    for s in &a.speakers {
        doc.add_text(f.speaker, s);
    }
    doc.add_u64(f.content_hash, content_hash);
    doc.add_u64(f.file_hash, file_hash);
    doc.add_text(f.json, article_json);
    out.push(doc);
    if docs.quotes.is_empty() {
        return out;
    }
    // Every quote document opens with the same values (its type, then its article's): they
    // are added once, to a head that each quote document starts as a copy of. Adding them
    // value by value to each quote was most of the cost of building quote documents.
    let mut head = TantivyDocument::default();
    head.add_text(f.doc_type, QUOTE);
    common(&mut head, f.quote_tags);
    for q in &docs.quotes {
        let json = q.to_json(shared.as_ref()).unwrap_or_default();
        let mut doc = head.clone();
        doc.node_data.reserve(quote_bytes(q, &json));
        doc.add_text(f.quote, &q.quote);
        if let Some(s) = &q.speaker {
            doc.add_text(f.speaker, s);
            doc.add_text(f.speaker_tag, s);
        }
        if let Some(k) = &q.speaker_kind {
            doc.add_text(f.speaker_kind, k);
        }
        doc.add_text(f.kind, &q.kind);
        for t in place_terms(&q.places) {
            doc.add_text(f.quote_place, t);
        }
        doc.add_text(f.json, json);
        out.push(doc);
    }
    out
}

/// About how many bytes the values a quote adds to its head take in a Tantivy document (each
/// value is its bytes plus a short length), so that they are added without regrowing it.
fn quote_bytes(q: &QuoteDoc, json: &str) -> usize {
    let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    let places: usize = q
        .places
        .iter()
        .map(|p| p.path.iter().map(String::len).sum::<usize>() + p.country_code.len())
        .sum();
    q.quote.len()
        + 2 * opt(&q.speaker)
        + opt(&q.speaker_kind)
        + q.kind.len()
        + places
        + json.len()
        + 64
}

/// xxh3 of an article id, the key of the "already indexed" map.
pub fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}
