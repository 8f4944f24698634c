"""kehoach as a spaCy pipeline: a lossless underthesea tokenizer and two components.

>>> nlp = load_nlp()                                             # doctest: +SKIP
>>> doc = nlp(text)                                              # doctest: +SKIP
>>> doc.text == text                                             # doctest: +SKIP
True
>>> [(s.label_, s.text) for s in doc.spans["kehoach"]][:2]       # doctest: +SKIP
[('CITATION', 'Quyết định số 1277/QĐ-UBND ngày 01/4/2024 ...'), ...]

Which text the Doc holds:

- ``nlp(text)``: the text as given. The components run normalize/parse/extract over it
  and map the spans of the normalized text back onto it (:mod:`.align`), so spans quote
  the caller's characters even where normalization reflowed lines or fixed tone marks.
- ``plan_doc(plan)``: the plan's normalized text (``plan.document.text.text``), what every
  span of the JSON output indexes. PDFs, DOCX and scans have no other text, so the CLI
  (``--format spacy`` / ``html``) uses this; offsets then agree with ``--format json``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..models import Plan
from . import components as _components  # noqa: F401  (registers the factories)
from . import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)
from .components import ALL_SPANS, KINDS, read_plan

__all__ = ["load_nlp", "plan_doc", "to_docbin", "read_docbin", "read_plan", "ALL_SPANS", "KINDS"]

_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "kehoach.underthesea_tokenizer.v1"}}}
_shared: Optional[Language] = None


def load_nlp() -> Language:
    """A Vietnamese ``Language``: underthesea tokenizer, then ``kehoach_plan`` and
    ``kehoach_spans``. Loads nothing from the network."""
    nlp = spacy.blank("vi", config=_CONFIG)
    nlp.add_pipe("kehoach_plan")
    nlp.add_pipe("kehoach_spans")
    return nlp


def plan_doc(plan: Plan, nlp: Optional[Language] = None) -> Doc:
    """The Doc of an analyzed plan, over its normalized text, with its items as spans."""
    global _shared
    if nlp is None:
        _shared = _shared or load_nlp()
        nlp = _shared
    doc = nlp.make_doc(plan.document.text.text)
    doc._.kehoach_plan = plan
    return nlp(doc)


def to_docbin(docs: Iterable[Doc]) -> DocBin:
    """A DocBin of the docs with their spans and ents; each doc's ``user_data["kehoach"]``
    holds its plan as the JSON contract's object (source path, header, items)."""
    from ..render import to_dict

    out = DocBin(store_user_data=True)
    for doc in docs:
        saved = dict(doc.user_data)
        plan = doc._.kehoach_plan
        doc.user_data.clear()  # the Plan and OffsetMap objects do not serialize
        if plan is not None:
            doc.user_data["kehoach"] = to_dict(plan)
        try:
            out.add(doc)
        finally:
            doc.user_data.clear()
            doc.user_data.update(saved)
    return out


def read_docbin(path: str | Path, nlp: Optional[Language] = None) -> list[Doc]:
    """The docs of a ``.spacy`` file written by :func:`to_docbin`."""
    vocab = (nlp or spacy.blank("vi", config=_CONFIG)).vocab
    return list(DocBin().from_disk(path).get_docs(vocab))
