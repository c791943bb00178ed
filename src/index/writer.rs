//! Writing articles into the index: upsert by article id, skip unchanged articles, drop the
//! articles a re-read file no longer holds, commit periodically.
//!
//! Atomicity: an article and its quotes are added together between two commits, and the
//! delete of the article's old documents goes in the same commit, so a reader (or a crash)
//! sees either the old version or the new one, never half of one.
//!
//! Determinism: within one run the *first* article with a given id wins and later ones are
//! counted as duplicates. With "first wins", a run that was killed and re-run ends with exactly
//! the documents of an uninterrupted run, because the articles a re-run skips as unchanged are
//! the ones that came first.

use super::{id_hash, to_tantivy, Fields};
use crate::docs::ArticleDocs;
use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, IndexWriter, TantivyDocument, TantivyError, Term, TERMINATED};

/// The smallest writer budget Tantivy accepts per thread.
const MIN_BUDGET_PER_THREAD: usize = 15_000_000;

/// What the index holds for one article id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub content_hash: u64,
    /// Hash of the path of the file the article was read from.
    pub file_hash: u64,
}

/// An open index writer plus the map of what is already indexed.
pub struct IndexSink {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// id hash → what the index holds (kept up to date during the run).
    existing: HashMap<u64, Stored>,
    /// file hash → ids read from that file (as at open).
    by_file: HashMap<u64, Vec<u64>>,
    /// Ids met in this run, to tell a duplicate inside the archive from an update.
    this_run: HashSet<u64>,
    dir: PathBuf,
    pending: u64,
}

/// What happened to one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Replaced,
    Unchanged,
    /// Same id as an article met earlier in this run: the first one is kept.
    Duplicate,
}

/// Hash of a file path, to find the articles a file contributed.
pub fn file_hash(path: &Path) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_os_str().as_encoded_bytes())
}

impl IndexSink {
    /// Opens a writer on `index`; fails with [`Error::IndexLocked`] when another process writes it.
    pub fn open(
        index: &Index,
        fields: Fields,
        dir: &Path,
        memory_mb: usize,
        threads: usize,
    ) -> Result<Self> {
        let threads = threads.max(1);
        let budget = (memory_mb.saturating_mul(1_000_000)).max(MIN_BUDGET_PER_THREAD * threads);
        let writer = index
            .writer_with_num_threads(threads, budget)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::IndexLocked(dir.to_path_buf()),
                other => Error::OpenIndex {
                    path: dir.to_path_buf(),
                    source: other,
                },
            })?;
        let existing = existing_articles(index, &fields)?;
        let mut by_file: HashMap<u64, Vec<u64>> = HashMap::new();
        for (id, s) in &existing {
            by_file.entry(s.file_hash).or_default().push(*id);
        }
        Ok(IndexSink {
            writer,
            fields,
            existing,
            by_file,
            this_run: HashSet::new(),
            dir: dir.to_path_buf(),
            pending: 0,
        })
    }

    /// The articles present when the writer opened: id hash → content hash (for skipping
    /// unchanged articles before extraction).
    pub fn snapshot(&self) -> HashMap<u64, u64> {
        self.existing
            .iter()
            .map(|(k, v)| (*k, v.content_hash))
            .collect()
    }

    /// Whether an article with this id and content is in a snapshot.
    pub fn is_unchanged(snapshot: &HashMap<u64, u64>, id: &str, content_hash: u64) -> bool {
        snapshot.get(&id_hash(id)) == Some(&content_hash)
    }

    /// Notes an article that was skipped as unchanged; false when it is a duplicate.
    pub fn keep_unchanged(&mut self, id: &str) -> bool {
        self.this_run.insert(id_hash(id))
    }

    /// Adds an article and its quotes, replacing any older version of the same id.
    pub fn upsert(&mut self, docs: &ArticleDocs, content_hash: u64, file: u64) -> Result<Upsert> {
        let key = id_hash(&docs.article.article.id);
        if !self.this_run.insert(key) {
            return Ok(Upsert::Duplicate);
        }
        let now = Stored {
            content_hash,
            file_hash: file,
        };
        let before = self.existing.insert(key, now);
        if before == Some(now) {
            return Ok(Upsert::Unchanged);
        }
        self.delete(key);
        for doc in to_tantivy(&self.fields, docs, key, content_hash, file) {
            self.writer
                .add_document(doc)
                .map_err(|e| write_error(&self.dir, e))?;
        }
        self.pending += 1;
        Ok(if before.is_some() {
            Upsert::Replaced
        } else {
            Upsert::Added
        })
    }

    /// A file was read whole: deletes the articles it held before but holds no longer.
    /// Returns how many were deleted.
    pub fn file_done(&mut self, file: u64, seen: &HashSet<u64>) -> u64 {
        let Some(before) = self.by_file.remove(&file) else {
            return 0;
        };
        let mut gone = 0;
        for id in before {
            let still_here = self
                .existing
                .get(&id)
                .map(|s| s.file_hash == file)
                .unwrap_or(false);
            if still_here && !seen.contains(&id) && !self.this_run.contains(&id) {
                self.existing.remove(&id);
                self.delete(id);
                gone += 1;
            }
        }
        self.pending += gone;
        gone
    }

    fn delete(&mut self, id: u64) {
        self.writer
            .delete_term(Term::from_field_u64(self.fields.id_key, id));
    }

    /// Articles added or deleted since the last commit.
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// Makes everything added so far durable and visible to searchers.
    pub fn commit(&mut self) -> Result<()> {
        self.writer
            .commit()
            .map_err(|e| write_error(&self.dir, e))?;
        self.pending = 0;
        Ok(())
    }

    /// Commits, then waits for background merges so the index is left tidy.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| write_error(&self.dir, e))
    }
}

fn write_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    // Tantivy's message for a failure in one of its threads does not say why ("a worker thread
    // encountered an error"): probe the folder to name the usual causes.
    let probe = dir.join(".whosaid-write-probe");
    let cause = match std::fs::write(&probe, vec![0u8; 1 << 16]) {
        Err(p) if p.kind() == std::io::ErrorKind::StorageFull => {
            Some("no space left on the device")
        }
        Err(p) if p.kind() == std::io::ErrorKind::ReadOnlyFilesystem => {
            Some("the index folder is read-only")
        }
        Err(p) if p.kind() == std::io::ErrorKind::PermissionDenied => {
            Some("no permission to write the index folder")
        }
        _ => None,
    };
    let _ = std::fs::remove_file(&probe);
    let reason = match cause {
        Some(c) => format!("{c} ({e})"),
        None => e.to_string(),
    };
    Error::Write {
        path: dir.to_path_buf(),
        reason,
    }
}

/// Reads (id hash → content and file hashes) of every live article document.
///
/// The ids are the terms of `id_key`, which every document of an article carries (a fast
/// field of the same hashes would repeat them); among each id's documents, the article is the
/// one with a content hash (the first, as it is added before its quotes).
fn existing_articles(index: &Index, f: &Fields) -> Result<HashMap<u64, Stored>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut map = HashMap::new();
    let schema = index.schema();
    let name = |field| schema.get_field_name(field).to_string();
    let (hash_name, file_name) = (name(f.content_hash), name(f.file_hash));
    for seg in searcher.segment_readers() {
        let hashes = seg.fast_fields().u64(&hash_name)?;
        let files = seg.fast_fields().u64(&file_name)?;
        let alive = seg.alive_bitset();
        let ids = seg.inverted_index(f.id_key)?;
        let mut terms = ids.terms().stream().map_err(TantivyError::from)?;
        while terms.advance() {
            let Ok(bytes) = <[u8; 8]>::try_from(terms.key()) else {
                continue;
            };
            let mut docs = ids
                .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                .map_err(TantivyError::from)?;
            let mut doc = docs.doc();
            while doc != TERMINATED {
                let live = alive.is_none_or(|a| a.is_alive(doc));
                if let (true, Some(h)) = (live, hashes.first(doc)) {
                    let stored = Stored {
                        content_hash: h,
                        file_hash: files.first(doc).unwrap_or(0),
                    };
                    map.insert(u64::from_be_bytes(bytes), stored);
                    break;
                }
                doc = docs.advance();
            }
        }
    }
    Ok(map)
}
