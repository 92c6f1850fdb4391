"""Background threads must never emit on an object Qt has already deleted."""

from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import QObject

from desktop.config import Settings
from desktop.relay_checks import RelayChecks


# Emitting on a deleted object raises in the worker ("Signal source has been deleted") or,
# when the deletion races the emit, crashes the process: either fails this test.
@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_model_request_that_outlives_its_owner_is_harmless(qtbot):
    # A relay that accepts the request and answers only after its owner is gone.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    release = threading.Event()

    def answer_late():
        conn, _ = server.accept()
        release.wait(5)
        conn.close()  # the request fails; the worker emits its (empty) result

    threading.Thread(target=answer_late, daemon=True).start()
    owner = QObject()
    checks = RelayChecks(
        lambda: "sk-test",
        lambda: Settings(base_url=f"http://127.0.0.1:{server.getsockname()[1]}"),
        owner,
    )
    results: list[object] = []
    checks.models_listed.connect(results.append)
    checks.refresh_models()
    worker = next(t for t in threading.enumerate() if t.name == "relay-task")

    owner.deleteLater()  # the window closed, the controller went with it
    qtbot.waitUntil(lambda: not _alive(checks), timeout=2000)
    release.set()
    worker.join(5)
    qtbot.wait(50)  # deliver whatever the worker posted: nothing may crash
    assert not worker.is_alive()
    assert results == []
    server.close()


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True
