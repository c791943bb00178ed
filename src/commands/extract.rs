//! `whosaid extract`: the extraction alone, one JSON line per article on stdout.

use super::Reporter;
use crate::archive::ReadOptions;
use crate::cli::ExtractArgs;
use crate::error::{Error, Result, EXIT_SKIPPED};
use crate::pipeline::{self, Event};
use std::io::{BufWriter, Write};

pub fn run(args: ExtractArgs) -> Result<i32> {
    let opts = ReadOptions {
        field_map: args.read.field_map.clone(),
        ..ReadOptions::default()
    };
    let threads = args.threads.unwrap_or_else(pipeline::default_threads);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut reporter = Reporter::default();
    let with_text = args.with_text;
    let options = pipeline::Options {
        read: opts,
        threads,
        source: args.read.source.clone(),
        ..Default::default()
    };
    pipeline::run(args.paths, options, |ev| -> Result<()> {
        match ev {
            Event::Article(p) => {
                let mut ex = p.extraction;
                if with_text {
                    ex.text = Some(p.text);
                }
                serde_json::to_writer(&mut out, &ex)
                    .map_err(|e| Error::io("cannot write to stdout", e.into()))?;
                out.write_all(b"\n")
                    .map_err(|e| Error::io("cannot write to stdout", e))?;
            }
            Event::FileDone { path, result } => {
                for line in reporter.file_done(&path, &result) {
                    eprintln!("{line}");
                }
            }
            Event::Problem(p) => {
                if let Some(line) = reporter.problem(&p) {
                    eprintln!("{line}");
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    out.flush()
        .map_err(|e| Error::io("cannot write to stdout", e))?;
    Ok(if reporter.any() { EXIT_SKIPPED } else { 0 })
}
