"""PDF text layers with pdfplumber, read in layout order, and judged page by page.

A page's text is trusted only when it reads as Vietnamese. Three kinds of damage are
recognised and reported as needing OCR, never passed on as text:

* no text layer (an image-only scan);
* glyphs without a Unicode mapping: pdfplumber prints ``(cid:N)`` where a subset font has
  no ToUnicode map. pdfplumber already applies a ToUnicode map when one exists; the
  remaining fonts in the corpus (Identity-H TrueType subsets) carry neither a ``cmap``
  table nor glyph names, so there is nothing to recover the characters from;
* a scanner's own OCR layer (``CQNG HOA XA HQI``): words that are not Vietnamese
  syllables, no diacritics, and casing no word has.

Characters drawn in a TCVN3 font (``.VnTime``) are converted through the legacy table.
"""
from __future__ import annotations

import io
import logging
import re
import statistics
from pathlib import Path

from ..errors import KehoachError
from ..models import Page, PageStatus
from ..normalize.legacy import tcvn3_to_unicode
from ..vietnamese import text_quality
from .layout import Line, order_columns

_CID_RE = re.compile(r"\(cid:\d+\)")
# pdfminer is chatty about harmless font quirks.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)

# Garbage-layer thresholds, measured on the corpus (bench/ingest.py prints the scores):
# readable pages score >= 0.9, the scanners' layers <= 0.35.
_MIN_WORDS_TO_JUDGE = 15
_GARBAGE_SCORE = 0.5
_CID_SHARE = 0.02
_LEGACY_FONT_RE = re.compile(r"(^|\+)\.?Vn[A-Z]", re.IGNORECASE)


def read_pdf(path: Path | str, data: bytes) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if b"%%EOF" not in data[-4096:]:
        # pdfminer rebuilds what it can of a cut-off file and would silently lose pages.
        raise KehoachError("E005", path, detail="tệp bị cắt cụt, thiếu %%EOF")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        page_objects = pdf.pages  # parses the page tree: corrupt files fail here
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if _is_encryption_error(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise KehoachError("E006", path) from None
        raise KehoachError("E005", path, detail=_short(exc)) from None
    pages = []
    try:
        for number, page in enumerate(page_objects, start=1):
            try:
                pages.append(_read_page(number, page))
            except Exception as exc:
                pages.append(Page(number, "", PageStatus.GARBAGE, f"không đọc được trang ({_short(exc)})"))
            finally:
                page.flush_cache()
    finally:
        pdf.close()
    if not pages:
        raise KehoachError("E005", path, detail="không có trang nào")
    return pages


def _is_encryption_error(exc: BaseException, types: tuple) -> bool:
    """pdfplumber wraps pdfminer's errors: look through the wrapper and its arguments."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, types) or any(isinstance(a, types) for a in getattr(exc, "args", ())):
            return True
        if "password" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _short(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:80]


def _read_page(number: int, page) -> Page:
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
    if not words:
        if page.images:
            return Page(number, "", PageStatus.MISSING, "trang chỉ có ảnh (bản quét), không có lớp chữ")
        return Page(number, "")
    for word in words:
        if _LEGACY_FONT_RE.search(word["fontname"]):
            word["text"] = tcvn3_to_unicode(word["text"])
    raw = " ".join(w["text"] for w in words)
    cids = len(_CID_RE.findall(raw))
    if cids and cids / max(1, len(_CID_RE.sub("x", raw))) > _CID_SHARE:
        return Page(
            number, "", PageStatus.GARBAGE,
            f"phông chữ thiếu bảng mã Unicode ({cids} ký tự chỉ có mã glyph CID, không khôi phục được)",
        )
    text = "\n".join(order_columns(lines_from_words(words, float(page.width))))
    text = _CID_RE.sub("", text)
    quality = text_quality(text)
    if quality.words >= _MIN_WORDS_TO_JUDGE and quality.score < _GARBAGE_SCORE:
        return Page(
            number, "", PageStatus.GARBAGE,
            f"lớp chữ do máy quét nhận dạng sai (điểm chất lượng {quality.score:.2f})",
        )
    return Page(number, text)


def lines_from_words(words: list[dict], width: float) -> list[Line]:
    """Group words into lines by baseline, then cut each line at a column gap (text layers
    and OCR words alike)."""
    words = sorted(words, key=lambda w: (round(w["bottom"]), w["x0"]))
    rows: list[list[dict]] = []
    for word in words:
        if rows and abs(rows[-1][0]["bottom"] - word["bottom"]) <= max(2.0, word["size"] * 0.3):
            rows[-1].append(word)
        else:
            rows.append([word])
    sizes = [w["size"] for w in words] or [12.0]
    gap_min = 2.2 * statistics.median(sizes)
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        lines.append(_split_row(row, width, gap_min))
    return lines


def _split_row(row: list[dict], width: float, gap_min: float) -> Line:
    candidates = []
    for i in range(1, len(row)):
        gap = row[i]["x0"] - row[i - 1]["x1"]
        if gap >= gap_min and row[i]["x0"] >= 0.35 * width and row[i - 1]["x1"] <= 0.65 * width:
            candidates.append(i)
    if len(candidates) == 1:
        i = candidates[0]
        return Line(_join(row[:i]), _join(row[i:]), whole=False)
    text = _join(row)
    center = (row[0]["x0"] + row[-1]["x1"]) / 2
    if abs(center - width / 2) < 0.08 * width:
        return Line(text)  # a centred line (title, type line) spans the page
    if row[0]["x0"] >= 0.4 * width:
        return Line(text, side="right")
    if row[-1]["x1"] <= 0.55 * width:
        return Line(text, side="left")
    return Line(text)


def _join(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)
