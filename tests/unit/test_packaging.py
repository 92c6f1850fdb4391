"""The desktop entry and metadata name the same app, command and icon as the code."""

import configparser
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop import appinfo

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"


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
