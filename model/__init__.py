"""The report and everything about it: pure Python, never Qt (报告模型)."""
