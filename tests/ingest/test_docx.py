"""Real DOCX plans: header fields sit in text boxes and layout tables."""
from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.ingest import ingest
from tests.conftest import corpus_path

PLANS = ["KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx", "KH-3024_27.5.2026_Ky-rieng-Sin-Quyen.docx",
         "KH-3898_30.6.2026_Huan-luyen-nguoi-quan-ly.docx", "KH-3957_3.7.2026_Kiem-tra-cap-GCN-19-don-vi.docx",
         "KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx", "ke-hoach-thuc-hien-de-an-08.docx"]


@pytest.mark.parametrize("name", PLANS)
def test_docx_plans_read_with_text_boxes(name):
    plan = analyze(corpus_path("docx", name))
    header = plan.document.header
    assert header.doc_type == "KH"
    assert header.symbol in ("/KH-SCT", "/KH-UBND")  # unnumbered working copies
    assert header.number is None and header.place == "Lào Cai"
    assert header.issuer.locality == "Lào Cai"


def test_docx_text_box_content_is_not_duplicated():
    text = ingest(corpus_path("docx", "04-ke-hoach.docx")).pages[0].text
    assert text.count("/KH-SCT") == 1  # the VML fallback copy of the text box is skipped


def test_docx_task_table_kept_as_a_section():
    doc = analyze(corpus_path("docx", "KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx")).document
    tables = [s for top in doc.sections for s in top.walk() if s.kind == "table"]
    assert tables, "the annex task table should be a section"
    text = doc.text.text
    start, end = tables[0].span
    assert " | " in text[start:end] and end > start
