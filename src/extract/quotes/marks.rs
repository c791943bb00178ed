//! Quotation-mark pairing: which double marks open and close a quotation.
//!
//! Why a module of its own: pairing is where extractors go wrong on real text — straight
//! marks that do not say which way they face, German „…“, guillemets in both directions,
//! typewriter `''…''`, stray or missing marks. Pairing is bounded by the paragraph, so a
//! missing closing mark can never swallow the rest of an article; a paragraph that opens a
//! quotation and does not close it yields a span to the paragraph end (the news convention
//! for multi-paragraph quotations: an opening mark each paragraph, a closing one at the end).
//! Single quotes are never paired here: nested quotes and apostrophes stay inside the span.
//! Marks that quote nothing are demoted to punctuation before pairing: a nickname inside a
//! name (`Juan "Chico" Manriquez`) and the values of markup attributes left in a text.

use super::tokens::{invisible, Kind, Tok};

/// One quotation, as token indices and byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QSpan {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the paragraph ended first.
    pub close: Option<usize>,
    /// Index of the last token of the span (the closing mark, or the paragraph's last token).
    pub last: usize,
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just after the closing mark (or the paragraph's last token).
    pub end: usize,
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)
        .and_then(|s| s.chars().rev().find(|c| !invisible(*c)))
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..)
        .and_then(|s| s.chars().find(|c| !invisible(*c)))
}

/// Whether the text at `i` is a space and an ellipsis: "” … in the case of Wyoming,": a
/// quotation that begins mid-sentence opens with its mark, whichever way the mark faces.
fn space_then_ellipsis(text: &str, i: usize) -> bool {
    text.get(i..).is_some_and(|s| {
        let r = s.trim_start_matches([' ', '\u{00A0}']);
        r.len() < s.len() && (r.starts_with('\u{2026}') || r.starts_with("..."))
    })
}

/// A quoted nickname inside a name (`Juan "Chico" Manriquez`, `Joaquín “El Chapo” Guzmán`):
/// the index of its closing mark when the double mark at `open` starts one or two capitalised
/// words glued between marks, with a capitalised word on either side in the paragraph. Such
/// marks quote nothing, and the name runs on across them.
pub fn nickname_close(text: &str, toks: &[Tok], open: usize) -> Option<usize> {
    let word = |i: usize| {
        toks.get(i).filter(|t| {
            t.kind == Kind::Word
                && t.para == toks[open].para
                && text
                    .get(t.s..t.e)
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_uppercase)
        })
    };
    let mark = |i: usize, opening: bool| {
        toks.get(i).is_some_and(|t| {
            t.kind != Kind::Word
                && match text.get(t.s..t.e) {
                    Some("\"") => true,
                    Some("\u{201C}") => opening,
                    Some("\u{201D}") => !opening,
                    _ => false,
                }
        })
    };
    let before = word(open.checked_sub(1)?)?;
    let first = word(open + 1)?;
    if !mark(open, true) || before.e == toks[open].s || toks[open].e != first.s {
        return None;
    }
    let close = if word(open + 2).is_some() {
        open + 3
    } else {
        open + 2
    };
    let after = word(close + 1)?;
    (mark(close, false) && toks[close - 1].e == toks[close].s && toks[close].e < after.s)
        .then_some(close)
}

/// Demotes to punctuation the mark candidates that quote nothing, before pairing: a quoted
/// nickname's marks (see [`nickname_close`]), and the straight marks around a markup
/// attribute's value (`<tweet author="@x" date="May 9">`, left in some texts; the value may
/// run over a newline). Every later rule then reads them as the punctuation they are.
pub fn demote_non_quotes(text: &str, toks: &mut [Tok]) {
    let mut attr_open: Option<usize> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind != Kind::Mark {
            i += 1;
            continue;
        }
        let straight = text.get(t.s..t.e) == Some("\"");
        // An attribute's value closes at the next straight mark, if near.
        if let Some(o) = attr_open.filter(|&o| straight && t.s - toks[o].e <= 200) {
            toks[o].kind = Kind::Punct;
            toks[i].kind = Kind::Punct;
            attr_open = None;
            i += 1;
            continue;
        }
        attr_open = None;
        if straight && prev_char(text, t.s) == Some('=') {
            attr_open = Some(i);
        } else if straight && next_char(text, t.e) == Some('>') {
            // `">`: the end of a value whose opening the text lost.
            toks[i].kind = Kind::Punct;
        } else if let Some(c) = nickname_close(text, toks, i) {
            toks[i].kind = Kind::Punct;
            toks[c].kind = Kind::Punct;
            i = c;
        }
        i += 1;
    }
}

/// Whether mark `close` can close a quotation opened by mark `open`.
fn closes(open: &str, close: &str) -> bool {
    match open {
        "\u{201C}" => matches!(close, "\u{201D}" | "\u{201C}" | "\""),
        "\u{201D}" => matches!(close, "\u{201D}" | "\""),
        "\u{201E}" => matches!(close, "\u{201C}" | "\u{201D}" | "\""),
        "\u{00AB}" => close == "\u{00BB}",
        "\u{00BB}" => close == "\u{00AB}",
        "\"" => matches!(close, "\"" | "\u{201D}"),
        "''" | "``" => close == "''",
        "\u{201F}" => matches!(close, "\u{201D}" | "\""),
        _ => false,
    }
}

/// Pairs the quotation marks of one paragraph `toks[a..b]`.
pub fn pair(text: &str, toks: &[Tok], a: usize, b: usize, out: &mut Vec<QSpan>) {
    let mut open: Option<usize> = None;
    let b = b.min(toks.len());
    for i in a..b {
        let t = toks[i];
        if t.kind != Kind::Mark {
            continue;
        }
        let m = text.get(t.s..t.e).unwrap_or("");
        let before = prev_char(text, t.s);
        let after = next_char(text, t.e);
        let b_sp = before.map(|c| c.is_whitespace()).unwrap_or(true);
        let b_op = before
            .map(|c| {
                matches!(
                    c,
                    // A closing curly mark right before ("…native-born.”“Your facts …"):
                    // two quotations run together. A tag's end, in markup left in a text.
                    '(' | '['
                        | '{'
                        | '\u{2018}'
                        | '\''
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | ':'
                        | '\u{201D}'
                        | '>'
                )
            })
            .unwrap_or(false);
        let a_sp = after.map(|c| c.is_whitespace()).unwrap_or(true);
        let a_pu = after
            .map(|c| {
                matches!(
                    c,
                    ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '\u{2019}'
                )
            })
            .unwrap_or(false);
        let mut looks_open = (b_sp || b_op) && (!a_sp && !a_pu || space_then_ellipsis(text, t.e));
        let mut looks_close = !b_sp && (a_sp || a_pu || !b_op) && !looks_open;
        // French spacing: « Non. »
        if m == "\u{00AB}" && (b_sp || b_op) {
            looks_open = true;
            looks_close = false;
        } else if m == "\u{00BB}" && (a_sp || a_pu) && open.is_some() {
            looks_close = true;
            looks_open = false;
        }
        match open {
            None => {
                let closer_only = matches!(m, "\u{201D}" | "\u{00BB}") && !looks_open;
                // Nothing is open, so a mark glued to a sentence's end or a comma and the next
                // word opens ("…declined to be named.\"We basically got deceived…\"", "Ryan
                // said,“Look, …”").
                let glued = matches!(before, Some('.' | '?' | '!' | ','))
                    && after.is_some_and(|c| c.is_alphanumeric());
                // A curly opening mark after a space opens even with a space after it
                // ("“ You know, …”").
                let opener_only = m == "\u{201C}" && (b_sp || b_op) && a_sp;
                if looks_open
                    || opener_only
                    || glued && !closer_only
                    || !(looks_close || closer_only || (b_sp && a_sp))
                {
                    open = Some(i);
                }
            }
            Some(o) => {
                let om = text.get(toks[o].s..toks[o].e).unwrap_or("");
                if closes(om, m) && looks_close {
                    out.push(QSpan {
                        open: o,
                        close: Some(i),
                        last: i,
                        start: toks[o].s,
                        end: t.e,
                    });
                    open = None;
                } else if looks_open {
                    // The earlier mark was never closed: start over here.
                    open = Some(i);
                } else if closes(om, m) && b_sp && a_sp && om == m {
                    // An isolated straight mark while one is open: toggle.
                    out.push(QSpan {
                        open: o,
                        close: Some(i),
                        last: i,
                        start: toks[o].s,
                        end: t.e,
                    });
                    open = None;
                }
            }
        }
    }
    if let Some(o) = open {
        // Unclosed: keep it only when it opens the paragraph or follows a colon/comma,
        // and never past the paragraph.
        let starts_para = o == a;
        // Or after a sentence's end: "“…,” Rubio said. “But presidents can’t …" running on
        // into the next paragraph.
        let after_colon = o > a
            && matches!(
                text.get(toks[o - 1].s..toks[o - 1].e),
                Some(":") | Some(",") | Some(".") | Some("?") | Some("!")
            );
        if (starts_para || after_colon) && o + 1 < b {
            out.push(QSpan {
                open: o,
                close: None,
                last: b - 1,
                start: toks[o].s,
                end: toks[b - 1].e,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{paragraphs, tokenize};
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        let mut toks = tokenize(text);
        demote_non_quotes(text, &mut toks);
        let mut out = Vec::new();
        for (a, b) in paragraphs(&toks) {
            pair(text, &toks, a, b, &mut out);
        }
        out.iter().map(|q| &text[q.start..q.end]).collect()
    }

    #[test]
    fn markup_attribute_values_are_not_quotations() {
        // Embedded markup left in a text: the attribute values' marks pair with nothing, and
        // the tweet's words after `">` are not a quotation.
        assert_eq!(
            spans("<tweet author=\"@tedcruz\" date=\"January 19, 2016\n\">I love it. Yes.</tweet>"),
            Vec::<&str>::new()
        );
        assert_eq!(
            spans("<p class=\"x\">\"Yes,\" he said.</p>"),
            vec!["\"Yes,\""]
        );
        assert_eq!(
            spans("See <a href=\"http://x.org/a\">the \"full\" text</a> here."),
            vec!["\"full\""]
        );
    }

    #[test]
    fn kinds_of_marks() {
        assert_eq!(spans("He said \"yes, sir,\" twice."), vec!["\"yes, sir,\""]);
        assert_eq!(
            spans("“It’s mine,” she said. “Don’t.”"),
            vec!["“It’s mine,”", "“Don’t.”"]
        );
        assert_eq!(
            spans("Er sagte: „Wir schaffen das.“ Dann ging er."),
            vec!["„Wir schaffen das.“"]
        );
        assert_eq!(
            spans("Il a dit : « Non merci. » Puis rien."),
            vec!["« Non merci. »"]
        );
        assert_eq!(spans("''We won,'' he said."), vec!["''We won,''"]);
        // Two quotations run together without a space.
        assert_eq!(
            spans("It was “wrong.”“Your facts are wrong,” Ramos wrote."),
            vec!["“wrong.”", "“Your facts are wrong,”"]
        );
        // A mark glued to a sentence's end and the next word, with nothing open, opens.
        assert_eq!(
            spans("said the owner.\"We got deceived.\" Then"),
            vec!["\"We got deceived.\""]
        );
        // So does one glued to a comma and the next word.
        assert_eq!(
            spans("Ryan said,“Look, it has no place. None.” Then"),
            vec!["“Look, it has no place. None.”"]
        );
        assert_eq!(
            spans("Ryan said,\"Look, it has no place.\" Then"),
            vec!["\"Look, it has no place.\""]
        );
        // A curly opening mark with a space after it still opens.
        assert_eq!(
            spans("Henry said. “ You know, it is real.” Then"),
            vec!["“ You know, it is real.”"]
        );
    }

    #[test]
    fn invisible_characters_and_elided_openings() {
        // A bidi embedding left by web copy before a closing-style mark used to open.
        assert_eq!(
            spans("Fans wrote back.\n\u{202A}”Sorry Sarah, you were right!” posted one.\n"),
            vec!["”Sorry Sarah, you were right!”"]
        );
        // A quotation that begins mid-sentence: mark, space, ellipsis.
        assert_eq!(
            spans("” … in the case of Wyoming, the train has left,” wrote Time."),
            vec!["” … in the case of Wyoming, the train has left,”"]
        );
        assert_eq!(
            spans("He said “ ... we will win.” Then"),
            vec!["“ ... we will win.”"]
        );
    }

    #[test]
    fn nested_singles_and_apostrophes() {
        assert_eq!(
            spans("“He told me ‘never again’ and left,” Ann's aide said."),
            vec!["“He told me ‘never again’ and left,”"]
        );
        assert_eq!(
            spans("It's the Smiths' house, isn't it?"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn unbalanced_is_bounded_by_paragraph() {
        let t = "“We will fight on and on\n“And we will win.”\nThe rest is news.";
        assert_eq!(
            spans(t),
            vec!["“We will fight on and on", "“And we will win.”"]
        );
        assert_eq!(
            spans("A stray ” mark.\nAnother \" one here"),
            Vec::<&str>::new()
        );
        // Left open after a sentence's end: it runs on into the next paragraph.
        assert_eq!(
            spans(
                "“Trump says things,” Rubio said. “But presidents can’t.\n“It has consequences.”"
            ),
            vec![
                "“Trump says things,”",
                "“But presidents can’t.",
                "“It has consequences.”"
            ]
        );
        let many = "\"".repeat(5001);
        let _ = spans(&many);
        let _ = spans("”“”“„«»''``");
        assert!(spans("").is_empty());
    }
}
