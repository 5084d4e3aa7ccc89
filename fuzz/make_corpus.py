#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target (fuzz/corpus/<target>/) from the vectors
Better Auth made (vectors/*.json), in each target's input format (see fuzz/src/lib.rs).

    python3 fuzz/make_corpus.py        # from anywhere; rewrites fuzz/corpus/

Deterministic: the same vectors give the same files. Seeds are named by the SHA-1 of
their contents (as libFuzzer names the inputs it adds); at most MAX_SEEDS per target and
none over MAX_BYTES, so the checked-in corpus stays small.
"""

import hashlib
import json
import os
import shutil
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")
MAX_SEEDS = 120
MAX_BYTES = 12_000


def load(path):
    with open(os.path.join(ROOT, "vectors", path), encoding="utf-8") as f:
        return json.load(f)


def keys_line(keys):
    """The keys line of a vector's keys ({secret} or {secrets, legacySecret})."""
    if "secrets" in keys and keys["secrets"]:
        line = ",".join(f"{s['version']}:{s['value']}" for s in keys["secrets"])
        if keys.get("legacySecret"):
            line += "|" + keys["legacySecret"]
        return line
    return keys.get("secret") or ""


def spread(items, n):
    """At most n of items, spread over the whole list (vectors are grouped by kind)."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def write(target, seeds):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    kept = []
    seen = set()
    for seed in seeds:
        data = seed.encode("utf-8", "surrogatepass") if isinstance(seed, str) else seed
        if len(data) > MAX_BYTES or data in seen:
            continue
        seen.add(data)
        kept.append(data)
    for data in spread(kept, MAX_SEEDS):
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    return min(len(kept), MAX_SEEDS)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    cache = load("cookie-cache.json")["vectors"]
    sessions = load("sessions/cases.json")["cases"]
    cookies = load("cookies/cases.json")
    json_cases = load("json/cases.json")
    dates = load("json/dates.json")
    counts = {}

    for strategy in ["compact", "jwt", "jwe"]:
        seeds = [
            f"{keys_line(v['keys'])}\n{v['now']}\n{v['value']}"
            for v in cache
            if v["strategy"] == strategy
        ]
        counts[f"decode_{strategy}"] = write(f"decode_{strategy}", seeds)

    # Payload texts with the JOSE time claims, so that jwt and jwe accept them too.
    forged = []
    for v in cache:
        text = v.get("payloadJson")
        if not text or not text.rstrip().endswith("}") or v["now"] is None:
            continue
        iat = v["now"] // 1000
        claims = text.rstrip()[:-1] + f',"iat":{iat},"exp":{iat + 300}}}'
        forged.append(f"{keys_line(v['keys'])}\n{v['now']} {v['now'] + 300000}\n\n{claims}")
    forged.append(
        'k\n- -\n{"alg":"HS256","crit":["b64"],"b64":true}\n{"exp":1,"session":{}}'
    )
    forged.append('k\n- -\n{"alg":"dir","enc":"A256CBC-HS512","zip":"DEF"}\n{}')
    counts["forged_claims"] = write("forged_claims", forged)

    headers = [c["header"] for c in cookies["parse"]]
    headers += [c["cookieHeader"] for c in sessions if c.get("cookieHeader")]
    counts["cookie_header"] = write("cookie_header", headers)

    session_seeds = []
    for c in sessions:
        cfg = c["config"]
        if not c.get("cookieHeader"):
            continue
        keys = keys_line(cfg)
        spelling = "secure" if cfg.get("secure") else "-"
        prefix = cfg.get("cookiePrefix") or "-"
        version = cfg.get("version") or "-"
        session_seeds.append(
            f"{keys}\n{c['now']} {cfg['strategy']} {spelling} {prefix} {version}\n{c['cookieHeader']}"
        )
    counts["check_session"] = write("check_session", session_seeds)

    # Public-key sessions: each vector's key set on one line, then its token and, for a
    # session cache, its whole Cookie header.
    jwks_cases = load("jwks/cases.json")
    jwks_seeds = []
    for v in jwks_cases["vectors"]:
        key_set = jwks_cases["keySets"].get(v.get("keySet"), {})
        public = key_set.get("jwks") or key_set.get("publicJwks")
        if public is None or not v.get("value"):
            continue
        line = json.dumps(public, separators=(",", ":"))
        now = v.get("now") or "-"
        jwks_seeds.append(f"{now}\n{line}\n{v['value']}")
        if v.get("cookieHeader"):
            jwks_seeds.append(f"{now}\n{line}\n{v['cookieHeader']}")
    counts["jwks"] = write("jwks", jwks_seeds)

    counts["json_roundtrip"] = write("json_roundtrip", [c["input"] for c in json_cases])

    secret_seeds = [
        "2:new-secret-value,1:old-secret-value\nlegacy-secret-value\n",
        " 2: new , 1:old\nlegacy",
        "x:bad",
        "2:a,2:b",
        "1:",
        "",
        "\nonly-legacy\nauth-secret",
        "4294967296:overflow",
        "007:leading-zeros,+1:sign",
    ]
    for c in cookies["rotation"]:
        secret_seeds.append(keys_line({"secrets": c["secrets"]}))
    counts["secrets"] = write("secrets", secret_seeds)

    signed = []
    names = cookies["secrets"]
    for c in cookies["verify"]:
        secret = names.get(c.get("secret"), c.get("secret"))
        if secret and c.get("parsed_value") is not None:
            signed.append(f"{secret}\n-\n{c['parsed_value']}")
    for c in sessions:
        header = c.get("cookieHeader") or ""
        for part in header.split("; "):
            name, _, value = part.partition("=")
            if name.endswith("session_token"):
                signed.append(f"{keys_line(c['config'])}\n-\n{urllib.parse.unquote(value)}")
    counts["signed_token"] = write("signed_token", signed)

    date_seeds = [d["input"] for d in dates["parse"]] + [d["iso"] for d in dates["format"] if d["iso"]]
    counts["jsdate"] = write("jsdate", date_seeds)

    for target, n in sorted(counts.items()):
        print(f"{target:16} {n:4} seeds")


if __name__ == "__main__":
    main()
