"""The review shows fields and skipped numbers; hover tells why, one click decides, nothing is stored before accept."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QEvent, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QHelpEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QDialog, QToolTip  # noqa: E402

from model.draft import make_field, make_plain, number_spans, parse_text  # noqa: E402
from model.store import Store  # noqa: E402
from ui.import_dialog import ImportReviewDialog, review_and_store  # noqa: E402
from ui.review_text import FIELD_BACKGROUND, SKIPPED_COLOUR, display, hint  # noqa: E402

DRAFT = """2025年度社区工作总结
一、基本情况
2024年，社区新增志愿者45名，在全区考核中排名第2，开展宣讲12场。
二、下一步打算
继续做好服务。
"""


def _section(dialog: ImportReviewDialog):
    node = dialog.report.nodes[0]
    dialog.select(node)
    return node


def _marks(dialog):
    return {dialog.preview.toPlainText()[m.start:m.end]: m for m in dialog.preview.marks}


def test_fields_are_marked_and_skipped_numbers_greyed(qtbot):
    dialog = ImportReviewDialog(parse_text(DRAFT), "稿")
    qtbot.addWidget(dialog)
    _section(dialog)
    marks = _marks(dialog)
    assert set(marks) == {"2024年", "45名", "2", "12场"}
    assert marks["45名"].field is not None and marks["2024年"].reason == "year" and marks["2"].reason == "ordinal"
    doc = dialog.preview.document()
    fmt = doc.findBlockByNumber(1).begin().fragment().charFormat()  # the body's first fragment: "2024年"
    assert fmt.foreground().color() == SKIPPED_COLOUR
    cursor = dialog.preview.textCursor()
    cursor.setPosition(marks["45名"].start + 1)
    assert cursor.charFormat().background().color() == FIELD_BACKGROUND


def test_hover_tells_the_reason_in_chinese(qtbot):
    dialog = ImportReviewDialog(parse_text(DRAFT), "稿")
    qtbot.addWidget(dialog)
    _section(dialog)
    marks = _marks(dialog)
    assert hint(marks["2024年"]) == "不是指标：年份（单击设为指标）"
    assert hint(marks["2"]).startswith("不是指标：序数或名次")
    assert hint(marks["45名"]).startswith("指标：")
    dialog.show()
    view = dialog.preview
    rect = view.cursorRect(_cursor_at(view, marks["2024年"].start + 1))
    event = QHelpEvent(QEvent.ToolTip, rect.center(), view.viewport().mapToGlobal(rect.center()))
    view.eventFilter(view.viewport(), event)
    assert QToolTip.text() == "不是指标：年份（单击设为指标）"


def _cursor_at(view, position):
    cursor = view.textCursor()
    cursor.setPosition(position)
    return cursor


def _click(view, position) -> None:
    rect = view.cursorRect(_cursor_at(view, position))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(rect.right() + 2, rect.center().y()))


def test_one_click_makes_a_skipped_number_a_field_and_a_field_plain_text(qtbot):
    report = parse_text(DRAFT)
    dialog = ImportReviewDialog(report, "稿")
    qtbot.addWidget(dialog)
    node = _section(dialog)
    dialog.show()
    before = len(node.fields)
    _click(dialog.preview, _marks(dialog)["2"].start)
    assert len(node.fields) == before + 1
    made = [f for f in node.fields if f.source == "2"]
    assert made and made[0].value == 2
    _click(dialog.preview, _marks(dialog)["45名"].start)
    assert all(f.source != "45名" for f in node.fields)
    assert "45名" in node.body and _marks(dialog)["45名"].reason == "manual"
    assert "指标 " in dialog.summary.text()
    dialog.grab().save("/tmp/finder-review.png")


def test_a_click_elsewhere_only_moves_the_cursor(qtbot):
    report = parse_text(DRAFT)
    dialog = ImportReviewDialog(report, "稿")
    qtbot.addWidget(dialog)
    node = _section(dialog)
    dialog.show()
    fields = list(node.fields)
    _click(dialog.preview, dialog.preview.toPlainText().index("社区新"))
    assert node.fields == fields


def test_the_decisions_are_stored_only_on_accept(qtbot, monkeypatch):
    report = parse_text(DRAFT)
    node = report.nodes[0]
    year = next(m for m in display(node)[2] if m.reason == "year")
    make_field(node, year.attr, year.raw_start, year.raw_end, report.next_fid())
    store = Store(":memory:")
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: QDialog.Rejected)
    assert review_and_store(None, store, report, "稿") is None and store.list_reports() == []
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: QDialog.Accepted)
    stored = store.load_report(review_and_store(None, store, report, "稿"))
    assert any(f.source == "2024年" and f.value == 2024 for _, f in stored.all_fields())
    store.close()


def test_make_plain_and_make_field_keep_text_and_positions():
    report = parse_text("一、情况\n" + "，".join(f"完成{i}项" for i in range(1, 14)) + "，2024年")
    node = report.nodes[0]
    assert make_plain(node, node.fields[11].fid)  # fid 12: a token of two digits
    spans = number_spans(node.body, node.fields)
    assert [node.body[s:e] for s, e, _, _ in spans] == ["12项", "2024年"]
    assert [r for _, _, _, r in spans] == ["manual", "year"]


SPEECH = """在全区民政工作会议上的讲话
（2025年2月8日）
区长  李某某
同志们：
今天召开会议，总结去年工作。下面，我讲三点意见。
第一，要兜牢底线。全年救助困难群众860人次。
第二，要补齐短板。新建养老服务站12个。
第三，要提升服务。办理事项XX
件，满意率达到99
%。
同志们，民生工作责任重大。
"""


def test_front_matter_lines_are_kept_or_dropped_one_by_one(qtbot, monkeypatch):
    report = parse_text(SPEECH)
    assert report.front_matter == ["（2025年2月8日）", "区长  李某某", "同志们："]
    dialog = ImportReviewDialog(report, "讲话")
    qtbot.addWidget(dialog)
    assert [dialog.front.item(i).text() for i in range(dialog.front.count())] == report.front_matter
    dialog.front.item(1).setCheckState(Qt.Unchecked)  # the speaker line goes
    dialog.accept()
    assert report.front_matter == ["（2025年2月8日）", "同志们："]
    store = Store(":memory:")
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: QDialog.Accepted)
    stored = store.load_report(review_and_store(None, store, parse_text(SPEECH), "讲话"))
    assert stored.front_matter == ["（2025年2月8日）", "区长  李某某", "同志们："]  # ticked by default
    store.close()


def test_no_front_matter_shows_none_and_keeps_none(qtbot):
    dialog = ImportReviewDialog(parse_text(DRAFT), "稿")
    qtbot.addWidget(dialog)
    assert dialog.front.item(0).text() == "（无）" and dialog.kept_front_matter() == []
