"""The global shortcut on Wayland: the xdg-desktop-portal GlobalShortcuts interface.

The compositor owns the keyboard there, so the app asks the portal to bind a shortcut and
is told when it is activated (pressed) and deactivated (released). The desktop may show the
user a dialog to confirm or change the combination. D-Bus is spoken with jeepney on a
thread and connection of the listener's own.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
from typing import Any

from desktop.input.shortcut import (
    KeyCombo,
    ShortcutCallbacks,
    ShortcutUnavailable,
    Unavailable,
)

PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
REQUEST = "org.freedesktop.portal.Request"
SHORTCUT_ID = "push-to-talk"
REPLY_TIMEOUT_S = 5.0
# Binding may wait for the user to confirm in the desktop's own dialog.
BIND_TIMEOUT_S = 120.0
_POLL_S = 0.25
_MODIFIERS = {"Ctrl": "CTRL", "Alt": "ALT", "Shift": "SHIFT", "Meta": "LOGO"}


def preferred_trigger(combo: KeyCombo) -> str:
    """Qt's portable text in the XDG shortcuts syntax: `CTRL+ALT+space`."""
    from desktop.input.x11_shortcut import keysym_name

    mods = [_MODIFIERS[m] for m in ("Ctrl", "Alt", "Shift", "Meta") if m in combo.modifiers]
    return "+".join([*mods, keysym_name(combo.key)])


class PortalShortcutListener:
    def __init__(
        self, combo: KeyCombo, callbacks: ShortcutCallbacks, description: str = "Push to talk"
    ) -> None:
        self._combo = combo
        self._callbacks = callbacks
        self._description = description
        self._connection: Any = None
        self._session = ""
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        try:
            self._connection = open_dbus_connection(bus="SESSION")
            properties = DBusAddress(PORTAL_PATH, PORTAL_NAME, "org.freedesktop.DBus.Properties")
            reply = self._connection.send_and_get_reply(
                new_method_call(properties, "Get", "ss", (SHORTCUTS, "version")),
                timeout=REPLY_TIMEOUT_S,
            )
        except (OSError, KeyError, TimeoutError, ValueError):
            self._close()
            raise ShortcutUnavailable(Unavailable.NO_PORTAL) from None
        if reply.header.message_type.name != "method_return":
            self._close()  # no portal, or one without GlobalShortcuts
            raise ShortcutUnavailable(Unavailable.NO_PORTAL)
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="global-shortcut", daemon=True)
        self._thread.start()

    # ---- listener thread --------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._session = self._create_session()
            self._bind()
            self._listen()
        except ShortcutUnavailable as exc:
            if not self._stopping.is_set():
                self._callbacks.lost(exc.reason)
        except (OSError, TimeoutError, ConnectionError):
            if not self._stopping.is_set():
                self._callbacks.lost(Unavailable.NO_PORTAL)

    def _call_with_response(
        self, method: str, signature: str, body: tuple[Any, ...], token: str, timeout: float
    ) -> dict[str, Any]:
        """Portal calls answer through a Request object's Response signal, subscribed to
        before the call so it cannot be missed."""
        from jeepney import DBusAddress, MatchRule, message_bus, new_method_call

        sender = self._connection.unique_name[1:].replace(".", "_")
        request_path = f"{PORTAL_PATH}/request/{sender}/{token}"
        rule = MatchRule(type="signal", interface=REQUEST, member="Response", path=request_path)
        self._connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=REPLY_TIMEOUT_S)
        with self._connection.filter(rule) as responses:
            portal = DBusAddress(PORTAL_PATH, PORTAL_NAME, SHORTCUTS)
            reply = self._connection.send_and_get_reply(
                new_method_call(portal, method, signature, body), timeout=REPLY_TIMEOUT_S
            )
            if reply.header.message_type.name != "method_return":
                raise ShortcutUnavailable(Unavailable.NO_PORTAL)
            response = self._connection.recv_until_filtered(responses, timeout=timeout)
        code, results = response.body
        if code != 0:  # 1: the user said no; 2: it failed
            raise ShortcutUnavailable(Unavailable.TAKEN if code == 1 else Unavailable.NO_PORTAL)
        return {key: value for key, (_sig, value) in results.items()}

    def _create_session(self) -> str:
        token = _token()
        options = {"handle_token": ("s", token), "session_handle_token": ("s", _token())}
        results = self._call_with_response(
            "CreateSession", "a{sv}", (options,), token, REPLY_TIMEOUT_S
        )
        return str(results["session_handle"])

    def _bind(self) -> None:
        token = _token()
        shortcut = {
            "description": ("s", self._description),
            "preferred_trigger": ("s", preferred_trigger(self._combo)),
        }
        body = (self._session, [(SHORTCUT_ID, shortcut)], "", {"handle_token": ("s", token)})
        results = self._call_with_response(
            "BindShortcuts", "oa(sa{sv})sa{sv}", body, token, BIND_TIMEOUT_S
        )
        bound = [shortcut_id for shortcut_id, _props in results.get("shortcuts", [])]
        if SHORTCUT_ID not in bound:
            raise ShortcutUnavailable(Unavailable.TAKEN)

    def _listen(self) -> None:
        from jeepney import HeaderFields, MatchRule, message_bus

        rule = MatchRule(type="signal", interface=SHORTCUTS, path=PORTAL_PATH)
        self._connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=REPLY_TIMEOUT_S)
        with self._connection.filter(rule) as signals:
            while not self._stopping.is_set():
                try:
                    signal = self._connection.recv_until_filtered(signals, timeout=_POLL_S)
                except TimeoutError:
                    continue
                member = signal.header.fields.get(HeaderFields.member)
                if member not in ("Activated", "Deactivated"):
                    continue
                session, shortcut_id, timestamp, _options = signal.body
                if session != self._session or shortcut_id != SHORTCUT_ID:
                    continue
                if member == "Activated":
                    self._callbacks.pressed(int(timestamp))
                else:
                    self._callbacks.released(int(timestamp), None)

    # ---- owner ------------------------------------------------------------------------

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None
        if self._connection is not None and self._session:
            from jeepney import DBusAddress, new_method_call

            session = DBusAddress(self._session, PORTAL_NAME, "org.freedesktop.portal.Session")
            with contextlib.suppress(Exception):
                self._connection.send(new_method_call(session, "Close"))
        self._close()

    def _close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None


def _token() -> str:
    return "realtime_desktop_" + secrets.token_hex(6)
