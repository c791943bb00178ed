//! The `Article`: what every archive reader produces and every later stage consumes.
//!
//! Readers fill what their format knows; everything is optional except the text and the
//! path, because real archives are ragged. The id is resolved once, in [`Article::stable_id`],
//! so that re-indexing the same archive replaces rather than duplicates.

use serde::{Deserialize, Serialize};

/// One news article as read from an archive, before extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The article's own id (from the data), if it has one.
    pub id: Option<String>,
    pub title: Option<String>,
    /// RFC 3339 UTC (`2020-03-03T10:00:00Z`) when the reader could normalise it.
    pub date: Option<String>,
    /// Publisher or site ("BBC", "reuters.com").
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Where it came from: the file path, with `#N` for the N-th record in a multi-record file.
    pub path: String,
    /// The article body as plain text (paragraphs separated by newlines).
    pub text: String,
}

impl Article {
    /// The id the index uses: the article's own id, else its URL, else a hash of its
    /// whitespace-normalised text (`text/<hex>`). Stable across runs and machines.
    pub fn stable_id(&self) -> String {
        if let Some(id) = self.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            return id.to_string();
        }
        if let Some(url) = self.url.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            return url.to_string();
        }
        format!("text/{:016x}", text_hash(&self.text))
    }

    /// A hash of everything an article contributes to the index, to tell a changed
    /// article from an unchanged one on re-indexing.
    pub fn content_hash(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for part in [
            &self.title,
            &self.date,
            &self.source,
            &self.url,
            &self.author,
        ] {
            h.update(part.as_deref().unwrap_or("").as_bytes());
            h.update(&[0]);
        }
        h.update(self.path.as_bytes());
        h.update(&[0]);
        h.update(self.text.as_bytes());
        h.digest()
    }
}

/// xxh3 of the text with runs of whitespace (as `char::is_whitespace` defines it) folded to
/// one space and the ends trimmed. The folded text is built in one pass (printable ASCII is
/// checked eight bytes at a time, other ASCII without decoding) and hashed in one call: word-by-word hashing over
/// `split_whitespace` cost more than the geoparser on texts without an id or URL.
///
/// A single space between two plain bytes folds to itself, so it stays inside the run being
/// copied: a line of prose is one copy, not one per word (word-sized copies were most of
/// this function's cost).
pub fn text_hash(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut folded: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let run = plain_run(&bytes[i..]);
        if run > 0 {
            if space {
                folded.push(b' ');
                space = false;
            }
            folded.extend_from_slice(&bytes[i..i + run]);
            i += run;
            continue;
        }
        // Not plain: ASCII whitespace, or the first byte of a non-ASCII character.
        let (is_space, len) = match bytes[i] {
            b if b < 0x80 => (true, 1),
            _ => match text[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            },
        };
        if is_space {
            space = !folded.is_empty();
        } else {
            if space {
                folded.push(b' ');
                space = false;
            }
            folded.extend_from_slice(&bytes[i..i + len]);
        }
        i += len;
    }
    xxhash_rust::xxh3::xxh3_64(&folded)
}

/// ASCII other than whitespace: copied as it is.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = !matches!(b as u8, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        b += 1;
    }
    t
};

/// The length of the run at the start of `bytes` that folding leaves as it is: plain bytes,
/// and single spaces between two plain bytes. Zero when `bytes` starts with another byte.
///
/// Eight bytes at a time: a byte ends the run when it is below 0x21 or not ASCII, unless it
/// is a space whose next byte is neither. Runs end at line ends, not at each word, so a word
/// costs no call and no branch of its own (byte by byte, news prose stopped every six bytes).
/// A control character other than whitespace (and a space before one) also ends a chunk's
/// run early; it is plain, so the next call starts a run with it (or a space and then it):
/// only where runs split changes, never the folded text.
#[inline]
fn plain_run(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(&b) if PLAIN[usize::from(b)] => {}
        _ => return 0,
    }
    // From the second byte: a run of a plain byte is never empty, even when a chunk ends it
    // early at a control character.
    let mut i = 1;
    // Each chunk also reads the byte after it (the one after a space at its end).
    while let Some(chunk) = bytes.get(i..i + 9) {
        let mut w = [0u8; 8];
        w.copy_from_slice(&chunk[..8]);
        let x = u64::from_le_bytes(w);
        w.copy_from_slice(&chunk[1..]);
        let next = u64::from_le_bytes(w);
        let end = other_bytes(x) & !(space_bytes(x) & !other_bytes(next));
        if end != 0 {
            return i + (end.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    // The last bytes, one at a time.
    while let Some(&b) = bytes.get(i) {
        let single_space =
            b == b' ' && i > 0 && bytes.get(i + 1).is_some_and(|&n| PLAIN[usize::from(n)]);
        if !PLAIN[usize::from(b)] && !single_space {
            break;
        }
        i += 1;
    }
    i
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is below 0x21 or not ASCII (exact per byte: the
/// sums stay inside their byte).
#[inline]
fn other_bytes(x: u64) -> u64 {
    let at_least_21 = (x & !HIGH).wrapping_add((0x80 - 0x21) * ONES);
    (x | !at_least_21) & HIGH
}

/// The high bit of each byte of `x` that is a space (exact per byte).
#[inline]
fn space_bytes(x: u64) -> u64 {
    let t = x ^ (0x20 * ONES);
    let nonzero = ((t & !HIGH).wrapping_add(!HIGH)) | t;
    !nonzero & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_hash_is_the_hash_of_the_folded_text() {
        // Ids of indexed articles depend on it: it must not change with the implementation.
        let folded = "Officials in Houston urged residents to stay home.";
        let expected = xxhash_rust::xxh3::xxh3_64(folded.as_bytes());
        assert_eq!(
            text_hash("  Officials in\tHouston\n\nurged residents  to stay home.\n"),
            expected
        );
        assert_eq!(text_hash(" \n "), xxhash_rust::xxh3::xxh3_64(b""));
        // Unicode whitespace folds too (no-break and ideographic spaces), other bytes stay.
        assert_eq!(
            text_hash("Bakı\u{a0}\u{3000}Azərbaycan\u{b}x"),
            xxhash_rust::xxh3::xxh3_64("Bakı Azərbaycan x".as_bytes())
        );
        // Single spaces inside runs, spaces before and after other characters.
        let cases = [
            ("a b  c\td \n e", "a b c d e"),
            ("x y", "x y"),
            (" x y ", "x y"),
            ("é b c é", "é b c é"),
            ("a \u{a0}b", "a b"),
            ("a b\u{3000}c d", "a b c d"),
            ("ab cd  ", "ab cd"),
            (
                "long line of words\x01 with a control byte  in it",
                "long line of words\x01 with a control byte in it",
            ),
            ("twelve bytes\x01\x01 x y", "twelve bytes\x01\x01 x y"),
        ];
        for (text, folded) in cases {
            assert_eq!(
                text_hash(text),
                xxhash_rust::xxh3::xxh3_64(folded.as_bytes()),
                "{text:?}"
            );
        }
    }

    /// [`plain_run`] as first written, a byte at a time: the run it finds.
    fn plain_run_bytewise(bytes: &[u8]) -> usize {
        let mut i = 0;
        loop {
            while i < bytes.len() && PLAIN[usize::from(bytes[i])] {
                i += 1;
            }
            let single_space = i > 0
                && bytes.get(i) == Some(&b' ')
                && bytes.get(i + 1).is_some_and(|&b| PLAIN[usize::from(b)]);
            if !single_space {
                return i;
            }
            i += 2;
        }
    }

    /// Whether a run `fast` long, where the byte-wise scan finds `exact`, folds the same:
    /// equal, or shorter and never empty, ending at a control character or at a space
    /// before one (the next run starts there).
    fn early_stop_is_harmless(w: &[u8], fast: usize, exact: usize) -> bool {
        let control = |b: Option<&u8>| b.is_some_and(|&b| b < 0x20 && PLAIN[usize::from(b)]);
        fast == exact
            || fast > 0
                && fast < exact
                && (control(w.get(fast)) || w[fast] == b' ' && control(w.get(fast + 1)))
    }

    #[test]
    fn plain_run_ends_where_folding_would_change_a_byte() {
        let text =
            b"ab!~\x7f cd\x20\x21\x00\x1f\x80\xffxyz0123456789 A  BCDEFGHIJ\n k\tl \r m n\x0b";
        for s in 0..text.len() {
            for e in s..=text.len() {
                let w = &text[s..e];
                let exact = plain_run_bytewise(w);
                let fast = plain_run(w);
                assert!(
                    early_stop_is_harmless(w, fast, exact),
                    "{w:?}: {fast} vs {exact}"
                );
            }
        }
        // Every byte value in every position of a chunk, with every neighbour class.
        for b in 0..=255u8 {
            for pos in 0..12 {
                for n in [b'a', b' ', b'\n', 0x80, 0x01] {
                    let mut w = b"abcdefghijklmn".to_vec();
                    w[pos] = b;
                    w[pos + 1] = n;
                    let (fast, exact) = (plain_run(&w), plain_run_bytewise(&w));
                    assert!(
                        early_stop_is_harmless(&w, fast, exact),
                        "{w:?}: {fast} vs {exact}"
                    );
                }
            }
        }
    }

    #[test]
    fn id_prefers_own_id_then_url_then_text_hash() {
        let mut a = Article {
            text: "Hello  world\n".into(),
            ..Default::default()
        };
        let b = Article {
            text: " Hello world".into(),
            ..Default::default()
        };
        assert_eq!(
            a.stable_id(),
            b.stable_id(),
            "whitespace must not change the id"
        );
        assert!(a.stable_id().starts_with("text/"));
        a.url = Some("https://example.com/x".into());
        assert_eq!(a.stable_id(), "https://example.com/x");
        a.id = Some("42".into());
        assert_eq!(a.stable_id(), "42");
    }

    #[test]
    fn content_hash_changes_with_text() {
        let a = Article {
            text: "one".into(),
            ..Default::default()
        };
        let b = Article {
            text: "two".into(),
            ..Default::default()
        };
        assert_ne!(a.content_hash(), b.content_hash());
    }
}
