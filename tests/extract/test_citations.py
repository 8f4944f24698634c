"""Citation grammar: every symbol form's examples match whole and counter-examples never match."""
from __future__ import annotations

import re

import pytest

from analyzer import analyze
from analyzer.data import load_yaml
from analyzer.extract.citations import grammar, parse_date, parse_symbol_text
from tests.conftest import HOANG_CAT, LUC_NAM, corpus_path

FORMS = load_yaml("citations.yaml")["symbol_forms"]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f["name"])
def test_citations_symbol_form_examples(form):
    pattern = grammar().forms[form["name"]]
    for example in form["examples"]:
        assert pattern.match(example) or pattern.match(re.sub(r"\s+", "", example)), example
    for counter in form["counter_examples"]:
        assert not grammar().symbol.search(counter), counter


@pytest.mark.parametrize("raw,symbol", [
    ("30- KH-TU", "30-KH/TU"), ("05- CT/TW", "05-CT/TW"), ("27/NQ- TW", "27-NQ/TW"),
    ("1277 /QĐ-UBND", "1277/QĐ-UBND"), ("32/CT-TTG", "32/CT-TTg"),
])
def test_citations_symbol_normalized(raw, symbol):
    assert parse_symbol_text(raw)[1] == symbol


@pytest.mark.parametrize("form", load_yaml("citations.yaml")["date_forms"], ids=lambda f: f["pattern"][:20])
def test_citations_date_form_examples(form):
    for example in form["examples"]:
        date, used = parse_date(example)
        assert date and used == len(example), example


def test_citations_hoang_cat_seed_every_citation():
    plan = analyze(HOANG_CAT)
    by_symbol = {c.symbol: c for c in plan.citations if not c.short_form}
    assert set(by_symbol) == {"1277/QĐ-UBND", "832/STTTT-TTBCXB", "93/KH-UBND", "30-KH/TU", "05-CT/TW", "77/KH-UBND"}
    assert by_symbol["30-KH/TU"].issued_date == "2021-08-16"
    assert by_symbol["30-KH/TU"].issuer == "Tỉnh ủy Thanh Hóa"
    assert by_symbol["05-CT/TW"].issuer == "Ban Bí thư Trung ương Đảng" and by_symbol["05-CT/TW"].doc_type == "CT"
    assert by_symbol["93/KH-UBND"].issuer == "Ủy ban nhân dân huyện Hoằng Hóa" and by_symbol["93/KH-UBND"].is_basis
    assert by_symbol["77/KH-UBND"].issuer == "Ủy ban nhân dân tỉnh Thanh Hóa"  # "của UBND tỉnh" completed
    assert not by_symbol["05-CT/TW"].is_basis  # cited in the body, not the bases
    text = plan.document.text.text
    for c in plan.citations:
        assert text[c.span[0]:c.span[1]] == c.text


def test_citations_luc_nam_party_and_ministry():
    by_symbol = {c.symbol: c for c in analyze(LUC_NAM).citations}
    assert by_symbol["05-CT/TW"].issued_date == "2021-06-23"
    assert by_symbol["650/QĐ-LĐTBXH"].issuer == "Bộ Lao động - Thương binh và Xã hội"
    assert by_symbol["455/KH-UBND"].issuer == "Ủy ban nhân dân tỉnh Bắc Giang"  # "UBND tỉnh": the province named next


def test_citations_own_symbol_and_self_reference_are_not_citations():
    plan = analyze(corpus_path("text", "159_KH-UBND_CanTho_2025.txt"))
    assert all(c.symbol != "159/KH-UBND" for c in plan.citations)
    assert not any(c.text.startswith("Kế hoạch này") for c in plan.citations)


def test_citations_short_forms_and_named_laws_resolve():
    plan = analyze(corpus_path("text", "16_KH-MTTQ-BTT_XaLuongMinh_2025.txt"))
    named = [c for c in plan.citations if c.name and c.name.startswith("Luật Bầu cử") and c.short_form]
    assert named and all(c.symbol == "85/2015/QH13" for c in named)
    full = plan.citations[named[0].refers_to]
    assert full.symbol == "85/2015/QH13" and not full.short_form and full.issued_date == "2015-06-25"
    # Laws named inside another law's title describe it; they are not cited on their own.
    assert not any(c.name == "Luật Công đoàn" for c in plan.citations)


def test_citations_numbered_letters_of_companies():
    plan = analyze(corpus_path("docx", "KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx"))
    letter = next(c for c in plan.citations if c.symbol == "31.1/YP")
    assert letter.issued_date == "2026-04-01" and letter.issuer.startswith("Công ty cổ phần Yên Phú")
