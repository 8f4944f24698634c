"""DOCX: paragraphs, text boxes and tables in reading order.

Plans keep their header fields (``Số: /KH-SCT``, the place-and-date line) in text boxes
or layout tables, which python-docx's ``Document.paragraphs`` does not return, so the body
XML is walked directly. Word's ``lastRenderedPageBreak`` marks give page numbers.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import KehoachError
from ..models import Page

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path: Path | str, data: bytes) -> list[Page]:
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise KehoachError("E008", path, detail=str(exc)[:80] or type(exc).__name__) from None
    except Exception as exc:  # lxml errors for broken XML parts
        raise KehoachError("E008", path, detail=str(exc)[:80] or type(exc).__name__) from None
    pages: list[list[str]] = [[]]
    for block in document.element.body.iterchildren():
        if block.tag == f"{W}p":
            _paragraph(block, pages)
        elif block.tag == f"{W}tbl":
            _table(block, pages)
    notes = _notes(document)
    if notes:
        pages[-1].extend(notes)
    result = [Page(number=i + 1, text="\n".join(lines)) for i, lines in enumerate(pages)]
    return [p for p in result if p.text.strip()] or result[:1]


def _notes(document) -> list[str]:
    """Footnotes and endnotes, as "[n] text" lines after the body: plans cite documents there."""
    lines: list[str] = []
    for rel in document.part.rels.values():
        if not rel.reltype.endswith(("/footnotes", "/endnotes")) or rel.is_external:
            continue
        from lxml import etree

        root = etree.fromstring(rel.target_part.blob)
        for note in root:
            note_id = note.get(f"{W}id")
            if note_id is None or int(note_id) < 1:
                continue  # separators
            text = " ".join(_runs_text(p, [[]]).strip() for p in note.iter(f"{W}p")).strip()
            if text:
                lines.append(f"[{note_id}] {text}")
    return lines


def _runs_text(element, pages: list[list[str]]) -> str:
    """Text of a paragraph without its text boxes; starts a new page at a page break."""
    parts: list[str] = []
    for node in element.iter():
        if node.tag == f"{W}txbxContent" or _inside(node, f"{W}txbxContent", element):
            continue
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            if node.get(f"{W}type") == "page":
                pages.append([])
            else:
                parts.append("\n")
        elif node.tag == f"{W}lastRenderedPageBreak" and any(pages[-1]):
            pages.append([])
    return "".join(parts)


def _inside(node, tag: str, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag or parent.tag == MC_FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _paragraph(p, pages: list[list[str]]) -> None:
    text = _runs_text(p, pages)
    pages[-1].extend(line for line in text.split("\n"))
    # Text boxes anchored in this paragraph (VML fallbacks duplicate them: skipped).
    for box in p.iter(f"{W}txbxContent"):
        if _inside(box, MC_FALLBACK, p):
            continue
        for inner in box.iter(f"{W}p"):
            pages[-1].append(_runs_text(inner, pages))


def _table(tbl, pages: list[list[str]]) -> None:
    rows = [r for r in tbl.iterchildren() if r.tag == f"{W}tr"]
    # Columns that hold text anywhere: header tables often have an empty spacer column.
    filled: set[int] = set()
    for r in rows:
        for i, c in enumerate(x for x in r.iterchildren() if x.tag == f"{W}tc"):
            if "".join(t.text or "" for t in c.iter(f"{W}t")).strip():
                filled.add(i)
    width = len(filled)
    for row in rows:
        cells = [c for c in row.iterchildren() if c.tag == f"{W}tc"]
        if width <= 2:
            # A layout table (issuer | Quốc hiệu, Nơi nhận | signature): cell by cell.
            for cell in cells:
                for p in cell.iter(f"{W}p"):
                    _paragraph(p, pages)
        else:
            texts = [" ".join(_runs_text(p, pages).strip() for p in cell.iter(f"{W}p")).strip() for cell in cells]
            pages[-1].append(" | ".join(texts))
