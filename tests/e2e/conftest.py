"""Real devices: PulseAudio's virtual microphone and speaker, the private X server and
Secret Service that scripts/test starts. Outside scripts/test these would be the user's
own, so the tests refuse to run there."""

from __future__ import annotations

import os

import pytest

if not os.environ.get("REALTIME_DESKTOP_TEST_SERVICES"):
    pytest.skip(
        "needs the private X server, PulseAudio and keyring of scripts/test",
        allow_module_level=True,
    )

from tests.e2e.helpers import conversation  # noqa: F401  (a fixture)
from tests.support.speaker_monitor import SpeakerMonitor


@pytest.fixture
def speaker_monitor():
    import pyaudio

    monitor = SpeakerMonitor(pyaudio)
    yield monitor
    monitor.close()
