"""`kehoach train activities`: rebuild models/activities from corpora/activities.

1. Gold items of the training documents (SPLIT.tsv) -> TF-IDF over underthesea word segments
   (1-2 grams) and character n-grams (2-5, within words), plus the cues found in each item's
   head (model.py), one logistic regression per type.
2. Thresholds per type (``t_model``, ``t_cue``: model.py) tuned on out-of-fold probabilities
   of a 5-fold cross-validation grouped by document, training documents only (strong cues,
   which decide on their own, taken into account).
3. The model is refitted on all training items, saved, and measured on the held-out
   documents: per-type precision/recall/F1 and item micro/macro-F1 on the gold items,
   document-level micro-F1 of the set of types found by segmentation + classification, and
   the segmentation itself. The figures go in MODEL_CARD.md and metrics.json.

Deterministic given the seed (liblinear, grouped folds without shuffling).
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .corpus import CORPUS, SHARED_TEXT, GoldDocument, align, load_corpus
from .cues import LABELS, cue_matrix, strong_matrix
from .model import CHAR_NGRAMS, HEAD_WEIGHT, MODEL_FILE, MODEL_VERSION, WORD_NGRAMS, ActivityModel, tokenize
from .segment import segment

C = 4.0  # inverse regularisation of each logistic regression (best of 1-16 in cross-validation, versions 1 and 2)
FOLDS = 5
MIN_POSITIVES = 8  # fewer positives in the training folds: default thresholds, cues decide
DEFAULT_T_MODEL, DEFAULT_T_CUE = 0.6, 0.0
GRID_MODEL = tuple(round(x, 2) for x in np.arange(0.20, 0.96, 0.05))
GRID_CUE = (0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


@dataclass
class Items:
    texts: list[str]
    tokens: list[str]
    y: np.ndarray  # items x LABELS
    groups: np.ndarray  # document index of each item


def items_of(docs: list[GoldDocument]) -> Items:
    texts, y, groups = [], [], []
    for d, doc in enumerate(docs):
        for item in doc.items:
            texts.append(item.text)
            y.append([1 if code in item.types else 0 for code in LABELS])
            groups.append(d)
    return Items(texts, [tokenize(t) for t in texts], np.array(y, dtype=np.int8).reshape(-1, len(LABELS)),
                 np.array(groups))


def fit(items: Items, seed: int, c: float = C) -> ActivityModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(token_pattern=r"\S+", ngram_range=WORD_NGRAMS, lowercase=False, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, lowercase=True, sublinear_tf=True, min_df=2)
    words.fit(items.tokens)
    chars.fit(items.texts)
    model = ActivityModel(LABELS, {k: int(v) for k, v in words.vocabulary_.items()}, words.idf_,
                          {k: int(v) for k, v in chars.vocabulary_.items()}, chars.idf_,
                          coef=np.zeros((0, 0), np.float32), intercept=np.zeros(len(LABELS)),
                          t_model=np.full(len(LABELS), 0.5), t_cue=np.full(len(LABELS), 0.5))
    x = model.features(items.texts, items.tokens)
    coef = np.zeros((len(LABELS), x.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(LABELS))
    for j in range(len(LABELS)):
        target = items.y[:, j]
        if target.min() == target.max():  # no positive (or no negative) example: never fires
            intercept[j] = -10.0 if target.max() == 0 else 10.0
            continue
        clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", random_state=seed, max_iter=1000)
        clf.fit(x, target)
        coef[j] = clf.coef_[0]
        intercept[j] = clf.intercept_[0]
    model.coef, model.intercept = coef, intercept
    return model


def out_of_fold(items: Items, seed: int, c: float = C) -> np.ndarray:
    """Probabilities of each training item from a model that never saw its document."""
    from sklearn.model_selection import GroupKFold

    folds = GroupKFold(n_splits=min(FOLDS, len(set(items.groups))))
    probabilities = np.zeros(items.y.shape)
    for train_idx, test_idx in folds.split(items.texts, items.y, items.groups):
        part = Items([items.texts[i] for i in train_idx], [items.tokens[i] for i in train_idx],
                     items.y[train_idx], items.groups[train_idx])
        model = fit(part, seed, c)
        probabilities[test_idx] = model.probabilities([items.texts[i] for i in test_idx],
                                                      [items.tokens[i] for i in test_idx])
    return probabilities


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def tune_thresholds(probabilities: np.ndarray, cues: np.ndarray, y: np.ndarray,
                    strong: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per type, the (t_model, t_cue) pair with the best out-of-fold F1 (ties: the higher
    thresholds, the more conservative rule); items with a strong cue of the type count as
    labelled whatever the thresholds."""
    strong = np.zeros_like(cues) if strong is None else strong
    t_model = np.full(len(LABELS), DEFAULT_T_MODEL)
    t_cue = np.full(len(LABELS), DEFAULT_T_CUE)
    for j in range(len(LABELS)):
        gold = y[:, j] > 0
        if gold.sum() < MIN_POSITIVES:
            continue
        best = None
        for tm in GRID_MODEL:
            for tc in GRID_CUE:
                if tc > tm:
                    continue
                pred = (probabilities[:, j] >= tm) | ((cues[:, j] > 0) & (probabilities[:, j] >= tc)) | (strong[:, j] > 0)
                tp = int((pred & gold).sum())
                score = (_f1(tp, int((pred & ~gold).sum()), int((~pred & gold).sum())), tm, tc)
                if best is None or score > best:
                    best = score
        t_model[j], t_cue[j] = best[1], best[2]
    return t_model, t_cue


def nested_cv(probabilities: np.ndarray, cues: np.ndarray, strong: np.ndarray, items: Items) -> dict:
    """Micro/macro-F1 when each fold's thresholds are tuned on the other folds only: the
    cross-validation figure without the optimism of tuning thresholds on the items scored."""
    from sklearn.model_selection import GroupKFold

    pred = np.zeros(items.y.shape, dtype=bool)
    folds = GroupKFold(n_splits=min(FOLDS, len(set(items.groups))))
    for train_idx, test_idx in folds.split(items.texts, items.y, items.groups):
        t_model, t_cue = tune_thresholds(probabilities[train_idx], cues[train_idx], items.y[train_idx],
                                         strong[train_idx])
        pred[test_idx] = ((probabilities[test_idx] >= t_model) | ((cues[test_idx] > 0) & (probabilities[test_idx] >= t_cue))
                          | (strong[test_idx] > 0))
    s = scores(pred.astype(np.int8), items.y)
    return {"micro_f1": s["micro_f1"], "macro_f1": s["macro_f1"]}


def scores(pred: np.ndarray, gold: np.ndarray) -> dict:
    """Per-type and micro/macro precision, recall, F1 of 0/1 matrices (rows x LABELS)."""
    per = {}
    for j, code in enumerate(LABELS):
        p, g = pred[:, j] > 0, gold[:, j] > 0
        tp, fp, fn = int((p & g).sum()), int((p & ~g).sum()), int((~p & g).sum())
        per[code] = {"tp": tp, "fp": fp, "fn": fn, "support": int(g.sum()),
                     "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0,
                     "f1": _f1(tp, fp, fn)}
    tp = sum(v["tp"] for v in per.values())
    fp = sum(v["fp"] for v in per.values())
    fn = sum(v["fn"] for v in per.values())
    present = [v["f1"] for v in per.values() if v["support"] or v["fp"]]
    return {"per_type": per, "micro_precision": tp / (tp + fp) if tp + fp else 0.0,
            "micro_recall": tp / (tp + fn) if tp + fn else 0.0, "micro_f1": _f1(tp, fp, fn),
            "macro_f1": float(np.mean(present)) if present else 0.0}


def _matrix(type_lists: list[list[str]]) -> np.ndarray:
    return np.array([[1 if code in types else 0 for code in LABELS] for types in type_lists],
                    dtype=np.int8).reshape(-1, len(LABELS))


def segmentation(docs: list[GoldDocument]) -> dict:
    """How many gold items a segment matches, and how many segments match no gold item."""
    seg = {"gold": 0, "segments": 0, "matched": 0}
    for doc in docs:
        spans = [s.span for s in segment(doc.document)]
        seg["gold"] += len(doc.items)
        seg["segments"] += len(spans)
        seg["matched"] += len(align(doc.items, spans))
    seg["recall"] = seg["matched"] / seg["gold"] if seg["gold"] else 0.0
    seg["precision"] = seg["matched"] / seg["segments"] if seg["segments"] else 0.0
    return seg


def evaluate(model: ActivityModel, docs: list[GoldDocument], item_pred: list[list[str]] | None = None) -> dict:
    """Item level on the gold items; end to end (segments matched to gold items); document
    level (the set of types of each plan, from the segments and from the gold items).
    ``item_pred``: the model's types for the gold items, in order, when the caller has them."""
    gold_items = [item for doc in docs for item in doc.items]
    if item_pred is None:
        item_pred = model.predict([item.text for item in gold_items])
    item = scores(_matrix(item_pred), _matrix([item.types for item in gold_items]))
    e2e_pred, e2e_gold, doc_pred, doc_pred_gold_items, doc_gold = [], [], [], [], []
    offset = 0
    for doc in docs:
        segments = segment(doc.document)
        predicted = model.predict([s.text for s in segments])
        pairs = align(doc.items, [s.span for s in segments])
        for gi, it in enumerate(doc.items):
            e2e_gold.append(it.types)
            e2e_pred.append(predicted[pairs[gi]] if gi in pairs else [])
        matched = set(pairs.values())
        for si, types in enumerate(predicted):
            if si not in matched:
                e2e_gold.append([])
                e2e_pred.append(types)
        doc_pred.append({t for types in predicted for t in types})
        doc_pred_gold_items.append({t for types in item_pred[offset:offset + len(doc.items)] for t in types})
        doc_gold.append({t for it in doc.items for t in it.types})
        offset += len(doc.items)
    as_lists = lambda sets: [sorted(s) for s in sets]  # noqa: E731
    return {"documents": len(docs), "items": len(gold_items), "item": item,
            "end_to_end": scores(_matrix(e2e_pred), _matrix(e2e_gold)),
            "document": scores(_matrix(as_lists(doc_pred)), _matrix(as_lists(doc_gold))),
            "document_gold_items": scores(_matrix(as_lists(doc_pred_gold_items)), _matrix(as_lists(doc_gold))),
            "segmentation": segmentation(docs)}


AGREEMENT = CORPUS.parent / "agreement" / "activities"


def agreement(test_docs: list[GoldDocument], folder: Path = AGREEMENT) -> dict | None:
    """Micro/macro-F1 of the second annotation (``folder``, same items in the same order)
    against the gold labels of the held-out documents; None where there is none."""
    second, gold = [], []
    for doc in test_docs:
        path = folder / f"{doc.stem}.jsonl"
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(rows) != len(doc.items):
            continue  # not the same items: no item-by-item comparison
        second += [row["types"] for row in rows]
        gold += [item.types for item in doc.items]
    if not gold:
        return None
    s = scores(_matrix(second), _matrix(gold))
    return {"items": len(gold), "micro_f1": s["micro_f1"], "macro_f1": s["macro_f1"]}


def train_activities(output: Path, seed: int = 0, corpus: Path = CORPUS, shared_text: Path = SHARED_TEXT,
                     progress=None) -> dict:
    """Train, tune, save and measure; returns the metrics written to metrics.json."""
    step = progress or (lambda message: None)
    step("đọc kho ngữ liệu")
    docs = load_corpus(corpus, shared_text)
    train_docs = [d for d in docs if d.split == "train"]
    test_docs = [d for d in docs if d.split == "test"]
    if not train_docs:
        from ..errors import KehoachError

        raise KehoachError("E019", shared_text, detail=f"{len(docs)} văn bản đọc được trong {corpus}")
    step(f"tách từ {sum(len(d.items) for d in train_docs)} mục huấn luyện")
    items = items_of(train_docs)
    step(f"kiểm định chéo {FOLDS} phần theo văn bản")
    oof = out_of_fold(items, seed)
    cues, strong = cue_matrix(items.texts), strong_matrix(items.texts)
    t_model, t_cue = tune_thresholds(oof, cues, items.y, strong)
    cv_model = ActivityModel(LABELS, {}, np.zeros(0), {}, np.zeros(0), np.zeros((0, 0)), np.zeros(0), t_model, t_cue)
    cv = scores(cv_model.decide(oof, cues, strong).astype(np.int8), items.y)
    cv["nested"] = nested_cv(oof, cues, strong, items)
    step("huấn luyện mô hình cuối")
    model = fit(items, seed)
    model.t_model, model.t_cue = t_model, t_cue
    today = _dt.date.today().isoformat()
    model.meta = {"trained": today, "seed": seed, "C": C, "head_weight": model.head_weight, "train_documents": [d.stem for d in train_docs],
                  "train_items": len(items.texts)}
    output.mkdir(parents=True, exist_ok=True)
    model.save(output / MODEL_FILE)
    step("đánh giá trên các văn bản giữ lại")
    held_out = evaluate(model, test_docs) if test_docs else None
    train_seg = segmentation(train_docs)
    metrics = {"version": MODEL_VERSION, "trained": today, "seed": seed, "C": C, "head_weight": HEAD_WEIGHT,
               "head_chars": model.head_chars, "min_positives": MIN_POSITIVES,
               "default_thresholds": [DEFAULT_T_MODEL, DEFAULT_T_CUE],
               "split": {"train": [d.stem for d in train_docs], "test": [d.stem for d in test_docs],
                         "train_items": len(items.texts), "test_items": sum(len(d.items) for d in test_docs),
                         "levels_test": sorted({d.level for d in test_docs})},
               "thresholds": {code: {"t_model": float(t_model[j]), "t_cue": float(t_cue[j])} for j, code in enumerate(LABELS)},
               "cross_validation": cv, "held_out": held_out, "agreement": agreement(test_docs),
               "segmentation_train": train_seg,
               "features": {"word_ngrams": len(model.word_vocabulary), "char_ngrams": len(model.char_vocabulary)}}
    (output / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    from .card import model_card

    (output / "MODEL_CARD.md").write_text(model_card(metrics), encoding="utf-8")
    return metrics
