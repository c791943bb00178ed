//! The streaming pipeline shared by `index` and `extract`:
//! walk → read (one thread) → extract (N threads) → the caller, in archive order.
//!
//! Channels between the stages are bounded, so memory stays flat whatever the archive size:
//! a slow consumer (the index writer) holds the readers back. Every event carries a sequence
//! number and the consumer sees them in order, so output is deterministic whatever the
//! thread count.

use crate::archive::{self, FileError, FileStats, Item, Problem, ReadOptions};
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
    Pass(Event),
}

const QUEUE: usize = 256;

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
        read: opts,
        threads,
        skip,
        id_prefix,
        source,
    } = options;
    let threads = threads.max(1);
    let (work_tx, work_rx) = bounded::<(u64, Work)>(QUEUE);
    let (out_tx, out_rx) = bounded::<(u64, Event)>(QUEUE);

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
    rx: Receiver<(u64, Event)>,
    consume: &mut impl FnMut(Event) -> Result<(), E>,
) -> Result<(), E> {
    let mut next = 0u64;
    let mut waiting: BTreeMap<u64, Event> = BTreeMap::new();
    for (seq, ev) in rx {
        waiting.insert(seq, ev);
        while let Some(ev) = waiting.remove(&next) {
            consume(ev)?;
            next += 1;
        }
    }
    // Anything left means a thread died; deliver what we have in order.
    for (_, ev) in waiting {
        consume(ev)?;
    }
    Ok(())
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
        let fallback = source.clone().or_else(|| name.clone());
        // `{root}` in the prefix stands for the name of the folder given.
        let prefix = id_prefix
            .as_ref()
            .map(|p| p.replace("{root}", name.as_deref().unwrap_or("")));
        archive::walk(std::slice::from_ref(root))
            .map(move |e| (e, fallback.clone(), prefix.clone()))
    });
    for (entry, fallback_source, id_prefix) in walks {
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
        let result = catch_unwind(AssertUnwindSafe(|| archive::read_file(&path, &opts, &mut |item| {
            if !alive {
                return;
            }
            alive = match item {
                Item::Article(mut a) => {
                    if let Some(p) = &id_prefix {
                        a.id = Some(format!("{p}{}", a.stable_id()));
                    }
                    if a.source.as_deref().map(str::trim).unwrap_or("").is_empty() {
                        a.source = fallback_source.clone();
                    }
                    send(Work::Extract(a))
                }
                Item::Problem(p) => send(Work::Pass(Event::Problem(p))),
            };
        })))
        .unwrap_or_else(|_| {
            Err(FileError {
                class: "internal-error",
                reason: "whosaid's reader failed on this file (an internal error: please report it with the file)".into(),
            })
        });
        if !alive || !send(Work::Pass(Event::FileDone { path, result })) {
            return;
        }
    }
}

fn extract_all(rx: Receiver<(u64, Work)>, tx: Sender<(u64, Event)>, skip: Option<SkipFn>) {
    let extractor = Extractor::new();
    for (seq, work) in rx {
        let ev = match work {
            Work::Pass(ev) => ev,
            Work::Extract(article) => {
                let content_hash = article.content_hash();
                let id = article.stable_id();
                if skip.as_ref().map(|f| f(&id, content_hash)).unwrap_or(false) {
                    Event::Unchanged { id }
                } else {
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
                }
            }
        };
        if tx.send((seq, ev)).is_err() {
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
