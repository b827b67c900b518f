"""Report → Word file in the official layout (GB/T 9704), starting from the template (导出 Word).

The template holds the page, the styles and the page numbers; this module
only adds paragraphs.  Numbers come from ``model.numbering`` (never from the
text), fields from ``model.fields``; the file is written beside the target
and renamed over it, so a failure never leaves a half-written file.
"""

from __future__ import annotations

import datetime
import errno
import io
import os
import stat
import uuid
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from export import build_template as tpl
from export import layout
from export.options import (
    BLANK_MODES,
    HIGHLIGHT,
    MARKING_MODES,
    STOP,
    ExportError,
    ExportOptions,
    chinese_date,
)
from export.title import title_lines
from model.checks import BLANK, readiness
from model.fields import render_field
from model.numbering import outline_numbers
from model.paths import resource_path
from model.report import TOKEN_RE, Node, NodeKind, NumberStyle, Report

BLANK_MARK = "X"
UNDERLINED_BLANK = "\u3000\u3000"  # two ideographic spaces, underlined: room to write by hand


# Character style of a heading that runs on with its body, by numbering style.
_RUN_IN_STYLE = {
    NumberStyle.CN_COMMA: tpl.CHAR_HEI,
    NumberStyle.CN_PAREN: tpl.CHAR_KAI,
    NumberStyle.ARABIC_DOT: tpl.CHAR_LEAD,
    NumberStyle.CN_SHI: tpl.CHAR_INLINE,
}
# Paragraph style of a heading on a line of its own.
_OWN_STYLE = {NumberStyle.CN_COMMA: tpl.HEADING_1, NumberStyle.CN_PAREN: tpl.HEADING_2}


class _Writer:
    """Adds the report's paragraphs to a document opened from the template."""

    def __init__(self, doc, report: Report, options: ExportOptions) -> None:
        self.doc = doc
        self.report = report
        self.options = options
        self.numbers = outline_numbers(report)
        # Style ids by name, set on the XML directly: python-docx's lookup scans every style per call.
        self.style_ids = {s.name: s.style_id for s in doc.styles}
        self.open = None  # the paragraph inline items run on in, if any

    def paragraph(self, style: str):
        self.open = None
        para = self.doc.add_paragraph()
        para._p.style = self.style_ids[style]
        return para

    def run(self, para, text: str, char_style: str | None):
        run = para.add_run(text)
        if char_style:
            run._r.style = self.style_ids[char_style]
        return run

    def write(self) -> None:
        lines = title_lines(self.report.title)
        if lines:
            title = self.paragraph(tpl.TITLE)
            for i, line in enumerate(lines):
                run = title.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
        centred = [line for line in self.report.front_matter if layout.centred_front(line)]
        for line in centred:  # 来源, speaker, date: under the title, before its empty line
            self.paragraph(tpl.FRONT_CENTRED).add_run(line)
        if lines or centred:
            self.paragraph(tpl.BODY)  # one empty line under the title block
        for line in self.report.front_matter:
            if not layout.centred_front(line):  # the salutation (主送机关) stays flush left
                self.paragraph(tpl.FRONT).add_run(line)
        for node in self.report.nodes:
            self.node(node, 0)
        if self.options.end_block:
            self.end_block()

    def end_block(self) -> None:
        self.paragraph(tpl.BODY)
        organisation = self.options.organisation or self.report.organisation
        if organisation:
            self.paragraph(tpl.END_BLOCK).add_run(organisation)
        day = self.options.date or datetime.date.today()
        self.paragraph(tpl.END_BLOCK).add_run(chinese_date(day))

    def node(self, node: Node, depth: int) -> None:
        if node.kind is NodeKind.INLINE and self.open is not None:
            self.run_in(node, depth)
            return
        style = self.report.style_for(node, depth)
        # An unnumbered top-level heading ("2024年工作回顾") prints on its own line like a 一、 heading.
        unnumbered_section = node.kind is NodeKind.SECTION and style is NumberStyle.NONE
        own_style = tpl.HEADING_1 if unnumbered_section else _OWN_STYLE.get(style)
        look = layout.heading_look(style)
        head = self.numbers.get(id(node), "") + node.heading.strip()
        parts = [p.strip() for p in node.body.split("\n") if p.strip()]
        if head:
            heading = node.heading.strip()
            own = (look.own_paragraph or unnumbered_section
                   or bool(parts and heading and not heading.endswith(tuple(layout.RUN_ON_AFTER))))
            if own:
                para = self.paragraph(own_style or tpl.ITEM)
                char = None if own_style else _RUN_IN_STYLE.get(style)
                self.add_text(para, node.heading.strip(), node, char, prefix=self.numbers.get(id(node), ""))
            else:
                para = self.paragraph(tpl.ITEM)
                self.add_text(para, node.heading.strip(), node, _RUN_IN_STYLE.get(style),
                              prefix=self.numbers.get(id(node), ""))
                if parts:
                    self.add_text(para, parts.pop(0), node)
                self.open = para
        for part in parts:
            para = self.paragraph(tpl.BODY)
            self.add_text(para, part, node)
            self.open = para
        child_depth = depth if node.kind is NodeKind.INLINE else depth + 1
        previous = None
        for child in node.children:
            if child.kind is NodeKind.INLINE and previous is not None and previous.kind is not NodeKind.INLINE:
                self.open = None  # 一是 after a —— item starts its own paragraph, not the dash item's
            self.node(child, child_depth)
            previous = child

    def run_in(self, node: Node, depth: int) -> None:
        """一是…二是…: number, heading and body continue the open paragraph."""
        para = self.open
        self.add_text(para, node.heading.strip(), node, tpl.CHAR_INLINE, prefix=self.numbers.get(id(node), ""))
        parts = [p.strip() for p in node.body.split("\n") if p.strip()]
        if parts:
            self.add_text(para, parts.pop(0), node)
        for part in parts:
            para = self.paragraph(tpl.BODY)
            self.add_text(para, part, node)
        self.open = para
        for child in node.children:
            self.node(child, depth)

    def add_text(self, para, text: str, node: Node, char_style: str | None = None, prefix: str = "") -> None:
        """Plain text and fields as runs; runs of the same look are merged."""
        pending = prefix
        pos = 0
        for match in TOKEN_RE.finditer(text):
            pending += text[pos:match.start()]
            pos = match.end()
            f = node.field_by_id(int(match.group(1)))
            if f is None:
                continue
            shown = render_field(f, blank="\0", context=node)  # a phrase's blank sits inside its words
            if "\0" not in shown or self.options.blank_mode not in MARKING_MODES:
                pending += render_field(f, context=node)
                continue
            head, tail = shown.split("\0", 1)
            pending += head
            if pending:
                self.run(para, pending, char_style)
            mark = self.run(para, BLANK_MARK if self.options.blank_mode == HIGHLIGHT else UNDERLINED_BLANK,
                            char_style)
            if self.options.blank_mode == HIGHLIGHT:
                mark.font.highlight_color = WD_COLOR_INDEX.YELLOW
            else:
                mark.font.underline = True
            pending = tail
        pending += text[pos:]
        if pending:
            self.run(para, pending, char_style)


def _clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _stop_on_blanks(report: Report) -> None:
    blanks = [p for p in readiness(report) if p.kind == BLANK]
    if not blanks:
        return
    shown = "；".join(p.message for p in blanks[:5]) + ("……" if len(blanks) > 5 else "")
    raise ExportError(
        f"还有 {len(blanks)} 个指标未填写，已停止导出：{shown}。请先填写，或改选以“X”标出后再导出。"
        f" / {len(blanks)} field(s) are blank; export stopped.",
        reason="blanks",
    )


def write_error(exc: OSError, path: Path, stage: str) -> ExportError:
    """The Chinese message for a failed write: what happened and what to do."""
    name = path.name
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return ExportError(f"磁盘空间不足，未能保存“{name}”，原文件未改动。请清理磁盘空间或换一个位置保存。"
                           f" / The disk is full; {name} was not written.", "full")
    if isinstance(exc, PermissionError) and stage == "replace":
        return ExportError(f"“{name}”正在被 Word 或 WPS 打开，无法覆盖。请先在 Word 中关闭该文件，或另存为其他文件名。"
                           f" / {name} is open in another program; close it or choose another name.", "locked")
    if isinstance(exc, PermissionError | FileNotFoundError | NotADirectoryError):
        return ExportError(f"无法在文件夹“{path.parent}”中保存（只读或不存在）。请选择其他文件夹，例如“文档”或桌面。"
                           f" / The folder {path.parent} is not writable; choose another folder.", "readonly")
    return ExportError(f"保存“{name}”失败，原文件未改动。请换一个位置或文件名重试。"
                       f" / Could not write {name}: {exc.strerror or exc}.", "io")


def save_atomically(doc, path: Path) -> Path:
    """Save beside ``path`` under a temporary name, then rename over it: never half a file.

    The package is zipped in memory first, so a full disk can only fail a
    plain write of bytes: no ZipFile is left open to complain at exit.  The
    file gets the mode a new file gets under the umask, or the mode of the
    file it replaces.
    """
    buffer = io.BytesIO()
    doc.save(buffer)
    data = buffer.getvalue()
    try:
        fd, tmp = _create_beside(path)
    except OSError as exc:
        raise write_error(exc, path, "create") from exc
    stage = "write"
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        stage = "replace"
        os.replace(tmp, path)
    except OSError as exc:
        raise write_error(exc, path, stage) from exc
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # the OS will clean its temp; the target is untouched either way
    return path


def _write_all(fd: int, data: bytes) -> None:
    """Every byte, then fsync: the rename that follows must never publish a file still in the cache."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path``, opened for writing, with the mode the result should have."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".reportdesk-{uuid.uuid4().hex[:12]}.docx.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)  # the umask applies, as for any new file
            break
        except FileExistsError:
            continue
    try:
        old = os.stat(path)
        mode = stat.S_IMODE(old.st_mode) if stat.S_ISREG(old.st_mode) else None
    except OSError:
        mode = None  # nothing to replace: the umask's mode stands
    if mode is not None and hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, mode)
        except OSError:
            pass  # not ours to change (another owner's file): the umask's mode stands
    return fd, tmp


def export_docx(report: Report, path: Path, options: ExportOptions | None = None) -> Path:
    """Write ``report`` to ``path`` as a .docx in the official layout; the path written."""
    options = options or ExportOptions()
    if options.blank_mode not in BLANK_MODES:
        raise ExportError(f"未知的空白处理方式：{options.blank_mode}。 / Unknown blank mode.", "options")
    if options.blank_mode == STOP:
        _stop_on_blanks(report)
    doc = Document(str(resource_path("template.docx")))
    _clear_body(doc)
    _Writer(doc, report, options).write()
    return save_atomically(doc, Path(path))


