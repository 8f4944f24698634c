"""The spaCy pipeline: kehoach's items as spans, on the input text or the normalized text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

import analyzer
from analyzer import load_nlp, plan_doc, read_docbin, to_docbin
from analyzer.nlp.align import OffsetMap
from tests.conftest import HOANG_CAT, LUC_NAM


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def hoang_cat():
    return analyzer.analyze(HOANG_CAT)


def _squeeze(text: str) -> str:
    # Normalization moves old-style tone marks ("hoá" -> "hóa"); the span keeps the input's.
    from analyzer.vietnamese import normalize_tone_placement
    return re.sub(r"\s+", "", normalize_tone_placement(text))


def _items(plan) -> list[tuple[str, str, tuple[int, int], str]]:
    """(anchor, label, span, text) of every item the spans must carry."""
    out = [(f"cit-{i}", "CITATION", c.span, c.text) for i, c in enumerate(plan.citations)]
    out += [(f"unit-{i}-{j}", "UNIT", m.span, m.text) for i, u in enumerate(plan.units) for j, m in enumerate(u.mentions)]
    out += [(f"dl-{i}", "DEADLINE", d.span, d.text) for i, d in enumerate(plan.deadlines)]
    out += [(f"tgt-{i}", "TARGET", t.span, t.text) for i, t in enumerate(plan.targets)]
    out += [(f"act-{i}", "ACTIVITY", a.span, a.text) for i, a in enumerate(plan.activities)]
    return out


def test_nlp_pipeline_names(nlp):
    assert nlp.pipe_names == ["kehoach_plan", "kehoach_spans"]
    assert nlp.lang == "vi"


@pytest.mark.parametrize("path", [HOANG_CAT, LUC_NAM], ids=lambda p: p.name[:12])
def test_nlp_doc_text_is_the_input(nlp, path):
    raw = path.read_text(encoding="utf-8")
    doc = nlp(raw)
    assert doc.text == raw
    plan = doc._.kehoach_plan
    # The seed's normalized text differs (reflowed lines), so spans were mapped back.
    assert plan.document.text.text != raw
    items = _items(plan)
    assert items and len(doc.spans["kehoach"]) == len(items)
    by_anchor = {s.id_: s for s in doc.spans["kehoach"]}
    for anchor, label, _, text in items:
        span = by_anchor[anchor]
        assert span.label_ == label
        # The input's characters: the same words, with the input's line breaks in them.
        assert _squeeze(span.text) == _squeeze(text), (anchor, span.text, text)


def test_nlp_spans_match_plan_offsets_on_the_seed(hoang_cat):
    doc = plan_doc(hoang_cat)
    assert doc.text == hoang_cat.document.text.text
    by_anchor = {s.id_: s for s in doc.spans["kehoach"]}
    items = _items(hoang_cat)
    assert len(hoang_cat.citations) >= 6 and len(hoang_cat.units) >= 5
    for anchor, label, (start, end), text in items:
        span = by_anchor[anchor]
        assert (span.start_char, span.end_char, span.label_, span.text) == (start, end, label, text)
    for group, label in (("citations", "CITATION"), ("units", "UNIT"), ("deadlines", "DEADLINE")):
        assert all(s.label_ == label for s in doc.spans[group])
    cited = {s.kb_id_ for s in doc.spans["citations"]}
    assert {"1277/QĐ-UBND", "93/KH-UBND", "30-KH/TU", "05-CT/TW"} <= cited


def test_nlp_ents_do_not_overlap(hoang_cat):
    doc = plan_doc(hoang_cat)
    ents = list(doc.ents)
    assert ents and {e.label_ for e in ents} <= {"CITATION", "UNIT", "DEADLINE", "TARGET"}
    for a, b in zip(ents, ents[1:]):
        assert a.end <= b.start


@dataclass
class _Activity:  # the shape the activity stage fills in: text, span, types
    text: str
    span: tuple[int, int]
    types: list[str] = field(default_factory=list)
    section: str = ""


def test_nlp_uses_activities_when_present(hoang_cat):
    text = hoang_cat.document.text.text
    start = text.index("Mở các lớp tập huấn")
    end = text.index("\n", start)
    hoang_cat.activities = [_Activity(text[start:end], (start, end), ["training"], "I.2"),
                            {"text": "x", "span": [start, start + 2], "types": ["training", "meeting"]}]
    try:
        doc = plan_doc(hoang_cat)
    finally:
        hoang_cat.activities = []
    acts = list(doc.spans["activities"])
    assert [(s.id_, s.label_, s.kb_id_) for s in acts] == [("act-0", "ACTIVITY", "training"), ("act-1", "ACTIVITY", "training+meeting")]
    assert acts[0].text == text[start:end]
    assert all(e.label_ != "ACTIVITY" for e in doc.ents)


@pytest.mark.parametrize("text", ["", "   \n", "xin chào"])
def test_nlp_text_without_a_plan_gets_no_error(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    assert all(len(doc.spans[g]) == 0 for g in ("citations", "units", "deadlines", "activities"))


def test_nlp_docbin_round_trip(nlp, hoang_cat, tmp_path):
    doc = plan_doc(hoang_cat)
    path = tmp_path / "seed.spacy"
    to_docbin([doc]).to_disk(path)
    assert doc._.kehoach_plan is hoang_cat  # the Doc itself is left as it was
    (back,) = read_docbin(path, nlp)
    assert back.text == doc.text
    assert [(s.start_char, s.end_char, s.label_, s.id_, s.kb_id_) for s in back.spans["kehoach"]] == \
           [(s.start_char, s.end_char, s.label_, s.id_, s.kb_id_) for s in doc.spans["kehoach"]]
    assert [(e.start_char, e.label_) for e in back.ents] == [(e.start_char, e.label_) for e in doc.ents]
    assert back.user_data["kehoach"]["document"]["issuer"]["name"] == "Ủy ban nhân dân xã Hoằng Cát"


@pytest.mark.parametrize("source,target,span,expected", [
    ("Uỷ ban  nhân\ndân", "Ủy ban nhân dân", (0, 15), "Uỷ ban  nhân\ndân"),
    ("Thanh hoá\n\n2\n\nngày 1", "Thanh hóa\nngày 1", (10, 16), "ngày 1"),
    ("số 832/STTTT-\n\nTTBCXB ngày", "số 832/STTTT-TTBCXB ngày", (3, 19), "832/STTTT-\n\nTTBCXB"),
    ("a b c", "a b c", (2, 3), "b"),
])
def test_offset_map_carries_spans_back(source, target, span, expected):
    mapped = OffsetMap(source, target).span(*span)
    assert mapped is not None and source[mapped[0]:mapped[1]] == expected


def test_offset_map_unmapped_text_gives_none():
    assert OffsetMap("một hai", "một hai ba").span(8, 10) is None


def test_nlp_splits_a_word_across_an_item_boundary(nlp):
    # underthesea reads "xã giao" (etiquette) / "giao Công chức" across two items.
    text = "UBND xã giao Công chức Văn hóa - Thông tin chủ trì, phối hợp với Trưởng các thôn thực hiện."
    doc = nlp(text)
    assert doc.text == text
    units = [s.text for s in doc.spans["units"]]
    assert "UBND xã" in units and "Công chức Văn hóa - Thông tin" in units
    assert "giao" in [t.text for t in doc]
