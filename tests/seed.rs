//! The seed article, the first acceptance test: every quote found and given to Ilham Aliyev,
//! its places found, and both searchable.

mod common;
use common::*;
use serde_json::Value;

fn seed() -> std::path::PathBuf {
    repo().join("examples/archive/aliyev-trt-interview.txt")
}

fn extract_seed() -> Value {
    let o = run(&["extract", seed().to_str().unwrap_or("")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut lines = jsonl(&stdout(&o));
    assert_eq!(lines.len(), 1);
    lines.remove(0)
}

#[test]
fn all_quotes_are_found_and_attributed_to_aliyev() {
    let art = extract_seed();
    let quotes = art["quotes"].as_array().cloned().unwrap_or_default();
    let direct: Vec<&Value> = quotes.iter().filter(|q| q["kind"] == "direct").collect();
    let indirect: Vec<&Value> = quotes.iter().filter(|q| q["kind"] == "indirect").collect();
    assert_eq!(direct.len(), 8, "direct quotes: {direct:#?}");
    assert_eq!(indirect.len(), 4, "indirect quotes: {indirect:#?}");
    for q in &quotes {
        assert_eq!(
            q["speaker"], "Ilham Aliyev",
            "wrong speaker for {}",
            q["text"]
        );
        assert_ne!(q["speaker"], "Emmanuel Macron");
    }
    // The quote that names Macron inside it is Aliyev's.
    let macron = direct
        .iter()
        .find(|q| q["text"].as_str().unwrap_or("").contains("Macron"));
    assert_eq!(macron.map(|q| q["cue"].clone()), Some(Value::from("added")));
    // Offsets are code points: the span is the quote's text.
    let text = std::fs::read_to_string(seed()).unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    for q in &quotes {
        let (s, e) = (
            q["start"].as_u64().unwrap_or(0) as usize,
            q["end"].as_u64().unwrap_or(0) as usize,
        );
        let span: String = chars[s..e].iter().collect();
        assert_eq!(
            span,
            q["text"].as_str().unwrap_or(""),
            "offsets do not match the text"
        );
    }
    let title = art["quotes"][0]["speaker_title"].as_str().unwrap_or("");
    assert!(title.contains("President"), "speaker title: {title}");
}

#[test]
fn places_and_demonyms_are_found() {
    let art = extract_seed();
    let places = art["places"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = places.iter().filter_map(|p| p["name"].as_str()).collect();
    for want in [
        "Armenia",
        "Azerbaijan",
        "Russia",
        "Turkey",
        "France",
        "Nagorno-Karabakh",
    ] {
        assert!(names.contains(&want), "{want} not found in {names:?}");
    }
    // "French" stands for France, "Azerbaijani" for Azerbaijan; "Turkey’s" without the possessive.
    let by_text = |t: &str| {
        places
            .iter()
            .find(|p| p["text"] == t)
            .map(|p| p["name"].clone())
    };
    assert_eq!(by_text("French"), Some(Value::from("France")));
    assert_eq!(by_text("Azerbaijani"), Some(Value::from("Azerbaijan")));
    assert!(places
        .iter()
        .all(|p| !p["text"].as_str().unwrap_or("").contains('’')));
    let turkey = places
        .iter()
        .find(|p| p["name"] == "Turkey")
        .cloned()
        .unwrap_or_default();
    assert_eq!(turkey["country_code"], "TR");
    assert!((turkey["lat"].as_f64().unwrap_or(0.0) - 39.0).abs() < 3.0);
}

#[test]
fn search_by_speaker_and_place() {
    let dir = tmp();
    let idx = dir.path().join("idx");
    let o = index(&idx, &[&seed()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let v = search(
        &idx,
        &["--speaker", "Aliyev", "--kind", "direct", "--limit", "20"],
    );
    assert_eq!(v["total"], 8);
    assert_eq!(v["hits"].as_array().map(Vec::len), Some(8));
    let facet = &v["facets"]["speaker"];
    assert_eq!(facet[0]["value"], "Ilham Aliyev");
    assert_eq!(facet[0]["count"], 8);
    // Full name, other case, and every quote including indirect ones.
    let all = search(&idx, &["--speaker", "ilham aliyev"]);
    assert_eq!(all["total"], 12);
    assert_eq!(search(&idx, &["--speaker", "Macron"])["total"], 0);

    let v = search(&idx, &["--place", "Turkey", "--place-in", "quote"]);
    let quotes: Vec<&str> = v["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["quote"].as_str())
        .collect();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert!(quotes[0].contains("armed drones"));
    // Phrase search with highlighting.
    let v = search(&idx, &["\"armed drones\""]);
    assert_eq!(v["total"], 1);
    assert!(v["hits"][0]["snippet"]
        .as_str()
        .unwrap_or("")
        .contains("<b>armed</b> <b>drones</b>"));
}
