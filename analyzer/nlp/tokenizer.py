"""A spaCy tokenizer that wraps underthesea's ``word_tokenize`` and stays lossless.

spaCy's own Vietnamese tokenizer wants pyvi (not a dependency). underthesea segments words
(``Thanh Hóa``, ``giảm nghèo``) but returns strings, not offsets, so each word is aligned
back onto the original text syllable by syllable:

- ``doc.text == text`` for every input: whitespace after a word is a single trailing space
  (spaCy's ``spaces``) or a whitespace-only token (``"\\n"``, ``"  "``), as spaCy does;
- a word never spans a line break: lines are segmented one at a time;
- characters underthesea leaves out or rewrites still become tokens (split on whitespace),
  so nothing is lost.

``use_token_normalize=False`` keeps underthesea from rewriting tone marks (``hoá``), which
would stop its syllables matching the text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

# What ends a line for us: the characters str.splitlines() breaks on.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_NONSPACE = re.compile(r"\S+")


def _segment(line: str) -> list[str]:
    from underthesea import word_tokenize

    return word_tokenize(line, use_token_normalize=False)


def word_offsets(text: str, segment: Callable[[str], list[str]] = _segment) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every word of ``text``, in order, covering all non-space characters."""
    for line in _LINE.finditer(text):
        if line.group().strip():
            yield from _line_offsets(line.group(), line.start(), segment)


def _line_offsets(line: str, base: int, segment) -> Iterator[tuple[int, int]]:
    pos = 0
    for word in segment(line):
        placed: list[tuple[int, int]] = []
        for syllable in word.split():
            at = line.find(syllable, pos)
            if at == -1:
                continue  # rewritten by underthesea: its characters are picked up as a gap
            gap = line[pos:at]
            if gap.strip():
                # Text the segmenter skipped: flush the word so far, then the gap's pieces.
                yield from _merge(placed, base)
                placed = []
                for piece in _NONSPACE.finditer(gap):
                    yield base + pos + piece.start(), base + pos + piece.end()
            placed.append((at, at + len(syllable)))
            pos = at + len(syllable)
        yield from _merge(placed, base)
    for piece in _NONSPACE.finditer(line, pos):
        yield base + piece.start(), base + piece.end()


def _merge(syllables: list[tuple[int, int]], base: int) -> Iterator[tuple[int, int]]:
    """One word from its syllables (only whitespace lies between them: same line)."""
    if syllables:
        yield base + syllables[0][0], base + syllables[-1][1]


def words_and_spaces(text: str, offsets) -> tuple[list[str], list[bool]]:
    """spaCy's ``words``/``spaces`` for word offsets: gaps become a trailing space or a
    whitespace token, so the Doc's text is ``text`` exactly."""
    words: list[str] = []
    spaces: list[bool] = []

    def gap(chunk: str) -> None:
        if not chunk:
            return
        if words and not spaces[-1] and not words[-1].isspace() and chunk[0] == " ":
            spaces[-1] = True
            chunk = chunk[1:]
        if chunk:
            words.append(chunk)
            spaces.append(False)

    pos = 0
    for start, end in offsets:
        gap(text[pos:start])
        words.append(text[start:end])
        spaces.append(False)
        pos = end
    gap(text[pos:])
    return words, spaces


def split_words(doc: Doc, cuts) -> Doc:
    """``doc`` re-tokenized so that no word straddles a cut (an item boundary: underthesea
    may join ``xã giao`` across ``UBND xã`` + ``giao ...``); the same Doc when none does.
    Only for a Doc with nothing but tokens and extension values (they are carried over)."""
    cuts = sorted(set(cuts))
    offsets: list[tuple[int, int]] = []
    changed = False
    text = doc.text
    for token in doc:
        if token.is_space:
            continue
        start, end = token.idx, token.idx + len(token.text)
        at = bisect_right(cuts, start)
        inner = []
        while at < len(cuts) and cuts[at] < end:
            inner.append(cuts[at])
            at += 1
        if not inner:
            offsets.append((start, end))
            continue
        changed = True
        for a, b in zip([start, *inner], [*inner, end]):
            piece = text[a:b]
            a, b = a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())
            if a < b:
                offsets.append((a, b))
    if not changed:
        return doc
    words, spaces = words_and_spaces(text, offsets)
    new = Doc(doc.vocab, words=words, spaces=spaces)
    new.user_data.update(doc.user_data)
    return new


class UndertheseaTokenizer:
    """Callable ``text -> Doc`` for ``nlp.tokenizer`` (serialization: nothing to save)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text, word_offsets(text))
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "UndertheseaTokenizer":
        return self


@registry.tokenizers("kehoach.underthesea_tokenizer.v1")
def create_tokenizer() -> Callable[[Language], UndertheseaTokenizer]:
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make
