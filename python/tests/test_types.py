"""The typing of the package: the stub of the extension module matches the runtime
(mypy's stubtest), the package and a typical application type-check with
`mypy --strict` (tests/typing/usage.py narrows results with `if result:` and
`if result.valid:`), and the Literal types list exactly the library's kinds."""

import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

import session_cache
from conftest import ROOT

mypy = pytest.importorskip("mypy", reason="mypy is one of the test dependencies")
CACHE = ROOT / "target" / "mypy-cache"


def run(*args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=Path(__file__).parent.parent.parent
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_literals_match_the_library() -> None:
    assert get_args(session_cache.ErrorKind) == session_cache.ERROR_KINDS
    assert get_args(session_cache.Strategy) == session_cache.STRATEGIES


def test_stub_matches_runtime() -> None:
    run("mypy.stubtest", "session_cache._native", "--mypy-config-file", "/dev/null")


def test_package_and_usage_type_check_strictly() -> None:
    usage = Path(__file__).parent / "typing" / "usage.py"
    run("mypy", "--strict", "--cache-dir", str(CACHE), "-p", "session_cache")
    run("mypy", "--strict", "--cache-dir", str(CACHE), str(usage))
