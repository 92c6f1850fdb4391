"""The sidebar as it looks: each conversation's title with when and with which model under
it, and the open one on a background of its own in both themes, its title readable."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from desktop.conversations import Listed
from desktop.ui import theme
from desktop.ui.conversation_delegate import SUBTITLE_ROLE
from desktop.ui.conversation_list import ConversationList


@pytest.fixture(params=["light", "dark"])
def sidebar(qtbot, request):
    colours = theme.apply_appearance(request.param)
    shown = ConversationList()
    shown.setStyleSheet(theme.stylesheet(colours))
    qtbot.addWidget(shown)
    shown.resize(220, 300)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    shown.show_conversations(
        [
            Listed("c1", "上海今天天气怎么样？", now, "gpt-realtime"),
            Listed("c2", "Dinner", now, "m"),
        ],
        current_id="c1",
    )
    shown.show()
    qtbot.waitExposed(shown)
    yield shown, colours
    theme.apply_appearance("light")


def test_each_row_says_when_and_with_which_model(sidebar):
    shown, _ = sidebar
    item = shown.list.item(0)
    assert item.text() == "上海今天天气怎么样？"
    time, model = item.data(SUBTITLE_ROLE).split(" · ")
    assert model == "gpt-realtime"
    assert ":" in time  # active today: the time, not a date


def test_the_open_conversation_stands_out_and_stays_readable(sidebar, qtbot):
    shown, colours = sidebar
    qtbot.wait(50)
    rect = shown.list.visualItemRect(shown.list.item(0))
    image = shown.list.viewport().grab(rect).toImage()
    ratio = image.devicePixelRatio()
    background = image.pixelColor(int(rect.width() // 2 * ratio), int(2 * ratio))
    assert background.name() == colours.row_selected.name()
    # Some pixels of the title are drawn in the text colour, not lost in the background.
    texts = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 1)
        for y in range(0, image.height() // 2)
    }
    assert colours.bubble_text.name() in texts
    other = shown.list.viewport().grab(shown.list.visualItemRect(shown.list.item(1))).toImage()
    assert other.pixelColor(int(rect.width() // 2 * ratio), int(2 * ratio)) != background
