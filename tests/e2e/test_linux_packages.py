"""What `scripts/package` builds, used the way a user uses it: the frozen bundle runs the
offline echo check through the virtual microphone and speaker and shows its Chinese
window; the Debian package installs, runs from PATH and removes cleanly.

They take minutes (the build comes first): `scripts/test -m "not package"` leaves them out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import desktop
from desktop import appinfo
from desktop.api_facts import RATE
from desktop.history.store import HistoryStore
from tests.e2e.helpers import write_wav
from tests.support.launched_app import CHINESE, ENGLISH, LaunchedApp, private_environment
from tests.support.speech import best_alignment
from tests.support.x_keyboard import XKeyboard

pytestmark = [pytest.mark.package, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
VERSION = desktop.__version__
READY = "Demo ready"
READY_IN_CHINESE = "演示已就绪"


@dataclass(frozen=True)
class LinuxPackages:
    wheel: Path
    sdist: Path
    bundle: Path
    deb: Path

    @property
    def command(self) -> Path:
        return self.bundle / "realtime-desktop"


@pytest.fixture(scope="session")
def packages(tmp_path_factory) -> LinuxPackages:
    """`scripts/package`, as a user runs it (its venv for PyInstaller is kept in build/)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([ROOT / "scripts" / "package", "--out", out], check=True)
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return LinuxPackages(
        wheel=out / f"realtime_desktop-{VERSION}-py3-none-any.whl",
        sdist=out / f"realtime_desktop-{VERSION}.tar.gz",
        bundle=out / "realtime-desktop",
        deb=out / f"realtime-desktop_{VERSION}_{arch}.deb",
    )


def test_scripts_package_builds_the_wheel_sdist_bundle_and_deb(packages):
    with zipfile.ZipFile(packages.wheel) as wheel:
        assert f"desktop/assets/linux/{appinfo.APP_ID}.desktop" in wheel.namelist()
    with tarfile.open(packages.sdist) as sdist:
        sdist_names = sdist.getnames()
    prefix = f"realtime_desktop-{VERSION}"
    assert f"{prefix}/resources/translations/desktop_zh_CN.ts" in sdist_names
    assert f"{prefix}/LICENSE" in sdist_names
    assert not any("/tests/" in name for name in sdist_names)
    assert packages.deb.is_file()

    inside = packages.bundle / "_internal"
    carried = {path.name for path in inside.rglob("*")}
    # PortAudio, the X11 platform plugin and the xcb libraries it needs come along ...
    assert {"libportaudio.so.2", "libqxcb.so", "libxcb-cursor.so.0"} <= carried
    assert (inside / "desktop" / "assets" / "translations" / "desktop_zh_CN.qm").is_file()
    assert (inside / "desktop" / "assets" / "icons" / "realtime-desktop-256.png").is_file()
    assert (inside / "desktop" / "assets" / "sounds" / "turn-started.wav").is_file()
    # ... while ALSA and JACK are the host's, and the GTK theme (and GTK) stay out.
    assert not any(name.startswith(("libasound", "libjack", "libgtk-3")) for name in carried)
    version = subprocess.run(
        [packages.command, "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.strip() == f"realtime-desktop {VERSION}"


def test_the_bundle_exports_a_kept_conversation(packages, tmp_path):
    """SQLite, its full-text index and the export command, inside the frozen bundle."""
    store = HistoryStore(tmp_path / "data" / "realtime-desktop" / "history.sqlite3")
    talk = store.start_conversation("gpt-realtime", "https://api.xiexus.cn")
    store.write_text(talk, "u1", "user", "上海今天天气怎么样？", append=False, final=True)
    store.close()
    exported = subprocess.run(
        [packages.command, "export", "--format", "json"],
        env=private_environment(tmp_path, ENGLISH),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["turns"][0]["text"] == "上海今天天气怎么样？"


def test_the_wheel_in_a_fresh_venv_starts_and_finds_its_files(packages):
    """scripts/package installs the wheel, with its dependencies, into a venv of its own
    (made empty the first time) to freeze it: that install is a user's pip install."""
    venv = ROOT / "build" / "package" / "venv"
    where = subprocess.run(
        [
            venv / "bin" / "python",
            "-c",
            "import desktop, desktop.resources as r;"
            "print(desktop.__file__, r.icon_png(256), r.sound_path('turn-started'),"
            " r.translations_dir() / 'desktop_zh_CN.qm')",
        ],
        cwd=packages.wheel.parent,  # not the clone, whose desktop/ would come first
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(path).is_relative_to(venv) and Path(path).is_file() for path in where)
    command = venv / "bin" / "realtime-desktop"
    version = subprocess.run([command, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"realtime-desktop {VERSION}"


def test_the_bundle_plays_your_voice_back_in_the_demo(packages, tmp_path, speech, speaker_monitor):
    """The offline echo check, end to end: XTest holds the global shortcut, real speech goes
    into the virtual microphone, and the same speech comes out of the virtual speaker."""
    question, _ = speech
    # Followed by 0.4 s of silence, so the last words are through the capture buffers by
    # the time the player is done and the shortcut is let go.
    tail = np.zeros(RATE * 4 // 10, np.int16)
    wav = write_wav(tmp_path / "question.wav", np.concatenate([question, tail]))
    app = LaunchedApp([str(packages.command), "--demo"], tmp_path, ENGLISH)
    keyboard = XKeyboard()
    try:
        app.wait_for_output(READY)
        keyboard.press("ctrl", "alt", "space")
        subprocess.run(["paplay", "-d", "micsink", str(wav)], check=True, timeout=30)
        keyboard.release("ctrl", "alt", "space")
        correlation = 0.0
        deadline = time.monotonic() + len(question) / RATE + 15
        while correlation < 0.9 and time.monotonic() < deadline:
            time.sleep(0.5)  # polling what the speaker monitor has recorded so far
            correlation = best_alignment(question, speaker_monitor.recording()[0])[1]
        assert correlation >= 0.9, (
            f"the bundle's demo did not play the voice back (correlation {correlation:.3f});"
            f" it printed:\n{app.output[-2000:]}"
        )
    finally:
        keyboard.close()
        app.stop()


def _difference(a: np.ndarray, b: np.ndarray) -> float:
    """The share of pixels that differ noticeably between two pictures of the same size."""
    assert a.shape == b.shape, f"the windows differ in size: {a.shape} and {b.shape}"
    return float(np.mean(np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 48))


def test_the_bundle_shows_the_chinese_window_like_the_app_from_source(packages, tmp_path):
    """On a Chinese locale the bundle speaks Chinese, and its window looks as the app from
    the sources does: the same translations, fonts, icons and style, not boxes for glyphs."""
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    pictures = {}
    for name, command in (
        ("bundle", [str(packages.command), "--demo"]),
        ("source", [sys.executable, "-m", "desktop", "--demo"]),
    ):
        app = LaunchedApp(command, tmp_path / name, CHINESE)
        try:
            app.wait_for_output(READY_IN_CHINESE)
            pictures[name] = app.screenshot(shots / f"bundle-zh_CN-{name}.png")
        finally:
            app.stop()  # one at a time: the windows open in the same place
    english = LaunchedApp([str(packages.command), "--demo"], tmp_path / "english", ENGLISH)
    try:
        english.wait_for_output(READY)
        pictures["english"] = english.screenshot(tmp_path / "bundle-en.png")
    finally:
        english.stop()

    assert _difference(pictures["bundle"], pictures["source"]) < 0.005
    # The comparison can tell languages apart: the English window is a different picture.
    assert _difference(pictures["bundle"], pictures["english"]) > 0.01


def _as_root(*command: str | Path) -> subprocess.CompletedProcess[str]:
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    return subprocess.run(
        [*sudo, *map(str, command)],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def _installed(package: str) -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    ).stdout
    return "installed" in status and "not-installed" not in status


def test_the_deb_installs_runs_from_path_and_removes_cleanly(packages):
    if _installed("realtime-desktop"):
        pytest.skip("Realtime Desktop is installed on this machine; the test would replace it")
    files = [
        "/" + line.split(maxsplit=5)[5].removeprefix("./").split(" -> ")[0]
        for line in subprocess.run(
            ["dpkg-deb", "--contents", packages.deb], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        if not line.startswith("d")
    ]
    installed = _as_root("apt-get", "install", "-y", "-q", "--no-install-recommends", packages.deb)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    try:
        command = shutil.which("realtime-desktop", path="/usr/local/bin:/usr/bin:/bin")
        assert command == "/usr/bin/realtime-desktop"
        version = subprocess.run([command, "--version"], capture_output=True, text=True)
        assert version.stdout.strip() == f"realtime-desktop {VERSION}", version.stderr
        entry = f"/usr/share/applications/{appinfo.APP_ID}.desktop"
        subprocess.run(["desktop-file-validate", entry], check=True)
        subprocess.run(
            [
                "appstreamcli",
                "validate",
                "--no-net",
                f"/usr/share/metainfo/{appinfo.APP_ID}.metainfo.xml",
            ],
            check=True,
            capture_output=True,
        )
        icons = Path("/usr/share/icons/hicolor")
        for size in (16, 48, 256):
            assert (icons / f"{size}x{size}" / "apps" / f"{appinfo.APP_ID}.png").is_file()
        assert all(os.path.lexists(path) for path in files)
    finally:
        removed = _as_root("apt-get", "purge", "-y", "-q", "realtime-desktop")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not _installed("realtime-desktop")
    left = [path for path in files if os.path.lexists(path)]
    assert not left, f"removing the package left {left[:5]}"
    assert not Path("/opt/realtime-desktop").exists()
