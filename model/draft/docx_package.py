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

import posixpath
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


@cache
def qn(tag: str) -> str:
    """"w:p" → "{http://…/main}p", the name ElementTree (and lxml) uses."""
    prefix, local = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


class DocxParts:  # a plain class: a dataclass costs ~0.7 ms to define, in every process that parses
    """The main document, styles and numbering parts as elements (the last two may be None)."""

    __slots__ = ("document", "styles", "numbering")

    def __init__(self, document: Element, styles: Element | None = None, numbering: Element | None = None) -> None:
        self.document = document
        self.styles = styles
        self.numbering = numbering


def parse_part(data: bytes) -> Element:
    """A part's XML; ParseError when it is not well-formed or declares a DTD.

    A draft is untrusted input, and Word never writes a DTD (the package format forbids one): a part
    that has one is refused, so no entity is ever expanded and nothing outside the file is read.
    """
    if any(doctype in data for doctype in _DOCTYPES):
        raise ParseError("a DTD in a Word part")
    return fromstring(data)


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship type → target part name for ``part`` ("" = the package itself)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    try:
        root = parse_part(archive.read(rels_name))
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
        return DocxParts(
            document=parse_part(archive.read(main)),
            styles=_optional(archive, rels.get(_STYLES)),
            numbering=_optional(archive, rels.get(_NUMBERING)),
        )


def _optional(archive: zipfile.ZipFile, name: str | None) -> Element | None:
    if not name:
        return None
    try:
        return parse_part(archive.read(name))
    except KeyError:
        return None
