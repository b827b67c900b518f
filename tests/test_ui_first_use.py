"""A first user knows what to do: the sample says it is one, with 导入上年稿 right there; 帮助 with F1 and 关于."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402
from test_ui_window import make_report  # noqa: E402
from ui_helpers import press, shown_window  # noqa: E402

import main  # noqa: E402
from model.workspace import open_workspace, sample_report_id  # noqa: E402
from ui.help import GuideDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture
def win(qtbot, tmp_path):
    store = open_workspace(tmp_path / "data")
    yield shown_window(qtbot, store, tmp_path / "settings.ini")
    store.close()


def test_the_sample_says_it_is_one_and_offers_the_import(win, monkeypatch):
    store = win.session.store
    assert win.session.report.id == sample_report_id(store) is not None
    banner = win.sample_banner.banner
    assert banner is not None and banner.isVisible() and "示例报告" in banner.label.text()
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(a[1]) or ("", ""))
    banner.import_button.click()
    assert asked == ["导入上年稿"]
    own = store.add_report(make_report())
    win.open_report(own)
    assert not banner.isVisible()


def test_no_banner_is_built_for_the_clerks_own_report(qtbot, tmp_path):
    from model.store import Store

    store = Store(tmp_path / "own.db")
    store.add_report(make_report())
    w = MainWindow(store, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(w)
    assert w.sample_banner.banner is None
    store.close()


def test_f1_opens_a_short_guide_in_chinese(win, qtbot):
    press(win.tree, Qt.Key_F1)
    guides = [w for w in QApplication.topLevelWidgets() if isinstance(w, GuideDialog) and w.isVisible()]
    assert len(guides) == 1
    text = guides[0].text.toPlainText()
    for step in ("导入上年稿", "填写", "生成下一年度", "导出", "打印"):
        assert step in text
    guides[0].reject()


def test_about_names_the_version_and_the_data_file(win, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: said.append((title, text)))
    win.act_about.trigger()
    [(title, text)] = said
    assert title == "关于报告编制助手"
    assert main.VERSION in text and str(win.session.store.path) in text
    assert [a.text() for a in win.menuBar().actions()][-1] == "帮助(&H)"
