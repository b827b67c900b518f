"""The exported Word file read as XML: page, grid, fonts per kind of paragraph, footers, numbering, blanks."""

from __future__ import annotations

import datetime
import errno
import os
import zipfile

import pytest
from docx_xml import NS, Styles, W, footer_parts, paragraphs, read_part, runs, style_id, text_of
from export_fixture import long_report, sample_report

from export import layout
from export.word import ExportError, ExportOptions, chinese_date, export_docx, title_lines
from model.report import Field, Node, NodeKind, Report, token


@pytest.fixture
def sample_docx(tmp_path):
    options = ExportOptions(end_block=True, date=datetime.date(2024, 1, 10))
    return export_docx(sample_report(), tmp_path / "报告.docx", options)


def _para(path, starts: str):
    return next(p for p in paragraphs(path) if text_of(p).startswith(starts))


def test_page_is_a4_with_official_margins(sample_docx):
    sect = read_part(sample_docx, "word/document.xml").find("w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")
    got = {side: int(margins.get(W + side)) for side in ("top", "bottom", "left", "right")}
    assert got == {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}  # 37/35/28/26 mm


def test_grid_gives_22_lines_of_28_characters(sample_docx):
    sect = read_part(sample_docx, "word/document.xml").find("w:body/w:sectPr", NS)
    grid = sect.find("w:docGrid", NS)
    pitch = int(grid.get(W + "linePitch"))
    assert pitch == 579 and grid.get(W + "type") in ("lines", "linesAndChars")
    body_height = 16838 - 2098 - 1984
    assert body_height // pitch == 22
    styles = Styles(sample_docx)
    condense = int(styles.defaults.find("w:rPrDefault/w:rPr/w:spacing", NS).get(W + "val"))
    advance = 16 + condense / 20
    width = (11906 - 1587 - 1474) / 20
    assert 28 * advance <= width < 29 * advance


def test_every_body_paragraph_has_exact_line_pitch_and_indent(sample_docx):
    styles = Styles(sample_docx)
    body = _para(sample_docx, "2023年，中心")
    assert styles.para_value(body, "w:spacing", "lineRule") == "exact"
    assert styles.para_value(body, "w:spacing", "line") == "579"
    assert styles.para_value(body, "w:ind", "firstLineChars") == "200"
    assert styles.para_value(body, "w:jc", "val") == "both"
    assert styles.para_value(body, "w:widowControl", "val") == "0"  # full pages, 22 lines each


def _font(path, starts: str, run_index: int = 0) -> dict:
    styles = Styles(path)
    p = _para(path, starts)
    return styles.run_font(p, runs(p)[run_index])


def test_title_font_size_and_balanced_lines(sample_docx):
    title = paragraphs(sample_docx)[0]
    assert text_of(title) == "某区市场服务中心领导班子2023年度述德述职述责述廉述法报告"
    assert len(title.findall(".//w:br", NS)) == 1
    assert _font(sample_docx, "某区市场") == {"east_asia": "方正小标宋简体", "ascii": "Times New Roman",
                                            "size": 22, "bold": False}
    assert Styles(sample_docx).para_value(title, "w:jc", "val") == "center"


def test_fonts_follow_the_numbering_style(sample_docx):
    body = {"east_asia": "仿宋_GB2312", "ascii": "Times New Roman", "size": 16, "bold": False}
    assert _font(sample_docx, "2023年，中心") == body
    assert _font(sample_docx, "一、坚持政治引领")["east_asia"] == "黑体"
    lead = _font(sample_docx, "1.理论学习走深走实。")
    assert lead == {**body, "bold": True}
    assert _font(sample_docx, "1.理论学习走深走实。", 1) == body  # the body runs on, not bold
    assert _font(sample_docx, "（一）优化办事流程")["east_asia"] == "楷体_GB2312"  # a line of its own
    assert _font(sample_docx, "（二）延伸服务触角。")["east_asia"] == "楷体_GB2312"
    assert _font(sample_docx, "（二）延伸服务触角。", 1) == body
    assert _font(sample_docx, "（1）在两个街道") == body


def test_no_theme_fonts_anywhere(sample_docx):
    for name in ("word/styles.xml", "word/document.xml"):
        xml = zipfile.ZipFile(sample_docx).read(name).decode()
        assert "Theme=" not in xml and "cstheme" not in xml


def test_section_heading_stands_alone_and_body_follows(sample_docx):
    texts = [text_of(p) for p in paragraphs(sample_docx)]
    i = texts.index("二、坚持服务为民，办好民生实事。")
    assert texts[i + 1:i + 3] == ["围绕群众关切的身边事，逐项明确责任人和完成时限。",
                                  "年底前各项民生实事全部办结，群众满意度明显提升。"]
    assert style_id(paragraphs(sample_docx)[i]) == "RDHeading1"


def test_inline_items_run_on_in_the_parent_paragraph(sample_docx):
    texts = [text_of(p) for p in paragraphs(sample_docx)]
    assert ("2.支部建设规范有序。按照年初计划推进支部标准化建设。一是抓好组织生活。主题党日参加率达到98.5%。"
            "二是抓好结对共建。与X签订共建协议，开展志愿服务300余人次。") in texts
    assert not any(t.startswith("一是") for t in texts)


def test_fields_print_with_units_and_precision(sample_docx):
    text = "".join(text_of(p) for p in paragraphs(sample_docx))
    for shown in ("12次", "9篇", "98.5%", "300余人次", "6个"):
        assert shown in text
    assert "⟦" not in text


def _report_with_sections(n: int, inline: int = 0) -> Report:
    nodes = [Node(NodeKind.SECTION, f"第{i + 1}项工作。") for i in range(n)]
    nodes[0].children = [Node(NodeKind.INLINE, f"做法{i + 1}。") for i in range(inline)]
    return Report(title="编号", nodes=nodes)


def test_numbering_goes_past_ten(tmp_path):
    path = export_docx(_report_with_sections(21, inline=11), tmp_path / "n.docx")
    texts = [text_of(p) for p in paragraphs(path)]
    for number in ("一、", "十、", "十一、", "二十、", "二十一、"):
        assert any(t.startswith(number + "第") for t in texts)
    assert "十是做法10。十一是做法11。" in "".join(texts)


def test_blank_highlighted_by_default(sample_docx):
    marks = [r for p in paragraphs(sample_docx) for r in runs(p) if r.find("w:rPr/w:highlight", NS) is not None]
    assert [text_of(r) for r in marks] == ["X", "X"]
    assert all(r.find("w:rPr/w:highlight", NS).get(W + "val") == "yellow" for r in marks)


def test_blank_underlined(tmp_path):
    path = export_docx(sample_report(), tmp_path / "u.docx", ExportOptions(blank_mode="underline"))
    marks = [r for p in paragraphs(path) for r in runs(p) if r.find("w:rPr/w:u", NS) is not None]
    assert [text_of(r) for r in marks] == ["\u3000\u3000"] * 2
    assert "开展专题研讨\u3000\u3000次" in "".join(text_of(p) for p in paragraphs(path))


def test_blank_stop_lists_blanks_and_writes_nothing(tmp_path):
    with pytest.raises(ExportError) as info:
        export_docx(sample_report(), tmp_path / "s.docx", ExportOptions(blank_mode="stop"))
    assert info.value.reason == "blanks"
    assert "2 个指标未填写" in str(info.value) and "专题研讨" in str(info.value)
    assert not (tmp_path / "s.docx").exists()


def test_end_block_right_aligned_with_chinese_date(sample_docx):
    styles = Styles(sample_docx)
    block = [p for p in paragraphs(sample_docx) if style_id(p) == "RDEndBlock"]
    assert [text_of(p) for p in block] == ["某区市场服务中心", "2024年1月10日"]
    assert all(styles.para_value(p, "w:jc", "val") == "right" for p in block)
    assert chinese_date(datetime.date(2023, 1, 10)) == "2023年1月10日"


def test_footers_page_numbers_odd_right_even_left(sample_docx):
    settings = read_part(sample_docx, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    footers = footer_parts(sample_docx)
    styles = Styles(sample_docx)
    for kind, align, side in (("default", "right", "rightChars"), ("even", "left", "leftChars")):
        p = footers[kind].find("w:p", NS)
        assert text_of(p) == "— 1 —"
        assert "PAGE" in "".join(t.text for t in p.iter(W + "instrText"))
        assert styles.para_value(p, "w:jc", "val") == align
        assert styles.para_value(p, "w:ind", side) == "100"
        font = styles.run_font(p, runs(p)[0])
        assert (font["east_asia"], font["ascii"], font["size"]) == ("宋体", "宋体", 14)


def test_title_lines_are_balanced():
    assert title_lines("关于2023年度工作情况的报告") == ["关于2023年度工作情况的报告"]
    lines = title_lines("某区市场服务中心领导班子2023年度述德述职述责述廉述法报告")
    assert lines == ["某区市场服务中心领导班子", "2023年度述德述职述责述廉述法报告"]
    long = title_lines("某某县人民政府办公室关于做好2024年度安全生产工作、防汛抗旱和森林防火工作的通知")
    assert len(long) == 3 and all(len(line) <= layout.TITLE_CHARS_PER_LINE for line in long)
    assert max(map(len, long)) - min(map(len, long)) <= 6


def test_body_with_newlines_is_several_paragraphs(tmp_path):
    node = Node(NodeKind.PREAMBLE, "", f"第一段{token(1)}。\n\n第二段。",
                fields=[Field(1, value=3, unit="次")])
    path = export_docx(Report(title="", nodes=[node]), tmp_path / "p.docx")
    assert [text_of(p) for p in paragraphs(path)] == ["第一段3次。", "第二段。"]


def test_export_starts_from_the_template(sample_docx):
    names = zipfile.ZipFile(sample_docx).namelist()
    assert "word/footer1.xml" in names and "word/stylesWithEffects.xml" not in names
    assert style_id(paragraphs(sample_docx)[0]) == "RDTitle"  # the template's body was cleared


def test_committed_template_is_up_to_date(tmp_path):
    """resources/template.docx is what `python -m export.build_template` builds now."""
    from docx_xml import pretty

    from export.build_template import build
    from model.paths import resource_path

    fresh = build(tmp_path / "template.docx")
    for name in ("word/styles.xml", "word/document.xml", "word/settings.xml",
                 "word/footer1.xml", "word/footer2.xml"):
        assert pretty(read_part(fresh, name)) == pretty(read_part(resource_path("template.docx"), name)), (
            f"{name} differs: run `python -m export.build_template` and commit resources/template.docx")


# --- writing safely ------------------------------------------------------------------


def _no_temp_left(folder) -> bool:
    return not [p for p in os.listdir(folder) if p.endswith(".tmp")]


def test_locked_target_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "locked")

    monkeypatch.setattr("export.word.os.replace", locked)
    with pytest.raises(ExportError) as info:
        export_docx(sample_report(), target)
    assert info.value.reason == "locked" and "关闭" in str(info.value)
    assert target.read_bytes() == b"old" and _no_temp_left(tmp_path)


def test_full_disk_leaves_no_half_file(tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")

    def full(fd, data):
        os.write(fd, b"PK half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("export.word._write_all", full)
    with pytest.raises(ExportError) as info:
        export_docx(sample_report(), target)
    assert info.value.reason == "full" and "磁盘空间" in str(info.value)
    assert target.read_bytes() == b"old" and _no_temp_left(tmp_path)


def test_read_only_folder(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("export.word._create_beside", refused)
    with pytest.raises(ExportError) as info:
        export_docx(sample_report(), tmp_path / "r.docx")
    assert info.value.reason == "readonly" and "其他文件夹" in str(info.value)


def test_missing_folder_is_an_export_error(tmp_path):
    with pytest.raises(ExportError):
        export_docx(sample_report(), tmp_path / "nowhere" / "r.docx")


def test_unknown_blank_mode(tmp_path):
    with pytest.raises(ExportError):
        export_docx(sample_report(), tmp_path / "r.docx", ExportOptions(blank_mode="pink"))


def test_long_report_exports(tmp_path):
    path = export_docx(long_report(sections=6), tmp_path / "long.docx")
    assert sum(text_of(p).startswith("六、") for p in paragraphs(path)) == 1
