//! Indexing is incremental and idempotent: same archive twice = same index; an edited article
//! replaces its old documents; --rebuild starts afresh.

mod common;
use common::*;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from)
        .expect("read sample archive")
        .flatten()
    {
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

fn totals(idx: &Path) -> (u64, u64) {
    let a = search(idx, &["--articles"])["total"].as_u64().unwrap_or(0);
    let q = search(idx, &[])["total"].as_u64().unwrap_or(0);
    (a, q)
}

/// Replaces `from` by `to` in `path` (which must change), then re-indexes `arch` into `idx`
/// with the run summary on stderr.
fn edit_and_reindex(
    path: &Path,
    from: &str,
    to: &str,
    idx: &Path,
    arch: &Path,
) -> std::process::Output {
    let text = std::fs::read_to_string(path).expect("read");
    let edited = text.replace(from, to);
    assert_ne!(text, edited, "{from} not found in {}", path.display());
    std::fs::write(path, edited).expect("write");
    let o = bin()
        .args(["index", "--index"])
        .arg(idx)
        .arg(arch)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

#[test]
fn same_archive_twice_gives_the_same_index() {
    let dir = tmp();
    let (arch, idx) = (dir.path().join("archive"), dir.path().join("idx"));
    copy_dir(&repo().join("examples/archive"), &arch);
    let first = index(&idx, &[&arch]);
    assert!(first.status.success(), "{}", stderr(&first));
    let t1 = totals(&idx);
    assert_eq!(t1.0, 5);
    assert!(t1.1 >= 20, "quotes: {}", t1.1);

    let o = bin()
        .args(["index", "--index"])
        .arg(&idx)
        .arg(&arch)
        .output()
        .expect("run");
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("5 unchanged"),
        "summary: {}",
        stderr(&o)
    );
    assert_eq!(totals(&idx), t1, "re-indexing changed the counts");
}

#[test]
fn an_edited_article_replaces_its_documents() {
    let dir = tmp();
    let (arch, idx) = (dir.path().join("archive"), dir.path().join("idx"));
    copy_dir(&repo().join("examples/archive"), &arch);
    assert!(index(&idx, &[&arch]).status.success());
    let before = totals(&idx);
    assert_eq!(search(&idx, &["\"small step\""])["total"], 1);

    // Edit the gzip-free copy of one article: a new quote replaces the old one.
    let path = arch.join("wires.jsonl");
    let o = edit_and_reindex(
        &path,
        "Cities can move faster than nations on this",
        "Cities will lead where nations hesitate",
        &idx,
        &arch,
    );
    assert!(stderr(&o).contains("1 replaced"), "summary: {}", stderr(&o));
    assert_eq!(
        totals(&idx),
        before,
        "an edit must not add or lose documents"
    );
    assert_eq!(
        search(&idx, &["\"faster than nations\""])["total"],
        0,
        "the old quote is still there"
    );
    assert_eq!(
        search(&idx, &["\"lead where nations hesitate\""])["total"],
        1
    );
}

#[test]
fn rebuild_starts_afresh_and_refuses_foreign_folders() {
    let dir = tmp();
    let idx = dir.path().join("idx");
    let seed = repo().join("examples/archive/aliyev-trt-interview.txt");
    assert!(index(&idx, &[&repo().join("examples/archive")])
        .status
        .success());
    let o = bin()
        .args(["index", "--quiet", "--rebuild", "--index"])
        .arg(&idx)
        .arg(&seed)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(totals(&idx).0, 1, "--rebuild must drop the other articles");

    let foreign = dir.path().join("notes");
    std::fs::create_dir_all(&foreign).expect("mkdir");
    std::fs::write(foreign.join("todo.txt"), "buy milk").expect("write");
    let o = bin()
        .args(["index", "--quiet", "--rebuild", "--index"])
        .arg(&foreign)
        .arg(&seed)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a whosaid index"), "{}", stderr(&o));
    assert!(
        foreign.join("todo.txt").exists(),
        "a foreign folder was deleted"
    );
}

#[test]
fn a_run_killed_while_creating_the_index_is_completed_by_the_next() {
    // A SIGKILL between Tantivy's first write and its meta.json leaves only its bookkeeping
    // files (the list of managed files, a temporary file of an atomic write): the same
    // command run again must index, not refuse the folder as foreign.
    let dir = tmp();
    let idx = dir.path().join("idx");
    std::fs::create_dir_all(&idx).expect("mkdir");
    std::fs::write(idx.join(".managed.json"), "[\"meta.json\"]").expect("write");
    std::fs::write(idx.join(".tmpQ3xZk1"), "{\"segments\":").expect("write");
    let o = index(&idx, &[&repo().join("examples/archive")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(totals(&idx).0 > 0, "nothing indexed");
    assert!(!idx.join(".tmpQ3xZk1").exists(), "the leftover stayed");

    // Any other file still marks a folder that is not ours.
    let mixed = dir.path().join("mixed");
    std::fs::create_dir_all(&mixed).expect("mkdir");
    std::fs::write(mixed.join(".managed.json"), "[]").expect("write");
    std::fs::write(mixed.join("draft.txt"), "my notes").expect("write");
    let o = index(&mixed, &[&repo().join("examples/archive")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a whosaid index"), "{}", stderr(&o));
    assert!(mixed.join(".managed.json").exists() && mixed.join("draft.txt").exists());
}

#[test]
fn an_edited_text_file_without_an_id_replaces_its_article() {
    // A .txt article's id is a hash of its text: the edit gives it a new id, and the old
    // version must go because its file no longer holds it.
    let dir = tmp();
    let (arch, idx) = (dir.path().join("archive"), dir.path().join("idx"));
    copy_dir(&repo().join("examples/archive"), &arch);
    assert!(index(&idx, &[&arch]).status.success());
    let before = totals(&idx);
    let path = arch.join("aliyev-trt-interview.txt");
    let o = edit_and_reindex(
        &path,
        "Smear campaigns against Azerbaijan continue unabated",
        "Smear campaigns against Azerbaijan go on",
        &idx,
        &arch,
    );
    assert!(
        stderr(&o).contains("1 articles removed"),
        "summary: {}",
        stderr(&o)
    );
    assert_eq!(totals(&idx), before);
    assert_eq!(search(&idx, &["\"continue unabated\""])["total"], 0);
    assert_eq!(search(&idx, &["\"against azerbaijan go on\""])["total"], 1);
}

#[test]
fn an_article_removed_from_its_file_leaves_the_index() {
    let dir = tmp();
    let (arch, idx) = (dir.path().join("archive"), dir.path().join("idx"));
    copy_dir(&repo().join("examples/archive"), &arch);
    assert!(index(&idx, &[&arch]).status.success());
    let path = arch.join("wires.jsonl");
    let text = std::fs::read_to_string(&path).expect("read");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("sample-paris-summit"))
        .collect();
    assert_eq!(kept.len(), 1);
    std::fs::write(&path, kept.join("\n")).expect("write");
    let o = bin()
        .args(["index", "--quiet", "--index"])
        .arg(&idx)
        .arg(&arch)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(totals(&idx).0, 4);
    assert_eq!(search(&idx, &["--speaker", "Marchand"])["total"], 0);
    // A file that cannot be read keeps its articles: nothing indexed is lost to bad input.
    std::fs::write(&path, [0xffu8, 0xfe, 0x00, 0x01, 0x02, 0x03].repeat(500)).expect("write");
    let o = bin()
        .args(["index", "--quiet", "--index"])
        .arg(&idx)
        .arg(&arch)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(
        totals(&idx).0,
        4,
        "an unreadable file must not cost its articles"
    );
}

#[test]
fn id_prefix_keeps_two_copies_of_an_archive_apart() {
    let dir = tmp();
    let (a, b, idx) = (
        dir.path().join("dump-a"),
        dir.path().join("dump-b"),
        dir.path().join("idx"),
    );
    copy_dir(&repo().join("examples/archive"), &a);
    copy_dir(&repo().join("examples/archive"), &b);
    // Without a prefix the same ids collide: the first copy wins.
    let o = bin()
        .args(["index", "--index"])
        .arg(&idx)
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(totals(&idx).0, 5);
    assert!(
        stderr(&o).contains("5 articles had the same id"),
        "{}",
        stderr(&o)
    );
    let idx2 = dir.path().join("idx2");
    let o = bin()
        .args(["index", "--quiet", "--id-prefix", "{root}/", "--index"])
        .arg(&idx2)
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let v = search(&idx2, &["--articles", "--limit", "100"]);
    assert_eq!(v["total"], 10);
    let ids: Vec<&str> = v["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"dump-a/sample-paris-summit") && ids.contains(&"dump-b/sample-paris-summit"),
        "{ids:?}"
    );
}
