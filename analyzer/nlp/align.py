"""Map offsets of the normalized text back onto the text it was made from.

normalize() reflows lines, drops page numbers and running headers, and rewrites some
characters (NFC, ``hoá`` -> ``hóa``, glyph fixes), so a span of the normalized text is not a
span of the input. The two texts share almost all their words in the same order: words are
matched with difflib, characters inside matched words one to one, and the few rewritten
words character by character. Normalized characters with no counterpart (inserted spaces,
text the reader re-ordered) map to nothing, and a span maps to the input characters of its
first and last mapped characters.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

_WORD = re.compile(r"\S+")


class OffsetMap:
    """``source`` offsets for the characters of ``target`` (``None``: identical texts)."""

    def __init__(self, source: str, target: str):
        self.identical = source == target
        self._to_source: list[int] = [] if self.identical else _align(source, target)

    def span(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """The input span of target span ``[start, end)``, or None when nothing maps."""
        if self.identical:
            return start, end
        inside = self._to_source[start:end]
        first = next((x for x in inside if x >= 0), None)
        last = next((x for x in reversed(inside) if x >= 0), None)
        if first is None or last is None or last < first:
            return None
        return first, last + 1


def _align(source: str, target: str) -> list[int]:
    to_source = [-1] * len(target)
    src = list(_WORD.finditer(source))
    tgt = list(_WORD.finditer(target))
    for op, i1, i2, j1, j2 in _word_opcodes([m.group() for m in src], [m.group() for m in tgt]):
        if op == "equal":
            for s, t in zip(src[i1:i2], tgt[j1:j2]):
                for k in range(t.end() - t.start()):
                    to_source[t.start() + k] = s.start() + k
        elif i2 > i1 and j2 > j1:
            _align_chars(src[i1:i2], tgt[j1:j2], to_source)
    return to_source


def _word_opcodes(a: list[str], b: list[str]):
    """difflib-style ``(op, i1, i2, j1, j2)`` for two nearly equal word lists, in linear time:
    equal runs are walked, and after a difference the nearest shared word trigram resumes
    the walk (SequenceMatcher over a 30,000-word document takes seconds)."""
    i = j = 0
    while i < len(a) and j < len(b):
        start_i, start_j = i, j
        while i < len(a) and j < len(b) and a[i] == b[j]:
            i, j = i + 1, j + 1
        if i > start_i:
            yield "equal", start_i, i, start_j, j
            continue
        resume = _resync(a, b, i, j, 48) or _resync(a, b, i, j, 4096)
        if resume is None:
            break
        yield "replace", i, resume[0], j, resume[1]
        i, j = resume
    if i < len(a) or j < len(b):
        yield "replace", i, len(a), j, len(b)


def _resync(a: list[str], b: list[str], i: int, j: int, window: int):
    """The nearest ``(i', j')`` past a difference where three words agree again."""
    first: dict[tuple[str, ...], int] = {}
    for q in range(j, min(len(b) - 2, j + window)):
        first.setdefault(tuple(b[q:q + 3]), q)
    best = None
    for p in range(i, min(len(a) - 2, i + window)):
        if best is not None and p - i >= (best[0] - i) + (best[1] - j):
            break  # no later p can come closer
        q = first.get(tuple(a[p:p + 3]))
        if q is not None and (p, q) != (i, j) and (best is None or p + q < sum(best)):
            best = (p, q)
    return best


def _align_chars(src: list[re.Match], tgt: list[re.Match], to_source: list[int]) -> None:
    """Rewritten words (tone marks moved, a symbol re-joined): their non-space characters,
    one to one when the lengths agree, else by a character diff."""
    s_pos = [m.start() + k for m in src for k in range(m.end() - m.start())]
    t_pos = [m.start() + k for m in tgt for k in range(m.end() - m.start())]
    if len(s_pos) == len(t_pos):
        for s, t in zip(s_pos, t_pos):
            to_source[t] = s
        return
    s_chars = "".join(m.group() for m in src)
    t_chars = "".join(m.group() for m in tgt)
    if len(s_chars) * len(t_chars) > 4_000_000:
        return  # a large re-ordered block: leave it unmapped rather than stall
    matcher = SequenceMatcher(None, s_chars, t_chars, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("equal", "replace"):
            # Unequal replacements (a decomposed accent, ``Uỷ`` -> ``Ủy``): clamp into the block.
            for k in range(b2 - b1):
                to_source[t_pos[b1 + k]] = s_pos[min(a1 + k, a2 - 1)]
