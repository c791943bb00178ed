//! Turning bytes into text whatever legacy encoding an archive uses.
//!
//! Order of evidence: a byte-order mark; UTF-16 without BOM (NULs in every other byte);
//! a declared charset (HTML `<meta charset>` or HTTP header, passed in as `declared`);
//! valid UTF-8; otherwise chardetng's guess (usually Windows-1252 for old news wires).
//! Text is decoded, never dropped. Files that look like binary data (many NUL or control
//! bytes) are refused with a "binary" error rather than indexed as garbage; a few stray NULs
//! in text (a damaged file) are dropped instead, so the file's text is not lost.

use super::chunked::{ChunkedReader, Convert};
use super::FileError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Which UTF-16 byte order the NUL pattern of `head` suggests, if any.
pub fn sniff_utf16(head: &[u8]) -> Option<&'static Encoding> {
    let n = head.len().min(4096) & !1;
    if n < 4 {
        return None;
    }
    // Counted without branches into byte-wide counters (a chunk at a time, so they cannot
    // overflow), which the compiler vectorises: every file's head passes here, and every
    // text file's whole body (`decode`).
    let (mut even, mut odd) = (0usize, 0usize);
    for chunk in head[..n].chunks(2 * 240) {
        let (mut e, mut o) = (0u8, 0u8);
        for pair in chunk.chunks_exact(2) {
            e += u8::from(pair[0] == 0);
            o += u8::from(pair[1] == 0);
        }
        even += usize::from(e);
        odd += usize::from(o);
    }
    let pairs = n / 2;
    if odd * 10 > pairs * 4 && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 10 > pairs * 4 && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding a byte-order mark or NUL pattern announces, with the BOM length.
pub fn sniff_unicode(head: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(head).or_else(|| sniff_utf16(head).map(|e| (e, 0)))
}

/// True if `head` (already known not to be UTF-16) looks like binary data: more than 2% of
/// NUL or control bytes (more than two of them). A few NULs in text are damage, not binary.
pub fn looks_binary(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(64 * 1024)];
    if sample.is_empty() {
        return false;
    }
    // `&` rather than `&&`, and byte-wide counters a chunk at a time, as in `sniff_utf16`:
    // the count is vectorised (a third of the plain loop's instructions).
    let is_control = |b: u8| {
        (b < 0x20)
            & (b != b'\n')
            & (b != b'\r')
            & (b != b'\t')
            & (b != 0x0c)
            & (b != 0x1b)
            & (b != 0x03)
            & (b != 0x02)
    };
    let mut ctrl = 0usize;
    for chunk in sample.chunks(240) {
        let mut k = 0u8;
        for &b in chunk {
            k += u8::from(is_control(b));
        }
        ctrl += usize::from(k);
    }
    ctrl * 100 > sample.len() * 2 && ctrl > 2
}

/// `bytes` without their NUL bytes (borrowed when there are none).
pub fn without_nuls(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if bytes.contains(&0) {
        std::borrow::Cow::Owned(bytes.iter().copied().filter(|&b| b != 0).collect())
    } else {
        std::borrow::Cow::Borrowed(bytes)
    }
}

/// Find `charset=` in an HTTP Content-Type value or an HTML head.
pub fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let probe = &head[..head.len().min(8192)];
    let lower: Vec<u8> = probe.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + 7;
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i > start {
            if let Some(e) = Encoding::for_label(&lower[start..i]) {
                // A page that says UTF-16 in ASCII is not UTF-16.
                if e == UTF_16LE || e == UTF_16BE {
                    return Some(UTF_8);
                }
                return Some(e);
            }
        }
        from = i.max(from + pos + 7);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decode a whole document. `declared` is a charset from markup or headers, trusted after
/// a BOM but before UTF-8 validation (a page saying windows-1252 usually is).
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<String, FileError> {
    if let Some((enc, bom)) = sniff_unicode(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    if looks_binary(bytes) {
        return Err(FileError {
            class: "binary",
            reason: "binary data (NUL or control bytes), not text".into(),
        });
    }
    Ok(decode_text(&without_nuls(bytes), declared))
}

/// Append `b` as its Windows-1252 character, UTF-8 encoded.
fn push_1252(b: u8, out: &mut Vec<u8>) {
    let one = [b];
    let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
    out.extend_from_slice(c.as_bytes());
}

/// Copy `data` into `out` as UTF-8: valid UTF-8 as is, every byte of an invalid sequence
/// as its Windows-1252 character. An incomplete sequence at the end is left for the next
/// chunk (its start is returned) unless `at_end`.
fn repair_chunk(data: &[u8], at_end: bool, out: &mut Vec<u8>) -> usize {
    let mut i = 0;
    loop {
        match std::str::from_utf8(&data[i..]) {
            Ok(s) => {
                out.extend_from_slice(s.as_bytes());
                return data.len();
            }
            Err(e) => {
                let valid = e.valid_up_to();
                out.extend_from_slice(&data[i..i + valid]);
                i += valid;
                match e.error_len() {
                    Some(len) => {
                        for &b in &data[i..i + len] {
                            push_1252(b, out);
                        }
                        i += len;
                    }
                    None if at_end => {
                        for &b in &data[i..] {
                            push_1252(b, out);
                        }
                        return data.len();
                    }
                    None => return i,
                }
            }
        }
    }
}

/// `bytes` as UTF-8, stray non-UTF-8 bytes taken as Windows-1252 (see [`Utf8Repair`]).
pub fn repair_utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            let mut out = Vec::with_capacity(bytes.len() + 16);
            repair_chunk(bytes, true, &mut out);
            std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
        }
    }
}

/// A reader that yields valid UTF-8 whatever it reads: UTF-8 passes through, and each byte
/// of an invalid sequence becomes its Windows-1252 character. For streamed parsers (a JSON
/// array) that reject invalid UTF-8, where one stray byte would cost the rest of the file.
pub type Utf8Repair<R> = ChunkedReader<R, RepairStray>;

/// The conversion of [`Utf8Repair`].
#[derive(Default)]
pub struct RepairStray {
    /// An incomplete sequence carried over to the next chunk.
    pending: Vec<u8>,
}

impl<R> Utf8Repair<R> {
    pub fn new(inner: R) -> Self {
        ChunkedReader::with(inner, RepairStray::default())
    }
}

impl Convert for RepairStray {
    fn convert(&mut self, input: &[u8], last: bool, out: &mut Vec<u8>) {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(input);
        let used = repair_chunk(&data, last, out);
        self.pending = data[used..].to_vec();
    }
}

/// Decode bytes known to be text (no binary check): declared charset if not UTF-8 and
/// the bytes are not valid UTF-8, else UTF-8, else a detected legacy encoding.
pub fn decode_text(bytes: &[u8], declared: Option<&'static Encoding>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => return s.to_string(),
        // Only the last character cut off (a truncated stream): keep the rest.
        Err(e) if e.error_len().is_none() => {
            return String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned()
        }
        Err(_) => {}
    }
    if mostly_utf8(bytes, declared == Some(UTF_8)) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let enc = match declared {
        Some(e) => e,
        None => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            det.guess(None, true)
        }
    };
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

/// UTF-8 with a few stray bytes (a cut-and-pasted Latin-1 character in a UTF-8 page):
/// fewer than one invalid sequence per 1,000 bytes and some multi-byte characters, or,
/// when the page declares UTF-8, fewer than one per 100 bytes.
fn mostly_utf8(bytes: &[u8], declared_utf8: bool) -> bool {
    let mut bad = 0usize;
    let mut good_multi = 0usize;
    for chunk in bytes.utf8_chunks() {
        good_multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    if declared_utf8 {
        return bad * 100 < bytes.len();
    }
    bad > 0 && good_multi > bad * 10 && bad * 1000 < bytes.len()
}

/// A reader that decodes a stream in `enc` (UTF-16, say) to UTF-8 as it goes, dropping a
/// leading BOM: for streamed formats (tables) whose parsers expect UTF-8.
pub type Transcode<R> = ChunkedReader<R, encoding_rs::Decoder>;

impl<R> Transcode<R> {
    pub fn new(inner: R, enc: &'static Encoding) -> Self {
        ChunkedReader::with(inner, enc.new_decoder_with_bom_removal())
    }
}

impl Convert for encoding_rs::Decoder {
    fn convert(&mut self, input: &[u8], last: bool, out: &mut Vec<u8>) {
        let n = input.len();
        let room = self.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16);
        out.resize(room, 0);
        let (_, _, written, _) = self.decode_to_utf8(input, out, last);
        out.truncate(written);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_utf16() {
        assert_eq!(decode(b"\xef\xbb\xbfcaf\xc3\xa9", None).unwrap(), "café");
        assert_eq!(decode(b"\xff\xfeh\0i\0", None).unwrap(), "hi");
        assert_eq!(decode(b"\xfe\xff\0h\0i", None).unwrap(), "hi");
        let le: Vec<u8> = "hello world"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&le, None).unwrap(), "hello world");
        let be: Vec<u8> = "hello world"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be, None).unwrap(), "hello world");
    }

    #[test]
    fn latin1_is_decoded_not_dropped() {
        let s = decode(
            b"S\xe3o Paulo, caf\xe9 cr\xe8me and na\xefve r\xe9sum\xe9",
            None,
        )
        .unwrap();
        assert!(s.contains("café"), "{s}");
        assert!(s.starts_with("São"), "{s}");
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let mut b = "Наши герои знают толк ".repeat(60).into_bytes();
        b.push(0xe9);
        b.extend("не только".as_bytes());
        let s = decode(&b, None).unwrap();
        assert!(s.starts_with("Наши"), "{s}");
    }

    #[test]
    fn binary_is_refused() {
        let mut x: u32 = 12345;
        let bytes: Vec<u8> = (0..3000)
            .map(|_| {
                x = x.wrapping_mul(1664525).wrapping_add(1013904223);
                (x >> 24) as u8
            })
            .collect();
        assert_eq!(decode(&bytes, None).unwrap_err().class, "binary");
    }

    #[test]
    fn control_and_nul_counts_match_the_plain_loops() {
        // Every byte value, around the 2% and UTF-16 thresholds.
        let mut x: u32 = 7;
        for len in [0usize, 1, 3, 4, 5, 100, 257, 4095, 4096, 5000] {
            for density in [0u32, 1, 3, 10, 50, 128, 255] {
                let bytes: Vec<u8> = (0..len)
                    .map(|i| {
                        x = x.wrapping_mul(1664525).wrapping_add(1013904223);
                        if (x >> 24) < density {
                            (x >> 8) as u8 % 0x20
                        } else {
                            b'a' + (i % 26) as u8
                        }
                    })
                    .collect();
                let ctrl = bytes
                    .iter()
                    .filter(|&&b| {
                        b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b | 0x03 | 0x02)
                    })
                    .count();
                let binary = !bytes.is_empty() && ctrl * 100 > bytes.len() * 2 && ctrl > 2;
                assert_eq!(looks_binary(&bytes), binary);
                let n = bytes.len().min(4096) & !1;
                let zeros = |parity| (0..n).filter(|&i| i % 2 == parity && bytes[i] == 0).count();
                let (even, odd, pairs) = (zeros(0), zeros(1), n / 2);
                let utf16 = if n < 4 {
                    None
                } else if odd * 10 > pairs * 4 && even * 20 < pairs {
                    Some(UTF_16LE)
                } else if even * 10 > pairs * 4 && odd * 20 < pairs {
                    Some(UTF_16BE)
                } else {
                    None
                };
                assert_eq!(sniff_utf16(&bytes), utf16);
            }
        }
    }

    #[test]
    fn stray_nuls_are_text_many_are_binary() {
        // Regression (hostile_input nul_bytes_inside_text): one NUL refused a whole file.
        assert_eq!(
            decode(b"Title\n\nA story\0\0 with two NULs in it.", None).unwrap(),
            "Title\n\nA story with two NULs in it."
        );
        let mut zeros = vec![0u8; 3000];
        zeros.extend_from_slice(b"a little text");
        assert_eq!(decode(&zeros, None).unwrap_err().class, "binary");
    }

    #[test]
    fn utf8_repair_reader() {
        use std::io::Read;
        let bytes = "caf\u{e9} \u{201c}ok\u{201d} ".as_bytes().to_vec();
        let mut data = Vec::new();
        for _ in 0..5000 {
            data.extend_from_slice(&bytes);
            data.push(0x93); // a Windows-1252 left quote, invalid in UTF-8
        }
        data.extend_from_slice(b"\xe2\x82"); // cut at the end
        let mut out = String::new();
        Utf8Repair::new(&data[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out.matches("caf\u{e9}").count(), 5000);
        assert_eq!(out.matches('\u{201c}').count(), 10000);
        assert!(
            out.ends_with("\u{e2}\u{201a}"),
            "{:?}",
            &out[out.len() - 8..]
        );
        assert_eq!(repair_utf8(b"Z\xfcrich \xc3\xa9"), "Z\u{fc}rich \u{e9}");
    }

    #[test]
    fn transcode_reader() {
        use std::io::Read;
        let text = "caf\u{e9} \u{201c}\u{1F600}\u{201d}\n".repeat(3000);
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut out = String::new();
        Transcode::new(&le[..], UTF_16LE)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut out = String::new();
        Transcode::new(&be[..be.len() - 1], UTF_16BE)
            .read_to_string(&mut out)
            .unwrap();
        assert!(
            out.ends_with('\u{fffd}'),
            "a cut unit is replaced, not an error"
        );
    }

    #[test]
    fn charset_from_meta() {
        let html =
            b"<html><head><meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>";
        assert_eq!(
            declared_charset(html).map(|e| e.name()),
            Some("windows-1252")
        );
        assert_eq!(declared_charset(b"<meta charset=\"utf-8\">"), Some(UTF_8));
        assert_eq!(declared_charset(b"no such thing"), None);
    }
}
