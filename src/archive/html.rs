//! HTML pages → article text and metadata.
//!
//! (Milestone 1: only fragment-to-text for HTML inside JSON fields; the page extractor follows.)

/// True if a text field holds HTML markup rather than plain text.
pub fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let mut tags = 0;
    for (i, w) in b.windows(2).enumerate() {
        if w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/') {
            let rest = &s[i + 1..];
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(
                name.as_str(),
                "p" | "br"
                    | "div"
                    | "span"
                    | "a"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "ul"
                    | "ol"
                    | "li"
                    | "strong"
                    | "em"
                    | "b"
                    | "i"
                    | "figure"
                    | "img"
                    | "blockquote"
                    | "html"
                    | "body"
                    | "aside"
                    | "section"
                    | "table"
                    | "tr"
                    | "td"
            ) {
                tags += 1;
                if tags >= 1 {
                    return true;
                }
            }
        }
    }
    false
}

/// Decode HTML character references (`&amp;`, `&#3;`, `&#x201c;`, common named ones).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let (name, consumed) = match end {
            Some(e) if e > 1 => (
                &rest[1..e],
                if rest[e..].starts_with(';') { e + 1 } else { e },
            ),
            None if rest.len() > 1 => (&rest[1..], rest.len()),
            _ => ("", 0),
        };
        match (consumed > 0).then(|| entity(name)).flatten() {
            Some(c) => {
                out.push_str(c.as_ref());
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<std::borrow::Cow<'static, str>> {
    use std::borrow::Cow;
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        // Windows-1252 code points mis-declared as numeric references.
        let c = match code {
            0x80..=0x9f => {
                let b = [code as u8];
                let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&b);
                return Some(Cow::Owned(s.into_owned()));
            }
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return Some(Cow::Owned(c.to_string()));
    }
    let s = match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ldquo" => "\u{201c}",
        "rdquo" => "\u{201d}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "mdash" => "\u{2014}",
        "ndash" => "\u{2013}",
        "hellip" => "\u{2026}",
        "copy" => "\u{a9}",
        "reg" => "\u{ae}",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "oacute" => "ó",
        "iacute" => "í",
        "uacute" => "ú",
        "ntilde" => "ñ",
        "ccedil" => "ç",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "szlig" => "ß",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "pound" => "£",
        "euro" => "€",
        "deg" => "°",
        _ => return None,
    };
    Some(Cow::Borrowed(s))
}

/// Reduce an HTML fragment (a JSON `body` field) to text: block elements become line
/// breaks, scripts and styles are dropped, entities decoded, whitespace folded.
pub fn fragment_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut skip_until: Option<&'static str> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                out.push_str(rest);
            }
            break;
        };
        if skip_until.is_none() {
            out.push_str(&rest[..lt]);
        }
        rest = &rest[lt..];
        let gt = rest.find('>').map(|g| g + 1).unwrap_or(rest.len());
        let tag = &rest[1..gt.saturating_sub(1).max(1)];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
        } else if !closing && matches!(name.as_str(), "script" | "style" | "noscript") {
            skip_until = Some(match name.as_str() {
                "script" => "script",
                "style" => "style",
                _ => "noscript",
            });
        } else if is_block(&name) {
            out.push('\n');
        }
        rest = &rest[gt..];
    }
    tidy(&decode_entities(&out))
}

/// Block-level element names: their boundaries are paragraph breaks.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "pre"
            | "hr"
            | "dd"
            | "dt"
            | "aside"
            | "main"
    )
}

/// Fold spaces within lines, trim lines, drop empty lines.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let mut first = true;
        let mut any = false;
        for w in line
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            if first {
                if !out.is_empty() {
                    out.push('\n');
                }
            } else {
                out.push(' ');
            }
            out.push_str(w);
            first = false;
            any = true;
        }
        let _ = any;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments() {
        assert!(looks_like_html("<p>Hi</p>"));
        assert!(!looks_like_html("a < b and c > d"));
        assert_eq!(
            fragment_to_text(
                "<p>One &amp; two&nbsp;x</p><script>bad()</script><p>“Three” &#8211; &#x41;</p>"
            ),
            "One & two x\n“Three” – A"
        );
        assert_eq!(
            decode_entities("a &lt;b&gt; &#3; &unknown; &"),
            "a <b> \u{3} &unknown; &"
        );
    }
}
