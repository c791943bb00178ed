//! Normalising the many date spellings of news archives to RFC 3339 UTC.
//!
//! Search filters by date, so dates must compare as strings: `2020-03-03T10:00:00Z`.
//! A date we cannot parse is kept raw (better a raw date than none); a date without a
//! time gets midnight UTC; a date with an offset is converted to UTC.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

const OUT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// RFC 3339 UTC if `raw` parses, else `raw` trimmed. `None` for blank input.
pub fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    Some(
        parse(s)
            .map(|d| d.format(OUT).to_string())
            .unwrap_or_else(|| s.to_string()),
    )
}

/// Parse a date in any of the formats we know. A leading weekday ("Mon, ") is ignored
/// if it contradicts the date, as it often does in hand-typed feeds.
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    parse_inner(s)
        .or_else(|| {
            let (day, rest) = s.split_once(',')?;
            if day.len() >= 3 && day.len() <= 9 && day.chars().all(|c| c.is_ascii_alphabetic()) {
                parse_inner(rest.trim())
            } else {
                None
            }
        })
        .or_else(|| {
            // Wire codes glued to the time, as in Reuters' "27-MAR-1987 00:02:59.13RM".
            let t =
                s.trim_end_matches(|c: char| c.is_ascii_uppercase() || c == ' ' || c.is_control());
            let glued = t.len() < s.len() && t.ends_with(|c: char| c.is_ascii_digit());
            glued.then(|| parse_inner(t)).flatten()
        })
}

#[cfg(test)]
mod wire_code_tests {
    #[test]
    fn wire_codes_after_the_time_are_ignored() {
        assert_eq!(
            super::normalize("27-MAR-1987 00:02:59.13RM").as_deref(),
            Some("1987-03-27T00:02:59Z")
        );
        assert_eq!(
            super::normalize("26-FEB-1987 15:01:01.79F").as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
        // A month name at the end is not a wire code.
        assert_eq!(super::normalize("3 March").as_deref(), Some("3 March"));
    }
}

fn parse_inner(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M%z",
        "%a, %d %b %Y %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d.with_timezone(&Utc));
        }
    }
    // Naive date-times are taken as UTC. "GMT"/"UTC"/"Z" suffixes are stripped first.
    let naive = s
        .trim_end_matches(" GMT")
        .trim_end_matches(" UTC")
        .trim_end_matches(" UT")
        .trim_end_matches('Z');
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d-%b-%Y %H:%M:%S%.f",
        "%d-%b-%Y %H:%M:%S",
        "%a, %d %b %Y %H:%M:%S",
        "%a, %d %b %Y %H:%M",
        "%d %b %Y %H:%M:%S",
        "%B %d, %Y %H:%M",
        "%b %d, %Y %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%m/%d/%Y %H:%M:%S",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(naive, f) {
            return Some(d.and_utc());
        }
    }
    let date_only = naive.trim_end_matches('.');
    for f in [
        "%Y-%m-%d",
        "%Y%m%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%b. %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A, %B %d, %Y",
        "%a, %d %b %Y",
        "%d-%b-%Y",
        "%Y/%m/%d",
        "%m/%d/%Y",
        "%B %d %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(date_only, f) {
            return d.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
        }
    }
    // Unix timestamps (seconds or milliseconds), as some APIs give.
    if s.len() >= 9 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        return DateTime::from_timestamp(secs, 0);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let n = |s: &str| normalize(s).unwrap();
        assert_eq!(n("2022-05-01T10:00:00Z"), "2022-05-01T10:00:00Z");
        assert_eq!(n("2022-05-01T12:00:00+02:00"), "2022-05-01T10:00:00Z");
        assert_eq!(n("2022-05-01"), "2022-05-01T00:00:00Z");
        assert_eq!(n("Mon, 3 Mar 2020 10:00:00 GMT"), "2020-03-03T10:00:00Z");
        assert_eq!(n("March 3, 2020"), "2020-03-03T00:00:00Z");
        assert_eq!(n("26-FEB-1987 15:01:01.79"), "1987-02-26T15:01:01Z");
        assert_eq!(n("2016-09-12 14:03:00"), "2016-09-12T14:03:00Z");
        assert_eq!(n("2019-01-01T10:00:00.123+0000"), "2019-01-01T10:00:00Z");
        assert_eq!(n("19160103"), "1916-01-03T00:00:00Z");
        assert_eq!(n(" last Tuesday "), "last Tuesday");
        assert_eq!(normalize("  "), None);
    }
}
