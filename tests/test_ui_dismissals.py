"""这是对的 in the window: the 检查 dock and the dialog before export confirm a 请核实 line, undoably."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QDialog  # noqa: E402
from test_dismissals import _report  # noqa: E402 - the same report: two 请核实 and one blank
from test_ui_export import Clerk  # noqa: E402
from test_ui_window import PlaceholderEditor  # noqa: E402

from model.checks import MUST  # noqa: E402
from model.paths import DB_NAME  # noqa: E402
from model.store import Store  # noqa: E402
from model.verify import BIG_CHANGE, SAME  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "data" / DB_NAME)
    opened.add_report(_report())
    yield opened
    opened.close()


def _window(qtbot, store, tmp_path) -> MainWindow:
    win = MainWindow(store, Settings(tmp_path / "settings.ini"), PlaceholderEditor())
    qtbot.addWidget(win)
    return win


def _row(problem_list, kind: str) -> int:
    return next(i for i, p in enumerate(problem_list.problems) if p.kind == kind)


def _kinds(problem_list) -> list[str]:
    return [p.kind for p in problem_list.problems]


def test_the_dock_confirms_a_line_as_one_undo_step(qtbot, store, tmp_path):
    window = _window(qtbot, store, tmp_path)
    window.show_checks()
    checks = window.checks
    assert _kinds(checks) == ["blank", SAME, BIG_CHANGE]
    checks.setCurrentRow(0)
    assert not checks.act_dismiss.isEnabled()  # 必须处理: nothing to confirm
    checks.setCurrentRow(_row(checks, SAME))
    assert checks.act_dismiss.isEnabled() and checks.act_dismiss.text() == "这是对的，忽略此项"
    with qtbot.waitSignal(window.session.saved):
        checks.act_dismiss.trigger()
    rid = window.session.report.id
    assert _kinds(checks) == ["blank", BIG_CHANGE] and len(store.dismissed_keys(rid)) == 1
    assert window.saved_label.text().startswith("已保存")
    assert checks.act_show_dismissed.text() == "显示已忽略（1）"
    window.session.undo_stack.undo()
    assert _kinds(checks) == ["blank", SAME, BIG_CHANGE] and store.dismissed_keys(rid) == set()
    window.session.undo_stack.redo()
    assert _kinds(checks) == ["blank", BIG_CHANGE] and len(store.dismissed_keys(rid)) == 1


def test_confirmed_lines_stay_hidden_in_the_next_window_and_can_be_shown_and_restored(qtbot, store, tmp_path):
    first = _window(qtbot, store, tmp_path)
    first.show_checks()
    first.checks.setCurrentRow(_row(first.checks, BIG_CHANGE))
    first.checks.act_dismiss.trigger()
    first.close()
    window = _window(qtbot, store, tmp_path)
    window.show_checks()
    checks = window.checks
    assert _kinds(checks) == ["blank", SAME]
    checks.act_show_dismissed.trigger()
    assert _kinds(checks) == ["blank", SAME, BIG_CHANGE]
    assert checks.item(2).text().startswith("〔已忽略〕") and "变化较大" in checks.item(2).text()
    checks.setCurrentRow(2)
    assert checks.act_dismiss.text() == "恢复此项"
    checks.setCurrentRow(0)
    assert [a.text() for a in checks.context_menu().actions()] == ["这是对的，忽略此项", "显示已忽略（1）", "恢复已忽略"]
    assert not checks.context_menu().actions()[0].isEnabled()  # the blank is 必须处理
    checks.setCurrentRow(2)
    assert [a.text() for a in checks.context_menu().actions()] == ["恢复此项", "显示已忽略（1）", "恢复已忽略"]
    checks.act_restore_all.trigger()
    assert store.dismissed_keys(window.session.report.id) == set()
    assert checks.item(2).text().startswith("指标“发放资料”比上年增长60%")


def test_the_dialog_before_export_confirms_a_line_and_the_next_one_leaves_it_out(qtbot, store, tmp_path,
                                                                                 monkeypatch):
    window = _window(qtbot, store, tmp_path)
    clerk = Clerk(monkeypatch)
    seen = {}

    def confirm_same(dialog):
        seen["buttons"] = dialog.problem_list.act_dismiss.isEnabled()
        dialog.problem_list.setCurrentRow(_row(dialog.problem_list, SAME))
        dialog.problem_list.act_dismiss.trigger()
        seen["label"] = dialog.problem_label.text()
        seen["kinds"] = _kinds(dialog.problem_list)
        return QDialog.Rejected

    clerk.choose = confirm_same
    assert window.exports.export_word() is None
    assert seen["kinds"] == ["blank", BIG_CHANGE]
    assert seen["label"].startswith("还有 2 处尚未就绪") and seen["label"].endswith("另有 1 条已确认，未列出。")
    clerk.choose = lambda dialog: QDialog.Rejected
    window.exports.export_word()
    again = clerk.dialogs[-1]
    assert _kinds(again.problem_list) == ["blank", BIG_CHANGE] and again.problem_label.text().endswith("未列出。")
    assert [p.severity for p in again.problems] == [MUST, "verify"]
    window.session.undo_stack.undo()  # the confirmation is a step of the window's history
    assert store.dismissed_keys(window.session.report.id) == set()


def test_a_confirmation_the_store_refuses_is_said_and_leaves_no_undo_step(qtbot, store, tmp_path, monkeypatch):
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    window = _window(qtbot, store, tmp_path)
    window.show_checks()
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append((title, text)))

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "set_dismissed", refuse)
    window.checks.setCurrentRow(_row(window.checks, SAME))
    window.checks.act_dismiss.trigger()
    assert said and said[0][0] == "保存失败" and said[0][1].startswith("未能保存“这是对的”")
    assert "重试" not in window.saved_label.text()  # nothing waits to be retried: the store never changed
    assert window.session.undo_stack.count() == 0
    assert _kinds(window.checks) == ["blank", SAME, BIG_CHANGE]
