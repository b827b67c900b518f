"""报告信息: Enter in the title sets where the printed title breaks; on screen it stays one line."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from docx_xml import NS, paragraphs  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402
from test_ui_window import PlaceholderEditor, make_report  # noqa: E402
from ui_helpers import type_chinese  # noqa: E402

from export.word import export_docx  # noqa: E402
from model.paths import DB_NAME  # noqa: E402
from model.store import Store  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.report_list import ReportInfoDialog, ReportListDialog  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    store = Store(tmp_path / "data" / DB_NAME)
    store.add_report(make_report())
    win = MainWindow(store, Settings(tmp_path / "settings.ini"), PlaceholderEditor())
    qtbot.addWidget(win)
    yield win
    store.close()


def test_a_break_typed_in_the_title_is_kept_and_exported(window, qtbot, monkeypatch, tmp_path):
    def clerk_types(dialog):
        edit = dialog.title
        edit.clear()
        type_chinese(edit, "2024年领导班子")
        qtbot.keyClick(edit, Qt.Key_Return)
        type_chinese(edit, "述职述廉报告 ")
        return QDialog.Accepted

    monkeypatch.setattr(ReportInfoDialog, "exec", clerk_types)
    window.act_info.trigger()
    report = window.session.report
    assert report.title == "2024年领导班子\n述职述廉报告"
    assert window.session.store.load_report(report.id).title == report.title  # stored as typed, no new column
    assert window.windowTitle().endswith("— 《2024年领导班子述职述廉报告》")
    title = paragraphs(export_docx(report, tmp_path / "t.docx"))[0]
    assert [t.text for t in title.findall(".//w:t", NS)] == ["2024年领导班子", "述职述廉报告"]
    listed = ReportListDialog(window.session.store, report.id, window)
    assert listed.table.item(0, 0).text() == "2024年领导班子述职述廉报告"


def test_the_dialog_shows_the_break_it_was_given(window, qtbot):
    from ui.session import ReportInfo

    dialog = ReportInfoDialog(ReportInfo("某区市场服务中心领导班子\n2023年度述职报告", 2023, "示例局"), window)
    qtbot.addWidget(dialog)
    assert dialog.title.toPlainText().split("\n") == ["某区市场服务中心领导班子", "2023年度述职报告"]
    assert dialog.info().title == "某区市场服务中心领导班子\n2023年度述职报告"
