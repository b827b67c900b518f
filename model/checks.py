"""What is not ready to print, and what to verify before it is (打印前检查).

Every problem has a severity: ``MUST`` (必须处理: blank fields, placeholders
left in the text, empty nodes, a computed phrase that cannot be computed) or
``VERIFY`` (请核实: numbers that may be right but look wrong, see
``model.verify``).  The clerk sees the list before export and jumps to each
problem; export stays possible anyway, so nothing here raises.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property

from model.numbering import outline_numbers
from model.phrases import phrase_problem
from model.report import TOKEN_RE, FieldKind, Node, Report
from model.verify import Doubt, doubtful

MUST = "must"      # 必须处理
VERIFY = "verify"  # 请核实
SEVERITY_TITLES = {MUST: "必须处理", VERIFY: "请核实"}

BLANK = "blank"              # a field with no value yet
PLACEHOLDER = "placeholder"  # "X", "××", "某某", "此处…" typed into the text itself
EMPTY = "empty"              # a node with no heading, no body and no children
PHRASE = "phrase"            # a computed 同比 phrase whose field is blank (or gone)

# A blank typed as text: X / XX … (half or full width) not inside a Latin word,
# two or more ×, 某某, 此处 followed by an instruction (此处填写…, 此处…).
PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z])[XＸ]+(?![A-Za-z])"
    r"|×{2,}"
    r"|某某"
    r"|此处(?:填写|补充|添加|插入|待定|[…\.。]{1,3})"
)

_SHOWN_CHARS = 16


@dataclass
class Problem:
    """One thing to fix (or to verify) before printing; ``fid`` names the field when it is one.

    ``number`` is the node's number as printed ("一、", "1.", "" unnumbered).
    ``doubt`` is the 请核实 finding it was made from (``model.verify``), none for
    必须处理, which can never be dismissed; ``dismissed`` says the clerk has
    confirmed it (这是对的).
    """

    node: Node
    kind: str
    message: str
    fid: int | None = None
    severity: str = MUST
    number: str = ""
    dismissed: bool = False
    doubt: Doubt | None = field(default=None, repr=False, compare=False)

    @cached_property
    def key(self) -> str:
        """What the store keeps for a confirmed reminder (``dismissal_key``), "" for 必须处理.

        Computed when first asked for: a check with nothing confirmed does not pay for it.
        """
        d = self.doubt
        return dismissal_key(d.kind, d.node, d.fid, d.message, d.judged()) if d is not None else ""

    @property
    def dismissable(self) -> bool:
        return self.severity == VERIFY and self.doubt is not None

    def as_json(self) -> dict:
        return {"kind": self.kind, "severity": self.severity, "node_number": self.number,
                "node_id": self.node.id, "fid": self.fid, "message": self.message, "dismissed": self.dismissed}


def dismissal_key(kind: str, node: Node, fid: int | None, message: str, judged: str) -> str:
    """What identifies a 请核实 reminder: its kind, node and field, and a fingerprint of what it judged.

    The fingerprint covers the sentence around the number and the field's
    values (``model.verify``), so a confirmed reminder comes back when either changes.
    """
    digest = hashlib.blake2b(f"{message}\x1e{judged}".encode(), digest_size=8).hexdigest()
    return f"{_reminder(kind, node, fid)}:{digest}"


def _reminder(kind: str, node: Node, fid: int | None) -> str:
    """The key without its fingerprint: which reminder, not what it judged."""
    return f"{kind}:{node.id if node.id is not None else ''}:{fid if fid is not None else ''}"


def _where(node: Node, number: str) -> str:
    """The node as the clerk knows it: its number and the start of its heading (or body)."""
    text = node.heading.strip() or TOKEN_RE.sub("", node.body).strip()
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "…"
    return (number + text) or "（无标题）"


def _blank_fields(node: Node, where: str) -> list[Problem]:
    problems = []
    for position, f in enumerate(node.fields, start=1):
        if not f.is_blank:
            continue
        if f.label:
            name = f"指标“{f.label}”"
        else:
            name = f"第{position}个指标" + (f"（{f.source}）" if f.source else "")
        message = f"{name}尚未填写：{where}"
        problems.append(Problem(node, BLANK, message, f.fid))
    return problems


def _placeholders(node: Node, where: str) -> list[Problem]:
    problems = []
    for text in (node.heading, TOKEN_RE.sub("", node.body)):
        for match in PLACEHOLDER_RE.finditer(text):
            message = f"正文中留有占位符“{match.group(0)}”：{where}"
            problems.append(Problem(node, PLACEHOLDER, message))
    return problems


def _phrases(node: Node, where: str) -> list[Problem]:
    problems = []
    for f in node.fields:
        why = phrase_problem(node, f) if f.kind is FieldKind.CHANGE else None
        if why:
            problems.append(Problem(node, PHRASE, f"同比计算“{f.label or f.source}”{why}：{where}", f.fid))
    return problems


def readiness(report: Report, dismissed: Collection[str] = ()) -> list[Problem]:
    """Every problem of ``report``: what must be fixed in reading order, then what to verify.

    A 请核实 problem whose key is in ``dismissed`` (the store's ``dismissed_keys``) is marked so.
    """
    numbers = outline_numbers(report)
    problems: list[Problem] = []
    wheres: dict[int, str] = {}
    for node in report.walk():
        number = numbers.get(id(node), "")
        where = wheres[id(node)] = _where(node, number)
        found = _blank_fields(node, where) + _placeholders(node, where) + _phrases(node, where)
        if not node.heading.strip() and not node.body.strip() and not node.children:
            found.append(Problem(node, EMPTY, f"空白段落（没有标题和正文）：{where}"))
        for p in found:
            p.number = number
        problems += found
    confirmed = {key.rpartition(":")[0] for key in dismissed}  # only these reminders need their fingerprint
    for d in doubtful(report):
        p = Problem(d.node, d.kind, f"{d.message}：{wheres[id(d.node)]}", d.fid, VERIFY,
                    numbers.get(id(d.node), ""), doubt=d)
        p.dismissed = bool(confirmed) and _reminder(d.kind, d.node, d.fid) in confirmed and p.key in dismissed
        problems.append(p)
    return problems


def must_fix(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a report from being ready (必须处理)."""
    return [p for p in problems if p.severity == MUST]


def dismissal_rows(problems: list[Problem]) -> list[tuple[str, str, str]]:
    """(key, kind, message) of each dismissable problem: what ``Store.set_dismissed`` keeps."""
    return [(p.key, p.kind, p.message) for p in problems if p.dismissable]
