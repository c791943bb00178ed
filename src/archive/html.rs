//! HTML pages → article text and metadata.
//!
//! News pages are mostly navigation, ads, share buttons, related links and comments around
//! a few paragraphs of article. We parse with html5ever (via `scraper`, whose arena tree has
//! no recursion, so pages nested 100,000 deep are safe: every walk here is iterative),
//! drop obvious boilerplate by tag, role, `hidden` and class/id hints, then score the
//! containers of paragraphs readability-style (text length, commas, link density, class
//! hints) and keep the best container plus its related siblings. Metadata comes from
//! JSON-LD (NewsArticle), OpenGraph/meta tags, `<time>`, bylines and `<title>`.
//! The same module turns HTML fragments inside JSON fields into text.

use super::{dates, fields, tags};
use ego_tree::NodeRef;
use scraper::{Html, Node};
use serde_json::Value;

/// What a page yields: its body text and whatever metadata it carries.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    /// RFC 3339 UTC when parseable, else raw.
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

/// Parse a page and extract its article. `url_hint` (a WARC target URI) is used when the
/// page names no canonical URL, and for the source domain.
pub fn extract_page(html: &str, url_hint: Option<&str>) -> Page {
    let html = limit_depth(html, MAX_DEPTH);
    let doc = Html::parse_document(&html);
    let meta = Meta::collect(&doc);
    let ld = meta.ld.as_ref();
    let ld_str = |k: &str| ld.and_then(|o| fields::get(o, k)).and_then(fields::as_text);
    let text = prefer_ld_body(super::main_text::extract(&doc), ld_str("articleBody"));
    let url = url_hint
        .map(str::to_string)
        .or_else(|| meta.get("og:url"))
        .or_else(|| meta.canonical.clone())
        .or_else(|| ld_str("url"))
        .filter(|u| u.starts_with("http"));
    let title = ld_str("headline")
        .or_else(|| meta.get("og:title"))
        .or_else(|| meta.get("twitter:title"))
        .or_else(|| meta.title.as_deref().map(strip_site_suffix))
        .or_else(|| meta.h1.clone())
        .map(|t| tidy(&decode_entities(&t)));
    let date = ld_str("datePublished")
        .or_else(|| meta.get("article:published_time"))
        .or_else(|| meta.get("datepublished"))
        .or_else(|| meta.get("og:published_time"))
        .or_else(|| meta.get("pubdate"))
        .or_else(|| meta.get("publishdate"))
        .or_else(|| meta.get("publish-date"))
        .or_else(|| meta.get("date"))
        .or_else(|| meta.get("dc.date"))
        .or_else(|| meta.get("dc.date.issued"))
        .or_else(|| meta.get("sailthru.date"))
        .or_else(|| meta.get("parsely-pub-date"))
        .or_else(|| ld_str("dateCreated"))
        .or_else(|| meta.time.clone())
        .and_then(|d| dates::normalize(&d));
    let author = ld
        .and_then(|o| fields::get(o, "author"))
        .and_then(person_names)
        .or_else(|| meta.get("author").filter(|a| !a.starts_with("http")))
        .or_else(|| {
            meta.get("article:author")
                .filter(|a| !a.starts_with("http"))
        })
        .or_else(|| {
            meta.get("byl").map(|b| {
                b.trim_start_matches("By ")
                    .trim_start_matches("by ")
                    .to_string()
            })
        })
        .or_else(|| meta.get("sailthru.author"))
        .or_else(|| meta.get("parsely-author"))
        .or_else(|| meta.byline.clone());
    let source = meta
        .get("og:site_name")
        .or_else(|| {
            ld.and_then(|o| fields::get(o, "publisher"))
                .and_then(fields::as_text)
        })
        .or_else(|| meta.get("application-name"))
        .or_else(|| url.as_deref().and_then(fields::domain_of));
    Page {
        title,
        date,
        author,
        source,
        url,
        text,
    }
}

/// Deeper nesting than this is flattened before parsing: html5ever's scope checks cost
/// O(depth) per tag, so a page nested 100,000 deep would take minutes, and even at this
/// depth a 64 MB page of `<div></div>` costs seconds per 10 MB. Real pages nest less than
/// 50 deep (the 226 test pages of ../shared are unchanged at 64).
const MAX_DEPTH: usize = 256;

/// Where a comment starting at `lt` (`<!--`) ends, as the HTML tokenizer sees it.
fn comment_end(html: &str, lt: usize) -> usize {
    let after = &html[lt + 4..];
    if after.starts_with('>') {
        return lt + 5;
    }
    if after.starts_with("->") {
        return lt + 6;
    }
    // One forward scan for "--" followed by ">" or "!>": searching for "-->" and "--!>"
    // separately read the rest of the page once per comment ("--!>" is almost never there).
    let b = after.as_bytes();
    let mut k = 0;
    while let Some(p) = memchr::memmem::find(&b[k..], b"--") {
        let q = k + p + 2;
        match b.get(q) {
            Some(b'>') => return lt + 4 + q + 1,
            Some(b'!') if b.get(q + 1) == Some(&b'>') => return lt + 4 + q + 2,
            _ => k += p + 1,
        }
    }
    html.len()
}

/// Drop the tags that would make html5ever slow (a cheap tag scan; text is kept): start
/// tags nesting deeper than `max`, and end tags that close nothing open (html5ever searches
/// the open elements for each, so a million of them under a deep page take minutes).
/// The bodies of scripts and styles, which nothing reads, are dropped too (JSON-LD kept).
/// Pages within the limits and without them are returned unchanged.
///
/// The scan models the parser's open elements by name, erring on the side of "open": tag
/// names are read as the tokenizer reads them (`<p-x>` is not `<p>`), `<div/>` opens a div
/// (HTML ignores the slash outside SVG/MathML), and comments end at `-->` or `--!>`.
pub fn limit_depth(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    use std::collections::HashMap;
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    // Open nesting elements, including those dropped past `max`.
    let mut depth = 0usize;
    // Kept open elements by name (for elements that close their kind: at most depth + 1).
    let mut open: HashMap<String, usize> = ["html", "head", "body"]
        .iter()
        .map(|n| (n.to_string(), 1))
        .collect();
    // Open <svg>/<math> elements: inside them `<x/>` does not nest.
    let mut foreign = 0usize;
    let mut i = 0usize;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        if html[lt..].starts_with("<!--") {
            i = comment_end(html, lt);
            continue;
        }
        let closing = b.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + closing as usize;
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|c| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'))
            .map_or(b.len(), |p| name_start + p);
        let name = html[name_start..name_end].to_ascii_lowercase();
        let gt = html[name_end..]
            .find('>')
            .map_or(html.len(), |e| name_end + e + 1);
        let self_closing = html[lt..gt].ends_with("/>");
        let nests = !tags::is(&name, tags::VOID | tags::CLOSES_ITS_KIND);
        let drop = if closing {
            if name == "br" {
                false // `</br>` is read as `<br>`
            } else if nests && depth > max {
                depth -= 1;
                true
            } else {
                match open.get_mut(&name).filter(|c| **c > 0) {
                    Some(c) => {
                        *c -= 1;
                        if nests {
                            depth = depth.saturating_sub(1);
                            if matches!(name.as_str(), "svg" | "math") {
                                foreign = foreign.saturating_sub(1);
                            }
                        }
                        false
                    }
                    None => true,
                }
            }
        } else {
            if foreign > 0 && tags::is(&name, tags::BREAKS_OUT_OF_FOREIGN) {
                foreign = 0;
            }
            if nests && !(self_closing && foreign > 0) {
                depth += 1;
                if depth > max {
                    true
                } else {
                    if matches!(name.as_str(), "svg" | "math") {
                        foreign += 1;
                    }
                    *open.entry(name.clone()).or_default() += 1;
                    false
                }
            } else {
                if tags::is(&name, tags::CLOSES_ITS_KIND)
                    && !matches!(name.as_str(), "html" | "head" | "body")
                {
                    let c = open.entry(name.clone()).or_default();
                    *c = (*c + 1).min(depth + 1);
                }
                false
            }
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            copied = gt;
        }
        i = gt;
        if !closing && matches!(name.as_str(), "script" | "style") {
            let end = format!("</{name}");
            i = find_ci(html, gt, &end).unwrap_or(html.len());
            // The body of a script or style is never read (JSON-LD apart), and on news pages
            // it is half the bytes: the parser need not carry it. A body holding "<!--" is
            // kept, since there the parser's script end is not always the first "</script".
            let body = &b[gt.min(i)..i];
            let ld_json = find_ci(&html[lt..gt], 0, "ld+json").is_some();
            if !drop
                && !ld_json
                && !body.is_empty()
                && memchr::memmem::find(body, b"<!--").is_none()
            {
                let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
                o.push_str(&html[copied..gt]);
                copied = i;
            }
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(html),
    }
}

/// Case-insensitive find of an ASCII needle from `from`.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let h = hay.as_bytes().get(from..)?;
    let first = *n.first()?;
    // memchr to each place the first byte occurs, in either case, then compare the rest
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h)
        .find(|&p| {
            h.get(p..p + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        })
        .map(|p| p + from)
}

/// Some pages show only the start of the article and carry all of it in JSON-LD
/// `articleBody`. Use that when it is clearly longer and contains what the page shows.
fn prefer_ld_body(extracted: String, ld_body: Option<String>) -> String {
    let Some(raw) = ld_body else { return extracted };
    let mut body = if looks_like_html(&raw) {
        fragment_to_text(&raw)
    } else {
        tidy(&decode_entities(&raw))
    };
    if body.contains("&quot;") || body.contains("&amp;") {
        body = decode_entities(&body); // double-escaped feeds
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let ext_words = words(&extracted);
    let body_words = words(&body);
    if body_words.len() * 10 < ext_words.len() * 13 || body_words.len() < 50 {
        return extracted;
    }
    let vocab: std::collections::HashSet<&str> = body_words.iter().map(String::as_str).collect();
    let shared = ext_words
        .iter()
        .filter(|w| vocab.contains(w.as_str()))
        .count();
    if shared * 10 >= ext_words.len() * 8 {
        body
    } else {
        extracted
    }
}

/// Author values of JSON-LD: a string, a Person, or a list of them.
fn person_names(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(person_names).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => fields::as_text(other).filter(|s| !s.starts_with("http")),
    }
}

/// "Headline | Site" → "Headline" (only when the remaining part is long enough).
fn strip_site_suffix(t: &str) -> String {
    let t = t.trim();
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(i) = t.rfind(sep) {
            let head = t[..i].trim();
            if head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
        }
    }
    t.to_string()
}

/// Metadata gathered in one pass over the elements.
#[derive(Default)]
struct Meta {
    tags: Vec<(String, String)>,
    title: Option<String>,
    canonical: Option<String>,
    time: Option<String>,
    h1: Option<String>,
    byline: Option<String>,
    /// The NewsArticle-like JSON-LD object, if any.
    ld: Option<serde_json::Map<String, Value>>,
}

impl Meta {
    fn get(&self, key: &str) -> Option<String> {
        self.tags
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    }

    fn collect(doc: &Html) -> Meta {
        let mut m = Meta::default();
        for node in doc.tree.nodes() {
            let Node::Element(el) = node.value() else {
                continue;
            };
            match el.name() {
                "meta" => {
                    let key = el
                        .attr("property")
                        .or_else(|| el.attr("name"))
                        .or_else(|| el.attr("itemprop"));
                    if let (Some(k), Some(c)) = (key, el.attr("content")) {
                        if m.tags.len() < 2000 {
                            m.tags.push((k.trim().to_ascii_lowercase(), c.to_string()));
                        }
                    }
                }
                "title" if m.title.is_none() => m.title = Some(node_text(node, 1000)),
                "h1" if m.h1.is_none() => {
                    let t = node_text(node, 500);
                    if !t.is_empty() {
                        m.h1 = Some(t)
                    }
                }
                "link"
                    if m.canonical.is_none()
                        && el
                            .attr("rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    m.canonical = el.attr("href").map(str::to_string)
                }
                "time" if m.time.is_none() => m.time = el.attr("datetime").map(str::to_string),
                "script"
                    if el.attr("type").is_some_and(|t| t.contains("ld+json"))
                        && m.ld.as_ref().is_none_or(|o| is_type(o, "WebPage")) =>
                {
                    let raw = node_text_raw(node, 4 << 20);
                    let parsed = serde_json::from_str::<Value>(raw.trim()).or_else(|_| {
                        // Raw newlines inside strings are common; as spaces they are valid.
                        let fixed: String = raw
                            .chars()
                            .map(|c| if c.is_control() { ' ' } else { c })
                            .collect();
                        serde_json::from_str::<Value>(fixed.trim())
                    });
                    if let Some(found) = parsed.ok().and_then(|v| find_article(v, 0)) {
                        // A NewsArticle found later replaces a WebPage found first.
                        if m.ld.is_none() || !is_type(&found, "WebPage") {
                            m.ld = Some(found);
                        }
                    }
                }
                _ => {}
            }
            if m.byline.is_none() {
                let rel_author = el.attr("rel") == Some("author");
                let itemprop_author = el.attr("itemprop").is_some_and(|p| p.contains("author"));
                let class_byline = el
                    .attr("class")
                    .is_some_and(|c| c.to_ascii_lowercase().contains("byline"));
                if rel_author || itemprop_author || class_byline {
                    let t = node_text(node, 200);
                    let t = t.trim_start_matches("By ").trim_start_matches("by ").trim();
                    if !t.is_empty() && t.len() < 100 {
                        m.byline = Some(t.to_string());
                    }
                }
            }
            if el.attr("itemprop") == Some("datePublished")
                && !m.tags.iter().any(|(k, _)| k == "datepublished")
            {
                if let Some(d) = el.attr("content").or_else(|| el.attr("datetime")) {
                    m.tags.push(("datepublished".into(), d.to_string()));
                }
            }
        }
        m
    }
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "SocialMediaPosting",
    "WebPage",
];

/// Find the first article-typed object in a JSON-LD value (arrays, `@graph`).
fn find_article(v: Value, depth: usize) -> Option<serde_json::Map<String, Value>> {
    if depth > 4 {
        return None;
    }
    match v {
        Value::Array(a) => {
            let mut fallback = None;
            for x in a {
                if let Some(o) = find_article(x, depth + 1) {
                    if is_type(&o, "WebPage") {
                        fallback.get_or_insert(o);
                    } else {
                        return Some(o);
                    }
                }
            }
            fallback
        }
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                if let Some(found) = find_article(g, depth + 1) {
                    return Some(found);
                }
            }
            ARTICLE_TYPES.iter().any(|t| is_type(&o, t)).then_some(o)
        }
        _ => None,
    }
}

fn is_type(o: &serde_json::Map<String, Value>, t: &str) -> bool {
    match o.get("@type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
        _ => false,
    }
}

/// True if the first bytes of a stream look like an HTML document.
pub fn sniff(head: &[u8]) -> bool {
    let start: Vec<u8> = head
        .iter()
        .take(1024)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let t = start.trim_ascii_start();
    t.starts_with(b"<!doctype html")
        || t.starts_with(b"<html")
        || t.starts_with(b"<head")
        || (t.starts_with(b"<!--") && find_bytes(&start, b"<html").is_some())
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decode a page's bytes (BOM, then `http_charset`, then `<meta charset>`, then UTF-8 or a
/// guess) and extract it.
pub fn read_page(
    raw: &[u8],
    http_charset: Option<&'static encoding_rs::Encoding>,
    url_hint: Option<&str>,
) -> Page {
    let declared = http_charset.or_else(|| super::encoding::declared_charset(raw));
    let text = match super::encoding::sniff_unicode(raw) {
        Some((enc, bom)) => enc.decode_without_bom_handling(&raw[bom..]).0.into_owned(),
        None => super::encoding::decode_text(raw, declared),
    };
    extract_page(&text, url_hint)
}

/// The article of an extracted page.
pub fn page_article(p: Page, path: String) -> crate::Article {
    crate::Article {
        id: None,
        title: p.title,
        date: p.date,
        source: p.source,
        url: p.url,
        author: p.author,
        path,
        text: p.text,
    }
}

/// Whitespace-folded text of a node, at most `max` bytes.
fn node_text(node: NodeRef<Node>, max: usize) -> String {
    tidy(&node_text_raw(node, max)).replace('\n', " ")
}

/// Nodes looked at for one metadata text (a title, a byline): a "byline" holding more is not
/// one, and without a bound 250 nested ones over 2 million empty elements took seconds.
const MAX_TEXT_NODES: usize = 5000;

fn node_text_raw(node: NodeRef<Node>, max: usize) -> String {
    let mut s = String::new();
    for d in node.descendants().take(MAX_TEXT_NODES) {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            if s.len() > max {
                break;
            }
        }
    }
    s
}

/// True if a text field holds HTML markup rather than plain text.
pub fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let mut tags = 0;
    for (i, w) in b.windows(2).enumerate() {
        if w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/') {
            let rest = &s[i + 1..];
            let name = tags::name_in(rest);
            if tags::is(&name, tags::HTML_SIGN) {
                tags += 1;
                if tags >= 1 {
                    return true;
                }
            }
        }
    }
    false
}

/// True if a text field is plain text carrying a few inline tags (`<a href=…>`, an embedded
/// `<tweet …>`): it has its own line breaks and no tag that starts a block. Rendering it as
/// HTML would fold its blank lines and move every offset after them, so it is kept as text.
pub fn inline_markup_only(s: &str) -> bool {
    if !s.contains('\n') || !s.contains('<') || !looks_like_html(s) {
        return false;
    }
    let b = s.as_bytes();
    !b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'<'
            && (w[1].is_ascii_alphabetic() || w[1] == b'/')
            && tags::is(
                &tags::name_in(&s[i + 1..]),
                tags::FRAGMENT_BLOCK | tags::PARAGRAPH_BREAK,
            )
    })
}

/// The longest tag [`blank_tags`] blanks out, in bytes.
const MAX_TAG: usize = 1024;

/// `s` with each tag (`<` and a letter or `/`, to the next `>` on the same line and within
/// [`MAX_TAG`] bytes) replaced by one space per character, so code-point offsets into the
/// text do not move.
pub fn blank_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        let opens = tail
            .as_bytes()
            .get(1)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/');
        // The tag's `>` on the same line and within a bounded reach, so a long line of stray
        // `<` costs linear time.
        let gt = tail
            .bytes()
            .take(MAX_TAG)
            .position(|b| b == b'>' || b == b'\n')
            .filter(|&k| tail.as_bytes()[k] == b'>');
        match gt.filter(|_| opens) {
            Some(gt) => {
                out.extend(tail[..=gt].chars().map(|_| ' '));
                rest = &tail[gt + 1..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decode HTML character references (`&amp;`, `&#3;`, `&#x201c;`, common named ones).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let (name, consumed) = match end {
            Some(e) if e > 1 => (
                &rest[1..e],
                if rest[e..].starts_with(';') { e + 1 } else { e },
            ),
            None if rest.len() > 1 => (&rest[1..], rest.len()),
            _ => ("", 0),
        };
        match (consumed > 0).then(|| entity(name)).flatten() {
            Some(c) => {
                out.push_str(c.as_ref());
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<std::borrow::Cow<'static, str>> {
    use std::borrow::Cow;
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        // Windows-1252 code points mis-declared as numeric references.
        let c = match code {
            0x80..=0x9f => {
                let b = [code as u8];
                let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&b);
                return Some(Cow::Owned(s.into_owned()));
            }
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return Some(Cow::Owned(c.to_string()));
    }
    let s = match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ldquo" => "\u{201c}",
        "rdquo" => "\u{201d}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "mdash" => "\u{2014}",
        "ndash" => "\u{2013}",
        "hellip" => "\u{2026}",
        "copy" => "\u{a9}",
        "reg" => "\u{ae}",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "oacute" => "ó",
        "iacute" => "í",
        "uacute" => "ú",
        "ntilde" => "ñ",
        "ccedil" => "ç",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "szlig" => "ß",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "pound" => "£",
        "euro" => "€",
        "deg" => "°",
        _ => return None,
    };
    Some(Cow::Borrowed(s))
}

/// Elements of a fragment skipped with their content: code, and the figures (captions,
/// credits) and asides (embedded "related" boxes) of API bodies such as the Guardian's.
const FRAGMENT_SKIP: &[&str] = &["script", "style", "noscript", "figure", "aside", "template"];

/// Reduce an HTML fragment (a JSON `body` field) to text: block elements become line
/// breaks, scripts, styles, figures and asides are dropped, entities decoded, whitespace
/// folded.
pub fn fragment_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut skip_until: Option<&'static str> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                out.push_str(rest);
            }
            break;
        };
        if skip_until.is_none() {
            out.push_str(&rest[..lt]);
        }
        rest = &rest[lt..];
        let (tag, gt) = match rest.find('>') {
            Some(g) => (&rest[1..g], g + 1),
            None => (&rest[1..], rest.len()),
        };
        let closing = tag.starts_with('/');
        let name = tags::name_in(tag);
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
        } else if !closing && !tag.ends_with('/') {
            if let Some(skip) = FRAGMENT_SKIP.iter().find(|t| **t == name) {
                skip_until = Some(skip);
            } else if tags::is(&name, tags::FRAGMENT_BLOCK) {
                out.push('\n');
            }
        } else if tags::is(&name, tags::FRAGMENT_BLOCK) {
            out.push('\n');
        }
        rest = &rest[gt..];
    }
    tidy(&decode_entities(&out))
}

/// Fold spaces within lines, trim lines, drop empty lines.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let mut first = true;
        let mut any = false;
        for w in line
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            if first {
                if !out.is_empty() {
                    out.push('\n');
                }
            } else {
                out.push(' ');
            }
            out.push_str(w);
            first = false;
            any = true;
        }
        let _ = any;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_metadata() {
        let html = r#"<html><head><title>Big news today | The Daily</title>
            <meta property="og:site_name" content="The Daily">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
              {"@type":"NewsArticle","headline":"Big news","datePublished":"2020-03-03T10:00:00+01:00",
               "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chan"}]}]}</script>
            </head><body><article><p>He said, on Monday, that the news was big, really big, and that was that.</p></article></body></html>"#;
        let p = extract_page(html, Some("https://www.daily.example/x"));
        assert_eq!(p.title.as_deref(), Some("Big news"));
        assert_eq!(p.date.as_deref(), Some("2020-03-03T09:00:00Z"));
        assert_eq!(p.author.as_deref(), Some("Ann Lee, Bo Chan"));
        assert_eq!(p.source.as_deref(), Some("The Daily"));
        assert!(p.text.starts_with("He said"));
    }

    #[test]
    fn deep_nesting_is_flattened_quickly() {
        let depth = 100_000;
        let html = format!(
            "{}<p>Deep text, with a comma, and more words here.</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let t = std::time::Instant::now();
        let p = extract_page(&html, None);
        assert!(p.text.contains("Deep text"));
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
        assert_eq!(limit_depth("<div><div>x</div></div>", 1), "<div>x</div>");
        assert_eq!(
            limit_depth("<div><div>x</div></div>", 2),
            "<div><div>x</div></div>"
        );
    }

    /// Regressions (found probing html5ever's costs): each of these pages took minutes,
    /// because the tag scan missed tags the parser sees, or kept end tags that close
    /// nothing (each one a search of a deep stack).
    #[test]
    fn what_slowed_the_parser_is_dropped() {
        let max = 3;
        // `<p-x>` is its own element, not a `<p>`: it nests.
        assert_eq!(limit_depth(&"<p-x>".repeat(5), max), "<p-x>".repeat(3));
        // `<div/>` opens a div in HTML...
        assert_eq!(limit_depth(&"<div/>".repeat(5), max), "<div/>".repeat(3));
        // ...but not inside SVG.
        let svg = format!("<svg>{}</svg>", "<path/>".repeat(5));
        assert_eq!(limit_depth(&svg, max), svg);
        // End tags that close nothing are dropped; matched ones kept.
        assert_eq!(
            limit_depth("<span>a</z></img></li></p></span></span>", max),
            "<span>a</span>"
        );
        // `</z>` does not make room for more depth.
        assert_eq!(limit_depth(&"<div></z>".repeat(5), max), "<div>".repeat(3));
        // A comment closed by `--!>` does not hide the tags after it.
        assert_eq!(
            limit_depth(&format!("<!-- c --!>{}", "<b>".repeat(5)), max),
            format!("<!-- c --!>{}", "<b>".repeat(3))
        );
        // A comment ends at the first "-->" or "--!>", whichever comes first; extra dashes
        // before the ">" belong to it, and one never closed runs to the end of the page.
        for (page, end) in [
            ("<!-- a -- b --!> c -->", 16),
            ("<!-- a --- b --> c --!>", 16),
            ("<!-- a - -> b ---> c", 18),
            ("<!--> c", 5),
            ("<!---> c", 6),
            ("<!-- a -- b", 11),
        ] {
            assert_eq!(comment_end(page, 0), end, "{page}");
        }
        // Script and style bodies go, but JSON-LD, and a script body holding "<!--" (where
        // the parser's end of the script is not always the first "</script") stay.
        assert_eq!(
            limit_depth(
                "<head><STYLE>p{}</style><script>a('<b>')</SCRIPT><script type=\"application/LD+JSON\">{}</script></head><p>x<script><!-- w('</script>') --></script>",
                max
            ),
            // (the last end tag closes nothing once the first "</script" has, so it goes)
            "<head><STYLE></style><script></SCRIPT><script type=\"application/LD+JSON\">{}</script></head><p>x<script><!-- w('</script>') -->"
        );
        // Ordinary pages are untouched.
        let page = "<html><head><title>T</title></head><body><ul><li>a<li>b</ul><p>x<p>y</p><br/></br><img src=x><table><tr><td>1<td>2</table></body></html>";
        assert_eq!(limit_depth(page, max), page);
    }

    #[test]
    // A guard against the quadratic or worse blow-ups these pages once caused (minutes each),
    // not a speed target: the bound is loose for a loaded machine and a debug build.
    fn hostile_pages_parse_quickly() {
        let n = 30_000;
        let pages = [
            format!("{}</z>{}", "<p-x>".repeat(n), "</z>".repeat(n)),
            "<div/>".repeat(n),
            "<div></z>".repeat(n),
            format!(
                "{}{}",
                "<span>".repeat(2000),
                "</z></li></img></p>".repeat(n)
            ),
            format!("<!----!>{}", "<div>".repeat(n)),
            format!("{}{}", "<span>".repeat(5000), "<div></div>".repeat(n)),
            format!(
                "{}{}",
                "<div class=byline>".repeat(250),
                "<b></b>".repeat(10 * n)
            ),
            // 60,000 paragraphs: the main-text pass summed its output per paragraph.
            "<div>".repeat(250)
                + &"<p>Text, with, commas, and more words.</p><a href=x>link</a>".repeat(2 * n),
        ];
        for page in pages {
            let t = std::time::Instant::now();
            let p = extract_page(&format!("{page}<p>Kept text, with commas, here.</p>"), None);
            assert!(p.text.contains("Kept text"), "{}", &page[..40]);
            assert!(
                t.elapsed().as_secs() < 60,
                "{:?}: {}",
                t.elapsed(),
                &page[..40]
            );
        }
    }

    #[test]
    fn json_ld_body_when_page_shows_a_teaser() {
        let full = "Word ".repeat(40)
            + "the rest of the story, which the page hides, goes on here for a while.";
        let shown = "Word ".repeat(20);
        assert_eq!(
            prefer_ld_body(shown.clone(), Some(full.clone())),
            tidy(&full)
        );
        assert_eq!(prefer_ld_body(full.clone(), Some(shown.clone())), full);
        let other = "Unrelated words about something else entirely and more ".repeat(10);
        assert_eq!(prefer_ld_body(shown.clone(), Some(other)), shown);
    }

    #[test]
    fn fragments() {
        assert!(looks_like_html("<p>Hi</p>"));
        assert!(!looks_like_html("a < b and c > d"));
        // A plain text with a stray link keeps its text and every offset.
        let t = "Title.\n\nWatch at <a href=\"http://x.example\">x.example</a>.\n\nIt’s done.";
        assert!(inline_markup_only(t));
        let b = blank_tags(t);
        assert_eq!(b.chars().count(), t.chars().count());
        assert!(
            b.contains("Watch at                            x.example    ."),
            "{b}"
        );
        assert!(b.ends_with("\n\nIt’s done."));
        assert!(!inline_markup_only(
            "<p>One.</p>\n<p>Two with <a href=\"y\">link</a>.</p>"
        ));
        assert!(!inline_markup_only("a < b and c > d\n"));
        assert_eq!(blank_tags("a < b\n<i>c"), "a < b\n   c");
        // Stray `<` without `>`: left as they are (and in linear time, reach bounded).
        let stray = format!("{}\n<b>x", "<a".repeat(50_000));
        assert_eq!(blank_tags(&stray), format!("{}\n   x", "<a".repeat(50_000)));
        let long = format!("<a {}>", "x".repeat(2000));
        assert_eq!(blank_tags(&long), long);
        assert_eq!(
            fragment_to_text(
                "<p>One &amp; two&nbsp;x</p><script>bad()</script><p>“Three” &#8211; &#x41;</p>"
            ),
            "One & two x\n“Three” – A"
        );
        assert_eq!(
            fragment_to_text("<p>A.</p><figure class=\"element-image\"><img src=x/><figcaption>Photo: X</figcaption></figure><p>B.</p>"),
            "A.\nB."
        );
        assert_eq!(
            decode_entities("a &lt;b&gt; &#3; &unknown; &"),
            "a <b> \u{3} &unknown; &"
        );
    }
}
