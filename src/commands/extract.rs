//! `whosaid extract`: the extraction alone, one JSON line per article on stdout.

use super::{report_file_error, report_problem};
use crate::archive::ReadOptions;
use crate::cli::ExtractArgs;
use crate::error::{Error, Result, EXIT_SKIPPED};
use crate::pipeline::{self, Event};
use std::io::{BufWriter, Write};

pub fn run(args: ExtractArgs) -> Result<i32> {
    let opts = ReadOptions {
        field_map: args.read.field_map.clone(),
    };
    let threads = args.threads.unwrap_or_else(pipeline::default_threads);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut skipped = 0u64;
    let with_text = args.with_text;
    pipeline::run(args.paths, opts, threads, None, |ev| -> Result<()> {
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
            Event::FileDone {
                path,
                result: Err(e),
            } => {
                skipped += 1;
                report_file_error(&path, &e);
            }
            Event::Problem(p) => {
                skipped += 1;
                report_problem(&p);
            }
            _ => {}
        }
        Ok(())
    })?;
    out.flush()
        .map_err(|e| Error::io("cannot write to stdout", e))?;
    Ok(if skipped > 0 { EXIT_SKIPPED } else { 0 })
}
