//! The index schema, in one place.
//!
//! [`FIELDS`] is the single source of truth: the Tantivy schema is built from it, and a test
//! checks it against `schema/fields.md`, the table users read. Every document stores its
//! whole serde JSON in `json`; the other fields exist only to be searched, filtered, sorted
//! or counted.

use tantivy::schema::{
    DateOptions, DateTimePrecision, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions, STORED,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{Index, IndexSettings};

/// Tokenizer for prose fields: words, lower-cased, accents folded ("Montréal" = "montreal").
pub const WORDS: &str = "whosaid_words";
/// Tokenizer for keyword fields: the whole value, lower-cased.
pub const KEYWORD: &str = "whosaid_keyword";

/// What kind of field, as written in `schema/fields.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Full text with positions (phrases), tokenizer [`WORDS`].
    Text,
    /// Full text without positions (no phrase queries; a third of the size), tokenizer [`WORDS`].
    Body,
    /// A keyword matched whole and case-insensitively, tokenizer [`KEYWORD`].
    Keyword,
    /// Exact string, not tokenized.
    Raw,
    /// Stored only, not searchable.
    Stored,
    /// A date (seconds) kept as a fast field: sorted and range-filtered on the column, so it
    /// needs no inverted index (Tantivy's range query reads the column of a fast field).
    Date,
    /// A number kept as a fast field (read per document), not searchable.
    U64,
    /// A number that is searchable (deletes by it), not a fast field.
    Key,
    /// An exact string that is also a fast field, for filters and facet counts.
    Tag,
    /// An exact string kept as a fast field only: a facet always counted by aggregation
    /// (speakers: too many values for the term dictionary to be the cheaper way).
    Column,
}

impl FieldType {
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Body => "body",
            FieldType::Keyword => "keyword",
            FieldType::Raw => "raw",
            FieldType::Stored => "stored",
            FieldType::Date => "date",
            FieldType::U64 => "u64",
            FieldType::Key => "key",
            FieldType::Tag => "tag",
            FieldType::Column => "column",
        }
    }
}

/// One field of the index.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: FieldType,
    /// Which documents carry it: "quote", "article" or "both".
    pub on: &'static str,
    pub doc: &'static str,
}

macro_rules! field {
    ($name:literal, $ty:ident, $on:literal, $doc:literal) => {
        FieldSpec {
            name: $name,
            ty: FieldType::$ty,
            on: $on,
            doc: $doc,
        }
    };
}

/// Every field of the index. Keep `schema/fields.md` in step (a test checks it).
pub const FIELDS: &[FieldSpec] = &[
    field!("doc_type", Raw, "both", "`quote` or `article`"),
    field!("article_id", Raw, "both", "the article's stable id"),
    field!(
        "json",
        Stored,
        "both",
        "the whole document as JSON (`QuoteDoc` or `ArticleDoc`, see `search.schema.json`)"
    ),
    field!("quote", Text, "quote", "the quote text"),
    field!(
        "text",
        Body,
        "article",
        "the article body (indexed without positions, not stored)"
    ),
    field!("title", Text, "article", "the article title"),
    field!(
        "speaker",
        Text,
        "both",
        "canonical speaker (on articles: every speaker)"
    ),
    field!("speaker_kind", Raw, "quote", "`person` or `organisation`"),
    field!("kind", Tag, "quote", "`direct`, `mixed` or `indirect`"),
    field!(
        "quote_place",
        Keyword,
        "quote",
        "places named in the quote, with every ancestor and the country code"
    ),
    field!(
        "article_place",
        Keyword,
        "both",
        "places of the article, with every ancestor and the country code"
    ),
    field!("source", Keyword, "both", "publisher or site"),
    field!(
        "date",
        Date,
        "both",
        "publication date, UTC, seconds; fast field for sorting and date ranges"
    ),
    field!(
        "id_key",
        Key,
        "both",
        "xxh3 of the article id: deleting it removes the article and its quotes; its terms list what is indexed"
    ),
    field!(
        "content_hash",
        U64,
        "article",
        "xxh3 of the article's content (finds unchanged articles on re-index)"
    ),
    field!(
        "file_hash",
        U64,
        "article",
        "xxh3 of the file's path (finds articles a re-read file no longer holds)"
    ),
    field!(
        "speaker_tag",
        Column,
        "quote",
        "canonical speaker, exact: the speaker facet"
    ),
    field!(
        "source_tag",
        Tag,
        "quote",
        "publisher or site, exact: the source facet"
    ),
    field!("year", Tag, "quote", "`2020`: the year facet"),
    field!(
        "place_l1",
        Tag,
        "quote",
        "`France`: every country (or top-level region) of the quote's and its article's places"
    ),
    field!(
        "place_l2",
        Tag,
        "quote",
        "`France/Île-de-France`: every first-level region, under its country"
    ),
    field!(
        "place_l3",
        Tag,
        "quote",
        "`France/Île-de-France/Paris`: every city, under its region"
    ),
    field!(
        "art_source_tag",
        Tag,
        "article",
        "the source facet of articles (`--articles`)"
    ),
    field!("art_year", Tag, "article", "the year facet of articles"),
    field!(
        "art_place_l1",
        Tag,
        "article",
        "the place facets of articles, as `place_l1`"
    ),
    field!("art_place_l2", Tag, "article", "as `place_l2`"),
    field!("art_place_l3", Tag, "article", "as `place_l3`"),
];

/// Builds the Tantivy schema from [`FIELDS`].
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    for f in FIELDS {
        match f.ty {
            FieldType::Text => {
                let idx = TextFieldIndexing::default()
                    .set_tokenizer(WORDS)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                b.add_text_field(f.name, TextOptions::default().set_indexing_options(idx));
            }
            FieldType::Body => {
                let idx = TextFieldIndexing::default()
                    .set_tokenizer(WORDS)
                    .set_index_option(IndexRecordOption::WithFreqs);
                b.add_text_field(f.name, TextOptions::default().set_indexing_options(idx));
            }
            FieldType::Keyword => {
                let idx = TextFieldIndexing::default()
                    .set_tokenizer(KEYWORD)
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false);
                b.add_text_field(f.name, TextOptions::default().set_indexing_options(idx));
            }
            FieldType::Raw => {
                let idx = TextFieldIndexing::default()
                    .set_tokenizer("raw")
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false);
                b.add_text_field(f.name, TextOptions::default().set_indexing_options(idx));
            }
            FieldType::Stored => {
                b.add_text_field(f.name, STORED);
            }
            FieldType::Date => {
                let opts = DateOptions::default()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds);
                b.add_date_field(f.name, opts);
            }
            FieldType::U64 => {
                b.add_u64_field(f.name, NumericOptions::default().set_fast());
            }
            FieldType::Key => {
                let opts = NumericOptions::default().set_indexed();
                b.add_u64_field(f.name, opts);
            }
            FieldType::Tag => {
                let idx = TextFieldIndexing::default()
                    .set_tokenizer("raw")
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false);
                let opts = TextOptions::default()
                    .set_indexing_options(idx)
                    .set_fast(None);
                b.add_text_field(f.name, opts);
            }
            FieldType::Column => {
                b.add_text_field(f.name, TextOptions::default().set_fast(None));
            }
        }
    }
    b.build()
}

/// Index settings: a zstd-compressed document store in large blocks, because the stored JSON
/// repeats article fields from quote to quote, and each block pays in full for the first copy
/// of the article fields (and the article's places) its quotes share: on the corpora, 256 KiB
/// blocks store 11% less than 128 KiB ones, for about 0.5 ms more CPU per `whosaid search`
/// process (a hit decompresses its block). Level 2 rather than 5: on 10.8 MB of BBC and
/// ChronAm it cut `whosaid index`'s instructions by 7% (9.67 → 8.98 G, callgrind) for a 2%
/// larger index; level 1 saved 0.5% more for 3% more index. (Tantivy's default feature that also
/// zstd-compresses fast-field dictionaries is off in `Cargo.toml`: it made facet counting ten
/// times slower, decompressing a dictionary block per distinct value.)
pub fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(2),
        }),
        docstore_blocksize: 256 * 1024,
        ..IndexSettings::default()
    }
}

/// Registers whosaid's tokenizers on an index: needed after every create or open.
pub fn register_tokenizers(index: &Index) {
    // Tantivy's simple tokenizer, long-word removal, lower-casing and folding, in one pass.
    let words = TextAnalyzer::from(super::words::WordsTokenizer::default());
    let keyword = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(WORDS, words);
    index.tokenizers().register(KEYWORD, keyword);
}
