"""Encoding detection on real texts: UTF-8/16, CP1258, TCVN3 and VNI bytes."""
from __future__ import annotations

import unicodedata

import pytest

from analyzer.ingest import ingest
from analyzer.ingest.text import decode_bytes
from analyzer.normalize.legacy import unicode_to_tcvn3, unicode_to_vni
from analyzer.vietnamese import TONE_MARKS
from tests.conftest import HOANG_CAT, LUC_NAM, corpus_path


def _real_text() -> str:
    return HOANG_CAT.read_text(encoding="utf-8")


def test_text_utf8_detected():
    text, encoding = decode_bytes("x.txt", _real_text().encode("utf-8"))
    assert encoding == "utf-8" and "Hoằng Cát" in text


@pytest.mark.parametrize("codec,bom", [("utf-16", True), ("utf-16-le", False), ("utf-16-be", False)])
def test_text_utf16_detected(codec, bom):
    data = _real_text().encode(codec)
    text, _ = decode_bytes("x.txt", data)
    assert "Giảm nghèo về thông tin" in text


def _cp1258_form(text: str) -> str:
    """CP1258 keeps vowel marks precomposed (ê, ơ, ă) and tone marks as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in TONE_MARKS))
    return "".join(out)


def test_text_cp1258_detected():
    data = _cp1258_form(LUC_NAM.read_text(encoding="utf-8")).encode("cp1258")
    text, encoding = decode_bytes("x.txt", data)
    assert encoding == "cp1258"
    assert "giảm nghèo bền vững" in unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("name", ["seed", "159_KH-UBND_CanTho_2025.txt", "16_KH-MTTQ-BTT_XaLuongMinh_2025.txt"])
def test_text_tcvn3_bytes_round_trip(name):
    original = _real_text() if name == "seed" else corpus_path("text", name).read_text(encoding="utf-8")
    original = original.lower()  # VN3 (.VnTime) has no accented capitals: compare in lower case
    text, encoding = decode_bytes("x.txt", unicode_to_tcvn3(original))
    assert encoding == "tcvn3"
    representable = "".join(ch if ord(ch) < 128 or ch in text else "?" for ch in original)
    assert text == representable or sum(a != b for a, b in zip(text, original)) < len(original) * 0.002


@pytest.mark.parametrize("name", ["seed", "83_2025_QH15_QuocHoi_2025.txt"])
def test_text_vni_bytes_round_trip(name):
    original = _real_text() if name == "seed" else corpus_path("text", name).read_text(encoding="utf-8")
    data = unicode_to_vni(original).encode("cp1252", errors="replace")
    text, encoding = decode_bytes("x.txt", data)
    assert encoding == "vni"
    mismatches = sum(a != b for a, b in zip(text, original))
    assert len(text) == len(original) and mismatches < len(original) * 0.002


def test_text_ingest_gives_one_page_with_provenance():
    source = ingest(HOANG_CAT)
    assert source.format == "txt" and len(source.pages) == 1
    assert len(source.sha256) == 64 and source.encoding == "utf-8"


def test_text_layout_extract_columns_are_reordered():
    source = ingest(corpus_path("text", "1105_KH-DKT_SoCongThuongLaoCai_2026.txt"))
    lines = [ln.strip() for ln in source.pages[0].text.splitlines() if ln.strip()]
    # The left column (issuer block) comes whole before the Quốc hiệu.
    assert lines[:4] == ["SỞ CÔNG THƯƠNG", "ĐOÀN KIỂM TRA", "THEO QUYẾT ĐỊNH", "SỐ 1050/QĐ-SCT"]
