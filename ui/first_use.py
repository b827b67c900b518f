"""The sample says it is one (示例报告): a banner above the editor with 导入上年稿 right there.

A first user opens the program onto the bundled sample; without a word they
may take it for their own report, or not know where to start.  The banner
shows only while the sample (marked in the store's meta) is open.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

BANNER_FILL, BANNER_EDGE = QColor("#FFF4D6"), QColor("#E8C66A")


class SampleBanner(QFrame):
    """"这是示例报告……" with the two ways to bring in one's own report.

    Its pale yellow box is painted here rather than by a style sheet: a style
    sheet restyles the banner and its buttons through Qt's slower style-sheet
    style, which the first paint of every start would pay for.
    """

    def __init__(self, import_action, paste_action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sample_banner")
        self.label = QLabel(self.tr("这是程序自带的<b>示例报告</b>，可随意修改试用。"
                                    "要开始写本单位的报告，请导入去年的报告（Word 文件或复制的全文）。"), self)
        self.label.setWordWrap(True)
        self.import_button = QPushButton(self.tr("导入上年稿…"), self)
        self.import_button.clicked.connect(import_action.trigger)
        self.paste_button = QPushButton(self.tr("粘贴导入"), self)
        self.paste_button.clicked.connect(paste_action.trigger)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.import_button)
        row.addWidget(self.paste_button)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(BANNER_EDGE, 1))
        painter.setBrush(BANNER_FILL)
        painter.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 4, 4)
        painter.end()


class SampleBannerSlot:
    """Where the banner goes (a layout above the editor); built the first time the sample is open."""

    def __init__(self, window, layout) -> None:
        self.window = window
        self.layout = layout
        self.banner: SampleBanner | None = None

    def update(self) -> None:
        from model.workspace import sample_report_id

        report = self.window.session.report
        is_sample = report is not None and report.id == sample_report_id(self.window.session.store)
        if is_sample and self.banner is None:
            self.banner = SampleBanner(self.window.act_import, self.window.act_paste, self.window)
            self.layout.insertWidget(0, self.banner)
        if self.banner is not None:
            self.banner.setVisible(is_sample)
