"""The Windows bundle is a GUI program, which gets no console of its own (no black window
behind the app). Started from a terminal, it borrows that terminal, so that `--version`,
`--help` and the demo's messages appear there; started from the Start menu, it stays quiet."""

from __future__ import annotations

import sys

if sys.platform == "win32":
    import ctypes

    ATTACH_PARENT_PROCESS = -1

    def borrow_parent_console() -> None:
        if sys.stdout is not None:
            return  # a console program, or output redirected to a file or pipe
        if not ctypes.windll.kernel32.AttachConsole(ATTACH_PARENT_PROCESS):
            return  # not started from a terminal
        # Open for the rest of the process, as a console program's standard streams are.
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115

else:

    def borrow_parent_console() -> None:
        """Elsewhere a GUI program started from a terminal writes to it already."""
