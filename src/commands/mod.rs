//! One module per command; each turns parsed arguments into work and an exit status.

pub mod extract;
pub mod index;
pub mod search;

use crate::archive::{FileError, Problem};
use std::path::{Path, PathBuf};

/// Bad records reported one by one per file; past this, a count closes the file.
pub const PROBLEMS_SHOWN_PER_FILE: u64 = 10;

/// Reports bad input on stderr: one line per skipped file, and one per bad record up to
/// [`PROBLEMS_SHOWN_PER_FILE`] per file (then one line with the rest's count), so a file of a
/// million broken lines cannot flood the terminal.
#[derive(Debug, Default)]
pub struct Reporter {
    current: Option<PathBuf>,
    in_file: u64,
    /// Every bad record or path, shown or not.
    pub problems: u64,
    /// Files skipped whole.
    pub files_skipped: u64,
}

impl Reporter {
    /// Returns the line to print for a bad record, if it is to be shown.
    pub fn problem(&mut self, p: &Problem) -> Option<String> {
        self.problems += 1;
        if self.current.as_deref() != Some(p.path.as_path()) {
            self.current = Some(p.path.clone());
            self.in_file = 0;
        }
        self.in_file += 1;
        (self.in_file <= PROBLEMS_SHOWN_PER_FILE).then(|| match p.line {
            Some(n) => format!("whosaid: {}:{}: {}", p.path.display(), n, p.reason),
            None => format!("whosaid: {}: {}", p.path.display(), p.reason),
        })
    }

    /// Returns the lines to print when a file is done.
    pub fn file_done(
        &mut self,
        path: &Path,
        result: &Result<crate::archive::FileStats, FileError>,
    ) -> Vec<String> {
        let mut lines = Vec::new();
        if self.current.as_deref() == Some(path) && self.in_file > PROBLEMS_SHOWN_PER_FILE {
            lines.push(format!(
                "whosaid: {}: {} more bad records not shown",
                path.display(),
                self.in_file - PROBLEMS_SHOWN_PER_FILE
            ));
        }
        if self.current.as_deref() == Some(path) {
            self.current = None;
            self.in_file = 0;
        }
        if let Err(e) = result {
            self.files_skipped += 1;
            lines.push(format!("whosaid: skipped {}: {}", path.display(), e.reason));
        }
        lines
    }

    /// Whether anything was skipped.
    pub fn any(&self) -> bool {
        self.problems > 0 || self.files_skipped > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_of_bad_lines_is_capped_per_file() {
        let mut r = Reporter::default();
        let path = PathBuf::from("broken.jsonl");
        let shown = (1..=1000u64)
            .filter_map(|n| {
                r.problem(&Problem {
                    path: path.clone(),
                    line: Some(n),
                    reason: "bad JSON".into(),
                })
            })
            .count();
        assert_eq!(shown as u64, PROBLEMS_SHOWN_PER_FILE);
        let tail = r.file_done(&path, &Ok(Default::default()));
        assert_eq!(
            tail,
            vec!["whosaid: broken.jsonl: 990 more bad records not shown".to_string()]
        );
        assert_eq!(r.problems, 1000);
        // The next file starts its own count.
        let other = PathBuf::from("other.jsonl");
        assert!(r
            .problem(&Problem {
                path: other,
                line: Some(1),
                reason: "x".into()
            })
            .is_some());
        assert!(r.any());
    }
}
