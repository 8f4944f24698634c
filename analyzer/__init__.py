"""kehoach: an analyzer for Vietnamese administrative plans (Kế hoạch).

The public verbs follow the pipeline, one module each::

    ingest(path) -> Source        analyzer.ingest
    normalize(Source) -> Text     analyzer.normalize
    parse(Text) -> Document       analyzer.structure
    extract(Document) -> Plan     analyzer.extract
    analyze(path) -> Plan         all four

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
]


def analyze(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, **ingest_options) -> Plan:
    """Run the whole pipeline on one file; ``ingest_options`` (ocr, workers, progress, dpi,
    searchable) go to :func:`ingest`."""
    return extract(parse(normalize(ingest(path, max_bytes=max_bytes, **ingest_options))))
