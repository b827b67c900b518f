"""Bounded mutation fuzzing of the importer: every mutant answers exit 0 or 2 with one line.

The mutants come from the project's own fixtures (tests/fixtures), with a
fixed seed so a failure is the same on every run.  Most go through
``main.main`` in this process (the command line's own error handling, without
a child's start-up cost); a few go through the real command line.  A mutant
must be answered within 5 s and without the process growing by 300 MB.
"""

from __future__ import annotations

import io
import random
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

SEED = 20261201
DOCX_MUTANTS = 900
TEXT_MUTANTS = 900
SECONDS_EACH = 5.0
GROWTH_BYTES = 300 * 1024 * 1024

# Pieces that once broke the importer, or that a damaged file plausibly holds.
_XML_PIECES = [
    b'<w:sym w:char="D800"/>', b'<w:sym w:char="0001"/>', b'<w:sym w:char="ZZ"/>',
    b'<w:start w:val="999999999999"/>', b'<w:start w:val="-7"/>', b'<w:ilvl w:val="99"/>',
    b'<w:numId w:val="4242"/>', b'<w:outlineLvl w:val="-1"/>', b'<w:t>\x01\x02</w:t>',
    b"<w:br/>", b"<w:tab/>", b"&#xD800;", b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
    # ElementTree (expat) since the reader left lxml: references without a DTD, comments and processing
    # instructions inside a run, a run in another namespace, a prefix bound again, a declaration expat cannot use
    b"&#0;", b"&#x1F600;", b"&#xFFFE;", b"&nbsp;", b'<w:r><!-- c --><w:t>12</w:t><?pi x?><w:t>3</w:t></w:r>',
    b'<w:r xmlns:w="urn:other"><w:t>5</w:t></w:r>', b'<w:p xmlns:w="urn:other">',
    b'<?xml version="1.0" encoding="nope-42"?>', b'<?xml version="1.0" encoding="GBK"?>',
    b'<w:t>' + b"9" * 5000 + b"</w:t>", b'<w:pStyle w:val="' + b"A" * 5000 + b'"/>',
]
_DECLARATIONS = [b'<?xml version="1.0" encoding="nope-42"?>', b'<?xml version="1.0" encoding="GBK"?>',
                 b'<?xml version="1.0" encoding="UTF-16"?>', b"\xef\xbb\xbf", b""]
_TEXT_PIECES = [
    "一、", "（二）", "3.", "1、", "——", "一是", "X次", "XX社区", "12.5%", "2023年", "第3", "\x01", "\x1b",
    "\u3000\u3000", "\n", "\n\n", "。", "，", "“", "”", "万亿元", "10至15人", "1+1", "\ufeff", "\r",
    "同志们：", "来源：", "以上报告，请审议。",
    # numbers that open a line, where the outline builder reads them
    "\n一、", "\n三、", "\n（一）", "\n（3）", "\n1.", "\n3.", "\n2、", "\n——", "\n二是", "\n正文，",
]


def _mutate_bytes(rng: random.Random, data: bytes, pieces: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            break
        at = rng.randrange(len(out))
        how = rng.randrange(5)
        if how == 0:
            out[at] = rng.randrange(256)
        elif how == 1:
            del out[at:at + rng.randint(1, 64)]
        elif how == 2:
            out[at:at] = rng.choice(pieces)
        elif how == 3:
            end = min(len(out), at + rng.randint(1, 400))
            out[at:at] = out[at:end] * rng.randint(2, 20)
        else:
            del out[at:]
    return bytes(out)


def docx_mutant(rng: random.Random, path: Path) -> bytes:
    """A fixture .docx with one part mutated and zipped again, or its raw bytes damaged."""
    data = path.read_bytes()
    if rng.random() < 0.2:
        return _mutate_bytes(rng, data, [b"PK\x03\x04", b"\x00" * 8])
    if rng.random() < 0.1:
        return _damage_stream(rng, data)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    xml = [n for n in members if n.endswith((".xml", ".rels"))]
    target = "word/document.xml" if rng.random() < 0.6 else rng.choice(xml)
    if rng.random() < 0.1:  # an XML declaration that lies, names no encoding, or is gone
        members[target] = re.sub(rb"^<\?xml[^>]*\?>", rng.choice(_DECLARATIONS), members[target], count=1)
    members[target] = _mutate_bytes(rng, members[target], _XML_PIECES)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in members.items():
            out.writestr(name, content)
    return buffer.getvalue()


def _damage_stream(rng: random.Random, data: bytes) -> bytes:
    """One byte of one member's compressed stream changed: CRC errors, bad deflate blocks."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = rng.choice(archive.infolist())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    out[start + rng.randrange(max(1, min(info.compress_size, 16)))] ^= 1 << rng.randrange(8) | 0x80
    return bytes(out)


def text_mutant(rng: random.Random, path: Path) -> bytes:
    """A fixture text with pieces inserted, lines dropped or repeated, and now and then a bad byte."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    chars = list(text)
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(chars) + 1)
        how = rng.randrange(4)
        if how == 0:
            chars[at:at] = rng.choice(_TEXT_PIECES)
        elif how == 1:
            del chars[at:at + rng.randint(1, 30)]
        elif how == 2:
            chars[at:at] = chars[at:at + rng.randint(1, 80)] * rng.randint(2, 30)
        else:
            chars[at:at] = str(rng.choice([0, 7, 10**6, 10**15, -3]))
    data = "".join(chars).encode(rng.choice(["utf-8", "utf-8", "gb18030", "utf-16"]), errors="replace")
    if rng.random() < 0.2:
        data = _mutate_bytes(rng, data, [b"\xff", b"\xe4\xb8", b"\x00"])
    return data


def _fixtures(suffix: str) -> list[Path]:
    return sorted(p for p in FIXTURES.glob(f"*{suffix}") if p.is_file())


def _run_in_process(path: Path, data_dir: Path, capsys) -> tuple[int, str]:
    import main

    capsys.readouterr()
    code = main.main(["--data-dir", str(data_dir), "parse", str(path), "--json"])
    return code, capsys.readouterr().err


def _answered(code: int, err: str, what: str) -> None:
    assert code in (0, 2), what
    assert "内部错误" not in err and "Traceback" not in err, (what, err)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and " / " in lines[0], (what, err)


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def test_mutated_fixtures_are_answered_in_process(tmp_path, capsys):
    rng = random.Random(SEED)
    cases = [(p, docx_mutant) for p in _fixtures(".docx")] * (DOCX_MUTANTS // len(_fixtures(".docx")) + 1)
    cases = cases[:DOCX_MUTANTS]
    texts = [(p, text_mutant) for p in _fixtures(".txt")]
    cases += (texts * (TEXT_MUTANTS // len(texts) + 1))[:TEXT_MUTANTS]
    _run_in_process(_fixtures(".docx")[0], tmp_path / "d", capsys)  # imports done before the peak is taken
    start_peak = _peak_rss()
    refused = 0
    for i, (source, mutate) in enumerate(cases):
        mutant = tmp_path / f"m{i}{source.suffix}"
        mutant.write_bytes(mutate(rng, source))
        began = time.perf_counter()
        code, err = _run_in_process(mutant, tmp_path / "d", capsys)
        spent = time.perf_counter() - began
        _answered(code, err, f"mutant {i} of {source.name}")
        assert spent < SECONDS_EACH, f"mutant {i} of {source.name} took {spent:.1f} s"
        refused += code == 2
        mutant.unlink()
    assert _peak_rss() - start_peak < GROWTH_BYTES
    assert 0 < refused < len(cases)  # the mutations reach both outcomes


@pytest.mark.parametrize("k", range(4))
def test_mutated_fixtures_are_answered_by_the_real_command_line(tmp_path, k):
    rng = random.Random(SEED + k)
    source = (_fixtures(".docx") + _fixtures(".txt"))[k * 7 % 20]
    mutate = docx_mutant if source.suffix == ".docx" else text_mutant
    mutant = tmp_path / f"m{source.suffix}"
    mutant.write_bytes(mutate(rng, source))
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "d"), "parse",
                             str(mutant), "--json"], capture_output=True, text=True, encoding="utf-8", timeout=60)
    _answered(result.returncode, result.stderr, source.name)
