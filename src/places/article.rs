//! Article-level resolution: the votes of unambiguous hits, datelines and counties, the
//! geographic coherence between the article's names, and the placing of counties and
//! streets at the article's local town.
//!
//! Why separate from [`super::resolve`]: that module scores one name's readings given a
//! context; this one builds the context from the whole article and turns picks into places.

use super::gazetteer::{self, Form};
use super::matcher::{Candidate, Tok};
use super::resolve::{agreed_country, best_of, scores, softmax, support, Context};
use super::{Geoparser, Hit, TopAdmin1, MAX_COHERENCE_GROUPS};
use crate::extract::{Place, PlaceKind};
use rustc_hash::FxHashMap;

/// A name with readings in several countries still votes when one reading beats the rest
/// by this much on the prior alone ("Virginia": the US state over a South African town of
/// 120,000), so an article whose anchors are all such names has context ("Alexandria police
/// … Virginia" is not Egypt's Alexandria). On LGL this corrected 12 mentions and lost none
/// (GeoWebNews and GeoVirus unchanged).
const DOMINANT_MARGIN: f64 = 5.0;
/// Such a vote counts half of an unambiguous name's.
const DOMINANT_WEIGHT: f64 = 0.5;

impl Geoparser {
    /// Resolves hits in two passes: unambiguous hits and datelines vote, then all are scored.
    pub(super) fn resolve(&self, text: &str, toks: &[Tok], hits: Vec<Hit>) -> Vec<Place> {
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
            } else if let Some(e) = dominant_region(g, &h.cand.forms) {
                ctx.add(e, DOMINANT_WEIGHT, &h.cand.key);
            }
        }
        // Coherence: each distinct name's readings are supported by nearby readings of the
        // other names, weighted by belief; two rounds let beliefs settle.
        let mut keys: Vec<&str> = Vec::new();
        let mut key_index: FxHashMap<&str, usize> = FxHashMap::default();
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
        // A reading scored -inf here (a small town whose state the article does not name)
        // stays -inf whatever its support, unless a ", State" after one of the name's hits
        // revives it in `pick`: its support need not be computed.
        let mut revivable = vec![false; groups.len()];
        for (h, gi) in hits.iter().zip(&group_of) {
            if let (Some(gi), Some(_)) = (gi, h.container) {
                revivable[*gi] = true;
            }
        }
        // quadratic in the number of distinct names: a list of hundreds is not an article
        if groups.len() > 1 && groups.len() <= MAX_COHERENCE_GROUPS {
            for _ in 0..2 {
                let mut skip: Vec<Vec<bool>> = Vec::with_capacity(groups.len());
                let probs: Vec<Vec<f64>> = groups
                    .iter()
                    .zip(&sup)
                    .zip(&keys)
                    .zip(&revivable)
                    .map(|(((f, s), k), &rev)| {
                        let sc = scores(g, k, f, &ctx, None, None, Some(s));
                        skip.push(sc.iter().map(|x| !rev && *x == f64::NEG_INFINITY).collect());
                        softmax(&sc)
                    })
                    .collect();
                sup = support(g, &groups, &probs, &skip);
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
        let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
        for e in chosen.iter().flatten() {
            *counts.entry(*e).or_insert(0) += 1;
        }
        let mut local_towns: FxHashMap<&str, u32> = FxHashMap::default();
        let key = |id: u32| {
            let pop = g.entries.get(id as usize).map_or(0, |e| e.population);
            (counts.get(&id).copied().unwrap_or(0), pop)
        };
        // Walked in the article's order, not the map's: on a tie in count and population the
        // town named first stays, whatever the hash function.
        for &id in chosen.iter().flatten() {
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
            if isolated_small_place(h, e, &ctx2)
                && !hits
                    .iter()
                    .any(|o| o.cand.key == h.cand.key && placed_by_its_mention(text, toks, o))
            {
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
        local_towns: &FxHashMap<&str, u32>,
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
                    .is_some_and(|o| super::resolve::contains(o, e))
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

/// The reading of a name that spans several countries when it is a country or a first-level
/// region that beats every other reading by [`DOMINANT_MARGIN`] on the prior alone
/// ("Virginia", not the South African town). Cities never qualify: "Surrey" and
/// "Buckingham" read as the Canadian cities by population, and voting for them put London
/// in Ontario.
fn dominant_region<'g>(
    g: &'g gazetteer::Gazetteer,
    forms: &[Form],
) -> Option<&'g gazetteer::Entry> {
    if forms.len() < 2 {
        return None;
    }
    let sc = scores(g, "", forms, &Context::default(), None, None, None);
    let (fi, _, margin) = best_of(&sc)?;
    let e = g.entries.get(forms.get(fi)?.entry as usize)?;
    (margin >= DOMINANT_MARGIN && matches!(e.kind, PlaceKind::Admin1 | PlaceKind::Country))
        .then_some(e)
}

/// A one-word small foreign town, or a small foreign region, that nothing else in the article
/// places ("Obama", a Japanese town of 30,000, in an article about the president; "Sens" for
/// senators; Jersey's parish of "St John", Papua New Guinea's "Gulf" province): no other name
/// of its country and none of its own mentions placed by [`placed_by_its_mention`]. Such a
/// word is far more often a surname or a word than the place.
fn isolated_small_place(h: &Hit, e: &gazetteer::Entry, ctx: &Context) -> bool {
    let small = match e.kind {
        PlaceKind::City => h.cand.t1 - h.cand.t0 == 1 && e.population < SMALL_TOWN,
        PlaceKind::Admin1 => e.population < SMALL_REGION,
        _ => false,
    };
    small && e.country_code != "US" && ctx.country_weight_from_others(e, &h.cand.key) <= 0.0
}

/// Below this population (of its towns, a lower bound) a first-level region needs context.
const SMALL_REGION: u64 = 500_000;

/// Whether a mention itself reads as a place: a dateline, a ", State" beside it, or a
/// locative preposition before it ("in Bicester").
fn placed_by_its_mention(text: &str, toks: &[Tok], h: &Hit) -> bool {
    h.dateline
        || h.container.is_some()
        || h.contained.is_some()
        || h.cand.t0 > 0 && {
            let p = toks[h.cand.t0 - 1];
            matches!(
                &text[p.start..p.end],
                "in" | "at" | "from" | "near" | "outside" | "around" | "In" | "At" | "From"
            )
        }
}

/// Below this population a town needs context to count (see [`isolated_small_place`]).
const SMALL_TOWN: u64 = 100_000;

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
