//! Facet counts: which tag fields are counted for a search, and how.
//!
//! Two ways to count, same answers. A search with words or filters counts with Tantivy terms
//! aggregations over its matches (columnar: only the top values become strings). A search of
//! *every* quote (or every article) may need no document at all: each document type has its
//! own tag fields (see `schema/fields.md`), so a value's count is its term's document
//! frequency, summed over segments. The term dictionary is used where it is small next to the
//! documents (places, sources, years, kinds, a drilled-down place's range of regions or
//! cities); a field with about a value per few documents (speakers) is cheaper to aggregate,
//! and is not indexed at all.
//! Document frequencies still count deleted documents until a merge removes them, so an index
//! with deletes always aggregates.

use super::query::non_empty;
use super::{FacetValue, SearchRequest, FACET_TOP};
use crate::error::{Error, Result};
use crate::index::{Fields, PLACE_SEP};
use std::collections::{BTreeMap, HashMap};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::schema::{Field, Schema};

/// One facet to count: its name in the output, the tag field counted, and for a drilled-down
/// place the path prefix its values must start with.
pub struct FacetSpec {
    pub name: &'static str,
    pub field: Field,
    pub prefix: Option<String>,
    /// For the place facet: the searched document type's three level fields.
    pub place_levels: Option<[Field; 3]>,
}

impl FacetSpec {
    /// A drilled-down place facet: counted over the matches inside that place only.
    pub fn is_drill(&self) -> bool {
        self.prefix.is_some()
    }
}

/// The facets of a search: place (top level, or the level under `--facet-place`), source and
/// year, plus speaker and kind for quotes; in the fields of the searched document type.
pub fn specs(req: &SearchRequest, f: &Fields) -> Vec<FacetSpec> {
    let spec = |name, field| FacetSpec {
        name,
        field,
        prefix: None,
        place_levels: None,
    };
    let drill: Vec<&str> = req
        .facet_place
        .as_deref()
        .unwrap_or("")
        .split(PLACE_SEP)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let tags = if req.articles {
        f.article_tags
    } else {
        f.quote_tags
    };
    let [l1, l2, l3] = tags.place_levels;
    let (field, prefix) = match drill.len() {
        0 => (l1, None),
        1 => (l2, Some(format!("{}{PLACE_SEP}", drill[0]))),
        _ => (
            l3,
            Some(format!("{}{PLACE_SEP}{}{PLACE_SEP}", drill[0], drill[1])),
        ),
    };
    let place = FacetSpec {
        name: "place",
        field,
        prefix,
        place_levels: Some([l1, l2, l3]),
    };
    let mut out = vec![
        place,
        spec("source", tags.source_tag),
        spec("year", tags.year),
    ];
    if !req.articles {
        out.push(spec("speaker", f.speaker_tag));
        out.push(spec("kind", f.kind));
    }
    out
}

/// Whether the search matches every document of its type: no words, no filter.
pub fn matches_every_document(req: &SearchRequest) -> bool {
    req.query.trim().is_empty()
        && non_empty(&req.speaker).is_none()
        && non_empty(&req.place).is_none()
        && non_empty(&req.source).is_none()
        && req.since.is_none()
        && req.until.is_none()
        && req.kind.is_none()
}

/// Terms aggregations over the tag fields.
pub fn aggregation_request(specs: &[&FacetSpec], schema: &Schema) -> Result<Aggregations> {
    let mut req = serde_json::Map::new();
    for s in specs {
        // A drill-down filters values by prefix after counting: ask for many.
        let size = if s.is_drill() { 500 } else { FACET_TOP as u64 };
        req.insert(
            s.name.to_string(),
            serde_json::json!({"terms": {"field": schema.get_field_name(s.field), "size": size, "segment_size": size.max(200)}}),
        );
    }
    serde_json::from_value(serde_json::Value::Object(req))
        .map_err(|e| Error::Argument(format!("facet request: {e}")))
}

/// The listed values of each facet in an aggregation result.
pub fn from_aggregations(
    specs: &[&FacetSpec],
    results: AggregationResults,
) -> Result<BTreeMap<String, Vec<FacetValue>>> {
    let aggs = serde_json::to_value(results)
        .map_err(|e| Error::Argument(format!("cannot read facet counts: {e}")))?;
    Ok(specs
        .iter()
        .map(|s| {
            let buckets = aggs[s.name]["buckets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|b| Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?)));
            (s.name.to_string(), finish(s, buckets))
        })
        .collect())
}

/// Counts one facet over all documents of the searched type from the term dictionaries, or
/// `None` where aggregating is the better way: a segment has deletes, or the field has so
/// many distinct values that reading them all costs more than visiting documents (speakers,
/// which the index keeps as a column only for that reason).
pub fn from_term_dictionaries(
    searcher: &tantivy::Searcher,
    spec: &FacetSpec,
) -> Result<Option<Vec<FacetValue>>> {
    let segments = searcher.segment_readers();
    let indexed = searcher.schema().get_field_entry(spec.field).is_indexed();
    if !indexed || segments.iter().any(|s| s.has_deletes()) {
        return Ok(None);
    }
    let field = spec.field;
    let Some(prefix) = spec.prefix.as_deref() else {
        let mut terms = 0u64;
        for segment in segments {
            terms += segment.inverted_index(field)?.terms().num_terms() as u64;
        }
        if terms * MAX_TERMS_PER_DOC_RATIO > searcher.num_docs() {
            return Ok(None);
        }
        let counts = doc_freqs(searcher, field, b"", None)?;
        return Ok(Some(finish(spec, counts.into_iter())));
    };
    // A drill-down: the values under one place, a range of the term dictionary once the
    // place's spelling in the index is known (the user's may differ in case).
    let Some(canonical) = canonical_place_prefix(searcher, spec, prefix)? else {
        return Ok(Some(Vec::new()));
    };
    let counts = doc_freqs(
        searcher,
        field,
        canonical.as_bytes(),
        Some(&range_end(&canonical)),
    )?;
    Ok(Some(finish(spec, counts.into_iter())))
}

/// The term dictionary answers a facet when its field has at most one distinct value per
/// this many documents.
const MAX_TERMS_PER_DOC_RATIO: u64 = 16;

/// Document frequencies of the terms of `field` in `[from, to)`, summed over segments.
fn doc_freqs(
    searcher: &tantivy::Searcher,
    field: Field,
    from: &[u8],
    to: Option<&[u8]>,
) -> Result<HashMap<String, u64>> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut range = inverted.terms().range().ge(from);
        if let Some(to) = to {
            range = range.lt(to);
        }
        let mut stream = range.into_stream().map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let Ok(value) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let n = stream.value().doc_freq as u64;
            match counts.get_mut(value) {
                Some(c) => *c += n,
                None => {
                    counts.insert(value.to_string(), n);
                }
            }
        }
    }
    Ok(counts)
}

/// The first key after every key that starts with `prefix` (which ends with the separator).
fn range_end(prefix: &str) -> Vec<u8> {
    let mut end = prefix.as_bytes().to_vec();
    if let Some(last) = end.last_mut() {
        *last += 1;
    }
    end
}

/// The index's spelling of a drill-down prefix typed in any case (`united states/texas/` →
/// `United States/Texas/`), level by level: the countries' dictionary is small, and each
/// region is looked up in its country's range only.
fn canonical_place_prefix(
    searcher: &tantivy::Searcher,
    spec: &FacetSpec,
    prefix: &str,
) -> Result<Option<String>> {
    let Some(level_fields) = spec.place_levels else {
        return Ok(None);
    };
    let levels = prefix.split(PLACE_SEP).filter(|s| !s.is_empty());
    let mut canonical = String::new();
    for (wanted, level_field) in levels.zip(level_fields) {
        let (from, to) = if canonical.is_empty() {
            (Vec::new(), None)
        } else {
            (canonical.as_bytes().to_vec(), Some(range_end(&canonical)))
        };
        let terms = doc_freqs(searcher, level_field, &from, to.as_deref())?;
        let wanted = format!("{canonical}{wanted}").to_lowercase();
        match terms.into_keys().find(|t| t.to_lowercase() == wanted) {
            Some(t) => canonical = format!("{t}{PLACE_SEP}"),
            None => return Ok(None),
        }
    }
    Ok(Some(canonical))
}

/// From raw buckets to the listed values: the drill-down prefix applied (case-insensitively),
/// place values named by their last level, the top [`FACET_TOP`] by count (years then newest
/// first).
fn finish(spec: &FacetSpec, buckets: impl Iterator<Item = (String, u64)>) -> Vec<FacetValue> {
    let prefix = spec.prefix.as_deref().map(str::to_lowercase);
    let place = spec.name == "place";
    let mut vals: Vec<FacetValue> = buckets
        .filter(|(key, _)| {
            prefix
                .as_deref()
                .is_none_or(|p| key.to_lowercase().starts_with(p))
        })
        .map(|(key, count)| FacetValue {
            value: if place {
                key.rsplit(PLACE_SEP).next().unwrap_or(&key).to_string()
            } else {
                key.clone()
            },
            path: place.then_some(key),
            count,
        })
        .collect();
    vals.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    vals.truncate(FACET_TOP);
    if spec.name == "year" {
        vals.sort_by(|a, b| b.value.cmp(&a.value));
    }
    vals
}
