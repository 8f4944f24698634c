"""Does preparing page images before Tesseract (deskew, binarize, drop red ink, take table
rules out, read ruled tables cell by cell) lower the character error rate?

    python bench/ocr_preprocess.py [--corpus ../shared/corpus] [--docs N] [--dpi 300] [--workers 1]
                                   [--variants none deskew red+deskew+cells ...] [--json PATH]

* KH-1105-DKT-ke-hoach-kiem-tra.pdf (6 pages whose text layer is ``(cid:N)``): pages rendered
  at 300 dpi, each variant applied, OCR'd; CER (analyzer.cer) of the normalized text against
  the normalized text of ``text/1105_KH-DKT_SoCongThuongLaoCai_2026.txt``.
* bench/ocr.py's synthetic scans (the same typesetting, degradation and seed: 0.5-1.5 degree
  skew, blur, noise): CER against the typeset text, micro-averaged; the skew each page was
  given and the skew the deskewer estimates.

Variants are steps joined by ``+``; the tree's own pipeline is ``red+deskew+cells``, ``none``
is the page as rendered (pdfium's greyscale), read whole. ``red`` drops red ink
(preprocess.drop_red: seals); ``cells`` reads ruled tables cell by cell (ocr_tables.py);
``rules`` paints the rules found by ocr_tables.rule_masks (full size) in the paper's grey and
reads the page whole. ``deskew`` estimates the skew by projection profile (the angle, searched
from -3 to +3 degrees, whose row sums of ink vary most, on a half-size copy) and rotates the
page back;
``sauvola`` binarizes with Sauvola's local threshold (window 1/60 of the page width, k 0.2);
``otsu`` with one global threshold; ``median`` a 3x3 median filter (noise) before the next step;
``sauvola34`` Sauvola with k 0.34. Tesseract binarizes (Otsu) and finds skewed baselines on
its own: this measures whether doing it first helps. Not a test: figures go in the README.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from common import REPO  # bench/common.py

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ocr as bench_ocr  # noqa: E402  bench/ocr.py: typesetting and degradation

preprocess = importlib.import_module("analyzer.ingest.preprocess")
ocr_tables = importlib.import_module("analyzer.ingest.ocr_tables")

KH_1105 = ("pdf/KH-1105-DKT-ke-hoach-kiem-tra.pdf", "text/1105_KH-DKT_SoCongThuongLaoCai_2026.txt")


# --------------------------------------------------------------------------- image operations

def sauvola(image, window_fraction: float = 1 / 60, k: float = 0.2, r: float = 128.0):
    """Sauvola's threshold T = m * (1 + k * (s / r - 1)) over a square window (integral images)."""
    import numpy as np
    from PIL import Image

    arr = np.asarray(image, dtype=np.float64)
    w = max(15, int(image.width * window_fraction) | 1)
    padded = np.pad(arr, w // 2 + 1, mode="edge")
    s1 = padded.cumsum(0).cumsum(1)
    s2 = (padded ** 2).cumsum(0).cumsum(1)
    h, wd = arr.shape

    def box(s):
        return s[w:w + h, w:w + wd] - s[0:h, w:w + wd] - s[w:w + h, 0:wd] + s[0:h, 0:wd]

    mean = box(s1) / (w * w)
    std = np.sqrt(np.maximum(box(s2) / (w * w) - mean ** 2, 0.0))
    threshold = mean * (1 + k * (std / r - 1))
    return Image.fromarray(np.where(arr > threshold, 255, 0).astype(np.uint8))


def otsu(image):
    import numpy as np
    from PIL import Image

    arr = np.asarray(image, dtype=np.float32)
    return Image.fromarray(np.where(arr > preprocess._otsu_level(arr), 255, 0).astype(np.uint8))


def erase_rules(image):
    """The page with its table rules and underlines painted in the paper's grey (one pixel
    either side: a rule's anti-aliased edge is read as "|" or "l" too)."""
    import numpy as np
    from PIL import Image

    grey = np.asarray(image, dtype=np.uint8)
    horizontal, vertical = ocr_tables.rule_masks(grey)
    rules = horizontal | vertical
    grown = rules.copy()
    grown[1:] |= rules[:-1]
    grown[:-1] |= rules[1:]
    grown[:, 1:] |= rules[:, :-1]
    grown[:, :-1] |= rules[:, 1:]
    paper = max(200, int(np.median(grey[::8, ::8])))
    return Image.fromarray(np.where(grown, paper, grey).astype(np.uint8))


def apply(variant: str, image, angles: list):
    """The image after the variant's steps; a deskew step appends its estimate to ``angles``.
    ``red`` and ``cells`` are not steps on the image: ``pipeline`` switches them."""
    from PIL import ImageFilter

    image = preprocess.drop_red(image)  # what pipeline() made of it: red dropped or plain grey
    for step in variant.split("+"):
        if step == "deskew":
            image, angle = preprocess.deskew(image)
            angles.append(angle)
        elif step.startswith("sauvola"):  # "sauvola" (k 0.2) or "sauvola34" (k 0.34)
            image = sauvola(image, k=int(step[7:]) / 100 if step[7:] else 0.2)
        elif step == "otsu":
            image = otsu(image)
        elif step == "median":
            image = image.filter(ImageFilter.MedianFilter(3))
        elif step == "rules":
            image = erase_rules(image)
        elif step not in ("none", "red", "cells"):
            raise SystemExit(f"unknown variant step {step}")
    return image


@contextmanager
def pipeline(variant: str):
    """OCR prepares every page with ``variant`` instead of its default (preprocess.prepare);
    red ink is dropped and tables read cell by cell only when the variant names them."""
    steps = variant.split("+")
    angles: list = []
    saved = preprocess.prepare, preprocess.drop_red, preprocess.has_red, ocr_tables.READ_CELLS
    if "red" not in steps:  # pages render in pdfium's grey, as before drop_red
        preprocess.has_red = lambda image: False
        preprocess.drop_red = lambda image: image if image.mode == "L" else image.convert("L")
    ocr_tables.READ_CELLS = "cells" in steps
    # (image, angle) as preprocess.prepare returns: the angle only levels the page a searchable
    # PDF shows, and the bench writes none
    preprocess.prepare = lambda image: (apply(variant, image, angles), 0.0)
    try:
        yield angles
    finally:
        preprocess.prepare, preprocess.drop_red, preprocess.has_red, ocr_tables.READ_CELLS = saved


# --------------------------------------------------------------------------- measures

def kh_1105(args, variant: str) -> dict:
    import analyzer
    from analyzer.cer import cer

    reference = analyzer.analyze(args.corpus / KH_1105[1])  # first: imports and models load untimed
    with pipeline(variant) as angles:
        start = time.perf_counter()
        plan = analyzer.analyze(args.corpus / KH_1105[0], workers=args.workers)
        seconds = time.perf_counter() - start
    return {"cer": cer(plan.document.text.text, reference.document.text.text), "seconds": seconds,
            "estimated_skew": [round(a, 2) for a in angles]}


def synthetic(args, variant: str, fonts, tmp: Path) -> dict:
    import numpy as np

    import analyzer
    from analyzer.cer import cer

    paths = bench_ocr.SEEDS + [args.corpus / "text" / f"{name}.txt" for name in bench_ocr.TEXTS]
    paths = [p for p in paths if p.is_file()][: args.docs]
    edits = chars = 0
    skews = []
    for index, path in enumerate(paths):
        paragraphs = analyzer.analyze(path).document.text.text.split("\n")
        images, reference, _ = bench_ocr.typeset(paragraphs, args.dpi, fonts, args.doc_pages)
        rng = np.random.default_rng([args.seed, index, args.dpi])  # as bench/ocr.py: same scans
        scans, given = zip(*(bench_ocr.degrade(image, rng, args.dpi) for image in images))
        tiff = tmp / f"{path.stem}-{variant}.tif"
        bench_ocr.save_tiff(list(scans), tiff, args.dpi)
        with pipeline(variant):
            text = analyzer.analyze(tiff, workers=args.workers).document.text.text
        tiff.unlink()
        if "deskew" in variant:
            skews.extend((round(g, 2), round(preprocess.estimate_skew(scan), 2)) for g, scan in zip(given, scans))
        n = len(bench_ocr.squeeze(reference))
        edits += round(cer(text, reference) * n)
        chars += n
    result = {"cer": edits / max(1, chars), "edits": edits, "ref_chars": chars, "docs": len(paths),
              "skew_given_vs_estimated": skews}
    if any(e is not None for _, e in skews):
        # degrade() rotates by +angle (PIL, counter-clockwise): leveling it back takes -angle.
        result["skew_error_mean_abs"] = sum(abs(g + e) for g, e in skews) / len(skews)
    return result


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--variants", nargs="+",
                        default=["none", "deskew", "red+deskew", "deskew+rules", "deskew+cells", "red+deskew+cells"])
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--docs", type=int, default=None, help="synthetic documents (default all 12)")
    parser.add_argument("--doc-pages", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--min-skew", type=float, default=None,
                        help=f"degrees below which deskew leaves a page (default {preprocess.MIN_SKEW})")
    parser.add_argument("--skip-1105", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if args.min_skew is not None:
        preprocess.MIN_SKEW = args.min_skew
    results: dict = {"arguments": {k: str(v) for k, v in vars(args).items()}, "variants": {}}
    fonts = None if args.skip_synthetic else bench_ocr.find_fonts()
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-pre-") as tmp:
        for variant in args.variants:
            row = {}
            if not args.skip_1105 and (args.corpus / KH_1105[0]).is_file():
                row["kh_1105"] = kh_1105(args, variant)
            if not args.skip_synthetic:
                row["synthetic"] = synthetic(args, variant, fonts, Path(tmp))
            results["variants"][variant] = row
            print(f"  {variant:16} KH-1105 CER {row.get('kh_1105', {}).get('cer', float('nan')):.2%}  "
                  f"synthetic CER {row.get('synthetic', {}).get('cer', float('nan')):.2%}", flush=True)
    print(f"\n| variant | KH-1105 CER | KH-1105 s/page | synthetic CER ({args.dpi} dpi) | skew estimate error |")
    print("|---|---|---|---|---|")
    for variant, row in results["variants"].items():
        k, s = row.get("kh_1105", {}), row.get("synthetic", {})
        err = s.get("skew_error_mean_abs")
        print(f"| {variant} | {k.get('cer', float('nan')):.2%} | {k.get('seconds', float('nan')) / 6:.2f} | "
              f"{s.get('cer', float('nan')):.2%} | {'' if err is None else f'{err:.2f}°'} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
