"""Listening to the virtual speaker from inside the test process, with a time per sample."""

from __future__ import annotations

import os
import threading
import time

import numpy as np

from desktop.api_facts import RATE


class SpeakerMonitor:
    """Records the virtual speaker (spk.monitor) with a perf_counter time for every block."""

    BLOCK = 240

    def __init__(self, pyaudio_module) -> None:
        # The ALSA pulse plugin reads PULSE_SOURCE when a stream opens; set it only for ours.
        os.environ["PULSE_SOURCE"] = "spk.monitor"
        try:
            self._pa = pyaudio_module.PyAudio()
            self._blocks: list[tuple[float, bytes]] = []
            self._lock = threading.Lock()
            self._stream = self._pa.open(
                format=pyaudio_module.paInt16,
                channels=1,
                rate=RATE,
                input=True,
                frames_per_buffer=self.BLOCK,
                stream_callback=self._callback,
            )
            self.latency = self._stream.get_input_latency()
        finally:
            del os.environ["PULSE_SOURCE"]

    def _callback(self, data, frames, _info, _status):
        with self._lock:
            self._blocks.append((time.perf_counter(), data))
        return None, 0

    def recording(self) -> tuple[np.ndarray, np.ndarray]:
        """(samples, the perf_counter time at which each sample reached the speaker)."""
        with self._lock:
            blocks = list(self._blocks)
        samples = np.frombuffer(b"".join(b for _, b in blocks), np.int16)
        times = (
            np.concatenate(
                [
                    arrival - self.latency - (len(b) // 2 - np.arange(len(b) // 2)) / RATE
                    for arrival, b in blocks
                ]
            )
            if blocks
            else np.zeros(0)
        )
        return samples, times

    def close(self) -> None:
        self._stream.stop_stream()
        self._stream.close()
        self._pa.terminate()
