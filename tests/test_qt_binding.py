"""The pinned Qt binding does not leak: PySide6 6.12.0 on Python 3.11 dropped a reference to
True on every signal emit and to None on every void call, and a long editing session then
crashed the interpreter (bool_dealloc / none_dealloc) within minutes."""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QLabel


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
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5  # the leak dropped 500 or more


def test_void_calls_and_missing_values_keep_the_refcount_of_none(qapp):
    label, fmt = QLabel(), QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("指标")
        fmt.property(4242)
        QModelIndex().data()
    assert sys.getrefcount(None) >= before - 5  # the leak dropped one a call: 1,500 here
