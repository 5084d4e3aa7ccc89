//! The compact JWS both token kinds share: splitting, the protected header, the key
//! selection, then `jose`'s own order — `crit`, the one allowed algorithm, the
//! signature — and the claims set.

use crate::b64;
use crate::error::{Error, ErrorKind, Result};
use crate::json::{Object, Value};
use crate::strategy::jwt::crit_is_harmless;
use crate::strategy::{decode_json_part, split_parts};

use super::{Jwks, Selected};

/// A compact JWS split into its parts, its header decoded.
pub(crate) struct Parts<'a> {
    pub(crate) header: Object,
    claims_b64: &'a str,
    signature_b64: &'a str,
    signing_input: &'a [u8],
}

/// Splits `value` into three parts and decodes the protected header (a JSON object,
/// strict base64url): [`ErrorKind::Malformed`] otherwise.
pub(crate) fn split(value: &str) -> Result<Parts<'_>> {
    let [header_b64, claims_b64, signature_b64] = split_parts::<3>(value)?;
    let header = decode_json_part(header_b64, "the JWT header")?;
    Ok(Parts {
        header,
        claims_b64,
        signature_b64,
        signing_input: &value.as_bytes()[..header_b64.len() + 1 + claims_b64.len()],
    })
}

/// The largest signature of the five algorithms: RSA with the largest modulus.
const MAX_SIGNATURE_LEN: usize = crate::defaults::RSA_MAX_BITS / 8;

/// Selects the key (see [`Jwks::select`]), then checks as `jose.jwtVerify` does with
/// `algorithms: [alg]`: `crit` ([`ErrorKind::UnsupportedAlgorithm`]), the header's
/// `alg` is the selected one ([`ErrorKind::UnsupportedAlgorithm`]), the signature
/// ([`ErrorKind::BadSignature`]); then decodes the claims set (a JSON object, UTF-8:
/// [`ErrorKind::Malformed`]).
pub(crate) fn verify<'j>(parts: &Parts<'_>, jwks: &'j Jwks) -> Result<(Selected<'j>, Object)> {
    let selected = jwks.select(&parts.header)?;
    if !crit_is_harmless(&parts.header) {
        return Err(Error::new(
            ErrorKind::UnsupportedAlgorithm,
            "JWT \"crit\" headers other than a true \"b64\" are not supported",
        ));
    }
    match parts.header.get("alg").and_then(Value::as_str) {
        Some(alg) if alg == selected.alg_name => {}
        _ => {
            return Err(Error::new(
                ErrorKind::UnsupportedAlgorithm,
                format!(
                    "the JWT's algorithm is not {}, the only one its key allows",
                    selected.alg_name
                ),
            ))
        }
    }
    let bad = || {
        Error::new(
            ErrorKind::BadSignature,
            "the JWT signature does not verify with its JWKS key",
        )
    };
    if parts.signature_b64.len() > MAX_SIGNATURE_LEN.div_ceil(3) * 4 {
        return Err(bad());
    }
    let signature = b64::url_decode(parts.signature_b64, "the JWT signature").map_err(|_| bad())?;
    if !selected
        .key
        .verify(selected.algorithm, parts.signing_input, &signature)
    {
        return Err(bad());
    }
    let claims = decode_json_part(parts.claims_b64, "the JWT claims")?;
    Ok((selected, claims))
}

/// Writes a compact JWS: `header` and `claims` (JSON texts) signed with `key`.
pub(crate) fn sign(header: &[u8], claims: &[u8], key: &super::SigningKey) -> Result<String> {
    let mut out = String::with_capacity((header.len() + claims.len()) * 4 / 3 + 400);
    b64::url_encode_into(header, &mut out);
    out.push('.');
    b64::url_encode_into(claims, &mut out);
    let signature = key.sign_bytes(out.as_bytes())?;
    out.push('.');
    b64::url_encode_into(&signature, &mut out);
    Ok(out)
}
