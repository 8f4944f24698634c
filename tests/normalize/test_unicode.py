from __future__ import annotations

import unicodedata

from analyzer.normalize.unicode import clean_characters


def test_unicode_nfc_and_tone_convention():
    decomposed = unicodedata.normalize("NFD", "Uỷ ban nhân dân huyện Hoằng Hoá")
    assert clean_characters(decomposed) == "Ủy ban nhân dân huyện Hoằng Hóa"


def test_unicode_removes_control_characters_and_odd_spaces():
    assert clean_characters("Số:\u00a093/KH-UBND\x07") == "Số: 93/KH-UBND"


def test_unicode_horn_fix_only_where_producer_signature_present():
    assert clean_characters("THƢƠNG CỘNG HÕA") == "THƯƠNG CỘNG HÒA"
    assert clean_characters("ông VÕ VĂN KIỆT") == "ông VÕ VĂN KIỆT"
