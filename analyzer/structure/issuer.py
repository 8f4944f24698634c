"""The issuer block (top left): which body issues the document, its level and locality.

The block names a chain of bodies, most general first (``UBND TỈNH LÀO CAI`` /
``SỞ CÔNG THƯƠNG``). The issuer is the last, most specific body, completed with the
locality its parent gives, or with its whole parent when its own name means nothing alone
(``BAN THƯỜNG TRỰC`` of the commune's Mặt trận). Rules are data: data/issuers.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_tsv, load_yaml
from ..models import Issuer, Level
from ..vietnamese import fold, strip_tones


@dataclass(frozen=True)
class _Head:
    words: str
    level: str | None
    by_locality: bool
    attach_parent: bool
    within: tuple[tuple[str, str], ...] = ()  # parent level -> own level, named with the parent


@lru_cache(maxsize=None)
def _rules():
    data = load_yaml("issuers.yaml")
    heads = sorted(
        (_Head(h["words"], h.get("level"), bool(h.get("by_locality")), bool(h.get("attach_parent")),
               tuple((h.get("within") or {}).items()))
         for h in data["heads"]),
        key=lambda h: len(h.words), reverse=True,
    )
    localities = sorted(data["localities"], key=lambda x: len(x["words"]), reverse=True)
    casing = {fold(name): name for name in data["casing"]}
    central = {fold(c) for c in data["central_cities"]}
    return heads, localities, casing, central


def expand_abbreviations(text: str) -> str:
    """``UBND tỉnh`` -> ``Ủy ban nhân dân tỉnh``; longest abbreviations first."""
    return expand_with_map(text)[0]


@lru_cache(maxsize=None)
def _abbreviation_alternation() -> tuple[re.Pattern, dict[str, str]]:
    rows = sorted(load_tsv("abbreviations.tsv"), key=lambda r: len(r[0]), reverse=True)
    table = {r[0]: r[1] for r in rows}
    # Never inside a symbol: "05-CT/TW" keeps its CT.
    pattern = re.compile(rf"(?<![\w&/])(?:{'|'.join(re.escape(r[0]) for r in rows)})(?![\w&/])")
    return pattern, table


@dataclass
class OffsetMap:
    """Maps offsets of an expanded string back to the string it was expanded from."""

    segments: list[tuple[int, int, int, int, bool]]  # new start, new end, old start, old end, replaced

    def start(self, pos: int) -> int:
        for ns, ne, os_, oe, replaced in self.segments:
            if ns <= pos < ne or (pos == ne and ns == ne):
                return os_ if replaced else os_ + (pos - ns)
        return self.segments[-1][3] if self.segments else pos

    def end(self, pos: int) -> int:
        for ns, ne, os_, oe, replaced in self.segments:
            if ns < pos <= ne:
                return oe if replaced else os_ + (pos - ns)
        return self.start(pos)


def expand_with_map(text: str) -> tuple[str, OffsetMap]:
    """Expand abbreviations in one pass and keep the way back to the original offsets."""
    pattern, table = _abbreviation_alternation()
    out: list[str] = []
    segments = []
    pos = new = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            chunk = text[pos:m.start()]
            segments.append((new, new + len(chunk), pos, m.start(), False))
            out.append(chunk)
            new += len(chunk)
        repl = table[m.group(0)]
        segments.append((new, new + len(repl), m.start(), m.end(), True))
        out.append(repl)
        new += len(repl)
        pos = m.end()
    if pos < len(text) or not segments:
        segments.append((new, new + len(text) - pos, pos, len(text), False))
        out.append(text[pos:])
    return "".join(out), OffsetMap(segments)


def _key(text: str) -> str:
    # Tone marks dropped, vowel marks kept: SỞ (department) and SỐ (number) stay apart.
    return strip_tones(text).upper()


def _starts_with(text: str, words: str) -> bool:
    t, w = _key(text), _key(words)
    return t.startswith(w) and (len(t) == len(w) or not t[len(w)].isalnum())


def _head_of(line: str) -> _Head | None:
    heads, _, _, _ = _rules()
    return next((h for h in heads if _starts_with(line, h.words)), None)


def _locality_of(text: str) -> tuple[str | None, str | None, str | None]:
    """Return (locality word as written, place name, level) of the first locality in text."""
    _, localities, _, central = _rules()
    upper = text.upper()
    for loc in localities:
        match = re.search(rf"(?<!\w){re.escape(loc['words'])}\s+([^\W\d_][\w\s.'-]*?)\s*$|(?<!\w){re.escape(loc['words'])}\s+([^\W\d_][^,;]*)",
                          upper)
        if match:
            place = (match.group(1) or match.group(2)).strip()
            level = loc["level"]
            if loc["words"] in ("THÀNH PHỐ", "TP.", "TP") and fold(title_case(place)) not in central:
                level = "huyen"
            word = "thành phố" if loc["words"].startswith("TP") else loc["words"].lower()
            return word, title_case(place), level
    return None, None, None


def title_case(words: str) -> str:
    """Proper-noun casing for a place name: ``LƯƠNG MINH`` -> ``Lương Minh``."""
    return " ".join(w if any(c.isdigit() for c in w) else w[:1].upper() + w[1:].lower() for w in words.split())


def name_case(text: str) -> str:
    """Sentence casing for an upper-case body name, with known names and places kept right."""
    _, localities, casing, _ = _rules()
    if not text.isupper() and not any(c.isupper() for c in text[1:]):
        return text
    words = text.split()
    out = []
    for w in words:
        out.append(w if any(c.isdigit() for c in w) or "/" in w else w.lower())
    result = " ".join(out)
    if result:
        result = result[0].upper() + result[1:]
    # Known names keep their casing (Sở Công Thương, Ủy ban Mặt trận Tổ quốc Việt Nam).
    folded = fold(result)
    for key in sorted(casing, key=len, reverse=True):
        idx = folded.find(key)
        while idx != -1:
            if (idx == 0 or not folded[idx - 1].isalnum()) and (
                idx + len(key) == len(folded) or not folded[idx + len(key)].isalnum()
            ):
                result = result[:idx] + casing[key] + result[idx + len(key):]
            idx = folded.find(key, idx + len(key))
    # Place names after a locality word are proper nouns.
    for loc in localities:
        word = loc["words"].lower()
        result = re.sub(
            rf"(?<!\w)({re.escape(word)})\s+([^\W\d_][^,;]*)$",
            lambda m: f"{m.group(1)} {title_case(m.group(2))}", result,
        )
    return result


def split_bodies(lines: list[str]) -> list[str]:
    """Group issuer-block lines into bodies: a line without a head word continues the body
    above (``TỈNH LÀO CAI`` after ``ỦY BAN NHÂN DÂN``, ``THEO QUYẾT ĐỊNH`` ...)."""
    bodies: list[str] = []
    for line in lines:
        line = line.strip(" -–")
        if not line:
            continue
        joined_head = _head_of(expand_abbreviations(bodies[-1] + " " + line).upper()) if bodies else None
        if bodies and (_head_of(expand_abbreviations(line).upper()) is None
                       or (joined_head is not None and len(joined_head.words) > len(strip_tones(bodies[-1])))):
            # "ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI": one name broken over two lines.
            bodies[-1] += " " + line
        else:
            bodies.append(line)
    return bodies


_SPACED_LETTERS_RE = re.compile(r"\b(?:[^\W\d_] ){1,}[^\W\d_]\b")
_CO_ISSUER_SPLIT_RE = re.compile(r"\s+[-–]\s+")


def _despace(line: str) -> str:
    """Letter-spaced words of stamped headers: ``BỘ CÔNG A N`` -> ``BỘ CÔNG AN``."""
    return _SPACED_LETTERS_RE.sub(lambda m: m.group(0).replace(" ", ""), line)


def _co_issuers(lines: list[str]) -> list[str] | None:
    """Joint documents list several bodies side by side (``BỘ CÔNG AN - BỘ QUỐC PHÒNG``)."""
    parts = [p.strip(" -–") for line in lines for p in _CO_ISSUER_SPLIT_RE.split(line) if p.strip(" -–")]
    bodies = split_bodies(parts)
    if len(bodies) < 2 or not any(_CO_ISSUER_SPLIT_RE.search(line) for line in lines):
        return None
    heads = [_head_of(expand_abbreviations(b).upper()) for b in bodies]
    if all(h is not None and h.level in ("bo", "trung_uong") for h in heads):
        return bodies
    return None


@lru_cache(maxsize=None)
def _block_words() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(rf"(?<!\w){re.escape(w['words'])}(?!\w)"), w["full"])
                 for w in load_yaml("issuers.yaml").get("block_words", []))


def _body_level(body: str) -> str | None:
    """The level of one body of the block on its own (``UBND TỈNH LÀO CAI`` -> tinh)."""
    head = _head_of(body)
    _, _, loc_level = _locality_of(body)
    if head is not None and head.level and not (head.by_locality and loc_level):
        return head.level
    return loc_level or (head.level if head else None)


def issuer_from_block(lines: list[str], place: str | None = None) -> Issuer | None:
    """The issuer named by the issuer-block ``lines`` (top to bottom)."""
    lines = [_despace(line) for line in lines]
    for pattern, full in _block_words():
        lines = [pattern.sub(full, line) for line in lines]
    joint = _co_issuers(lines)
    if joint:
        names = [name_case(expand_abbreviations(b).upper()) for b in joint]
        levels = {_head_of(expand_abbreviations(b).upper()).level for b in joint}
        return Issuer(name=" - ".join(names), level=Level("bo" if "bo" in levels else "trung_uong"))
    bodies = [expand_abbreviations(b).upper() for b in split_bodies(lines)]
    bodies = [re.sub(r"\s+", " ", b).strip() for b in bodies if b.strip()]
    if not bodies:
        return None
    last = bodies[-1]
    head = _head_of(last)
    parent = bodies[-2] if len(bodies) > 1 else None
    loc_word, locality, loc_level = _locality_of(last)
    name = name_case(last)
    within = dict(head.within) if head is not None else {}
    if within and parent is not None and loc_word is None and _body_level(parent) in within:
        # "SỞ CÔNG THƯƠNG|PHÒNG ...": the office of its parent, at the level the parent gives
        _, p_locality, _ = _locality_of(parent)
        return Issuer(name=f"{name} {name_case(parent)}", level=Level(within[_body_level(parent)]), locality=p_locality)
    if loc_word is None and parent is not None:
        p_word, p_locality, p_level = _locality_of(parent)
        if head is not None and head.attach_parent:
            name = f"{name} {name_case(parent)}"
            loc_word, locality, loc_level = p_word, p_locality, p_level
        elif p_word is not None and (head is None or head.level in (None, "so", "phong") or head.by_locality):
            name = f"{name} {p_word} {p_locality}"
            loc_word, locality, loc_level = p_word, p_locality, p_level
    level = None
    if head is not None and head.level and not (head.by_locality and loc_level):
        level = head.level
    elif loc_level:
        level = loc_level
    elif head is not None and head.level:
        level = head.level
    if level is None:
        level = "other"
    return Issuer(name=name, level=Level(level), locality=locality)


_BODY_ISSUER_RE = re.compile(
    r"(?P<name>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ban Thường trực[^,.;]{0,60}?|Ủy ban MTTQ[^,.;]{0,40}?)"
    r"\s+(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố)\s+[A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*){0,3})"
    r"\s+(?:ban hành|xây dựng|triển khai|lập)\b"
)


# A Biên bản has no issuer block: "Hôm nay, ngày 29/6/2026, Sở Công Thương tiến hành kiểm tra".
_BODY_INSPECTOR_RE = re.compile(
    r"(?P<name>(?:Sở|Cục|Chi\s+cục|Phòng|Đoàn\s+kiểm\s+tra)(?:\s+[A-ZĐ]\w*){1,5})"
    r"\s+(?:đã\s+)?tiến\s+hành\s+(?:kiểm\s+tra|làm\s+việc|thanh\s+tra)"
)


def issuer_from_body(text: str) -> Issuer | None:
    """``UBND xã Hoằng Cát ban hành Kế hoạch ...``, ``Sở Công Thương tiến hành kiểm tra``: the
    issuer named in the opening text, for copies that lost their issuer block and Biên bản."""
    match = _BODY_ISSUER_RE.search(text) or _BODY_INSPECTOR_RE.search(text)
    if not match:
        return None
    issuer = issuer_from_block([match.group("name")])
    return issuer
