"""Reflow of hard-wrapped text (the seeds) and artefact handling."""
from __future__ import annotations

import re

import pytest

from analyzer.ingest import ingest
from analyzer.models import Page, Source
from analyzer.normalize import normalize
from analyzer.normalize.reflow import MARKER_RE
from tests.conftest import HOANG_CAT, LUC_NAM

_LIST_OR_HEADING = re.compile(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+]|Nơi nhận|KT\.|TM\.|[A-ZĐ ]+$)")


@pytest.mark.parametrize("seed", [HOANG_CAT, LUC_NAM], ids=["hoang-cat", "luc-nam"])
def test_reflow_seed_paragraphs_never_end_mid_sentence(seed):
    text = normalize(ingest(seed))
    paras = [text.para_text(p) for p in text.paragraphs]
    assert len(paras) > 50
    for before, after in zip(paras, paras[1:]):
        # A paragraph that continues in lower case was cut mid-sentence.
        assert not after[:1].islower() or MARKER_RE.match(after), f"cut between {before[-40:]!r} and {after[:40]!r}"
        # A paragraph that ends without punctuation is a heading, a title line or a
        # closing element, or the next one opens a list item or heading.
        if not re.search(r"[.;:!?”)]$", before):
            assert _LIST_OR_HEADING.match(after) or len(before) < 120 or before.isupper(), before[-80:]


def test_reflow_joins_symbol_broken_at_hyphen():
    text = normalize(ingest(HOANG_CAT)).text
    assert "Công văn số 832/STTTT-TTBCXB ngày 12/4/2024" in text
    assert "Kế hoạch hành động số 30-KH-TU ngày 16/8/2021" in text
    assert "Chỉ thị số 05-CT/TW" in text


def test_reflow_keeps_list_items_apart():
    text = normalize(ingest(HOANG_CAT))
    paras = [text.para_text(p) for p in text.paragraphs]
    assert "1. Mục đích" in paras and "2. Yêu cầu" in paras
    assert "+ Tổ chức treo băng zôn và phướn treo trên trục đường chính của xã và thôn." in paras


def test_normalize_lost_glyphs_reported_with_location():
    text = normalize(ingest(LUC_NAM))
    messages = [w.message for w in text.warnings if w.code == "LOST_GLYPH"]
    assert any("v th i" in m for m in messages)  # "Phạm vi v  th i gian": và, thời lost
    assert any("hạm vi" in m for m in messages)  # "-  hạm vi": the capital P lost
    for warning in text.warnings:
        start, end = warning.span
        assert 0 <= start < end <= len(text.text)


def test_normalize_drops_page_numbers_and_running_headers():
    pages = [Page(i, f"SỞ CÔNG THƯƠNG LÀO CAI\n{i}\nNội dung trang {i} kết thúc ở đây.\n") for i in range(1, 5)]
    text = normalize(Source(path="x.pdf", sha256="0", format="pdf", pages=pages))
    assert "SỞ CÔNG THƯƠNG LÀO CAI" not in text.text
    assert not re.search(r"^\d+$", text.text, re.MULTILINE)
    assert text.page_at(text.text.index("trang 3")) == 3


def test_normalize_converts_legacy_text_typed_in_tcvn3_font():
    from analyzer.normalize.legacy import unicode_to_tcvn3

    original = LUC_NAM.read_text(encoding="utf-8").lower()
    legacy = unicode_to_tcvn3(original).decode("latin-1")  # what a .VnTime document shows as Unicode
    text = normalize(Source(path="x.txt", sha256="0", format="txt", pages=[Page(1, legacy)]))
    assert "giảm nghèo bền vững" in text.text
    assert any("TCVN3" in w for w in text.source.warnings)
