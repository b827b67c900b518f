"""帮助: a short guide in Chinese (F1) and 关于 (version, where the data lives).

Built only when asked for.  The version is main.VERSION, read from the
running entry script when it is main.py, otherwise from importing main,
whose top level is only argparse and constants.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


GUIDE = """
<h3>五步写好今年的报告</h3>
<p><b>1. 导入上年稿。</b>点“导入上年稿…”（Ctrl+I）选择去年的 Word 文件（.docx，也可 .doc/.wps/.txt），
或复制全文后点“粘贴导入”。程序会分出“一、”“1.”“一是”等层次，并把文中的数字和“X次”之类的空白找出来作为指标。
导入前可以核对分层和指标。</p>
<p><b>2. 逐节修改、填写指标。</b>左侧是提纲，点一节即在右侧编辑：标题句在上，正文在下，指标表在右。
数字以彩色小块显示，双击即可填写；黄色的是尚未填写的。提纲中每行右侧的红色“N 未填”提示还差几个。
F2 在提纲里直接改标题，Tab / Shift+Tab 调整层级，Delete 删除（Ctrl+Z 可撤销）。修改会自动保存，Ctrl+S 立即保存。
数字多时按 Ctrl+T 打开“所有指标”：全部指标在一张表里，像电子表格一样直接输入、回车到下一格（选“未填”则跳到下一个空格），
也可以从 Excel 或 WPS 表格复制一列数字粘贴进来。</p>
<p><b>3. 查找替换。</b>Ctrl+F 查找，Ctrl+H 替换，例如把“2023年”换成“2024年”；指标里的数值不会被替换改动。</p>
<p><b>4. 生成下一年度。</b>明年此时，在“报告列表”中选中今年的报告，生成下一年度：今年的数值变成“上年数值”，
今年的空白等待重新填写，文字保留供改写。改写时按 F8 在旁边对照上年的同一节，改动处有标记；
“报告”菜单中的“只看未改写”只列出与上年一字不差、还没改写的节。</p>
<p><b>5. 检查、导出和打印。</b>F7 列出尚未就绪的内容（未填的指标、残留的“XX”等），点一条即可跳到那里。
“导出 Word…”（Ctrl+E）按公文格式（GB/T 9704）生成文件，“打印”先检查再交给打印机。</p>
<p>窗口下方的状态栏显示本节和全文的字数（汉字、含标点）以及按每页 22 行 × 28 字估算的页数。</p>
"""


class GuideDialog(QDialog):
    """使用说明: a few paragraphs, readable in one go."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("使用说明"))
        self.text = QTextBrowser(self)
        self.text.setHtml(_tr(GUIDE).replace("\n", ""))  # a line break between Chinese words would show as a space
        self.text.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(620, 520)


def program_version() -> str:
    """main.VERSION, without starting anything."""
    version = getattr(sys.modules.get("__main__"), "VERSION", None)
    if version is None:
        try:
            import main

            version = main.VERSION
        except (ImportError, AttributeError):
            version = _tr("未知")
    return str(version)


def about_text(data_file: Path | None) -> str:
    where = str(data_file) if data_file else _tr("（内存中，未写入文件）")
    return _tr("<h3>报告编制助手 {version}</h3>"
               "<p>为领导班子述职述廉报告、工作总结等年度报告而作：从上年稿出发，填写指标，按公文格式导出。</p>"
               "<p>所有数据只保存在本机，不联网。数据文件：<br><code>{where}</code></p>"
               "<p>每天首次启动时会在同一文件夹的 backups 中留一份备份。</p>").format(version=program_version(),
                                                                                  where=where)


def show_guide(parent: QWidget) -> GuideDialog:
    dialog = GuideDialog(parent)
    dialog.open()
    return dialog


def show_about(parent: QWidget, data_file: Path | None) -> None:
    QMessageBox.about(parent, _tr("关于报告编制助手"), about_text(data_file))
