//! Plain-text articles: one article per file.
//!
//! The common layout of text corpora (BBC, many scrapes) is a headline, a blank line, then
//! the body; we take such a first line as the title. Anything else is all body.

use super::FileError;
use crate::Article;
use std::path::Path;

/// A title line longer than this is a paragraph, not a headline.
const MAX_TITLE: usize = 300;

/// Build the article of a decoded text file.
pub fn article(text: &str, path: &Path) -> Result<Article, FileError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(FileError {
            class: "empty",
            reason: "file has no text (only whitespace)".into(),
        });
    }
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        &normalized
    } else {
        text
    };
    let trimmed = text.trim_start_matches(['\n', ' ', '\t']);
    let (title, body) = split_title(trimmed);
    Ok(Article {
        title: title.map(str::to_string),
        path: path.display().to_string(),
        text: body.trim().to_string(),
        ..Default::default()
    })
}

/// `Some(title)` if the first line is followed by a blank line and a non-empty body.
fn split_title(text: &str) -> (Option<&str>, &str) {
    if let Some((first, rest)) = text.split_once('\n') {
        let first_t = first.trim();
        let blank_next = rest
            .split_once('\n')
            .map(|(l, _)| l.trim().is_empty())
            .unwrap_or(false);
        if !first_t.is_empty()
            && first_t.chars().count() <= MAX_TITLE
            && blank_next
            && !rest.trim().is_empty()
        {
            return (Some(first_t), rest);
        }
    }
    (None, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_then_blank_line() {
        let a = article(
            "Ad sales rise\n\nProfits jumped.\n\nMore.\n",
            Path::new("x.txt"),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Ad sales rise"));
        assert_eq!(a.text, "Profits jumped.\n\nMore.");
        assert_eq!(a.path, "x.txt");
    }

    #[test]
    fn no_title_without_blank_line() {
        let a = article("Line one\nline two\r\n", Path::new("x")).unwrap();
        assert_eq!(a.title, None);
        assert_eq!(a.text, "Line one\nline two");
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(
            article(" \n\t\n", Path::new("x")).unwrap_err().class,
            "empty"
        );
    }
}
