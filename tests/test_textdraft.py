"""Plain text into paragraphs: typed, PDF copies with hard breaks, one-line reports."""

from __future__ import annotations

from conftest import FIXTURES
from model.draft.textdraft import text_paragraphs


def _texts(text: str) -> list[str]:
    return [p.text for p in text_paragraphs(text)]


def _fixture(name: str) -> str:
    raw = (FIXTURES / name).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def test_newlines_and_indentation_are_normalised():
    text = "标题\r\n\r\n\u3000\u3000一、第一部分\r  1.甲项工作。内容。\r\u2003\u00a02.乙项工作。内容。\n"
    assert _texts(text) == ["标题", "一、第一部分", "1.甲项工作。内容。", "2.乙项工作。内容。"]


def test_blank_lines_separate_paragraphs():
    assert _texts("第一段，\n\n第二段。") == ["第一段，", "第二段。"]


def test_typed_lines_stay_whole_paragraphs():
    paras = _texts(_fixture("draft-typed.txt"))
    assert len(paras) == 11
    assert paras[0] == "2023年度县农业农村局领导班子述职报告"
    assert paras[5] == "二、坚持稳产保供，守住粮食安全底线"


def test_gb18030_copy_reads_the_same():
    assert _texts(_fixture("draft-typed-gb18030.txt")) == _texts(_fixture("draft-typed.txt"))


def test_pdf_copy_is_rejoined():
    typed = _texts(_fixture("draft-typed.txt"))
    pdf = _texts(_fixture("draft-pdf-copy.txt"))
    assert [p.replace("\u3000", "") for p in pdf] == typed
    # the heading over two lines and the number split from its unit are whole again
    assert "一、坚持党建统领，筑牢干事创业的思想根基，推动全面从严治党向纵深发展。" in pdf
    assert any("讲党课XX场次。" in p for p in pdf)


def test_number_split_from_unit_rejoins_even_in_typed_text():
    assert _texts("1.甲项工作。全年开展检查X\n次，发现问题。\n2.乙项工作。") == [
        "1.甲项工作。全年开展检查X次，发现问题。", "2.乙项工作。"]


def test_short_line_without_punctuation_stays_a_heading():
    assert _texts("2024年工作回顾\n过去一年，我们做了很多工作。") == [
        "2024年工作回顾", "过去一年，我们做了很多工作。"]


def test_one_line_report_is_split_back():
    assert _texts(_fixture("draft-oneline.txt")) == _texts(_fixture("draft-typed.txt"))


def test_one_line_split_keeps_decimals_and_congress_names():
    text = ("年度述职报告一、政治建设。学习十九届六中全会精神。1.学习教育。投入1.5万元，增长2.5%。"
            "2.组织建设。完成3.2万人次培训。二、业务工作。1.监管执法。查处案件X起。"
            "新的一年，我们将继续努力。")
    assert _texts(text) == [
        "年度述职报告", "一、政治建设。学习十九届六中全会精神。", "1.学习教育。投入1.5万元，增长2.5%。",
        "2.组织建设。完成3.2万人次培训。", "二、业务工作。", "1.监管执法。查处案件X起。", "新的一年，我们将继续努力。"]


def test_short_typed_lines_are_not_taken_for_a_pdf_column():
    """Many short heading lines of one length are headings, not a PDF copy wrapped at 9 characters."""
    text = "镇人民政府领导班子\n述职述廉报告\n尊敬的各位领导：\n一、履职情况\n(一)抓经济发展。\n(二)抓乡村振兴。\n二、廉洁情况\n(一)严守规定。\n"
    assert _texts(text)[:4] == ["镇人民政府领导班子", "述职述廉报告", "尊敬的各位领导：", "一、履职情况"]
