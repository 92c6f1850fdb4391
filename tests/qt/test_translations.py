from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.app import install_translators
from desktop.input.shortcut import Unavailable
from desktop.realtime.problems import Problem, ProblemKind, Reason
from desktop.realtime.session_events import Hint, Link
from desktop.resources import translations_dir
from desktop.ui import messages

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "desktop_zh_CN.ts"


def test_every_string_has_a_chinese_translation():
    unfinished = [
        m.findtext("source")
        for m in ET.parse(TS).getroot().iter("message")
        if m.find("translation[@type='unfinished']") is not None or not m.findtext("translation")
    ]
    assert unfinished == []


def test_the_compiled_translation_matches_its_source(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(fresh)], check=True)
    shipped = translations_dir() / "desktop_zh_CN.qm"
    assert fresh.read_bytes() == shipped.read_bytes(), "run scripts/update-translations"


@pytest.fixture
def chinese(qapp):
    """The translators a Chinese desktop gets, for the length of one test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = set(app.findChildren(QTranslator))
    install_translators(app, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    for translator in set(app.findChildren(QTranslator)) - before:
        app.removeTranslator(translator)


def test_a_chinese_desktop_gets_a_chinese_window(qtbot, app_parts, chinese):
    window = app_parts.build(key=None, connect=False)
    window.show_missing_key()
    assert window.talk_button.text() == "按住说话（空格键）"
    assert "API 密钥" in window.banner.text()


# Left in Latin letters in any language: names, protocols, placeholders.
_NOT_ENGLISH = re.compile(
    r"https?://\S+|HTTPS?_PROXY|SSL_CERT_FILE|Realtime Desktop|\*-realtime-preview"
    r"|VALUE_[A-Z]"
)
_ENGLISH_WORDS = re.compile(r"[A-Za-z']{2,}(?:[ ,;:]+[A-Za-z']{2,}){2,}")


def _english_sentences() -> list[str]:
    """The English catalogue: every source text, its placeholders cut out."""
    sources = [m.findtext("source") or "" for m in ET.parse(TS).getroot().iter("message")]
    pieces = (re.split(r"\{\d\}", source) for source in sources)
    return [p.strip() for parts in pieces for p in parts if len(p.strip().split()) >= 3]


def _every_message() -> list[str]:
    values = ("VALUE_A", "VALUE_B")
    problems = [Problem(kind) for kind in ProblemKind]
    problems += [Problem(ProblemKind.INVALID_SETTINGS, reason=r, values=values) for r in Reason]
    return (
        [messages.problem_text(p) for p in problems]
        + [messages.hint_text(hint) for hint in Hint]
        + [messages.link_text(link) for link in Link]
        + [messages.shortcut_problem_text(u, "Ctrl+Alt+Space") for u in Unavailable]
        + [messages.failure_text("VALUE_A"), messages.crashed_last_time_text()]
        + [messages.hold_limit_text(), messages.renewal_note(3)]
        + [messages.history_unavailable_text(), messages.demo_ready_text()]
    )


def test_a_chinese_window_shows_no_english_sentence(chinese):
    english = _english_sentences()
    for text in _every_message():
        assert not [s for s in english if s in text], text
        assert not _ENGLISH_WORDS.search(_NOT_ENGLISH.sub("", text)), text
        assert re.search(r"[\u4e00-\u9fff]", text), text
