"""This process's memory as Linux counts it: resident now, and the peak since a reset."""

from __future__ import annotations

import gc
from pathlib import Path

_STATUS = Path("/proc/self/status")


def _status_kb(field: str) -> int:
    for line in _STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def resident_mb() -> float:
    gc.collect()
    return _status_kb("VmRSS") / 1024


def peak_mb() -> float:
    return _status_kb("VmHWM") / 1024


def reset_peak() -> None:
    """From now on, VmHWM is the peak of what follows (Linux 4.0+)."""
    Path("/proc/self/clear_refs").write_text("5")
