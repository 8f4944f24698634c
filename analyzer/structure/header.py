"""The header block of Nghị định 30/2020 documents: issuer, Quốc hiệu, ``Số:``, place and
date, document type and trích yếu (title).

Works on the paragraphs of the normalized text: the header zone is everything before the
document type line (``KẾ HOẠCH``) or, for a công văn, before ``Kính gửi``/the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_yaml
from ..models import Header, Span, Text
from ..normalize.reflow import KEYWORD_START_RE, MARKER_RE, is_upper_line
from ..vietnamese import strip_tones
from .fallbacks import (NUMBER_LINE_RE, PLACE_ONLY_RE, expand_acronyms, loose_symbol, main_province, signature_date,
                        unread_warnings)
from .issuer import issuer_from_block, issuer_from_body

# "Số: 93/KH-UBND", "Số 3260-KH/ĐĐQH15", "Luật số: 83/2025/QH15", "Số:      /KH-UBND".
SYMBOL_RE = re.compile(
    r"(?:^|\b)(?:(?:(?:Luật|Nghị\s+quyết|Pháp\s+lệnh|Lệnh)\s+số|Số)\s*:?|SỐ\s*:)\s*(?P<number>\d+[a-zA-Z]?)?\s*"
    r"(?P<rest>[/-]\s*[\w&.]*[\w&](?:\s*[-/]\s*[\w&.]*[\w&])*)(?P<wrap>\s*-)?",
)
DATE_RE = re.compile(
    r"(?P<place>[^\d,;:|]{2,45}?)\s*,\s*ngày\s*(?P<day>\d{1,2})?\s*(?:th[aáảẳ]ng|/)\s*(?P<month>\d{1,2})?[$_.]?\s*(?:n[aăâ]m|/)\s*(?P<year>\d{2}\s?\d{2})(?!\d)",
    re.IGNORECASE,
)
_MOTTO_RE = re.compile(r"(?i)c[ộo]ng\s+h[òoõ]a\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam")
_MOTTO2_RE = re.compile(r"(?i)đ[ộo]\w?c\s+l[ậa]p\s*[-–]?\s*t[ựu]\s+do\s*[-–]?\s*h[ạa]nh\s+ph[úu]c")
_PARTY_RE = re.compile(r"(?i)^đảng\s+cộng\s+sản\s+việt\s+nam$")
_VV_RE = re.compile(r"^(?:V/v|V/V|Về việc)\s*:?\s*", re.IGNORECASE)
_AUTHORITY_WORDS = re.compile(
    r"^(?:CHÍNH PHỦ|THỦ TƯỚNG|BỘ TRƯỞNG|CHỦ TỊCH|ỦY BAN|HỘI ĐỒNG|QUỐC HỘI|GIÁM ĐỐC|BAN THƯỜNG|"
    r"ĐOÀN CHỦ TỊCH|CỤC TRƯỞNG|TRƯỞNG BAN|BAN CHẤP|UỶ BAN)"
)
_MAX_HEADER_PARAS = 30


@dataclass(frozen=True)
class DocType:
    code: str
    name: str
    symbols: tuple[str, ...]
    qualified: bool = False  # "BIÊN BẢN KIỂM TRA": the name begins the type line
    date_in_signature: bool = False  # dated above the signatures (Phiếu trình)


@lru_cache(maxsize=None)
def doc_types() -> tuple[DocType, ...]:
    return tuple(
        DocType(t["code"], t["name"], tuple(t.get("symbols", [])), bool(t.get("qualified")),
                bool(t.get("date_in_signature")))
        for t in load_yaml("doc_types.yaml")["types"]
    )


@lru_cache(maxsize=None)
def _type_names() -> list[tuple[str, DocType]]:
    """(upper-case name, type), longest first; aliases included."""
    names = []
    for entry, dt in zip(load_yaml("doc_types.yaml")["types"], doc_types()):
        for name in [entry["name"], *entry.get("aliases", [])]:
            names.append((strip_tones(name).upper(), dt))
    return sorted(names, key=lambda x: len(x[0]), reverse=True)


def type_from_line(line: str) -> DocType | None:
    """The type a title line names (``KẾ HOẠCH``, ``NGHỊ QUYẾT LIÊN TỊCH``), or None."""
    key = strip_tones(line.strip().rstrip(".")).upper()
    key = re.sub(r"\s+", " ", key)
    for name, dt in _type_names():
        if key == name:
            return dt
    # Letter-spaced titles come apart in PDF text layers: "HƯ ỚNG DẪN LIÊN NGÀNH".
    squeezed = key.replace(" ", "")
    for name, dt in _type_names():
        if squeezed == name.replace(" ", ""):
            return dt
    if is_upper_line(line):  # "BIÊN BẢN KIỂM TRA", never a sentence opening with "Biên bản"
        for name, dt in _type_names():
            if dt.qualified and key.startswith(name + " "):
                return dt
    return None


def _qualifier(line: str, dt: DocType) -> str:
    """What follows the type name on a qualified type line ("SỬ DỤNG VẬT LIỆU NỔ ...")."""
    return " ".join(line.split()[len(dt.name.split()):])


def type_from_symbol(symbol: str | None) -> DocType | None:
    """``93/KH-UBND`` -> KH, ``30-KH/TU`` -> KH, ``83/2025/QH15`` -> L."""
    if not symbol:
        return None
    parts = re.split(r"[/-]", symbol)
    candidates = [p for p in parts[1:] if p and not p.isdigit()]
    if re.match(r"^\d*-", symbol):  # Party style: number-TYPE/ISSUER
        candidates = [parts[1]] if len(parts) > 1 else []
    for part in candidates[:2]:
        for dt in doc_types():
            if part in dt.symbols or re.sub(r"\d+$", "", part) in dt.symbols and part.startswith("QH"):
                return dt
    return None


def parse_symbol(text: str) -> tuple[str | None, str | None, re.Match | None]:
    """(number, symbol) of the first ``Số:`` in ``text``."""
    match = SYMBOL_RE.search(text)
    if not match:
        return None, None, None
    number = match.group("number")
    rest = re.sub(r"\s+", "", match.group("rest"))
    symbol = (number or "") + rest
    return number, symbol, match


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    if not (day and month and year):
        return None
    # Stamped dates come apart in text layers: "năm 20 26".
    d, m, y = int(day), int(month), int(re.sub(r"\s", "", year))
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _span(text: Text, para_index: int, m_start: int = 0, m_end: int | None = None) -> Span:
    para = text.paragraphs[para_index]
    end = para.end if m_end is None else para.start + m_end
    return (para.start + m_start, end)


def find_type_line(text: Text) -> int | None:
    for i, para in enumerate(text.paragraphs[:_MAX_HEADER_PARAS]):
        line = text.para_text(para)
        if ":" in line or len(line) > 80:
            continue
        dt = type_from_line(line)
        if dt and (len(line) <= 40 or dt.qualified):
            return i
    return None


def parse_header(text: Text) -> tuple[Header, int]:
    """Parse the header; return it and the index of the first paragraph after the title."""
    header = Header()
    paras = [text.para_text(p) for p in text.paragraphs]
    type_idx = find_type_line(text)
    zone_end = type_idx if type_idx is not None else _header_zone_end(paras)
    line_type = type_from_line(paras[type_idx]) if type_idx is not None else None
    ocr = set(text.source.ocr_pages)

    issuer_lines: list[str] = []
    issuer_first: int | None = None
    vv_lines: list[int] = []
    block_closed = False  # scans: what follows the number line is stamps, not the issuer
    unread: dict[str, int] = {}  # field -> paragraph of a scanned number/date line read without it
    for i in range(zone_end):
        line = paras[i]
        scanned = text.paragraphs[i].page in ocr
        if re.match(r"^Kính\s+gửi", line) or (i > 0 and re.match(r"^Kính\s+gửi", paras[i - 1]) and line.startswith("-")):
            continue
        line = _MOTTO2_RE.sub("", line)
        motto = _MOTTO_RE.search(line)
        if motto:
            before = line[: motto.start()].strip(" |-–")
            if before and is_upper_line(before) and not block_closed:
                issuer_lines.append(before)
                issuer_first = i if issuer_first is None else issuer_first
            line = line[motto.end():]
        if _PARTY_RE.match(line.strip()):
            continue
        number, symbol, sym_match = parse_symbol(line)
        if symbol is None and scanned and header.symbol is None and line_type is not None:
            loose = loose_symbol(line, line_type.code, type_from_symbol)  # "Số:" lost to OCR
            if loose:
                header.number, header.symbol = loose
                header.spans["symbol"] = _span(text, i)
                block_closed = bool(issuer_lines)
                continue
        if symbol and header.symbol is None:
            header.number, header.symbol = number, symbol
            header.spans["symbol"] = _span(text, i)
            if sym_match.group("wrap") and i + 1 < zone_end and re.fullmatch(r"[A-ZĐ0-9&.-]+", paras[i + 1].strip()):
                header.symbol += "-" + paras[i + 1].strip()
            line = line[: sym_match.start()] + " " + line[sym_match.end():]
        closes_block = scanned and bool(issuer_lines) and (sym_match is not None or NUMBER_LINE_RE.match(line))
        if scanned and sym_match is None and NUMBER_LINE_RE.match(line):
            unread.setdefault("number", i)
        date = DATE_RE.search(line)
        if date and header.place is None:
            header.place = date.group("place").strip(" -–|")
            header.issued_date = iso_date(date.group("day"), date.group("month"), date.group("year"))
            header.spans["issued_date"] = _span(text, i)
            if scanned and header.issued_date is None:  # "ngày tháng 7 năm 2026": the day by hand
                unread.setdefault("date", i)
            line = line[: date.start()]
        elif scanned and header.place is None and (placed := PLACE_ONLY_RE.search(line)):
            header.place = placed.group("place").strip(" -–|")  # "Hà Nội, ngày°ÔÖ tháng 4": day by hand
            unread.setdefault("date", i)
            line = line[: placed.start()]
        original = paras[i]
        if _VV_RE.match(line.strip()) or (vv_lines and vv_lines[-1] == i - 1 and line.strip()
                                          and not is_upper_line(original) and not _MOTTO_RE.search(original)
                                          and not _MOTTO2_RE.search(original)
                                          and not KEYWORD_START_RE.match(original) and not date and not sym_match):
            vv_lines.append(i)  # the trích yếu of a công văn, possibly over several lines
            continue
        line = line.strip(" |-–")
        if line and is_upper_line(line) and not block_closed \
                and not (header.symbol and sym_match is None and re.fullmatch(r"[A-ZĐ0-9&.-]+", line)):
            issuer_lines.append(line)
            issuer_first = i if issuer_first is None else issuer_first
        block_closed = block_closed or closes_block

    issuer_lines = [expand_acronyms(line, text.text) for line in issuer_lines]
    header.issuer = issuer_from_block(issuer_lines, header.place)
    if header.issuer is not None and issuer_first is not None:
        header.issuer.span = _span(text, issuer_first)

    body_start = zone_end
    title_parts: list[int] = []
    if type_idx is not None:
        dt = line_type
        header.doc_type, header.doc_type_name = dt.code, dt.name
        header.spans["doc_type"] = _span(text, type_idx)
        title_parts = _title_paragraphs(paras, type_idx + 1)
        body_start = (title_parts[-1] + 1) if title_parts else type_idx + 1
        qualifier = _qualifier(paras[type_idx], dt) if dt.qualified else ""
        if qualifier and (not title_parts or _AUTHORITY_WORDS.match(paras[title_parts[0]])):
            # "GIẤY PHÉP SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP" then the authority: the rest is the title.
            header.title = qualifier
            header.spans["title"] = _span(text, type_idx, len(paras[type_idx]) - len(qualifier))
            title_parts, body_start = [], type_idx + 1
        if dt.date_in_signature and header.issued_date is None:
            dated = signature_date(paras, body_start)
            if dated:
                j, match = dated
                header.issued_date = iso_date(match.group("day"), match.group("month"), match.group("year"))
                header.place = header.place or (match.group("place") or "").strip() or None
                header.spans["issued_date"] = _span(text, j)
    elif vv_lines:
        title_parts = vv_lines
        body_start = max(zone_end, vv_lines[-1] + 1)
    if title_parts:
        title = " ".join(paras[i] for i in title_parts)
        header.title = _VV_RE.sub("", title).strip() or None
        header.spans["title"] = (text.paragraphs[title_parts[0]].start, text.paragraphs[title_parts[-1]].end)

    if header.doc_type is None:
        dt = type_from_symbol(header.symbol)
        if dt is None and vv_lines:
            dt = next(d for d in doc_types() if d.code == "CV")
        if dt is not None:
            header.doc_type, header.doc_type_name = dt.code, dt.name
    local = ("so", "phong", "huyen", "xa")
    if header.issuer is None:
        # From the title on: a scan's title may run into the opening ("... Hôm nay, ngày ...").
        opening = "\n".join(paras[(type_idx + 1 if type_idx is not None else body_start): body_start + 6])
        header.issuer = issuer_from_body(opening)
        province = main_province(text.text)
        if header.issuer is not None and header.issuer.locality is None and province \
                and header.issuer.level and header.issuer.level.value in ("so", "phong"):
            # "Sở Công Thương tiến hành kiểm tra" in a Biên bản on the province's business
            header.issuer.name += f" tỉnh {province}"
            header.issuer.locality = province
    text.warnings.extend(unread_warnings(text, unread, header.symbol is None, header.issued_date is None))
    if header.issuer is not None and header.issuer.locality is None and header.place \
            and header.issuer.level and header.issuer.level.value in local:
        header.issuer.locality = header.place
    if header.issuer is not None and header.issuer.locality is None and header.place is None \
            and header.issuer.level and header.issuer.level.value in ("so", "phong"):
        header.issuer.locality = main_province(text.text)  # undated header: no place to go by
    return header, body_start


def _header_zone_end(paras: list[str]) -> int:
    """Without a type line: the header ends at Kính gửi or the first body paragraph."""
    for i, line in enumerate(paras[:_MAX_HEADER_PARAS]):
        if len(line) > 150 and not is_upper_line(line) and not _VV_RE.match(line):
            return i
    return 0


def _title_paragraphs(paras: list[str], start: int) -> list[int]:
    """The trích yếu: paragraphs after the type line up to the bases or the body."""
    parts: list[int] = []
    for i in range(start, min(len(paras), start + 5)):
        line = paras[i]
        if KEYWORD_START_RE.match(line) or MARKER_RE.match(line) or line.startswith("("):
            break
        # The issuing authority's line ("CHÍNH PHỦ", "BỘ TRƯỞNG BỘ XÂY DỰNG") follows the title.
        if parts and is_upper_line(line) and _AUTHORITY_WORDS.match(line) \
                and (len(line) < 60 or not is_upper_line(paras[parts[-1]])):
            break
        if parts and len(" ".join(paras[j] for j in parts)) > 400:
            break
        if parts and len(line) > 250:
            break
        parts.append(i)
    return parts


__all__ = ["parse_header", "DocType", "doc_types", "type_from_line", "type_from_symbol", "parse_symbol", "iso_date"]
