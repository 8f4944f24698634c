"""Reflow hard-wrapped lines into paragraphs, keeping list items and headings apart.

Text taken from PDFs arrives one printed line at a time, often with blank lines between
lines (the seed plans). A line continues the paragraph above unless it opens a list item
(``I.``, ``1.``, ``a)``, ``-``, ``+``), a heading, an article (``Điều 3.``), a header or
closing element (``Số:``, ``Căn cứ``, ``Nơi nhận:``, ``KT. CHỦ TỊCH``), or the line above
ended a sentence. Texts that are already one paragraph per line (Word exports, web
copies) only get lines that start in lower case joined to the line above.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..vietnamese import UPPER, is_syllable

MARKER_RE = re.compile(
    r"""^(?:
        [IVXLC]{1,6}\s*(?:[.)]|/(?![vV]\b)) # I.  II.  IV)  (not "V/v", the công văn subject)
      | \d{1,3}(?:\.\d{1,3}){0,3}[.)](?!\d) # 1.  1.2.  3)
      | \d{1,3}(?:\.\d{1,3}){1,3}\s     # 1.1 Title (no final dot)
      | [a-zđ]\s?\)                     # a)  đ)
      | [-+•*–—·∙]\s*(?=\S)             # - item, + item
      | (?:Điều|Chương|Phần|Mục|Khoản|Điểm)\s+[\dIVXLC]+\b
      | (?:ĐIỀU|CHƯƠNG|PHẦN|MỤC)\s+[\dIVXLC]+\b
      | (?:PHỤ\s+LỤC|Phụ\s+lục|BIỂU|Biểu\s+(?:số|mẫu))\b
    )""",
    re.VERBOSE,
)
KEYWORD_START_RE = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện\s+(?:Kế|Quyết|Chỉ|Nghị|Công|Hướng|Thông|Luật|Chương|Văn)|"
    r"Nơi\s+nhận|Kính\s+gửi|Số\s*:|Số\s+\d|(?:Luật|Nghị\s+quyết|Pháp\s+lệnh)\s+số\s*:|V/v|"
    rf"(?:T/M|T\.M|TM|KT|TUQ|TL|Q)\s*[./]\s*[{UPPER}]|(?:TM|KT)\s+[{UPPER}]|"
    r"Độc\s+lập\s*[-–]|CỘNG\s+H[OÒ]A|ĐẢNG\s+CỘNG\s+SẢN|"
    r"Trên\s+đây\s+là|Định\s+kỳ|QUYẾT\s+(?:ĐỊNH|NGHỊ)\s*:|Lưu\s*:|\(Ban\s+hành\s+kèm|\(Kèm\s+theo)"
)
DATE_LINE_RE = re.compile(r"^[^\d,;:]{2,45},\s*ngày\b", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?:[.;:!?…]|\./\.|\.\)|;\)|\*)[\"”’»)]*$")
_PAGE_NUMBER_RE = re.compile(r"^(?:[-–]?\s*\d{1,3}\s*[-–]?|Trang\s+\d+(?:\s*/\s*\d+)?)$", re.IGNORECASE)
_DECORATION_RE = re.compile(r"^[-_=*~.…·•\s]{3,}$")
# An upper-case line joins the next upper-case line only when it visibly continues it.
_UPPER_CONTINUES_RE = re.compile(
    r"(?:[,–-]|\b(?:VÀ|CỦA|VỀ|THUỘC|CHO|TRONG|TRÊN|VỚI|TẠI|THEO|ĐẾN|CÁC|NHỮNG|NĂM|GIAI ĐOẠN|ĐỐI|ĐỐI VỚI|LĨNH VỰC|ĐỂ|TỪ))$"
)
_HYPHEN_WRAP_RE = re.compile(r"[\w/]-$")
_SPLIT_GAP_RE = re.compile(r"(?<=\S)( {2,3})(?=\S)")
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass
class ReflowedParagraph:
    text: str
    page: int
    lost_glyphs: list[int] = field(default_factory=list)  # offsets into text


def is_upper_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


def looks_hard_wrapped(lines: list[str]) -> bool:
    """True when many lines stop mid-sentence and the next line goes on in lower case."""
    content = [ln.strip() for ln in lines if ln.strip()]
    if len(content) < 5:
        return False
    cont = sum(
        1 for prev, nxt in zip(content, content[1:])
        if not _SENTENCE_END_RE.search(prev) and nxt[:1].islower()
    )
    return cont / len(content) > 0.1


def running_headers(pages: list[list[str]]) -> set[str]:
    """Lines that open most pages (a running header), to be dropped."""
    if len(pages) < 3:
        return set()
    firsts = Counter()
    for lines in pages:
        content = [ln.strip() for ln in lines if ln.strip()]
        for line in content[:2]:
            if not _PAGE_NUMBER_RE.match(line):
                firsts[line] += 1
    return {line for line, n in firsts.items() if n >= max(3, len(pages) // 2) and len(line) < 120}


def _drop_page_furniture(lines: list[str], headers: set[str]) -> list[str]:
    content_idx = [i for i, ln in enumerate(lines) if ln.strip()]
    edges = set(content_idx[:2] + content_idx[-2:])
    kept = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if i in edges and _PAGE_NUMBER_RE.match(stripped):
            continue
        if stripped in headers and i in edges:
            continue
        if _DECORATION_RE.match(stripped):
            continue
        kept.append(line)
    return kept


def starts_paragraph(prev: str, line: str, wrapped: bool, full_width: int = 0, para_start: str = "") -> bool:
    """Whether ``line`` opens a new paragraph after ``prev`` (both stripped).

    ``full_width`` is the length of a full printed line; a heading line well short of it
    ended its heading when the next one starts with a capital ("1. Mục đích" / "Tiếp tục
    ..."). ``para_start`` is the text of the paragraph ``prev`` belongs to.
    """
    if MARKER_RE.match(line) or KEYWORD_START_RE.match(line) or DATE_LINE_RE.match(line):
        return True
    if KEYWORD_START_RE.match(prev) and re.match(r"^(?:Số|Luật số)\b", prev):
        return True  # the Số line stands alone
    if DATE_LINE_RE.match(prev) and re.search(r"\d{4}\s*$", prev):
        return True
    upper_prev, upper_line = is_upper_line(prev), is_upper_line(line)
    if upper_prev and upper_line:
        return not _UPPER_CONTINUES_RE.search(prev)
    if upper_prev != upper_line:
        return True
    if line[:1].islower():
        return False  # a paragraph does not open in lower case: the line continues one
    if not wrapped:
        return True
    if _SENTENCE_END_RE.search(prev):
        return True
    # A short heading ("1. Mục đích") ends before a capitalised line; a short line that is not
    # a heading is more often a narrow column (the trích yếu beside the Quốc hiệu).
    opening = para_start or prev
    is_heading = bool(MARKER_RE.match(opening)) and not re.match(r"^[-+•*–—·∙]", opening)
    return is_heading and bool(full_width) and len(prev) < 0.6 * full_width and line[:1].isupper()


def _lost_glyph_gaps(line: str) -> list[int]:
    """Offsets (in ``line``) of two-space gaps that probably hide a lost glyph.

    ``Phạm vi v  th i gian`` (v[à] th[ờ]i), ``-  hạm vi`` ([P]hạm), ``huyện;  hòng`` ([P]hòng):
    a gap next to a token that is no Vietnamese syllable, or a gap after a list marker or
    punctuation that is followed by a lower-case letter where a capital belongs.
    """
    found = []
    for match in _SPLIT_GAP_RE.finditer(line):
        before = line[: match.start()]
        after = line[match.end():]
        left = _WORD_RE.findall(before[-6:])
        right = _WORD_RE.match(after)
        left_word = left[-1] if left and before[-1:].isalpha() else ""
        right_word = right.group(0) if right else ""
        suspicious = any(
            w and w.islower() and len(w) <= 3 and not is_syllable(w) for w in (left_word, right_word)
        )
        after_marker = bool(re.fullmatch(r"\s*[-+•]", before) or before.endswith((";", "(", ":"))) and after[:1].islower()
        if suspicious or after_marker:
            found.append(match.start())
    return found


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def reflow(pages: list[tuple[int, list[str]]], wrapped: bool) -> list[ReflowedParagraph]:
    """Turn ``(page number, lines)`` pairs into paragraphs; paragraphs may cross pages."""
    headers = running_headers([lines for _, lines in pages])
    lengths = sorted(len(ln.strip()) for _, lines in pages for ln in lines if len(ln.strip()) > 20)
    full_width = lengths[int(len(lengths) * 0.75)] if lengths else 0
    paragraphs: list[ReflowedParagraph] = []
    current: ReflowedParagraph | None = None
    prev = ""
    for number, lines in pages:
        for raw in _drop_page_furniture(lines, headers):
            line = raw.strip()
            if not line:
                if not wrapped and current is not None:
                    paragraphs.append(current)
                    current, prev = None, ""
                continue
            gaps = _lost_glyph_gaps(line)
            if current is None or starts_paragraph(prev, line, wrapped, full_width, current.text if current else ""):
                if current is not None:
                    paragraphs.append(current)
                current = ReflowedParagraph("", number)
                sep = ""
            elif _HYPHEN_WRAP_RE.search(prev) and (line[:1].isupper() or line[:1].isdigit()):
                sep = ""  # "832/STTTT-" + "TTBCXB": a symbol broken at its hyphen
            else:
                sep = " "
            base = len(current.text) + len(sep)
            current.lost_glyphs.extend(base + len(_collapse(line[:g])) for g in gaps)
            current.text += sep + _collapse(line)
            prev = line
    if current is not None:
        paragraphs.append(current)
    return [p for p in paragraphs if p.text.strip()]
