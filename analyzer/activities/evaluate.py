"""`kehoach evaluate corpora/activities`: the installed activity model measured on the
held-out documents of an activity corpus, without retraining (`kehoach train activities`
retrains and measures; this reads the shipped model, in seconds).

The figures are those of the model card (train.evaluate): item-level micro/macro-F1 on the
gold items, per type, document-level micro-F1 of the types a plan contains, segmentation.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .corpus import load_corpus, split_stems
from .cues import LABELS
from .train import evaluate


@dataclass
class ActivityReport:
    documents: list[str]
    metrics: dict  # train.evaluate's result
    errors: list[tuple[str, str, list[str], list[str]]]  # document, item text, gold types, predicted types
    unread: list[str]  # documents of the split whose text is absent (the shared corpus is missing)
    interval: tuple[float, float]  # 95% interval of the item micro-F1, resampling items (bootstrap)


def is_activity_corpus(folder: Path) -> bool:
    """A folder of activity annotations (one JSONL file per document), not of gold JSON."""
    return any(folder.glob("*.jsonl")) and not any(folder.glob("*.json"))


def evaluate_activities(folder: Path, shared_text: Path, split: str = "test", model=None) -> ActivityReport:
    """Measure ``model`` (default: the installed one) on the documents of ``split`` ("test":
    the held-out documents of SPLIT.tsv; "all": every document, training ones included, whose
    figures are in-sample)."""
    from ..errors import KehoachError
    from .model import default_model, default_model_dir

    model = model or default_model()
    if model is None:
        raise KehoachError("E018", default_model_dir() or "models/activities", detail="chưa có mô hình")
    split_only = None if split == "all" else split
    docs = load_corpus(folder, shared_text, split_only=split_only)
    unread = sorted(set(split_stems(folder, split_only)) - {d.stem for d in docs})
    if not docs:
        raise KehoachError("E020", folder, detail=f"không văn bản nào của phần '{split}' đọc được; kho văn bản chung: {shared_text}")
    items = [(doc.stem, item) for doc in docs for item in doc.items]
    predicted = model.predict([item.text for _, item in items])
    errors = [(stem, item.text, sorted(item.types), sorted(types))
              for (stem, item), types in zip(items, predicted) if set(types) != set(item.types)]
    pairs = [(set(types), set(item.types)) for (_, item), types in zip(items, predicted)]
    return ActivityReport([d.stem for d in docs], evaluate(model, docs, predicted), errors, unread,
                          micro_f1_interval(pairs))


def micro_f1_interval(pairs: list[tuple[set[str], set[str]]], resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% interval of the item micro-F1 of (predicted, gold) type sets, by resampling the
    items with replacement: how far the figure could move on another draw of as many items
    (322 held-out items are few; one item is about 0.003)."""
    import numpy as np

    tp = np.array([len(p & g) for p, g in pairs], dtype=float)
    size = np.array([len(p) + len(g) for p, g in pairs], dtype=float)
    rng = np.random.RandomState(seed)
    draws = rng.randint(0, len(pairs), size=(resamples, len(pairs)))
    f1 = 2 * tp[draws].sum(axis=1) / np.maximum(size[draws].sum(axis=1), 1)
    low, high = np.percentile(f1, [2.5, 97.5])
    return float(low), float(high)


def rows(report: ActivityReport) -> list[tuple[str, int, float, float, float]]:
    """(measure, support, precision, recall, F1) rows: item micro and macro, document, each type."""
    item, document = report.metrics["item"], report.metrics["document"]
    out = [("mục: micro", report.metrics["items"], item["micro_precision"], item["micro_recall"], item["micro_f1"]),
           ("mục: macro", report.metrics["items"], None, None, item["macro_f1"]),
           ("văn bản: micro", report.metrics["documents"], document["micro_precision"], document["micro_recall"],
            document["micro_f1"])]
    seg = report.metrics["segmentation"]
    out.append(("tách mục", seg["gold"], seg["precision"], seg["recall"], None))
    out += [(f"  {code}", item["per_type"][code]["support"], item["per_type"][code]["precision"],
             item["per_type"][code]["recall"], item["per_type"][code]["f1"]) for code in LABELS]
    return out
