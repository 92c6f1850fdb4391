"""The app as a user starts it: its own process (a frozen bundle, an installed command or
`python -m desktop`) on the private X server, with folders of its own, a language, what it
prints, and a picture of its window."""

from __future__ import annotations

import os
import re
import selectors
import subprocess
import time
from pathlib import Path

import numpy as np
from PIL import Image

from desktop import appinfo

CHINESE = {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}
ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "LANGUAGE": "en_US"}


def private_environment(folder: Path, language: dict[str, str]) -> dict[str, str]:
    """Settings, logs, the instance socket and the menu entry in `folder`, not the user's."""
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    return {
        **os.environ,
        **language,
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }


def end_process(process: subprocess.Popen[bytes]) -> None:
    """Asks it to quit; kills it if it has not within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class LaunchedApp:
    """One run of the app; `stop()` ends it (also when a test fails half-way)."""

    def __init__(self, command: list[str], folder: Path, language: dict[str, str]) -> None:
        self.command = command
        self.process = subprocess.Popen(
            command,
            env=private_environment(folder, language),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        assert self.process.stdout is not None
        os.set_blocking(self.process.stdout.fileno(), False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stdout, selectors.EVENT_READ)
        self.output = ""

    def wait_for_output(self, pattern: str, timeout: float = 30.0) -> str:
        """The first line printed that matches `pattern`, waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while (found := re.search(pattern, self.output)) is None:
            left = deadline - time.monotonic()
            if left <= 0 or (self.process.poll() is not None and not self._read(0)):
                raise AssertionError(
                    f"{self.command[0]} did not print {pattern!r} in {timeout} s "
                    f"(exit code {self.process.poll()}); it printed:\n{self.output[-3000:]}"
                )
            self._read(min(left, 0.2))
        line_start = self.output.rfind("\n", 0, found.start()) + 1
        line_end = self.output.find("\n", found.end())
        return self.output[line_start : line_end if line_end >= 0 else None]

    def _read(self, timeout: float) -> bool:
        assert self.process.stdout is not None
        if not self._selector.select(timeout):
            return False
        chunk = self.process.stdout.read()
        if chunk:
            self.output += chunk.decode("utf-8", "replace")
        return bool(chunk)

    def window_id(self) -> str:
        """The X id of the app's main window (the largest one with its title)."""
        tree = subprocess.run(
            ["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=True
        ).stdout
        windows = re.findall(
            rf'^\s+(0x[0-9a-f]+) "{re.escape(appinfo.DISPLAY_NAME)}":.*?\s(\d+)x(\d+)\+',
            tree,
            re.MULTILINE,
        )
        if not windows:
            raise AssertionError(f"no window titled {appinfo.DISPLAY_NAME!r} on the screen")
        return max(windows, key=lambda w: int(w[1]) * int(w[2]))[0]

    def screenshot(self, path: Path, settle_s: float = 10.0) -> np.ndarray:
        """The window as the X server shows it, once two pictures in a row agree (painting
        has settled); saved to `path` and returned as RGB pixels."""
        deadline = time.monotonic() + settle_s
        previous = None
        while True:
            subprocess.run(["import", "-window", self.window_id(), str(path)], check=True)
            with Image.open(path) as image:
                pixels = np.asarray(image.convert("RGB"))
            settled = previous is not None and np.array_equal(previous, pixels)
            if settled or time.monotonic() > deadline:
                return pixels
            previous = pixels
            time.sleep(0.3)  # polling until the window stops changing

    def stop(self) -> None:
        end_process(self.process)
        self._read(0)
        self._selector.close()
        if self.process.stdout is not None:
            self.process.stdout.close()
