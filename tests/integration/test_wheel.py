"""The wheel is the app: installed somewhere else, it starts and finds its icons and
translations there (not in this clone)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import desktop

ROOT = Path(__file__).resolve().parents[2]
# Only what the wheel is built from (the tests hold the canary key, which must stay put).
_NOT_SOURCES = (".*", "build", "dist", "*.egg-info", "__pycache__", "screenshots", "tests", "bench")
PIP = (sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check")


def _build_wheel(folder: Path) -> Path:
    # From a copy: a build in the clone would leave build/ behind, and reuse it next time.
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*_NOT_SOURCES))
    subprocess.run(
        [
            *PIP,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = folder.glob("realtime_desktop-*.whl")
    return wheel


def test_the_installed_wheel_starts_and_finds_its_files(tmp_path):
    wheel = _build_wheel(tmp_path / "wheel")
    names = zipfile.ZipFile(wheel).namelist()
    assert "desktop/assets/icons/realtime-desktop-256.png" in names
    assert "desktop/assets/translations/desktop_zh_CN.qm" in names
    assert "desktop/assets/sounds/turn-ended.wav" in names
    assert any(name.endswith("licenses/LICENSE") for name in names)
    assert not any(name.startswith(("tests/", "bench/")) for name in names)

    site = tmp_path / "site"
    subprocess.run(
        [*PIP, "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    # The installed copy comes first on the path; the app's dependencies come from here.
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import desktop, desktop.resources as r;"
            "print(desktop.__file__); print(r.icon_png(256)); print(r.translations_dir())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(path).is_relative_to(site) for path in where), where
    assert Path(where[1]).is_file() and (Path(where[2]) / "desktop_zh_CN.qm").is_file()
    version = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == f"realtime-desktop {desktop.__version__}"
