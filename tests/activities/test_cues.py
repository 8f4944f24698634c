"""Cue lists (analyzer/data/activity_cues.yaml): every example of a type carries a cue of
that type, no counter-example does, and every taxonomy code has an entry."""
from __future__ import annotations

import pytest

from analyzer.activities.cues import LABELS, cue_matrix, cue_types, strong_matrix, strong_types
from analyzer.data import load_yaml

TYPES = load_yaml("activity_cues.yaml")["types"]


def test_cue_file_covers_the_taxonomy_exactly():
    assert set(TYPES) == set(LABELS)


def test_cues_are_lower_case():
    # They are matched on lower-cased text (cues.py); an upper-case letter would never match.
    for code, entry in TYPES.items():
        for cue in entry["cues"] + entry.get("strong_cues", []):
            assert cue == cue.lower(), (code, cue)


@pytest.mark.parametrize("code", LABELS)
def test_cue_examples_match_and_counter_examples_do_not(code):
    entry = TYPES[code]
    assert entry["cues"] and entry["examples"], f"{code} needs cues and examples"
    for example in entry["examples"]:
        assert code in cue_types(example), example
    for counter in entry.get("counter_examples", []):
        assert code not in cue_types(counter), counter
    assert bool(entry.get("strong_cues")) == bool(entry.get("strong_examples")), f"{code}: strong cues need examples"
    for example in entry.get("strong_examples", []):
        assert code in strong_types(example), example


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


def test_strong_cues_are_cues_and_name_online_channels():
    # GUIDELINE.md version 2, decision 1: portals, websites, social networks are online; IoT networks,
    # agencies' shared platforms and "doanh nghiệp nền tảng số" are not.
    text = "Phát triển hoạt động của các Trang Thông tin điện tử của Sở, ngành, địa phương về giảm nghèo"
    assert strong_types(text) == {"online"} and "online" in cue_types(text)
    assert strong_matrix([text, "Tổ chức tập huấn"])[:, LABELS.index("online")].tolist() == [1, 0]
    for text in ("ứng dụng Internet vạn vật (IoT) trong khu công nghiệp", "Triển khai các nền tảng số dùng chung của ngành",
                 "biểu dương các doanh nghiệp nền tảng số"):
        assert "online" not in cue_types(text), text


def test_mentions_are_not_cues():
    # Label what the item does, not what it mentions (GUIDELINE.md).
    assert "campaign" not in cue_types("báo cáo Hội đồng Thi đua - Khen thưởng tỉnh")
    assert "campaign" in cue_types("Thi đua thực hiện tốt công tác chuẩn bị bầu cử")
    assert "guidance" not in cue_types("thực hiện theo hướng dẫn của Bộ Xây dựng")
    assert "support" not in cue_types("Bổ sung các chính sách hỗ trợ đặc biệt cho các công ty khởi nghiệp")
    assert "support" in cue_types("Hỗ trợ hộ nghèo sử dụng dịch vụ viễn thông")
    assert "training" not in cue_types("Phối hợp với Sở Giáo dục và Đào tạo kiểm tra")
    assert "funding" not in cue_types("Bố trí quỹ đất xây dựng trường mầm non")


def test_every_type_has_a_vietnamese_name_for_reports():
    from analyzer.activities.cues import type_names

    names = type_names()
    assert set(names) == set(LABELS) and len(set(names.values())) == len(LABELS)
    assert names["training"] == "tập huấn" and names["loudspeaker"] == "loa truyền thanh"
