"""Builds the Linux artefacts (run by scripts/package): the wheel and sdist, the one-folder
bundle, and the Debian package, each with its size and the time it took.

    python packaging/make_packages.py [--out dist] [--work build/package]

The bundle is made from the built wheel, installed with its dependencies into a virtual
environment of its own under the work folder, so it holds what a user's install holds and
nothing of the development tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import debian_package  # noqa: E402
import freeze  # noqa: E402

BUILD_TOOLS = ("pyinstaller>=6.10",)
# PyInstaller's strip breaks the libraries that wheels repair with patchelf (NumPy's
# OpenBLAS: "ELF load command address/offset not page-aligned"); those are left alone.
_NOT_STRIPPED = (".libs",)


@contextmanager
def step(name: str) -> Iterator[None]:
    started = time.monotonic()
    print(f"== {name}", flush=True)
    yield
    print(f"   {name}: {time.monotonic() - started:.1f} s", flush=True)


def run(*command: str | Path, cwd: Path | None = None) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)


def build_wheel_and_sdist(out: Path) -> Path:
    """The sdist first, then the wheel from it: the wheel holds only what the sdist does."""
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT)
    (wheel,) = out.glob("realtime_desktop-*.whl")
    return wheel


def bundle_python(work: Path, wheel: Path) -> Path:
    """A virtual environment with the app (from its wheel), its dependencies and PyInstaller."""
    venv = work / "venv"
    if not (venv / "bin" / "python").exists():
        run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    pip = (python, "-m", "pip", "--quiet", "--disable-pip-version-check")
    run(*pip, "install", *BUILD_TOOLS)
    run(*pip, "install", "--force-reinstall", "--no-deps", wheel)
    run(*pip, "install", wheel)  # its dependencies, where they are missing
    return python


def freeze_bundle(python: Path, work: Path, out: Path) -> Path:
    run(
        python,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        out,
        "--workpath",
        work / "pyinstaller",
        HERE / "linux.spec",
        cwd=work,  # not the clone, whose desktop/ would shadow the installed wheel
    )
    bundle = out / freeze.BUNDLE_NAME
    _strip(bundle)
    return bundle


def _strip(bundle: Path) -> None:
    """Debug symbols out of the shared libraries (libpython alone carries 18 MB of them)."""
    for path in bundle.rglob("*.so*"):
        if path.is_symlink() or any(part.endswith(_NOT_STRIPPED) for part in path.parts):
            continue
        subprocess.run(["strip", "--strip-unneeded", str(path)], check=False)


def size_mib(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files if not p.is_symlink()) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "package")
    args = parser.parse_args(argv)
    out, work = args.out.resolve(), args.work.resolve()
    for old in (*out.glob("realtime_desktop-*"), *out.glob("realtime-desktop_*.deb")):
        old.unlink()
    shutil.rmtree(out / freeze.BUNDLE_NAME, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with step("wheel and sdist"):
        wheel = build_wheel_and_sdist(out)
    with step("bundle"):
        bundle = freeze_bundle(bundle_python(work, wheel), work, out)
    with step("Debian package"):
        deb = debian_package.build(bundle, work / "deb", out)
    print(f"== built in {time.monotonic() - started:.0f} s")
    for artefact in (wheel, *out.glob("realtime_desktop-*.tar.gz"), bundle, deb):
        print(f"   {size_mib(artefact):7.1f} MiB  {artefact}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
