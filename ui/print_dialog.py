"""Which printer and how many copies (打印): asked before anything is sent.

The printers come from ``export.printing.print_setup`` (CUPS on Linux) or,
on Windows, from Qt's own printer list; when there is none, the clerk is told
before the options dialog, not after.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from export.printing import PrintSetup

MAX_COPIES = 99


def system_printers() -> PrintSetup | None:
    """Qt's printer list on Windows (Qt asks the spooler there); None elsewhere: CUPS is asked instead."""
    if sys.platform != "win32":
        return None
    from PySide6.QtPrintSupport import QPrinterInfo

    return PrintSetup(list(QPrinterInfo.availablePrinterNames()), QPrinterInfo.defaultPrinterName())


class PrintDialog(QDialog):
    """The printer (the system's default first chosen) and the number of copies."""

    def __init__(self, setup: PrintSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印"))
        self.printer = QComboBox(self)
        self.printer.addItems(setup.printers)
        self.printer.setCurrentText(setup.default)
        self.copies = QSpinBox(self)
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setSuffix(self.tr(" 份"))
        form = QFormLayout(self)
        form.addRow(self.tr("打印机："), self.printer)
        form.addRow(self.tr("份数："), self.copies)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("打印"), QDialogButtonBox.AcceptRole).setDefault(True)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[str, int]:
        return self.printer.currentText(), self.copies.value()

    def ask(self) -> tuple[str, int] | None:
        """(printer, copies), or None when the clerk cancelled."""
        return self.choice() if self.exec() == QDialog.Accepted else None
