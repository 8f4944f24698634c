"""The deadline grammar's examples, and deadlines tied to units and tasks in real plans."""
from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.data import load_yaml
from analyzer.extract.deadlines import parse_deadlines, refine
from tests.conftest import LUC_NAM

RULES = load_yaml("deadlines.yaml")["rules"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r["name"])
def test_deadlines_rule_examples(rule):
    for example in rule["examples"]:
        # An example may need the words after it to match ("6 tháng" before "(trước ngày 16/6)").
        found = parse_deadlines(example.get("context", example["text"]))
        found = [d for d in found if d.text == example["text"]]
        assert len(found) == 1, (example, found)
        assert found[0].kind == rule["kind"]
        for key, value in example.items():
            if key not in ("text", "context"):
                assert getattr(found[0], key) == value, (key, example)
    for text in rule.get("counter_examples", []):
        assert not [d for d in parse_deadlines(text) if d.kind == rule["kind"]], text


@pytest.mark.parametrize("text,kind,start,end,date", [
    ("Thời gian thực hiện: Từ tháng 12/2025 đến quý I/2026", "period", "2025-12-01", "2026-03-31", None),
    ("Thời gian hoàn thành: Tháng 11/2025", "by", None, None, "2025-11-30"),
    ("Thời gian hoàn thành: Quý IV/2025 và Quý I/2026", "period", "2025-10-01", "2026-03-31", None),
])
def test_deadlines_refine_ranges_and_completion_labels(text, kind, start, end, date):
    found = refine(parse_deadlines(text), text, 0, None)
    assert len(found) == 1
    assert (found[0].kind, found[0].start, found[0].end, found[0].date) == (kind, start, end, date)


def test_deadlines_yearly_day_month_in_a_periodic_clause():
    text = "Định kỳ báo cáo UBND tỉnh kết quả thực hiện Kế hoạch hằng năm (trước ngày 15 tháng 11)."
    found = refine(parse_deadlines(text), text, 0, None)
    assert [(d.kind, d.recurrence, d.day_month) for d in found] == [("recurring", "yearly", "15/11")]


def test_deadlines_luc_nam_yearly_report_and_period():
    plan = analyze(LUC_NAM)
    yearly = [d for d in plan.deadlines if d.day_month == "10/11"]
    assert len(yearly) == 1
    assert (yearly[0].kind, yearly[0].recurrence) == ("recurring", "yearly")
    assert "báo cáo kết quả thực hiện về Phòng Lao động-TB&XH" in yearly[0].task
    assert yearly[0].unit == "Các cơ quan, đơn vị"
    period = plan.document.header.period
    assert (period.start, period.end) == ("2022-01-01", "2025-12-31")  # "Từ năm 2022 đến năm 2025"
