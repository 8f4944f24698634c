"""The unit gazetteer's examples, canonical names, and roles in the seed plans."""
from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.data import load_yaml
from analyzer.extract.units import distribute, find_mentions
from tests.conftest import HOANG_CAT, LUC_NAM

HEADS = load_yaml("units.yaml")["heads"]


@pytest.mark.parametrize("head", HEADS, ids=lambda h: h["words"])
def test_units_gazetteer_examples(head):
    for example in head["examples"]:
        found = find_mentions(example["text"])
        assert found and found[0][1] == example["name"], (example, found)


def test_units_mention_spans_point_into_the_original_text():
    text = "- Phối hợp với Phòng Lao động-TB&XH và UBND các xã, thị trấn kiểm tra."
    found = find_mentions(text)
    assert [name for _, name in found] == ["Phòng Lao động - Thương binh và Xã hội", "Ủy ban nhân dân các xã, thị trấn"]
    assert [text[a:b] for (a, b), _ in found] == ["Phòng Lao động-TB&XH", "UBND các xã, thị trấn"]


def test_units_lost_glyph_department_gets_its_gazetteer_name():
    assert find_mentions("1. Phòng Lao động - Thương binh v  Xã hội")[0][1] == "Phòng Lao động - Thương binh và Xã hội"


def test_units_distributive_recipients():
    assert distribute("Sở: NN&MT, TC, GD&ĐT") == ["Sở NN&MT", "Sở TC", "Sở GD&ĐT"]
    assert distribute("CT, PCT UBND TP") == ["Chủ tịch Ủy ban nhân dân thành phố", "Phó Chủ tịch Ủy ban nhân dân thành phố"]


def test_units_hoang_cat_roles():
    units = {u.name: u for u in analyze(HOANG_CAT).units}
    vhtt = units["Công chức Văn hóa - Thông tin"]
    ldtbxh = units["Công chức Lao động - Thương binh và Xã hội"]
    assert "lead" in vhtt.roles and "coordinate" not in vhtt.roles
    assert "coordinate" in ldtbxh.roles and "lead" not in ldtbxh.roles
    assert units["Phòng Văn hóa - Thông tin"].roles == ["receive"]
    assert vhtt.level.value == "xa"


def test_units_luc_nam_heading_owns_its_items():
    units = {u.name: u for u in analyze(LUC_NAM).units}
    phong = units["Phòng Lao động - Thương binh và Xã hội"]
    assert {"lead", "report"} <= set(phong.roles)
    assert "implement" in units["Ủy ban nhân dân các xã, thị trấn"].roles


@pytest.mark.parametrize("text,names", [
    ("Thường trực Đ.ủy, HĐND xã (b/c)", ["Thường trực Đảng ủy xã", "Thường trực Hội đồng nhân dân xã"]),
    ("Đảng ủy, UBND các xã, thị trấn", ["Đảng ủy các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn"]),
    ("Sở Tài chính, Sở Tư pháp tỉnh Bắc Ninh", ["Sở Tài chính", "Sở Tư pháp tỉnh Bắc Ninh"]),
])
def test_units_lists_share_office_and_bare_locality(text, names):
    assert [name for _, name in find_mentions(text)] == names
