//! A read-only map from short words to small values, for the per-token lookups.
//!
//! Why: every token is looked up at least once (word lists, cue lexicon) and every
//! capitalised word in a name run again (first names), so these lookups dominate once the
//! rules themselves are cheap. A general `HashMap<String, _>` costs a string hash, a probe
//! and a second cache miss to compare the key bytes. Here a word of up to 16 bytes is
//! packed into a `u128` stored in the slot itself, and a bitmap filter (a one-hash Bloom
//! filter, a few KB for the word lists) rejects most absent words without touching the
//! slots. Longer keys fall back to a `HashMap`, so the map stays exact for any key.

use rustc_hash::FxHashMap;

/// One slot: the packed key, its length (keys may not be told apart by padding alone),
/// and the index of its value (0 = empty).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u128,
    len: u8,
    idx: u32,
}

pub struct PackedMap<V> {
    filter: Vec<u64>,
    filter_shift: u32,
    slots: Vec<Slot>,
    slot_shift: u32,
    values: Vec<V>,
    long: FxHashMap<String, u32>,
}

/// `w` packed into an integer when it fits (1 to 16 bytes): its bytes little-endian,
/// zero-padded (what copying it into a zeroed `[u8; 16]` gives).
///
/// Why not that copy: a copy of variable length is a `memcpy` call per lookup. Here two
/// fixed-size loads that may overlap: the bytes they share are the same, so or-ing the
/// second, shifted to where its bytes belong, changes nothing there.
#[inline]
fn pack(w: &[u8]) -> Option<u128> {
    let n = w.len();
    match n {
        0 => None,
        1..=3 => {
            let mut x = 0u64;
            for (k, &b) in w.iter().enumerate() {
                x |= u64::from(b) << (8 * k);
            }
            Some(u128::from(x))
        }
        4..=8 => Some(u128::from(
            le_u32(w, 0) | (le_u32(w, n - 4) << (8 * (n - 4))),
        )),
        9..=16 => {
            // The last 8 bytes, shifted down so that byte 8 of `w` lands at bit 0.
            let hi = le_u64(w, n - 8) >> (8 * (16 - n));
            Some(u128::from(le_u64(w, 0)) | (u128::from(hi) << 64))
        }
        _ => None,
    }
}

/// A packed ASCII key lower-cased: each byte from 'A' to 'Z' gets 0x20 added. With every
/// byte below 0x80 the additions carry into no other byte.
#[inline]
fn ascii_lower(key: u128) -> u128 {
    let lower = |x: u64| {
        let from_a = x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f); // high bit: byte >= 'A'
        let past_z = x.wrapping_add(0x2525_2525_2525_2525); // high bit: byte > 'Z'
        x | ((from_a & !past_z & 0x8080_8080_8080_8080) >> 2)
    };
    u128::from(lower(key as u64)) | (u128::from(lower((key >> 64) as u64)) << 64)
}

/// The 4 bytes of `w` at `at`, little-endian (0 if out of range, which callers avoid).
#[inline]
fn le_u32(w: &[u8], at: usize) -> u64 {
    w.get(at..at + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
}

/// The 8 bytes of `w` at `at`, little-endian (0 if out of range, which callers avoid).
#[inline]
fn le_u64(w: &[u8], at: usize) -> u64 {
    w.get(at..at + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Two independent multiplicative hashes of a packed key: (slot hash, filter hash).
#[inline]
fn hashes(key: u128) -> (u64, u64) {
    let (lo, hi) = (key as u64, (key >> 64) as u64);
    let h1 = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let h2 = (lo.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ hi).wrapping_mul(0x1656_67B1_9E37_79F9);
    (h1, h2)
}

impl<V: Copy + Default> PackedMap<V> {
    /// Builds the map; `filter_bits_per_key` trades memory for fewer false positives.
    /// The order `items` come in (the hash map's) only places keys in slots: the keys are
    /// distinct, so every lookup answers the same whatever that order.
    pub fn new(items: FxHashMap<String, V>, filter_bits_per_key: usize) -> Self {
        let n = items.len();
        Self::from_pairs(items, n, filter_bits_per_key)
    }

    /// Builds the map from `n` (key, value) pairs without an intermediate hash map; a key
    /// given twice keeps its last value (as `HashMap::insert` would).
    pub fn from_pairs(
        items: impl IntoIterator<Item = (String, V)>,
        n: usize,
        filter_bits_per_key: usize,
    ) -> Self {
        let n = n.max(1);
        let slots = (n * 2).next_power_of_two().max(16);
        let bits = (n * filter_bits_per_key).next_power_of_two().max(64);
        let mut m = PackedMap {
            filter: vec![0; bits / 64],
            filter_shift: 64 - bits.trailing_zeros(),
            slots: vec![Slot::default(); slots],
            slot_shift: 64 - slots.trailing_zeros(),
            values: vec![V::default()],
            long: FxHashMap::default(),
        };
        for (w, v) in items {
            let idx = m.values.len() as u32;
            m.values.push(v);
            let Some(key) = pack(w.as_bytes()) else {
                m.long.insert(w, idx);
                continue;
            };
            let (h1, h2) = hashes(key);
            let f = (h2 >> m.filter_shift) as usize;
            m.filter[f / 64] |= 1 << (f % 64);
            let mut i = (h1 >> m.slot_shift) as usize;
            while m.slots[i].idx != 0 {
                if m.slots[i].key == key && m.slots[i].len as usize == w.len() {
                    break;
                }
                i = (i + 1) & (slots - 1);
            }
            m.slots[i] = Slot {
                key,
                len: w.len() as u8,
                idx,
            };
        }
        m
    }

    /// The value of `w`, if it is a key.
    #[inline]
    pub fn get(&self, w: &str) -> Option<V> {
        let idx = match pack(w.as_bytes()) {
            Some(key) => self.probe(key, w.len()),
            None if w.len() > 16 => self.long.get(w).copied().unwrap_or(0),
            None => 0,
        };
        (idx != 0).then(|| self.values[idx as usize])
    }

    /// The value of `w`'s lower case, for an ASCII `w` (what `get` of
    /// `w.to_ascii_lowercase()` answers, without copying the word: the packed key is
    /// lower-cased in place).
    #[inline]
    pub fn get_ascii_lower(&self, w: &[u8]) -> Option<V> {
        let idx = match pack(w) {
            Some(key) => self.probe(ascii_lower(key), w.len()),
            None if w.len() > 16 => std::str::from_utf8(&w.to_ascii_lowercase())
                .ok()
                .and_then(|lw| self.long.get(lw).copied())
                .unwrap_or(0),
            None => 0,
        };
        (idx != 0).then(|| self.values[idx as usize])
    }

    #[inline]
    fn probe(&self, key: u128, len: usize) -> u32 {
        let (h1, h2) = hashes(key);
        let f = (h2 >> self.filter_shift) as usize;
        if self.filter[f / 64] & (1 << (f % 64)) == 0 {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut i = (h1 >> self.slot_shift) as usize;
        loop {
            let s = self.slots[i];
            if s.idx == 0 {
                return 0;
            }
            if s.key == key && s.len as usize == len {
                return s.idx;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The copy `pack` replaces.
    fn pack_by_copy(w: &[u8]) -> Option<u128> {
        if w.is_empty() || w.len() > 16 {
            return None;
        }
        let mut b = [0u8; 16];
        b[..w.len()].copy_from_slice(w);
        Some(u128::from_le_bytes(b))
    }

    #[test]
    fn ascii_lower_is_to_ascii_lowercase() {
        // Every ASCII byte at every position of a 16-byte key.
        for b in 0..0x80u8 {
            for at in 0..16 {
                let mut w = *b"MixedCase-Name.Z";
                w[at] = b;
                let key = pack(&w).map(ascii_lower);
                assert_eq!(key, pack(&w.to_ascii_lowercase()), "{b} at {at}");
            }
        }
        let mut items: FxHashMap<String, u32> = FxHashMap::default();
        for (i, w) in ["anne", "jean-paul", "seventeen-letters"]
            .iter()
            .enumerate()
        {
            items.insert(w.to_string(), i as u32 + 1);
        }
        let m = PackedMap::new(items, 8);
        for w in [
            "ANNE",
            "Anne",
            "anne",
            "Jean-Paul",
            "SEVENTEEN-Letters",
            "Ann",
            "Anne@",
            "",
            "@NNE",
        ] {
            let lw = w.to_ascii_lowercase();
            assert_eq!(m.get_ascii_lower(w.as_bytes()), m.get(&lw), "{w}");
        }
    }

    #[test]
    fn pack_is_the_zero_padded_copy() {
        let bytes: Vec<u8> = (1..=20u8).map(|b| b.wrapping_mul(37) | 0x80).collect();
        for n in 0..=bytes.len() {
            for start in 0..3.min(bytes.len() - n + 1) {
                let w = &bytes[start..start + n];
                assert_eq!(pack(w), pack_by_copy(w), "{n} bytes at {start}");
            }
        }
        assert_eq!(pack(b"ab\0"), pack_by_copy(b"ab\0"));
    }

    #[test]
    fn exact_for_any_key() {
        let mut items: FxHashMap<String, u32> = FxHashMap::default();
        for (i, w) in ["a", "the", "sixteen-letters!", "seventeen-letters", "ab\0"]
            .iter()
            .enumerate()
        {
            items.insert(w.to_string(), i as u32 + 1);
        }
        let m = PackedMap::new(items, 8);
        assert_eq!(m.get("a"), Some(1));
        assert_eq!(m.get("the"), Some(2));
        assert_eq!(m.get("sixteen-letters!"), Some(3));
        assert_eq!(m.get("seventeen-letters"), Some(4));
        assert_eq!(m.get("ab\0"), Some(5));
        assert_eq!(m.get("ab"), None);
        assert_eq!(m.get("a\0"), None);
        assert_eq!(m.get(""), None);
        assert_eq!(m.get("th"), None);
        assert_eq!(m.get("seventeen-letterz"), None);
    }
}
