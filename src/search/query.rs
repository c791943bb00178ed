//! Building a Tantivy query from a [`SearchRequest`]: the user's query text plus filters.
//!
//! Filters are exact and structural (speaker tokens as a phrase, place keywords over the
//! stored hierarchy, date ranges), so they never depend on scoring.

use super::{PlaceIn, SearchRequest};
use crate::error::{Error, Result};
use crate::index::{schema, Fields, ARTICLE, QUOTE};
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, QueryParser,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Index, Term};

/// Longest query text accepted, in bytes.
pub const MAX_QUERY_LEN: usize = 10_000;

/// The user's query alone (for snippets) and the whole query with filters.
pub struct BuiltQuery {
    pub text_query: Box<dyn Query>,
    pub full: Box<dyn Query>,
}

pub fn build(index: &Index, f: &Fields, req: &SearchRequest) -> Result<BuiltQuery> {
    let text = req.query.trim();
    if text.len() > MAX_QUERY_LEN {
        return Err(Error::Query(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_LEN}",
            text.len()
        )));
    }
    let text_query: Box<dyn Query> = if text.is_empty() {
        Box::new(AllQuery)
    } else {
        let default_fields = if req.articles {
            vec![f.title, f.text]
        } else {
            vec![f.quote]
        };
        let mut parser = QueryParser::for_index(index, default_fields);
        parser.set_conjunction_by_default();
        parser
            .parse_query(text)
            .map_err(|e| Error::Query(describe_parse_error(text, &e)))?
    };
    let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    let doc_type = if req.articles { ARTICLE } else { QUOTE };
    must.push((Occur::Must, term(f.doc_type, doc_type)));
    if let Some(s) = non_empty(&req.speaker) {
        must.push((Occur::Must, words_query(index, f.speaker, s)?));
    }
    if let Some(p) = non_empty(&req.place) {
        let key = keyword(index, p);
        let q: Box<dyn Query> = match (req.place_in, req.articles) {
            (PlaceIn::Quote, false) => term(f.quote_place, &key),
            (PlaceIn::Article, _) | (_, true) => term(f.article_place, &key),
            (PlaceIn::Any, false) => Box::new(BooleanQuery::new(vec![
                (Occur::Should, term(f.quote_place, &key)),
                (Occur::Should, term(f.article_place, &key)),
            ])),
        };
        must.push((Occur::Must, q));
    }
    if let Some(s) = non_empty(&req.source) {
        must.push((Occur::Must, term(f.source, &keyword(index, s))));
    }
    if let Some(k) = req.kind {
        if req.articles {
            return Err(Error::Argument(
                "--kind applies to quotes, not to --articles".into(),
            ));
        }
        must.push((Occur::Must, term(f.kind, k.as_str())));
    }
    if req.since.is_some() || req.until.is_some() {
        let lo = match req.since {
            Some(d) => Bound::Included(Term::from_field_date_for_search(f.date, d)),
            None => Bound::Unbounded,
        };
        let hi = match req.until {
            Some(d) => Bound::Excluded(Term::from_field_date_for_search(f.date, d)),
            None => Bound::Unbounded,
        };
        must.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
    }
    // Filters select; only the user's words score. Without words nothing is scored at all.
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = must
        .into_iter()
        .skip(1)
        .map(|(occur, q)| {
            (
                occur,
                Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>,
            )
        })
        .collect();
    if !text.is_empty() {
        clauses.push((Occur::Must, text_query.box_clone()));
    }
    Ok(BuiltQuery {
        text_query,
        full: Box::new(BooleanQuery::new(clauses)),
    })
}

/// `full` narrowed to the documents that name the place `--facet-place` drills into (its
/// last level), so counting its regions or cities visits only those documents.
pub fn within_drilled_place(
    index: &Index,
    f: &Fields,
    req: &SearchRequest,
    full: Box<dyn Query>,
) -> Box<dyn Query> {
    let last = req
        .facet_place
        .as_deref()
        .unwrap_or("")
        .split(crate::index::PLACE_SEP)
        .map(str::trim)
        .rfind(|s| !s.is_empty())
        .map(|p| keyword(index, p));
    match last {
        Some(key) if !key.is_empty() => Box::new(BooleanQuery::new(vec![
            (Occur::Must, full),
            (
                Occur::Must,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, term(f.quote_place, &key)),
                    (Occur::Should, term(f.article_place, &key)),
                ])),
            ),
        ])),
        _ => full,
    }
}

pub(crate) fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// A keyword value as the index stores it (lower-cased, accents folded).
fn keyword(index: &Index, value: &str) -> String {
    tokens(index, schema::KEYWORD, value)
        .into_iter()
        .next()
        .unwrap_or_default()
}

fn tokens(index: &Index, tokenizer: &str, value: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(mut analyzer) = index.tokenizers().get(tokenizer) {
        let mut stream = analyzer.token_stream(value);
        while let Some(tok) = stream.next() {
            out.push(tok.text.clone());
        }
    }
    out
}

/// The words of `value` as a phrase in `field`: `Aliyev` matches "Ilham Aliyev".
fn words_query(index: &Index, field: Field, value: &str) -> Result<Box<dyn Query>> {
    let toks = tokens(index, schema::WORDS, value);
    Ok(match toks.len() {
        0 => Box::new(EmptyQuery),
        1 => term(field, &toks[0]),
        _ => Box::new(PhraseQuery::new(
            toks.iter()
                .map(|t| Term::from_field_text(field, t))
                .collect(),
        )),
    })
}

/// A parse error in words, with the position of the problem where it can be found.
fn describe_parse_error(query: &str, e: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    let at = |needle: &str| query.find(needle).map(|i| query[..i].chars().count() + 1);
    match e {
        E::SyntaxError(msg) => {
            let pos = first_syntax_problem(query);
            match pos {
                Some((col, why)) => format!("syntax error at column {col}: {why} (in `{query}`)"),
                None => format!("syntax error in `{query}`: {msg}"),
            }
        }
        E::FieldDoesNotExist(field) => {
            let col = at(&format!("{field}:"))
                .map(|c| format!(" at column {c}"))
                .unwrap_or_default();
            format!(
                "unknown field `{field}`{col}; searchable fields are quote, title, text, speaker, source (use --speaker, --place, --kind for filters)"
            )
        }
        other => format!("{other} (in `{query}`)"),
    }
}

/// Finds the first unbalanced quote or parenthesis, the usual syntax mistakes.
fn first_syntax_problem(query: &str) -> Option<(usize, &'static str)> {
    let mut depth: Vec<usize> = Vec::new();
    let mut in_quote: Option<usize> = None;
    for (col, c) in query.chars().enumerate().map(|(i, c)| (i + 1, c)) {
        match c {
            '"' => in_quote = if in_quote.is_some() { None } else { Some(col) },
            '(' if in_quote.is_none() => depth.push(col),
            ')' if in_quote.is_none() && depth.pop().is_none() => {
                return Some((col, "`)` without a matching `(`"));
            }
            _ => {}
        }
    }
    if let Some(col) = in_quote {
        return Some((col, "a `\"` that is never closed"));
    }
    if let Some(col) = depth.pop() {
        return Some((col, "a `(` that is never closed"));
    }
    None
}

/// Parses a date for `--since`/`--until`: `2020`, `2020-03`, `2020-03-01` or RFC 3339.
/// `until` dates are exclusive ends, so a bare `--until 2020` means "before 2021".
pub fn parse_user_date(s: &str, is_end: bool) -> Result<DateTime> {
    let s = s.trim();
    let bad = || {
        Error::Argument(format!(
            "cannot read the date `{s}`; use YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339"
        ))
    };
    if let Some(d) = crate::index::parse_date(s).filter(|_| s.len() > 10) {
        return Ok(d);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |i: usize| {
        parts
            .get(i)
            .map(|p| p.parse::<u32>().map_err(|_| bad()))
            .transpose()
    };
    let y = num(0)?.ok_or_else(bad)? as i32;
    let (m, d) = (num(1)?, num(2)?);
    let start =
        chrono::NaiveDate::from_ymd_opt(y, m.unwrap_or(1), d.unwrap_or(1)).ok_or_else(bad)?;
    let date = if !is_end {
        start
    } else if d.is_some() {
        start.succ_opt().ok_or_else(bad)?
    } else if m.is_some() {
        start
            .checked_add_months(chrono::Months::new(1))
            .ok_or_else(bad)?
    } else {
        start.with_year(y + 1).ok_or_else(bad)?
    };
    let ts = date
        .and_hms_opt(0, 0, 0)
        .ok_or_else(bad)?
        .and_utc()
        .timestamp();
    Ok(DateTime::from_timestamp_secs(ts))
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_problems_have_a_column() {
        assert_eq!(
            first_syntax_problem("\"drones AND"),
            Some((1, "a `\"` that is never closed"))
        );
        assert_eq!(
            first_syntax_problem("a)"),
            Some((2, "`)` without a matching `(`"))
        );
        assert_eq!(
            first_syntax_problem("(a OR b) AND (c"),
            Some((14, "a `(` that is never closed"))
        );
        assert_eq!(first_syntax_problem("(a OR b)"), None);
    }

    #[test]
    fn user_dates_are_ranges() -> Result<()> {
        let y = |s, e| parse_user_date(s, e).map(|d| d.into_timestamp_secs());
        assert_eq!(y("2020", false)?, 1577836800); // 2020-01-01
        assert_eq!(y("2020", true)?, 1609459200); // 2021-01-01, exclusive
        assert_eq!(y("2020-02", true)?, 1583020800); // 2020-03-01
        assert_eq!(y("2020-02-28", true)?, 1582934400); // 2020-02-29
        assert!(parse_user_date("yesterday", false).is_err());
        Ok(())
    }
}
