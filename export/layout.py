"""The official layout (GB/T 9704-2012, 党政机关公文格式): every number in one place.

The export, the template builder and the tests read these names; nothing
else in the project writes a margin, a font name or a point size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from model.report import NumberStyle

# Paper and margins (mm): A4, type area 156 × 225 mm.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
# The page number sits about 7 mm below the type area: footer edge distance from the paper's bottom.
FOOTER_DISTANCE_MM = 24
HEADER_DISTANCE_MM = 15

# Document grid: 22 lines × 28 characters; every paragraph uses the line pitch, exactly.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH_PT = 28.95

# Fonts (named, never embedded: Word on the clerk's PC supplies them).
LATIN_FONT = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
# The faces the clerk must install where missing, in the order of the layout table (宋体 and
# Times New Roman come with every Windows).
OFFICIAL_FONTS = (TITLE_FONT, BODY_FONT, KAI_FONT, HEI_FONT)

# Sizes in points: 二号 22, 三号 16, 四号 14.
TITLE_SIZE_PT = 22
BODY_SIZE_PT = 16
PAGE_NUMBER_SIZE_PT = 14

# The title breaks into balanced lines of at most this many characters.
TITLE_CHARS_PER_LINE = 20

# Page number "— 1 —": one em dash each side, half-width digits, one character in from the edge.
PAGE_NUMBER_LEFT = "— "
PAGE_NUMBER_RIGHT = " —"
PAGE_NUMBER_INDENT_CHARS = 1

# End block (署名, 成文日期): right-aligned, two characters in from the right edge (右空二字).
END_BLOCK_RIGHT_CHARS = 2

# Body paragraphs: first line indented two characters.
FIRST_LINE_CHARS = 2


def twips(mm: float) -> int:
    """Millimetres to twentieths of a point, the unit of sectPr and spacing."""
    return round(mm / 25.4 * 1440)


def half_points(pt: float) -> int:
    """Points to the half-points of w:sz."""
    return round(pt * 2)


LINE_PITCH_TWIPS = round(LINE_PITCH_PT * 20)  # 579


def type_width_pt() -> float:
    """Width of the type area in points, as Word computes it from the twips of sectPr."""
    return (twips(PAGE_WIDTH_MM) - twips(MARGIN_LEFT_MM) - twips(MARGIN_RIGHT_MM)) / 20


def char_condense_twips() -> int:
    """Character spacing (w:spacing, negative twips) that fits CHARS_PER_LINE body characters a line.

    16 pt characters give 27 a line in 156 mm; condensing each by 0.25 pt gives
    28 in Word, WPS and LibreOffice alike.  (Word's character grid, docGrid
    linesAndChars, does the same in Word only: LibreOffice puts each 16 pt
    character into two grid cells and prints 18 a line.)
    """
    excess_pt = BODY_SIZE_PT - type_width_pt() / CHARS_PER_LINE
    return -math.ceil(excess_pt * 20)


# w:docGrid/@w:type: the line grid (22 lines); characters are fitted by char_condense_twips().
GRID_TYPE = "lines"


def char_space() -> int:
    """w:docGrid/@w:charSpace for CHARS_PER_LINE characters a line (Word's page set-up shows it).

    Word's character pitch is the default font size plus charSpace/4096 pt;
    rounded down so that 28 characters always fit.  Used by Word only when the
    grid type is linesAndChars; kept beside the line grid to record the intent.
    """
    pitch = type_width_pt() / CHARS_PER_LINE
    return int((pitch - BODY_SIZE_PT) * 4096) - 1


@dataclass(frozen=True)
class HeadingLook:
    """How a numbered heading prints: its East Asian font, bold, and whether it stands alone.

    ``own_paragraph`` True: the number and heading make a paragraph of their own
    and the body follows in new paragraphs (一、).  False: the body runs on in
    the same paragraph when the heading ends a sentence (1. lead sentence).
    """

    font: str
    bold: bool = False
    own_paragraph: bool = False


HEADING_LOOKS: dict[NumberStyle, HeadingLook] = {
    NumberStyle.CN_COMMA: HeadingLook(HEI_FONT, own_paragraph=True),
    NumberStyle.CN_PAREN: HeadingLook(KAI_FONT),
    NumberStyle.ARABIC_DOT: HeadingLook(BODY_FONT, bold=True),
}
PLAIN_LOOK = HeadingLook(BODY_FONT)


def heading_look(style: NumberStyle) -> HeadingLook:
    """The font follows the numbering style, not the depth (一、黑体, （一）楷体, 1. bold)."""
    return HEADING_LOOKS.get(style, PLAIN_LOOK)


# Sentence ends after which a body may run on after its heading.
RUN_ON_AFTER = "。！？；：!?;:"


def centred_front(line: str) -> bool:
    """GB/T 9704 centres 来源, speaker and date lines under the title; a salutation (主送机关,
    "同志们：") ends with a colon and stays flush left above the body."""
    return not line.rstrip().endswith(("：", ":"))
