"""Export, PDF and print from the window, offscreen, every modal dialog answered by the test."""

from __future__ import annotations

import datetime
import errno
import os
import subprocess
import sys
import tempfile
import zipfile

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("docx")

from docx_xml import NS, W, paragraphs, read_part, text_of  # noqa: E402
from PySide6.QtCore import QDate  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox  # noqa: E402
from test_ui_window import PlaceholderEditor, make_report  # noqa: E402

from conftest import ROOT  # noqa: E402
from export import fonts, options, printing  # noqa: E402
from export import word as export_word  # noqa: E402
from export.options import ExportError  # noqa: E402
from model.converter import ConverterMissing  # noqa: E402
from model.paths import DB_NAME  # noqa: E402
from model.store import Store  # noqa: E402
from ui import export_dialog  # noqa: E402
from ui import settings as keys  # noqa: E402
from ui.export_dialog import ExportDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.print_dialog import PrintDialog  # noqa: E402
from ui.settings import Settings  # noqa: E402

FOUND_MISSING = [("仿宋_GB2312", "仿宋")]


class Clerk:
    """Answers the modal dialogs as the test says and remembers what they showed."""

    def __init__(self, monkeypatch) -> None:
        self.paths: list = []        # answers to the save-file dialog, in order
        self.clicks: list[str] = []  # button texts to click in message boxes, in order
        self.boxes: list[tuple[str, str, list[str]]] = []  # (title, text, buttons) of each message box
        self.saves: list[tuple[str, str]] = []  # (suggested, filter) of each save-file dialog
        self.dialogs: list[ExportDialog] = []
        self.choose = lambda dialog: None  # what the clerk does in the export dialog
        self.print_dialogs: list = []
        self.print_choice = lambda dialog: QDialog.Accepted  # what the clerk does in the print dialog
        monkeypatch.setattr(ExportDialog, "exec", lambda dialog: self._dialog(dialog))
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._box(box))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)

    def _dialog(self, dialog: ExportDialog) -> int:
        self.dialogs.append(dialog)
        answer = self.choose(dialog)  # None: accept, unless the clerk's action closed the dialog itself
        if answer is not None:
            return answer
        return dialog.result() or QDialog.Accepted

    def _box(self, box: QMessageBox) -> int:
        self.boxes.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        if self.clicks:
            wanted = self.clicks.pop(0)
            next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    def _save(self, parent, title, suggested, filters, *args, **kwargs):
        self.saves.append((suggested, filters))
        if not self.paths:
            return "", ""
        return str(self.paths.pop(0)), filters

    def titles(self) -> list[str]:
        return [b[0] for b in self.boxes]


@pytest.fixture(autouse=True)
def fonts_present(monkeypatch):
    monkeypatch.setattr(fonts, "missing_official_fonts", lambda *a, **k: [])


@pytest.fixture(autouse=True)
def own_temp(tmp_path, monkeypatch):
    """Print and PDF write to the system's temp folder: here, the test's own."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))


@pytest.fixture
def clerk(monkeypatch):
    return Clerk(monkeypatch)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data" / DB_NAME)
    s.add_report(make_report())
    yield s
    s.close()


def make_window(qtbot, store, tmp_path) -> MainWindow:
    win = MainWindow(store, Settings(tmp_path / "settings.ini"), PlaceholderEditor())
    qtbot.addWidget(win)
    return win


@pytest.fixture
def window(qtbot, store, tmp_path):
    return make_window(qtbot, store, tmp_path)


def body_text(path) -> str:
    return "\n".join(text_of(p) for p in paragraphs(path))


def marked_runs(path, tag: str) -> list:
    return [r for r in read_part(path, "word/document.xml").iter(W + "r") if r.find(f"w:rPr/w:{tag}", NS) is not None]


def finish(window):
    """Wait (the event loop turning) for the PDF or print job to end; the job."""
    job = window.exports.job
    assert job is not None
    job.wait() if not job.cancelled else None
    return job


def fill_all(window) -> None:
    for _, f in window.session.report.all_fields():
        if f.is_blank:
            f.value = 7


# -- blank modes -------------------------------------------------------------------------

def test_highlight_marks_blank_fields_yellow(window, clerk, tmp_path):
    target = tmp_path / "out" / "述职报告.docx"
    target.parent.mkdir()
    clerk.paths = [target]
    assert window.exports.export_word() == target
    highlighted = marked_runs(target, "highlight")
    assert [text_of(r) for r in highlighted] == ["X", "X"]
    assert all(r.find("w:rPr/w:highlight", NS).get(W + "val") == "yellow" for r in highlighted)
    assert clerk.saves[0][0].endswith("2024年领导班子述职述廉报告.docx")
    assert clerk.titles() == ["导出完成"] and "打开所在文件夹" in clerk.boxes[0][2]


def test_underline_leaves_an_underlined_gap(window, clerk, tmp_path):
    clerk.choose = lambda d: d.mode_buttons["underline"].setChecked(True)
    clerk.paths = [tmp_path / "u"]  # no suffix typed: .docx is added
    written = window.exports.export_word()
    assert written == tmp_path / "u.docx"
    assert marked_runs(written, "highlight") == []
    assert len(marked_runs(written, "u")) == 2 and "X" not in body_text(written)


def test_stop_with_blanks_says_so_and_writes_nothing(window, clerk, tmp_path):
    clerk.choose = lambda d: d.mode_buttons["stop"].setChecked(True)
    clerk.paths = [tmp_path / "never.docx"]
    assert window.exports.export_word() is None
    assert clerk.saves == [] and not (tmp_path / "never.docx").exists()
    title, text, _ = clerk.boxes[0]
    assert title == "未导出" and "还有 2 个指标未填写" in text
    dialog = clerk.dialogs[0]
    assert dialog.stop_hint.isVisibleTo(dialog) and dialog.stop_hint.text() == text
    dialog.mode_buttons["highlight"].setChecked(True)
    assert not dialog.stop_hint.isVisibleTo(dialog)


def test_stop_without_blanks_exports(window, clerk, tmp_path):
    fill_all(window)
    clerk.choose = lambda d: d.mode_buttons["stop"].setChecked(True)
    clerk.paths = [tmp_path / "full.docx"]
    written = window.exports.export_word()
    assert written is not None and "开展活动7场" in body_text(written)
    assert not clerk.dialogs[0].stop_hint.isVisibleTo(clerk.dialogs[0])


# -- end block, fonts, problems ------------------------------------------------------------

def test_end_block_prefilled_and_edited_appears_in_the_document(window, clerk, tmp_path):
    seen = {}

    def sign(dialog):
        seen["org"], seen["date"] = dialog.organisation_edit.text(), dialog.date_edit.date()
        dialog.end_box.setChecked(True)
        dialog.organisation_edit.setText("中共示例局委员会")
        dialog.date_edit.setDate(QDate(2025, 1, 10))

    clerk.choose = sign
    clerk.paths = [tmp_path / "signed.docx"]
    written = window.exports.export_word()
    assert seen == {"org": "示例局", "date": QDate.currentDate()}
    lines = body_text(written).splitlines()
    assert lines[-2:] == ["中共示例局委员会", "2025年1月10日"]


def test_no_end_block_unless_asked(window, clerk, tmp_path):
    clerk.paths = [tmp_path / "plain.docx"]
    written = window.exports.export_word()
    assert "示例局" not in body_text(written).splitlines()[-1]
    assert not clerk.dialogs[0].end_box.isChecked()


def test_missing_fonts_are_named_and_do_not_block(window, clerk, tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "missing_official_fonts", lambda *a, **k: FOUND_MISSING)
    shown = {}
    clerk.choose = lambda d: shown.update(visible=d.fonts_label.isVisibleTo(d), text=d.fonts_label.text())
    clerk.paths = [tmp_path / "fonts.docx"]
    assert window.exports.export_word() == tmp_path / "fonts.docx"
    assert shown["visible"]
    assert "本机缺少公文字体：仿宋_GB2312（本机实际以 仿宋 显示和打印）。请安装仿宋_GB2312（" in shown["text"]


def test_no_fonts_line_when_all_present(window, clerk):
    clerk.choose = lambda d: QDialog.Rejected
    assert window.exports.export_word() is None
    dialog = clerk.dialogs[0]
    assert not dialog.fonts_label.isVisibleTo(dialog) and clerk.saves == []


def test_problems_listed_and_a_click_jumps_to_the_field(window, clerk):
    def click_field_2(dialog):
        row = next(i for i, p in enumerate(dialog.problems) if p.fid == 2)
        dialog.problem_list.itemClicked.emit(dialog.problem_list.item(row))

    clerk.choose = click_field_2
    assert window.exports.export_word() is None
    dialog = clerk.dialogs[0]
    assert dialog.problem_label.text().startswith("还有 2 处尚未就绪：未填指标 2 个，占位符 0 处，空白段落 0 个。")
    assert dialog.problem_list.count() == 2
    assert clerk.saves == []
    assert window.editor.node is window.session.report.nodes[1].children[0]
    assert window.editor.focused == [2] and window.checks_dock.isVisibleTo(window)


def test_no_problems_says_ready(window, clerk):
    fill_all(window)
    clerk.choose = lambda d: QDialog.Rejected
    window.exports.export_word()
    dialog = clerk.dialogs[0]
    assert dialog.problem_label.text() == "没有发现问题，可以导出。"
    assert not dialog.problem_list.isVisibleTo(dialog)


# -- failures --------------------------------------------------------------------------------

def test_locked_target_offers_another_name(window, clerk, tmp_path, monkeypatch):
    real_replace = export_word.os.replace
    calls = []

    def locked_once(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(export_word.os, "replace", locked_once)
    first, second = tmp_path / "打开中.docx", tmp_path / "另一个.docx"
    clerk.paths = [first, second]
    clerk.clicks = ["另选文件名…"]
    assert window.exports.export_word() == second
    assert second.exists() and not first.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".reportdesk-")] == []
    title, text, buttons = clerk.boxes[0]
    assert title == "导出失败" and "正在被 Word 或 WPS 打开" in text and "另选文件名…" in buttons
    assert clerk.saves[1][0] == str(first)


def test_other_failures_only_explain(window, clerk, tmp_path, monkeypatch):
    def broken(src, dst):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(export_word.os, "replace", broken)
    clerk.paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    assert window.exports.export_word() is None
    title, text, buttons = clerk.boxes[0]
    assert title == "导出失败" and "保存“a.docx”失败" in text and "另选文件名…" not in buttons
    assert len(clerk.saves) == 1 and len(clerk.boxes) == 1


def test_declining_another_name_stops(window, clerk, tmp_path, monkeypatch):
    monkeypatch.setattr(export_word.os, "replace", lambda s, d: (_ for _ in ()).throw(PermissionError(13, "x")))
    clerk.paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    clerk.clicks = ["取消"]
    assert window.exports.export_word() is None and len(clerk.saves) == 1


# -- PDF and print ---------------------------------------------------------------------------

def test_pdf_through_a_temporary_word_file(window, clerk, tmp_path, monkeypatch):
    made = []

    def fake_to_pdf(docx, pdf):
        with zipfile.ZipFile(docx) as z:
            made.append((docx, "word/document.xml" in z.namelist()))
        pdf.write_bytes(b"%PDF-1.7 fake")
        return pdf

    monkeypatch.setattr(printing, "to_pdf", fake_to_pdf)
    assert window.act_pdf in window.menuBar().actions()[0].menu().actions()
    clerk.paths = [tmp_path / "报告"]
    window.act_pdf.trigger()
    finish(window)
    pdf = tmp_path / "报告.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert made[0][1] and not made[0][0].exists()  # the Word file was complete, then removed
    assert "PDF" in clerk.saves[0][1] and clerk.saves[0][0].endswith(".pdf")
    assert clerk.titles() == ["导出完成"]


def test_pdf_without_libreoffice_says_so(window, clerk, tmp_path, monkeypatch):
    def missing(*a, **k):
        raise ConverterMissing("no soffice")

    monkeypatch.setattr(printing, "convert", missing)
    clerk.paths = [tmp_path / "x.pdf"]
    with pytest.raises(ExportError):
        window.exports.export_pdf().wait()
    title, text, _ = clerk.boxes[0]
    assert title == "导出 PDF 失败" and "未找到 LibreOffice" in text and "Word 中另存为 PDF" in text
    assert not (tmp_path / "x.pdf").exists()


PRINTERS = printing.PrintSetup(["办公室", "二楼打印机"], "二楼打印机")


@pytest.fixture
def printers(monkeypatch, clerk):
    """Two printers; what was sent is recorded (docx, printer, copies) and lp accepts it as job 7."""
    sent = []

    def fake_print(docx, printer, copies=1):
        sent.append((docx, printer, copies, marked_runs(docx, "u")))
        return "job-7"

    monkeypatch.setattr(printing, "print_setup", lambda known=None: PRINTERS)
    monkeypatch.setattr(printing, "print_document", fake_print)
    monkeypatch.setattr(PrintDialog, "exec", lambda d: clerk.print_dialogs.append(d) or clerk.print_choice(d))
    return sent


def test_print_checks_readiness_then_asks_printer_and_copies(window, clerk, printers):
    def choose(dialog):
        dialog.printer.setCurrentText("办公室")
        dialog.copies.setValue(2)
        return QDialog.Accepted

    clerk.print_choice = choose
    window.settings.set_value(keys.BLANK_MODE, "underline")
    assert window.exports.print_report().wait() == "job-7"
    assert len(clerk.dialogs) == 1 and clerk.dialogs[0].accept_button.text() == "打印…"
    assert clerk.dialogs[0].problem_list.count() == 2  # the readiness check ran first
    assert clerk.print_dialogs[0].printer.count() == 2
    docx, printer, copies, underlined = printers[0]
    assert (printer, copies, len(underlined)) == ("办公室", 2, 2)
    assert not docx.parent.exists()  # lp keeps its own copy: the temporary folder is gone
    assert window.statusBar().currentMessage() == "已发送到打印机 办公室（2 份）"


def test_print_dialog_offers_the_default_printer_first(window, clerk, printers):
    clerk.print_choice = lambda d: QDialog.Rejected
    assert window.exports.print_report() is None
    assert clerk.print_dialogs[0].choice() == ("二楼打印机", 1) and printers == []


def test_print_with_no_printer_installed_says_so_and_sends_nothing(window, clerk, monkeypatch):
    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(printing, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(printing, "_lpstat", lambda *a: "")  # CUPS answers, with no printer
    monkeypatch.setattr(printing, "print_document", lambda *a, **k: pytest.fail("sent"))
    assert window.exports.print_report() is None
    title, text, _ = clerk.boxes[0]
    assert title == "无法打印" and text == printing.NO_PRINTER and clerk.dialogs == []
    assert "已发送" not in window.statusBar().currentMessage()


def test_print_without_a_print_service_says_there_is_no_printer(window, clerk, monkeypatch):
    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)  # this machine: no lpstat, no lp
    assert window.exports.print_report() is None
    title, text, _ = clerk.boxes[0]
    assert title == "无法打印" and text == printing.NO_PRINT_SERVICE and clerk.dialogs == []


def test_print_without_libreoffice_says_what_to_do(window, clerk, monkeypatch):
    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(printing, "_lpstat", lambda *a: "办公室 accepting requests\n")
    monkeypatch.setattr(printing, "find_soffice", lambda: None)
    assert window.exports.print_report() is None
    assert clerk.boxes[0][1] == printing.NO_PRINT_HANDLER


def test_a_refused_job_is_not_reported_as_sent(window, clerk, printers, monkeypatch):
    def refused(*a, **k):
        raise ExportError(printing.JOB_REFUSED.format(printer="办公室", why="lp: 拒绝"), "refused")

    monkeypatch.setattr(printing, "print_document", refused)
    with pytest.raises(ExportError):
        window.exports.print_report().wait()
    assert clerk.boxes[0][0] == "无法打印" and "没有接受打印任务" in clerk.boxes[0][1]
    assert "已发送" not in window.statusBar().currentMessage()


def test_print_stopped_on_blanks_says_so(window, clerk, printers):
    window.settings.set_value(keys.BLANK_MODE, "stop")
    assert window.exports.print_report() is None
    assert clerk.boxes[0][0] == "未打印" and "未填写" in clerk.boxes[0][1]
    assert clerk.print_dialogs == [] and printers == []


def test_print_after_export_asks_the_printer_too(window, clerk, printers, tmp_path):
    clerk.paths = [tmp_path / "p.docx"]
    clerk.clicks = ["打印"]
    window.exports.export_word()
    finish(window)
    assert len(clerk.print_dialogs) == 1 and printers[0][0].name == "p.docx"
    assert (tmp_path / "p.docx").exists()


def test_open_after_export(window, clerk, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(printing, "open_file", opened.append)
    clerk.paths = [tmp_path / "o.docx"]
    clerk.clicks = ["打开"]
    window.exports.export_word()
    assert opened == [tmp_path / "o.docx"]


# -- remembered choices -------------------------------------------------------------------------

def test_choices_persist_in_settings(window, clerk, tmp_path, qtbot, store):
    def choose(dialog):
        dialog.mode_buttons["underline"].setChecked(True)
        dialog.end_box.setChecked(True)

    clerk.choose = choose
    clerk.paths = [tmp_path / "one.docx"]
    window.exports.export_word()
    window.close()
    settings = Settings(tmp_path / "settings.ini")
    assert settings.value(keys.BLANK_MODE) == "underline" and settings.value(keys.END_BLOCK) is True
    assert settings.value(keys.EXPORT_DIR) == str(tmp_path)
    again = make_window(qtbot, store, tmp_path)
    clerk.choose = lambda d: QDialog.Rejected
    again.exports.export_word()
    dialog = clerk.dialogs[-1]
    assert dialog.blank_mode() == "underline" and dialog.end_box.isChecked()
    assert dialog.options().date == datetime.date.today()


def test_blank_modes_are_defined_once():
    assert export_dialog.BLANK_MODES is options.BLANK_MODES is export_word.BLANK_MODES


def test_options_and_errors_load_without_the_word_writer():
    code = ("import sys, ui.export_flow, ui.export_dialog, main\n"
            "print('docx' in sys.modules, 'export.word' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_the_flow_tells_the_window_through_signals(window, clerk, tmp_path):
    """The flow holds no window: what it has to say arrives as signals the window shows."""
    assert not hasattr(window.exports, "show_checks") and window.exports.parent() is window
    heard = []
    window.exports.exported.connect(heard.append)
    clerk.paths = [tmp_path / "s.docx"]
    window.exports.export_word()
    assert heard == [tmp_path / "s.docx"]
    assert window.statusBar().currentMessage() == f"已导出 {tmp_path / 's.docx'}"


def test_screenshot_of_the_export_dialog(window, tmp_path, monkeypatch):
    from model.checks import readiness

    report = window.session.report
    options = window.exports.current_options(report)
    dialog = ExportDialog(readiness(report), options, [("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体")],
                          "导出 Word…", window)
    dialog.show()
    path = tmp_path / "export_dialog.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 5_000


def test_the_fonts_warning_says_what_to_install_in_the_official_order():
    text = export_dialog.fonts_warning([("仿宋_GB2312", "Noto Sans CJK SC"), ("宋体", "Noto Sans CJK SC"),
                                        ("方正小标宋简体", "Noto Sans CJK SC")])
    assert "仿宋_GB2312、宋体、方正小标宋简体（本机实际以 Noto Sans CJK SC 显示和打印）" in text
    assert "请安装方正小标宋简体、仿宋_GB2312、宋体（" in text


def test_on_this_machine_the_warning_names_the_face_really_used(monkeypatch):
    monkeypatch.undo()  # the real font check, not the fixture's
    import shutil

    if not shutil.which("fc-match") or not fonts._run(["fc-list", ":lang=zh", "family"]).strip():
        pytest.skip("no fontconfig or no Chinese font here")
    text = export_dialog.fonts_warning(fonts.missing_official_fonts())
    assert "DejaVu Sans" not in text  # DejaVu has no Chinese glyph: it is never what prints 仿宋_GB2312
