"""Every problem, state and hint as words a user can act on (translatable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from desktop.input.shortcut import Unavailable
from desktop.realtime.probe import ProbeReport
from desktop.realtime.problems import Problem, ProblemKind, Reason
from desktop.realtime.session_events import Hint, Link


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for lupdate; `_tr` translates it when shown, in the language loaded then.

    Qt's own marker is typed as returning `object`; this one keeps the text a `str`."""
    return text


def link_text(link: Link) -> str:
    return _tr(
        {
            Link.OFFLINE: QT_TRANSLATE_NOOP("messages", "Not connected"),
            Link.CONNECTING: QT_TRANSLATE_NOOP("messages", "Connecting…"),
            Link.READY: QT_TRANSLATE_NOOP("messages", "Connected"),
            Link.LOST: QT_TRANSLATE_NOOP("messages", "Connection lost"),
            Link.FAILED: QT_TRANSLATE_NOOP("messages", "Could not connect"),
        }[link]
    )


def hint_text(hint: Hint) -> str:
    return _tr(
        {
            Hint.TOO_SHORT: QT_TRANSLATE_NOOP(
                "messages", "That was too short to hear. Hold Space or Talk while you speak."
            ),
            Hint.CONNECTING: QT_TRANSLATE_NOOP(
                "messages", "Still connecting. Hold to talk again in a moment."
            ),
            Hint.RETRYING: QT_TRANSLATE_NOOP("messages", "The relay did not answer. Trying again…"),
            Hint.SESSION_EXPIRED: QT_TRANSLATE_NOOP(
                "messages",
                "The session reached its time limit. Hold to talk: a new one continues "
                "the conversation.",
            ),
            Hint.AUDIO_RESTORED: QT_TRANSLATE_NOOP(
                "messages", "The audio device is back. Hold to talk."
            ),
        }[hint]
    )


def failure_text(kind: str) -> str:
    text = QT_TRANSLATE_NOOP(
        "messages",
        "Something went wrong inside the app ({0}). It keeps running; the details are in the log.",
    )
    return _tr(text).format(kind)


def crashed_last_time_text() -> str:
    return _tr(
        QT_TRANSLATE_NOOP(
            "messages",
            "Realtime Desktop closed unexpectedly last time. The crash log can help fix it.",
        )
    )


def hold_limit_text() -> str:
    return _tr(
        QT_TRANSLATE_NOOP(
            "messages",
            "You held Talk for five minutes, so that turn was sent. Hold again to go on.",
        )
    )


def history_unavailable_text() -> str:
    return _tr(
        QT_TRANSLATE_NOOP(
            "messages",
            "This conversation is not being saved: the history file cannot be written. "
            "The log says why.",
        )
    )


def demo_ready_text() -> str:
    return _tr(
        QT_TRANSLATE_NOOP(
            "messages",
            "Demo ready: hold Space, say something, let go, and you should hear yourself.",
        )
    )


def shortcut_problem_text(reason: Unavailable, shortcut: str) -> str:
    text = {
        Unavailable.INVALID: QT_TRANSLATE_NOOP(
            "messages", "{0} cannot be used from other apps. Choose another combination."
        ),
        Unavailable.TAKEN: QT_TRANSLATE_NOOP(
            "messages",
            "{0} is already used by another program. Choose another combination; "
            "Space in this window still works.",
        ),
        Unavailable.NO_PORTAL: QT_TRANSLATE_NOOP(
            "messages",
            "This Wayland desktop offers no global shortcuts to apps, so {0} cannot work "
            "in other apps. Space in this window still works.",
        ),
        Unavailable.NO_PERMISSION: QT_TRANSLATE_NOOP(
            "messages",
            "To hear {0} in other apps, allow Realtime Desktop under System Settings → "
            "Privacy & Security → Accessibility and Input Monitoring, then restart it.",
        ),
        Unavailable.NO_BACKEND: QT_TRANSLATE_NOOP(
            "messages",
            "Shortcuts from other apps are not available on this desktop. "
            "Space in this window still works.",
        ),
    }[reason]
    native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    return _tr(text).format(native or shortcut)


def _advice(kind: ProblemKind) -> str:
    return _tr(
        {
            ProblemKind.BAD_KEY: QT_TRANSLATE_NOOP(
                "messages", "The relay did not accept your API key. Check it in Settings."
            ),
            ProblemKind.NOT_ALLOWED: QT_TRANSLATE_NOOP(
                "messages",
                "The relay refused the connection: your key may not be allowed to use this "
                "model. Check the key and the model in Settings.",
            ),
            ProblemKind.WRONG_ADDRESS: QT_TRANSLATE_NOOP(
                "messages", "Nothing answers at this address. Check the base URL in Settings."
            ),
            ProblemKind.BAD_REQUEST: QT_TRANSLATE_NOOP(
                "messages", "The relay refused the request."
            ),
            ProblemKind.UNKNOWN_MODEL: QT_TRANSLATE_NOOP(
                "messages",
                "The relay does not offer this model. Pick another model or check its name.",
            ),
            ProblemKind.RATE_LIMITED: QT_TRANSLATE_NOOP(
                "messages", "Too many requests. Wait a minute, then try again."
            ),
            ProblemKind.NO_QUOTA: QT_TRANSLATE_NOOP(
                "messages", "Your balance or quota is used up. Top it up, then reconnect."
            ),
            ProblemKind.RELAY_TROUBLE: QT_TRANSLATE_NOOP(
                "messages", "The relay could not reach the model right now. Try again shortly."
            ),
            ProblemKind.UNREACHABLE: QT_TRANSLATE_NOOP(
                "messages", "Cannot reach the relay. Check your network and the base URL."
            ),
            ProblemKind.UNTRUSTED_CERTIFICATE: QT_TRANSLATE_NOOP(
                "messages",
                "The relay's certificate is not trusted, so nothing was sent. If your network "
                "uses its own certificate authority, choose its certificate file under "
                "Settings → CA bundle. Reason:",
            ),
            ProblemKind.DROPPED: QT_TRANSLATE_NOOP(
                "messages",
                "The connection was dropped. Hold to talk to go on: a new session continues "
                "the conversation.",
            ),
            ProblemKind.REFUSED: QT_TRANSLATE_NOOP(
                "messages",
                "The relay closed the connection before the session began. Check the model "
                "and key in Settings, or try again later.",
            ),
            ProblemKind.NO_SESSION: QT_TRANSLATE_NOOP(
                "messages",
                "The relay accepted the connection but never started a session. It may not "
                "support realtime models; check the base URL and model.",
            ),
            ProblemKind.STALLED: QT_TRANSLATE_NOOP(
                "messages",
                "The answer stalled: nothing arrived for several seconds. Reconnect and ask "
                "again; the conversation so far is kept.",
            ),
            ProblemKind.RELAY_TOO_OLD: QT_TRANSLATE_NOOP(
                "messages",
                "The relay cannot serve this model yet (it sends the old beta protocol flag). "
                "Pick a *-realtime-preview model, or ask the relay's operator to update it.",
            ),
            ProblemKind.SERVER_ERROR: QT_TRANSLATE_NOOP(
                "messages", "The server reported a problem:"
            ),
            ProblemKind.IGNORED_FRAMES: QT_TRANSLATE_NOOP(
                "messages",
                "The relay sent messages this app could not read. They were ignored and the "
                "conversation goes on.",
            ),
            ProblemKind.MISSING_KEY: QT_TRANSLATE_NOOP(
                "messages", "Enter your API key in Settings to start talking."
            ),
            ProblemKind.INVALID_SETTINGS: QT_TRANSLATE_NOOP("messages", "Check Settings:"),
            ProblemKind.NO_MICROPHONE: QT_TRANSLATE_NOOP(
                "messages", "No microphone could be opened. Connect one and try again."
            ),
            ProblemKind.NO_SPEAKER: QT_TRANSLATE_NOOP(
                "messages", "No speaker could be opened; answers will be text only."
            ),
        }[kind]
    )


def _reason_text(reason: Reason, values: tuple[str, ...]) -> str:
    text = _tr(
        {
            Reason.NOT_A_WEB_ADDRESS: QT_TRANSLATE_NOOP(
                "messages", "“{0}” is not an http(s) address such as https://api.openai.com."
            ),
            Reason.PLAIN_HTTP_REMOTE: QT_TRANSLATE_NOOP(
                "messages",
                "Unencrypted http:// addresses are only allowed for this computer (localhost).",
            ),
            Reason.NO_MODEL: QT_TRANSLATE_NOOP("messages", "Choose a model first."),
            Reason.NOT_A_PROXY_ADDRESS: QT_TRANSLATE_NOOP(
                "messages", "“{0}” is not a proxy address such as http://127.0.0.1:7890."
            ),
            Reason.PROXY_PASSWORD: QT_TRANSLATE_NOOP(
                "messages",
                "Proxy passwords are not stored in Settings; set HTTPS_PROXY for that proxy.",
            ),
            Reason.PROXY_PORT: QT_TRANSLATE_NOOP("messages", "“{0}” has no valid port."),
            Reason.CA_BUNDLE_UNUSABLE: QT_TRANSLATE_NOOP(
                "messages", "The CA bundle {0} cannot be used:"
            ),
            Reason.NO_ANSWER_WITHIN: QT_TRANSLATE_NOOP(
                "messages", "The relay did not answer within {0} s."
            ),
            Reason.MESSAGE_TOO_LARGE: QT_TRANSLATE_NOOP(
                "messages", "The relay sent a message of {0} MB; the limit is {1} MB."
            ),
            Reason.MODEL_LIST_NOT_OPENAI: QT_TRANSLATE_NOOP(
                "messages", "The relay's model list is not in OpenAI's format."
            ),
            Reason.DEVICE_STOPPED: QT_TRANSLATE_NOOP("messages", "It stopped or was disconnected."),
            Reason.FRAME_NOT_JSON: QT_TRANSLATE_NOOP("messages", "The first one was not JSON."),
            Reason.FRAME_WITHOUT_TYPE: QT_TRANSLATE_NOOP(
                "messages", "The first one had no event type."
            ),
            Reason.FRAME_UNREADABLE: QT_TRANSLATE_NOOP(
                "messages", "The first one was a {0} event with fields of the wrong shape:"
            ),
        }[reason]
    )
    return text.format(*values)


def renewal_note(lines_carried: int) -> str:
    return _tr(
        QT_TRANSLATE_NOOP("messages", "New session — {0} lines of the conversation carried over")
    ).format(lines_carried)


def _fact(ok: bool | None, text: str) -> str:
    return f"{'?' if ok is None else '✓' if ok else '✗'} {text}"


def probe_text(report: ProbeReport, model: str) -> str:
    """Check connection's answer, one fact a line."""
    lines = [
        _fact(report.reachable, _tr(QT_TRANSLATE_NOOP("messages", "Relay reachable")))
        if report.reachable
        else _fact(False, _tr(QT_TRANSLATE_NOOP("messages", "Relay not reachable"))),
        _fact(None, _tr(QT_TRANSLATE_NOOP("messages", "Key not checked")))
        if report.key_accepted is None
        else _fact(True, _tr(QT_TRANSLATE_NOOP("messages", "Key accepted")))
        if report.key_accepted
        else _fact(False, _tr(QT_TRANSLATE_NOOP("messages", "Key refused"))),
    ]
    if report.model_accepted and report.dialect is not None:
        text = _tr(
            QT_TRANSLATE_NOOP("messages", "Model {0} accepted, {1} protocol, handshake {2} ms")
        )
        dialect = "GA" if report.dialect.value == "ga" else "beta"
        lines.append(_fact(True, text.format(model, dialect, report.handshake_ms)))
        lines.append(
            _fact(True, _tr(QT_TRANSLATE_NOOP("messages", "Your words will be transcribed")))
            if report.transcription
            else _fact(
                False, _tr(QT_TRANSLATE_NOOP("messages", "Input transcription is not available"))
            )
        )
    else:
        lines.append(
            _fact(False, _tr(QT_TRANSLATE_NOOP("messages", "Model {0} not accepted")).format(model))
        )
    if report.realtime_models:
        text = _tr(QT_TRANSLATE_NOOP("messages", "Realtime models on this relay: {0}"))
        lines.append(text.format(", ".join(report.realtime_models)))
    lines += [problem_text(p) for p in report.problems]
    return "\n".join(lines)


def problem_text(problem: Problem) -> str:
    """One paragraph: advice first, then the server's own words and ids for support."""
    parts = [_advice(problem.kind)]
    if problem.reason is not None:
        parts.append(_reason_text(problem.reason, problem.values))
    detail = problem.message
    if problem.status is not None:
        detail = f"HTTP {problem.status}" + (f": {detail}" if detail else "")
    if detail:
        parts.append(detail)
    if problem.request_id and problem.request_id not in detail:
        parts.append(
            _tr(QT_TRANSLATE_NOOP("messages", "Request id: {0}")).format(problem.request_id)
        )
    return " ".join(parts)
