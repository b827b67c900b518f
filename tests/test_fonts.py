"""The font helper (w:eastAsia, no theme fonts) and the missing-fonts check."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from export import fonts, layout


def _rfonts(element):
    return element.find(qn("w:rPr")).find(qn("w:rFonts"))


def test_set_fonts_on_a_run_names_latin_and_east_asian():
    run = Document().add_paragraph().add_run("政治学习2023")
    fonts.set_fonts(run, "黑体")
    rf = _rfonts(run._r)
    assert rf.get(qn("w:eastAsia")) == "黑体"
    assert rf.get(qn("w:ascii")) == rf.get(qn("w:hAnsi")) == "Times New Roman"


def test_set_fonts_drops_theme_attributes():
    rpr = parse_xml(f'<w:rPr {nsdecls("w")}><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"'
                    ' w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="22"/></w:rPr>')
    fonts.set_fonts(rpr, "仿宋_GB2312")
    rf = rpr.find(qn("w:rFonts"))
    assert not [a for a in rf.attrib if "heme" in a]
    assert rf.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rpr[0] is rf  # rFonts stays first, as the schema wants


def test_set_fonts_on_a_style_and_twice():
    doc = Document()
    style = doc.styles["Heading 1"]  # the default template's heading uses theme fonts
    fonts.set_fonts(style, "楷体_GB2312")
    fonts.set_fonts(style, "黑体", latin="宋体")
    rf = _rfonts(style.element)
    assert (rf.get(qn("w:eastAsia")), rf.get(qn("w:ascii"))) == ("黑体", "宋体")
    assert len(style.element.findall(".//" + qn("w:rFonts"))) == 1


def test_all_fonts_present_in_a_windows_folder(tmp_path):
    for names in fonts.WINDOWS_FILES.values():
        (tmp_path / names[0].upper()).write_bytes(b"")
    assert fonts.missing_official_fonts([tmp_path]) == []


def test_missing_fonts_name_their_substitutes(tmp_path):
    for name in ("simhei.ttf", "simsun.ttc", "simfang.ttf", "times.ttf"):
        (tmp_path / name).write_bytes(b"")
    missing = dict(fonts.missing_official_fonts([tmp_path]))
    assert missing == {layout.BODY_FONT: "仿宋", layout.KAI_FONT: "宋体", layout.TITLE_FONT: "宋体"}


def test_no_folder_and_no_fontconfig_never_crash(tmp_path, monkeypatch):
    assert fonts.missing_official_fonts([tmp_path / "absent"]) == []
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts.missing_official_fonts() == []


def test_fontconfig_answers(monkeypatch):
    listing = "Noto Serif CJK SC,Noto Serif CJK SC Light\n黑体,SimHei\nTimes New Roman\n宋体,SimSun\n"

    def fake_run(cmd):  # as fontconfig with Noto CJK answers: the Latin default unless asked for Chinese
        if cmd[0] == "fc-list":
            return listing
        return "Noto Sans CJK SC" if cmd[-1].endswith(":lang=zh-cn") else "DejaVu Sans"

    monkeypatch.setattr(fonts.sys, "platform", "linux")
    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(fonts, "_run", fake_run)
    missing = dict(fonts.missing_official_fonts())
    assert set(missing) == {layout.BODY_FONT, layout.KAI_FONT, layout.TITLE_FONT}
    assert missing[layout.BODY_FONT] == "Noto Sans CJK SC"  # the face that draws the Chinese, not DejaVu Sans


def test_fontconfig_on_this_machine_names_a_chinese_face():
    import shutil

    if not shutil.which("fc-match") or not fonts._run(["fc-list", ":lang=zh", "family"]).strip():
        pytest.skip("no fontconfig or no Chinese font here")
    face = fonts.fontconfig_substitute(layout.BODY_FONT)
    assert face and "DejaVu" not in face
    assert face in fonts._run(["fc-list", ":lang=zh", "family"])


def test_fontconfig_that_fails_is_not_a_crash(monkeypatch):
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **k: (_ for _ in ()).throw(OSError("gone")))
    assert fonts._run(["fc-list"]) == ""
