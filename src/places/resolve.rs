//! Disambiguation: pick one gazetteer entry per surviving hit.
//!
//! Why this shape: a name alone ("Paris", "Georgia", "Gainesville") is resolved by a prior
//! (country > region > admin1 > city, then population), and an article is about a few places,
//! so hits that are unambiguous (one country/admin1 whatever the entry), datelines and
//! "City, State" pairs vote for countries and admin1 regions; the vote then breaks ties.

use super::gazetteer::{Entry, Form, FormKind, Gazetteer};
use crate::extract::PlaceKind;
use rustc_hash::FxHashMap as HashMap;

/// Vote weights per code (country "US" or admin1 "US.TX"), each with the rank of the code's
/// first vote.
///
/// Why the rank: the top code decides where counties and common words are placed, and
/// equal weights are common (two names voting 1.0 each). Ties go to the code the article
/// voted for first, never to whichever the map yields last, which would depend on the hash
/// function.
#[derive(Debug, Default)]
struct Votes(HashMap<String, (f64, u32)>);

impl Votes {
    fn add(&mut self, code: &str, w: f64) {
        let rank = self.0.len() as u32;
        self.0.entry(code.to_string()).or_insert((0.0, rank)).0 += w;
    }

    fn get(&self, code: &str) -> Option<f64> {
        self.0.get(code).map(|&(w, _)| w)
    }

    /// The code with the most weight among those `keep` accepts (the earliest voted on a tie).
    fn top(&self, keep: impl Fn(&str) -> bool) -> Option<String> {
        self.0
            .iter()
            .filter(|(k, _)| keep(k))
            .max_by(|(_, (wa, ra)), (_, (wb, rb))| {
                wa.partial_cmp(wb)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(rb.cmp(ra))
            })
            .map(|(k, _)| k.clone())
    }
}

/// Countries and admin1 regions the article is about, with vote weights.
#[derive(Debug, Default)]
pub(crate) struct Context {
    cc: Votes,
    a1: Votes,
    total: f64,
    /// Votes cast by each name (key → country codes, admin1 code, weight): a name's own
    /// mentions must not vote for its own readings ("New York" for New York City).
    own: HashMap<String, (String, String, f64)>,
}

impl Context {
    /// Adds one vote, cast by the name `key`, for the entry's country (and admin1, for
    /// admin1 rows and cities).
    pub(crate) fn add(&mut self, e: &Entry, w: f64, key: &str) {
        if e.country_code.is_empty() {
            return;
        }
        for cc in e.country_code.split('|') {
            self.cc.add(cc, w);
        }
        let a1 =
            if !e.admin1_code.is_empty() && matches!(e.kind, PlaceKind::Admin1 | PlaceKind::City) {
                self.a1.add(&e.admin1_code, w);
                e.admin1_code.as_str()
            } else {
                ""
            };
        self.total += w;
        let own = self
            .own
            .entry(key.to_string())
            .or_insert_with(|| (e.country_code.clone(), a1.to_string(), 0.0));
        // a name voting two ways keeps only what the votes agree on
        if own.0 != e.country_code {
            own.0.clear();
        }
        if own.1 != a1 {
            own.1.clear();
        }
        own.2 += w;
    }

    /// Weight of the entry's country (the largest, for transnational regions).
    pub(crate) fn country_weight(&self, e: &Entry) -> f64 {
        e.country_code
            .split('|')
            .filter_map(|c| self.cc.get(c))
            .fold(0.0, f64::max)
    }

    /// Weight of the entry's country from names other than `key` (a name's own votes do not
    /// count as context for it).
    pub(crate) fn country_weight_from_others(&self, e: &Entry, key: &str) -> f64 {
        let mut cw = self.country_weight(e);
        if let Some((cc, _, w)) = self.own.get(key) {
            if !cc.is_empty()
                && e.country_code
                    .split('|')
                    .any(|c| cc.split('|').any(|o| o == c))
            {
                cw -= w;
            }
        }
        cw
    }

    pub(crate) fn admin1_weight_code(&self, code: &str) -> f64 {
        self.a1.get(code).unwrap_or(0.0)
    }

    pub(crate) fn admin1_weight(&self, e: &Entry) -> f64 {
        if e.admin1_code.is_empty() {
            return 0.0;
        }
        self.a1.get(&e.admin1_code).unwrap_or(0.0)
    }

    /// A vote for an admin1 region by code ("US.KY"), and so for its country.
    pub(crate) fn add_admin1(&mut self, code: &str, w: f64) {
        if let Some(cc) = code.split('.').next() {
            self.cc.add(cc, w);
        }
        self.a1.add(code, w);
        self.total += w;
    }

    /// A vote for a country alone.
    pub(crate) fn add_country(&mut self, cc: &str, w: f64) {
        self.cc.add(cc, w);
        self.total += w;
    }

    /// The country code with the most votes (the first voted for on a tie), if any.
    pub(crate) fn top_country(&self) -> Option<String> {
        self.cc.top(|_| true)
    }

    /// The admin1 code of country `cc` with the most votes (the first voted for on a tie),
    /// if any.
    pub(crate) fn top_admin1(&self, cc: &str) -> Option<String> {
        self.a1.top(|k| k.split('.').next() == Some(cc))
    }

    /// Score bonus for an entry given the article's places.
    fn bonus(&self, e: &Entry, key: &str) -> f64 {
        let cw = self.country_weight_from_others(e, key);
        let (mut aw, mut total) = (self.admin1_weight(e), self.total);
        if let Some((_, a1, w)) = self.own.get(key) {
            total -= w;
            if !a1.is_empty() && *a1 == e.admin1_code {
                aw -= w;
            }
        }
        if total <= 1e-9 {
            return 0.0;
        }
        let mut b = 0.0;
        if cw > 1e-9 {
            b += 1.0 + 6.0 * cw / total;
        }
        if aw > 1e-9 && e.kind == PlaceKind::City {
            b += 1.5 + 5.0 * aw / total;
        }
        b
    }
}

/// Prior advantage of an admin1 reading over a town reading of the same size.
const ADMIN1_BONUS: f64 = 4.5;

/// GeoNames id of Washington, D.C.
const WASHINGTON_DC: u64 = 4140963;

/// Name-only preference for an entry.
pub(crate) fn prior(e: &Entry, f: &Form) -> f64 {
    let kind = match e.kind {
        PlaceKind::Country => 8.0,
        PlaceKind::Region => 7.0,
        PlaceKind::Admin1 => ADMIN1_BONUS,
        PlaceKind::City => 0.0,
    };
    let pop = (e.population.max(1000) as f64).log10();
    let form = match f.kind {
        FormKind::Name | FormKind::Demonym => 0.0,
        FormKind::Alias => -0.3,
    };
    // The US capital is named far more often than the state that shares its name.
    let capital = if e.geonames_id == Some(WASHINGTON_DC) {
        6.0
    } else {
        0.0
    };
    kind + pop + form + capital
}

/// Whether `inner` lies inside `outer` (an admin1 or a country row).
pub(crate) fn contains(outer: &Entry, inner: &Entry) -> bool {
    match outer.kind {
        PlaceKind::Admin1 => {
            !outer.admin1_code.is_empty()
                && outer.admin1_code == inner.admin1_code
                && inner.kind == PlaceKind::City
        }
        PlaceKind::Country => {
            inner.kind != PlaceKind::Country
                && !inner.country_code.is_empty()
                && inner.country_code == outer.country_code
        }
        _ => false,
    }
}

/// Score of every form of a hit. `container` holds the forms of a following ", State" hit;
/// `contained` the forms of a preceding "City," hit; `support` the coherence bonus per form.
pub(crate) fn scores(
    g: &Gazetteer,
    key: &str,
    forms: &[Form],
    ctx: &Context,
    container: Option<&[Form]>,
    contained: Option<&[Form]>,
    support: Option<&[f64]>,
) -> Vec<f64> {
    let mut out = Vec::with_capacity(forms.len());
    // An admin1 smaller than a town of the same name cannot contain it ("Hanoi"): the
    // town is the better reading, so such an admin1 loses its kind bonus.
    let biggest_town = forms
        .iter()
        .filter_map(|f| g.entries.get(f.entry as usize))
        .filter(|e| e.kind == PlaceKind::City)
        .map(|e| e.population)
        .max()
        .unwrap_or(0);
    // a US reader means the big US city ("Louisville", "Buffalo") over a small namesake,
    // unless a following ", State" says otherwise
    let big_us_town = forms.iter().any(|f| {
        g.entries.get(f.entry as usize).is_some_and(|e| {
            !e.minor
                && e.kind == PlaceKind::City
                && e.country_code == "US"
                && e.population >= 200_000
        })
    });
    for (i, f) in forms.iter().enumerate() {
        let Some(e) = g.entries.get(f.entry as usize) else {
            out.push(f64::NEG_INFINITY);
            continue;
        };
        if e.minor && (ctx.admin1_weight(e) <= 0.0 || big_us_town) {
            let in_container = container.is_some_and(|cs| {
                cs.iter().any(|c| {
                    g.entries
                        .get(c.entry as usize)
                        .is_some_and(|o| contains(o, e))
                })
            });
            if !in_container {
                out.push(f64::NEG_INFINITY);
                continue;
            }
        }
        let mut s = prior(e, f) + ctx.bonus(e, key);
        if e.kind == PlaceKind::Admin1 && e.population < biggest_town {
            s -= ADMIN1_BONUS;
        }
        if let Some(cs) = container {
            if cs.iter().any(|c| {
                g.entries
                    .get(c.entry as usize)
                    .is_some_and(|o| contains(o, e))
            }) {
                s += 10.0;
            }
        }
        if let Some(cs) = contained {
            if cs.iter().any(|c| {
                g.entries
                    .get(c.entry as usize)
                    .is_some_and(|o| contains(e, o))
            }) {
                s += 4.0;
            }
        }
        if let Some(sup) = support {
            s += SUPPORT_WEIGHT * sup.get(i).copied().unwrap_or(0.0);
        }
        out.push(s);
    }
    out
}

/// Weight of geographic coherence (see [`support`]) against the prior.
pub(crate) const SUPPORT_WEIGHT: f64 = 6.0;

/// Most coherence one reading can collect (a dozen neighbouring towns count like three).
pub(crate) const SUPPORT_CAP: f64 = 2.0;

/// Best form of a hit: (form index, score, margin over the runner-up).
#[cfg(test)]
pub(crate) fn best(
    g: &Gazetteer,
    forms: &[Form],
    ctx: &Context,
    container: Option<&[Form]>,
    contained: Option<&[Form]>,
) -> Option<(usize, f64, f64)> {
    best_of(&scores(g, "", forms, ctx, container, contained, None))
}

/// (argmax, max, margin) of a score list.
pub(crate) fn best_of(sc: &[f64]) -> Option<(usize, f64, f64)> {
    let mut top: Option<(usize, f64)> = None;
    let mut second = f64::NEG_INFINITY;
    for (i, &s) in sc.iter().enumerate() {
        match top {
            Some((_, ts)) if ts >= s => second = second.max(s),
            Some((_, ts)) => {
                second = second.max(ts);
                top = Some((i, s));
            }
            None => top = Some((i, s)),
        }
    }
    top.map(|(i, s)| (i, s, s - second))
}

/// Softmax of scores: how much each reading of a name is believed.
pub(crate) fn softmax(sc: &[f64]) -> Vec<f64> {
    let m = sc.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !m.is_finite() {
        return vec![0.0; sc.len()];
    }
    let ex: Vec<f64> = sc.iter().map(|s| (s - m).exp()).collect();
    let z: f64 = ex.iter().sum();
    ex.into_iter().map(|x| x / z).collect()
}

/// Approximate great-circle distance in km (equirectangular; fine under ~1000 km).
fn km(a: &Pt, b: &Pt) -> f64 {
    let mlat = ((a.lat + b.lat) / 2.0).to_radians();
    let x = (a.lon - b.lon) * mlat.cos();
    let y = a.lat - b.lat;
    111.2 * (x * x + y * y).sqrt()
}

/// Whether two points are certainly more than ~400 km apart (4 degrees of latitude, or
/// 12 of longitude below the polar circles): `near` would give 0, so skip the cosine.
fn far_apart(a: &Pt, b: &Pt) -> bool {
    (a.lat - b.lat).abs() > 4.0 || ((a.lon - b.lon).abs() > 12.0 && a.lat.abs() < 66.0)
}

/// `near(km(a, b) / div)` without the cosine when the answer does not need it: rounding is
/// monotonic, so the distance computed with the cosine taken as 0 or as 1 bounds the real
/// one from below and above, and when both bounds fall in one step of `near` that step is
/// the answer, bit for bit.
fn near_km(a: &Pt, b: &Pt, div: f64) -> f64 {
    let y = a.lat - b.lat;
    let dx = a.lon - b.lon;
    // Beyond the last step by the latitude alone (most pairs that reach here): both bounds
    // give 0, as the sum below is never smaller than `y * y`.
    let last = if div == 1.0 {
        STEPS_SQ[0][3].0
    } else {
        STEPS_SQ[1][3].0
    };
    if y * y > last * (1.0 + 1e-9) {
        return 0.0;
    }
    let lo = near_sq(y * y, div);
    let hi = near_sq(dx * dx + y * y, div);
    if let (Some(lo), Some(hi)) = (lo, hi) {
        if lo == hi {
            return lo;
        }
    }
    near(km(a, b) / div)
}

/// Squared distances (in degrees², before the factor 111.2) at the steps of `near`, for
/// `div` 1 and 2, with the value below each step.
const STEPS_SQ: [[(f64, f64); 4]; 2] = {
    const fn sq(d: f64) -> f64 {
        (d / 111.2) * (d / 111.2)
    }
    [
        [
            (sq(40.0), 1.0),
            (sq(100.0), 0.8),
            (sq(200.0), 0.5),
            (sq(400.0), 0.2),
        ],
        [
            (sq(80.0), 1.0),
            (sq(200.0), 0.8),
            (sq(400.0), 0.5),
            (sq(800.0), 0.2),
        ],
    ]
};

/// `near(111.2 * q.sqrt() / div)` (`div` 1 or 2) without the square root, or `None` when
/// `q` is within a relative 1e-9 of a step (there the rounding of the real formula decides).
fn near_sq(q: f64, div: f64) -> Option<f64> {
    let steps = if div == 1.0 {
        &STEPS_SQ[0]
    } else {
        &STEPS_SQ[1]
    };
    for &(t, v) in steps {
        if q < t * (1.0 - 1e-9) {
            return Some(v);
        }
        if q <= t * (1.0 + 1e-9) {
            return None;
        }
    }
    Some(0.0)
}

fn near(d: f64) -> f64 {
    if d < 40.0 {
        1.0
    } else if d < 100.0 {
        0.8
    } else if d < 200.0 {
        0.5
    } else if d < 400.0 {
        0.2
    } else {
        0.0
    }
}

/// What coherence needs of an entry, packed: the pairwise loop of [`support`] touches
/// these, never the large [`Entry`] rows.
#[derive(Clone, Copy)]
struct Pt {
    lat: f64,
    lon: f64,
    kind: PlaceKind,
    /// Interned country code (0: none).
    cc: u32,
    /// Interned admin1 code (0: none).
    a1: u32,
    /// GeoNames id, 0 when none.
    gid: u64,
}

impl Pt {
    fn of(e: &Entry) -> Pt {
        Pt {
            lat: e.lat,
            lon: e.lon,
            kind: e.kind,
            cc: e.cc_id,
            a1: e.a1_id,
            gid: e.geonames_id.unwrap_or(0),
        }
    }
}

/// How strongly entry `b` being named supports reading another name as `a`, in [0, 1]:
/// nearby towns, a town and its admin1, a country and a town inside it. The reference for
/// `closeness_near`, which [`support`] uses (a town or admin1 `b` only).
#[cfg(test)]
fn closeness_pt(a: &Pt, b: &Pt) -> f64 {
    use PlaceKind::*;
    match (a.kind, b.kind) {
        (Region, _) | (_, Region) | (Country, Country) | (City, Country) | (Admin1, Country) => 0.0,
        (Country, _) => {
            if a.cc != 0 && a.cc == b.cc {
                0.6
            } else {
                0.0
            }
        }
        (Admin1, City) | (City, Admin1) => {
            if a.a1 != 0 && a.a1 == b.a1 {
                1.0
            } else {
                0.5 * near_km(a, b, 1.0)
            }
        }
        (Admin1, Admin1) => {
            if a.cc == b.cc {
                0.5 * near_km(a, b, 2.0)
            } else {
                0.0
            }
        }
        (City, City) if far_apart(a, b) => 0.0,
        (City, City) => near_km(a, b, 1.0),
    }
}

/// A believed reading of another name, as the pairwise loop of [`support`] reads it: only
/// towns and admin1s are kept, the only kinds whose closeness to anything can be non-zero.
#[derive(Clone, Copy)]
struct Near {
    /// The belief in this reading.
    p: f64,
    lat: f64,
    lon: f64,
    /// A town (else an admin1).
    city: bool,
    cc: u32,
    a1: u32,
    gid: u64,
}

impl Near {
    fn pt(&self) -> Pt {
        Pt {
            lat: self.lat,
            lon: self.lon,
            kind: if self.city {
                PlaceKind::City
            } else {
                PlaceKind::Admin1
            },
            cc: self.cc,
            a1: self.a1,
            gid: self.gid,
        }
    }
}

/// `closeness_pt` of `a` and a town or admin1 `b` (the same arms, for these kinds).
#[inline(always)]
fn closeness_near(a: &Pt, b: &Near) -> f64 {
    use PlaceKind::*;
    match (a.kind, b.city) {
        (Region, _) => 0.0,
        (Country, _) => {
            if a.cc != 0 && a.cc == b.cc {
                0.6
            } else {
                0.0
            }
        }
        (Admin1, true) | (City, false) => {
            if a.a1 != 0 && a.a1 == b.a1 {
                1.0
            } else {
                0.5 * near_km(a, &b.pt(), 1.0)
            }
        }
        (Admin1, false) => {
            if a.cc == b.cc {
                0.5 * near_km(a, &b.pt(), 2.0)
            } else {
                0.0
            }
        }
        (City, true) => {
            let b = b.pt();
            if far_apart(a, &b) {
                0.0
            } else {
                near_km(a, &b, 1.0)
            }
        }
    }
}

/// Coherence bonus for every form of every group (distinct name): the expected closeness
/// to each other group's readings, weighted by how much those readings are believed.
///
/// The believed readings (p >= 0.01) of all groups sit in one flat array in (group, form)
/// order, with where each group's run starts, so a row walks the other groups' runs instead
/// of a vector per group. Countries and regions are left out of that array: their closeness
/// to any reading is 0 (`closeness_pt`), and a term of +0.0 added to a non-negative sum
/// changes no bit. Per-group partial sums are kept, so the result is bit-identical to the
/// plain double loop ([`support_naive`] in tests).
///
/// Rows flagged in `skip` (readings whose score is -inf whatever their support) get 0.0.
pub(crate) fn support(
    g: &Gazetteer,
    groups: &[&[Form]],
    probs: &[Vec<f64>],
    skip: &[Vec<bool>],
) -> Vec<Vec<f64>> {
    let mut pts: Vec<Near> = Vec::new();
    let mut starts: Vec<usize> = Vec::with_capacity(groups.len() + 1);
    for (forms, pj) in groups.iter().zip(probs) {
        starts.push(pts.len());
        for (k, f2) in forms.iter().enumerate() {
            let p = pj.get(k).copied().unwrap_or(0.0);
            if p < 0.01 {
                continue;
            }
            let Some(b) = g.entries.get(f2.entry as usize) else {
                continue;
            };
            if matches!(b.kind, PlaceKind::City | PlaceKind::Admin1) {
                pts.push(Near {
                    p,
                    lat: b.lat,
                    lon: b.lon,
                    city: b.kind == PlaceKind::City,
                    cc: b.cc_id,
                    a1: b.a1_id,
                    gid: b.geonames_id.unwrap_or(0),
                });
            }
        }
    }
    starts.push(pts.len());
    // The groups that have such readings, with their runs.
    let runs: Vec<(usize, &[Near])> = starts
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0] < w[1])
        .map(|(j, w)| (j, pts.get(w[0]..w[1]).unwrap_or(&[])))
        .collect();
    let mut out = Vec::with_capacity(groups.len());
    for (i, forms) in groups.iter().enumerate() {
        let mut row = Vec::with_capacity(forms.len());
        let skip_row = skip.get(i).map_or(&[][..], Vec::as_slice);
        for (k, f) in forms.iter().enumerate() {
            if skip_row.get(k).copied().unwrap_or(false) {
                row.push(0.0);
                continue;
            }
            let Some(a) = g.entries.get(f.entry as usize) else {
                row.push(0.0);
                continue;
            };
            // A region is supported by nothing, and a country without a code by nothing
            // here (it is close only to readings of its own country).
            if a.kind == PlaceKind::Region || (a.kind == PlaceKind::Country && a.cc_id == 0) {
                row.push(0.0);
                continue;
            }
            let a = Pt::of(a);
            // Most terms are +0.0 (far apart), and adding +0.0 to a non-negative sum changes
            // no bit: skipping them keeps the result and breaks the chain of dependent adds.
            let mut s = 0.0;
            for &(j, run) in &runs {
                if j == i {
                    continue;
                }
                let mut exp = 0.0;
                for b in run.iter() {
                    if b.gid != 0 && b.gid == a.gid {
                        continue;
                    }
                    let c = closeness_near(&a, b);
                    if c != 0.0 {
                        exp += b.p * c;
                    }
                }
                if exp != 0.0 {
                    s += exp;
                }
            }
            row.push(s.min(SUPPORT_CAP));
        }
        out.push(row);
    }
    out
}

/// The plain double loop that [`support`] must match bit for bit.
#[cfg(test)]
pub(crate) fn support_naive(
    g: &Gazetteer,
    groups: &[&[Form]],
    probs: &[Vec<f64>],
) -> Vec<Vec<f64>> {
    let mut out = Vec::with_capacity(groups.len());
    for (i, forms) in groups.iter().enumerate() {
        let mut row = Vec::with_capacity(forms.len());
        for f in forms.iter() {
            let Some(a) = g.entries.get(f.entry as usize) else {
                row.push(0.0);
                continue;
            };
            let a = Pt::of(a);
            let mut s = 0.0;
            for (j, other) in groups.iter().enumerate() {
                if i == j {
                    continue;
                }
                let mut exp = 0.0;
                for (k, f2) in other.iter().enumerate() {
                    let p = probs[j].get(k).copied().unwrap_or(0.0);
                    if p < 0.01 {
                        continue;
                    }
                    if let Some(b) = g.entries.get(f2.entry as usize) {
                        let b = Pt::of(b);
                        if b.gid != 0 && b.gid == a.gid {
                            continue;
                        }
                        exp += p * closeness_pt(&a, &b);
                    }
                }
                s += exp;
            }
            row.push(s.min(SUPPORT_CAP));
        }
        out.push(row);
    }
    out
}

/// Whether every form of a hit agrees on one country (and so can vote before resolution).
pub(crate) fn agreed_country(g: &Gazetteer, forms: &[Form]) -> Option<usize> {
    let first = forms.first()?;
    let e0 = g.entries.get(first.entry as usize)?;
    if e0.country_code.is_empty() {
        return None;
    }
    for f in &forms[1..] {
        let e = g.entries.get(f.entry as usize)?;
        if e.country_code != e0.country_code {
            return None;
        }
    }
    Some(first.entry as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::gazetteer::GAZETTEER_TSV;

    #[test]
    fn windowed_support_matches_the_double_loop_bit_for_bit() {
        let g = Gazetteer::parse(GAZETTEER_TSV);
        let names = [
            "springfield",
            "washington",
            "georgia",
            "paris",
            "texas",
            "columbus",
            "ohio",
            "portland",
            "france",
            "canada",
            "london",
            "kentucky",
            "middle east",
            "dublin",
            "alaska",
            "anchorage",
            "juneau",
            "fairbanks",
            "moscow",
            "idaho",
            "russia",
        ];
        let groups: Vec<&[Form]> = names
            .iter()
            .filter_map(|n| g.index.get(*n).map(|v| v.as_slice()))
            .collect();
        assert!(groups.len() > 15);
        // uneven beliefs, some under the 0.01 cut
        let probs: Vec<Vec<f64>> = groups
            .iter()
            .enumerate()
            .map(|(j, f)| {
                (0..f.len())
                    .map(|k| 1.0 / (1.0 + ((j * 7 + k * 3) % 11) as f64).powi(2))
                    .collect()
            })
            .collect();
        let fast = support(&g, &groups, &probs, &[]);
        let slow = support_naive(&g, &groups, &probs);
        assert_eq!(fast.len(), slow.len());
        for (a, b) in fast.iter().zip(&slow) {
            let a: Vec<u64> = a.iter().map(|x| x.to_bits()).collect();
            let b: Vec<u64> = b.iter().map(|x| x.to_bits()).collect();
            assert_eq!(a, b);
        }
        assert!(fast.iter().flatten().any(|&x| x > 0.5));
    }

    #[test]
    fn a_tied_vote_goes_to_the_code_voted_for_first() {
        for (first, second) in [("US.TX", "US.GA"), ("US.GA", "US.TX")] {
            let mut ctx = Context::default();
            ctx.add_admin1(first, 1.0);
            ctx.add_admin1(second, 1.0);
            ctx.add_country("FR", 2.0);
            assert_eq!(ctx.top_admin1("US").as_deref(), Some(first));
            assert_eq!(ctx.top_country().as_deref(), Some("US"));
            ctx.add_admin1(second, 0.5);
            assert_eq!(ctx.top_admin1("US").as_deref(), Some(second));
        }
    }

    #[test]
    fn context_moves_paris_to_texas() {
        let g = Gazetteer::parse(GAZETTEER_TSV);
        let forms = g.index["paris"].clone();
        let none = Context::default();
        let (i, _, _) = best(&g, &forms, &none, None, None).unwrap_or((0, 0.0, 0.0));
        assert_eq!(g.entries[forms[i].entry as usize].country_code, "FR");
        let mut ctx = Context::default();
        let texas = g.index["texas"][0];
        ctx.add(&g.entries[texas.entry as usize], 2.0, "texas");
        let (i, _, _) = best(&g, &forms, &ctx, None, None).unwrap_or((0, 0.0, 0.0));
        assert_eq!(g.entries[forms[i].entry as usize].admin1_code, "US.TX");
    }
}
