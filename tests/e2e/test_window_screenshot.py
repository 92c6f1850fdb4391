"""The real window on the X server, mid-conversation, as a person sees it.

`scripts/screenshot` runs this with SCREENSHOT_DIR set and keeps the picture.
"""

from __future__ import annotations

import os

import pyaudio
import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.config import SecretStore, Settings
from tests.e2e.helpers import speak_into_microphone, write_wav
from tests.support.app_under_test import open_app
from tests.support.fakes import MemoryKeyring
from tests.support.relay_double import GOOD_KEY, RelayDouble, scripted_reply

ANSWER = "It is sunny and warm today — 上海今天晴，大约二十度。"


def glyph(font, char):
    image = QImage(48, 48, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor(0, 0, 0))
    painter.drawText(4, 38, char)
    painter.end()
    return bytes(image.constBits())


def test_chinese_renders_as_text_not_boxes(qtbot, conversation):
    _, _, window = conversation("gpt-realtime")
    font = window.transcript.font()
    tofu = glyph(font, "\U000f0000")  # a private-use code point no font has
    glyphs = [glyph(font, c) for c in "按住说话"]
    assert len(set(glyphs)) == 4 and tofu not in glyphs


def test_screenshot_mid_conversation(qtbot, tmp_path, speech, conversation):
    question, _ = speech
    relay, controller, window = conversation("gpt-realtime", pace=1.0, answer_text=ANSWER)
    window.resize(640, 560)
    speak_into_microphone(qtbot, relay, write_wav(tmp_path / "q.wav", question), question)
    # Mid-answer: the user's words are in, the assistant's are still streaming.
    qtbot.waitUntil(
        lambda: "上海今天天气怎么样？" in "\n".join(window.transcript.texts()), timeout=10000
    )
    qtbot.waitUntil(lambda: "上海今天晴" in "\n".join(window.transcript.texts()), timeout=10000)
    assert controller.playback.queued_ms > 0 or controller.playback.frames_played > 0

    shot = window.screen().grabWindow(window.winId())  # from the X server's framebuffer
    out = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
    path = os.path.join(out, "conversation.png")
    assert shot.save(path)
    assert shot.width() >= 600 and shot.height() >= 500
    print(f"\nscreenshot: {path}")


@pytest.mark.parametrize(
    ("name", "relay_options", "model", "words"),
    [
        (
            "wrong-key",
            {"keys": ("sk-someone-else",)},
            "gpt-realtime",
            "did not accept your API key",
        ),
        ("unknown-model", {}, "gpt-5-realtime-typo", "does not offer this model"),
        (
            "no-quota",
            {"after_upgrade_error": ("insufficient_user_quota", "用户额度不足，剩余额度：¥0.00")},
            "gpt-realtime",
            "quota is used up",
        ),
    ],
)
def test_screenshots_of_failures(qtbot, tmp_path, speech, name, relay_options, model, words):
    """What a user sees when something is wrong: advice, the relay's words, the request id."""
    _, answer = speech
    relay = RelayDouble(scripted_reply(answer.tobytes(), "", ""), **relay_options)
    relay.start()
    secrets = SecretStore(MemoryKeyring())
    secrets.set(GOOD_KEY)
    running = open_app(
        Settings(base_url=relay.server.base_url, model=model),
        secrets,
        pyaudio.PyAudio,
        qtbot.waitUntil,
        focus=False,
    )
    window, controller = running.window, running.controller
    qtbot.addWidget(window)
    try:
        window.resize(640, 420)
        qtbot.waitExposed(window)
        controller.connect_session()
        qtbot.waitUntil(lambda: words in window.banner.text(), timeout=10000)
        qtbot.wait(100)  # let the banner's layout settle before the picture
        shot = window.screen().grabWindow(window.winId())
        out = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
        assert shot.save(os.path.join(out, f"failure-{name}.png"))
    finally:
        running.stop()
        relay.stop()


KEPT = (
    ("周末去杭州的计划", "我们可以周六早上出发，先去西湖。"),
    ("Pronunciation practice", "Let's practise the vowel sounds in 'ship' and 'sheep'."),
    ("What should I cook tonight?", "How about a tomato and egg stir-fry? It takes ten minutes."),
)


@pytest.fixture
def language(request, qapp):
    """English, or the translators a Chinese desktop gets, for the length of one test."""
    from PySide6.QtCore import QLocale, QTranslator

    from desktop.app import install_translators

    before = set(qapp.findChildren(QTranslator))
    if request.param == "zh":
        install_translators(qapp, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield request.param
    for translator in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize("appearance", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "zh"], indirect=True)
def test_screenshot_with_kept_conversations(
    qtbot, tmp_path, speech, monkeypatch, language, appearance
):
    """The sidebar of kept conversations beside a conversation going on, in both languages
    and both themes."""
    from desktop.app import keep_conversations
    from desktop.history.store import HistoryStore, default_path
    from desktop.ui import theme

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = HistoryStore(default_path())
    for title, answer_text in KEPT:
        talk = store.start_conversation("gpt-realtime", "https://api.xiexus.cn")
        store.write_text(talk, "u1", "user", title, append=False, final=True)
        store.write_text(talk, "a1", "assistant", answer_text, append=False, final=True)
    store.close()
    question, answer = speech
    relay = RelayDouble(scripted_reply(answer.tobytes(), ANSWER, "上海今天天气怎么样？"), pace=1.0)
    relay.start()
    secrets = SecretStore(MemoryKeyring())
    secrets.set(GOOD_KEY)
    running = open_app(
        Settings(base_url=relay.server.base_url, model="gpt-realtime", appearance=appearance),
        secrets,
        pyaudio.PyAudio,
        qtbot.waitUntil,
    )
    window = running.window
    qtbot.addWidget(window)
    try:
        assert theme.current().dark == (appearance == "dark")
        keep_conversations(running)
        pane = window.history_pane
        assert pane is not None
        window.resize(860, 560)
        running.controller.connect_session()
        qtbot.waitUntil(lambda: running.controller.link.value == "ready", timeout=10000)
        speak_into_microphone(qtbot, relay, write_wav(tmp_path / "q.wav", question), question)
        qtbot.waitUntil(lambda: "上海今天晴" in "\n".join(window.transcript.texts()), timeout=10000)
        qtbot.waitUntil(lambda: pane.sidebar.list.count() == 4, timeout=10000)
        shot = window.screen().grabWindow(window.winId())
        out = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
        assert shot.save(os.path.join(out, f"conversations-{language}-{appearance}.png"))
        assert pane.sidebar.list.item(0).text() == "上海今天天气怎么样？"
        # The window's own colour says which theme it is in.
        background = shot.toImage().pixelColor(4, shot.height() // 2)
        assert (background.lightness() < 128) == (appearance == "dark")
    finally:
        running.stop()
        relay.stop()
        theme.apply_appearance("light")


@pytest.mark.parametrize("language", ["en", "zh"], indirect=True)
def test_screenshot_of_what_it_costs(qtbot, tmp_path, speech, monkeypatch, language):
    """A finished answer with its tokens, cost and waterfall on hover, the conversation's
    cost in the header, and View ▸ Usage."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QToolTip

    from desktop.app import keep_conversations

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    question, answer = speech
    # A model that thinks for a fifth of a second, as real ones do before their first words.
    relay = RelayDouble(
        scripted_reply(answer.tobytes(), ANSWER, "上海今天天气怎么样？"), thinks_s=0.2
    )
    relay.start()
    secrets = SecretStore(MemoryKeyring())
    secrets.set(GOOD_KEY)
    running = open_app(
        Settings(base_url=relay.server.base_url, model="gpt-realtime"),
        secrets,
        pyaudio.PyAudio,
        qtbot.waitUntil,
    )
    window = running.window
    qtbot.addWidget(window)
    out = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
    try:
        keep_conversations(running)
        window.resize(860, 560)
        running.controller.connect_session()
        qtbot.waitUntil(lambda: running.controller.link.value == "ready", timeout=10000)
        speak_into_microphone(qtbot, relay, write_wav(tmp_path / "q.wav", question), question)
        qtbot.waitUntil(lambda: window.model_bar.spent_label.isVisible(), timeout=15000)
        view = window.transcript
        # Heard through the virtual speaker: the answer's waterfall joins its cost. The
        # header shows a cost once the question's transcription is priced, which may come
        # before the answer's own usage (response.done): that is waited for too.
        qtbot.waitUntil(lambda: view.bubbles()[1].latency is not None, timeout=15000)
        qtbot.waitUntil(lambda: view.bubbles()[1].spent is not None, timeout=15000)
        answer_index = view.model().index(1, 0)
        tip = answer_index.data(Qt.ItemDataRole.ToolTipRole)
        assert "token" in tip and "<table" in tip
        where = view.viewport().mapToGlobal(view.visualRect(answer_index).center())
        QToolTip.showText(where + QPoint(8, 8), tip, view)
        qtbot.waitUntil(QToolTip.isVisible)
        qtbot.wait(100)
        frame = window.frameGeometry()
        screen = window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        assert screen.save(os.path.join(out, f"cost-{language}.png"))
        QToolTip.hideText()
        pane = window.history_pane
        assert pane is not None
        pane.show_usage()
        usage = pane.usage_view
        assert usage is not None
        qtbot.waitExposed(usage)
        qtbot.waitUntil(lambda: usage.tables["day"].topLevelItemCount() == 1)
        qtbot.wait(100)
        assert usage.grab().save(os.path.join(out, f"usage-{language}.png"))
    finally:
        running.stop()
        relay.stop()


@pytest.mark.parametrize("language", ["en", "zh"], indirect=True)
def test_screenshot_of_an_interrupted_answer(qtbot, tmp_path, speech, conversation, language):
    """An answer cut off after a second of it: what was not heard is struck through."""
    from desktop.api_facts import RATE
    from tests.support.keys import QtKeys

    question, _ = speech
    words = "It is sunny and warm today, about twenty degrees, with a light breeze."
    # Three times faster than it plays: more of the transcript arrives than is heard.
    relay, controller, window = conversation("gpt-realtime", pace=3.0, answer_text=words)
    window.resize(640, 420)
    speak_into_microphone(qtbot, relay, write_wav(tmp_path / "q.wav", question), question)
    qtbot.waitUntil(lambda: controller.playback.frames_played >= RATE, timeout=10000)
    QtKeys().press()
    qtbot.waitUntil(lambda: any(b.interrupted for b in window.transcript.bubbles()))
    QtKeys().release()
    (cut,) = [b for b in window.transcript.bubbles() if b.interrupted]
    assert window.transcript.model_.unheard(cut).strip()
    qtbot.wait(100)
    shot = window.screen().grabWindow(window.winId())
    out = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
    assert shot.save(os.path.join(out, f"interrupted-{language}.png"))


@pytest.mark.parametrize("language", ["en", "zh"], indirect=True)
def test_screenshot_of_the_event_inspector(qtbot, tmp_path, speech, conversation, language):
    """View ▸ Events after a spoken turn, the answer's response.done picked."""
    question, _ = speech
    relay, _, window = conversation("gpt-realtime")
    window.menu_actions["events"].trigger()
    inspector = window.events
    qtbot.waitExposed(inspector)
    speak_into_microphone(qtbot, relay, write_wav(tmp_path / "q.wav", question), question)
    qtbot.waitUntil(
        lambda: any(e.type == "response.done" for e in inspector.table.events), timeout=15000
    )
    done = next(e for e in inspector.table.events if e.type == "response.done")
    inspector.view.selectRow(inspector.table.events.index(done))
    assert "usage" in inspector.detail.toPlainText()
    assert GOOD_KEY not in inspector.detail.toPlainText()
    qtbot.wait(300)
    out = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
    assert inspector.grab().save(os.path.join(out, f"events-{language}.png"))
