//! Sessions verified with public keys only: Better Auth's JWT plugin.
//!
//! With `jwt({ sessionCookieCache: true })` and `session.cookieCache.strategy: "jwt"`,
//! Better Auth signs the `session_data` cookie with the plugin's asymmetric keys, and
//! anyone holding the public key set that `GET /api/auth/jwks` serves can verify it —
//! no shared secret at the edge. The same keys sign the plugin's access tokens
//! (`GET /api/auth/token`, the `set-auth-jwt` header).
//!
//! - [`Jwks`]: the public key set, parsed from what `/jwks` serves.
//! - [`verify`] / [`decode`] / [`encode`]: the session-cache JWT. Verification yields
//!   the same [`VerifiedCache`](crate::VerifiedCache) as the other strategies, which
//!   [`Policy::check`](crate::Policy::check) and
//!   [`check_session`](crate::session::check_session) take as they are.
//! - [`access_token`]: the plugin's access tokens, verified and signed.
//! - [`SigningKey`]: a private key — generated, read from a private JWK, or opened from
//!   a row of Better Auth's `jwks` table with the [`Keyring`](crate::Keyring).
//! - [`JwksRefresh`]: when a cached key set must be fetched again (no I/O here).
//! - [`Algorithm`]: EdDSA (Ed25519, the plugin's default), ES256, ES512, RS256, PS256.
//!
//! ```
//! use session_cache::jwks::{self, Algorithm, Jwks, JwtOptions, SigningKey};
//! use session_cache::{EncodeOptions, Payload, Policy};
//!
//! // The auth server's side: a key pair, and a cache signed with it.
//! let key = SigningKey::generate(Algorithm::EdDsa)?;
//! let payload = Payload::from_json(r#"{"session":{"id":"s1","token":"tok","userId":"u1",
//!   "expiresAt":"2026-11-29T06:29:25.877Z","createdAt":"2026-11-22T06:29:25.877Z"},
//!   "user":{"id":"u1","email":"ada@example.com","name":"Ada"},
//!   "updatedAt":1795328965877,"version":"1"}"#)?;
//! let now = 1_795_328_965_877;
//! let value = jwks::encode(&payload, &key, "https://auth.example.com",
//!                          &EncodeOptions::default(), now)?;
//!
//! // The edge: only the public key set.
//! let set = Jwks::from_json(&Jwks::from_signing_keys([&key]).to_json())?;
//! let options = JwtOptions::default().with_issuer("https://auth.example.com");
//! let cache = jwks::verify(&value, &set, &options, now)?;
//! Policy::get_session().check(&cache, now)?;
//! assert_eq!(cache.payload().user().email, "ada@example.com");
//! # Ok::<(), session_cache::Error>(())
//! ```

// A build without any algorithm keeps the API; every token is then refused.
#![cfg_attr(
    not(any(
        feature = "eddsa",
        feature = "es256",
        feature = "es512",
        feature = "rsa"
    )),
    allow(
        unreachable_code,
        unused_variables,
        unused_mut,
        dead_code,
        unused_imports
    )
)]

pub mod access_token;
mod alg;
mod claims;
mod jwk;
mod jws;
mod refresh;
mod row;
mod session_cache;
mod signing_key;

use core::fmt;

use crate::defaults::{MAX_JWKS_KEYS, MAX_JWKS_LEN};
use crate::error::{Error, ErrorKind, Result};
use crate::json::{self, Object, Value};

pub use alg::Algorithm;
pub use refresh::JwksRefresh;
pub use session_cache::{decode, encode, verify, JwtOptions};
pub use signing_key::SigningKey;

use alg::PublicKey;
use jwk::{put_str, Members};

/// A public key set, as Better Auth's `GET /api/auth/jwks` serves it:
/// `{"keys":[{"alg":"EdDSA","crv":"Ed25519","x":"…","kty":"OKP","kid":"…"}, …]}`.
///
/// - Keys of a type or curve this crate does not implement (`oct`, `P-384`, `X25519`,
///   …), or with an `alg` other than the five, are kept in place but never verify: a
///   token naming one is refused with [`ErrorKind::UnsupportedAlgorithm`].
/// - A key of a supported type with a missing or malformed member, a point not on its
///   curve, an RSA modulus under [`RSA_MIN_BITS`](crate::defaults::RSA_MIN_BITS) bits,
///   an `alg` that does not fit the key, or a private member (`d`) makes the whole set
///   invalid ([`ErrorKind::InvalidKey`], naming the key's position and the member).
/// - At most [`MAX_JWKS_KEYS`] keys and [`MAX_JWKS_LEN`] bytes
///   ([`ErrorKind::TooLarge`]).
/// - Keys are looked up by `kid`; with duplicate kids the first wins, as Better Auth's
///   `keys.find` does. Members such as `use`, `key_ops` and `ext` are ignored, as
///   `jose` ignores them.
///
/// Parsing does all the work (base64, point decompression, RSA checks) once; verifying
/// against the set then costs only the signature check.
#[derive(Clone, Default)]
pub struct Jwks {
    keys: Vec<Entry>,
}

#[derive(Clone)]
struct Entry {
    kid: Option<Box<str>>,
    slot: Slot,
}

#[derive(Clone)]
enum Slot {
    /// A key this crate verifies with; `alg` is its `alg` member when it has one (the
    /// only algorithm it then accepts).
    Usable {
        key: PublicKey,
        alg: Option<&'static str>,
    },
    /// A key of another type or algorithm: what it is, for the error message.
    Unsupported(Box<str>),
}

/// The key a token's header selects, resolved as Better Auth does.
pub(crate) struct Selected<'a> {
    pub(crate) key: &'a PublicKey,
    pub(crate) kid: &'a str,
    /// The key's own `alg` when it has one, else the header's.
    pub(crate) alg_name: &'static str,
    pub(crate) algorithm: Algorithm,
}

impl Jwks {
    /// Parses a key set from its JSON text (what `/api/auth/jwks` serves).
    pub fn from_json(text: &str) -> Result<Jwks> {
        if text.len() > MAX_JWKS_LEN {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the JWKS is {} bytes, above the limit of {MAX_JWKS_LEN}",
                    text.len()
                ),
            ));
        }
        let obj = json::parse_object(text.as_bytes()).map_err(|e| {
            Error::new(
                ErrorKind::InvalidKey,
                format!("the JWKS is not a JSON object: {e}"),
            )
        })?;
        Jwks::from_object(&obj)
    }

    /// A key set from its parsed JSON object.
    pub fn from_object(obj: &Object) -> Result<Jwks> {
        let keys = obj
            .get("keys")
            .and_then(Value::as_array)
            .ok_or_else(|| Error::new(ErrorKind::InvalidKey, "the JWKS has no \"keys\" array"))?;
        if keys.len() > MAX_JWKS_KEYS {
            return Err(Error::new(
                ErrorKind::TooLarge,
                format!(
                    "the JWKS has {} keys, above the limit of {MAX_JWKS_KEYS}",
                    keys.len()
                ),
            ));
        }
        let keys = keys
            .iter()
            .enumerate()
            .map(|(i, key)| {
                let key = key.as_object().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidKey,
                        format!("JWKS key {i} is not an object"),
                    )
                })?;
                Entry::parse(&Members::new(key, Some(i)))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Jwks { keys })
    }

    /// The public key set of `keys`, each with its `kid` and `alg`.
    pub fn from_signing_keys<'a>(keys: impl IntoIterator<Item = &'a SigningKey>) -> Jwks {
        Jwks {
            keys: keys
                .into_iter()
                .map(|k| Entry {
                    kid: Some(k.kid().into()),
                    slot: Slot::Usable {
                        key: k.public_key(),
                        alg: Some(k.algorithm().as_str()),
                    },
                })
                .collect(),
        }
    }

    /// The set as JSON, each key as Better Auth's `/jwks` writes it (`{alg, crv, …, kid}`
    /// with the public members in `jose`'s order). Keys of unsupported types are left
    /// out.
    pub fn to_json(&self) -> String {
        let keys = self
            .keys
            .iter()
            .filter_map(|e| match &e.slot {
                Slot::Usable { key, alg } => {
                    Some(Value::Object(public_jwk(key, *alg, e.kid.as_deref())))
                }
                Slot::Unsupported(_) => None,
            })
            .collect();
        let mut out = Object::new();
        out.insert("keys", Value::Array(keys));
        out.to_js_string()
    }

    /// The number of keys, supported or not.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set has no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The `kid` of every key that has one, in order.
    pub fn kids(&self) -> impl Iterator<Item = &str> + '_ {
        self.keys.iter().filter_map(|e| e.kid.as_deref())
    }

    /// Whether a key has this `kid`.
    pub fn contains_kid(&self, kid: &str) -> bool {
        self.kids().any(|k| k == kid)
    }

    /// Selects the key for a JWS header, as Better Auth's `getCookieCache` does: the
    /// `kid` must be present and non-empty ([`ErrorKind::Malformed`]) and name a key of
    /// the set ([`ErrorKind::UnknownKey`]; the first of duplicates); the algorithm is the
    /// key's `alg`, else the header's, and must fit the key
    /// ([`ErrorKind::UnsupportedAlgorithm`]).
    pub(crate) fn select(&self, header: &Object) -> Result<Selected<'_>> {
        let kid = match header.get("kid") {
            None | Some(Value::Null) | Some(Value::Bool(false)) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            Some(Value::Number(n)) if *n == 0.0 || n.is_nan() => None,
            Some(v) => Some(v),
        }
        .ok_or_else(|| Error::malformed("the JWT header has no \"kid\""))?;
        let unknown = || {
            Error::new(
                ErrorKind::UnknownKey,
                "no key of the JWKS has the JWT's kid",
            )
        };
        // A kid of another type is truthy but equals no key's kid.
        let kid = kid.as_str().ok_or_else(unknown)?;
        let entry = self
            .keys
            .iter()
            .find(|e| e.kid.as_deref() == Some(kid))
            .ok_or_else(unknown)?;
        let (key, key_alg) = match &entry.slot {
            Slot::Usable { key, alg } => (key, *alg),
            Slot::Unsupported(what) => {
                return Err(Error::new(
                    ErrorKind::UnsupportedAlgorithm,
                    format!("the JWT's key is {what}, which this crate does not verify"),
                ))
            }
        };
        let header_alg = header.get("alg").and_then(Value::as_str);
        let name = key_alg.or(header_alg).ok_or_else(|| {
            Error::new(
                ErrorKind::UnsupportedAlgorithm,
                "the JWT header has no \"alg\"",
            )
        })?;
        let (alg_name, algorithm) = Algorithm::named(name)
            .filter(|(_, a)| key.fits(*a))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::UnsupportedAlgorithm,
                    format!("algorithm {name:?} does not fit the JWT's key"),
                )
            })?;
        Ok(Selected {
            key,
            kid: entry.kid.as_deref().unwrap_or_default(),
            alg_name,
            algorithm,
        })
    }
}

impl Entry {
    fn parse(m: &Members<'_>) -> Result<Entry> {
        let kid = m.string("kid")?.map(Box::from);
        if m.has_private() {
            return Err(m.invalid("holds a private key (\"d\"): a JWKS must be public"));
        }
        let kty = m.kty()?;
        let alg = m.string("alg")?;
        let Some(key) = PublicKey::from_members(m)? else {
            let crv = m.crv()?.map(|c| format!(" {c}")).unwrap_or_default();
            return Ok(Entry {
                kid,
                slot: Slot::Unsupported(format!("a {kty}{crv} key").into()),
            });
        };
        let alg = match alg {
            None => None,
            Some(name) => match Algorithm::named(name) {
                Some((name, a)) if key.fits(a) => Some(name),
                Some((name, _)) => {
                    return Err(m.invalid(&format!(
                        "has \"alg\" {name:?}, which does not fit a {kty} key"
                    )))
                }
                None => {
                    return Ok(Entry {
                        kid,
                        slot: Slot::Unsupported(format!("a {kty} key for {name:?}").into()),
                    })
                }
            },
        };
        Ok(Entry {
            kid,
            slot: Slot::Usable { key, alg },
        })
    }
}

/// The public JWK as Better Auth's `/jwks` writes it: `alg`, `crv` (OKP, EC), the
/// public members as `jose` exports them, then `kid`.
pub(crate) fn public_jwk(key: &PublicKey, alg: Option<&str>, kid: Option<&str>) -> Object {
    let mut out = Object::new();
    if let Some(alg) = alg {
        put_str(&mut out, "alg", alg);
    }
    if let Some(crv) = key.crv() {
        put_str(&mut out, "crv", crv);
    }
    key.write_members(&mut out);
    if let Some(kid) = kid {
        put_str(&mut out, "kid", kid);
    }
    out
}

impl fmt::Debug for Jwks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for e in &self.keys {
            let what = match &e.slot {
                Slot::Usable { key, alg } => format!(
                    "{} {}",
                    alg.unwrap_or("(no alg)"),
                    key.crv().unwrap_or("RSA")
                ),
                Slot::Unsupported(what) => format!("unsupported: {what}"),
            };
            list.entry(&format_args!(
                "{:?}: {what}",
                e.kid.as_deref().unwrap_or("")
            ));
        }
        list.finish()
    }
}
