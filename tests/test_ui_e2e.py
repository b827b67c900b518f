"""The clerk's afternoon, end to end, through the real window and the real node editor.

Start on a fresh workspace (the sample report), import last year's Word file
with its review, roll it over to this year, type into it, fill a number, undo
it, export the Word file with the end block, close and start again.  Only the
modal dialogs are answered by the test (their ``exec`` or Qt's static file
dialogs); everything else goes through the window's own actions, widgets and
models, and every check reads SQLite with a second ``Store`` or the .docx with
``zipfile``.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("docx")

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox  # noqa: E402
from ui_helpers import type_chinese  # noqa: E402

from model.paths import DB_NAME  # noqa: E402
from model.report import FieldKind, Node, Report  # noqa: E402
from model.store import Store  # noqa: E402
from model.workspace import open_workspace  # noqa: E402
from ui import settings as keys  # noqa: E402
from ui.export_dialog import ExportDialog  # noqa: E402
from ui.import_dialog import ImportReviewDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.node_editor import NodeEditor  # noqa: E402
from ui.report_list import ReportListDialog  # noqa: E402
from ui.settings import Settings  # noqa: E402

DRAFT = Path(__file__).resolve().parent / "fixtures" / "typed_numbers.docx"
ITEM = "理论武装持续深化。"        # the item of the draft the clerk works on
LAST_YEAR = 1200                   # its 人次 figure in the 2023 draft
NEW_VALUE = 1350                   # what the clerk types for 2024
PRINTED = "1350余人次"             # the draft's "1200余人次" keeps its 余 (shown in the text's chip, not the table)
TYPED = "全年还组织青年干部读书会，交流心得体会。"
LAST_WORDS = "各项学习任务全部完成。"
ORGANISATION = "市文化和旅游局领导班子"
SIGNED = datetime.date(2025, 1, 10)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SAVE_MS = 1000                     # "stored at once": the editor saves ~300 ms after the last keystroke


class Clerk:
    """Answers every modal dialog of the walk and remembers what was asked."""

    def __init__(self, monkeypatch, folder: Path) -> None:
        self.folder = folder
        self.open_path = ""
        self.save_paths: list[Path] = []
        self.boxes: list[str] = []           # titles of message boxes shown
        self.box_clicks: list[str] = []      # button texts to click, in order
        self.years: list[int] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (self.open_path, ""))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)
        monkeypatch.setattr(ImportReviewDialog, "exec", _accepted)
        monkeypatch.setattr(ReportListDialog, "exec", _roll_over)
        monkeypatch.setattr(QInputDialog, "getInt", self._year)
        monkeypatch.setattr(ExportDialog, "exec", _sign_and_export)
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._box(box))
        for name in ("information", "warning", "critical", "question"):
            monkeypatch.setattr(QMessageBox, name, self._static_box)

    def _save(self, *args, **kwargs):
        return (str(self.save_paths.pop(0)), "") if self.save_paths else ("", "")

    def _year(self, parent, title, label, value, *args, **kwargs):
        self.years.append(value)
        return value, True

    def _box(self, box: QMessageBox) -> int:
        self.boxes.append(box.windowTitle())
        if self.box_clicks:
            wanted = self.box_clicks.pop(0)
            next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    def _static_box(self, parent, title, *args, **kwargs):
        self.boxes.append(title)
        return QMessageBox.No


def _accepted(dialog: QDialog) -> int:
    dialog.accept()  # the review's own 导入 (it also takes the title as shown)
    return dialog.result()


def _roll_over(dialog: ReportListDialog) -> int:
    dialog.rollover_button.click()  # 生成下一年度… on the selected (open) report
    return dialog.result()


def _sign_and_export(dialog: ExportDialog) -> int:
    dialog.mode_buttons["highlight"].setChecked(True)
    dialog.end_box.setChecked(True)
    dialog.organisation_edit.setText(ORGANISATION)
    dialog.date_edit.setDate(QDate(SIGNED.year, SIGNED.month, SIGNED.day))
    dialog.accept_button.click()
    return dialog.result()


# -- reading what was written ---------------------------------------------------------------

def stored(db: Path, report_id: int) -> Report:
    """The report as SQLite holds it, read through a second connection."""
    other = Store(db)
    try:
        return other.load_report(report_id)
    finally:
        other.close()


def find(report: Report, heading: str) -> Node:
    return next(n for n in report.walk() if n.heading == heading)


def docx_paragraphs(path: Path) -> list[ElementTree.Element]:
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    return list(root.iter(W + "p"))


def paragraph_text(p: ElementTree.Element) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def highlighted(path: Path) -> list[str]:
    """Text of every run with w:highlight (the blanks' yellow X)."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in r.iter(W + "t")) for r in root.iter(W + "r")
            if r.find(f"{W}rPr/{W}highlight") is not None]


def tree_texts(window: MainWindow) -> list[str]:
    model = window.session.model
    out, stack = [], [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop(0)
        out.append(model.data(index))
        stack[:0] = [model.index(r, 0, index) for r in range(model.rowCount(index))]
    return out


# -- the walk ----------------------------------------------------------------------------------

@pytest.fixture
def workspace(tmp_path):
    store = open_workspace(tmp_path / "data")
    yield store, tmp_path / "data" / DB_NAME
    store.close()


@pytest.fixture
def clerk(monkeypatch, tmp_path):
    monkeypatch.setattr("export.fonts.missing_official_fonts", lambda *a, **k: [])  # no fc-list per run
    (tmp_path / "out").mkdir()
    return Clerk(monkeypatch, tmp_path / "out")


def new_window(qtbot, store: Store, tmp_path: Path) -> MainWindow:
    window = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def click_node(qtbot, window: MainWindow, node: Node) -> None:
    """Click the node's row in the outline, as the clerk does."""
    index = window.session.model.index_for(node)
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    assert rect.isValid(), "the node's row is not on screen"
    qtbot.mouseClick(window.tree.viewport(), Qt.LeftButton, pos=rect.center())


def start(qtbot, workspace, tmp_path) -> MainWindow:
    """Step 1: the window on a fresh workspace shows the sample report's sections."""
    store, _ = workspace
    window = new_window(qtbot, store, tmp_path)
    assert isinstance(window.editor, NodeEditor)
    [sample] = store.list_reports()
    assert window.session.report.id == sample.id
    sections = [t for t in tree_texts(window) if re.match(r"^[一二三四五六七八九十]+、", t)]
    assert len(sections) >= 2, tree_texts(window)
    return window


def import_draft(window: MainWindow, clerk: Clerk) -> int:
    """Step 2: 导入上年稿 with the review accepted: the draft is stored, listed and open."""
    before = {r.id for r in window.session.store.list_reports()}
    clerk.open_path = str(DRAFT)
    window.act_import.trigger()
    listed = {r.id: r for r in window.session.store.list_reports()}
    [new_id] = set(listed) - before
    assert window.session.report.id == new_id and listed[new_id].year == 2023
    assert "一、坚持政治引领，筑牢思想根基" in tree_texts(window)
    assert find(window.session.report, ITEM).fields[-1].value == LAST_YEAR
    return new_id


def roll_over(window: MainWindow, clerk: Clerk, last_id: int) -> int:
    """Step 3: 报告列表 → 生成下一年度: this year's report opens, numbers blank beside last year's."""
    window.act_list.trigger()
    assert clerk.years == [2024]
    report = window.session.report
    assert report.id != last_id and report.year == 2024 and "2024年" in report.title
    numbers = [f for _, f in report.all_fields() if f.kind is FieldKind.NUMBER]
    assert numbers and all(f.value is None for f in numbers)
    assert find(report, ITEM).fields[-1].last_value == LAST_YEAR
    assert report.id in {r.id for r in window.session.store.list_reports()}
    return report.id


def edit(qtbot, window: MainWindow, db: Path) -> None:
    """Step 4: click the item, type Chinese, fill a number; both reach SQLite; Ctrl+Z undoes the number."""
    report = window.session.report
    item = find(report, ITEM)
    click_node(qtbot, window, item)
    editor = window.editor
    assert window.current_node() is item and editor.heading.content() == ITEM
    editor.body.setFocus()
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(editor.body, TYPED)
    qtbot.waitUntil(lambda: find(stored(db, report.id), ITEM).body.endswith(TYPED), timeout=SAVE_MS)

    fid = item.fields[-1].fid
    model = editor.fields_model
    assert model.setData(model.index(model.row_of(fid), 1), str(NEW_VALUE))
    assert item.field_by_id(fid).value == NEW_VALUE
    qtbot.waitUntil(lambda: find(stored(db, report.id), ITEM).field_by_id(fid).value == NEW_VALUE,
                    timeout=SAVE_MS)
    assert editor.body.content().endswith(TYPED)  # the table edit did not disturb the text

    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key_Z, Qt.ControlModifier)
    assert item.field_by_id(fid).value is None
    again = find(stored(db, report.id), ITEM)
    assert again.field_by_id(fid).value is None and again.body.endswith(TYPED)
    assert model.data(model.index(model.row_of(fid), 1)) == "未填"

    assert model.setData(model.index(model.row_of(fid), 1), f"{NEW_VALUE}人次")  # typed with its unit
    assert find(stored(db, report.id), ITEM).field_by_id(fid).value == NEW_VALUE
    assert editor.body.chip_texts()[-1] == PRINTED  # the text shows what will print


def export(window: MainWindow, clerk: Clerk, name: str = "述职报告.docx") -> Path:
    """Step 5: 导出 Word with the end block; the file holds the text, the value and the date."""
    target = clerk.folder / name
    clerk.save_paths.append(target)
    window.act_export.trigger()
    assert target.is_file() and "导出完成" in clerk.boxes
    return target


def check_export(path: Path, blanks: int) -> None:
    texts = [paragraph_text(p) for p in docx_paragraphs(path)]
    whole = "\n".join(texts)
    assert TYPED in whole
    assert PRINTED in whole
    assert "2025年1月10日" in texts and ORGANISATION in texts
    assert texts.index("2025年1月10日") > texts.index(ORGANISATION)  # the date under the name, at the end
    marks = highlighted(path)
    assert marks == ["X"] * blanks  # one yellow X per blank field, nothing else highlighted
    assert not re.search(r"⟦\d+⟧", whole)  # no field token leaked into the printout


def walk(qtbot, workspace, clerk, tmp_path) -> tuple[MainWindow, int, Path]:
    store, db = workspace
    window = start(qtbot, workspace, tmp_path)
    last_id = import_draft(window, clerk)
    report_id = roll_over(window, clerk, last_id)
    edit(qtbot, window, db)
    return window, report_id, export(window, clerk)


def test_the_clerks_afternoon(qtbot, workspace, clerk, tmp_path):
    store, db = workspace
    window, report_id, written = walk(qtbot, workspace, clerk, tmp_path)
    check_export(written, sum(1 for _, f in window.session.report.all_fields() if f.is_blank))
    from model.versions import list_versions, load_version

    kept = list_versions(window.session.store, report_id)[0]  # every export keeps a version (版本)
    assert kept.reason == "export" and any(TYPED in n.body for n in load_version(window.session.store, kept.id).walk())

    # Step 6: one more sentence, and the window closed before the editor's pause has passed.
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_chinese(window.editor.body, LAST_WORDS)
    window.close()
    assert not window.session.has_unsaved()
    assert Settings(tmp_path / "settings.ini").value(keys.LAST_REPORT) == report_id
    again = new_window(qtbot, store, tmp_path)
    assert again.session.report.id == report_id
    item = find(again.session.report, ITEM)
    assert item.body.endswith(TYPED + LAST_WORDS) and item.fields[-1].value == NEW_VALUE
    assert item.fields[-1].last_value == LAST_YEAR
    click_node(qtbot, again, item)
    assert again.editor.body.content().endswith(TYPED + LAST_WORDS)


def test_the_walk_leaves_no_temporary_file(qtbot, workspace, clerk, tmp_path, monkeypatch):
    """Also when the first name is open in Word: the clerk picks another and nothing half-written stays."""
    import export.word as word

    window, _, written = walk(qtbot, workspace, clerk, tmp_path)
    real_replace = word.os.replace
    locked = clerk.folder / "已打开.docx"
    locked.write_bytes(b"the clerk's copy open in Word")

    def replace(src, dst):
        if Path(dst) == locked:
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(word.os, "replace", replace)
    clerk.save_paths += [locked, clerk.folder / "另存.docx"]
    clerk.box_clicks = ["另选文件名…"]
    window.act_export.trigger()
    assert (clerk.folder / "另存.docx").is_file() and written.is_file()
    assert locked.read_bytes() == b"the clerk's copy open in Word"
    assert {p.name for p in clerk.folder.iterdir()} == {"另存.docx", "已打开.docx", "述职报告.docx"}
    assert not list(clerk.folder.glob(".reportdesk-*"))
