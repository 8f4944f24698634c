"""A syllable unigram + bigram language model for post-OCR correction (ocr_syllables.py).

Counts of lower-cased syllables and of adjacent pairs in the real texts of
``../shared/corpus/text`` (minus the held-out texts of data/ocr_syllables.yaml), stored as
``analyzer/data/syllable_lm.tsv.gz`` so that a clone without the shared corpus still corrects
OCR. Rebuild with ``kehoach train ocr-lm`` (or ``python -m analyzer.normalize.syllable_lm``).

Only words separated by nothing but whitespace make a pair: punctuation, digits and symbols
end a run, since a tone mark is predicted by the words of its own phrase. Tone marks are put
in one place (``hoá`` -> ``hóa``) as normalize does, so one syllable has one spelling.
"""
from __future__ import annotations

import gzip
import io
import math
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from ..data import load_yaml
from ..vietnamese import fold, normalize_tone_placement

LM_FILE = "syllable_lm.tsv.gz"
# A word (letters only) or one character that ends a run of words.
TOKEN_RE = re.compile(r"[^\W\d_]+|\S")


def canonical(word: str) -> str:
    """The LM's spelling of a word: NFC, lower case, tone mark in the current place."""
    return normalize_tone_placement(unicodedata.normalize("NFC", word).lower())


def runs(text: str) -> Iterator[list[str]]:
    """Runs of words with only whitespace between them, canonical spelling."""
    run: list[str] = []
    for match in TOKEN_RE.finditer(unicodedata.normalize("NFC", text)):
        token = match.group(0)
        if token[0].isalpha():
            run.append(canonical(token))
        elif run:
            yield run
            run = []
    if run:
        yield run


def count(texts: Iterable[str]) -> tuple[Counter, Counter]:
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    for text in texts:
        for run in runs(text):
            unigrams.update(run)
            bigrams.update(zip(run, run[1:]))
    return unigrams, bigrams


def corpus_texts(text_dir: Path) -> list[Path]:
    """The corpus texts the LM may learn from: all but the held-out ones."""
    held_out = set(load_yaml("ocr_syllables.yaml")["held_out"])
    return sorted(p for p in Path(text_dir).glob("*.txt") if p.stem not in held_out)


def build(text_dir: Path, output: Path) -> dict:
    """Count the corpus texts and write the LM file; returns what was counted."""
    paths = corpus_texts(text_dir)
    unigrams, bigrams = count(p.read_text(encoding="utf-8", errors="replace") for p in paths)
    lines = [
        f"# Syllable unigram and bigram counts for post-OCR correction (kehoach train ocr-lm).",
        f"# {len(paths)} texts of shared/corpus/text, held-out texts of ocr_syllables.yaml excluded;",
        f"# {sum(unigrams.values())} syllables, {len(unigrams)} distinct, {len(bigrams)} distinct pairs.",
        "# Rows: syllable<TAB>count, then first second<TAB>count (lower case, canonical tone place).",
    ]
    lines += [f"{w}\t{n}" for w, n in sorted(unigrams.items(), key=lambda kv: (-kv[1], kv[0]))]
    lines += [f"{a} {b}\t{n}" for (a, b), n in sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))]
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same corpus gives the same bytes, so a rebuild shows no spurious diff.
    with open(output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    return {"texts": len(paths), "syllables": sum(unigrams.values()), "distinct": len(unigrams),
            "pairs": len(bigrams), "bytes": output.stat().st_size, "output": str(output)}


class SyllableLM:
    """Smoothed log-probabilities of a syllable alone and after another one."""

    def __init__(self, unigrams: dict[str, int], bigrams: dict[tuple[str, str], int],
                 bigram_floor: float, unigram_delta: float, inventory: int):
        self.unigrams, self.bigrams = unigrams, bigrams
        self.total = sum(unigrams.values())
        self.after: dict[str, int] = defaultdict(int)  # how often a word has a right neighbour
        self.followers: dict[str, int] = defaultdict(int)  # how many different ones
        for (a, _), n in bigrams.items():
            self.after[a] += n
            self.followers[a] += 1
        self.floor, self.delta = bigram_floor, unigram_delta
        self.denominator = self.total + unigram_delta * inventory
        # Words by their letters without any mark: the candidates of one OCR reading.
        self.by_skeleton: dict[str, list[str]] = defaultdict(list)
        for word in unigrams:
            self.by_skeleton[fold(word)].append(word)

    def count(self, word: str) -> int:
        return self.unigrams.get(word, 0)

    def p1(self, word: str) -> float:
        return (self.unigrams.get(word, 0) + self.delta) / self.denominator

    def pair(self, left: str, word: str) -> int:
        return self.bigrams.get((left, word), 0)

    def logp(self, word: str, left: str | None) -> float:
        """log P(word | left word): Witten-Bell interpolation with the unigram (the more
        different words follow ``left``, the more an unseen pair is believed), never less
        than ``bigram_floor`` of it: a small corpus has not seen most pairs. Left None: unigram."""
        p1 = self.p1(word)
        after = self.after.get(left, 0) if left is not None else 0
        if not after:
            return math.log(p1)
        followers = self.followers[left]
        weight = max(self.floor, followers / (followers + after))
        return math.log((1 - weight) * self.bigrams.get((left, word), 0) / after + weight * p1)


def read_counts(data: bytes) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    unigrams: dict[str, int] = {}
    bigrams: dict[tuple[str, str], int] = {}
    for line in io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(data)), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        key, n = line.rstrip("\n").split("\t")
        if " " in key:
            a, b = key.split(" ")
            bigrams[(a, b)] = int(n)
        else:
            unigrams[key] = int(n)
    return unigrams, bigrams


@lru_cache(maxsize=1)
def load_lm() -> SyllableLM:
    """The shipped LM (analyzer/data/syllable_lm.tsv.gz), loaded once."""
    data = resources.files("analyzer.data").joinpath(LM_FILE).read_bytes()
    unigrams, bigrams = read_counts(data)
    decision = load_yaml("ocr_syllables.yaml")["decision"]
    return SyllableLM(unigrams, bigrams, decision["bigram_floor"], decision["unigram_delta"],
                      decision["syllable_inventory"])


def default_output() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / LM_FILE


if __name__ == "__main__":  # python -m analyzer.normalize.syllable_lm [TEXT_DIR]
    import sys

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared" / "corpus" / "text"
    print(build(source, default_output()))
