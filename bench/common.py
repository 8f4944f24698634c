"""What the benchmarks share: best-of timing, a peak-memory pass, the corpus arguments."""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def best_of(repeat: int, fn):
    """(fastest time of ``repeat`` runs, result of the last run)."""
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None or elapsed < best else best
    return best, result


def peak(fn) -> int:
    """Peak Python allocation (bytes) of one untimed run: tracemalloc slows Python several-fold,
    so it never runs during the timed runs."""
    tracemalloc.start()
    fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def corpus_texts(corpus: Path) -> list[Path]:
    """The seeds, and every text of the shared corpus when it is present."""
    paths = sorted((REPO / "corpora" / "seeds").glob("*.txt"))
    if corpus.is_dir():
        paths += sorted((corpus / "text").glob("*.txt"))
    return paths
