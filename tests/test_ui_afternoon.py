"""What a clerk trips over in an afternoon in the window: undo shows where it acts, and the tree's
selection is never gathered by a held Ctrl (found under a real X server, tests offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_ui_window import make_report  # noqa: E402
from ui_helpers import press, shown_window  # noqa: E402

from model.store import Store  # noqa: E402
from ui import commands as cmd  # noqa: E402


@pytest.fixture
def win(qtbot, tmp_path):
    store = Store(tmp_path / "data" / "reportdesk.db")
    store.add_report(make_report())
    yield shown_window(qtbot, store, tmp_path / "settings.ini")
    store.close()


def selected(win) -> list:
    model = win.session.model
    return [model.node(i) for i in win.tree.selectionModel().selectedRows()]


def test_ctrl_z_held_shows_the_node_it_undoes_without_adding_it_to_the_selection(win):
    report = win.session.report
    there, here = report.nodes[2].children[0], report.nodes[1].children[0]
    win.select_node(there)
    win.session.undo_stack.push(cmd.SetFieldCommand(win.session, there, 5, "value", 40))
    win.select_node(here)
    win.tree.setFocus()
    QTest.keyPress(win.tree, Qt.Key_Control, Qt.ControlModifier)  # the clerk holds Ctrl for Ctrl+Z: the tree reads it
    try:
        win.act_undo.trigger()
    finally:
        QTest.keyRelease(win.tree, Qt.Key_Control)
    assert win.current_node() is there
    assert selected(win) == [there]  # not [here, there]: a Delete now removes only what is shown


def test_undoing_a_delete_selects_what_came_back_and_forgets_the_delete_message(win):
    report = win.session.report
    section = report.nodes[1]
    win.select_node(section)
    win.tree.setFocus()
    press(win.tree, Qt.Key_Delete)
    assert win.statusBar().currentMessage().startswith("已删除")
    press(win.tree, Qt.Key_Z, Qt.ControlModifier)
    assert report.nodes[1] is section
    assert win.current_node() is section and selected(win) == [section]
    model = win.session.model
    assert all(win.tree.isExpanded(model.index_for(n)) for n in section.walk() if n.children)  # not folded
    assert win.statusBar().currentMessage() == ""  # no "已删除 …" over a node that is back


def test_redoing_an_added_node_selects_it(win):
    report = win.session.report
    win.select_node(report.nodes[2])
    win.act_add_sibling.trigger()
    new = report.nodes[3]
    win.act_undo.trigger()
    assert new not in report.nodes
    win.act_redo.trigger()
    assert report.nodes[3] is new and win.current_node() is new


# -- 所有指标 as a spreadsheet user expects ------------------------------------------------------

def _grid_window(qtbot, tmp_path):
    from grid_helpers import grid_report
    from test_ui_fields_grid import open_window

    return open_window(qtbot, tmp_path, grid_report())


def _paste(qtbot, grid, text: str, row: int, column: int) -> None:
    from PySide6.QtGui import QGuiApplication
    from test_ui_fields_grid import go_to

    QGuiApplication.clipboard().setText(text)
    go_to(grid, row, column)
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_the_grid_opens_on_the_first_value_so_typing_fills_it_at_once(qtbot, tmp_path):
    from test_ui_fields_grid import press_enter

    from ui.fields_grid import COLUMNS

    window = _grid_window(qtbot, tmp_path)
    view = window.grid.view
    assert view.currentIndex().row() == 0 and view.currentIndex().column() == COLUMNS.index("value")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_7)
    press_enter(qtbot)
    assert window.session.report.nodes[1].children[0].fields[0].value == 7  # not lost on 位置
    window.session.store.close()


def test_two_columns_pasted_one_column_off_do_not_make_a_number_a_unit(qtbot, tmp_path):
    """本年 and 上年 copied side by side from a department's sheet land on 本年 and 单位: the unit is refused."""
    from ui.fields_grid import COLUMNS

    window = _grid_window(qtbot, tmp_path)
    grid = window.grid
    _paste(qtbot, grid, "14\t12\r\n6\t5\r\n", 0, COLUMNS.index("value"))
    fields = window.session.report.nodes[1].children[0].fields
    assert [f.value for f in fields[:2]] == [14, 6]
    assert [f.unit for f in fields[:2]] == ["次", "次"]
    assert "2 格未能填入" in grid.status.text() and "单位不能是数字（“12”）" in grid.status.text()
    window.session.store.close()


def test_a_block_copied_from_the_grid_comes_back_without_complaints_about_its_fixed_columns(qtbot, tmp_path):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel
    from PySide6.QtGui import QGuiApplication

    from ui.fields_grid import COLUMNS

    window = _grid_window(qtbot, tmp_path)
    grid, model = window.grid, window.grid.model
    view = grid.view
    block = QItemSelection(model.index(0, COLUMNS.index("value")), model.index(0, COLUMNS.index("change")))
    view.setCurrentIndex(model.index(0, COLUMNS.index("value")))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied == "12\t次\t10\t增长20%\r\n"
    _paste(qtbot, grid, copied.replace("12", "15", 1), 0, COLUMNS.index("value"))
    assert window.session.report.nodes[1].children[0].fields[0].value == 15
    assert not grid.status.isVisible()  # 变化 pasted as it stands is no refusal
    _paste(qtbot, grid, "1\t2\t3\t4\t5\t6\t7\r\n", 0, COLUMNS.index("value"))
    assert "第 1 行（集中学习）变化：此列不能修改" in grid.status.text()
    assert "第 1 行（集中学习）第 10 列：超出表格末列" in grid.status.text()
    window.session.store.close()


# -- the file dialogs and the messages after an export -------------------------------------------

def test_the_file_dialog_names_folders_and_files_in_chinese(qapp, tmp_path):
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    from ui.app import install_chinese

    install_chinese(qapp)
    (tmp_path / "报告.pdf").write_bytes(b"%PDF")
    provider = QFileIconProvider()
    assert provider.type(QFileInfo(str(tmp_path))) == "文件夹"  # not "Folder"
    assert "File" not in provider.type(QFileInfo(str(tmp_path / "报告.pdf")))  # "PDF 文档" or "pdf 文件"


@pytest.fixture
def boxes(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0)
    return shown


def test_a_pdf_that_cannot_be_opened_is_not_sent_to_word(win, boxes, monkeypatch, tmp_path):
    import subprocess

    def no_viewer(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(subprocess, "Popen", no_viewer)
    monkeypatch.setattr("sys.platform", "linux")
    pdf = tmp_path / "报告.pdf"
    assert not win.exports.open_file(pdf)
    title, text = boxes[-1]
    assert title == "无法打开" and "PDF 阅读器" in text and str(pdf) in text and "Word" not in text
    assert "Could not" not in text


def test_a_folder_that_cannot_be_opened_says_where_the_file_is(win, boxes, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no file manager (xdg-open missing)
    win.exports._after_export(tmp_path / "报告.docx", "folder")
    assert boxes == [("无法打开文件夹", f"系统未能打开文件夹。文件保存在：{tmp_path}")]


# -- 1024×700: what the clerk reads is not cut --------------------------------------------------

@pytest.fixture
def small(qtbot, tmp_path, qapp):
    """The sample at 1024×700 in the program's own font (a CJK face, as the window has under X)."""
    from model.workspace import open_workspace
    from ui.fonts import ui_font

    before = qapp.font()
    qapp.setFont(ui_font())
    store = open_workspace(tmp_path / "data")
    yield shown_window(qtbot, store, tmp_path / "settings.ini", size=(1024, 700), active=False)
    store.close()
    qapp.setFont(before)


def _room(view) -> int:
    """A cell's width less what Qt's item paint keeps free on both sides of its text."""
    from PySide6.QtWidgets import QStyle

    return 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)


def test_units_and_a_rates_change_are_not_cut_in_the_fields_table(small):
    table = small.editor.table
    header, metrics = table.horizontalHeader(), table.fontMetrics()
    assert header.sectionSize(2) - _room(table) >= metrics.horizontalAdvance("万人次")  # not "万…"
    assert header.sectionSize(4) - _room(table) >= metrics.horizontalAdvance("提高0.9个百分点")


def test_the_grid_at_1024_keeps_its_search_box_and_change_column_in_view(small, qtbot):
    from ui.fields_grid import COLUMNS

    small.tabs.setCurrentWidget(small.grid)
    grid = small.grid
    qtbot.waitUntil(lambda: grid.view.viewport().width() > 0)
    header = grid.view.horizontalHeader()
    change = COLUMNS.index("change")
    assert header.sectionViewportPosition(change) + header.sectionSize(change) <= grid.view.viewport().width()
    assert header.sectionSize(change) - _room(grid.view) >= grid.view.fontMetrics().horizontalAdvance("提高0.9个百分点")
    # the search box keeps its words (under X it was squeezed to "搜…"): the count lives below the grid
    assert grid.search.minimumWidth() >= grid.search.fontMetrics().horizontalAdvance("搜索名称或原文")
    assert grid.count_label.isVisible() and grid.count_label.y() > grid.view.geometry().bottom()
    # the department filter reads 全部部门 whole (four "X" of room cut it to 全部部…)
    from PySide6.QtWidgets import QComboBox

    box, whole = grid.department_box, QComboBox()
    whole.setFont(box.font())
    whole.addItem(box.currentText())
    assert box.currentText() == "全部部门" and box.width() >= whole.sizeHint().width()


def test_a_first_start_on_a_small_screen_opens_a_window_the_screen_holds(qtbot, tmp_path, qapp):
    """1280×800 on a 1024×700 screen put the fields table, its change column and the status bar off it."""
    from model.workspace import open_workspace
    from ui.import_dialog import ImportReviewDialog
    from ui.window_state import FRAME_ALLOWANCE

    store = open_workspace(tmp_path / "data")
    window = shown_window(qtbot, store, tmp_path / "settings.ini", active=False)
    room = window.screen().availableGeometry().size() - FRAME_ALLOWANCE
    assert room.width() < 1280 or room.height() < 800  # the test screen is smaller than the usual size
    assert window.width() <= room.width() and window.height() <= room.height()
    review = ImportReviewDialog(window.session.report, "上年稿.docx", window)
    qtbot.addWidget(review)
    assert review.width() <= room.width() and review.height() <= room.height()
    store.close()


def test_the_export_dialog_on_a_small_screen_keeps_its_check_list_clear_of_its_buttons(small, qtbot):
    """Held by Qt to 2/3 of a 700 px screen, the wrapped font warning squeezed the list under its buttons."""
    from model.checks import readiness
    from ui.export_dialog import ExportDialog

    report = small.session.report
    fonts = [("仿宋_GB2312", "Noto Sans CJK SC"), ("黑体", "Noto Sans CJK SC"), ("楷体_GB2312", "Noto Sans CJK SC"),
             ("方正小标宋简体", "Noto Sans CJK SC"), ("宋体", "Noto Sans CJK SC"), ("Times New Roman", "DejaVu Serif")]
    dismissals = small.exports.dismissals
    dialog = ExportDialog(readiness(report, dismissals.keys()), small.exports.current_options(report), fonts,
                          "导出 Word…", small, dismissals)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    listing = dialog.problem_list
    buttons = listing.parentWidget().layout().itemAt(2).widget()
    assert listing.isVisible() and buttons.isVisible()
    assert listing.geometry().bottom() < buttons.geometry().top()


# -- a cell copied from a spreadsheet, pasted into a cell being edited ----------------------------

@pytest.mark.parametrize(("copied", "expected"), [
    ("1350\r\n", "1350"),                          # Excel and WPS: a line end after the cell
    ('"第一行\n第二行"\r\n', "第一行\n第二行"),      # a cell holding a line break comes quoted
    ("14\t次\n", "14 次"),                          # LibreOffice, two cells
])
def test_a_copied_cell_pastes_into_an_open_grid_cell_as_its_text(qtbot, tmp_path, copied, expected):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication
    from test_ui_fields_grid import go_to

    from ui.fields_grid import COLUMNS

    window = _grid_window(qtbot, tmp_path)
    grid = window.grid
    QGuiApplication.clipboard().setText(copied)
    go_to(grid, 0, COLUMNS.index("note"))
    qtbot.keyClick(grid.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not grid.view
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == expected
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing stored after the store is closed
    window.session.store.close()


def test_paste_in_a_grid_cells_context_menu_takes_the_copied_cell_as_its_text(qtbot, tmp_path):
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication
    from PySide6.QtWidgets import QApplication
    from test_ui_fields_grid import go_to

    from ui.fields_grid import COLUMNS

    window = _grid_window(qtbot, tmp_path)
    grid = window.grid
    QGuiApplication.clipboard().setText("\"第一行\n第二行\"\r\n")
    go_to(grid, 0, COLUMNS.index("note"))
    qtbot.keyClick(grid.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    clicked = []

    def click_paste() -> None:  # the clerk clicks 粘贴 (inside the menu's own loop, if it has one)
        menu = QApplication.activePopupWidget()
        menu.findChild(QAction, "edit-paste").trigger()
        clicked.append(editor.text())  # before the menu closes: offscreen, the focus it gives back may close the editor
        menu.close()

    QTimer.singleShot(0, click_paste)
    at = QPoint(2, 2)
    QApplication.sendEvent(editor, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, editor.mapToGlobal(at)))
    qtbot.waitUntil(lambda: bool(clicked))
    assert clicked == ["第一行\n第二行"]
    window.session.store.close()


def test_a_copied_cell_pastes_into_the_fields_table_as_its_text(win, qtbot):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    report = win.session.report
    win.select_node(report.nodes[1].children[0])
    table = win.editor.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 1))  # 本年数值
    QGuiApplication.clipboard().setText("1350\r\n")
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "1350"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_a_refused_typed_cell_says_only_its_reason_and_esc_takes_it_away(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication
    from test_ui_fields_grid import go_to, press_enter, type_into_cell

    from ui.fields_grid import COLUMNS

    window = _grid_window(qtbot, tmp_path)
    grid = window.grid
    go_to(grid, 1, COLUMNS.index("value"))
    editor = type_into_cell(qtbot, grid, Qt.Key.Key_A, "bc")
    press_enter(qtbot, editor)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and getattr(QApplication.focusWidget(), "text", lambda: "")() == "abc")
    assert grid.status.text().startswith("未能填入 第 2 行（专题研讨）本年：“abc”不是数字")
    assert "其余已填入" not in grid.status.text()  # one cell typed: there is no "rest"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not grid.status.isVisible()
    window.session.store.close()


def test_the_guide_names_the_grid_and_last_years_text_by_their_real_keys(win, qtbot):
    """A first user learns from F1 where the numbers are filled fastest and how to rewrite beside last year."""
    from ui.help import GUIDE

    qtbot.waitUntil(lambda: win._last_year is not None)  # built just after the first paint
    for action in (win.act_grid, win.last_year.act_show, win.act_find, win.act_replace, win.act_check):
        assert action.shortcut().toString() in GUIDE, action.text()
    for words in ("所有指标", "未填", "Excel", "对照上年", win.last_year.act_filter.text()):
        assert words in GUIDE


def test_the_file_dialog_writes_dates_the_chinese_way_on_a_system_without_a_chinese_locale(tmp_path):
    """Under LANG=C Qt's file list read "2 12 2026 04:18"; the program's app makes it 2026/12/2."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    env.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    script = ("from ui.app import make_app\n"
              "from PySide6.QtCore import QDate, QDateTime, QLocale, QTime\n"
              "make_app(['x'])\n"
              "print(QLocale.system().toString(QDateTime(QDate(2026, 12, 2), QTime(4, 18)),"
              " QLocale.FormatType.ShortFormat))\n")
    shown = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True,
                           text=True, timeout=60, check=True).stdout.strip()
    assert shown.startswith("2026/12/2"), shown


def test_the_guide_shows_no_space_where_its_source_breaks_a_line(win):
    from ui.help import GuideDialog

    guide = GuideDialog(win)
    text = guide.text.toPlainText()
    assert "提示还差几个。F2" in text and "。 " not in text and "， " not in text and "） " not in text
    guide.close()
