"""The real window on the X server, mid-conversation, as a person sees it.

`scripts/screenshot` runs this with SCREENSHOT_DIR set and keeps the picture.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QColor, QImage, QPainter

from tests.e2e.helpers import speak_into_microphone, write_wav

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
