"""The real window and controller against the relay double (audio devices are fakes here;
tests/e2e runs the same conversation through real PulseAudio devices)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.audio.pcm import CHUNK_FRAMES
from desktop.audio.playback_buffer import PlaybackStats
from desktop.realtime.session_events import Link
from desktop.ui.diagnostics_view import DiagnosticsView
from tests.qt.helpers import speak, transcript
from tests.support.keys import QtKeys


def test_holding_space_makes_one_turn_and_both_transcripts_appear(qtbot, app_parts, speech):
    question, answer = speech
    window = app_parts.build()
    app_parts.wait_ready()
    assert window.model_bar.link_label.text() == "Connected"

    speak(app_parts, question)

    qtbot.waitUntil(lambda: "about twenty degrees." in transcript(window), timeout=10000)
    qtbot.waitUntil(lambda: "上海今天天气怎么样？" in transcript(window), timeout=10000)
    lines = window.transcript.texts()
    assert lines[0].startswith("You: 上海") and lines[1].startswith("Assistant: It is sunny")
    assert len(app_parts.relay.turns) == 1
    assert app_parts.relay.turns[0][: len(question.tobytes())] == question.tobytes()
    qtbot.waitUntil(
        lambda: app_parts.controller.playback.queued_ms >= len(answer) * 1000 // 24000 - 1
    )


def test_key_autorepeat_never_splits_a_hold(qtbot, app_parts, speech):
    question, _ = speech
    app_parts.build()
    app_parts.wait_ready()
    speak(app_parts, question[:12000], release=False)
    keys = QtKeys(app_parts.window)
    for _ in range(5):  # what the OS sends while a key is held down
        keys.release(autorepeat=True)
        keys.press(autorepeat=True)
    speak(app_parts, question[12000:], press=False)
    qtbot.waitUntil(lambda: len(app_parts.relay.turns) == 1, timeout=5000)
    qtbot.wait(200)
    sent = [e["type"] for e in app_parts.relay.received]
    assert sent.count("input_audio_buffer.commit") == 1
    assert sent.count("input_audio_buffer.clear") == 1


def test_a_short_tap_sends_nothing_and_says_why(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build()
    app_parts.wait_ready()
    speak(app_parts, question[:960])  # 40 ms
    qtbot.waitUntil(lambda: "too short" in window.statusBar().currentMessage())
    assert "input_audio_buffer.commit" not in [e["type"] for e in app_parts.relay.received]


def test_the_talk_button_works_like_space(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build()
    app_parts.wait_ready()
    qtbot.mousePress(window.talk_button, Qt.MouseButton.LeftButton)
    assert window.talk_button.text().startswith("Listening")
    speak(app_parts, question, press=False, release=False)
    qtbot.mouseRelease(window.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(app_parts.relay.turns) == 1, timeout=5000)
    assert window.talk_button.text().startswith("Hold to talk")


def test_pressing_during_the_answer_silences_it_and_truncates_at_what_was_heard(
    qtbot, app_parts, speech
):
    question, answer = speech
    window = app_parts.build()
    app_parts.wait_ready()
    speak(app_parts, question)
    buffer = app_parts.controller.playback
    qtbot.waitUntil(lambda: buffer.queued_ms >= len(answer) * 1000 // 24000 - 1, timeout=10000)
    speaker = app_parts.pa.output_stream()
    for _ in range(50):  # one second handed to the device
        speaker.feed(bytes(CHUNK_FRAMES * 2))

    speak(app_parts, question[:2400], release=False)

    assert buffer.queued_ms == 0
    assert not speaker.active  # aborted: what the device held is dropped, not played out
    assert speaker.pull(CHUNK_FRAMES) == bytes(CHUNK_FRAMES * 2)  # nothing left, not even a fade
    qtbot.waitUntil(
        lambda: any(e["type"] == "conversation.item.truncate" for e in app_parts.relay.received)
    )
    truncate = next(
        e for e in app_parts.relay.received if e["type"] == "conversation.item.truncate"
    )
    # Handed to the device (one second) minus what the device still held.
    assert truncate["audio_end_ms"] == 1000 - 40
    qtbot.waitUntil(lambda: "(interrupted)" in transcript(window))


def test_a_wrong_key_says_so_with_the_relays_words(qtbot, app_parts):
    window = app_parts.build(key="sk-wrong")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10000)
    text = window.banner.text()
    assert "did not accept your API key" in text
    assert "HTTP 401" in text and "无效的令牌" in text and "request id" in text
    assert window.banner.settings_button.isVisible()
    assert "sk-wrong" not in text
    assert window.model_bar.link_label.text() == "Could not connect"


def test_an_unknown_model_says_so(qtbot, app_parts):
    window = app_parts.build()
    app_parts.wait_ready()
    window.model_bar.combo.setCurrentText("gpt-unknown-model")
    window.model_bar.combo.lineEdit().editingFinished.emit()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10000)
    assert "does not offer this model" in window.banner.text()
    assert app_parts.store.load().model == "gpt-unknown-model"


def test_a_dropped_connection_keeps_the_conversation_and_reconnects(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build()
    app_parts.wait_ready()
    speak(app_parts, question)
    qtbot.waitUntil(lambda: "about twenty degrees." in transcript(window), timeout=10000)
    qtbot.waitUntil(lambda: "上海今天天气怎么样？" in transcript(window), timeout=10000)
    before = transcript(window)

    app_parts.relay.drop_connections()

    qtbot.waitUntil(lambda: app_parts.controller.link is Link.LOST, timeout=10000)
    assert "connection was dropped" in window.banner.text()
    assert window.banner.reconnect_button.isVisible()
    assert transcript(window) == before
    qtbot.mouseClick(window.banner.reconnect_button, Qt.MouseButton.LeftButton)
    app_parts.wait_ready()
    assert not window.banner.isVisible()
    assert transcript(window) == before


def test_no_microphone_is_explained_and_the_app_keeps_running(qtbot, app_parts):
    app_parts.pa.fail_input = True
    window = app_parts.build()
    app_parts.wait_ready()
    qtbot.mousePress(window.talk_button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.talk_button, Qt.MouseButton.LeftButton)
    assert "No microphone" in window.banner.text()
    assert app_parts.controller.link is Link.READY


def test_without_a_key_the_window_opens_and_asks_for_one(qtbot, app_parts):
    window = app_parts.build(key=None, connect=False)
    window.show_missing_key()
    assert "Enter your API key" in window.banner.text()
    assert window.banner.settings_button.isVisible()
    assert not window.banner.reconnect_button.isVisible()


def test_talking_without_a_key_asks_for_one(qtbot, app_parts):
    window = app_parts.build(key=None, connect=False)
    qtbot.mousePress(window.talk_button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.talk_button, Qt.MouseButton.LeftButton)
    assert "Enter your API key" in window.banner.text()
    assert app_parts.controller.link is Link.FAILED
    assert app_parts.relay.handshakes == []  # nothing was sent anywhere


def test_the_meters_rest_in_silence_and_wake_for_a_turn(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build()
    app_parts.wait_ready()
    qtbot.waitUntil(lambda: not window.meters.active, timeout=5000)  # idle: no polling
    speak(app_parts, question[:24000], release=False)
    assert window.meters.active
    qtbot.waitUntil(lambda: window.input_meter.value() > 50)
    QtKeys(window).release()
    qtbot.waitUntil(lambda: not window.meters.active, timeout=5000)
    assert window.input_meter.value() == 0 and window.output_meter.value() == 0


def test_levels_and_buffer_health_are_visible(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build()
    app_parts.wait_ready()
    speak(app_parts, question[:24000], release=False)  # a second of loud speech, key held
    qtbot.waitUntil(lambda: window.input_meter.value() > 50)
    QtKeys(window).release()
    qtbot.waitUntil(lambda: window.input_meter.value() == 0)  # not talking: no level
    window.menu_actions["diagnostics"].trigger()  # View ▸ Diagnostics
    assert window.diagnostics is not None
    figures = window.diagnostics.buffer_label
    qtbot.waitUntil(lambda: "underrun" in figures.text())
    assert "prebuffer 40 ms" in figures.text()


def test_the_underrun_count_reads_as_english(qtbot):
    view = DiagnosticsView()
    qtbot.addWidget(view)
    for count, words in ((0, "0 underruns"), (1, "1 underrun"), (3, "3 underruns")):
        view.show_buffer(PlaybackStats(queued_ms=70, prebuffer_ms=80, underruns=count))
        assert view.buffer_label.text() == f"70 ms queued (prebuffer 80 ms) · {words}"


def test_a_microphone_unplugged_mid_turn_is_reported_and_comes_back(qtbot, app_parts, speech):
    question, _ = speech
    window = app_parts.build()
    app_parts.wait_ready()
    speak(app_parts, question[:4800], release=False)
    app_parts.pa.input_stream().active = False  # PortAudio stopped the stream
    qtbot.waitUntil(lambda: "No microphone" in window.banner.text(), timeout=5000)
    assert "stopped or was disconnected" in window.banner.text()
    assert not app_parts.controller.talking
    assert app_parts.controller.link is Link.READY  # the session survives
    qtbot.waitUntil(
        lambda: "audio device is back" in window.statusBar().currentMessage(), timeout=5000
    )
    speak(app_parts, question)
    qtbot.waitUntil(lambda: len(app_parts.relay.turns) >= 1, timeout=5000)


def test_a_microphone_gone_while_it_rested_is_reported_at_the_next_press(qtbot, app_parts):
    window = app_parts.build()
    app_parts.wait_ready()
    audio = app_parts.controller.audio
    audio.microphone.rest()  # a long quiet: both streams stop, and nothing watches them
    audio.speaker.cut()
    app_parts.pa.input_stream().gone = True  # unplugged meanwhile
    QtKeys(window).press()
    qtbot.waitUntil(lambda: "No microphone" in window.banner.text(), timeout=5000)
    assert not app_parts.controller.talking
    assert app_parts.controller.link is Link.READY


def test_the_model_picker_offers_what_the_relay_has(qtbot, app_parts):
    from tests.support.relay_double import MODELS

    window = app_parts.build()
    app_parts.wait_ready()
    # After the first connection the relay is asked once, without reconnecting.
    qtbot.waitUntil(lambda: app_parts.store.load().known_models != "", timeout=10000)
    offered = [window.model_bar.combo.itemText(i) for i in range(window.model_bar.combo.count())]
    assert offered == sorted(MODELS)
    assert window.model_bar.combo.currentText() == "gpt-realtime"
    assert len(app_parts.relay.handshakes) == 2  # the socket and one model list
    assert app_parts.controller.link is Link.READY
    qtbot.mouseClick(window.model_bar.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(app_parts.relay.handshakes) == 3, timeout=10000)


def test_on_first_use_the_first_session_asks_for_a_model_the_relay_offers(qtbot, app_parts):
    from desktop import appinfo

    window = app_parts.build(model=appinfo.DEFAULT_MODEL, connect=False)
    window.start_conversation()
    app_parts.wait_ready()
    paths = [request.path for request in app_parts.relay.handshakes]
    assert paths[0] == "/v1/models"  # asked before the first session
    assert paths[1].startswith("/v1/realtime?model=gpt-realtime")
    assert "model=gpt-realtime&" in paths[1] + "&"
    assert window.model_bar.combo.currentText() == "gpt-realtime"
    assert app_parts.store.load().model == "gpt-realtime"  # kept for the next start


def test_a_chosen_model_is_kept_on_first_use(qtbot, app_parts):
    window = app_parts.build(model="gpt-4o-mini-realtime-preview", connect=False)
    window.start_conversation()
    app_parts.wait_ready()
    assert app_parts.relay.handshakes[-1].path.endswith("model=gpt-4o-mini-realtime-preview")
    assert window.model_bar.combo.currentText() == "gpt-4o-mini-realtime-preview"
