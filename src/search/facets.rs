//! Facet counts: which tag fields are counted for a search, and how.
//!
//! Two ways to count, same answers. A search with filters or query words counts with Tantivy
//! terms aggregations over the matching documents (columnar, only the top values become
//! strings). A search of *every* quote (or every article) needs no document at all: each
//! document type has its own tag fields (see `schema/fields.md`), so a value's count is its
//! term's document frequency, summed over segments — the term dictionaries answer in a
//! millisecond what the aggregation took a hundred for on a million documents. That shortcut
//! holds only while no segment has deleted documents (document frequencies still count them),
//! so an index with deletes not yet merged away falls back to the aggregation.

use super::{FacetValue, SearchRequest, FACET_TOP};
use crate::error::{Error, Result};
use crate::index::PLACE_SEP;
use std::collections::{BTreeMap, HashMap};
use tantivy::aggregation::agg_req::Aggregations;

/// One facet to count: its name in the output, the tag field counted, and for a drilled-down
/// place the path prefix its values must start with.
pub struct FacetSpec {
    pub name: &'static str,
    pub field: &'static str,
    pub prefix: Option<String>,
}

impl FacetSpec {
    /// A drilled-down place facet: counted over the matches inside that place only.
    pub fn is_drill(&self) -> bool {
        self.prefix.is_some()
    }
}

/// The facets of a search: place (top level, or the level under `--facet-place`), source and
/// year, plus speaker and kind for quotes; in the fields of the searched document type.
pub fn specs(req: &SearchRequest) -> Vec<FacetSpec> {
    let spec = |name, field| FacetSpec {
        name,
        field,
        prefix: None,
    };
    let drill: Vec<&str> = req
        .facet_place
        .as_deref()
        .unwrap_or("")
        .split(PLACE_SEP)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let [l1, l2, l3, source, year] = if req.articles {
        [
            "art_place_l1",
            "art_place_l2",
            "art_place_l3",
            "art_source_tag",
            "art_year",
        ]
    } else {
        ["place_l1", "place_l2", "place_l3", "source_tag", "year"]
    };
    let place = match drill.len() {
        0 => spec("place", l1),
        1 => FacetSpec {
            name: "place",
            field: l2,
            prefix: Some(format!("{}{PLACE_SEP}", drill[0])),
        },
        _ => FacetSpec {
            name: "place",
            field: l3,
            prefix: Some(format!("{}{PLACE_SEP}{}{PLACE_SEP}", drill[0], drill[1])),
        },
    };
    let mut out = vec![place, spec("source", source), spec("year", year)];
    if !req.articles {
        out.push(spec("speaker", "speaker_tag"));
        out.push(spec("kind", "kind"));
    }
    out
}

/// Whether the search matches every document of its type: no words, no filter.
pub fn matches_every_document(req: &SearchRequest) -> bool {
    let empty = |s: &Option<String>| s.as_deref().map(str::trim).unwrap_or("").is_empty();
    req.query.trim().is_empty()
        && empty(&req.speaker)
        && empty(&req.place)
        && empty(&req.source)
        && req.since.is_none()
        && req.until.is_none()
        && req.kind.is_none()
}

/// Terms aggregations over the tag fields.
pub fn aggregation_request(specs: &[&FacetSpec]) -> Result<Aggregations> {
    let mut req = serde_json::Map::new();
    for s in specs {
        // A drill-down filters values by prefix after counting: ask for many.
        let size = if s.is_drill() { 500 } else { FACET_TOP as u64 };
        req.insert(
            s.name.to_string(),
            serde_json::json!({"terms": {"field": s.field, "size": size, "segment_size": size.max(200)}}),
        );
    }
    serde_json::from_value(serde_json::Value::Object(req))
        .map_err(|e| Error::Argument(format!("facet request: {e}")))
}

/// The (value, count) buckets of each facet in an aggregation result.
pub fn from_aggregations(
    specs: &[&FacetSpec],
    aggs: &serde_json::Value,
) -> BTreeMap<String, Vec<FacetValue>> {
    specs
        .iter()
        .map(|s| {
            let buckets = aggs[s.name]["buckets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|b| Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?)));
            (s.name.to_string(), finish(s, buckets))
        })
        .collect()
}

/// Counts every facet over all documents of the searched type from the term dictionaries,
/// or `None` when a segment has deletes (then the caller aggregates).
pub fn from_term_dictionaries(
    searcher: &tantivy::Searcher,
    specs: &[FacetSpec],
) -> Result<Option<BTreeMap<String, Vec<FacetValue>>>> {
    if searcher.segment_readers().iter().any(|s| s.has_deletes()) {
        return Ok(None);
    }
    let schema = searcher.schema();
    let mut out = BTreeMap::new();
    for s in specs {
        let field = schema
            .get_field(s.field)
            .map_err(|_| Error::Argument(format!("the index has no field `{}`", s.field)))?;
        let mut counts: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let Ok(value) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                *counts.entry(value.to_string()).or_default() += stream.value().doc_freq as u64;
            }
        }
        out.insert(s.name.to_string(), finish(s, counts.into_iter()));
    }
    Ok(Some(out))
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
