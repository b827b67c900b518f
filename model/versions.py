"""Versions of a report (版本): the whole report as JSON, kept in the store, restorable after any restart.

A version is kept on request (保存版本, with a note), at every export and
before any action that removes more than one node.  The snapshot keeps the
ids of nodes and fields, so a restored report keeps its field ids and an
undo of the restore finds the same nodes again.
"""

from __future__ import annotations

import hashlib
import json
import operator
import zlib
from dataclasses import dataclass
from datetime import datetime

from model.errors import MissingRowError, StoreError
from model.report import Field, FieldKind, Node, NodeKind, NumberStyle, Report
from model.store import Store

REASONS = ("manual", "export", "delete", "restore", "import")


@dataclass
class VersionInfo:
    id: int
    report_id: int
    created: str
    note: str
    reason: str
    size: int  # characters of text (headings and bodies) in the version


def text_size(report: Report) -> int:
    """What the clerk would call the length of the report: characters of headings and bodies."""
    return sum(len(n.heading) + len(n.body) for n in report.walk())


# Every attribute of each class, read once: attributes added later are kept too.
_ATTRIBUTES = {cls: cls.__match_args__ for cls in (Report, Node, Field)}
_KNOWN = {cls: frozenset(names) for cls, names in _ATTRIBUTES.items()}
_ROW = {cls: operator.attrgetter(*names) for cls, names in _ATTRIBUTES.items()}
FORMAT = 2  # objects as rows of values, their attribute names once in the header (1: nested dicts)


def _row(obj: object) -> tuple:
    """A Report, Node or Field as the row json writes; the encoder calls it for each (enums are str already)."""
    try:
        return _ROW[type(obj)](obj)
    except KeyError:
        raise TypeError(f"{type(obj).__name__} cannot be kept in a version") from None


def snapshot(report: Report) -> str:
    """The whole report as JSON: each object a row of its values, the names of the values once in the header.

    The objects go to json's C encoder as they are and become rows one by one
    (``attrgetter``, no deep copy of the tree as nested dicts would make),
    and no key is repeated 6,000 times: 1,000 nodes with 5,000 fields take
    less than a bare ``json.dumps`` of the same data as dicts.
    """
    header = {"format": FORMAT, "attributes": {cls.__name__: names for cls, names in _ATTRIBUTES.items()}}
    return json.dumps({**header, "report": report}, default=_row, ensure_ascii=False, separators=(",", ":"))


def from_snapshot(text: str) -> Report:
    """The report a snapshot holds, as new objects (ids as they were); either format."""
    data = json.loads(text)
    if data.get("format") == FORMAT:
        return _Reader(data["attributes"]).report(data["report"])
    data["nodes"] = [_node(n) for n in data.get("nodes", [])]  # format 1: nested dicts
    data["level_styles"] = [NumberStyle(s) for s in data.get("level_styles", [])]
    return Report(**_known(Report, data))


_NODE_KINDS = {k.value: k for k in NodeKind}
_FIELD_KINDS = {k.value: k for k in FieldKind}
_STYLES = {s.value: s for s in NumberStyle}


class _Reader:
    """Rows back into objects, by the attribute names of the snapshot's header (unknown ones dropped)."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.report_names, self.node_names, self.field_names = (
            [n for n in names[cls.__name__] if n in _KNOWN[cls]] for cls in (Report, Node, Field))
        self.report_at, self.node_at, self.field_at = (
            [i for i, n in enumerate(names[cls.__name__]) if n in _KNOWN[cls]] for cls in (Report, Node, Field))
        self.same_fields = tuple(names["Field"]) == _ATTRIBUTES[Field]

    def report(self, row: list) -> Report:
        data = dict(zip(self.report_names, [row[i] for i in self.report_at], strict=True))
        data["nodes"] = [self.node(n) for n in data.get("nodes", [])]
        data["level_styles"] = [_STYLES[s] for s in data.get("level_styles", [])]
        return Report(**data)

    def node(self, row: list) -> Node:
        data = dict(zip(self.node_names, [row[i] for i in self.node_at], strict=True))
        data["kind"] = _NODE_KINDS[data["kind"]]
        data["number_style"] = _STYLES[data["number_style"]] if data.get("number_style") else None
        data["children"] = [self.node(c) for c in data.get("children", [])]
        if self.same_fields:  # the usual case: the snapshot's attributes are this program's, in order
            fields = data["fields"] = [Field(*f) for f in data.get("fields", [])]
        else:
            names, at = self.field_names, self.field_at
            fields = data["fields"] = [Field(**dict(zip(names, [f[i] for i in at], strict=True))) for f in data.get("fields", [])]
        for f in fields:
            f.kind = _FIELD_KINDS[f.kind]
        return Node(**data)


def _node(data: dict) -> Node:
    data["kind"] = NodeKind(data["kind"])
    data["number_style"] = NumberStyle(data["number_style"]) if data.get("number_style") else None
    data["children"] = [_node(c) for c in data.get("children", [])]
    data["fields"] = [_field(f) for f in data.get("fields", [])]
    return Node(**_known(Node, data))


def _field(data: dict) -> Field:
    data["kind"] = FieldKind(data["kind"])
    return Field(**_known(Field, data))


def _known(cls, data: dict) -> dict:
    """Only the attributes this version of the class has (a snapshot may come from another version)."""
    known = _KNOWN[cls]
    return data if known.issuperset(data) else {k: v for k, v in data.items() if k in known}


def save_version(store: Store, report: Report, note: str = "", reason: str = "manual") -> int:
    """Keep ``report`` as it is now (the caller's copy, e.g. the window's) as a version; its id.

    A version kept by the program itself (any reason but "manual") is not kept
    again when the report has not changed since the newest version: that
    version's id is returned.  One the clerk asks for is always kept.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    text = snapshot(report).encode()
    digest = hashlib.sha256(text).hexdigest()
    with store.atomic():
        if report.id is None or store.conn.execute(
                "SELECT 1 FROM reports WHERE id = ?", [report.id]).fetchone() is None:
            raise MissingRowError(_GONE)
        if reason != "manual":
            newest = store.conn.execute("SELECT id, hash FROM versions WHERE report_id = ? ORDER BY id DESC LIMIT 1",
                                        [report.id]).fetchone()
            if newest is not None and newest["hash"] == digest:
                return newest["id"]
        cur = store.conn.execute(
            "INSERT INTO versions(report_id, created, note, reason, size, snapshot, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [report.id, datetime.now().isoformat(timespec="seconds"), note, reason,
             text_size(report), _pack(text), digest],
        )
    return cur.lastrowid


def _pack(text: bytes) -> bytes | str:
    """What is stored: zlib at its fastest level (a report's JSON shrinks about tenfold), else the text itself."""
    packed = zlib.compress(text, 1)
    return packed if len(packed) < len(text) else text.decode()


def _unpack(stored: bytes | str) -> str:
    """The snapshot's JSON, from a compressed BLOB or (versions kept before compression) plain TEXT."""
    return zlib.decompress(stored).decode() if isinstance(stored, bytes) else stored


def list_versions(store: Store, report_id: int) -> list[VersionInfo]:
    """The report's versions, newest first."""
    rows = store.conn.execute(
        "SELECT id, report_id, created, note, reason, size FROM versions WHERE report_id = ? ORDER BY id DESC",
        [report_id],
    )
    return [VersionInfo(r["id"], r["report_id"], r["created"], r["note"], r["reason"], r["size"]) for r in rows]


def load_version(store: Store, version_id: int) -> Report:
    """A detached copy of the version, for reading beside the current text (``id``: the report's)."""
    row = store.conn.execute("SELECT report_id, snapshot FROM versions WHERE id = ?", [version_id]).fetchone()
    if row is None:
        raise StoreError(f"没有编号为 {version_id} 的版本。请重新打开版本列表。 / No version {version_id}.")
    report = from_snapshot(_unpack(row["snapshot"]))
    report.id = row["report_id"]
    return report


def restore_version(store: Store, version_id: int) -> Report:
    """Put the version back as the stored report, after keeping the current state as a version; one transaction."""
    old = load_version(store, version_id)
    with store.atomic():
        current = store.load_report(old.id)
        created = store.conn.execute("SELECT created FROM versions WHERE id = ?", [version_id]).fetchone()
        save_version(store, current, f"恢复 {created['created']} 的版本之前", "restore")
        replace_report_content(store, old.id, old)
    return store.load_report(old.id)


def replace_report_content(store: Store, report_id: int, content: Report) -> None:
    """Rewrite the stored report's info, nodes and fields to ``content``, in one transaction.

    Node ids are kept where they are free, so fields and undo keep finding
    them; ``content`` is updated in place with the ids as stored.
    """
    with store.atomic():
        if store.conn.execute("SELECT 1 FROM reports WHERE id = ?", [report_id]).fetchone() is None:
            raise MissingRowError(_GONE)
        ids = [n.id for n in content.walk() if n.id is not None]
        taken = {r["id"] for r in store.conn.execute(
            f"SELECT id FROM nodes WHERE report_id != ? AND id IN ({','.join('?' * len(ids))})",
            [report_id, *ids])}
        top = store.conn.execute("SELECT MAX(id) AS top FROM nodes").fetchone()["top"] or 0
        next_id = max([top, *ids]) + 1
        for node in content.walk():
            if node.id is None or node.id in taken:  # new, or another report has its id since
                node.id, next_id = next_id, next_id + 1  # beyond every id in use or to be kept
        store.conn.execute("DELETE FROM fields WHERE report_id = ?", [report_id])
        store.conn.execute("DELETE FROM nodes WHERE report_id = ?", [report_id])
        content.id = report_id
        store.save_report_info(content)
        store.insert_nodes(report_id, content.nodes)


_GONE = ("这份报告已不在数据文件中（可能已在另一个窗口中删除），版本未保存。请重新打开报告。"
         " / The report no longer exists.")
