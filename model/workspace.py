"""The clerk's workspace: the store in the data folder, never empty on first start (工作区)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from model.paths import DB_NAME, data_dir, resource_path
from model.report import Report
from model.store import Store

SAMPLE_NAME = "sample-report.txt"
SAMPLE_LAST_YEAR = "sample-report-2024.txt"  # the same report a year earlier: last year's values beside this year's
_SEEDED = "sample_seeded"
SAMPLE_ID = "sample_report_id"


def open_workspace(folder: Path | None = None) -> Store:
    """The store in ``folder`` (default: the user's data folder), with the sample report on first start.

    The sample is loaded once: a clerk who deletes it does not get it back.
    The first start of each day copies the store to ``backups/``.
    """
    store = Store(data_dir(folder) / DB_NAME)
    try:
        seed_once(store)
    except BaseException:
        store.close()
        raise
    try:
        from model.backups import daily_backup

        daily_backup(store)
    except (OSError, sqlite3.Error):
        pass  # a backup that cannot be written must not keep the clerk from work; tomorrow tries again
    return store


def seed_once(store: Store) -> None:
    """The sample, stored exactly once however many commands start together on a new folder.

    The check and the insert share one BEGIN IMMEDIATE transaction, so a second
    command waits for the first and then finds the sample there.
    """
    if store.get_meta(_SEEDED) is not None:
        return
    sample = sample_report()  # parsed before taking the write lock
    with store.atomic(immediate=True):
        if store.get_meta(_SEEDED) is not None:
            return
        if not store.list_reports():
            store.set_meta(SAMPLE_ID, str(store.add_report(sample)))
        store.set_meta(_SEEDED, "1")


def sample_report() -> Report:
    """The bundled sample report with last year's values and text beside this year's."""
    from model.draft import read_draft
    from model.rollover import carry_last_year

    return carry_last_year(read_draft(resource_path(SAMPLE_NAME)), read_draft(resource_path(SAMPLE_LAST_YEAR)))


def load_sample(store: Store) -> int:
    """Store the bundled sample report, last year's values beside this year's; its id (kept in meta)."""
    report_id = store.add_report(sample_report())
    store.set_meta(SAMPLE_ID, str(report_id))
    return report_id


def sample_report_id(store: Store) -> int | None:
    """The id of the bundled sample in this store (the window tells the clerk it is one), or None."""
    value = store.get_meta(SAMPLE_ID)
    return int(value) if value and value.isdigit() else None
