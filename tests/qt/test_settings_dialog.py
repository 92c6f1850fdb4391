from __future__ import annotations

import keyring.backends.fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from desktop.config import SecretStore, Settings, SettingsStore
from desktop.realtime.session_events import Link
from desktop.ui.settings_dialog import SettingsDialog

SECRET = "sk-typed-in-settings-0987654321"


def test_the_key_goes_to_the_keyring_and_nowhere_else(qtbot, memory_keyring, tmp_path):
    secrets = SecretStore(memory_keyring)
    dialog = SettingsDialog(Settings(), secrets)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.key_edit, SECRET)
    dialog.base_url_edit.setText("https://relay.example")
    dialog.model_combo.setCurrentText("gpt-realtime")
    dialog.voice_combo.setCurrentText("marin")
    dialog.instructions_edit.setPlainText("请用中文回答。")
    dialog.accept()

    assert secrets.get() == SECRET
    assert dialog.key_edit.text() == ""
    settings = dialog.settings()
    assert settings == Settings("https://relay.example", "gpt-realtime", "marin", "请用中文回答。")
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(settings)
    assert SECRET not in (tmp_path / "settings.ini").read_text(encoding="utf-8")


def test_an_empty_key_field_keeps_the_saved_key(qtbot, memory_keyring):
    secrets = SecretStore(memory_keyring)
    secrets.set(SECRET)
    dialog = SettingsDialog(Settings(), secrets)
    qtbot.addWidget(dialog)
    assert "Leave empty" in dialog.key_status.text()
    dialog.accept()
    assert secrets.get() == SECRET


def test_without_a_keyring_the_key_is_for_this_run_only(qtbot):
    secrets = SecretStore(keyring.backends.fail.Keyring())
    dialog = SettingsDialog(Settings(), secrets)
    qtbot.addWidget(dialog)
    assert "No system keyring" in dialog.key_status.text()
    qtbot.keyClicks(dialog.key_edit, SECRET)
    dialog.accept()
    assert dialog.key_for_this_run() == SECRET


def test_settings_from_the_window_reconnect_with_the_new_key(qtbot, app_parts):
    from tests.support.relay_double import GOOD_KEY

    window = app_parts.build(key="sk-wrong")
    qtbot.waitUntil(lambda: app_parts.controller.link is Link.FAILED, timeout=10000)

    def fill_in():
        dialog = window.findChild(QDialog)
        dialog.key_edit.setText(GOOD_KEY)
        dialog.accept()

    QTimer.singleShot(100, fill_in)
    window.open_settings()
    app_parts.wait_ready()
    assert not window.banner.isVisible()


def test_devices_are_picked_and_remembered_by_name(qtbot, memory_keyring):
    settings = Settings(input_device="Old USB Mic")
    dialog = SettingsDialog(
        settings, SecretStore(memory_keyring), ["Built-in Microphone"], ["Speakers"]
    )
    qtbot.addWidget(dialog)
    # The remembered device is unplugged: it stays selected and says so.
    assert dialog.input_combo.currentText() == "Old USB Mic (not connected)"
    assert dialog.output_combo.currentText() == "System default"
    dialog.input_combo.setCurrentIndex(dialog.input_combo.findText("Built-in Microphone"))
    dialog.output_combo.setCurrentIndex(dialog.output_combo.findText("Speakers"))
    dialog.accept()
    chosen = dialog.settings()
    assert (chosen.input_device, chosen.output_device) == ("Built-in Microphone", "Speakers")


def test_check_connection_answers_in_plain_words(qtbot, app_parts):
    from tests.support.relay_double import GOOD_KEY

    window = app_parts.build(key=None, connect=False)
    dialog = SettingsDialog(
        window._controller.settings, app_parts.secrets, relay=window._relay_checks
    )
    qtbot.addWidget(dialog)
    dialog.key_edit.setText(GOOD_KEY)  # typed, not saved yet: the check uses it
    dialog.model_combo.setCurrentText("gpt-4o-realtime-preview")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "handshake" in dialog.check_result.text(), timeout=10000)
    text = dialog.check_result.text()
    assert "✓ Relay reachable" in text and "✓ Key accepted" in text
    assert "✓ Model gpt-4o-realtime-preview accepted, beta protocol" in text
    assert "✓ Your words will be transcribed" in text
    assert app_parts.secrets.get() is None  # checking does not save the key
    dialog.key_edit.setText("sk-wrong")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "✗ Key refused" in dialog.check_result.text(), timeout=10000)
    assert "did not accept your API key" in dialog.check_result.text()


def test_the_global_shortcut_is_recorded_changed_and_turned_off(qtbot, memory_keyring, tmp_path):
    from PySide6.QtGui import QKeySequence

    from desktop.input.shortcut import Unavailable

    secrets = SecretStore(memory_keyring)
    dialog = SettingsDialog(Settings(), secrets)
    qtbot.addWidget(dialog)
    assert dialog.shortcut_check.isChecked()
    assert dialog.settings().global_shortcut == "Ctrl+Alt+Space"
    dialog.shortcut_edit.setFocus()
    qtbot.keyClick(
        dialog.shortcut_edit,
        Qt.Key.Key_F9,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert dialog.shortcut_edit.keySequence() == QKeySequence("Ctrl+Shift+F9")
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(dialog.settings())
    assert store.load().global_shortcut == "Ctrl+Shift+F9"

    dialog.shortcut_check.setChecked(False)
    assert not dialog.shortcut_edit.isEnabled()
    store.save(dialog.settings())
    assert store.load().global_shortcut == ""

    taken = SettingsDialog(store.load(), secrets, shortcut_problem=Unavailable.TAKEN)
    qtbot.addWidget(taken)
    assert taken.shortcut_status.text() == ""  # off: nothing to complain about
    taken = SettingsDialog(Settings(), secrets, shortcut_problem=Unavailable.TAKEN)
    qtbot.addWidget(taken)
    assert "already used by another program" in taken.shortcut_status.text()
