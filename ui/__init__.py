"""The window (窗口): PySide6 lives here and in main.py only."""
