"""Cue phrases per activity type (data/activity_cues.yaml), matched on an item's text.

Each type has ``cues`` (the classifier labels the item when one occurs and its probability
reaches the tuned ``t_cue``) and may have ``strong_cues``: names that by the guideline's
definition settle the type on their own ("Trang thông tin điện tử", "mạng xã hội" are
`online`), so the type is given whenever one occurs. The cues found in an item's first
``HEAD_CHARS`` characters (its main action: "Tổ chức tập huấn ...", "Báo cáo kết quả ...")
are also features of the model (model.py).

>>> sorted(cue_types("Tổ chức treo băng zôn và phướn trên trục đường chính của xã"))
['visual']
>>> sorted(strong_types("Phát triển hoạt động của Trang thông tin điện tử của xã"))
['online']
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_yaml

# The taxonomy's codes, in its order (../shared/design/taxonomy/activities.md).
LABELS: tuple[str, ...] = ("media", "loudspeaker", "online", "print", "visual", "production", "training", "meeting",
                           "contest", "dialogue", "campaign", "support", "survey", "guidance", "inspection",
                           "reporting", "funding", "reward")


HEAD_CHARS = 40  # an item's head: where its main action is written


def _compile(cues: list[str]) -> re.Pattern:
    # Cues are written in lower case and matched on lower-cased text: the same matches as
    # re.IGNORECASE, nearly twice as fast.
    return re.compile(rf"(?<!\w)(?:{'|'.join(cues)})(?!\w)")


@lru_cache(maxsize=None)
def cue_patterns() -> dict[str, re.Pattern]:
    entries = load_yaml("activity_cues.yaml")["types"]
    return {code: _compile(entries[code]["cues"]) for code in LABELS}


@lru_cache(maxsize=None)
def strong_patterns() -> dict[str, re.Pattern]:
    """Types with ``strong_cues`` only."""
    entries = load_yaml("activity_cues.yaml")["types"]
    return {code: _compile(entries[code]["strong_cues"]) for code in LABELS if entries[code].get("strong_cues")}


@lru_cache(maxsize=None)
def type_names() -> dict[str, str]:
    """Each type's name in reports ("training" -> "tập huấn"): users read Vietnamese."""
    entries = load_yaml("activity_cues.yaml")["types"]
    return {code: entries[code]["name"] for code in LABELS}


def cue_types(text: str) -> set[str]:
    """The types whose cues (or strong cues) occur in ``text``."""
    lower = text.lower()
    found = {code for code, pattern in cue_patterns().items() if pattern.search(lower)}
    return found | strong_types(text)


def strong_types(text: str) -> set[str]:
    """The types whose strong cues occur in ``text``."""
    lower = text.lower()
    return {code for code, pattern in strong_patterns().items() if pattern.search(lower)}


def cue_matrix(texts: list[str]):
    """0/1 array (texts x LABELS): which types' cues (or strong cues) each text carries."""
    import numpy as np

    patterns, strong = cue_patterns(), strong_patterns()
    lowered = [t.lower() for t in texts]
    return np.array([[1 if patterns[code].search(t) or (code in strong and strong[code].search(t)) else 0
                      for code in LABELS] for t in lowered], dtype=np.int8).reshape(-1, len(LABELS))


def strong_matrix(texts: list[str]):
    """0/1 array (texts x LABELS): which types' strong cues each text carries."""
    import numpy as np

    strong = strong_patterns()
    return np.array([[1 if code in strong and strong[code].search(t) else 0 for code in LABELS]
                     for t in (t.lower() for t in texts)], dtype=np.int8).reshape(-1, len(LABELS))
