"""OCR: Tesseract `vie` on scanned pages and images, post-OCR repair, and clear errors
when Tesseract is missing. Tests that run Tesseract skip, naming the Debian packages,
where it is not installed (`make test` installs it when run as root)."""
from __future__ import annotations

import pytest

from analyzer import analyze, ingest
from analyzer.cer import cer
from analyzer.data import load_tsv
from analyzer.errors import KehoachError
from analyzer.ingest import ocr as ocr_module
from analyzer.ingest.ocr import parse_tsv, tesseract_problem, words_to_text
from analyzer.normalize.ocr_repair import repair_ocr
from tests.conftest import corpus_path

needs_tesseract = pytest.mark.skipif(
    tesseract_problem() is not None,
    reason=f"OCR needs the Debian packages tesseract-ocr tesseract-ocr-vie ({tesseract_problem()})",
)

# Two physical lines; the second has an issuer-block word and a Quốc hiệu word side by side
# in different Tesseract blocks, and "gì" with a descender lower than its neighbours.
TSV = "\n".join([
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "4\t1\t1\t1\t1\t0\t100\t100\t300\t50\t-1\t",
    "5\t1\t1\t1\t1\t1\t100\t100\t140\t40\t96\tSỞ",
    "5\t1\t1\t1\t1\t2\t260\t100\t140\t50\t95\tgì",
    "4\t1\t2\t1\t1\t0\t1400\t102\t700\t48\t-1\t",
    "5\t1\t2\t1\t1\t1\t1400\t102\t300\t48\t93\tCỘNG",
    "5\t1\t2\t1\t1\t2\t1720\t102\t300\t48\t93\tHÒA",
    "5\t1\t2\t1\t1\t3\t2050\t102\t50\t48\t-1\t ",
])


def test_parse_tsv_groups_words_by_their_line_box():
    words = parse_tsv(TSV)
    assert [w["text"] for w in words] == ["SỞ", "gì", "CỘNG", "HÒA"]
    assert {w["bottom"] for w in words[:2]} == {150.0}  # the line's bottom, not the word's
    # The issuer block (left) and the Quốc hiệu (right) are read one after the other.
    assert words_to_text(words, 2480.0).splitlines() == ["SỞ gì", "CỘNG HÒA"]


@pytest.mark.parametrize("row", load_tsv("ocr_confusions.tsv"), ids=lambda r: r[0])
def test_ocr_confusion_examples_are_repaired(row):
    wrong, right, example = row
    fixed = repair_ocr(example)
    assert right.lower() in fixed.lower() and fixed != example


def test_ocr_repair_keeps_real_words():
    assert repair_ocr("Phó Chủ tịch kiêm Trưởng ban") == "Phó Chủ tịch kiêm Trưởng ban"
    assert repair_ocr("QUYÉT ĐỊNH") == "QUYẾT ĐỊNH"


def test_missing_tesseract_is_a_clear_error(tmp_path, monkeypatch):
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(image)
    monkeypatch.setattr(ocr_module, "tesseract_problem", lambda: "không tìm thấy lệnh tesseract")
    with pytest.raises(KehoachError) as info:
        ingest(image)
    assert info.value.code == "E014" and "tesseract-ocr-vie" in info.value.message


def test_image_with_ocr_never_is_a_clear_error(tmp_path):
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(image)
    with pytest.raises(KehoachError) as info:
        ingest(image, ocr="never")
    assert info.value.code == "E014"


def test_broken_image_is_a_clear_error(tmp_path):
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    if tesseract_problem() is not None:
        pytest.skip("the image check runs after the Tesseract check")
    with pytest.raises(KehoachError) as info:
        ingest(image)
    assert info.value.code == "E016"


@needs_tesseract
def test_ocr_reads_the_cid_damaged_plan():
    """KH-1105's text layer is (cid:N) glyphs: every page goes to OCR, and the header and
    body come back close to the same plan's text file."""
    plan = analyze(corpus_path("pdf", "KH-1105-DKT-ke-hoach-kiem-tra.pdf"))
    assert plan.document.text.source.ocr_pages == [1, 2, 3, 4, 5, 6]
    assert plan.document.header.symbol == "1105/KH-ĐKT"
    assert str(plan.document.header.issued_date) == "2026-03-10"
    reference = analyze(corpus_path("text", "1105_KH-DKT_SoCongThuongLaoCai_2026.txt"))
    # Measured 0.042 (issue target 0.02, not yet met: lost tone marks on ê/ô/â; see README).
    assert cer(plan.document.text.text, reference.document.text.text) < 0.06
    assert {c.symbol for c in reference.citations} <= {c.symbol for c in plan.citations} | {None}


@needs_tesseract
def test_ocr_never_leaves_scanned_pages_flagged():
    source = ingest(corpus_path("pdf", "KH-1105-DKT-ke-hoach-kiem-tra.pdf"), ocr="never")
    assert source.ocr_pages == [] and source.ocr_needed_pages == [1, 2, 3, 4, 5, 6]


@needs_tesseract
def test_an_image_goes_through_the_same_path_and_a_searchable_pdf_is_written(tmp_path):
    """Page 1 of a good text PDF, rasterised: the image's OCR finds the same symbol and date
    as the text layer, and --ocr-output's PDF carries the OCR text."""
    import pdfplumber
    import pypdfium2

    pdf_path = corpus_path("pdf", "QD-1074-QD-BXD-29-6-2026.pdf")
    text_header = analyze(pdf_path).document.header
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    image = tmp_path / "page1.png"
    pdf[0].render(scale=300 / 72, grayscale=True).to_pil().save(image)
    pdf.close()
    searchable = tmp_path / "out" / "page1.ocr.pdf"
    plan = analyze(image, searchable=searchable)
    assert plan.document.text.source.format == "image" and plan.document.text.source.ocr_pages == [1]
    assert plan.document.header.symbol == text_header.symbol
    assert plan.document.header.issued_date == text_header.issued_date
    with pdfplumber.open(searchable) as out:
        assert "CỘNG HÒA" in (out.pages[0].extract_text() or "").upper()
