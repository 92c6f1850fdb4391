"""XKB's detectable auto-repeat, for one X connection.

A held key normally repeats as a fake release followed by a press, about 25 pairs a second.
With detectable auto-repeat (an XKB per-client flag, which GTK and Qt also ask for) the
server sends the presses alone and a single release when the key really goes up: half the
events to read while the user talks, and no release that is not one. python-xlib has no
XKB module, so its two requests are spelled out here, from the XKB protocol specification.
"""

from __future__ import annotations

from typing import Any

EXTENSION = "XKEYBOARD"
USE_CORE_KEYBOARD = 0x0100  # XkbUseCoreKbd
DETECTABLE_AUTO_REPEAT = 1 << 0  # XkbPCF_DetectableAutoRepeatMask
XKB_VERSION = (1, 0)


def _requests() -> tuple[Any, Any]:
    """The request classes, built when first needed: python-xlib loads with the shortcut."""
    from Xlib.protocol import rq

    class UseExtension(rq.ReplyRequest):  # XkbUseExtension: required before any other
        _request = rq.Struct(
            rq.Card8("opcode"),
            rq.Opcode(0),
            rq.RequestLength(),
            rq.Card16("wanted_major"),
            rq.Card16("wanted_minor"),
        )
        _reply = rq.Struct(
            rq.ReplyCode(),
            rq.Bool("supported"),
            rq.Card16("sequence_number"),
            rq.ReplyLength(),
            rq.Card16("server_major"),
            rq.Card16("server_minor"),
            rq.Pad(20),
        )

    class PerClientFlags(rq.ReplyRequest):  # XkbPerClientFlags
        _request = rq.Struct(
            rq.Card8("opcode"),
            rq.Opcode(21),
            rq.RequestLength(),
            rq.Card16("device_spec"),
            rq.Pad(2),
            rq.Card32("change"),
            rq.Card32("value"),
            rq.Card32("ctrls_to_change"),
            rq.Card32("auto_ctrls"),
            rq.Card32("auto_ctrls_values"),
        )
        _reply = rq.Struct(
            rq.ReplyCode(),
            rq.Card8("device_id"),
            rq.Card16("sequence_number"),
            rq.ReplyLength(),
            rq.Card32("supported"),
            rq.Card32("value"),
            rq.Card32("auto_ctrls"),
            rq.Card32("auto_ctrls_values"),
            rq.Pad(8),
        )

    return UseExtension, PerClientFlags


def detect_auto_repeat(display: Any) -> bool:
    """Asks the server to send this connection a held key's repeats as presses alone;
    True if it will. Without XKB (or with an old server) nothing changes."""
    from Xlib import error

    extension = display.query_extension(EXTENSION)
    if extension is None:
        return False
    use_extension, per_client_flags = _requests()
    opcode = extension.major_opcode
    try:
        used = use_extension(
            display=display.display,
            opcode=opcode,
            wanted_major=XKB_VERSION[0],
            wanted_minor=XKB_VERSION[1],
        )
        if not used.supported:
            return False
        flags = per_client_flags(
            display=display.display,
            opcode=opcode,
            device_spec=USE_CORE_KEYBOARD,
            change=DETECTABLE_AUTO_REPEAT,
            value=DETECTABLE_AUTO_REPEAT,
            ctrls_to_change=0,
            auto_ctrls=0,
            auto_ctrls_values=0,
        )
    except (error.XError, error.ConnectionClosedError):
        return False  # the listener's own loop reports a closed connection
    return bool(flags.value & DETECTABLE_AUTO_REPEAT)
