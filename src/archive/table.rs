//! CSV/TSV news dumps (one article per row, a header row naming the columns).
//!
//! Many published news data sets are spreadsheets (`id,title,publication,author,date,url,
//! content`). The header is mapped with the same field names as JSON (see `fields`), so
//! `content`, `text`, `body`... are found, and `--field text=story` works too. A table
//! without any text column is not a news dump (a lookup table such as `titles-derived.tsv`)
//! and is refused as "unsupported" with its column names. Rows are streamed; fields that
//! are not UTF-8 are decoded as Windows-1252.

use super::json::{Budget, RecordTooLarge, Sink, MAX_RECORD};
use super::{fields, FileError};
use serde_json::{Map, Value};
use std::io::BufRead;

/// Read a delimited table from `r` (already decompressed).
pub fn read(r: &mut dyn BufRead, delimiter: u8, sink: &mut Sink) -> Result<(), FileError> {
    let used;
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader({
            let b = Budget::new(r, MAX_RECORD as u64);
            used = b.used.clone();
            b
        });
    let headers: Vec<String> = match rdr.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|f| decode(f).trim().trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => {
            return Err(FileError {
                class: "undecodable",
                reason: format!("cannot read the header row: {e}"),
            })
        }
    };
    // Is there a text column, by the built-in names or a --field mapping?
    let probe: Map<String, Value> = headers
        .iter()
        .map(|h| (h.clone(), Value::String("x".into())))
        .collect();
    if !fields::has_text(&probe, sink.opts) {
        return Err(FileError {
            class: "unsupported",
            reason: format!(
                "table without a text column (columns: {}); map one with --field text=COLUMN",
                headers
                    .iter()
                    .take(12)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let mut rec = ::csv::ByteRecord::new();
    let mut n = 0u64;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                used.set(0);
                n += 1;
                let obj: Map<String, Value> = headers
                    .iter()
                    .zip(rec.iter())
                    .filter(|(h, _)| !h.is_empty())
                    .map(|(h, v)| (h.clone(), Value::String(decode(v))))
                    .collect();
                let path = sink.record_path(n);
                sink.object(&obj, path, n + 1);
            }
            Err(e) => {
                if let ::csv::ErrorKind::Io(io) = e.kind() {
                    if io.get_ref().is_some_and(|i| i.is::<RecordTooLarge>()) {
                        sink.problem(
                            Some(n + 2),
                            format!(
                                "row larger than {MAX_RECORD} bytes; rest of the table skipped"
                            ),
                        );
                        return Ok(());
                    }
                    sink.problem(Some(n + 2), format!("truncated: {io}; kept the rows read"));
                    return Ok(());
                }
                n += 1;
                sink.problem(Some(n + 1), format!("malformed row: {e}"));
            }
        }
    }
}

fn decode(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(b).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::json::harness::{articles, capture};
    use super::super::Item;
    use super::*;

    fn run(data: &[u8], delim: u8) -> (Result<(), FileError>, Vec<Item>) {
        let mut r: &[u8] = data;
        let (res, items, _) = capture("t.csv", |sink| read(&mut r, delim, sink));
        (res, items)
    }

    #[test]
    fn rows_become_articles() {
        let (res, items) = run(
            b"id,title,publication,author,date,url,content\n1,T,Pub,A,2016-12-31,http://x.example/a,\"He said, \"\"yes\"\".\"\n2,U,Pub,B,2017-01-01,,caf\xe9\n",
            b',',
        );
        res.unwrap();
        let arts = articles(&items);
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].text, "He said, \"yes\".");
        assert_eq!(arts[0].date.as_deref(), Some("2016-12-31T00:00:00Z"));
        assert_eq!(arts[1].text, "café");
        assert_eq!(arts[1].path, "t.csv#2");
    }

    #[test]
    fn table_without_text_is_unsupported() {
        let (res, _) = run(b"lccn\tname\tplace\n1\tThe Sun\tNY\n", b'\t');
        assert_eq!(res.unwrap_err().class, "unsupported");
    }
}
