"""The audio archive: each turn's sound (what the user said, what the assistant answered) as
a FLAC file in the data folder, named after the turn's key in the history.

Audio arrives on the microphone's and the socket's threads, which must never wait on a
disk: they only queue it, and one writer thread of the archive's own encodes and writes.
Everything the archive is asked (appending, finishing, renaming, removing) goes through
that one queue, so it happens in the order it was asked, whichever thread asked. A clip
is listed (`has`) once its file is finished; one cut off by a crash is left unlisted.
"""

from __future__ import annotations

import logging
import queue
import re
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from desktop import appinfo
from desktop.api_facts import RATE

if TYPE_CHECKING:
    import soundfile

log = logging.getLogger(__name__)

AUDIO_FOLDER = "audio"
SUFFIX = ".flac"
_FLUSH_TIMEOUT_S = 5.0
# Turn keys are "<session>/<item id>", and item ids come from the relay: anything outside
# this set is replaced, so no key can name a path outside the archive.
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir(appinfo.APP_NAME, appinfo.ORG_NAME)) / AUDIO_FOLDER


def file_name(key: str) -> str:
    return _UNSAFE.sub("_", key.replace("/", "--")) + SUFFIX


class AudioArchive:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()
        self._requests: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._open: dict[str, soundfile.SoundFile] = {}  # the writer thread's only
        # Finished in this run: a late chunk (the microphone's last, racing the release)
        # must not start the clip again over the finished file.
        self._closed: set[str] = set()
        # The finished clips' file names: asked on the GUI thread, changed on the writer's.
        self._finished = {path.name for path in _entries(self.folder)}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._failed = False

    # ---- any thread: queued, never waits ------------------------------------------------

    def append(self, key: str, pcm: bytes) -> None:
        """PCM16 mono at 24 kHz, added to the end of the turn's clip."""
        self._ask(lambda: self._write(key, pcm))

    def finish(self, key: str) -> None:
        self._ask(lambda: self._close(key))

    def finish_all(self, keep: Callable[[str], bool] = lambda _key: False) -> None:
        """Every open clip is finished but those `keep` says go on."""
        self._ask(lambda: self._close_all(keep))

    def rename(self, old_key: str, new_key: str) -> None:
        """A clip recorded before its turn had a key (the user's speech, until the relay
        names the item) takes the turn's key; it is finished first."""
        self._ask(lambda: self._rename(old_key, new_key))

    def discard(self, key: str) -> None:
        self._ask(lambda: self._remove([key]))

    def remove(self, keys: Iterable[str]) -> None:
        """The clips of turns that are gone (their conversation was deleted)."""
        wanted = list(keys)
        if wanted:
            self._ask(lambda: self._remove(wanted))

    # ---- the GUI thread or a command ----------------------------------------------------

    def has(self, key: str) -> bool:
        return file_name(key) in self._finished

    def read(self, key: str) -> bytes:
        """The clip's PCM16; empty if there is none. Waits until what was asked is written."""
        self.flush()
        path = self.folder / file_name(key)
        import numpy as np  # with libsndfile: when first needed, not at launch
        import soundfile

        try:
            samples, _rate = soundfile.read(path, dtype="int16")
        except (OSError, RuntimeError) as exc:  # libsndfile's errors are RuntimeErrors
            if path.exists():
                log.warning("a kept clip cannot be read: %s", exc)
            return b""
        return bytes(np.ascontiguousarray(samples).tobytes())

    def size_bytes(self) -> int:
        self.flush()
        try:
            return sum(entry.stat().st_size for entry in _entries(self.folder))
        except OSError:
            return 0

    def clear(self) -> None:
        """Every kept clip goes; clips being recorded now start again, empty."""
        self._ask(self._clear)
        self.flush()

    def flush(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            done = threading.Event()
            self._requests.put(done.set)
            done.wait(_FLUSH_TIMEOUT_S)

    def close(self) -> None:
        """Finishes the open clips and stops the writer."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._requests.put(self._close_all)
            self._requests.put(None)
            thread.join(_FLUSH_TIMEOUT_S)

    # ---- the writer thread ----------------------------------------------------------------

    def _ask(self, request: Callable[[], None]) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="audio-archive")
                self._thread.daemon = True  # a stuck disk must not keep the app from quitting
                self._thread.start()
        self._requests.put(request)

    def _serve(self) -> None:
        while (request := self._requests.get()) is not None:
            try:
                request()
            except (OSError, RuntimeError) as exc:
                if not self._failed:  # a full disk says so once, not at every delta
                    log.warning("audio is not being kept: %s", exc)
                self._failed = True

    def _write(self, key: str, pcm: bytes) -> None:
        clip = self._open.get(key)
        if clip is None:
            if key in self._closed:
                return
            import soundfile  # as in read()

            self.folder.mkdir(parents=True, exist_ok=True)
            clip = soundfile.SoundFile(
                self.folder / file_name(key),
                "w",
                samplerate=RATE,
                channels=1,
                subtype="PCM_16",
                format="FLAC",
            )
            self._open[key] = clip
            self._finished.discard(file_name(key))
        usable = len(pcm) - len(pcm) % 2
        import numpy as np  # loaded by then, with soundfile

        clip.write(np.frombuffer(pcm[:usable], np.int16))
        self._failed = False

    def _close(self, key: str) -> None:
        clip = self._open.pop(key, None)
        self._closed.add(key)
        if clip is not None:
            clip.close()
            self._finished.add(file_name(key))

    def _close_all(self, keep: Callable[[str], bool] = lambda _key: False) -> None:
        for key in [key for key in self._open if not keep(key)]:
            self._close(key)

    def _rename(self, old_key: str, new_key: str) -> None:
        self._close(old_key)
        old, new = self.folder / file_name(old_key), self.folder / file_name(new_key)
        if old.exists():
            old.replace(new)
            self._finished.discard(old.name)
            self._finished.add(new.name)

    def _remove(self, keys: list[str]) -> None:
        for key in keys:
            clip = self._open.pop(key, None)
            if clip is not None:
                clip.close()
            name = file_name(key)
            (self.folder / name).unlink(missing_ok=True)
            self._finished.discard(name)

    def _clear(self) -> None:
        for clip in self._open.values():
            clip.close()
        self._open.clear()
        self._closed.clear()
        shutil.rmtree(self.folder, ignore_errors=True)
        self._finished.clear()


def _entries(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [path for path in folder.iterdir() if path.suffix == SUFFIX]
