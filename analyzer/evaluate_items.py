"""Scoring of extracted items against gold (see corpora/gold/GUIDELINE-extract.md).

Matching rules (documented in the guideline and printed by ``kehoach evaluate``):

* citations: the distinct cited documents; key = normalized symbol, or the folded name for
  laws cited by name only. ``citations+date`` also needs the issued date. Among matched
  citations, issued_date and issuer accuracy (where gold gives them).
* units: (folded canonical name, role) pairs; a collective's leading "các", the "có" of
  "có liên quan" and the "Việt Nam" of "Mặt trận Tổ quốc Việt Nam" are ignored.
* deadlines: (kind, date | day_month + recurrence | start..end).
* targets: (value, folded unit).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Callable

from .structure.issuer import expand_abbreviations
from .vietnamese import fold, normalize_tone_placement

ITEM_FIELDS = ["citations", "citations+date", "citations.issued_date", "citations.issuer",
               "units", "deadlines", "targets"]


def _norm_symbol(symbol: str) -> str:
    text = unicodedata.normalize("NFC", symbol).replace("Ð", "Đ")
    return re.sub(r"\s+", "", text)


def _norm_name(name: str) -> str:
    text = expand_abbreviations(normalize_tone_placement(unicodedata.normalize("NFC", name)))
    text = re.sub(r"[–—]", "-", text)
    text = re.sub(r"\s*-\s*", " - ", text)
    return re.sub(r"\s+", " ", fold(text)).strip(" .,;:")


def citation_key(item: dict) -> str | None:
    if item.get("symbol"):
        return "s:" + _norm_symbol(item["symbol"])
    if item.get("name"):
        return "n:" + _norm_name(item["name"])
    return None


def _distinct_citations(items: list[dict]) -> dict[str, dict]:
    """First mention per cited document, completed with the date/issuer of later mentions."""
    out: dict[str, dict] = {}
    for item in items:
        if item.get("short_form"):
            continue
        key = citation_key(item)
        if key is None:
            continue
        kept = out.setdefault(key, dict(item))
        for field_name in ("issued_date", "issuer"):
            if not kept.get(field_name) and item.get(field_name):
                kept[field_name] = item[field_name]
    return out


def deadline_key(item: dict) -> tuple:
    kind = item.get("kind")
    if kind == "recurring":
        return (kind, item.get("recurrence"), item.get("day_month"))
    if kind == "period":
        return (kind, item.get("start"), item.get("end"))
    if kind in ("by", "on"):
        return (kind, item.get("date") or item.get("day_month"))
    return (kind, item.get("date"))


def target_key(item: dict) -> tuple:
    value = item.get("value")
    try:
        value = float(value) if value is not None else None
    except (TypeError, ValueError):
        value = None
    return (value, fold(str(item.get("unit") or "")).strip())


def unit_name_key(name: str) -> str:
    """Unit names compare as canonical names, and a collective's leading "các" and "có" in
    "có liên quan" do not matter ("Các cơ quan, đơn vị có liên quan" = "các cơ quan, đơn vị liên quan")."""
    key = _norm_name(name)
    key = re.sub(r"^cac\s+", "", key)
    # "Mặt trận Tổ quốc" is the short name of "Mặt trận Tổ quốc Việt Nam": one body.
    key = key.replace("mat tran to quoc viet nam", "mat tran to quoc")
    return key.replace(" co lien quan", " lien quan")


def unit_pairs(items: list[dict]) -> list[tuple[str, str]]:
    pairs = set()
    for unit in items:
        name = unit_name_key(unit.get("name") or "")
        for role in unit.get("roles") or []:
            pairs.add((name, role))
    return sorted(pairs)


def score_items(gold: dict, output: dict, scores: dict, name: str, issuer_norm: Callable[[str], str]) -> None:
    """Add one document's item scores to ``scores`` (FieldScore objects by field name)."""
    if "citations" in gold:
        gold_c = {citation_key(c): c for c in gold["citations"] if citation_key(c)}
        out_c = _distinct_citations(output.get("citations", []))
        _pr(scores["citations"], name, set(gold_c), set(out_c), lambda k: (gold_c.get(k) or out_c.get(k)).get("text") or k)
        with_date = lambda table: {(k, v.get("issued_date")) for k, v in table.items()}  # noqa: E731
        _pr(scores["citations+date"], name, with_date(gold_c), with_date(out_c), lambda k: f"{k[0]} {k[1]}")
        for key in set(gold_c) & set(out_c):
            g, o = gold_c[key], out_c[key]
            if g.get("issued_date") is not None or o.get("issued_date") is not None:
                _acc(scores["citations.issued_date"], name, key, g.get("issued_date"), o.get("issued_date"))
            if g.get("issuer"):
                _acc(scores["citations.issuer"], name, key, issuer_norm(g["issuer"]), issuer_norm(o.get("issuer") or ""),
                     g.get("issuer"), o.get("issuer"))
    if "units" in gold:
        _pr(scores["units"], name, Counter(unit_pairs(gold["units"])), Counter(unit_pairs(output.get("units", []))),
            lambda k: f"{k[0]} / {k[1]}")
    if "deadlines" in gold:
        texts = {deadline_key(d): d.get("text") for d in gold["deadlines"] + output.get("deadlines", [])}
        _pr(scores["deadlines"], name, Counter(deadline_key(d) for d in gold["deadlines"]),
            Counter(deadline_key(d) for d in output.get("deadlines", [])), lambda k: f"{k} «{texts.get(k)}»")
    if "targets" in gold:
        texts = {target_key(t): t.get("text") for t in gold["targets"] + output.get("targets", [])}
        _pr(scores["targets"], name, Counter(target_key(t) for t in gold["targets"]),
            Counter(target_key(t) for t in output.get("targets", [])), lambda k: f"{k} «{(texts.get(k) or '')[:80]}»")


def _pr(score, name: str, expected, got, describe: Callable) -> None:
    exp, out = Counter(expected), Counter(got)
    common = exp & out
    score.tp += sum(common.values())
    score.fp += sum((out - exp).values())
    score.fn += sum((exp - out).values())
    score.total += 1
    for key in (exp - out).elements():
        score.errors.append(f"{name}: thiếu {describe(key)}")
    for key in (out - exp).elements():
        score.errors.append(f"{name}: thừa {describe(key)}")
    if not (exp - out) and not (out - exp):
        score.correct += 1


def _acc(score, name: str, key, expected, got, shown_expected=None, shown_got=None) -> None:
    score.total += 1
    if expected == got:
        score.correct += 1
    else:
        score.errors.append(f"{name}: {key}: mong đợi {shown_expected or expected!r}, nhận {shown_got or got!r}")
