"""What the frozen bundles keep and leave out (packaging/freeze.py, read by the specs)."""

from __future__ import annotations

import ast
import importlib.util
import plistlib
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
_SPEC = importlib.util.spec_from_file_location("freeze", PACKAGING / "freeze.py")
assert _SPEC is not None and _SPEC.loader is not None
freeze = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(freeze)

PLUGINS = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    ("destination", "kept"),
    [
        (f"{PLUGINS}/platforms/libqxcb.so", True),
        (f"{PLUGINS}/platforms/libqwayland.so", True),
        (f"{PLUGINS}/platforms/libqeglfs.so", False),
        (f"{PLUGINS}/platforms/libqvnc.so", False),
        (f"{PLUGINS}/platformthemes/libqgtk3.so", False),  # GTK and 40 libraries with it
        (f"{PLUGINS}/platformthemes/libqxdgdesktopportal.so", True),
        (f"{PLUGINS}/imageformats/libqsvg.so", True),
        (f"{PLUGINS}/imageformats/libqtiff.so", False),
        (f"{PLUGINS}/sqldrivers/libqsqlite.so", False),  # a folder the app has no use for
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("libasound.so.2", False),  # the host's ALSA finds the host's sound server
        ("libjack.so.0", False),
        ("libfontconfig.so.1", False),
        ("libportaudio.so.2", True),
        ("libxcb-cursor.so.0", True),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("desktop/assets/translations/desktop_zh_CN.qm", True),
        ("desktop/assets/icons/realtime-desktop-256.png", True),
    ],
)
def test_the_bundle_keeps_what_the_app_uses(destination, kept):
    assert freeze.keeps(destination) is kept


def test_libraries_only_a_left_out_plugin_needed_go_with_it():
    links = {
        "/src/_portaudio.so": ["libportaudio.so.2", "libc.so.6"],
        "/src/libportaudio.so.2": ["libm.so.6"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libQt6XcbQpa.so.6": ["libxcb-cursor.so.0"],
        "/src/libxcb-cursor.so.0": [],
        "/src/libgtk-3.so.0": ["libgdk-3.so.0"],  # was there for the GTK theme, now gone
        "/src/libgdk-3.so.0": [],
        "/src/libpython3.11.so.1.0": [],
    }
    binaries = [
        ("pyaudio/_portaudio.so", "/src/_portaudio.so", "EXTENSION"),
        ("libportaudio.so.2", "/src/libportaudio.so.2", "BINARY"),
        (f"{PLUGINS}/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("libgdk-3.so.0", "/src/libgdk-3.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    kept = freeze.without_unlinked_libraries(binaries, lambda source: links[source])
    assert [Path(entry[0]).name for entry in kept] == [
        "_portaudio.so",
        "libportaudio.so.2",
        "libqxcb.so",
        "libQt6XcbQpa.so.6",
        "libxcb-cursor.so.0",
        "libpython3.11.so.1.0",
    ]


def test_the_windows_executable_carries_its_name_and_version():
    text = freeze.windows_version_text("1.2.3")
    call = ast.parse(text, mode="eval").body  # what PyInstaller evaluates on Windows
    assert isinstance(call, ast.Call) and ast.unparse(call.func) == "VSVersionInfo"
    strings = {
        ast.literal_eval(node.args[0]): ast.literal_eval(node.args[1])
        for node in ast.walk(call)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "StringStruct"
    }
    assert strings["ProductName"] == "Realtime Desktop"
    assert strings["ProductVersion"] == "1.2.3"
    assert strings["OriginalFilename"] == "realtime-desktop.exe"
    assert "filevers=(1, 2, 3, 0)" in text


def test_macos_asks_for_the_microphone_in_english_and_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(freeze, "version", lambda: "1.2.3")
    plist = plistlib.loads(plistlib.dumps(freeze.macos_info_plist()))
    assert plist["NSMicrophoneUsageDescription"].startswith("Realtime Desktop listens")
    assert plist["CFBundleLocalizations"] == ["en", "zh-Hans"]

    app = tmp_path / "Realtime Desktop.app"
    freeze.write_macos_localisations(app)
    chinese = (app / "Contents/Resources/zh-Hans.lproj/InfoPlist.strings").read_text("utf-8")
    assert chinese.startswith('"NSMicrophoneUsageDescription" = "只有在你按住说话键')
    assert chinese.rstrip().endswith('";')
    assert (app / "Contents/Resources/en.lproj/InfoPlist.strings").is_file()
