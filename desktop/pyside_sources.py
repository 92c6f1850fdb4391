"""Imports without PySide6's copy of every module's source.

Once PySide6 is loaded, each Python module imported after it is checked for whether it uses
PySide (for PySide's opt-in `__feature__` switches). The check reads the module's whole
source through `inspect.getsource`, and so leaves it in `linecache` for the life of the
process: about 14 MB for the app's 400 modules, a tenth of what the app holds. Clearing the
cache later frees nothing, because the lines lie scattered among objects that stay. So the
check keeps its answer and the source is dropped as soon as it has been read.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

# Where PySide6 6.x keeps the check (a private module: without it, nothing is changed).
FEATURE_MODULE = "PySide6.support.feature"
CHECK = "_mod_uses_pyside"


def forget_what_pyside_reads() -> bool:
    """Loads PySide6 and wraps its check; True if the check was found (and is wrapped)."""
    import PySide6  # noqa: F401 - loading it puts the check in place

    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, CHECK, None)
    if feature is None or not callable(check):
        return False
    if not getattr(check, "forgets_source", False):
        setattr(feature, CHECK, _forgetting_source(check))
    return True


def _forgetting_source(check: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        filename = getattr(module, "__file__", None)
        if filename is None or filename in linecache.cache:  # a traceback's lines stay
            return check(module)
        try:
            return check(module)
        finally:
            linecache.cache.pop(filename, None)

    uses_pyside.forgets_source = True  # type: ignore[attr-defined]
    return uses_pyside
