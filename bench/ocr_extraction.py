"""Extraction from a scan against extraction from the same plan's text: KH-1105.

    python bench/ocr_extraction.py [--corpus ../shared/corpus] [--workers N] [--json PATH]

KH-1105-DKT-ke-hoach-kiem-tra.pdf has a ``(cid:N)`` text layer, so every page is OCR'd
(300 dpi, Tesseract ``vie``); text/1105_KH-DKT_SoCongThuongLaoCai_2026.txt is the same plan
as text. Both go through ``analyze``; the text file's output is the reference. Measured:

* CER of the normalized text (analyzer.cer, whitespace-insensitive);
* the header fields that differ;
* set precision / recall / F1 of the extracted items, by key:
  citations (normalized symbol, or name for citations by name only; "with date" adds the
  issuing date), units (canonical name, case-folded), deadlines (kind, date, start, end,
  recurrence, day and month).

The issue's acceptance: the scan's extraction "as good as from that text file" (F1 1.000).
Not a test: figures go in the README.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

from common import REPO  # bench/common.py

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr import citation_keys, prf  # noqa: E402  bench/ocr.py

PDF = "pdf/KH-1105-DKT-ke-hoach-kiem-tra.pdf"
TEXT = "text/1105_KH-DKT_SoCongThuongLaoCai_2026.txt"
HEADER_FIELDS = ("doc_type", "number", "symbol", "issued_date", "place", "title")


def _fold(value: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").split()).casefold()


def unit_keys(units) -> set:
    return {_fold(u.name) for u in units}


def deadline_keys(deadlines) -> set:
    return {(d.kind, d.date, d.start, d.end, d.recurrence, d.day_month) for d in deadlines}


def compare(reference: set, hypothesis: set) -> dict:
    tp, fp, fn = len(reference & hypothesis), len(hypothesis - reference), len(reference - hypothesis)
    p, r, f = prf(tp, fp, fn)
    return {"reference": len(reference), "ocr": len(hypothesis), "tp": tp, "fp": fp, "fn": fn,
            "precision": p, "recall": r, "f1": f,
            "missed": sorted(map(str, reference - hypothesis)), "spurious": sorted(map(str, hypothesis - reference))}


def header_differences(reference, hypothesis) -> dict:
    out = {}
    for name in HEADER_FIELDS:
        a, b = getattr(reference, name), getattr(hypothesis, name)
        if _fold(str(a) if a is not None else None) != _fold(str(b) if b is not None else None):
            out[name] = {"text": a, "ocr": b}
    ra, rb = reference.issuer, hypothesis.issuer
    if _fold(ra.name if ra else None) != _fold(rb.name if rb else None):
        out["issuer"] = {"text": ra.name if ra else None, "ocr": rb.name if rb else None}
    return out


def run(args) -> dict:
    import analyzer
    from analyzer.cer import cer

    start = time.perf_counter()
    scan = analyzer.analyze(args.corpus / PDF, workers=args.workers)
    seconds = time.perf_counter() - start
    text = analyzer.analyze(args.corpus / TEXT)
    return {
        "pdf": PDF, "text": TEXT, "ocr_pages": scan.document.text.source.ocr_pages, "seconds": seconds,
        "cer": cer(scan.document.text.text, text.document.text.text),
        "header_differences": header_differences(text.document.header, scan.document.header),
        "citations": compare(citation_keys(text.citations), citation_keys(scan.citations)),
        "citations_with_date": compare(citation_keys(text.citations, True), citation_keys(scan.citations, True)),
        "units": compare(unit_keys(text.units), unit_keys(scan.units)),
        "deadlines": compare(deadline_keys(text.deadlines), deadline_keys(scan.deadlines)),
    }


def report(result: dict) -> None:
    print(f"\nKH-1105: OCR of {len(result['ocr_pages'])} pages in {result['seconds']:.1f} s; "
          f"CER {result['cer']:.2%} against the text file\n")
    print("| items | text | OCR | P | R | F1 |")
    print("|---|---|---|---|---|---|")
    for name in ("citations", "citations_with_date", "units", "deadlines"):
        r = result[name]
        print(f"| {name.replace('_', ' ')} | {r['reference']} | {r['ocr']} | {r['precision']:.3f} | "
              f"{r['recall']:.3f} | {r['f1']:.3f} |")
    for name in ("citations", "citations_with_date", "units", "deadlines"):
        r = result[name]
        if r["missed"] or r["spurious"]:
            print(f"\n{name} missed: " + "; ".join(r["missed"]))
            print(f"{name} spurious: " + "; ".join(r["spurious"]))
    if result["header_differences"]:
        print("\nheader fields that differ: " + json.dumps(result["header_differences"], ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if not (args.corpus / PDF).is_file():
        raise SystemExit(f"no {args.corpus / PDF}")
    result = run(args)
    report(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
