"""Modules imported after PySide6 leave no copy of their source behind, and PySide's check
of which modules use it still gives the answers it gave before."""

from __future__ import annotations

import linecache
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import pyside_sources


@pytest.fixture
def modules_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "probe_using_qt.py").write_text("import PySide6.QtCore\n\nVALUE = 1\n")
    (tmp_path / "probe_plain.py").write_text("def fail():\n    raise ValueError('plain')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("probe_using_qt", "probe_plain"):
        sys.modules.pop(name, None)


def test_an_imported_module_leaves_no_source_in_the_line_cache(modules_on_disk: Path) -> None:
    assert pyside_sources.forget_what_pyside_reads()
    assert pyside_sources.forget_what_pyside_reads()  # a second call wraps nothing twice

    # As an import statement does: through the import PySide6 installed (importlib's
    # functions go around it).
    __import__("probe_using_qt")
    __import__("probe_plain")

    assert str(modules_on_disk / "probe_using_qt.py") not in linecache.cache
    assert str(modules_on_disk / "probe_plain.py") not in linecache.cache
    feature = sys.modules[pyside_sources.FEATURE_MODULE]
    assert feature.pyside_feature_dict["probe_using_qt"] == 0  # uses PySide
    assert feature.pyside_feature_dict["probe_plain"] == -1  # does not


def test_a_traceback_still_shows_the_lines_of_such_a_module(modules_on_disk: Path) -> None:
    pyside_sources.forget_what_pyside_reads()
    plain = __import__("probe_plain")

    with pytest.raises(ValueError) as raised:
        plain.fail()

    assert "raise ValueError('plain')" in "".join(traceback.format_tb(raised.value.__traceback__))


def test_without_the_check_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    feature = sys.modules[pyside_sources.FEATURE_MODULE]
    monkeypatch.delattr(feature, pyside_sources.CHECK)

    assert not pyside_sources.forget_what_pyside_reads()
    assert not hasattr(feature, pyside_sources.CHECK)
