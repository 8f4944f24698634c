"""Cue lists (analyzer/data/activity_cues.yaml): every example of a type carries a cue of
that type, no counter-example does, and every taxonomy code has an entry."""
from __future__ import annotations

import pytest

from analyzer.activities.cues import LABELS, cue_matrix, cue_types
from analyzer.data import load_yaml

TYPES = load_yaml("activity_cues.yaml")["types"]


def test_cue_file_covers_the_taxonomy_exactly():
    assert set(TYPES) == set(LABELS)


@pytest.mark.parametrize("code", LABELS)
def test_cue_examples_match_and_counter_examples_do_not(code):
    entry = TYPES[code]
    assert entry["cues"] and entry["examples"], f"{code} needs cues and examples"
    for example in entry["examples"]:
        assert code in cue_types(example), example
    for counter in entry.get("counter_examples", []):
        assert code not in cue_types(counter), counter


def test_cues_match_whole_words_only():
    # "sách" of "chính sách" is no book, "đồng" of "cộng đồng" no money, "biên tập viên" is a person.
    assert "print" not in cue_types("Hoàn thiện cơ chế, chính sách hỗ trợ")
    assert "production" not in cue_types("đội ngũ phóng viên, biên tập viên")
    assert "loudspeaker" in cue_types("Truyền thông trên hệ thống LOA TRUYỀN THANH của xã")  # case-insensitive


def test_rà_soát_of_legal_texts_is_guidance_not_survey():
    # GUIDELINE.md version 2, decision 2.
    assert cue_types("Rà soát, sửa đổi, bổ sung các văn bản quy phạm pháp luật") & {"survey"} == set()
    assert "survey" in cue_types("Tổ chức rà soát cơ sở vật chất, trang thiết bị của cơ sở cai nghiện")


def test_cue_matrix_shape_and_order():
    matrix = cue_matrix(["Treo băng rôn, khẩu hiệu", "Kinh phí thực hiện từ ngân sách"])
    assert matrix.shape == (2, len(LABELS))
    assert matrix[0, LABELS.index("visual")] == 1 and matrix[1, LABELS.index("funding")] == 1
    assert matrix[0, LABELS.index("funding")] == 0
