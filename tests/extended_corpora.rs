//! Extended checks on the real corpora in `../shared/corpora` (run by `.ci/run`): every folder
//! reads without a crash, and the counts match the data's own answers. Prints MB/s per format.
//!
//! `cargo test --release --test extended_corpora -- --ignored --nocapture`

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

/// Runs `whosaid extract [--with-text] PATH`; returns the articles, stderr, and MB/s of files.
fn extract(path: &Path, with_text: bool) -> (Vec<Value>, String, f64) {
    let bytes = walk_size(path);
    let t = Instant::now();
    let mut cmd = bin();
    cmd.arg("extract");
    if with_text {
        cmd.arg("--with-text");
    }
    let o = cmd.arg(path).output().expect("run whosaid extract");
    let secs = t.elapsed().as_secs_f64();
    let err = stderr(&o);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(3),
        "{}: {err}",
        path.display()
    );
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{}: {err}",
        path.display()
    );
    (jsonl(&stdout(&o)), err, bytes as f64 / 1e6 / secs)
}

fn walk_size(path: &Path) -> u64 {
    if path.is_file() {
        return std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    }
    std::fs::read_dir(path)
        .map(|d| d.flatten().map(|e| walk_size(&e.path())).sum())
        .unwrap_or(0)
}

fn count(arts: &[Value], key: &str) -> usize {
    arts.iter()
        .filter(|a| {
            a[key]
                .as_str()
                .map(|s| !s.trim().is_empty())
                .unwrap_or(false)
        })
        .count()
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn every_corpus_reads_with_the_counts_of_its_data() {
    let Some(shared) = shared("every_corpus_reads_with_the_counts_of_its_data") else {
        return;
    };
    let c = shared.join("corpora");

    let (arts, err, mbs) = extract(&c.join("reuters21578-sgml"), false);
    // The folder also holds the distribution's README and category lists (read as text).
    let arts: Vec<Value> = arts
        .into_iter()
        .filter(|a| a["path"].as_str().unwrap_or("").contains(".sgm#"))
        .collect();
    println!("Reuters SGML: {} articles, {mbs:.1} MB/s", arts.len());
    assert_eq!(
        arts.len(),
        19_043,
        "Reuters-21578 has 19,043 records with a BODY"
    );
    assert_eq!(count(&arts, "title"), 19_043);
    assert_eq!(count(&arts, "date"), 19_043);
    // Two records of the data have dates no parser should accept ("605:12:19.12", and one
    // with a comment after it); they keep their raw date.
    let dated = arts
        .iter()
        .filter(|a| a["date"].as_str().unwrap_or("").starts_with("1987-"))
        .count();
    assert!(dated >= 19_041, "only {dated} Reuters dates normalised");
    assert!(
        err.contains("has no BODY"),
        "records without a body must be reported"
    );

    let (arts, _, mbs) = extract(&c.join("reuters21578-json-npm/full.str"), false);
    println!("Reuters JSONL: {} articles, {mbs:.1} MB/s", arts.len());
    assert_eq!(arts.len(), 19_043);
    let dated = arts
        .iter()
        .filter(|a| a["date"].as_str().unwrap_or("").starts_with("1987-"))
        .count();
    assert!(
        dated >= 19_041,
        "only {dated} Reuters JSON dates normalised"
    );

    let (arts, _, mbs) = extract(&c.join("bbc-news-fulltext"), false);
    println!("BBC text: {} articles, {mbs:.1} MB/s", arts.len());
    let bbc: Vec<&Value> = arts
        .iter()
        .filter(|a| !a["path"].as_str().unwrap_or("").ends_with("README.TXT"))
        .collect();
    assert_eq!(bbc.len(), 2_225);
    assert!(bbc
        .iter()
        .all(|a| a["title"].as_str().map(|t| !t.is_empty()).unwrap_or(false)));
    // Plain text names no publisher: the source falls back to the folder given.
    assert!(
        bbc.iter().all(|a| a["source"] == "bbc-news-fulltext"),
        "every article gets a source"
    );

    let (arts, _, mbs) = extract(&c.join("warc-built-from-zyte-pages"), false);
    println!("WARC: {} articles, {mbs:.1} MB/s", arts.len());
    assert_eq!(arts.len(), 181);
    assert_eq!(count(&arts, "url"), 181);
    assert_eq!(count(&arts, "date"), 181);

    let (arts, _, mbs) = extract(&c.join("chronam-1916-ocr-jan"), false);
    // Beside the pages: the upstream README and licence, read as text.
    let arts: Vec<Value> = arts
        .into_iter()
        .filter(|a| a["path"].as_str().unwrap_or("").contains("/dates/"))
        .collect();
    println!(
        "Chronicling America OCR: {} pages, {mbs:.1} MB/s",
        arts.len()
    );
    assert_eq!(arts.len(), 2_294);
    assert!(arts
        .iter()
        .all(|a| a["date"].as_str().unwrap_or("").starts_with("1916-01")));
    assert_eq!(count(&arts, "source"), 2_294);

    let (arts, _, mbs) = extract(
        &c.join("html-zyte-article-extraction-benchmark/html"),
        false,
    );
    println!("Zyte HTML (gzip): {} pages, {mbs:.1} MB/s", arts.len());
    assert_eq!(arts.len(), 181);
    assert_eq!(count(&arts, "title"), 181);
}

/// Titles and bylines of the readability test pages against their expected-metadata.json.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn readability_pages_titles_and_bylines() {
    let Some(shared) = shared("readability_pages_titles_and_bylines") else {
        return;
    };
    let dir = shared.join("corpora/html-readability-testpages");
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (mut pages, mut titles, mut bylines, mut with_byline) = (0, 0, 0, 0);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for page in entries.iter().filter(|p| p.join("source.html").is_file()) {
        let meta: Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).unwrap_or_default(),
        )
        .unwrap_or(Value::Null);
        let (arts, _, _) = extract(&page.join("source.html"), false);
        let Some(a) = arts.first() else { continue };
        pages += 1;
        let got_title = norm(a["title"].as_str().unwrap_or(""));
        let want_title = norm(meta["title"].as_str().unwrap_or(""));
        if !want_title.is_empty()
            && (got_title == want_title
                || got_title.contains(&want_title)
                || want_title.contains(&got_title) && !got_title.is_empty())
        {
            titles += 1;
        }
        if let Some(b) = meta["byline"].as_str().filter(|b| !b.trim().is_empty()) {
            with_byline += 1;
            let got = norm(a["author"].as_str().unwrap_or(""));
            let want = norm(b);
            if !got.is_empty() && (want.contains(&got) || got.contains(&want)) {
                bylines += 1;
            }
        }
    }
    println!("readability pages: {pages}; titles matching {titles}; bylines matching {bylines} of {with_byline}");
    assert_eq!(pages, 45);
    assert!(titles >= 43, "titles matching dropped to {titles}");
    assert!(bylines >= 29, "bylines matching dropped to {bylines}");
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn zyte_article_bodies() {
    let Some(shared) = shared("zyte_article_bodies") else {
        return;
    };
    let c = shared.join("corpora/html-zyte-article-extraction-benchmark");
    let (arts, _, _) = extract(&c.join("html"), true);
    let dir = tmp();
    let pred = dir.path().join("pred.jsonl");
    let lines: Vec<String> = arts.iter().map(|a| a.to_string()).collect();
    std::fs::write(&pred, lines.join("\n")).expect("write predictions");
    let o = std::process::Command::new("python3")
        .arg(shared.join("eval/bodies/score.py"))
        .arg(c.join("ground-truth.json"))
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("run python3");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("scorer JSON");
    let f1 = v["f1"].as_f64().unwrap_or(0.0);
    println!(
        "Zyte body F1 {f1:.4} (P {}, R {})",
        v["precision"], v["recall"]
    );
    assert_eq!(v["predicted"], 181);
    assert!(
        f1 >= 0.974,
        "Zyte body F1 dropped to {f1:.4}, below its floor 0.974"
    );
}
