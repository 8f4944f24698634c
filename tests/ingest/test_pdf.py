"""Real PDFs and the damage they carry (../shared/corpus/pdf, see its README)."""
from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.ingest import ingest
from analyzer.models import PageStatus
from analyzer.render import to_json
from tests.conftest import corpus_path

CID = ["KH-1105-DKT-ke-hoach-kiem-tra.pdf", "QD-1050-kiem-tra-VLNCN-2026.pdf",
       "TB-1894-ket-qua-sau-kiem-tra-VLNCN-ban-ky.pdf",
       "3036_SCT_CN_KHKTNT_Kho_VLCN_tam_Thuydien_MongSen1_3.6.2026.pdf",
       "466.-Phieu-chuyen-SCT-tham-dinh-phuong-an-no-min-thuy-dien-Ngoi-Nhu-1A.pdf"]
GARBAGE = ["Phieu-trinh-tham-dinh-1.pdf", "BB-ktra-kho-Mong-Son.pdf",
           "QD-26-QD-XPVPHC-2026-Cuc-Hoa-chat-xu-phat-TNHH-TM-Hai-Dang.pdf"]
IMAGE_ONLY = ["CV-813-CucHoaChat.pdf", "CV-2265-BCT-ATMT-trien-khai.pdf", "GP-2507-mo-da-Toong-Gia-Mien-Bac-ban-ky.pdf",
              "Quyet-dinh-phe-duyet_TKBVTC_kho.pdf", "Bien-ban-kiem-tra-hien-truong-Yen-Thanh-8.6.2026.pdf"]
GOOD = ["1178-DCK-CTT-huong-dan-CCN-dia-gioi-moi.pdf", "QD-1074-QD-BXD-29-6-2026.pdf",
        "CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf", "Huong-dan-lien-nganh-24-N2O.pdf"]


@pytest.mark.parametrize("name", CID)
def test_pdf_cid_pages_flagged_for_ocr(name):
    source = ingest(corpus_path("pdf", name), ocr="never")
    assert all(p.status is PageStatus.GARBAGE for p in source.pages)
    assert len(source.warnings) == len(source.pages)
    assert all("CID" in w and "OCR" in w for w in source.warnings)


@pytest.mark.parametrize("name", GARBAGE)
def test_pdf_scanner_garbage_layer_flagged(name):
    source = ingest(corpus_path("pdf", name), ocr="never")
    assert [p.status for p in source.pages] == [PageStatus.GARBAGE] * len(source.pages)
    assert all("máy quét" in w for w in source.warnings)


@pytest.mark.parametrize("name", IMAGE_ONLY)
def test_pdf_image_only_pages_flagged(name):
    source = ingest(corpus_path("pdf", name), ocr="never")
    assert [p.status for p in source.pages] == [PageStatus.MISSING] * len(source.pages)
    assert source.ocr_needed_pages == list(range(1, len(source.pages) + 1))


@pytest.mark.parametrize("name", GOOD)
def test_pdf_good_text_layers_are_usable(name):
    source = ingest(corpus_path("pdf", name))
    assert all(p.status is PageStatus.USABLE for p in source.pages)
    assert not source.warnings


@pytest.mark.parametrize("name", CID + GARBAGE + IMAGE_ONLY + GOOD)
def test_pdf_output_never_carries_glyph_garbage(name):
    rendered = to_json(analyze(corpus_path("pdf", name)), with_text=True)
    assert "(cid:" not in rendered
    # pypdfium2-style glyph ids (ASCII shifted by 29) and Cyrillic/Armenian lookalikes.
    assert not any(0x0400 <= ord(ch) <= 0x058F for ch in rendered)


def test_pdf_1178_wrong_glyphs_repaired():
    plan = analyze(corpus_path("pdf", "1178-DCK-CTT-huong-dan-CCN-dia-gioi-moi.pdf"))
    text = plan.document.text.text
    assert "Ƣ" not in text and "ƣ" not in text
    assert "CỘNG HÒA" in text and "BỘ CÔNG THƯƠNG" in text and "nhận được" in text
    header = plan.document.header
    assert header.doc_type == "CV" and header.symbol == "/ĐCK-CTT" and header.place == "Hà Nội"
    assert header.issuer.level.value == "bo"


def test_pdf_qd_1074_header():
    header = analyze(corpus_path("pdf", "QD-1074-QD-BXD-29-6-2026.pdf")).document.header
    assert (header.doc_type, header.symbol, header.issued_date) == ("QD", "1074/QĐ-BXD", "2026-06-29")
    assert header.issuer.name == "Bộ Xây dựng" and header.issuer.level.value == "bo"
    assert header.title.startswith("Ban hành các giải pháp kỹ thuật nâng cao an toàn phòng cháy")
    assert header.signer.name == "Phạm Minh Hà" and header.signer.position == "THỨ TRƯỞNG"


def test_pdf_cv_7432_header():
    header = analyze(corpus_path("pdf", "CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf")).document.header
    assert (header.doc_type, header.symbol, header.place) == ("CV", "/UBND-XD", "Lào Cai")
    assert header.issuer.name == "Ủy ban nhân dân tỉnh Lào Cai"
    assert header.title.startswith("triển khai thực hiện Quyết định số 1074/QĐ-BXD")


def test_pdf_two_column_header_read_column_by_column():
    source = ingest(corpus_path("pdf", "1178-DCK-CTT-huong-dan-CCN-dia-gioi-moi.pdf"))
    lines = source.pages[0].text.splitlines()
    assert lines[0] == "BỘ CÔNG THƢƠNG"  # not "BỘ CÔNG THƢƠNG CỘNG HÕA XÃ HỘI ..."
    assert lines.index("Độc lập - Tự do - Hạnh phúc") > lines.index("KHUYẾN CÔNG")
