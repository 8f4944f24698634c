"""Deskew before OCR (analyzer/ingest/preprocess.py): the projection-profile estimate, and
pages left alone below a degree of skew."""
from __future__ import annotations

import pytest

from analyzer.ingest.preprocess import MIN_SKEW, deskew, estimate_skew


def page(angle: float):
    """A white A4-ish page at 100 dpi with 30 dark 'text lines', rotated by ``angle``."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (830, 1170), 235)
    draw = ImageDraw.Draw(image)
    for row in range(30):
        y = 120 + row * 30
        for x in range(100, 720, 60):
            draw.rectangle([x, y, x + 45, y + 12], fill=40)
    return image.rotate(angle, fillcolor=235)


@pytest.mark.parametrize("angle", [-2.0, -1.2, 0.7, 1.5])
def test_skew_estimate_levels_the_page(angle):
    assert estimate_skew(page(angle)) == pytest.approx(-angle, abs=0.15)  # 0.01 at 300 dpi


def test_small_skew_is_left_alone_and_large_skew_leveled():
    level = page(0.5)
    assert deskew(level)[0] is level  # under MIN_SKEW: Tesseract copes, resampling would blur
    assert MIN_SKEW == 1.0
    fixed, angle = deskew(page(1.5))
    assert angle == pytest.approx(-1.5, abs=0.15)
    assert abs(estimate_skew(fixed)) < 0.2


def test_recognise_keeps_page_order_bounds_memory_and_passes_errors(monkeypatch, tmp_path):
    """Pages are rendered on a feeder thread and recognised in parallel: results come back in
    page order, no more than two pages a worker are ever waiting, an engine error reaches the
    caller."""
    import threading
    import time

    from PIL import Image

    from analyzer.errors import KehoachError
    from analyzer.ingest import ocr

    alive, most, lock = [0], [0], threading.Lock()

    def fake_tesseract(path, want_pdf):
        time.sleep(0.01)
        with lock:
            alive[0] -= 1
        if "page-0003" in str(path) and fail:
            raise KehoachError("E015", path, detail="hỏng")
        return [{"text": path.stem}], None

    def images(n):
        for i in range(n):
            with lock:
                alive[0] += 1
                most[0] = max(most[0], alive[0])
            yield Image.new("L", (50 + i, 40), 255)

    monkeypatch.setattr(ocr, "_tesseract", fake_tesseract)
    fail = False
    pages = ocr.recognise(images(12), 12, workers=2)
    assert [words[0]["text"] for words, _, _ in pages] == [f"page-{i:04d}" for i in range(12)]
    assert [width for _, width, _ in pages] == [float(50 + i) for i in range(12)]
    assert most[0] <= 2 * 2 + 1  # the pages of two workers, and the one being rendered
    fail = True
    with pytest.raises(KehoachError):
        ocr.recognise(images(8), 8, workers=2)
