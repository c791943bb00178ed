//! Times each extraction stage alone, on one thread, over the articles of the given paths:
//! the geoparser, then the quote extractor (given the places, as in `whosaid extract`).
//! A profiling aid: `cargo run --release --example stage_times -- ../shared/corpora/bbc-news-fulltext`.
//! Prints counts too, so a speed change that alters results shows.
use std::time::Instant;
use whosaid::archive::{self, Item, ReadOptions};

fn main() {
    let roots: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let mut texts = Vec::new();
    for p in archive::walk(&roots).flatten() {
        let _ = archive::read_file(&p, &ReadOptions::default(), &mut |i| {
            if let Item::Article(a) = i {
                texts.push(a.text)
            }
        });
    }
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let geo = whosaid::places::Geoparser::embedded();
    let quotes = whosaid::extract::quotes::QuoteExtractor::embedded();

    let t = Instant::now();
    let spans: Vec<Vec<(usize, usize)>> = texts
        .iter()
        .map(|x| geo.find(x).iter().map(|p| (p.start, p.end)).collect())
        .collect();
    let places_secs = t.elapsed().as_secs_f64();
    let n_places: usize = spans.iter().map(Vec::len).sum();

    let t = Instant::now();
    let n_quotes: usize = texts
        .iter()
        .zip(&spans)
        .map(|(x, s)| quotes.extract(x, s).len())
        .sum();
    let quote_secs = t.elapsed().as_secs_f64();

    println!("{} articles, {mb:.1} MB of text", texts.len());
    println!(
        "places: {n_places} in {places_secs:.2} s = {:.1} MB/s",
        mb / places_secs
    );
    println!(
        "quotes: {n_quotes} in {quote_secs:.2} s = {:.1} MB/s",
        mb / quote_secs
    );
}
