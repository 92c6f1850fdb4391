"""Time from launch to a visible window, for the frozen bundle and for the wheel installed
in a venv, with warm and with cold file caches.

"Visible" is the moment the X server maps the app's main window (MapNotify on the root
window, read with python-xlib), which is when a user first sees it. Cold runs first evict
the app's own files from the page cache (all of the bundle; for the venv install, the venv
and the Python it was made from): /proc/sys/vm/drop_caches where this machine allows it,
else posix_fadvise(DONTNEED) on every file, which evicts the same files without privileges
but leaves the rest of the system's cache (shared system libraries, fonts) warm.
"""

from __future__ import annotations

import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from Xlib import X, display

from desktop import appinfo
from tests.support.launched_app import ENGLISH, private_environment

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "realtime-desktop" / "realtime-desktop"
PACKAGE_VENV = ROOT / "build" / "package" / "venv"


@dataclass(frozen=True)
class Install:
    name: str
    command: Path
    files: tuple[Path, ...]  # what a cold start has to read from disk


def installs() -> list[Install]:
    """The bundle and the venv install that `scripts/package` builds (built here if not)."""
    venv_command = PACKAGE_VENV / "bin" / appinfo.APP_NAME
    if not (BUNDLE.exists() and venv_command.exists()):
        print("building the packages first (scripts/package)…", flush=True)
        subprocess.run([ROOT / "scripts" / "package"], check=True, stdout=subprocess.DEVNULL)
    base = Path(
        subprocess.run(
            [PACKAGE_VENV / "bin" / "python", "-c", "import sys; print(sys.base_prefix)"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    return [
        Install("bundle (dist/realtime-desktop)", BUNDLE, (BUNDLE.parent,)),
        Install("wheel in a venv", venv_command, (PACKAGE_VENV, base)),
    ]


def evict(folders: tuple[Path, ...]) -> str:
    """Drops the files under `folders` from the page cache; returns how."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return "drop_caches"
    except OSError:
        pass
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                try:
                    fd = os.open(path, os.O_RDONLY)
                except OSError:
                    continue
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)
    return "posix_fadvise"


def seconds_to_window(command: Path, timeout: float = 60.0) -> float:
    """Launch `command`, wait until its main window is mapped, end it; seconds taken."""
    screen = display.Display()
    root = screen.screen().root
    root.change_attributes(event_mask=X.SubstructureNotifyMask)
    screen.sync()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        app = subprocess.Popen(
            [command],
            env=private_environment(Path(folder), ENGLISH),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                left = started + timeout - time.perf_counter()
                if left <= 0 or app.poll() is not None:
                    raise RuntimeError(f"{command} showed no window (exit {app.poll()})")
                if not screen.pending_events():
                    select.select([screen.fileno()], [], [], min(left, 0.1))
                    continue
                event = screen.next_event()
                if event.type == X.MapNotify and window_title(event.window) == appinfo.DISPLAY_NAME:
                    return time.perf_counter() - started
        finally:
            app.terminate()
            app.wait(10)
            screen.close()


def window_title(window: object) -> str | None:
    """The title of an X window, or None (it may be gone already)."""
    try:
        name = window.get_wm_name()  # type: ignore[attr-defined]
    except Exception:  # the window may be gone already
        return None
    return name if isinstance(name, str) else None


def measure(warm_runs: int = 5, cold_runs: int = 3) -> list[str]:
    rows = []
    for install in installs():
        seconds_to_window(install.command)  # once, so that "warm" is warm
        warm = [seconds_to_window(install.command) for _ in range(warm_runs)]
        cold = []
        how = ""
        for _ in range(cold_runs):
            how = evict(install.files)
            cold.append(seconds_to_window(install.command))
        rows.append(
            f"{install.name:34} warm: median {statistics.median(warm) * 1000:6.0f} ms "
            f"(min {min(warm) * 1000:.0f}, max {max(warm) * 1000:.0f}; {warm_runs} runs)   "
            f"cold: median {statistics.median(cold) * 1000:6.0f} ms "
            f"(min {min(cold) * 1000:.0f}, max {max(cold) * 1000:.0f}; {cold_runs} runs, {how})"
        )
    return rows


def main() -> None:
    print("launch → visible window…", flush=True)
    for row in measure():
        print(row)


if __name__ == "__main__":
    sys.exit(main())
