"""Open, print and PDF helpers, with the system's programs replaced by fakes."""

from __future__ import annotations

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


def test_print_docx_through_libreoffice_with_its_own_profile(spawned, monkeypatch, tmp_path):
    monkeypatch.setattr(printing, "find_soffice", lambda: "/opt/lo/soffice")
    printing.print_file(tmp_path / "a.docx")
    cmd = spawned[0]
    assert cmd[0] == "/opt/lo/soffice" and "-p" in cmd and cmd[-1].endswith("a.docx")
    assert cmd[1].startswith("-env:UserInstallation=file://")


def test_print_pdf_through_lp(spawned, monkeypatch, tmp_path):
    monkeypatch.setattr(printing.shutil, "which", lambda name: "/usr/bin/lp" if name == "lp" else None)
    printing.print_file(tmp_path / "a.pdf")
    assert spawned == [["lp", str(tmp_path / "a.pdf")]]


def test_print_without_any_handler_says_what_to_do(spawned, monkeypatch, tmp_path):
    monkeypatch.setattr(printing, "find_soffice", lambda: None)
    with pytest.raises(ExportError, match="WPS 或 Word"):
        printing.print_file(tmp_path / "a.docx")


def test_windows_uses_the_print_verb(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(printing.sys, "platform", "win32")
    monkeypatch.setattr(printing.os, "startfile", lambda *a: calls.append(a), raising=False)
    printing.print_file(tmp_path / "a.docx")
    printing.open_file(tmp_path / "a.docx")
    assert calls == [(str(tmp_path / "a.docx"), "print"), (str(tmp_path / "a.docx"),)]


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
