//! The streaming pipeline shared by `index` and `extract`:
//! walk → read (one thread) → extract (N threads) → the caller, in archive order.
//!
//! The reader leaves HTML pages unparsed ([`archive::PendingPage`]): finding a page's main
//! text costs far more than reading it, and done on the one reader thread it starved the
//! extraction threads whenever a run of HTML files or a WARC file came up. The extraction
//! threads parse them instead. A page may turn out to hold no article text; the counts of its
//! file's [`Event::FileDone`] are then corrected, so callers see what an inline read gives.
//!
//! Channels between the stages are bounded, so memory stays flat whatever the archive size:
//! a slow consumer (the index writer) holds the readers back. Every event carries a sequence
//! number and the consumer sees them in order, so output is deterministic whatever the
//! thread count.

use crate::archive::{
    self, FileError, FileStats, Item, PageOutcome, PendingPage, Problem, ReadOptions,
};
use crate::extract::{Extraction, Extractor};
use crate::Article;
use crossbeam_channel::{bounded, Receiver, Sender};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

/// Decides, before extraction, that an article is already indexed as it is: (id, content hash).
pub type SkipFn = Arc<dyn Fn(&str, u64) -> bool + Send + Sync>;

/// An article after extraction.
#[derive(Debug)]
pub struct Processed {
    pub extraction: Extraction,
    pub text: String,
    pub content_hash: u64,
}

/// What the pipeline reports, in archive order.
#[derive(Debug)]
pub enum Event {
    /// A file is about to be read.
    FileStart {
        path: PathBuf,
        bytes: u64,
    },
    /// A file was read (Ok) or skipped whole (Err).
    FileDone {
        path: PathBuf,
        result: Result<FileStats, FileError>,
    },
    /// A bad record inside a file, or a path the walk could not follow.
    Problem(Problem),
    Article(Box<Processed>),
    /// An article already in the index with the same content.
    Unchanged {
        id: String,
    },
}

enum Work {
    Extract(Article),
    /// An HTML page to parse, then extract; named like the articles of its root.
    Page(PendingPage, Arc<Naming>),
    Pass(Event),
}

/// What the extraction threads send back: events, and what became of pages that held no
/// article (their file's counts change).
enum Out {
    Event(Event),
    /// A page of a multi-page file without article text: a problem, not an article.
    PageProblem(Problem),
    /// A single-page file without article text: the file is skipped.
    PageFailed(FileError),
}

/// How the articles of one root given on the command line are named.
#[derive(Debug, Default)]
struct Naming {
    /// Prefixes every article id (`--id-prefix`, with `{root}` expanded).
    id_prefix: Option<String>,
    /// The source of articles that name none.
    fallback_source: Option<String>,
}

impl Naming {
    fn apply(&self, a: &mut Article) {
        if let Some(p) = &self.id_prefix {
            a.id = Some(format!("{p}{}", a.stable_id()));
        }
        if a.source.as_deref().map(str::trim).unwrap_or("").is_empty() {
            a.source = self.fallback_source.clone();
        }
    }
}

const QUEUE: usize = 256;

const INTERNAL_READER_ERROR: &str =
    "whosaid's reader failed on this file (an internal error: please report it with the file)";

/// How the pipeline runs.
#[derive(Clone, Default)]
pub struct Options {
    pub read: ReadOptions,
    /// Extraction threads (at least one).
    pub threads: usize,
    /// Skips extraction of articles the index already holds unchanged.
    pub skip: Option<SkipFn>,
    /// Prefixes every article id, for archives whose ids clash with others'.
    pub id_prefix: Option<String>,
    /// The source of articles that name none (else: the name of the folder given).
    pub source: Option<String>,
}

/// Runs the pipeline, calling `consume` with each event in order. Stops early (dropping the
/// rest) when `consume` returns an error, which is then returned.
pub fn run<E>(
    paths: Vec<PathBuf>,
    options: Options,
    mut consume: impl FnMut(Event) -> Result<(), E>,
) -> Result<(), E> {
    let Options {
        read: mut opts,
        threads,
        skip,
        id_prefix,
        source,
    } = options;
    let threads = threads.max(1);
    opts.defer_pages = true;
    let (work_tx, work_rx) = bounded::<(u64, Work)>(QUEUE);
    let (out_tx, out_rx) = bounded::<(u64, Out)>(QUEUE);

    let reader = std::thread::spawn(move || read_all(paths, opts, id_prefix, source, work_tx));
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let rx = work_rx.clone();
            let tx = out_tx.clone();
            let skip = skip.clone();
            std::thread::spawn(move || extract_all(rx, tx, skip))
        })
        .collect();
    drop(work_rx);
    drop(out_tx);

    let result = reorder(out_rx, &mut consume);
    // On early exit the receiver is dropped: senders fail and the threads end.
    let _ = reader.join();
    for w in workers {
        let _ = w.join();
    }
    result
}

fn reorder<E>(
    rx: Receiver<(u64, Out)>,
    consume: &mut impl FnMut(Event) -> Result<(), E>,
) -> Result<(), E> {
    let mut next = 0u64;
    let mut waiting: BTreeMap<u64, Out> = BTreeMap::new();
    let mut fix = FileFix::default();
    for (seq, out) in rx {
        waiting.insert(seq, out);
        while let Some(out) = waiting.remove(&next) {
            fix.deliver(out, consume)?;
            next += 1;
        }
    }
    // Anything left means a thread died; deliver what we have in order.
    for (_, out) in waiting {
        fix.deliver(out, consume)?;
    }
    Ok(())
}

/// Corrections to the next [`Event::FileDone`] from pages of that file that held no article.
#[derive(Default)]
struct FileFix {
    /// Pages counted as articles that were problems.
    problems: u64,
    /// The file was one page without article text.
    failed: Option<FileError>,
}

impl FileFix {
    fn deliver<E>(
        &mut self,
        out: Out,
        consume: &mut impl FnMut(Event) -> Result<(), E>,
    ) -> Result<(), E> {
        match out {
            Out::PageProblem(p) => {
                self.problems += 1;
                consume(Event::Problem(p))
            }
            Out::PageFailed(e) => {
                self.failed = Some(e);
                Ok(())
            }
            Out::Event(Event::FileDone { path, result }) => {
                let fix = std::mem::take(self);
                let result = match (fix.failed, result) {
                    (Some(e), _) => Err(e),
                    (None, Ok(mut stats)) => {
                        stats.articles = stats.articles.saturating_sub(fix.problems);
                        stats.problems += fix.problems;
                        Ok(stats)
                    }
                    (None, Err(e)) => Err(e),
                };
                consume(Event::FileDone { path, result })
            }
            Out::Event(ev) => consume(ev),
        }
    }
}

fn read_all(
    paths: Vec<PathBuf>,
    opts: ReadOptions,
    id_prefix: Option<String>,
    source: Option<String>,
    tx: Sender<(u64, Work)>,
) {
    let mut seq = 0u64;
    let mut send = |w: Work| -> bool {
        let ok = tx.send((seq, w)).is_ok();
        seq += 1;
        ok
    };
    let walks = paths.iter().flat_map(|root| {
        let name = folder_name(root);
        let naming = Arc::new(Naming {
            // `{root}` in the prefix stands for the name of the folder given.
            id_prefix: id_prefix
                .as_ref()
                .map(|p| p.replace("{root}", name.as_deref().unwrap_or(""))),
            fallback_source: source.clone().or_else(|| name.clone()),
        });
        archive::walk(std::slice::from_ref(root)).map(move |e| (e, naming.clone()))
    });
    for (entry, naming) in walks {
        let path = match entry {
            Ok(p) => p,
            Err(problem) => {
                if !send(Work::Pass(Event::Problem(problem))) {
                    return;
                }
                continue;
            }
        };
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if !send(Work::Pass(Event::FileStart {
            path: path.clone(),
            bytes: size,
        })) {
            return;
        }
        let mut alive = true;
        // A reader bug must cost one file, not the run: a panic becomes a skipped file.
        let result = catch_unwind(AssertUnwindSafe(|| {
            archive::read_file(&path, &opts, &mut |item| {
                if !alive {
                    return;
                }
                alive = match item {
                    Item::Article(mut a) => {
                        naming.apply(&mut a);
                        send(Work::Extract(a))
                    }
                    Item::Page(page) => send(Work::Page(page, naming.clone())),
                    Item::Problem(p) => send(Work::Pass(Event::Problem(p))),
                };
            })
        }))
        .unwrap_or_else(|_| {
            Err(FileError {
                class: "internal-error",
                reason: INTERNAL_READER_ERROR.into(),
            })
        });
        if !alive || !send(Work::Pass(Event::FileDone { path, result })) {
            return;
        }
    }
}

fn extract_all(rx: Receiver<(u64, Work)>, tx: Sender<(u64, Out)>, skip: Option<SkipFn>) {
    let extractor = Extractor::new();
    let process = |article: Article| -> Event {
        let content_hash = article.content_hash();
        let id = article.stable_id();
        if skip.as_ref().map(|f| f(&id, content_hash)).unwrap_or(false) {
            return Event::Unchanged { id };
        }
        // An extractor bug must cost one article, not the run.
        let extract = || extractor.extract_with_id(&article, id);
        match catch_unwind(AssertUnwindSafe(extract)) {
            Ok(extraction) => Event::Article(Box::new(Processed {
                extraction,
                text: article.text,
                content_hash,
            })),
            Err(_) => Event::Problem(Problem {
                path: PathBuf::from(&article.path),
                line: None,
                reason: "whosaid's extractor failed on this article (an internal error: please report it)".into(),
            }),
        }
    };
    for (seq, work) in rx {
        let out = match work {
            Work::Pass(ev) => Out::Event(ev),
            Work::Extract(article) => Out::Event(process(article)),
            Work::Page(page, naming) => {
                let file = page.file().to_path_buf();
                let whole_file = page.is_whole_file();
                // A parser bug must cost one page, not the run.
                match catch_unwind(AssertUnwindSafe(|| page.finish())) {
                    Ok(PageOutcome::Article(mut a)) => {
                        naming.apply(&mut a);
                        Out::Event(process(a))
                    }
                    Ok(PageOutcome::Problem(p)) => Out::PageProblem(p),
                    Ok(PageOutcome::FileError(e)) => Out::PageFailed(e),
                    Err(_) if whole_file => Out::PageFailed(FileError {
                        class: "internal-error",
                        reason: INTERNAL_READER_ERROR.into(),
                    }),
                    Err(_) => Out::PageProblem(Problem {
                        path: file,
                        line: None,
                        reason: INTERNAL_READER_ERROR.into(),
                    }),
                }
            }
        };
        if tx.send((seq, out)).is_err() {
            return;
        }
    }
}

/// The name of a folder given on the command line (of a file's folder for a file), the
/// source of last resort for articles that name none. Symlinks are not followed for the
/// name itself, so a link farm of copies gives each copy its own name.
fn folder_name(root: &std::path::Path) -> Option<String> {
    let abs = std::path::absolute(root).ok()?;
    let dir = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent()?
    };
    dir.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// The number of extraction threads to use when the user does not say.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warc_record(wtype: &str, uri: &str, ctype: &str, block: &str) -> String {
        format!(
            "WARC/1.1\r\nWARC-Type: {wtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-24T00:00:00Z\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    /// What one file gives: its result (stats or error class) and its items, in order.
    type Outcome = (Result<FileStats, &'static str>, Vec<String>);

    fn describe_article(a: &Article) -> String {
        format!("article {} {:?} {:?}", a.path, a.date, a.text)
    }

    /// Pages parsed on the extraction threads give what reading them inline gives, including
    /// when a page holds no article text: a problem for a WARC record, a skipped file for an
    /// HTML file (whose counts the reader could not know).
    #[test]
    fn deferred_pages_give_what_an_inline_read_gives() {
        let dir = tempfile::tempdir().expect("tmp");
        let story = "<html><head><title>Bridge to reopen</title></head><body><article><p>The mayor said on Monday that the old bridge over the river would reopen after repairs in the spring.</p></article></body></html>";
        let blank = "<html><head><title>Nothing</title></head><body><script>var x = 1;</script></body></html>";
        let http = |page: &str| format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
        let msg = "application/http; msgtype=response";
        let warc = [
            warc_record("response", "https://news.example.com/a", msg, &http(story)),
            warc_record("response", "https://news.example.com/b", msg, &http(blank)),
            warc_record("response", "https://news.example.com/c", msg, &http(story)),
        ]
        .concat();
        std::fs::write(dir.path().join("a-story.html"), story).expect("write");
        std::fs::write(dir.path().join("b-blank.html"), blank).expect("write");
        std::fs::write(dir.path().join("c-pages.warc"), warc).expect("write");
        std::fs::write(
            dir.path().join("d-wire.jsonl"),
            "{\"id\": \"w1\", \"text\": \"Rain is expected in Bergen on Tuesday.\"}\n",
        )
        .expect("write");

        // Inline: each file read alone, pages parsed as they are met.
        let mut inline: Vec<Outcome> = Vec::new();
        for path in archive::walk(&[dir.path().to_path_buf()]).flatten() {
            let mut items = Vec::new();
            let result = archive::read_file(&path, &ReadOptions::default(), &mut |item| {
                items.push(match item {
                    Item::Article(a) => describe_article(&a),
                    Item::Problem(p) => format!("problem {:?} {}", p.line, p.reason),
                    Item::Page(_) => "an unparsed page".into(),
                })
            });
            inline.push((result.map_err(|e| e.class), items));
        }

        // The pipeline: pages parsed on two extraction threads.
        let mut piped: Vec<Outcome> = Vec::new();
        let mut items = Vec::new();
        let options = Options {
            threads: 2,
            ..Options::default()
        };
        let run_result = run(
            vec![dir.path().to_path_buf()],
            options,
            |ev| -> Result<(), ()> {
                match ev {
                    Event::Article(p) => items.push(format!(
                        "article {} {:?} {:?}",
                        p.extraction.path, p.extraction.date, p.text
                    )),
                    Event::Problem(p) => items.push(format!("problem {:?} {}", p.line, p.reason)),
                    Event::FileDone { result, .. } => {
                        piped.push((result.map_err(|e| e.class), std::mem::take(&mut items)))
                    }
                    Event::FileStart { .. } | Event::Unchanged { .. } => {}
                }
                Ok(())
            },
        );
        assert!(run_result.is_ok());

        assert_eq!(piped, inline);
        // And the cases that matter are there: the blank page file is skipped, the blank
        // WARC record is a problem, and the stats count it as one.
        assert_eq!(inline[1].0, Err("empty"));
        let warc_stats = inline[2].0.clone().expect("the WARC file is read");
        assert_eq!((warc_stats.articles, warc_stats.problems), (2, 1));
    }
}
