"""Import through a review: accept stores, cancel stores nothing, the clerk can fix levels, merge and split."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("model.draft")

from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox  # noqa: E402

from model.draft import parse_text  # noqa: E402
from model.report import NodeKind  # noqa: E402
from model.store import Store  # noqa: E402
from ui import import_dialog  # noqa: E402
from ui.import_dialog import ImportReviewDialog, import_file, import_text, review_and_store  # noqa: E402

PASTED = """2024年度街道办事处领导班子工作总结

2024年，街道班子团结带领全体干部，扎实推进各项工作。现总结如下：
一、抓实基层治理，提升服务水平。
1.网格管理更加精细。全年排查矛盾纠纷X起，化解率达到98%。
2.便民服务持续优化。新建便民服务点X个，办理事项XX件。
二、抓好民生保障，增进群众福祉。
1.就业帮扶有力有效。开展招聘活动X场，帮助XX人实现就业。
新的一年，我们将再接再厉，推动街道工作再上新台阶。
"""


@pytest.fixture
def store(qapp):
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def answer(qapp, monkeypatch):
    """Set what the review dialog answers when shown."""

    def set_answer(code):
        monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: code)

    return set_answer


def test_accepting_the_review_stores_the_report(store, answer):
    answer(QDialog.Accepted)
    report_id = review_and_store(None, store, parse_text(PASTED), "粘贴")
    stored = store.load_report(report_id)
    assert stored.title == "2024年度街道办事处领导班子工作总结"
    assert [n.kind for n in stored.nodes].count(NodeKind.SECTION) == 2
    assert len(list(stored.all_fields())) >= 4


def test_cancelling_the_review_stores_nothing(store, answer):
    answer(QDialog.Rejected)
    assert review_and_store(None, store, parse_text(PASTED), "粘贴") is None
    assert store.list_reports() == []


def test_review_shows_tree_kinds_counts_and_front_matter(qtbot):
    report = parse_text(PASTED)
    report.front_matter = ["（2024年12月20日在街道党工委会议上）"]
    dialog = ImportReviewDialog(report, "粘贴的文字")
    qtbot.addWidget(dialog)
    model = dialog.model
    sections = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "一、抓实基层治理，提升服务水平。" in sections
    assert model.data(model.index(1, 1)) == "部分"
    fields = list(report.all_fields())
    blank = sum(1 for _, f in fields if f.is_blank)
    assert f"指标 {len(fields)} 个（已填 {len(fields) - blank}，未填 {blank}）" in dialog.summary.text()
    assert dialog.front.item(0).text() == "（2024年12月20日在街道党工委会议上）"


def _section(report, n):
    return [x for x in report.nodes if x.kind is NodeKind.SECTION][n]


def test_level_change_in_the_review(qtbot):
    report = parse_text(PASTED)
    dialog = ImportReviewDialog(report, "x")
    qtbot.addWidget(dialog)
    first = _section(report, 0)
    second_item = first.children[1]
    dialog.select(second_item)
    dialog.indent()
    assert first.children[0].children == [second_item] and second_item.kind is NodeKind.SUBITEM
    dialog.outdent()
    dialog.outdent()
    assert second_item.kind is NodeKind.SECTION and any(n is second_item for n in report.nodes)
    assert dialog.model.data(dialog.model.index_for(second_item)).startswith("二、")


def test_merge_into_previous_then_accept_stores_the_merged_tree(qtbot, store, answer):
    report = parse_text(PASTED)
    dialog = ImportReviewDialog(report, "x")
    qtbot.addWidget(dialog)
    first = _section(report, 0)
    a, b = first.children
    fields_before = len(a.fields) + len(b.fields)
    dialog.select(b)
    dialog.merge_into_previous()
    assert first.children == [a] and len(a.fields) == fields_before
    assert "便民服务持续优化。" in a.body
    answer(QDialog.Accepted)
    monkey_dialog = review_and_store(None, store, report, "x")
    stored = store.load_report(monkey_dialog)
    assert len(_section(stored, 0).children) == 1
    assert len(_section(stored, 0).children[0].fields) == fields_before


def test_split_at_the_cursor_moves_text_and_fields(qtbot):
    report = parse_text(PASTED)
    dialog = ImportReviewDialog(report, "x")
    qtbot.addWidget(dialog)
    item = _section(report, 0).children[1]
    fields = list(item.fields)
    assert len(fields) == 2
    dialog.select(item)
    text = dialog.preview.toPlainText()
    cursor = dialog.preview.textCursor()
    cursor.setPosition(text.index("办理事项"))
    dialog.preview.setTextCursor(cursor)
    dialog.split_at_cursor()
    siblings = _section(report, 0).children
    assert len(siblings) == 3
    new = siblings[2]
    assert new.kind is item.kind and new.body.startswith("办理事项")
    assert item.fields == fields[:1] and new.fields == fields[1:]
    assert dialog.current() is new


def test_split_at_the_very_end_changes_nothing(qtbot):
    report = parse_text(PASTED)
    dialog = ImportReviewDialog(report, "x")
    qtbot.addWidget(dialog)
    item = _section(report, 0).children[0]
    before = (item.heading, item.body)
    dialog.select(item)
    dialog.preview.moveCursor(QTextCursor.End)
    dialog.split_at_cursor()
    assert (item.heading, item.body) == before and len(_section(report, 0).children) == 2


def test_a_bad_file_gives_a_message_and_stores_nothing(tmp_path, store, monkeypatch):
    bad = tmp_path / "上年稿.docx"
    bad.write_bytes(b"\x00\x01 this is not a Word file" * 50)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]) or QMessageBox.Ok)
    assert import_file(None, store, bad) is None
    assert said and " / " not in said[0] and "不是文本文件" in said[0]  # the Chinese half only
    assert store.list_reports() == []


def test_empty_clipboard_says_so(store, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]) or QMessageBox.Ok)
    assert import_text(None, store, "  \n") is None
    assert "剪贴板" in said[0] and store.list_reports() == []


def test_paste_import_from_the_window_opens_the_new_report(qtbot, tmp_path, monkeypatch, answer):
    from PySide6.QtGui import QGuiApplication

    from ui.main_window import MainWindow
    from ui.settings import Settings

    store = Store(tmp_path / "d.db")
    window = MainWindow(store, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    assert window.session.report is None and window.windowTitle() == "报告编制助手"
    QGuiApplication.clipboard().setText(PASTED)
    answer(QDialog.Accepted)
    window.act_paste.trigger()
    assert window.session.report.title == "2024年度街道办事处领导班子工作总结"
    assert len(store.list_reports()) == 1
    draft = tmp_path / "上年稿.txt"
    draft.write_text(PASTED.replace("2024", "2023"), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(draft), ""))
    window.act_import.trigger()
    assert window.session.report.year == 2023 and len(store.list_reports()) == 2
    store.close()


def test_import_module_keeps_draft_reader_lazy():
    assert "read_draft" not in vars(import_dialog)


def test_a_text_with_a_bad_byte_is_reviewed_with_the_note_shown(tmp_path, store, monkeypatch):
    draft = tmp_path / "上年稿.txt"
    draft.write_bytes(PASTED.encode()[:-3] + b"\xff\n")
    seen = []
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda self: seen.append(self.notes.text()) or QDialog.Rejected)
    assert import_file(None, store, draft) is None
    assert seen and "UTF-8" in seen[0]
