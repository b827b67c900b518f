"""Build ``resources/template.docx``: every style the export uses, the page and the footers (模板).

Run by a developer after a change in ``export/layout.py``::

    python -m export.build_template

and commit the result.  The export opens the template and only adds paragraphs,
so the page set-up, the styles and the footers live here, once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from export import layout
from export.fonts import set_fonts
from model.paths import resource_path

# Paragraph and character style names (the export refers to them by these names).
TITLE = "RD Title"
BODY = "RD Body"
FRONT = "RD Front"           # flush-left lines before the body (主送机关)
FRONT_CENTRED = "RD Front Centred"  # 来源, speaker and date lines centred under the title (楷体)
HEADING_1 = "RD Heading 1"   # 一、 on a line of its own
HEADING_2 = "RD Heading 2"   # （一） on a line of its own
ITEM = "RD Item"             # 1. / （1） with the body run on
END_BLOCK = "RD End Block"   # organisation and date
PAGE_ODD = "RD Page Number Odd"
PAGE_EVEN = "RD Page Number Even"
CHAR_HEI = "RD Hei"          # the 一、 number and heading when run in
CHAR_KAI = "RD Kai"          # the （一） number and heading when run in
CHAR_LEAD = "RD Lead"        # the bold lead sentence of 1. items
CHAR_INLINE = "RD Inline"    # 一是 / 二是 run-ins

_KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}


def _strip_styles(styles_el) -> None:
    """Drop the default template's styles (theme fonts everywhere) except the four Word needs."""
    for child in list(styles_el):
        if child.tag == qn("w:latentStyles"):
            styles_el.remove(child)
        elif child.tag == qn("w:style") and child.get(qn("w:styleId")) not in _KEEP_STYLES:
            styles_el.remove(child)
    for rsid in styles_el.iter(qn("w:rsid")):
        rsid.getparent().remove(rsid)


def _set_defaults(styles_el) -> None:
    """Body font and size, exact line pitch and no widow control as the document default."""
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, layout.BODY_FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(layout.half_points(layout.BODY_SIZE_PT)))
    condense = OxmlElement("w:spacing")
    condense.set(qn("w:val"), str(layout.char_condense_twips()))
    rpr.find(qn("w:sz")).addprevious(condense)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    widow = OxmlElement("w:widowControl")
    widow.set(qn("w:val"), "0")
    ppr.append(widow)
    spacing = OxmlElement("w:spacing")
    for attr, value in (("before", "0"), ("after", "0"),
                        ("line", str(layout.LINE_PITCH_TWIPS)), ("lineRule", "exact")):
        spacing.set(qn("w:" + attr), value)
    ppr.append(spacing)


def _indent(style, **chars: int) -> None:
    """Indents counted in characters (firstLineChars=200 is two), with twips beside for old readers."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    char_twips = layout.BODY_SIZE_PT * 20
    for side, count in chars.items():
        twips_attr = {"firstLine": "firstLine", "left": "left", "right": "right"}[side]
        ind.set(qn(f"w:{twips_attr}Chars"), str(count * 100))
        ind.set(qn(f"w:{twips_attr}"), str(count * char_twips))


def _paragraph_style(doc, name: str, base: str | None, font: str | None = None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base] if base else None
    style.quick_style = True
    if font:
        set_fonts(style, font)
    return style


def _character_style(doc, name: str, font: str | None = None, bold: bool = False):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.base_style = doc.styles["Default Paragraph Font"]
    if font:
        set_fonts(style, font)
    if bold:
        style.font.bold = True
    return style


def _no_grid_snap(style) -> None:
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    style.element.get_or_add_pPr().insert(0, snap)


def _outline_level(style, level: int) -> None:
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level))
    style.element.get_or_add_pPr().append(lvl)


def add_styles(doc) -> None:
    """Every paragraph and character style the export uses."""
    body = _paragraph_style(doc, BODY, "Normal", layout.BODY_FONT)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _indent(body, firstLine=layout.FIRST_LINE_CHARS)

    title = _paragraph_style(doc, TITLE, "Normal", layout.TITLE_FONT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.font.size = Pt(layout.TITLE_SIZE_PT)
    _no_grid_snap(title)  # a 22 pt line would take two grid lines in LibreOffice; exact spacing rules
    _outline_level(title, 0)

    front = _paragraph_style(doc, FRONT, BODY)
    _indent(front, firstLine=0)
    centred = _paragraph_style(doc, FRONT_CENTRED, BODY, layout.KAI_FONT)
    centred.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _indent(centred, firstLine=0)
    _outline_level(_paragraph_style(doc, HEADING_1, BODY, layout.HEI_FONT), 1)
    _outline_level(_paragraph_style(doc, HEADING_2, BODY, layout.KAI_FONT), 2)
    _paragraph_style(doc, ITEM, BODY)

    end = _paragraph_style(doc, END_BLOCK, BODY)
    end.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _indent(end, firstLine=0, right=layout.END_BLOCK_RIGHT_CHARS)

    for name, align, side in ((PAGE_ODD, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                              (PAGE_EVEN, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        page = _paragraph_style(doc, name, "Normal", layout.PAGE_NUMBER_FONT)
        set_fonts(page, layout.PAGE_NUMBER_FONT, latin=layout.PAGE_NUMBER_FONT)
        page.font.size = Pt(layout.PAGE_NUMBER_SIZE_PT)
        page.paragraph_format.alignment = align
        page.paragraph_format.line_spacing = 1.0
        _no_grid_snap(page)
        _indent(page, **{side: layout.PAGE_NUMBER_INDENT_CHARS})

    _character_style(doc, CHAR_HEI, layout.HEI_FONT)
    _character_style(doc, CHAR_KAI, layout.KAI_FONT)
    _character_style(doc, CHAR_LEAD, bold=True)
    _character_style(doc, CHAR_INLINE)


def _field_char(run, kind: str) -> None:
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    run._r.append(fld)


def _page_number(footer, style: str) -> None:
    """"— N —" with N a PAGE field, in the footer's only paragraph."""
    para = footer.paragraphs[0]
    para.style = style
    para.add_run(layout.PAGE_NUMBER_LEFT)
    _field_char(para.add_run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    para.add_run()._r.append(instr)
    _field_char(para.add_run(), "separate")
    para.add_run("1")
    _field_char(para.add_run(), "end")
    para.add_run(layout.PAGE_NUMBER_RIGHT)


def set_up_page(doc) -> None:
    """A4, the official margins, the 22 × 28 grid and odd/even page numbers."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(layout.MARGIN_TOP_MM), Mm(layout.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(layout.MARGIN_LEFT_MM), Mm(layout.MARGIN_RIGHT_MM)
    section.header_distance = Mm(layout.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(layout.FOOTER_DISTANCE_MM)
    section.gutter = 0
    sect_pr = section._sectPr
    for attr in list(sect_pr.attrib):
        if "rsid" in attr:
            del sect_pr.attrib[attr]
    grid = sect_pr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), layout.GRID_TYPE)
    grid.set(qn("w:linePitch"), str(layout.LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(layout.char_space()))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, PAGE_ODD)
    _page_number(section.even_page_footer, PAGE_EVEN)


def _tidy_settings(doc) -> None:
    settings = doc.settings.element
    for rsids in settings.findall(qn("w:rsids")):
        settings.remove(rsids)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _drop_styles_with_effects(doc) -> None:
    """Drop the default template's Word 2010 style copy (theme fonts) and its stale thumbnail."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # a picture of Word's default blank page
            del package_rels[rid]


def build(path: Path) -> Path:
    """Write the template to ``path``."""
    doc = Document()
    _drop_styles_with_effects(doc)
    styles_el = doc.styles.element
    _strip_styles(styles_el)
    _set_defaults(styles_el)
    add_styles(doc)
    set_up_page(doc)
    _tidy_settings(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    props = doc.core_properties
    props.title, props.author, props.comments = "", "ReportDesk", ""
    props.last_modified_by = "ReportDesk"
    doc.save(str(path))
    return path


def main() -> int:
    out = resource_path("template.docx")
    out.parent.mkdir(parents=True, exist_ok=True)
    print(build(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
