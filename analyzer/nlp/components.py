"""Two spaCy components: one reads the plan of a Doc, one writes its items as spans.

``kehoach_plan`` runs kehoach's own pipeline (normalize, parse, extract) over ``doc.text``,
unless a :class:`Plan` is already attached (``doc._.kehoach_plan``, set by
:func:`analyzer.nlp.plan_doc`, which avoids reading a file twice). Plan spans index the
*normalized* text; when that differs from ``doc.text`` (reflowed lines, dropped page
numbers, ``hoá`` -> ``hóa``) an :class:`OffsetMap` carries them back. Words that straddle
an item boundary are split (a new Doc), so items are whole tokens.

``kehoach_spans`` puts citations, unit mentions, deadlines, targets and activities into
``doc.spans["kehoach"]`` and one group per kind, and the non-overlapping ones (activities
excepted: they contain the others) into ``doc.ents``. Each span's ``id_`` is an anchor
(``cit-0``, ``unit-2-1``...) that renderings link to, its ``kb_id_`` the normalized value
(a symbol, a unit's canonical name, a date, activity types).
"""
from __future__ import annotations

import hashlib
import warnings
from typing import Any, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import KehoachError
from ..models import Plan, Source
from .align import OffsetMap
from .tokenizer import split_words

# label, span group, anchor prefix, Plan attribute (order = priority in doc.ents)
KINDS = (
    ("CITATION", "citations", "cit", "citations"),
    ("DEADLINE", "deadlines", "dl", "deadlines"),
    ("UNIT", "units", "unit", "units"),
    ("TARGET", "targets", "tgt", "targets"),
    ("ACTIVITY", "activities", "act", "activities"),
)
ALL_SPANS = "kehoach"

for _name in ("kehoach_plan", "kehoach_offsets"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def read_plan(text: str) -> Plan:
    """kehoach's pipeline over a string, as if it were a UTF-8 ``.txt`` file."""
    from ..extract import extract
    from ..ingest import page_warnings
    from ..ingest.text import read_text
    from ..normalize import normalize
    from ..structure import parse

    data = text.encode("utf-8")
    pages, encoding = read_text("<văn bản>", data)
    source = Source(path="<văn bản>", sha256=hashlib.sha256(data).hexdigest(), format="txt",
                    pages=pages, encoding=encoding)
    source.warnings.extend(page_warnings(pages))
    return extract(parse(normalize(source)))


class PlanReader:
    """Attach the document's :class:`Plan` and the map from its offsets to ``doc.text``;
    split the words that straddle an item boundary (a new Doc: put this component first)."""

    def __call__(self, doc: Doc) -> Doc:
        plan = doc._.kehoach_plan
        if plan is None and doc.text.strip():
            try:
                plan = read_plan(doc.text)
            except KehoachError as exc:  # not a document (binary data...): no annotations
                warnings.warn(exc.message)
        if plan is not None:
            doc._.kehoach_plan = plan
            offsets = doc._.kehoach_offsets = OffsetMap(doc.text, plan.document.text.text)
            if not _annotated(doc):
                # Items then become whole tokens: their spans are exact, not expanded.
                cuts = [x for _, _, prefix, attr in KINDS for _, span, _ in _items(getattr(plan, attr), prefix)
                        for x in (offsets.span(*span) or ())]
                doc = split_words(doc, cuts)
        return doc


def _annotated(doc: Doc) -> bool:
    """Whether an earlier component annotated the tokens (re-tokenizing would drop that)."""
    return bool(doc.spans) or any(doc.has_annotation(a) for a in ("TAG", "POS", "DEP", "LEMMA", "MORPH", "ENT_IOB"))


class PlanSpans:
    """Write the attached plan's items into span groups and ``doc.ents``."""

    def __call__(self, doc: Doc) -> Doc:
        plan: Optional[Plan] = doc._.kehoach_plan
        offsets: Optional[OffsetMap] = doc._.kehoach_offsets
        every: list[Span] = []
        for label, group, prefix, attr in KINDS:
            spans = []
            if plan is not None and offsets is not None:
                for anchor, (start, end), value in _items(getattr(plan, attr), prefix):
                    mapped = offsets.span(start, end)
                    if mapped is None:
                        continue
                    span = doc.char_span(*mapped, label=label, kb_id=value or "", span_id=anchor,
                                         alignment_mode="expand")
                    if span is not None and len(span):
                        spans.append(span)
            doc.spans[group] = spans
            every.extend(spans)
        doc.spans[ALL_SPANS] = sorted(every, key=lambda s: (s.start, -s.end))
        doc.ents = filter_spans([s for s in every if s.label_ != "ACTIVITY"])
        return doc


def _get(item: Any, name: str, default: Any = None) -> Any:
    """A field of a dataclass item or of a dict (activities may arrive as either)."""
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _items(items: list, prefix: str) -> Iterator[tuple[str, tuple[int, int], Optional[str]]]:
    """``(anchor, span, normalized value)`` of each item; a unit yields one per mention."""
    for i, item in enumerate(items):
        if prefix == "unit":
            for j, mention in enumerate(_get(item, "mentions", []) or []):
                span = _get(mention, "span")
                if span:
                    yield f"unit-{i}-{j}", tuple(span), _get(item, "name")
            continue
        span = _get(item, "span")
        if not span:
            continue
        if prefix == "cit":
            value = _get(item, "symbol") or _get(item, "name")
        elif prefix == "dl":
            value = _get(item, "date") or _get(item, "end") or _get(item, "day_month")
        elif prefix == "act":
            value = "+".join(_get(item, "types", []) or [])
        else:
            value = None
        yield f"{prefix}-{i}", tuple(span), value


@Language.factory("kehoach_plan")
def make_plan_reader(nlp: Language, name: str) -> PlanReader:
    return PlanReader()


@Language.factory("kehoach_spans")
def make_plan_spans(nlp: Language, name: str) -> PlanSpans:
    return PlanSpans()
