"""Reading an exported .docx as XML, the way a checker would: no python-docx in between."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}


def read_part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def part_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def footer_parts(path: Path) -> dict[str, etree._Element]:
    """Footer type ("default", "even") → the footer's XML, through the document's relationships."""
    doc = read_part(path, "word/document.xml")
    rels = read_part(path, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    found = {}
    for ref in doc.iter(W + "footerReference"):
        rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        found[ref.get(W + "type")] = read_part(path, "word/" + targets[rid])
    return found


def text_of(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def paragraphs(path: Path) -> list[etree._Element]:
    return list(read_part(path, "word/document.xml").iter(W + "p"))


def style_id(p: etree._Element) -> str | None:
    el = p.find("w:pPr/w:pStyle", NS)
    return el.get(W + "val") if el is not None else None


class Styles:
    """Resolves a property through run → character style → paragraph style → defaults."""

    def __init__(self, path: Path) -> None:
        self.root = read_part(path, "word/styles.xml")
        self.by_id = {s.get(W + "styleId"): s for s in self.root.iter(W + "style")}
        self.defaults = self.root.find("w:docDefaults", NS)

    def chain(self, sid: str | None) -> list[etree._Element]:
        out = []
        while sid and sid in self.by_id:
            style = self.by_id[sid]
            out.append(style)
            based = style.find("w:basedOn", NS)
            sid = based.get(W + "val") if based is not None else None
        return out

    def run_value(self, p, run, xpath: str, attr: str):
        """First value of ``xpath``/@attr in the run, its styles, the paragraph's styles, the defaults."""
        places = [run.find("w:rPr", NS)]
        rstyle = run.find("w:rPr/w:rStyle", NS)
        places += [s.find("w:rPr", NS) for s in self.chain(rstyle.get(W + "val") if rstyle is not None else None)]
        places += [s.find("w:rPr", NS) for s in self.chain(style_id(p) or "Normal")]
        places.append(self.defaults.find("w:rPrDefault/w:rPr", NS))
        return _first(places, xpath, attr)

    def para_value(self, p, xpath: str, attr: str):
        places = [p.find("w:pPr", NS)]
        places += [s.find("w:pPr", NS) for s in self.chain(style_id(p) or "Normal")]
        places.append(self.defaults.find("w:pPrDefault/w:pPr", NS))
        return _first(places, xpath, attr)

    def run_font(self, p, run) -> dict:
        """What Word shows for the run: fonts, size in points, bold."""
        bold = self.run_value(p, run, "w:b", "val")
        return {
            "east_asia": self.run_value(p, run, "w:rFonts", "eastAsia"),
            "ascii": self.run_value(p, run, "w:rFonts", "ascii"),
            "size": int(self.run_value(p, run, "w:sz", "val")) / 2,
            "bold": bold is not None and bold not in ("0", "false"),
        }


_MISSING = object()


def _first(places, xpath: str, attr: str):
    for place in places:
        if place is None:
            continue
        el = place.find(xpath, NS)
        if el is not None:
            value = el.get(W + attr, _MISSING)
            if value is not _MISSING:
                return value
            if attr == "val":
                return "1"  # <w:b/> means on
    return None


def runs(p) -> list:
    return [r for r in p.iter(W + "r") if r.find("w:t", NS) is not None]


_VOLATILE = re.compile(r"rsid", re.I)


def pretty(root: etree._Element) -> str:
    """Stable pretty XML: rsids dropped, whitespace normalised (for golden files)."""
    root = etree.fromstring(etree.tostring(root), etree.XMLParser(remove_blank_text=True))
    for el in root.iter():
        for attr in [a for a in el.attrib if _VOLATILE.search(a)]:
            del el.attrib[attr]
    for el in [e for e in root.iter() if isinstance(e.tag, str) and _VOLATILE.search(e.tag)]:
        el.getparent().remove(el)
    return etree.tostring(root, pretty_print=True, encoding="unicode")
