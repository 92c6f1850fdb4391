"""The conversation's bubbles as a person sees and hears them: side and colour say who
spoke, a screen reader says it in words, each bubble copies, times show on hover, and
the colours follow light and dark."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAccessible, QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QStyleOptionViewItem

from desktop.realtime.session_events import Role, TranscriptInterrupted, TranscriptText
from desktop.ui import theme
from desktop.ui.bubble_delegate import COPY_SIZE, SIDE_MARGIN
from desktop.ui.transcript_view import TranscriptView

QUESTION = "上海今天天气怎么样？"
ANSWER = "It is sunny in Shanghai today, about twenty degrees."


def shown_view(qtbot, height):
    theme.apply_appearance("light")
    shown = TranscriptView()
    qtbot.addWidget(shown)
    shown.resize(520, height)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def view(qtbot):
    shown = shown_view(qtbot, 400)
    at = datetime(2026, 12, 2, 9, 30, 5).astimezone()
    shown.apply(TranscriptText(Role.USER, "u1", QUESTION, append=False, final=True), at)
    shown.apply(TranscriptText(Role.ASSISTANT, "a1", ANSWER[:10], append=True), at)
    shown.apply(TranscriptText(Role.ASSISTANT, "a1", ANSWER[10:], append=True), at)
    shown.apply(TranscriptInterrupted("a1"))
    yield shown
    theme.apply_appearance("light")


def _row_image(view, row):
    rect = view.visualRect(view.model().index(row, 0))
    return view.viewport().grab(rect).toImage(), rect


def _colour_at(image, x, y):
    return image.pixelColor(x * image.devicePixelRatio(), y * image.devicePixelRatio()).name()


def test_the_user_speaks_on_the_right_and_the_assistant_on_the_left(view, qtbot):
    qtbot.wait(50)
    user, rect = _row_image(view, 0)
    middle = rect.height() // 2
    colours = theme.LIGHT
    assert _colour_at(user, rect.width() - SIDE_MARGIN - 4, middle) == colours.user_bubble.name()
    assert _colour_at(user, SIDE_MARGIN + 4, middle) != colours.user_bubble.name()
    answer, rect = _row_image(view, 1)
    middle = rect.height() // 2
    assert _colour_at(answer, SIDE_MARGIN + 4, middle) == colours.assistant_bubble.name()
    # No name in the bubble itself.
    assert view.model().index(0, 0).data() == QUESTION
    assert view.model().index(1, 0).data() == ANSWER


def test_a_screen_reader_hears_who_said_what(view):
    listing = QAccessible.queryAccessibleInterface(view)
    names = [listing.child(i).text(QAccessible.Text.Name) for i in range(listing.childCount())]
    assert f"You: {QUESTION}" in names
    assert f"Assistant: {ANSWER} (interrupted)" in names
    assert view.accessibleName() == "Conversation"


def test_a_bubble_tells_its_time_on_hover(view):
    assert view.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "2026-12-02 09:30:05 · spoken"
    )


def test_the_copy_button_copies_that_bubble(view, qtbot):
    QGuiApplication.clipboard().clear()
    rect = view.visualRect(view.model().index(1, 0))
    # The assistant's bubble starts at the margin; its copy button sits in its top right.
    top_left = QPoint(SIDE_MARGIN + 8, rect.top() + rect.height() // 2)
    qtbot.mouseMove(view.viewport(), top_left)
    bubble_right = _bubble_right_edge(view, 1)
    button = QPoint(bubble_right - COPY_SIZE // 2 - 2, rect.top() + 3 + COPY_SIZE // 2 + 2)
    qtbot.mouseMove(view.viewport(), button)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=button)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == ANSWER)


def test_ctrl_c_copies_the_selected_turns_with_who_said_them(view, qtbot):
    QGuiApplication.clipboard().clear()
    view.setFocus()
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            QGuiApplication.clipboard().text()
            == f"You: {QUESTION}\n\nAssistant: {ANSWER} (interrupted)"
        )
    )


def test_the_bubbles_turn_dark_with_the_theme(view, qtbot):
    theme.apply_appearance("dark")
    view.viewport().update()
    qtbot.wait(50)
    assert QApplication.palette().window().color().lightness() < 128
    user, rect = _row_image(view, 0)
    colour = _colour_at(user, rect.width() - SIDE_MARGIN - 4, rect.height() // 2)
    assert colour == theme.DARK.user_bubble.name()


def _bubble_right_edge(view, row):
    """The last column of the row whose colour is the assistant's bubble."""
    image, rect = _row_image(view, row)
    middle = rect.height() // 2
    wanted = theme.current().assistant_bubble.name()
    right = SIDE_MARGIN
    for x in range(SIDE_MARGIN, rect.width()):
        if _colour_at(image, x, middle) == wanted:
            right = x
    return right


def test_an_answer_cut_off_before_its_words_arrived_shows_as_interrupted(qtbot):
    shown = TranscriptView()
    qtbot.addWidget(shown)
    shown.apply(TranscriptInterrupted("a2"))  # the audio ran ahead of the transcript
    shown.apply(TranscriptText(Role.ASSISTANT, "a2", "Once upon", append=True))
    assert shown.texts() == ["Assistant: Once upon (interrupted)"]


def test_the_menu_key_offers_copy_and_play_again_for_the_current_turn(view, qtbot):
    replayed: list[str] = []
    view.apply(TranscriptText(Role.ASSISTANT, "a1", "", append=True, final=True))
    view.offer_replay(lambda item_id: item_id == "a1")
    view.replay_requested.connect(replayed.append)
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))  # the answer; (0, 0) is the question
    offered: list[str] = []

    def choose_play_again():
        menu = next(m for m in view.findChildren(QMenu) if m.isVisible())
        offered.extend(a.text() for a in menu.actions() if a.text())
        next(a for a in menu.actions() if a.text() == "Play again").trigger()
        menu.close()

    QTimer.singleShot(50, choose_play_again)
    # What the Menu key or Shift+F10 sends: a context menu event with no mouse position.
    QApplication.sendEvent(
        view.viewport(),
        QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0)),
    )
    qtbot.waitUntil(lambda: replayed == ["a1"])
    assert offered == ["Copy", "Play again", "Select all"]


def test_what_was_not_heard_of_an_answer_is_struck_through_and_said(qtbot):
    shown = shown_view(qtbot, 300)
    shown.apply(TranscriptText(Role.ASSISTANT, "a1", ANSWER, append=True))
    heard = len("It is sunny in Shanghai")
    shown.apply(TranscriptInterrupted("a1", heard_chars=heard + 2))  # inside "today"
    qtbot.wait(50)  # the frame's update
    index = shown.model().index(0, 0)
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == (
        "Not heard: today, about twenty degrees."
    )
    assert shown.texts() == [f"Assistant: {ANSWER} (interrupted)"]
    # The unheard words are drawn in the quiet colour; an answer cut off where nobody
    # knows what was heard (kept from before) has only its footer in it.
    shown.apply(TranscriptText(Role.ASSISTANT, "a2", ANSWER, append=True))
    shown.apply(TranscriptInterrupted("a2"))
    qtbot.wait(50)

    def quiet_pixels(row):
        image, _ = _row_image(shown, row)
        quiet = theme.LIGHT.quiet_text.name()
        return sum(
            image.pixelColor(x, y).name() == quiet
            for x in range(image.width())
            for y in range(image.height())
        )

    assert quiet_pixels(0) > 2 * quiet_pixels(1)


def test_a_streaming_answer_grows_its_bubble_line_by_line_without_laying_out_every_word(qtbot):
    shown = shown_view(qtbot, 400)
    shown.apply(TranscriptText(Role.USER, "u1", QUESTION, append=False, final=True))
    layouts = []
    lay_out = shown.doItemsLayout
    shown.doItemsLayout = lambda: (layouts.append(1), lay_out())
    words = ("It is sunny in Shanghai today, about twenty degrees and a light breeze. " * 6).split()
    heights = []
    for number, word in enumerate(words):
        shown.apply(TranscriptText(Role.ASSISTANT, "a1", word + " ", append=number > 0))
        qtbot.wait(20)  # a frame: the delta is drawn
        row = shown.model().index(1, 0)
        needed = shown.delegate.sizeHint(QStyleOptionViewItem(), row).height()
        heights.append(shown.visualRect(row).height())
        assert heights[-1] == needed  # every line of it shows, none is cut off
    assert heights[-1] > heights[0] * 3  # it wrapped onto several lines as it grew
    assert len(layouts) < len(words) / 3  # only the words that began a line laid it out again
