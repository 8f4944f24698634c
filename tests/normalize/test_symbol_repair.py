"""Post-OCR repair of symbols and dates (data/ocr_symbols.yaml): every example runs."""
from __future__ import annotations

from collections import Counter

import pytest

from analyzer.data import load_yaml
from analyzer.models import Page, Source
from analyzer.normalize import normalize
from analyzer.normalize.symbol_repair import repair_part, repair_symbols, symbol_parts

DATA = load_yaml("ocr_symbols.yaml")


@pytest.mark.parametrize("example", DATA["examples"], ids=lambda e: e["input"][:40])
def test_ocr_symbol_examples_are_repaired(example):
    assert repair_symbols(example["input"], ocr=True) == example["output"]


@pytest.mark.parametrize("text", DATA["keep"])
@pytest.mark.parametrize("ocr", [True, False])
def test_valid_symbols_are_kept(text, ocr):
    assert repair_symbols(text, ocr=ocr) == text


def test_text_layer_keeps_well_formed_unknown_codes_but_repairs_malformed_ones():
    # An unknown but well-formed code is what the author typed ...
    assert repair_symbols("Quyết định số 1050/QĐ-SCTT", ocr=False) == "Quyết định số 1050/QĐ-SCTT"
    assert repair_symbols("Văn bản số 20/GĐĐN-SB", ocr=False) == "Văn bản số 20/GĐĐN-SB"
    # ... a digit inside a type code is not.
    assert repair_symbols("Thông tư số 04/2016/T1-BNNPTNT", ocr=False) == "Thông tư số 04/2016/TT-BNNPTNT"
    # Dates of a text layer are left alone.
    assert repair_symbols("ngày 0l/4/2024", ocr=False) == "ngày 0l/4/2024"


def test_other_symbols_of_the_document_vouch_for_a_repair():
    # "XDHT" is no table's code; the document's other symbols use it.
    assert repair_part("XDHTT", 1, ocr=True, attested=Counter({"XDHT": 3, "XDHTT": 1})) == "XDHT"
    # A reading rarer than the part itself does not replace it.
    assert repair_part("XDHTT", 1, ocr=True, attested=Counter({"XDHT": 1, "XDHTT": 3})) == "XDHTT"
    text = "Văn bản số 01/GĐN-XDHT; Văn bản số 02/GĐN-XDHT; Văn bản số 03/GĐN-XDHTT"
    assert symbol_parts(text)["XDHT"] == 2


def test_dates_and_ranges_are_no_symbols():
    for text in ("ngày 25/6/2015", "giai đoạn 2021-2025", "Mẫu số 04/HNMT", "5G/IoT"):
        assert repair_symbols(text, ocr=True) == text


def test_normalize_repairs_ocr_pages_only():
    pages = [Page(1, "Căn cứ Thông tư số 04/2016/T1-BNNPTNT và Văn bản số 20/GĐĐN-SB"),
             Page(2, "Văn bản số 21/GĐĐN-SB")]
    text = normalize(Source("x.pdf", "0" * 64, "pdf", pages, ocr_pages=[1])).text
    assert "04/2016/TT-BNNPTNT" in text and "20/GĐN-SB" in text  # OCR'd page
    assert "21/GĐĐN-SB" in text  # text layer: well-formed, left as typed
