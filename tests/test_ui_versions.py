"""Versions and backups in the window (版本 / 从备份恢复): kept, listed, read, restored, undone."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox  # noqa: E402
from test_ui_window import make_report, reloaded  # noqa: E402

from model.backups import daily_backup  # noqa: E402
from model.paths import DB_NAME  # noqa: E402
from model.report import Node, NodeKind, Report  # noqa: E402
from model.store import Store  # noqa: E402
from model.versions import list_versions  # noqa: E402
from ui import backup_dialog, versions_dialog  # noqa: E402
from ui import commands as cmd  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402

SECTION = "坚持党建引领，筑牢思想根基。"


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / DB_NAME


def open_window(qtbot, db_path, tmp_path) -> MainWindow:
    win = MainWindow(Store(db_path), Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    seed = Store(db_path)
    seed.add_report(make_report())
    seed.close()
    win = open_window(qtbot, db_path, tmp_path)
    yield win
    win.session.flush()
    win.session.store.close()


@pytest.fixture
def yes(monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: asked.append(a[2]) or QMessageBox.Ok)
    return asked


def versions(window):
    return list_versions(window.session.store, window.session.report.id)


def headings(report: Report) -> list[str]:
    return [n.heading for n in report.nodes]


def test_save_version_keeps_the_note(window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("交办公室审阅前", True))
    window.act_save_version.trigger()
    [kept] = versions(window)
    assert (kept.note, kept.reason) == ("交办公室审阅前", "manual") and kept.size > 50
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    window.act_save_version.trigger()
    assert len(versions(window)) == 1  # cancelled: nothing kept


def test_deleting_more_than_one_node_keeps_a_version_first(window):
    report = window.session.report
    leaf = report.nodes[2].children[0]
    window.session.undo_stack.push(cmd.delete_command(window.session, [leaf]))
    assert versions(window) == []  # one node: undo is enough
    section = report.nodes[1]
    window.session.undo_stack.push(cmd.delete_command(window.session, [section]))
    [kept] = versions(window)
    assert kept.reason == "delete" and SECTION not in headings(report)
    from model.versions import load_version

    assert SECTION in headings(load_version(window.session.store, kept.id))


def test_the_list_shows_each_version_and_one_opens_read_only_beside(window, monkeypatch):
    window.session.keep_version("manual", "第一稿")
    window.session.undo_stack.push(cmd.SetInfoCommand(
        window.session, cmd.ReportInfo("2024年工作总结（修改稿）", 2024, "示例局")))
    dialog = versions_dialog.show_versions(window)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (1, 2)] == ["第一稿", "手动保存"]
    viewer = dialog.view()
    assert viewer.isVisible() and viewer.text.isReadOnly()
    text = viewer.text.toPlainText()
    assert text.startswith("2024年领导班子述职述廉报告")  # the version's title, not the current one
    assert "一、坚持党建引领，筑牢思想根基。" in text and "1.理论学习常抓不懈。全年集中学习12次" in text
    assert "只读" in viewer.windowTitle()
    assert dialog.table.item(0, 1).text() == "第一稿"
    dialog.close()


def test_a_version_opens_on_the_screen_even_beside_a_maximised_window(window):
    """No room right of the main window: the viewer stands at the screen's right edge, not beyond it."""
    screen = window.screen().availableGeometry()
    window.setGeometry(screen)
    window.session.keep_version("export")
    dialog = versions_dialog.show_versions(window)
    assert dialog.table.item(0, 1).text() == "（无备注）"
    viewer = dialog.view()
    frame = viewer.frameGeometry()
    assert screen.contains(frame.topLeft()) and frame.right() <= screen.right() and frame.bottom() <= screen.bottom()
    assert viewer.width() <= screen.width() // 2
    dialog.close()


def test_restore_is_undoable_and_keeps_a_version_first(window, db_path, yes):
    session = window.session
    report = session.report
    item = report.nodes[1].children[0]
    session.undo_stack.push(cmd.SetTextCommand(session, item, "先改一句。", item.body, item.fields))
    session.keep_version("manual", "改标题后")
    session.undo_stack.push(cmd.delete_command(session, [report.nodes[1]]))  # keeps a "delete" version too
    assert SECTION not in headings(reloaded(db_path, report.id))
    dialog = versions_dialog.show_versions(window)
    row = next(i for i, v in enumerate(dialog.versions) if v.note == "改标题后")
    dialog.table.selectRow(row)
    assert dialog.restore()
    assert SECTION in headings(report) and SECTION in headings(reloaded(db_path, report.id))
    assert window.act_undo.text() == "撤销 恢复版本"
    assert versions(window)[0].reason == "restore"  # the state before the restore, kept first
    assert "一、坚持党建引领，筑牢思想根基。" in [window.session.model.data(window.session.model.index(1, 0))]
    session.undo_stack.undo()
    assert SECTION not in headings(report) and SECTION not in headings(reloaded(db_path, report.id))
    session.undo_stack.undo()  # the delete, then the text: the commands before the restore still work
    assert report.nodes[1].children[0] is item and item.heading == "先改一句。"
    session.undo_stack.undo()
    assert item.heading == "理论学习常抓不懈。" == reloaded(db_path, report.id).nodes[1].children[0].heading
    session.undo_stack.redo()
    session.undo_stack.redo()
    session.undo_stack.redo()
    assert SECTION in headings(reloaded(db_path, report.id))
    dialog.close()


def test_a_section_deleted_before_a_restart_comes_back_from_a_version(qtbot, window, db_path, tmp_path, yes):
    window.select_node(window.session.report.nodes[1])
    window.act_delete.trigger()
    report_id = window.session.report.id
    window.close()
    window.session.store.close()
    again = open_window(qtbot, db_path, tmp_path)
    try:
        assert again.session.report.id == report_id and SECTION not in headings(again.session.report)
        dialog = versions_dialog.show_versions(again)
        assert dialog.versions[0].reason == "delete"
        assert dialog.restore()
        assert SECTION in headings(reloaded(db_path, report_id))
        assert reloaded(db_path, report_id).nodes[1].children[0].field_by_id(1).value == 12
        dialog.close()
    finally:
        again.session.store.close()


def test_restore_from_a_backup_reopens_the_store(window, db_path, monkeypatch, yes):
    session = window.session
    daily_backup(session.store)
    session.store.add_report(Report(title="备份之后的报告", year=2024, nodes=[Node(NodeKind.SECTION, "标题。")]))
    monkeypatch.setattr(backup_dialog.BackupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    old = session.store
    assert backup_dialog.restore_from_backup(window)
    assert session.store is not old
    assert [r.title for r in session.store.list_reports()] == ["2024年领导班子述职述廉报告"]
    assert session.report is not None and window.windowTitle().endswith("《2024年领导班子述职述廉报告》")
    kept = [p for p in db_path.parent.iterdir() if p.name.startswith(f"{DB_NAME}.before-restore-")]
    assert kept and any(kept[0].name in text for text in yes)
    session.undo_stack.push(cmd.SetInfoCommand(session, cmd.ReportInfo("恢复后继续写", 2024, "示例局")))
    assert reloaded(db_path, session.report.id).title == "恢复后继续写"  # the reopened store saves


def test_a_restore_from_a_backup_can_be_gone_back_on(qtbot, window, db_path, monkeypatch, yes):
    """What the store held before the restore is itself listed as a backup, and restores like one."""
    from model.backups import list_backups

    session = window.session
    daily_backup(session.store)
    session.store.add_report(Report(title="备份之后的报告", year=2024, nodes=[Node(NodeKind.SECTION, "标题。")]))
    monkeypatch.setattr(backup_dialog.BackupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert backup_dialog.restore_from_backup(window)
    [before] = [b for b in list_backups(db_path.parent) if b.kind == "restore"]
    assert before.ok and any(before.path.name in text for text in yes)
    dialog = backup_dialog.BackupDialog(list_backups(db_path.parent), window)
    qtbot.addWidget(dialog)
    notes = {dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())}
    assert notes == {"每天第一次启动时", "从备份恢复前的数据"}
    row = dialog.backups.index(next(b for b in dialog.backups if b.kind == "restore"))
    monkeypatch.setattr(backup_dialog.BackupDialog, "chosen", lambda self: self.backups[row])
    assert backup_dialog.restore_from_backup(window)
    assert "备份之后的报告" in [r.title for r in session.store.list_reports()]


def test_a_restore_that_fails_reopens_the_current_file_and_says_so(window, db_path, monkeypatch, yes):
    """The copy meets a full disk after the clerk confirmed: the store as it was, open again, and the clerk told."""
    import errno

    from model import backups

    session = window.session
    daily_backup(session.store)
    session.store.add_report(Report(title="备份之后的报告", year=2024, nodes=[Node(NodeKind.SECTION, "标题。")]))
    monkeypatch.setattr(backup_dialog.BackupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.shutil, "copyfile", full)
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append((a[1], a[2])) or QMessageBox.Ok)
    old = session.store
    assert not backup_dialog.restore_from_backup(window)
    [(title, text)] = errors
    assert title == "未能从备份恢复" and "磁盘空间不足" in text and "保持原样" in text and "已重新打开" in text
    assert " / " not in text and "space" not in text  # the Chinese half only
    assert session.store is not old and db_path.exists()
    assert sorted(r.title for r in session.store.list_reports()) == ["2024年领导班子述职述廉报告", "备份之后的报告"]
    assert session.report is not None
    session.undo_stack.push(cmd.SetInfoCommand(session, cmd.ReportInfo("失败后继续写", 2024, "示例局")))
    assert reloaded(db_path, session.report.id).title == "失败后继续写"  # the reopened store saves


def test_the_backup_list_refuses_a_damaged_backup(qtbot, window):
    from model.backups import list_backups

    daily_backup(window.session.store)
    [good] = list_backups(db_path_of(window).parent)
    bad = good.path.with_name("reportdesk-20000101.db")
    bad.write_bytes(b"garbage" * 100)
    dialog = backup_dialog.BackupDialog(list_backups(db_path_of(window).parent), window)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert rows == {"完好", "无法使用"}
    bad_row = next(r for r, b in enumerate(dialog.backups) if not b.ok)
    dialog.table.selectRow(bad_row)
    assert not dialog.restore_button.isEnabled()


def db_path_of(window):
    return window.session.store.path
