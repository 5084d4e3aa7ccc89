"""Shared by the Python tests: where the repository's vectors are, and how to run its
Node scripts (the real Better Auth 1.7.24 in vectors/node_modules, `cd vectors && npm ci`).

The tests import `session_cache` from the installed wheel, never from the source tree
(tests/test_package.py checks it). Set SESSION_CACHE_SKIP_NODE=1 to skip the live
Better Auth tests on a machine without Node.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "vectors"


def load_json(relative: str) -> Any:
    with open(VECTORS / relative, encoding="utf-8") as f:
        return json.load(f)


def node_skipped() -> bool:
    return bool(os.environ.get("SESSION_CACHE_SKIP_NODE"))


def run_node(script: str, payload: Any, timeout: float = 300) -> Any:
    """Runs `node <script>` (relative to the repository) in vectors/ with `payload` as
    JSON on stdin; returns the last JSON line it prints."""
    if node_skipped():
        pytest.skip("SESSION_CACHE_SKIP_NODE is set")
    proc = subprocess.run(
        ["node", str(ROOT / script)],
        cwd=VECTORS,
        input=json.dumps(payload).encode(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, (
        f"{script} failed (did you run `npm ci` in vectors/?):\n{proc.stderr.decode(errors='replace')[-3000:]}"
    )
    lines = [line for line in proc.stdout.decode().split("\n") if line.startswith("{")]
    assert lines, f"{script} printed no JSON"
    return json.loads(lines[-1])


def session_config(config: dict) -> dict:
    """`Verifier` options of a case config of vectors/sessions/cases.json."""
    if config.get("secrets"):
        keys: dict = {"secrets": [(s["version"], s["value"]) for s in config["secrets"]]}
        if config.get("legacySecret"):
            keys["secret"] = config["legacySecret"]
    else:
        keys = {"secret": config["secret"]}
    options = dict(
        keys,
        strategy=config["strategy"],
        secure=config["secure"],
        fresh_age=config["freshAge"],
    )
    if config.get("version") is not None:
        options["version"] = config["version"]
    if config.get("cookiePrefix") is not None:
        options["cookie_prefix"] = config["cookiePrefix"]
    if config.get("updateAge") is not None:
        options["update_age"] = config["updateAge"]
    if config.get("maxAge") is not None:
        options["max_age"] = config["maxAge"]
    return options
