//! A full disk during indexing: a clear error, and the index still opens with its last commit.
//! Needs root for a small tmpfs mount; skips with a reason elsewhere.

mod common;
use common::*;
use std::io::Write;
use std::process::Command;

/// Writes a JSONL archive of `n` generated articles, each with a quote and a place.
fn generated_archive(path: &std::path::Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let cities = [
        "Oslo", "Lyon", "Denver", "Osaka", "Quito", "Perth", "Accra", "Turin",
    ];
    for i in 0..n {
        let city = cities[i % cities.len()];
        // Distinct numbers make distinct terms, so the index grows with the archive.
        let filler: String = (0..120u64)
            .map(|k| format!("n{} ", (i as u64 * 7919 + k * 104729) % 1_000_003))
            .collect();
        let filler = format!("Officials in {city} reviewed {filler}on Tuesday.");
        let text = format!(
            "{filler}\\n\\n\\\"We will publish report number {i} next week,\\\" said Mayor Ana Ortiz{}, who has led {city} since 2019.",
            i % 97
        );
        writeln!(
            f,
            "{{\"id\": \"gen-{i}\", \"title\": \"Budget item {i}\", \"text\": \"{text}\"}}"
        )
        .expect("write");
    }
}

#[test]
fn a_full_disk_is_a_clear_error_and_keeps_the_last_commit() {
    let dir = tmp();
    let mnt = dir.path().join("small");
    std::fs::create_dir_all(&mnt).expect("mkdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&mnt)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !mounted {
        println!("SKIPPED a_full_disk_is_a_clear_error_and_keeps_the_last_commit: cannot mount a small tmpfs here (needs root)");
        return;
    }
    let archive = dir.path().join("gen.jsonl");
    generated_archive(&archive, 20000);
    let idx = mnt.join("idx");
    let o = bin()
        .args([
            "index",
            "--quiet",
            "--memory-mb",
            "20",
            "--threads",
            "1",
            "--commit-every",
            "0.05",
            "--index",
        ])
        .arg(&idx)
        .arg(&archive)
        .output();
    let after = std::panic::catch_unwind(|| search(&idx, &["--articles", "--limit", "1"]));
    let _ = Command::new("umount").arg(&mnt).status();
    let o = o.expect("run whosaid index");
    assert_eq!(
        o.status.code(),
        Some(1),
        "a full disk must fail the run; stderr: {}",
        stderr(&o)
    );
    let err = stderr(&o).to_lowercase();
    assert!(err.contains("no space left on the device"), "{err}");
    assert!(err.contains("keeps its last commit"), "{err}");
    let v = after.expect("the index no longer opens after a full disk");
    let total = v["total"].as_u64().unwrap_or(0);
    assert!(total < 20000, "everything fitted in 2 MB? {total}");
    println!("after the disk filled up, the index opened with {total} articles");
}
