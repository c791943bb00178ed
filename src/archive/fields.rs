//! News field names: mapping the keys of common JSON dumps onto [`Article`] fields.
//!
//! Every dump names things differently (news-please `maintext`/`date_publish`, CC-News
//! `text`/`domain`, the Guardian `webTitle`/`fields.body`, NewsAPI `publishedAt`/
//! `source.name`...). Keys are matched case-insensitively, dotted keys reach into nested
//! objects, and `--field text=story` mappings are tried before the built-in lists.

use super::{dates, html, ReadOptions};
use crate::Article;
use serde_json::{Map, Value};

pub const TEXT: &[&str] = &[
    "text",
    "body",
    "content",
    "maintext",
    "article",
    "text_content",
    "articleBody",
    "fields.bodyText",
    "fields.body",
    "bodyText",
    "full_text",
    "fulltext",
    "story",
];
pub const TITLE: &[&str] = &[
    "title",
    "headline",
    "webTitle",
    "fields.headline",
    "heading",
];
pub const DATE: &[&str] = &[
    "date",
    "published",
    "publishedAt",
    "published_at",
    "date_publish",
    "pubDate",
    "datePublished",
    "webPublicationDate",
    "publication_date",
    "date_published",
    "fields.firstPublicationDate",
    "publish_date",
    "pub_date",
    "created_at",
    "timestamp",
];
pub const URL: &[&str] = &[
    "url",
    "link",
    "webUrl",
    "uri",
    "canonical_url",
    "fields.shortUrl",
];
pub const SOURCE: &[&str] = &[
    "source",
    "publisher",
    "source_domain",
    "site",
    "site_name",
    "domain",
    "source_name",
];
pub const AUTHOR: &[&str] = &[
    "author",
    "authors",
    "byline",
    "fields.byline",
    "creator",
    "writer",
];
pub const ID: &[&str] = &["id", "_id", "guid", "uuid", "doc_id", "docid"];

/// Look up a (possibly dotted) key, case-insensitively.
pub fn get<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    let mut cur = obj;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let v = cur.get(part).or_else(|| {
            cur.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(part))
                .map(|(_, v)| v)
        })?;
        if parts.peek().is_none() {
            return Some(v);
        }
        cur = v.as_object()?;
    }
    None
}

/// A value as text: strings as they are, numbers as written, arrays joined with ", ",
/// objects by their `name` (NewsAPI `source: {name}`) or `$oid` (Mongo ids).
pub fn as_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(as_text).collect();
            parts.join(", ")
        }
        Value::Object(o) => ["name", "$oid", "value", "id"]
            .iter()
            .find_map(|k| o.get(*k).and_then(as_text))?,
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn find(
    obj: &Map<String, Value>,
    ours: &str,
    builtin: &[&str],
    opts: &ReadOptions,
) -> Option<String> {
    opts.field_map
        .iter()
        .filter(|(o, _)| o == ours)
        .find_map(|(_, theirs)| get(obj, theirs).and_then(as_text))
        .or_else(|| builtin.iter().find_map(|k| get(obj, k).and_then(as_text)))
}

/// The article body of a record: arrays of paragraphs joined by newlines, HTML reduced to text.
fn body(obj: &Map<String, Value>, opts: &ReadOptions) -> Option<String> {
    let raw = opts
        .field_map
        .iter()
        .filter(|(o, _)| o == "text")
        .find_map(|(_, theirs)| get(obj, theirs))
        .into_iter()
        .chain(TEXT.iter().filter_map(|k| get(obj, k)))
        .find_map(|v| match v {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Array(a) => {
                let parts: Vec<&str> = a.iter().filter_map(|x| x.as_str()).collect();
                let joined = parts.join("\n");
                (!joined.trim().is_empty()).then_some(joined)
            }
            _ => None,
        })?;
    let text = if html::inline_markup_only(&raw) {
        // Plain text with a stray link or embed: keep it as it is, offsets included.
        clean_wire_text(&html::blank_tags(&raw))
    } else if html::looks_like_html(&raw) {
        html::fragment_to_text(&raw)
    } else {
        clean_wire_text(&raw)
    };
    // Trim the end only: offsets into the text must stay those of the source, which
    // evaluation data (and any consumer holding the original) rely on.
    let text = text.trim_end().to_string();
    (!text.trim_start().is_empty()).then_some(text)
}

/// Blank out control characters (wire codes such as `\u{3}`: one space each, so code-point
/// offsets into the text do not move) and drop a trailing "Reuter" sign-off line.
fn clean_wire_text(raw: &str) -> String {
    let mut t: String = if raw
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        raw.chars()
            .map(|c| {
                if c.is_control() && !matches!(c, '\n' | '\t' | '\r') {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    } else {
        raw.to_string()
    };
    let trimmed = t.trim_end();
    for sign in ["\n Reuter", "\nReuter", "\n REUTER", "\nREUTER"] {
        if let Some(stripped) = trimmed.strip_suffix(sign) {
            t = stripped.to_string();
            break;
        }
    }
    t
}

/// True if the object carries a usable text field.
pub fn has_text(obj: &Map<String, Value>, opts: &ReadOptions) -> bool {
    body(obj, opts).is_some()
}

/// Build an article from one JSON record, or say why not.
pub fn article_from_json(
    obj: &Map<String, Value>,
    opts: &ReadOptions,
    path: String,
) -> Result<Article, String> {
    let Some(text) = body(obj, opts) else {
        let keys: Vec<&str> = obj.keys().map(String::as_str).take(12).collect();
        return Err(format!(
            "no text field (keys: {}); map one with --field text=KEY",
            keys.join(", ")
        ));
    };
    let url = find(obj, "url", URL, opts);
    let source = find(obj, "source", SOURCE, opts).or_else(|| url.as_deref().and_then(domain_of));
    let title = find(obj, "title", TITLE, opts).map(|t| {
        if html::looks_like_html(&t) {
            html::fragment_to_text(&t)
        } else {
            t
        }
    });
    let author = find(obj, "author", AUTHOR, opts).map(|a| {
        if html::looks_like_html(&a) {
            html::fragment_to_text(&a)
        } else {
            a
        }
    });
    Ok(Article {
        id: find(obj, "id", ID, opts),
        title,
        date: find(obj, "date", DATE, opts).and_then(|d| dates::normalize(&d)),
        source,
        url,
        author,
        path,
        text,
    })
}

/// The host of a URL without `www.`: "https://www.bbc.co.uk/x" → "bbc.co.uk".
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host
        .split(':')
        .next()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    (host.contains('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn art(v: Value, opts: &ReadOptions) -> Result<Article, String> {
        article_from_json(v.as_object().unwrap(), opts, "f#1".into())
    }

    #[test]
    fn news_please_record() {
        let a = art(
            json!({"maintext": "Body.", "title": "T", "date_publish": "2020-01-02 03:04:05",
                   "source_domain": "example.com", "authors": ["A", "B"], "url": "https://example.com/a"}),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.text, "Body.");
        assert_eq!(a.author.as_deref(), Some("A, B"));
        assert_eq!(a.date.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(a.source.as_deref(), Some("example.com"));
    }

    #[test]
    fn guardian_result_with_html_body() {
        let a = art(
            json!({"id": "world/2020/x", "webTitle": "Head", "webUrl": "https://www.theguardian.com/world/x",
                   "webPublicationDate": "2020-03-03T10:00:00Z",
                   "fields": {"body": "<p>One &amp; two.</p><p>Three.</p>", "byline": "Jane Doe"}}),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.text, "One & two.\nThree.");
        assert_eq!(a.title.as_deref(), Some("Head"));
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.source.as_deref(), Some("theguardian.com"));
    }

    #[test]
    fn plain_text_with_a_stray_link_keeps_its_offsets() {
        // Rendering this as HTML folded the blank lines and moved every later offset.
        let raw = "Leaked.\n\nWatch at <a href=\"http://v.example\">v.example</a>.\n\nClinton said, “No.”";
        let a = art(json!({"id": "x", "text": raw}), &ReadOptions::default()).unwrap();
        assert_eq!(a.text.chars().count(), raw.chars().count());
        let at = |t: &str| t.find("“No.”").map(|b| t[..b].chars().count());
        assert_eq!(at(&a.text), at(raw));
        assert!(!a.text.contains("href"), "{}", a.text);
    }

    #[test]
    fn field_map_overrides_and_missing_text() {
        let opts = ReadOptions {
            field_map: vec![("text".into(), "story".into())],
            ..ReadOptions::default()
        };
        let a = art(json!({"story": "S", "text": "T", "id": 7}), &opts).unwrap();
        assert_eq!(a.text, "S");
        assert_eq!(a.id.as_deref(), Some("7"));
        let e = art(json!({"foo": 1}), &ReadOptions::default()).unwrap_err();
        assert!(e.contains("no text field"));
    }

    #[test]
    fn wire_codes_and_signoff_removed() {
        let a = art(
            json!({"body": "Prices rose.\n Reuter\n\u{3}"}),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.text, "Prices rose.");
    }

    #[test]
    fn cc_news_record() {
        let a = art(
            json!({"title": "T", "text": "Body.", "domain": "www.example.com", "date": "2017-01-02 03:04:05", "url": "https://www.example.com/x"}),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.source.as_deref(), Some("www.example.com"));
        assert_eq!(a.date.as_deref(), Some("2017-01-02T03:04:05Z"));
    }

    #[test]
    fn newsapi_source_object() {
        let a = art(
            json!({"content": "C", "source": {"id": null, "name": "Reuters"}}),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.source.as_deref(), Some("Reuters"));
    }
}
