"""Chinese everywhere in the window: Qt's own dialogs and menus, every tr() string, every message, dates."""

from __future__ import annotations

import ast
import errno
import re
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QColorDialog,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from test_ui_window import make_report  # noqa: E402
from ui_helpers import shown_editor  # noqa: E402

from conftest import ROOT  # noqa: E402
from export import fonts, printing  # noqa: E402
from export import word as export_word  # noqa: E402
from export.options import ExportError  # noqa: E402
from model.converter import ConverterMissing  # noqa: E402
from model.paths import DB_NAME  # noqa: E402
from model.store import Store  # noqa: E402
from ui import qt_chinese  # noqa: E402
from ui.export_dialog import ExportDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.report_list import ReportListDialog  # noqa: E402
from ui.settings import Settings  # noqa: E402

# Names that stay as they are, and what is not words: placeholders, file patterns, mnemonics, shortcuts.
ALLOWED = {"Word", "WPS", "PDF", "LibreOffice", "ReportDesk", "Ctrl", "Shift", "Alt", "X", "HTML", "Excel",
           "backups"}  # the backups folder is named as it is on disk
NOT_WORDS = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%\d|\(\*\.[^)]*\)|\*?\.[a-z]{3,4}\b|_GB2312|\(&\w\)|&|\bF\d+\b|#[0-9a-fA-F]{6}|</?[a-z0-9]+[^>]*>|(?:Ctrl|Shift|Alt)(?:\+\w+)+")
MENU = {"撤销", "重做", "剪切", "复制", "粘贴", "删除", "全选"}


def latin_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9+]*", NOT_WORDS.sub("", text)) if w not in ALLOWED]


@pytest.fixture(autouse=True)
def chinese(qapp):
    qt_chinese.install_chinese(qapp)


def texts_of(widget: QWidget) -> list[str]:
    found = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisibleTo(widget) and w is not widget:
            continue
        if isinstance(w, QLabel | QAbstractButton):
            found.append(w.text())
        found += [t for t in (w.windowTitle(), w.toolTip()) if t]
    return found


def test_qt_file_dialog_reads_chinese(qtbot, tmp_path):
    dialog = QFileDialog(None, "导入上年稿", str(tmp_path), "报告草稿 (*.docx *.doc *.wps *.txt);;所有文件 (*)")
    dialog.setOption(QFileDialog.DontUseNativeDialog)  # Qt's own widget dialog, as on a Linux desktop
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert [t for t in texts_of(dialog) if latin_words(t)] == []
    assert dialog.grab().save(str(tmp_path / "file_dialog.png"))


def menu_words(edit) -> set[str]:
    menu = edit.createStandardContextMenu()
    return {re.sub(r"\(&\w\)|\t.*", "", a.text()) for a in menu.actions() if a.text()}


@pytest.mark.parametrize("make", [QLineEdit, QPlainTextEdit])
def test_text_field_menus_read_chinese(qtbot, make):
    edit = make()
    qtbot.addWidget(edit)
    assert menu_words(edit) == MENU


def test_the_editors_menu_reads_chinese(qtbot, tmp_path):
    editor = shown_editor(qtbot)
    menu = editor.context_menu(editor.body.rect().center())
    words = {re.sub(r"\(&\w\)|\t.*", "", a.text()) for a in menu.actions() if a.text()}
    assert MENU <= words and not [w for w in words if latin_words(w)]
    menu.popup(editor.body.mapToGlobal(editor.body.rect().center()))
    assert menu.grab().save(str(tmp_path / "context_menu.png"))
    menu.close()


def test_colour_dialog_reads_chinese(qtbot):
    dialog = QColorDialog()
    dialog.setOption(QColorDialog.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [t for t in texts_of(dialog) if latin_words(t)] == []


def test_every_tr_string_of_the_window_is_chinese():
    english = []
    for path in sorted((ROOT / "ui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in ("tr", "_tr", "translate"):
                continue
            strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            for text in strings[1:2] if name == "translate" else strings[:1]:
                if latin_words(text):
                    english.append(f"{path.name}:{node.lineno}: {text}")
    assert english == []


def test_chinese_only_drops_the_english_half():
    assert qt_chinese.chinese_only("磁盘空间不足。请清理。 / The disk is full; a.docx was not written.") == \
        "磁盘空间不足。请清理。"
    assert qt_chinese.chinese_only("文件夹 /tmp/报告 只读。") == "文件夹 /tmp/报告 只读。"
    assert qt_chinese.chinese_only("“坏.txt”不是 Word 文稿。 / 坏.txt is not a Word document.") == \
        "“坏.txt”不是 Word 文稿。"


class Messages:
    """Every message box and file dialog the window opens, recorded and answered."""

    def __init__(self, monkeypatch, save_to: Path, seen: list[str]) -> None:
        self.seen = seen
        self.save_to = save_to
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._box(box))
        for name in ("warning", "critical", "information", "question"):
            monkeypatch.setattr(QMessageBox, name, self._static)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._file)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._file)
        monkeypatch.setattr(ExportDialog, "exec", lambda d: self._dialog(d))

    def _box(self, box) -> int:
        self.seen += [box.windowTitle(), box.text(), *(b.text() for b in box.buttons())]
        return 0

    def _static(self, parent, title, text, *args, **kwargs):
        self.seen += [title, text]
        return QMessageBox.Ok

    def _file(self, parent, title, start, filters, *args, **kwargs):
        self.seen += [title, filters]
        return str(self.save_to), ""

    def _dialog(self, dialog) -> int:
        self.seen += texts_of(dialog)
        return QDialog.Accepted


def test_no_english_in_any_message_the_window_shows(qtbot, tmp_path, monkeypatch):
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(fonts, "missing_official_fonts", lambda *a, **k: [("仿宋_GB2312", "仿宋")])
    store = Store(tmp_path / "data" / DB_NAME)
    store.add_report(make_report())
    window = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    seen: list[str] = []
    said = Messages(monkeypatch, tmp_path / "报告.docx", seen)

    def fail_with(error_no):
        def replace(src, dst):
            raise OSError(error_no, "Input/output error")
        return replace

    for failure in (fail_with(errno.EIO), fail_with(errno.ENOSPC)):
        monkeypatch.setattr(export_word.os, "replace", failure)
        window.exports.export_word()
    monkeypatch.undo()
    said = Messages(monkeypatch, tmp_path / "报告.pdf", seen)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(fonts, "missing_official_fonts", lambda *a, **k: [("仿宋_GB2312", "仿宋")])
    monkeypatch.setattr(printing, "convert", lambda *a, **k: (_ for _ in ()).throw(ConverterMissing("soffice")))
    with pytest.raises(ExportError):  # the flow showed it; the job re-raises it
        window.exports.export_pdf().wait()
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)
    window.exports.print_report()  # no handler
    (tmp_path / "坏.txt").write_bytes(b"\x00\x01\x02\x03\x00\x00")
    said.save_to = tmp_path / "坏.txt"
    window.import_draft()
    window.session.save_failed.emit(window.session.tr("保存失败：{error}。").format(
        error=qt_chinese.chinese_only("数据文件只读。 / The store is read-only.")))
    shown = [re.sub(re.escape(str(tmp_path)) + r"[^\s“”，。）]*", "", t) for t in seen]
    assert sum("磁盘空间不足" in t or "保存“报告.docx”失败" in t for t in shown) == 2 and len(shown) > 30
    assert [t for t in shown if latin_words(t)] == []
    store.close()


def test_the_report_list_writes_dates_the_chinese_way(qtbot, tmp_path):
    store = Store(tmp_path / "data" / DB_NAME)
    store.add_report(make_report())
    dialog = ReportListDialog(store)
    qtbot.addWidget(dialog)
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", dialog.table.item(0, 2).text())
    assert qt_chinese.chinese_datetime("2026-12-01T09:05:00") == "2026年12月1日 09:05"
    store.close()
