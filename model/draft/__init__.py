"""The importer (上年稿导入): last year's draft, whatever file it arrives in, becomes a Report.

This is the one public entry of the subpackage; the window, the command line
and the domain import from here only (tests/test_layers.py keeps ui/ and
export/ out of the modules inside).  Inside, by layer:

- ``reader``: the file as it arrives (checks, encodings, .docx or legacy via LibreOffice);
- ``docx_package``, ``docx_reader``, ``docx_styles``, ``docx_numbering``: Word files into paragraphs;
- ``textdraft``: plain and pasted text into paragraphs;
- ``outline``, ``levels``, ``matter``: paragraphs into the tree, front matter and closing;
- ``finder``, ``rules``, ``units``: fields in the text, and the reason for every number that is none;
- ``review``: the clerk's two decisions before the draft is stored (a number a field, a field plain text);
- ``patterns``: the characters and patterns all of them share.
"""

from __future__ import annotations

from importlib import import_module

from model.draft.finder import Skipped, find_fields, number_spans, plain_numbers, skipped_numbers
from model.draft.rules import REASONS

# The file readers (and ElementTree, zipfile) load on first use: ``show --json`` reads skipped numbers
# through this package and never opens a draft; the clerk's review, in the window only, likewise.
_LAZY = dict.fromkeys(["MAX_CHARACTERS", "MAX_NUMBERS", "MAX_PARAGRAPHS", "OLE_MAGIC", "DraftError", "decode_text",
                       "parse_paragraphs", "parse_text", "read_draft"], "model.draft.reader")
_LAZY.update(dict.fromkeys(["field_from_source", "make_field", "make_plain"], "model.draft.review"))


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'model.draft' has no attribute {name!r}")

__all__ = [
    "MAX_CHARACTERS", "MAX_NUMBERS", "MAX_PARAGRAPHS", "OLE_MAGIC", "REASONS", "DraftError", "Skipped",
    "decode_text", "field_from_source", "find_fields", "make_field", "make_plain", "number_spans",
    "parse_paragraphs", "parse_text", "plain_numbers", "read_draft", "skipped_numbers",
]
