//! Speed and memory of the codec, beside the Rust peer `jsonwebtoken`, on the inputs Better
//! Auth 1.7.24 itself minted (`target/bench-fixtures.json`, written by
//! `benches/node/fixtures.mjs`). The Node peers (Better Auth, `jose`) run on the same bytes
//! in `benches/node/bench.mjs`; `./bench.sh` runs both and writes `benches/RESULTS.md`.
//!
//! ```sh
//! node benches/node/fixtures.mjs && cargo bench --bench codec
//! ```
//!
//! Before criterion times anything, this binary checks that every input is accepted (a
//! benchmark of the rejection path would be meaningless), then counts the heap allocations
//! of each operation with a counting global allocator — off while criterion measures — and
//! writes them, with the process's peak RSS, to `target/bench-memory-rust.json`.
//!
//! Environment: `SESSION_CACHE_BENCH_DIR` (default `<crate>/target`) holds the fixtures and
//! the memory report.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::Criterion;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::Deserialize;
use session_cache::cookie::sign_cookie_value;
use session_cache::session::{check_session, SessionConfig};
use session_cache::{DecodeOptions, EncodeOptions, Keyring, Payload, Strategy};

// ---------------------------------------------------------------------------------------
// A global allocator that counts, only while `COUNTING` is on (a relaxed load otherwise,
// so the timed loops pay next to nothing for it).
// ---------------------------------------------------------------------------------------

struct CountingAlloc;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOC_BYTES: AtomicU64 = AtomicU64::new(0);
static ALLOC_CALLS: AtomicU64 = AtomicU64::new(0);

#[inline]
fn count(bytes: usize) {
    if COUNTING.load(Relaxed) {
        ALLOC_BYTES.fetch_add(bytes as u64, Relaxed);
        ALLOC_CALLS.fetch_add(1, Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counters are
// plain atomics.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A growth counts as one allocation of the new size (what a copy would cost).
        count(new_size);
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// Bytes and allocations per call of `f`, averaged over `n` calls after one warm-up call.
fn allocations<R>(n: u64, mut f: impl FnMut() -> R) -> (f64, f64) {
    drop(black_box(f()));
    ALLOC_BYTES.store(0, Relaxed);
    ALLOC_CALLS.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    for _ in 0..n {
        drop(black_box(f()));
    }
    COUNTING.store(false, Relaxed);
    (
        ALLOC_BYTES.load(Relaxed) as f64 / n as f64,
        ALLOC_CALLS.load(Relaxed) as f64 / n as f64,
    )
}

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fixtures {
    secret: String,
    max_age: u64,
    minted_at: i64,
    now: i64,
    payload_json: String,
    session_token: String,
    signed_token: String,
    values: PerStrategy,
    sizes: Sizes,
}

/// The same session at three sizes: ~0.5 KB, ~1 KB (the typical one above), ~8 KB
/// (chunked).
#[derive(Deserialize)]
struct Sizes {
    small: Sized_,
    typical: Sized_,
    large: Sized_,
}

#[derive(Deserialize)]
struct Sized_ {
    values: PerStrategy,
    headers: PerStrategy,
}

impl Sizes {
    fn all(&self) -> [(&'static str, &Sized_); 3] {
        [
            ("small", &self.small),
            ("typical", &self.typical),
            ("large", &self.large),
        ]
    }
}

#[derive(Deserialize)]
struct PerStrategy {
    compact: String,
    jwt: String,
    jwe: String,
}

impl PerStrategy {
    fn get(&self, s: Strategy) -> &str {
        match s {
            Strategy::Compact => &self.compact,
            Strategy::Jwt => &self.jwt,
            Strategy::Jwe => &self.jwe,
        }
    }
}

fn bench_dir() -> PathBuf {
    std::env::var_os("SESSION_CACHE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn load_fixtures() -> Fixtures {
    let path = bench_dir().join("bench-fixtures.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nrun `node benches/node/fixtures.mjs` first (./bench.sh does)",
            path.display()
        )
    });
    let fx: Fixtures = serde_json::from_str(&text).expect("bench-fixtures.json");
    // jsonwebtoken checks `exp` against the real clock, so the fixtures must still be live.
    let real_now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let age_s = (real_now - fx.minted_at) / 1000;
    assert!(
        age_s + 600 < fx.max_age as i64,
        "the fixtures are {age_s} s old and their cache lives {} s: \
         re-run `node benches/node/fixtures.mjs` (./bench.sh does)",
        fx.max_age
    );
    fx
}

// ---------------------------------------------------------------------------------------
// The floor: what any verifier of these bytes must do at the least, with off-the-shelf
// crates — SIMD base64 (`base64-simd`), the MAC (or the tag and the decryption:
// RustCrypto `hmac`, `sha2`, `aes`, `cbc`, keyed per call as a one-shot user would) and a
// validate-only JSON pass of the same bytes (`serde_json` into `IgnoredAny`). No schema,
// no canonical-form check, no payload returned.
// ---------------------------------------------------------------------------------------

struct Floor {
    secret: Vec<u8>,
    /// The JWE key (MAC half, AES half), derived once as the keyring does.
    jwe_key: [u8; 64],
}

impl Floor {
    fn new(secret: &str) -> Self {
        let mut jwe_key = [0u8; 64];
        hkdf::Hkdf::<sha2::Sha256>::new(Some(b"better-auth-session"), secret.as_bytes())
            .expand(b"BetterAuth.js Generated Encryption Key", &mut jwe_key)
            .unwrap();
        Floor {
            secret: secret.as_bytes().to_vec(),
            jwe_key,
        }
    }

    fn compact(&self, value: &str) -> usize {
        use hmac::Mac;
        let bytes = base64_simd::URL_SAFE_NO_PAD.decode_to_vec(value).unwrap();
        let _: serde::de::IgnoredAny = serde_json::from_slice(&bytes).unwrap();
        // The signed text is the payload with `expiresAt` last: as many bytes as the
        // decoded value up to `,"signature":` (less its first 11), plus a brace.
        let signed_end = bytes.len() - 60;
        let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.secret).unwrap();
        mac.update(&bytes[11..signed_end]);
        mac.update(b"}");
        mac.finalize().into_bytes()[0] as usize
    }

    fn jwt(&self, value: &str) -> usize {
        use hmac::Mac;
        let dot = value.rfind('.').unwrap();
        let claims = &value[value.find('.').unwrap() + 1..dot];
        let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.secret).unwrap();
        mac.update(&value.as_bytes()[..dot]);
        let tag = mac.finalize().into_bytes();
        let bytes = base64_simd::URL_SAFE_NO_PAD.decode_to_vec(claims).unwrap();
        let _: serde::de::IgnoredAny = serde_json::from_slice(&bytes).unwrap();
        tag[0] as usize
    }

    fn jwe(&self, value: &str) -> usize {
        use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};
        use hmac::Mac;
        let parts: Vec<&str> = value.split('.').collect();
        let b64 = base64_simd::URL_SAFE_NO_PAD;
        let iv = b64.decode_to_vec(parts[2]).unwrap();
        let ciphertext = b64.decode_to_vec(parts[3]).unwrap();
        let _tag = b64.decode_to_vec(parts[4]).unwrap();
        let mut mac =
            <hmac::Hmac<sha2::Sha512> as Mac>::new_from_slice(&self.jwe_key[..32]).unwrap();
        mac.update(parts[0].as_bytes());
        mac.update(&iv);
        mac.update(&ciphertext);
        mac.update(&((parts[0].len() as u64) * 8).to_be_bytes());
        let tag = mac.finalize().into_bytes();
        let plaintext = cbc::Decryptor::<aes::Aes256>::new_from_slices(&self.jwe_key[32..], &iv)
            .unwrap()
            .decrypt_padded_vec_mut::<Pkcs7>(&ciphertext)
            .unwrap();
        let _: serde::de::IgnoredAny = serde_json::from_slice(&plaintext).unwrap();
        tag[0] as usize
    }

    fn run(&self, s: Strategy, value: &str) -> usize {
        match s {
            Strategy::Compact => self.compact(value),
            Strategy::Jwt => self.jwt(value),
            Strategy::Jwe => self.jwe(value),
        }
    }
}

/// Operations per second of `f` on one thread, and on two threads at once (each doing
/// half the calls): pure functions sharing one keyring by reference, so the second should
/// be close to twice the first. Best of 5 rounds of `n` calls.
fn scaling(n: usize, f: &(dyn Fn() + Sync)) -> (f64, f64) {
    let (mut one, mut two) = (0f64, 0f64);
    for _ in 0..5 {
        let t = std::time::Instant::now();
        for _ in 0..n {
            f();
        }
        one = one.max(n as f64 / t.elapsed().as_secs_f64());
        let t = std::time::Instant::now();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                for _ in 0..n / 2 {
                    f();
                }
            });
            for _ in 0..n / 2 {
                f();
            }
        });
        two = two.max(n as f64 / t.elapsed().as_secs_f64());
    }
    (one, two)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

// ---------------------------------------------------------------------------------------
// The benchmarks
// ---------------------------------------------------------------------------------------

fn main() {
    let fx = load_fixtures();
    let keys = Keyring::from_secret(&fx.secret).unwrap();
    let decode_options = DecodeOptions::default();
    let encode_options = EncodeOptions::default().with_max_age(fx.max_age);
    let payload = Payload::from_json(&fx.payload_json).unwrap();
    let now = fx.now;

    // The Rust peer: jsonwebtoken HS256 into a serde_json::Value, with jose's rules (no
    // leeway, `exp` required, `nbf` checked when present).
    let jwt_decoding_key = DecodingKey::from_secret(fx.secret.as_bytes());
    let jwt_encoding_key = EncodingKey::from_secret(fx.secret.as_bytes());
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    validation.validate_nbf = true;
    let mut jwt_header = Header::new(Algorithm::HS256);
    jwt_header.typ = None; // {"alg":"HS256"}, as Better Auth writes it
    let mut jwt_claims: serde_json::Value = serde_json::from_str(&fx.payload_json).unwrap();
    jwt_claims["iat"] = (now / 1000).into();
    jwt_claims["exp"] = (now / 1000 + fx.max_age as i64).into();

    // Every input must be accepted, by us and by the peer, before anything is timed.
    for s in Strategy::ALL {
        let v = s
            .decode(fx.values.get(s), &keys, &decode_options, now)
            .unwrap_or_else(|e| panic!("{s}: our decode rejects Better Auth's value: {e}"));
        assert_eq!(v.payload().user().email, "ada.lovelace@example.com");
        let mine = s.encode(&payload, &keys, &encode_options, now).unwrap();
        s.decode(&mine, &keys, &decode_options, now).unwrap();
    }
    assert_eq!(
        sign_cookie_value(&fx.session_token, &keys),
        fx.signed_token,
        "the signed session token differs from better-call's"
    );
    let check_strategies = Strategy::ALL;
    let floor = Floor::new(&fx.secret);
    for (size, f) in fx.sizes.all() {
        for s in Strategy::ALL {
            let c = check_session(f.headers.get(s), &keys, &SessionConfig::new(s), now)
                .unwrap_or_else(|e| panic!("{size} {s}: check_session rejects the header: {e}"));
            assert_eq!(c.token(), fx.session_token);
            s.decode(f.values.get(s), &keys, &decode_options, now)
                .unwrap_or_else(|e| panic!("{size} {s}: decode rejects the value: {e}"));
            floor.run(s, f.values.get(s));
        }
    }
    let peer =
        jsonwebtoken::decode::<serde_json::Value>(&fx.values.jwt, &jwt_decoding_key, &validation)
            .expect("jsonwebtoken rejects Better Auth's jwt value");
    assert_eq!(peer.claims["user"]["email"], "ada.lovelace@example.com");
    jsonwebtoken::encode(&jwt_header, &jwt_claims, &jwt_encoding_key).unwrap();

    // Instruction counts (benches/callgrind.sh): `SESSION_CACHE_CALLGRIND=OP:N` runs one
    // operation N times on the typical inputs and exits before criterion starts. OP is
    // `decode-S`, `check-S` or `floor-S` for a strategy S.
    if let Ok(spec) = std::env::var("SESSION_CACHE_CALLGRIND") {
        let (op, n) = spec.split_once(':').expect("SESSION_CACHE_CALLGRIND=OP:N");
        let n: u64 = n.parse().expect("N is a count");
        let (kind, s) = op
            .split_once('-')
            .expect("OP is decode-S, check-S or floor-S");
        let s: Strategy = s.parse().expect("a strategy: compact, jwt or jwe");
        let config = SessionConfig::new(s);
        let typical = &fx.sizes.typical;
        let (value, header) = (typical.values.get(s), typical.headers.get(s));
        let mut total = 0usize;
        for _ in 0..n {
            total += match kind {
                "decode" => black_box(s.decode(black_box(value), &keys, &decode_options, now))
                    .unwrap()
                    .expires_at() as usize,
                "check" => black_box(check_session(black_box(header), &keys, &config, now))
                    .unwrap()
                    .token()
                    .len(),
                "floor" => floor.run(s, black_box(value)),
                _ => panic!("OP is decode-S, check-S or floor-S"),
            };
        }
        println!("{op} x{n}: {total}");
        return;
    }

    // Allocations per call, counted outside the timed loops.
    const N: u64 = 200;
    let mut memory = serde_json::Map::new();
    let mut record = |name: &str, (bytes, calls): (f64, f64)| {
        memory.insert(
            name.to_owned(),
            serde_json::json!({"bytes": bytes, "allocations": calls}),
        );
    };
    for s in Strategy::ALL {
        let value = fx.values.get(s);
        record(
            &format!("decode_{s}"),
            allocations(N, || s.decode(value, &keys, &decode_options, now).unwrap()),
        );
        record(
            &format!("encode_{s}"),
            allocations(N, || {
                s.encode(&payload, &keys, &encode_options, now).unwrap()
            }),
        );
    }
    for (size, f) in fx.sizes.all() {
        let suffix = if size == "typical" {
            String::new()
        } else {
            format!("_{size}")
        };
        for s in check_strategies {
            let header = f.headers.get(s);
            let config = SessionConfig::new(s);
            record(
                &format!("check_session_{s}{suffix}"),
                allocations(N, || check_session(header, &keys, &config, now).unwrap()),
            );
            if size != "typical" {
                let value = f.values.get(s);
                record(
                    &format!("decode_{s}{suffix}"),
                    allocations(N, || s.decode(value, &keys, &decode_options, now).unwrap()),
                );
            }
        }
    }
    record(
        "keyring_from_secret",
        allocations(N, || Keyring::from_secret(&fx.secret).unwrap()),
    );
    record(
        "jsonwebtoken_decode_jwt",
        allocations(N, || {
            jsonwebtoken::decode::<serde_json::Value>(
                &fx.values.jwt,
                &jwt_decoding_key,
                &validation,
            )
            .unwrap()
        }),
    );
    record(
        "jsonwebtoken_encode_jwt",
        allocations(N, || {
            jsonwebtoken::encode(&jwt_header, &jwt_claims, &jwt_encoding_key).unwrap()
        }),
    );

    // Timing.
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
        .configure_from_args();
    for s in Strategy::ALL {
        let value = fx.values.get(s);
        c.bench_function(&format!("decode_{s}"), |b| {
            b.iter(|| {
                s.decode(black_box(value), &keys, &decode_options, black_box(now))
                    .unwrap()
            })
        });
    }
    for s in Strategy::ALL {
        c.bench_function(&format!("encode_{s}"), |b| {
            b.iter(|| {
                s.encode(black_box(&payload), &keys, &encode_options, black_box(now))
                    .unwrap()
            })
        });
    }
    for (size, f) in fx.sizes.all() {
        let suffix = if size == "typical" {
            String::new()
        } else {
            format!("_{size}")
        };
        for s in Strategy::ALL {
            let value = f.values.get(s);
            c.bench_function(&format!("floor_{s}{suffix}"), |b| {
                b.iter(|| floor.run(s, black_box(value)))
            });
            if size != "typical" {
                c.bench_function(&format!("decode_{s}{suffix}"), |b| {
                    b.iter(|| {
                        s.decode(black_box(value), &keys, &decode_options, black_box(now))
                            .unwrap()
                    })
                });
            }
            let header = f.headers.get(s);
            let config = SessionConfig::new(s);
            c.bench_function(&format!("check_session_{s}{suffix}"), |b| {
                b.iter(|| check_session(black_box(header), &keys, &config, black_box(now)).unwrap())
            });
        }
    }
    c.bench_function("keyring_from_secret", |b| {
        b.iter(|| Keyring::from_secret(black_box(&fx.secret)).unwrap())
    });
    c.bench_function("jsonwebtoken_decode_jwt", |b| {
        b.iter(|| {
            jsonwebtoken::decode::<serde_json::Value>(
                black_box(&fx.values.jwt),
                &jwt_decoding_key,
                &validation,
            )
            .unwrap()
        })
    });
    c.bench_function("jsonwebtoken_encode_jwt", |b| {
        b.iter(|| {
            jsonwebtoken::encode(&jwt_header, black_box(&jwt_claims), &jwt_encoding_key).unwrap()
        })
    });
    c.final_summary();

    // Two threads on one keyring.
    let mut threads = serde_json::Map::new();
    for s in Strategy::ALL {
        let value = fx.values.get(s);
        let (one, two) = scaling(200_000, &|| {
            black_box(
                s.decode(black_box(value), &keys, &decode_options, now)
                    .unwrap(),
            );
        });
        eprintln!(
            "threads decode_{s}: {one:.0}/s on one, {two:.0}/s on two ({:.2}x)",
            two / one
        );
        threads.insert(
            format!("decode_{s}"),
            serde_json::json!({"oneThreadPerSecond": one, "twoThreadsPerSecond": two, "speedup": two / one}),
        );
    }
    let out = bench_dir().join("bench-threads-rust.json");
    std::fs::write(&out, serde_json::to_string_pretty(&threads).unwrap() + "\n")
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));

    let report = serde_json::json!({
        "iterations": N,
        "perCall": memory,
        "peakRssKiB": peak_rss_kib(),
    });
    let out = bench_dir().join("bench-memory-rust.json");
    std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap() + "\n")
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
