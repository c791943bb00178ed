//! whosaid's typed errors and the exit status each one maps to.
//!
//! Exit statuses (documented in the README and `--help`):
//! - 0: success;
//! - 1: a fatal error (the index cannot be opened or written, bad arguments to a command);
//! - 2: invalid command line (from clap);
//! - 3: the run finished but some files or records were skipped (each was named on stderr);
//! - 4: the index is being written by another whosaid process.

use std::path::PathBuf;

/// Exit status of a run that finished but skipped some input.
pub const EXIT_SKIPPED: i32 = 3;
/// Exit status when another process holds the index writer lock.
pub const EXIT_LOCKED: i32 = 4;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the index at {0} is being written by another whosaid process; wait for it to finish")]
    IndexLocked(PathBuf),
    #[error("no whosaid index at {0}; create one with `whosaid index --index {0} ARCHIVE`")]
    NoIndex(PathBuf),
    #[error("cannot open the index at {path}: {source}")]
    OpenIndex {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("{path} holds files that are not a whosaid index; refusing to overwrite it")]
    NotAnIndex { path: PathBuf },
    #[error("cannot write the index at {path}: {reason}; the index keeps its last commit")]
    Write { path: PathBuf, reason: String },
    #[error("invalid query: {0}")]
    Query(String),
    #[error("invalid argument: {0}")]
    Argument(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::IndexLocked(_) => EXIT_LOCKED,
            _ => 1,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
