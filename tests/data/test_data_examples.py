"""Every rule-data entry carries examples; these tests run them (as reporters-db does)."""
from __future__ import annotations

import pytest

from analyzer.data import load_tsv, load_yaml
from analyzer.normalize.unicode import apply_glyph_fixes
from analyzer.structure.header import type_from_line, type_from_symbol
from analyzer.structure.issuer import expand_abbreviations, issuer_from_block
from analyzer.vietnamese import fold

DOC_TYPES = load_yaml("doc_types.yaml")["types"]


@pytest.mark.parametrize("entry", DOC_TYPES, ids=lambda e: e["code"])
def test_data_doc_types_examples_resolve(entry):
    assert entry["examples"], f"{entry['code']} has no examples"
    for example in entry["examples"]:
        is_symbol = any(ch.isdigit() for ch in example)
        found = type_from_symbol(example) if is_symbol else type_from_line(example)
        if entry["code"] == "CV" and "/" in example:
            assert found is None  # a công văn's symbol names no type
            continue
        if entry["code"] == "CV":
            continue  # no type line either: recognised by V/v (tests/structure)
        if entry.get("party_only") and is_symbol:
            continue  # Party "TT" symbols are read as Thông tư; the type line decides
        assert found is not None and found.code == entry["code"], example


def test_data_doc_type_codes_unique():
    codes = [e["code"] for e in DOC_TYPES]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("row", load_tsv("abbreviations.tsv"), ids=lambda r: r[0])
def test_data_abbreviation_example_expands(row):
    abbreviation, expansion, example = row
    assert abbreviation in example
    assert expansion in expand_abbreviations(example)


@pytest.mark.parametrize("fix", load_yaml("glyph_fixes.yaml")["fixes"], ids=lambda f: f["name"])
def test_data_glyph_fix_examples(fix):
    assert fix["examples"]
    for example in fix["examples"]:
        assert apply_glyph_fixes(example["input"]) == example["output"]


@pytest.mark.parametrize("example", load_yaml("issuers.yaml")["examples"], ids=lambda e: e["block"][:30])
def test_data_issuer_examples(example):
    issuer = issuer_from_block(example["block"].split("|"))
    assert fold(issuer.name) == fold(example["name"])
    assert issuer.level.value == example["level"]
    assert issuer.locality == example["locality"]


LETTERS = "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"


@pytest.mark.parametrize("letter", LETTERS)
def test_data_legacy_tables_round_trip_every_letter(letter):
    from analyzer.normalize.legacy import decode_tcvn3_bytes, unicode_to_tcvn3, unicode_to_vni, vni_to_unicode

    assert decode_tcvn3_bytes(unicode_to_tcvn3(letter)) == letter
    assert vni_to_unicode(unicode_to_vni(letter)) == letter
    assert vni_to_unicode(unicode_to_vni(letter.upper())) == letter.upper()
