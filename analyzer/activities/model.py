"""The activity-type classifier: TF-IDF over underthesea word segments and character
n-grams, plus the cues found in the item's head (its first characters, where the main action
is written), one logistic regression per type (one-vs-rest), and two thresholds per type
tuned by cross-validation on the training documents (analyzer/activities/train.py).

An item gets a type when the model is confident (probability >= ``t_model``), or when a cue
of the type occurs in it (data/activity_cues.yaml) and the probability reaches the lower
``t_cue``: the two signals agree; or when a strong cue of the type occurs (a channel name
such as "Trang thông tin điện tử": the type by definition).

The saved file holds plain data only (vocabularies, idf weights, coefficients, thresholds,
numpy arrays) with a format name and version, so loading needs no scikit-learn pickle and
takes a fraction of a second; a file of another version is refused (error E017).
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import KehoachError
from .cues import HEAD_CHARS, LABELS, cue_matrix, strong_matrix

MODEL_FORMAT = "kehoach-activities"
# 2: head-cue features (head_weight, head_chars) and strong cues in the decision rule.
MODEL_VERSION = 2
MODEL_FILE = "activities.pkl"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
# Scale of 18 cue indicator features appended to the TF-IDF features. 0: cues enter only through
# the decision rule (cross-validation: micro-F1 0.761 without, 0.746 with weight 0.5; with the
# version 2 cue lists 0.814 without, 0.798 with weight 0.2).
CUE_WEIGHT = 0.0
# Scale of the 18 indicators of the cues found in an item's first HEAD_CHARS characters
# (cross-validation of version 2: micro-F1 0.802 without, 0.812 / 0.814 / 0.814 with 0.2 / 0.3 / 0.5).
HEAD_WEIGHT = 0.3


def default_model_dir() -> Path | None:
    """models/activities of the source tree, or $KEHOACH_MODELS/activities, or ./models/activities."""
    candidates = []
    if os.environ.get("KEHOACH_MODELS"):
        candidates.append(Path(os.environ["KEHOACH_MODELS"]) / "activities")
    candidates.append(Path(__file__).resolve().parent.parent.parent / "models" / "activities")
    candidates.append(Path.cwd() / "models" / "activities")
    return next((c for c in candidates if (c / MODEL_FILE).exists()), None)


def tokenize(text: str) -> str:
    """Lower-cased underthesea word segments joined by spaces ("tập_huấn kỹ_năng ...")."""
    from underthesea import word_tokenize

    return word_tokenize(text.lower(), format="text")


def _counts(vocabulary: dict[str, int], analyzer: str, ngrams: tuple[int, int]):
    from sklearn.feature_extraction.text import CountVectorizer

    if analyzer == "word":
        return CountVectorizer(token_pattern=r"\S+", ngram_range=ngrams, lowercase=False, vocabulary=vocabulary)
    return CountVectorizer(analyzer="char_wb", ngram_range=ngrams, lowercase=True, vocabulary=vocabulary)


def tfidf(counts, idf: np.ndarray):
    """sublinear tf x idf, rows l2-normalised: what TfidfVectorizer(sublinear_tf=True) computes."""
    from sklearn.preprocessing import normalize

    x = counts.astype(np.float64).tocsr()
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf.reshape(1, -1)).tocsr()
    return normalize(x, norm="l2", copy=False)


@dataclass
class ActivityModel:
    labels: tuple[str, ...]
    word_vocabulary: dict[str, int]
    word_idf: np.ndarray
    char_vocabulary: dict[str, int]
    char_idf: np.ndarray
    coef: np.ndarray  # labels x (word + char features), float32
    intercept: np.ndarray
    t_model: np.ndarray
    t_cue: np.ndarray
    meta: dict = field(default_factory=dict)
    cue_weight: float = CUE_WEIGHT
    head_weight: float = HEAD_WEIGHT
    head_chars: int = HEAD_CHARS
    _vectorizers: tuple | None = field(default=None, repr=False, compare=False)

    def features(self, texts: list[str], tokens: list[str] | None = None):
        from scipy.sparse import hstack

        if self._vectorizers is None:
            self._vectorizers = (_counts(self.word_vocabulary, "word", WORD_NGRAMS),
                                 _counts(self.char_vocabulary, "char", CHAR_NGRAMS))
        words, chars = self._vectorizers
        tokens = tokens if tokens is not None else [tokenize(t) for t in texts]
        blocks = [tfidf(words.transform(tokens), self.word_idf), tfidf(chars.transform(texts), self.char_idf)]
        from scipy.sparse import csr_matrix

        if self.cue_weight:
            blocks.append(csr_matrix(cue_matrix(texts).astype(np.float64) * self.cue_weight))
        if self.head_weight:
            heads = cue_matrix([t[:self.head_chars] for t in texts])
            blocks.append(csr_matrix(heads.astype(np.float64) * self.head_weight))
        return hstack(blocks).tocsr()

    def probabilities(self, texts: list[str], tokens: list[str] | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)))
        scores = self.features(texts, tokens) @ self.coef.T.astype(np.float64) + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))

    def decide(self, probabilities: np.ndarray, cues: np.ndarray, strong: np.ndarray | None = None) -> np.ndarray:
        decided = (probabilities >= self.t_model) | ((cues > 0) & (probabilities >= self.t_cue))
        return decided if strong is None else decided | (strong > 0)

    def predict(self, texts: list[str], tokens: list[str] | None = None) -> list[list[str]]:
        if not texts:
            return []
        decided = self.decide(self.probabilities(texts, tokens), cue_matrix(texts), strong_matrix(texts))
        return [[self.labels[j] for j in np.flatnonzero(row)] for row in decided]

    def save(self, path: Path) -> None:
        state = {
            "format": MODEL_FORMAT, "version": MODEL_VERSION, "labels": list(self.labels),
            "word_vocabulary": self.word_vocabulary, "word_idf": self.word_idf.astype(np.float64),
            "char_vocabulary": self.char_vocabulary, "char_idf": self.char_idf.astype(np.float64),
            "coef": self.coef.astype(np.float32), "intercept": self.intercept.astype(np.float64),
            "t_model": self.t_model, "t_cue": self.t_cue, "cue_weight": self.cue_weight,
            "head_weight": self.head_weight, "head_chars": self.head_chars, "meta": self.meta,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)


def load_model(path: str | Path) -> ActivityModel:
    """Read a saved model; E017 for a file of another format or version, E018 for a file
    that cannot be read."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
        raise KehoachError("E018", path, detail=type(exc).__name__) from None
    if not isinstance(state, dict) or state.get("format") != MODEL_FORMAT:
        raise KehoachError("E017", path, found=str(state.get("format") if isinstance(state, dict) else "?"),
                           expected=f"{MODEL_FORMAT} {MODEL_VERSION}")
    if state.get("version") != MODEL_VERSION or tuple(state.get("labels", ())) != LABELS:
        raise KehoachError("E017", path, found=f"{state.get('format')} {state.get('version')}",
                           expected=f"{MODEL_FORMAT} {MODEL_VERSION}")
    return ActivityModel(labels=tuple(state["labels"]), word_vocabulary=state["word_vocabulary"],
                         word_idf=state["word_idf"], char_vocabulary=state["char_vocabulary"],
                         char_idf=state["char_idf"], coef=state["coef"], intercept=state["intercept"],
                         t_model=state["t_model"], t_cue=state["t_cue"], meta=state.get("meta", {}),
                         cue_weight=state["cue_weight"], head_weight=state["head_weight"],
                         head_chars=state["head_chars"])


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> ActivityModel:
    return load_model(path)


def default_model() -> ActivityModel | None:
    """The model of models/activities, loaded once; None when no model is installed."""
    directory = default_model_dir()
    if directory is None:
        return None
    path = directory / MODEL_FILE
    return _cached(str(path), path.stat().st_mtime)
