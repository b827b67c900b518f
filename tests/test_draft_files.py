"""Bad files are refused with one clear line (DraftError), never another exception."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from model import converter
from model.draft import OLE_MAGIC, DraftError, decode_text, read_draft


def _ole(*names: str, size: int = 4096) -> bytes:
    """An OLE2-looking file whose directory holds ``names`` at 128-byte record boundaries."""
    data = bytearray(OLE_MAGIC + b"\0" * (size - len(OLE_MAGIC)))
    for i, name in enumerate(names):
        raw = name.encode("utf-16-le")
        at = 1024 + 128 * i
        data[at:at + len(raw)] = raw
    return bytes(data)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zeros_zip(path: Path, megabytes: int) -> None:
    """A docx-shaped zip whose document.xml is ``megabytes`` MB of zeros (a tiny file on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)


def _encrypted_flag(data: bytes) -> bytes:
    """The same zip with the 'encrypted' bit set in its central directory."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    out[at + 8] |= 0x01
    return bytes(out)


def refused(path: Path, *phrases: str) -> str:
    with pytest.raises(DraftError) as info:
        read_draft(path)
    message = str(info.value)
    assert "\n" not in message and " / " in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message.split(" / ")[0])
    for phrase in phrases:
        assert phrase in message
    return message


@pytest.fixture
def no_soffice(monkeypatch):
    monkeypatch.setattr(converter, "find_soffice", lambda: None)


@pytest.fixture
def docx_never_opened(monkeypatch):
    import model.draft.docx_reader

    def fail(path):
        raise AssertionError("python-docx must not open this file")

    monkeypatch.setattr(model.draft.docx_reader, "read_docx", fail)


def test_missing_file(tmp_path):
    refused(tmp_path / "去年的稿子.docx", "找不到文件", "去年的稿子.docx")


def test_a_folder(tmp_path):
    refused(tmp_path, "文件夹")


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx"])
def test_empty_file(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    refused(tmp_path / name, "空的")


def test_file_over_20_mb(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: the size is what counts
    refused(path, "文件过大")


def test_zip_bomb_refused_before_python_docx_opens_it(tmp_path, docx_never_opened):
    path = tmp_path / "bomb.docx"
    _zeros_zip(path, 210)
    assert path.stat().st_size < 1024 * 1024
    refused(path, "解压后过大")


def test_absurd_compression_ratio_refused(tmp_path, docx_never_opened):
    path = tmp_path / "ratio.docx"
    _zeros_zip(path, 60)
    refused(path, "解压后过大")


def test_zip_with_thousands_of_members_refused(tmp_path, docx_never_opened):
    path = tmp_path / "many.docx"
    path.write_bytes(_zip({f"word/media/{i}.bin": b"" for i in range(5001)} | {"word/document.xml": b"<x/>"}))
    refused(path, "部件过多")


def test_not_really_a_zip(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    refused(path, "已损坏")


def test_truncated_docx(tmp_path):
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "truncated.docx"
    path.write_bytes(buffer.getvalue()[:5000])
    refused(path, "已损坏")


def test_zip_that_is_not_a_word_file(tmp_path):
    path = tmp_path / "photos.docx"
    path.write_bytes(_zip({"a.txt": b"hello", "b.txt": b"world"}))
    refused(path, "不是 Word 文稿")


def test_docx_with_broken_xml(tmp_path):
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/document.xml"] = b"<w:document><unclosed>"
    path = tmp_path / "badxml.docx"
    path.write_bytes(_zip(members))
    refused(path, "已损坏")


def test_zip_with_encrypted_members(tmp_path, docx_never_opened):
    path = tmp_path / "locked.docx"
    path.write_bytes(_encrypted_flag(_zip({"word/document.xml": b"<x/>"})))
    refused(path, "已加密")


def test_password_protected_docx(tmp_path):
    path = tmp_path / "加密.docx"
    path.write_bytes(_ole("EncryptionInfo", "EncryptedPackage"))
    refused(path, "文件已加密，请在 Word 中取消密码后再导入。")


def test_doc_renamed_docx_without_libreoffice(tmp_path, no_soffice):
    path = tmp_path / "old.docx"
    path.write_bytes(_ole("Root Entry", "WordDocument", "1Table"))
    refused(path, "无法直接读取 .doc/.wps 文件：请在 WPS 或 Word 中另存为 .docx 后再导入。")


@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_legacy_without_libreoffice(tmp_path, no_soffice, name):
    path = tmp_path / name
    path.write_bytes(_ole("Root Entry", "WordDocument"))
    refused(path, "另存为 .docx")


def test_ole_file_that_is_not_word(tmp_path, no_soffice):
    path = tmp_path / "renamed.docx"
    path.write_bytes(OLE_MAGIC + b"\0" * 2000)
    refused(path, "不是可识别的 Word 文稿")


def test_odt_and_rtf_without_libreoffice(tmp_path, no_soffice):
    odt = tmp_path / "draft.odt"
    odt.write_bytes(_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}))
    refused(odt, "无法直接读取 .odt", "另存为 .docx")
    rtf = tmp_path / "draft.doc"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    refused(rtf, "无法直接读取 RTF")


def test_libreoffice_failure_is_a_clear_line(tmp_path, monkeypatch):
    def fail(source, fmt, out_dir, timeout=120):
        raise converter.ConversionFailed("no output")

    monkeypatch.setattr(converter, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(converter, "convert", fail)
    path = tmp_path / "old.doc"
    path.write_bytes(_ole("Root Entry", "WordDocument"))
    refused(path, "LibreOffice 未能转换", "另存为 .docx")


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 40,                  # NUL bytes
    bytes(range(0x80, 0x100)) * 40,          # neither UTF-8 nor GB18030
    b"\x01\x02\x03\x04abc" * 200,            # decodes, but control characters throughout
])
def test_binary_renamed_txt(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    refused(path, "不是文本文件")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("一、总体情况", encoding="utf-8")
    real_open = Path.open

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    refused(path, "无法读取文件", "locked.txt")


@pytest.mark.parametrize("name, content", [
    ("blank.txt", "\n\u3000\u3000\n   \n".encode()),
])
def test_text_without_words(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    refused(path, "没有文字")


def test_docx_without_words(tmp_path):
    document = docx.Document()
    document.add_paragraph("\u3000\u3000")
    path = tmp_path / "blank.docx"
    document.save(path)
    refused(path, "没有文字")


@pytest.mark.parametrize("data, expected", [
    ("一、总体情况".encode(), "一、总体情况"),
    ("\ufeff一、总体情况".encode(), "一、总体情况"),
    ("一、总体情况".encode("gb18030"), "一、总体情况"),
    ("一、总体情况".encode("gbk"), "一、总体情况"),
    ("\ufeff一、总体情况".encode("utf-16-le"), "一、总体情况"),
    ("\ufeff一、总体情况".encode("utf-16-be"), "一、总体情况"),
])
def test_text_encodings(data, expected):
    assert decode_text(data) == expected

