"""The errors ReportDesk raises on purpose (错误): each message says what happened and what to do.

One base class, so the command line and the window tell "a problem the clerk
can act on" from "a bug" by ``isinstance``, never by a class's name.  The
store's faults are distinct classes so the window can choose its dialog
(move aside, restore a backup, upgrade, switch windows).
"""

from __future__ import annotations

from pathlib import Path


class ReportDeskError(Exception):
    """A problem the clerk can act on; ``str(exc)`` is the whole message (Chinese / English)."""


class StoreError(ReportDeskError):
    """The store cannot be used or was not written; the message says what happened and what to do."""


class MissingRowError(StoreError):
    """A write found nothing to change (the report or paragraph is gone): the edit was NOT saved."""


class _PathError(StoreError):
    """A store fault about one file or folder, kept in ``.path`` for the window's dialog."""

    def __init__(self, path: str | Path, detail: str = "") -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(self.message())

    def message(self) -> str:  # pragma: no cover - every subclass says its own
        raise NotImplementedError


class StoreForeign(_PathError):
    """The file is empty, not SQLite, or SQLite without ReportDesk's tables: left exactly as it is."""

    def message(self) -> str:
        why = f"：{self.detail}" if self.detail else ""
        return (f"数据文件不是 ReportDesk 的数据（{self.path}）{why}。文件保持原样，未作任何改动。"
                f"请用 --data-dir 指定另一个数据文件夹，或把该文件移走后重新打开。"
                f" / The data file is not a ReportDesk store; it was left as it is.")


class StoreReadOnly(_PathError):
    """The data file or its folder cannot be written (SQLite's WAL needs a writable folder too)."""

    def message(self) -> str:
        return (f"数据文件或数据文件夹是只读的（{self.path}），无法保存修改。"
                f"请取消该文件和文件夹的只读属性（SQLite 需要在数据文件夹中写入日志文件），"
                f"或用 --data-dir 指定一个可写的文件夹。 / The data file or folder is read-only.")


class StoreTooNew(_PathError):
    """The store was written by a newer ReportDesk (an unknown migration or a higher version)."""

    def message(self) -> str:
        why = f"（{self.detail}）" if self.detail else ""
        return (f"数据文件由更新版本的 ReportDesk 创建{why}：{self.path}。本程序未作任何改动。"
                f"请升级 ReportDesk 后再打开。 / Made by a newer ReportDesk; please upgrade.")


class StoreBusy(_PathError):
    """Another process holds SQLite's own lock for longer than we wait: the file is healthy."""

    def message(self) -> str:
        return (f"数据文件正被另一个程序占用（{self.path}），文件本身完好。"
                f"请稍候再试，或关闭另一个正在使用它的 ReportDesk。 / The data file is busy; try again.")


class StoreDamaged(_PathError):
    """The file is SQLite but fails its check: the window offers the newest good backup."""

    def message(self) -> str:
        why = f"：{self.detail}" if self.detail else ""
        return (f"数据文件已损坏（{self.path}）{why}。请从备份恢复（窗口中的“从备份恢复”，"
                f"备份在数据文件夹的 backups 中），或将该文件移走后重新打开；损坏的文件请交技术人员恢复。"
                f" / The data file is damaged; restore a backup.")
