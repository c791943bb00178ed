//! What each HTML element is to the readers, in one table of tag names.
//!
//! Why: the tag-soup depth limiter, the HTML sniffing of text fields and the
//! fragment-to-text converter (`html`) and the main-text extractor (`main_text`) each need
//! sets of element names (void elements, block elements, boilerplate...). Written as separate lists, the same names (`h1`..`h6`, `li`,
//! `ul`...) stood in several places, and a tag added to one list was easily missed in the
//! next. Here each name stands once, with every kind it is of.

/// Kinds of element, as bits: an element may be of several.
pub type Kind = u8;

/// Elements without content: they never nest.
pub const VOID: Kind = 1 << 0;
/// Elements that close an open one of their kind instead of nesting in it (or are merged
/// into the one there is): they do not add depth.
pub const CLOSES_ITS_KIND: Kind = 1 << 1;
/// Start tags that end SVG/MathML content (the HTML parser's "breakout" list).
pub const BREAKS_OUT_OF_FOREIGN: Kind = 1 << 2;
/// Block-level elements of an HTML fragment (a JSON record's body): their boundaries are
/// line breaks.
pub const FRAGMENT_BLOCK: Kind = 1 << 3;
/// Elements whose boundaries end a paragraph of a page's main text.
pub const PARAGRAPH_BREAK: Kind = 1 << 4;
/// Elements that are never article text (scripts, navigation, forms, media...): the main
/// text extractor skips them with all they contain.
pub const BOILERPLATE: Kind = 1 << 5;
/// Tags whose presence in a text field (a JSON record's body) mark it as HTML.
pub const HTML_SIGN: Kind = 1 << 6;

/// The kinds of element `name` (lower case); 0 for one of none.
fn kinds(name: &str) -> Kind {
    match name {
        "audio" | "button" | "canvas" | "dialog" | "iframe" | "label" | "noscript" | "object"
        | "picture" | "script" | "select" | "style" | "svg" | "template" | "textarea" | "time"
        | "video" => BOILERPLATE,
        "big" | "code" | "font" | "listing" | "nobr" | "ruby" | "s" | "small" | "strike"
        | "sub" | "sup" | "tt" | "u" | "var" => BREAKS_OUT_OF_FOREIGN,
        "area" | "base" | "basefont" | "bgsound" | "col" | "frame" | "image" | "keygen"
        | "link" | "param" | "source" | "track" | "wbr" => VOID,
        "blockquote" | "div" | "h1" | "h2" | "h3" | "h4" | "ol" | "table" | "ul" => {
            BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK | HTML_SIGN
        }
        "address" | "caption" | "details" | "fieldset" | "form" | "summary" | "tbody" | "thead" => {
            PARAGRAPH_BREAK
        }
        "b" | "em" | "i" | "span" | "strong" => BREAKS_OUT_OF_FOREIGN | HTML_SIGN,
        "h5" | "h6" | "pre" => BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK,
        "article" | "header" | "main" => FRAGMENT_BLOCK | PARAGRAPH_BREAK,
        "center" | "dl" => BREAKS_OUT_OF_FOREIGN | PARAGRAPH_BREAK,
        "dd" | "dt" => CLOSES_ITS_KIND | BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK,
        "li" | "p" => {
            CLOSES_ITS_KIND | BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK | HTML_SIGN
        }
        "html" | "td" => CLOSES_ITS_KIND | PARAGRAPH_BREAK | HTML_SIGN,
        "figcaption" | "footer" => FRAGMENT_BLOCK | PARAGRAPH_BREAK | BOILERPLATE,
        "aside" | "figure" => FRAGMENT_BLOCK | PARAGRAPH_BREAK | BOILERPLATE | HTML_SIGN,
        "menu" => BREAKS_OUT_OF_FOREIGN | BOILERPLATE,
        "option" => CLOSES_ITS_KIND,
        "head" => CLOSES_ITS_KIND | BREAKS_OUT_OF_FOREIGN | BOILERPLATE,
        "body" => CLOSES_ITS_KIND | BREAKS_OUT_OF_FOREIGN | PARAGRAPH_BREAK | HTML_SIGN,
        "tr" => CLOSES_ITS_KIND | FRAGMENT_BLOCK | PARAGRAPH_BREAK | HTML_SIGN,
        "th" => CLOSES_ITS_KIND | PARAGRAPH_BREAK,
        "section" => FRAGMENT_BLOCK | PARAGRAPH_BREAK | HTML_SIGN,
        "a" => HTML_SIGN,
        "nav" => PARAGRAPH_BREAK | BOILERPLATE,
        "input" => VOID | BOILERPLATE,
        "meta" => VOID | BREAKS_OUT_OF_FOREIGN,
        "embed" => VOID | BREAKS_OUT_OF_FOREIGN | BOILERPLATE,
        "hr" => VOID | BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK,
        "br" => VOID | BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK | HTML_SIGN,
        "img" => VOID | BREAKS_OUT_OF_FOREIGN | HTML_SIGN,
        _ => 0,
    }
}

/// Is element `name` (lower case) of `kind` (or of one of several kinds or-ed together)?
pub fn is(name: &str, kind: Kind) -> bool {
    kinds(name) & kind != 0
}

/// The lower-case element name at the start of `tag`, the text after its `<` (the `/` of
/// an end tag skipped): `"/P class=x"` → `"p"`.
pub fn name_in(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_kinds() {
        assert_eq!(name_in("/P class=x"), "p");
        assert_eq!(name_in("h2>"), "h2");
        assert!(is("h2", FRAGMENT_BLOCK) && is("h2", PARAGRAPH_BREAK) && !is("h2", VOID));
        assert!(is("embed", VOID) && is("embed", BOILERPLATE));
        assert!(!is("P", PARAGRAPH_BREAK) && !is("unknown", !0));
    }
}
