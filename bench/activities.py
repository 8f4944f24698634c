"""Activities: segmentation + classification speed over the text corpus, model load time,
peak memory.

    python bench/activities.py [--corpus ../shared/corpus] [--repeat 3]

Documents are parsed and their units and deadlines extracted before timing (bench/ingest.py
and bench/extract.py measure those); the timed pass is analyzer.activities.find_activities
(segment, tokenize with underthesea, classify, link). Not a test: figures go in the README
and the model card.
"""
from __future__ import annotations

import resource
import time

from common import arguments, best_of, corpus_texts, peak  # bench/common.py

from analyzer import ingest, normalize, parse
from analyzer.activities import find_activities, segment
from analyzer.activities.model import MODEL_FILE, default_model_dir, load_model
from analyzer.extract.citations import find_citations
from analyzer.extract.deadlines import find_deadlines
from analyzer.extract.units import find_units


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    directory = default_model_dir()
    if directory is None:
        raise SystemExit("no model in models/activities: run `kehoach train activities` first")
    path = directory / MODEL_FILE
    t_load, model = best_of(args.repeat, lambda: load_model(path))
    start = time.perf_counter()
    from underthesea import word_tokenize

    word_tokenize("khởi động")
    t_tokenizer = time.perf_counter() - start
    documents = []
    for p in corpus_texts(args.corpus):
        doc = parse(normalize(ingest(p)))
        cited = [c.span for c in find_citations(doc)]
        units, owner_of = find_units(doc, cited)
        documents.append((doc, units, find_deadlines(doc, cited, owner_of)))
    t_segment, segments = best_of(args.repeat, lambda: [segment(d) for d, _, _ in documents])
    t_all, found = best_of(args.repeat, lambda: [find_activities(d, u, dl, model) for d, u, dl in documents])
    top = peak(lambda: [find_activities(d, u, dl, model) for d, u, dl in documents])
    n = sum(len(f) for f in found)
    print(f"model load ({path.stat().st_size / 2**20:.1f} MB): {t_load * 1000:.0f} ms; "
          f"underthesea import + first call: {t_tokenizer * 1000:.0f} ms")
    print(f"segmentation alone: {sum(len(s) for s in segments) / t_segment:,.0f} items/s ({t_segment:.2f} s)")
    print(f"find_activities: {len(documents)} documents, {n} activities: {n / t_all:,.0f} activities/s, "
          f"{len(documents) / t_all:.1f} documents/s ({t_all:.2f} s)")
    print(f"tracemalloc peak of one pass: {top / 2**20:.1f} MB; "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
