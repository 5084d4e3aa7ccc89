//! Python bindings of [`session_cache`]: the extension module `session_cache._native`
//! of the Python package `session_cache`.
//!
//! Translation only: every decision (formats, signatures, expiry, versions, cookie
//! names and chunks) is the library's. This crate turns Python arguments into library
//! calls and library results into Python objects:
//!
//! - a verified payload becomes `dict`s exactly as Python's `json.loads` reads the JSON
//!   text Better Auth signed (`JSON.stringify`): same keys in the same order, integral
//!   numbers below 10²¹ as `int`, other numbers as `float`, strings as `str` (a lone
//!   surrogate kept as one), dates as the ISO strings that were signed;
//! - a bad cookie is a result ([`Failure`], with the library's stable error kind), never
//!   an exception; a bad configuration or payload raises `SessionCacheError` (a
//!   `ValueError` with `.kind`), a wrong argument type `TypeError`;
//! - every verification runs with the GIL released ([`Python::detach`]), so threads of
//!   a threaded server verify in parallel.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::borrow::Cow;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{create_exception, intern, PyTraverseError, PyVisit};

use session_cache::cookie::{
    sign_cookie_value, verify_signed_value, AuthCookies, CookieKind, CookieNames, CookieNaming,
    RequestCookies, Spelling,
};
use session_cache::json::{JsString, Object, Value};
use session_cache::jwks::{self, Jwks, JwtOptions};
use session_cache::revocation::{
    decide, keys_for, Decision, OnUnknown, Revocation, RevocationOptions, StoreError,
    StoreErrorKind, StoreKeys, StoreReading, Unknown,
};
use session_cache::session::{check_cookies, SessionCheck, SessionConfig, SessionKeys};
use session_cache::{
    defaults, jsdate, DecodeOptions, EncodeOptions, Error, ErrorKind, ExpectedVersion, Keyring,
    Payload, Policy, Reader, Remember, Strategy, VerifiedCache, VerifyOptions, VerifyWith,
};

create_exception!(
    session_cache,
    SessionCacheError,
    PyValueError,
    "A bad configuration or a payload that cannot be written. `kind` is the library's \
     stable error kind (\"invalid_key\", \"invalid_options\", \"invalid_payload\", \
     \"too_large_to_write\", \"random\")."
);

/// A library error raised as `SessionCacheError`, with `kind` set.
fn raise(py: Python<'_>, err: &Error) -> PyErr {
    raise_kind(py, err.kind(), err.message())
}

fn raise_kind(py: Python<'_>, kind: ErrorKind, message: &str) -> PyErr {
    let e = SessionCacheError::new_err(message.to_owned());
    // Setting an attribute on a fresh exception instance cannot fail in practice; if it
    // did, the exception would still be raised, without `kind`.
    let _ = e.value(py).setattr(intern!(py, "kind"), kind.as_str());
    e
}

fn invalid_options(py: Python<'_>, message: &str) -> PyErr {
    raise_kind(py, ErrorKind::InvalidOptions, message)
}

fn invalid_payload(py: Python<'_>, message: &str) -> PyErr {
    raise_kind(py, ErrorKind::InvalidPayload, message)
}

// ------------------------------------------------------------------------------ values

/// 10²¹: from there on `JSON.stringify` writes a number with an exponent, which
/// `json.loads` reads as a `float`; below, an integral number is written as digits.
const INT_LIMIT: f64 = 1e21;

/// 2⁵³ − 1: every integer up to it is a double whose shortest digits are its own.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JavaScript string as a Python `str`; a lone surrogate stays one, as `json.loads`
/// reads `\udXXX`.
fn js_str<'py>(py: Python<'py>, s: &JsString) -> PyResult<Bound<'py, PyAny>> {
    match s.as_str() {
        Some(text) => Ok(PyString::new(py, text).into_any()),
        None => {
            let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
            PyBytes::new(py, &bytes).call_method1(
                intern!(py, "decode"),
                (intern!(py, "utf-16-le"), intern!(py, "surrogatepass")),
            )
        }
    }
}

/// A JSON value as the Python object `json.loads(JSON.stringify(value))` gives.
fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            let n = *n;
            if n.fract() == 0.0 && n.abs() < INT_LIMIT {
                if n.abs() <= MAX_SAFE_INTEGER {
                    (n as i64).into_pyobject(py)?.into_any()
                } else {
                    // Beyond 2⁵³ JSON.stringify writes the shortest digits that round to
                    // the double (12345678901234567000), not its exact value: so does this.
                    let digits = value.to_js_string();
                    py.get_type::<PyInt>().call1((digits,))?
                }
            } else {
                PyFloat::new(py, n).into_any()
            }
        }
        Value::String(s) => js_str(py, s)?,
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(object) => object_to_py(py, object)?.into_any(),
    })
}

fn object_to_py<'py>(py: Python<'py>, object: &Object) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (key, value) in object.iter() {
        dict.set_item(js_str(py, key)?, to_py(py, value)?)?;
    }
    Ok(dict)
}

/// A Python `str` as a JavaScript string (lone surrogates kept).
fn from_py_str(s: &Bound<'_, PyString>) -> PyResult<JsString> {
    match s.to_cow() {
        Ok(text) => Ok(JsString::from(text.as_ref())),
        Err(_) => {
            let py = s.py();
            let bytes = s.call_method1(
                intern!(py, "encode"),
                (intern!(py, "utf-16-le"), intern!(py, "surrogatepass")),
            )?;
            let bytes = bytes.cast::<PyBytes>()?.as_bytes();
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .collect();
            Ok(JsString::from_utf16(&units))
        }
    }
}

/// What converting a Python payload needs: the `datetime` class and the Unix epoch.
struct Dates<'py> {
    datetime: Bound<'py, PyAny>,
    epoch: Bound<'py, PyAny>,
}

impl<'py> Dates<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        let module = py.import(intern!(py, "datetime"))?;
        let datetime = module.getattr(intern!(py, "datetime"))?;
        let utc = module
            .getattr(intern!(py, "timezone"))?
            .getattr(intern!(py, "utc"))?;
        let kwargs = PyDict::new(py);
        kwargs.set_item(intern!(py, "tzinfo"), utc)?;
        let epoch = datetime.call((1970, 1, 1), Some(&kwargs))?;
        Ok(Dates { datetime, epoch })
    }

    /// Unix milliseconds of an aware `datetime` (floored to the millisecond, as a
    /// JavaScript `Date` holds it); `None` when `value` is not a `datetime`.
    fn millis(&self, value: &Bound<'py, PyAny>) -> PyResult<Option<Result<i64, &'static str>>> {
        if !value.is_instance(&self.datetime)? {
            return Ok(None);
        }
        let py = value.py();
        if value.call_method0(intern!(py, "utcoffset"))?.is_none() {
            return Ok(Some(Err(
                "a naive datetime has no time zone: give it a tzinfo (for instance timezone.utc)",
            )));
        }
        let delta = value.call_method1(intern!(py, "__sub__"), (&self.epoch,))?;
        let days: i64 = delta.getattr(intern!(py, "days"))?.extract()?;
        let seconds: i64 = delta.getattr(intern!(py, "seconds"))?.extract()?;
        let micros: i64 = delta.getattr(intern!(py, "microseconds"))?.extract()?;
        Ok(Some(Ok(days * 86_400_000 + seconds * 1000 + micros / 1000)))
    }
}

/// A Python value of a payload as JSON, as `JSON.stringify` would see the same data: an
/// aware `datetime` becomes its `toISOString()`, a tuple an array. Cycles and very deep
/// values are refused (the library's depth limit).
fn from_py(value: &Bound<'_, PyAny>, dates: &Dates<'_>, depth: usize) -> PyResult<Value> {
    let py = value.py();
    if depth > session_cache::json::MAX_DEPTH {
        return Err(invalid_payload(py, "the payload is nested too deeply"));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = value.cast::<PyInt>() {
        // As JSON.parse reads an integer: the nearest double.
        let n: f64 = i.extract().map_err(|_| {
            invalid_payload(
                py,
                "an integer of the payload is too large for a JSON number",
            )
        })?;
        return Ok(Value::Number(n));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        let n = f.value();
        if !n.is_finite() {
            return Err(invalid_payload(
                py,
                "the payload holds a NaN or infinite number, which JSON cannot hold",
            ));
        }
        return Ok(Value::Number(n));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(from_py_str(s)?));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut object = Object::new();
        for (k, v) in dict.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| invalid_payload(py, "every key of a payload object must be a str"))?;
            object.insert(from_py_str(key)?, from_py(&v, dates, depth + 1)?);
        }
        return Ok(Value::Object(object));
    }
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        let mut items = Vec::new();
        for item in value.try_iter()? {
            items.push(from_py(&item?, dates, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    match dates.millis(value)? {
        Some(Ok(ms)) => match jsdate::to_iso_string(ms) {
            Some(iso) => Ok(Value::String(JsString::from(iso.as_str()))),
            None => Err(invalid_payload(
                py,
                "a datetime of the payload is outside JavaScript's date range",
            )),
        },
        Some(Err(message)) => Err(invalid_payload(py, message)),
        None => Err(invalid_payload(
            py,
            &format!(
                "the payload holds a {}, which is not JSON (use dict, list, str, int, float, \
                 bool, None or an aware datetime)",
                value.get_type().name()?
            ),
        )),
    }
}

// ------------------------------------------------------------------------------ inputs

/// The current time in Unix milliseconds.
fn clock_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// `now`: `None` (the clock), Unix milliseconds (`int` or `float`), or an aware
/// `datetime`.
fn now_ms(py: Python<'_>, now: Option<&Bound<'_, PyAny>>) -> PyResult<i64> {
    let Some(now) = now.filter(|n| !n.is_none()) else {
        return Ok(clock_ms());
    };
    if now.cast::<PyBool>().is_err() {
        if let Ok(i) = now.extract::<i64>() {
            if i.unsigned_abs() <= jsdate::MAX_TIME_MS as u64 {
                return Ok(i);
            }
        } else if let Ok(f) = now.cast::<PyFloat>() {
            let f = f.value();
            if f.is_finite() && f.abs() <= jsdate::MAX_TIME_MS as f64 {
                return Ok(f.floor() as i64);
            }
        } else if let Some(ms) = Dates::new(py)?.millis(now)? {
            return ms.map_err(|m| invalid_options(py, m));
        }
    }
    Err(PyTypeError::new_err(
        "now must be a time in Unix milliseconds (int or float) or an aware datetime",
    ))
}

/// A number of seconds: a non-negative `int`.
fn seconds(py: Python<'_>, value: &Bound<'_, PyAny>, what: &str) -> PyResult<u64> {
    if value.cast::<PyBool>().is_ok() || value.cast::<PyInt>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an int number of seconds"
        )));
    }
    value.extract::<u64>().map_err(|_| {
        invalid_options(
            py,
            &format!("{what} must be a non-negative number of seconds"),
        )
    })
}

fn optional_seconds(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<u64>> {
    match value.filter(|v| !v.is_none()) {
        Some(v) => seconds(py, v, what).map(Some),
        None => Ok(None),
    }
}

/// A `Cookie` header taken from Python, parsed later with the GIL released.
enum Header {
    Text(String),
    /// Raw bytes, read as Latin-1 (as Better Auth's `Headers` reads them).
    Bytes(Vec<u8>),
}

impl Header {
    fn parse(&self) -> RequestCookies {
        match self {
            Header::Text(text) => RequestCookies::parse(text),
            Header::Bytes(bytes) => RequestCookies::parse_bytes(bytes),
        }
    }
}

/// The `Cookie` header of `request`: a `str` (the header itself), `bytes` (read as
/// Latin-1, as Better Auth's `Headers` reads them), `None` (no cookies), a mapping of
/// headers with `get` (`"cookie"`, `"Cookie"` or the WSGI `"HTTP_COOKIE"`; a list of
/// values is joined with `"; "`), or a request object with such `headers` (Starlette,
/// FastAPI, Django, Flask, …).
fn cookie_header(request: &Bound<'_, PyAny>) -> PyResult<Header> {
    fn direct(value: &Bound<'_, PyAny>) -> PyResult<Option<Header>> {
        if value.is_none() {
            return Ok(Some(Header::Text(String::new())));
        }
        if let Ok(s) = value.cast::<PyString>() {
            return Ok(Some(Header::Text(s.to_string_lossy().into_owned())));
        }
        if let Ok(b) = value.cast::<PyBytes>() {
            return Ok(Some(Header::Bytes(b.as_bytes().to_vec())));
        }
        if let Ok(list) = value.cast::<PyList>() {
            let mut parts = Vec::with_capacity(list.len());
            for item in list.iter() {
                match item.cast::<PyString>() {
                    Ok(s) => parts.push(s.to_string_lossy().into_owned()),
                    Err(_) => match item.cast::<PyBytes>() {
                        Ok(b) => parts.push(b.as_bytes().iter().map(|&c| char::from(c)).collect()),
                        Err(_) => return Ok(None),
                    },
                }
            }
            return Ok(Some(Header::Text(parts.join("; "))));
        }
        Ok(None)
    }
    if let Some(cookies) = direct(request)? {
        return Ok(cookies);
    }
    let py = request.py();
    let headers = match request.getattr_opt(intern!(py, "headers"))? {
        Some(headers) if !headers.is_callable() => headers,
        _ => request.clone(),
    };
    if let Some(get) = headers.getattr_opt(intern!(py, "get"))? {
        for name in ["cookie", "Cookie", "HTTP_COOKIE"] {
            let value = get.call1((name,))?;
            if value.is_none() {
                continue;
            }
            if let Some(cookies) = direct(&value)? {
                return Ok(cookies);
            }
        }
        return Ok(Header::Text(String::new()));
    }
    Err(PyTypeError::new_err(
        "request must be a Cookie header (str or bytes), a mapping of headers, or a request \
         object with headers",
    ))
}

/// A payload argument: a `dict` `{session, user, updatedAt?, version?, …}` or its JSON
/// text (`str` or `bytes`), as a JSON object; `updatedAt` (`now`) and `version` filled in
/// when absent, as Better Auth's `setCookieCache` writes them.
fn payload_object(
    py: Python<'_>,
    payload: &Bound<'_, PyAny>,
    now: i64,
    version: impl FnOnce(&Object) -> PyResult<String>,
) -> PyResult<Payload> {
    let text = if let Ok(s) = payload.cast::<PyString>() {
        Some(s.to_cow()?.into_owned())
    } else if let Ok(b) = payload.cast::<PyBytes>() {
        Some(
            std::str::from_utf8(b.as_bytes())
                .map_err(|_| invalid_payload(py, "the payload's JSON text is not UTF-8"))?
                .to_owned(),
        )
    } else {
        None
    };
    if let Some(text) = text {
        return Payload::from_json(&text).map_err(|e| raise(py, &e));
    }
    if payload.cast::<PyDict>().is_err() {
        return Err(PyTypeError::new_err(
            "the payload must be a dict {\"session\": …, \"user\": …} or its JSON text",
        ));
    }
    let dates = Dates::new(py)?;
    let Value::Object(mut object) = from_py(payload, &dates, 0)? else {
        unreachable!("a dict converts to an object")
    };
    if object.get("updatedAt").is_none_or(Value::is_null) {
        object.insert("updatedAt", Value::Number(now as f64));
    }
    if object.get("version").is_none_or(Value::is_null) {
        let v = version(&object)?;
        object.insert("version", Value::String(JsString::from(v.as_str())));
    }
    Payload::from_object(object).map_err(|e| raise(py, &e))
}

// ------------------------------------------------------------------------------ results

/// A session the cookie cache vouches for: what Better Auth's `getSession` would serve
/// from it.
#[pyclass(frozen, module = "session_cache")]
pub struct VerifiedSession {
    payload: Py<PyDict>,
    session: Py<PyAny>,
    user: Py<PyAny>,
    expires_at: i64,
    fresh: bool,
    needs_refresh: bool,
    dont_remember: bool,
    secure: bool,
    strategy: Strategy,
    /// `verify_session_live`: `"checked"` (live in the store) or `"unchecked"` (the
    /// store could not answer and the verifier fails open); `None` from `verify_session`.
    revocation: Option<&'static str>,
}

#[pymethods]
impl VerifiedSession {
    /// `"checked"` when `verify_session_live` asked the store (`"unchecked"`: it could
    /// not answer and `fail_open` accepted the session); `None` for the offline check.
    #[getter]
    fn revocation(&self) -> Option<&'static str> {
        self.revocation
    }
    /// Always `True`.
    #[getter]
    fn valid(&self) -> bool {
        true
    }
    /// The session row (a `dict`, exactly as signed).
    #[getter]
    fn session(&self, py: Python<'_>) -> Py<PyAny> {
        self.session.clone_ref(py)
    }
    /// The user row (a `dict`, exactly as signed).
    #[getter]
    fn user(&self, py: Python<'_>) -> Py<PyAny> {
        self.user.clone_ref(py)
    }
    /// The whole payload `{session, user, updatedAt, version, …}`.
    #[getter]
    fn payload(&self, py: Python<'_>) -> Py<PyDict> {
        self.payload.clone_ref(py)
    }
    /// When the cache expires, Unix milliseconds.
    #[getter]
    fn expires_at(&self) -> i64 {
        self.expires_at
    }
    /// `now - session.createdAt < fresh_age`.
    #[getter]
    fn fresh(&self) -> bool {
        self.fresh
    }
    /// Less than `update_age` seconds remain before the cache expires.
    #[getter]
    fn needs_refresh(&self) -> bool {
        self.needs_refresh
    }
    /// The request carries a valid `dont_remember` cookie.
    #[getter]
    fn dont_remember(&self) -> bool {
        self.dont_remember
    }
    /// The cookies read carry the `__Secure-` prefix.
    #[getter]
    fn secure(&self) -> bool {
        self.secure
    }
    /// The strategy of the cache.
    #[getter]
    fn strategy(&self) -> &'static str {
        self.strategy.as_str()
    }
    /// Always `None`.
    #[getter]
    fn error(&self) -> Option<&str> {
        None
    }
    /// Always `None`.
    #[getter]
    fn message(&self) -> Option<&str> {
        None
    }
    fn __bool__(&self) -> bool {
        true
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Never the token (a bearer credential) nor the rest of the rows.
        let id = |row: &Py<PyAny>| -> PyResult<String> {
            Ok(match row.bind(py).get_item("id") {
                Ok(v) => v.repr()?.to_string(),
                Err(_) => "None".into(),
            })
        };
        Ok(format!(
            "VerifiedSession(user_id={}, session_id={}, expires_at={}, fresh={}, needs_refresh={}, dont_remember={})",
            id(&self.user)?,
            id(&self.session)?,
            self.expires_at,
            py_bool(self.fresh),
            py_bool(self.needs_refresh),
            py_bool(self.dont_remember),
        ))
    }
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.payload)?;
        visit.call(&self.session)?;
        visit.call(&self.user)
    }
}

/// A verified cookie-cache value.
#[pyclass(frozen, module = "session_cache")]
pub struct DecodedCache {
    payload: Py<PyDict>,
    expires_at: i64,
    strategy: Strategy,
}

#[pymethods]
impl DecodedCache {
    /// Always `True`.
    #[getter]
    fn valid(&self) -> bool {
        true
    }
    /// The payload `{session, user, updatedAt, version, …}`, exactly as signed.
    #[getter]
    fn payload(&self, py: Python<'_>) -> Py<PyDict> {
        self.payload.clone_ref(py)
    }
    /// `payload["session"]`.
    #[getter]
    fn session<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.payload.bind(py).as_any().get_item("session")
    }
    /// `payload["user"]`.
    #[getter]
    fn user<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.payload.bind(py).as_any().get_item("user")
    }
    /// When the cache expires, Unix milliseconds.
    #[getter]
    fn expires_at(&self) -> i64 {
        self.expires_at
    }
    /// The strategy of the cache.
    #[getter]
    fn strategy(&self) -> &'static str {
        self.strategy.as_str()
    }
    /// Always `None`.
    #[getter]
    fn error(&self) -> Option<&str> {
        None
    }
    /// Always `None`.
    #[getter]
    fn message(&self) -> Option<&str> {
        None
    }
    fn __bool__(&self) -> bool {
        true
    }
    fn __repr__(&self) -> String {
        format!(
            "DecodedCache(strategy={:?}, expires_at={})",
            self.strategy.as_str(),
            self.expires_at
        )
    }
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.payload)
    }
}

/// Why a cookie was refused: `error` is the library's stable error kind.
#[pyclass(frozen, module = "session_cache")]
pub struct Failure {
    kind: ErrorKind,
    message: String,
}

#[pymethods]
impl Failure {
    /// Always `False`.
    #[getter]
    fn valid(&self) -> bool {
        false
    }
    /// The stable error kind: `"no_token"`, `"expired"`, `"bad_signature"`, …
    #[getter]
    fn error(&self) -> &'static str {
        self.kind.as_str()
    }
    /// A short human-readable message (never a secret, never the cookie).
    #[getter]
    fn message(&self) -> &str {
        &self.message
    }
    fn __bool__(&self) -> bool {
        false
    }
    fn __repr__(&self) -> String {
        format!(
            "Failure(error={:?}, message={:?})",
            self.kind.as_str(),
            self.message
        )
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn failure(py: Python<'_>, err: &Error) -> PyResult<Py<PyAny>> {
    Ok(Py::new(
        py,
        Failure {
            kind: err.kind(),
            message: err.message().to_owned(),
        },
    )?
    .into_any())
}

// ------------------------------------------------------------------------------ Verifier

/// The configured cache version.
enum Version {
    /// None configured (or `""`).
    None,
    /// A string.
    Exact(String),
    /// A Python callable `(session, user) -> str`.
    Function(Py<PyAny>),
}

/// The `is_revoked` hook of a verifier and how its answers are judged: the hook reads
/// the store, the library decides.
struct StoreHook {
    hook: Py<PyAny>,
    keys: StoreKeys,
    options: RevocationOptions,
    on_unknown: OnUnknown,
}

impl StoreHook {
    /// From `is_revoked` and the `revocation` options (`key_prefix`, default
    /// `"better-auth:"`; `max_staleness`, seconds, default 5; `store_session_in_database`;
    /// `fail_open`).
    fn new(
        py: Python<'_>,
        hook: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<StoreHook> {
        if !hook.is_callable() {
            return Err(PyTypeError::new_err(
                "is_revoked must be a function (query) -> answer",
            ));
        }
        let options = match options.filter(|o| !o.is_none()) {
            Some(o) => Some(
                o.cast::<PyDict>()
                    .map_err(|_| PyTypeError::new_err("revocation must be a dict of options"))?,
            ),
            None => None,
        };
        let get = |name: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
            match options {
                Some(o) => Ok(o.get_item(name)?.filter(|v| !v.is_none())),
                None => Ok(None),
            }
        };
        if let Some(o) = options {
            for key in o.keys() {
                let key: String = key.extract()?;
                if ![
                    "key_prefix",
                    "max_staleness",
                    "store_session_in_database",
                    "fail_open",
                ]
                .contains(&key.as_str())
                {
                    return Err(invalid_options(
                        py,
                        &format!("unknown revocation option {key:?}"),
                    ));
                }
            }
        }
        let keys = match get("key_prefix")? {
            Some(p) => StoreKeys::new(
                &p.extract::<String>()
                    .map_err(|_| PyTypeError::new_err("revocation key_prefix must be a str"))?,
            ),
            None => StoreKeys::default(),
        };
        let flag = |name: &str| -> PyResult<bool> {
            match get(name)? {
                Some(v) => v
                    .cast::<PyBool>()
                    .map(|b| b.is_true())
                    .map_err(|_| PyTypeError::new_err(format!("revocation {name} must be a bool"))),
                None => Ok(false),
            }
        };
        let mut revocation = RevocationOptions::default()
            .with_store_session_in_database(flag("store_session_in_database")?, false);
        if let Some(seconds) = get("max_staleness")? {
            let seconds: f64 = seconds.extract().map_err(|_| {
                PyTypeError::new_err("revocation max_staleness must be a number of seconds")
            })?;
            if !(0.0..=8.64e9).contains(&seconds) {
                return Err(invalid_options(
                    py,
                    "revocation max_staleness must be between 0 and 100 000 days",
                ));
            }
            revocation = revocation.with_max_staleness_ms((seconds * 1000.0).round() as u64);
        }
        Ok(StoreHook {
            hook: hook.clone().unbind(),
            keys,
            options: revocation,
            on_unknown: if flag("fail_open")? {
                OnUnknown::FailOpen
            } else {
                OnUnknown::FailClosed
            },
        })
    }

    /// Asks the hook about the session of `cache`, and decides.
    fn ask(&self, py: Python<'_>, cache: &VerifiedCache, now: i64) -> PyResult<Decision> {
        let payload = cache.payload();
        let (token_key, gets) = keys_for(&self.keys, cache);
        let query = PyDict::new(py);
        query.set_item(intern!(py, "token"), payload.session_token())?;
        query.set_item(intern!(py, "user_id"), &payload.session().user_id)?;
        query.set_item(intern!(py, "token_key"), &token_key)?;
        query.set_item(intern!(py, "revoked_before_key"), &gets[0])?;
        let unknown = |kind, message: &str| {
            Ok(Decision::Unknown(Unknown::Unavailable(StoreError::new(
                kind, message,
            ))))
        };
        // The exception itself is not kept: its text may hold the store's URL.
        let Ok(answer) = self.hook.bind(py).call1((query,)) else {
            return unknown(StoreErrorKind::Unreachable, "the is_revoked hook raised");
        };
        let Ok(answer) = answer.cast::<PyDict>() else {
            return unknown(
                StoreErrorKind::Protocol,
                "the is_revoked hook must return a dict {token, revoked_before}",
            );
        };
        let Some(present) = store_presence(answer.get_item("token")?) else {
            return unknown(
                StoreErrorKind::Protocol,
                "the is_revoked hook's token is not a bool, a count, the value or None",
            );
        };
        let Some(revoked_before) = store_value(answer.get_item("revoked_before")?) else {
            return unknown(
                StoreErrorKind::Protocol,
                "the is_revoked hook's revoked_before is not a str, bytes, a number or None",
            );
        };
        let read_at = match answer.get_item("read_at")?.filter(|v| !v.is_none()) {
            Some(t) => now_ms(py, Some(&t))?,
            None => now,
        };
        let reading = StoreReading::from_values(present, revoked_before.as_deref(), read_at);
        Ok(decide(cache, &reading, &self.options, now))
    }
}

/// Whether the token key exists, from what a hook read: a bool, `EXISTS`'s count, or
/// `GET`'s value (`None`: absent). `None` for anything else.
fn store_presence(value: Option<Bound<'_, PyAny>>) -> Option<bool> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Some(false);
    };
    if let Ok(b) = value.cast::<PyBool>() {
        return Some(b.is_true());
    }
    if value.cast::<PyInt>().is_ok() {
        return value.extract::<i64>().ok().map(|n| n > 0);
    }
    (value.cast::<PyString>().is_ok() || value.cast::<PyBytes>().is_ok()).then_some(true)
}

/// A stored value as its bytes (`Some(None)`: absent); a number as its decimal text.
/// `None` for anything else.
fn store_value(value: Option<Bound<'_, PyAny>>) -> Option<Option<Vec<u8>>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Some(None);
    };
    if let Ok(b) = value.cast::<PyBytes>() {
        return Some(Some(b.as_bytes().to_vec()));
    }
    if let Ok(t) = value.cast::<PyString>() {
        return t.to_cow().ok().map(|t| Some(t.as_bytes().to_vec()));
    }
    if value.cast::<PyBool>().is_err()
        && (value.cast::<PyInt>().is_ok() || value.cast::<PyFloat>().is_ok())
    {
        return value.str().ok().map(|t| Some(t.to_string().into_bytes()));
    }
    None
}

/// A keyring and a configuration, built once (every key derived here), used for many
/// calls, from any number of threads.
#[pyclass(frozen, module = "session_cache")]
pub struct Verifier {
    /// The deployment's secrets; `None` in JWKS mode without them.
    keys: Option<Keyring>,
    /// The JWT plugin's public keys (`jwks=`): the cache is then a session-cache JWT
    /// verified with them.
    jwks: Option<Jwks>,
    /// The `is_revoked` hook of `verify_session_live`.
    revocation: Option<StoreHook>,
    strategy: Strategy,
    version: Version,
    secrets: VerifyWith,
    /// The names read: the prefix, the spelling, and the cache's `cookie_name`.
    naming: CookieNaming,
    /// `secure=True`: the names written are `__Secure-` ones.
    secure: bool,
    domain: Option<String>,
    max_age: u64,
    /// `getCookieCache`'s options with the configured version (none for a function).
    decode: DecodeOptions,
    /// `getSession`'s configuration with the configured version (none for a function,
    /// which each call sets).
    session: SessionConfig,
}

/// The keyring of the constructor's arguments, or of the environment.
fn keyring(
    py: Python<'_>,
    secret: Option<&Bound<'_, PyAny>>,
    secrets: Option<&Bound<'_, PyAny>>,
) -> PyResult<Keyring> {
    let secret: Option<String> = match secret.filter(|s| !s.is_none()) {
        Some(s) => Some(
            s.cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("secret must be a str"))?
                .to_cow()?
                .into_owned(),
        ),
        None => None,
    }
    .filter(|s| !s.is_empty());
    let keys = match secrets.filter(|s| !s.is_none()) {
        Some(list) => {
            if let Ok(text) = list.cast::<PyString>() {
                Keyring::from_secrets_env(&text.to_cow()?, secret.as_deref())
            } else {
                let mut entries: Vec<(u32, String)> = Vec::new();
                let bad = || {
                    PyTypeError::new_err(
                        "secrets must be a str like \"2:new,1:old\" or a list of (version, value) \
                         pairs or {\"version\": …, \"value\": …} dicts, current first",
                    )
                };
                if list.cast::<PyDict>().is_ok() || list.cast::<PyBytes>().is_ok() {
                    return Err(bad());
                }
                for item in list.try_iter().map_err(|_| bad())? {
                    let item = item?;
                    let (version, value) = if let Ok(d) = item.cast::<PyDict>() {
                        (d.get_item("version")?, d.get_item("value")?)
                    } else if let Ok((v, s)) =
                        item.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()
                    {
                        (Some(v), Some(s))
                    } else {
                        return Err(bad());
                    };
                    let version = version
                        .filter(|v| v.cast::<PyBool>().is_err())
                        .and_then(|v| v.extract::<u32>().ok())
                        .ok_or_else(|| {
                            raise_kind(
                                py,
                                ErrorKind::InvalidKey,
                                "every secret's version must be an int from 0 to 4294967295",
                            )
                        })?;
                    let value = value
                        .as_ref()
                        .and_then(|v| v.cast::<PyString>().ok())
                        .ok_or_else(|| PyTypeError::new_err("every secret's value must be a str"))?
                        .to_cow()?
                        .into_owned();
                    entries.push((version, value));
                }
                Keyring::from_secrets(
                    entries.iter().map(|(v, s)| (*v, s.as_str())),
                    secret.as_deref(),
                )
            }
        }
        None => match secret {
            Some(secret) => Keyring::from_secret(&secret),
            None => {
                // As Better Auth reads its environment; the library decides which
                // variables and their precedence. Read through os.environ, which is
                // what Python code sets.
                let environ = py
                    .import(intern!(py, "os"))?
                    .getattr(intern!(py, "environ"))?;
                Keyring::from_env_with(|name| {
                    environ
                        .call_method1(intern!(py, "get"), (name,))
                        .ok()
                        .and_then(|v| v.extract::<String>().ok())
                })
                .map_err(|e| match e.kind() {
                    ErrorKind::InvalidKey if e.message().starts_with("no secret") => Error::new(
                        ErrorKind::InvalidKey,
                        "a secret is required: pass secret= or secrets= (or set \
                         BETTER_AUTH_SECRET)",
                    ),
                    _ => e,
                })
            }
        },
    };
    keys.map_err(|e| raise(py, &e))
}

impl Verifier {
    fn verify_options(&self) -> VerifyOptions {
        VerifyOptions::default().with_secrets(self.secrets)
    }

    /// The secrets, for what only they can do (writing, signing the session token).
    fn secret_keys(&self) -> Result<&Keyring, Error> {
        self.keys.as_ref().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidKey,
                "this needs a secret: the verifier holds a JWKS only",
            )
        })
    }

    /// The keys of the offline session check.
    fn session_keys(&self) -> Result<SessionKeys<'_>, Error> {
        match (&self.jwks, &self.keys) {
            (Some(set), keys) => Ok(SessionKeys::jwks(set, keys.as_ref())),
            (None, Some(keys)) => Ok(SessionKeys::Secrets(keys)),
            (None, None) => Err(Error::new(ErrorKind::InvalidKey, "no secret and no JWKS")),
        }
    }

    /// A cache value verified (signature or decryption, its own `exp`), before policy.
    fn verify_value(&self, value: &str, now: i64) -> Result<VerifiedCache, Error> {
        match &self.jwks {
            Some(set) => jwks::verify(value, set, &self.session.jwt, now),
            None => self
                .strategy
                .verify(value, self.secret_keys()?, &self.verify_options(), now),
        }
    }

    /// A cache value verified and judged with `getCookieCache`'s policy.
    fn decode_value(&self, value: &str, now: i64) -> Result<VerifiedCache, Error> {
        match &self.jwks {
            Some(set) => jwks::decode(value, set, &self.session.jwt, &self.decode.policy, now),
            None => self
                .strategy
                .decode(value, self.secret_keys()?, &self.decode, now),
        }
    }

    /// What the version function returns for a payload's session and user.
    fn call_version(
        py: Python<'_>,
        f: &Py<PyAny>,
        session: &Bound<'_, PyAny>,
        user: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let out = f.bind(py).call1((session, user))?;
        out.cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("the version function must return a str"))?
            .to_cow()
            .map(Cow::into_owned)
    }

    fn encode_version(&self, py: Python<'_>, object: &Object) -> PyResult<String> {
        match &self.version {
            Version::Function(f) => {
                let session = object.get("session").map(|v| to_py(py, v)).transpose()?;
                let user = object.get("user").map(|v| to_py(py, v)).transpose()?;
                let none = py.None().into_bound(py);
                Self::call_version(
                    py,
                    f,
                    session.as_ref().unwrap_or(&none),
                    user.as_ref().unwrap_or(&none),
                )
            }
            Version::Exact(v) => Ok(v.clone()),
            Version::None => Ok(defaults::CACHE_VERSION.to_owned()),
        }
    }

    /// The payload dict of a verified cache, checked against the version function's
    /// answer when there is one (`Ok(Err(..))`: a version mismatch).
    fn payload_dict<'py>(
        &self,
        py: Python<'py>,
        cache: &VerifiedCache,
        reader: Reader,
    ) -> PyResult<Result<Bound<'py, PyDict>, Error>> {
        let dict = object_to_py(py, cache.payload().as_object())?;
        if let Version::Function(f) = &self.version {
            let expected = Self::call_version(
                py,
                f,
                &dict.as_any().get_item("session")?,
                &dict.as_any().get_item("user")?,
            )?;
            if let Err(e) = computed_version(expected).check(cache.payload(), reader) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(dict))
    }

    /// The offline session check of `header` at `now`; `Err` inside for a refusal, outside
    /// for an exception of the version function.
    fn check(
        &self,
        py: Python<'_>,
        header: &Header,
        now: i64,
    ) -> PyResult<Result<SessionCheck, Error>> {
        Ok(match &self.version {
            Version::Function(f) => {
                // The version function needs the cache's session and user: read the
                // cache first, then let the session check compare its version in its
                // own order.
                let mut config = self.session.clone();
                let cookies = py.detach(|| header.parse());
                if let Some(value) = self.find_cache(&cookies) {
                    let peek = py.detach(|| self.verify_value(&value, now));
                    if let Ok(cache) = peek {
                        let dict = object_to_py(py, cache.payload().as_object())?;
                        let expected = Self::call_version(
                            py,
                            f,
                            &dict.as_any().get_item("session")?,
                            &dict.as_any().get_item("user")?,
                        )?;
                        config.policy.version = computed_version(expected);
                    }
                }
                py.detach(|| check_cookies(&cookies, self.session_keys()?, &config, now))
            }
            _ => py.detach(|| {
                check_cookies(&header.parse(), self.session_keys()?, &self.session, now)
            }),
        })
    }

    /// The request's cache value, whole or from its chunks, under the names read.
    fn find_cache(&self, cookies: &RequestCookies) -> Option<String> {
        self.naming
            .candidates()
            .find_map(|names| cookies.chunked(names.session_data()))
    }

    fn decoded(&self, py: Python<'_>, value: &str, now: i64) -> PyResult<Py<PyAny>> {
        let result = py.detach(|| self.decode_value(value, now));
        match result {
            Ok(cache) => match self.payload_dict(py, &cache, Reader::CookieCache)? {
                Ok(payload) => Ok(Py::new(
                    py,
                    DecodedCache {
                        payload: payload.unbind(),
                        expires_at: cache.expires_at(),
                        strategy: cache.strategy(),
                    },
                )?
                .into_any()),
                Err(e) => failure(py, &e),
            },
            Err(e) => failure(py, &e),
        }
    }

    fn session_result(
        &self,
        py: Python<'_>,
        check: &SessionCheck,
        revocation: Option<&'static str>,
    ) -> PyResult<Py<PyAny>> {
        let cache = check.cache();
        let payload = object_to_py(py, cache.payload().as_object())?;
        let session = payload.as_any().get_item(intern!(py, "session"))?.unbind();
        let user = payload.as_any().get_item(intern!(py, "user"))?.unbind();
        Ok(Py::new(
            py,
            VerifiedSession {
                payload: payload.unbind(),
                session,
                user,
                expires_at: cache.expires_at(),
                fresh: check.is_fresh(),
                needs_refresh: check.needs_refresh(),
                dont_remember: check.remember().is_no(),
                secure: check.is_secure(),
                strategy: cache.strategy(),
                revocation,
            },
        )?
        .into_any())
    }
}

/// The version a Python version function returned, checked as the library checks a
/// version function's result (strictly: `""` matches no cache).
fn computed_version(expected: String) -> ExpectedVersion {
    ExpectedVersion::function(move |_, _| expected.clone())
}

#[pymethods]
impl Verifier {
    /// Builds the keyring (every key derived here, once) and checks the configuration.
    /// Raises `SessionCacheError` (or `TypeError`) on a bad configuration.
    #[new]
    #[pyo3(signature = (*, secret=None, secrets=None, strategy=None, version=None,
        cookie_prefix=None, cookie_name=None, secure=None, domain=None, max_age=None,
        fresh_age=None, update_age=None, verify_with_older_secrets=None, jwks=None,
        jwt_issuer=None, jwt_audience=None, is_revoked=None, revocation=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        secret: Option<&Bound<'_, PyAny>>,
        secrets: Option<&Bound<'_, PyAny>>,
        strategy: Option<&Bound<'_, PyAny>>,
        version: Option<&Bound<'_, PyAny>>,
        cookie_prefix: Option<&Bound<'_, PyAny>>,
        cookie_name: Option<&Bound<'_, PyAny>>,
        secure: Option<&Bound<'_, PyAny>>,
        domain: Option<&Bound<'_, PyAny>>,
        max_age: Option<&Bound<'_, PyAny>>,
        fresh_age: Option<&Bound<'_, PyAny>>,
        update_age: Option<&Bound<'_, PyAny>>,
        verify_with_older_secrets: Option<&Bound<'_, PyAny>>,
        jwks: Option<&Bound<'_, PyAny>>,
        jwt_issuer: Option<&Bound<'_, PyAny>>,
        jwt_audience: Option<&Bound<'_, PyAny>>,
        is_revoked: Option<&Bound<'_, PyAny>>,
        revocation: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let revocation = match is_revoked.filter(|h| !h.is_none()) {
            Some(hook) => Some(StoreHook::new(py, hook, revocation)?),
            None if revocation.is_some_and(|r| !r.is_none()) => {
                return Err(invalid_options(
                    py,
                    "revocation options need an is_revoked hook",
                ))
            }
            None => None,
        };
        let string = |value: Option<&Bound<'_, PyAny>>, what: &str| -> PyResult<Option<String>> {
            match value.filter(|v| !v.is_none()) {
                Some(v) => Ok(Some(
                    v.cast::<PyString>()
                        .map_err(|_| PyTypeError::new_err(format!("{what} must be a str")))?
                        .to_cow()?
                        .into_owned(),
                )),
                None => Ok(None),
            }
        };
        let boolean = |value: &Bound<'_, PyAny>, what: &str| -> PyResult<bool> {
            value
                .cast::<PyBool>()
                .map(|b| b.is_true())
                .map_err(|_| PyTypeError::new_err(format!("{what} must be a bool")))
        };
        // The JWT plugin's public keys: the JSON `GET /api/auth/jwks` serves, as text or
        // as the parsed object.
        let jwks = match jwks.filter(|v| !v.is_none()) {
            Some(v) => {
                let text = match v.cast::<PyString>() {
                    Ok(text) => text.to_cow()?.into_owned(),
                    Err(_) => py
                        .import(intern!(py, "json"))?
                        .call_method1(intern!(py, "dumps"), (v,))
                        .map_err(|_| {
                            PyTypeError::new_err(
                                "jwks must be the JSON text of a key set or its parsed dict",
                            )
                        })?
                        .extract::<String>()?,
                };
                Some(Jwks::from_json(&text).map_err(|e| raise(py, &e))?)
            }
            None => None,
        };
        let strategy = match string(strategy, "strategy")? {
            Some(s) => Strategy::from_str(&s).map_err(|e| raise(py, &e))?,
            None if jwks.is_some() => Strategy::Jwt,
            None => Strategy::default(),
        };
        if jwks.is_some() && strategy != Strategy::Jwt {
            return Err(invalid_options(py, "jwks goes with strategy \"jwt\""));
        }
        let mut jwt = JwtOptions::default();
        if let Some(issuer) = string(jwt_issuer, "jwt_issuer")? {
            jwt = jwt.with_issuer(issuer);
        }
        if let Some(audience) = string(jwt_audience, "jwt_audience")? {
            jwt = jwt.with_audience(audience);
        }
        let version = match version.filter(|v| !v.is_none()) {
            Some(v) if v.cast::<PyString>().is_ok() => match string(Some(v), "version")? {
                Some(s) if !s.is_empty() => Version::Exact(s),
                _ => Version::None,
            },
            Some(v) if v.is_callable() => Version::Function(v.clone().unbind()),
            Some(_) => {
                return Err(PyTypeError::new_err(
                    "version must be a str or a function (session, user) -> str",
                ))
            }
            None => Version::None,
        };
        let secure = match secure.filter(|v| !v.is_none()) {
            Some(v) => Some(boolean(v, "secure")?),
            None => None,
        };
        let older = match verify_with_older_secrets.filter(|v| !v.is_none()) {
            Some(v) => boolean(v, "verify_with_older_secrets")?,
            None => false,
        };
        let max_age = optional_seconds(py, max_age, "max_age")?.unwrap_or(defaults::CACHE_MAX_AGE);
        if max_age == 0 || max_age > defaults::MAX_COOKIE_AGE {
            return Err(invalid_options(
                py,
                "max_age must be between 1 second and 400 days",
            ));
        }
        let fresh_age =
            optional_seconds(py, fresh_age, "fresh_age")?.unwrap_or(defaults::FRESH_AGE);
        let update_age = optional_seconds(py, update_age, "update_age")?;
        let prefix = string(cookie_prefix, "cookie_prefix")?
            .unwrap_or_else(|| defaults::COOKIE_PREFIX.into());
        let mut naming = CookieNaming::new(&prefix).with_spelling(Spelling::from_is_secure(secure));
        if let Some(name) = string(cookie_name, "cookie_name")?.filter(|n| n != "session_data") {
            // Better Auth's getCookieCache reads `[__Secure-]<cookiePrefix>.<cookieName>`.
            naming = naming.with_custom_name(CookieKind::SessionData, &format!("{prefix}.{name}"));
        }
        // With a JWKS the secrets are optional (they add the session token's signature).
        let no_secret = secret.is_none_or(|s| s.is_none()) && secrets.is_none_or(|s| s.is_none());
        let keys = match keyring(py, secret, secrets) {
            Ok(keys) => Some(keys),
            Err(_) if jwks.is_some() && no_secret => None,
            Err(e) => return Err(e),
        };
        let secrets = if older {
            VerifyWith::AnySecret
        } else {
            VerifyWith::CurrentSecret
        };
        let verify = VerifyOptions::default().with_secrets(secrets);
        let decode = DecodeOptions::new(
            verify.clone(),
            match &version {
                Version::Exact(v) => Policy::cookie_cache().with_version(v.as_str()),
                _ => Policy::cookie_cache(),
            },
        );
        let mut session = SessionConfig::new(strategy)
            .with_fresh_age(fresh_age)
            .with_secrets(secrets);
        if let Version::Exact(v) = &version {
            session = session.with_version(v.as_str());
        }
        session.cookies = naming.clone();
        session.jwt = jwt;
        session.policy.update_age = update_age;
        Ok(Verifier {
            keys,
            jwks,
            revocation,
            strategy,
            version,
            secrets,
            naming,
            secure: secure.unwrap_or(false),
            domain: string(domain, "domain")?,
            max_age,
            decode,
            session,
        })
    }

    /// The strategy read and written: `"compact"`, `"jwt"` or `"jwe"`.
    #[getter]
    fn strategy(&self) -> &'static str {
        self.strategy.as_str()
    }

    /// Whether an `is_revoked` hook is configured (`verify_session_live` asks the store).
    #[getter]
    fn checks_revocation(&self) -> bool {
        self.revocation.is_some()
    }

    /// The offline session check of a request (Better Auth's `getSession` served from
    /// the cookie cache): a `VerifiedSession`, or a `Failure` with the error kind.
    #[pyo3(signature = (request, *, now=None))]
    fn verify_session(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let now = now_ms(py, now)?;
        let header = cookie_header(request)?;
        match self.check(py, &header, now)? {
            Ok(check) => self.session_result(py, &check, None),
            Err(e) => failure(py, &e),
        }
    }

    /// `verify_session`, then the store: the `is_revoked` hook is asked what Better
    /// Auth's `secondaryStorage` holds for the session (its `<token>` key, its
    /// `revoked-sessions-before-<userId>` key) and the library decides. A revoked
    /// session is a `Failure` (`revoked`); a store that cannot answer (the hook raised)
    /// is `revocation_unknown`, or with `fail_open` a session whose `revocation` is
    /// `"unchecked"`. Raises `SessionCacheError` (`invalid_options`) without a hook.
    #[pyo3(signature = (request, *, now=None))]
    fn verify_session_live(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let Some(revocation) = &self.revocation else {
            return Err(invalid_options(
                py,
                "verify_session_live needs an is_revoked hook",
            ));
        };
        let now = now_ms(py, now)?;
        let header = cookie_header(request)?;
        let check = match self.check(py, &header, now)? {
            Ok(check) => check,
            Err(e) => return failure(py, &e),
        };
        let decision = revocation.ask(py, check.cache(), now)?;
        match decision.into_result(revocation.on_unknown) {
            Ok(Revocation::Checked) => self.session_result(py, &check, Some("checked")),
            Ok(Revocation::Unchecked) => self.session_result(py, &check, Some("unchecked")),
            Err(e) => failure(py, &e),
        }
    }

    /// The verified payload of the request's cookie cache, or `None` (Better Auth's
    /// `getCookieCache`: the session token cookie is not looked at).
    #[pyo3(signature = (request, *, now=None))]
    fn get_cookie_cache(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let now = now_ms(py, now)?;
        let header = cookie_header(request)?;
        let result = py.detach(|| {
            self.find_cache(&header.parse())
                .map(|value| self.decode_value(&value, now))
        });
        match result {
            None => Ok(py.None()),
            Some(Ok(cache)) => match self.payload_dict(py, &cache, Reader::CookieCache)? {
                Ok(dict) => Ok(dict.into_any().unbind()),
                Err(_) => Ok(py.None()),
            },
            Some(Err(_)) => Ok(py.None()),
        }
    }

    /// Decodes and verifies a cookie-cache value (chunks already joined): a
    /// `DecodedCache`, or a `Failure` with the error kind.
    #[pyo3(signature = (value, *, now=None))]
    fn decode_cookie_cache(
        &self,
        py: Python<'_>,
        value: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let now = now_ms(py, now)?;
        let value = value
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("the cookie value must be a str"))?
            .to_string_lossy()
            .into_owned();
        self.decoded(py, &value, now)
    }

    /// The cookie-cache value of a payload (`{session, user}`; `updatedAt` and `version`
    /// filled in when absent), signed or encrypted with the current secret.
    #[pyo3(signature = (payload, *, max_age=None, now=None))]
    fn encode_cookie_cache(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        max_age: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let now = now_ms(py, now)?;
        let max_age = optional_seconds(py, max_age, "max_age")?.unwrap_or(self.max_age);
        let payload = payload_object(py, payload, now, |o| self.encode_version(py, o))?;
        let options = EncodeOptions::default().with_max_age(max_age);
        py.detach(|| {
            self.strategy
                .encode(&payload, self.secret_keys()?, &options, now)
        })
        .map_err(|e| raise(py, &e))
    }

    /// The `Set-Cookie` header values that write the payload's cache (chunked when
    /// needed, Better Auth's attributes), expiring the cache chunks of `request` that are
    /// not rewritten. Raises `SessionCacheError` (`too_large_to_write`) past 100 chunks.
    #[pyo3(signature = (payload, *, max_age=None, request=None, now=None))]
    fn set_cookie_headers(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        max_age: Option<&Bound<'_, PyAny>>,
        request: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<String>> {
        let now = now_ms(py, now)?;
        let max_age = optional_seconds(py, max_age, "max_age")?.unwrap_or(self.max_age);
        let payload = payload_object(py, payload, now, |o| self.encode_version(py, o))?;
        let request = request.map(cookie_header).transpose()?;
        let result = py.detach(|| -> Result<Vec<String>, Error> {
            let request = request.as_ref().map(Header::parse);
            let value = self.strategy.encode(
                &payload,
                self.secret_keys()?,
                &EncodeOptions::default().with_max_age(max_age),
                now,
            )?;
            // Written under Better Auth's own name (`cookie_name` only names what is read).
            let names = CookieNames::new(&self.naming.prefix, self.secure);
            let cookies = AuthCookies::new(names)
                .with_domain(self.domain.as_deref())
                .with_cache_max_age(max_age);
            let name = cookies.names().session_data().to_owned();
            let existing = request
                .as_ref()
                .map(|r| r.existing_chunks(&name))
                .unwrap_or_default();
            cookies
                .session_data_cookies(&value, Remember::Yes, &existing)?
                .iter()
                .map(|c| c.to_header_value())
                .collect()
        });
        result.map_err(|e| raise(py, &e))
    }

    /// The signed session token as it goes in `Set-Cookie`:
    /// `encodeURIComponent(token + "." + signature)`, with the current secret.
    fn sign_session_token(&self, py: Python<'_>, token: &Bound<'_, PyString>) -> PyResult<String> {
        let keys = self.secret_keys().map_err(|e| raise(py, &e))?;
        Ok(sign_cookie_value(&token.to_cow()?, keys))
    }

    /// The token of a signed session-token cookie value as the `Cookie` header holds it
    /// once parsed (percent-decoded), or `None` when it does not verify.
    fn verify_session_token(&self, value: &Bound<'_, PyString>) -> Option<String> {
        let value = value.to_string_lossy();
        verify_signed_value(&value, self.keys.as_ref()?, self.secrets).ok()
    }

    fn __repr__(&self) -> String {
        format!(
            "Verifier(strategy={:?}, cookie_prefix={:?})",
            self.strategy.as_str(),
            self.naming.prefix
        )
    }

    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Version::Function(f) = &self.version {
            visit.call(f)?;
        }
        if let Some(r) = &self.revocation {
            visit.call(&r.hook)?;
        }
        Ok(())
    }
}

/// A new random secret: 32 bytes as 64 hex characters.
#[pyfunction]
fn generate_secret(py: Python<'_>) -> PyResult<String> {
    session_cache::Secret::generate()
        .map(|secret| secret.expose_str().to_owned())
        .map_err(|e| raise(py, &e))
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Verifier>()?;
    m.add_class::<VerifiedSession>()?;
    m.add_class::<DecodedCache>()?;
    m.add_class::<Failure>()?;
    m.add("SessionCacheError", py.get_type::<SessionCacheError>())?;
    m.add_function(wrap_pyfunction!(generate_secret, m)?)?;
    let kinds: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    m.add("ERROR_KINDS", PyTuple::new(py, kinds)?)?;
    let strategies: Vec<&str> = Strategy::ALL.iter().map(|s| s.as_str()).collect();
    m.add("STRATEGIES", PyTuple::new(py, strategies)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
