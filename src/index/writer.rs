//! Writing articles into the index: upsert by article id, skip unchanged articles, commit
//! periodically.
//!
//! Atomicity: an article and its quotes are added together between two commits, and the
//! delete of the article's old documents goes in the same commit, so a reader (or a crash)
//! sees either the old version or the new one, never half of one.

use super::{id_hash, to_tantivy, Fields};
use crate::docs::ArticleDocs;
use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// The smallest writer budget Tantivy accepts per thread.
const MIN_BUDGET_PER_THREAD: usize = 15_000_000;

/// An open index writer plus the map of what is already indexed.
pub struct IndexSink {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// id hash → content hash of the articles present at open.
    existing: HashMap<u64, u64>,
    /// Ids written in this run, to tell a duplicate inside the archive from an update.
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
    /// Same id as an article met earlier in this run: the later one wins.
    Duplicate,
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
        Ok(IndexSink {
            writer,
            fields,
            existing,
            this_run: HashSet::new(),
            dir: dir.to_path_buf(),
            pending: 0,
        })
    }

    /// Whether an article with this id and content is already in the index.
    pub fn is_unchanged(existing: &HashMap<u64, u64>, id: &str, content_hash: u64) -> bool {
        existing.get(&id_hash(id)) == Some(&content_hash)
    }

    /// The articles present when the writer opened (id hash → content hash).
    pub fn existing(&self) -> &HashMap<u64, u64> {
        &self.existing
    }

    /// Adds an article and its quotes, replacing any older version of the same id.
    pub fn upsert(&mut self, docs: &ArticleDocs, content_hash: u64) -> Result<Upsert> {
        let id = &docs.article.article.id;
        let key = id_hash(id);
        let duplicate = !self.this_run.insert(key);
        let before = self.existing.insert(key, content_hash);
        if before == Some(content_hash) {
            return Ok(if duplicate {
                Upsert::Duplicate
            } else {
                Upsert::Unchanged
            });
        }
        self.writer
            .delete_term(Term::from_field_text(self.fields.article_id, id));
        for doc in to_tantivy(&self.fields, docs, key, content_hash) {
            self.writer
                .add_document(doc)
                .map_err(|e| commit_error(&self.dir, e))?;
        }
        self.pending += 1;
        Ok(if duplicate {
            Upsert::Duplicate
        } else if before.is_some() {
            Upsert::Replaced
        } else {
            Upsert::Added
        })
    }

    /// Articles added since the last commit.
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// Makes everything added so far durable and visible to searchers.
    pub fn commit(&mut self) -> Result<()> {
        self.writer
            .commit()
            .map_err(|e| commit_error(&self.dir, e))?;
        self.pending = 0;
        Ok(())
    }

    /// Commits, then waits for background merges so the index is left tidy.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| commit_error(&self.dir, e))
    }
}

fn commit_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::Write {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    }
}

/// Reads (id hash, content hash) of every live article document.
fn existing_articles(index: &Index, f: &Fields) -> Result<HashMap<u64, u64>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut map = HashMap::new();
    let id_name = index.schema().get_field_name(f.id_hash).to_string();
    let hash_name = index.schema().get_field_name(f.content_hash).to_string();
    for seg in searcher.segment_readers() {
        let ids = seg.fast_fields().u64(&id_name)?;
        let hashes = seg.fast_fields().u64(&hash_name)?;
        for doc in seg.doc_ids_alive() {
            if let (Some(i), Some(h)) = (ids.first(doc), hashes.first(doc)) {
                map.insert(i, h);
            }
        }
    }
    Ok(map)
}
