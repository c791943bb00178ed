//! One walk of a parsed page that adds up, per element, what the texts inside it give.
//!
//! Why: the main-text extractor sizes every element twice (the visible text before any
//! boilerplate removal, then text and link text while it cuts paragraphs), and both walks
//! need the same care: iterative, so any nesting depth is safe; skipped subtrees left out
//! whole; each element's sum added to its parent's when it closes. That walk is written
//! once here; a [`Visit`] says what to skip, what a text is worth and what to do meanwhile.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::HashMap;
use std::ops::AddAssign;

/// What a walk does at each element and text node.
pub trait Visit {
    /// What a text gives the elements around it (a length, say).
    type Sum: Copy + Default + AddAssign;
    /// At an element's start tag: false skips it with all it contains (it gets no sum and
    /// no [`Visit::close`]).
    fn open(&mut self, id: NodeId, el: &Element) -> bool;
    /// At a text node outside skipped elements: what it adds to every element around it.
    fn text(&mut self, text: &str) -> Self::Sum;
    /// At the end tag of an element that was not skipped.
    fn close(&mut self, el: &Element);
}

/// Walk `doc` in document order with `visit`; the sum of every element not skipped.
pub fn sum_elements<V: Visit>(doc: &Html, visit: &mut V) -> HashMap<NodeId, V::Sum> {
    let mut sums = HashMap::new();
    let mut stack: Vec<(NodeId, V::Sum)> = Vec::new();
    let mut skip: Option<NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        if visit.open(node.id(), el) {
                            stack.push((node.id(), V::Sum::default()));
                        } else {
                            skip = Some(node.id());
                        }
                    }
                    Node::Text(t) => {
                        let n = visit.text(t);
                        if let Some(top) = stack.last_mut() {
                            top.1 += n;
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    visit.close(el);
                    if let Some((id, s)) = stack.pop() {
                        sums.insert(id, s);
                        if let Some(parent) = stack.last_mut() {
                            parent.1 += s;
                        }
                    }
                }
            }
        }
    }
    sums
}
