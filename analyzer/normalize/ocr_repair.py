"""Repairs for OCR'd text: the misreadings in data/ocr_confusions.tsv, case-preserving.

Only pages that came from OCR go through here (ingest calls it): a text layer's "kiêm" is
what its author typed; an OCR'd "kiêm tra" is a tone mark Tesseract lost.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_tsv


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern, dict[str, str]]:
    table: dict[str, str] = {}
    for wrong, right, _example in load_tsv("ocr_confusions.tsv"):
        table[wrong] = right
        if wrong == wrong.lower():  # also the Capitalised and UPPER-CASE forms
            table[wrong[:1].upper() + wrong[1:]] = right[:1].upper() + right[1:]
            table[wrong.upper()] = right.upper()
    # Whole words: no letter may follow an entry that ends in one ("Só:3036" still matches).
    alternation = "|".join(re.escape(w) + (r"(?!\w)" if w[-1].isalnum() else "")
                           for w in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})"), table


def repair_ocr(text: str) -> str:
    pattern, table = _table()
    return pattern.sub(lambda m: table[m.group(0)], text)
