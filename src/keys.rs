//! Secrets and the keyring: versions, the current secret, the legacy secret, and the
//! keys derived from each, computed once when the keyring is built.

use core::fmt;

use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, ErrorKind, Result};
use crate::mac::{HmacSha256, HmacSha512};

/// HKDF salt Better Auth uses for the session cache's JWE key.
const JWE_SALT: &[u8] = b"better-auth-session";
/// HKDF info Better Auth uses for every JWE key.
const JWE_INFO: &[u8] = b"BetterAuth.js Generated Encryption Key";
/// Better Auth's built-in development secret: as a legacy secret it is ignored.
const DEFAULT_DEV_SECRET: &str = "better-auth-secret-12345678901234567890";

/// One secret: its bytes are zeroized on drop, never shown by `Debug`, and compared in
/// constant time.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Secret(Box<[u8]>);

impl Secret {
    /// A secret from its text (Better Auth uses the UTF-8 bytes of the secret string).
    ///
    /// Fails with [`ErrorKind::InvalidKey`] when `text` is empty.
    pub fn new(text: &str) -> Result<Self> {
        if text.is_empty() {
            return Err(Error::new(ErrorKind::InvalidKey, "the secret is empty"));
        }
        Ok(Secret(text.as_bytes().into()))
    }

    /// The secret's bytes.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// The secret's text (a secret is always made from a string).
    pub fn expose_str(&self) -> &str {
        // Built from `&str` only, so always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// A new random secret of 32 bytes, written as 64 lowercase hex characters (the form
    /// `openssl rand -hex 32` gives, which Better Auth's docs suggest). Its text is
    /// [`expose_str`](Self::expose_str).
    pub fn generate() -> Result<Secret> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        fill_random(&mut bytes[..])?;
        let mut out = Zeroizing::new(String::with_capacity(64));
        for b in bytes.iter() {
            out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        Secret::new(&out)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for Secret {}

/// Which secrets of a [`Keyring`] may verify a signed value: the session token and
/// `dont_remember` cookies, and `compact` and `jwt` caches. (`jwe` always tries every
/// secret, as Better Auth does.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VerifyWith {
    /// The current secret alone, as Better Auth does: a rotation invalidates every
    /// signed cookie.
    #[default]
    CurrentSecret,
    /// Any secret of the keyring: current, older versions, legacy — a rotation that
    /// does not log everyone out.
    AnySecret,
}

/// Which slot of the keyring a key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyVersion {
    /// A versioned secret (`secrets: [{version, value}]`, `BETTER_AUTH_SECRETS`), or the
    /// single secret when the keyring was built from one (version 0, as Better Auth
    /// numbers it).
    Version(u32),
    /// The legacy secret (`BETTER_AUTH_SECRET` beside `BETTER_AUTH_SECRETS`).
    Legacy,
}

impl fmt::Display for KeyVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyVersion::Version(v) => write!(f, "{v}"),
            KeyVersion::Legacy => f.write_str("legacy"),
        }
    }
}

/// A secret with everything derived from it.
#[derive(Clone)]
pub(crate) struct KeyEntry {
    pub(crate) version: KeyVersion,
    pub(crate) secret: Secret,
    /// RFC 7638 SHA-256 thumbprint of the JWE key: the `kid` Better Auth writes.
    pub(crate) jwe_kid: String,
    /// The protected header Better Auth writes with this key, base64url: a JWE whose
    /// header is exactly this needs no header parsing.
    pub(crate) jwe_header_b64: String,
    /// HMAC-SHA-256 keyed with the secret: `compact`, `jwt`, the signed cookies.
    pub(crate) mac: HmacSha256,
    /// HMAC-SHA-512 keyed with the JWE MAC key (A256CBC-HS512's tag).
    pub(crate) jwe_mac: HmacSha512,
    /// AES-256 with the JWE encryption key, both directions, key schedules expanded.
    pub(crate) jwe_enc: aes::Aes256Enc,
    pub(crate) jwe_dec: aes::Aes256Dec,
}

impl KeyEntry {
    fn new(version: KeyVersion, secret: Secret) -> Self {
        // HKDF-SHA256 key of the JWE strategy: MAC key (32 bytes), then AES key (32).
        let mut jwe_key = Zeroizing::new([0u8; 64]);
        Hkdf::<Sha256>::new(Some(JWE_SALT), secret.expose())
            .expand(JWE_INFO, &mut jwe_key[..])
            .unwrap_or_else(|_| unreachable!("64 bytes is a valid HKDF-SHA256 length"));
        let jwe_kid = oct_thumbprint(&jwe_key[..]);
        let jwe_header_b64 = crate::b64::url_encode(
            format!("{{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"kid\":\"{jwe_kid}\"}}")
                .as_bytes(),
        );
        let (mac_key, enc_key) = jwe_key.split_at(32);
        let enc_key = aes::cipher::generic_array::GenericArray::from_slice(enc_key);
        KeyEntry {
            version,
            mac: HmacSha256::new(secret.expose()),
            jwe_mac: HmacSha512::new(mac_key),
            jwe_enc: aes::cipher::KeyInit::new(enc_key),
            jwe_dec: aes::cipher::KeyInit::new(enc_key),
            secret,
            jwe_kid,
            jwe_header_b64,
        }
    }
}

/// RFC 7638 thumbprint (SHA-256, base64url) of the JWK `{"kty":"oct","k":…}`.
fn oct_thumbprint(key: &[u8]) -> String {
    let mut canonical = Zeroizing::new(String::with_capacity(120));
    canonical.push_str("{\"k\":\"");
    canonical.push_str(&crate::b64::url_encode_secret(key));
    canonical.push_str("\",\"kty\":\"oct\"}");
    crate::b64::url_encode(&Sha256::digest(canonical.as_bytes()))
}

/// The secrets a deployment signs and verifies with, and the keys derived from them.
///
/// Built once (derivation happens here, never per call) and shared by reference.
/// Follows Better Auth's rules exactly:
/// - the first versioned secret is the *current* one: `compact`, `jwt` and the signed
///   session token use it alone (unless verification with older secrets is asked for);
/// - `jwe` matches a `kid` against the thumbprints of every secret — versions in order,
///   then the legacy secret — and, without a `kid`, tries them in that order;
/// - a legacy secret equal to one of the versioned secrets, or equal to Better Auth's
///   built-in development secret, is ignored.
///
/// ```
/// use session_cache::Keyring;
/// let single = Keyring::from_secret("a-long-random-secret-of-32-chars!!")?;
/// let rotated = Keyring::from_secrets_env("2:new-secret-value,1:old-secret-value", None)?;
/// assert_eq!(rotated.current_version(), session_cache::KeyVersion::Version(2));
/// # Ok::<(), session_cache::Error>(())
/// ```
#[derive(Clone)]
pub struct Keyring {
    /// Current first, then older versions in the order given, then the legacy secret.
    entries: Vec<KeyEntry>,
    /// Built from a single secret (Better Auth's `secret`), not from `secrets`.
    single: bool,
    /// The version whose secret is also the legacy secret (dropped from `entries` as a
    /// duplicate), so that what the legacy secret sealed still opens.
    legacy_alias: Option<u32>,
}

impl Keyring {
    /// A keyring holding one secret (Better Auth's `secret` option or
    /// `BETTER_AUTH_SECRET`).
    pub fn from_secret(secret: &str) -> Result<Self> {
        Ok(Keyring {
            entries: vec![KeyEntry::new(KeyVersion::Version(0), Secret::new(secret)?)],
            single: true,
            legacy_alias: None,
        })
    }

    /// A keyring from versioned secrets, current first (Better Auth's
    /// `secrets: [{version, value}, …]`), and an optional legacy secret.
    ///
    /// Fails when the list is empty, a secret is empty or a version repeats.
    pub fn from_secrets<'a, I>(secrets: I, legacy: Option<&str>) -> Result<Self>
    where
        I: IntoIterator<Item = (u32, &'a str)>,
    {
        let mut entries: Vec<KeyEntry> = Vec::new();
        for (version, value) in secrets {
            if value.is_empty() {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!("empty secret value for version {version}"),
                ));
            }
            if entries
                .iter()
                .any(|e| e.version == KeyVersion::Version(version))
            {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!("duplicate version {version}: each version must be unique"),
                ));
            }
            entries.push(KeyEntry::new(
                KeyVersion::Version(version),
                Secret::new(value)?,
            ));
        }
        if entries.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "the secrets list must contain at least one entry",
            ));
        }
        let mut legacy_alias = None;
        if let Some(legacy) = legacy {
            let known = entries
                .iter()
                .find(|e| e.secret.expose() == legacy.as_bytes())
                .map(|e| e.version);
            if !legacy.is_empty() && legacy != DEFAULT_DEV_SECRET {
                match known {
                    Some(KeyVersion::Version(v)) => legacy_alias = Some(v),
                    _ => entries.push(KeyEntry::new(KeyVersion::Legacy, Secret::new(legacy)?)),
                }
            }
        }
        Ok(Keyring {
            entries,
            single: false,
            legacy_alias,
        })
    }

    /// A keyring from the `BETTER_AUTH_SECRETS` syntax, `"2:new-secret,1:old-secret"`
    /// (current first; entries and values are trimmed), and an optional legacy secret
    /// (`BETTER_AUTH_SECRET`).
    ///
    /// Each entry must be `<version>:<secret>` with a version of decimal digits. Better
    /// Auth reads the version with `parseInt`, so it would take `"2x:…"` as version 2;
    /// this parser refuses it.
    pub fn from_secrets_env(value: &str, legacy: Option<&str>) -> Result<Self> {
        let mut parsed = Vec::new();
        for (index, entry) in value.split(',').enumerate() {
            let position = index + 1;
            let entry = entry.trim();
            let Some((version, secret)) = entry.split_once(':') else {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!(
                        "invalid BETTER_AUTH_SECRETS entry at position {position}: expected \"<version>:<secret>\""
                    ),
                ));
            };
            let version = version.trim();
            let version = if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) {
                version.parse::<u32>().ok()
            } else {
                None
            };
            let Some(version) = version else {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!(
                        "invalid version in BETTER_AUTH_SECRETS entry at position {position}: it must be a non-negative integer"
                    ),
                ));
            };
            let secret = secret.trim();
            if secret.is_empty() {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!("empty secret value for version {version} in BETTER_AUTH_SECRETS"),
                ));
            }
            parsed.push((version, secret));
        }
        Self::from_secrets(parsed, legacy)
    }

    /// The keyring Better Auth builds from its environment: `BETTER_AUTH_SECRETS`
    /// (versioned, current first) with `BETTER_AUTH_SECRET`, else `AUTH_SECRET`, as the
    /// legacy secret; or, without `BETTER_AUTH_SECRETS`, the single secret
    /// `BETTER_AUTH_SECRET`, else `AUTH_SECRET`. Empty variables count as unset.
    ///
    /// Fails with [`ErrorKind::InvalidKey`] when none is set (Better Auth would fall back
    /// to its public development secret; a verifier must not) or a value is invalid.
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with the variables read through `lookup` (for
    /// tests, for runtimes without a process environment, or to let command-line flags
    /// take the place of variables).
    ///
    /// ```
    /// use session_cache::{KeyVersion, Keyring};
    /// let env = |name: &str| match name {
    ///     "BETTER_AUTH_SECRETS" => Some("2:new-secret-value,1:old-secret-value".to_owned()),
    ///     "BETTER_AUTH_SECRET" => Some("legacy-secret-value".to_owned()),
    ///     _ => None,
    /// };
    /// let keys = Keyring::from_env_with(env)?;
    /// let versions: Vec<_> = keys.versions().collect();
    /// assert_eq!(versions, [KeyVersion::Version(2), KeyVersion::Version(1), KeyVersion::Legacy]);
    /// # Ok::<(), session_cache::Error>(())
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let var = |name: &str| lookup(name).filter(|v| !v.is_empty()).map(Zeroizing::new);
        let legacy = var("BETTER_AUTH_SECRET").or_else(|| var("AUTH_SECRET"));
        match (var("BETTER_AUTH_SECRETS"), legacy) {
            (Some(list), legacy) => {
                Self::from_secrets_env(&list, legacy.as_ref().map(|s| s.as_str()))
            }
            (None, Some(secret)) => Self::from_secret(&secret),
            (None, None) => Err(Error::new(
                ErrorKind::InvalidKey,
                "no secret: set BETTER_AUTH_SECRET (or AUTH_SECRET) or BETTER_AUTH_SECRETS",
            )),
        }
    }

    /// The version of the current secret ([`KeyVersion::Version(0)`](KeyVersion::Version)
    /// for a single secret).
    pub fn current_version(&self) -> KeyVersion {
        self.entries[0].version
    }

    /// Every slot, in the order used to try them: current, older versions, legacy.
    pub fn versions(&self) -> impl Iterator<Item = KeyVersion> + '_ {
        self.entries.iter().map(|e| e.version)
    }

    /// The `kid` that the `jwe` strategy writes with the current secret.
    pub fn jwe_kid(&self) -> &str {
        &self.entries[0].jwe_kid
    }

    pub(crate) fn current(&self) -> &KeyEntry {
        &self.entries[0]
    }

    /// The keys to try, in order, for a value signed with one of `with`'s secrets.
    pub(crate) fn entries_for(&self, with: VerifyWith) -> &[KeyEntry] {
        match with {
            VerifyWith::CurrentSecret => &self.entries[..1],
            VerifyWith::AnySecret => &self.entries,
        }
    }

    pub(crate) fn entries(&self) -> &[KeyEntry] {
        &self.entries
    }

    /// Whether the keyring holds Better Auth's single `secret` (not `secrets`).
    pub(crate) fn is_single(&self) -> bool {
        self.single
    }

    /// The secret of version `version` (of `secrets`).
    pub(crate) fn secret_of_version(&self, version: u32) -> Option<&Secret> {
        if self.single {
            return None;
        }
        self.entries
            .iter()
            .find(|e| e.version == KeyVersion::Version(version))
            .map(|e| &e.secret)
    }

    /// The legacy secret (beside `secrets`), including one equal to a versioned secret.
    pub(crate) fn legacy_secret(&self) -> Option<&Secret> {
        if self.single {
            return None;
        }
        match self.legacy_alias {
            Some(v) => self.secret_of_version(v),
            None => self
                .entries
                .iter()
                .find(|e| e.version == KeyVersion::Legacy)
                .map(|e| &e.secret),
        }
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field(
                "versions",
                &self.entries.iter().map(|e| e.version).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// Fills `buf` from the operating system's random generator.
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf).map_err(|e| {
        Error::new(
            ErrorKind::Random,
            format!("the OS random generator failed: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let ring = Keyring::from_secrets(
            [(2, "s3cr3t-new"), (1, "s3cr3t-old")],
            Some("s3cr3t-legacy"),
        )
        .unwrap();
        let shown = format!("{ring:?} {:?}", ring.entries[0].secret);
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("Version(2)"));
    }

    #[test]
    fn env_syntax() {
        let ring = Keyring::from_secrets_env(" 2: new , 1:old", Some("legacy")).unwrap();
        let v: Vec<_> = ring.versions().collect();
        assert_eq!(
            v,
            [
                KeyVersion::Version(2),
                KeyVersion::Version(1),
                KeyVersion::Legacy
            ]
        );
        assert_eq!(ring.entries[0].secret.expose(), b"new");
        for bad in [
            "",
            "2new",
            "x:a",
            "-1:a",
            "2:",
            "2:a,2:b",
            "2:a,,1:b",
            "99999999999:a",
        ] {
            let err = Keyring::from_secrets_env(bad, None).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidKey, "{bad}");
        }
    }

    #[test]
    fn environment_precedence() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let current = |ring: &Keyring| ring.entries[0].secret.expose_str().to_owned();
        // BETTER_AUTH_SECRETS wins; BETTER_AUTH_SECRET is then the legacy secret.
        let ring = Keyring::from_env_with(env(&[
            ("BETTER_AUTH_SECRETS", "3:three"),
            ("BETTER_AUTH_SECRET", "single"),
            ("AUTH_SECRET", "auth"),
        ]))
        .unwrap();
        assert_eq!(current(&ring), "three");
        assert_eq!(ring.versions().last(), Some(KeyVersion::Legacy));
        assert_eq!(ring.entries[1].secret.expose_str(), "single");
        // AUTH_SECRET is the legacy secret when BETTER_AUTH_SECRET is unset or empty.
        let ring = Keyring::from_env_with(env(&[
            ("BETTER_AUTH_SECRETS", "3:three"),
            ("BETTER_AUTH_SECRET", ""),
            ("AUTH_SECRET", "auth"),
        ]))
        .unwrap();
        assert_eq!(ring.entries[1].secret.expose_str(), "auth");
        // Without versioned secrets: the single one, BETTER_AUTH_SECRET first.
        let ring = Keyring::from_env_with(env(&[
            ("BETTER_AUTH_SECRET", "single"),
            ("AUTH_SECRET", "auth"),
        ]))
        .unwrap();
        assert_eq!(
            (current(&ring), ring.current_version()),
            ("single".to_owned(), KeyVersion::Version(0))
        );
        let ring = Keyring::from_env_with(env(&[("AUTH_SECRET", "auth")])).unwrap();
        assert_eq!(current(&ring), "auth");
        // Nothing set, or only empty values: no keyring (no development secret).
        for vars in [
            &[][..],
            &[("BETTER_AUTH_SECRET", ""), ("BETTER_AUTH_SECRETS", "")][..],
        ] {
            let err = Keyring::from_env_with(env(vars)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidKey);
        }
        let err = Keyring::from_env_with(env(&[("BETTER_AUTH_SECRETS", "x:bad")])).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(!err.to_string().contains("bad"), "{err}");
    }

    #[test]
    fn legacy_rules() {
        let ring = Keyring::from_secrets([(1, "a")], Some("a")).unwrap();
        assert_eq!(
            ring.entries.len(),
            1,
            "a legacy equal to a versioned secret is dropped"
        );
        let ring = Keyring::from_secrets([(1, "a")], Some(DEFAULT_DEV_SECRET)).unwrap();
        assert_eq!(
            ring.entries.len(),
            1,
            "the built-in development secret is ignored"
        );
        assert!(Keyring::from_secret("").is_err());
        assert!(Keyring::from_secrets(Vec::<(u32, &str)>::new(), None).is_err());
    }

    #[test]
    fn secrets_compare_by_value() {
        assert_eq!(Secret::new("abc").unwrap(), Secret::new("abc").unwrap());
        assert_ne!(Secret::new("abc").unwrap(), Secret::new("abd").unwrap());
        let g = Secret::generate().unwrap();
        assert_eq!(g.expose_str().len(), 64);
        assert!(g.expose_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(g, Secret::generate().unwrap());
    }
}
