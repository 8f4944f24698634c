"""The activity corpus (corpora/activities): gold items, their place in the normalized text
of their document, the document-level split, and how segments are matched to gold items.

Used by training (train.py), the benchmark and the tests; never at analysis time.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Document, Span
from ..normalize.unicode import clean_characters

REPO = Path(__file__).resolve().parent.parent.parent
CORPUS = REPO / "corpora" / "activities"
SEEDS = REPO / "corpora" / "seeds"
SHARED_TEXT = REPO.parent / "shared" / "corpus" / "text"
TRUNCATED = 395  # gold texts stop at 400 characters (GUIDELINE.md)


@dataclass
class GoldItem:
    text: str
    section: str | None
    types: list[str]
    span: Span | None = None  # located in the document's normalized text


@dataclass
class GoldDocument:
    stem: str
    items: list[GoldItem]
    split: str = "train"
    level: str = ""
    document: Document | None = field(default=None, repr=False)


def source_path(stem: str, shared_text: Path = SHARED_TEXT) -> Path:
    seed = SEEDS / f"{stem}.txt"
    return seed if seed.exists() else shared_text / f"{stem}.txt"


def read_split(corpus: Path = CORPUS) -> dict[str, tuple[str, str]]:
    """stem -> (split, level) from SPLIT.tsv."""
    out = {}
    path = corpus / "SPLIT.tsv"
    if not path.exists():
        return out  # every document trains
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        stem, split, level = line.split("\t")[:3]
        if stem != "stem":
            out[stem] = (split, level)
    return out


def split_stems(corpus: Path, split_only: str | None = None) -> list[str]:
    """The annotated documents of ``corpus`` (of one split, "train" or "test", when given)."""
    split = read_split(corpus)
    return [path.stem for path in sorted(corpus.glob("*.jsonl"))
            if not split_only or split.get(path.stem, ("train", ""))[0] == split_only]


def read_items(path: Path) -> list[GoldItem]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            items.append(GoldItem(raw["text"], raw.get("section"), list(raw["types"])))
    return items


def load_corpus(corpus: Path = CORPUS, shared_text: Path = SHARED_TEXT, parse_documents: bool = True,
                split_only: str | None = None) -> list[GoldDocument]:
    """Every annotated document whose text is present (of one split only, "train" or "test",
    when ``split_only`` is given), with its items located."""
    from .. import ingest, normalize, parse

    split = read_split(corpus)
    docs = []
    for stem in split_stems(corpus, split_only):
        source = source_path(stem, shared_text)
        if not source.exists():
            continue
        part, level = split.get(stem, ("train", ""))
        doc = GoldDocument(stem, read_items(corpus / f"{stem}.jsonl"), part, level)
        if parse_documents:
            doc.document = parse(normalize(ingest(source)))
            locate(doc.document.text.text, doc.items)
        docs.append(doc)
    return docs


def _squeeze(text: str) -> tuple[str, list[int]]:
    out, index, space = [], [], True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                out.append(" ")
                index.append(i)
            space = True
        else:
            out.append(ch)
            index.append(i)
            space = False
    return "".join(out), index


def locate(text: str, items: list[GoldItem]) -> None:
    """Set each item's span: whitespace-insensitive, after the same character repairs as the
    normalizer (tone placement); a prefix of 50 characters when a repair changed the rest."""
    squeezed, index = _squeeze(text)
    pos = 0
    for item in items:
        needle = " ".join(clean_characters(item.text).split())
        k = squeezed.find(needle, pos)
        if k < 0:
            k = squeezed.find(needle)
        if k < 0:
            k = squeezed.find(needle[:50], pos)
            if k < 0:
                k = squeezed.find(needle[:50])
        if k < 0:
            continue
        end = min(k + len(needle), len(index)) - 1
        item.span = (index[k], index[end] + 1)
        pos = k + 1


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(gold: GoldItem, span: Span) -> bool:
    """A segment matches a gold item when each covers at least half of the other (a gold
    text cut at 400 characters is compared with as much of the segment)."""
    if gold.span is None:
        return False
    g = gold.span
    seg = span
    if len(gold.text) >= TRUNCATED:
        seg = (span[0], min(span[1], span[0] + (g[1] - g[0])))
    inter = overlap(g, seg)
    return inter * 2 >= (g[1] - g[0]) and inter * 2 >= (seg[1] - seg[0])


def align(items: list[GoldItem], spans: list[Span]) -> dict[int, int]:
    """Gold item index -> segment index, one to one, best overlap first."""
    pairs = []
    for gi, item in enumerate(items):
        if item.span is None:
            continue
        for si, span in enumerate(spans):
            if span[1] <= item.span[0] or span[0] >= item.span[1]:
                continue
            if matches(item, span):
                pairs.append((overlap(item.span, span), gi, si))
    pairs.sort(reverse=True)
    used_g, used_s, out = set(), set(), {}
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out[gi] = si
    return out
