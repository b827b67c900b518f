"""Fonts: the one helper that names a run's fonts, and the check for missing ones (字体).

python-docx's ``font.name`` leaves East Asian text in the theme font; Word
then shows Chinese in whatever the theme says.  ``set_fonts`` names the Latin
and the East Asian font explicitly and drops the theme attributes that would
override them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from docx.oxml.ns import qn

from export import layout

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _rpr_of(target):
    """The w:rPr of a run, a style, a python-docx proxy or an rPr itself."""
    element = getattr(target, "_element", target)
    if element.tag == qn("w:rPr"):
        return element
    return element.get_or_add_rPr()


def set_fonts(target, east_asia: str, latin: str = layout.LATIN_FONT) -> None:
    """Name ``latin`` for ascii/hAnsi and ``east_asia`` for Chinese on ``target``; drop theme fonts."""
    rfonts = _rpr_of(target).get_or_add_rFonts()
    for attr in THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)


# --- Are the official fonts on this PC? -------------------------------------------------

# Known file names in the Windows fonts folder (lower case).
WINDOWS_FILES: dict[str, tuple[str, ...]] = {
    layout.BODY_FONT: ("fs_gb2312.ttf", "仿宋_gb2312.ttf", "fsgb2312.ttf"),
    layout.HEI_FONT: ("simhei.ttf",),
    layout.KAI_FONT: ("kai_gb2312.ttf", "楷体_gb2312.ttf", "simkai_gb2312.ttf"),
    layout.TITLE_FONT: ("fzxbsjw.ttf", "fzxbsjw--gb1-0.ttf", "方正小标宋简体.ttf"),
    layout.PAGE_NUMBER_FONT: ("simsun.ttc", "simsun.ttf"),
    layout.LATIN_FONT: ("times.ttf",),
}
# What Word/WPS shows instead, best guess by font family (the newer Windows faces first).
_CLOSE_FACES: dict[str, tuple[str, str]] = {
    layout.BODY_FONT: ("simfang.ttf", "仿宋"),
    layout.KAI_FONT: ("simkai.ttf", "楷体"),
}
_DEFAULT_CJK = "宋体"


def _windows_dirs() -> list[Path]:
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed without admin rights (Windows 10 1809+)
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _files_in(dirs: list[Path]) -> set[str]:
    names: set[str] = set()
    for folder in dirs:
        try:
            names.update(p.name.lower() for p in folder.iterdir())
        except OSError:
            continue
    return names


def _missing_by_files(dirs: list[Path]) -> list[tuple[str, str]]:
    present = _files_in(dirs)
    missing = []
    for font, files in WINDOWS_FILES.items():
        if present.intersection(files):
            continue
        if font == layout.LATIN_FONT:
            missing.append((font, "Arial"))
            continue
        close_file, close_face = _CLOSE_FACES.get(font, ("", ""))
        missing.append((font, close_face if close_file in present else _DEFAULT_CJK))
    return missing


def _run(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""


def _missing_by_fontconfig() -> list[tuple[str, str]]:
    families: set[str] = set()
    for line in _run(["fc-list", ":", "family"]).splitlines():
        families.update(name.strip() for name in line.split(","))
    return [(font, fontconfig_substitute(font)) for font in WINDOWS_FILES if font not in families]


def fontconfig_substitute(font: str) -> str:
    """The face fontconfig (and so WPS or LibreOffice on Linux) really draws ``font``'s text with.

    Asked for Chinese text (``:lang=zh-cn``): a bare ``fc-match 仿宋_GB2312``
    answers with the default Latin face (DejaVu Sans), which has no Chinese
    glyph at all; Chinese characters are then taken from the CJK face.
    """
    pattern = font if font == layout.LATIN_FONT else f"{font}:lang=zh-cn"
    return _run(["fc-match", "-f", "%{family[0]}", pattern]).strip() or _DEFAULT_CJK



def missing_official_fonts(font_dirs: list[Path] | None = None) -> list[tuple[str, str]]:
    """(font, what Word/WPS will show instead) for each official font this PC lacks.

    Looks in ``font_dirs`` when given, else the Windows fonts folders on
    Windows, else fontconfig.  Returns [] when it cannot tell (no folder, no fc-list).
    """
    if font_dirs is None and sys.platform == "win32":
        font_dirs = _windows_dirs()
    if font_dirs is not None:
        if not any(d.is_dir() for d in font_dirs):
            return []
        return _missing_by_files(font_dirs)
    if shutil.which("fc-list") is None:
        return []
    return _missing_by_fontconfig()
