"""normalize(Source) -> Text: one clean string that every span indexes into.

Steps: legacy TCVN3/VNI text converted; NFC; wrong glyph mappings repaired; one tone-mark
convention (hoá -> hóa); symbols repaired (all of an OCR'd page's, a text layer's malformed
ones: symbol_repair); page numbers, running headers and decorations dropped; hard-wrapped
lines reflowed into paragraphs (one per line of the output); lost glyphs reported.
"""
from __future__ import annotations

from ..models import PageStatus, Paragraph, Source, Text, TextWarning
from .legacy import convert_legacy_text, detect_legacy_text
from .reflow import looks_hard_wrapped, reflow
from .symbol_repair import repair_symbols, symbol_parts
from .unicode import clean_characters

__all__ = ["normalize"]


def normalize(source: Source) -> Text:
    usable = [p for p in source.pages if p.status is PageStatus.USABLE]
    joined = "\n".join(p.text for p in usable)
    legacy = detect_legacy_text(joined)
    if legacy:
        source.warnings.append(f"Văn bản dùng bảng mã cũ {legacy.upper()}; đã chuyển sang Unicode.")
    cleaned = [(page.number, clean_characters(convert_legacy_text(page.text, legacy) if legacy else page.text))
               for page in usable]
    # Symbols are checked against the document's other symbols: all pages, before reflow.
    attested = symbol_parts("\n".join(text for _, text in cleaned))
    ocr = set(source.ocr_pages)
    page_lines: list[tuple[int, list[str]]] = [
        (number, repair_symbols(text, number in ocr, attested).split("\n")) for number, text in cleaned
    ]
    all_lines = [ln for _, lines in page_lines for ln in lines]
    wrapped = source.format == "pdf" or looks_hard_wrapped(all_lines)

    out: list[str] = []
    paragraphs: list[Paragraph] = []
    warnings: list[TextWarning] = []
    offset = 0
    for para in reflow(page_lines, wrapped):
        start = offset
        out.append(para.text)
        paragraphs.append(Paragraph(start, start + len(para.text), para.page))
        for gap in para.lost_glyphs:
            lo = max(0, para.text.rfind(" ", 0, max(0, gap - 1)) + 1)
            hi = para.text.find(" ", gap + 2)
            hi = len(para.text) if hi == -1 else hi
            hi = para.text.find(" ", hi + 1) if para.text.find(" ", hi + 1) != -1 else len(para.text)
            snippet = para.text[lo:hi]
            warnings.append(TextWarning(
                code="LOST_GLYPH",
                message=f"Trang {para.page}: có thể mất ký tự trong \"{snippet}\" (vị trí {start + gap}).",
                span=(start + lo, start + hi),
                page=para.page,
            ))
        offset += len(para.text) + 1  # the newline between paragraphs
    text = "\n".join(out)

    page_spans = []
    for page in source.pages:
        own = [p for p in paragraphs if p.page == page.number]
        if own:
            page_spans.append((page.number, own[0].start, own[-1].end))
        else:
            page_spans.append((page.number, offset, offset))
    return Text(text=text, paragraphs=paragraphs, page_spans=page_spans, source=source, warnings=warnings)
