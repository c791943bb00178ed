//! Archive → `Article`s: find files, undo compression and legacy encodings, and hand each
//! file to the reader for its format.
//!
//! Readers stream: they push articles into a callback one at a time, so memory stays bounded
//! whatever the archive size. Bad input never stops a run: a file that cannot be read at all is
//! a [`FileError`]; a bad record inside a readable file is a [`Problem`] and the reader goes on.
//!
//! CONTRACT (used by the index and extract commands; keep these signatures):
//! - `read_file(path, opts, on_item) -> Result<FileStats, FileError>`
//! - `walk(paths) -> impl Iterator<Item = Result<PathBuf, Problem>>`
//!
//! How a file is read: compression by magic bytes (`decode`: gzip incl. multi-member, zstd,
//! bzip2, xz; 1 GiB decompressed at most), then the format by the name without the
//! compression suffix, else by sniffing the first 64 KiB:
//!
//! | format | module | one article is | path |
//! |---|---|---|---|
//! | `.txt`, unknown text | `text` | the file (first line + blank line = title) | file |
//! | OCR pages `YYYYMMDD/<LCCN>-ed-N_seq-N.txt` | `ocr` | the page (date, paper, ChronAm URL) | file |
//! | `.json`, `.jsonl`, `.ndjson` (also JSONL named `.json`) | `json`, `fields` | a record | `file#N` |
//! | `.csv`, `.tsv` with a text column | `table`, `fields` | a row | `file#N` |
//! | `.html`, `.htm` | `html`, `main_text` | the page's main text | file |
//! | `.warc` (`.warc.gz`) | `warc` | an HTML response record | `file#N` |
//! | `.sgm` Reuters-21578 | `sgml` | a record with a BODY (others: a Problem each) | `file#N` |
//!
//! Text encodings are settled in `encoding` (BOMs, UTF-16 by NUL pattern, declared charset,
//! UTF-8, else a chardetng guess); tar/zip/PDF and binary data are refused with a reason.

mod chunked;
#[cfg(test)]
mod corpus_tests;
mod dates;
mod decode;
mod element_sums;
mod encoding;
mod fields;
mod html;
mod json;
mod main_text;
mod ocr;
mod pending;
mod sgml;
mod table;
mod tags;
mod text;
mod walk;
mod warc;

pub use dates::normalize as normalize_date;
pub use pending::{PageOutcome, PendingPage};
pub use walk::walk;

use decode::Compression;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

/// Options that change how files are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Extra JSON field mappings from `--field text=story`: (our field, their key).
    pub field_map: Vec<(String, String)>,
    /// Hand HTML pages over unparsed, as [`Item::Page`], for the caller to
    /// [`finish`](PendingPage::finish) on another thread. Off: pages are parsed while reading.
    pub defer_pages: bool,
}

/// Something wrong inside a file that was otherwise read (a malformed JSON line...).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line (or record) number, where it applies.
    pub line: Option<u64>,
    pub reason: String,
}

/// Why a whole file was skipped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{reason}")]
pub struct FileError {
    /// Short machine-friendly class used in the run summary: "binary", "empty",
    /// "unreadable", "truncated", "undecodable", "too-large", "unsupported".
    pub class: &'static str,
    pub reason: String,
}

/// What reading one file yielded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileStats {
    pub articles: u64,
    pub problems: u64,
    /// Bytes of the file on disk (compressed size for compressed files).
    pub bytes: u64,
}

/// One item produced while reading a file.
#[derive(Debug)]
pub enum Item {
    Article(crate::Article),
    Problem(Problem),
    /// An HTML page left unparsed (only with [`ReadOptions::defer_pages`]). It was counted
    /// as an article in the file's [`FileStats`]; its outcome may turn out otherwise.
    Page(PendingPage),
}

/// Bytes of the decompressed stream looked at to recognise the format and encoding.
const HEAD: u64 = 64 * 1024;
/// A single-article file (text, HTML) larger than this is refused as "too-large".
const MAX_SINGLE: u64 = 64 << 20;

/// The formats we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json {
        lines: bool,
    },
    Html,
    Warc,
    Sgml,
    /// Delimited table with this separator.
    Table(u8),
}

fn err(class: &'static str, reason: impl Into<String>) -> FileError {
    FileError {
        class,
        reason: reason.into(),
    }
}

/// Decide the format from the file name (without compression suffix) and the first bytes.
fn detect(name: &str, head: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let body = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    match ext {
        "jsonl" | "ndjson" | "jsonlines" => Format::Json { lines: true },
        "json" => Format::Json { lines: false },
        "warc" => Format::Warc,
        "csv" => Format::Table(b','),
        "tsv" | "tab" => Format::Table(b'\t'),
        "sgm" | "sgml" => Format::Sgml,
        _ if body.starts_with(b"WARC/") => Format::Warc,
        _ if find_bytes(&body[..body.len().min(4096)], b"<REUTERS").is_some() => Format::Sgml,
        "html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" => Format::Html,
        // A page saved as .txt is still a page; JSON-looking .txt stays text.
        "txt" | "text" if html::sniff(body) => Format::Html,
        "txt" | "text" => Format::Text,
        _ if matches!(first, Some(b'{') | Some(b'[')) => Format::Json { lines: false },
        _ if html::sniff(body) => Format::Html,
        _ => Format::Text,
    }
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    // memmem, not a compare at every window: every file's head is searched.
    memchr::memmem::find(hay, needle)
}

/// Read everything (up to `cap` bytes), keeping what was read if the stream breaks.
/// Returns the bytes, whether the cap was exceeded, and a read error if one ended it.
fn read_keep(r: &mut dyn BufRead, cap: u64) -> (Vec<u8>, bool, Option<io::Error>) {
    let mut out = Vec::new();
    let res = r.take(cap + 1).read_to_end(&mut out);
    let over = out.len() as u64 > cap;
    if over {
        out.truncate(cap as usize);
    }
    (out, over, res.err())
}

/// Read one archive file, pushing its articles and problems into `on_item`.
pub fn read_file(
    path: &Path,
    opts: &ReadOptions,
    on_item: &mut dyn FnMut(Item),
) -> Result<FileStats, FileError> {
    let meta =
        std::fs::metadata(path).map_err(|e| err("unreadable", format!("cannot stat: {e}")))?;
    if meta.is_dir() {
        return Err(err("unsupported", "is a directory"));
    }
    let bytes = meta.len();
    if bytes == 0 {
        return Err(err("empty", "file is empty (0 bytes)"));
    }
    let file =
        std::fs::File::open(path).map_err(|e| err("unreadable", format!("cannot open: {e}")))?;
    let (mut stream, comp) = decode::decompress(file, decode::MAX_DECOMPRESSED)
        .map_err(|e| err("unreadable", format!("cannot read: {e}")))?;

    // The head: enough to recognise format and encoding; then head + rest as one stream.
    // (Read exactly up to HEAD bytes: `read_keep` would read one more and drop it.)
    let mut head = Vec::new();
    let head_err = (&mut stream).take(HEAD).read_to_end(&mut head).err();
    if let Some(e) = &head_err {
        let fe = decode::classify(e, comp);
        if head.is_empty() || fe.class == "too-large" || fe.class == "unreadable" {
            return Err(fe);
        }
    }
    if head.is_empty() {
        return Err(err("empty", "decompressed stream is empty"));
    }
    let truncated = head_err.map(|e| decode::classify(&e, comp));
    let rest: Box<dyn BufRead> = if truncated.is_some() {
        Box::new(io::empty())
    } else {
        stream
    };
    let mut reader = io::Cursor::new(head.clone()).chain(rest);

    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inner = if comp == Compression::None {
        name.as_str()
    } else {
        Compression::strip_suffix(&name)
    };

    if let Some(kind) = container_kind(&head) {
        return Err(err(
            "unsupported",
            format!("{kind}: unpack it and index the folder"),
        ));
    }
    let unicode = encoding::sniff_unicode(&head);
    if unicode.is_none() && encoding::looks_binary(&head) {
        return Err(err(
            "binary",
            format!("binary data, not text ({} compression)", comp_name(comp)),
        ));
    }

    let mut sink = json::Sink {
        path,
        opts,
        on_item,
        counts: json::Counts::default(),
    };
    let format = detect(inner, &head);
    let outcome: Result<(), FileError> = match format {
        Format::Json { lines } if unicode.is_none_or(|(e, _)| e == encoding_rs::UTF_8) => {
            let layout =
                json::sniff_layout(head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head), lines);
            json::read(&mut reader, layout, &mut sink).map_err(|e| decode::classify(&e, comp))
        }
        Format::Json { lines } => {
            // UTF-16 JSON: transcode the whole (bounded) document, then read it.
            let (raw, over, e) = read_keep(&mut reader, MAX_SINGLE);
            if over {
                return Err(err(
                    "too-large",
                    format!("UTF-16 JSON larger than {MAX_SINGLE} bytes"),
                ));
            }
            let text = encoding::decode(&raw, None)?;
            let layout = json::sniff_layout(text.as_bytes(), lines);
            let mut r: &[u8] = text.as_bytes();
            json::read(&mut r, layout, &mut sink).map_err(|e| decode::classify(&e, comp))?;
            e.map_or(Ok(()), |e| Err(decode::classify(&e, comp)))
        }
        Format::Warc => warc::read(&mut reader, &mut sink).map_err(|e| decode::classify(&e, comp)),
        Format::Sgml => sgml::read(&mut reader, &mut sink).map_err(|e| decode::classify(&e, comp)),
        // UTF-16 tables (Excel's "Unicode text" export) are transcoded as they stream.
        Format::Table(delim) => match unicode {
            Some((enc, _)) if enc != encoding_rs::UTF_8 => {
                let mut utf8 = io::BufReader::new(encoding::Transcode::new(&mut reader, enc));
                table::read(&mut utf8, delim, &mut sink)
            }
            _ => table::read(&mut reader, delim, &mut sink),
        },
        Format::Html => {
            let raw = read_single(&mut reader, comp, &mut sink, "HTML page", "")?;
            sink.page(PendingPage {
                payload: raw,
                charset: None,
                uri: None,
                fallback_date: None,
                file: path.to_path_buf(),
                path: path.display().to_string(),
                record: None,
            })
        }
        Format::Text => {
            let raw = read_single(
                &mut reader,
                comp,
                &mut sink,
                "text file",
                "; not one article",
            )?;
            let s = encoding::decode(&raw, None)?;
            match ocr::article(&s, path) {
                Some(a) if !a.text.is_empty() => sink.article(a),
                Some(_) => return Err(err("empty", "file has no text (only whitespace)")),
                None => sink.article(text::article(&s, path)?),
            }
            Ok(())
        }
    };
    match (outcome, truncated) {
        (Err(fe), _) if fe.class == "truncated" => sink.problem(
            None,
            format!("truncated: {}; kept what was read", fe.reason),
        ),
        (Err(fe), _) => return Err(fe),
        (Ok(()), Some(fe)) => sink.problem(
            None,
            format!("truncated: {}; kept what was read", fe.reason),
        ),
        (Ok(()), None) => {}
    }
    Ok(FileStats {
        articles: sink.counts.articles,
        problems: sink.counts.problems,
        bytes,
    })
}

/// The whole of a file that is one article (an HTML page, a text file): at most
/// [`MAX_SINGLE`] bytes, else a "too-large" error ("`what` larger than ...`note`"); a
/// stream cut short keeps what was read, with a problem that says so.
fn read_single(
    reader: &mut dyn BufRead,
    comp: Compression,
    sink: &mut json::Sink,
    what: &str,
    note: &str,
) -> Result<Vec<u8>, FileError> {
    let (raw, over, e) = read_keep(reader, MAX_SINGLE);
    if over {
        return Err(err(
            "too-large",
            format!("{what} larger than {MAX_SINGLE} bytes decompressed{note}"),
        ));
    }
    if let Some(e) = e {
        let fe = decode::classify(&e, comp);
        if fe.class != "truncated" {
            return Err(fe);
        }
        sink.problem(
            None,
            format!(
                "truncated: {}; kept the {} bytes read",
                fe.reason,
                raw.len()
            ),
        );
    }
    Ok(raw)
}

/// Archive and document formats we recognise but do not read, to say so clearly
/// instead of "binary".
fn container_kind(head: &[u8]) -> Option<&'static str> {
    if head.len() > 262 && &head[257..262] == b"ustar" {
        Some("a tar archive")
    } else if head.starts_with(b"PK\x03\x04") {
        Some("a zip archive (or an office document)")
    } else if head.starts_with(b"%PDF-") {
        Some("a PDF document (extract its text first)")
    } else if head.starts_with(b"7z\xbc\xaf\x27\x1c") {
        Some("a 7-Zip archive")
    } else if head.starts_with(b"Rar!") {
        Some("a RAR archive")
    } else {
        None
    }
}

fn comp_name(c: Compression) -> &'static str {
    match c {
        Compression::None => "no",
        Compression::Gzip => "gzip",
        Compression::Zstd => "zstd",
        Compression::Bzip2 => "bzip2",
        Compression::Xz => "xz",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read(path: &Path) -> (Result<FileStats, FileError>, Vec<Item>) {
        let mut items = Vec::new();
        let r = read_file(path, &ReadOptions::default(), &mut |i| items.push(i));
        (r, items)
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn empty_binary_and_text() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("e.txt");
        std::fs::write(&p, b"").unwrap();
        assert_eq!(read(&p).0.unwrap_err().class, "empty");
        std::fs::write(&p, b"  \n ").unwrap();
        assert_eq!(read(&p).0.unwrap_err().class, "empty");
        let b = d.path().join("b.bin");
        let bytes: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        std::fs::write(&b, &bytes).unwrap();
        assert_eq!(read(&b).0.unwrap_err().class, "binary");
        let t = d.path().join("noext");
        std::fs::write(&t, b"Title\n\nCaf\xe9 body.").unwrap();
        let (r, items) = read(&t);
        assert_eq!(r.unwrap().articles, 1);
        match &items[0] {
            Item::Article(a) => {
                assert_eq!(a.title.as_deref(), Some("Title"));
                assert_eq!(a.text, "Café body.");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn gzip_jsonl_and_lying_extension() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.jsonl.gz");
        std::fs::write(&p, gz(b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n")).unwrap();
        assert_eq!(read(&p).0.unwrap().articles, 2);
        let q = d.path().join("lies.txt");
        std::fs::write(&q, gz(b"Plain text story.")).unwrap();
        assert_eq!(read(&q).0.unwrap().articles, 1);
        let h = d.path().join("page.txt");
        std::fs::write(&h, b"<!DOCTYPE html><html><body><article><p>The mayor said, on Monday, that the bridge would reopen soon.</p></article></body></html>").unwrap();
        let (r, items) = read(&h);
        assert_eq!(r.unwrap().articles, 1);
        assert!(matches!(&items[0], Item::Article(a) if a.text.starts_with("The mayor")));
        let j = d.path().join("really-jsonl.json");
        std::fs::write(&j, b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n").unwrap();
        assert_eq!(read(&j).0.unwrap().articles, 2);
    }

    #[test]
    fn truncated_gzip_keeps_lines() {
        let d = tempfile::tempdir().unwrap();
        let mut data = Vec::new();
        for i in 0..20000 {
            data.extend(format!("{{\"text\":\"article number {i} with some words\"}}\n").bytes());
        }
        let z = gz(&data);
        let p = d.path().join("t.jsonl.gz");
        std::fs::write(&p, &z[..z.len() / 2]).unwrap();
        let (r, items) = read(&p);
        let st = r.unwrap();
        assert!(st.articles > 100, "{st:?}");
        assert!(items
            .iter()
            .any(|i| matches!(i, Item::Problem(p) if p.reason.starts_with("truncated"))));
    }

    /// Mutated and truncated inputs of every format must never panic.
    #[test]
    fn no_panic_on_mangled_input() {
        let d = tempfile::tempdir().unwrap();
        let samples: Vec<(&str, Vec<u8>)> = vec![
            ("a.jsonl", b"{\"text\":\"caf\xc3\xa9 \\u00e9\",\"date\":\"26-FEB-1987\"}\n[1,2]\n\"x\"\n".to_vec()),
            ("a.json", br#"{"response":{"results":[{"webTitle":"T","fields":{"body":"<p>x &amp; <b>y</p><"}}]}}"#.to_vec()),
            ("a.html", "<html><head><meta charset=latin1><title>é | S</title><script type=application/ld+json>{\"@type\":\"NewsArticle\",\"author\":[{}]}</script></head><body><div class=x><p>Hello, world, said é.</p><a href=#>&#x1F600;&#99999999;&</a></div></body>".as_bytes().to_vec()),
            ("a.warc", b"WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nff\r\n<p>x</p>\r\n0\r\n".to_vec()),
            ("a.sgm", b"<REUTERS NEWID=\"1\"><DATE>x</DATE><TEXT><BODY>b &#3;</BODY></TEXT></REUTERS>\n<REUTERS NEWID=\"2\"><BODY>".to_vec()),
            ("a.txt", "T\n\nbody é\r\n".as_bytes().to_vec()),
        ];
        let mut x: u32 = 7;
        let mut rnd = |n: usize| {
            x = x.wrapping_mul(1664525).wrapping_add(1013904223);
            (x >> 8) as usize % n.max(1)
        };
        for (name, data) in &samples {
            for round in 0..300 {
                let mut m = data.clone();
                match round % 4 {
                    0 => m.truncate(rnd(m.len() + 1)),
                    1 => {
                        for _ in 0..3 {
                            let i = rnd(m.len());
                            if i < m.len() {
                                m[i] = rnd(256) as u8;
                            }
                        }
                    }
                    2 => {
                        let i = rnd(m.len());
                        let j = rnd(m.len());
                        let (a, b) = (i.min(j), i.max(j));
                        m.drain(a..b);
                    }
                    _ => {
                        let i = rnd(m.len());
                        let ins: Vec<u8> = [
                            b"<", b">", b"&", b"\"", b"{", b"\n", b"\xff", b"\xc3", b"\0",
                        ][rnd(9)]
                        .to_vec();
                        m.splice(i..i, ins);
                    }
                }
                let p = d.path().join(name);
                std::fs::write(&p, &m).unwrap();
                let _ = read(&p);
                std::fs::write(&p, gz(&m)).unwrap();
                let _ = read(&p);
            }
        }
    }

    #[test]
    fn tar_and_zip_are_named() {
        let d = tempfile::tempdir().unwrap();
        let mut tar = vec![0u8; 1024];
        tar[..5].copy_from_slice(b"a.txt");
        tar[257..263].copy_from_slice(b"ustar\0");
        let p = d.path().join("news.tar.gz");
        std::fs::write(&p, gz(&tar)).unwrap();
        let e = read(&p).0.unwrap_err();
        assert_eq!(e.class, "unsupported");
        assert!(e.reason.contains("tar"), "{}", e.reason);
        let z = d.path().join("x.zip");
        std::fs::write(&z, b"PK\x03\x04rest").unwrap();
        assert_eq!(read(&z).0.unwrap_err().class, "unsupported");
    }

    /// Regression (hostile_input utf16_with_and_without_bom_is_decoded): a UTF-16 table was
    /// refused as "without a text column".
    #[test]
    fn utf16_tables() {
        let d = tempfile::tempdir().unwrap();
        let table = "id\ttitle\ttext\nt1\tT\t\u{201c}Yes,\u{201d} said Ann Lee in Z\u{fc}rich.\n";
        let mut le = vec![0xff, 0xfe];
        le.extend(table.encode_utf16().flat_map(u16::to_le_bytes));
        let p = d.path().join("excel.tsv");
        std::fs::write(&p, &le).unwrap();
        let (r, items) = read(&p);
        assert_eq!(r.unwrap().articles, 1, "{items:?}");
        assert!(matches!(&items[0], Item::Article(a) if a.text.contains("Zürich")));
        let be: Vec<u8> = table
            .replace('\t', ",")
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let p = d.path().join("be.csv");
        std::fs::write(&p, &be).unwrap();
        assert_eq!(read(&p).0.unwrap().articles, 1);
    }

    /// Regression (found by hostile_input): the byte at offset 65,535 of every file larger
    /// than 64 KiB was dropped (the head read one byte past its size and truncated it), so a
    /// JSONL line across that offset was lost as malformed, or a text lost a character.
    #[test]
    fn no_byte_is_lost_at_the_head_boundary() {
        let d = tempfile::tempdir().unwrap();
        let text: String = (0..30_000).map(|i| format!("w{i} ")).collect();
        let p = d.path().join("big.txt");
        std::fs::write(&p, &text).unwrap();
        let (r, items) = read(&p);
        r.unwrap();
        assert!(matches!(&items[0], Item::Article(a) if a.text == text.trim()));
        let mut lines = String::new();
        for i in 0..3000 {
            lines.push_str(&format!(
                "{{\"id\":\"{i}\",\"text\":\"[],[],[] line {i}\"}}\n"
            ));
        }
        for name in ["big.jsonl", "big.jsonl.gz"] {
            let p = d.path().join(name);
            if name.ends_with(".gz") {
                std::fs::write(&p, gz(lines.as_bytes())).unwrap();
            } else {
                std::fs::write(&p, &lines).unwrap();
            }
            let (r, items) = read(&p);
            assert_eq!(r.unwrap().articles, 3000, "{name}");
            for (i, it) in items.iter().enumerate() {
                assert!(
                    matches!(it, Item::Article(a) if a.text == format!("[],[],[] line {i}")),
                    "{name}: {it:?}"
                );
            }
        }
    }

    #[test]
    fn utf16_json() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("u.json");
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(
            "{\"text\": \"héllo\"}"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        std::fs::write(&p, bytes).unwrap();
        let (r, items) = read(&p);
        assert_eq!(r.unwrap().articles, 1, "{items:?}");
    }
}
