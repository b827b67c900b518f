"""Front matter prints where GB/T 9704 puts it: 来源, speaker and date centred under the title in
楷体 三号, the salutation flush left above the body; the draft reader reads it back."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from docx_xml import Styles, paragraphs, runs, text_of

from export import layout
from export.word import export_docx
from model.report import Node, NodeKind, Report

FRONT = ["（2025年2月8日）", "区长  李某某", "同志们："]


def _speech() -> Report:
    body = "今年以来，全区上下共同努力，各项工作取得新进展。" * 3
    return Report(title="在全区经济工作会议上的讲话", front_matter=list(FRONT), nodes=[
        Node(kind=NodeKind.SECTION, heading="回顾过去一年的工作", body=body),
        Node(kind=NodeKind.SECTION, heading="明确今年的重点任务", body=body),
    ])


def test_speaker_and_date_centred_in_kai_under_the_title_salutation_flush_left(tmp_path):
    path = export_docx(_speech(), tmp_path / "讲话.docx")
    styles = Styles(path)
    paras = paragraphs(path)
    assert [text_of(p) for p in paras[:6]] == ["在全区经济工作会议上的讲话", *FRONT[:2], "", FRONT[2],
                                               "一、回顾过去一年的工作"]
    for p in paras[1:3]:
        assert styles.para_value(p, "w:jc", "val") == "center"
        assert styles.run_font(p, runs(p)[0])["east_asia"] == "楷体_GB2312"
        assert styles.run_font(p, runs(p)[0])["size"] == layout.BODY_SIZE_PT  # 三号
        assert styles.para_value(p, "w:ind", "firstLineChars") in (None, "0")
    salutation = paras[4]
    assert styles.para_value(salutation, "w:jc", "val") != "center"
    assert styles.run_font(salutation, runs(salutation)[0])["east_asia"] == "仿宋_GB2312"


def test_without_front_matter_the_title_block_is_title_empty_line_body(tmp_path):
    report = _speech()
    report.front_matter = []
    texts = [text_of(p) for p in paragraphs(export_docx(report, tmp_path / "r.docx"))]
    assert texts[:3] == ["在全区经济工作会议上的讲话", "", "一、回顾过去一年的工作"]


def test_front_matter_survives_export_and_import(tmp_path):
    from model.draft import read_draft

    back = read_draft(export_docx(_speech(), tmp_path / "讲话.docx"))
    assert back.title == "在全区经济工作会议上的讲话"
    assert back.front_matter == FRONT
    assert [n.heading for n in back.nodes] == ["回顾过去一年的工作", "明确今年的重点任务"]


@pytest.mark.render
def test_front_lines_sit_on_the_grid_centred_under_the_title(tmp_path):
    from test_render import _fontconfig, _pages

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice or poppler-utils missing")
    docx = export_docx(_speech(), tmp_path / "speech.docx")
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(tmp_path)))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   env=env, capture_output=True, timeout=180, check=False)
    lines = sorted(_pages(tmp_path / "speech.pdf")[0])
    texts = [t for _, _, _, t in lines]
    date, speaker = texts.index("（2025年2月8日）"), texts.index("区长李某某")
    assert (date, speaker) == (1, 2) and texts[3] == "同志们："  # title, date, speaker, (empty), salutation
    y = [row[0] for row in lines[:5]]
    assert abs((y[3] - y[2]) - 2 * layout.LINE_PITCH_PT) < 1.0  # the empty line is one grid line
    assert abs((y[2] - y[1]) - layout.LINE_PITCH_PT) < 1.0 and abs((y[4] - y[3]) - layout.LINE_PITCH_PT) < 1.0
    page_middle = 595.3 / 2 + (layout.MARGIN_LEFT_MM - layout.MARGIN_RIGHT_MM) / 2 * 72 / 25.4
    for _, x0, x1, _ in lines[1:3]:
        assert abs((x0 + x1) / 2 - page_middle) < 3
    assert lines[3][1] < lines[1][1]  # the salutation starts at the left margin
