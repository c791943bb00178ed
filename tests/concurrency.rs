//! Concurrent use: a second writer gets a clear message and its own exit status; searches
//! work while the index is being written, and on a read-only index folder.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn indexed_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tmp();
    let idx = dir.path().join("idx");
    let o = index(&idx, &[&repo().join("examples/archive")]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, idx)
}

#[test]
fn a_second_writer_is_refused_with_exit_status_4() {
    let (_dir, idx) = indexed_sample();
    // Hold the index's writer lock, as a running `whosaid index` does.
    let tv = tantivy::Index::open_in_dir(&idx).expect("open index");
    let writer: tantivy::IndexWriter = tv.writer(15_000_000).expect("take the writer lock");

    let o = bin()
        .args(["index", "--quiet", "--index"])
        .arg(&idx)
        .arg(repo().join("examples/archive"))
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(4), "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).contains("being written by another whosaid process"),
        "{}",
        stderr(&o)
    );
    // Searching does not need the lock.
    assert_eq!(search(&idx, &["--articles"])["total"], 5);
    drop(writer);
    // Once the lock is free, indexing works again.
    let o = index(&idx, &[&repo().join("examples/archive")]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Mounts `src` read-only at `dst` (needs root); None when this machine does not allow it.
fn read_only_mount(src: &Path, dst: &Path) -> Option<()> {
    let ok = |c: &mut Command| c.status().map(|s| s.success()).unwrap_or(false);
    if !ok(Command::new("mount").arg("--bind").arg(src).arg(dst)) {
        return None;
    }
    if !ok(Command::new("mount")
        .args(["-o", "remount,bind,ro"])
        .arg(dst))
    {
        let _ = Command::new("umount").arg(dst).status();
        return None;
    }
    Some(())
}

#[test]
fn search_works_on_a_read_only_index() {
    let (dir, idx) = indexed_sample();
    let ro = dir.path().join("ro");
    std::fs::create_dir_all(&ro).expect("mkdir");
    if read_only_mount(&idx, &ro).is_none() {
        println!("SKIPPED search_works_on_a_read_only_index: cannot make a read-only mount here (needs root)");
        return;
    }
    let v = std::panic::catch_unwind(|| {
        assert!(
            std::fs::write(ro.join("probe"), b"x").is_err(),
            "the mount is writable"
        );
        let v = search(&ro, &["--speaker", "Aliyev"]);
        // Indexing into it fails cleanly and names the problem.
        let o = bin()
            .args(["index", "--quiet", "--index"])
            .arg(&ro)
            .arg(repo().join("examples/archive"))
            .output();
        (v, o)
    });
    let _ = Command::new("umount").arg(&ro).status();
    let (v, o) = v.expect("search on a read-only index panicked");
    assert_eq!(v["total"], 12);
    let o = o.expect("run whosaid index");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).to_lowercase().contains("read-only"),
        "{}",
        stderr(&o)
    );
}
