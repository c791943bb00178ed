//! A reader that converts a byte stream one chunk at a time.
//!
//! Why: streamed parsers (a JSON array, a CSV table) want clean UTF-8, and the archive
//! converts their input on the way in (stray bytes repaired, UTF-16 transcoded). Each
//! conversion only says how to turn one chunk into output ([`Convert`]); the buffering
//! that hands that output to `read` calls of any size is written once, here.

use std::io::{self, Read};

/// Bytes read from the inner reader per conversion.
const CHUNK: usize = 16 * 1024;

/// One conversion, applied chunk by chunk.
pub trait Convert {
    /// Append to `out` (empty) what `input`, the next chunk, converts to; `last` when the
    /// stream has ended (`input` is then empty: flush what is held back).
    fn convert(&mut self, input: &[u8], last: bool, out: &mut Vec<u8>);
}

/// Reads `inner`, converted by `C`.
pub struct ChunkedReader<R, C> {
    inner: R,
    conversion: C,
    /// Converted bytes not yet handed out (from `pos` on).
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R, C> ChunkedReader<R, C> {
    pub fn with(inner: R, conversion: C) -> Self {
        ChunkedReader {
            inner,
            conversion,
            out: Vec::new(),
            pos: 0,
            done: false,
        }
    }
}

impl<R: Read, C: Convert> Read for ChunkedReader<R, C> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.pos < self.out.len() {
                let n = buf.len().min(self.out.len() - self.pos);
                buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            self.out.clear();
            self.pos = 0;
            let mut chunk = [0u8; CHUNK];
            let n = self.inner.read(&mut chunk)?;
            self.done = n == 0;
            self.conversion
                .convert(&chunk[..n], self.done, &mut self.out);
        }
    }
}
