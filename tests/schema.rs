//! `schema/` is what users read: these tests fail when the code and it disagree.

mod common;
use common::*;
use whosaid::index::schema::FIELDS;

#[test]
fn fields_md_lists_exactly_the_index_fields() {
    let md = std::fs::read_to_string(repo().join("schema/fields.md")).expect("schema/fields.md");
    let rows: Vec<(String, String, String)> = md
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (
                cells[0].trim_matches('`').to_string(),
                cells[1].to_string(),
                cells[2].to_string(),
            )
        })
        .collect();
    let code: Vec<(String, String, String)> = FIELDS
        .iter()
        .map(|f| {
            (
                f.name.to_string(),
                f.ty.name().to_string(),
                f.on.to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows, code,
        "schema/fields.md and src/index/schema.rs FIELDS differ"
    );
    // And the schema Tantivy gets is built from that same table.
    let schema = whosaid::index::schema::build_schema();
    let names: Vec<&str> = schema.fields().map(|(_, e)| e.name()).collect();
    assert_eq!(names, FIELDS.iter().map(|f| f.name).collect::<Vec<_>>());
}

#[test]
fn extract_output_follows_extract_schema() {
    let schema = read_schema("extract.schema.json");
    let o = run(&[
        "extract",
        "--with-text",
        repo().join("examples/archive").to_str().unwrap_or(""),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = jsonl(&stdout(&o));
    assert_eq!(lines.len(), 5, "the sample archive holds 5 articles");
    let mut errs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        validate(
            line,
            &schema,
            &schema,
            &format!("line {}", i + 1),
            &mut errs,
        );
    }
    assert!(
        errs.is_empty(),
        "extract output breaks schema/extract.schema.json:\n{}",
        errs.join("\n")
    );
    let quotes: usize = lines
        .iter()
        .map(|l| l["quotes"].as_array().map_or(0, Vec::len))
        .sum();
    let places: usize = lines
        .iter()
        .map(|l| l["places"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(
        quotes > 20 && places > 30,
        "too little extracted: {quotes} quotes, {places} places"
    );
}

#[test]
fn search_output_follows_search_schema() {
    let schema = read_schema("search.schema.json");
    let dir = tmp();
    let idx = dir.path().join("idx");
    let o = index(&idx, &[&repo().join("examples/archive")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut errs = Vec::new();
    for args in [
        vec![],
        vec!["--articles"],
        vec!["--sort", "date", "drones"],
        vec!["--facet-place", "United States"],
    ] {
        let v = search(&idx, &args);
        assert!(v["total"].as_u64().unwrap_or(0) > 0, "no hits for {args:?}");
        validate(&v, &schema, &schema, &format!("search {args:?}"), &mut errs);
    }
    assert!(
        errs.is_empty(),
        "search output breaks schema/search.schema.json:\n{}",
        errs.join("\n")
    );
}
