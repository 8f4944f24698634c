"""The activity corpus (corpora/activities/*.jsonl): every item quotes its document and
carries only taxonomy codes. Texts of ../shared/corpus skip where that folder is absent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED_CORPUS

CODES = {"media", "loudspeaker", "online", "print", "visual", "production", "training", "meeting", "contest",
         "dialogue", "campaign", "support", "survey", "guidance", "inspection", "reporting", "funding", "reward"}
FILES = sorted((REPO / "corpora" / "activities").glob("*.jsonl"))


def _source(stem: str) -> Path:
    seed = REPO / "corpora" / "seeds" / f"{stem}.txt"
    return seed if seed.exists() else SHARED_CORPUS / "text" / f"{stem}.txt"


def test_activity_corpus_size():
    items = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in FILES)
    assert len(FILES) >= 25 and items >= 1000


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_activity_items_quote_their_document(path):
    source = _source(path.stem)
    if not source.exists():
        pytest.skip(f"needs {source}")
    squeezed = " ".join(source.read_text(encoding="utf-8").split())
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert set(item["types"]) <= CODES, item
        assert " ".join(item["text"].split()) in squeezed, item["text"][:80]
