from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.data import load_yaml
from analyzer.extract.targets import parse_targets
from tests.conftest import HOANG_CAT

DATA = load_yaml("targets.yaml")


@pytest.mark.parametrize("example", DATA["examples"], ids=lambda e: e["text"][:30])
def test_targets_examples(example):
    found = parse_targets(example["text"])
    assert len(found) == 1
    assert (found[0].value, found[0].unit) == (example["value"], example["unit"])
    if "subject" in example:
        assert found[0].subject == example["subject"]


@pytest.mark.parametrize("text", DATA["counter_examples"])
def test_targets_counter_examples(text):
    assert parse_targets(text) == []


def test_targets_hoang_cat_seed():
    targets = analyze(HOANG_CAT).targets
    assert [(t.value, t.unit) for t in targets] == [(100.0, "%")]
    assert targets[0].subject.startswith("hộ nghèo được tiếp cận dịch vụ thông tin")
