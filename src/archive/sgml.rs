//! Reuters-21578 SGML (`.sgm`): 1,000 `<REUTERS>` records per file.
//!
//! The classic newswire test collection. Records are streamed one at a time (a record is
//! cut at `</REUTERS>`, capped in size), decoded as UTF-8 or else Latin-1, and their
//! `&#3;`, `&lt;`, `&amp;` entities and wire control characters removed.
//!
//! Decision: a record becomes an article only if it has a `<BODY>` (19,043 of 21,578).
//! The others are `TYPE="BRIEF"` (a headline only) or `TYPE="UNPROC"` (unparsed tables of
//! figures); they hold no quotes, so each is reported as a [`super::Problem`] ("no BODY")
//! and skipped: articles + such problems = records. The `<DATELINE>` ("SALVADOR, Feb 26 -")
//! is put in front of the body, as on the wire, because it names the place of the story.

use super::json::{read_line_capped, Line, Sink, MAX_RECORD};
use super::{dates, html};
use crate::Article;
use std::io::{self, BufRead};

/// Read all records of an SGML stream into the sink.
pub fn read(r: &mut dyn BufRead, sink: &mut Sink) -> io::Result<()> {
    let mut line = Vec::new();
    let mut rec: Vec<u8> = Vec::new();
    let mut in_rec = false;
    let mut too_big = false;
    let mut n = 0u64;
    loop {
        match read_line_capped(r, &mut line, MAX_RECORD)? {
            Line::Eof => break,
            Line::TooLong(_) => {
                too_big = in_rec;
                continue;
            }
            Line::Ok => {}
        }
        if !in_rec {
            if let Some(pos) = find(&line, b"<REUTERS") {
                in_rec = true;
                too_big = false;
                rec.clear();
                rec.extend_from_slice(&line[pos..]);
            }
        } else if rec.len() + line.len() <= MAX_RECORD {
            rec.extend_from_slice(&line);
        } else {
            too_big = true;
        }
        if in_rec && find(&line, b"</REUTERS>").is_some() {
            n += 1;
            in_rec = false;
            if too_big {
                sink.problem(
                    Some(n),
                    format!("record too large (> {MAX_RECORD} bytes), skipped"),
                );
            } else {
                record(&rec, n, sink);
            }
        }
    }
    if in_rec {
        sink.problem(
            Some(n + 1),
            "last <REUTERS> record is not closed (truncated file?), skipped",
        );
    }
    Ok(())
}

fn record(raw: &[u8], n: u64, sink: &mut Sink) {
    let doc = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(raw).0.into_owned(),
    };
    let newid = attr(&doc, "NEWID");
    let body = element(&doc, "BODY").map(clean).filter(|b| !b.is_empty());
    let Some(body) = body else {
        let what = if doc.contains("TYPE=\"UNPROC\"") {
            "an unprocessed table"
        } else {
            "a headline-only brief"
        };
        sink.problem(
            Some(n),
            format!(
                "Reuters record NEWID={} has no BODY ({what}), skipped",
                newid.as_deref().unwrap_or("?")
            ),
        );
        return;
    };
    let text = match element(&doc, "DATELINE")
        .map(clean)
        .filter(|d| !d.is_empty())
    {
        Some(d) => format!("{} {}", d.trim_end(), body),
        None => body,
    };
    let author = element(&doc, "AUTHOR")
        .map(clean)
        .map(|a| {
            a.trim_start_matches("By ")
                .trim_start_matches("by ")
                .trim()
                .to_string()
        })
        .filter(|a| !a.is_empty());
    sink.article(Article {
        id: newid.map(|id| format!("reuters-{id}")),
        title: element(&doc, "TITLE").map(clean).filter(|t| !t.is_empty()),
        date: element(&doc, "DATE").and_then(|d| dates::normalize(&clean(d))),
        source: Some("Reuters".into()),
        url: None,
        author,
        path: format!("{}#{}", sink.path.display(), n),
        text,
    });
}

/// Entities decoded, control characters dropped, the trailing "Reuter" sign-off removed,
/// lines trimmed of trailing spaces.
fn clean(s: &str) -> String {
    let decoded = html::decode_entities(s);
    let no_ctrl: String = decoded
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    let mut t = no_ctrl.trim().to_string();
    for sign in ["Reuter", "REUTER"] {
        if let Some(stripped) = t.strip_suffix(sign) {
            t = stripped.trim_end().to_string();
        }
    }
    t.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// The content of the first `<TAG>...</TAG>`.
fn element<'a>(s: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = s.find(&open)? + open.len();
    let end = s[start..].find(&close).map_or(s.len(), |e| start + e);
    Some(&s[start..end])
}

/// An attribute of the `<REUTERS ...>` open tag.
fn attr(s: &str, name: &str) -> Option<String> {
    let tag_end = s.find('>')?;
    let open = &s[..tag_end];
    let key = format!("{name}=\"");
    let start = open.find(&key)? + key.len();
    let end = open[start..].find('"')? + start;
    Some(open[start..end].to_string())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::super::json::harness::capture;
    use super::super::Item;
    use super::*;

    // A record written for this test in the Reuters-21578 layout (not corpus text).
    const DOC: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" NEWID=\"7\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
<TEXT>&#2;\n<TITLE>ACME &lt;ACM> SAYS \u{e9}</TITLE>\n<DATELINE>    SPRINGFIELD, Feb 26 - </DATELINE><BODY>Acme &amp; Co said\n\
it would \"grow\", a spokesman said.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n\
<REUTERS TOPICS=\"NO\" NEWID=\"8\">\n<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>ONLY A HEADLINE</TITLE>&#3;\n</TEXT>\n</REUTERS>\n";

    #[test]
    fn reads_records_and_skips_briefs() {
        let bytes: Vec<u8> = DOC.chars().map(|c| c as u32 as u8).collect();
        let mut r: &[u8] = &bytes;
        let ((), items, counts) = capture("r.sgm", |sink| read(&mut r, sink).unwrap());
        assert_eq!((counts.articles, counts.problems), (1, 1));
        let Item::Article(a) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(a.id.as_deref(), Some("reuters-7"));
        assert_eq!(a.title.as_deref(), Some("ACME <ACM> SAYS é"));
        assert_eq!(a.date.as_deref(), Some("1987-02-26T15:01:01Z"));
        assert_eq!(
            a.text,
            "SPRINGFIELD, Feb 26 - Acme & Co said\nit would \"grow\", a spokesman said."
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.path, "r.sgm#1");
    }
}
