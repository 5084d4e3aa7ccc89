//! The offline session check against the real Better Auth 1.7.24, both ways.
//!
//! - [`better_auth_cases`]: `vectors/sessions/cases.json` (made by
//!   `vectors/sessions/make.mjs` from live sign-up / sign-in / sign-out flows) — for every
//!   whole `Cookie` header, [`check_session`] accepts exactly when Better Auth's
//!   `getSession` served a session from the cookie cache, with the same session and user,
//!   and otherwise fails with the expected error kind.
//! - [`better_auth_reads_what_we_mint`]: this crate mints the whole cookie set; Better
//!   Auth's stateless `getSession` and `getCookieCache` (`vectors/sessions/verify.mjs`)
//!   must read the same session, and both must refuse tampered headers.
//! - [`verify_mjs_agrees_with_cases_json`]: the recorded verdicts again, live.
//!
//! Cases marked `divergence` in cases.json are the documented, deliberate differences
//! (src/lib.rs): there `expected` is our verdict and Better Auth's must differ.
//!
//! The Node parts need `npm ci` in `vectors/`. Set `SESSION_CACHE_SKIP_NODE=1` to skip
//! them on a machine without Node.

mod common;

use serde_json::{json, Value as Json};
use session_cache::cookie::{AuthCookies, CookieNames, RequestCookies, SignIn, Spelling};
use session_cache::json::{Object, Value as JsValue};
use session_cache::session::{check_session, SessionCheck, SessionConfig};
use session_cache::{EncodeOptions, ExpectedVersion, Keyring, Payload, Remember, Strategy};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/sessions/cases.json");

fn skip_node() -> bool {
    if std::env::var_os("SESSION_CACHE_SKIP_NODE").is_some() {
        eprintln!("SESSION_CACHE_SKIP_NODE is set: skipping the Node part of session_interop");
        return true;
    }
    false
}

// ----------------------------------------------------------------------------- config

fn keys_from(config: &Json) -> Keyring {
    if let Some(secrets) = config["secrets"].as_array() {
        let list: Vec<(u32, &str)> = secrets
            .iter()
            .map(|s| {
                (
                    s["version"].as_u64().unwrap() as u32,
                    s["value"].as_str().unwrap(),
                )
            })
            .collect();
        Keyring::from_secrets(list, config["legacySecret"].as_str()).unwrap()
    } else {
        Keyring::from_secret(config["secret"].as_str().unwrap()).unwrap()
    }
}

fn session_config_from(config: &Json) -> SessionConfig {
    let strategy: Strategy = config["strategy"].as_str().unwrap().parse().unwrap();
    let mut c = SessionConfig::new(strategy);
    if let Some(v) = config["version"].as_str() {
        c.policy.version = ExpectedVersion::Exact(v.to_owned());
    }
    if let Some(p) = config["cookiePrefix"].as_str() {
        c.cookies.prefix = p.to_owned();
    }
    c.cookies.spelling = Spelling::from_is_secure(Some(config["secure"].as_bool().unwrap()));
    c.policy.fresh_age = config["freshAge"].as_u64().unwrap();
    c.policy.update_age = config["updateAge"].as_u64();
    c
}

// ----------------------------------------------------------------------------- comparison

/// Whether our value equals Better Auth's JSON (numbers as doubles; lone surrogates of
/// ours as U+FFFD, as the recorded JSON has them).
fn same(ours: &JsValue, theirs: &Json) -> bool {
    match (ours, theirs) {
        (JsValue::Null, Json::Null) => true,
        (JsValue::Bool(a), Json::Bool(b)) => a == b,
        (JsValue::Number(a), Json::Number(b)) => Some(*a) == b.as_f64(),
        (JsValue::String(a), Json::String(b)) => a.to_string_lossy() == *b,
        (JsValue::Array(a), Json::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (JsValue::Object(a), Json::Object(b)) => {
            a.len() == b.len() && b.iter().all(|(k, y)| a.get(k).is_some_and(|x| same(x, y)))
        }
        _ => false,
    }
}

/// Which object a field belongs to, for Better Auth's schema transforms.
#[derive(Clone, Copy, PartialEq)]
enum Row {
    Session,
    User,
}

/// Our raw object against Better Auth's output of it, through Better Auth's schema:
/// dates compared as instants (it revives and re-serializes them) and defaulted to now
/// when missing, `userId` coerced to a string (compared with our typed view), `email`
/// lower-cased, `emailVerified` defaulted to `false`. Every other field must be equal,
/// and ours has no field Better Auth does not show.
fn same_object(
    ours: &Object,
    theirs: &serde_json::Map<String, Json>,
    row: Row,
    typed_user_id: Option<&str>,
) -> Result<(), String> {
    for (key, value) in theirs {
        let mine = ours.get(key);
        let shown = || mine.map_or("(missing)".to_owned(), |v| v.to_js_string());
        let fine = match key.as_str() {
            "createdAt" | "updatedAt" | "expiresAt" => match mine {
                None => key != "expiresAt",
                Some(JsValue::String(s)) => {
                    session_cache::jsdate::parse_iso_ms(&s.to_string_lossy())
                        == value.as_str().and_then(session_cache::jsdate::parse_iso_ms)
                }
                Some(_) => false,
            },
            "userId" if row == Row::Session => value.as_str() == typed_user_id,
            "email" if row == Row::User => match mine {
                Some(JsValue::String(s)) => {
                    Some(s.to_string_lossy().to_lowercase().as_str()) == value.as_str()
                }
                _ => false,
            },
            "emailVerified" if row == Row::User && mine.is_none() => *value == json!(false),
            _ => mine.is_some_and(|v| same(v, value)),
        };
        if !fine {
            return Err(format!("{key}: ours {}, Better Auth's {value}", shown()));
        }
    }
    for key in ours.keys() {
        let key = key.to_string_lossy();
        if !theirs.contains_key(&key) {
            return Err(format!("{key}: ours only"));
        }
    }
    Ok(())
}

/// Our verified session against Better Auth's `{session, user}` JSON.
fn compare_with_better_auth(check: &SessionCheck, theirs: &Json) -> Result<(), String> {
    let payload = check.cache().payload();
    let (ts, tu) = (&theirs["session"], &theirs["user"]);
    let scalar = |what: &str, ours: &str, theirs: &Json| {
        if theirs.as_str() == Some(ours) {
            Ok(())
        } else {
            Err(format!("{what}: ours {ours:?}, Better Auth's {theirs}"))
        }
    };
    scalar("user.id", &payload.user().id, &tu["id"])?;
    scalar(
        "user.email",
        &payload.user().email.to_lowercase(),
        &tu["email"],
    )?;
    scalar("session.token", check.token(), &ts["token"])?;
    scalar(
        "session.token (cache)",
        &payload.session().token,
        &ts["token"],
    )?;
    scalar("session.id", &payload.session().id, &ts["id"])?;
    scalar("session.userId", &payload.session().user_id, &ts["userId"])?;
    let expires = session_cache::jsdate::parse_iso_ms(ts["expiresAt"].as_str().unwrap_or(""));
    if expires != Some(payload.session().expires_at) {
        return Err(format!(
            "session.expiresAt: ours {}, Better Auth's {}",
            payload.session().expires_at,
            ts["expiresAt"]
        ));
    }
    same_object(
        payload.session_object(),
        ts.as_object().unwrap(),
        Row::Session,
        Some(&payload.session().user_id),
    )
    .map_err(|e| format!("session.{e}"))?;
    same_object(
        payload.user_object(),
        tu.as_object().unwrap(),
        Row::User,
        None,
    )
    .map_err(|e| format!("user.{e}"))
}

// ----------------------------------------------------------------------------- (a) cases.json

fn load_cases() -> Vec<Json> {
    let text = std::fs::read_to_string(CASES)
        .expect("vectors/sessions/cases.json (run `cd vectors && node sessions/make.mjs`)");
    let doc: Json = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["generator"]["better-auth"], "1.7.24");
    doc["cases"].as_array().unwrap().clone()
}

/// One case: `Ok` when our check says what it should.
fn run_case(case: &Json) -> Result<(), String> {
    let config = &case["config"];
    let keys = keys_from(config);
    let sc = session_config_from(config);
    let header = case["cookieHeader"].as_str().unwrap();
    let now = case["now"].as_i64().unwrap();
    let served = case["betterAuth"]["servedFromCache"].as_bool().unwrap();
    let expected = &case["expected"];
    let valid = expected["valid"].as_bool().unwrap();
    let about = case["divergence"]["about"].as_str();

    // The case file itself must be consistent.
    if about == Some("valid") {
        if served == valid {
            return Err("marked as a divergence, but Better Auth agrees".into());
        }
    } else if served != valid {
        return Err(format!(
            "expected.valid={valid} but Better Auth servedFromCache={served}"
        ));
    }

    if about == Some("fresh") && case["betterAuth"]["fresh"] == expected["fresh"] {
        return Err("marked as a freshness divergence, but Better Auth agrees".into());
    }

    match check_session(header, &keys, &sc, now) {
        Ok(check) => {
            if !valid {
                return Err(format!(
                    "our check ACCEPTS; expected {} (Better Auth served: {served})",
                    expected["error"]
                ));
            }
            if served {
                compare_with_better_auth(&check, &case["betterAuth"]["session"])?;
            }
            let flag = |what: &str, ours: bool| -> Result<(), String> {
                match expected[what].as_bool() {
                    Some(e) if e != ours => Err(format!("{what}: ours {ours}, expected {e}")),
                    _ => Ok(()),
                }
            };
            flag("fresh", check.is_fresh())?;
            flag("needsRefresh", check.needs_refresh())?;
            flag("dontRemember", check.remember().is_no())?;
            flag("secure", check.is_secure())?;
            Ok(())
        }
        Err(e) => {
            if valid {
                return Err(format!(
                    "our check REJECTS with {} ({}); Better Auth served: {served}",
                    e.kind(),
                    e.message()
                ));
            }
            let want = expected["error"].as_str().unwrap();
            if e.kind().as_str() != want {
                return Err(format!(
                    "wrong error kind: ours {} ({}), expected {want}",
                    e.kind(),
                    e.message()
                ));
            }
            Ok(())
        }
    }
}

#[test]
fn better_auth_cases() {
    let cases = load_cases();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let (mut accepted, mut divergences) = (0, 0);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        if case["expected"]["valid"] == json!(true) {
            accepted += 1;
        }
        if case.get("divergence").is_some() {
            divergences += 1;
        }
        if let Err(msg) = run_case(case) {
            failures.push(format!("  {name}: {msg}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    eprintln!(
        "{} cases agree with Better Auth ({accepted} valid, {divergences} documented divergences)",
        cases.len()
    );
}

/// The cases cover what they must: every strategy, and every error kind of the check.
#[test]
fn cases_cover_every_outcome() {
    let cases = load_cases();
    for strategy in ["compact", "jwt", "jwe"] {
        let of = |pred: &dyn Fn(&Json) -> bool| {
            cases
                .iter()
                .filter(|c| c["config"]["strategy"] == strategy && pred(c))
                .count()
        };
        for kind in [
            "no_token",
            "bad_token_signature",
            "no_cache",
            "token_mismatch",
            "version_mismatch",
            "expired",
            "session_expired",
        ] {
            assert!(
                of(&|c| c["expected"]["error"] == kind) > 0,
                "{strategy}: no {kind} case"
            );
        }
        assert!(
            of(&|c| c["expected"]["error"]
                == if strategy == "jwe" {
                    "decrypt_failed"
                } else {
                    "bad_signature"
                })
                > 0
        );
        assert!(of(&|c| c["expected"]["valid"] == true) > 10);
        assert!(of(&|c| c["expected"]["dontRemember"] == true) > 0);
        assert!(of(&|c| c["expected"]["needsRefresh"] == true) > 0);
        assert!(of(&|c| c["expected"]["fresh"] == false) > 0);
        assert!(of(&|c| c["config"]["secrets"].is_array()) > 0);
        assert!(of(&|c| c["config"]["secure"] == true && c["expected"]["valid"] == true) > 0);
        assert!(
            of(&|c| c["cookieHeader"]
                .as_str()
                .unwrap()
                .contains("session_data.1="))
                > 0
        );
    }
}

// ----------------------------------------------------------------------------- Node

fn run_verify(cases: &[Json]) -> Vec<Json> {
    let results = common::run_node("sessions/verify.mjs", &json!({ "cases": cases }));
    let results = results["results"].as_array().unwrap().clone();
    assert_eq!(results.len(), cases.len());
    results
}

#[test]
fn verify_mjs_agrees_with_cases_json() {
    if skip_node() {
        return;
    }
    let cases = load_cases();
    let input: Vec<Json> = cases
        .iter()
        .map(|c| {
            json!({"name": c["name"], "config": c["config"], "cookieHeader": c["cookieHeader"],
                   "now": c["now"]})
        })
        .collect();
    let results = run_verify(&input);
    let mut failures = Vec::new();
    for (case, result) in cases.iter().zip(&results) {
        let served = !result["session"].is_null();
        if served != case["betterAuth"]["servedFromCache"].as_bool().unwrap()
            || result["refreshed"] != case["betterAuth"]["stateless"]["refreshed"]
            || !result["error"].is_null()
        {
            failures.push(format!("  {}: {result}", case["name"]));
        }
    }
    assert!(
        failures.is_empty(),
        "verify.mjs disagrees with cases.json:\n{}",
        failures.join("\n")
    );
}

// ----------------------------------------------------------------------------- (b) we mint

const NOW: i64 = 1_790_000_500_777;

fn iso(ms: i64) -> String {
    session_cache::jsdate::to_iso_string(ms).unwrap()
}

struct Minted {
    name: String,
    config: Json,
    token: String,
    user_id: String,
    email: String,
    /// The cookies as (name, wire value), in the order they were set.
    cookies: Vec<(String, String)>,
}

impl Minted {
    fn header(&self) -> String {
        header_of(&self.cookies)
    }
}

fn header_of(cookies: &[(String, String)]) -> String {
    cookies
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Mints the cookie set a sign-in would send, with this crate only.
fn mint(
    name: &str,
    config: Json,
    bio: Option<&str>,
    user_name: &str,
    dont_remember: bool,
) -> Minted {
    let keys = keys_from(&config);
    let strategy: Strategy = config["strategy"].as_str().unwrap().parse().unwrap();
    let max_age = config["maxAge"].as_u64().unwrap_or(300);
    let version = config["version"].as_str().unwrap_or("1");
    let n = name.len() as i64;
    let token = format!(
        "{:0<32}",
        format!("Tok{n}x{}", name.replace(['/', ' ', ','], ""))
    )[..32]
        .to_owned();
    let user_id = format!("user{n}{}", strategy.as_str());
    let email = format!("{}-{n}@example.com", strategy.as_str());
    let mut user = json!({
        "id": user_id, "createdAt": iso(NOW - 86_400_000), "updatedAt": iso(NOW - 86_400_000),
        "email": email, "emailVerified": false, "name": user_name, "image": null,
    });
    if let Some(bio) = bio {
        user["bio"] = json!(bio);
    }
    let session = json!({
        "id": format!("sess{n}"), "createdAt": iso(NOW - 5_000), "updatedAt": iso(NOW - 5_000),
        "userId": user_id, "expiresAt": iso(NOW + 7 * 86_400_000), "token": token,
        "ipAddress": "203.0.113.7", "userAgent": "Mozilla/5.0 (session_interop)",
    });
    let payload = Payload::from_json(
        &json!({"session": session, "user": user, "updatedAt": NOW, "version": version})
            .to_string(),
    )
    .unwrap();
    let remember = Remember::from_dont_remember(dont_remember);
    let options = EncodeOptions::default()
        .with_max_age(max_age)
        .with_remember(remember);
    let value = strategy.encode(&payload, &keys, &options, NOW).unwrap();
    let names = CookieNames::new(
        config["cookiePrefix"].as_str().unwrap_or(""),
        config["secure"].as_bool().unwrap(),
    );
    let set = AuthCookies::new(names)
        .with_cache_max_age(max_age)
        .sign_in_cookies(
            SignIn::new(&token)
                .with_cache(&value)
                .with_remember(remember),
            &RequestCookies::default(),
            &keys,
        )
        .unwrap();
    let cookies = set
        .iter()
        .filter(|c| !c.value.is_empty())
        .map(|c| (c.name.clone(), c.wire_value()))
        .collect();
    Minted {
        name: name.to_owned(),
        config,
        token,
        user_id,
        email,
        cookies,
    }
}

fn config(strategy: &str, extra: Json) -> Json {
    let mut c = json!({
        "strategy": strategy, "secret": "rust-minted-secret-0123456789abcdefghijklmnop",
        "version": null, "cookiePrefix": null, "secure": false, "freshAge": 86400,
        "updateAge": null, "maxAge": 300,
    });
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    if c.get("secrets").is_some() {
        c.as_object_mut().unwrap().remove("secret");
    }
    c
}

fn flip(s: &str, i: usize) -> String {
    let mut b = s.as_bytes().to_vec();
    b[i] = if b[i] == b'A' { b'B' } else { b'A' };
    String::from_utf8(b).unwrap()
}

#[test]
fn better_auth_reads_what_we_mint() {
    let rotated = json!([{"version": 3, "value": "rust-minted-current-secret-abcdefghijklmnop"},
                         {"version": 2, "value": "rust-minted-older-secret-0123456789abcdefgh"}]);
    let big = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(150);
    let odd = "Zoë \"the\" \\ 😀 \u{2028} \u{7f} \u{1} </script> émoji";
    let mut minted = Vec::new();
    for s in ["compact", "jwt", "jwe"] {
        minted.push(mint(
            &format!("{s}/default"),
            config(s, json!({})),
            None,
            "Ada Lovelace",
            false,
        ));
        minted.push(mint(
            &format!("{s}/prefix, secure, version"),
            config(
                s,
                json!({"cookiePrefix": "myapp", "secure": true, "version": "5"}),
            ),
            None,
            "Ada Lovelace",
            false,
        ));
        minted.push(mint(
            &format!("{s}/versioned secrets, chunked"),
            config(s, json!({"secrets": rotated, "legacySecret": "rust-minted-legacy-secret-zyxwvutsrqponmlk"})),
            Some(&big),
            "Ada Lovelace",
            false,
        ));
        minted.push(mint(
            &format!("{s}/secure, chunked, unusual characters"),
            config(s, json!({"secure": true, "maxAge": 900})),
            Some(&format!("{odd}\n{big}")),
            odd,
            false,
        ));
        minted.push(mint(
            &format!("{s}/dont remember, refresh due"),
            config(s, json!({"updateAge": 300, "maxAge": 600})),
            None,
            "Ada Lovelace",
            true,
        ));
    }

    // Our own check first, at the time verify.mjs will use.
    let at = NOW + 1_000;
    let mut expect_refresh = Vec::new();
    for m in &minted {
        let keys = keys_from(&m.config);
        let check = check_session(&m.header(), &keys, &session_config_from(&m.config), at)
            .unwrap_or_else(|e| panic!("{}: our check rejects our own cookies: {e}", m.name));
        assert_eq!(check.token(), m.token, "{}", m.name);
        assert_eq!(
            check.remember().is_no(),
            m.name.contains("dont remember"),
            "{}",
            m.name
        );
        if m.name.contains("chunked") {
            assert!(
                m.header().contains("session_data.1="),
                "{}: not chunked",
                m.name
            );
        }
        expect_refresh.push(check.needs_refresh());
    }
    if skip_node() {
        return;
    }

    // Better Auth on the good headers, and on two tampered versions of each.
    let mut input = Vec::new();
    for m in &minted {
        let case = |suffix: &str, header: String| {
            json!({"name": format!("{}{suffix}", m.name), "config": m.config,
                   "cookieHeader": header, "now": at})
        };
        input.push(case("", m.header()));
        // The cache (or its first chunk): one character changed in the middle.
        let mut cookies = m.cookies.clone();
        let data = cookies
            .iter_mut()
            .find(|(n, _)| n.ends_with("session_data") || n.ends_with("session_data.0"))
            .unwrap();
        let mid = data.1.len() / 2;
        let mid = (mid..data.1.len())
            .find(|&i| data.1.as_bytes()[i] != b'.')
            .unwrap();
        data.1 = flip(&data.1, mid);
        input.push(case(" [tampered cache]", header_of(&cookies)));
        // The session token: one character of the signature changed.
        let mut cookies = m.cookies.clone();
        let token = cookies
            .iter_mut()
            .find(|(n, _)| n.ends_with("session_token"))
            .unwrap();
        let dot = token.1.rfind('.').unwrap();
        token.1 = flip(&token.1, dot + 5);
        input.push(case(" [tampered token]", header_of(&cookies)));
    }
    let results = run_verify(&input);

    let mut failures = Vec::new();
    for (i, m) in minted.iter().enumerate() {
        let keys = keys_from(&m.config);
        let sc = session_config_from(&m.config);
        let (good, bad_cache, bad_token) =
            (&results[3 * i], &results[3 * i + 1], &results[3 * i + 2]);
        let mut fail = |msg: String| failures.push(format!("  {}: {msg}", m.name));
        if !good["error"].is_null() {
            fail(format!("verify.mjs error: {}", good["error"]));
        }
        // The good header: the same session and user, by getSession and getCookieCache.
        for (what, value) in [
            ("getSession", &good["session"]),
            ("getCookieCache", &good["cookieCache"]),
        ] {
            if value.is_null() {
                fail(format!("{what} refuses our cookies"));
                continue;
            }
            if value["session"]["token"] != json!(m.token) {
                fail(format!("{what}: token {}", value["session"]["token"]));
            }
            if value["user"]["id"] != json!(m.user_id) || value["user"]["email"] != json!(m.email) {
                fail(format!("{what}: user {}", value["user"]));
            }
        }
        if !good["session"].is_null() {
            let check = check_session(
                input[3 * i]["cookieHeader"].as_str().unwrap(),
                &keys,
                &sc,
                at,
            )
            .unwrap();
            if let Err(e) = compare_with_better_auth(&check, &good["session"]) {
                fail(format!("getSession differs: {e}"));
            }
        }
        if good["refreshed"].as_bool() != Some(expect_refresh[i]) {
            fail(format!(
                "refresh: Better Auth re-issued the cache: {}, our needs_refresh: {}",
                good["refreshed"], expect_refresh[i]
            ));
        }
        // Tampered cache: everyone refuses.
        if !bad_cache["session"].is_null() || !bad_cache["cookieCache"].is_null() {
            fail(format!("Better Auth accepts a tampered cache: {bad_cache}"));
        }
        if check_session(
            input[3 * i + 1]["cookieHeader"].as_str().unwrap(),
            &keys,
            &sc,
            at,
        )
        .is_ok()
        {
            fail("our check accepts a tampered cache".into());
        }
        // Tampered token: getSession refuses (getCookieCache never looks at the token).
        if !bad_token["session"].is_null() {
            fail(format!("getSession accepts a tampered token: {bad_token}"));
        }
        if bad_token["cookieCache"].is_null() {
            fail("getCookieCache refuses a header whose cache is intact".into());
        }
        match check_session(
            input[3 * i + 2]["cookieHeader"].as_str().unwrap(),
            &keys,
            &sc,
            at,
        ) {
            Err(e) if e.kind().as_str() == "bad_token_signature" => {}
            other => fail(format!("our check on a tampered token: {other:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
