"""The pinned Qt binding does not leak: PySide6 6.12.0 dropped a reference to True on every
signal emit, and a long editing session then crashed the interpreter (bool_dealloc)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    flag = Signal(bool)
    thing = Signal(object)


def test_signal_emits_keep_the_refcounts_of_true_and_false(qapp):
    emitter = _Emitter()
    seen = []
    emitter.plain.connect(lambda: seen.append(None))
    emitter.flag.connect(seen.append)
    emitter.thing.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        emitter.plain.emit()
        emitter.flag.emit(False)
        emitter.thing.emit(True)
    seen.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
