"""kehoach evaluate: compare analyze output with gold annotations, field by field.

A gold file (corpora/gold/*.json, see corpora/gold/GUIDELINE.md) carries only the fields a
person annotated. Single-valued fields are scored by accuracy over the documents that
annotate them; list fields (recipients, top-level section labels) by precision, recall and
F1 over all items. Strings are compared after :func:`normalize_for_match`.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import KehoachError
from .evaluate_items import ITEM_FIELDS, score_items
from .structure.issuer import expand_abbreviations
from .vietnamese import normalize_tone_placement

SCALAR_FIELDS = [
    "doc_type", "number", "symbol", "issuer.name", "issuer.level", "issuer.locality",
    "issued_date", "place", "title", "signer.authority", "signer.position", "signer.name",
]
LIST_FIELDS = ["recipients", "sections"]


def normalize_for_match(value, field_name: str = "") -> str:
    """NFC, one tone convention, abbreviations expanded, case folded, spacing and
    surrounding punctuation ignored; titles lose a leading ``V/v``/``Về việc``."""
    if value is None:
        return ""
    text = normalize_tone_placement(unicodedata.normalize("NFC", str(value)))
    if field_name in ("issuer.name", "recipients", "signer.authority", "place", "issuer.locality"):
        text = expand_abbreviations(text)
    if field_name in ("symbol", "number"):
        return re.sub(r"\s+", "", text)
    text = text.casefold()
    text = re.sub(r"[“”\"'‘’]", "", text)
    text = re.sub(r"\s*([,;:/.()\-–])\s*", r"\1", text)
    text = text.replace("–", "-")
    text = re.sub(r"\s+", " ", text).strip(" .,;:-")
    if field_name == "title":
        text = re.sub(r"^(?:v/v|về việc)\s*:?\s*", "", text)
    if field_name in ("signer.authority",):
        text = text.replace("t/m", "tm").replace("t.m", "tm")
    return text


def _get(obj: dict | None, dotted: str):
    for part in dotted.split("."):
        if obj is None:
            return None
        obj = obj.get(part)
    return obj


def _has(obj: dict, dotted: str) -> bool:
    for part in dotted.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return False
        obj = obj[part]
    return True


@dataclass
class FieldScore:
    name: str
    correct: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None or r is not None else None)


@dataclass
class Report:
    scores: dict[str, FieldScore]
    documents: int
    skipped: list[str]


def _empty_scores() -> dict[str, FieldScore]:
    return {name: FieldScore(name) for name in SCALAR_FIELDS + LIST_FIELDS + ITEM_FIELDS}


def resolve_source(path: str, gold_dir: Path, corpus_dir: Path | None) -> Path | None:
    """Gold paths are relative to the shared corpus, or to the repository (corpora/...)."""
    candidates = []
    if Path(path).is_absolute():
        candidates.append(Path(path))
    if corpus_dir is not None:
        candidates.append(corpus_dir / path)
    repo = gold_dir.resolve().parent.parent  # corpora/gold -> repository root
    candidates += [repo / path, Path.cwd() / path]
    return next((c for c in candidates if c.exists()), None)


def _section_labels(sections: list[dict]) -> list[str]:
    return [normalize_for_match(s.get("label")) for s in sections if s.get("kind") not in ("bullet", "plus", "table")]


def evaluate(
    gold_dir: str | Path,
    analyze_fn: Callable[[Path], dict],
    corpus_dir: str | Path | None = None,
    progress: Callable[[Iterable], Iterable] = lambda x: x,
) -> Report:
    """Score ``analyze_fn`` (path -> output dict) against every gold file in ``gold_dir``."""
    gold_dir = Path(gold_dir)
    corpus = Path(corpus_dir) if corpus_dir else None
    scores = _empty_scores()
    skipped: list[str] = []
    files = sorted(gold_dir.glob("*.json"))
    documents = 0
    for gold_path in progress(files):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            src = gold["source"]["path"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise KehoachError("E013", gold_path, detail=str(exc)[:80]) from None
        source = resolve_source(src, gold_dir, corpus)
        if source is None:
            skipped.append(f"{gold_path.name}: không thấy tệp nguồn {src}")
            continue
        output = analyze_fn(source)
        documents += 1
        _score_document(gold, output, scores, gold_path.stem)
    return Report(scores=scores, documents=documents, skipped=skipped)


def agreement(gold_dir: str | Path, second_dir: str | Path) -> Report:
    """Score a second, independent annotation (``second_dir``, same file names) against the
    gold, on the fields the second annotator annotated: inter-annotator agreement, the ceiling
    any extractor can be measured against."""
    gold_dir, second_dir = Path(gold_dir), Path(second_dir)
    scores = _empty_scores()
    skipped: list[str] = []
    documents = 0
    for second_path in sorted(second_dir.glob("*.json")):
        gold_path = gold_dir / second_path.name
        try:
            second = json.loads(second_path.read_text(encoding="utf-8"))
            gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else None
        except json.JSONDecodeError as exc:
            raise KehoachError("E013", second_path, detail=str(exc)[:80]) from None
        if gold is None:
            skipped.append(f"{second_path.name}: không có tệp gold cùng tên")
            continue
        fields = set(second.get("annotated", []))
        narrowed = {k: v for k, v in gold.items() if k in fields}
        narrowed["document"] = {k: v for k, v in gold.get("document", {}).items() if k in fields}
        documents += 1
        _score_document(narrowed, second, scores, gold_path.stem)
    return Report(scores=scores, documents=documents, skipped=skipped)


def _score_document(gold: dict, output: dict, scores: dict[str, FieldScore], name: str) -> None:
    gdoc, odoc = gold.get("document", {}), output.get("document", {})
    for fname in SCALAR_FIELDS:
        if not _has(gdoc, fname):
            continue
        expected = normalize_for_match(_get(gdoc, fname), fname)
        got = normalize_for_match(_get(odoc, fname), fname)
        score = scores[fname]
        score.total += 1
        if expected == got:
            score.correct += 1
        else:
            score.errors.append(f"{name}: mong đợi {_get(gdoc, fname)!r}, nhận {_get(odoc, fname)!r}")
    if "recipients" in gdoc:
        _score_list(scores["recipients"], name,
                    [normalize_for_match(r, "recipients") for r in gdoc["recipients"]],
                    [normalize_for_match(r, "recipients") for r in odoc.get("recipients", [])])
    score_items(gold, output, scores, name, lambda v: normalize_for_match(v, "issuer.name"))
    if "sections" in gold:
        _score_list(scores["sections"], name,
                    [normalize_for_match(s.get("label")) for s in gold["sections"]],
                    _section_labels(output.get("sections", [])))


def _score_list(score: FieldScore, name: str, expected: list[str], got: list[str]) -> None:
    exp, out = Counter(expected), Counter(got)
    common = sum((exp & out).values())
    score.tp += common
    score.fp += sum(out.values()) - common
    score.fn += sum(exp.values()) - common
    score.total += 1
    if exp == out:
        score.correct += 1
    else:
        missing = list((exp - out).elements())
        extra = list((out - exp).elements())
        score.errors.append(f"{name}: thiếu {missing[:5]}, thừa {extra[:5]}")
