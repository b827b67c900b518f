"""The clerk's workspace: the store in the data folder, never empty on first start (工作区)."""

from __future__ import annotations

from pathlib import Path

from model.paths import DB_NAME, data_dir, resource_path
from model.store import Store

SAMPLE_NAME = "sample-report.txt"
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
    """Store the bundled sample report; its id."""
    from model.draft import read_draft

    return store.add_report(read_draft(resource_path(SAMPLE_NAME)))
