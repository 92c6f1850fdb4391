"""The Debian package: the one-folder bundle under /opt/realtime-desktop, the command in
/usr/bin, the menu entry, the hicolor icons and the AppStream metainfo.

It depends on exactly the libraries that the bundle links against but does not carry (the
C library, OpenGL, Wayland, ALSA, JACK, fontconfig): each is looked up in the build
machine's package database, the way `dpkg-shlibdeps` does for a package built from source.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import freeze

PACKAGE = freeze.BUNDLE_NAME
INSTALL_DIR = Path("opt") / PACKAGE
MAINTAINER = "Realtime Desktop developers <realtime-desktop@users.noreply.github.com>"
HOMEPAGE = "https://github.com/realtime-desktop/realtime-desktop"
SUMMARY = "Spoken conversations with OpenAI Realtime models"
DESCRIPTION = """\
 Hold Space or the Talk button, speak, let go, and hear the answer while its
 transcript streams in. Works with any OpenAI-compatible relay that serves the
 Realtime WebSocket endpoint, and with api.openai.com. The API key stays in the
 system keyring."""
# Not needed to start, but without a Secret Service the key is kept for one run only.
RECOMMENDS = "gnome-keyring | kwalletmanager | keepassxc"

# The C library's parts all come from one package, whose version the symbols decide.
_C_LIBRARY = re.compile(r"(ld-linux.*|lib(c|m|dl|pthread|rt|resolv|util)\.so\..*)")
# Virtual packages that other implementations provide as well (JACK 1, PipeWire's JACK).
_ALTERNATIVES = {"libjack-jackd2-0": "libjack-jackd2-0 | libjack-0.125"}


def _output(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _needed(files: list[Path]) -> set[str]:
    dump = _output("objdump", "-p", *map(str, files))
    return set(re.findall(r"^\s+NEEDED\s+(\S+)$", dump, re.MULTILINE))


def _glibc_version(files: list[Path]) -> str:
    """The newest C library symbol version the bundle uses: the oldest system it runs on."""
    dump = _output("objdump", "-T", *map(str, files))
    versions = {tuple(map(int, v.split("."))) for v in re.findall(r"GLIBC_(\d+\.\d+)", dump)}
    return ".".join(map(str, max(versions)))


def _owner(library: str, multiarch: str) -> str:
    """The installed package that holds `library` (a file name such as libasound.so.2)."""
    for folder in (f"/lib/{multiarch}", f"/usr/lib/{multiarch}", "/lib", "/usr/lib"):
        candidate = Path(folder) / library
        if candidate.exists():
            found = subprocess.run(
                ["dpkg-query", "-S", str(candidate)], capture_output=True, text=True
            )
            if found.returncode == 0:
                package = found.stdout.split(":", 1)[0]
                return _ALTERNATIVES.get(package, package)
    raise SystemExit(f"the bundle needs {library}, which no installed package holds")


def depends(bundle: Path) -> str:
    files = _elf_files(bundle)
    carried = {path.name for path in bundle.rglob("*")}
    missing = _needed(files) - carried
    multiarch = _output("dpkg-architecture", "-qDEB_HOST_MULTIARCH").strip()
    host = {_owner(name, multiarch) for name in missing if not _C_LIBRARY.fullmatch(name)}
    return ", ".join([f"libc6 (>= {_glibc_version(files)})", *sorted(host)])


def _installed_size_kib(root: Path) -> int:
    files = [path for path in root.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files) // 1024 + 1


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _stage(bundle: Path, root: Path) -> None:
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    command = root / "usr" / "bin" / PACKAGE
    command.parent.mkdir(parents=True)
    command.symlink_to(Path("/") / INSTALL_DIR / PACKAGE)
    assets = bundle / "_internal" / "desktop" / "assets"
    share = root / "usr" / "share"
    app_id = freeze.BUNDLE_ID
    _copy(assets / "linux" / f"{app_id}.desktop", share / "applications" / f"{app_id}.desktop")
    _copy(
        assets / "linux" / f"{app_id}.metainfo.xml", share / "metainfo" / f"{app_id}.metainfo.xml"
    )
    icons = share / "icons" / "hicolor"
    for png in (assets / "icons").glob(f"{PACKAGE}-*.png"):
        size = png.stem.rsplit("-", 1)[1]
        _copy(png, icons / f"{size}x{size}" / "apps" / f"{app_id}.png")
    _copy(assets / "icons" / f"{PACKAGE}.svg", icons / "scalable" / "apps" / f"{app_id}.svg")
    doc = share / "doc" / PACKAGE
    (licence,) = (bundle / "_internal").glob("realtime_desktop-*.dist-info/licenses/LICENSE")
    _copy(licence, doc / "copyright")


def control(version: str, architecture: str, depends: str, installed_kib: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {architecture}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends}\n"
        f"Recommends: {RECOMMENDS}\n"
        "Section: sound\n"
        "Priority: optional\n"
        f"Homepage: {HOMEPAGE}\n"
        f"Description: {SUMMARY}\n"
        f"{DESCRIPTION}\n"
    )


def build(bundle: Path, work: Path, out: Path) -> Path:
    """Stages the package's files under `work` and writes the .deb into `out`."""
    version = _output(str(bundle / PACKAGE), "--version").split()[-1]
    architecture = _output("dpkg", "--print-architecture").strip()
    shutil.rmtree(work, ignore_errors=True)
    root = work / "root"
    _stage(bundle, root)
    (root / "DEBIAN").mkdir()
    text = control(version, architecture, depends(bundle), _installed_size_kib(root))
    (root / "DEBIAN" / "control").write_text(text, encoding="utf-8")
    deb = out / f"{PACKAGE}_{version}_{architecture}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb
