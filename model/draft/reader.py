"""A previous year's draft, whatever file it arrives in, becomes a Report (上年稿导入).

The file is recognised by its content, not its name: clerks rename files,
and a .doc saved as .docx must get the right message rather than a crash.
Every problem a clerk can meet — missing, empty, huge, encrypted, damaged,
legacy without LibreOffice, not a document at all — raises ``DraftError``
with one line, Chinese then English.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

from model.draft.docx_package import main_part_name, read_part
from model.draft.paragraphs import Para
from model.errors import ReportDeskError
from model.report import Report

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000
MAX_RATIO = 200  # uncompressed / compressed, for members above 10 MB
# A yearly report has a few hundred paragraphs, some 30,000 characters and a few hundred numbers;
# far beyond that a file is no report, and reading it would keep the clerk waiting for minutes.
MAX_PARAGRAPHS = 20_000
MAX_CHARACTERS = 500_000
MAX_NUMBERS = 10_000
_NUMBER_RE = re.compile(r"[0-9０-９]+")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # and U+FFFD, counted apart (cheaper to compile)
_DROP_NOT_XML = dict.fromkeys([*range(0x20), 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)])
for _kept in (0x09, 0x0A, 0x0D):
    del _DROP_NOT_XML[_kept]
# the same characters as a pattern cheap to compile and _has_wide_not_xml (a class of the surrogates
# costs re a loop over their 2,048 code points in every process)
_C0_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

SAVE_AS_DOCX = "请在 WPS 或 Word 中另存为 .docx 后再导入。"


class DraftError(ReportDeskError):
    """A draft that cannot be read; the message is one line, "中文。 / English"."""


def read_draft(path: Path | str, year: int | None = None, notes: list[str] | None = None) -> Report:
    """The outline and fields of the draft at ``path``; DraftError when it cannot be read.

    ``notes`` receives one line per thing the clerk should know about a draft
    that was read anyway (a few bytes that are no valid text).
    """
    path = Path(path)
    data_head, size = _open_checks(path)
    if data_head.startswith(b"PK"):
        return _from_zip(path, year)
    if data_head.startswith(OLE_MAGIC):
        return _from_ole(path, year)
    if data_head.startswith(b"{\\rtf"):
        return _convert_and_read(path, ".rtf", "RTF", year)
    if _looks_like_html(data_head) and path.suffix.lower() in (".doc", ".wps", ".htm", ".html", ".mht"):
        return _convert_and_read(path, ".html", "网页格式的 .doc", year)
    return parse_text(decode_text(_read_bytes(path), path.name, notes), year)


def parse_text(text: str, year: int | None = None) -> Report:
    """Pasted or decoded text → Report (the same structure rules as a Word file)."""
    from model.draft.textdraft import text_paragraphs

    if len(text) > MAX_CHARACTERS:
        raise _too_large("characters", len(text), MAX_CHARACTERS)
    lines = text.count("\n")
    if lines > 3 * MAX_PARAGRAPHS:  # a PDF copy breaks a paragraph into a few lines, not thousands
        raise _too_large("paragraphs", lines, 3 * MAX_PARAGRAPHS)
    return parse_paragraphs(text_paragraphs(text), year)


def parse_paragraphs(paras: list[Para], year: int | None = None) -> Report:
    """Paragraphs from any reader → Report; ``year`` wins over the year in the title."""
    paras = [xml_safe(p) for p in paras]
    if not any(p.text.strip() for p in paras):
        raise DraftError("文稿中没有文字，无法导入：请确认选择了正确的文件。 / The draft contains no text.")
    _check_size(paras)
    from model.draft.outline import build_report
    from model.phrases import bind_phrases

    return bind_phrases(build_report(paras, year))  # year from the title when none is given; 同比 phrases bound


# what is counted (as docx_reader.TooLarge names it) → its Chinese name and measure word
_MEASURES = {"paragraphs": ("段落", "段"), "characters": ("文字", "字"), "numbers": ("数字", "个"),
             "tags": ("排版标记", "个"), "bytes": ("内容", "字节")}


def _too_large(measured: str, count: int, limit: int) -> DraftError:
    what, unit = _MEASURES[measured]
    return DraftError(f"文稿的{what}过多（{count} {unit}，上限 {limit} {unit}），不像一份报告文稿：请确认选对了文件。"
                      f" / The draft is too large to be a report ({count} > {limit}).")


def _check_size(paras: list[Para]) -> None:
    """Refuse a "draft" that no report resembles before the outline and fields are built."""
    if len(paras) > MAX_PARAGRAPHS:
        raise _too_large("paragraphs", len(paras), MAX_PARAGRAPHS)
    chars = sum(len(p.text) for p in paras)
    if chars > MAX_CHARACTERS:
        raise _too_large("characters", chars, MAX_CHARACTERS)
    numbers = sum(len(_NUMBER_RE.findall(p.text)) for p in paras)
    if numbers > MAX_NUMBERS:
        raise _too_large("numbers", numbers, MAX_NUMBERS)


def xml_safe(p: Para) -> Para:
    """The paragraph without characters no Word file may hold (C0 controls, lone surrogates).

    Stripped at import: kept, they are stored and then make every export fail.
    """
    if _C0_CONTROL.search(p.text) is None and not _has_wide_not_xml(p.text):
        return p  # nearly every paragraph: two searches, not a translation through a table
    text = p.text.translate(_DROP_NOT_XML)
    if len(text) == len(p.text):
        return p
    lead = p.text[:p.bold_prefix]
    cut = len(lead) - len(lead.translate(_DROP_NOT_XML))
    return p.replace(text=text, bold_prefix=max(0, p.bold_prefix - cut))


def _has_wide_not_xml(text: str) -> bool:
    """U+FFFE, U+FFFF or a surrogate in ``text`` (no UTF-8 can hold a surrogate)."""
    if "\ufffe" in text or "\uffff" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# -- checks every file passes ------------------------------------------------------


def _open_checks(path: Path) -> tuple[bytes, int]:
    """The first bytes and the size, after refusing what is missing, a folder, empty or huge."""
    name = path.name or str(path)
    if path.is_dir():
        raise DraftError(f"“{name}”是文件夹，不是文稿：请选择一个 .docx 或 .txt 文件。 / {name} is a folder, not a file.")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise DraftError(f"找不到文件“{name}”：请检查路径后重试。 / File not found: {name}.") from None
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if size == 0:
        raise DraftError(f"文件“{name}”是空的，没有可导入的内容。 / {name} is empty.")
    if size > MAX_FILE_BYTES:
        raise DraftError(f"文件过大（{size / 1048576:.0f} MB，上限 {MAX_FILE_BYTES // 1048576} MB），"
                         f"不像一份报告文稿：请确认选对了文件。 / File too large ({size} bytes).")
    return head, size


def _unreadable(name: str, exc: OSError) -> DraftError:
    return DraftError(f"无法读取文件“{name}”（没有权限或正被其他程序占用）：请关闭占用它的程序或复制一份后再导入。"
                      f" / Cannot read {name}: {exc.strerror or exc}.")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path.name, exc) from None


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<html", b"<!doctype html", b"mime-version:"))


# -- text ----------------------------------------------------------------------------


def decode_text(data: bytes, name: str = "", notes: list[str] | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; binary files refused.

    A UTF-8 text with a few bad bytes (a damaged copy, a file cut mid-character)
    is read with "\ufffd" in their place and a line in ``notes``.
    """
    binary = DraftError(f"文件“{name}”不是文本文件，也不是 Word 文稿：请选择 .docx 或 .txt 文件。"
                        f" / {name} is neither a text file nor a Word document.")
    replaced = 0  # U+FFFD put in by a lenient decoding: bad bytes, not signs of a binary file
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise binary from None
    else:
        if b"\x00" in data:
            raise binary
        decoded = _decode_8bit(data, name, notes)
        if decoded is None:
            raise binary
        text, replaced = decoded
    if len(_CONTROL.findall(text)) + text.count("\ufffd") - replaced > max(2, len(text) // 200):
        raise binary
    return text


def _decode_8bit(data: bytes, name: str, notes: list[str] | None) -> tuple[str, int] | None:
    """(text, count of U+FFFD put in for bad bytes), or None for no text at all."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), 0
        except UnicodeDecodeError:
            continue
    text = data.decode("utf-8", errors="replace")
    bad = len(re.findall("\ufffd+", text))  # one bad byte may stand for up to three U+FFFD
    if bad > max(2, len(text) // 1000) or text.count("\ufffd") > max(8, len(text) // 100):
        return None
    if notes is not None:
        notes.append(f"文件“{name}”中有 {bad} 处不是有效的 UTF-8 文字，已显示为“\ufffd”：请在审阅中核对这些位置。"
                     f" / {bad} invalid UTF-8 sequence(s) in {name} shown as U+FFFD.")
    return text, text.count("\ufffd")


# -- Word and friends ------------------------------------------------------------------


def _damaged(name: str) -> DraftError:
    return DraftError(f"文件“{name}”已损坏，无法作为 Word 文稿打开：{SAVE_AS_DOCX}"
                      f" / {name} is damaged and cannot be opened as a Word document.")


def _encrypted(name: str) -> DraftError:
    return DraftError("文件已加密，请在 Word 中取消密码后再导入。"
                      f" / {name} is password-protected: remove the password in Word, then import it.")


def check_zip(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip that would unpack to an absurd size, before anything reads it."""
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    absurd = any(info.file_size > 10 * 1048576 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
                 for info in infos)
    if len(infos) > MAX_ZIP_MEMBERS:
        raise DraftError(f"文件“{name}”包含的部件过多（{len(infos)} 个），可能已损坏或不安全，已拒绝导入。"
                         f" / {name} holds {len(infos)} parts; refused as unsafe.")
    if total > MAX_UNZIPPED_BYTES or absurd:
        raise DraftError(f"文件“{name}”解压后过大（{total / 1048576:.0f} MB），可能已损坏或不安全，已拒绝导入。"
                         f" / {name} would unpack to {total} bytes; refused as unsafe.")
    if any(info.flag_bits & 0x1 for info in infos):
        raise _encrypted(name)


def _from_zip(path: Path, year: int | None) -> Report:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, name)
            names = set(archive.namelist())
            mime = read_part(archive, "mimetype")[:64] if "mimetype" in names else b""
            is_word = main_part_name(archive) is not None
    except zipfile.BadZipFile:
        raise _damaged(name) from None
    except (OSError, EOFError, RuntimeError, ValueError, NotImplementedError, zlib.error, ParseError):
        raise _damaged(name) from None  # zlib.error: a damaged deflate stream
    if is_word:
        return parse_paragraphs(_read_docx_safely(path), year)
    if mime.startswith(_ODT_MIME):
        return _convert_and_read(path, ".odt", ".odt", year)
    raise DraftError(f"文件“{name}”是压缩包，但不是 Word 文稿（.docx）：请选择 Word 文件或文本文件。"
                     f" / {name} is a zip archive but not a Word document.")


def _read_docx_safely(path: Path) -> list[Para]:
    from model.draft.docx_reader import TooLarge, read_docx

    try:
        return read_docx(path, MAX_PARAGRAPHS, MAX_CHARACTERS)
    except TooLarge as exc:
        raise _too_large(exc.what, exc.count, exc.limit) from None
    except Exception as exc:  # noqa: BLE001 - zipfile and the XML parser raise many kinds on a damaged package
        raise _damaged(path.name) from exc


def ole_streams(path: Path) -> tuple[bool, bool]:
    """(encrypted, word) for an OLE2 compound file: an EncryptedPackage or WordDocument stream.

    Directory entries are 128-byte records that start with the UTF-16 name,
    so a name found at a 128-byte boundary is a stream, not text in the body.
    """
    data = _read_bytes(path)

    def has(name: bytes) -> bool:
        start = data.find(name)
        while start != -1:
            if start % 128 == 0:
                return True
            start = data.find(name, start + 1)
        return False

    return has(_ENCRYPTED_STREAM), has(_WORD_STREAM)


def _from_ole(path: Path, year: int | None) -> Report:
    encrypted, word = ole_streams(path)
    if encrypted:
        raise _encrypted(path.name)
    if not word:
        raise DraftError(f"文件“{path.name}”不是可识别的 Word 文稿（可能已损坏，或是表格等其他文件）：{SAVE_AS_DOCX}"
                         f" / {path.name} is not a recognisable Word document.")
    return _convert_and_read(path, ".doc", ".doc/.wps", year)


def _convert_and_read(path: Path, suffix: str, kind: str, year: int | None) -> Report:
    """Legacy formats through LibreOffice, in a temporary folder that is removed afterwards."""
    import shutil
    import tempfile

    from model import converter  # imported here: most drafts never need it

    if converter.find_soffice() is None:
        raise DraftError(f"无法直接读取 {kind} 文件：{SAVE_AS_DOCX}"
                         f" / Cannot read {kind} files directly: save the file as .docx in WPS or Word.")
    with tempfile.TemporaryDirectory(prefix="reportdesk-draft-") as tmp:
        source = Path(tmp) / ("draft" + suffix)
        try:
            shutil.copyfile(path, source)
            converted = converter.convert(source, "docx", Path(tmp) / "out")
        except OSError as exc:
            raise _unreadable(path.name, exc) from None
        except (converter.ConversionFailed, converter.ConverterMissing):
            raise DraftError(f"LibreOffice 未能转换“{path.name}”（可能已损坏或已加密）：{SAVE_AS_DOCX}"
                             f" / LibreOffice could not convert {path.name}.") from None
        paras = _read_docx_safely(converted)
    return parse_paragraphs(paras, year)
