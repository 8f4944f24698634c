"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times fonts).

Two situations occur: a file whose *bytes* are TCVN3/VNI (handled by ingest), and Unicode
text that carries TCVN3/VNI code points because it was typed in a legacy font and saved
as Unicode ("Céng hßa" for "Cộng hòa"). The tables live in ``analyzer/data/legacy/``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_tsv
from ..vietnamese import text_quality


@lru_cache(maxsize=None)
def _tcvn3_table() -> dict[int, str]:
    return {int(code, 16): char for code, char in load_tsv("legacy/tcvn3.tsv")}


@lru_cache(maxsize=None)
def _vni_pattern() -> tuple[re.Pattern, dict[str, str]]:
    table = {seq: char for seq, char in load_tsv("legacy/vni.tsv")}
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


def decode_tcvn3_bytes(data: bytes) -> str:
    table = _tcvn3_table()
    return "".join(table.get(b, chr(b)) for b in data)


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 code points seen as Latin-1 characters -> Unicode."""
    table = _tcvn3_table()
    return "".join(table.get(ord(ch), ch) if ord(ch) < 256 else ch for ch in text)


def vni_to_unicode(text: str) -> str:
    pattern, table = _vni_pattern()
    return pattern.sub(lambda m: table[m.group(0)], text)


def unicode_to_tcvn3(text: str) -> bytes:
    """Inverse of :func:`decode_tcvn3_bytes` (for tests and fixtures); capitals VN3 lacks
    are written with the lowercase code, as the .VnTimeH fonts do."""
    inverse = {char: code for code, char in _tcvn3_table().items()}
    out = bytearray()
    for ch in text:
        code = inverse.get(ch, inverse.get(ch.lower()))
        if code is None:
            code = ord(ch) if ord(ch) < 128 else ord("?")
        out.append(code)
    return bytes(out)


def unicode_to_vni(text: str) -> str:
    _, table = _vni_pattern()
    inverse = {char: seq for seq, char in table.items()}
    return "".join(inverse.get(ch, ch) for ch in text)


_LEGACY_HINT_RE = re.compile(r"[\u00a1-\u00ff]")


def detect_legacy_text(text: str) -> str | None:
    """Return ``"tcvn3"`` or ``"vni"`` when Unicode text reads far better converted."""
    sample = text[:20000]
    if len(_LEGACY_HINT_RE.findall(sample)) < 20:
        return None
    base = text_quality(sample).score
    best, best_score = None, base
    for name, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        score = text_quality(convert(sample)).score
        if score > best_score + 0.3:
            best, best_score = name, score
    return best


def convert_legacy_text(text: str, encoding: str) -> str:
    return tcvn3_to_unicode(text) if encoding == "tcvn3" else vni_to_unicode(text)
