"""Header fields found outside their usual place, mostly on scans.

* a symbol whose ``Số:`` OCR garbled (``—- s=———ä, 19/2026/NQ-CP``): taken when its type
  part agrees with the type line;
* the date of a document dated above its signatures (Phiếu trình: ``Ngày 19 tháng 8 năm 2025``);
* an acronym of the issuer block spelled out in the body (``PHÒNG QLCN`` -> ``Phòng Quản lý
  Công nghiệp``);
* the province of an issuer that is named without it (``Sở Công Thương`` in a Biên bản):
  the province the text names most;
* and where none of this finds the number or the day (written by hand on the scan, which
  Tesseract cannot read: ``Số: Éđã /HC-CNHC``, ``ngày °ÔÖ tháng 4``), a warning that quotes the
  line, so that a reviewer checks the field on the page rather than trusting a blank.
"""
from __future__ import annotations

import re
from collections import Counter

from ..models import TextWarning
from ..vietnamese import UPPER, fold

_LOOSE_SYMBOL_RE = re.compile(
    r"(?<![\w/.])(?P<number>\d{1,5})\s*(?P<rest>/\s*(?:(?:19|20)\d{2}\s*/\s*)?[A-ZĐ][A-ZĐ0-9&]*(?:g|r)?"
    r"(?:\s*-\s*[A-ZĐ][A-ZĐ0-9&]*)*)(?![\w/])"
)
# "Số: số /QĐ-XPVPHC" (number written by hand): the line of the number, symbol read or not.
NUMBER_LINE_RE = re.compile(r"^\W{0,3}(?:Số|SỐ)\s*[:.]")
_SIGNATURE_DATE_RE = re.compile(
    r"^(?:(?P<place>[^\d,;:]{2,45}),\s*)?ngày\s*(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})"
    r"\s*năm\s*(?P<year>\d{4})\W{0,2}$",
    re.IGNORECASE,
)
# The place of a date line whose numbers OCR could not read (written by hand).
PLACE_ONLY_RE = re.compile(rf"^(?P<place>[{UPPER}][^\d,;:|]{{1,44}}?)\s*,\s*ngày(?![^\W\d_])")
_PROVINCE_RE = re.compile(rf"(?<!\w)tỉnh\s+(?P<name>[{UPPER}]\w*(?:[ ][{UPPER}]\w*){{0,2}})")
_VOWELS = set("aeiouy")


def loose_symbol(line: str, type_code: str | None, type_of) -> tuple[str, str] | None:
    """(number, symbol) of a symbol standing without ``Số:`` whose type is ``type_code``."""
    if type_code is None:
        return None
    for match in _LOOSE_SYMBOL_RE.finditer(line):
        symbol = match.group("number") + re.sub(r"\s+", "", match.group("rest"))
        dt = type_of(symbol)
        if dt is not None and dt.code == type_code:
            return match.group("number"), symbol
    return None


_UNREAD = {
    "number": ("UNREAD_NUMBER", "không đọc được số văn bản trên bản quét (số viết tay hoặc mờ?)"),
    "date": ("UNREAD_DATE", "không đọc được ngày ban hành trên bản quét (ngày viết tay hoặc mờ?)"),
}


def unread_warnings(text, lines: dict[str, int], no_symbol: bool, no_date: bool) -> list[TextWarning]:
    """Warnings for the header fields of a scan that stayed empty although their line is there
    (``lines``: field -> paragraph index of the number line / the date line)."""
    missing = {"number": no_symbol, "date": no_date}
    out = []
    for field, index in lines.items():
        if not missing[field]:
            continue
        para = text.paragraphs[index]
        code, what = _UNREAD[field]
        quoted = text.para_text(para).strip()
        out.append(TextWarning(code=code, message=f'Trang {para.page}: {what}: "{quoted[:80]}"; cần đối chiếu bản gốc.',
                               span=(para.start, para.end), page=para.page))
    return out


def signature_date(paras: list[str], start: int) -> tuple[int, re.Match] | None:
    """The last standalone date line from ``start`` on (the one over the signatures)."""
    for i in range(len(paras) - 1, start - 1, -1):
        match = _SIGNATURE_DATE_RE.match(paras[i].strip())
        if match:
            return i, match
    return None


def expand_acronyms(line: str, text: str) -> str:
    """``PHÒNG QLCN`` -> ``PHÒNG QUẢN LÝ CÔNG NGHIỆP`` when the text names ``Phòng Quản lý
    Công nghiệp``: a word without a vowel is no Vietnamese syllable but initials."""
    words = line.split()
    for k in range(1, len(words)):
        acronym = words[k]
        folded = fold(acronym)
        if not (3 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()) or _VOWELS & set(folded):
            continue
        head = re.escape(words[k - 1])
        pattern = rf"(?i)(?<!\w){head}\s+((?:[^\W\d_]+\s+){{{len(acronym) - 1}}}[^\W\d_]+)"
        for match in re.finditer(pattern, text):
            spelled = match.group(1).split()
            # Spelled out in running text ("Phòng Quản lý Công nghiệp"), not in another upper line.
            if "".join(fold(w[0]) for w in spelled) == folded and not match.group(1).isupper():
                words[k] = " ".join(spelled).upper()
                break
    return " ".join(words)


def main_province(text: str) -> str | None:
    """The province the text names most often (``tỉnh Lào Cai``), if it names one twice."""
    counts = Counter(m.group("name") for m in _PROVINCE_RE.finditer(text))
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else None
