//! WARC web archives (`.warc`, `.warc.gz` with one gzip member per record).
//!
//! Crawls (Common Crawl, Heritrix, warcio) store pages as WARC `response` records: WARC
//! headers, then the HTTP response (status line, headers, payload). Records are streamed
//! one by one; each HTML payload goes through the HTML page reader with the URL from
//! `WARC-Target-URI` and the charset from the HTTP `Content-Type`. The date is the page's
//! own, else `WARC-Date` (the crawl time). `warcinfo`, `request` and `metadata` records are
//! skipped silently; responses that are not HTML (images, scripts, errors) are reported as
//! problems so the run summary shows what was left out.

use super::json::{read_line_capped, Line, Sink, MAX_RECORD};
use super::{dates, encoding, html, PendingPage};
use std::io::{self, BufRead, Read};

/// Read every record of a (decompressed) WARC stream.
pub fn read(r: &mut dyn BufRead, sink: &mut Sink) -> io::Result<()> {
    let mut line = Vec::new();
    let mut n = 0u64;
    loop {
        // Find the next "WARC/x.y" version line (skipping the blank lines between records).
        let got = read_line_capped(r, &mut line, 64 * 1024)?;
        match got {
            Line::Eof => return Ok(()),
            Line::TooLong(_) => continue,
            Line::Ok => {}
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if !line.starts_with(b"WARC/") {
            sink.problem(
                Some(n + 1),
                "expected a WARC record header (WARC/1.x); stopped reading this file",
            );
            return Ok(());
        }
        n += 1;
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match read_line_capped(r, &mut line, 64 * 1024)? {
                Line::Eof => {
                    sink.problem(Some(n), "WARC record headers cut off (truncated file)");
                    return Ok(());
                }
                Line::TooLong(_) => continue,
                Line::Ok => {}
            }
            let l = String::from_utf8_lossy(&line);
            let l = l.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let get = |k: &str| {
            headers
                .iter()
                .find(|(hk, _)| hk == k)
                .map(|(_, v)| v.as_str())
        };
        let Some(len) = get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            sink.problem(
                Some(n),
                "WARC record without a valid Content-Length; stopped reading this file",
            );
            return Ok(());
        };
        let wtype = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let uri = get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let wdate = get("warc-date").map(str::to_string);
        let ctype = get("content-type").unwrap_or("").to_ascii_lowercase();
        let wanted = (wtype == "response" && ctype.contains("application/http"))
            || (wtype == "resource" && ctype.contains("html"));
        if !wanted || len > MAX_RECORD as u64 {
            let copied = io::copy(&mut r.take(len), &mut io::sink())?;
            if copied < len {
                sink.problem(Some(n), "WARC record body cut off (truncated file)");
                return Ok(());
            }
            if wanted {
                sink.problem(
                    Some(n),
                    format!("WARC record of {len} bytes exceeds {MAX_RECORD}, skipped"),
                );
            } else if wtype == "response" || wtype == "resource" {
                sink.problem(
                    Some(n),
                    format!("skipped non-HTML {wtype} record ({ctype})"),
                );
            }
            continue;
        }
        let mut block = Vec::with_capacity(len as usize);
        r.take(len).read_to_end(&mut block)?;
        if (block.len() as u64) < len {
            sink.problem(
                Some(n),
                "WARC record body cut off (truncated file); kept what was read",
            );
        }
        let (status, http_type, payload) = if wtype == "response" {
            match split_http(&block) {
                Some(x) => x,
                None => {
                    sink.problem(
                        Some(n),
                        "response record without a readable HTTP header, skipped",
                    );
                    continue;
                }
            }
        } else {
            (200, ctype.clone(), block.clone())
        };
        if !(200..300).contains(&status) {
            sink.problem(
                Some(n),
                format!(
                    "skipped HTTP {status} response for {}",
                    uri.as_deref().unwrap_or("?")
                ),
            );
            continue;
        }
        let is_html = http_type.contains("html") || (http_type.is_empty() && html::sniff(&payload));
        if !is_html {
            sink.problem(
                Some(n),
                format!(
                    "skipped non-HTML response ({http_type}) for {}",
                    uri.as_deref().unwrap_or("?")
                ),
            );
            continue;
        }
        let charset = encoding::declared_charset(http_type.as_bytes());
        let page = PendingPage {
            payload,
            charset,
            uri,
            fallback_date: wdate.as_deref().and_then(dates::normalize),
            file: sink.path.to_path_buf(),
            path: sink.record_path(n),
            record: Some(n),
        };
        // A record's page is never an error for the whole file.
        let _ = sink.page(page);
    }
}

/// Split an HTTP response into status, Content-Type (lower case) and the decoded payload
/// (chunked transfer and gzip/deflate content encodings undone, bounded).
fn split_http(block: &[u8]) -> Option<(u16, String, Vec<u8>)> {
    let end = find(block, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut ctype = String::new();
    let mut chunked = false;
    let mut cenc = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => ctype = v.trim().to_ascii_lowercase(),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => cenc = v.trim().to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    let mut body = block[end.0 + end.1..].to_vec();
    if chunked {
        if let Some(b) = dechunk(&body) {
            body = b;
        }
    }
    if cenc == "gzip" || cenc == "x-gzip" || cenc == "deflate" {
        let mut out = Vec::new();
        let limit = MAX_RECORD as u64;
        let ok = if cenc == "deflate" {
            flate2::read::ZlibDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
                .is_ok()
        } else {
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
                .is_ok()
        };
        if ok {
            body = out;
        }
    }
    Some((status, ctype, body))
}

fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let nl = find(&b[i..], b"\r\n")? + i;
        let size_str = String::from_utf8_lossy(&b[i..nl]);
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        i = nl + 2;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        out.extend_from_slice(b.get(i..end)?);
        i = end + 2;
        if i >= b.len() {
            return Some(out);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::super::json::harness::capture;
    use super::super::Item;
    use super::*;

    fn record(wtype: &str, uri: &str, ctype: &str, block: &[u8]) -> Vec<u8> {
        let mut v = format!(
            "WARC/1.1\r\nWARC-Type: {wtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-24T00:00:00Z\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        v.extend_from_slice(block);
        v.extend_from_slice(b"\r\n\r\n");
        v
    }

    #[test]
    fn html_responses_become_articles() {
        let page = "<html><head><title>A headline here</title></head><body><article><p>The mayor said, on Monday, that the bridge would reopen, after repairs, in spring.</p></article></body></html>";
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        let mut data = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        data.extend(record(
            "response",
            "https://news.example.com/a",
            "application/http; msgtype=response",
            http.as_bytes(),
        ));
        data.extend(record(
            "response",
            "https://news.example.com/i.png",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let mut r: &[u8] = &data;
        let ((), items, counts) = capture("w.warc", |sink| read(&mut r, sink).unwrap());
        assert_eq!((counts.articles, counts.problems), (1, 1));
        let Item::Article(a) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(a.url.as_deref(), Some("https://news.example.com/a"));
        assert_eq!(a.date.as_deref(), Some("2020-01-24T00:00:00Z"));
        assert_eq!(a.path, "w.warc#2");
        assert!(a.text.starts_with("The mayor said"));
    }

    #[test]
    fn chunked_payload() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
    }
}
