//! Archive → `Article`s: find files, undo compression and legacy encodings, and hand each
//! file to the reader for its format.
//!
//! Readers stream: they push articles into a callback one at a time, so memory stays bounded
//! whatever the archive size. Bad input never stops a run: a file that cannot be read at all is
//! a [`FileError`]; a bad record inside a readable file is a [`Problem`] and the reader goes on.
//!
//! CONTRACT (used by the index and extract commands; keep these signatures):
//! - `read_file(path, opts, on_item) -> Result<FileStats, FileError>`
//! - `walk(paths) -> impl Iterator<Item = Result<PathBuf, Problem>>`

use std::path::{Path, PathBuf};

/// Options that change how files are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Extra JSON field mappings from `--field text=story`: (our field, their key).
    pub field_map: Vec<(String, String)>,
}

/// Something wrong inside a file that was otherwise read (a malformed JSON line...).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line (or record) number, where it applies.
    pub line: Option<u64>,
    pub reason: String,
}

/// Why a whole file was skipped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{reason}")]
pub struct FileError {
    /// Short machine-friendly class used in the run summary: "binary", "empty",
    /// "unreadable", "truncated", "undecodable", "too-large", "unsupported".
    pub class: &'static str,
    pub reason: String,
}

/// What reading one file yielded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileStats {
    pub articles: u64,
    pub problems: u64,
    /// Bytes of the file on disk (compressed size for compressed files).
    pub bytes: u64,
}

/// One item produced while reading a file.
#[derive(Debug)]
pub enum Item {
    Article(crate::Article),
    Problem(Problem),
}

pub fn read_file(
    _path: &Path,
    _opts: &ReadOptions,
    _on_item: &mut dyn FnMut(Item),
) -> Result<FileStats, FileError> {
    todo!("archive helper")
}
