"""Every undoable edit (撤销/重做): one QUndoCommand per action, several nodes = one macro.

One history: typing, chips, fields, structure and report info are all commands
on the session's stack.  Commands change the report only through the session
(which keeps the outline model in step and writes each command as one
transaction); they never touch widgets.  A command whose target is gone (a
node no longer in the tree, a field no longer in its node) makes itself
obsolete and does nothing, so the stack drops it instead of raising.  Kind follows depth after a move: depth 0 is a section (a
preamble or closing stays one), depth 1 an item, deeper a sub-item; an inline
item stays inline below the top level.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from model.errors import StoreError
from model.report import Field, Node, NodeKind, Report, Value
from ui.command_base import MacroCommand, SessionCommand
from ui.session import ReportInfo, ReportSession

__all__ = ["MacroCommand", "SessionCommand"]  # the base classes, for commands built elsewhere

UP, DOWN, INDENT, OUTDENT = "up", "down", "indent", "outdent"
TEXT_ID, FIELD_ID = 1002, 1001  # QUndoCommand ids: commands of one kind may merge


def _tr(text: str) -> str:
    return QCoreApplication.translate("Commands", text)


def kind_at(kind: NodeKind, depth: int) -> NodeKind:
    """The kind a node of ``kind`` takes when it stands at ``depth``."""
    if depth == 0:
        return kind if kind in (NodeKind.PREAMBLE, NodeKind.CLOSING) else NodeKind.SECTION
    if kind is NodeKind.INLINE:
        return NodeKind.INLINE
    return NodeKind.ITEM if depth == 1 else NodeKind.SUBITEM


def retyped(node: Node, depth: int) -> list[tuple[Node, NodeKind]]:
    """The kinds of ``node`` and all below it once ``node`` stands at ``depth``."""
    kinds = [(node, kind_at(node.kind, depth))]
    for child in node.children:
        kinds.extend(retyped(child, depth + 1))
    return kinds


@dataclass(frozen=True)
class DropTarget:
    """Where a dragged node goes: under ``parent``, before ``anchor`` (None: at the end)."""

    parent: Node | None
    anchor: Node | None


class AddNodeCommand(SessionCommand):
    def __init__(self, session: ReportSession, parent_node: Node | None, row: int, node: Node) -> None:
        super().__init__(session, _tr("添加节点"))
        self.parent_node, self.row, self.node = parent_node, row, node
        self._again = False  # redone after an undo (the first redo's caller selects the node itself)

    def _alive(self, undoing: bool) -> bool:
        if undoing:
            return self._contains(self.node)
        return self._contains(self.parent_node) and not self.session.model.contains(self.node)

    def _redo(self) -> None:
        self.session.insert_node(self.parent_node, self.row, self.node)
        if self._again:  # the node is back: show it
            self.session.reveal.emit(self.node)
        self._again = True

    def _undo(self) -> None:
        self.session.remove_node(self.node)


class DeleteNodeCommand(SessionCommand):
    """Removes a node with everything below it; undo puts it back with its fields and their ids."""

    def __init__(self, session: ReportSession, node: Node) -> None:
        super().__init__(session, _tr("删除节点"))
        self.node = node
        self._where: tuple[Node | None, int] | None = None

    def _alive(self, undoing: bool) -> bool:
        if undoing:
            return self._where is not None and self._contains(self._where[0]) \
                and not self.session.model.contains(self.node)
        return self._contains(self.node)

    def _redo(self) -> None:
        self._where = self.session.remove_node(self.node)

    def _undo(self) -> None:
        parent_node, row = self._where
        self.session.insert_node(parent_node, row, self.node)
        self.session.reveal.emit(self.node)  # what Ctrl+Z brought back is where the clerk is


class MoveNodeCommand(SessionCommand):
    """Up, down, indent, outdent or a drop; kinds below the node follow its new depth."""

    def __init__(self, session: ReportSession, node: Node, how: str | DropTarget) -> None:
        label = _MOVE_TEXT.get(how, "移动节点") if isinstance(how, str) else "移动节点"
        super().__init__(session, _tr(label))
        self.node, self.how = node, how
        self._old: tuple[Node | None, int, list[tuple[Node, NodeKind]]] | None = None

    def _alive(self, undoing: bool) -> bool:
        if undoing:
            return self._old is None or self._contains(self.node, self._old[0])
        parent = self.how.parent if isinstance(self.how, DropTarget) else None
        return self._contains(self.node, parent)

    def _redo(self) -> None:
        model = self.session.model
        target = move_target(model, self.node, self.how)
        if target is None:
            self._old = None
            return
        old_depth = model.depth_of(self.node)
        self._old = (model.parent_node(self.node), model.row_of(self.node),
                     [(n, n.kind) for n in self.node.walk()])
        self.session.move_node(self.node, *target)
        depth = model.depth_of(self.node)
        if depth != old_depth:
            self.session.set_kinds(retyped(self.node, depth))

    def _undo(self) -> None:
        if self._old is None:
            return
        parent_node, row, kinds = self._old
        self.session.move_node(self.node, parent_node, row)
        self.session.set_kinds(kinds)


_MOVE_TEXT = {UP: "上移", DOWN: "下移", INDENT: "降级", OUTDENT: "升级"}


def move_target(model, node: Node, how: str | DropTarget) -> tuple[Node | None, int] | None:
    """Where ``node`` goes (new parent, row afterwards), or None when it cannot move that way."""
    parent, row = model.parent_node(node), model.row_of(node)
    siblings = model.siblings_of(node)
    if isinstance(how, DropTarget):
        if how.parent is not None and model.is_ancestor(node, how.parent):
            return None
        others = [n for n in (how.parent.children if how.parent else model.report.nodes) if n is not node]
        at = next((i for i, n in enumerate(others) if n is how.anchor), len(others))
        return how.parent, at
    if how == UP:
        return (parent, row - 1) if row > 0 else None
    if how == DOWN:
        return (parent, row + 1) if row < len(siblings) - 1 else None
    if how == INDENT:
        if row == 0:
            return None
        previous = siblings[row - 1]
        return previous, len(previous.children)
    if how == OUTDENT:
        if parent is None:
            return None
        return model.parent_node(parent), model.row_of(parent) + 1
    raise ValueError(how)


class SetFieldCommand(SessionCommand):
    """One attribute of one field (value, unit, label, last year's value); typing in a cell merges."""

    def __init__(self, session: ReportSession, node: Node, fid: int, attribute: str, value: Value) -> None:
        super().__init__(session, _tr("修改指标"))
        self.node, self.fid, self.attribute, self.value = node, fid, attribute, value
        f = node.field_by_id(fid)
        self.old: Value = getattr(f, attribute) if f is not None else None
        if f is None:
            self.setObsolete(True)  # pushed, it is dropped at once

    def _alive(self, undoing: bool) -> bool:
        return self._contains(self.node) and self.node.field_by_id(self.fid) is not None

    def _reveal(self) -> None:
        self.session.reveal_field(self.node)

    def _redo(self) -> None:
        self.session.set_field_attr(self.node, self.fid, self.attribute, self.value)

    def _undo(self) -> None:
        self.session.set_field_attr(self.node, self.fid, self.attribute, self.old)

    def id(self) -> int:
        return FIELD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        same = (isinstance(other, SetFieldCommand) and other.node is self.node
                and other.fid == self.fid and other.attribute == self.attribute)
        if same:
            self.value = other.value
        return same


class SetInfoCommand(SessionCommand):
    def __init__(self, session: ReportSession, info: ReportInfo) -> None:
        super().__init__(session, _tr("修改报告信息"))
        self.info = info
        self.old: ReportInfo | None = None

    def _redo(self) -> None:
        self.old = self.session.set_info(self.info)

    def _undo(self) -> None:
        self.session.set_info(self.old)


class SetTextCommand(SessionCommand):
    """A node's heading, body and fields at once: typing, a chip inserted or deleted, a replace.

    The command carries the fields the text lost, so undo brings them back
    with their values.  Commands of one typing burst (the same ``burst``
    mark, given by the editor) merge into one undo step; a command without a
    burst (a chip, a replace) stands alone.  The first redo of a typing
    command leaves its write to the session's coalescing timer.
    """

    def __init__(self, session: ReportSession, node: Node, heading: str, body: str,
                 fields: list[Field], burst: object = None) -> None:
        super().__init__(session, _tr(_text_label([f.fid for f in node.fields], [f.fid for f in fields])))
        self.node = node
        self.old = (node.heading, node.body, list(node.fields))
        self.new = (heading, body, list(fields))
        self.burst = burst

    def redo(self) -> None:
        self._run(self._redo, undoing=False, batched=self.burst is None or self._done)

    def _alive(self, undoing: bool) -> bool:
        return self._contains(self.node)

    def _reveal(self) -> None:
        self.session.reveal.emit(self.node)

    def _redo(self) -> None:
        self.session.set_text(self.node, *self.new)

    def _undo(self) -> None:
        self.session.set_text(self.node, *self.old)

    def id(self) -> int:
        return TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        same = (isinstance(other, SetTextCommand) and self.burst is not None
                and other.burst == self.burst and other.node is self.node)
        if same:
            self.new = other.new
            if _same_text(self.new, self.old):
                self.setObsolete(True)  # typed and taken back: nothing to undo
        return same


class RestoreVersionCommand(SessionCommand):
    """The report put back as one of its versions (恢复版本); a version of the current state is kept first.

    Redo and undo each replace the whole stored report in one transaction
    (``replace_report_content``); undo puts back the very nodes the report had.
    """

    def __init__(self, session: ReportSession, content: Report, note: str) -> None:
        super().__init__(session, _tr("恢复版本"))
        self.content, self.note = content, note
        self.old: Report | None = None

    def _run(self, step, undoing: bool, batched: bool = True) -> None:
        super()._run(step, undoing, batched=False)  # the replace is its own transaction

    def _redo(self) -> None:
        if self.old is None:
            self.session.keep_version("restore", self.note)
        try:
            self.old = self.session.replace_content(self.content)
        except StoreError as exc:
            self.session.save_failed.emit(str(exc))
            self.setObsolete(True)

    def _undo(self) -> None:
        try:
            self.content = self.session.replace_content(self.old)
        except StoreError as exc:
            self.session.save_failed.emit(str(exc))
            self.setObsolete(True)


def _text_label(old: list[int], new: list[int]) -> str:
    if set(new) - set(old):
        return "插入指标"
    if set(old) - set(new):
        return "删除指标"
    return "输入文字"


def _same_text(a: tuple[str, str, list[Field]], b: tuple[str, str, list[Field]]) -> bool:
    return a[:2] == b[:2] and [f.fid for f in a[2]] == [f.fid for f in b[2]]


# -- building commands for the window's actions -------------------------------------


def top_most(session: ReportSession, nodes: list[Node]) -> list[Node]:
    """Only the nodes whose ancestors are not also chosen, in outline order."""
    model = session.model
    nodes = [n for n in nodes if model.contains(n)]
    top = [n for n in nodes if not any(o is not n and model.is_ancestor(o, n) for o in nodes)]
    order = {id(n): i for i, n in enumerate(session.report.walk())}
    return sorted(top, key=lambda n: order[id(n)])


def new_node_command(session: ReportSession, ref: Node | None, as_child: bool) -> AddNodeCommand:
    """Add an empty node after ``ref`` (or as its last child); at the end when nothing is chosen."""
    model = session.model
    if ref is None:
        return AddNodeCommand(session, None, len(session.report.nodes), Node(NodeKind.SECTION))
    if as_child:
        depth = model.depth_of(ref) + 1
        inline = bool(ref.children) and all(c.kind is NodeKind.INLINE for c in ref.children)
        kind = NodeKind.INLINE if inline else kind_at(NodeKind.ITEM, depth)
        cmd = AddNodeCommand(session, ref, len(ref.children), Node(kind))
        cmd.setText(_tr("添加下级"))
        return cmd
    cmd = AddNodeCommand(session, model.parent_node(ref), model.row_of(ref) + 1, Node(ref.kind))
    cmd.setText(_tr("添加同级"))
    return cmd


def delete_command(session: ReportSession, nodes: list[Node]) -> QUndoCommand | None:
    """Deleting more than one node (a node with children, or several) keeps a version first."""
    nodes = top_most(session, nodes)
    if not nodes:
        return None
    if sum(1 for n in nodes for _ in n.walk()) > 1:
        session.keep_version("delete")
    if len(nodes) == 1:
        return DeleteNodeCommand(session, nodes[0])
    return MacroCommand(session, _tr("删除 {n} 个节点").format(n=len(nodes)),
                        [DeleteNodeCommand(session, node) for node in reversed(nodes)])


def can_move(session: ReportSession, nodes: list[Node], how: str) -> bool:
    """Whether the first (or last, going down) chosen node can go that way."""
    nodes = top_most(session, nodes)
    if not nodes:
        return False
    return any(move_target(session.model, n, how) is not None for n in nodes)


def move_command(session: ReportSession, nodes: list[Node], how: str) -> QUndoCommand | None:
    """Several nodes move as one macro, in the order that keeps them in order."""
    nodes = top_most(session, nodes)
    if not nodes or not can_move(session, nodes, how):
        return None
    if how in (DOWN, OUTDENT):
        nodes = list(reversed(nodes))
    if len(nodes) == 1:
        return MoveNodeCommand(session, nodes[0], how)
    return MacroCommand(session, _tr(_MOVE_TEXT[how]), [MoveNodeCommand(session, n, how) for n in nodes])


def drop_command(session: ReportSession, nodes: list[Node], parent: Node | None, row: int) -> QUndoCommand | None:
    """Dragged nodes go under ``parent`` at ``row`` (-1: at the end), in their outline order."""
    nodes = top_most(session, nodes)
    if not nodes or any(parent is not None and session.model.is_ancestor(n, parent) for n in nodes):
        return None
    siblings = parent.children if parent is not None else session.report.nodes
    later = siblings[row:] if row >= 0 else []
    anchor = next((n for n in later if not any(n is m for m in nodes)), None)
    return MacroCommand(session, _tr("移动节点"),
                        [MoveNodeCommand(session, n, DropTarget(parent, anchor)) for n in nodes])
