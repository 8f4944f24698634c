"""Page images before Tesseract: red ink dropped, pages skewed by a degree or more leveled.

Red ink first (``drop_red``): a seal stamped over the signer's title or an annex's
"(Kèm theo Kế hoạch số ...)" line, read in grey, is a ring of mid-grey letters that
Tesseract reads as text and that breaks the black letters under it. Each pixel is given
its luminance but never darker than its red channel, and a clearly red one (red above
both green and blue by more than ``RED_MARGIN``) becomes paper: red ink is light in the red
channel, black and blue ink are not, so black print and blue handwriting stay as they were.
KH-1105 (seal over three pages): CER 3.41 % -> 2.27 %. Tried and not kept: the red channel
alone (2.51 %; it darkens blue ink, and CV-2265's handwritten blue day then reads as a
letter, which loses its place), dropping blue too, the signature's ink (2.58 %: the
signature is not read either way, and the strokes left behind read worse). Pages without
red ink (a 36 dpi thumbnail tells) are rendered in grey as before. On the real
scans of corpora/gold-ocr the signer's authority and position come out from under the
seals more often (0.643 -> 0.714, 0.000 -> 0.071); no header field is lost.

Measured with bench/ocr_preprocess.py (figures in the README, OCR section):

* bench/ocr.py's synthetic scans (skewed 0.5-1.5 degrees): CER 0.27 % as rendered, 0.21 %
  with every page over 0.2 degree leveled, 0.22 % with pages over 1 degree leveled. The
  estimate is within 0.01 degree of the skew applied.
* the real scans of corpora/gold-ocr (skews up to 0.75 degree): leveling from 0.2 degree
  costs two header fields (a Phiếu trình's date, "HẠ TẦNG" read "HẠ TẢNG"): Tesseract copes
  with small skews itself and resampling blurs tone marks. From 1 degree no real page is
  touched: KH-1105 stays at CER 4.13 %.
* binarizing first does not help: Otsu 4.24 % on KH-1105 (4.13 % without); Sauvola 3.29 %
  on KH-1105 but 0.35 % on the synthetic scans, and on the real scans it loses symbols
  (``1105/KH-ĐKT`` read ``1105KH-ĐKT``), dates and issuers. Tesseract binarizes by itself.

The skew is found by projection profile: rotated by the right angle, a page's text lines
fall into rows, and the row sums of ink vary most.
"""
from __future__ import annotations

RED_MARGIN = 40  # red minus max(green, blue): 20 and 40 measure the same on KH-1105, 60 worse
MIN_SKEW = 1.0  # degrees: below this, resampling costs more than leveling gains
MAX_SKEW = 3.0  # searched from -3 to +3 degrees: scans, not photos taken askew


def _otsu_level(arr) -> float:
    """The grey level that best splits ink from paper (Otsu)."""
    import numpy as np

    hist, edges = np.histogram(arr, bins=256, range=(0, 256))
    weights = hist.astype(np.float64)
    levels = (edges[:-1] + edges[1:]) / 2
    w0 = np.cumsum(weights)
    w1 = weights.sum() - w0
    m0 = np.cumsum(weights * levels)
    mean0 = np.divide(m0, w0, out=np.zeros_like(m0), where=w0 > 0)
    mean1 = np.divide(m0[-1] - m0, w1, out=np.zeros_like(m0), where=w1 > 0)
    return float(levels[int(np.argmax(w0 * w1 * (mean0 - mean1) ** 2))])


def _ink(image, shrink: int):
    """The page at 1/``shrink`` size, ink 255 and paper 0 (Otsu)."""
    import numpy as np
    from PIL import Image

    small = image.convert("L").resize((max(1, image.width // shrink), max(1, image.height // shrink)))
    arr = np.asarray(small, dtype=np.float32)
    return Image.fromarray(np.where(arr < _otsu_level(arr), 255, 0).astype(np.uint8))


def _spread(ink, angle: float) -> float:
    """Variance of the row sums of ink once rotated by ``angle``: largest when lines are level."""
    import numpy as np
    from PIL import Image

    rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float32)
    return float(np.var(rows.sum(axis=1)))


def estimate_skew(image, limit: float = MAX_SKEW, stop_below: float | None = None) -> float:
    """Degrees to rotate ``image`` by (PIL's counter-clockwise sense) to level its lines:
    0.5 degree steps over +-``limit`` on a quarter-size copy, then 0.05 degree steps around
    the best on a half-size copy. ``stop_below``: no finer search when the coarse angle
    shows the skew is under it (a level 300 dpi page: 0.14 CPU s, against 0.32 s searched to
    0.05 degree)."""
    quarter = _ink(image, 4)
    coarse = max((step / 2 for step in range(int(-limit * 2), int(limit * 2) + 1)), key=lambda a: _spread(quarter, a))
    if stop_below is not None and abs(coarse) + 0.5 < stop_below:
        return coarse
    half = _ink(image, 2)
    fine = [coarse + step / 20 for step in range(-10, 11) if abs(coarse + step / 20) <= limit]
    return max(fine, key=lambda a: _spread(half, a))


def deskew(image, angle: float | None = None):
    """(the page leveled, the angle it was rotated by); unchanged below ``MIN_SKEW``.
    ``angle``: level by this estimate instead of making one (the page a searchable PDF
    shows turns as the page read did, or its text layer would not lie over its words)."""
    import numpy as np
    from PIL import Image

    if angle is None:
        angle = estimate_skew(image, stop_below=MIN_SKEW)
    if abs(angle) < MIN_SKEW or abs(angle) >= MAX_SKEW:  # level, or no lines to go by (a blank page)
        return image, angle
    arr = np.asarray(image.convert("L"), dtype=np.float32)
    paper = arr[arr >= _otsu_level(arr)]
    fill = int(np.median(paper)) if paper.size else 255
    grey = image.convert("L") if image.mode != "L" else image
    return grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=fill), angle


def drop_red(image):
    """A colour page in grey with its red ink turned to paper; a grey page as it is.
    Channel operations in PIL (0.02 s a 300 dpi page)."""
    from PIL import ImageChops

    if image.mode == "L":
        return image
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    red_ink = _redness(rgb).point(lambda v: 255 if v > RED_MARGIN else 0)
    return ImageChops.lighter(ImageChops.lighter(rgb.convert("L"), rgb.getchannel("R")), red_ink)


def has_red(image, margin: int = RED_MARGIN // 2) -> bool:
    """Whether a colour image (a thumbnail will do: thin red strokes fade into pink there,
    hence the lower margin) shows any red ink."""
    if image.mode == "L":
        return False
    return _redness(image if image.mode == "RGB" else image.convert("RGB")).getextrema()[1] > margin


def _redness(rgb):
    """Red minus the larger of green and blue, clipped at 0, of an RGB image."""
    from PIL import ImageChops

    red, green, blue = rgb.split()
    return ImageChops.subtract(red, ImageChops.lighter(green, blue))


def prepare(image):
    """What OCR reads: (the page, red ink dropped, leveled; the skew estimated)."""
    return deskew(drop_red(image))


def prepare_shown(image, angle: float):
    """What a searchable PDF shows: the page in grey with its red ink, leveled by the
    ``angle`` estimated on the page read (prepare). Estimated again here, on the grey page,
    the seal's ink can tip it another way: CV-2265 p. 3, -2.8 read against 2.95 degrees."""
    return deskew(image if image.mode == "L" else image.convert("L"), angle)[0]
