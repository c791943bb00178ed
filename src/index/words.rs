//! The tokenizer of prose fields ([`super::schema::WORDS`]) in one pass.
//!
//! It yields exactly the tokens of Tantivy's `SimpleTokenizer` followed by
//! `RemoveLongFilter::limit(WORD_LIMIT)`, `LowerCaser` and `AsciiFoldingFilter` (same text,
//! offsets and positions, a removed long word still taking its position), so indexes written
//! before and after it are the same and queries match them alike.
//!
//! Why: the chain of four streams was a fifth of Tantivy's indexing work (every article body
//! and quote goes through it), most of it per-token calls and checks that an ASCII word does
//! not need. Here an ASCII word is found, measured and lower-cased while it is scanned; a word
//! with any other character goes through Tantivy's own `LowerCaser` and `AsciiFoldingFilter`,
//! so the Unicode rules stay theirs.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Words of this many bytes or more are dropped, as by `RemoveLongFilter::limit`.
pub const WORD_LIMIT: usize = 60;

/// See the module documentation.
#[derive(Clone)]
pub struct WordsTokenizer {
    token: Token,
    /// Lower-casing and folding of a word that is not all ASCII: Tantivy's filters on the word.
    fold: TextAnalyzer,
}

impl Default for WordsTokenizer {
    fn default() -> Self {
        WordsTokenizer {
            token: Token::default(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

pub struct WordsStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts, in bytes.
    at: usize,
    token: &'a mut Token,
    fold: &'a mut TextAnalyzer,
}

impl Tokenizer for WordsTokenizer {
    type TokenStream<'a> = WordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordsStream<'a> {
        self.token.reset();
        WordsStream {
            text,
            at: 0,
            token: &mut self.token,
            fold: &mut self.fold,
        }
    }
}

/// What a byte is to the word scanner: an ASCII separator, an ASCII letter or digit (upper
/// case also sets [`UPPER`]), or a byte of a longer character (to decode and ask).
const SEP: u8 = 0;
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
const WIDE: u8 = 4;

static CLASS: [u8; 256] = {
    let mut class = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        class[b] = if byte.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if byte.is_ascii_alphanumeric() {
            ALNUM
        } else {
            SEP
        };
        b += 1;
    }
    class
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// Whether the character at byte `i` of `text` (a char boundary, not ASCII) is alphanumeric,
/// and its length in bytes.
#[inline(never)]
fn wide_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let c = text.get(i..)?.chars().next()?;
    Some((c.is_alphanumeric(), c.len_utf8()))
}

/// A word found by [`WordsStream::next_word`].
struct Word {
    from: usize,
    to: usize,
    /// Some character is not ASCII.
    wide: bool,
    /// Some character is an ASCII capital.
    upper: bool,
}

impl WordsStream<'_> {
    /// The next word, as `SimpleTokenizer` splits them: a run of alphanumeric characters.
    fn next_word(&mut self) -> Option<Word> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // Byte by byte with an index: slicing the rest and searching it (`position`) for
        // each separator and each word cost more than the scan itself on short words.
        let from = loop {
            let c = class(*bytes.get(i)?);
            if c & ALNUM != 0 {
                break i;
            }
            if c == SEP {
                i += 1;
                continue;
            }
            let (alnum, len) = wide_at(self.text, i)?;
            if alnum {
                break i;
            }
            i += len;
        };
        let (mut wide, mut upper) = (false, false);
        loop {
            let mut seen = 0;
            while let Some(&b) = bytes.get(i) {
                let c = class(b);
                if c & ALNUM == 0 {
                    break;
                }
                seen |= c;
                i += 1;
            }
            upper |= seen & UPPER != 0;
            // A longer character goes on with the word when it is alphanumeric.
            if bytes.get(i).is_none_or(|&b| class(b) != WIDE) {
                break;
            }
            match wide_at(self.text, i) {
                Some((true, len)) => {
                    wide = true;
                    i += len;
                }
                _ => break,
            }
        }
        self.at = i;
        Some(Word {
            from,
            to: i,
            wide,
            upper,
        })
    }
}

/// Appends `word` (not all ASCII) lower-cased and folded by Tantivy's own filters.
#[cold]
#[inline(never)]
fn fold_into(fold: &mut TextAnalyzer, word: &str, out: &mut String) {
    let mut folded = fold.token_stream(word);
    if let Some(t) = folded.next() {
        out.push_str(&t.text);
    }
}

impl TokenStream for WordsStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            self.token.text.clear();
            // Every word takes a position, a removed one too.
            self.token.position = self.token.position.wrapping_add(1);
            let Some(w) = self.next_word() else {
                self.at = self.text.len();
                return false;
            };
            if w.to - w.from >= WORD_LIMIT {
                continue;
            }
            self.token.offset_from = w.from;
            self.token.offset_to = w.to;
            let word = &self.text[w.from..w.to];
            if !w.wide {
                self.token.text.push_str(word);
                if w.upper {
                    self.token.text.make_ascii_lowercase();
                }
            } else {
                fold_into(self.fold, word, &mut self.token.text);
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push(t.clone());
        }
        out
    }

    /// The chain this tokenizer replaces.
    fn chain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(WORD_LIMIT))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    #[test]
    fn same_tokens_as_the_tantivy_chain() {
        let long = "x".repeat(WORD_LIMIT);
        let long_accented = format!("{}é", "a".repeat(WORD_LIMIT - 2));
        let texts = [
            String::new(),
            " ".to_string(),
            "Hello, happy tax payer!".to_string(),
            "“Ilham Aliyev,” said the president’s spokesman in Bakı on 12.03.2021.".to_string(),
            "Montréal, São Paulo, Zürich, ÅLESUND, İstanbul, Straße, ΣΊΣΥΦΟΣ, 北京市, naïve"
                .to_string(),
            format!("before {long} after {long_accented} end"),
            "y".repeat(WORD_LIMIT - 1),
            "e\u{301}te\u{301} — œuvre ﬁnal ½ ² Ⅻ x²y 🙂emoji🙂 tab\tnew\nline".to_string(),
            "trailing punctuation...".to_string(),
            "ends in accent: café".to_string(),
        ];
        let mut ours = TextAnalyzer::from(WordsTokenizer::default());
        let mut theirs = chain();
        for text in &texts {
            assert_eq!(
                tokens(&mut ours, text),
                tokens(&mut theirs, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn same_tokens_on_the_sample_archive() {
        let mut ours = TextAnalyzer::from(WordsTokenizer::default());
        let mut theirs = chain();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/archive");
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            assert_eq!(tokens(&mut ours, &text), tokens(&mut theirs, &text));
            seen += 1;
        }
        assert!(seen > 0);
    }
}
