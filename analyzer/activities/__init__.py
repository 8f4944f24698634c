"""Activities: the items a plan commits to (segment.py), their types (model.py + cues.py),
and their links to the units and deadlines the extraction found.

>>> from analyzer import analyze
>>> plan = analyze("corpora/seeds/xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt")  # doctest: +SKIP
>>> sorted({t for a in plan.activities for t in a.types})  # doctest: +SKIP
['campaign', 'contest', 'dialogue', ...]
"""
from __future__ import annotations

from ..models import Activity, Deadline, Document, Unit
from .cues import LABELS, cue_types
from .model import ActivityModel, default_model
from .segment import Segment, segment

__all__ = ["find_activities", "segment", "Segment", "LABELS"]

NO_MODEL_WARNING = ("Không tìm thấy mô hình phân loại hoạt động (models/activities): loại hoạt động chỉ dựa trên "
                    "danh sách từ khóa. Huấn luyện: kehoach train activities.")


def find_activities(document: Document, units: list[Unit], deadlines: list[Deadline],
                    model: ActivityModel | None = None) -> list[Activity]:
    """Segment ``document``, classify each item, link it to the units named in it (or in
    the heading that owns it) and to the first deadline inside it (its table row or its
    attribute lines included)."""
    segments = segment(document)
    if not segments:
        return []
    classifier = model if model is not None else default_model()
    texts = [s.text for s in segments]
    if classifier is None:
        types = [[code for code in LABELS if code in cue_types(t)] for t in texts]
        if NO_MODEL_WARNING not in document.text.source.warnings:
            document.text.source.warnings.append(NO_MODEL_WARNING)
    else:
        types = classifier.predict(texts)
    mentions = sorted((m.span, u.name) for u in units for m in u.mentions if document.in_content(m.span[0]))
    out = []
    for seg, kinds in zip(segments, types):
        names = _names_in(mentions, seg.context)
        if not names and seg.owner is not None:
            names = _names_in(mentions, seg.owner)
        deadline = next((k for k, d in enumerate(deadlines) if seg.context[0] <= d.span[0] < seg.context[1]), None)
        out.append(Activity(text=seg.text, span=seg.span, types=kinds, section=seg.section, units=names,
                            deadline=deadline, page=seg.page))
    return out


def _names_in(mentions: list, span) -> list[str]:
    names: list[str] = []
    for (start, _end), name in mentions:
        if span[0] <= start < span[1] and name not in names:
            names.append(name)
    return names
