//! Undoing compression, recognised by magic bytes rather than by extension.
//!
//! Archives lie about their names (a gzip called `.txt`, a `.gz` that is plain), so the
//! first bytes decide. Gzip is read as multi-member (WARC and `cat a.gz b.gz` rely on it).
//! Every decompressed stream passes through [`Limited`], which stops a decompression bomb
//! at [`MAX_DECOMPRESSED`] bytes with an error the readers turn into a "too-large" file error.

use super::FileError;
use std::io::{self, BufRead, BufReader, Read};

/// Stop decompressing past this many bytes (1 GiB).
pub const MAX_DECOMPRESSED: u64 = 1 << 30;

/// The compression a file was found to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

impl Compression {
    /// Recognise compression from the first bytes of a file.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else if head.len() >= 4 && head.starts_with(b"BZh") && (b'1'..=b'9').contains(&head[3]) {
            Compression::Bzip2
        } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0x00]) {
            Compression::Xz
        } else {
            Compression::None
        }
    }

    /// The file-name suffixes of this compression, stripped to find the inner format.
    pub fn strip_suffix(name: &str) -> &str {
        for suf in [".gz", ".gzip", ".zst", ".zstd", ".bz2", ".xz"] {
            if name.len() > suf.len() && name.to_ascii_lowercase().ends_with(suf) {
                return &name[..name.len() - suf.len()];
            }
        }
        name
    }
}

/// The marker carried by the io::Error that [`Limited`] returns.
#[derive(Debug)]
pub struct LimitExceeded(pub u64);
impl std::fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "decompressed size exceeds the limit of {} bytes (decompression bomb?)",
            self.0
        )
    }
}
impl std::error::Error for LimitExceeded {}

/// A reader that fails once more than `limit` bytes have passed through it.
pub struct Limited<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // Probe: is there more? If so, the limit is exceeded.
            let mut one = [0u8; 1];
            return match self.inner.read(&mut one)? {
                0 => Ok(0),
                _ => Err(io::Error::other(LimitExceeded(self.limit))),
            };
        }
        let max = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// The buffered form of [`Limited`], for a stream that is buffered already (an uncompressed
/// file): the same bytes and the same error past the limit.
impl<R: BufRead> BufRead for Limited<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.left == 0 {
            // As `read` does: more bytes past the limit are an error.
            return match self.inner.fill_buf()?.is_empty() {
                true => Ok(&[]),
                false => Err(io::Error::other(LimitExceeded(self.limit))),
            };
        }
        let max = self.left.min(usize::MAX as u64) as usize;
        let buf = self.inner.fill_buf()?;
        Ok(&buf[..buf.len().min(max)])
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.left = self.left.saturating_sub(amt as u64);
    }
}

/// Wrap `raw` (positioned at the start of the file) in the decompressor its magic bytes
/// call for, and in a size limit. Returns the buffered decompressed stream.
pub fn decompress<'a, R: Read + 'a>(
    raw: R,
    limit: u64,
) -> io::Result<(Box<dyn BufRead + 'a>, Compression)> {
    let mut raw = BufReader::with_capacity(64 * 1024, raw);
    let head = raw.fill_buf()?;
    let kind = Compression::sniff(head);
    if kind == Compression::None {
        // Already buffered: a second buffer would only copy every byte once more (and zero
        // itself first, `Limited` having no `read_buf`).
        let limited = Limited {
            inner: raw,
            left: limit,
            limit,
        };
        return Ok((Box::new(limited), kind));
    }
    let inner: Box<dyn Read + 'a> = match kind {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(raw)?),
        Compression::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(raw)),
        Compression::Xz => Box::new(xz2::bufread::XzDecoder::new_multi_decoder(raw)),
    };
    let limited = Limited {
        inner,
        left: limit,
        limit,
    };
    Ok((Box::new(BufReader::with_capacity(64 * 1024, limited)), kind))
}

/// Classify an io error met while reading a (possibly compressed) stream.
pub fn classify(err: &io::Error, kind: Compression) -> FileError {
    if let Some(l) = err
        .get_ref()
        .and_then(|e| e.downcast_ref::<LimitExceeded>())
    {
        return FileError {
            class: "too-large",
            reason: l.to_string(),
        };
    }
    if kind != Compression::None
        && matches!(
            err.kind(),
            io::ErrorKind::UnexpectedEof
                | io::ErrorKind::InvalidData
                | io::ErrorKind::InvalidInput
                | io::ErrorKind::Other
        )
    {
        return FileError {
            class: "truncated",
            reason: format!("compressed stream ({kind:?}) is truncated or corrupt: {err}"),
        };
    }
    FileError {
        class: "unreadable",
        reason: format!("read error: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(bytes: &[u8], limit: u64) -> io::Result<Vec<u8>> {
        let (mut r, _) = decompress(bytes, limit)?;
        let mut v = Vec::new();
        r.read_to_end(&mut v)?;
        Ok(v)
    }

    #[test]
    fn multi_member_gzip() {
        let mut two = gz(b"hello ");
        two.extend(gz(b"world"));
        assert_eq!(read_all(&two, 1000).unwrap(), b"hello world");
    }

    #[test]
    fn all_formats_by_magic() {
        let data = b"some text that compresses".repeat(10);
        let z = zstd::encode_all(&data[..], 1).unwrap();
        assert_eq!(read_all(&z, 1 << 20).unwrap(), data);
        let mut b = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        b.write_all(&data).unwrap();
        assert_eq!(read_all(&b.finish().unwrap(), 1 << 20).unwrap(), data);
        let mut x = xz2::write::XzEncoder::new(Vec::new(), 1);
        x.write_all(&data).unwrap();
        assert_eq!(read_all(&x.finish().unwrap(), 1 << 20).unwrap(), data);
        assert_eq!(read_all(&data, 1 << 20).unwrap(), data);
    }

    #[test]
    fn bomb_is_stopped() {
        let bomb = gz(&vec![0u8; 100_000]);
        let err = read_all(&bomb, 1000).unwrap_err();
        assert_eq!(classify(&err, Compression::Gzip).class, "too-large");
        // Exactly at the limit is fine.
        assert_eq!(read_all(&gz(&[1u8; 1000]), 1000).unwrap().len(), 1000);
    }

    #[test]
    fn plain_stream_is_limited_too() {
        let data = b"plain text, not compressed".repeat(100);
        assert_eq!(read_all(&data, 1 << 20).unwrap(), data);
        assert_eq!(read_all(&data, data.len() as u64).unwrap(), data);
        let err = read_all(&data, 1000).unwrap_err();
        assert_eq!(classify(&err, Compression::None).class, "too-large");
        // Through `BufRead` too.
        let (mut r, kind) = decompress(&data[..], 1000).unwrap();
        assert_eq!(kind, Compression::None);
        let mut lines = 0;
        let mut line = String::new();
        let err = loop {
            line.clear();
            match r.read_line(&mut line) {
                Ok(0) => break None,
                Ok(_) => lines += 1,
                Err(e) => break Some(e),
            }
        };
        assert_eq!(lines, 0);
        assert_eq!(classify(&err.unwrap(), kind).class, "too-large");
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        let data = gz(&b"abcdefghij".repeat(1000));
        let err = read_all(&data[..data.len() / 2], 1 << 20).unwrap_err();
        assert_eq!(classify(&err, Compression::Gzip).class, "truncated");
    }
}
