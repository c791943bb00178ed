//! Finding the files of an archive.
//!
//! Archives arrive as folder trees, often with symlinks into shared storage. We follow
//! symlinks (so a linked folder is indexed) but let walkdir detect cycles, and turn every
//! error — a loop, an unreadable folder, a missing path — into a [`Problem`] instead of
//! stopping the run. Entries are sorted by file name so two runs see the same order.

use super::Problem;
use std::path::PathBuf;

/// Every regular file under `paths` (a path that is a file is yielded as is), in a
/// deterministic order. Directories are descended into; special files (FIFOs, sockets,
/// devices) are reported as problems because reading them could block forever.
pub fn walk(paths: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, Problem>> {
    let roots: Vec<PathBuf> = paths.to_vec();
    roots.into_iter().flat_map(|root| {
        walkdir::WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_map(move |entry| match entry {
                Ok(e) => {
                    let ft = e.file_type();
                    if ft.is_dir() {
                        None
                    } else if ft.is_file() {
                        Some(Ok(e.into_path()))
                    } else {
                        Some(Err(Problem {
                            path: e.into_path(),
                            line: None,
                            reason: "not a regular file (special file or broken link), skipped"
                                .into(),
                        }))
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| p.to_path_buf())
                        .unwrap_or_else(|| root.clone());
                    let reason = if let Some(anc) = err.loop_ancestor() {
                        format!("symlink loop back to {}, not followed", anc.display())
                    } else if let Some(io) = err.io_error() {
                        format!("cannot read: {io}")
                    } else {
                        format!("cannot read: {err}")
                    };
                    Some(Err(Problem {
                        path,
                        line: None,
                        reason,
                    }))
                }
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn sorted_files_only_and_missing_path_is_problem() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("b/2.txt"), "x").unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        fs::write(dir.path().join(".hidden"), "x").unwrap();
        let got: Vec<_> = walk(&[dir.path().to_path_buf(), dir.path().join("nope")]).collect();
        let names: Vec<String> = got
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, vec![".hidden", "a.txt", "b/2.txt"]);
        assert_eq!(got.iter().filter(|r| r.is_err()).count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_cycle_is_a_problem_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("d")).unwrap();
        fs::write(dir.path().join("d/f.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("d"), dir.path().join("d/loop")).unwrap();
        let got: Vec<_> = walk(&[dir.path().to_path_buf()]).collect();
        assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 1);
        let p = got.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert!(p.reason.contains("loop"), "{}", p.reason);
    }
}
