"""The report list: open, delete after a confirmation, and next year's report from a stored one."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox  # noqa: E402

from model.report import Field, Node, NodeKind, Report, token  # noqa: E402
from ui.report_list import ReportListDialog, RolloverPlanDialog  # noqa: E402


def _stored(store) -> int:
    item = Node(NodeKind.ITEM, "学习常抓不懈。", f"全年集中学习{token(1)}。", fields=[Field(1, value=12, unit="次")])
    return store.add_report(Report(title="2024年述职报告", year=2024,
                                   nodes=[Node(NodeKind.SECTION, "抓党建", children=[item])]))


def test_next_year_report_is_stored_and_chosen(qtbot, store, monkeypatch):
    old_id = _stored(store)
    dialog = ReportListDialog(store, old_id)
    qtbot.addWidget(dialog)
    asked = {}

    def answer(parent, title, label, value, low, high):
        asked["suggested"] = value
        return 2025, True

    monkeypatch.setattr(QInputDialog, "getInt", answer)
    monkeypatch.setattr(RolloverPlanDialog, "exec", lambda plan: QDialog.DialogCode.Accepted)
    dialog.rollover_button.click()
    assert asked["suggested"] == 2025
    assert dialog.result() == QDialog.Accepted and dialog.chosen_id not in (None, old_id)
    new = store.load_report(dialog.chosen_id)
    assert (new.title, new.year) == ("2025年述职报告", 2025)
    f = new.nodes[0].children[0].fields[0]
    assert (f.value, f.last_value) == (None, 12)


def test_cancelled_rollover_stores_nothing(qtbot, store, monkeypatch):
    _stored(store)
    dialog = ReportListDialog(store)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a: (2025, False))
    dialog.rollover_button.click()
    assert len(store.list_reports()) == 1 and dialog.chosen_id is None


def test_delete_asks_first(qtbot, store, monkeypatch):
    _stored(store)
    dialog = ReportListDialog(store)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.No)
    dialog.delete_button.click()
    assert len(store.list_reports()) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    dialog.delete_button.click()
    assert store.list_reports() == [] and not dialog.rollover_button.isEnabled()


def _history_report(store) -> int:
    item = Node(NodeKind.ITEM, "学习常抓不懈。",
                f"2024年全年集中学习{token(1)}，巩固2021年以来的成果，落实《2024年学习计划》。",
                fields=[Field(1, value=12, unit="次")])
    return store.add_report(Report(title="2024年述职报告", year=2024,
                                   nodes=[Node(NodeKind.SECTION, "抓党建", children=[item])]))


def test_next_year_lists_the_year_words_with_a_tick_each(qtbot, store, monkeypatch):
    """Only the ticked replacements are made; history (以来, 《》) is not even listed."""
    from PySide6.QtCore import Qt

    old_id = _history_report(store)
    dialog = ReportListDialog(store, old_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a: (2025, True))
    seen = []

    def review(plan_dialog):
        seen.append([plan_dialog.table.item(r, 2).text() for r in range(plan_dialog.table.rowCount())])
        assert plan_dialog.table.item(1, 1).text() == "正文"
        plan_dialog.table.setCurrentCell(1, 2)  # the body's 2024年, by keyboard: Space unticks it
        qtbot.keyClick(plan_dialog.table, Qt.Key.Key_Space)
        assert plan_dialog.table.item(1, 0).checkState() == Qt.CheckState.Unchecked
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RolloverPlanDialog, "exec", review)
    dialog.rollover_button.click()
    assert len(seen[0]) == 2 and "2024年述职报告" in seen[0][0] and "全年集中学习" in seen[0][1]
    new = store.load_report(dialog.chosen_id)
    assert new.title == "2025年述职报告"
    assert new.nodes[0].children[0].body.startswith("2024年全年")  # unticked: left as it was
    assert "2021年以来" in new.nodes[0].children[0].body and "《2024年学习计划》" in new.nodes[0].children[0].body


def test_cancelling_the_year_list_stores_nothing(qtbot, store, monkeypatch):
    _history_report(store)
    dialog = ReportListDialog(store)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a: (2025, True))
    monkeypatch.setattr(RolloverPlanDialog, "exec", lambda plan: QDialog.DialogCode.Rejected)
    dialog.rollover_button.click()
    assert len(store.list_reports()) == 1 and dialog.chosen_id is None


def test_next_year_lists_chinese_numeral_years_as_well(qtbot, store, monkeypatch):
    item = Node(NodeKind.ITEM, "二〇二四年学习常抓不懈。", "二零二四年全年集中学习，巩固二〇二一年以来的成果。")
    old_id = store.add_report(Report(title="二〇二四年述职报告", year=2024, nodes=[item]))
    dialog = ReportListDialog(store, old_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a: (2025, True))
    seen = []

    def review(plan_dialog):
        seen.extend(plan_dialog.table.item(r, 0).text() for r in range(plan_dialog.table.rowCount()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RolloverPlanDialog, "exec", review)
    dialog.rollover_button.click()
    assert seen == ["二〇二四 → 二〇二五", "二〇二四 → 二〇二五", "二零二四 → 二零二五"]
    new = store.load_report(dialog.chosen_id)
    assert (new.title, new.nodes[0].heading) == ("二〇二五年述职报告", "二〇二五年学习常抓不懈。")
    assert new.nodes[0].body == "二零二五年全年集中学习，巩固二〇二一年以来的成果。"
