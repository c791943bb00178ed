//! JSON, JSON-array and JSONL/NDJSON news dumps.
//!
//! Dumps come as one object per line (news-please, CC-News, our eval files), as one big
//! array, or as an API page with the articles inside (`response.results` of the Guardian,
//! `articles` of NewsAPI). Lines are read one at a time with a size cap, so a 200 MB
//! single-line file costs at most one capped buffer; arrays are streamed element by
//! element with serde's `SeqAccess`. A bad line is a [`Problem`] and reading goes on.

use super::{fields, FileError, Item, PageOutcome, PendingPage, Problem, ReadOptions};
use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::io::{self, BufRead};
use std::path::Path;

/// One record may not exceed this many bytes (64 MiB).
pub const MAX_RECORD: usize = 64 << 20;

/// Keys of API envelopes whose array holds the articles.
const CONTAINERS: &[&str] = &[
    "response.results",
    "results",
    "articles",
    "items",
    "data",
    "docs",
    "documents",
    "response.docs",
    "hits.hits",
    "records",
    "stories",
];

/// Counts of what was emitted.
#[derive(Default)]
pub struct Counts {
    pub articles: u64,
    pub problems: u64,
}

pub struct Sink<'a> {
    pub path: &'a Path,
    pub opts: &'a ReadOptions,
    pub on_item: &'a mut dyn FnMut(Item),
    pub counts: Counts,
}

impl Sink<'_> {
    pub fn problem(&mut self, line: Option<u64>, reason: impl Into<String>) {
        self.counts.problems += 1;
        (self.on_item)(Item::Problem(Problem {
            path: self.path.to_path_buf(),
            line,
            reason: reason.into(),
        }));
    }

    pub fn article(&mut self, a: crate::Article) {
        self.counts.articles += 1;
        (self.on_item)(Item::Article(a));
    }

    /// Emit an HTML page: unparsed when the options defer pages (counted as an article
    /// until its outcome says otherwise), else parsed here. A single-page file without
    /// article text is an error for the whole file.
    pub fn page(&mut self, page: PendingPage) -> Result<(), FileError> {
        if self.opts.defer_pages {
            self.counts.articles += 1;
            (self.on_item)(Item::Page(page));
            return Ok(());
        }
        match page.finish() {
            PageOutcome::Article(a) => self.article(a),
            PageOutcome::Problem(p) => self.problem(p.line, p.reason),
            PageOutcome::FileError(e) => return Err(e),
        }
        Ok(())
    }

    /// The path of record `n` of this file (`file#n`).
    pub fn record_path(&self, n: u64) -> String {
        format!("{}#{}", self.path.display(), n)
    }

    /// Emit the article that the fields of `obj` make, with path `path`, or a problem at
    /// `line` saying why they make none. Shared by every keyed-record format (JSON, tables).
    pub fn object(&mut self, obj: &Map<String, Value>, path: String, line: u64) {
        match fields::article_from_json(obj, self.opts, path) {
            Ok(a) => self.article(a),
            Err(reason) => self.problem(Some(line), reason),
        }
    }

    /// Emit one JSON record (object) numbered `n`; `numbered` adds `#n` to the path.
    fn record(&mut self, v: Value, n: u64, numbered: bool) {
        let p = if numbered {
            self.record_path(n)
        } else {
            self.path.display().to_string()
        };
        match v {
            Value::Object(obj) => self.object(&unwrap_hit(obj), p, n),
            other => self.problem(
                Some(n),
                format!("record is a JSON {}, not an object", kind(&other)),
            ),
        }
    }

    /// A whole JSON document: an article, an array of them, or an envelope holding them.
    fn document(&mut self, v: Value) {
        match v {
            Value::Array(items) => {
                for (i, item) in items.into_iter().enumerate() {
                    self.record(item, i as u64 + 1, true);
                }
            }
            Value::Object(obj) => {
                if !fields::has_text(&obj, self.opts) {
                    if let Some(items) = CONTAINERS
                        .iter()
                        .find_map(|k| fields::get(&obj, k))
                        .and_then(Value::as_array)
                    {
                        for (i, item) in items.iter().enumerate() {
                            self.record(item.clone(), i as u64 + 1, true);
                        }
                        return;
                    }
                }
                self.record(Value::Object(obj), 1, false);
            }
            other => self.problem(
                None,
                format!(
                    "document is a JSON {}, not an object or array",
                    kind(&other)
                ),
            ),
        }
    }
}

/// Elasticsearch-style hits keep the document under `_source`.
fn unwrap_hit(mut obj: Map<String, Value>) -> Map<String, Value> {
    if let Some(Value::Object(src)) = obj.remove("_source") {
        let mut src = src;
        if let Some(id) = obj.remove("_id") {
            src.entry("_id").or_insert(id);
        }
        return src;
    }
    obj
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// How a JSON stream is laid out.
#[derive(Debug, PartialEq, Eq)]
pub enum Layout {
    Lines,
    Array,
    Document,
}

/// Decide the layout from the first bytes: `[` → array; several lines each a complete
/// value → lines; otherwise one (pretty-printed) document.
pub fn sniff_layout(head: &[u8], jsonl_name: bool) -> Layout {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let rest = &head[start..];
    if rest.first() == Some(&b'[') {
        return Layout::Array;
    }
    if jsonl_name {
        return Layout::Lines;
    }
    match rest.iter().position(|&b| b == b'\n') {
        Some(nl) => {
            let first = &rest[..nl];
            let complete = serde_json::from_slice::<Value>(first).is_ok();
            let more = rest[nl..].iter().any(|b| !b.is_ascii_whitespace());
            if complete && more {
                Layout::Lines
            } else {
                Layout::Document
            }
        }
        // One line longer than the head: a document (an API envelope on one line is
        // unpacked; one too large is reported as such).
        None => Layout::Document,
    }
}

/// Result of reading one capped line.
pub enum Line {
    Eof,
    Ok,
    TooLong(u64),
}

/// Read one `\n`-terminated line into `buf` (cleared first), keeping at most `cap` bytes;
/// the rest of an over-long line is consumed and discarded.
pub fn read_line_capped(r: &mut dyn BufRead, buf: &mut Vec<u8>, cap: usize) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (&avail[..=i], true),
            None => (avail, false),
        };
        let n = chunk.len();
        total += n as u64;
        if buf.len() < cap {
            let take = n.min(cap - buf.len());
            buf.extend_from_slice(&chunk[..take]);
        }
        r.consume(n);
        if done {
            break;
        }
    }
    if !any {
        return Ok(Line::Eof);
    }
    if total > cap as u64 {
        buf.clear();
        return Ok(Line::TooLong(total));
    }
    Ok(Line::Ok)
}

/// Read JSON from `r` in the given layout, emitting articles and problems.
pub fn read(r: &mut dyn BufRead, layout: Layout, sink: &mut Sink) -> io::Result<()> {
    match layout {
        Layout::Lines => read_lines(r, sink),
        Layout::Array => {
            // Stray non-UTF-8 bytes would stop serde mid-array: repair them as we stream.
            let budget = Budget::new(super::encoding::Utf8Repair::new(r), MAX_RECORD as u64);
            let used = budget.used.clone();
            let mut de = serde_json::Deserializer::from_reader(budget);
            let mut n = 0u64;
            let res = de.deserialize_seq_with(sink, &mut n, &used);
            if let Err(e) = res {
                if e.is_io() {
                    let ioe: io::Error = e.into();
                    if ioe.get_ref().is_some_and(|i| i.is::<RecordTooLarge>()) {
                        sink.problem(
                            Some(n + 1),
                            format!("record {} too large (> {MAX_RECORD} bytes); rest of the array skipped", n + 1),
                        );
                        return Ok(());
                    }
                    return Err(ioe);
                }
                sink.problem(
                    Some(e.line() as u64),
                    format!("malformed JSON array after record {n}, rest of file skipped: {e}"),
                );
            }
            Ok(())
        }
        Layout::Document => {
            let mut limited = io::Read::take(r, MAX_RECORD as u64 + 1);
            let mut buf = Vec::new();
            io::Read::read_to_end(&mut limited, &mut buf)?;
            if buf.len() > MAX_RECORD {
                sink.problem(
                    None,
                    format!(
                        "JSON document larger than {MAX_RECORD} bytes (record too large), skipped"
                    ),
                );
                return Ok(());
            }
            let parsed = match serde_json::from_slice::<Value>(&buf) {
                Ok(v) => Ok(v),
                // A legacy-encoded document (or stray bytes): decode it as text files are.
                Err(e) if std::str::from_utf8(&buf).is_err() => {
                    let text = super::encoding::decode_text(&buf, None);
                    serde_json::from_str::<Value>(&text).map_err(|_| e)
                }
                Err(e) => Err(e),
            };
            match parsed {
                Ok(v) => sink.document(v),
                Err(e) => sink.problem(Some(e.line() as u64), format!("malformed JSON: {e}")),
            }
            Ok(())
        }
    }
}

fn read_lines(r: &mut dyn BufRead, sink: &mut Sink) -> io::Result<()> {
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut n = 0u64;
    loop {
        let got = read_line_capped(r, &mut buf, MAX_RECORD)?;
        n += 1;
        match got {
            Line::Eof => return Ok(()),
            Line::TooLong(len) => {
                sink.problem(
                    Some(n),
                    format!("record too large ({len} bytes > {MAX_RECORD}), skipped"),
                );
                continue;
            }
            Line::Ok => {}
        }
        let mut line: &[u8] = &buf;
        if n == 1 {
            line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let parsed = match serde_json::from_slice::<Value>(line) {
            Ok(v) => Ok(v),
            Err(e) if std::str::from_utf8(line).is_err() => {
                // Legacy-encoded line or stray bytes: UTF-8 kept, the rest as Windows-1252.
                let text = super::encoding::repair_utf8(line);
                serde_json::from_str::<Value>(&text).map_err(|_| e)
            }
            Err(e) => Err(e),
        };
        match parsed {
            Ok(v) => sink.record(v, n, true),
            Err(e) => sink.problem(Some(n), format!("malformed JSON line: {e}")),
        }
    }
}

/// The error a [`Budget`] reader returns when one record uses up its budget.
#[derive(Debug)]
pub struct RecordTooLarge;
impl std::fmt::Display for RecordTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "record too large")
    }
}
impl std::error::Error for RecordTooLarge {}

/// A reader that fails once more than `cap` bytes are read since the last reset of
/// `used`: bounds the memory of one record in formats parsed by a streaming library.
pub struct Budget<R> {
    inner: R,
    pub used: std::rc::Rc<std::cell::Cell<u64>>,
    cap: u64,
}

impl<R> Budget<R> {
    pub fn new(inner: R, cap: u64) -> Self {
        Budget {
            inner,
            used: Default::default(),
            cap,
        }
    }
}

impl<R: io::Read> io::Read for Budget<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.used.get() > self.cap {
            return Err(io::Error::other(RecordTooLarge));
        }
        let n = self.inner.read(buf)?;
        self.used.set(self.used.get() + n as u64);
        Ok(n)
    }
}

/// Streams the elements of a top-level array into the sink one by one.
trait SeqWith {
    fn deserialize_seq_with(
        &mut self,
        sink: &mut Sink,
        n: &mut u64,
        used: &std::cell::Cell<u64>,
    ) -> serde_json::Result<()>;
}

impl<'de, R: serde_json::de::Read<'de>> SeqWith for serde_json::Deserializer<R> {
    fn deserialize_seq_with(
        &mut self,
        sink: &mut Sink,
        n: &mut u64,
        used: &std::cell::Cell<u64>,
    ) -> serde_json::Result<()> {
        ArraySeed { sink, n, used }.deserialize(&mut *self)?;
        self.end()
    }
}

struct ArraySeed<'s, 'a> {
    sink: &'s mut Sink<'a>,
    n: &'s mut u64,
    used: &'s std::cell::Cell<u64>,
}

impl<'de> DeserializeSeed<'de> for ArraySeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ArraySeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of article objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(v) = seq.next_element::<Value>()? {
            self.used.set(0);
            *self.n += 1;
            self.sink.record(v, *self.n, true);
        }
        Ok(())
    }
}

/// For the format readers' tests: a sink that collects what it is given.
#[cfg(test)]
pub mod harness {
    use super::{Counts, Sink};
    use crate::archive::{Item, ReadOptions};
    use std::path::Path;

    /// Run `read` on a sink for the file `path` (default options); what it returned, the
    /// items it emitted and its counts.
    pub fn capture<T>(path: &str, read: impl FnOnce(&mut Sink) -> T) -> (T, Vec<Item>, Counts) {
        let mut items = Vec::new();
        let opts = ReadOptions::default();
        let mut push = |i: Item| items.push(i);
        let mut sink = Sink {
            path: Path::new(path),
            opts: &opts,
            on_item: &mut push,
            counts: Counts::default(),
        };
        let out = read(&mut sink);
        let counts = sink.counts;
        (out, items, counts)
    }

    /// The articles among `items`.
    pub fn articles(items: &[Item]) -> Vec<&crate::Article> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Article(a) => Some(a),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::harness::{articles as arts, capture};

    fn run(data: &[u8], jsonl_name: bool) -> Vec<Item> {
        let layout = sniff_layout(data, jsonl_name);
        let mut r: &[u8] = data;
        capture("f", |sink| read(&mut r, layout, sink).unwrap()).1
    }

    #[test]
    fn jsonl_with_bad_line_continues() {
        let items = run(
            b"{\"text\":\"a\",\"id\":\"x1\"}\n{bad\n\n{\"text\":\"b\"}\n{\"nope\":1}\n",
            false,
        );
        let a = arts(&items);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id.as_deref(), Some("x1"));
        assert_eq!(a[0].path, "f#1");
        assert_eq!(a[1].path, "f#4");
        let probs: Vec<_> = items
            .iter()
            .filter_map(|i| {
                if let Item::Problem(p) = i {
                    Some(p)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(probs.len(), 2);
        assert_eq!(probs[0].line, Some(2));
        assert!(probs[1].reason.contains("no text field"));
    }

    #[test]
    fn array_and_single_object_and_envelope() {
        let a = run(b"[ {\"body\":\"one\"}, {\"content\":\"two\"} ]", false);
        assert_eq!(arts(&a).len(), 2);
        assert_eq!(arts(&a)[1].path, "f#2");
        let one = run(b"{\n  \"title\": \"T\",\n  \"text\": \"x\"\n}\n", false);
        assert_eq!(arts(&one)[0].path, "f");
        let g = run(br#"{"response":{"status":"ok","results":[{"webTitle":"W","fields":{"body":"<p>B</p>"}}]}}"#, false);
        assert_eq!(arts(&g)[0].text, "B");
    }

    #[test]
    fn long_line_is_capped() {
        let mut r: &[u8] = b"aaaaaaaaaa\nbb\n";
        let mut buf = Vec::new();
        assert!(matches!(
            read_line_capped(&mut r, &mut buf, 5).unwrap(),
            Line::TooLong(11)
        ));
        assert!(matches!(
            read_line_capped(&mut r, &mut buf, 5).unwrap(),
            Line::Ok
        ));
        assert_eq!(buf, b"bb\n");
        assert!(matches!(
            read_line_capped(&mut r, &mut buf, 5).unwrap(),
            Line::Eof
        ));
    }

    #[test]
    fn oversized_array_element_is_a_problem() {
        let big = format!("[{{\"text\":\"a\"}},{{\"text\":\"{}\"}}]", "x".repeat(200));
        let budget = Budget::new(big.as_bytes(), 100);
        let used = budget.used.clone();
        let mut de = serde_json::Deserializer::from_reader(budget);
        let mut n = 0;
        let (err, _, _) = capture("f", |sink| {
            de.deserialize_seq_with(sink, &mut n, &used).unwrap_err()
        });
        assert!(err.is_io());
        assert_eq!(n, 1);
    }

    #[test]
    fn latin1_line() {
        let a = run(b"{\"text\":\"caf\xe9\"}\n{\"text\":\"b\"}\n", true);
        assert_eq!(arts(&a)[0].text, "café");
        // UTF-8 with one stray byte keeps its UTF-8.
        let mut mixed = "{\"text\":\"Zürich ".as_bytes().to_vec();
        mixed.extend_from_slice(b"\x96 x\"}\n");
        assert_eq!(arts(&run(&mixed, true))[0].text, "Zürich – x");
    }

    /// Regression (hostile_input invalid_utf8_everywhere): a `.json` document or array
    /// with stray non-UTF-8 bytes lost its articles.
    #[test]
    fn stray_bytes_in_documents_and_arrays() {
        let doc = b"{\"id\": \"d\", \"text\": \"Stray \x80\x81 bytes.\"}";
        // Decoded like a text file (a legacy-encoding guess for two bytes), not lost.
        let items = run(doc, false);
        let t = &arts(&items)[0].text;
        assert!(t.starts_with("Stray ") && t.ends_with(" bytes."), "{t}");
        let arr = b"[{\"text\": \"one caf\xe9\"}, {\"text\": \"two \xc3\xa9\"}]";
        let items = run(arr, false);
        let a = arts(&items);
        assert_eq!(a.len(), 2, "{items:?}");
        assert_eq!(a[0].text, "one café");
        assert_eq!(a[1].text, "two é");
    }
}
