//! Checks of the readers on the real archives in `../shared/corpora` (see its README).
//!
//! The archives are not part of the repository, so every test skips, with a printed
//! reason, when `../shared` is absent. They pin the counts the corpora README states.

use super::{read_file, walk, Item, ReadOptions};
use std::path::{Path, PathBuf};

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED: {} is absent", p.display());
        None
    }
}

#[derive(Default, Debug)]
struct Tally {
    articles: usize,
    titles: usize,
    dates: usize,
    urls: usize,
    problems: usize,
    file_errors: usize,
    ids: Vec<String>,
}

fn read_all(root: &Path) -> Tally {
    let mut t = Tally::default();
    for entry in walk(&[root.to_path_buf()]) {
        let Ok(path) = entry else {
            t.problems += 1;
            continue;
        };
        let res = read_file(&path, &ReadOptions::default(), &mut |item| match item {
            Item::Article(a) => {
                t.articles += 1;
                t.titles += a.title.is_some() as usize;
                t.dates += a.date.is_some() as usize;
                t.urls += a.url.is_some() as usize;
                if let Some(id) = a.id {
                    t.ids.push(id);
                }
            }
            Item::Problem(_) => t.problems += 1,
            // Not with default options, which parse pages while reading.
            Item::Page(_) => t.problems += 1,
        });
        if res.is_err() {
            t.file_errors += 1;
        }
    }
    t
}

#[test]
fn polnear_dev_keeps_its_ids() {
    let Some(p) = shared("eval/quotes/polnear.dev.jsonl") else {
        return;
    };
    let t = read_all(&p);
    assert_eq!(t.articles, 84);
    assert_eq!(t.ids.len(), 84);
    assert!(t.ids.iter().all(|id| id.starts_with("polnear:dev:")));
}

#[test]
fn bbc_texts_have_titles() {
    let Some(p) = shared("corpora/bbc-news-fulltext/bbc") else {
        return;
    };
    let t = read_all(&p);
    // 2,225 articles plus the corpus README.TXT.
    assert_eq!(t.titles, 2225, "{t:?}");
    assert_eq!(t.file_errors, 0);
}

#[test]
fn reuters_sgml_first_file() {
    let Some(p) = shared("corpora/reuters21578-sgml/reut2-000.sgm") else {
        return;
    };
    let t = read_all(&p);
    // 1,000 records: those with a BODY are articles, the others one problem each.
    assert_eq!(t.articles + t.problems, 1000, "{t:?}");
    assert!(t.articles > 900);
    assert_eq!(t.dates, t.articles);
    assert_eq!(t.ids.first().map(String::as_str), Some("reuters-1"));
}

#[test]
fn warc_pages_have_urls() {
    let Some(p) = shared("corpora/warc-built-from-zyte-pages") else {
        return;
    };
    let t = read_all(&p);
    assert_eq!(t.articles, 181, "{t:?}");
    assert_eq!(t.urls, 181);
}

#[test]
fn chronam_day_has_dates_and_papers() {
    let Some(p) = shared("corpora/chronam-1916-ocr-jan/dates/19160101") else {
        return;
    };
    let t = read_all(&p);
    assert!(t.articles > 10, "{t:?}");
    assert_eq!(t.dates, t.articles);
    assert_eq!(t.urls, t.articles);
}
