"""Character error rate, whitespace-insensitive, as OCR quality is reported (issue 4).

CER = edit distance between the two texts with all whitespace removed, divided by the
reference length. Layout (line breaks, column order, spaces) does not count; every
substituted, lost or extra letter and diacritic does.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def cer(hypothesis: str, reference: str) -> float:
    ref, hyp = _squeeze(reference), _squeeze(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(hyp, ref) / len(ref)
