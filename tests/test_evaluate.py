"""kehoach evaluate: the matching rules, and the acceptance figures on the gold set."""
from __future__ import annotations

import json

from analyzer import analyze
from analyzer.evaluate import agreement, evaluate, normalize_for_match
from analyzer.render import to_dict
from tests.conftest import REPO, SHARED_CORPUS


def test_evaluate_matching_rules():
    assert normalize_for_match("UBND tỉnh Lào Cai", "issuer.name") == normalize_for_match("Ủy ban nhân dân TỈNH LÀO CAI", "issuer.name")
    assert normalize_for_match("V/v hướng dẫn", "title") == "hướng dẫn"
    assert normalize_for_match("Uỷ ban", "title") == normalize_for_match("Ủy ban", "title")
    assert normalize_for_match("93 /KH-UBND", "symbol") == "93/KH-UBND"
    assert normalize_for_match("Hà Nội", "place") != normalize_for_match("Hà Nam", "place")


def test_evaluate_scores_a_wrong_answer_as_wrong(tmp_path):
    gold = {"source": {"path": "corpora/seeds/xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt"},
            "document": {"doc_type": "QD", "symbol": None, "recipients": ["Phòng Văn hóa – Thông tin (b/c)", "X"]},
            "sections": [{"label": "I"}, {"label": "II"}, {"label": "III"}, {"label": "III"}]}
    gold_dir = tmp_path / "corpora" / "gold"
    gold_dir.mkdir(parents=True)
    (gold_dir / "g.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "corpora" / "seeds").mkdir()
    (tmp_path / "corpora" / "seeds" / "xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt").write_bytes(
        (REPO / "corpora/seeds/xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt").read_bytes())
    report = evaluate(gold_dir, lambda p: to_dict(analyze(p)))
    assert report.documents == 1
    assert report.scores["doc_type"].accuracy == 0.0  # it is a KH
    assert report.scores["symbol"].accuracy == 1.0
    assert report.scores["recipients"].recall == 0.5 and report.scores["recipients"].precision == 0.2
    assert report.scores["sections"].f1 == 1.0


def test_evaluate_gold_set_meets_acceptance():
    """The figures the README reports; on a clone without ../shared only the seeds count."""
    report = evaluate(REPO / "corpora" / "gold", lambda p: to_dict(analyze(p)),
                      SHARED_CORPUS if SHARED_CORPUS.is_dir() else None)
    assert report.documents >= (25 if SHARED_CORPUS.is_dir() else 2)
    for field in ("symbol", "issued_date", "doc_type", "issuer.name"):
        assert report.scores[field].accuracy >= 0.97, (field, report.scores[field].errors)
    assert report.scores["title"].accuracy >= 0.9, report.scores["title"].errors


def test_evaluate_extraction_regression_floor():
    """Floors under today's measured figures (README), so a change that loses extraction
    quality fails here. These are not the issue's targets (units and deadlines are below
    them; see the README's figures)."""
    if not SHARED_CORPUS.is_dir():
        import pytest

        pytest.skip(f"needs the shared corpus folder {SHARED_CORPUS}")
    report = evaluate(REPO / "corpora" / "gold", lambda p: to_dict(analyze(p)), SHARED_CORPUS)
    s = report.scores
    assert s["citations"].f1 >= 0.95 and s["citations.issued_date"].accuracy >= 0.97
    assert s["citations.issuer"].accuracy >= 0.94
    assert s["deadlines"].f1 >= 0.82 and s["targets"].f1 >= 0.70 and s["units"].f1 >= 0.55


def test_agreement_scores_a_second_annotation_on_its_fields_only(tmp_path):
    gold_dir, second_dir = tmp_path / "gold", tmp_path / "second"
    gold_dir.mkdir(), second_dir.mkdir()
    gold = {"source": {"path": "x.txt"}, "annotated": ["symbol", "units"],
            "document": {"symbol": "1/KH-UBND"},
            "units": [{"name": "Sở Tài chính", "roles": ["lead", "receive"]}]}
    (gold_dir / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    second = {"source": {"path": "x.txt"}, "annotated": ["units"],
              "units": [{"name": "Sở Tài chính", "roles": ["lead"]}, {"name": "Sở Y tế", "roles": ["receive"]}]}
    (second_dir / "a.json").write_text(json.dumps(second), encoding="utf-8")
    report = agreement(gold_dir, second_dir)
    units = report.scores["units"]
    assert (units.tp, units.fp, units.fn) == (1, 1, 1)
    assert report.scores["symbol"].total == 0  # not annotated by the second reader: not scored
