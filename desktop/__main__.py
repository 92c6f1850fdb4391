"""The app's entry: `python -m desktop`, the `realtime-desktop` command and the bundles."""

from __future__ import annotations

import sys


def main() -> int:
    from desktop import pyside_sources

    # Before the app's own imports, which are most of the modules it will ever load.
    pyside_sources.forget_what_pyside_reads()
    from desktop.app import main as run_app

    return run_app()


if __name__ == "__main__":
    sys.exit(main())
