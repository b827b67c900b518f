"""The .docx reader, paragraph by paragraph: exactly what each project fixture must give."""

from __future__ import annotations

import sys
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from conftest import FIXTURES
from model.draft.docx_numbering import ListNumbering, format_counter
from model.draft.docx_reader import (
    BLANK_PLACEHOLDER,
    bold_prefix,
    iter_runs,
    read_document,
    read_docx,
    read_parts,
    run_text,
)
from model.draft.docx_styles import Styles, heading_level_from_name

sys.path.insert(0, str(FIXTURES))
from report_text import typed_lines  # noqa: E402

W = nsdecls("w")


def texts(name: str) -> list[str]:
    return [p.text for p in read_docx(FIXTURES / name)]


def test_typed_numbers_read_line_for_line():
    paras = read_docx(FIXTURES / "typed_numbers.docx")
    assert [p.text for p in paras] == typed_lines()
    title, preamble, section, item = paras[:4]
    assert title.centered and title.bold_prefix == len(title.text)
    assert preamble.bold_prefix == 0 and not preamble.centered
    assert section.bold_prefix == len(section.text)
    assert item.text[: item.bold_prefix] == "1.理论武装持续深化。"


def test_word_numbering_reads_as_the_typed_numbers():
    typed = read_docx(FIXTURES / "typed_numbers.docx")
    auto = read_docx(FIXTURES / "auto_numbering.docx")
    assert [(p.text, p.bold_prefix) for p in auto] == [(p.text, p.bold_prefix) for p in typed]
    assert [p.text[:2] for p in auto if p.text[1] in "、."] == [
        "一、", "1.", "2.", "二、", "1.", "2.", "3.", "三、", "1.", "2."]


def test_numbering_variety_formats_restarts_and_styles():
    assert texts("numbering_variety.docx") == [
        "一、总体情况", "（一）主要做法", "1.健全制度", "（1）细化分工", "（2）压实责任", "2.强化督查",
        "（二）取得成效", "１．满意度提升", "甲、甲类事项", "乙、乙类事项", "a)第一小项", "b)第二小项",
        "二、存在问题", "（一）短板弱项",
        # numId 3 restarts level 0 (startOverride); numId 7 shares the abstract list and continues it
        "一、重新起算", "（一）接续条目", "二、共用计数",
        # level 1 has lvlRestart 0: it never restarts when level 0 advances
        "1.第一阶段", "1.1准备", "1.2实施", "2.第二阶段", "2.3验收",
        # numbering from paragraph styles bound to levels, starting at 3; numId 0 switches it off
        "第三部分工作回顾", "(1)做法", "(2)成效", "第四部分工作打算", "(1)目标", "不编号的段落",
        # a bullet is not a number
        "项目符号段落",
    ]


def test_wps_indents_bold_leads_and_fonts():
    got = [(p.text, p.bold_prefix, p.centered, p.font_hint) for p in read_docx(FIXTURES / "wps_indents.docx")]
    assert got == [
        ("2023年区农业农村局工作总结", 15, True, "方正小标宋简体"),
        ("今年以来，区农业农村局认真贯彻落实上级决策部署，全力抓好粮食生产和乡村振兴各项工作，现总结如下。", 0, False, ""),
        ("一、主要工作完成情况", 10, False, "黑体"),
        ("（一）粮食生产稳中有增", 11, False, "楷体_GB2312"),
        ("1.抓好春耕备耕。全区落实粮食播种面积X万亩，调运化肥3200吨，发放种粮补贴X万元。", 9, False, ""),
        ("2.强化农技服务。组织技术人员下乡指导X次，培训农民1,500余人次。", 9, False, ""),
        ("（1）病虫害防治。开展统防统治X万亩次。", 9, False, ""),
        ("（2）推进高标准农田建设，新建高标准农田X亩，完成投资X万元。", 0, False, ""),
        ("（二）乡村振兴扎实推进", 11, False, "楷体_GB2312"),
        ("——人居环境持续改善。完成XX村改厕X户，清理村庄垃圾X吨。", 11, False, ""),
        ("一是产业发展提速。培育家庭农场X家。二是农民收入增加。农村居民人均可支配收入达到X元，同比增长X%。", 0, False, ""),
        ("二、存在的问题和下一步打算", 13, False, "黑体"),
        ("下一步，我们将继续加大工作力度，推动全区农业农村工作再上新台阶。", 0, False, ""),
    ]


def test_tracked_changes_fields_links_and_breaks():
    paras = read_docx(FIXTURES / "tracked_changes.docx")
    assert [p.text for p in paras] == [
        "2023年市文化和旅游局", "领导班子述职报告",          # a manual line break splits the title
        "一、 总体情况",                                   # a tab between number and heading
        "1.理论学习常态开展。全年集中学习15次，撰写心得X篇。",  # 12 deleted, 15 and X inserted
        "2.作风建设持续加强。开展作风纪律专项整治，查纠问题X个。",  # deleted paragraph mark joins two
        "3.信息公开及时规范。全年在政府门户网站发布信息X条。",   # hyperlink text kept
        "统计截至2023年11月底。",                          # w:fldSimple result
        "本报告共4页。",                                   # complex field: result kept, code dropped
        "新的一年，继续努力。",                            # moved text: from dropped, to kept
        "这是新增的一段。",
        "内容控件：控件里的文字编号-01",                    # content control, symbol dropped, hyphen
        "块级控件中的段落。",
    ]
    assert paras[0].centered and paras[1].centered and paras[1].bold_prefix == len(paras[1].text)
    assert paras[2].bold_prefix == len(paras[2].text)
    assert [p.bold_prefix for p in paras[3:6]] == [11, 11, 11]


def test_table_cells_are_kept_in_order():
    paras = read_docx(FIXTURES / "table.docx")
    assert [(p.text, p.in_table) for p in paras] == [
        ("2023年主要指标完成情况如下：", False),
        ("指标", True), ("单位", True), ("完成值", True),
        ("接待游客", True), ("万人次", True), ("X", True),
        ("旅游收入", True), ("亿元", True), ("12.6", True),
        ("注：数据截至11月底。", True), ("旅游收入含过夜游客消费。", True), ("内嵌", True), ("表格", True),
        ("以上数据由各科室提供。", False),
    ]


def test_heading_styles_outline_levels_and_style_bold():
    got = [(p.text, p.outline_level, p.bold_prefix, p.centered, p.font_hint)
           for p in read_docx(FIXTURES / "heading_styles.docx")]
    assert got == [
        ("2023年市文化和旅游局工作总结", None, 16, True, "方正小标宋简体"),  # style: centred, bold, font
        ("一、工作开展情况", 0, 8, False, ""),           # Heading 1
        ("（一）文化惠民工程", 1, 9, False, ""),          # Heading 2
        ("（二）旅游服务提升", 1, 0, False, "楷体_GB2312"),  # custom style with outlineLvl 1
        ("二、存在的不足", 0, 7, False, ""),             # based on Heading 1
        ("1.设施短板", 2, 0, False, ""),                 # a style named "标题 3"
        ("1.送戏下乡常态开展。全年送戏下乡X场。", None, 11, False, ""),  # bold character style (Strong)
        ("全段加粗的说明（不加粗的尾注）", None, 7, False, ""),  # bold style, run switched off
        ("三、下一步打算", 0, 0, False, ""),             # outlineLvl on the paragraph
        ("正文级别的标题样式段落", None, 11, False, ""),   # direct outlineLvl 9 beats the style
        ("居中的一级标题", 0, 7, True, ""),
    ]


@pytest.mark.parametrize("fmt, n, expected", [
    ("chineseCounting", 1, "一"), ("chineseCounting", 10, "十"), ("chineseCounting", 12, "十二"),
    ("chineseCountingThousand", 21, "二十一"), ("ideographTraditional", 11, "甲"),
    ("decimal", 7, "7"), ("decimalFullWidth", 12, "１２"), ("decimalZero", 3, "03"),
    ("lowerLetter", 27, "aa"), ("upperLetter", 2, "B"), ("lowerRoman", 4, "iv"), ("upperRoman", 9, "IX"),
    ("decimalEnclosedCircle", 3, "③"), ("chineseLegalSimplified", 3, "叁"), ("bullet", 1, ""),
])
def test_format_counter(fmt, n, expected):
    assert format_counter(fmt, n) == expected


def _numbering(inner: str) -> ListNumbering:
    return ListNumbering(parse_xml(f"<w:numbering {W}>{inner}</w:numbering>"))


LEVELS = ('<w:abstractNum w:abstractNumId="0">'
          '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1、"/></w:lvl>'
          '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/>'
          '</w:lvl></w:abstractNum>')


def test_lvl_override_with_a_whole_level_replaces_the_definition():
    numbering = _numbering(LEVELS + '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                           '<w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="chineseCounting"/>'
                           '<w:lvlText w:val="第%1条"/></w:lvl></w:lvlOverride></w:num>')
    assert [numbering.next_label("1", 0) for _ in range(2)] == ["第五条", "第六条"]


def test_unknown_num_and_num_zero_give_no_label():
    numbering = _numbering(LEVELS + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert numbering.next_label("0", 0) == ""
    assert numbering.next_label("9", 0) == ""
    assert [numbering.next_label("1", lv) for lv in (1, 1, 0, 1)] == ["（1）", "（2）", "1、", "（1）"]


def test_num_style_link_follows_the_numbering_style():
    xml = (LEVELS + '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ReportList"/></w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
           '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    numbering = ListNumbering(parse_xml(f"<w:numbering {W}>{xml}</w:numbering>"), {"ReportList": "1"})
    assert numbering.next_label("2", 0) == "1、"
    assert numbering.next_label("1", 0) == "2、"  # the linked list shares its counters


def test_runs_inside_insertions_and_links_deletions_dropped():
    p = parse_xml(f'<w:p {W}><w:r><w:t>甲</w:t></w:r><w:del><w:r><w:delText>乙</w:delText></w:r></w:del>'
                  '<w:ins><w:hyperlink><w:r><w:t>丙</w:t><w:tab/><w:br/><w:t>丁</w:t></w:r></w:hyperlink></w:ins></w:p>')
    assert "".join(run_text(r) for r in iter_runs(p)) == "甲丙\t\n丁"


def test_bold_prefix_allows_unbolded_dashes_and_spaces_between_bold_runs():
    assert bold_prefix("——重点。其余", [False, False, True, True, True, False, False]) == 5
    assert bold_prefix("1. 要点。其余", [True, True, False, True, True, True, False, False]) == 6
    assert bold_prefix("——其余", [False, False, False, False]) == 0
    assert bold_prefix("全加粗", [True] * 3) == 3
    assert bold_prefix("重点。其余", [True, True, False, False, False]) == 3  # the plain stop closes the lead
    assert bold_prefix("重点，其余", [True, True, False, False, False]) == 2


def test_style_chain_and_heading_names():
    styles = Styles(parse_xml(
        f'<w:styles {W}><w:style w:type="paragraph" w:styleId="A"><w:name w:val="heading 2"/>'
        '<w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:name w:val="base"/>'
        '<w:basedOn w:val="A"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>'))
    info = styles.info("A")  # A → B → A: the cycle is cut, not followed forever
    assert (info.outline_level, info.bold, info.centered) == (1, True, True)
    assert heading_level_from_name("标题 1") == 0 and heading_level_from_name("Heading 9") == 8
    assert heading_level_from_name("Title") is None


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.docx")))
def test_package_opener_reads_what_python_docx_reads(name):
    assert read_docx(FIXTURES / name) == read_document(docx.Document(str(FIXTURES / name)))


def _rezip(source, target, replace: dict[str, bytes], rename: dict[str, str] | None = None) -> None:
    rename = rename or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = replace.get(info.filename, src.read(info))
            dst.writestr(rename.get(info.filename, info.filename), data)


def test_main_part_found_through_relationships(tmp_path):
    source = FIXTURES / "typed_numbers.docx"
    with zipfile.ZipFile(source) as src:
        rels = src.read("_rels/.rels").replace(b"word/document.xml", b"word/main.xml")
        content_types = src.read("[Content_Types].xml").replace(b"/word/document.xml", b"/word/main.xml")
    target = tmp_path / "renamed-part.docx"
    _rezip(source, target, {"_rels/.rels": rels, "[Content_Types].xml": content_types},
           {"word/document.xml": "word/main.xml", "word/_rels/document.xml.rels": "word/_rels/main.xml.rels"})
    assert [p.text for p in read_docx(target)] == typed_lines()


_BOMB = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
         '<!ENTITY c "&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="http://schemas.openxmlformats.org/'
         'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p><w:p><w:r><w:t>'
         '正文</w:t></w:r></w:p></w:body></w:document>')
_OUTSIDE = _BOMB.replace('<!ENTITY c "&b;&b;&b;&b;&b;&b;">', "<!ENTITY c SYSTEM 'file:///etc/hostname'>")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])  # BOM or none
@pytest.mark.parametrize("xml", [_BOMB, _OUTSIDE], ids=["entities", "outside-file"])
def test_a_part_with_a_dtd_is_refused_so_no_entity_is_ever_expanded(tmp_path, xml, encoding):
    """Word never writes a DTD (the package format forbids one); a part with one is refused as damaged."""
    from model.draft import DraftError, read_draft

    target = tmp_path / "entities.docx"
    data = xml.replace('version="1.0"', f'version="1.0" encoding="{encoding.removesuffix("-le").removesuffix("-be")}"')
    _rezip(FIXTURES / "table.docx", target, {"word/document.xml": data.encode(encoding)})
    with pytest.raises(DraftError, match="已损坏") as refused:
        read_draft(target)
    assert "a" * 20 not in str(refused.value)
    plain = tmp_path / "plain.docx"  # the same part without its DTD is read
    without = data.replace(data[data.index("<!DOCTYPE"):data.index("<w:document")], "").replace("&c;", "")
    _rezip(FIXTURES / "table.docx", plain, {"word/document.xml": without.encode(encoding)})
    assert [p.text for p in read_docx(plain)] == ["正文"]


def _body(runs: str, styles: str = "") -> list:
    document = parse_xml(f"<w:document {W}><w:body><w:p>{runs}</w:p></w:body></w:document>")
    return read_parts(document, parse_xml(f"<w:styles {W}>{styles}</w:styles>") if styles else None)


def test_highlighted_x_and_underlined_spaces_read_as_blanks():
    """The export prints a blank as a highlighted "X" or as underlined spaces (two modes)."""
    mark = '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>X</w:t></w:r>'
    room = '<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">\u3000\u3000</w:t></w:r>'
    plain = '<w:r><w:t>{}</w:t></w:r>'
    paras = _body(room + plain.format("个村完成改造，与") + mark + plain.format("签订协议，检查") + room)
    assert paras[0].text == f"{BLANK_PLACEHOLDER}个村完成改造，与{BLANK_PLACEHOLDER}签订协议，检查{BLANK_PLACEHOLDER}"
    unmarked = _body('<w:r><w:rPr><w:highlight w:val="none"/></w:rPr><w:t>X</w:t></w:r>' + plain.format("组织"))
    assert unmarked[0].text == "X组织"  # no highlight: the character stays
    underlined_words = _body('<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>重点</w:t></w:r>')
    assert underlined_words[0].text == "重点"


def test_a_lead_in_kaiti_before_fangsong_text_counts_as_bold():
    kai = '<w:r><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr><w:t>（一）聚焦重点领域。</w:t></w:r>'
    song = '<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr><w:t>整改问题X个。</w:t></w:r>'
    assert _body(kai + song)[0].bold_prefix == len("（一）聚焦重点领域。")
    assert _body(kai)[0].bold_prefix == 0  # a paragraph all in one face has no lead by its face
