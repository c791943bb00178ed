//! `whosaid search`: filters, place hierarchy, facets, paging, sorting, output formats and
//! clear errors, on the sample archive.

mod common;
use common::*;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One index of the sample archive shared by the tests of this file.
fn idx() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tmp();
        let idx = dir.path().join("idx");
        let o = index(&idx, &[&repo().join("examples/archive")]);
        assert!(o.status.success(), "{}", stderr(&o));
        (dir, idx)
    })
    .1
}

fn hits(v: &Value) -> Vec<Value> {
    v["hits"].as_array().cloned().unwrap_or_default()
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    hits(v)
        .iter()
        .filter_map(|h| h[key].as_str().map(String::from))
        .collect()
}

#[test]
fn place_filter_follows_the_hierarchy() {
    // Texas holds Houston (the dateline), Pasadena, Austin: a state finds its cities.
    let v = search(idx(), &["--place", "Texas", "--limit", "50"]);
    assert!(v["total"].as_u64().unwrap_or(0) >= 4, "{v}");
    for h in hits(&v) {
        assert_eq!(h["article"]["id"], "sample-houston-flood");
    }
    // A country finds its cities, too; with --place-in quote only quotes that name one.
    let us_quote = search(
        idx(),
        &[
            "--place",
            "United States",
            "--place-in",
            "quote",
            "--limit",
            "50",
        ],
    );
    assert!(us_quote["total"].as_u64().unwrap_or(0) >= 1);
    // Quotes that name a US place are a strict part of the quotes whose article does.
    let us_any = search(idx(), &["--place", "United States", "--limit", "50"]);
    let (q_only, any) = (
        us_quote["total"].as_u64().unwrap_or(0),
        us_any["total"].as_u64().unwrap_or(0),
    );
    assert!(
        q_only < any,
        "--place-in quote gave {q_only}, any gave {any}"
    );
    for h in hits(&us_quote) {
        assert!(
            !h["places"].as_array().map(Vec::is_empty).unwrap_or(true),
            "{h}"
        );
    }
    // The place facet drills down from countries to regions.
    let drill = search(idx(), &["--facet-place", "United States"]);
    let regions: Vec<&str> = drill["facets"]["place"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["value"].as_str())
        .collect();
    assert!(regions.contains(&"Texas"), "{regions:?}");
    let cities = search(idx(), &["--facet-place", "united states/texas"]);
    let paths: Vec<&str> = cities["facets"]["place"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(paths.contains(&"United States/Texas/Houston"), "{paths:?}");
    assert!(
        paths.iter().all(|p| p.starts_with("United States/Texas/")),
        "{paths:?}"
    );
    let top = search(idx(), &[]);
    let countries: Vec<&str> = top["facets"]["place"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["value"].as_str())
        .collect();
    for c in ["Azerbaijan", "France", "Ukraine", "United States"] {
        assert!(countries.contains(&c), "{c} missing from {countries:?}");
    }
}

#[test]
fn source_date_and_kind_filters() {
    let v = search(idx(), &["--source", "continental wire", "--articles"]);
    assert_eq!(v["total"], 2);
    let v = search(idx(), &["--since", "2022", "--until", "2022", "--articles"]);
    let mut ids = strs(&v, "id");
    ids.sort();
    assert_eq!(ids, ["sample-kyiv-grain", "sample-paris-summit"]);
    let v = search(idx(), &["--until", "2021-06-14", "--articles"]);
    assert_eq!(strs(&v, "id"), ["sample-houston-flood"]);
    let v = search(idx(), &["--kind", "indirect", "--limit", "100"]);
    assert!(v["total"].as_u64().unwrap_or(0) >= 4);
    assert!(hits(&v).iter().all(|h| h["kind"] == "indirect"));
    let kinds = &v["facets"]["kind"];
    assert_eq!(kinds.as_array().map(Vec::len), Some(1));
}

#[test]
fn facets_count_the_whole_match_and_paging_works() {
    let all = search(idx(), &["--limit", "1000"]);
    let total = all["total"].as_u64().unwrap_or(0);
    assert_eq!(hits(&all).len() as u64, total);
    let page = search(idx(), &["--limit", "2"]);
    assert_eq!(hits(&page).len(), 2);
    assert_eq!(page["total"].as_u64(), Some(total));
    let speaker_sum: u64 = page["facets"]["kind"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["count"].as_u64())
        .sum();
    assert_eq!(
        speaker_sum, total,
        "facets must count every match, not the page"
    );
    let next = search(idx(), &["--limit", "2", "--offset", "2"]);
    assert_ne!(strs(&page, "quote"), strs(&next, "quote"));
    assert_eq!(strs(&all, "quote")[2..4], strs(&next, "quote")[..]);
}

#[test]
fn sort_by_date_is_newest_first() {
    let v = search(idx(), &["--sort", "date", "--articles", "--since", "2000"]);
    let dates = hits(&v)
        .iter()
        .filter_map(|h| h["date"].as_str().map(String::from))
        .collect::<Vec<_>>();
    assert_eq!(dates.len(), 4);
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn csv_jsonl_and_text_formats() {
    let i = idx().to_string_lossy().into_owned();
    let o = run(&[
        "search",
        "--index",
        &i,
        "--speaker",
        "Vovk",
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
    let headers = rdr.headers().expect("csv header").clone();
    assert_eq!(&headers[0], "quote");
    assert_eq!(&headers[1], "speaker");
    let rows: Vec<csv::StringRecord> = rdr.records().flatten().collect();
    assert!(rows.len() >= 2, "{rows:?}");
    assert!(rows.iter().all(|r| &r[1] == "Taras Vovk"), "{rows:?}");

    let o = run(&[
        "search",
        "--index",
        &i,
        "--speaker",
        "Vovk",
        "--format",
        "jsonl",
    ]);
    let lines = jsonl(&stdout(&o));
    assert_eq!(lines.len(), rows.len());
    assert!(lines.iter().all(|l| l["speaker"] == "Taras Vovk"));

    let o = run(&["search", "--index", &i, "grain", "--format", "text"]);
    let text = stdout(&o);
    assert!(text.contains("[grain]"), "highlight missing:\n{text}");
    assert!(text.contains("Taras Vovk"));
    assert!(text.contains("Facets:"));
}

#[test]
fn bad_queries_get_clear_errors() {
    let i = idx().to_string_lossy().into_owned();
    let cases: &[(&[&str], &str)] = &[
        (&["\"armed drones"], "column 1"),
        (&["(grain OR rain"], "column 1"),
        (&["nosuchfield:x"], "unknown field `nosuchfield`"),
        (&["x", "--limit", "100000000"], "--limit"),
        (&["x", "--since", "last tuesday"], "cannot read the date"),
    ];
    for (args, want) in cases {
        let mut all = vec!["search", "--index", i.as_str()];
        all.extend_from_slice(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    let huge = "word ".repeat(5000);
    let o = run(&["search", "--index", &i, &huge]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("limit"), "{}", stderr(&o));
}

#[test]
fn every_article_gets_a_source() {
    let seed = repo().join("examples/archive/aliyev-trt-interview.txt");
    let s = seed.to_string_lossy().into_owned();
    // Plain text names no publisher: the folder's name stands in, or --source.
    let v = jsonl(&stdout(&run(&["extract", &s])));
    assert_eq!(v[0]["source"], "archive");
    let v = jsonl(&stdout(&run(&["extract", "--source", "TRT World", &s])));
    assert_eq!(v[0]["source"], "TRT World");
    // An article's own source wins over --source.
    let wires = repo().join("examples/archive/wires.jsonl");
    let v = jsonl(&stdout(&run(&[
        "extract",
        "--source",
        "X",
        &wires.to_string_lossy(),
    ])));
    assert!(
        v.iter()
            .all(|a| a["source"] == "Continental Wire" || a["source"] == "Gulf Coast Ledger"),
        "{v:?}"
    );
}

/// Facets of every quote (or article) come from the term dictionaries; with filters, from
/// aggregations over the matches. Both must give the same counts.
fn facets_both_ways(
    index: &std::path::Path,
    req: whosaid::search::SearchRequest,
) -> (Value, Value) {
    let searcher = whosaid::search::Searcher::open(index).expect("open the index");
    let shortcut = searcher.search(&req).expect("search");
    let aggregated = searcher
        .search(&whosaid::search::SearchRequest {
            count_by_aggregation: true,
            ..req
        })
        .expect("search");
    assert_eq!(shortcut.total, aggregated.total);
    (
        serde_json::to_value(&shortcut.facets).unwrap_or_default(),
        serde_json::to_value(&aggregated.facets).unwrap_or_default(),
    )
}

#[test]
fn facets_of_everything_equal_the_aggregated_counts() {
    use whosaid::search::SearchRequest;
    let req = |articles: bool, drill: Option<&str>| SearchRequest {
        articles,
        facet_place: drill.map(String::from),
        limit: 10,
        ..Default::default()
    };
    for r in [
        req(false, None),
        req(true, None),
        req(false, Some("United States")),
        req(false, Some("united states/texas")),
        req(true, Some("United States")),
    ] {
        let what = format!("articles {} drill {:?}", r.articles, r.facet_place);
        let (shortcut, aggregated) = facets_both_ways(idx(), r);
        assert_eq!(shortcut, aggregated, "{what}");
        assert!(
            shortcut["place"].as_array().is_some_and(|a| !a.is_empty()),
            "{what}: no place counted: {shortcut}"
        );
    }
}

#[test]
fn facets_of_everything_ignore_deleted_documents() {
    // Re-indexing a file that lost an article deletes its documents; until a merge removes
    // them, term document frequencies still count them, so the counts must not come from there.
    let dir = tmp();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(&archive).expect("mkdir");
    let wires = std::fs::read_to_string(repo().join("examples/archive/wires.jsonl")).expect("read");
    std::fs::write(archive.join("wires.jsonl"), &wires).expect("write");
    let idx = dir.path().join("idx");
    assert!(index(&idx, &[&archive]).status.success());
    let first_line = wires.lines().next().unwrap_or_default();
    std::fs::write(archive.join("wires.jsonl"), format!("{first_line}\n")).expect("write");
    assert!(index(&idx, &[&archive]).status.success());

    let req = whosaid::search::SearchRequest {
        limit: 10,
        ..Default::default()
    };
    let (shortcut, aggregated) = facets_both_ways(&idx, req);
    assert_eq!(shortcut, aggregated);
    let sources: Vec<&str> = shortcut["source"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["value"].as_str())
        .collect();
    assert_eq!(sources, ["Gulf Coast Ledger"], "{shortcut}");
}
