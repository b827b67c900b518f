"""The clerk's workspace: the store in the data folder, never empty on first start (工作区)."""

from __future__ import annotations

from pathlib import Path

from model.paths import DB_NAME, data_dir, resource_path
from model.store import Store

SAMPLE_NAME = "sample-report.txt"
SAMPLE_LAST_YEAR = "sample-report-2024.txt"  # the same report a year earlier: last year's values beside this year's
_SEEDED = "sample_seeded"


def open_workspace(folder: Path | None = None) -> Store:
    """The store in ``folder`` (default: the user's data folder), with the sample report on first start.

    The sample is loaded once: a clerk who deletes it does not get it back.
    """
    store = Store(data_dir(folder) / DB_NAME)
    if store.get_meta(_SEEDED) is None:
        if not store.list_reports():
            load_sample(store)
        store.set_meta(_SEEDED, "1")
    return store


def load_sample(store: Store) -> int:
    """Store the bundled sample report, last year's values beside this year's; its id."""
    from model.draft import read_draft
    from model.rollover import carry_last_year

    report = carry_last_year(read_draft(resource_path(SAMPLE_NAME)), read_draft(resource_path(SAMPLE_LAST_YEAR)))
    return store.add_report(report)
