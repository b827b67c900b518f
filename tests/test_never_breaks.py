"""Inputs that once ended in 内部错误, a hang or gigabytes: each answers, or is refused in one line.

Every fixture is built here in the shape of a reproduction found by mutation
fuzzing; none is copied.  The slow shapes run through the real command line
under a CPU and memory limit, so a quadratic path or a huge list fails the
test instead of hanging the suite.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from model.draft import DraftError, decode_text, parse_text, read_draft
from model.draft.docx_numbering import MAX_COUNTER, format_counter

sys.path.insert(0, str(FIXTURES))
import build_docx_fixtures as build  # noqa: E402

CPU_SECONDS = 20   # a guard against hangs, not a speed test: the fixed parse takes well under 1 s
MEMORY_BYTES = 1 << 30


def cli(*args: str, data: Path) -> subprocess.CompletedProcess:
    """``main.py ARGS`` in a child limited in CPU time and address space."""
    def limits() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))

    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), *args],
                          capture_output=True, text=True, encoding="utf-8", preexec_fn=limits, timeout=120)


def answered(result: subprocess.CompletedProcess) -> None:
    """Exit 0, or exit 2 with one clear line; never an internal error."""
    assert result.returncode in (0, 2), result.stderr[-500:]
    if result.returncode == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and " / " in lines[0], result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr


def docx_with(tmp_path: Path, name: str, paragraphs: list[tuple[str, str]], numbering: str = "") -> Path:
    """A .docx of raw (pPr, runs) paragraphs, with ``numbering`` as its list definitions."""
    document = build.new_document()
    if numbering:
        build.set_numbering(document, numbering)
    for ppr, inner in paragraphs:
        build.add_raw(document, inner, ppr)
    path = tmp_path / name
    document.save(str(path))
    return path


# -- the outline ------------------------------------------------------------------


def test_a_number_below_an_untaught_level_does_not_break_the_levels():
    # 三、 → 1. → an unnumbered line → （一） → 3. → 1.: the depth once indexed past the taught levels
    report = parse_text("三、改革\n1.调研\n说明，情况\n（一）组织\n3.建设\n1.督查")
    headings = [n.heading for n in report.walk()]
    assert "调研" in headings and "督查" in headings


# -- damaged packages -----------------------------------------------------------------


def _damage_member(data: bytes, member: str) -> bytes:
    """The zip with the first byte of ``member``'s deflate stream set to an invalid block type."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    out = bytearray(data)
    out[info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)] = 0xFF
    return bytes(out)


def _rezipped(path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info.filename))
    return buffer.getvalue()


@pytest.mark.parametrize("member", ["_rels/.rels", "word/document.xml"])
def test_a_damaged_deflate_stream_is_a_damaged_file(tmp_path, member):
    good = docx_with(tmp_path, "good.docx", [("", build.r("一、总体情况"))])
    bad = tmp_path / "坏了.docx"
    bad.write_bytes(_damage_member(_rezipped(good), member))
    with pytest.raises(DraftError, match="已损坏"):
        read_draft(bad)


def _bomb(tmp_path: Path, declared: int, gigabytes: int = 2) -> Path:
    """A .docx whose document.xml says ``declared`` bytes and inflates to ``gigabytes`` GB (2 MB a GB)."""
    good = docx_with(tmp_path, "good.docx", [("", build.r("一、总体情况"))])
    head, block = b"<w:document><w:body><w:p><w:r><w:t>", b"1" * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeated = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)  # the same bytes for every megabyte
    stream = start + repeated * (gigabytes << 10) + deflate.flush()
    buffer = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, source.read(info.filename))
    data = buffer.getvalue()
    at = data.index(b"PK\x01\x02")  # the member goes last, written by hand before the central directory
    name = b"word/document.xml"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, 0, len(stream), declared, len(name), 0)
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, 0, len(stream), declared, len(name),
                          0, 0, 0, 0, 0, at)
    old = zipfile.ZipFile(io.BytesIO(data))
    directory = data[at:data.index(b"PK\x05\x06")]
    count = len(old.infolist()) + 1
    size = len(directory) + len(central) + len(name)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, at + len(local) + len(name) + len(stream), 0)
    path = tmp_path / "bomb.docx"
    path.write_bytes(data[:at] + local + name + stream + directory + central + name + end)
    return path


@pytest.mark.parametrize("declared", [1000, 0])
def test_a_part_that_inflates_past_its_header_is_damaged_within_memory(tmp_path, declared):
    bomb = _bomb(tmp_path, declared)  # 4 MB that say 1 KB and inflate to 2 GB: zipfile's read() inflates it all
    with pytest.raises(DraftError, match="已损坏|没有文字"):
        read_draft(bomb)
    result = subprocess.run([sys.executable, "-c", "import resource, sys; from model.draft import read_draft\n"
                             "try: read_draft(sys.argv[1])\nexcept Exception: pass\n"
                             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)", str(bomb)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert int(result.stdout) < 300 * 1024, result.stderr  # kB: the bomb is never inflated


def test_a_document_of_more_tags_than_any_report_is_refused_before_it_is_parsed(tmp_path):
    from model.draft.docx_package import MAX_TAGS

    good = docx_with(tmp_path, "good.docx", [("", build.r("一、总体情况"))])
    big = tmp_path / "tags.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * MAX_TAGS)
            out.writestr(info.filename, data)
    with pytest.raises(DraftError, match="排版标记过多"):
        read_draft(big)


def test_a_part_larger_than_any_report_is_refused_unread(tmp_path, monkeypatch):
    from model.draft import docx_package

    path = docx_with(tmp_path, "good.docx", [("", build.r("一、总体情况，全年开展巡查42次。"))])
    with zipfile.ZipFile(path) as archive:
        document = archive.getinfo("word/document.xml").file_size
        assert max(i.file_size for i in archive.infolist() if i.filename.endswith(".rels")) < document
    monkeypatch.setattr(docx_package, "MAX_PART_BYTES", document - 1)
    with pytest.raises(DraftError, match="内容过多"):
        read_draft(path)


def _with_part(tmp_path: Path, member: str, change) -> Path:
    """The one-heading draft with ``member`` rewritten by ``change`` (bytes → bytes)."""
    good = docx_with(tmp_path, "good.docx", [("", build.r("一、总体情况，全年开展巡查42次。"))])
    path = tmp_path / "changed.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info.filename, change(data) if info.filename == member else data)
    return path


def _declared(encoding: str):
    def change(data: bytes) -> bytes:
        body = data[data.index(b"?>") + 2:].decode("utf-8")
        return f'<?xml version="1.0" encoding="{encoding}"?>{body}'.encode(encoding, errors="replace")
    return change


@pytest.mark.parametrize("member", ["_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml"])
def test_a_part_in_an_unknown_encoding_is_damaged(tmp_path, member):
    path = _with_part(tmp_path, member, lambda data: b'<?xml version="1.0" encoding="nope-42"?>'
                      + data[data.index(b"?>") + 2:])  # expat raised LookupError: 内部错误 for the package's rels
    with pytest.raises(DraftError, match="已损坏"):
        read_draft(path)


@pytest.mark.parametrize("encoding", ["GBK", "gb18030", "utf-16"])
def test_a_part_in_a_chinese_encoding_is_read(tmp_path, encoding):
    path = _with_part(tmp_path, "word/document.xml", _declared(encoding))  # lxml read them; expat cannot
    assert [f.source for _, f in read_draft(path).all_fields()] == ["42次"]


# -- characters no Word file may hold ------------------------------------------------------


def test_a_lone_surrogate_symbol_is_dropped(tmp_path):
    path = docx_with(tmp_path, "sym.docx", [("", build.r("全年开展巡查") + '<w:r><w:sym w:char="DBFF"/></w:r>'
                                              + build.r("42次。"))])
    report = read_draft(path)
    text = "".join(n.body + n.heading for n in report.walk())
    assert not any("\ud800" <= ch <= "\udfff" for ch in text)
    assert [f.source for _, f in report.all_fields()] == ["42次"]


def test_control_characters_are_stripped_at_import_so_export_works(tmp_path):
    from export.word import export_docx

    report = parse_text("年度工作\x07总结\n一、基本\x1b情况\n全年走访企业\x0231家。\x00\n")
    every = report.title + "".join(n.heading + n.body for n in report.walk())
    assert not any(ch < " " and ch not in "\n\t" for ch in every)
    assert [f.source for _, f in report.all_fields()] == ["31家"]
    assert export_docx(report, tmp_path / "out.docx").stat().st_size > 0


def test_control_characters_in_a_word_file_are_stripped(tmp_path):
    path = docx_with(tmp_path, "ctl.docx", [("", '<w:r><w:sym w:char="0001"/></w:r>' + build.r("二、工作安排"))])
    assert all("\x01" not in n.heading + n.body for n in read_draft(path).walk())


def test_a_number_longer_than_any_figure_stays_text_so_import_and_export_work(tmp_path):
    text = "一、工作回顾\n全年完成率111111111111111111111111111111%，身份证号110101199003071234，走访企业31家。\n"
    assert [f.source for _, f in parse_text(text).all_fields()] == ["31家"]  # no field a store cannot hold
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    imported = cli("import", str(path), data=tmp_path / "d")  # was 内部错误: int too large for SQLite INTEGER
    answered(imported)
    assert imported.returncode == 0
    exported = cli("export", imported.stdout.split()[-1], "-o", str(tmp_path / "o.docx"), data=tmp_path / "d")
    assert exported.returncode == 0, exported.stderr


def test_the_review_makes_no_field_of_a_number_longer_than_any_figure():
    from model.draft import field_from_source

    assert field_from_source("1111111111111111%", 1) is None  # 16 whole digits: more than a typed value may have
    assert field_from_source("111111111111111.5%", 1).value == 111111111111111.5


# -- Word numbering with absurd starts ---------------------------------------------------------


@pytest.mark.parametrize("fmt, start", [("lowerLetter", 10**9), ("upperRoman", 10**12), ("decimal", -5)])
def test_list_starts_are_held_to_what_word_allows(tmp_path, fmt, start):
    numbering = build.abstract(1, build.lvl(0, fmt, "%1.", start=start)) + build.num(1, 1)
    paras = [(build.num_ppr(1, 0), build.r(f"第{i}项工作安排")) for i in range(3)]
    report = read_draft(docx_with(tmp_path, "n.docx", paras, numbering))  # not "damaged", not gigabytes
    assert sum(len(n.heading) + len(n.body) for n in report.walk()) < 3 * (MAX_COUNTER // 26 + 60)


def test_format_counter_is_bounded():
    assert len(format_counter("upperRoman", 10**12)) < 60
    assert len(format_counter("lowerLetter", 10**9)) <= MAX_COUNTER // 26 + 1
    assert format_counter("chineseCounting", -3) == "零"


# -- size ---------------------------------------------------------------------------------


def test_a_document_of_millions_of_characters_is_refused_in_one_line(tmp_path):
    path = docx_with(tmp_path, "big.docx", [("", build.r("开展检查12次，" * 90_000))])
    with pytest.raises(DraftError, match="文字过多"):
        read_draft(path)


def test_a_document_of_a_hundred_thousand_paragraphs_is_refused(tmp_path):
    body = "".join(f"<w:p>{build.r('落实3项')}</w:p>" for _ in range(30_000))
    good = docx_with(tmp_path, "good.docx", [("", build.r("一、总体情况"))])
    big = tmp_path / "many.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body.encode())
            out.writestr(info.filename, data)
    with pytest.raises(DraftError, match="段落过多"):
        read_draft(big)


def test_a_million_item_numbers_are_refused(tmp_path):
    with pytest.raises(DraftError, match="过多"):
        parse_text("1.\n" * 1_000_000)
    with pytest.raises(DraftError, match="过多"):
        parse_text("1.\n" * 30_000)
    with pytest.raises(DraftError, match="段落过多"):
        parse_text("一、工作\n" * 30_000)


def test_too_many_numbers_are_refused():
    with pytest.raises(DraftError, match="数字过多"):
        parse_text("5人6家" * 11_000)


# -- encodings ------------------------------------------------------------------------------


def test_utf8_with_one_bad_byte_is_read_with_a_note():
    data = "一、工作回顾\n全年办理案件86件。\n".encode() * 20
    damaged = data[:40] + b"\xff" + data[41:]
    notes: list[str] = []
    text = decode_text(damaged, "稿.txt", notes)
    assert "\ufffd" in text and "86件" in text
    assert len(notes) == 1 and "UTF-8" in notes[0] and "稿.txt" in notes[0]


def test_utf8_cut_mid_character_is_read():
    data = "二、下一步打算\n继续推进".encode()
    notes: list[str] = []
    assert decode_text(data[:-1], "x.txt", notes).startswith("二、下一步")
    assert len(notes) == 1


def test_many_bad_bytes_are_still_no_text():
    with pytest.raises(DraftError, match="不是文本文件"):
        decode_text(bytes(range(0x80, 0x100)) * 40, "x.bin")


# -- the real command line, under limits ------------------------------------------------------


SLOW_SHAPES = {
    "dense.txt": "12次13个14件15%" * 2400,                    # no stop at all: every clause reaches back to the start
    "oneline.txt": "开展X次，" * 20_000,                       # one line, thousands of blanks, each with a label
}


@pytest.mark.parametrize("name", sorted(SLOW_SHAPES))
def test_slow_shapes_answer_through_the_command_line(tmp_path, name):
    path = tmp_path / name
    path.write_text(SLOW_SHAPES[name], encoding="utf-8")
    result = cli("parse", str(path), "--json", data=tmp_path / "d")
    answered(result)
    assert result.returncode == 0


def test_bad_byte_through_the_command_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("一、工作回顾\n全年办理案件86件。\n".encode()[:-4] + b"\xfe\n")
    result = cli("parse", str(path), "--json", data=tmp_path / "d")
    answered(result)
    assert result.returncode == 0 and "UTF-8" in result.stderr
