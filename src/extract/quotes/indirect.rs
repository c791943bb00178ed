//! Reported (indirect) speech: `X said (that) …`, `…, X said.`, `A, X said, B.`,
//! `according to X, …` (X a name or a phrase: "three recent polls"), questions (`X asked Y
//! whether …`, `Asked if …, X …`) and title-case headlines (`Trump Says He Will Win`).
//!
//! Why: most of what news reports is paraphrase, and a journalist searching a speaker wants
//! it too. Patterns run per sentence on the tokens outside quotations; a sentence whose
//! content carries a quoted fragment is reported as `mixed`. Sentences that hold a direct
//! quotation are left to the direct-quotation rules.

use super::attribution::{is_adverbial, is_aux, is_modal, Attr, Ctx};
use super::cues::CueClass;
use super::speakers::{is_possessive, np_after, np_before, Np, NpKind};
use super::tokens::{is_cap, Kind};
use super::words;

/// One reported-speech content span (token range) with its speaker phrase and cue.
#[derive(Debug, Clone, Copy)]
pub struct Reported {
    pub s: usize,
    pub e: usize,
    pub np: Np,
    pub cue_s: usize,
    pub cue_e: usize,
}

impl Reported {
    /// The content `[s, e)` of the attribution `at`.
    fn of(s: usize, e: usize, at: Attr) -> Self {
        Reported {
            s,
            e,
            np: at.np,
            cue_s: at.cue_s,
            cue_e: at.cue_e,
        }
    }
}

/// Trims trailing sentence punctuation, leading commas and a leading dateline ("BAMAKO —",
/// "MOSCOW (Reuters) -": it says where the story was filed, not what was said) off a content
/// range.
fn trim(ctx: &Ctx, mut s: usize, mut e: usize) -> (usize, usize) {
    if let Some(d) = dateline_end(ctx, s, e) {
        s = d;
    }
    while e > s
        && ctx.toks[e - 1].kind == Kind::Punct
        && matches!(
            ctx.w(e - 1),
            "." | "," | ";" | ":" | "!" | "?" | "—" | "-" | "–"
        )
    {
        e -= 1;
    }
    while s < e
        && ctx.toks[s].kind == Kind::Punct
        && matches!(ctx.w(s), "," | ":" | ";" | "—" | "-" | "–")
    {
        s += 1;
    }
    (s, e)
}

/// The token after a dateline opening `[s, e)`: one to four capitalised words (all capitals,
/// or a place in capitals then a state, "WASHINGTON, D.C."), perhaps a date ("LOS ANGELES,
/// Feb 26") or "(Reuters)", then a dash.
fn dateline_end(ctx: &Ctx, s: usize, e: usize) -> Option<usize> {
    let mut k = s;
    let mut words = 0;
    while k < e && k < s + 12 {
        let t = &ctx.toks[k];
        if t.kind == Kind::Word {
            let w = ctx.w(k);
            let caps = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase() || c == '.');
            let day = words > 0 && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit());
            if !(caps || day || (words > 0 && is_cap(w))) {
                return None;
            }
            words += 1;
        } else if ctx.is_dash(k) {
            return (words > 0 && words <= 6 && k + 1 < e).then_some(k + 1);
        } else if ctx.is_punct(k, "(") {
            // "(Reuters)", "(AP)": a wire's name in parentheses.
            let close = (k + 1..e.min(k + 4)).find(|&j| ctx.is_punct(j, ")"))?;
            k = close;
        } else if !ctx.is_punct(k, ",") && !ctx.is_punct(k, ".") {
            return None;
        }
        k += 1;
    }
    None
}

/// Words in `[s, e)`, counted up to 16 (callers only compare with small numbers), so a
/// long run-on sentence costs no more than a short one.
fn words_in(ctx: &Ctx, s: usize, e: usize) -> usize {
    (s..e)
        .filter(|&i| ctx.toks[i].kind == Kind::Word)
        .take(16)
        .count()
}

/// True when `[s, e)` is only adverbials/punctuation ("on Monday", "in a statement").
fn only_adverbials(ctx: &Ctx, s: usize, e: usize) -> bool {
    e.saturating_sub(s) <= 8
        && (s..e).all(|i| {
            let t = &ctx.toks[i];
            t.kind == Kind::Punct || is_adverbial(ctx.lw(i)) || is_cap(ctx.w(i))
        })
}

/// True when `[s, e)` is an opening time phrase ("A year later", "Within minutes", "Less
/// than 30 minutes later", "More recently", "Later in the piece"): what comes before
/// "…, Trump wrote" is then when he wrote, not what.
pub fn time_phrase(ctx: &Ctx, s: usize, e: usize) -> bool {
    let marker = |lw: &str| {
        matches!(
            lw,
            "later"
                | "earlier"
                | "ago"
                | "recently"
                | "meanwhile"
                | "afterward"
                | "afterwards"
                | "soon"
                | "shortly"
        ) || super::attribution::is_time_unit(lw)
    };
    let opener = |i: usize| {
        let lw = ctx.lw(i);
        marker(lw)
            || matches!(lw, "more" | "less" | "just" | "only" | "not" | "within")
            || ctx.w(i).starts_with(|c: char| c.is_ascii_digit())
            || super::attribution::is_count_word(lw)
    };
    let mut words = (s..e).filter(|&i| ctx.toks[i].kind == Kind::Word);
    let Some(first) = words.next() else {
        return false;
    };
    if !opener(first) {
        return false;
    }
    let (mut n, mut timed) = (1, marker(ctx.lw(first)));
    for i in words {
        n += 1;
        // At most five words, and no name after the first word.
        if n > 5 || is_cap(ctx.w(i)) {
            return false;
        }
        timed |= marker(ctx.lw(i));
    }
    timed
}

/// Reported speech in the sentence `[a, b)`.
pub fn sentence(ctx: &Ctx, a: usize, b: usize, out: &mut Vec<Reported>, afters: &mut Afters) {
    if b <= a + 2 {
        return;
    }
    // 1. "According to X, …" / "…, according to X."
    for k in a..b.saturating_sub(1) {
        if ctx.quoted(k) || ctx.lw(k) != "according" || ctx.lw(k + 1) != "to" {
            continue;
        }
        // "According to conservative talk radio host Rush Limbaugh, …": skip descriptors.
        let np = np_after(ctx, k + 2, b)
            .filter(|np| k != a || ctx.is_punct(np.e, ","))
            .or_else(|| {
                let c = (k + 2..b.min(k + 8))
                    .take_while(|&c| ctx.toks[c].kind == Kind::Word)
                    .find(|&c| is_cap(ctx.w(c)))?;
                np_after(ctx, c, b)
            })
            .or_else(|| {
                // "according to three recent polls.", "According to state law, …": a source
                // named by a common noun phrase, which is nobody in particular.
                let s = k + 2;
                let e = (s..b.min(s + 12)).find(|&j| ctx.toks[j].kind != Kind::Word)?;
                let ends = if k == a {
                    ctx.is_punct(e, ",")
                } else {
                    only_adverbials(ctx, e, b)
                };
                if !(e > s && ends && !is_cap(ctx.w(s))) {
                    return None;
                }
                // "… polls compiled by Real Clear Politics": a name in it is the source.
                let named = (s + 1..e)
                    .find(|&j| ctx.cap(j))
                    .and_then(|j| np_after(ctx, j, e))
                    .filter(|np| np.kind == NpKind::Name && np.e == e);
                Some(named.unwrap_or(Np {
                    kind: NpKind::Unknown,
                    s,
                    e,
                }))
            });
        let Some(np) = np else {
            continue;
        };
        if k == a {
            let (s, e) = trim(ctx, np.e, b);
            if words_in(ctx, s, e) >= 3 {
                out.push(Reported {
                    s,
                    e,
                    np,
                    cue_s: k,
                    cue_e: k + 2,
                });
                return;
            }
        } else if k > a && ctx.is_punct(k - 1, ",") {
            let (s, e) = trim(ctx, a, k - 1);
            if words_in(ctx, s, e) >= 3 {
                out.push(Reported {
                    s,
                    e,
                    np,
                    cue_s: k,
                    cue_e: k + 2,
                });
                return;
            }
        }
    }
    // 2. Trailing or interrupting attribution: "…, X said." / "…, said X." / "A, X said, B."
    let mut c = b;
    // Where a name in apposition to a role starts (below): what is said ends before it.
    let mut subject_s = b;
    while c > a + 1 {
        c -= 1;
        if c >= subject_s {
            continue;
        }
        let is_comma = ctx.is_punct(c, ",") && !ctx.quoted(c);
        // "Polling shows that ''the public is uneasy,'' said X": the comma sits inside.
        let is_close = ctx.toks[c].kind == Kind::Mark && ctx.quoted(c) && ctx.is_punct(c - 1, ",");
        if !is_comma && !is_close {
            continue;
        }
        let at = if is_comma {
            afters.get(ctx, c - 1, b)
        } else {
            afters.get(ctx, c, b)
        };
        let Some(at) = at else {
            continue;
        };
        // "…, John Silas, chairman, said in an interview", "…, John Silas, chairman of
        // Phillips, told reporters", "…, Simon Rosenberg, a Clinton supporter, told X": a
        // role after the comma (or a cue right after it that found no subject) is in
        // apposition to the name before it; the attribution starts at the comma before the
        // name, which the loop comes to next.
        let role_after = at.cue_s == c + 1 && at.np.kind == NpKind::Unknown
            || at.cue_s > c + 1
                && ctx.toks[c + 1].kind == Kind::Word
                && !is_cap(ctx.w(c + 1))
                && (ctx.has(c + 1, words::ROLE | words::NOMINAL)
                    || matches!(ctx.lw(c + 1), "a" | "an" | "the"));
        if is_comma && role_after {
            let appositive = ctx.subject_before(at.cue_s, a, true).filter(|np| {
                np.kind == NpKind::Name && np.s > a && np.e <= c && ctx.is_punct(np.e, ",")
            });
            if let Some(np) = appositive {
                subject_s = np.s;
                continue;
            }
        }
        let c = if is_close { c + 1 } else { c };
        if matches!(at.np.kind, NpKind::Pronoun(None))
            && matches!(ctx.lw(at.np.s), "who" | "which" | "that")
        {
            continue;
        }
        // "…, in which she advises the president", "…, though one soon to be answered": a
        // relative or subordinate clause after the comma, not an attribution of what precedes.
        let subordinate = |k: usize| {
            matches!(
                ctx.lw(k),
                "which"
                    | "who"
                    | "whom"
                    | "whose"
                    | "where"
                    | "though"
                    | "although"
                    | "while"
                    | "because"
                    | "if"
                    | "unless"
                    | "whereas"
            )
        };
        let relative_after_prep =
            matches!(ctx.lw(c + 1), "in" | "of" | "to" | "for" | "by" | "with")
                && matches!(ctx.lw(c + 2), "which" | "whom" | "whose");
        if c + 1 < at.cue_s && (subordinate(c + 1) || relative_after_prep) {
            continue;
        }
        // "…, declared bankruptcy": the verb has an object, so it reports nothing here.
        if at.cue_s > c
            && ctx.toks.get(at.cue_e).is_some_and(|t| t.kind == Kind::Word)
            && at.np.kind == NpKind::Unknown
            && !is_cap(ctx.w(at.cue_e))
            && !is_adverbial(ctx.lw(at.cue_e))
        {
            continue;
        }
        if matches!(at.np.kind, NpKind::Nominal { .. })
            && at.np.s == c + 1
            && ctx.cue_at(c + 1, b).is_none()
        {
            // "…, the official said" is fine; keep.
        }
        let rest_s = at.end;
        // "A year later, Mr. Obama called …": the time it happened, not what was said.
        let timed = time_phrase(ctx, a, c);
        if only_adverbials(ctx, rest_s, b) {
            let (s, e) = trim(ctx, a, c);
            // "And they also found …, he said.": a conjunction opening the sentence opens
            // what was said.
            let conj = matches!(ctx.lw(s), "and" | "but" | "so" | "yet")
                && is_cap(ctx.w(s))
                && clause_start(ctx, s + 1);
            // "In Chicago, organizers added 160 guards, the Sun-Times reported.": an opening
            // phrase and a comma, then the clause.
            let fronted = is_cap(ctx.w(s))
                && matches!(
                    ctx.lw(s),
                    "in" | "on"
                        | "at"
                        | "after"
                        | "during"
                        | "for"
                        | "with"
                        | "since"
                        | "under"
                        | "despite"
                        | "among"
                        | "before"
                )
                && (s + 1..e.min(s + 9))
                    .find(|&k| ctx.is_punct(k, ","))
                    .is_some_and(|k| clause_start(ctx, k + 1));
            if !timed && words_in(ctx, s, e) >= 3 && (clause_start(ctx, s) || conj || fronted) {
                out.push(Reported::of(s, e, at));
                return;
            }
        } else if ctx.is_punct(rest_s, ",") {
            // Interrupting: "The goal, he said, is to …"
            let (s1, e1) = trim(ctx, a, c);
            let (s2, e2) = trim(ctx, rest_s + 1, b);
            let s2_ok = s2 < e2
                && ctx.toks[s2].kind == Kind::Word
                && !is_cap(ctx.w(s2))
                && !matches!(
                    ctx.lw(s2),
                    "the"
                        | "a"
                        | "an"
                        | "who"
                        | "which"
                        | "whose"
                        | "and"
                        | "but"
                        | "where"
                        | "when"
                );
            let normal = at.cue_s > at.np.s && at.np.kind != NpKind::Unknown;
            if !normal && at.np.kind == NpKind::Name && !timed {
                // "…, said Geert Wilders, founder of the party.": apposition, not content.
                let (s, e) = trim(ctx, a, c);
                if words_in(ctx, s, e) >= 3 && clause_start(ctx, s) {
                    out.push(Reported::of(s, e, at));
                    return;
                }
            }
            // "If the law conflicts with God's orders, Rubio said, …", "But the point is …,
            // Hennessey said, and …": a subordinate clause or a conjunction may open the part
            // before the attribution.
            let opener = matches!(
                ctx.lw(s1),
                "if" | "while"
                    | "when"
                    | "because"
                    | "although"
                    | "though"
                    | "unless"
                    | "once"
                    | "but"
                    | "and"
                    | "yet"
            ) && clause_start(ctx, s1 + 1);
            let s1_ok = !timed
                && (words_in(ctx, s1, e1) >= 2 && clause_start(ctx, s1)
                    || words_in(ctx, s1, e1) >= 3 && opener);
            if normal
                && s2_ok
                && words_in(ctx, s2, e2) >= 2
                && !(s2..e2).any(|i| ctx.cue_at(i, e2).is_some() && !ctx.quoted(i))
            {
                if s1_ok {
                    out.push(Reported::of(s1, e1, at));
                }
                out.push(Reported::of(s2, e2, at));
                return;
            }
            // What follows the attribution opens no clause that rule takes ("…, Hennessey
            // said, and with Clinton gone …", "…, Rubio said, Christians must …"): the part
            // before it was said, and the rules below may still take the part after it.
            if normal && s1_ok && opener {
                out.push(Reported::of(s1, e1, at));
                break;
            }
        }
    }
    // 3. "X said (that) …"
    let mut asked_until = a;
    for c in a..b {
        if c < asked_until {
            continue;
        }
        let Some(ce) = ctx.cue_any(c, b) else {
            continue;
        };
        if ctx.lw(c) == "according" || ctx.quoted(c) || ctx.lex.get(ctx.lw(c)).is_none() {
            continue;
        }
        // "Asked on Monday whether …, Mrs. Clinton shook her head", "… when asked if he would
        // endorse Trump": a question put by nobody named. Opening the sentence, it ends at
        // the comma, and the sentence may go on to report more.
        let passive_ask = ctx.lw(c) == "asked"
            && (c == a
                || matches!(
                    ctx.lw(c - 1),
                    "when" | "after" | "once" | "if" | "as" | "was" | "were" | "been" | "being"
                ));
        if passive_ask {
            // "was asked by host John Dickerson whether …": the one who asks.
            let by = (ctx.lw(ce) == "by")
                .then(|| np_after(ctx, ce + 1, b))
                .flatten()
                .filter(|np| np.kind == NpKind::Name)
                .unwrap_or(Np {
                    kind: NpKind::Unknown,
                    s: c,
                    e: c,
                });
            let end = if c == a {
                (ce..b).find(|&k| ctx.is_punct(k, ",")).unwrap_or(b)
            } else {
                b
            };
            if let Some((s, e)) = content_after(ctx, c, ce, end) {
                out.push(Reported {
                    s,
                    e,
                    np: by,
                    cue_s: c,
                    cue_e: ce,
                });
                if end == b {
                    return;
                }
                asked_until = end;
            }
            continue;
        }
        // ", said one GOP source": a reversed attribution, the words after it are the speaker
        // (not after "told": ", Tom Vilsack, told MSNBC that …" names the one told).
        let tell = ctx
            .lex
            .get(ctx.lw(c))
            .is_some_and(|x| x.class == CueClass::Tell);
        // "Chris Collins, a Trump supporter, said Trump strategists plan …": a sentence that
        // opens with a name and its apposition has its subject before the cue.
        let opens_with_subject = || {
            ctx.subject_before(c, a, false).is_some_and(|np| {
                np.kind == NpKind::Name && np.s == a && ctx.is_punct(np.e, ",") && np.e + 1 < c
            })
        };
        if c > a
            && ctx.is_punct(c - 1, ",")
            && ctx.lw(ce) != "that"
            && !tell
            && !opens_with_subject()
        {
            // The name ends the attribution; when a verb follows it, it is the subject of what
            // was said ("Ari Fleischer, said Trump’s nomination will test …").
            let reversed = np_after(ctx, ce, b).is_some_and(|np| {
                matches!(np.kind, NpKind::Name | NpKind::Nominal { .. })
                    && !(np.kind == NpKind::Name && is_possessive(ctx.w(np.e - 1)))
                    && (ctx.toks.get(np.e).is_none_or(|t| t.kind != Kind::Word)
                        || np.e >= b
                        || !verb_like(ctx.lw(np.e)))
            });
            if reversed {
                continue;
            }
        }
        // ", arguing that …": the participle's subject is the clause subject.
        let participle = c > a && ctx.is_punct(c - 1, ",") && ctx.lw(c).ends_with("ing")
            || ctx.document_participle(c, a);
        let early = if participle {
            // "…, Fiorina said, adding that …" / "…, said Fiorina, adding that …".
            let k = c - 1;
            let prev_attr = if k > a + 1 && ctx.cue_at(k - 1, k).is_some() {
                ctx.subject_before(k - 1, a, false)
            } else if k > a + 1 {
                np_before(ctx, k, a, false).filter(|np| {
                    np.kind == NpKind::Name && np.s > a && ctx.cue_at(np.s - 1, np.s).is_some()
                })
            } else {
                None
            };
            prev_attr
                .filter(|np| matches!(np.kind, NpKind::Name | NpKind::Pronoun(Some(_))))
                .or_else(|| ctx.sentence_subject(a, c))
        } else {
            None
        };
        let np = match early.or_else(|| ctx.subject_before(c, a, false)) {
            Some(np) => np,
            None => {
                // "Senior advisers who have run the numbers argue that …": unparsed subject,
                // accepted only before an explicit "that".
                if let Some(np) = ctx.sentence_subject(a, c) {
                    np
                } else if let Some(n) = plural_opener(ctx, a, c) {
                    // "Officials said …", "But Democrats say …": a plural noun alone opens the
                    // sentence.
                    Np {
                        kind: NpKind::Unknown,
                        s: n,
                        e: c,
                    }
                } else if let Some(d) = determined_noun(ctx, a, c) {
                    // "The organizers said …", "some friends say …": a determiner, up to two
                    // modifiers and a common noun. A singular one may be someone named before
                    // ("The actress said"); a plural one is nobody in particular.
                    let head = c - 1;
                    Np {
                        kind: if ctx.lw(head).ends_with('s') {
                            NpKind::Unknown
                        } else {
                            NpKind::Nominal { head }
                        },
                        s: d,
                        e: c,
                    }
                } else if c > a
                    && (ctx.toks[c - 1].kind == Kind::Word || ctx.is_punct(c - 1, ","))
                    && (ctx.lw(ce) == "that" || ctx.is_punct(c - 1, ","))
                {
                    Np {
                        kind: NpKind::Unknown,
                        s: c,
                        e: c,
                    }
                } else {
                    continue;
                }
            }
        };
        // "Ted Cruz, who said he would …", "voters who said …": the relative clause's
        // antecedent speaks (nobody named when it is no name).
        let np = if matches!(np.kind, NpKind::Pronoun(None)) && ctx.lw(np.s) == "who" {
            // Inside a subject ("Podesta, who said the project was vetted, said he …") the
            // main clause reports instead.
            if (ce..b).any(|k| !ctx.quoted(k) && ctx.cue_at(k, b).is_some()) {
                continue;
            }
            let k = if np.s > a && ctx.is_punct(np.s - 1, ",") {
                np.s - 1
            } else {
                np.s
            };
            np_before(ctx, k, a, false)
                .filter(|n| {
                    n.e == k
                        && match n.kind {
                            NpKind::Name => (n.s..n.e).all(|x| ctx.cap(x) || ctx.is_punct(x, ".")),
                            NpKind::Nominal { .. } => n.e <= n.s + 4,
                            _ => false,
                        }
                })
                .unwrap_or(Np {
                    kind: NpKind::Unknown,
                    s: np.s,
                    e: np.e,
                })
        } else {
            np
        };
        if matches!(np.kind, NpKind::Pronoun(None))
            && matches!(ctx.lw(np.s), "it" | "that" | "which")
        {
            continue;
        }
        if let Some((s, e)) = content_after(ctx, c, ce, b) {
            out.push(Reported {
                s,
                e,
                np,
                cue_s: c,
                cue_e: ce,
            });
            return;
        }
    }
    // 4. Reported speech around a quoted fragment with a looser verb:
    //    "whom he described as \"volatile,\"", "Sanders called the suspension \"arbitrary.\""
    let Some(first_mark) = (a..b).find(|&k| ctx.toks[k].kind == Kind::Mark) else {
        return;
    };
    // "in her memoir, \"Tough Choices.\"": the fragment names a work.
    if ctx.names_a_work(first_mark, a) && !ctx.is_call(first_mark - 1) {
        return;
    }
    for v in a..first_mark {
        if ctx.quoted(v) || ctx.toks[v].kind != Kind::Word || is_cap(ctx.w(v)) {
            continue;
        }
        let lw = ctx.lw(v);
        let verb = ctx.lex.get(lw).map(|c| !c.weak).unwrap_or(false) || is_fragment_verb(lw);
        if !verb
            || ctx.never_a_cue(v)
            || (v > a
                && matches!(
                    ctx.lw(v - 1),
                    "the" | "a" | "an" | "his" | "her" | "their" | "its"
                ))
        {
            continue;
        }
        let np = ctx
            .subject_before(v, a, false)
            .or_else(|| ctx.sentence_subject(a, v))
            .unwrap_or(Np {
                kind: NpKind::Unknown,
                s: v,
                e: v,
            });
        if matches!(np.kind, NpKind::Pronoun(None))
            && matches!(ctx.lw(np.s), "who" | "it" | "that" | "which")
        {
            continue;
        }
        // "a play called \"Brokers,\"": a name, not a fragment of speech.
        if is_fragment_verb(lw) && ctx.is_call(v) && ctx.quoted_title(v + 1, b).is_some() {
            continue;
        }
        let mut s = v + 1;
        if matches!(ctx.lw(s), "out" | "back" | "on") {
            s += 1;
        }
        // The quotation names the show it was said on or told to ("told \"Fox and
        // Friends,\" reminding …"): no fragment of what was said.
        let told = ctx.lex.get(lw).is_some_and(|c| c.class == CueClass::Tell);
        if (told || ctx.lw(v + 1) == "on") && ctx.medium_at(s, b).is_some() {
            return;
        }
        if ctx.lw(s) == "that" {
            s += 1;
        }
        let (s, e) = trim(ctx, s, b);
        if s < first_mark + 1 && e > first_mark && words_in(ctx, s, e) >= 2 {
            out.push(Reported {
                s,
                e,
                np,
                cue_s: v,
                cue_e: v + 1,
            });
        }
        return;
    }
}

/// `ctx.after` results of one sentence: [`trailing_speaker`] asks about the same commas
/// and closing marks that [`sentence`] just scanned, so it reuses the answers.
#[derive(Default)]
pub struct Afters(Vec<(usize, usize, Option<Attr>)>);

impl Afters {
    /// Forgets every answer (for the next sentence), keeping the memory.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// `ctx.after(last, hi)`, computed once per (last, hi).
    pub fn get(&mut self, ctx: &Ctx, last: usize, hi: usize) -> Option<Attr> {
        if let Some(&(_, _, r)) = self.0.iter().find(|x| x.0 == last && x.1 == hi) {
            return r;
        }
        let r = ctx.after(last, hi);
        self.0.push((last, hi, r));
        r
    }
}

/// The speaker of a trailing attribution ("…,'' Mr. Chipok said."), whatever the content.
pub fn trailing_speaker(ctx: &Ctx, a: usize, b: usize, afters: &mut Afters) -> Option<Np> {
    let mut c = b;
    while c > a + 1 {
        c -= 1;
        let is_comma = ctx.is_punct(c, ",") && !ctx.quoted(c);
        let is_close = ctx.toks[c].kind == Kind::Mark && ctx.quoted(c);
        if !is_comma && !is_close {
            continue;
        }
        let at = if is_comma {
            afters.get(ctx, c - 1, b)
        } else {
            afters.get(ctx, c, b)
        };
        if let Some(at) = at {
            if only_adverbials(ctx, at.end, b) {
                return Some(at.np);
            }
        }
    }
    None
}

/// Verbs that introduce a quoted fragment ("described as", "dismissed", "called").
fn is_fragment_verb(lw: &str) -> bool {
    const STEMS: &[&str] = &[
        "describ",
        "call",
        "dub",
        "label",
        "dismiss",
        "denounc",
        "refer",
        "mock",
        "derid",
        "brand",
        "characteriz",
        "characteris",
        "term",
        "promis",
        "pledg",
        "vow",
        "slam",
        "blast",
        "prais",
        "criticiz",
        "criticis",
        "accus",
        "urg",
        "decr",
        "lament",
        "hail",
        "condemn",
        "reject",
        "defend",
        "insult",
        "attack",
        "ridicul",
        "question",
        "tout",
        "cit",
        "quot",
        "invok",
        "repeat",
        "echo",
        "chant",
        "shout",
        "yell",
        "tweet",
        "wav",
        "declar",
        "predict",
        "admit",
        "acknowledg",
        "confirm",
        "deni",
        "deny",
    ];
    if !(lw.ends_with("ed") || lw.ends_with("ing") || lw.ends_with('s')) {
        return false;
    }
    let w = lw
        .trim_end_matches("ing")
        .trim_end_matches("ed")
        .trim_end_matches("es")
        .trim_end_matches('s')
        .trim_end_matches('e');
    lw.len() > 3
        && STEMS
            .iter()
            .any(|s| w.starts_with(s) && w.len() <= s.len() + 2)
}

/// The content after a cue `[c, ce)`: skips an addressee ("told reporters"), adverbials and
/// "that"; runs to the sentence end.
pub fn content_after(ctx: &Ctx, c: usize, ce: usize, b: usize) -> Option<(usize, usize)> {
    let mut i = ce;
    let cue = ctx.lex.get(ctx.lw(c));
    let class = cue.map(|x| x.class);
    // Verbs that mostly take an object ("maintained a state.gov account") need "that".
    let core = cue
        .map(|x| {
            matches!(
                x.lemma,
                "say"
                    | "tell"
                    | "claim"
                    | "argue"
                    | "insist"
                    | "warn"
                    | "suggest"
                    | "contend"
                    | "predict"
                    | "write"
                    | "report"
                    | "acknowledge"
                    | "admit"
                    | "explain"
                    | "announce"
                    | "note"
                    | "assert"
                    | "declare"
                    | "stress"
                    | "emphasize"
                    | "emphasise"
                    | "concede"
                    | "agree"
                    | "complain"
                    | "recall"
                    | "ask"
                    | "confirm"
                    | "deny"
                    | "reply"
                    | "respond"
                    | "tweet"
                    | "allege"
                    | "believe"
                    | "think"
                    | "fear"
                    | "hope"
                    | "expect"
                    | "worry"
                    | "feel"
                    | "know"
                    | "doubt"
                    | "suspect"
                    | "assume"
                    | "reckon"
            )
        })
        .unwrap_or(false);
    if class == Some(CueClass::Tell) {
        if let Some(np) = np_after(ctx, i, b) {
            i = np.e;
        } else if i < b && ctx.toks[i].kind == Kind::Word && !matches!(ctx.lw(i), "that") {
            i += 1;
        }
    }
    // The show it was said on or told to is no content ("told ABC’s “Good Morning America”
    // on Monday the tone …", "said on MSNBC's \"Morning Joe\" that …"), nor is the day after it.
    if let Some(e) = ctx.medium_at(i, b) {
        i = e;
        if ctx.lw(i) == "on" && is_weekday(ctx.lw(i + 1)) {
            i += 2;
        }
    }
    // "said — on Twitter, as it happens — that …": an aside between dashes.
    if ctx.is_dash(i) {
        if let Some(d) = (i + 1..b.min(i + 16)).find(|&d| ctx.is_dash(d)) {
            i = d + 1;
        }
    }
    // "that" within a few adverbial tokens.
    let mut j = i;
    while j < b && j < i + 8 {
        let lw = ctx.lw(j);
        if lw == "that" && !ctx.quoted(j) {
            i = j + 1;
            break;
        }
        let say_like = cue
            .map(|x| matches!(x.lemma, "say" | "tell" | "write" | "argue"))
            .unwrap_or(false);
        // A clause has begun ("said Manafort envisioned an approach that …", "told reporters
        // he was sure that …"): its "that" is no complementiser. A name then a past tense, a
        // subject pronoun (not after "before", "when", …) or a lower-case auxiliary open one.
        let lower = ctx.toks[j].kind == Kind::Word && !is_cap(ctx.w(j));
        let subordinate = j > i
            && matches!(
                ctx.lw(j - 1),
                "before" | "after" | "when" | "as" | "while" | "since" | "because" | "if"
            );
        let clause = matches!(lw, "he" | "she" | "they" | "we" | "i") && !subordinate
            || lower && is_finite_aux(lw) && !ctx.is_punct(j - 1, ",")
            || (j > i
                && lower
                && lw.len() > 4
                && lw.ends_with("ed")
                && is_cap(ctx.w(j - 1))
                && ctx.toks[j - 1].kind == Kind::Word);
        if clause {
            break;
        }
        if ctx.toks[j].kind == Kind::Mark
            || (ctx.toks[j].kind == Kind::Punct && !ctx.is_punct(j, ","))
            || ctx.cue_any(j, b).is_some()
            || !(say_like || is_adverbial(lw) || is_cap(ctx.w(j)) || ctx.is_punct(j, ","))
        {
            break;
        }
        j += 1;
    }
    if i == ce {
        // Skip leading adverbials without "that": "said Monday the plan …".
        while i < b
            && (is_weekday(ctx.lw(i))
                || matches!(ctx.lw(i), "today" | "yesterday" | "tonight" | ","))
        {
            i += 1;
        }
    }
    let after_that = i > ce && ctx.lw(i - 1) == "that";
    if !after_that && !core {
        return None;
    }
    if after_that && i < b && is_finite_aux(ctx.lw(i)) {
        // "Rust Belt states that have suffered": a relative clause, not content.
        return None;
    }
    if class == Some(CueClass::Belief) && !after_that {
        return None;
    }
    // "what Liz Wahl said when she resigned", "he said after the vote": a time clause, not
    // what was said. After a question or a refusal, "when" asks ("wouldn't say when …").
    let asks_when = class == Some(CueClass::Ask)
        || (c > 0
            && matches!(
                ctx.lw(c - 1),
                "not" | "n't" | "never" | "to" | "wouldn't" | "won't"
            ));
    if !after_that
        && i < b
        && (matches!(
            ctx.lw(i),
            "while" | "after" | "before" | "until" | "during" | "as"
        ) || ctx.lw(i) == "when" && !asks_when)
    {
        return None;
    }
    // "asked Pence whether …", "asked the students if …", "asked on Monday whether …",
    // "when asked by a reporter if …": the one asked and when are no part of the question.
    if class == Some(CueClass::Ask) && !after_that {
        let question = |k: usize| matches!(ctx.lw(k), "whether" | "if" | "why" | "how" | "what");
        if let Some(q) = (i + 1..b.min(i + 9))
            .take_while(|&k| {
                ctx.toks[k - 1].kind == Kind::Word
                    && (is_cap(ctx.w(k - 1)) || !is_finite_aux(ctx.lw(k - 1)))
                    && ctx.cue_any(k - 1, b).is_none()
            })
            .find(|&k| question(k))
        {
            i = q;
        }
    }
    if class == Some(CueClass::Ask)
        && !after_that
        && !matches!(
            ctx.lw(i),
            "whether" | "if" | "why" | "how" | "what" | "when" | "where" | "who" | "about"
        )
    {
        return None;
    }
    // "says running for president is tough": a gerund opening a clause whose verb follows.
    let gerund_subject = ctx.lw(i).ends_with("ing")
        && (i == ce || ctx.lw(i - 1) == "that")
        && ctx.cue_any(i, b).is_none()
        && (i + 1..b.min(i + 9))
            .take_while(|&k| ctx.toks[k].kind == Kind::Word)
            .any(|k| is_finite_aux(ctx.lw(k)) && !is_cap(ctx.w(k)));
    // After "say"/"tell" any clause start but a preposition, infinitive or participle.
    let loose = cue
        .map(|x| matches!(x.lemma, "say" | "tell"))
        .unwrap_or(false)
        && i < b
        && ctx.toks[i].kind == Kind::Word
        && !is_cap(ctx.w(i))
        && (!ctx.lw(i).ends_with("ing") || gerund_subject)
        && !is_finite_aux(ctx.lw(i))
        && !matches!(
            ctx.lw(i),
            "in" | "on"
                | "been"
                | "be"
                | "being"
                | "a"
                | "an"
                | "the"
                | "his"
                | "her"
                | "its"
                | "their"
                | "at"
                | "to"
                | "of"
                | "for"
                | "with"
                | "from"
                | "about"
                | "after"
                | "before"
                | "during"
                | "by"
                | "as"
                | "so"
                | "and"
                | "but"
                | "or"
                | "later"
                | "earlier"
                | "recently"
                | "repeatedly"
                | "again"
                | "publicly"
                | "privately"
                | "yes"
                | "no"
                | "nothing"
                | "something"
                | "anything"
                | "goodbye"
                | "hello"
                | "thanks"
                | "sorry"
                | "amen"
                | "otherwise"
                | "last"
                | "this"
                | "next"
                | "while"
                | "when"
                | "through"
                | "over"
                | "under"
                | "into"
        );
    // "which critics said was discriminatory", "the kind of job that many economists say is
    // the future": the cue's subject follows a relative pronoun whose gap is the subject of
    // what was said, so it opens with its verb.
    let gap = !after_that
        && i < b
        && is_finite_aux(ctx.lw(i))
        && !is_cap(ctx.w(i))
        && (c.saturating_sub(5)..c.saturating_sub(1)).any(|r| {
            matches!(ctx.lw(r), "which" | "that" | "who" | "what")
                && (r + 1..c).all(|k| ctx.toks[k].kind == Kind::Word && !is_aux(ctx.lw(k)))
        });
    let (s, e) = trim(ctx, i, b);
    if words_in(ctx, s, e) < 3 || !(after_that || loose || gap || clause_start(ctx, s)) {
        return None;
    }
    // "emphasizing the threat to their homelands that a Trump presidency would constitute":
    // after a participle, a noun phrase whose first verb sits in a relative clause.
    if !after_that && ctx.lw(c).ends_with("ing") && matches!(ctx.lw(s), "the" | "a" | "an") {
        let first = (s + 1..e).find(|&k| {
            let lw = ctx.lw(k);
            matches!(lw, "that" | "which" | "who")
                || verb_like(lw)
                || lw.len() > 4 && lw.ends_with("ed")
        });
        if first.is_some_and(|k| matches!(ctx.lw(k), "that" | "which" | "who")) {
            return None;
        }
    }
    // "I write this because …", "said it to reporters": an object pronoun, then no verb.
    if !after_that
        && matches!(ctx.lw(s), "this" | "it" | "these" | "those")
        && matches!(
            ctx.lw(s + 1),
            "because"
                | "since"
                | "to"
                | "in"
                | "at"
                | "on"
                | "when"
                | "while"
                | "after"
                | "before"
                | "as"
                | "with"
                | "for"
                | "about"
                | "again"
                | "publicly"
        )
    {
        return None;
    }
    // PolNeAR-style spans keep the complementiser: "that the vote …".
    let s = if after_that { i - 1 } else { s };
    Some((s, e))
}

/// The determiner starting "the organizers", "some economic analysts", "her backers" right
/// before the cue at `c` (all lower-case words after the determiner).
/// The plural noun that alone opens the sentence `[a, ..)` before the cue at `c`, after an
/// opening conjunction if any: "Officials said …", "But Democrats say …" (a common noun is
/// capitalised only at the sentence's start).
fn plural_opener(ctx: &Ctx, a: usize, c: usize) -> Option<usize> {
    let conj = c == a + 2 && matches!(ctx.lw(a), "but" | "and" | "so" | "yet" | "still" | "now");
    let n = if conj { a + 1 } else { a };
    let lw = ctx.lw(n);
    (c == n + 1
        && ctx.toks[n].kind == Kind::Word
        && (conj || ctx.cap(n))
        && lw.len() > 4
        && lw.ends_with('s')
        && !["ss", "us", "is"].iter().any(|x| lw.ends_with(x)))
    .then_some(n)
}

fn determined_noun(ctx: &Ctx, a: usize, c: usize) -> Option<usize> {
    let head = c.checked_sub(1).filter(|&h| h > a)?;
    if ctx.toks[head].kind != Kind::Word || ctx.cap(head) || ctx.lw(head).len() < 4 {
        return None;
    }
    // Not the object of a preposition ("its view of the world says"), but "some of the women".
    let object = |d: usize| {
        d > a
            && match ctx.lw(d - 1) {
                "of" => {
                    !(d > a + 1
                        && matches!(
                            ctx.lw(d - 2),
                            "some" | "most" | "many" | "all" | "none" | "each" | "one" | "few"
                        ))
                }
                "in" | "on" | "at" | "for" | "with" | "from" | "by" | "about" | "to" | "into" => {
                    true
                }
                _ => false,
            }
    };
    (head.saturating_sub(3).max(a)..head).rev().find(|&d| {
        !object(d)
            && matches!(
                ctx.lw(d),
                "the"
                    | "these"
                    | "those"
                    | "many"
                    | "some"
                    | "most"
                    | "each"
                    | "both"
                    | "several"
                    | "his"
                    | "her"
                    | "their"
                    | "other"
            )
            && (d + 1..head).all(|k| ctx.toks[k].kind == Kind::Word && !ctx.cap(k))
            && (d + 1..=head).all(|k| !is_adverbial(ctx.lw(k)) && !is_aux(ctx.lw(k)))
    })
}

/// An auxiliary or a modal, finite: "has", "was", "will", "could", "did".
fn is_finite_aux(lw: &str) -> bool {
    is_modal(lw)
        || matches!(
            lw,
            "is" | "are" | "was" | "were" | "has" | "have" | "had" | "does" | "did" | "do"
        )
}

/// A word that starts a predicate: an auxiliary, a modal or a common finite verb.
fn verb_like(lw: &str) -> bool {
    is_finite_aux(lw) || matches!(lw, "needs" | "wants" | "remains")
}

fn is_weekday(lw: &str) -> bool {
    matches!(
        lw,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Whether token `s` can start a reported clause (not "to …", "with …", "clutching …").
pub fn clause_start(ctx: &Ctx, s: usize) -> bool {
    let Some(t) = ctx.toks.get(s) else {
        return false;
    };
    if t.kind == Kind::Mark {
        return true;
    }
    if t.kind != Kind::Word {
        return false;
    }
    let w = ctx.w(s);
    if is_cap(w) {
        let lw = ctx.lw(s);
        return !lw.ends_with("ing")
            && !matches!(
                lw,
                "in" | "after"
                    | "to"
                    | "as"
                    | "at"
                    | "on"
                    | "for"
                    | "with"
                    | "from"
                    | "during"
                    | "when"
                    | "while"
                    | "before"
                    | "asked"
                    | "since"
                    | "despite"
                    | "under"
                    | "over"
                    | "among"
                    | "by"
                    | "of"
                    | "without"
                    | "through"
                    | "regarding"
                    | "and"
                    | "but"
                    | "or"
                    | "so"
                    | "still"
                    | "yet"
                    | "instead"
                    | "though"
                    | "although"
                    | "because"
                    | "if"
                    | "unlike"
                    | "like"
                    | "once"
                    | "until"
                    | "then"
                    | "what"
                    | "where"
                    | "who"
                    | "why"
                    | "how"
                    | "which"
            );
    }
    if w.chars()
        .next()
        .map(|c| c.is_ascii_digit())
        .unwrap_or(false)
    {
        return true;
    }
    matches!(
        ctx.lw(s),
        "he" | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "there"
            | "this"
            | "that"
            | "these"
            | "those"
            | "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "some"
            | "many"
            | "most"
            | "all"
            | "no"
            | "every"
            | "each"
            | "any"
            | "both"
            | "few"
            | "several"
            | "more"
            | "less"
            | "if"
            | "whether"
            | "how"
            | "what"
            | "why"
            | "when"
            | "where"
            | "not"
            | "one"
            | "only"
            | "nobody"
            | "nothing"
            | "everyone"
            | "everything"
            | "someone"
            | "something"
            | "anyone"
            | "none"
            | "much"
            | "such"
            | "other"
            | "another"
            | "people"
            | "americans"
            | "voters"
            | "women"
            | "men"
    )
}
