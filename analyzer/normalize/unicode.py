"""Character-level repair: NFC, wrong glyph mappings (data/glyph_fixes.yaml), tone marks."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_yaml
from ..vietnamese import normalize_tone_placement


@dataclass(frozen=True)
class GlyphFix:
    name: str
    table: dict[int, str]
    when: re.Pattern | None


@lru_cache(maxsize=None)
def glyph_fixes() -> tuple[GlyphFix, ...]:
    fixes = []
    for entry in load_yaml("glyph_fixes.yaml")["fixes"]:
        when = re.compile(entry["when"]) if entry.get("when") else None
        fixes.append(GlyphFix(entry["name"], str.maketrans(entry["map"]), when))
    return tuple(fixes)


def apply_glyph_fixes(text: str) -> str:
    # Conditions are tested on the text as it arrived, before any fix removes the signature.
    active = [fix for fix in glyph_fixes() if fix.when is None or fix.when.search(text)]
    for fix in active:
        text = text.translate(fix.table)
    return text


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200c\u200d\u2060]")


def clean_characters(text: str) -> str:
    """NFC, glyph repairs, no control characters, one tone-mark convention."""
    text = unicodedata.normalize("NFC", text)
    text = apply_glyph_fixes(text)
    text = _CONTROL_RE.sub("", text)
    return normalize_tone_placement(text)
