"""Activities in the output contract: the Hoằng Cát seed's communication activities with
their spans, links to units and deadlines, and the fallback without a model."""
from __future__ import annotations

import jsonschema
import pytest

import analyzer
from analyzer.activities import NO_MODEL_WARNING, find_activities
from analyzer.activities.model import default_model_dir
from analyzer.render import schema, to_dict
from tests.conftest import HOANG_CAT, LUC_NAM

# The acceptance: each type with a word of the item that shows it.
EXPECTED = {
    "training": ("tập huấn",),
    "loudspeaker": ("loa truyền thanh",),
    "print": ("tờ rời", "tờ gấp"),
    "visual": ("bảng tin", "bảng thông tin", "băng zôn", "phướn"),
    "production": ("sản xuất", "biên tập"),
    "online": ("Trang thông tin điện tử",),
    "reporting": ("báo cáo",),
}


@pytest.fixture(scope="module")
def hoang_cat():
    if default_model_dir() is None:
        pytest.skip("no trained model in models/activities (run: kehoach train activities)")
    return analyzer.analyze(HOANG_CAT)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_hoang_cat_activity_types_found_with_their_spans(hoang_cat, code):
    text = hoang_cat.document.text.text
    found = [a for a in hoang_cat.activities if code in a.types]
    assert found, f"no {code} activity"
    assert any(any(word.lower() in a.text.lower() for word in EXPECTED[code]) for a in found), [a.text[:60] for a in found]
    for activity in found:
        assert text[activity.span[0]:activity.span[1]] == activity.text


def test_hoang_cat_activities_stay_out_of_purposes_and_bases(hoang_cat):
    sections = {a.section.split(".")[0] for a in hoang_cat.activities if a.section}
    assert "I" not in sections  # Mục đích, yêu cầu
    assert not any(a.text.startswith("Căn cứ") for a in hoang_cat.activities)


def test_activity_links_point_at_extracted_units_and_deadlines():
    plan = analyzer.analyze(LUC_NAM)
    names = {u.name for u in plan.units}
    assert plan.activities
    linked = [a for a in plan.activities if a.deadline is not None]
    assert linked, "the Lục Nam plan has dated tasks"
    for activity in plan.activities:
        assert set(activity.units) <= names
        if activity.deadline is not None:
            deadline = plan.deadlines[activity.deadline]
            assert activity.span[0] <= deadline.span[0] < activity.span[1] or deadline.text in plan.document.text.text
    reporting = next(a for a in plan.activities if a.text.startswith("Định kỳ trước ngày 10/11"))
    assert plan.deadlines[reporting.deadline].day_month == "10/11"


def test_activities_validate_against_the_contract(hoang_cat):
    data = to_dict(hoang_cat, with_text=True)
    jsonschema.validate(data, schema())
    for item in data["activities"]:
        assert data["text"][item["span"][0]:item["span"][1]] == item["text"]


def test_without_a_model_cues_decide_and_a_warning_says_so(monkeypatch):
    import analyzer.activities as activities

    monkeypatch.setattr(activities, "default_model", lambda: None)
    document = analyzer.parse(analyzer.normalize(analyzer.ingest(HOANG_CAT)))
    found = find_activities(document, [], [])
    assert any("visual" in a.types for a in found)
    assert NO_MODEL_WARNING in document.text.source.warnings
