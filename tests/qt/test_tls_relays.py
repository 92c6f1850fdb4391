"""A relay behind TLS on 127.0.0.1: an untrusted certificate is refused before anything is
sent, and a corporate authority is trusted when chosen in Settings or named by SSL_CERT_FILE."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from desktop.realtime.relay_api import list_models
from desktop.realtime.session_events import Link
from tests.qt.helpers import speak, transcript
from tests.support.certificates import issued_by_private_authority, self_signed
from tests.support.relay_double import GOOD_KEY


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (self_signed, "self-signed certificate"),
        (issued_by_private_authority, "unable to get local issuer certificate"),
    ],
)
def test_an_untrusted_certificate_is_refused_with_a_clear_message(
    qtbot, relay_window, tmp_path, make, reason
):
    certificate = make(tmp_path)
    parts = relay_window(tls=certificate.server_context())
    assert parts.relay.server.base_url.startswith("https://")
    qtbot.waitUntil(lambda: parts.controller.link is Link.FAILED, timeout=5000)
    text = parts.window.banner.text()
    assert "certificate is not trusted" in text and reason in text
    assert parts.window.banner.settings_button.isVisible()
    assert parts.relay.handshakes == []  # the key never left: TLS failed first


def test_a_ca_bundle_chosen_in_settings_is_trusted(qtbot, relay_window, speech, tmp_path):
    question, _ = speech
    certificate = issued_by_private_authority(tmp_path)
    parts = relay_window(tls=certificate.server_context())
    qtbot.waitUntil(lambda: parts.controller.link is Link.FAILED, timeout=5000)

    def choose_the_bundle():
        dialog = parts.window.findChild(QDialog)
        dialog.ca_bundle_edit.setText(str(certificate.authority))
        dialog.accept()

    QTimer.singleShot(100, choose_the_bundle)
    parts.window.open_settings()
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    assert parts.controller.settings.ca_bundle == str(certificate.authority)
    parts.window.activateWindow()  # Space talks while the window has focus
    qtbot.waitUntil(parts.window.isActiveWindow)
    speak(parts, question)
    qtbot.waitUntil(lambda: "晴天" in transcript(parts.window), timeout=5000)
    # The model list goes through the same trust.
    models = list_models(
        parts.relay.server.base_url, GOOD_KEY, ca_bundle=str(certificate.authority)
    )
    assert "gpt-realtime" in models


def test_a_missing_ca_bundle_is_a_settings_problem_not_a_crash(qtbot, relay_window, tmp_path):
    parts = relay_window(settings_options={"ca_bundle": str(tmp_path / "gone.pem")})
    qtbot.waitUntil(lambda: parts.controller.link is Link.FAILED, timeout=5000)
    assert "gone.pem cannot be used" in parts.window.banner.text()
    assert parts.window.banner.settings_button.isVisible()


def test_ssl_cert_file_is_honoured(qtbot, relay_window, speech, tmp_path, monkeypatch):
    question, _ = speech
    certificate = issued_by_private_authority(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.authority))
    parts = relay_window(tls=certificate.server_context())
    qtbot.waitUntil(lambda: parts.controller.link is Link.READY, timeout=5000)
    speak(parts, question)
    qtbot.waitUntil(lambda: "晴天" in transcript(parts.window), timeout=5000)
    assert "gpt-realtime" in list_models(parts.relay.server.base_url, GOOD_KEY)
