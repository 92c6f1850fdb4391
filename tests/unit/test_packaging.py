"""What gets installed names the same app, command, icon and version as the code, and
passes the freedesktop validators."""

import configparser
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

import desktop
from desktop import appinfo
from desktop.resources import ICON_SIZES, icon_path, icon_png, translations_dir

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "resources" / "linux"
DESKTOP_ENTRY = LINUX / f"{appinfo.APP_ID}.desktop"
METAINFO = LINUX / f"{appinfo.APP_ID}.metainfo.xml"


def test_desktop_entry_launches_the_command_with_the_app_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keep the keys' case
    entry.read(LINUX / f"{appinfo.APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == appinfo.APP_NAME
    assert section["Icon"] == appinfo.APP_ID
    assert section["Name"] == appinfo.DISPLAY_NAME


def test_metainfo_points_at_the_desktop_entry():
    root = ET.parse(LINUX / f"{appinfo.APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == appinfo.APP_ID
    assert root.findtext("launchable") == f"{appinfo.APP_ID}.desktop"


def test_the_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_ENTRY)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("provides/binary") == appinfo.APP_NAME
    assert root.find("developer/name") is not None
    assert root.find("url[@type='homepage']") is not None


def test_the_version_is_written_once_and_the_metainfo_announces_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases[0].get("version") == desktop.__version__


def test_every_package_under_desktop_is_installed():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "desktop").rglob("__init__.py")
    }
    assert on_disk <= set(setuptools["packages"])
    assert setuptools["package-dir"]["desktop.assets"] == "resources"


def test_the_licence_the_metadata_names_is_there():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert ET.parse(METAINFO).getroot().findtext("project_license") == "MIT"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_the_icon_is_rendered_at_every_hicolor_size(size):
    with Image.open(icon_png(size)) as png:
        assert png.size == (size, size)
        assert png.mode == "RGBA" and png.getextrema()[3][1] == 255  # drawn, not blank


def test_the_windows_and_macos_icons_carry_their_sizes():
    assert icon_path().exists()
    with Image.open(icon_path().with_suffix(".ico")) as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icon_path().with_suffix(".icns")) as icns:
        assert (512, 512, 2) in icns.info["sizes"]


def test_the_compiled_translations_are_installed_beside_their_sources():
    names = {p.name for p in translations_dir().iterdir()}
    assert {"desktop_zh_CN.ts", "desktop_zh_CN.qm"} <= names
