"""Cue phrases per activity type (data/activity_cues.yaml), matched on an item's text.

>>> sorted(cue_types("Tổ chức treo băng zôn và phướn trên trục đường chính của xã"))
['visual']
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_yaml

# The taxonomy's codes, in its order (../shared/design/taxonomy/activities.md).
LABELS: tuple[str, ...] = ("media", "loudspeaker", "online", "print", "visual", "production", "training", "meeting",
                           "contest", "dialogue", "campaign", "support", "survey", "guidance", "inspection",
                           "reporting", "funding", "reward")


@lru_cache(maxsize=None)
def cue_patterns() -> dict[str, re.Pattern]:
    entries = load_yaml("activity_cues.yaml")["types"]
    return {code: re.compile(rf"(?<!\w)(?:{'|'.join(entries[code]['cues'])})(?!\w)", re.IGNORECASE)
            for code in LABELS}


def cue_types(text: str) -> set[str]:
    """The types whose cues occur in ``text``."""
    return {code for code, pattern in cue_patterns().items() if pattern.search(text)}


def cue_matrix(texts: list[str]):
    """0/1 array (texts x LABELS): which types' cues each text carries."""
    import numpy as np

    patterns = cue_patterns()
    return np.array([[1 if patterns[code].search(t) else 0 for code in LABELS] for t in texts], dtype=np.int8)
