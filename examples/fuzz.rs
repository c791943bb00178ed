//! A mutation fuzzer for whosaid's readers and extractor that runs on stable Rust.
//!
//! ```text
//! cargo run --release --example fuzz -- TARGET [--seconds N] [--seed S] [--slow-ms MS]
//! ```
//!
//! TARGET is one of txt, json, jsonl, html, warc, sgml, csv, gz, extract, or all (each
//! target in turn, N seconds each). Every iteration takes an input from a pool (the seed
//! samples below, plus mutants kept along the way), mutates it (bit flips, random bytes,
//! format-significant tokens such as `"` `“` `<div>` `{` `</REUTERS>` `WARC/1.0`, deletions,
//! truncation, duplication, crossover, long repeats of one token), writes it to a temp file
//! with the target's extension and reads it with `whosaid::archive::read_file` (for
//! `extract`: runs `Extractor::extract` on an article with that text), under `catch_unwind`.
//! A panic saves the input to `fuzz/crashes/<target>-<n>.bin`; an input slower than
//! `--slow-ms` (default 5000) is saved as `<target>-slow-<n>.bin`. See `fuzz/README.md`.

use std::collections::HashMap;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use whosaid::archive::{read_file, Item, ReadOptions};
use whosaid::extract::Extractor;
use whosaid::Article;

const TARGETS: &[&str] = &[
    "txt", "json", "jsonl", "html", "warc", "sgml", "csv", "gz", "extract",
];
/// Inputs are kept below this size.
const MAX_LEN: usize = 256 * 1024;
/// Mutants kept in the pool, per target.
const POOL: usize = 256;
/// Inputs saved per panic location (the rest are only counted).
const SAVED_PER_SITE: usize = 3;

/// xorshift64*: small, fast, repeatable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Seed inputs: tiny samples of each format, written for the fuzzer (no corpus text).
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let s: Vec<&str> = match target {
        "txt" => vec![
            "Bridge reopens\n\n\"We will rebuild the bridge,\" said Mayor Tom Berg in Bergen.\n\nHe added: \u{201c}It takes time.\u{201d}\n",
            "no title line\r\nbut CRLF lines, caf\u{e9} and \u{201c}quotes\u{201d}",
            "<!DOCTYPE html><html><body><p>A page saved as text, he said.</p></body></html>",
        ],
        "json" => vec![
            r#"{"id":"a1","title":"T","date":"2022-08-01T10:00:00Z","text":"\"Yes,\" said Ann Lee in Paris.","source":"Wire","url":"https://example.com/a","authors":["A B"]}"#,
            r#"[{"body":"one \u201cquote\u201d"},{"content":"<p>two &amp; <b>three</b></p>","headline":"H"}]"#,
            r#"{"response":{"status":"ok","results":[{"webTitle":"W","webPublicationDate":"2020-01-02","fields":{"body":"<p>B said \"x\".</p>"}}]}}"#,
            "{\n  \"hits\": {\"hits\": [{\"_id\": \"e1\", \"_source\": {\"maintext\": \"M\", \"date_publish\": \"26-FEB-1987\"}}]}\n}",
        ],
        "jsonl" => vec![
            "{\"id\":\"1\",\"text\":\"\\\"Go,\\\" said Ann Lee.\",\"date\":\"2021-03-04\"}\n{\"id\":\"2\",\"text\":\"caf\\u00e9 in Lyon\",\"publishedAt\":\"1612345678\"}\n",
            "{\"text\":\"a\"}\n\n[1,2]\n\"str\"\n{\"nope\":1}\n{\"story\":\"x\",\"link\":\"http://x.example/y\"}\n",
        ],
        "html" => vec![
            "<html><head><title>Big news | Site</title><meta property=\"og:site_name\" content=\"Site\"><meta charset=\"windows-1252\"><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"datePublished\":\"2020-03-03T10:00:00+01:00\",\"author\":[{\"name\":\"Ann Lee\"}],\"articleBody\":\"Body text.\"}</script></head><body><nav>Home</nav><article><p class=\"byline\">By Bo Chan</p><p>\u{201c}We will go,\u{201d} she said, on Monday, in Rome.</p><p>More, text, here.</p></article><aside>Related</aside></body></html>",
            "<div><p>Unclosed <b>tags <i>everywhere<p>and &amp; &#x201c; &#99999999; &</div>",
        ],
        "warc" => vec![
            "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\ninfo\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://news.example/a\r\nWARC-Date: 2021-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 130\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><p>\"Hi,\" said Ann Lee, in Oslo, today.</p></article></body></html>\r\n\r\n",
            "WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 80\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n1a\r\n<p>chunked body text</p>\r\n0\r\n\r\n",
        ],
        "sgml" => vec![
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS TOPICS=\"YES\" NEWID=\"7\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n<TITLE>ACME &lt;ACM> SAYS</TITLE>\n<DATELINE>    SPRINGFIELD, Feb 26 - </DATELINE><BODY>Acme &amp; Co said\nit would \"grow\", a spokesman said.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n<REUTERS NEWID=\"8\"><TEXT TYPE=\"BRIEF\"><TITLE>ONLY A HEADLINE</TITLE></TEXT></REUTERS>\n",
        ],
        "csv" => vec![
            "id,title,publication,author,date,url,content\n1,T,Pub,A B,2017-01-02,http://x.example,\"\"\"Yes,\"\" said Ann Lee in Paris.\"\n2,U,Pub,,2017-01-03,,\"multi\nline\"\n",
            "title;text\nx;y\n",
        ],
        "extract" => vec![
            "\"We will rebuild the bridge,\" said Mayor Tom Berg of Bergen, Norway. \"It will take a year.\"",
            "President Ilham Aliyev told reporters in Baku that Azerbaijan wanted peace. \u{201c}We are ready,\u{201d} he said. According to the ministry, talks begin Monday.",
            "\u{ab}Non,\u{bb} a dit le ministre. 'Maybe,' Ann Lee said, adding: \"no.\" She said the Texas plan was \"dead\".\n\n\"A long\n\n\"multi-paragraph quote",
        ],
        // Compressed: the other formats' samples, compressed (and damaged) in `run_one`.
        _ => {
            return ["jsonl", "txt", "warc", "json"]
                .iter()
                .flat_map(|t| seeds(t))
                .collect()
        }
    };
    s.into_iter().map(|x| x.as_bytes().to_vec()).collect()
}

/// Tokens that mean something to the formats (and to quote extraction).
const TOKENS: &[&str] = &[
    "\"",
    "\u{201c}",
    "\u{201d}",
    "\u{2018}",
    "\u{2019}",
    "\u{ab}",
    "\u{bb}",
    "'",
    "\n",
    "\r\n",
    "\n\n",
    "\0",
    "\u{feff}",
    "\u{fffd}",
    "&amp;",
    "&#x201c;",
    "&#3;",
    "&",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\\",
    "\\u00e9",
    "\\ud800",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<b>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<html>",
    "<body>",
    "<article>",
    "<meta charset=\"utf-16\">",
    "<REUTERS NEWID=\"1\">",
    "</REUTERS>",
    "<BODY>",
    "</BODY>",
    "<DATELINE>",
    "WARC/1.0\r\n",
    "WARC-Type: response\r\n",
    "Content-Length: 10\r\n",
    "Content-Length: 99999999999\r\n",
    "\r\n\r\n",
    "HTTP/1.1 200 OK\r\n",
    "Transfer-Encoding: chunked\r\n",
    "Content-Encoding: gzip\r\n",
    "\"text\":",
    "\"date\":\"",
    "\"id\":",
    " said ",
    " says ",
    " told ",
    "according to ",
    "he said",
    "President ",
    "Mr. ",
    "Ann Lee",
    "Tom Berg",
    "Paris",
    "New York",
    "Texas",
    "Azerbaijani",
    " ",
    "\t",
    ".",
    "?",
    "!",
    "\u{2014}",
    "\u{2026}",
    "\u{1F600}",
    "\u{0301}",
    "\u{200b}",
];
/// Raw byte tokens (not valid UTF-8 on their own).
const BYTE_TOKENS: &[&[u8]] = &[
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\xe2\x80",
    b"\x80",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x1f\x8b",
    b"\x28\xb5\x2f\xfd",
    b"\xef\xbb\xbf",
];

fn token(rng: &mut Rng) -> &'static [u8] {
    if rng.chance(6) {
        BYTE_TOKENS[rng.below(BYTE_TOKENS.len())]
    } else {
        TOKENS[rng.below(TOKENS.len())].as_bytes()
    }
}

/// One to four mutations of `data` (another pool entry may be spliced in).
fn mutate(data: &mut Vec<u8>, other: &[u8], rng: &mut Rng) {
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        let at = rng.below(len + 1);
        match rng.below(10) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.next() as u8;
            }
            2 | 3 => {
                let t = token(rng);
                data.splice(at..at, t.iter().copied());
            }
            4 if len > 0 => {
                let end = (at + 1 + rng.below(64.min(len))).min(len);
                data.drain(at.min(end)..end);
            }
            5 => data.truncate(at),
            6 if len > 0 => {
                // Duplicate a range somewhere.
                let a = rng.below(len);
                let b = (a + 1 + rng.below(256)).min(len);
                let piece = data[a..b].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, piece);
            }
            7 => {
                let n = 1 + rng.below(32);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(at..at, bytes);
            }
            8 if !other.is_empty() => {
                // Crossover: our head, the other's tail.
                let from = rng.below(other.len());
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
            9 => {
                // One token many times: nesting, floods of quote marks.
                let t = token(rng);
                let most = if rng.chance(8) { 20_000 } else { 200 };
                let times = 1 + rng.below(most);
                let rep = t.repeat(times);
                data.splice(at..at, rep);
            }
            _ => {}
        }
    }
    data.truncate(MAX_LEN);
}

fn compress(kind: usize, data: &[u8]) -> (Vec<u8>, &'static str) {
    match kind {
        0 => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = e.write_all(data);
            (e.finish().unwrap_or_default(), "gz")
        }
        1 => (zstd::encode_all(data, 1).unwrap_or_default(), "zst"),
        2 => {
            let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
            let _ = e.write_all(data);
            (e.finish().unwrap_or_default(), "bz2")
        }
        _ => {
            let mut e = xz2::write::XzEncoder::new(Vec::new(), 1);
            let _ = e.write_all(data);
            (e.finish().unwrap_or_default(), "xz")
        }
    }
}

thread_local! {
    /// Set while the code under test runs (panics elsewhere are the harness's own).
    static IN_TARGET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` under `catch_unwind`, marked as code under test.
fn guarded<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    IN_TARGET.with(|x| x.set(true));
    let r = catch_unwind(AssertUnwindSafe(f));
    IN_TARGET.with(|x| x.set(false));
    r
}

/// What the last panic said, and where.
static LAST_PANIC: Mutex<Option<(String, String)>> = Mutex::new(None);

struct Stats {
    iterations: u64,
    crashes: u64,
    slow: u64,
    secs: f64,
    slowest_ms: u128,
}

struct Fuzzer {
    target: &'static str,
    rng: Rng,
    dir: PathBuf,
    crash_dir: PathBuf,
    slow: Duration,
    sites: HashMap<String, usize>,
    extractor: Extractor,
}

impl Fuzzer {
    /// Save an input that panicked or was slow; returns where (None past the cap).
    fn save(&mut self, kind: &str, site: &str, bytes: &[u8]) -> Option<PathBuf> {
        let seen = self.sites.entry(format!("{kind}@{site}")).or_insert(0);
        *seen += 1;
        if *seen > SAVED_PER_SITE {
            return None;
        }
        let _ = std::fs::create_dir_all(&self.crash_dir);
        let tag = if kind == "panic" { "" } else { "slow-" };
        for n in 0.. {
            let p = self.crash_dir.join(format!("{}-{tag}{n}.bin", self.target));
            if !p.exists() {
                return std::fs::write(&p, bytes).ok().map(|_| p);
            }
        }
        None
    }

    /// One input through the target; Err(message, site) on a panic.
    fn run_one(&mut self, input: &[u8]) -> Result<(), (String, String)> {
        let outcome = if self.target == "extract" {
            // Kept on disk while it runs: if the process aborts (a stack overflow), it is there.
            let _ = std::fs::write(self.dir.join("input.extract.txt"), input);
            let text = String::from_utf8_lossy(input).into_owned();
            let article = Article {
                text,
                title: Some("Fuzz".into()),
                path: "fuzz".into(),
                ..Default::default()
            };
            let ex = self.extractor;
            guarded(|| {
                let e = ex.extract(&article);
                // Spans must lie inside the text (offsets are in code points).
                let chars = article.text.chars().count();
                for q in &e.quotes {
                    assert!(q.start <= q.end && q.end <= chars, "quote span out of text");
                }
            })
        } else {
            let (bytes, name) = if self.target == "gz" {
                let inner = ["jsonl", "txt", "warc", "json"][self.rng.below(4)];
                let (mut z, ext) = compress(self.rng.below(4), input);
                if self.rng.chance(2) && !z.is_empty() {
                    // Damage the compressed stream too.
                    if self.rng.chance(2) {
                        z.truncate(self.rng.below(z.len()));
                    } else {
                        let i = self.rng.below(z.len());
                        z[i] ^= 1 << self.rng.below(8);
                    }
                }
                (z, format!("input.{inner}.{ext}"))
            } else {
                let ext = match self.target {
                    "sgml" => "sgm",
                    t => t,
                };
                (input.to_vec(), format!("input.{ext}"))
            };
            let path = self.dir.join(name);
            if std::fs::write(&path, &bytes).is_err() {
                return Ok(());
            }
            let r = guarded(|| {
                let mut articles = 0usize;
                let _ = read_file(&path, &ReadOptions::default(), &mut |item| {
                    if let Item::Article(a) = item {
                        articles += a.text.len().min(1);
                    }
                });
                articles
            });
            let _ = std::fs::remove_file(&path);
            r.map(|_| ())
        };
        outcome.map_err(|_| {
            LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut g| g.take())
                .unwrap_or_else(|| ("(no message)".into(), "?".into()))
        })
    }

    fn run(&mut self, seconds: u64) -> Stats {
        let seeds = seeds(self.target);
        let mut pool: Vec<Vec<u8>> = seeds.clone();
        let start = Instant::now();
        let limit = Duration::from_secs(seconds);
        let mut st = Stats {
            iterations: 0,
            crashes: 0,
            slow: 0,
            secs: 0.0,
            slowest_ms: 0,
        };
        while start.elapsed() < limit {
            let base = if self.rng.chance(4) {
                &seeds[self.rng.below(seeds.len())]
            } else {
                &pool[self.rng.below(pool.len())]
            };
            let mut input = base.clone();
            let other = pool[self.rng.below(pool.len())].clone();
            mutate(&mut input, &other, &mut self.rng);
            if self.rng.chance(50) {
                // Now and then pure noise.
                let n = self.rng.below(4096);
                input = (0..n).map(|_| self.rng.next() as u8).collect();
            }
            let t = Instant::now();
            let res = self.run_one(&input);
            let took = t.elapsed();
            st.iterations += 1;
            st.slowest_ms = st.slowest_ms.max(took.as_millis());
            match res {
                Err((msg, site)) => {
                    st.crashes += 1;
                    let saved = self.save("panic", &site, &input);
                    println!(
                        "CRASH {} at {site}: {msg}{}",
                        self.target,
                        saved.map_or(String::new(), |p| format!(" -> {}", p.display()))
                    );
                }
                Ok(()) if took > self.slow => {
                    st.slow += 1;
                    let saved = self.save("slow", &format!("{}", input.len() / 4096), &input);
                    println!(
                        "SLOW {} {:.1}s on {} bytes{}",
                        self.target,
                        took.as_secs_f64(),
                        input.len(),
                        saved.map_or(String::new(), |p| format!(" -> {}", p.display()))
                    );
                }
                Ok(()) => {
                    if pool.len() < POOL {
                        pool.push(input);
                    } else if self.rng.chance(8) {
                        let i = self.rng.below(pool.len());
                        pool[i] = input;
                    }
                }
            }
        }
        st.secs = start.elapsed().as_secs_f64();
        st
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: fuzz TARGET [--seconds N] [--seed S] [--slow-ms MS]\n  TARGET: {} or all",
        TARGETS.join(", ")
    );
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut target: Option<String> = None;
    let mut seconds = 60u64;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1);
    let mut slow_ms = 5000u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut num = || {
            it.next()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or_else(|| usage())
        };
        match a.as_str() {
            "--seconds" => seconds = num(),
            "--seed" => seed = num(),
            "--slow-ms" => slow_ms = num(),
            "-h" | "--help" => usage(),
            t if target.is_none() && (t == "all" || TARGETS.contains(&t)) => {
                target = Some(t.to_string())
            }
            _ => usage(),
        }
    }
    let target = target.unwrap_or_else(|| usage());
    let targets: Vec<&'static str> = if target == "all" {
        TARGETS.to_vec()
    } else {
        TARGETS.iter().copied().filter(|t| *t == target).collect()
    };
    // Panics are expected here: record them quietly instead of printing each one.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let site = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if !IN_TARGET.with(|f| f.get()) {
            eprintln!("fuzz harness panicked at {site}: {msg}");
        }
        if let Ok(mut g) = LAST_PANIC.lock() {
            *g = Some((msg, site));
        }
    }));
    let dir = std::env::temp_dir().join(format!("whosaid-fuzz-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let crash_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/crashes");
    println!(
        "seed {seed}; crashes go to {}; if the process aborts, its last input is in {}",
        crash_dir.display(),
        dir.display()
    );
    let mut total_crashes = 0;
    for (i, t) in targets.iter().enumerate() {
        let mut f = Fuzzer {
            target: t,
            rng: Rng(seed.wrapping_add(i as u64).max(1)),
            dir: dir.clone(),
            crash_dir: crash_dir.clone(),
            slow: Duration::from_millis(slow_ms),
            sites: HashMap::new(),
            extractor: Extractor::new(),
        };
        let st = f.run(seconds);
        total_crashes += st.crashes;
        println!(
            "{t}: {} iterations in {:.0}s ({:.0}/s), {} crashes, {} slow (> {slow_ms} ms), slowest {} ms",
            st.iterations,
            st.secs,
            st.iterations as f64 / st.secs.max(1e-9),
            st.crashes,
            st.slow,
            st.slowest_ms
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    if total_crashes > 0 {
        std::process::exit(1);
    }
}
