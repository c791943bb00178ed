//! OCR'd newspaper pages laid out like Chronicling America (`chronam-text`):
//! `dates/YYYYMMDD/<LCCN>-ed-<N>_seq-<N>.txt`.
//!
//! The text itself carries no metadata, so it comes from the path: the date from the
//! folder, the paper from its LCCN. The LCCN is looked up in a `titles-derived.tsv`
//! (lccn, name, place...) found in the page's folder or any folder above it (cached per
//! folder); without one the source is the LCCN. The URL is the page's address on
//! Chronicling America, which is how a journalist would cite it. OCR pages have no
//! headline, so no title is taken.

use crate::Article;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// What the path says about an OCR page.
#[derive(Debug, PartialEq)]
pub struct PagePath {
    pub lccn: String,
    /// YYYY-MM-DD
    pub date: String,
    pub edition: String,
    pub seq: String,
}

/// Recognise `.../YYYYMMDD/<LCCN>-ed-<N>_seq-<N>.txt`.
pub fn parse_path(path: &Path) -> Option<PagePath> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".txt")?;
    let (lccn, rest) = stem.split_once("-ed-")?;
    let (edition, seq) = rest.split_once("_seq-")?;
    let day = path.parent()?.file_name()?.to_str()?;
    let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if day.len() != 8
        || !ok(day)
        || !ok(edition)
        || !ok(seq)
        || lccn.is_empty()
        || !lccn.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let date = format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]);
    chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?;
    Some(PagePath {
        lccn: lccn.to_string(),
        date,
        edition: edition.to_string(),
        seq: seq.to_string(),
    })
}

type Titles = Arc<HashMap<String, String>>;

/// The LCCN → paper name table that applies to `dir`, searched upward and cached.
fn titles_for(dir: &Path) -> Option<Titles> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Option<Titles>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(c) = cache.lock() {
        if let Some(hit) = c.get(dir) {
            return hit.clone();
        }
    }
    let mut found = None;
    for anc in dir.ancestors().take(8) {
        let f = anc.join("titles-derived.tsv");
        if f.is_file() {
            found = load_titles(&f).map(Arc::new);
            break;
        }
    }
    if let Ok(mut c) = cache.lock() {
        c.insert(dir.to_path_buf(), found.clone());
    }
    found
}

fn load_titles(f: &Path) -> Option<HashMap<String, String>> {
    let text = std::fs::read(f).ok()?;
    if text.len() > 64 << 20 {
        return None;
    }
    let text = String::from_utf8_lossy(&text);
    let mut map = HashMap::new();
    for line in text.lines().skip(1) {
        let mut cols = line.split('\t');
        if let (Some(lccn), Some(name)) = (cols.next(), cols.next()) {
            let name = name.trim().trim_end_matches('.').trim();
            if !name.is_empty() {
                map.insert(lccn.trim().to_string(), name.to_string());
            }
        }
    }
    Some(map)
}

/// The article of an OCR page, if the path has the Chronicling America layout.
pub fn article(text: &str, path: &Path) -> Option<Article> {
    let p = parse_path(path)?;
    let source = path
        .parent()
        .and_then(titles_for)
        .and_then(|t| t.get(&p.lccn).cloned())
        .unwrap_or_else(|| p.lccn.clone());
    Some(Article {
        id: None,
        title: None,
        date: Some(format!("{}T00:00:00Z", p.date)),
        source: Some(source),
        url: Some(format!(
            "https://chroniclingamerica.loc.gov/lccn/{}/{}/ed-{}/seq-{}/",
            p.lccn, p.date, p.edition, p.seq
        )),
        author: None,
        path: path.display().to_string(),
        text: text.trim_start_matches('\u{feff}').trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_and_titles_lookup() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("titles-derived.tsv"),
            "lccn\tname\tplace\nsn84026749\tThe Washington times.\tWashington, D.C.\n",
        )
        .unwrap();
        let day = d.path().join("dates/19160103");
        std::fs::create_dir_all(&day).unwrap();
        let p = day.join("sn84026749-ed-1_seq-1.txt");
        // A line of the public-domain 1916 OCR corpus style.
        let a = article("THE WASHINGTON TIMES\nWEATHER: Fair tonight.", &p).unwrap();
        assert_eq!(a.source.as_deref(), Some("The Washington times"));
        assert_eq!(a.date.as_deref(), Some("1916-01-03T00:00:00Z"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://chroniclingamerica.loc.gov/lccn/sn84026749/1916-01-03/ed-1/seq-1/")
        );
        assert_eq!(a.title, None);
        let other = d.path().join("x/99999999/abc-ed-2_seq-3.txt");
        assert_eq!(
            parse_path(&other).map(|p| p.lccn),
            None,
            "99999999 is not a date"
        );
        assert!(parse_path(Path::new("news/001.txt")).is_none());
    }
}
