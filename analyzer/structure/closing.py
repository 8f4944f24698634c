"""The closing block: ``Nơi nhận:`` recipients and the signature (authority, position, name).

In print the two sit side by side, so in reading order the signature lines may come before
or after the recipients; both are searched for near the end of the main text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Signer, Text
from ..normalize.reflow import is_upper_line
from ..vietnamese import LOWER, UPPER

RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?", re.IGNORECASE)
DELEGATION_RE = re.compile(rf"^(?:(?:T/M|T\.M)\.?\s*|(?:TM|KT|TUQ|TL|Q)\s*[./]\s*|(?:TM|KT)\s+)(?=[{UPPER}])")
_POSITION_RE = re.compile(
    r"(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|THỦ TƯỚNG|BÍ THƯ|CHÁNH|TỔNG|PHÓ|ỦY VIÊN|THƯỜNG TRỰC|VIỆN TRƯỞNG)"
)
_NAME_RE = re.compile(rf"^[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{1,5}}$")
_ITEM_RE = re.compile(r"^[-+•–*]\s*")
_CLOSING_WINDOW = 40


@dataclass
class Closing:
    start: int | None = None  # first paragraph index of the closing block
    end: int | None = None  # last paragraph index (inclusive)
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    recipients_index: int | None = None


_SIGNATURE_NOTE_RE = re.compile(r"^\((?:Ký|Đã ký|đã ký|Ghi rõ)")


def _clean_item(item: str) -> str:
    return re.sub(r"\s+", " ", _ITEM_RE.sub("", item)).strip().rstrip(";.,").strip()


def _is_person_name(line: str) -> bool:
    line = line.strip(" *")
    if not _NAME_RE.match(line) or is_upper_line(line) and len(line.split()) > 5:
        return False
    return not _POSITION_RE.search(line.upper()) or not line.isupper()


_TRAILING_NAME_RE = re.compile(
    rf"^(?P<head>.*[{UPPER}.])\s+(?P<name>[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{1,4}})$"
)
_KT_SPLIT_RE = re.compile(r"^(?P<deleg>(?:KT|Q)\s*\.\s*\S.*?)\s+(?P<pos>(?:PHÓ|THỨ TRƯỞNG)\b.*)$")


def split_signature_line(line: str) -> list[str]:
    """Web copies flatten the signature onto one line: ``KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Chí
    Hùng`` -> ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` / ``Trần Chí Hùng``."""
    parts = []
    match = _TRAILING_NAME_RE.match(line.strip())
    head, name = (match.group("head"), match.group("name")) if match and is_upper_line(match.group("head")) else (line, None)
    kt = _KT_SPLIT_RE.match(head.strip())
    parts.extend([kt.group("deleg"), kt.group("pos")] if kt else [head.strip()])
    if name:
        parts.append(name)
    return parts


_ANNEX_RE = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục|Mẫu\s+số|MẪU\s+SỐ)\b")


def main_text_end(paras: list[str], body_start: int) -> int:
    """Annexes follow the signature and may hold forms with their own Nơi nhận and
    signature blocks: the document's own closing block comes before the first annex."""
    for i in range(body_start, len(paras)):
        if _ANNEX_RE.match(paras[i]) and any(RECIPIENTS_RE.match(p) or DELEGATION_RE.match(p) for p in paras[body_start:i]):
            return i
    return len(paras)


def parse_closing(text: Text, body_start: int) -> Closing:
    paras = [text.para_text(p) for p in text.paragraphs]
    closing = Closing()
    end = main_text_end(paras, body_start)
    rec_idx = next((i for i in range(end - 1, body_start - 1, -1) if RECIPIENTS_RE.match(paras[i])), None)
    if rec_idx is not None:
        closing.recipients_index = rec_idx
        closing.start = rec_idx
        closing.end = rec_idx
        inline = RECIPIENTS_RE.sub("", paras[rec_idx]).strip()
        items = [s for s in re.split(r"(?:^|\s)[-+•]\s+", inline) if s.strip()] if inline else []
        closing.recipients.extend(items)
        for j in range(rec_idx + 1, min(len(paras), rec_idx + _CLOSING_WINDOW)):
            if _ITEM_RE.match(paras[j]):
                closing.recipients.append(paras[j])
                closing.end = j
            elif DELEGATION_RE.match(paras[j]) or is_upper_line(paras[j]) or _is_person_name(paras[j]):
                continue
            elif closing.recipients and closing.end == j - 1 and not re.search(r"[;.]$", closing.recipients[-1]) \
                    and not _SIGNATURE_NOTE_RE.match(paras[j]):
                # An item wrapped onto its own line: "- Ủy ban Kiểm tra Đảng ủy, Ban xây dựng Đảng," / "VP Đảng ủy;"
                closing.recipients[-1] = closing.recipients[-1].rstrip(" ,") + ", " + paras[j]
                closing.end = j
            else:
                break
    closing.recipients = [c for c in (_clean_item(r) for r in closing.recipients) if c]
    _find_signer(paras[:end], closing, body_start)
    return closing


def _find_signer(paras: list[str], closing: Closing, body_start: int) -> None:
    anchor = closing.recipients_index
    if anchor is None:
        # No Nơi nhận: the signature follows the last sentence of the main text.
        anchor = _last_body_paragraph(paras, body_start)
        if anchor is None:
            return
    lo = anchor
    while lo - 1 > body_start and _signature_like(paras[lo - 1]):
        lo -= 1
    hi = min(len(paras), anchor + _CLOSING_WINDOW)
    authority: list[str] = []
    position = name = None
    first = last = None
    lines: list[tuple[int, str]] = []
    for i in range(lo, hi):
        pieces = split_signature_line(paras[i])
        lines.extend((i, piece) for piece in pieces)
    for i, line in lines:
        line = line.strip()
        if i >= anchor and closing.recipients_index is not None and i <= (closing.end or i) and _ITEM_RE.match(line):
            continue
        if DELEGATION_RE.match(line) and len(line) < 90:
            if position is not None:
                break  # a second signer: keep the first
            authority.append(re.sub(r"\s+", " ", line))
            first = i if first is None else first
            last = i
        elif position is None and is_upper_line(line) and len(line) < 70 and (authority or _POSITION_RE.search(line)) \
                and (i > anchor or authority):
            position = re.sub(r"\s+", " ", line)
            first = i if first is None else first
            last = i
        elif position is not None and name is None and _is_person_name(line):
            name = line.strip(" *")
            last = i
            break
        elif position is not None and i > last + 2 and name is None:
            break
    if position is None and not authority:
        return
    closing.signer = Signer(authority=", ".join(authority) or None, position=position, name=name)
    closing.start = first if closing.start is None else min(closing.start, first)
    closing.end = last if closing.end is None else max(closing.end, last)


def _signature_like(line: str) -> bool:
    return bool(DELEGATION_RE.match(line) or (is_upper_line(line) and len(line) < 70)
                or _is_person_name(line) or _SIGNATURE_NOTE_RE.match(line))


def _last_body_paragraph(paras: list[str], body_start: int) -> int | None:
    """Without Nơi nhận: the first upper-case position line near the end of the text."""
    for i in range(len(paras) - 1, max(body_start, len(paras) - 60) - 1, -1):
        if is_upper_line(paras[i]) and _POSITION_RE.search(paras[i]) and len(paras[i]) < 70:
            j = i
            while j - 1 > body_start and (DELEGATION_RE.match(paras[j - 1]) or (is_upper_line(paras[j - 1]) and len(paras[j - 1]) < 70)):
                j -= 1
            return j - 1
    return None
