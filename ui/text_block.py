"""The body of a node as the clerk edits it: text with fields as atomic chips (正文编辑).

Each field stands in the document as ONE object character (U+FFFC) whose
char format carries the field id, so the cursor steps over it in one move and
a delete removes it whole.  The chip is drawn by ``ChipPainter`` (ui/chips.py)
as the field reads in the report, yellow while blank, blue once filled.
The node's text keeps tokens (``⟦fid⟧``); ``content()`` gives them back.
The document keeps no undo history of its own: the report has one, the
session's stack, and Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z here are left to the
window's shortcuts for it (or said as ``undo_requested`` / ``redo_requested``).
The heading is a variant of this editor (ui/heading_edit.py).
"""

from __future__ import annotations

import json
import os
import re

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from model.report import TOKEN_RE, Field, token
from ui.chips import CHIP_TYPE, FID_PROP, OBJ, ChipPainter, chip_format, is_chip
from ui.fonts import editor_font

MIME_TYPE = "application/x-reportdesk-body"
LINE_HEIGHT_PERCENT = 150
INDENT_CHARS = 2  # first line indented two characters, as the printed report is
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# what QTextCursor.insertText makes a paragraph break: CR LF, LF, CR, U+2029 and the two frame marks
PARAGRAPH_BREAK = re.compile("\r\n|[\n\r\u2029\ufdd0\ufdd1]")


def loaded_paragraphs(text: str) -> list[str]:
    """The paragraphs ``set_content`` puts in, as the document reads them back (tokens for chips,
    stray object characters gone), without reading the document."""
    parts, last = [], 0
    for match in TOKEN_RE.finditer(text):
        parts.append(text[last:match.start()].replace(OBJ, ""))
        parts.append(token(int(match.group(1))))
        last = match.end()
    parts.append(text[last:].replace(OBJ, ""))
    return PARAGRAPH_BREAK.split("".join(parts))


def history_key(event: QKeyEvent) -> str | None:
    """"undo" or "redo" when the key walks the undo history (Ctrl+Z; Ctrl+Y or Ctrl+Shift+Z)."""
    mods = event.modifiers() & (CTRL | SHIFT | Qt.KeyboardModifier.AltModifier)
    if event.matches(QKeySequence.StandardKey.Undo) or (event.key() == Qt.Key.Key_Z and mods == CTRL):
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo) or (event.key() == Qt.Key.Key_Y and mods == CTRL) \
            or (event.key() == Qt.Key.Key_Z and mods == CTRL | SHIFT):
        return "redo"
    return None


class FieldTextEdit(QTextEdit):
    """Plain-text editor whose fields are atomic chips; ``content()`` round-trips the tokens."""

    chip_activated = Signal(int)
    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setFont(editor_font())  # set on the widget: a parent's font must not override it
        self.document().setDocumentMargin(8)
        self._chips = ChipPainter(self, self.is_selected)
        self.document().documentLayout().registerHandler(CHIP_TYPE, self._chips)
        self._content_key = os.urandom(8).hex()
        self.document().setUndoRedoEnabled(False)
        self._blocks: list[str] = [""]  # each paragraph with its tokens, kept in step as the text changes
        self._chips_made = False  # the edit under way may make chips (see _blocks_changed)
        self._loaded: list[str] | None = None  # the paragraphs set_content is putting in
        self.document().contentsChange.connect(self._blocks_changed)
        self.partner: FieldTextEdit | None = None  # the node's other text: chips cut there paste here
        self.currentCharFormatChanged.connect(self._keep_plain_format)

    # -- content ---------------------------------------------------------
    def set_content(self, text: str, fields: list[Field]) -> None:
        """Show ``text`` (with tokens); the document's own undo stays off."""
        self._chips.fields = {f.fid: f for f in fields}
        self._chips.forget_sizes()
        self._content_key = os.urandom(8).hex()
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one contentsChange and one layout for the whole text, not one per piece
        cursor.select(QTextCursor.SelectionType.Document)  # emptied inside the block too: the view never
        cursor.removeSelectedText()  # lays out (nor the heading fits its height to) an empty text between
        cursor.setBlockFormat(self._paragraph_format())
        cursor.setBlockCharFormat(QTextCharFormat())
        self._insert_tokens(cursor, text, chips_for=None)
        self._loaded = loaded_paragraphs(text)  # not read back from the document: 2 % of a node switch
        try:
            cursor.endEditBlock()
        finally:
            self._loaded = None
        doc.setModified(False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _paragraph_format(self) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setTextIndent(INDENT_CHARS * QFontMetricsF(self.document().defaultFont()).horizontalAdvance("中"))
        block.setBottomMargin(6)
        return block

    def content(self) -> str:
        """The text with a token where each chip stands (kept per paragraph: a keystroke costs one)."""
        return "\n".join(self._blocks)

    def _blocks_changed(self, position: int, removed: int, added: int) -> None:
        """Serialise again only the paragraphs an edit touched; the others keep their text.

        A chip is only ever made by ``insert_field`` or a paste (which set
        ``_chips_made``); any other edit can only keep or drop chips, so a
        paragraph with as many chips as before holds the same ones, and only
        its letters need reading again.
        """
        if self._loaded is not None:  # the whole text, just loaded: its paragraphs are known
            self._blocks, self._chips_made = self._loaded, False
            return
        doc = self.document()
        first = doc.findBlock(position).blockNumber()
        last = doc.findBlock(position + added).blockNumber()
        made, self._chips_made = self._chips_made, False
        if first < 0 or last < 0:  # the edit ran to the end: take the whole text again
            self._blocks = [self._block_text(doc.findBlockByNumber(n)) for n in range(doc.blockCount())]
            return
        gone = last - (doc.blockCount() - len(self._blocks))
        if not made and gone == last and all(self._same_chips(n) for n in range(first, last + 1)):
            return
        self._blocks[first:gone + 1] = [self._block_text(doc.findBlockByNumber(n)) for n in range(first, last + 1)]

    def _same_chips(self, number: int) -> bool:
        """The paragraph again from its letters and its old chips; False when its chips are not the same count."""
        text = self.document().findBlockByNumber(number).text()
        fids = TOKEN_RE.findall(self._blocks[number])
        if text.count(OBJ) != len(fids):
            return False
        parts = text.split(OBJ)
        self._blocks[number] = "".join(part + (token(int(fid)) if fid else "")
                                       for part, fid in zip(parts, [*fids, ""], strict=True))
        return True

    def _block_text(self, block) -> str:
        return self._serialise(block.position(), block.position() + block.length() - 1)

    def field_ids(self) -> list[int]:
        """Ids of the chips still in the text, in reading order, each once."""
        seen: list[int] = []
        for _, fid in self._chip_positions():
            if fid not in seen:
                seen.append(fid)
        return seen

    def known_fields(self) -> dict[int, Field]:
        """Every field shown here since the text was loaded (a chip cut out pastes back as itself)."""
        return self._chips.fields

    def place_cursor(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def chip_texts(self) -> list[str]:
        """The chips as they are drawn, in reading order (what the clerk sees)."""
        return [self._chips.text_of(fid) for _, fid in self._chip_positions()]

    def refresh_fields(self, fields: list[Field]) -> None:
        """Redraw the chips after values changed; text, cursor and scroll stay."""
        self._chips.fields.update({f.fid: f for f in fields})
        self._chips.forget_sizes()
        doc = self.document()
        doc.markContentsDirty(0, doc.characterCount())
        self.viewport().update()

    def insert_field(self, f: Field) -> None:
        """A chip for ``f`` at the cursor (replacing a selection), as one undo step."""
        self._chips.fields[f.fid] = f
        self._chips.forget_sizes()
        cursor = self.textCursor()
        self._chips_made = True
        cursor.beginEditBlock()
        cursor.insertText(OBJ, chip_format(f.fid))
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self._keep_plain_format()

    def place_cursor_at_field(self, fid: int) -> bool:
        """Cursor just after that field's chip, which is highlighted; False when absent."""
        self.set_highlight(fid)
        for pos, chip_fid in self._chip_positions():
            if chip_fid == fid:
                cursor = self.textCursor()
                cursor.setPosition(pos + 1)
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
                return True
        return False

    def set_highlight(self, fid: int | None) -> None:
        """Draw one chip with a strong border (the field selected in the table)."""
        if self._chips.highlighted != fid:
            self._chips.highlighted = fid
            self.viewport().update()

    def is_selected(self, pos: int) -> bool:
        cursor = self.textCursor()
        return cursor.hasSelection() and cursor.selectionStart() <= pos < cursor.selectionEnd()

    # -- reading the document ------------------------------------------------
    def _chip_positions(self) -> list[tuple[int, int]]:
        found = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if is_chip(frag.charFormat()):
                    fid = frag.charFormat().property(FID_PROP)
                    found.extend((frag.position() + i, fid)
                                 for i, ch in enumerate(frag.text()) if ch == OBJ)
                it += 1
            block = block.next()
        return found

    def _serialise(self, start: int, end: int) -> str:
        """Characters ``start``..``end`` with tokens for chips and "\\n" between blocks."""
        parts: list[str] = []
        block = self.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                lo, hi = max(start, frag.position()), min(end, frag.position() + frag.length())
                if lo < hi:
                    text = frag.text()[lo - frag.position():hi - frag.position()]
                    if is_chip(frag.charFormat()):
                        text = text.replace(OBJ, token(frag.charFormat().property(FID_PROP)))
                    parts.append(text)
                it += 1
            separator = block.position() + block.length() - 1
            if start <= separator < end:
                parts.append("\n")
            block = block.next()
        return "".join(parts)

    def _insert_tokens(self, cursor: QTextCursor, text: str, chips_for: set[int] | None) -> None:
        """Insert ``text``, tokens as chips (only ids in ``chips_for`` when given, others as read)."""
        plain = QTextCharFormat()
        last = 0
        for match in TOKEN_RE.finditer(text):
            cursor.insertText(text[last:match.start()].replace(OBJ, ""), plain)
            fid = int(match.group(1))
            if chips_for is None or fid in chips_for:
                self._chips_made = True
                cursor.insertText(OBJ, chip_format(fid))
            else:
                cursor.insertText(self._chips.text_of(fid), plain)
            last = match.end()
        cursor.insertText(text[last:].replace(OBJ, ""), plain)

    def _chip_at(self, point) -> tuple[int, int] | None:
        """(position, fid) of the chip under a viewport point, or None."""
        pos = self.cursorForPosition(point).position()
        for candidate in (pos, pos - 1):
            if candidate < 0:
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(candidate)
            cursor.setPosition(candidate + 1, QTextCursor.MoveMode.KeepAnchor)
            if cursor.selectedText() != OBJ or not is_chip(cursor.charFormat()):
                continue
            left = self.cursorRect(cursor_at(self.document(), candidate))
            right = self.cursorRect(cursor_at(self.document(), candidate + 1))
            if left.top() == right.top() and left.left() <= point.x() < right.left() \
                    and left.top() <= point.y() <= left.bottom():
                return candidate, cursor.charFormat().property(FID_PROP)
        return None

    def _select_chip(self, pos: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(pos)
        cursor.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _selected_chip(self) -> int | None:
        cursor = self.textCursor()
        if cursor.selectedText() != OBJ:
            return None
        probe = cursor_at(self.document(), cursor.selectionEnd())
        fmt = probe.charFormat()
        return fmt.property(FID_PROP) if is_chip(fmt) else None

    def _keep_plain_format(self, *_args) -> None:
        """Text typed right after a chip must not inherit the chip's field id."""
        if not self.textCursor().hasSelection() and self.currentCharFormat().hasProperty(FID_PROP):
            self.setCurrentCharFormat(QTextCharFormat())

    # -- Qt overrides --------------------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        cursor = self.textCursor()
        tokens = self._serialise(cursor.selectionStart(), cursor.selectionEnd())
        mime = QMimeData()
        mime.setText(TOKEN_RE.sub(lambda m: self._chips.text_of(int(m.group(1))), tokens))
        payload = {"key": self._content_key, "text": tokens}
        mime.setData(MIME_TYPE, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText() or source.hasFormat(MIME_TYPE)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        """Plain text only; a chip cut from this same text comes back as a chip (moving a field)."""
        cursor = self.textCursor()
        self._chips_made = True
        cursor.beginEditBlock()
        payload = self._own_payload(source)
        if payload is not None:
            shown = self.field_ids() + (self.partner.field_ids() if self.partner else [])
            absent = set(self._chips.fields) - set(shown)
            self._insert_tokens(cursor, self._pasted(payload), chips_for=absent)
        else:
            cursor.insertText(self._pasted(source.text().replace(OBJ, "")), QTextCharFormat())
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _pasted(self, text: str) -> str:
        """Pasted text as it goes in (the heading joins lines)."""
        return text

    def _own_payload(self, source: QMimeData) -> str | None:
        if not source.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(source.data(MIME_TYPE)).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None
        keys = {self._content_key} | ({self.partner._content_key} if self.partner else set())
        if not isinstance(payload, dict) or payload.get("key") not in keys:
            return None
        text = payload.get("text")
        return text if isinstance(text, str) else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and history_key(event):
            event.ignore()  # not ours: the window's 撤销/重做 shortcut takes it
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        which = history_key(event)
        if which is not None:  # no window shortcut took it: still the one history
            (self.undo_requested if which == "undo" else self.redo_requested).emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            fid = self._selected_chip()
            if fid is not None:
                self.chip_activated.emit(fid)
                event.accept()
                return
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertBlock()  # a paragraph, never a U+2028 line break
                event.accept()
                return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        chips = getattr(self, "_chips", None)  # None while __init__ sets the first font
        if chips is not None and event.type() == event.Type.FontChange:
            chips.forget_sizes()  # before Qt lays the text out again in the new font
        super().changeEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        super().mousePressEvent(event)
        hit = self._chip_at(event.position().toPoint())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton \
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._select_chip(hit[0])

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        hit = self._chip_at(event.position().toPoint())
        if hit is None:
            super().mouseDoubleClickEvent(event)
            return
        self._select_chip(hit[0])
        self.chip_activated.emit(hit[1])
        event.accept()

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == event.Type.ToolTip:
            hit = self._chip_at(event.pos())
            if hit is not None:
                f = self._chips.fields.get(hit[1])
                label = (f.label or self.tr("未命名指标")) if f else self.tr("该指标已不存在")
                QToolTip.showText(event.globalPos(), f"{label}：{self._chips.text_of(hit[1])}", self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


def cursor_at(doc: QTextDocument, pos: int) -> QTextCursor:
    cursor = QTextCursor(doc)
    cursor.setPosition(pos)
    return cursor

