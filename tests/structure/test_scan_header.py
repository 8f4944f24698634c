"""Header fields of scans: qualified type lines, Phiếu trình dated above its signatures, stamps
after the number line, a symbol whose "Số:" OCR lost, Biên bản issuers named in the body.
The texts are what Tesseract gives for the scans of ../shared/corpus/pdf (corpora/gold-ocr)."""
from __future__ import annotations

from analyzer.models import Page, Source
from analyzer.normalize import normalize
from analyzer.structure import parse
from analyzer.structure.fallbacks import expand_acronyms, main_province
from analyzer.structure.header import type_from_line


def header_of(text: str, ocr: bool = True):
    source = Source("scan.pdf", "0" * 64, "pdf", [Page(1, text)], ocr_pages=[1] if ocr else [])
    return parse(normalize(source)).header


def test_qualified_type_lines():
    assert type_from_line("BIÊN BẢN KIỂM TRA").code == "BB"
    assert type_from_line("PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC").code == "PTr"
    assert type_from_line("Biên bản kiểm tra") is None  # a sentence, not a type line
    assert type_from_line("KẾ HOẠCH KIỂM TRA") is None  # only qualified types go on


def test_licence_title_is_the_rest_of_its_type_line():
    h = header_of("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 2507/GP-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "Độc lập - Tự do - Hạnh phúc\nLào Cai, ngày 21 tháng 7 năm 2026\n"
                  "GIẤY PHÉP SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\n"
                  "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;")
    assert h.doc_type == "GP" and h.title == "SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP"
    assert h.issuer.name == "Ủy ban nhân dân tỉnh Lào Cai"


def test_stamps_after_the_number_line_are_no_issuer_and_a_bare_symbol_is_read():
    h = header_of("CHÍNH PHỦ\n—- s=———————ä, 19/2026/NQ-CP\n©ÔNG THÔNG TIN ĐIỆN TỪ CHÍNH PHÙ\n"
                  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                  "Hà Nội, ngày 29 tháng 4 năm 2026\nNGHỊ QUYẾT\nCắt giảm, phân cấp thủ tục hành chính\n"
                  "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;")
    assert h.symbol == "19/2026/NQ-CP" and h.number == "19"
    assert h.issuer.name == "Chính phủ"
    h = header_of("BỘ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC HÓA CHẤT\nSố: số /QĐ-XPVPHC\n"
                  "SỞ CÔNG THƯƠNG LÀO CAI\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày tháng 7 năm 2026\n"
                  "QUYẾT ĐỊNH\nXử phạt vi phạm hành chính\nCăn cứ Luật Xử lý vi phạm hành chính;")
    assert h.issuer.name == "Cục Hóa chất" and h.issuer.level.value == "bo" and h.issuer.locality is None


def test_text_layer_keeps_lines_after_the_number():
    # Only scans carry arrival stamps there; a text layer's block is read as it is.
    h = header_of("CHÍNH PHỦ\n—- s=———————ä, 19/2026/NQ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "NGHỊ QUYẾT\nCắt giảm thủ tục\nCăn cứ Luật Tổ chức Chính phủ;", ocr=False)
    assert h.symbol is None


def test_phieu_trinh_is_dated_above_its_signatures_and_its_acronym_spelled_out():
    h = header_of("SỞ CÔNG THƯƠNG\nPHÒNG QLCN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                  "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC\n"
                  "Kính gửi: Lãnh đạo Sở Công Thương. Phòng chuyên môn: Phòng Quản lý Công nghiệp tỉnh Lào Cai.\n"
                  "I. TÓM TẮT NỘI DUNG\nPhương án nổ mìn tại xã Si Ma Cai, tỉnh Lào Cai.\n"
                  "Ngày 19 tháng 8 năm 2025\nÝ KIẾN CỦA LÃNH ĐẠO PHÒNG\nĐỗ Mạnh Cường")
    assert h.doc_type == "PTr" and h.issued_date == "2025-08-19" and h.place is None
    assert h.issuer.name.casefold() == "phòng quản lý công nghiệp sở công thương"
    assert h.issuer.level.value == "so" and h.issuer.locality == "Lào Cai"


def test_bien_ban_issuer_is_named_in_its_body():
    h = header_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBIÊN BẢN KIỂM TRA\n"
                  "Thực tế kho bảo quản vật liệu nổ công nghiệp\n"
                  "Hôm nay, ngày 29/6/2026, Sở Công Thương tiến hành kiểm tra thực tế kho chứa tại xã Bảo Ái, "
                  "tỉnh Lào Cai của Công ty cổ phần Mông Sơn, tỉnh Lào Cai, với các nội dung sau:\n"
                  "A. THÀNH PHẦN ĐOÀN LÀM VIỆC")
    assert h.doc_type == "BB" and h.issued_date is None
    assert h.issuer.name == "Sở Công Thương tỉnh Lào Cai" and h.issuer.level.value == "so"


def test_handwritten_day_keeps_the_place():
    h = header_of("BỘ CÔNG THƯƠNG\nSố: Éđã /HC-CNHC\nV/v trao đổi về một số quy định\n"
                  "Hà Nội, ngày °ÔÖ tháng 4 năm 2026\nKính gửi: Cục Hải quan\n" + "Nội dung trao đổi. " * 10)
    assert h.place == "Hà Nội" and h.issued_date is None


def test_acronyms_and_province():
    text = "Phòng chuyên môn: Phòng Quản lý Công nghiệp; PHÒNG QLNL"
    assert expand_acronyms("PHÒNG QLCN", text) == "PHÒNG QUẢN LÝ CÔNG NGHIỆP"
    assert expand_acronyms("PHÒNG QLNL", text) == "PHÒNG QLNL"  # not spelled out in the text
    assert expand_acronyms("CÔNG TY CP", "CÔNG TY CỎ PHÀN") == "CÔNG TY CP"
    assert main_province("tỉnh Lào Cai, tỉnh Yên Bái, tỉnh Lào Cai") == "Lào Cai"
    assert main_province("tỉnh Lào Cai") is None


def _warnings_of(text: str, ocr: bool = True):
    source = Source("scan.pdf", "0" * 64, "pdf", [Page(1, text)], ocr_pages=[1] if ocr else [])
    return parse(normalize(source)).text.warnings


_HANDWRITTEN = ("BỘ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC HÓA CHẤT\nSố: Éđã /HC-CNHC\n"
                "V/v trao đổi về một số quy định trong lĩnh vực hóa chất\nĐộc lập - Tự do - Hạnh phúc\n"
                "Hà Nội, ngày °ÔÖ tháng 4 năm 2026\nKính gửi: Cục Hải quan\n"
                "Về các vướng mắc trong quá trình thực hiện Nghị định hướng dẫn Luật Hóa chất nêu tại Công văn số "
                "13821/CHQ-GSQL ngày 16 tháng 3 năm 2026 và Công văn số 15464/CHQ-GSQL ngày 20 tháng 4 năm 2026 "
                "của Cục Hải quan, Cục Hóa chất có ý kiến như sau:")


def test_a_handwritten_number_and_day_are_warned_about_not_guessed():
    # The number and the day of CV-813 are written by hand; Tesseract reads "Éđã" and "°ÔÖ".
    source = Source("scan.pdf", "0" * 64, "pdf", [Page(1, _HANDWRITTEN)], ocr_pages=[1])
    doc = parse(normalize(source))
    assert doc.header.symbol is None and doc.header.issued_date is None and doc.header.place == "Hà Nội"
    by_code = {w.code: w for w in doc.text.warnings}
    assert set(by_code) == {"UNREAD_NUMBER", "UNREAD_DATE"}
    number = by_code["UNREAD_NUMBER"]
    assert "/HC-CNHC" in number.message and number.page == 1
    assert doc.text.text[number.span[0]:number.span[1]].startswith("Số:")
    assert "tháng 4 năm 2026" in by_code["UNREAD_DATE"].message


def test_no_unread_warning_when_the_fields_are_read_or_the_page_has_a_text_layer():
    printed = _HANDWRITTEN.replace("Số: Éđã /HC-CNHC", "Số: 813/HC-CNHC").replace("ngày °ÔÖ", "ngày 22")
    assert not [w for w in _warnings_of(printed) if w.code.startswith("UNREAD")]
    # A text layer's "Số:      /KH-UBND" is a draft left blank on purpose, not a reading failure.
    assert not [w for w in _warnings_of(_HANDWRITTEN, ocr=False) if w.code.startswith("UNREAD")]


def test_a_date_line_read_without_its_day_is_warned_about():
    # QĐ-26: the day "08" is written by hand and Tesseract leaves nothing between ngày and tháng.
    text = _HANDWRITTEN.replace("Số: Éđã /HC-CNHC", "Số: 26/HC-CNHC").replace("ngày °ÔÖ tháng 4", "ngày tháng 7")
    warnings = [w for w in _warnings_of(text) if w.code.startswith("UNREAD")]
    assert [w.code for w in warnings] == ["UNREAD_DATE"] and "ngày tháng 7 năm 2026" in warnings[0].message
