//! What each HTML element is to the readers, in one table of tag names.
//!
//! Why: the tag-soup depth limiter and the fragment-to-text converter (`html`) and the
//! main-text extractor (`main_text`) each need sets of element names (void elements, block
//! elements, boilerplate...). Written as separate lists, the same names (`h1`..`h6`, `li`,
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

/// The kinds of element `name` (lower case); 0 for one of none.
fn kinds(name: &str) -> Kind {
    match name {
        "b" | "big" | "code" | "em" | "font" | "i" | "listing" | "nobr" | "ruby" | "s"
        | "small" | "span" | "strike" | "strong" | "sub" | "sup" | "tt" | "u" | "var" => {
            BREAKS_OUT_OF_FOREIGN
        }
        "audio" | "button" | "canvas" | "dialog" | "iframe" | "label" | "noscript" | "object"
        | "picture" | "script" | "select" | "style" | "svg" | "template" | "textarea" | "time"
        | "video" => BOILERPLATE,
        "area" | "base" | "basefont" | "bgsound" | "col" | "frame" | "image" | "keygen"
        | "link" | "param" | "source" | "track" | "wbr" => VOID,
        "blockquote" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ol" | "pre" | "table"
        | "ul" => BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK,
        "address" | "caption" | "details" | "fieldset" | "form" | "summary" | "tbody" | "thead" => {
            PARAGRAPH_BREAK
        }
        "dd" | "dt" | "li" | "p" => {
            CLOSES_ITS_KIND | BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK
        }
        "article" | "header" | "main" | "section" => FRAGMENT_BLOCK | PARAGRAPH_BREAK,
        "aside" | "figcaption" | "figure" | "footer" => {
            FRAGMENT_BLOCK | PARAGRAPH_BREAK | BOILERPLATE
        }
        "html" | "td" | "th" => CLOSES_ITS_KIND | PARAGRAPH_BREAK,
        "center" | "dl" => BREAKS_OUT_OF_FOREIGN | PARAGRAPH_BREAK,
        "img" | "meta" => VOID | BREAKS_OUT_OF_FOREIGN,
        "br" | "hr" => VOID | BREAKS_OUT_OF_FOREIGN | FRAGMENT_BLOCK | PARAGRAPH_BREAK,
        "menu" => BREAKS_OUT_OF_FOREIGN | BOILERPLATE,
        "option" => CLOSES_ITS_KIND,
        "head" => CLOSES_ITS_KIND | BREAKS_OUT_OF_FOREIGN | BOILERPLATE,
        "body" => CLOSES_ITS_KIND | BREAKS_OUT_OF_FOREIGN | PARAGRAPH_BREAK,
        "tr" => CLOSES_ITS_KIND | FRAGMENT_BLOCK | PARAGRAPH_BREAK,
        "nav" => PARAGRAPH_BREAK | BOILERPLATE,
        "input" => VOID | BOILERPLATE,
        "embed" => VOID | BREAKS_OUT_OF_FOREIGN | BOILERPLATE,
        _ => 0,
    }
}

/// Is element `name` (lower case) of `kind` (or of one of several kinds or-ed together)?
pub fn is(name: &str, kind: Kind) -> bool {
    kinds(name) & kind != 0
}
