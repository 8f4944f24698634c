"""Extraction throughput: documents per second over the text corpus, against underthesea's
``word_tokenize`` alone over the same texts in the same run.

    python bench/extract.py [--corpus ../shared/corpus] [--repeat 3]

Both sides start from parsed documents (ingest, normalize and parse are measured by
bench/ingest.py). Not a test: figures go in the README and notes.
"""
from __future__ import annotations

import resource

from common import arguments, best_of, corpus_texts, peak  # bench/common.py

from analyzer import extract, ingest, normalize, parse


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    paths = corpus_texts(args.corpus)
    documents = [parse(normalize(ingest(p))) for p in paths]
    texts = [d.text.text for d in documents]
    from underthesea import word_tokenize

    word_tokenize("khởi động")  # load its model outside the timed runs
    t_extract, plans = best_of(args.repeat, lambda: [extract(d) for d in documents])
    t_tokenize, _ = best_of(args.repeat, lambda: [word_tokenize(t) for t in texts])
    top = peak(lambda: [extract(d) for d in documents])
    items = sum(len(p.citations) + len(p.units) + len(p.deadlines) + len(p.targets) for p in plans)
    chars = sum(len(t) for t in texts)
    print(f"extract: {len(documents)} documents, {chars:,} chars, {items} items: "
          f"{len(documents) / t_extract:.1f} docs/s ({t_extract:.2f} s)")
    print(f"underthesea word_tokenize alone: {len(documents) / t_tokenize:.1f} docs/s ({t_tokenize:.2f} s)")
    print(f"ratio extract / word_tokenize speed: {t_tokenize / t_extract:.2f}x")
    print(f"tracemalloc peak of one extraction pass: {top / 2**20:.1f} MB; "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
