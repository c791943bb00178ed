//! The performance benchmark (issue 6): throughput of each stage, peak memory, index size and
//! query latency, on the real corpora in `../shared/corpora`, at one copy (~140 MB) and at
//! several copies (~1 GB) read under different id prefixes (the text is never altered).
//!
//! ```text
//! cargo bench --bench pipeline                  # 1 copy, then 7 copies
//! cargo bench --bench pipeline -- --copies 1    # one scale only
//! cargo bench --bench pipeline -- --queries DIR # only the query latencies, on an index
//! cargo bench --bench pipeline -- --runs 5       # runs of stages 3 and 4 (default 3)
//! ```
//!
//! It prints figures; it asserts nothing. This machine is shared and noisy (identical runs of
//! `whosaid index` differ by up to 30%), so stages 3 and 4 run several times, alternating, and
//! the median is reported with the range; the ratio is of the medians.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{doc, Index, IndexWriter, TantivyDocument};
use whosaid::archive::{self, Item, ReadOptions};
use whosaid::search::{PlaceIn, SearchRequest, Searcher, SortBy};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut copies_list = vec![1usize, 7];
    let mut runs = 3usize;
    let mut corpora = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--copies" if i + 1 < args.len() => {
                copies_list = args[i + 1]
                    .split(',')
                    .filter_map(|c| c.parse().ok())
                    .collect();
                i += 1;
            }
            "--runs" if i + 1 < args.len() => {
                runs = args[i + 1].parse().unwrap_or(3).max(1);
                i += 1;
            }
            "--queries" if i + 1 < args.len() => {
                queries(Path::new(&args[i + 1]));
                return;
            }
            "--corpora" if i + 1 < args.len() => {
                corpora = PathBuf::from(&args[i + 1]);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    if !corpora.is_dir() {
        println!("SKIPPED benchmark: no corpora at {}", corpora.display());
        return;
    }
    println!(
        "whosaid pipeline benchmark; corpora {}; {} cores",
        corpora.display(),
        cores()
    );
    for copies in copies_list {
        bench(&corpora, copies.max(1), runs);
    }
}

fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

struct Rate {
    articles: u64,
    text_bytes: u64,
    secs: f64,
}

impl Rate {
    fn line(&self, name: &str) {
        println!(
            "  {name:<34} {:>9} articles {:>8.0} art/s {:>7.1} MB/s of text ({:.1} s)",
            self.articles,
            self.articles as f64 / self.secs,
            self.text_bytes as f64 / 1e6 / self.secs,
            self.secs
        );
    }
    fn mbs(&self) -> f64 {
        self.text_bytes as f64 / 1e6 / self.secs
    }
}

/// The median of some timings, with the shortest and longest.
fn median_secs(mut secs: Vec<f64>) -> (f64, f64, f64) {
    secs.sort_by(f64::total_cmp);
    let mid = secs.len() / 2;
    let median = if secs.len() % 2 == 0 {
        (secs[mid - 1] + secs[mid]) / 2.0
    } else {
        secs[mid]
    };
    (median, secs[0], secs[secs.len() - 1])
}

fn bench(corpora: &Path, copies: usize, runs: usize) {
    let work = tempfile::tempdir().expect("temporary folder");
    println!(
        "\n== {copies} cop{} of the corpora",
        if copies == 1 { "y" } else { "ies" }
    );

    // 1. read + parse only.
    let t = Instant::now();
    let (mut articles, mut text_bytes, mut file_bytes) = (0u64, 0u64, 0u64);
    for _ in 0..copies {
        for path in archive::walk(&[corpora.to_path_buf()]).flatten() {
            file_bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let _ = archive::read_file(&path, &ReadOptions::default(), &mut |item| {
                if let Item::Article(a) = item {
                    articles += 1;
                    text_bytes += a.text.len() as u64;
                }
            });
        }
    }
    let read = Rate {
        articles,
        text_bytes,
        secs: t.elapsed().as_secs_f64(),
    };
    println!(
        "  input: {:.0} MB of files, {:.0} MB of article text",
        file_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6
    );
    read.line("1. read + parse");

    // The archive of `copies` copies: a link farm, copy0..copyN -> the corpora, each read
    // under its own id prefix (`--id-prefix '{root}/'`), the text never altered.
    let farm = work.path().join("farm");
    let _ = std::fs::create_dir_all(&farm);
    let copies_paths: Vec<std::path::PathBuf> = (0..copies)
        .map(|k| {
            let link = farm.join(format!("copy{k}"));
            let _ = std::os::unix::fs::symlink(corpora, &link);
            link
        })
        .collect();

    // 2. read + parse + extract, on every core.
    let t = Instant::now();
    let (mut n, mut bytes) = (0u64, 0u64);
    let options = whosaid::pipeline::Options {
        threads: cores(),
        id_prefix: Some("{root}/".into()),
        ..Default::default()
    };
    let _ = whosaid::pipeline::run(copies_paths.clone(), options, |ev| -> Result<(), ()> {
        if let whosaid::pipeline::Event::Article(p) = ev {
            n += 1;
            bytes += p.text.len() as u64;
        }
        Ok(())
    });
    let extract = Rate {
        articles: n,
        text_bytes: bytes,
        secs: t.elapsed().as_secs_f64(),
    };
    extract.line("2. read + parse + extract");

    // 3. the full pipeline: the real binary, one run over every copy into one index; and
    // 4. plain Tantivy: the same articles and text fields, no extraction. Each `runs` times,
    // alternating, each into a fresh folder (the last run's index is kept for the queries).
    let index = work.path().join("index");
    let plain_dir = work.path().join("plain");
    let (mut full_secs, mut plain_secs) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&index);
        let t = Instant::now();
        let st = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["index", "--quiet", "--id-prefix", "{root}/", "--index"])
            .arg(&index)
            .args(&copies_paths)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run whosaid index");
        assert!(
            st.code() == Some(0) || st.code() == Some(3),
            "whosaid index failed: {st}"
        );
        full_secs.push(t.elapsed().as_secs_f64());
        let _ = std::fs::remove_dir_all(&plain_dir);
        let t = Instant::now();
        plain_tantivy(corpora, copies, &plain_dir);
        plain_secs.push(t.elapsed().as_secs_f64());
    }
    let (full_median, full_min, full_max) = median_secs(full_secs);
    let (plain_median, plain_min, plain_max) = median_secs(plain_secs);
    let full = Rate {
        articles,
        text_bytes,
        secs: full_median,
    };
    let plain = Rate {
        articles,
        text_bytes,
        secs: plain_median,
    };
    let range = |min: f64, max: f64| {
        format!(
            "      median of {runs} runs; {:.1}–{:.1} MB/s ({:.1}–{:.1} s)",
            text_bytes as f64 / 1e6 / max,
            text_bytes as f64 / 1e6 / min,
            min,
            max
        )
    };
    full.line("3. full pipeline (whosaid index)");
    println!("{}", range(full_min, full_max));
    plain.line("4. plain Tantivy, same texts");
    println!("{}", range(plain_min, plain_max));
    let rss = peak_child_rss_mb();
    let size = dir_size(&index);

    println!(
        "  full ÷ plain Tantivy throughput: {:.2}  (target ≥ 0.8)",
        full.mbs() / plain.mbs()
    );
    println!(
        "  full pipeline: {:.1} MB/s of text (target ≥ 10)",
        full.mbs()
    );
    println!(
        "  time beyond plain Tantivy (extraction and whosaid's documents): {:.0}% of the full run",
        100.0 * (1.0 - plain.secs / full.secs).max(0.0)
    );
    println!("  peak RSS of whosaid index: {rss:.0} MB (target ≤ 1024)");
    println!(
        "  index size: {:.0} MB = {:.2} × article text (target ≤ 0.6); plain Tantivy {:.2} ×",
        size as f64 / 1e6,
        size as f64 / text_bytes as f64,
        dir_size(&plain_dir) as f64 / text_bytes as f64
    );
    queries(&index);
}

/// Plain Tantivy indexing: read every article and add title + body with whosaid's analyzers.
fn plain_tantivy(corpora: &Path, copies: usize, dir: &Path) {
    let _ = std::fs::create_dir_all(dir);
    let mut b = Schema::builder();
    let opts = |rec| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(whosaid::index::schema::WORDS)
                .set_index_option(rec),
        )
    };
    let title = b.add_text_field("title", opts(IndexRecordOption::WithFreqsAndPositions));
    let text = b.add_text_field("text", opts(IndexRecordOption::WithFreqs));
    let index = Index::create_in_dir(dir, b.build()).expect("plain index");
    whosaid::index::schema::register_tokenizers(&index);
    let mut writer: IndexWriter<TantivyDocument> = index.writer(256_000_000).expect("writer");
    for _ in 0..copies {
        for path in archive::walk(&[corpora.to_path_buf()]).flatten() {
            let _ = archive::read_file(&path, &ReadOptions::default(), &mut |item| {
                if let Item::Article(a) = item {
                    let _ = writer
                        .add_document(doc!(title => a.title.unwrap_or_default(), text => a.text));
                }
            });
        }
        let _ = writer.commit();
    }
    let _ = writer.wait_merging_threads();
}

fn queries(index: &Path) {
    let searcher = match Searcher::open(index) {
        Ok(s) => s,
        Err(e) => {
            println!("  cannot open the index for queries: {e}");
            return;
        }
    };
    let q = |query: &str| SearchRequest {
        query: query.into(),
        limit: 10,
        ..Default::default()
    };
    let set: Vec<(&str, SearchRequest)> = vec![
        ("oil", q("oil")),
        ("\"interest rates\"", q("\"interest rates\"")),
        (
            "--speaker Blair",
            SearchRequest {
                speaker: Some("Blair".into()),
                ..q("")
            },
        ),
        (
            "--speaker Reagan",
            SearchRequest {
                speaker: Some("Reagan".into()),
                ..q("")
            },
        ),
        (
            "--place Japan",
            SearchRequest {
                place: Some("Japan".into()),
                ..q("")
            },
        ),
        (
            "--place Texas",
            SearchRequest {
                place: Some("Texas".into()),
                ..q("")
            },
        ),
        (
            "--place \"United Kingdom\" --kind direct",
            SearchRequest {
                place: Some("United Kingdom".into()),
                kind: Some(whosaid::extract::QuoteKind::Direct),
                ..q("")
            },
        ),
        (
            "--since 1987-03 --until 1987-04",
            SearchRequest {
                since: date("1987-03", false),
                until: date("1987-04", true),
                ..q("")
            },
        ),
        (
            "government --place France",
            SearchRequest {
                place: Some("France".into()),
                ..q("government")
            },
        ),
        (
            "--articles profit",
            SearchRequest {
                articles: true,
                ..q("profit")
            },
        ),
        (
            "--articles --place Germany",
            SearchRequest {
                articles: true,
                place: Some("Germany".into()),
                ..q("")
            },
        ),
        (
            "\"trade deficit\" --speaker Baker",
            SearchRequest {
                speaker: Some("Baker".into()),
                ..q("\"trade deficit\"")
            },
        ),
        (
            "election --sort date",
            SearchRequest {
                sort: SortBy::Date,
                ..q("election")
            },
        ),
        (
            "--speaker Brown --place \"United Kingdom\"",
            SearchRequest {
                speaker: Some("Brown".into()),
                place: Some("United Kingdom".into()),
                ..q("")
            },
        ),
        ("bank OR banks", q("bank OR banks")),
        ("price -oil", q("price -oil")),
        (
            "--source Reuters",
            SearchRequest {
                source: Some("Reuters".into()),
                ..q("")
            },
        ),
        (
            "music --source BBC",
            SearchRequest {
                source: Some("BBC".into()),
                ..q("music")
            },
        ),
        ("\"prime minister\"", q("\"prime minister\"")),
        (
            "--kind indirect --place China --place-in quote",
            SearchRequest {
                kind: Some(whosaid::extract::QuoteKind::Indirect),
                place: Some("China".into()),
                place_in: PlaceIn::Quote,
                ..q("")
            },
        ),
        (
            "--facet-place \"United States\"",
            SearchRequest {
                facet_place: Some("United States".into()),
                ..q("")
            },
        ),
        (
            "--place Europe",
            SearchRequest {
                place: Some("Europe".into()),
                ..q("")
            },
        ),
        (
            "war --since 1916 --until 1916",
            SearchRequest {
                since: date("1916", false),
                until: date("1916", true),
                ..q("war")
            },
        ),
        (
            "--articles \"New York\"",
            SearchRequest {
                articles: true,
                ..q("\"New York\"")
            },
        ),
        ("(empty: everything, facets)", q("")),
    ];
    let mut lat: Vec<Duration> = Vec::new();
    let mut slowest = (Duration::ZERO, "");
    let mut medians: Vec<(Duration, &str)> = Vec::new();
    for (name, req) in &set {
        let _ = searcher.search(req); // warm
        let mut mine: Vec<Duration> = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let res = searcher.search(req);
            let d = t.elapsed();
            if let Err(e) = res {
                println!("  query {name} failed: {e}");
            }
            if d > slowest.0 {
                slowest = (d, name);
            }
            mine.push(d);
        }
        mine.sort();
        medians.push((mine[mine.len() / 2], name));
        lat.extend(mine);
    }
    lat.sort();
    medians.sort_by_key(|m| std::cmp::Reverse(m.0));
    let top: Vec<String> = medians
        .iter()
        .take(5)
        .map(|(d, n)| format!("{n} {:.1} ms", d.as_secs_f64() * 1e3))
        .collect();
    println!("  slowest queries (median of 10): {}", top.join("; "));
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "  queries in one process ({} queries × 10, facets on each): p50 {:.2} ms, p99 {:.2} ms (targets 5 / 50); slowest {} ({:.1} ms)",
        set.len(),
        pct(0.5),
        pct(0.99),
        slowest.1,
        slowest.0.as_secs_f64() * 1e3
    );
    let mut walls: Vec<f64> = Vec::new();
    for i in 0..21 {
        let args: &[&str] = match i % 3 {
            0 => &["--speaker", "Reagan"],
            1 => &["--place", "Texas", "oil"],
            _ => &["\"interest rates\"", "--since", "1987"],
        };
        let t = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["search", "--format", "json", "--index"])
            .arg(index)
            .args(args)
            .output();
        walls.push(t.elapsed().as_secs_f64() * 1e3);
        if !matches!(out, Ok(ref o) if o.status.success()) {
            println!("  whosaid search {args:?} failed");
        }
    }
    walls.sort_by(|a, b| a.total_cmp(b));
    println!(
        "  `whosaid search` as a fresh process: median {:.1} ms wall (target ≤ 100)",
        walls[walls.len() / 2]
    );
}

fn date(s: &str, end: bool) -> Option<tantivy::DateTime> {
    whosaid::search::query::parse_user_date(s, end).ok()
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Peak resident memory of the largest child process waited for so far, in MB.
fn peak_child_rss_mb() -> f64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    if rc != 0 {
        return f64::NAN;
    }
    usage.ru_maxrss as f64 / 1024.0
}
