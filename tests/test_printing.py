"""Open, print and PDF helpers, with the system's programs replaced by fakes."""

from __future__ import annotations

import subprocess

import pytest

from export import printing
from export.options import ExportError
from model.converter import ConverterMissing


@pytest.fixture
def spawned(monkeypatch):
    calls = []
    monkeypatch.setattr(printing.subprocess, "Popen", lambda cmd, **kw: calls.append(cmd))
    monkeypatch.setattr(printing.sys, "platform", "linux")
    return calls


def test_open_uses_xdg_open_on_linux(spawned, tmp_path):
    printing.open_file(tmp_path / "a.docx")
    assert spawned == [["xdg-open", str(tmp_path / "a.docx")]]


class FakeCups:
    """lpstat and lp as a machine with these printers would answer; records every command."""

    def __init__(self, monkeypatch, printers=(), default="", lp_out="request id is 办公室-12 (1 file(s))",
                 lp_code=0, programs=("lpstat", "lp")) -> None:
        self.printers, self.default, self.lp_out, self.lp_code = list(printers), default, lp_out, lp_code
        self.commands: list[list[str]] = []
        monkeypatch.setattr(printing.sys, "platform", "linux")
        monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}" if name in programs else None)
        monkeypatch.setattr(printing, "find_soffice", lambda: "/usr/bin/soffice")
        monkeypatch.setattr(printing.subprocess, "run", self.run)

    def run(self, cmd, **kwargs):
        assert kwargs["env"]["LC_ALL"] == "C"  # CUPS answers in English, whatever the desktop's language
        self.commands.append(cmd)
        name = cmd[0].rsplit("/", 1)[-1]
        if name == "lpstat" and cmd[1] == "-a":
            out = "".join(f"{p} accepting requests since Mon 30 Nov 2026\n" for p in self.printers)
        elif name == "lpstat":
            out = f"system default destination: {self.default}\n" if self.default else "no system default destination\n"
        else:
            return subprocess.CompletedProcess(cmd, self.lp_code, self.lp_out, "lp: 打印机拒绝\n" * bool(self.lp_code))
        return subprocess.CompletedProcess(cmd, 0, out, "")


def test_no_printer_installed_is_said_before_anything_is_sent(monkeypatch):
    FakeCups(monkeypatch, printers=[])
    with pytest.raises(ExportError) as caught:
        printing.print_setup()
    assert caught.value.reason == "no_printer" and "没有安装打印机" in str(caught.value)


@pytest.mark.parametrize("programs", [(), ("lpstat",)])
def test_no_print_service_means_no_printer(monkeypatch, programs):
    FakeCups(monkeypatch, printers=["办公室"], programs=programs)
    with pytest.raises(ExportError) as caught:
        printing.print_setup()
    assert caught.value.reason == "no_printer" and str(caught.value) == printing.NO_PRINT_SERVICE


def test_no_libreoffice_is_no_handler(monkeypatch):
    FakeCups(monkeypatch, printers=["办公室"])
    monkeypatch.setattr(printing, "find_soffice", lambda: None)
    with pytest.raises(ExportError) as caught:
        printing.print_setup()
    assert caught.value.reason == "no_handler" and "WPS 或 Word" in str(caught.value)


def test_printers_and_the_default_come_from_lpstat(monkeypatch):
    FakeCups(monkeypatch, printers=["办公室", "HP_LaserJet"], default="HP_LaserJet")
    assert printing.print_setup() == printing.PrintSetup(["办公室", "HP_LaserJet"], "HP_LaserJet")
    FakeCups(monkeypatch, printers=["办公室", "HP_LaserJet"])
    assert printing.print_setup().default == "办公室"


def test_windows_printers_are_the_ones_given(monkeypatch):
    monkeypatch.setattr(printing.sys, "platform", "win32")
    given = printing.PrintSetup(["Canon"], "Missing")
    assert printing.print_setup(given) == printing.PrintSetup(["Canon"], "Canon")
    with pytest.raises(ExportError, match="没有安装打印机"):
        printing.print_setup(printing.PrintSetup([], ""))


def test_lp_gets_printer_and_copies_and_its_job_id_is_returned(monkeypatch, tmp_path):
    cups = FakeCups(monkeypatch, printers=["办公室"])
    assert printing.submit_to_lp(tmp_path / "a.pdf", "办公室", 3) == "办公室-12"
    assert cups.commands[-1] == ["/usr/bin/lp", "-d", "办公室", "-n", "3", str(tmp_path / "a.pdf")]


@pytest.mark.parametrize("code, out", [(1, ""), (0, "")])
def test_a_job_lp_did_not_accept_is_refused(monkeypatch, tmp_path, code, out):
    FakeCups(monkeypatch, printers=["办公室"], lp_code=code, lp_out=out)
    with pytest.raises(ExportError) as caught:
        printing.submit_to_lp(tmp_path / "a.pdf", "办公室", 1)
    assert caught.value.reason == "refused" and "办公室" in str(caught.value)


def test_linux_prints_a_pdf_made_beside_the_word_file(monkeypatch, tmp_path):
    FakeCups(monkeypatch, printers=["办公室"])
    made = []
    monkeypatch.setattr(printing, "to_pdf", lambda docx, pdf: made.append(pdf) or pdf)
    assert printing.print_document(tmp_path / "a.docx", "办公室", 2) == "办公室-12"
    assert made == [tmp_path / "a.pdf"]


def test_windows_prints_through_the_files_own_program(monkeypatch, tmp_path):
    calls = []
    printing.print_on_windows(tmp_path / "a.docx", "Canon LBP", 2, lambda *a: calls.append(a) or 42)
    assert calls == [("printto", str(tmp_path / "a.docx"), '"Canon LBP"')] * 2


@pytest.mark.parametrize("code, reason", [(31, "no_handler"), (5, "refused")])
def test_windows_refusals_are_explained(tmp_path, code, reason):
    with pytest.raises(ExportError) as caught:
        printing.print_on_windows(tmp_path / "a.docx", "Canon", 1, lambda *a: code)
    assert caught.value.reason == reason


def test_windows_opens_with_startfile(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(printing.sys, "platform", "win32")
    monkeypatch.setattr(printing.os, "startfile", lambda *a: calls.append(a), raising=False)
    printing.open_file(tmp_path / "a.docx")
    assert calls == [(str(tmp_path / "a.docx"),)]


def test_pdf_without_libreoffice_is_a_clear_error(monkeypatch, tmp_path):
    def missing(*args, **kwargs):
        raise ConverterMissing("x")

    monkeypatch.setattr(printing, "convert", missing)
    with pytest.raises(ExportError, match="未找到 LibreOffice/WPS 转换器"):
        printing.to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf")


def test_pdf_moves_the_converted_file(monkeypatch, tmp_path):
    def fake_convert(source, fmt, out_dir, timeout=120):
        made = out_dir / (source.stem + ".pdf")
        made.write_bytes(b"%PDF-1.4")
        return made

    monkeypatch.setattr(printing, "convert", fake_convert)
    out = printing.to_pdf(tmp_path / "a.docx", tmp_path / "报告.pdf")
    assert out.read_bytes() == b"%PDF-1.4"


def test_missing_program_is_an_export_error(monkeypatch, tmp_path):
    def gone(cmd, **kw):
        raise FileNotFoundError(2, "No such file")

    monkeypatch.setattr(printing.subprocess, "Popen", gone)
    monkeypatch.setattr(printing.sys, "platform", "linux")
    with pytest.raises(ExportError):
        printing.open_file(tmp_path / "a.docx")


def test_a_pdf_open_in_a_viewer_is_reported_as_locked(tmp_path, monkeypatch):
    def fake_convert(source, fmt, out_dir, timeout=120):
        made = out_dir / (source.stem + "." + fmt)
        made.write_bytes(b"%PDF-1.4")
        return made

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(printing, "convert", fake_convert)
    monkeypatch.setattr(printing.os, "replace", locked)
    (tmp_path / "a.docx").write_bytes(b"docx")
    with pytest.raises(ExportError) as caught:
        printing.to_pdf(tmp_path / "a.docx", tmp_path / "报告.pdf")
    assert caught.value.reason == "locked" and "关闭" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]
