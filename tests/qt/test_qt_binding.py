"""Guards against Qt binding releases that would crash a long conversation."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(bool)


def test_emitting_signals_keeps_python_reference_counts_intact():
    # PySide6 6.12.0 lost one reference to True per emit(); after enough events the
    # interpreter frees True and aborts. A conversation emits thousands of signals.
    emitter = _Emitter()
    emitter.changed.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.changed.emit(True)
    # Other threads may hold a True for a moment; a leak would show as -1000.
    assert abs(sys.getrefcount(True) - before) < 50
