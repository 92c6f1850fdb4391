"""Settings (a frozen dataclass), where they are stored (QSettings, INI), and the key (keyring).

The key is never part of Settings, so it cannot end up in the settings file by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

from desktop import appinfo

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend


@dataclass(frozen=True)
class Settings:
    base_url: str = appinfo.DEFAULT_BASE_URL
    model: str = appinfo.DEFAULT_MODEL
    voice: str = appinfo.DEFAULT_VOICE
    instructions: str = ""
    input_device: str = ""  # by name; empty or gone: the system default
    output_device: str = ""
    proxy: str = ""  # empty: the system's proxy settings (HTTPS_PROXY, ALL_PROXY, NO_PROXY)
    ca_bundle: str = ""  # a PEM file of extra trusted authorities (corporate networks)
    known_models: str = ""  # the relay's realtime models, comma-separated, from its last list
    global_shortcut: str = appinfo.DEFAULT_GLOBAL_SHORTCUT  # Qt portable text; empty: off
    close_to_tray: str = ""  # what closing the window does: "" (ask once), "tray", "quit"
    turn_sounds: bool = True  # a short sound at the start and end of a turn, window hidden
    appearance: str = "system"  # "system" (follow the desktop's colour scheme), "light", "dark"
    keep_audio: bool = False  # each turn's audio in the archive, for replay and WAV export
    prices: str = ""  # the price table as edited (PriceTable.to_text); empty: the defaults
    currency: str = ""  # what the prices are in; empty: USD
    budget: str = ""  # an amount in that currency; empty: no budget
    budget_period: str = "month"  # "day" or "month"

    def model_list(self) -> list[str]:
        return [m for m in self.known_models.split(",") if m]

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v})


# Empty is a choice for these (no instructions, no global shortcut); for the rest it means
# "not set", and the default applies.
_MAY_BE_EMPTY = {
    "instructions",
    "global_shortcut",
    "close_to_tray",
    "turn_sounds",
    "keep_audio",
    "prices",
    "currency",
    "budget",
}


class SettingsStore:
    """Reads and writes Settings in an INI file; `path` lets tests keep it in a temp dir."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._qsettings = QSettings(
                QSettings.Format.IniFormat,
                QSettings.Scope.UserScope,
                appinfo.ORG_NAME,
                appinfo.APP_NAME,
            )
        else:
            self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._qsettings.fileName()

    def load(self) -> Settings:
        defaults = Settings()
        values: dict[str, Any] = {}
        for f in fields(Settings):
            default = getattr(defaults, f.name)
            value = self._qsettings.value(f.name, default, type=type(default))
            values[f.name] = value if value or f.name in _MAY_BE_EMPTY else default
        return Settings(**values)

    def save(self, settings: Settings) -> None:
        for f in fields(Settings):
            self._qsettings.setValue(f.name, getattr(settings, f.name))
        self._qsettings.sync()


class SecretStoreUnavailable(RuntimeError):
    """No OS keyring backend (no Secret Service, Keychain or Credential Locker)."""


class SecretStore:
    """The API key in the OS keyring: service `realtime-desktop`, user `api-key`."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend  # the OS keyring's, looked up when first needed

    def _keyring(self) -> KeyringBackend:
        if self._backend is None:
            # keyring takes a tenth of a second to import: the window is shown first.
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    @property
    def available(self) -> bool:
        import keyring.backends.fail

        return not isinstance(self._keyring(), keyring.backends.fail.Keyring)

    def get(self) -> str | None:
        errors = _keyring_errors()
        try:
            return self._keyring().get_password(appinfo.KEYRING_SERVICE, appinfo.KEYRING_USERNAME)
        except errors.KeyringError as exc:
            raise SecretStoreUnavailable(_reason(exc)) from None

    def set(self, key: str) -> None:
        errors = _keyring_errors()
        try:
            self._keyring().set_password(appinfo.KEYRING_SERVICE, appinfo.KEYRING_USERNAME, key)
        except errors.KeyringError as exc:
            raise SecretStoreUnavailable(_reason(exc)) from None

    def delete(self) -> None:
        errors = _keyring_errors()
        try:
            self._keyring().delete_password(appinfo.KEYRING_SERVICE, appinfo.KEYRING_USERNAME)
        except errors.PasswordDeleteError:
            pass
        except errors.KeyringError as exc:
            raise SecretStoreUnavailable(_reason(exc)) from None


def _keyring_errors() -> ModuleType:
    import keyring.errors

    return keyring.errors


class ApiKey:
    """The key a session opens with: one given for this run only, else the keyring's."""

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets = secrets
        self._for_this_run: str | None = None

    def use_for_this_run(self, key: str | None) -> None:
        self._for_this_run = key or None

    def current(self) -> str | None:
        if self._for_this_run:
            return self._for_this_run
        try:
            return self._secrets.get()
        except SecretStoreUnavailable:
            return None  # the settings dialog says why; a session just has no key


def _reason(exc: Exception) -> str:
    # Keyring messages never contain the secret, but keep only the class and first line.
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{exc.__class__.__name__}: {first_line}" if first_line else exc.__class__.__name__
