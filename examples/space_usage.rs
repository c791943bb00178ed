//! Where an index's bytes go: per component (terms, postings, positions, fast fields, norms,
//! stored documents) and per field, summed over segments.
//!
//! `cargo run --release --example space_usage -- INDEX`
use std::collections::BTreeMap;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: space_usage INDEX"))?;
    let (index, _) = whosaid::index::open(std::path::Path::new(&dir))?;
    let schema = index.schema();
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let mut by_field: BTreeMap<(String, &str), u64> = BTreeMap::new();
    let (mut store, mut docs) = (0u64, 0u64);
    for seg in usage.segments() {
        docs += u64::from(seg.num_docs());
        store += seg.store().total().get_bytes();
        for (part, per) in [
            ("terms", seg.termdict()),
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("fast", seg.fast_fields()),
            ("norms", seg.fieldnorms()),
        ] {
            for (field, u) in per.fields() {
                let name = schema.get_field_name(*field).to_string();
                *by_field.entry((name, part)).or_default() += u.total().get_bytes();
            }
        }
    }
    let total = usage.total().get_bytes();
    println!("{docs} documents, {:.1} MB", total as f64 / 1e6);
    println!("stored documents: {:.1} MB", store as f64 / 1e6);
    let mut rows: Vec<_> = by_field.into_iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    for ((field, part), bytes) in rows.into_iter().filter(|r| r.1 > 0) {
        println!("{field:>16} {part:>9}: {:.2} MB", bytes as f64 / 1e6);
    }
    Ok(())
}
