//! HMAC-SHA-256 and HMAC-SHA-512 (RFC 2104) with the keyed inner and outer states
//! computed once per key, when the keyring is built: a MAC then costs the compression of
//! the message and of two final blocks, never the key setup. The states are zeroized on
//! drop; tags are compared in constant time.
//!
//! The compression functions are RustCrypto's (`sha2`, with its SHA-NI / AVX2 dispatch);
//! this module adds only the HMAC construction and the block buffering, so that a MAC can
//! be computed over several slices without joining them first.

use sha2::digest::generic_array::GenericArray;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// SHA-256's initial state.
const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// SHA-512's initial state.
const SHA512_IV: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// A hash function as HMAC needs it: a compression function over fixed-size blocks.
trait Compress {
    /// The chaining state.
    type State: Copy + Zeroize;
    /// The block size in bytes.
    const BLOCK: usize;
    /// The digest size in bytes.
    const OUT: usize;
    /// The width of the message-length field, in bytes.
    const LEN_BYTES: usize;
    const IV: Self::State;
    fn compress(state: &mut Self::State, block: &[u8]);
    fn write_out(state: &Self::State, out: &mut [u8]);
}

struct S256;
struct S512;

impl Compress for S256 {
    type State = [u32; 8];
    const BLOCK: usize = 64;
    const OUT: usize = 32;
    const LEN_BYTES: usize = 8;
    const IV: [u32; 8] = SHA256_IV;
    fn compress(state: &mut [u32; 8], block: &[u8]) {
        sha2::compress256(
            state,
            core::slice::from_ref(GenericArray::from_slice(block)),
        );
    }
    fn write_out(state: &[u32; 8], out: &mut [u8]) {
        for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }
}

impl Compress for S512 {
    type State = [u64; 8];
    const BLOCK: usize = 128;
    const OUT: usize = 64;
    const LEN_BYTES: usize = 16;
    const IV: [u64; 8] = SHA512_IV;
    fn compress(state: &mut [u64; 8], block: &[u8]) {
        sha2::compress512(
            state,
            core::slice::from_ref(GenericArray::from_slice(block)),
        );
    }
    fn write_out(state: &[u64; 8], out: &mut [u8]) {
        for (chunk, word) in out.chunks_exact_mut(8).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }
}

/// A running hash: the state, the bytes of the unfinished block, the length so far.
struct Running<H: Compress> {
    state: H::State,
    block: [u8; 128],
    filled: usize,
    total: u64,
}

impl<H: Compress> Running<H> {
    /// A hash continuing from `state`, which has absorbed `absorbed` bytes (one block).
    fn resume(state: H::State, absorbed: u64) -> Self {
        Running {
            state,
            block: [0; 128],
            filled: 0,
            total: absorbed,
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        self.total += data.len() as u64;
        if self.filled > 0 {
            let take = (H::BLOCK - self.filled).min(data.len());
            self.block[self.filled..self.filled + take].copy_from_slice(&data[..take]);
            self.filled += take;
            data = &data[take..];
            if self.filled < H::BLOCK {
                return;
            }
            H::compress(&mut self.state, &self.block[..H::BLOCK]);
            self.filled = 0;
        }
        let mut blocks = data.chunks_exact(H::BLOCK);
        for block in &mut blocks {
            H::compress(&mut self.state, block);
        }
        let rest = blocks.remainder();
        self.block[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// Pads and writes the digest into `out` (`H::OUT` bytes).
    fn finish(mut self, out: &mut [u8]) {
        let bits = self.total.wrapping_mul(8);
        let n = self.filled;
        self.block[n] = 0x80;
        self.block[n + 1..H::BLOCK].fill(0);
        if n + 1 > H::BLOCK - H::LEN_BYTES {
            H::compress(&mut self.state, &self.block[..H::BLOCK]);
            self.block[..H::BLOCK].fill(0);
        }
        self.block[H::BLOCK - 8..H::BLOCK].copy_from_slice(&bits.to_be_bytes());
        H::compress(&mut self.state, &self.block[..H::BLOCK]);
        H::write_out(&self.state, out);
    }
}

impl<H: Compress> Drop for Running<H> {
    fn drop(&mut self) {
        self.state.zeroize();
        self.block.zeroize();
    }
}

/// The inner and outer states of HMAC with one key.
struct Keyed<H: Compress> {
    inner: H::State,
    outer: H::State,
}

impl<H: Compress> Keyed<H> {
    fn new(key: &[u8]) -> Self {
        let mut block = [0u8; 128];
        if key.len() > H::BLOCK {
            let mut h = Running::<H>::resume(H::IV, 0);
            h.update(key);
            h.finish(&mut block[..H::OUT]);
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut pad = [0u8; 128];
        for (p, k) in pad.iter_mut().zip(&block).take(H::BLOCK) {
            *p = k ^ 0x36;
        }
        let mut inner = H::IV;
        H::compress(&mut inner, &pad[..H::BLOCK]);
        for (p, k) in pad.iter_mut().zip(&block).take(H::BLOCK) {
            *p = k ^ 0x5c;
        }
        let mut outer = H::IV;
        H::compress(&mut outer, &pad[..H::BLOCK]);
        block.zeroize();
        pad.zeroize();
        Keyed { inner, outer }
    }

    /// The tag of the concatenation of `parts`, into `out` (`H::OUT` bytes).
    fn mac(&self, parts: &[&[u8]], out: &mut [u8]) {
        let mut inner = Running::<H>::resume(self.inner, H::BLOCK as u64);
        for part in parts {
            inner.update(part);
        }
        let mut digest = [0u8; 64];
        inner.finish(&mut digest[..H::OUT]);
        let mut outer = Running::<H>::resume(self.outer, H::BLOCK as u64);
        outer.update(&digest[..H::OUT]);
        outer.finish(out);
        digest.zeroize();
    }
}

impl<H: Compress> Drop for Keyed<H> {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl<H: Compress> Clone for Keyed<H> {
    fn clone(&self) -> Self {
        Keyed {
            inner: self.inner,
            outer: self.outer,
        }
    }
}

/// An HMAC-SHA-256 key, ready to use: its keyed states are computed once.
#[derive(Clone)]
pub(crate) struct HmacSha256(Keyed<S256>);

impl HmacSha256 {
    /// The key `key` (any length, as HMAC allows).
    pub(crate) fn new(key: &[u8]) -> Self {
        HmacSha256(Keyed::new(key))
    }

    /// HMAC-SHA-256 of the concatenation of `parts`.
    pub(crate) fn tag(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut out = [0u8; 32];
        self.0.mac(parts, &mut out);
        out
    }

    /// Whether `tag` is the HMAC of the concatenation of `parts` (constant time; a tag
    /// of another length never verifies).
    pub(crate) fn verify(&self, parts: &[&[u8]], tag: &[u8]) -> bool {
        tag.len() == 32 && bool::from(self.tag(parts).ct_eq(tag))
    }
}

/// An HMAC-SHA-512 key, ready to use.
#[derive(Clone)]
pub(crate) struct HmacSha512(Keyed<S512>);

impl HmacSha512 {
    /// The key `key` (any length).
    pub(crate) fn new(key: &[u8]) -> Self {
        HmacSha512(Keyed::new(key))
    }

    /// HMAC-SHA-512 of the concatenation of `parts`.
    pub(crate) fn tag(&self, parts: &[&[u8]]) -> [u8; 64] {
        let mut out = [0u8; 64];
        self.0.mac(parts, &mut out);
        out
    }
}

impl ZeroizeOnDrop for HmacSha256 {}
impl ZeroizeOnDrop for HmacSha512 {}

impl core::fmt::Debug for HmacSha256 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("HmacSha256([redacted])")
    }
}

impl core::fmt::Debug for HmacSha512 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("HmacSha512([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};
    use proptest::prelude::*;
    use sha2::{Sha256, Sha512};

    fn reference256(key: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes().to_vec()
    }

    fn reference512(key: &[u8], msg: &[u8]) -> Vec<u8> {
        let mut m = <Hmac<Sha512> as Mac>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes().to_vec()
    }

    #[test]
    fn rfc4231_case_2() {
        let key = b"Jefe";
        let msg = b"what do ya want for nothing?";
        assert_eq!(
            HmacSha256::new(key).tag(&[msg]).to_vec(),
            reference256(key, msg)
        );
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(&HmacSha256::new(key).tag(&[msg])),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&HmacSha512::new(key).tag(&[&msg[..4], &msg[4..]])),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
    }

    #[test]
    fn every_length_around_the_block_boundaries() {
        for key_len in [0, 1, 32, 63, 64, 65, 127, 128, 129, 200] {
            let key: Vec<u8> = (0..key_len).map(|i| i as u8 ^ 0xa5).collect();
            let k256 = HmacSha256::new(&key);
            let k512 = HmacSha512::new(&key);
            for len in (0..300).chain([1000, 4096, 4097]) {
                let msg: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
                assert_eq!(k256.tag(&[&msg]).to_vec(), reference256(&key, &msg));
                assert_eq!(k512.tag(&[&msg]).to_vec(), reference512(&key, &msg));
            }
        }
    }

    proptest! {
        #[test]
        fn split_anywhere_is_the_same_tag(
            key in proptest::collection::vec(any::<u8>(), 0..200),
            msg in proptest::collection::vec(any::<u8>(), 0..600),
            cuts in proptest::collection::vec(any::<usize>(), 0..5),
        ) {
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (msg.len() + 1)).collect();
            cuts.sort_unstable();
            let mut parts = Vec::new();
            let mut at = 0;
            for c in cuts {
                parts.push(&msg[at..c]);
                at = c;
            }
            parts.push(&msg[at..]);
            let k = HmacSha256::new(&key);
            prop_assert_eq!(k.tag(&parts).to_vec(), reference256(&key, &msg));
            prop_assert!(k.verify(&parts, &reference256(&key, &msg)));
            prop_assert_eq!(HmacSha512::new(&key).tag(&parts).to_vec(), reference512(&key, &msg));
        }
    }

    #[test]
    fn wrong_tags_do_not_verify() {
        let k = HmacSha256::new(b"key");
        let mut tag = k.tag(&[b"message"]);
        assert!(k.verify(&[b"message"], &tag));
        assert!(!k.verify(&[b"message"], &tag[..31]));
        tag[31] ^= 1;
        assert!(!k.verify(&[b"message"], &tag));
        assert!(!format!("{k:?}").contains("key"));
    }
}
