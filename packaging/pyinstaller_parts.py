"""The steps every platform's spec shares: analyse the installed app, leave out what
freeze.py says, and collect the one-folder bundle. Imported by the `.spec` files, which
PyInstaller runs with this folder on the import path."""

from __future__ import annotations

from typing import Any

import freeze
from PyInstaller.building.api import COLLECT, EXE, PYZ
from PyInstaller.building.build_main import Analysis
from PyInstaller.compat import is_linux
from PyInstaller.depend.bindepend import get_imports
from PyInstaller.utils.hooks import (
    collect_data_files,
    copy_metadata,
)


def analyse() -> Any:
    analysis = Analysis(
        [freeze.entry_script()],
        # The icons, translations and menu entry, and the licence (in the metadata).
        datas=collect_data_files("desktop.assets") + copy_metadata("realtime-desktop"),
        hiddenimports=freeze.HIDDEN_IMPORTS,
        excludes=freeze.EXCLUDED_MODULES,
    )
    kept = [entry for entry in analysis.binaries if freeze.keeps(entry[0])]
    if is_linux:  # elsewhere the plugins left out bring no libraries of their own
        kept = freeze.without_unlinked_libraries(
            kept, lambda source: [name for name, _ in get_imports(source)]
        )
    analysis.binaries = kept
    analysis.datas = [entry for entry in analysis.datas if freeze.keeps(entry[0])]
    return analysis


def collect(analysis: Any, *, console: bool, **executable_options: Any) -> Any:
    """The bundle folder, dist/realtime-desktop/, with the executable of that name."""
    executable = EXE(
        PYZ(analysis.pure),
        analysis.scripts,
        exclude_binaries=True,
        name=freeze.BUNDLE_NAME,
        console=console,
        # PyInstaller's strip breaks libraries that wheels repair with patchelf (NumPy's
        # OpenBLAS); scripts/package strips the others itself.
        strip=False,
        upx=False,
        **executable_options,
    )
    return COLLECT(
        executable,
        analysis.binaries,
        analysis.datas,
        name=freeze.BUNDLE_NAME,
        strip=False,
        upx=False,
    )
