//! Secrets stay secret: no `Debug` or `Display` of a key, keyring, configuration, check
//! or error shows secret material (nor the session token), and no freed heap block ever
//! holds a secret or a key derived from it.
//!
//! The second half uses this binary's allocator: every block is zeroed when allocated
//! (so every byte is initialized and may be read), and while a scan is on, each block is
//! searched, just before it is freed, for the secret and its derived keys. A block that
//! still holds one was freed without being zeroized. Reallocation always moves (new
//! block, copy, scan and free the old one), so a growing vector that leaves a copy of
//! key material behind is caught too.

#[path = "common/jwe_key.rs"]
mod jwe_key;
use jwe_key::jwe_key;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use session_cache::cookie::{
    sign_cookie_value, AuthCookies, CookieJar, CookieNames, RequestCookies, SignIn,
};
use session_cache::session::{check_session, SessionConfig};
use session_cache::{
    DecodeOptions, EncodeOptions, KeyVersion, Keyring, Payload, Policy, Secret, Strategy,
    VerifyOptions, VerifyWith,
};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

// ---------------------------------------------------------------------------------------
// The scanning allocator.
// ---------------------------------------------------------------------------------------

struct Scanning;

static SCAN: AtomicBool = AtomicBool::new(false);
static HITS: AtomicUsize = AtomicUsize::new(0);
static SCANNED: AtomicUsize = AtomicUsize::new(0);
/// What must never be left in a freed block (set before a scan starts, read-only then).
static NEEDLES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();

/// The needle and block size of the first hits, for the failure message.
static WHICH: [AtomicUsize; 16] = [const { AtomicUsize::new(usize::MAX) }; 16];

fn holds_a_needle(block: &[u8]) -> Option<usize> {
    let needles = NEEDLES.get()?;
    needles
        .iter()
        .position(|n| block.len() >= n.len() && block.windows(n.len()).any(|w| w == &n[..]))
}

/// Scans the `size` initialized bytes at `ptr` (the caller owns them until it frees).
unsafe fn scan(ptr: *mut u8, size: usize) {
    if SCAN.load(Ordering::SeqCst) && size > 0 {
        SCANNED.fetch_add(1, Ordering::SeqCst);
        // SAFETY: `ptr` is a live block of `size` bytes, all initialized (see `alloc`).
        let block = std::slice::from_raw_parts(ptr as *const u8, size);
        if let Some(needle) = holds_a_needle(block) {
            let n = HITS.fetch_add(1, Ordering::SeqCst);
            if n < WHICH.len() {
                WHICH[n].store(needle << 32 | size, Ordering::SeqCst);
            }
        }
    }
}

// SAFETY: blocks come from `System` with the caller's layout; `alloc` zeroes them so the
// scan only reads initialized bytes; `realloc` copies `min(old, new)` bytes into a block
// of the new layout before freeing the old one.
unsafe impl GlobalAlloc for Scanning {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc_zeroed(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        scan(ptr, layout.size());
        System.dealloc(ptr, layout);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let new = System.alloc_zeroed(new_layout);
        if !new.is_null() {
            std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            scan(ptr, layout.size());
            System.dealloc(ptr, layout);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Scanning = Scanning;

/// The scan and the printing test must not interleave their allocations' meaning.
static SERIAL: Mutex<()> = Mutex::new(());

// ---------------------------------------------------------------------------------------
// Material.
// ---------------------------------------------------------------------------------------

const NOW: i64 = 1_795_328_965_877;
const SECRET: &str = "s3cr3t-MARKER-current-7f1c9e2a4b6d8f0a";
const OLDER: &str = "s3cr3t-MARKER-older-0a8f6d4b2a9e1c7f5d";
const LEGACY: &str = "s3cr3t-MARKER-legacy-19283746afbecd05";
const TOKEN: &str = "TOKEN-MARKER-b6d8f0a2c4e6";
/// A keyring of more secrets than a vector's first allocation holds.
const MANY: [&str; 6] = [
    "s3cr3t-MANY-0-4f1e2d3c4b5a69788796a5b4",
    "s3cr3t-MANY-1-5a69788796a5b4c3d2e1f0ab",
    "s3cr3t-MANY-2-96a5b4c3d2e1f0ab1c2d3e4f",
    "s3cr3t-MANY-3-d2e1f0ab1c2d3e4f5a6b7c8d",
    "s3cr3t-MANY-4-1c2d3e4f5a6b7c8d9e0f1a2b",
    "s3cr3t-MANY-5-5a6b7c8d9e0f1a2b3c4d5e6f",
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn b64url(bytes: &[u8]) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::encode_string(bytes)
}

fn b64std(bytes: &[u8]) -> String {
    use base64ct::{Base64, Encoding};
    Base64::encode_string(bytes)
}

/// Every way a secret could be shown: as text, hex, base64; and its derived JWE key
/// (halves, hex, base64url).
fn forms(secret: &str) -> Vec<String> {
    let key = jwe_key(secret);
    vec![
        secret.to_owned(),
        hex(secret.as_bytes()),
        b64std(secret.as_bytes()),
        b64url(secret.as_bytes()),
        hex(&key[..32]),
        hex(&key[32..]),
        b64url(&key),
        b64url(&key[..32]),
        format!("{:?}", &key[..8]),
    ]
}

fn payload() -> Payload {
    Payload::from_json(&format!(
        r#"{{"session":{{"id":"s1","token":"{TOKEN}","userId":"u1","expiresAt":"2026-11-29T06:29:25.877Z",
            "createdAt":"2026-11-22T06:29:25.877Z"}},"user":{{"id":"u1","email":"ada@example.com",
            "name":"Ada"}},"updatedAt":1795328965877,"version":"1"}}"#
    ))
    .unwrap()
}

// ---------------------------------------------------------------------------------------
// Debug and Display.
// ---------------------------------------------------------------------------------------

#[test]
fn debug_and_display_never_show_secret_material() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let keys = Keyring::from_secrets([(2, SECRET), (1, OLDER)], Some(LEGACY)).unwrap();
    let env = |name: &str| match name {
        "BETTER_AUTH_SECRETS" => Some(format!("2:{SECRET},1:{OLDER}")),
        "BETTER_AUTH_SECRET" => Some(LEGACY.to_owned()),
        _ => None,
    };
    let from_env = Keyring::from_env_with(env).unwrap();
    let single = Keyring::from_secret(SECRET).unwrap();
    let secret = Secret::new(SECRET).unwrap();
    let mut shown: Vec<String> = vec![
        format!("{keys:?}"),
        format!("{keys:#?}"),
        format!("{from_env:?}"),
        format!("{single:?}"),
        format!("{secret:?}"),
        format!("{:?}", secret.clone()),
        format!("{} {:?}", KeyVersion::Legacy, KeyVersion::Version(2)),
        format!("{:?}", VerifyWith::AnySecret),
        format!("{:?}", VerifyOptions::default()),
        format!("{:?}", DecodeOptions::default().with_version("2")),
        format!("{:?}", EncodeOptions::default()),
        format!("{:?}", Policy::get_session().with_version("1")),
        format!("{:?}", SessionConfig::new(Strategy::Jwe).with_prefix("app")),
        format!("{:?}", AuthCookies::new(CookieNames::default())),
    ];

    // Values carrying the secret's work: caches, the session check, cookies.
    let now = NOW;
    for strategy in Strategy::ALL {
        let value = strategy
            .encode(&payload(), &keys, &EncodeOptions::default(), now)
            .unwrap();
        let cache = strategy
            .verify(&value, &keys, &VerifyOptions::default(), now)
            .unwrap();
        shown.push(format!(
            "{cache:?} {:?} {:?}",
            cache.payload(),
            cache.session()
        ));
        let header = format!(
            "better-auth.session_token={}; better-auth.session_data={value}",
            sign_cookie_value(TOKEN, &keys)
        );
        let check = check_session(&header, &keys, &SessionConfig::new(strategy), now).unwrap();
        shown.push(format!("{check:?} {:?}", check.verdict()));
        let request = RequestCookies::parse(&header);
        shown.push(format!("{request:?} {:?}", CookieJar::parse(&header)));
        let cookies = AuthCookies::new(CookieNames::default());
        for c in cookies
            .sign_in_cookies(
                SignIn::new(TOKEN).with_cache(&value),
                &RequestCookies::default(),
                &keys,
            )
            .unwrap()
        {
            shown.push(format!("{c:?}"));
        }
    }

    // Errors, from inputs that hold the secrets.
    let inputs = [
        format!("x:{SECRET}"),
        format!("2:{SECRET},2:{OLDER}"),
        format!("2:{SECRET},{OLDER}"),
        format!("2:{SECRET},1:"),
        format!("-1:{SECRET}"),
        format!("99999999999:{SECRET}"),
    ];
    for input in &inputs {
        let err = Keyring::from_secrets_env(input, Some(LEGACY)).unwrap_err();
        shown.push(format!("{err} {err:?} {}", err.message()));
        let err = Keyring::from_env_with(|n| (n == "BETTER_AUTH_SECRETS").then(|| input.clone()))
            .unwrap_err();
        shown.push(format!("{err} {err:?}"));
    }
    for strategy in Strategy::ALL {
        for value in [
            SECRET.to_owned(),
            format!("{SECRET}.{SECRET}.{SECRET}"),
            format!("{SECRET}...."),
        ] {
            let err = strategy
                .verify(&value, &keys, &VerifyOptions::default(), now)
                .unwrap_err();
            shown.push(format!("{err} {err:?}"));
        }
    }
    let err = check_session(
        &format!("better-auth.session_token={TOKEN}.{SECRET}"),
        &keys,
        &SessionConfig::default(),
        now,
    )
    .unwrap_err();
    shown.push(format!("{err} {err:?}"));

    let mut needles: Vec<String> = [SECRET, OLDER, LEGACY]
        .iter()
        .flat_map(|s| forms(s))
        .collect();
    needles.push(TOKEN.to_owned());
    for text in &shown {
        for needle in &needles {
            assert!(
                !text.contains(needle.as_str()),
                "{needle:?} shown in {text}"
            );
        }
    }
    // And the printing says something useful.
    assert!(shown[0].contains("Version(2)") && shown[0].contains("Legacy"));
}

// ---------------------------------------------------------------------------------------
// Zeroization.
// ---------------------------------------------------------------------------------------

#[test]
fn zeroize_bounds_and_behaviour() {
    // The bounds, at compile time: these types zeroize themselves on drop.
    fn on_drop<T: ZeroizeOnDrop>() {}
    on_drop::<Secret>();
    on_drop::<Zeroizing<[u8; 64]>>();
    // zeroize() wipes the bytes in place.
    let mut s = Secret::new(SECRET).unwrap();
    assert_eq!(s.expose(), SECRET.as_bytes());
    s.zeroize();
    assert!(s.expose().iter().all(|&b| b == 0));
    let mut g = Secret::generate().unwrap();
    g.zeroize();
    assert!(g.expose().iter().all(|&b| b == 0));
}

#[test]
fn no_freed_block_holds_a_secret_or_a_key() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut needles: Vec<Vec<u8>> = Vec::new();
    for s in [SECRET, OLDER, LEGACY].into_iter().chain(MANY) {
        let key = jwe_key(s);
        needles.push(s.as_bytes().to_vec());
        needles.push(key[..32].to_vec());
        needles.push(key[32..].to_vec());
        // The key's base64url, which the thumbprint is computed over.
        needles.push(b64url(&key).into_bytes()[..40].to_vec());
    }
    // The control: a needle that is freed unzeroized on purpose must be found.
    needles.push(b"CONTROL-NEEDLE-freed-as-is-0123456789".to_vec());
    NEEDLES.set(needles).expect("set once");
    let found = |f: &dyn Fn()| {
        HITS.store(0, Ordering::SeqCst);
        SCAN.store(true, Ordering::SeqCst);
        f();
        SCAN.store(false, Ordering::SeqCst);
        HITS.load(Ordering::SeqCst)
    };
    assert!(
        found(&|| drop(String::from("CONTROL-NEEDLE-freed-as-is-0123456789"))) > 0,
        "the scan finds a freed needle"
    );

    // The caller's own strings are the caller's to zeroize: made before the scan, cloned
    // (at their exact size) into the library, zeroized by the test when it drops them.
    let env_list = Zeroizing::new(format!("2:{SECRET},1:{OLDER}"));
    let list = Zeroizing::new(format!(" 2: {SECRET} , 1:{OLDER}"));
    let bad = Zeroizing::new(format!("2:{SECRET},x:{OLDER}"));

    // Everything a deployment does with its secrets, start to end.
    let hits = found(&|| {
        let keys = Keyring::from_secrets([(2, SECRET), (1, OLDER)], Some(LEGACY)).unwrap();
        let env = Keyring::from_env_with(|name| match name {
            "BETTER_AUTH_SECRETS" => Some(String::clone(&env_list)),
            "BETTER_AUTH_SECRET" => Some(LEGACY.to_owned()),
            _ => None,
        })
        .unwrap();
        let parsed = Keyring::from_secrets_env(&list, Some(LEGACY)).unwrap();
        let single = Keyring::from_secret(SECRET).unwrap();
        let cloned = keys.clone();
        let many =
            Keyring::from_secrets((0..6).map(|i| (6 - i as u32, MANY[i])), Some(LEGACY)).unwrap();
        drop(many);
        let secret = Secret::new(SECRET).unwrap();
        drop(secret.clone());
        for strategy in Strategy::ALL {
            let value = strategy
                .encode(&payload(), &keys, &EncodeOptions::default(), NOW)
                .unwrap();
            for ring in [&keys, &env, &parsed, &cloned] {
                let options = VerifyOptions::default().with_secrets(VerifyWith::AnySecret);
                strategy.verify(&value, ring, &options, NOW).unwrap();
            }
            let header = format!(
                "better-auth.session_token={}; better-auth.session_data={value}",
                sign_cookie_value(TOKEN, &keys)
            );
            check_session(&header, &keys, &SessionConfig::new(strategy), NOW).unwrap();
            let _ = strategy.verify(&value, &single, &VerifyOptions::default(), NOW);
        }
        drop((keys, env, parsed, single, cloned, secret));
        // Keyring construction failures drop what they had built.
        let _ = Keyring::from_secrets([(2, SECRET), (2, OLDER)], None);
        let _ = Keyring::from_secrets_env(&bad, None);
    });
    assert!(SCANNED.load(Ordering::SeqCst) > 100, "the scan ran");
    let which: Vec<(usize, usize)> = WHICH
        .iter()
        .map(|w| w.load(Ordering::SeqCst))
        .filter(|&w| w != usize::MAX)
        .map(|w| (w >> 32, w & 0xffff_ffff))
        .collect();
    assert_eq!(
        hits, 0,
        "{hits} freed blocks still held a secret or a derived key: (needle, block size) {which:?}"
    );

    // The thumbprint input (the JWK with the key) is zeroized too: its hash is public,
    // the text is not.
    let digest = Sha256::digest(b"");
    assert_eq!(digest.len(), 32);
}
