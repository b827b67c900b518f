"""The printed title breaks between words only: the genre's words, numbers and the organisation stay whole."""

from __future__ import annotations

import re

import pytest
from docx_xml import NS, paragraphs, text_of
from export_fixture import sample_report

from export import layout
from export.title import WORDS, single_line, title_lines
from export.word import export_docx

TITLES = [
    "2023年领导班子述德述职述责述廉述法报告",
    "某区市场服务中心领导班子2023年度述德述职述责述廉述法报告",
    "XX市XX局领导班子2023年度述德述职述责述廉述法报告",
    "中共某某县某某局委员会2023年度落实全面从严治党主体责任情况的报告",
    "某某街道党工委领导班子2024年述职述廉报告",
    "某某县人民政府办公室关于做好2024年度安全生产工作、防汛抗旱和森林防火工作的通知",
    "XX县XX镇XX社区党委2023年度工作总结和2024年工作计划",
]


def test_the_issue_title_breaks_between_subject_and_genre():
    assert title_lines("2023年领导班子述德述职述责述廉述法报告") == ["2023年领导班子", "述德述职述责述廉述法报告"]


def test_an_organisation_name_stays_on_one_line():
    assert title_lines("XX市XX局领导班子2023年度述德述职述责述廉述法报告") == [
        "XX市XX局领导班子2023年度", "述德述职述责述廉述法报告"]
    assert title_lines("中共某某县某某局委员会2023年度落实全面从严治党主体责任情况的报告")[0] == "中共某某县某某局委员会2023年度"


@pytest.mark.parametrize("title", TITLES)
def test_no_line_ends_inside_a_word_or_a_number(title):
    lines = title_lines(title)
    assert "".join(lines) == title and all(len(line) <= layout.TITLE_CHARS_PER_LINE for line in lines)
    cuts, at = set(), 0
    for line in lines[:-1]:
        at += len(line)
        cuts.add(at)
    for word in WORDS:
        for m in re.finditer(word, title):
            assert not cuts & set(range(m.start() + 1, m.end())), (word, lines)
    for m in re.finditer(r"\d+年?", title):
        assert not cuts & set(range(m.start() + 1, m.end())), lines


def test_a_long_organisation_is_kept_whole_even_when_the_lines_are_uneven():
    assert title_lines("中共某某市某某区某某街道某某社区委员会述职报告") == ["中共某某市某某区某某街道某某社区委员会", "述职报告"]


def test_a_name_longer_than_a_line_breaks_inside_it_rather_than_overflow():
    lines = title_lines("中共某某省某某市某某区某某街道某某社区委员会述职报告")
    assert lines == ["中共某某省某某市某某区", "某某街道某某社区委员会述职报告"]  # after a place name, not in a word


def test_a_short_title_is_one_line():
    assert title_lines("关于2023年度工作情况的报告") == ["关于2023年度工作情况的报告"]


def test_the_clerks_own_break_is_kept_and_one_line_on_screen():
    title = "某区市场服务中心\n领导班子2023年度述职报告"
    assert title_lines(title) == ["某区市场服务中心", "领导班子2023年度述职报告"]
    assert single_line(title) == "某区市场服务中心领导班子2023年度述职报告"


def test_the_export_follows_the_clerks_break(tmp_path):
    report = sample_report()
    report.title = "某区市场服务中心领导班子\n2023年度述德述职述责述廉述法报告"
    title = paragraphs(export_docx(report, tmp_path / "t.docx"))[0]
    assert text_of(title) == single_line(report.title)
    assert len(title.findall(".//w:br", NS)) == 1
    report.title = "某区市场服务中心领导班子2023年度\n述德述职述责述廉述法报告"
    runs = paragraphs(export_docx(report, tmp_path / "u.docx"))[0].findall(".//w:t", NS)
    assert [r.text for r in runs] == ["某区市场服务中心领导班子2023年度", "述德述职述责述廉述法报告"]
