"""Ruled tables read cell by cell (analyzer/ingest/ocr_tables.py) and red ink dropped before
OCR (preprocess.drop_red). Tests that run Tesseract skip where it is not installed."""
from __future__ import annotations

import numpy as np
import pytest

from analyzer.ingest import ocr_tables
from analyzer.ingest.ocr import tesseract_problem, words_to_text
from analyzer.ingest.preprocess import drop_red, has_red, prepare
from tests.conftest import corpus_path

needs_tesseract = pytest.mark.skipif(
    tesseract_problem() is not None,
    reason=f"OCR needs the Debian packages tesseract-ocr tesseract-ocr-vie ({tesseract_problem()})",
)

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def ruled_page(text: bool = True):
    """A 300 dpi page: a line of text, a 3 x 3 ruled table whose first column's two lower
    cells are one (a rule missing), a line of text under it; an underline elsewhere."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 1600), 250)
    draw = ImageDraw.Draw(image)
    xs, ys = [200, 500, 1700, 2200], [400, 560, 820, 1080]
    for x in xs:
        draw.rectangle([x - 1, ys[0] - 1, x + 1, ys[-1] + 1], fill=20)
    for i, y in enumerate(ys):
        x0 = xs[1] if i == 2 else xs[0]  # the rule under row 1 stops at column 2: a spanning cell
        draw.rectangle([x0 - 1, y - 1, xs[-1] + 1, y + 1], fill=20)
    draw.rectangle([1500, 250, 2100, 252], fill=20)  # an underline: a rule, not a table
    if text:
        font = ImageFont.truetype(SERIF, 50)
        draw.text((200, 200), "Trên bảng là kế hoạch kiểm tra", font=font, fill=0)
        for x, y, s in [(300, 450, "TT"), (600, 450, "Tên đơn vị"), (1800, 450, "Thời hạn"),
                        (330, 760, "1"), (560, 600, "Gói thầu số 13: Thi công"), (560, 680, "công trình đường"),
                        (560, 760, "nối Quốc lộ 32"), (1800, 760, "02 ngày"), (560, 900, "Gói thầu số 14"),
                        (1800, 900, "05 ngày")]:
            draw.text((x, y), s, font=font, fill=0)
        draw.text((200, 1200), "Nơi nhận: như trên", font=font, fill=0)
    return image


def test_long_runs_is_an_opening_by_a_line():
    rng = np.random.default_rng(4)
    ink = rng.random((40, 120)) < 0.8
    for length in (1, 4, 9):
        expected = np.zeros_like(ink)
        for r in range(ink.shape[0]):
            for i in range(ink.shape[1] - length + 1):
                if ink[r, i:i + length].all():
                    expected[r, i:i + length] = True
        assert (ocr_tables._long_runs(ink, length, 1) == expected).all()
        assert (ocr_tables._long_runs(ink.T.copy(), length, 0) == expected.T).all()


def test_a_ruled_grid_is_found_with_its_spanning_cell():
    tables = ocr_tables.find_tables(ruled_page(text=False))
    assert len(tables) == 1
    table = tables[0]
    assert table.box == pytest.approx((200, 400, 2200, 1080), abs=4)
    assert len(table.cells) == 8  # 9 boxes, two of them one cell
    spanning = [c for c in table.cells if c[0] < 300 and c[3] > 1000]
    assert len(spanning) == 1 and spanning[0][1] == pytest.approx(560, abs=6)


def test_a_page_of_text_and_underlines_has_no_table():
    from PIL import Image, ImageDraw

    image = Image.new("L", (2480, 3508), 250)
    draw = ImageDraw.Draw(image)
    for row in range(60):
        for x in range(200, 2200, 180):
            draw.rectangle([x, 200 + row * 50, x + 140, 230 + row * 50], fill=30)
    draw.rectangle([900, 120, 1600, 123], fill=20)
    assert ocr_tables.find_tables(image) == []


def test_table_lines_are_written_as_a_layout_extract_writes_them():
    # A row number centred beside a three-line cell goes on the middle line; the first
    # column's two-line cell interleaves with the third column's lines.
    cell_lines = [
        (100, 140, 300, "Gói thầu số 13"), (150, 190, 300, "Bài - Lào Cai"), (200, 240, 300, "định cư 1"),
        (150, 190, 120, "Công ty xây"), (198, 238, 120, "dựng Yên Bái"),
        (200, 240, 10, "1"), (200, 240, 900, "02 ngày"),
    ]
    assert ocr_tables.table_text(cell_lines) == [
        "Gói thầu số 13", "Công ty xây Bài - Lào Cai", "1 dựng Yên Bái định cư 1 02 ngày"]


def test_a_cell_that_is_only_a_stroke_is_a_one():
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [head,
            "4\t1\t1\t1\t1\t0\t12\t40\t10\t40\t-1\t", "5\t1\t1\t1\t1\t1\t12\t40\t10\t40\t60\t|",
            "4\t2\t1\t1\t1\t0\t12\t40\t300\t40\t-1\t", "5\t2\t1\t1\t1\t1\t12\t40\t100\t40\t90\tGói",
            "5\t2\t1\t1\t1\t2\t120\t40\t10\t40\t30\t|",
            "4\t3\t1\t1\t1\t0\t12\t40\t200\t40\t-1\t", "5\t3\t1\t1\t1\t1\t12\t40\t200\t40\t90\tVăn"]
    assert ocr_tables.parse_cell_tsv("\n".join(rows)) == [
        (1, 40, 80, 12, "1"), (2, 40, 80, 12, "Gói |"), (3, 40, 80, 12, "Văn")]


def test_table_lines_go_between_the_text_above_and_below():
    def word(text, x0, top):
        return {"text": text, "x0": x0, "x1": x0 + 100.0, "top": top, "bottom": top + 40.0, "size": 40.0, "conf": 95.0}

    table = [{"text": t, "x0": 200.0, "x1": 2200.0, "top": 400.0, "bottom": 1080.0, "size": 0.0, "conf": -1.0,
              "table": 0} for t in ("TT Tên", "1 Gói thầu")]
    words = [word("dưới", 200.0, 1200.0), word("Trên", 200.0, 200.0)] + table
    assert words_to_text(words, 2480.0).splitlines() == ["Trên", "TT Tên", "1 Gói thầu", "dưới"]


def test_red_ink_is_dropped_and_black_and_blue_ink_kept():
    from PIL import Image

    colours = {"red": (200, 40, 50), "pink": (240, 170, 180), "black": (10, 10, 10), "blue": (40, 80, 160),
               "paper": (245, 245, 240)}
    image = Image.new("RGB", (len(colours), 1))
    image.putdata(list(colours.values()))
    grey = {name: drop_red(image).getpixel((i, 0)) for i, name in enumerate(colours)}
    luminance = {name: image.convert("L").getpixel((i, 0)) for i, name in enumerate(colours)}
    assert grey["red"] == 255 and grey["pink"] == 255  # a seal and its faded edge: paper
    assert grey["black"] == luminance["black"] and grey["blue"] == luminance["blue"]  # not darkened
    assert grey["paper"] >= luminance["paper"]
    assert has_red(image) and not has_red(Image.new("RGB", (4, 4), (40, 80, 160)))
    plain = Image.new("L", (8, 8), 200)
    assert drop_red(plain) is plain and prepare(plain)[0].mode == "L"


@needs_tesseract
def test_a_ruled_table_is_read_cell_by_cell(tmp_path):
    import os

    if not os.path.exists(SERIF):
        pytest.skip("needs fonts-liberation2 (Liberation Serif) to draw the table")
    from analyzer import ingest

    path = tmp_path / "table.png"
    ruled_page().save(path, dpi=(300, 300))
    text = ingest(path).pages[0].text
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert lines[0].startswith("Trên bảng") and lines[-1].startswith("Nơi nhận")
    assert "|" not in text
    # The row number, read on its own in its cell, sits on the line of the cell's third line.
    assert any(ln.split()[:1] == ["1"] and "32" in ln and "02 ngày" in ln for ln in lines), lines


@needs_tesseract
def test_kh_1105_table_and_seals_are_read():
    """KH-1105: the annex table in the text file's order (row numbers included) and the
    seal no longer over "(Kèm theo Kế hoạch": CER 1.96 % (3.41 % before)."""
    from analyzer import analyze
    from analyzer.cer import cer

    plan = analyze(corpus_path("pdf", "KH-1105-DKT-ke-hoach-kiem-tra.pdf"), workers=1)
    reference = analyze(corpus_path("text", "1105_KH-DKT_SoCongThuongLaoCai_2026.txt"))
    text = plan.document.text.text
    flat = " ".join(text.split())
    assert "tỉnh Lào Cai 2 25/3/2025 02 ngày dựng Trường Sơn" in flat
    assert "Tên đơn vị được Thời gian công bố Thời hạn TT Đối tượng kiểm tra" in flat
    assert cer(text, reference.document.text.text) < 0.021


def test_a_cell_pass_that_times_out_is_one_error_line_not_a_traceback(tmp_path, monkeypatch):
    import subprocess

    from analyzer.errors import KehoachError

    page = ruled_page()
    tables = ocr_tables.find_tables(page)
    assert tables

    def too_slow(command, **kwargs):
        raise subprocess.TimeoutExpired(command, kwargs.get("timeout"))

    monkeypatch.setattr(subprocess, "run", too_slow)
    with pytest.raises(KehoachError) as caught:
        ocr_tables.read_cells(page, tables, tmp_path, 300)
    assert caught.value.code == "E015" and "ô bảng" in caught.value.message


def test_the_page_shown_is_leveled_by_the_angle_of_the_page_read():
    # Black lines skewed one way under heavier red stripes skewed the other: read without its
    # red ink the page levels by the black lines, and the page a searchable PDF shows must
    # turn by that angle too, or its text layer would not lie over its words. Estimated on
    # the grey page, the red ink tips the angle the other way (CV-2265 p. 3: -2.8 read, 2.95).
    from PIL import Image, ImageDraw

    from analyzer.ingest.preprocess import deskew, estimate_skew, prepare_shown

    black, red = Image.new("L", (1600, 1600), 0), Image.new("L", (1600, 1600), 0)
    for y in range(100, 1500, 60):
        ImageDraw.Draw(black).rectangle([200, y, 1400, y + 8], fill=255)
        ImageDraw.Draw(red).rectangle([200, y + 30, 1400, y + 52], fill=255)
    black, red = black.rotate(2.0), red.rotate(-2.0)
    page = Image.new("RGB", black.size, (245, 245, 240))
    page.paste((200, 40, 50), mask=red)
    page.paste((10, 10, 10), mask=black)

    read, angle = prepare(page)
    assert angle == pytest.approx(-2.0, abs=0.2)
    assert deskew(page.convert("L"))[1] == pytest.approx(2.0, abs=0.2)  # what the grey page alone gives
    shown = prepare_shown(page, angle)
    assert shown.mode == "L" and shown.size == read.size
    black_only = Image.fromarray(np.where(np.asarray(shown) < 40, 0, 245).astype(np.uint8))
    assert estimate_skew(black_only) == pytest.approx(0.0, abs=0.2)  # its black lines level too
