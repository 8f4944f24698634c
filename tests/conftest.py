"""Shared fixtures. Real documents come from ../shared/corpus when it is present; tests
that need it skip with a message naming the folder (a fresh clone has no ../shared)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpora" / "seeds"
HOANG_CAT = SEEDS / "xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt"
LUC_NAM = SEEDS / "huyen-luc-nam-2022-truyen-thong-giam-ngheo.txt"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def corpus_path(*parts: str) -> Path:
    """A file of the shared corpus, or skip the test when the corpus is absent."""
    path = SHARED_CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared corpus file {path} (absent in this checkout)")
    return path


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus folder {SHARED_CORPUS}")
    return SHARED_CORPUS
