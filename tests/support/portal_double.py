"""An xdg-desktop-portal GlobalShortcuts service on the tests' private D-Bus session bus.

It answers the way the portal does (a Request object's Response signal after each call) and
lets a test press and release the bound shortcut, as the compositor would report it.
"""

from __future__ import annotations

import queue
import threading

from jeepney import DBusAddress, HeaderFields, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"


class PortalDouble:
    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.bound: list[tuple[str, dict]] = []
        self.session = ""
        self._commands: queue.Queue[tuple[str, int]] = queue.Queue()
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="portal-double", daemon=True)

    def start(self) -> None:
        self._thread.start()
        assert self._ready.wait(5), "the portal double did not get its bus name"

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(5)

    def press(self, timestamp: int) -> None:
        self._commands.put(("Activated", timestamp))

    def release(self, timestamp: int) -> None:
        self._commands.put(("Deactivated", timestamp))

    def _run(self) -> None:
        connection = open_dbus_connection(bus="SESSION")
        try:
            connection.send_and_get_reply(message_bus.RequestName(PORTAL_NAME, 4))
            self._ready.set()
            while not self._stopping.is_set():
                self._emit_commands(connection)
                try:
                    message = connection.receive(timeout=0.02)
                except TimeoutError:
                    continue
                if message.header.message_type is MessageType.method_call:
                    self._answer(connection, message)
        finally:
            connection.close()

    def _emit_commands(self, connection) -> None:
        while not self._commands.empty():
            member, timestamp = self._commands.get()
            emitter = DBusAddress(PORTAL_PATH, interface=SHORTCUTS)
            body: tuple[object, ...] = (self.session, "push-to-talk", timestamp, {})
            connection.send(new_signal(emitter, member, "osta{sv}", body))

    def _answer(self, connection, message) -> None:
        member = message.header.fields.get(HeaderFields.member)
        sender = message.header.fields.get(HeaderFields.sender, ":0").lstrip(":").replace(".", "_")
        if member == "Get":
            connection.send(new_method_return(message, "v", (("u", 1),)))
            return
        if member == "Close":
            connection.send(new_method_return(message, "", ()))
            return
        options = message.body[-1]
        request = f"{PORTAL_PATH}/request/{sender}/{options['handle_token'][1]}"
        connection.send(new_method_return(message, "o", (request,)))
        if member == "CreateSession":
            token = options["session_handle_token"][1]
            self.session = f"{PORTAL_PATH}/session/{sender}/{token}"
            results: dict[str, tuple[str, object]] = {"session_handle": ("s", self.session)}
            code = 0
        else:  # BindShortcuts
            _session, shortcuts, _parent, _options = message.body
            self.bound = [(sid, {k: v for k, (_s, v) in props.items()}) for sid, props in shortcuts]
            granted = [
                (
                    sid,
                    {
                        "description": ("s", props["description"]),
                        "trigger_description": ("s", props["preferred_trigger"]),
                    },
                )
                for sid, props in self.bound
            ]
            results = {"shortcuts": ("a(sa{sv})", granted)}
            code = 1 if self.refuse else 0
        emitter = DBusAddress(request, interface="org.freedesktop.portal.Request")
        connection.send(new_signal(emitter, "Response", "ua{sv}", (code, results)))
