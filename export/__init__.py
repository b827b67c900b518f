"""Writers from a Report to files in the official layout: never Qt (导出)."""
