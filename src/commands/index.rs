//! `whosaid index`: the pipeline into the index writer, with progress, periodic commits and a
//! run summary.
//!
//! Commits happen every `--commit-every` seconds and at the end, always between two articles,
//! so an interrupted run keeps whole articles only and a re-run completes it (unchanged
//! articles are recognised by their content hash and skipped).

use super::Reporter;
use crate::archive::ReadOptions;
use crate::cli::IndexArgs;
use crate::docs::ArticleDocs;
use crate::error::{Result, EXIT_SKIPPED};
use crate::index::writer::{file_hash, IndexSink, Upsert};
use crate::pipeline::{self, Event, SkipFn};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Counts for the run summary.
#[derive(Debug, Default)]
struct Summary {
    files: u64,
    bytes: u64,
    skipped: BTreeMap<&'static str, u64>,
    problems: u64,
    articles: u64,
    added: u64,
    replaced: u64,
    unchanged: u64,
    duplicates: u64,
    /// Articles dropped because their file no longer holds them.
    removed: u64,
    quotes: u64,
    places: u64,
    text_bytes: u64,
}

pub fn run(args: IndexArgs) -> Result<i32> {
    let start = Instant::now();
    let dir = args.index.dir.clone();
    if args.rebuild {
        crate::index::remove(&dir)?;
    }
    let (index, fields) = crate::index::open_or_create(&dir)?;
    let threads = args.threads.unwrap_or_else(pipeline::default_threads);
    // Tantivy's writer threads share the cores with extraction: one is enough for 2 cores.
    let writer_threads = (threads / 2).max(1);
    let mut sink = IndexSink::open(&index, fields, &dir, args.memory_mb, writer_threads)?;
    let existing = Arc::new(sink.snapshot());
    let skip: SkipFn =
        Arc::new(move |id: &str, hash: u64| IndexSink::is_unchanged(&existing, id, hash));

    let show = !args.quiet && std::io::stderr().is_terminal();
    let bar = progress_bar(show);
    if show {
        // The total for the ETA: a metadata-only walk, beside the real one.
        let (bar, paths) = (bar.clone(), args.paths.clone());
        std::thread::spawn(move || {
            let total: u64 = crate::archive::walk(&paths)
                .flatten()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum();
            bar.set_length(total.max(1));
        });
    }
    let verbose = args.verbose;
    let mut sum = Summary::default();
    let mut reporter = Reporter::default();
    let mut last_commit = Instant::now();
    // The file being read, and the ids met in it (to drop articles it no longer holds).
    let mut file: u64 = 0;
    let mut seen_in_file: HashSet<u64> = HashSet::new();
    let mut file_problems = false;
    let commit_every = Duration::from_secs_f64(args.commit_every.clamp(0.05, 86_400.0));
    let opts = ReadOptions {
        field_map: args.read.field_map.clone(),
        ..ReadOptions::default()
    };

    let options = pipeline::Options {
        read: opts,
        threads,
        skip: Some(skip),
        id_prefix: args.id_prefix.clone(),
        source: args.read.source.clone(),
    };
    let outcome = pipeline::run(args.paths.clone(), options, |ev| -> Result<()> {
        match ev {
            Event::FileStart { path, bytes } => {
                if verbose {
                    bar.suspend(|| eprintln!("{}", path.display()));
                }
                sum.files += 1;
                sum.bytes += bytes;
                file = file_hash(&path);
                seen_in_file.clear();
                file_problems = false;
            }
            Event::FileDone { path, result } => {
                match &result {
                    Err(e) => *sum.skipped.entry(e.class).or_default() += 1,
                    // Only a file read whole, without a bad record, may drop the articles it
                    // no longer holds: bad input never costs what was indexed.
                    Ok(_) if !file_problems => sum.removed += sink.file_done(file, &seen_in_file),
                    Ok(_) => {}
                }
                let lines = reporter.file_done(&path, &result);
                if !lines.is_empty() {
                    bar.suspend(|| lines.iter().for_each(|l| eprintln!("{l}")));
                }
                bar.set_position(sum.bytes);
            }
            Event::Problem(p) => {
                sum.problems += 1;
                file_problems = true;
                if let Some(line) = reporter.problem(&p) {
                    bar.suspend(|| eprintln!("{line}"));
                }
            }
            Event::Unchanged { id } => {
                sum.articles += 1;
                seen_in_file.insert(crate::index::id_hash(&id));
                if sink.keep_unchanged(&id) {
                    sum.unchanged += 1;
                } else {
                    sum.duplicates += 1;
                }
            }
            Event::Article(p) => {
                sum.articles += 1;
                sum.quotes += p.extraction.quotes.len() as u64;
                sum.places += p.extraction.places.len() as u64;
                sum.text_bytes += p.text.len() as u64;
                seen_in_file.insert(crate::index::id_hash(&p.extraction.id));
                let docs = ArticleDocs::new(&p.extraction, p.text);
                match sink.upsert(&docs, p.content_hash, file)? {
                    Upsert::Added => sum.added += 1,
                    Upsert::Replaced => sum.replaced += 1,
                    Upsert::Unchanged => sum.unchanged += 1,
                    Upsert::Duplicate => sum.duplicates += 1,
                }
                if sink.pending() > 0 && last_commit.elapsed() >= commit_every {
                    sink.commit()?;
                    last_commit = Instant::now();
                }
            }
        }
        bar.set_message(format!(
            "{} files, {} articles, {} quotes",
            sum.files, sum.articles, sum.quotes
        ));
        Ok(())
    });
    // Whatever happened, keep what was indexed.
    let finished = sink.finish();
    bar.finish_and_clear();
    outcome?;
    finished?;

    let secs = start.elapsed().as_secs_f64().max(1e-6);
    if !args.quiet {
        print_summary(&sum, secs, &dir);
    }
    let skipped_any = sum.problems > 0 || sum.skipped.values().sum::<u64>() > 0;
    Ok(if skipped_any { EXIT_SKIPPED } else { 0 })
}

fn progress_bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}  {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

fn print_summary(s: &Summary, secs: f64, dir: &std::path::Path) {
    let skipped: u64 = s.skipped.values().sum();
    let mb = s.bytes as f64 / 1e6;
    eprintln!(
        "whosaid: {} files read ({:.1} MB), {} skipped{}",
        s.files - skipped.min(s.files),
        mb,
        skipped,
        if skipped > 0 {
            format!(
                " ({})",
                s.skipped
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            String::new()
        }
    );
    if s.problems > 0 {
        eprintln!(
            "whosaid: {} bad records or paths skipped inside files",
            s.problems
        );
    }
    eprintln!(
        "whosaid: {} articles ({} new, {} replaced, {} unchanged), {} quotes, {} places",
        s.articles, s.added, s.replaced, s.unchanged, s.quotes, s.places
    );
    if s.removed > 0 {
        eprintln!(
            "whosaid: {} articles removed: their files no longer hold them",
            s.removed
        );
    }
    if s.duplicates > 0 {
        eprintln!(
            "whosaid: {} articles had the same id as an earlier one in this run (the first one was kept)",
            s.duplicates
        );
    }
    eprintln!(
        "whosaid: {:.1}s, {:.1} MB/s of files, {:.1} MB/s of article text; index at {}",
        secs,
        mb / secs,
        s.text_bytes as f64 / 1e6 / secs,
        dir.display()
    );
}
