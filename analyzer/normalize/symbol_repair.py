"""Document symbols and dates repaired after OCR: ``04/2016/T1-BNNPTNT`` -> ``TT-BNNPTNT``,
``20/GĐĐN-SB`` -> ``GĐN-SB``, ``123/HDANN`` -> ``HD-NN``, ``0l/4/2024`` -> ``01/4/2024``.

A symbol's code parts are validated against the type abbreviations (data/doc_types.yaml),
the issuer codes (data/symbol_issuers.tsv), the extra codes of data/ocr_symbols.yaml and the
parts of the other symbols in the same document; an unknown part is replaced when exactly
one repair (the confusions of data/ocr_symbols.yaml, two edits at most) makes it known.
Text layers are what their authors typed: there only malformed parts (a digit or a stray
character inside a type code) are repaired, and dates are left alone.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..data import load_tsv, load_yaml

# Codes are capitals and digits ("TTg", "TTr", "CTr", "QyĐ" end in small letters); OCR adds
# "l", "|" and "'". Separators stay on one line.
_PART = r"[A-ZĐÐ0-9|][A-ZĐÐ0-9&|'lgry]*"
_SEP = r"[ \t]*[/\-–—][ \t]*"
# A number (digits, perhaps OCR letters among them, "24.6" in companies' letters), then code
# parts. Dates and ranges ("25/6/2015", "2021-2025") have no letter part and are skipped.
_TOKEN_RE = re.compile(
    rf"(?<![\w/.\-])(?P<num>[0-9lIO|]*\d[0-9lIO|]*(?:\.\d+)?[a-z]?)(?P<rest>(?:{_SEP}{_PART}){{1,8}})(?![\w])"
)
_PIECE_RE = re.compile(rf"(?P<sep>{_SEP})(?P<part>{_PART})")
_NUMBERED_CODE_RE = re.compile(r"(?:QH|UBTVQH|ĐĐQH)\d{1,2}")
_WELL_FORMED_RE = re.compile(r"[A-ZĐ][A-ZĐ0-9&]*(?:g|r|yĐ)?")
_TYPE_WORD_WINDOW = 40


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_yaml("ocr_symbols.yaml")
    types_data = load_yaml("doc_types.yaml")["types"]
    types = {part for t in types_data for s in t.get("symbols", []) for part in s.split("-")}
    issuers = {row[0] for row in load_tsv("symbol_issuers.tsv")}
    extra = set(data["codes"])
    by_name = {}
    for t in types_data:
        for name in [t["name"], *t.get("aliases", [])]:
            by_name[name.lower()] = [s for s in t.get("symbols", []) if "-" not in s]
    names = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    return {
        "letters": [(e["wrong"], e["right"]) for e in data["letters"]],
        "strays": set(data["strays"]),
        "hyphens": set(data["hyphens"]),
        "digits": str.maketrans(data["digits"]),
        "digit_chars": "".join(data["digits"]),
        "types": frozenset(types),
        "issuers": frozenset(issuers | extra),
        "type_word": re.compile(rf"(?i)(?<!\w)({names})\s+(?:số\s*:?\s*)?$"),
        "by_name": by_name,
    }


def _known(part: str, slot: int) -> bool:
    rules = _rules()
    if _NUMBERED_CODE_RE.fullmatch(part) or part in rules["issuers"]:
        return True
    return slot == 0 and part in rules["types"]


def _edits(part: str) -> tuple[set[str], set[str]]:
    """The strings one confusion away from ``part``: (letters replaced, characters dropped)."""
    rules = _rules()
    replaced, dropped = set(), set()
    for i in range(len(part)):
        for wrong, right in rules["letters"]:
            if part.startswith(wrong, i):
                replaced.add(part[:i] + right + part[i + len(wrong):])
        if part[i] in rules["strays"] or (i + 1 < len(part) and part[i] == part[i + 1]):
            dropped.add(part[:i] + part[i + 1:])
    dropped.discard("")
    return replaced, dropped


@lru_cache(maxsize=4096)
def _candidates(part: str, slot: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(known repairs at the smallest number of edits, every string within two edits).
    One edit before two, and a replaced letter before a dropped one ("QHl5": QH15, not QH5)."""
    replaced, dropped = _edits(part)
    first = replaced | dropped
    second = set()
    for p in first:
        second |= set().union(*_edits(p))
    for level in (replaced, dropped, second):
        known = sorted(p for p in level if _known(p, slot))
        if known:
            return tuple(known), tuple(sorted(first | second))
    return (), tuple(sorted(first | second))


def _split(part: str, attested: Counter) -> str | None:
    """A lost hyphen: ``QĐUBND`` -> ``QĐ-UBND``, ``HDANN`` -> ``HD-NN`` (type code first)."""
    rules = _rules()
    for k in range(len(part) - 1, 1, -1):
        left, right = part[:k], part[k:]
        if left not in rules["types"]:
            continue
        if _known(right, 1):
            return f"{left}-{right}"
        rest = right[1:]
        plausible = _known(rest, 1) or attested[rest] or (rest.isalpha() and rest.isupper())
        if right[0] in rules["hyphens"] and len(rest) >= 2 and plausible:
            return f"{left}-{rest}"
    return None


def _malformed(part: str, slot: int) -> bool:
    if not _WELL_FORMED_RE.fullmatch(part):
        return True
    return slot == 0 and any(c.isdigit() for c in part) and not _NUMBERED_CODE_RE.fullmatch(part)


def repair_part(part: str, slot: int, ocr: bool, attested: Counter | None = None,
                expected: tuple[str, ...] = ()) -> str:
    """The code ``part`` at position ``slot`` (0: right after the number/year) repaired, or as is."""
    attested = attested if attested is not None else Counter()
    if _known(part, slot) or not (ocr or _malformed(part, slot)):
        return part
    known, near = _candidates(part, slot)
    if slot == 0 and expected:  # the type word before the symbol decides ("Nghị định số ... NB-CP")
        hit = [e for e in expected if e in known or e in near or _one_substitution(part, e)]
        if len(hit) == 1:
            return hit[0]
    if len(known) == 1:
        return known[0]
    if not ocr:
        return part
    # The reading the document's other symbols give, when it is at least as frequent.
    seen = [p for p in near if attested[p] >= max(1, attested[part]) and p != part]
    if len(seen) == 1 and not known:
        return seen[0]
    if slot == 0 and not known:
        return _split(part, attested) or part
    return part


def _one_substitution(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _digits(text: str, least: int = 1) -> str:
    """OCR letters in a run that must be digits replaced, when enough real digits vouch for it."""
    rules = _rules()
    if sum(c.isdigit() for c in text) < least or not any(c in rules["digit_chars"] for c in text):
        return text
    fixed = text.translate(rules["digits"])
    return fixed if fixed.isdigit() else text


def _pieces(rest: str) -> list[re.Match]:
    return list(_PIECE_RE.finditer(rest))


def symbol_parts(text: str) -> Counter:
    """How often each code part occurs in the symbols of ``text``."""
    counts = Counter()
    for match in _TOKEN_RE.finditer(text):
        for piece in _pieces(match.group("rest")):
            if any(c.isalpha() for c in piece.group("part")):
                counts[piece.group("part")] += 1
    return counts


def _repair_token(match: re.Match, text: str, ocr: bool, attested: Counter) -> str:
    rules = _rules()
    pieces = _pieces(match.group("rest"))
    parts = [p.group("part") for p in pieces]
    if not any(any(c.isalpha() for c in p) for p in parts):
        return match.group(0)  # a date or a range
    number = _digits(match.group("num"))
    out, slot = [number], 0
    before = text[max(0, match.start() - _TYPE_WORD_WINDOW):match.start()]
    word = rules["type_word"].search(before)
    expected = tuple(rules["by_name"].get(word.group(1).lower(), ())) if word else ()
    for i, piece in enumerate(pieces):
        sep, part = piece.group("sep"), piece.group("part")
        if ocr:
            sep = re.sub(r"[–—]", "-", sep)
        if i == 0 and re.fullmatch(r"[12][0-9OolI|]{3}", part) and sum(c.isdigit() for c in part) >= 2:
            out.append(sep + _digits(part, 2))  # the year of a normative symbol
            continue
        if part.isdigit():
            out.append(sep + part)
            continue
        out.append(sep + repair_part(part, slot, ocr, attested, expected))
        slot += 1
    return "".join(out)


_DATE_CHARS = r"[0-9lIO|oU]"
_NUMERIC_DATE_RE = re.compile(
    rf"(?<![\w/.])(?P<d>{_DATE_CHARS}{{1,2}})(?P<s1>\s*/\s*)(?P<m>{_DATE_CHARS}{{1,2}})(?P<s2>\s*/\s*)"
    rf"(?P<y>[12][0-9lIO|o]{{3}})(?![\w/])"
)
_WORDED_DATE_RE = re.compile(
    rf"(?P<lead>ngày\s*)(?P<d>{_DATE_CHARS}{{1,2}})(?P<s1>[_.,]?\s*tháng\s*)(?P<m>{_DATE_CHARS}{{1,2}})"
    rf"(?P<s2>\s*năm\s*)(?P<y>[12][0-9lIO|o]{{3}})(?!\w)",
    re.IGNORECASE,
)


def _repair_date(match: re.Match) -> str:
    groups = match.groupdict()
    # "ngày U6_ tháng": the mark after the day goes with the misreading.
    return (groups.get("lead") or "") + _digits(groups["d"]) + groups["s1"].lstrip("_.,") + _digits(groups["m"]) \
        + groups["s2"] + _digits(groups["y"], 2)


def repair_symbols(text: str, ocr: bool, attested: Counter | None = None) -> str:
    """Symbols (and, for OCR'd text, dates) of ``text`` repaired. ``attested``: the code parts
    of the whole document (``symbol_parts``), so that one page's misreading is checked against
    the symbols of the others."""
    attested = attested if attested is not None else symbol_parts(text)
    text = _TOKEN_RE.sub(lambda m: _repair_token(m, text, ocr, attested), text)
    if ocr:
        text = _NUMERIC_DATE_RE.sub(_repair_date, text)
        text = _WORDED_DATE_RE.sub(_repair_date, text)
    return text


def examples() -> list[dict]:
    return load_yaml("ocr_symbols.yaml")["examples"]


__all__ = ["repair_symbols", "repair_part", "symbol_parts", "examples"]
