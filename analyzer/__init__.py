"""kehoach: an analyzer for Vietnamese administrative plans (Kế hoạch).

The public verbs follow the pipeline, one module each::

    ingest(path) -> Source        analyzer.ingest
    normalize(Source) -> Text     analyzer.normalize
    parse(Text) -> Document       analyzer.structure
    extract(Document) -> Plan     analyzer.extract
    analyze(path) -> Plan         all four
    load_nlp() -> Language        the same as a spaCy pipeline (analyzer.nlp)

>>> plan = analyze("corpora/seeds/xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt")  # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

from .errors import KehoachError
from .extract import extract
from .ingest import DEFAULT_MAX_BYTES, ingest
from .models import Document, Plan, Source, Text
from .normalize import normalize
from .structure import parse

__version__ = "0.1.0"
SCHEMA_VERSION = "1"

__all__ = [
    "analyze", "ingest", "normalize", "parse", "extract",
    "KehoachError", "Document", "Plan", "Source", "Text", "SCHEMA_VERSION", "__version__",
    "load_nlp", "plan_doc", "to_docbin", "read_docbin",
]
# The spaCy pipeline (analyzer/nlp) imports spaCy: loaded on first use, not with the package.
_NLP_NAMES = {"load_nlp", "plan_doc", "to_docbin", "read_docbin"}


def __getattr__(name: str):
    if name in _NLP_NAMES:
        from . import nlp

        return getattr(nlp, name)
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")


def analyze(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, **ingest_options) -> Plan:
    """Run the whole pipeline on one file; ``ingest_options`` (ocr, workers, progress, dpi,
    searchable) go to :func:`ingest`."""
    return extract(parse(normalize(ingest(path, max_bytes=max_bytes, **ingest_options))))
