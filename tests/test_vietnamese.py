from __future__ import annotations

import pytest

from analyzer.vietnamese import fold, is_syllable, normalize_tone_placement, text_quality


@pytest.mark.parametrize("word", ["nghiêng", "người", "Hoằng", "khuya", "quốc", "giữa", "thuở", "Ủy", "xã"])
def test_vietnamese_valid_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["CQNG", "HQI", "Ncnie", "vlpr", "gfri", "th", "v"])
def test_vietnamese_invalid_syllables(word):
    assert not is_syllable(word)


@pytest.mark.parametrize("old,new", [
    ("hoá", "hóa"), ("HOÁ", "HÓA"), ("thuỷ", "thủy"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe"),
    ("quý", "quý"), ("quỷ", "quỷ"), ("hoàn", "hoàn"), ("khuya", "khuya"), ("hoà bình", "hòa bình"),
])
def test_vietnamese_tone_placement(old, new):
    result = normalize_tone_placement(old)
    assert result == new
    assert len(result) == len(old)  # offsets keep their meaning


def test_vietnamese_fold_maps_d_stroke():
    assert fold("Đảng ủy giảm nghèo") == "dang uy giam ngheo"


def test_vietnamese_quality_separates_garbage_from_text():
    garbage = text_quality("SO CONG THTIONG ceNG HoA xA ngI cnu Ncnie vlpr NAM PHONG QLCN DQc lfp Tg do Hgnh Phtic")
    real = text_quality("Sở Công Thương tỉnh Lào Cai Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc")
    assert garbage.score < 0.5 < real.score
