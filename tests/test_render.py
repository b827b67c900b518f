"""The exported file as it prints: LibreOffice renders it, poppler measures every page.

Skipped when soffice or poppler's tools are missing (.ci/run installs
libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk).  The official
Chinese font names are mapped to Noto CJK by a fontconfig file written into
tmp_path, so the page looks as it will on the clerk's PC.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_xml import paragraphs, text_of
from export_fixture import long_report

from export import layout
from export.word import export_docx
from model.fields import render_field

FONT_MAP = {
    "仿宋_GB2312": "Noto Serif CJK SC", "仿宋": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC", "楷体_GB2312": "AR PL UKai CN",
}
LATIN_ONLY = re.compile(r"Liberation|DejaVu|Times|Arial|Helvetica|Courier", re.I)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PITCH = layout.LINE_PITCH_PT


def _fontconfig(folder: Path) -> Path:
    aliases = "".join(f'<alias binding="same"><family>{name}</family><prefer><family>{face}</family>'
                      f"</prefer></alias>" for name, face in FONT_MAP.items())
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
                    f'<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}'
                    "</fontconfig>", encoding="utf-8")
    return conf


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(docx, pdf) of a five-page report rendered by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo", "pdftohtml")):
        pytest.skip("LibreOffice or poppler-utils missing")
    tmp = tmp_path_factory.mktemp("render")
    docx = export_docx(long_report(sections=4, items=4), tmp / "long.docx")
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(tmp)))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
                   env=env, capture_output=True, timeout=180, check=False)
    pdf = tmp / "long.pdf"
    if not pdf.exists():
        pytest.fail("LibreOffice produced no PDF")
    return docx, pdf


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page, its text lines as (yMin, xMin, xMax, text) from pdftotext -bbox-layout."""
    out = _run("pdftotext", "-bbox-layout", str(pdf), "-")
    pages = []
    for page in out.split("<page ")[1:]:
        lines = []
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            words = re.findall(r">([^<]*)</word>", m.group(4))
            lines.append((float(m.group(2)), float(m.group(1)), float(m.group(3)), "".join(words)))
        pages.append(lines)
    return pages


def _split_footer(lines):
    """The page number is the lowest line on the page; the rest is the type area."""
    footer_y = max(y for y, *_ in lines)
    body = sorted({round(y, 1) for y, *_ in lines if y < footer_y - 5})
    footer = "".join(t for y, _, _, t in lines if y >= footer_y - 5)
    x = [(x0, x1) for y, x0, x1, _ in lines if y >= footer_y - 5]
    return body, footer, x


@pytest.mark.render
def test_pages_are_a4(rendered):
    info = _run("pdfinfo", str(rendered[1]))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts", info)


@pytest.mark.render
def test_every_full_page_holds_22_lines(rendered):
    pages = _pages(rendered[1])
    for number, lines in enumerate(pages[:-1], start=1):  # the last page is not full
        rows, _, _ = _split_footer(lines)
        gaps = [b - a for a, b in zip(rows, rows[1:], strict=False)]
        # Page 1 has the title and the empty line under it: count grid rows from first to last.
        span = round((rows[-1] - rows[0]) / PITCH) + 1
        assert span == layout.LINES_PER_PAGE, f"page {number}: {span} lines"
        if number > 1:
            assert len(rows) == layout.LINES_PER_PAGE, f"page {number}: {len(rows)} lines"
            assert all(abs(g - PITCH) < 0.6 for g in gaps), f"page {number}: uneven lines {gaps}"


@pytest.mark.render
def test_page_numbers_read_dash_n_dash_odd_right_even_left(rendered):
    pages = _pages(rendered[1])
    left_edge, right_edge = 28 / 25.4 * 72, (210 - 26) / 25.4 * 72
    for number, lines in enumerate(pages, start=1):
        _, footer, x = _split_footer(lines)
        assert re.sub(r"\s", "", footer) == f"—{number}—"
        if number % 2:
            assert right_edge - 24 < x[-1][1] < right_edge - 8  # one character in from the right
        else:
            assert left_edge + 8 < x[0][0] < left_edge + 24  # one character in from the left


@pytest.mark.render
def test_no_chinese_in_a_latin_only_font(rendered):
    fonts = _run("pdffonts", str(rendered[1]))
    assert "CJK" in fonts  # the Chinese fonts really were used
    xml = _run("pdftohtml", "-xml", "-i", "-stdout", str(rendered[1]))
    families = dict(re.findall(r'<fontspec id="(\d+)"[^>]*family="([^"]+)"', xml))
    wrong = [(families[f], t) for f, t in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', xml)
             if LATIN_ONLY.search(families[f]) and CJK.search(t)]
    assert wrong == []


@pytest.mark.render
def test_pdf_text_holds_every_field(rendered):
    text = re.sub(r"\s", "", _run("pdftotext", str(rendered[1]), "-"))
    report = long_report(sections=4, items=4)
    for _, f in report.all_fields():
        assert render_field(f) in text


def test_export_text_holds_every_field_value_with_its_unit(tmp_path):
    report = long_report(sections=2, items=3)
    text = "".join(text_of(p) for p in paragraphs(export_docx(report, tmp_path / "r.docx")))
    fields = list(report.all_fields())
    assert len(fields) > 10
    for _, f in fields:
        assert render_field(f) in text


def test_round_trip_through_the_draft_reader(tmp_path):
    """parse(export(report)) gives back the same tree and the same values."""
    draft = pytest.importorskip("model.draft")
    report = long_report(sections=4, items=4)
    back = draft.read_draft(export_docx(report, tmp_path / "r.docx"))

    def shape(r):
        return [(n.kind, n.heading, [(c.kind, c.heading, len(c.children)) for c in n.children]) for n in r.nodes]

    assert shape(back) == shape(report)
    assert [(f.value, f.unit) for _, f in back.all_fields()] == [(f.value, f.unit) for _, f in report.all_fields()]
