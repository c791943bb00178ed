//! The slow hostile inputs of issue 7 (run by `.ci/run` with `--ignored`): a 200 MB single
//! line and decompression bombs. Same checks as `hostile_input.rs`: the run finishes, exits 0
//! or 3 without a panic, names each bad file with its reason and indexes the good articles
//! beside them; memory stays bounded.

mod common;
use common::*;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(600);
/// Peak memory allowed to a run (the largest buffer is one 64 MiB record).
const MAX_RSS_MB: i64 = 1024;

struct Out {
    code: Option<i32>,
    stderr: String,
    secs: f64,
    /// Peak resident memory of the child, MB.
    rss_mb: i64,
}

/// Runs `cmd` with a timeout; stderr to a file. Tests in this file run one at a time
/// (`--test-threads 1` in CI), so the children's peak RSS is this child's.
fn run_timed(mut cmd: Command, dir: &Path, name: &str) -> Out {
    let e = dir.join(format!("{name}.err"));
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&e).expect("stderr file"));
    let start = Instant::now();
    let mut child = cmd.spawn().expect("cannot start whosaid");
    let status = wait_or_kill(&mut child, TIMEOUT, name, &e);
    // SAFETY: getrusage only writes the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    Out {
        code: status.code(),
        stderr: String::from_utf8_lossy(&std::fs::read(&e).unwrap_or_default()).into_owned(),
        secs: start.elapsed().as_secs_f64(),
        rss_mb: ru.ru_maxrss / 1024,
    }
}

fn assert_sane(o: &Out, what: &str) {
    assert!(
        !o.stderr.contains("panicked") && !o.stderr.contains("internal error"),
        "{what}: panic:\n{}",
        o.stderr
    );
    assert!(
        matches!(o.code, Some(0) | Some(3)),
        "{what}: exit status {:?}:\n{}",
        o.code,
        o.stderr
    );
    assert!(
        o.rss_mb < MAX_RSS_MB,
        "{what}: peak memory {} MB (limit {MAX_RSS_MB})",
        o.rss_mb
    );
    println!(
        "{what}: {:.1}s, peak memory {} MB, exit {:?}",
        o.secs, o.rss_mb, o.code
    );
}

/// `name` is on a stderr line that gives a reason containing `reason`.
fn assert_named(o: &Out, name: &str, reason: &str) {
    assert!(
        o.stderr
            .lines()
            .any(|l| l.contains(name) && l.contains(reason)),
        "{name} is not named with {reason:?}:\n{}",
        o.stderr
    );
}

struct Case {
    _dir: tempfile::TempDir,
    root: PathBuf,
    arch: PathBuf,
    idx: PathBuf,
}

impl Case {
    fn new() -> Case {
        let dir = tmp();
        let root = dir.path().to_path_buf();
        let arch = root.join("archive");
        std::fs::create_dir(&arch).expect("mkdir");
        std::fs::write(
            arch.join("good.jsonl"),
            "{\"id\": \"good-1\", \"text\": \"\\\"We will rebuild the bridge,\\\" said Mayor Tom Berg.\"}\n\
             {\"id\": \"good-2\", \"text\": \"Rain is expected in Oslo on Tuesday.\"}\n",
        )
        .expect("write");
        Case {
            idx: root.join("idx"),
            _dir: dir,
            root,
            arch,
        }
    }

    fn index(&self) -> Out {
        let mut cmd = bin();
        cmd.arg("index")
            .arg("--index")
            .arg(&self.idx)
            .arg(&self.arch);
        let o = run_timed(cmd, &self.root, "index");
        assert_sane(&o, "whosaid index");
        o
    }

    fn extract(&self) -> Out {
        let mut cmd = bin();
        cmd.arg("extract").arg(&self.arch);
        let o = run_timed(cmd, &self.root, "extract");
        assert_sane(&o, "whosaid extract");
        o
    }

    fn ids(&self) -> Vec<String> {
        search(&self.idx, &["--articles", "--limit", "10000"])["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h["id"].as_str().map(String::from))
            .collect()
    }

    fn assert_ids(&self, want: &[&str]) {
        let ids = self.ids();
        for w in want {
            assert!(ids.iter().any(|i| i == w), "{w} not indexed: {ids:?}");
        }
    }
}

/// Writes `prefix`, `n` bytes of `fill`, then `suffix`, in 1 MiB pieces.
fn write_big(path: &Path, prefix: &[u8], fill: u8, n: usize, suffix: &[u8]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    f.write_all(prefix).expect("write");
    let block = vec![fill; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(block.len());
        f.write_all(&block[..k]).expect("write");
        left -= k;
    }
    f.write_all(suffix).expect("write");
    f.flush().expect("flush");
}

#[test]
#[ignore = "slow; run by .ci/run"]
fn a_200_mb_single_line() {
    let case = Case::new();
    let n = 200 << 20;
    write_big(
        &case.arch.join("huge.jsonl"),
        b"{\"id\": \"huge\", \"text\": \"",
        b'a',
        n,
        b"\"}\n{\"id\": \"after-huge\", \"text\": \"The line after the huge one, from Bergen.\"}\n",
    );
    write_big(
        &case.arch.join("huge.json"),
        b"{\"text\": \"",
        b'b',
        n,
        b"\"}",
    );
    write_big(&case.arch.join("huge.txt"), b"", b'c', n, b"");
    let o = case.index();
    assert_named(&o, "huge.jsonl:1", "too large");
    assert_named(&o, "huge.json: ", "too large");
    assert_named(&o, "huge.txt", "larger than");
    case.assert_ids(&["good-1", "good-2", "after-huge"]);
    let o = case.extract();
    assert_named(&o, "huge.jsonl:1", "too large");
}

#[test]
#[ignore = "slow; run by .ci/run"]
fn decompression_bombs_stop_at_the_limit() {
    let case = Case::new();
    let gib = 1usize << 30;
    // 1.1 GiB of spaces after one good line: past the 1 GiB limit of decode::MAX_DECOMPRESSED.
    let mut e = flate2::write::GzEncoder::new(
        std::fs::File::create(case.arch.join("bomb.jsonl.gz")).expect("create"),
        flate2::Compression::fast(),
    );
    e.write_all(b"{\"id\": \"before-bomb\", \"text\": \"The line before the bomb, from Oslo.\"}\n")
        .expect("gz");
    let block = vec![b' '; 1 << 20];
    for _ in 0..(gib + gib / 10) / block.len() {
        e.write_all(&block).expect("gz");
    }
    e.finish().expect("gz");
    // 1.1 GiB of zeros: binary, refused as soon as it is seen.
    let mut e = flate2::write::GzEncoder::new(
        std::fs::File::create(case.arch.join("zeros.gz")).expect("create"),
        flate2::Compression::fast(),
    );
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..(gib + gib / 10) / zeros.len() {
        e.write_all(&zeros).expect("gz");
    }
    e.finish().expect("gz");
    let o = case.index();
    assert_named(&o, "bomb.jsonl.gz", "exceeds the limit of 1073741824 bytes");
    assert_named(&o, "zeros.gz", "binary");
    case.assert_ids(&["good-1", "good-2", "before-bomb"]);
    let o = case.extract();
    assert_named(&o, "bomb.jsonl.gz", "decompression bomb");
}
