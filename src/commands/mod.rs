//! One module per command; each turns parsed arguments into work and an exit status.

pub mod extract;
pub mod index;
pub mod search;

use crate::archive::{FileError, Problem};
use std::path::Path;

/// The one line a skipped file gets on stderr.
pub fn report_file_error(path: &Path, e: &FileError) {
    eprintln!("whosaid: skipped {}: {}", path.display(), e.reason);
}

/// The one line a bad record or unreachable path gets on stderr.
pub fn report_problem(p: &Problem) {
    match p.line {
        Some(n) => eprintln!("whosaid: {}:{}: {}", p.path.display(), n, p.reason),
        None => eprintln!("whosaid: {}: {}", p.path.display(), p.reason),
    }
}
