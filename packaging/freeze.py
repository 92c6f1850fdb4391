"""What goes into the frozen one-folder bundles, for the PyInstaller specs beside this file.

Kept free of PyInstaller's own imports, so that the choices are plain data that the type
checker reads and the unit tests check; the `.spec` files hand them to PyInstaller.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

# PyInstaller's table of contents: (path inside the bundle, source file, kind).
Entry = tuple[str, str, str]

BUNDLE_NAME = "realtime-desktop"
BUNDLE_ID = "io.github.realtime_desktop.RealtimeDesktop"
DISPLAY_NAME = "Realtime Desktop"

# Imported by name at run time, where PyInstaller's analysis cannot see it.
HIDDEN_IMPORTS = ["desktop.assets", "pyaudio"]

# Standard-library and third-party packages the app never imports, but which other
# packages mention in passing.
EXCLUDED_MODULES = ["tkinter", "unittest", "pydoc_data", "test", "readline", "dbm", "IPython"]

# Qt plugins the app uses; the rest of each folder stays out of the bundle.
_QT_PLUGINS = {
    # xcb for X11 and XWayland, wayland for Wayland sessions, offscreen for headless runs.
    "platforms": r"(qxcb|qwayland\w*|qoffscreen|qwindows|qcocoa)",
    # The portal theme gives the system's file dialogs under Flatpak and GNOME. The GTK 3
    # theme is left out: it alone pulls GTK, GDK, Pango, Cairo and their 40 libraries in.
    "platformthemes": r"(qxdgdesktopportal)",
    "imageformats": r"(qsvg|qico|qicns)",
    "iconengines": r"(qsvgicon)",
    "styles": r".*",
    "xcbglintegrations": r".*",
    "wayland-shell-integration": r"(xdg-shell|libxdg-shell)",
    "wayland-decoration-client": r".*",
    "wayland-graphics-integration-client": r"(qt-plugin-wayland-egl|libqt-plugin-wayland-egl)",
    "tls": r"(qopensslbackend|qschannelbackend|qsecuretransportbackend)",
}
_LIBRARY_SUFFIX = r"(\.so(\..*)?|\.dll|\.dylib)"

# Libraries that must come from the user's system, not from the machine that built the
# bundle: ALSA reads its configuration and plugins (PulseAudio, PipeWire) from the host's
# own paths, JACK's client library must match the host's JACK or PipeWire server, and
# fontconfig must read the host's font configuration, which a copy from another release
# may not understand (FreeType goes with it). The Linux package depends on them.
HOST_LIBRARIES = (
    "libasound.so",
    "libjack.so",
    "libpipewire",
    "libpulse",
    "libfontconfig.so",
    "libfreetype.so",
)

# The languages the app speaks; Qt's own translations for any other are left out.
LANGUAGES = ("zh_CN",)


# What macOS shows when the app first asks for the microphone, in each language it speaks.
MICROPHONE_USE = {
    "en": "Realtime Desktop listens to your microphone only while you hold the Talk key or "
    "button, and sends what it hears to the Realtime model you chose.",
    "zh-Hans": "只有在你按住说话键或说话按钮时，Realtime Desktop 才会使用麦克风，"
    "并把听到的内容发送给你选择的 Realtime 模型。",
}


def version() -> str:
    """The version of the installed app that is being frozen."""
    return importlib.metadata.version("realtime-desktop")


def macos_info_plist() -> dict[str, object]:
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleVersion": version(),
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": list(MICROPHONE_USE),
        "LSApplicationCategoryType": "public.app-category.productivity",
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": "MIT licence",
        # Without it macOS ends the app the moment it opens the microphone.
        "NSMicrophoneUsageDescription": MICROPHONE_USE["en"],
    }


def write_macos_localisations(app: str | Path) -> None:
    """<app>/Contents/Resources/<language>.lproj/InfoPlist.strings for every language."""
    for language, text in MICROPHONE_USE.items():
        folder = Path(app) / "Contents" / "Resources" / f"{language}.lproj"
        folder.mkdir(parents=True, exist_ok=True)
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        (folder / "InfoPlist.strings").write_text(
            f'"NSMicrophoneUsageDescription" = "{escaped}";\n', encoding="utf-8"
        )


def windows_version_text(version: str) -> str:
    """What Explorer shows under Properties → Details of realtime-desktop.exe, in the text
    form of PyInstaller's version resource (its classes load only on Windows)."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    four = tuple(numbers + [0] * (4 - len(numbers)))
    strings = {
        "CompanyName": "Realtime Desktop developers",
        "FileDescription": DISPLAY_NAME,
        "FileVersion": version,
        "InternalName": BUNDLE_NAME,
        "LegalCopyright": "MIT licence",
        "OriginalFilename": f"{BUNDLE_NAME}.exe",
        "ProductName": DISPLAY_NAME,
        "ProductVersion": version,
    }
    structs = ",\n".join(f"        StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return (
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={four}, prodvers={four}),\n"
        "  kids=[\n"
        "    StringFileInfo([StringTable('040904B0', [\n"  # U.S. English, UTF-16
        f"{structs}\n"
        "    ])]),\n"
        "    VarFileInfo([VarStruct('Translation', [0x0409, 1200])]),\n"
        "  ],\n"
        ")\n"
    )


def installed_package_folder(name: str = "desktop") -> Path:
    """The folder of the installed app package that the bundle is made from."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed where this Python can import it")
    return Path(next(iter(spec.submodule_search_locations)))


def entry_script() -> str:
    return str(installed_package_folder() / "__main__.py")


def _qt_plugin(parts: tuple[str, ...]) -> tuple[str, str] | None:
    """(plugin folder, file name) when `parts` name a file right under a Qt plugin folder."""
    if len(parts) >= 3 and parts[-3] == "plugins":
        return parts[-2], parts[-1]
    return None


def keeps(destination: str) -> bool:
    """Whether a file PyInstaller collected belongs in the bundle (by its path inside it)."""
    path = PurePosixPath(destination.replace("\\", "/"))
    name = path.name
    if any(name.startswith(host) for host in HOST_LIBRARIES):
        return False
    plugin = _qt_plugin(path.parts)
    if plugin is not None:
        folder, file_name = plugin
        wanted = _QT_PLUGINS.get(folder)
        if wanted is None:
            return False
        return re.fullmatch(rf"(lib)?{wanted}{_LIBRARY_SUFFIX}", file_name) is not None
    if "translations" in path.parts and name.endswith(".qm") and name.startswith("qt"):
        return any(name.endswith(f"_{language}.qm") for language in LANGUAGES)
    return True


def _is_plain_library(entry: Entry) -> bool:
    """A shared library that is only there because something else links against it."""
    destination, _, kind = entry
    path = PurePosixPath(destination.replace("\\", "/"))
    return (
        kind == "BINARY"
        and _qt_plugin(path.parts) is None
        and not path.name.startswith("libpython")  # the bootloader loads it by name
    )


def without_unlinked_libraries(
    binaries: Sequence[Entry], imports: Callable[[str], Iterable[str]]
) -> list[Entry]:
    """Leaves out the libraries that nothing kept links against any more.

    PyInstaller collects a plugin's libraries before the spec leaves the plugin out: GTK
    stays behind the GTK theme unless the links are followed again from what is kept.
    `imports(source)` names the libraries a binary links against.
    """
    by_name = {PurePosixPath(entry[0]).name: entry for entry in binaries}
    pending = [entry for entry in binaries if not _is_plain_library(entry)]
    linked: set[str] = set()
    while pending:
        _, source, _ = pending.pop()
        for name in imports(source):
            base = PurePosixPath(name).name
            if base in by_name and base not in linked:
                linked.add(base)
                pending.append(by_name[base])
    return [
        entry
        for entry in binaries
        if not _is_plain_library(entry) or PurePosixPath(entry[0]).name in linked
    ]
