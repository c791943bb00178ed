//! Finding the article body of a parsed HTML page (a readability-style extractor).
//!
//! Why our own: the journalists' quotes live in the body, and a body that drags in
//! "related stories" or comments invents speakers. The extractor works in three passes,
//! all iterative (no recursion, so any nesting depth is safe):
//! 1. walk the tree once, skipping boilerplate subtrees (nav, aside, forms, hidden
//!    elements, class/id like "comment", "share", "related"...), cutting the text into
//!    paragraphs at block boundaries and summing text and link-text lengths per element;
//! 2. score paragraph containers: each paragraph gives its ancestors
//!    `1 + commas + min(len/100, 3)` (parent fully, grandparent half, then a third),
//!    weighted by tag and class hints and discounted by link density;
//! 3. keep the best container and those of its siblings that look like content, and
//!    output their paragraphs, dropping link lists and short boilerplate lines.

use super::element_sums::{sum_elements, Visit};
use super::tags;
use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// One run of inline text between block boundaries.
#[derive(Debug)]
struct Para {
    text: String,
    link_chars: usize,
    /// The nearest block-level element holding it.
    owner: NodeId,
    heading: bool,
    /// Inside an `<h1>` (the page title, not body).
    h1: bool,
}

#[derive(Default, Clone, Copy)]
struct Sums {
    text: usize,
    links: usize,
}

/// The regular expressions the extractor matches class/id strings and lines against,
/// one table so that each pattern is written once and compiled once, on first use.
#[derive(Clone, Copy)]
enum Pattern {
    /// Class/id words of boilerplate blocks, dropped on the first pass.
    Unlikely,
    /// Lines that open a list of other articles, in the languages of the test pages.
    RelatedHeading,
    /// A byline line ("By Jane Doe - 11/18/19 11:04 PM EST").
    Byline,
    /// Class/id words that keep an [`Pattern::Unlikely`] block (it may be the content).
    Maybe,
    /// Class/id words that raise a container's score.
    Positive,
    /// Class/id words that lower a container's score.
    Negative,
}

impl Pattern {
    const COUNT: usize = 6;

    fn source(self) -> &'static str {
        match self {
            Pattern::Unlikely => {
                r"(?i)-ad-|^ad-|-ads?$|^ads?$|advert|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|newsletter|subscribe|signup|promo|outbrain|taboola|cookie|modal|recommend|trending|most-popular|mostpopular|masthead|navbar|topbar|toolbar|skip-link|read-more|readmore|more-stories|tags|print-only|visually-hidden|sr-only|screen-reader|author-bio"
            }
            Pattern::RelatedHeading => {
                r"(?i)^\W*(related( stories| articles| posts| coverage| news| content)?|more (great )?(\w+ )?stories|more from|more on this|recommended( for you| stories)?|you (may|might) (also )?like|read (more|next|also)|see also|also read|trending|most (read|popular)|você (também )?pode gostar|leia (também|mais)|veja (também)?|lesen sie (auch|mehr)|mehr zum thema|à lire aussi|a lire aussi|lire aussi|sur le même sujet|te puede interesar|lee también|ti potrebbe interessare|leggi anche|читайте также|смотрите также)\W*$"
            }
            Pattern::Byline => r"^(By|BY|by|Por|Par|Von|Di|От) \p{Lu}",
            Pattern::Maybe => {
                r"(?i)and|article|body|column|content|main|shadow|story|post|entry|text"
            }
            Pattern::Positive => {
                r"(?i)article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|paragraph|prose"
            }
            Pattern::Negative => {
                r"(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|caption|byline|author|newsletter|recirc"
            }
        }
    }

    /// The compiled pattern; one that does not compile matches nothing.
    fn regex(self) -> &'static Regex {
        static CELLS: [OnceLock<Regex>; Pattern::COUNT] =
            [const { OnceLock::new() }; Pattern::COUNT];
        CELLS[self as usize].get_or_init(|| {
            Regex::new(self.source())
                .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!()))
        })
    }

    fn is_match(self, s: &str) -> bool {
        self.regex().is_match(s)
    }
}

fn class_id(el: &scraper::node::Element) -> String {
    let mut s = String::new();
    if let Some(c) = el.attr("class") {
        s.push_str(c);
    }
    if let Some(i) = el.attr("id") {
        s.push(' ');
        s.push_str(i);
    }
    s
}

/// Is this element boilerplate, to be skipped with all it contains?
fn is_junk(el: &scraper::node::Element, strip_unlikely: bool, big: bool) -> bool {
    let tag = el.name();
    if tags::is(tag, tags::BOILERPLATE) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let st: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if st.contains("display:none") || st.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = el.attr("role") {
        if matches!(
            role,
            "navigation"
                | "complementary"
                | "banner"
                | "menu"
                | "menubar"
                | "dialog"
                | "alert"
                | "contentinfo"
        ) {
            return true;
        }
    }
    if matches!(tag, "body" | "html" | "a" | "article" | "main" | "p") {
        return false;
    }
    // A container holding much of the page's text is not dropped for one strong word in
    // its class ("penci-enable-lightbox" wraps a whole blog post); the broader hints
    // below still apply, and the retry pass undoes them when they remove everything.
    if !big && strong_junk(el) {
        return true;
    }
    let ci = class_id(el);
    if ci.is_empty() || !strip_unlikely {
        return false;
    }
    Pattern::Unlikely.is_match(&ci) && !Pattern::Maybe.is_match(&ci)
}

/// Class/id components that mark boilerplate whatever else the class says; checked on
/// both passes (a `comment-list` is never article text, even on a page short enough to
/// trigger the retry without the broader hints).
const STRONG: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "gallery",
    "caption",
    "credit",
    "credits",
    "byline",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "timestamp",
    "breadcrumb",
    "breadcrumbs",
    "outbrain",
    "taboola",
    "slideshow",
    "carousel",
    "recirc",
    "lightbox",
];

fn strong_junk(el: &scraper::node::Element) -> bool {
    // Generated ids ("gigya-share-btns-2_gig_containerParent") name widgets they
    // contain: for ids only the first component counts.
    if let Some(id) = el.attr("id") {
        let id = id.to_ascii_lowercase();
        if id
            .split(['-', '_'])
            .next()
            .is_some_and(|c| STRONG.contains(&c))
        {
            return true;
        }
    }
    for v in el.attr("class").into_iter() {
        for token in v.split_whitespace() {
            let t = token.to_ascii_lowercase();
            if matches!(
                t.as_str(),
                "hidden"
                    | "hide"
                    | "d-none"
                    | "is-hidden"
                    | "invisible"
                    | "sr-only"
                    | "visually-hidden"
            ) {
                return true;
            }
            if t.split(['-', '_']).any(|c| STRONG.contains(&c)) {
                return true;
            }
        }
    }
    false
}

fn class_weight(el: &scraper::node::Element) -> f64 {
    let mut w = 0.0;
    for v in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        if Pattern::Negative.is_match(v) {
            w -= 25.0;
        }
        if Pattern::Positive.is_match(v) {
            w += 25.0;
        }
    }
    w
}

fn tag_weight(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn push_text(buf: &mut String, t: &str) -> usize {
    let mut added = 0;
    for (i, w) in t.split(char::is_whitespace).enumerate() {
        if i > 0 && !buf.ends_with(' ') && !buf.is_empty() {
            buf.push(' ');
        }
        if !w.is_empty() {
            buf.push_str(w);
            added += w.chars().count();
        }
    }
    added
}

/// Visible-text length of every element (scripts and styles excluded), before any
/// boilerplate removal.
fn raw_sizes(doc: &Html) -> HashMap<NodeId, usize> {
    sum_elements(doc, &mut VisibleText)
}

/// The [`Visit`] of [`raw_sizes`]: trimmed text lengths, skipping only what is never shown.
struct VisibleText;

impl Visit for VisibleText {
    type Sum = usize;
    fn open(&mut self, _: NodeId, el: &scraper::node::Element) -> bool {
        !matches!(
            el.name(),
            "script" | "style" | "noscript" | "template" | "head"
        )
    }
    fn text(&mut self, text: &str) -> usize {
        text.trim().len()
    }
    fn close(&mut self, _: &scraper::node::Element) {}
}

impl std::ops::AddAssign for Sums {
    fn add_assign(&mut self, s: Sums) {
        self.text += s.text;
        self.links += s.links;
    }
}

/// The [`Visit`] of pass 1: cuts the text into paragraphs at block boundaries, skipping
/// junk, and sums text and link text per element.
struct Paragraphs<'a> {
    strip_unlikely: bool,
    raw: &'a HashMap<NodeId, usize>,
    /// The largest raw size (the page's), at least 1.
    total: usize,
    paras: Vec<Para>,
    /// Open block elements: (id, is a heading, is an `<h1>`).
    owners: Vec<(NodeId, bool, bool)>,
    link_depth: usize,
    buf: String,
    buf_links: usize,
}

impl Paragraphs<'_> {
    /// Does this element hold much of the page's text?
    fn big(&self, id: NodeId) -> bool {
        self.raw.get(&id).is_some_and(|&n| n * 10 >= self.total * 4)
    }

    /// End the paragraph being collected.
    fn flush(&mut self) {
        let t = self.buf.trim();
        if !t.is_empty() {
            if let Some(&(owner, heading, h1)) = self.owners.last() {
                self.paras.push(Para {
                    text: t.to_string(),
                    link_chars: self.buf_links,
                    owner,
                    heading,
                    h1,
                });
            }
        }
        self.buf.clear();
        self.buf_links = 0;
    }
}

impl Visit for Paragraphs<'_> {
    type Sum = Sums;
    fn open(&mut self, id: NodeId, el: &scraper::node::Element) -> bool {
        if is_junk(el, self.strip_unlikely, self.big(id)) {
            // A skipped block still ends the paragraph before it.
            if tags::is(el.name(), tags::PARAGRAPH_BREAK) {
                self.flush();
            }
            return false;
        }
        let tag = el.name();
        if tags::is(tag, tags::PARAGRAPH_BREAK) {
            self.flush();
            if tag != "br" && tag != "hr" {
                self.owners.push((
                    id,
                    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
                    tag == "h1",
                ));
            }
        }
        if tag == "a" {
            self.link_depth += 1;
        }
        true
    }
    fn text(&mut self, text: &str) -> Sums {
        let n = push_text(&mut self.buf, text);
        if self.link_depth > 0 {
            self.buf_links += n;
        }
        Sums {
            text: n,
            links: if self.link_depth > 0 { n } else { 0 },
        }
    }
    fn close(&mut self, el: &scraper::node::Element) {
        let tag = el.name();
        if tags::is(tag, tags::PARAGRAPH_BREAK) {
            self.flush();
            if tag != "br" && tag != "hr" {
                self.owners.pop();
            }
        }
        if tag == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
    }
}

/// Pass 1: paragraphs and per-element sums, skipping junk.
fn collect(
    doc: &Html,
    strip_unlikely: bool,
    raw: &HashMap<NodeId, usize>,
) -> (Vec<Para>, HashMap<NodeId, Sums>) {
    let mut walk = Paragraphs {
        strip_unlikely,
        raw,
        total: raw.values().copied().max().unwrap_or(0).max(1),
        paras: Vec::new(),
        owners: Vec::new(),
        link_depth: 0,
        buf: String::new(),
        buf_links: 0,
    };
    let sums = sum_elements(doc, &mut walk);
    walk.flush();
    (walk.paras, sums)
}

fn element<'a>(
    doc: &'a Html,
    id: NodeId,
) -> Option<(NodeRef<'a, Node>, &'a scraper::node::Element)> {
    let n = doc.tree.get(id)?;
    match n.value() {
        Node::Element(e) => Some((n, e)),
        _ => None,
    }
}

fn link_density(sums: &HashMap<NodeId, Sums>, id: NodeId) -> f64 {
    match sums.get(&id) {
        Some(s) if s.text > 0 => s.links as f64 / s.text as f64,
        _ => 0.0,
    }
}

fn commas(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
        .count()
}

/// Below this many characters, a result is retried without class-based stripping
/// (a class like "PageBuilder-pageRow" can hide the whole article).
const RETRY_BELOW: usize = 500;

/// The article body of a page: paragraphs separated by "\n". Empty if none found.
pub fn extract(doc: &Html) -> String {
    let raw = raw_sizes(doc);
    let first = extract_with(doc, true, &raw);
    if first.chars().count() >= RETRY_BELOW {
        return first;
    }
    let second = extract_with(doc, false, &raw);
    if second.chars().count() > 2 * first.chars().count() {
        second
    } else {
        first
    }
}

fn extract_with(doc: &Html, strip_unlikely: bool, raw: &HashMap<NodeId, usize>) -> String {
    let (paras, sums) = collect(doc, strip_unlikely, raw);
    if paras.is_empty() {
        return String::new();
    }
    // Pass 2: score containers.
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let init = |scores: &mut HashMap<NodeId, f64>, doc: &Html, id: NodeId| -> bool {
        if scores.contains_key(&id) {
            return true;
        }
        match element(doc, id) {
            Some((_, el)) if !matches!(el.name(), "html" | "body") => {
                scores.insert(id, tag_weight(el.name()) + class_weight(el));
                true
            }
            _ => false,
        }
    };
    for p in &paras {
        let len = p.text.chars().count();
        if len < 25 || p.heading {
            continue;
        }
        let link_free = len.saturating_sub(p.link_chars);
        if link_free < 25 {
            continue;
        }
        let score = 1.0 + commas(&p.text) as f64 + (len as f64 / 100.0).min(3.0);
        let Some(owner) = doc.tree.get(p.owner) else {
            continue;
        };
        let is_p = matches!(owner.value(), Node::Element(e) if e.name() == "p");
        let mut level = 0usize;
        let mut cur = if is_p { owner.parent() } else { Some(owner) };
        while let Some(n) = cur {
            if level > 3 {
                break;
            }
            if init(&mut scores, doc, n.id()) {
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                if let Some(s) = scores.get_mut(&n.id()) {
                    *s += score / div;
                }
            }
            level += 1;
            cur = n.parent();
        }
    }
    let mut best: Option<(NodeId, f64)> = None;
    for (id, s) in scores.iter_mut() {
        *s *= 1.0 - link_density(&sums, *id);
        if best.is_none_or(|(_, b)| *s > b) {
            best = Some((*id, *s));
        }
    }
    let Some((mut top, mut top_score)) = best else {
        return paras
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
    };
    // An article cut into chunks (ads between them) has several near-best candidates;
    // if two of the next four (scoring >= 75% of the best) share an ancestor with the top
    // one, that ancestor is the article (readability's "alternative candidates" rule).
    let mut ranked: Vec<(NodeId, f64)> = scores.iter().map(|(k, v)| (*k, *v)).collect();
    ranked.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    let alternatives: Vec<NodeId> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|(id, _)| *id)
        .collect();
    if alternatives.len() >= 2 {
        let mut cur = doc.tree.get(top).and_then(|n| n.parent());
        while let Some(anc) = cur {
            if matches!(anc.value(), Node::Element(e) if e.name() == "body")
                || anc.parent().is_none()
            {
                break;
            }
            let contained = alternatives
                .iter()
                .filter(|a| is_ancestor(doc, anc.id(), **a))
                .count();
            if contained >= 2 {
                top = anc.id();
                top_score = scores
                    .get(&top)
                    .copied()
                    .unwrap_or(top_score)
                    .max(top_score);
                break;
            }
            cur = anc.parent();
        }
    }

    if std::env::var_os("WHOSAID_DEBUG_HTML").is_some() {
        let mut v: Vec<_> = scores.iter().collect();
        v.sort_by(|a, b| b.1.partial_cmp(a.1).unwrap_or(std::cmp::Ordering::Equal));
        for (id, s) in v.iter().take(8) {
            if let Some((_, el)) = element(doc, **id) {
                eprintln!(
                    "cand {:.1} {} {:?} {:?} ld={:.2}",
                    s,
                    el.name(),
                    el.attr("class"),
                    el.attr("id"),
                    link_density(&sums, **id)
                );
            }
        }
        eprintln!("paras {}", paras.len());
    }
    // Pass 3: the top container plus content-like siblings.
    let mut keep: HashSet<NodeId> = HashSet::new();
    keep.insert(top);
    let threshold = (top_score * 0.2).max(10.0);
    if let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) {
        for sib in parent.children() {
            if sib.id() == top {
                continue;
            }
            let Node::Element(el) = sib.value() else {
                continue;
            };
            if is_junk(el, strip_unlikely, false) {
                continue;
            }
            let s = scores.get(&sib.id()).copied().unwrap_or(f64::MIN);
            let ok = if s >= threshold {
                true
            } else if el.name() == "p" {
                let text_len = sums.get(&sib.id()).map_or(0, |s| s.text);
                let ld = link_density(&sums, sib.id());
                (text_len > 80 && ld < 0.25)
                    || (text_len > 0 && ld == 0.0 && text_len < 80 && ends_sentence(doc, sib.id()))
            } else {
                false
            };
            if ok {
                keep.insert(sib.id());
            }
        }
    }
    // CMSs cut long articles into chunks with the same tag and class, separated by ads
    // and embeds at a higher level: keep every chunk shaped like the top one.
    if let Some((_, top_el)) = element(doc, top) {
        if let Some(class) = top_el.attr("class").filter(|c| !c.trim().is_empty()) {
            for (id, s) in &scores {
                if *id != top && *s >= top_score * 0.2 {
                    if let Some((_, el)) = element(doc, *id) {
                        if el.name() == top_el.name() && el.attr("class") == Some(class) {
                            keep.insert(*id);
                        }
                    }
                }
            }
        }
    }
    let mut inside: HashMap<NodeId, bool> = HashMap::new();
    let mut out: Vec<&str> = Vec::new();
    // Bytes kept so far (a running sum: summing `out` per paragraph was quadratic).
    let mut so_far = 0usize;
    for p in &paras {
        if !within(doc, p.owner, &keep, &mut inside) {
            continue;
        }
        let len = p.text.chars().count();
        // Link lists are dropped, but a long paragraph with a link-heavy pop-up inside
        // (people cards, glossary tips) keeps its own words.
        if p.h1 || (len > 0 && p.link_chars * 2 > len && len.saturating_sub(p.link_chars) < 200) {
            continue;
        }
        if len < 60 && Pattern::RelatedHeading.is_match(&p.text) {
            // "Related stories" / "You may also like" after the body: a list of other
            // articles follows. Before the body it is a stray label.
            if so_far > 300 {
                break;
            }
            continue;
        }
        if len < 100 && so_far == 0 && Pattern::Byline.is_match(&p.text) {
            continue;
        }
        so_far += p.text.len();
        out.push(&p.text);
    }
    out.join("\n")
}

/// Is `anc` a proper ancestor of `id`?
fn is_ancestor(doc: &Html, anc: NodeId, id: NodeId) -> bool {
    let mut cur = doc.tree.get(id).and_then(|n| n.parent());
    while let Some(n) = cur {
        if n.id() == anc {
            return true;
        }
        cur = n.parent();
    }
    false
}

fn ends_sentence(doc: &Html, id: NodeId) -> bool {
    let Some(n) = doc.tree.get(id) else {
        return false;
    };
    let mut last = String::new();
    for d in n.descendants() {
        if let Node::Text(t) = d.value() {
            if !t.trim().is_empty() {
                last = t.trim().to_string();
            }
        }
    }
    last.ends_with(['.', '!', '?', '"', '”'])
}

/// Is `id` inside one of the kept nodes? Memoised over the ancestors walked.
fn within(
    doc: &Html,
    id: NodeId,
    keep: &HashSet<NodeId>,
    memo: &mut HashMap<NodeId, bool>,
) -> bool {
    let mut path = Vec::new();
    let mut cur = doc.tree.get(id);
    let mut answer = false;
    while let Some(n) = cur {
        if keep.contains(&n.id()) {
            answer = true;
            break;
        }
        if let Some(&m) = memo.get(&n.id()) {
            answer = m;
            break;
        }
        path.push(n.id());
        cur = n.parent();
    }
    for p in path {
        memo.insert(p, answer);
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_article_not_navigation() {
        let body = "<p>The minister said on Tuesday that the plan, which has been debated for months, would go ahead.</p>".repeat(4);
        let html = format!(
            "<html><body><nav><a href=/>Home</a> <a href=/x>World</a></nav>\
             <div class=sidebar><p>Most read, most shared, most commented stories of the day here.</p></div>\
             <article><h1>Title</h1>{body}<div class=share>Share this on Facebook, Twitter, email</div></article>\
             <div id=comments><p>I disagree with this, totally, and so does my cousin, who knows.</p></div>\
             <footer>Copyright, all rights reserved, 2020</footer></body></html>"
        );
        let doc = Html::parse_document(&html);
        let text = extract(&doc);
        assert!(text.starts_with("The minister said"), "{text}");
        assert_eq!(text.lines().count(), 4, "{text}");
        assert!(
            !text.contains("Facebook") && !text.contains("cousin") && !text.contains("Copyright")
        );
    }

    #[test]
    fn stops_at_related_heading() {
        let body = "<p>The minister said on Tuesday that the plan, which has been debated for months, would go ahead.</p>".repeat(4);
        let html = format!("<article>{body}<h3>Related stories</h3><p>Another story, about something else entirely, with commas, here.</p></article>");
        let text = extract(&Html::parse_document(&html));
        assert_eq!(text.lines().count(), 4, "{text}");
    }

    #[test]
    fn deep_tree_does_not_overflow() {
        // 5,000 levels reach the extractor (deeper pages are flattened before parsing).
        let depth = 5_000;
        let html = format!(
            "{}<p>Deep text, with a comma, and more words here.</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let doc = Html::parse_document(&html);
        let text = extract(&doc);
        assert!(text.contains("Deep text"));
    }
}
