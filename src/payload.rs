//! The cookie-cache payload: `{session, user, updatedAt, version}`, with typed access to
//! the fields every session has and every other field kept exactly, in order.

use core::fmt;
use std::sync::OnceLock;

use crate::error::{Error, ErrorKind, Result};
use crate::jsdate;
use crate::json::{self, JsString, Object, Value};

/// The fields of a session row that every Better Auth session has.
///
/// `Debug` does not show the token: it is a bearer credential.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Session {
    /// `session.id`.
    pub id: String,
    /// `session.token`: the token the `session_token` cookie carries.
    pub token: String,
    /// `session.userId`.
    pub user_id: String,
    /// `session.expiresAt`, Unix milliseconds.
    pub expires_at: i64,
    /// `session.createdAt`, Unix milliseconds, when present.
    pub created_at: Option<i64>,
    /// `session.updatedAt`, Unix milliseconds, when present.
    pub updated_at: Option<i64>,
    /// `session.ipAddress`, when present and not null.
    pub ip_address: Option<String>,
    /// `session.userAgent`, when present and not null.
    pub user_agent: Option<String>,
}

/// The fields of a user row that every Better Auth user has.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct User {
    /// `user.id`.
    pub id: String,
    /// `user.email`, as signed (Better Auth's schema lower-cases it when it reads it).
    pub email: String,
    /// `user.name`.
    pub name: String,
    /// `user.emailVerified` (`false` when absent, as Better Auth's schema defaults it).
    pub email_verified: bool,
    /// `user.image`, when present and not null.
    pub image: Option<String>,
    /// `user.createdAt`, Unix milliseconds, when present.
    pub created_at: Option<i64>,
    /// `user.updatedAt`, Unix milliseconds, when present.
    pub updated_at: Option<i64>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.id)
            .field("token", &"[redacted]")
            .field("user_id", &self.user_id)
            .field("expires_at", &self.expires_at)
            .field("created_at", &self.created_at)
            .field("updated_at", &self.updated_at)
            .field("ip_address", &self.ip_address)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

/// The cookie-cache payload.
///
/// It keeps the whole JSON object exactly (every additional or plugin field, in order,
/// with its exact value) and gives typed access to the fields Better Auth's schema
/// requires. Building one checks that schema, so a `Payload` is always one Better Auth
/// can read.
///
/// A `Payload` by itself is not trusted: decoding returns it inside a
/// [`VerifiedCache`](crate::VerifiedCache) only after the signature and the policy have
/// been checked.
///
/// `Debug` shows the typed fields only (never the session token, nor the raw object
/// that holds it).
#[derive(Clone)]
pub struct Payload {
    /// `JSON.stringify` of the payload object: what a strategy signs, and what
    /// [`Payload::to_json`] returns.
    text: Box<str>,
    /// The object itself, built when first asked for (a payload read from canonical
    /// text needs none to be verified).
    raw: OnceLock<Object>,
    /// The typed rows, built when first asked for from `spans` (or at once from an
    /// object).
    session: OnceLock<Session>,
    user: OnceLock<User>,
    /// Where the schema's fields are in `text`, for a payload read from canonical text.
    spans: Option<Box<Spans>>,
    /// What verification and policy read on every request, read once.
    expires_at: i64,
    created_at: Option<i64>,
    updated_at: f64,
    version: Option<Version>,
}

/// The payload's `version`: where it is in the text, or its value.
#[derive(Clone, Debug)]
enum Version {
    At(usize, usize),
    Owned(String),
}

/// The value texts of the typed fields, as byte ranges of the payload text; the dates
/// and `emailVerified` already read.
#[derive(Clone, Debug, Default)]
struct Spans {
    session: [Option<(usize, usize)>; 8],
    user: [Option<(usize, usize)>; 7],
    session_updated_at: Option<i64>,
    user_created_at: Option<i64>,
    user_updated_at: Option<i64>,
    email_verified: bool,
}

impl PartialEq for Payload {
    /// The same payload: the same JSON text (which determines every field).
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// Claims about the token rather than the session, removed from a `jwt` payload when it
/// is read (Better Auth writes `iat` and `exp`).
pub(crate) const JWT_CLAIMS: &[&str] = &["iat", "exp", "nbf"];
/// The same for `jwe` (Better Auth also writes `jti`).
pub(crate) const JWE_CLAIMS: &[&str] = &["iat", "exp", "nbf", "jti"];

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Payload")
            .field("session", self.session())
            .field("user", self.user())
            .field("updated_at", &self.updated_at)
            .field("version", &self.version())
            .finish_non_exhaustive()
    }
}

impl Payload {
    /// A payload from a session and a user row (as JSON objects whose dates are ISO
    /// strings, as `toISOString()` writes them), the cache's `updatedAt` (Unix ms) and
    /// its `version`.
    ///
    /// Fails with [`ErrorKind::InvalidPayload`] when a required field is missing or of
    /// the wrong type.
    pub fn new(session: Object, user: Object, updated_at_ms: i64, version: &str) -> Result<Self> {
        let mut raw = Object::new();
        raw.insert("session", Value::Object(session));
        raw.insert("user", Value::Object(user));
        raw.insert("updatedAt", Value::Number(updated_at_ms as f64));
        raw.insert("version", Value::String(JsString::from(version)));
        Self::from_object(raw)
    }

    /// A payload from its JSON text `{"session":…,"user":…,"updatedAt":…,"version":…}`.
    ///
    /// `updatedAt` and `version` are required here; use [`Payload::new`] to supply them.
    pub fn from_json(text: &str) -> Result<Self> {
        let raw = json::parse_object(text.as_bytes()).map_err(|e| {
            Error::new(
                ErrorKind::InvalidPayload,
                format!("payload is not a JSON object: {e}"),
            )
        })?;
        Self::from_object(raw)
    }

    /// A payload from the whole JSON object, checked against Better Auth's schema.
    pub fn from_object(raw: Object) -> Result<Self> {
        let session = obj_field(&raw, "session", "payload")?;
        let user = obj_field(&raw, "user", "payload")?;
        let session = Session {
            id: str_field(session, "id", "session")?,
            token: str_field(session, "token", "session")?,
            user_id: coerced_str_field(session, "userId", "session")?,
            expires_at: date_field(session, "expiresAt", "session")?
                .ok_or_else(|| missing("session", "expiresAt"))?,
            created_at: date_field(session, "createdAt", "session")?,
            updated_at: date_field(session, "updatedAt", "session")?,
            ip_address: opt_str_field(session, "ipAddress", "session")?,
            user_agent: opt_str_field(session, "userAgent", "session")?,
        };
        let user = User {
            id: str_field(user, "id", "user")?,
            email: str_field(user, "email", "user")?,
            name: str_field(user, "name", "user")?,
            email_verified: match user.get("emailVerified") {
                None => false,
                Some(Value::Bool(b)) => *b,
                Some(_) => return Err(wrong_type("user", "emailVerified", "a boolean")),
            },
            image: opt_str_field(user, "image", "user")?,
            created_at: date_field(user, "createdAt", "user")?,
            updated_at: date_field(user, "updatedAt", "user")?,
        };
        let updated_at = match raw.get("updatedAt") {
            Some(Value::Number(n)) => *n,
            Some(_) => return Err(wrong_type("payload", "updatedAt", "a number")),
            None => return Err(missing("payload", "updatedAt")),
        };
        let version = match raw.get("version") {
            None => None,
            Some(Value::String(s)) => Some(Version::Owned(s.to_string_lossy())),
            Some(_) => return Err(wrong_type("payload", "version", "a string")),
        };
        Ok(Payload {
            text: raw.to_js_string().into_boxed_str(),
            raw: OnceLock::from(raw),
            expires_at: session.expires_at,
            created_at: session.created_at,
            session: OnceLock::from(session),
            user: OnceLock::from(user),
            spans: None,
            updated_at,
            version,
        })
    }

    /// The payload whose JSON text starts at `start` in `text`, when that text is what
    /// `JSON.stringify` writes for it ([`json::is_canonical`]), read without building the
    /// object: the fast path of every strategy. Returns the payload and the offset past
    /// its text. `strip` names top-level members to leave out (the wire claims `iat`,
    /// `exp`, …); `claim` receives each of them (name, value text) as found.
    ///
    /// `None` when the text is not canonical or holds anything this path does not read
    /// exactly as [`Payload::from_object`] would (a missing or mistyped field, a
    /// non-string `userId`, …): the caller then takes the slow path, which decides (and
    /// words any error) exactly as before.
    pub(crate) fn from_canonical<'t>(
        text: &'t str,
        start: usize,
        strip: &[&str],
        claim: &mut dyn FnMut(&'t str, &'t str),
    ) -> Option<(Payload, usize)> {
        let mut fields = Fields::default();
        // The members kept, as byte ranges of `text`.
        let mut kept: [(usize, usize); 16] = [(0, 0); 16];
        let (mut nkept, mut stripped, mut overflow) = (0usize, false, false);
        let base = text.as_ptr() as usize;
        let end = json::scan(text, start, &mut |m| {
            if m.depth == 1 {
                if strip.contains(&m.key) {
                    stripped = true;
                    claim(m.key, m.value);
                    return;
                }
                if nkept == kept.len() {
                    overflow = true;
                    return;
                }
                let s = m.whole.as_ptr() as usize - base;
                kept[nkept] = (s, s + m.whole.len());
                nkept += 1;
                fields.top(m.key, m.value);
            } else {
                fields.nested(m.parent, m.key, m.value);
            }
        })?;
        if overflow || !text[start..end].starts_with('{') {
            return None;
        }
        let kept = &kept[..nkept];
        // Where each kept member starts in the payload's own text.
        let mut moved: [usize; 16] = [0; 16];
        let own: Box<str> = if stripped {
            let len = 2 + kept.iter().map(|&(s, e)| e - s + 1).sum::<usize>();
            let mut out = String::with_capacity(len);
            out.push('{');
            for (i, &(s, e)) in kept.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                moved[i] = out.len();
                out.push_str(&text[s..e]);
            }
            out.push('}');
            out.into_boxed_str()
        } else {
            for (i, &(s, _)) in kept.iter().enumerate() {
                moved[i] = s - start;
            }
            text[start..end].into()
        };
        // A value found in `text` → its range in the payload's own text.
        let locate = |v: &str| -> Option<(usize, usize)> {
            let at = (v.as_ptr() as usize).checked_sub(base)?;
            let i = kept
                .iter()
                .position(|&(s, e)| s <= at && at + v.len() <= e)?;
            let s = moved[i] + (at - kept[i].0);
            Some((s, s + v.len()))
        };
        fields.build(own, &locate).map(|payload| (payload, end))
    }

    /// The session's typed fields, from the spans of a payload read from canonical text.
    fn session_from(&self, sp: &Spans) -> Session {
        let text = &*self.text;
        let get = |i: usize| sp.session[i].map(|(s, e)| &text[s..e]);
        let need = |i: usize| get(i).and_then(string).unwrap_or_default();
        let opt = |i: usize| get(i).and_then(nullable).flatten();
        Session {
            id: need(0),
            token: need(1),
            user_id: need(2),
            expires_at: self.expires_at,
            created_at: self.created_at,
            updated_at: sp.session_updated_at,
            ip_address: opt(6),
            user_agent: opt(7),
        }
    }

    fn user_from(&self, sp: &Spans) -> User {
        let text = &*self.text;
        let get = |i: usize| sp.user[i].map(|(s, e)| &text[s..e]);
        let need = |i: usize| get(i).and_then(string).unwrap_or_default();
        User {
            id: need(0),
            email: need(1),
            name: need(2),
            email_verified: sp.email_verified,
            image: get(4).and_then(nullable).flatten(),
            created_at: sp.user_created_at,
            updated_at: sp.user_updated_at,
        }
    }

    /// `session.token` (what the session token cookie must carry), read without
    /// building the typed session when it needs no unescaping.
    pub fn session_token(&self) -> &str {
        if let Some((s, e)) = self.spans.as_ref().and_then(|sp| sp.session[1]) {
            let raw = &self.text[s + 1..e - 1];
            if !raw.contains('\\') {
                return raw;
            }
        }
        &self.session().token
    }

    /// `session.expiresAt`, Unix ms.
    pub fn session_expires_at(&self) -> i64 {
        self.expires_at
    }

    /// `session.createdAt`, Unix ms, when present.
    pub fn session_created_at(&self) -> Option<i64> {
        self.created_at
    }

    /// The typed session fields.
    pub fn session(&self) -> &Session {
        self.session.get_or_init(|| match &self.spans {
            Some(sp) => self.session_from(sp),
            None => unreachable!("a payload built from an object has its session"),
        })
    }

    /// The typed user fields.
    pub fn user(&self) -> &User {
        self.user.get_or_init(|| match &self.spans {
            Some(sp) => self.user_from(sp),
            None => unreachable!("a payload built from an object has its user"),
        })
    }

    /// The cache's `updatedAt` (Unix ms) as written by the issuer.
    pub fn updated_at(&self) -> f64 {
        self.updated_at
    }

    /// The cache version as written (`None` when the payload has no `version`; Better
    /// Auth then treats it as `"1"`).
    pub fn version(&self) -> Option<&str> {
        match &self.version {
            None => None,
            Some(Version::At(s, e)) => Some(&self.text[*s..*e]),
            Some(Version::Owned(v)) => Some(v),
        }
    }

    /// The version Better Auth compares: the written one, or `"1"` when absent.
    pub fn effective_version(&self) -> &str {
        match self.version() {
            Some(v) if !v.is_empty() => v,
            _ => "1",
        }
    }

    /// The whole payload object, exactly as signed.
    pub fn as_object(&self) -> &Object {
        // The text is what `JSON.stringify` wrote, so it always parses.
        self.raw
            .get_or_init(|| json::parse_object(self.text.as_bytes()).unwrap_or_default())
    }

    /// The raw `session` object, with every additional field.
    pub fn session_object(&self) -> &Object {
        self.as_object()
            .get("session")
            .and_then(Value::as_object)
            .unwrap_or_else(|| unreachable!("checked when the payload was built"))
    }

    /// The raw `user` object, with every additional field.
    pub fn user_object(&self) -> &Object {
        self.as_object()
            .get("user")
            .and_then(Value::as_object)
            .unwrap_or_else(|| unreachable!("checked when the payload was built"))
    }

    /// The payload as JSON text, exactly as `JSON.stringify` writes it.
    pub fn to_json(&self) -> String {
        self.text.to_string()
    }

    /// The payload's JSON text, exactly as `JSON.stringify` writes it, borrowed.
    pub fn json(&self) -> &str {
        &self.text
    }

    /// The strings outside the real date fields that Better Auth's date reviver would
    /// turn into dates (`"2026-01-01T00:00:00Z"` as a user name, say), as JSON paths.
    ///
    /// This library verifies such payloads as signed, but Better Auth 1.7.24 rejects
    /// them when it reads the cache (then falls back to its database, or, in stateless
    /// mode, logs the user out). An issuer can check this list before encoding.
    pub fn date_shaped_strings(&self) -> Vec<String> {
        let mut found = Vec::new();
        let mut path = String::new();
        for (key, value) in self.as_object().iter() {
            path.clear();
            path.push_str(&key.to_string_lossy());
            collect_date_shaped(value, &mut path, &mut found, 0);
        }
        found
    }

    /// Removes the claims a strategy added on the wire (`iat`, `exp`, `jti`).
    pub(crate) fn strip_claims(raw: &mut Object, claims: &[&str]) {
        for claim in claims {
            raw.remove(claim);
        }
    }
}

/// The fields the schema reads, as value texts found by the canonical scan.
#[derive(Default)]
struct Fields<'a> {
    session: bool,
    user: bool,
    updated_at: Option<&'a str>,
    version: Option<&'a str>,
    s: [Option<&'a str>; 8],
    u: [Option<&'a str>; 7],
}

impl<'a> Fields<'a> {
    fn top(&mut self, key: &str, value: &'a str) {
        match key {
            "session" => self.session = value.starts_with('{'),
            "user" => self.user = value.starts_with('{'),
            "updatedAt" => self.updated_at = Some(value),
            "version" => self.version = Some(value),
            _ => {}
        }
    }

    fn nested(&mut self, parent: &str, key: &str, value: &'a str) {
        match parent {
            "session" => {
                let i = match key {
                    "id" => 0,
                    "token" => 1,
                    "userId" => 2,
                    "expiresAt" => 3,
                    "createdAt" => 4,
                    "updatedAt" => 5,
                    "ipAddress" => 6,
                    "userAgent" => 7,
                    _ => return,
                };
                self.s[i] = Some(value);
            }
            "user" => {
                let i = match key {
                    "id" => 0,
                    "email" => 1,
                    "name" => 2,
                    "emailVerified" => 3,
                    "image" => 4,
                    "createdAt" => 5,
                    "updatedAt" => 6,
                    _ => return,
                };
                self.u[i] = Some(value);
            }
            _ => {}
        }
    }

    /// The payload, when every field reads exactly as [`Payload::from_object`] reads it;
    /// `None` otherwise (the slow path then decides). Checks every field's type and reads
    /// the dates, but copies no string: the typed rows are built when first asked for.
    /// `text` is the payload's own text; `locate` finds a field's value in it.
    fn build(
        &self,
        text: Box<str>,
        locate: &dyn Fn(&str) -> Option<(usize, usize)>,
    ) -> Option<Payload> {
        if !self.session || !self.user {
            return None;
        }
        let [id, token, user_id, expires_at, created_at, updated_at, ip, ua] = self.s;
        is_string(id?)?;
        is_plain_string(token?)?;
        is_string(user_id?)?;
        let expires_at = date(expires_at?)??;
        let created_at = created_at.map_or(Some(None), date)?;
        let session_updated_at = updated_at.map_or(Some(None), date)?;
        for v in [ip, ua].into_iter().flatten() {
            if v != "null" {
                is_string(v)?;
            }
        }
        let [uid, email, name, verified, image, user_created_at, user_updated_at] = self.u;
        is_string(uid?)?;
        is_string(email?)?;
        is_string(name?)?;
        let email_verified = match verified {
            None => false,
            Some("true") => true,
            Some("false") => false,
            Some(_) => return None,
        };
        if let Some(v) = image {
            if v != "null" {
                is_string(v)?;
            }
        }
        let user_created_at = user_created_at.map_or(Some(None), date)?;
        let user_updated_at = user_updated_at.map_or(Some(None), date)?;
        let updated_at = number(self.updated_at?)?;
        let version = match self.version {
            None => None,
            Some(v) => {
                is_plain_string(v)?;
                let (s, e) = locate(v)?;
                Some(Version::At(s + 1, e - 1))
            }
        };
        let mut spans = Spans {
            session_updated_at,
            user_created_at,
            user_updated_at,
            email_verified,
            ..Spans::default()
        };
        for (slot, v) in spans.session.iter_mut().zip(self.s) {
            *slot = match v {
                Some(v) => Some(locate(v)?),
                None => None,
            };
        }
        for (slot, v) in spans.user.iter_mut().zip(self.u) {
            *slot = match v {
                Some(v) => Some(locate(v)?),
                None => None,
            };
        }
        Some(Payload {
            text,
            raw: OnceLock::new(),
            session: OnceLock::new(),
            user: OnceLock::new(),
            spans: Some(Box::new(spans)),
            expires_at,
            created_at,
            updated_at,
            version,
        })
    }
}

/// A JSON string value.
fn is_string(value: &str) -> Option<()> {
    (value.len() >= 2 && value.starts_with('"')).then_some(())
}

/// A JSON string value without escapes.
fn is_plain_string(value: &str) -> Option<()> {
    is_string(value)?;
    (!value.contains('\\')).then_some(())
}

/// A string value's text as the schema reads it (lone surrogates as U+FFFD), or `None`
/// for any other value.
fn string(value: &str) -> Option<String> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        return Some(inner.to_owned());
    }
    match json::parse(value.as_bytes()) {
        Ok(Value::String(s)) => Some(s.to_string_lossy()),
        _ => None,
    }
}

/// `null` or a string.
fn nullable(value: &str) -> Option<Option<String>> {
    if value == "null" {
        Some(None)
    } else {
        string(value).map(Some)
    }
}

/// A date field: `Some(Some(ms))` for an ISO date the reviver accepts, `None` otherwise.
fn date(value: &str) -> Option<Option<i64>> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    // `parse_iso_ms` accepts only the date-shaped strings the reviver revives.
    jsdate::parse_iso_ms(inner).map(Some)
}

/// A number value.
fn number(value: &str) -> Option<f64> {
    if !value.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

fn collect_date_shaped(value: &Value, path: &mut String, found: &mut Vec<String>, depth: usize) {
    const DATE_FIELDS: &[&str] = &[
        "session.expiresAt",
        "session.createdAt",
        "session.updatedAt",
        "user.createdAt",
        "user.updatedAt",
    ];
    if depth > 64 {
        return;
    }
    match value {
        Value::String(s) => {
            if let Some(text) = s.as_str() {
                if jsdate::is_iso_date_shaped(text)
                    && jsdate::parse_iso_ms(text).is_some()
                    && !DATE_FIELDS.contains(&path.as_str())
                {
                    found.push(path.clone());
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                collect_date_shaped(item, path, found, depth + 1);
                path.truncate(len);
            }
        }
        Value::Object(obj) => {
            for (k, v) in obj.iter() {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&k.to_string_lossy());
                collect_date_shaped(v, path, found, depth + 1);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn missing(object: &str, field: &str) -> Error {
    Error::new(
        ErrorKind::InvalidPayload,
        format!("{object}.{field} is missing"),
    )
}

fn wrong_type(object: &str, field: &str, expected: &str) -> Error {
    Error::new(
        ErrorKind::InvalidPayload,
        format!("{object}.{field} must be {expected}"),
    )
}

fn obj_field<'a>(obj: &'a Object, field: &str, within: &str) -> Result<&'a Object> {
    match obj.get(field) {
        Some(Value::Object(o)) => Ok(o),
        Some(_) => Err(wrong_type(within, field, "an object")),
        None => Err(missing(within, field)),
    }
}

fn str_field(obj: &Object, field: &str, within: &str) -> Result<String> {
    match obj.get(field) {
        Some(Value::String(s)) => Ok(s.to_string_lossy()),
        Some(_) => Err(wrong_type(within, field, "a string")),
        None => Err(missing(within, field)),
    }
}

/// A field Better Auth's schema coerces to a string (`z.coerce.string()`), written as
/// JavaScript's `String(value)` writes it: `42` is `"42"`, `null` is `"null"`, `[1,"b"]`
/// is `"1,b"`, an object is `"[object Object]"`. Only a missing field is refused (Better
/// Auth's `"undefined"` is never a user id).
fn coerced_str_field(obj: &Object, field: &str, within: &str) -> Result<String> {
    match obj.get(field) {
        Some(Value::String(s)) => Ok(s.to_string_lossy()),
        Some(value) => {
            let mut out = String::new();
            js_to_string(value, &mut out, 0);
            Ok(out)
        }
        None => Err(missing(within, field)),
    }
}

/// JavaScript's `String(value)` for a JSON value (`Array.prototype.join` writes `null`
/// elements as nothing). Nesting past 64 levels is cut short rather than recursed into.
fn js_to_string(value: &Value, out: &mut String, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(_) => out.push_str(&value.to_js_string()),
        Value::String(s) => out.push_str(&s.to_string_lossy()),
        Value::Object(_) => out.push_str("[object Object]"),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if !item.is_null() && depth < 64 {
                    js_to_string(item, out, depth + 1);
                }
            }
        }
    }
}

fn opt_str_field(obj: &Object, field: &str, within: &str) -> Result<Option<String>> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.to_string_lossy())),
        Some(_) => Err(wrong_type(within, field, "a string or null")),
    }
}

/// A date field: an ISO string that Better Auth's reviver turns into a valid date.
fn date_field(obj: &Object, field: &str, within: &str) -> Result<Option<i64>> {
    match obj.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => s
            .as_str()
            .filter(|t| jsdate::is_iso_date_shaped(t))
            .and_then(jsdate::parse_iso_ms)
            .map(Some)
            .ok_or_else(|| wrong_type(within, field, "an ISO date (YYYY-MM-DDTHH:mm:ss.sssZ)")),
        Some(_) => Err(wrong_type(within, field, "an ISO date string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_session_token() {
        let p = Payload::from_json(
            r#"{"session":{"id":"s","token":"bearer-credential-xyz","userId":42,
                "expiresAt":"2030-01-01T00:00:00.000Z"},"user":{"id":"u","email":"e@x","name":"n"},
                "updatedAt":1}"#,
        )
        .unwrap();
        let shown = format!("{p:?}");
        assert!(!shown.contains("bearer-credential-xyz"), "{shown}");
        assert_eq!(
            p.session().user_id,
            "42",
            "userId is coerced as z.coerce.string does"
        );
        assert_eq!(p.effective_version(), "1");
        assert!(Payload::from_json(r#"{"session":{},"user":{},"updatedAt":1}"#).is_err());
        for (raw, shown) in [
            ("null", "null"),
            ("[1,\"b\",null,[2,3]]", "1,b,,2,3"),
            ("{\"a\":1}", "[object Object]"),
            ("true", "true"),
            ("1e21", "1e+21"),
        ] {
            let text = format!(
                r#"{{"session":{{"id":"s","token":"t","userId":{raw},"expiresAt":"2030-01-01T00:00:00.000Z"}},
                    "user":{{"id":"u","email":"e@x","name":"n"}},"updatedAt":1}}"#
            );
            assert_eq!(Payload::from_json(&text).unwrap().session().user_id, shown);
        }
    }
}
