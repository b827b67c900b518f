"""What a change of a node's text means (文字修改): the fields it leaves, where the cursor goes.

Pure functions over the token text (``⟦fid⟧``), used by the node editor for
each keystroke and for each undo or redo it shows.
"""

from __future__ import annotations

from collections.abc import Mapping

from model.report import TOKEN_RE, Field, Node
from ui.chips import OBJ


def token_ids(text: str) -> list[int]:
    """Field ids whose tokens stand in ``text``, in reading order."""
    return [int(m.group(1)) for m in TOKEN_RE.finditer(text)]


def change_end(old: str, new: str) -> int:
    """Where the cursor goes once ``old`` became ``new``: the end of the changed stretch in ``new``.

    Positions count a field's token as one character, as the text widget does.
    """
    a, b = TOKEN_RE.sub(OBJ, old), TOKEN_RE.sub(OBJ, new)
    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return len(b) - suffix


def fields_after(node: Node, heading: str, body: str, known: Mapping[int, Field]) -> list[Field]:
    """``node.fields`` once its text reads ``heading`` + ``body``, in text order.

    A field whose token left the text leaves the node; a token that came
    back (a chip cut and pasted) brings its Field from ``known``; a field
    that had no token before stays (at the end).
    """
    present = token_ids(heading + body)
    before = token_ids(node.heading + node.body)
    order = {fid: i for i, fid in reversed(list(enumerate(present)))}
    if present == before and _in_order(node.fields, order):
        return node.fields
    had = set(before)
    fields = [f for f in node.fields if f.fid in present or f.fid not in had]
    have = {f.fid for f in fields}
    for fid in present:
        if fid not in have and fid in known:
            fields.append(known[fid])
            have.add(fid)
    return sorted(fields, key=lambda f: order.get(f.fid, len(order)))


def _in_order(fields: list[Field], order: dict[int, int]) -> bool:
    places = [order.get(f.fid, len(order)) for f in fields]
    return all(a <= b for a, b in zip(places, places[1:], strict=False))
