"""Nơi nhận (recipients): every body a plan is sent to receives it.

A recipient line may name one body ("Tòa án nhân dân thành phố"), share a head across a list
("Các Sở: NN&MT, TC, CT"; "VP: Tỉnh ủy, HĐND tỉnh"), list offices of one body ("Chủ tịch,
các PCT UBND tỉnh"), or point elsewhere ("Như trên", "Như Điều 3", "Các cơ quan tại Mục V").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_tsv
from ..models import Document, Span
from ..structure.issuer import expand_abbreviations
from ..vietnamese import normalize_tone_placement
from .mentions import canonical_name, find_mentions

_DISTRIBUTIVE_RE = re.compile(r"^(?:[Cc]ác\s+)?(?P<head>[Ss]ở|[Pp]hòng|Bộ|Ban|VP|Văn\s+phòng)\s*:\s*(?P<list>.+)$")
_OFFICE_WORDS = r"(?:Phó\s+)?(?:Chủ\s+tịch|Chánh\s+Văn\s+phòng|Giám\s+đốc|Trưởng\s+ban|Bí\s+thư|Thủ\s+tướng)"
_OFFICES_RE = re.compile(
    rf"^(?P<offices>(?:(?:các\s+)?{_OFFICE_WORDS}\s*,?\s*(?:và\s+)?){{2,}})"
    r"\s+(?P<org>(?:Ủy\s+ban|Hội\s+đồng|Sở|Văn\s+phòng|Ban|Đảng\s+ủy|Đảng\s+đoàn|Tỉnh\s+ủy|Huyện\s+ủy|Chính\s+phủ).*)$"
)
# "VPUB: CVP, các PCVP" and "TTUB: CT, các PCT": offices of the issuing People's Committee
# (its Office, its standing members), which the line does not name.
_OWN_BODY_RE = re.compile(r"^(?P<body>VPUB(?:ND|TP)?|VP\s*UBND|TTUB(?:ND)?)\s*:\s*\+?\s*(?P<list>.+)$")


@lru_cache(maxsize=None)
def sector_codes() -> dict[str, str]:
    """data/sector_codes.tsv: "NNMT" -> "Nông nghiệp và Môi trường", read only inside a list
    that shares a head ("Các Sở: NNMT, TC, CT"), where "CT" is Công Thương, not Chủ tịch."""
    return {row[0]: row[1] for row in load_tsv("sector_codes.tsv")}


def distribute(item: str, committee: str | None = None) -> list[str]:
    """"Sở: NN&MT, TC, GD&ĐT" names three departments: "Sở Nông nghiệp và Môi trường", "Sở
    Tài chính", "Sở Giáo dục và Đào tạo"; "Chủ tịch, các Phó Chủ tịch UBND tỉnh" and "Chánh
    VP, các PVP UBND tỉnh" name two offices of one body; in a plan of ``committee`` ("Ủy ban
    nhân dân tỉnh"), "VPUB: CVP, các PCVP" names the offices "Chánh Văn phòng Ủy ban nhân dân
    tỉnh" and "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh"."""
    own = _OWN_BODY_RE.match(re.sub(r"\s*\([^)]*\)", "", item).strip(" ;.,"))
    if own and committee:
        listed = expand_abbreviations(own.group("list"))
        names = [f"{o} {committee}" for o in re.findall(_OFFICE_WORDS, listed)]
        # "VPUBTP: CVP, các PCVP, các phòng, đơn vị: ĐMPT, TH": the Office's departments,
        # which the codes do not spell out, make the Office itself a recipient.
        if own.group("body").startswith("VP") and re.search(r"(?<!Văn )\b(?:phòng|đơn\s+vị|bộ\s+phận)\b", listed):
            names.append(f"Văn phòng {committee}")
        if names:
            return names
    line = re.sub(r"^Chánh\s*,", "Chánh Văn phòng,", item.strip().rstrip(" ,;."))  # "Chánh, các PCVP UBND tỉnh"
    offices = _OFFICES_RE.match(expand_abbreviations(line))
    if offices:
        names = re.findall(_OFFICE_WORDS, offices.group("offices"))
        return [f"{n} {offices.group('org')}" for n in names]
    match = _DISTRIBUTIVE_RE.match(item.strip().rstrip(";."))
    if not match:
        return [item]
    head = match.group("head")[:1].upper() + match.group("head")[1:]
    codes = sector_codes()
    # "VH,TT&DL" is one code: split on a comma only where a space follows.
    parts = [p.strip() for p in re.split(r",\s+|;", match.group("list")) if p.strip()]
    # An unknown code ("Phòng: TH, VX" of an office) names nothing we can spell out.
    return [f"{head} {codes.get(p, p)}" for p in parts if p in codes or not re.fullmatch(r"[A-ZĐ&]{1,5}", p)]


# Nơi nhận lines that name no body: the file copy, people, notes.
_NOT_RECIPIENT_RE = re.compile(r"^(?:.*\stại\s+[Mm]ục\s|Lưu\b|Mục\s|Như\s|Đ/c\b|Đồng\s+chí|Ông\s|Bà\s|Website|Trang\s+(?:tin|web))", re.IGNORECASE)


def whole_recipient(item: str) -> str | None:
    """A Nơi nhận line as one unit's canonical name, notes dropped: "Thường trực Tỉnh ủy (để
    báo cáo)" -> "Thường trực Tỉnh ủy"; None for lines that name no body."""
    line = re.sub(r"\s*\([^)]*\)", "", item).strip(" -–+;.,:")
    if not line or _NOT_RECIPIENT_RE.match(line) or re.search(r"[:,;]|\svà\s+các\s", line) or len(line) > 90:
        return None
    if not line[:1].isupper():
        return None
    return canonical_name(line)


_FILE_COPY_RE = re.compile(r"^[\s*+•-]*Lưu\b")
_AS_ABOVE_RE = re.compile(r"^Như\s+trên$", re.IGNORECASE)
_AS_ARTICLE_RE = re.compile(r"^Như\s+(Điều\s+\d+)", re.IGNORECASE)
_SECTION_REF_RE = re.compile(r"(?:tại\s+)?[Mm]ục\s+(?P<inner>\d+\s+)?(?P<roman>[IVXLC]+)\b")


def pointed_units(document: Document, item: str) -> list[tuple[Span, str]]:
    text = document.text
    spans: list[Span] = []
    if _AS_ABOVE_RE.match(item.strip()):
        for para in text.paragraphs:
            chunk = text.para_text(para)
            if re.match(r"^Kính\s+gửi", chunk):
                spans.append((para.start, para.end))
                following = [p for p in text.paragraphs if p.start > para.start][:12]
                for p in following:
                    if text.para_text(p).startswith(("-", "+", "•")):
                        spans.append((p.start, p.end))
                    else:
                        break
    article = _AS_ARTICLE_RE.match(item.strip())
    ref = _SECTION_REF_RE.search(item)
    for top in document.sections:
        for section in top.walk():
            if article and section.label.lower() == article.group(1).lower():
                spans.append(section.span)
            elif ref and not article:
                wanted = ref.group("roman") + (f".{ref.group('inner').strip()}" if ref.group("inner") else "")
                if section.path == wanted:
                    # "Mục V" (Tổ chức thực hiện) points at the addressees its items are headed by
                    # ("6. Ban Quản lý khu Kinh tế", "8. Các sở, ban, ngành Tỉnh"), not at every
                    # body their tasks mention; a section without headed items is read whole.
                    titled = [c for c in section.children if c.title and find_mentions(c.title)]
                    if titled:
                        for child in titled:
                            head = text.text.find(child.title, child.span[0], child.span[1])
                            if head >= 0:
                                spans.append((head, head + len(child.title)))
                    else:
                        spans.append(section.span)
    found = []
    for a, b in spans:
        # The last article's section runs on through the signature and Nơi nhận itself.
        closing = re.compile(r"^\s*(?:Nơi\s+nhận|KT\.|TM\.|T/M\.)", re.MULTILINE).search(text.text, a, b)
        b = closing.start() if closing else b
        found.extend((s, n) for s, n in find_mentions(text.text[a:b], a))
    return found


def recipient_items(document: Document) -> list[tuple[int, str]]:
    """(offset, text) of each Nơi nhận item in the normalized text."""
    text = document.text.text
    toned = normalize_tone_placement(text)  # "Uỷ" -> "Ủy", same length
    if len(toned) != len(text):
        toned = text
    out = []
    for item in document.header.recipients:
        if _FILE_COPY_RE.match(item):
            continue  # "Lưu VPĐĐQH, Vụ KHCNMT": the issuer's file copies, sent to no one
        idx = text.rfind(item)
        if idx == -1:
            # The header's line may be wrapped in the text ("Ban xây dựng Đảng,\nVP Đảng uỷ")
            # or spelled "Uỷ": match word by word, offsets of the text.
            pattern = r"\s+".join(re.escape(w) for w in normalize_tone_placement(item).split())
            found = list(re.finditer(pattern, toned))
            if found:
                out.append((found[-1].start(), text[found[-1].start():found[-1].end()]))
            continue
        out.append((idx, item))
    return out
