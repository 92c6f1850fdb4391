"""mypy only ever gets stricter: the app's own code is checked strictly, and the list of
packages allowed less is not allowed to grow."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"
# Tests and benchmarks are checked at mypy's defaults (plus function bodies) until they
# are annotated throughout; shrink this set as they become strict, never grow it.
LOOSER = {"tests.*", "bench.*"}
UNTYPED_LIBRARIES = {"soxr", "soundfile", "jeepney", "jeepney.*", "PyInstaller.*"}
STRICT_FLAGS = {
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "disallow_untyped_calls",
    "disallow_untyped_decorators",
    "disallow_any_generics",
    "warn_return_any",
    "warn_unreachable",
    "strict_equality",
}


def _config() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["mypy"]


def _modules(override: dict) -> set[str]:
    module = override["module"]
    return {module} if isinstance(module, str) else set(module)


def test_the_whole_tree_is_checked_strictly_by_default():
    config = _config()
    assert config["strict"] is True
    assert {"desktop", "tests", "bench"} <= set(config["files"])


def test_only_the_known_packages_are_checked_less_strictly():
    for override in _config().get("overrides", []):
        modules = _modules(override)
        loosened = {flag for flag in STRICT_FLAGS if override.get(flag) is False}
        if loosened or override.get("disable_error_code") or override.get("ignore_errors"):
            assert modules <= LOOSER, f"{sorted(modules)} may not be checked less strictly"
        if override.get("ignore_missing_imports"):
            assert modules <= UNTYPED_LIBRARIES, f"{sorted(modules)} ship types: check them"
        assert not override.get("ignore_errors"), "no module is exempt from type checking"
