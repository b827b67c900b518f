"""Undoable edits of many fields at once (批量修改指标): typed cells, pastes, workbooks, departments.

Built on ``ui.commands``: one ``SetFieldCommand`` per attribute that really
changes, one ``SetDepartmentCommand`` per node, all of one action in ONE
``MacroCommand`` (one step in the undo list, one transaction in the store).
Cells are read by the same input rules as the per-node table
(``ui.fields_table.cell_edits``).  A node rewritten by a model function (a phrase
bound, a number made a field, a field made plain) is one ``NodeRewriteCommand``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from model.phrases import bind_phrase, unbind_phrase
from model.report import TOKEN_RE, Field, Node, Value
from ui.commands import MacroCommand, SessionCommand, SetFieldCommand
from ui.fields_table import cell_edits
from ui.session import ReportSession


def _tr(text: str) -> str:
    return QCoreApplication.translate("FieldCommands", text)


def differs(new: object, old: object) -> bool:
    """Whether setting ``new`` over ``old`` is a change (12 over 12.0 is: the precision shows)."""
    return not (new == old and type(new) is type(old))


class SetDepartmentCommand(SessionCommand):
    """The department (部门) of one node; its children without their own inherit it."""

    def __init__(self, session: ReportSession, node: Node, department: str) -> None:
        super().__init__(session, _tr("设置部门"))
        self.node, self.department = node, department
        self.old = node.department

    def _alive(self, undoing: bool) -> bool:
        return self._contains(self.node)  # a deleted node's department is gone with it: obsolete

    def _redo(self) -> None:
        self.old = self.session.set_department(self.node, self.department)

    def _undo(self) -> None:
        self.session.set_department(self.node, self.old)


class EditPlan:
    """The attribute edits of a set of cells, gathered first, then made as one command."""

    def __init__(self) -> None:
        self._fields: dict[tuple[int, int, str], tuple[Node, Field, str, Value]] = {}
        self._departments: dict[int, tuple[Node, str]] = {}
        self.cells = 0

    def add_cell(self, node: Node, f: Field, column: str, typed: str) -> None:
        """One cell's text for ``column`` of ``f``; FieldInputError when it cannot be taken."""
        if column == "department":
            self._departments[id(node)] = (node, typed.strip())
        else:
            edits = {"note": typed.strip()} if column == "note" else cell_edits(f, column, typed)
            for attribute, value in edits.items():
                self.add(node, f, attribute, value)
        self.cells += 1

    def add(self, node: Node, f: Field, attribute: str, value: Value) -> None:
        self._fields[(id(node), f.fid, attribute)] = (node, f, attribute, value)

    def commands(self, session: ReportSession) -> list[QUndoCommand]:
        out: list[QUndoCommand] = [
            SetFieldCommand(session, node, f.fid, attribute, value)
            for node, f, attribute, value in self._fields.values()
            if differs(value, getattr(f, attribute))]
        out.extend(SetDepartmentCommand(session, node, department)
                   for node, department in self._departments.values()
                   if department != node.department)
        return out

    def command(self, session: ReportSession, text: str) -> QUndoCommand | None:
        """All the changes as one undo step; None when nothing would change."""
        commands = self.commands(session)
        return MacroCommand(session, text, commands) if commands else None


def cell_command(session: ReportSession, node: Node, fid: int, edits: dict[str, Value]) -> QUndoCommand | None:
    """The attributes one typed cell sets ("1350余": qualifier and value) as ONE undo step; None when none.

    A single attribute stays a plain ``SetFieldCommand``, so that retyping a cell merges as before.
    """
    if node.field_by_id(fid) is None or not edits:
        return None
    commands = [SetFieldCommand(session, node, fid, attribute, value) for attribute, value in edits.items()]
    return commands[0] if len(commands) == 1 else MacroCommand(session, _tr("修改指标"), commands)


def department_command(session: ReportSession, nodes: list[Node], department: str) -> QUndoCommand | None:
    """Give each of ``nodes`` this department ("" inherits again), as one undo step."""
    commands = [SetDepartmentCommand(session, node, department) for node in nodes if node.department != department]
    if not commands:
        return None
    return MacroCommand(session, _tr("设置部门：{name}").format(name=department or _tr("沿用上级")), commands)


def workbook_command(session: ReportSession, applied: list[tuple[int, Value, str, int, str]]) -> QUndoCommand | None:
    """Every accepted row of a departments' workbook (value, qualifier, precision, note) as ONE undo step."""
    where = {f.fid: (node, f) for node, f in session.report.all_fields()}
    plan = EditPlan()
    for fid, value, qualifier, precision, note in applied:
        if fid not in where:
            continue
        node, f = where[fid]
        for attribute, new in (("qualifier", qualifier), ("precision", precision), ("note", note), ("value", value)):
            plan.add(node, f, attribute, new)
    return plan.command(session, _tr("导入填报表（{n} 项）").format(n=len(applied)))


@dataclass
class NodeState:
    """A node's texts and its fields' attributes, to go back to (the Field objects stay the same)."""

    heading: str
    body: str
    fields: list[tuple[Field, dict]]

    @classmethod
    def of(cls, node: Node) -> NodeState:
        return cls(node.heading, node.body, [(f, dict(vars(f))) for f in node.fields])

    def apply(self, session: ReportSession, node: Node) -> None:
        for f, attributes in self.fields:
            vars(f).update(attributes)
        session.rewrite_node(node, self.heading, self.body, [f for f, _ in self.fields])


class NodeRewriteCommand(SessionCommand):
    """A change of a node's text and fields made by a model function, as one step: its state after, and back.

    Built by trying ``change`` once on the node (its errors come from the
    constructor); the node is then put back, and redo makes the change through
    the session.
    """

    def __init__(self, session: ReportSession, node: Node, text: str, change: Callable[[Node], object]) -> None:
        super().__init__(session, text)
        self.node = node
        self.before = NodeState.of(node)
        try:
            change(node)
            self.after = NodeState.of(node)
        finally:
            for f, attributes in self.before.fields:
                vars(f).update(attributes)
            node.heading, node.body = self.before.heading, self.before.body
            node.fields[:] = [f for f, _ in self.before.fields]

    def _alive(self, undoing: bool) -> bool:
        return self._contains(self.node)

    def _redo(self) -> None:
        self.after.apply(self.session, self.node)

    def _undo(self) -> None:
        self.before.apply(self.session, self.node)


class PhraseCommand(NodeRewriteCommand):
    """绑定同比表述 / 解除绑定 of one field (PhraseError, why it cannot be, comes from the constructor)."""

    def __init__(self, session: ReportSession, node: Node, fid: int, bind: bool) -> None:
        super().__init__(session, node, _tr("绑定同比表述") if bind else _tr("解除同比绑定"),
                         lambda n: (bind_phrase if bind else unbind_phrase)(n, fid))


def make_field_command(session: ReportSession, node: Node, attr: str, start: int, end: int,
                       fid: int) -> QUndoCommand | None:
    """设为指标: the plain number at ``start:end`` of the node's ``attr`` becomes field ``fid``; None when it is none."""
    from model.draft import (  # the importer loads with the first use, not at start-up
        field_from_source,
        make_field,
    )

    text = getattr(node, attr)[start:end]
    if TOKEN_RE.search(text) or "\n" in text or field_from_source(text.strip(), fid) is None:
        return None
    lead = len(text) - len(text.lstrip())
    start, end = start + lead, start + lead + len(text.strip())
    return NodeRewriteCommand(session, node, _tr("设为指标"), lambda n: make_field(n, attr, start, end, fid))


def make_plain_command(session: ReportSession, node: Node, fid: int) -> QUndoCommand | None:
    """改为普通文字: field ``fid`` becomes its characters again; None when the node has no such field."""
    from model.draft import make_plain

    if node.field_by_id(fid) is None:
        return None
    return NodeRewriteCommand(session, node, _tr("改为普通文字"), lambda n: make_plain(n, fid))
