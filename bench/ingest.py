"""Ingestion and parsing throughput, measured against a baseline in the same run.

    python bench/ingest.py [--corpus ../shared/corpus] [--repeat 3]

* PDF: pages per second of ``analyzer.ingest`` (layout-aware reading, page judging, column
  ordering) against pdfplumber's own ``page.extract_text()`` on the same files.
* Text: characters per second of normalize + parse over every text of the corpus and the
  seeds (ingest excluded).
* Peak memory: the process's maximum resident set size, and tracemalloc's peak for the
  Python allocations of each phase.
Not a test: figures go in the README and the notes.
"""
from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

import pdfplumber
from common import REPO, arguments, best_of, corpus_texts, peak  # bench/common.py

from analyzer.ingest import ingest
from analyzer.normalize import normalize
from analyzer.structure import parse


def bench_pdf(pdfs: list[Path], repeat: int) -> dict:
    def ours():
        return sum(len(ingest(p).pages) for p in pdfs)

    def baseline():
        pages = 0
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
        return pages

    # Timed runs first, alternating, without tracemalloc (which slows Python several-fold).
    t_ours, pages = best_of(repeat, ours)
    t_base, pages_base = best_of(repeat, baseline)
    peak_ours = peak(ours)
    assert pages == pages_base
    return {
        "files": len(pdfs), "pages": pages,
        "kehoach_pages_per_s": pages / t_ours, "pdfplumber_pages_per_s": pages / t_base,
        "ratio_vs_pdfplumber": t_base / t_ours, "tracemalloc_peak_mb": peak_ours / 2**20,
    }


def bench_text(texts: list[Path], repeat: int) -> dict:
    sources = [ingest(p) for p in texts]
    chars = sum(len(page.text) for s in sources for page in s.pages)

    def run():
        return [parse(normalize(s)) for s in sources]

    elapsed, _ = best_of(repeat, run)
    top = peak(run)
    return {"documents": len(sources), "chars": chars, "chars_per_s": chars / elapsed,
            "docs_per_s": len(sources) / elapsed, "tracemalloc_peak_mb": top / 2**20}


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    texts = corpus_texts(args.corpus)
    pdfs: list[Path] = []
    if args.corpus.is_dir():
        pdfs = sorted((args.corpus / "pdf").glob("*.pdf"))
    else:
        print(f"(no corpus at {args.corpus}: text benchmark on the seeds only, no PDF benchmark)")
    results = {"python": sys.version.split()[0]}
    if pdfs:
        results["pdf"] = bench_pdf(pdfs, args.repeat)
    results["text"] = bench_text(texts, args.repeat)
    results["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if "pdf" in results:
        r = results["pdf"]
        print(f"PDF ingest: {r['pages']} pages in {r['files']} files: kehoach {r['kehoach_pages_per_s']:.1f} pages/s, "
              f"pdfplumber extract_text {r['pdfplumber_pages_per_s']:.1f} pages/s "
              f"(ratio {r['ratio_vs_pdfplumber']:.2f}x), tracemalloc peak {r['tracemalloc_peak_mb']:.1f} MB")
    r = results["text"]
    print(f"normalize+parse: {r['documents']} documents, {r['chars']:,} chars: {r['chars_per_s']:,.0f} chars/s "
          f"({r['docs_per_s']:.1f} docs/s), tracemalloc peak {r['tracemalloc_peak_mb']:.1f} MB")
    print(f"process max RSS: {results['max_rss_mb']:.0f} MB")
    out = REPO / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
