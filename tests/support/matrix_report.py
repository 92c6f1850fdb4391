"""Collects the relay matrix's outcomes so the test run can print them as a table."""

from __future__ import annotations

RESULTS: dict[tuple[str, str], str] = {}


def table() -> list[str]:
    if not RESULTS:
        return []
    profiles = list(dict.fromkeys(p for p, _ in RESULTS))
    scenarios = list(dict.fromkeys(s for _, s in RESULTS))
    width = max(len(p) for p in profiles) + 2
    lines = ["relay profile".ljust(width) + " | ".join(s.center(12) for s in scenarios)]
    for profile in profiles:
        cells = [RESULTS.get((profile, s), "-").center(12) for s in scenarios]
        lines.append(profile.ljust(width) + " | ".join(cells))
    return lines
