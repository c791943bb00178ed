//! Printing search results as text, JSON, JSONL or CSV.
//!
//! JSON is the contract (`schema/search.schema.json`); text is for people (highlighted with
//! ANSI bold on a terminal), CSV for spreadsheets, JSONL for pipelines (one hit a line).

use super::{Hit, SearchResults};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Csv,
}

pub fn render(
    out: &mut dyn Write,
    res: &SearchResults,
    format: Format,
    color: bool,
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, res)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for hit in &res.hits {
                serde_json::to_writer(&mut *out, hit)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => csv(out, res),
        Format::Text => text(out, res, color),
    }
}

fn highlight(plain: &str, ranges: &[std::ops::Range<usize>], color: bool) -> String {
    let (on, off) = if color {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut s = String::with_capacity(plain.len() + 8 * ranges.len());
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > plain.len()
            || !plain.is_char_boundary(r.start)
            || !plain.is_char_boundary(r.end)
        {
            continue;
        }
        s.push_str(&plain[at..r.start]);
        s.push_str(on);
        s.push_str(&plain[r.start..r.end]);
        s.push_str(off);
        at = r.end;
    }
    s.push_str(&plain[at..]);
    s
}

fn text(out: &mut dyn Write, res: &SearchResults, color: bool) -> std::io::Result<()> {
    let noun = if res.hits.iter().any(|h| matches!(h, Hit::Article(_))) {
        "articles"
    } else {
        "quotes"
    };
    writeln!(out, "{} {noun} match.", res.total)?;
    for (i, hit) in res.hits.iter().enumerate() {
        writeln!(out)?;
        match hit {
            Hit::Quote(q) => {
                let text = highlight(&q.snippet_plain, &q.highlights, color);
                // Direct quotes carry their own marks; reported speech gets none.
                writeln!(out, "{}. {text}", i + 1)?;
                let who = match (&q.speaker, &q.speaker_title) {
                    (Some(s), Some(t)) => format!("{s} ({t})"),
                    (Some(s), None) => s.clone(),
                    _ => "unknown speaker".into(),
                };
                writeln!(
                    out,
                    "   — {who}, {} quote{}",
                    q.kind,
                    q.cue
                        .as_deref()
                        .map(|c| format!(", cue \u{201c}{c}\u{201d}"))
                        .unwrap_or_default()
                )?;
                write_article_line(out, &q.article)?;
                if !q.places.is_empty() {
                    writeln!(out, "   places in quote: {}", q.places.join(", "))?;
                }
            }
            Hit::Article(a) => {
                writeln!(
                    out,
                    "{}. {}",
                    i + 1,
                    a.article.title.as_deref().unwrap_or("(untitled)")
                )?;
                write_article_line(out, &a.article)?;
                writeln!(
                    out,
                    "   {} quotes; speakers: {}",
                    a.quotes,
                    a.speakers
                        .iter()
                        .take(5)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
                if !a.places.is_empty() {
                    writeln!(
                        out,
                        "   places: {}",
                        a.places
                            .iter()
                            .take(8)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    )?;
                }
            }
        }
    }
    if res.facets.values().any(|v| !v.is_empty()) {
        writeln!(out, "\nFacets:")?;
        for (name, vals) in &res.facets {
            if vals.is_empty() {
                continue;
            }
            let list: Vec<String> = vals
                .iter()
                .take(10)
                .map(|v| format!("{} ({})", v.value, v.count))
                .collect();
            writeln!(out, "  {name}: {}", list.join(", "))?;
        }
    }
    Ok(())
}

fn write_article_line(out: &mut dyn Write, a: &crate::docs::ArticleRef) -> std::io::Result<()> {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(t) = &a.title {
        parts.push(t);
    }
    if let Some(s) = &a.source {
        parts.push(s);
    }
    let date = a.date.as_deref().map(|d| d.get(..10).unwrap_or(d));
    if let Some(d) = date {
        parts.push(d);
    }
    writeln!(out, "   {}", parts.join(" · "))?;
    writeln!(out, "   {}", a.url.as_deref().unwrap_or(&a.path))
}

fn csv(out: &mut dyn Write, res: &SearchResults) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let quotes = !res.hits.iter().any(|h| matches!(h, Hit::Article(_)));
    if quotes {
        w.write_record([
            "quote",
            "speaker",
            "speaker_title",
            "kind",
            "places",
            "article_id",
            "title",
            "date",
            "source",
            "url",
            "path",
            "score",
        ])?;
    } else {
        w.write_record([
            "id", "title", "date", "source", "url", "path", "quotes", "speakers", "places", "score",
        ])?;
    }
    for hit in &res.hits {
        let score = |s: Option<f32>| s.map(|s| format!("{s:.4}")).unwrap_or_default();
        match hit {
            Hit::Quote(q) => w.write_record([
                q.quote.as_str(),
                q.speaker.as_deref().unwrap_or(""),
                q.speaker_title.as_deref().unwrap_or(""),
                &q.kind,
                &q.places.join("; "),
                &q.article.id,
                q.article.title.as_deref().unwrap_or(""),
                q.article.date.as_deref().unwrap_or(""),
                q.article.source.as_deref().unwrap_or(""),
                q.article.url.as_deref().unwrap_or(""),
                &q.article.path,
                &score(q.score),
            ])?,
            Hit::Article(a) => w.write_record([
                a.article.id.as_str(),
                a.article.title.as_deref().unwrap_or(""),
                a.article.date.as_deref().unwrap_or(""),
                a.article.source.as_deref().unwrap_or(""),
                a.article.url.as_deref().unwrap_or(""),
                &a.article.path,
                &a.quotes.to_string(),
                &a.speakers.join("; "),
                &a.places.join("; "),
                &score(a.score),
            ])?,
        }
    }
    w.flush()
}
