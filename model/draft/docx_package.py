"""The three parts of a .docx the reader needs, opened straight from the zip (Word 文件包).

python-docx opens the same package the same way (zip, relationships, lxml),
but importing it costs more than a whole text extraction by a peer reader;
the command line parses a draft in one short process, so the reader takes the
parts here and walks them with the same element API.  The parts are parsed by
the standard library's ElementTree (expat): loading lxml took 12 ms of a 75 ms
``parse``, ElementTree 3 ms, and the reader asks only for what both give
(``find``, ``iter``, ``get``, ``text``).  Tests check that this gives exactly
what python-docx's own (lxml) document element gives.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
from functools import cache
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, fromstring

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_OFFICE_DOCUMENT = _REL_BASE + "officeDocument"
_STYLES = _REL_BASE + "styles"
_NUMBERING = _REL_BASE + "numbering"
# A DTD, in any encoding a part may have: where entities and references to other files would hide.
_DOCTYPES = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
# A report's document.xml is well under 1 MB.  ElementTree holds some 100 bytes per tag, so these bounds keep the
# parts of one draft under 300 MB (the 9.9 MB document.xml of a million tags peaks at 156 MB).
_CHINESE_CODECS = frozenset(("gbk", "gb18030", "gb2312", "hz", "big5", "big5hkscs", "cp950"))
MAX_PART_BYTES = 16 * 1024 * 1024
MAX_TAGS = 1_200_000


@cache
def qn(tag: str) -> str:
    """"w:p" → "{http://…/main}p", the name ElementTree (and lxml) uses."""
    prefix, local = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


class TooLarge(ValueError):
    """The document holds more than any report (paragraphs, characters, tags, bytes): refused before it is read."""

    def __init__(self, what: str, count: int, limit: int) -> None:
        super().__init__(f"{count} {what} > {limit}")
        self.what, self.count, self.limit = what, count, limit


class DocxParts:  # a plain class: a dataclass costs ~0.7 ms to define, in every process that parses
    """The main document, styles and numbering parts as elements (the last two may be None)."""

    __slots__ = ("document", "styles", "numbering")

    def __init__(self, document: Element, styles: Element | None = None, numbering: Element | None = None) -> None:
        self.document = document
        self.styles = styles
        self.numbering = numbering


def parse_part(data: bytes) -> Element:
    """A part's XML; ParseError when it is not well-formed, declares a DTD or an encoding that is none.

    A draft is untrusted input, and Word never writes a DTD (the package format forbids one): a part
    that has one is refused, so no entity is ever expanded and nothing outside the file is read.
    This is the one place a parse fails: expat raises LookupError for an unknown encoding and
    ValueError for one it cannot decode itself (GBK, GB18030, which lxml read), so such a part is
    decoded here by its declaration and parsed as text.
    """
    if any(doctype in data for doctype in _DOCTYPES):
        raise ParseError("a DTD in a Word part")
    try:
        return fromstring(data)
    except ParseError:
        raise
    except (LookupError, ValueError) as exc:
        text = _decoded(data)
        if text is None:
            raise ParseError(f"unreadable encoding: {exc}") from None
        return fromstring(text)  # a str: its declaration is not read again


def _decoded(data: bytes) -> str | None:
    """The part as text in the Chinese encoding its XML declaration names, or None.

    Only these: other codecs Python knows are no XML encodings, some (punycode) are slow on large input,
    and some (UTF-7) could spell a DTD the check on the bytes does not see.
    """
    declared = re.match(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""", data)
    try:
        codec = codecs.lookup(declared.group(1).decode("ascii")).name if declared else ""
        return data.decode(codec) if codec in _CHINESE_CODECS else None
    except (LookupError, UnicodeDecodeError):
        return None


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, never more than its header declares: a stream that inflates past that (a zip bomb, a
    kilobyte that would be gigabytes) ends there and fails its CRC as damaged; KeyError when there is no such part.

    ``archive.read`` inflates a whole compressed stream in one call, whatever the header says.
    """
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise TooLarge("bytes", info.file_size, MAX_PART_BYTES)
    with archive.open(info) as member:
        return member.read(info.file_size)


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship type → target part name for ``part`` ("" = the package itself)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    try:
        root = parse_part(read_part(archive, rels_name))
    except KeyError:
        return {}
    out = {}
    for rel in root.iterfind(qn("pr:Relationship")):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        out.setdefault(rel.get("Type", ""), resolved)
    return out


def main_part_name(archive: zipfile.ZipFile) -> str | None:
    """The name of the main document part (word/document.xml in nearly every file), or None."""
    names = set(archive.namelist())
    target = _relationships(archive, "").get(_OFFICE_DOCUMENT)
    if target in names:
        return target
    return "word/document.xml" if "word/document.xml" in names else None


def open_parts(path: Path | str) -> DocxParts:
    """The parts of the .docx at ``path``; KeyError, BadZipFile or ParseError when damaged."""
    with zipfile.ZipFile(path) as archive:
        main = main_part_name(archive)
        if main is None:
            raise KeyError("word/document.xml")
        rels = _relationships(archive, main)
        raw = [read_part(archive, main), _optional(archive, rels.get(_STYLES)),
               _optional(archive, rels.get(_NUMBERING))]
    if sum(len(part) for part in raw if part) > 3 * MAX_TAGS:  # a tag takes 3 bytes at least ("<a>"): a real
        tags = sum(part.count(b"<") for part in raw if part)  # report is never counted (1 M instructions)
        if tags > MAX_TAGS:
            raise TooLarge("tags", tags, MAX_TAGS)
    return DocxParts(*(parse_part(part) if part is not None else None for part in raw))


def _optional(archive: zipfile.ZipFile, name: str | None) -> bytes | None:
    if not name:
        return None
    try:
        return read_part(archive, name)
    except KeyError:
        return None
