"""Next year's report from this year's (换年).

Number fields start blank with this year's value as last year's; text fields
(names) keep their value, since names change less often than numbers, and
remember it as last year's too.  The report's own year moves on in the title
and the text; other years (targets such as 2035年) stay as they are.
"""

from __future__ import annotations

import copy

from model.report import FieldKind, Report


def roll_over(report: Report, year: int) -> Report:
    """A new, unstored report for ``year`` built from ``report``."""
    new = copy.deepcopy(report)
    new.id = None
    old_year = report.year
    new.year = year
    for node in new.walk():
        node.id = None
        if old_year:
            node.heading = _shift_year(node.heading, old_year, year)
            node.body = _shift_year(node.body, old_year, year)
    for _, f in new.all_fields():
        f.last_value = f.value
        if f.kind is FieldKind.NUMBER:
            f.value = None
    if old_year:
        new.title = _shift_year(new.title, old_year, year)
    elif str(year) not in new.title:
        new.title = f"{year}年{new.title}"
    return new


def _shift_year(text: str, old: int, new: int) -> str:
    return text.replace(f"{old}年", f"{new}年").replace(f"{old} 年", f"{new} 年")
