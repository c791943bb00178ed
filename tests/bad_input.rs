//! Bad input never stops a run: every bad file is named with its reason, every good article
//! is indexed, and the exit status says something was skipped.

mod common;
use common::*;
use std::io::Write;

#[test]
fn a_folder_of_bad_files_indexes_every_good_article() {
    let dir = tmp();
    let arch = dir.path().join("archive");
    std::fs::create_dir_all(&arch).expect("mkdir");
    let w = |name: &str, bytes: &[u8]| std::fs::write(arch.join(name), bytes).expect("write");

    // Random bytes (a fixed pseudo-random sequence, so the test is repeatable).
    let mut x: u32 = 2463534242;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x & 0xff) as u8
        })
        .collect();
    w("noise.txt", &noise);
    w("empty.txt", b"");
    // Latin-1: "Zürich" and "café" in ISO-8859-1 bytes.
    w(
        "latin1.txt",
        b"Storm in Z\xfcrich\n\n\"The caf\xe9 is closed until Monday,\" said Anna Keller, who owns it.",
    );
    // A truncated gzip stream: the first half of a compressed JSONL file.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..200 {
        writeln!(
            gz,
            "{{\"id\": \"gz-{i}\", \"text\": \"Line {i} of a long archive about Oslo.\"}}"
        )
        .expect("gz");
    }
    let full = gz.finish().expect("gz");
    w("cut.jsonl.gz", &full[..full.len() / 2]);
    // A broken JSON line between two good ones.
    w(
        "mixed.jsonl",
        b"{\"id\": \"good-1\", \"text\": \"\\\"We will rebuild the bridge,\\\" said Mayor Tom Berg.\"}\n{\"id\": \"broken\", \"text\": \"no closing\n{\"id\": \"good-2\", \"text\": \"Rain is expected in Bergen on Tuesday.\"}\n",
    );

    let idx = dir.path().join("idx");
    let o = bin()
        .args(["index", "--index"])
        .arg(&idx)
        .arg(&arch)
        .output()
        .expect("run");
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(3),
        "skipped files must give exit status 3; stderr:\n{err}"
    );
    for name in ["noise.txt", "empty.txt", "cut.jsonl.gz", "mixed.jsonl:2"] {
        assert!(err.contains(name), "{name} is not named in stderr:\n{err}");
    }
    let ids: Vec<String> = search(&idx, &["--articles", "--limit", "1000"])["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["id"].as_str().map(String::from))
        .collect();
    assert!(
        ids.contains(&"good-1".to_string()) && ids.contains(&"good-2".to_string()),
        "{ids:?}"
    );
    assert!(!ids.contains(&"broken".to_string()));
    // Everything before the cut of the gzip stream was kept.
    let gz_kept = ids.iter().filter(|i| i.starts_with("gz-")).count();
    assert!(
        gz_kept > 10,
        "only {gz_kept} records kept from the truncated gzip"
    );
    // The Latin-1 file was decoded, not dropped.
    let v = search(&idx, &["--speaker", "Keller"]);
    assert_eq!(v["total"], 1, "{v}");
    assert!(v["hits"][0]["quote"]
        .as_str()
        .unwrap_or("")
        .contains("café"));
    let v = search(&idx, &["--speaker", "Berg"]);
    assert_eq!(v["total"], 1);
}

#[test]
fn a_missing_index_is_a_clear_error() {
    let dir = tmp();
    let o = run(&[
        "search",
        "--index",
        dir.path().join("nothing").to_str().unwrap_or(""),
        "x",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no whosaid index"), "{}", stderr(&o));
}
