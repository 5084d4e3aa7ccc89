//! The secret parsers: `BETTER_AUTH_SECRETS` (`Keyring::from_secrets_env`) and the
//! environment rules (`Keyring::from_env_with`).
//!
//! Input: `<BETTER_AUTH_SECRETS>\n<BETTER_AUTH_SECRET>\n<AUTH_SECRET>` (a missing line is
//! an unset variable). Oracles: a keyring's versions are unique; neither a keyring's
//! `Debug` nor an error's text shows a secret.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_cache::{KeyVersion, Keyring};
use session_cache_fuzz::check_error;

/// Whether `secret` is distinctive enough that finding it in a text means it leaked
/// (it holds a character no message or `Debug` output is made of).
fn distinctive(secret: &str) -> bool {
    secret.len() >= 4
        && secret
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || " _:\"<>,.()[]{}-'".contains(c)))
}

fn check_no_leak(shown: &str, list: &str, legacy: Option<&str>) {
    let secrets = list
        .split(',')
        .filter_map(|e| e.split_once(':').map(|(_, s)| s.trim()))
        .chain(legacy);
    for secret in secrets {
        if distinctive(secret) {
            assert!(!shown.contains(secret), "a secret in {shown:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lines = text.splitn(3, '\n');
    let list = lines.next().unwrap_or_default();
    let legacy = lines.next();
    let auth_secret = lines.next();
    match Keyring::from_secrets_env(list, legacy) {
        Ok(keys) => {
            let versions: Vec<KeyVersion> = keys.versions().collect();
            for (i, v) in versions.iter().enumerate() {
                assert!(!versions[..i].contains(v), "versions are unique");
            }
            check_no_leak(&format!("{keys:?}"), list, legacy);
        }
        Err(e) => {
            check_error(&e);
            check_no_leak(&format!("{e} {e:?}"), list, legacy);
        }
    }
    let env = |name: &str| match name {
        "BETTER_AUTH_SECRETS" => Some(list.to_owned()),
        "BETTER_AUTH_SECRET" => legacy.map(str::to_owned),
        "AUTH_SECRET" => auth_secret.map(str::to_owned),
        _ => None,
    };
    match Keyring::from_env_with(env) {
        Ok(keys) => check_no_leak(&format!("{keys:?}"), list, legacy),
        Err(e) => {
            check_error(&e);
            check_no_leak(&format!("{e} {e:?}"), list, legacy);
        }
    }
});
