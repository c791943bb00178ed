//! Quotes and speakers.
//!
//! CONTRACT (used by `crate::extract`; keep these signatures):
//! - `QuoteExtractor::embedded() -> &'static QuoteExtractor` — built once per process.
//! - `QuoteExtractor::extract(&self, text: &str, places: &[(usize, usize)]) -> Vec<Quote>` —
//!   quotes in document order with `start`/`end` as **byte** offsets into `text` (the caller
//!   converts to code points); `places` are byte spans of recognised places (never speakers).
//!
//! How it works (one tokenisation, then index walks; no per-article pattern compilation):
//! [`tokens`] splits the text into tokens and paragraphs; [`marks`] pairs quotation marks per
//! paragraph; sentences are cut with quotations kept whole; [`speakers`] registers the
//! article's names; [`attribution`] decides which quotations are direct and finds their cue
//! and speaker; [`indirect`] finds reported speech in the other sentences; finally speaker
//! phrases are resolved to canonical names (pronouns and nominals included) and quotations
//! without a cue inherit the speaker of the paragraph, or of the previous paragraph when they
//! open a paragraph (the news convention for a speaker who keeps talking).
//!
//! Span conventions (those of PolNeAR, checked against its gold): a direct quotation's span
//! includes its quotation marks; a quotation left open at a paragraph end runs to the end of
//! the paragraph; reported speech keeps its complementiser ("that the vote …") and drops the
//! final period. Speakers are canonical names (fullest form in the article). An unnamed source
//! that cannot be resolved to a name but is described with one ("a State Department official",
//! "one Trump campaign source", "a person close to the Clintons") speaks under that description,
//! before its cue as after it ("an aide to Jeb Bush said" is not Jeb Bush; an indefinite one is
//! never the person described so before), because anonymous sourcing is
//! what a reader of the quote needs to know; a phrase that names nobody (a bare "they", "the
//! spokesman") gives no speaker.

pub mod attribution;
pub mod cues;
pub mod indirect;
pub mod marks;
pub mod names;
pub mod packed;
pub mod speakers;
pub mod tokens;
pub mod words;

use crate::extract::{Quote, QuoteKind, SpeakerKind};
use attribution::Ctx;
use cues::Lexicon;
use marks::QSpan;
use speakers::{analyze_run, Np, NpKind, Registry, RunInfo, Speaker};
use std::cell::OnceCell;
use std::sync::OnceLock;
use tokens::{is_cap, Kind, Tok};

/// The quote extractor: lexicons built once per process.
pub struct QuoteExtractor {
    lex: Lexicon,
    /// Word lists and cue lexicon in one table, for tagging tokens.
    words: words::WordTable,
}

/// A quotation or reported-speech span before speaker resolution.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: QuoteKind,
    np: Option<Np>,
    /// Byte offset used for pronoun resolution (where the speaker phrase is).
    cue: Option<(usize, usize)>,
    /// Paragraph index.
    para: u32,
    /// Whether this span opens its paragraph.
    opens_para: bool,
    speaker: Option<Speaker>,
    /// Whether the speaker was found next to this span (not inherited).
    own: bool,
}

impl Found {
    /// Reported speech over tokens `[s, e)`, said by `np` with the cue on tokens
    /// `[cue_s, cue_e)` (an empty cue range stands for its first token).
    fn reported(
        toks: &[Tok],
        (s, e): (usize, usize),
        kind: QuoteKind,
        np: Np,
        (cue_s, cue_e): (usize, usize),
        opens_para: bool,
    ) -> Found {
        Found {
            start: toks[s].s,
            end: toks[e - 1].e,
            kind,
            np: Some(np),
            cue: Some((toks[cue_s].s, toks[cue_e.max(cue_s + 1) - 1].e)),
            para: toks[s].para,
            opens_para,
            speaker: None,
            own: false,
        }
    }
}

impl QuoteExtractor {
    pub fn embedded() -> &'static QuoteExtractor {
        static Q: OnceLock<QuoteExtractor> = OnceLock::new();
        Q.get_or_init(|| {
            let lex = Lexicon::new();
            let words = words::WordTable::new(&lex);
            QuoteExtractor { lex, words }
        })
    }

    pub fn extract(&self, text: &str, places: &[(usize, usize)]) -> Vec<Quote> {
        let mut toks = tokens::tokenize(text);
        if toks.is_empty() {
            return Vec::new();
        }
        marks::demote_non_quotes(text, &mut toks);
        let toks = toks;
        let paras = tokens::paragraphs(&toks);
        let mut qspans: Vec<QSpan> = Vec::new();
        for &(a, b) in &paras {
            marks::pair(text, &toks, a, b, &mut qspans);
        }
        let mut in_quote = vec![false; toks.len()];
        let mut quote_at = vec![usize::MAX; toks.len()];
        for (qi, q) in qspans.iter().enumerate() {
            let last = q.last.min(toks.len() - 1);
            if q.open <= last {
                for f in &mut in_quote[q.open..=last] {
                    *f = true;
                }
            }
            quote_at[q.open] = qi;
        }
        // Lower-cased words, their cue-lexicon entries and word-list bits: once per token.
        let mut facts = words::TokenFacts::new(&self.words, text, &toks);
        let (lows, cue_of, tags) = facts.take();
        let ctx = Ctx {
            text,
            toks: &toks,
            lex: &self.lex,
            in_quote: &in_quote,
            lows: &lows,
            cue_of: &cue_of,
            tags: &tags,
        };
        let reg = Registry::build(&ctx, places);
        let mut found: Vec<Found> = Vec::new();
        let mut leadins: Vec<Subject> = Vec::new();
        // Scratch vectors reused from paragraph to paragraph and sentence to sentence: a
        // fresh one per sentence was an allocation (and its regrowth) each time.
        let mut sents: Vec<(usize, usize)> = Vec::new();
        let mut afters = indirect::Afters::default();
        for &(pa, pb) in &paras {
            sentences(&ctx, &qspans, &quote_at, pa, pb, &mut sents);
            for &(a, b) in &sents {
                afters.clear();
                self.sentence(
                    &ctx,
                    &qspans,
                    &quote_at,
                    (a, b),
                    (pa, pb),
                    &mut found,
                    &mut leadins,
                    &mut afters,
                );
            }
        }
        // Sentence subjects are resolved only when a quotation asks for one (most never are).
        let resolved: Vec<OnceCell<Option<Speaker>>> = vec![OnceCell::new(); leadins.len()];
        let subject_speaker = |j: usize| {
            resolved[j]
                .get_or_init(|| resolve(&ctx, &reg, leadins[j].2))
                .clone()
        };
        found.sort_by_key(|f| (f.start, f.end));
        // Resolve speakers.
        for f in found.iter_mut() {
            if let Some(np) = f.np {
                f.speaker = resolve(&ctx, &reg, np);
                f.own = f.speaker.is_some() || !matches!(np.kind, NpKind::Pronoun(None));
            }
        }
        inherit(&mut found, &leadins, subject_speaker);
        found
            .into_iter()
            .filter(|f| {
                f.start < f.end && text.is_char_boundary(f.start) && text.is_char_boundary(f.end)
            })
            .map(|f| {
                let (speaker, speaker_title, speaker_kind) = match f.speaker {
                    Some(s) => (Some(s.name), s.title, Some(s.kind)),
                    None => (None, None, None),
                };
                Quote {
                    start: f.start,
                    end: f.end,
                    text: text.get(f.start..f.end).unwrap_or("").to_string(),
                    speaker,
                    speaker_title,
                    speaker_kind,
                    cue: f
                        .cue
                        .and_then(|(s, e)| text.get(s..e))
                        .map(|s| s.to_string()),
                    kind: f.kind,
                }
            })
            .collect()
    }

    /// Direct quotations and reported speech in one sentence `[a, b)` of paragraph starting at `pa`.
    #[allow(clippy::too_many_arguments)]
    fn sentence(
        &self,
        ctx: &Ctx,
        qspans: &[QSpan],
        quote_at: &[usize],
        (a, b): (usize, usize),
        (pa, pb): (usize, usize),
        found: &mut Vec<Found>,
        leadins: &mut Vec<Subject>,
        afters: &mut indirect::Afters,
    ) {
        let toks = ctx.toks;
        let para = toks[a].para;
        // Quotations opening in this sentence.
        let qs: Vec<usize> = (a..b)
            .filter_map(|i| quote_at.get(i).copied().filter(|&q| q != usize::MAX))
            .collect();
        let mut direct: Vec<(usize, Option<attribution::Attr>)> = Vec::new();
        let mut prev_end = a;
        let mut prev_direct: Option<(usize, attribution::Attr)> = None;
        let mut pre_parts: Vec<(usize, usize, attribution::Attr)> = Vec::new();
        // An attributed quotation earlier in the paragraph: a quotation standing alone after
        // it goes on with the same voice, even when it looks like a title ("“…,” she said,
        // clapping. “The Donald. Big Daddy.”").
        let voice_before = found
            .last()
            .is_some_and(|f| f.para == para && f.kind == QuoteKind::Direct && f.np.is_some());
        for &qi in &qs {
            let q = qspans[qi];
            let attr_before = ctx.before(prev_end, q.open);
            let next_open = qs
                .iter()
                .map(|&x| qspans[x].open)
                .find(|&o| o > q.last)
                .unwrap_or(b);
            let attr_after = if q.last + 1 < next_open {
                ctx.after(q.last, next_open)
            } else {
                None
            };
            let nothing_after = (q.last + 1..next_open).all(|k| ctx.toks[k].kind == Kind::Punct);
            // A quotation closing its paragraph, then a signature line ("- Michelle Marks,
            // Philadelphia.", "— Clinton.") that names the speaker.
            let attr_after = attr_after.or_else(|| {
                (nothing_after && next_open == b && b == pb)
                    .then(|| signature_line(ctx, pb))
                    .flatten()
            });
            let mut is_direct = is_direct_quote(
                ctx,
                q,
                a,
                prev_end,
                attr_before.is_some(),
                (attr_after.is_some(), nothing_after),
                voice_before,
            );
            // Split quotation: "A," said X, a Y at Z, "B."
            let mut cont = None;
            if let Some((pl, pattr)) = prev_direct {
                if pattr.cue_s > pl
                    && q.open > 0
                    && ctx.is_punct(q.open - 1, ",")
                    && (pl + 1..q.open).all(|k| !ctx.is_punct(k, ".") && !ctx.is_punct(k, ";"))
                {
                    cont = Some(pattr);
                    is_direct = true;
                }
            }
            // A title between two parts of a quotation ("…," X said on "Morning Joe,"
            // adding, "…") does not end the first part's attribution.
            if is_direct || attr_after.is_some() {
                prev_direct = None;
            }
            if is_direct || (attr_after.is_some() && q.open == a) {
                // A cue after the quotation with no subject ("…," before predicting that …)
                // gives way to one that has a subject.
                let known =
                    |x: &Option<attribution::Attr>| x.filter(|x| x.np.kind != NpKind::Unknown);
                let attr = known(&attr_after)
                    .or(known(&cont))
                    .or(known(&attr_before))
                    .or(attr_after.or(cont).or(attr_before));
                if let Some(x) = attr {
                    prev_direct = Some((q.last, x));
                }
                direct.push((qi, attr));
                // "Judging by the polls, Smith said, \"…\"": the lead-in is reported speech too.
                if let (None, None, Some(x)) = (attr_after, cont, attr_before) {
                    let ns = x.np.s.min(x.cue_s);
                    if ns > prev_end + 2
                        && ctx.is_punct(ns - 1, ",")
                        && (prev_end..ns - 1)
                            .filter(|&k| toks[k].kind == Kind::Word)
                            .count()
                            >= 2
                        && x.np.kind != NpKind::Unknown
                        // "…, Stevie Wonder, who joked of the museum, \"…\"": a relative
                        // clause, whose lead-in is no reported speech.
                        && !matches!(ctx.lw(ns), "who" | "whom" | "which" | "that")
                        && (x.np.e == x.cue_s || x.np.s >= x.cue_e)
                        && !ctx.is_punct(x.np.e, ",")
                        && indirect::clause_start(ctx, prev_end)
                        && !indirect::time_phrase(ctx, prev_end, ns - 1)
                    {
                        pre_parts.push((prev_end, ns - 1, x));
                    }
                }
            }
            prev_end = q.last + 1;
        }
        // A quotation inside reported speech whose cue has no subject of its own ("Trump said
        // Fox executives were calling \u{201c}every 15 minutes.\u{201d}"): the reported clause
        // is the quote, as mixed speech by the reporting clause's speaker.
        let no_subject = |attr: &Option<attribution::Attr>| {
            attr.map(|x| x.np.kind == NpKind::Unknown).unwrap_or(true)
        };
        // The sentence's reported speech, found at most once (here or below).
        let mut rep = Vec::new();
        let mut rep_found = false;
        if direct.iter().any(|(_, attr)| no_subject(attr)) {
            indirect::sentence(ctx, a, b, &mut rep, afters);
            rep_found = true;
            let mut taken: Vec<usize> = Vec::new();
            direct.retain_mut(|(qi, attr)| {
                if !no_subject(attr) {
                    return true;
                }
                let q = qspans[*qi];
                let Some(ri) = rep
                    .iter()
                    .position(|r| r.s <= q.open && q.last < r.e && r.np.kind != NpKind::Unknown)
                else {
                    return true;
                };
                // A whole quoted sentence stays direct, with the reporting clause's speaker;
                // a fragment (it starts lower-case) becomes part of the reported clause.
                if q.open < q.last && is_cap(ctx.w(q.open + 1)) {
                    let r = rep[ri];
                    *attr = Some(attribution::Attr {
                        np: r.np,
                        cue_s: r.cue_s,
                        cue_e: r.cue_e,
                        end: r.cue_e,
                    });
                    return true;
                }
                if !taken.contains(&ri) {
                    taken.push(ri);
                }
                false
            });
            // With no direct quotation left, the sentence is reported speech (below) anyway.
            for ri in taken.into_iter().filter(|_| !direct.is_empty()) {
                let r = rep[ri];
                found.push(Found::reported(
                    toks,
                    (r.s, r.e),
                    QuoteKind::Mixed,
                    r.np,
                    (r.cue_s, r.cue_e),
                    r.s == pa,
                ));
            }
        }
        if direct.is_empty() {
            // A lead-in ("Smith said:") for a quotation in the next paragraph.
            if b > a && ctx.is_punct(b - 1, ":") && b == pb {
                if let Some(x) = ctx.before(a, b) {
                    leadins.push((para, toks[a].s, x.np, true));
                }
            }
            if !rep_found {
                indirect::sentence(ctx, a, b, &mut rep, afters);
            }
            if !(b > a && ctx.is_punct(b - 1, ":") && b == pb) {
                // "X did Y. \"…\"": the speaker or subject of this sentence may speak next.
                let named = |np: &Np| matches!(np.kind, NpKind::Name | NpKind::Pronoun(Some(_)));
                let subj = rep
                    .iter()
                    .map(|r| r.np)
                    .find(named)
                    .or_else(|| indirect::trailing_speaker(ctx, a, b, afters).filter(named))
                    .or_else(|| ctx.sentence_subject(a, b));
                if let Some(np) = subj {
                    leadins.push((para, toks[a].s, np, false));
                }
            }
            for r in rep {
                let kind = if (r.s..r.e).any(|i| {
                    quote_at.get(i).map(|&q| q != usize::MAX).unwrap_or(false)
                        || ctx.toks[i].kind == Kind::Mark
                }) {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::Indirect
                };
                found.push(Found::reported(
                    toks,
                    (r.s, r.e),
                    kind,
                    r.np,
                    (r.cue_s, r.cue_e),
                    r.s == pa,
                ));
            }
            return;
        }
        for (s, e, x) in pre_parts {
            let kind = if (s..e).any(|k| toks[k].kind == Kind::Mark) {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            found.push(Found::reported(
                toks,
                (s, e),
                kind,
                x.np,
                (x.cue_s, x.cue_e),
                s == pa,
            ));
        }
        for (qi, attr) in direct {
            let q = qspans[qi];
            let cue = attr.map(|x| (toks[x.cue_s].s, toks[x.cue_e.max(x.cue_s + 1) - 1].e));
            found.push(Found {
                start: q.start,
                end: q.end,
                kind: QuoteKind::Direct,
                np: attr.map(|x| x.np),
                cue,
                para,
                opens_para: q.open == pa,
                speaker: None,
                own: false,
            });
            // "…," he said, adding that …
            if let Some(x) = attr {
                if x.end < b && q.last < x.cue_s {
                    let mut i = x.end;
                    if ctx.is_punct(i, ",") || ctx.lw(i) == "and" {
                        i += 1;
                    }
                    let lw = ctx.lw(i);
                    if (lw.ends_with("ing") || ctx.lw(i.saturating_sub(1)) == "and")
                        && ctx.cue_at(i, b).is_some()
                    {
                        if let Some(ce) = ctx.cue_at(i, b) {
                            let next_q = (i..b)
                                .find(|&k| {
                                    quote_at.get(k).map(|&z| z != usize::MAX).unwrap_or(false)
                                })
                                .unwrap_or(b);
                            if let Some((s, e)) = indirect::content_after(ctx, i, ce, next_q) {
                                let kind = if (s..e).any(|k| ctx.toks[k].kind == Kind::Mark) {
                                    QuoteKind::Mixed
                                } else {
                                    QuoteKind::Indirect
                                };
                                found.push(Found::reported(
                                    toks,
                                    (s, e),
                                    kind,
                                    x.np,
                                    (i, ce),
                                    false,
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A short paragraph at token `s` that is a dash and a name: the signature of the quotation
/// that ends the paragraph before.
fn signature_line(ctx: &Ctx, s: usize) -> Option<attribution::Attr> {
    let toks = ctx.toks;
    if s + 1 >= toks.len() || !ctx.is_dash(s) {
        return None;
    }
    // The whole paragraph is short: a name and perhaps a place or a role.
    let para = toks[s].para;
    let end = (s..toks.len())
        .take(13)
        .find(|&k| toks[k].para != para)
        .unwrap_or(toks.len());
    if end - s > 12 {
        return None;
    }
    let np = speakers::np_after(ctx, s + 1, end).filter(|np| np.kind == NpKind::Name)?;
    Some(attribution::Attr {
        np,
        cue_s: s,
        cue_e: s + 1,
        end: np.e,
    })
}

/// Whether quotation `q` is a direct quotation (not a fragment or a title).
fn is_direct_quote(
    ctx: &Ctx,
    q: QSpan,
    a: usize,
    prev_end: usize,
    cue_before: bool,
    (attr_after, nothing_after): (bool, bool),
    voice_before: bool,
) -> bool {
    let inner_last = q.close.map(|c| c.saturating_sub(1)).unwrap_or(q.last);
    let ends_punct = inner_last > q.open && {
        let mut k = inner_last;
        while k > q.open && matches!(ctx.w(k), "’" | "'" | ")") {
            k -= 1;
        }
        matches!(
            ctx.w(k),
            "," | "." | "?" | "!" | "…" | ":" | ";" | "—" | "–" | "-" | "--"
        ) || ctx.toks[k].kind == Kind::Word && ctx.w(k).ends_with('.')
    };
    let first_inner = q.open + 1;
    let starts_cap = first_inner <= q.last
        && (is_cap(ctx.w(first_inner)) || ctx.toks[first_inner].kind != Kind::Word);
    let n_words = (q.open..=q.last)
        .filter(|&i| ctx.toks[i].kind == Kind::Word)
        .count();
    // A nickname inside a name (`Marcia "Cia" Price`) is never a quotation.
    let word_cap = |k: usize| ctx.toks.get(k).is_some_and(|t| t.kind == Kind::Word) && ctx.cap(k);
    if n_words <= 2
        && q.open > 0
        && word_cap(q.open - 1)
        && q.close.is_some_and(|c| word_cap(c + 1))
        && (q.open + 1..q.last).all(|k| ctx.toks[k].kind != Kind::Word || ctx.cap(k))
    {
        return false;
    }
    // "Yet, \"…,\" added Zarate": a leading conjunction does not make a fragment, nor an
    // opening parenthesis ("(\"…,\" said one activist.)").
    let lead_conj = q.open > a
        && (a..q.open).all(|k| {
            ctx.is_punct(k, ",")
                || ctx.is_punct(k, "(")
                || matches!(
                    ctx.lw(k),
                    "but"
                        | "and"
                        | "yet"
                        | "still"
                        | "so"
                        | "now"
                        | "then"
                        | "indeed"
                        | "also"
                        | "or"
                        | "however"
                        | "again"
                        | "finally"
                        | "plus"
                        | "well"
                        | "oh"
                        | "meanwhile"
                        | "instead"
                        | "otherwise"
                        | "later"
                        | "first"
                        | "second"
                )
        });
    if q.open == a
        || lead_conj
        || q.open == prev_end && prev_end > a && ctx.toks[prev_end - 1].kind == Kind::Mark
    {
        // Sentence-initial: attributed, or standing alone; not a title ("Sons of Trump" is …).
        if attr_after {
            return true;
        }
        if !nothing_after {
            return false;
        }
        let all_caps = (q.open + 1..q.last)
            .filter(|&i| ctx.toks[i].kind == Kind::Word)
            .all(|i| {
                is_cap(ctx.w(i))
                    || matches!(
                        ctx.w(i),
                        "of" | "the" | "and" | "a" | "in" | "on" | "for" | "to"
                    )
            });
        if n_words <= 5 && all_caps && !voice_before {
            return false;
        }
        return ends_punct || q.close.is_none() || n_words >= 8;
    }
    if q.open > a && ctx.is_punct(q.open - 1, ":") {
        return true;
    }
    // After a dash or an opening parenthesis, like after a colon, when a cue follows:
    // "Critics disagree — \"Why now?\" asked Dunn.", "Members objected (\"I want my dues
    // back,\" wrote Edward Nelson)."
    if q.open > a
        && (ctx.is_dash(q.open - 1) || ctx.is_punct(q.open - 1, "("))
        && attr_after
        && ends_punct
    {
        return true;
    }
    if cue_before {
        // The show it was said on or told to is no quotation: `told "Fox and Friends,"`,
        // `said on MSNBC's "Morning Joe."`.
        if let Some(e) = q.close.map(|c| c + 1) {
            let mut k = q.open.saturating_sub(1);
            if k > a && speakers::is_possessive(ctx.w(k)) {
                k -= 1;
            }
            let told = ctx.lex.get(ctx.lw(k)).map(|x| x.class) == Some(cues::CueClass::Tell);
            if k >= a && (ctx.lw(k) == "on" || told) && ctx.medium_at(k + 1, e) == Some(e) {
                return false;
            }
        }
        if ctx.names_a_work(q.open, a) {
            return false;
        }
        // Right after the cue ("yelling \"eminent domain!\"", "said, \"…\"") any quotation counts.
        let k = q.open.saturating_sub(1);
        let tight = k >= a
            && (ctx.cue_at(k, q.open + 1).is_some()
                || ctx.is_punct(k, ",")
                || ctx.lw(k) == "on"
                || ctx.lw(k) == "out");
        return starts_cap || tight || ends_punct && n_words >= 4;
    }
    false
}

/// Whether an attribution follows the quotation ending at `last` and closes the sentence
/// (`"Why?" Obama asked.`), so the quotation's final "?" or "." does not end the sentence.
fn attribution_ends_here(ctx: &Ctx, last: usize, pb: usize) -> bool {
    let Some(at) = ctx.after(last, pb) else {
        return false;
    };
    // A question or exclamation with its attribution right after it ("“…?” Trump asked
    // reporters rhetorically during a news conference late last month.") goes on however
    // long the attribution's tail; after a full stop only a short tail does (below).
    // The cue may follow a short apposition of the name ("“…!” Rep. Glenn Thompson, R-Pa.,
    // said of the swirl").
    if last > 0
        && matches!(ctx.w(last - 1), "?" | "!")
        && (at.np.s <= last + 2 || at.cue_s <= last + 2)
        && (at.cue_s <= last + 6
            || (at.np.s <= last + 2 && ctx.is_punct(at.np.e, ",") && at.cue_s <= at.np.e + 5))
    {
        return true;
    }
    let mut k = at.end;
    // Adverbials after the cue ("said Monday in a statement").
    for _ in 0..2 {
        while k < pb
            && k < at.end + 10
            && ctx.toks[k].kind == Kind::Word
            && attribution::is_adverbial(ctx.lw(k))
        {
            k += 1;
        }
        // An addressee or object: "asked the crowd", "told CNN", "asked Republican
        // politicians".
        if let Some(np) = speakers::np_after(ctx, k, pb) {
            k = np.e;
            let mut n = 0;
            while n < 2
                && k < pb
                && ctx.toks[k].kind == Kind::Word
                && !is_cap(ctx.w(k))
                && !attribution::is_adverbial(ctx.lw(k))
                && !matches!(
                    ctx.lw(k),
                    "that" | "and" | "but" | "to" | "as" | "if" | "whether"
                )
            {
                k += 1;
                n += 1;
            }
            if !(k >= pb || matches!(ctx.w(k), "." | "!" | "?")) {
                k -= n;
            }
        }
    }
    // A manner adverb and a short prepositional tail ("said pleasantly into the phone").
    while k < pb
        && ctx.toks[k].kind == Kind::Word
        && !is_cap(ctx.w(k))
        && ctx.lw(k).len() > 4
        && ctx.lw(k).ends_with("ly")
    {
        k += 1;
    }
    if k < pb
        && matches!(
            ctx.lw(k),
            "in" | "on" | "at" | "into" | "during" | "after" | "before" | "from" | "with"
        )
    {
        let mut e = k + 1;
        while e < pb
            && e < k + 8
            && ctx.toks[e].kind == Kind::Word
            && !matches!(
                ctx.lw(e),
                "that" | "whether" | "if" | "who" | "which" | "what" | "how" | "why" | "when"
            )
        {
            e += 1;
        }
        if e > k + 1 && (e >= pb || matches!(ctx.w(e), "." | "," | ";" | "!" | "?")) {
            k = e;
        }
    }
    // A temporal clause closing the sentence ("Sessions said as he opened the roll call.").
    if k < pb && matches!(ctx.lw(k), "as" | "while" | "before" | "after" | "when") {
        let mut e = k + 1;
        while e < pb && e < k + 16 && ctx.toks[e].kind == Kind::Word {
            e += 1;
        }
        if e > k + 2 && (e >= pb || matches!(ctx.w(e), "." | "!" | "?")) {
            k = e;
        }
    }
    // After a full stop, an attribution ending in a colon or a new quotation leads in the
    // next quotation ("“… no classified material.” The candidate reiterated: “…”").
    let lead_in = k < pb
        && (ctx.is_punct(k, ":") || ctx.toks[k].kind == Kind::Mark)
        && last > 0
        && matches!(ctx.w(last - 1), ".");
    !lead_in
        && (k >= pb
            || ctx.toks[k].kind == Kind::Mark
            || matches!(ctx.w(k), "." | "," | ";" | ":" | "!" | "?"))
}

/// Sentences of paragraph `[pa, pb)` as token ranges, into `out` (cleared first); quotations
/// are never split.
fn sentences(
    ctx: &Ctx,
    qspans: &[QSpan],
    quote_at: &[usize],
    pa: usize,
    pb: usize,
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    let mut start = pa;
    let mut i = pa;
    while i < pb {
        let qi = quote_at.get(i).copied().unwrap_or(usize::MAX);
        if qi != usize::MAX {
            let q = qspans[qi];
            let last = q.last.min(pb - 1);
            // A closed quotation ending in . ? ! followed by a capitalised word or a new quotation ends the sentence.
            let end_punct =
                q.close.is_some() && last > q.open && matches!(ctx.w(last - 1), "." | "?" | "!");
            i = last + 1;
            if end_punct && i < pb {
                let t = &ctx.toks[i];
                let nxt = ctx.w(i);
                if t.kind == Kind::Mark
                    || (t.kind == Kind::Word
                        && is_cap(nxt)
                        && !matches!(ctx.lw(i), "he" | "she" | "they" | "i" | "we")
                        && !attribution_ends_here(ctx, last, pb))
                {
                    out.push((start, i));
                    start = i;
                }
            }
            continue;
        }
        let t = &ctx.toks[i];
        // Run-on text without sentence ends (lists, dumps) is cut every 300 tokens, so no
        // rule ever scans an unbounded sentence.
        if i >= start + 300 {
            out.push((start, i + 1));
            start = i + 1;
            i += 1;
            continue;
        }
        // An abbreviation ending a sentence before a new quotation ("… in Binghamton, N.Y.
        // “Secretary Clinton and her State Department …”").
        if t.kind == Kind::Word
            && ctx.w(i).ends_with('.')
            && i + 1 < pb
            && quote_at.get(i + 1).is_some_and(|&q| q != usize::MAX)
        {
            out.push((start, i + 1));
            start = i + 1;
            i += 1;
            continue;
        }
        if t.kind == Kind::Punct && matches!(ctx.w(i), "." | "?" | "!") && i + 1 < pb {
            let n = &ctx.toks[i + 1];
            if n.kind == Kind::Mark
                || (n.kind == Kind::Word && is_cap(ctx.w(i + 1)))
                || (n.kind == Kind::Punct && !matches!(ctx.w(i + 1), "," | ";" | ")" | ":"))
            {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
        i += 1;
    }
    if start < pb {
        out.push((start, pb));
    }
}

/// Resolves a speaker phrase to a canonical speaker.
fn resolve(ctx: &Ctx, reg: &Registry, np: Np) -> Option<Speaker> {
    let toks: &[Tok] = ctx.toks;
    match np.kind {
        NpKind::Pronoun(Some(g)) => reg.resolve_pronoun(toks[np.s].s, g),
        NpKind::Pronoun(None) | NpKind::Unknown => None,
        NpKind::Name => {
            let the = np.s > 0 && ctx.lw(np.s.saturating_sub(1)) == "the";
            // Skip lower-case title words at the start of the phrase.
            let mut s = np.s;
            while s < np.e && !is_cap(ctx.w(s)) {
                s += 1;
            }
            let Some(r) = analyze_run(ctx, s, np.e, the) else {
                // A common word taken for a name (`speakers::np_before`): "“…,” Read said".
                return (np.e == s + 1)
                    .then(|| reg.common_word_surname(ctx.lw(s)))
                    .flatten();
            };
            if r.ntoks == 1 && np.e == s + 1 && reg.unintroduced_opening_word(ctx, s) {
                return None;
            }
            if r.title_only {
                let head = r
                    .title
                    .as_deref()
                    .and_then(|t| t.split_whitespace().last())
                    .map(speakers::lower_word)?;
                return reg.resolve_nominal(toks[np.s].s, &head);
            }
            let mut sp = reg
                .resolve_name(&r)
                .or_else(|| publication_title(ctx, reg, s, &r))?;
            let det = matches!(ctx.lw(np.s), "a" | "an" | "the");
            if sp.title.is_none() && s > np.s + usize::from(det) {
                sp.title = Some(
                    ctx.text
                        .get(toks[np.s].s..toks[s - 1].e)
                        .unwrap_or("")
                        .to_string(),
                );
            }
            Some(sp)
        }
        NpKind::Nominal { head } => {
            let h = ctx.lw(head);
            // "a Democratic strategist" is someone new, never the strategist named before.
            let indefinite = matches!(ctx.lw(np.s), "a" | "an" | "another");
            (!indefinite)
                .then(|| reg.resolve_nominal(toks[np.s].s, h))
                .flatten()
                .or_else(|| {
                    // "Powell's office", "Clinton's campaign", "Trump's spokeswoman": reported
                    // under the possessor, who speaks through them. "Scott's niece" and
                    // "Trump's lawyer" are people of their own, not the possessor.
                    let speaks_for = ctx.has(head, words::ORG)
                        || matches!(
                            h,
                            "spokesman"
                                | "spokeswoman"
                                | "spokesperson"
                                | "spokespeople"
                                | "statement"
                                | "report"
                                | "study"
                                | "poll"
                                | "survey"
                        );
                    let own_person = !speaks_for
                        && (ctx.has(head, words::NOMINAL)
                            || matches!(
                                h,
                                "wife"
                                    | "husband"
                                    | "son"
                                    | "daughter"
                                    | "niece"
                                    | "nephew"
                                    | "brother"
                                    | "sister"
                                    | "mother"
                                    | "father"
                                    | "cousin"
                                    | "uncle"
                                    | "aunt"
                                    | "doctor"
                                    | "physician"
                                    | "friend"
                                    | "biographer"
                            ));
                    if own_person {
                        return None;
                    }
                    let k = (np.s..head).rev().find(|&k| {
                        let w = ctx.w(k);
                        is_cap(w) && speakers::is_possessive(w)
                    })?;
                    let s = speakers::run_back(ctx, k, np.s);
                    let r = analyze_run(ctx, s, k + 1, false)?;
                    if r.title_only {
                        return None;
                    }
                    reg.resolve_name(&r)
                })
                .or_else(|| description(ctx, reg, np, head))
        }
    }
}

/// A publication whose title is a place or a demonym ("The Atlantic", "The New Yorker"): a
/// capital "The" inside a sentence marks the title of a work, which may speak ("…,” The
/// Atlantic wrote"), where the bare place ("the Atlantic") never does.
fn publication_title(ctx: &Ctx, reg: &Registry, s: usize, r: &RunInfo) -> Option<Speaker> {
    // The phrase starts at "The" (capitalised words are not skipped) or just after it.
    let the = if ctx.w(s) == "The" {
        s
    } else {
        s.checked_sub(1)?
    };
    let before = the.checked_sub(1)?;
    let mid_sentence = ctx.toks[before].para == ctx.toks[the].para
        && (ctx.toks[before].kind == Kind::Word
            || ctx.is_punct(before, ",")
            // "“…,” The New Yorker wrote"
            || ctx.toks[before].kind == Kind::Mark
                && before > 0
                && ctx.is_punct(before - 1, ","));
    (ctx.w(the) == "The" && mid_sentence && reg.places.contains(r.name_s, r.name_e)).then(|| {
        Speaker {
            name: r.name.clone(),
            title: None,
            kind: SpeakerKind::Organisation,
        }
    })
}

/// An unnamed source described with a name in it ("a State Department official said", "one
/// Trump campaign source said"): the description is the speaker, so the quote keeps a source
/// a user can search. A description without a name ("the official") says too little.
fn description(ctx: &Ctx, reg: &Registry, np: Np, head: usize) -> Option<Speaker> {
    let mut s = np.s;
    while s < head && matches!(ctx.lw(s), "a" | "an" | "the" | "one" | "another") {
        s += 1;
    }
    // "an adviser to Bill Clinton", "a spokesman for the Pentagon": the name may follow.
    let mut e = np.e;
    // "a person close to the Clintons", "a source familiar with the Trump campaign".
    let mut p = e;
    if p + 2 < ctx.toks.len()
        && matches!(ctx.lw(p), "close" | "closest" | "familiar")
        && matches!(ctx.lw(p + 1), "to" | "with")
    {
        p += 1;
    }
    if p + 1 < ctx.toks.len() && matches!(ctx.lw(p), "to" | "for" | "of" | "at" | "with") {
        let mut k = p + 1;
        if matches!(ctx.lw(k), "the" | "a" | "both") {
            k += 1;
        }
        // "a spokesman for committee Democrats": a lower-case modifier before the name.
        if k + 1 < ctx.toks.len()
            && ctx.toks[k].kind == Kind::Word
            && !is_cap(ctx.w(k))
            && !ctx.has(k, words::FUNCTION | words::STOP)
            && is_cap(ctx.w(k + 1))
        {
            k += 1;
        }
        let run = speakers::run_fwd(ctx, k, ctx.toks.len());
        if run > k && ctx.toks[k].kind == Kind::Word && is_cap(ctx.w(k)) {
            e = run;
            // "… familiar with the Trump campaign": the name's own lower-case head.
            if e < ctx.toks.len() && !is_cap(ctx.w(e)) && ctx.has(e, words::NOMINAL) {
                e += 1;
            }
        }
    }
    // A capital that only opens the sentence ("Senior officials said": the article writes
    // "senior" elsewhere) names nobody; "Republican officials said" does.
    let named = (s..e).any(|i| {
        i != head
            && ctx.toks[i].kind == Kind::Word
            && is_cap(ctx.w(i))
            && !(speakers::opens_sentence(ctx, i) && reg.written_lower(ctx, i))
    });
    if !named || e <= s {
        return None;
    }
    let name = ctx.text.get(ctx.toks[s].s..ctx.toks[e - 1].e)?.to_string();
    let kind = if ctx.has(head, words::ORG) {
        SpeakerKind::Organisation
    } else {
        SpeakerKind::Person
    };
    Some(Speaker {
        name,
        title: None,
        kind,
    })
}

/// A sentence subject or lead-in: (paragraph, byte offset, phrase, ends with a colon).
type Subject = (u32, usize, Np, bool);

/// Quotations with no speaker inherit: within a paragraph from the nearest attributed
/// direct quotation; a paragraph-opening quotation from the previous paragraph's last speaker.
///
/// `speaker(j)` is the speaker `leadins[j]` resolves to.
fn inherit(found: &mut [Found], leadins: &[Subject], speaker: impl Fn(usize) -> Option<Speaker>) {
    let n = found.len();
    for i in 0..n {
        if found[i].speaker.is_some() || found[i].own || found[i].kind != QuoteKind::Direct {
            continue;
        }
        let para = found[i].para;
        // Same paragraph, previous then next.
        let mut sp = None;
        for j in (0..i).rev() {
            if found[j].para != para {
                break;
            }
            if found[j].speaker.is_some() {
                sp = found[j].speaker.clone();
                break;
            }
        }
        if sp.is_none() {
            // The subject of an earlier sentence of the paragraph ("X did Y. \"…\"").
            // Leadins are in document order: start at the last one before the quotation.
            let upto = leadins.partition_point(|(_, pos, _, _)| *pos < found[i].start);
            sp = (0..upto)
                .rev()
                .take_while(|&j| leadins[j].0 == para)
                .find_map(&speaker);
        }
        if sp.is_none() {
            for f in found.iter().skip(i + 1) {
                if f.para != para {
                    break;
                }
                if f.own && f.kind == QuoteKind::Direct {
                    sp = f.speaker.clone();
                    break;
                }
            }
        }
        if sp.is_none() && found[i].opens_para && para > 0 {
            if let Some(j) = leadins
                .iter()
                .position(|(p, _, _, lead)| *lead && *p + 1 == para)
            {
                sp = speaker(j);
            } else if i > 0 && found[i - 1].para + 1 == para {
                sp = found[i - 1].speaker.clone();
            }
        }
        if sp.is_none() && found[i].opens_para && para > 0 {
            // "Howard continued his remarks.\n\"…\"": the subject of the previous
            // paragraph's last sentence, when that paragraph quoted nobody.
            let upto = leadins.partition_point(|(_, pos, _, _)| *pos < found[i].start);
            let prev_quoted = i > 0 && found[i - 1].para + 1 == para;
            if !prev_quoted {
                if let Some(j) = upto.checked_sub(1).filter(|&j| leadins[j].0 + 1 == para) {
                    sp = speaker(j);
                }
            }
        }
        found[i].speaker = sp;
    }
}

#[cfg(test)]
mod tests;
