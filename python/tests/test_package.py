"""What was installed: the wheel, not the source tree; one abi3 extension for every
CPython ≥ 3.9; the stubs and the py.typed marker; the extras' modules importable."""

import importlib
import importlib.metadata
import sysconfig
from pathlib import Path

import session_cache
from session_cache import _native


def test_imported_from_the_installed_wheel() -> None:
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    here = Path(session_cache.__file__).resolve()
    assert site in here.parents, f"session_cache imported from {here}, not from {site}"
    assert Path(_native.__file__).resolve().parent == here.parent


def test_abi3_extension_stubs_and_marker() -> None:
    package = Path(session_cache.__file__).parent
    assert Path(_native.__file__).name == "_native.abi3.so"
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()
    dist = importlib.metadata.distribution("session-cache")
    assert dist.version == session_cache.__version__
    assert dist.metadata["Requires-Python"] == ">=3.9"
    wheel = dist.read_text("WHEEL") or ""
    assert "Tag: cp39-abi3-" in wheel, wheel
    extras = dist.metadata.get_all("Provides-Extra") or []
    assert {"fastapi", "starlette", "django"} <= set(extras)


def test_integrations_import() -> None:
    for name in ("session_cache.fastapi", "session_cache.starlette", "session_cache.django"):
        importlib.import_module(name)
