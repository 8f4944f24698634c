"""Header, closing block and section tree on real documents."""
from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.structure.closing import split_signature_line
from analyzer.structure.header import parse_symbol
from tests.conftest import HOANG_CAT, LUC_NAM, corpus_path


def test_header_hoang_cat_seed():
    doc = analyze(HOANG_CAT).document
    h = doc.header
    assert h.doc_type == "KH" and h.symbol is None and h.issued_date is None
    assert h.title == "Giảm nghèo về thông tin trên địa bàn xã Hoằng Cát năm 2024"
    assert h.issuer.name == "Ủy ban nhân dân xã Hoằng Cát" and h.issuer.level.value == "xa"
    assert h.recipients[0] == "Phòng Văn hóa – Thông tin (b/c)" and h.recipients[-1] == "Lưu: VT"
    assert h.signer.position == "CHỦ TỊCH"


def test_sections_hoang_cat_keeps_both_III():
    doc = analyze(HOANG_CAT).document
    top = doc.sections
    assert [s.label for s in top] == ["I", "II", "III", "III"]
    assert top[2].title == "NỘI DUNG THỰC HIỆN" and top[3].title == "TỔ CHỨC THỰC HIỆN"
    assert [c.label for c in top[3].children] == ["1", "2"]
    lead = top[3].children[0]
    assert lead.title.startswith("Công chức Văn hóa")
    assert all(c.label == "-" for c in lead.children) and len(lead.children) == 6
    assert lead.children[0].path == "III.1.-1"
    # Spans nest and quote the text.
    text = doc.text.text
    assert text[lead.span[0]:lead.span[1]].startswith("1. Công chức Văn hóa")
    assert top[3].span[0] <= lead.span[0] <= lead.span[1] <= top[3].span[1]


def test_header_luc_nam_seed():
    h = analyze(LUC_NAM).document.header
    assert h.issuer.name == "Ủy ban nhân dân huyện Lục Nam" and h.issuer.level.value == "huyen"
    assert h.signer.authority == "KT. CHỦ TỊCH" and h.signer.position == "PHÓ CHỦ TỊCH"
    assert h.signer.name == "Dương Công Định"
    assert "Sở Lao động- TB&XH" in h.recipients


@pytest.mark.parametrize("line,number,symbol", [
    ("Số: 93/KH-UBND", "93", "93/KH-UBND"),
    ("Số:      /KH-UBND", None, "/KH-UBND"),
    ("Số 3260-KH/ĐĐQH15", "3260", "3260-KH/ĐĐQH15"),
    ("Luật số: 83/2025/QH15", "83", "83/2025/QH15"),
    ("Nghị quyết số: 101/2025/UBTVQH15", "101", "101/2025/UBTVQH15"),
    ("Số: 1074 /QĐ-BXD", "1074", "1074/QĐ-BXD"),
    ("Số: /HD- MTTQ-BTT", None, "/HD-MTTQ-BTT"),
])
def test_header_symbol_forms(line, number, symbol):
    assert parse_symbol(line)[:2] == (number, symbol)


def test_header_unnumbered_working_copy():
    h = analyze(corpus_path("text", "khongso_KH-MTTQ-BTT_XaLuongMinh_20251210_TiepCongDan.txt")).document.header
    assert h.symbol == "/KH-MTTQ-BTT" and h.number is None
    assert h.issued_date == "2025-12-10" and h.issuer.level.value == "xa"


def test_header_party_document_and_normative_law():
    party = analyze(corpus_path("text", "3260-KH_DDQH15_DangDoanQuocHoi_2025.txt")).document.header
    assert (party.doc_type, party.symbol, party.issuer.name) == ("KH", "3260-KH/ĐĐQH15", "Đảng đoàn Quốc hội")
    law = analyze(corpus_path("text", "83_2025_QH15_QuocHoi_2025.txt")).document
    assert (law.header.doc_type, law.header.symbol) == ("L", "83/2025/QH15")
    # Articles quoted inside the amendment are not the law's own articles.
    assert [s.label for s in law.sections] == ["Điều 1", "Điều 2"]


def test_closing_flattened_signature_line_split():
    assert split_signature_line("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Chí Hùng") == [
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Chí Hùng"]
    assert split_signature_line("THỦ TƯỚNG Phạm Minh Chính") == ["THỦ TƯỚNG", "Phạm Minh Chính"]
