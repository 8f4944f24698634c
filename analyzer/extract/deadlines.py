"""Deadlines: a grammar of Vietnamese time expressions (data/deadlines.yaml), each tied to
the unit and task of the list item or sentence that holds it; and the plan's period.

>>> [(d.kind, d.recurrence, d.day_month) for d in parse_deadlines("Định kỳ trước ngày 10/11 hằng năm, báo cáo")]
[('recurring', 'yearly', '10/11')]
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_yaml
from ..models import Deadline, Document, Period, Span

_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_EVERY = {"năm": "yearly", "quý": "quarterly", "tháng": "monthly", "tuần": "weekly"}


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern
    recurrence: str | None


@lru_cache(maxsize=None)
def rules() -> tuple[Rule, ...]:
    data = load_yaml("deadlines.yaml")
    pieces = data["pieces"]

    def expand(pattern: str) -> str:
        for _ in range(3):
            pattern = re.sub(r"\$([A-Z]+)", lambda m: f"(?:{pieces[m.group(1)]})", pattern)
        return pattern

    out = []
    for rule in data["rules"]:
        # Group names repeat across alternatives of a piece; number them per use.
        out.append(Rule(rule["name"], rule["kind"], re.compile(rf"(?<!\w)(?:{expand(rule['pattern'])})", re.IGNORECASE),
                        rule.get("recurrence")))
    return tuple(out)


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _iso(y, m, d) -> str | None:
    try:
        y, m, d = int(y), int(m), int(d)
        if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
            return f"{y:04d}-{m:02d}-{d:02d}"
    except (TypeError, ValueError):
        pass
    return None


def _fill(rule: Rule, m: re.Match, text: str, span: Span) -> Deadline | None:
    g = m.groupdict()
    dl = Deadline(text=text, span=span, kind=rule.kind, recurrence=rule.recurrence)
    if rule.kind == "recurring":
        every = g.get("every") or g.get("every2")
        if every and not dl.recurrence:
            dl.recurrence = _EVERY.get(every.lower())
        if g.get("dd") and g.get("mm"):
            dl.day_month = f"{int(g['dd'])}/{int(g['mm'])}"
        return dl if dl.recurrence else None
    if rule.name == "period_dates":
        dl.start = _iso(g.get("y") or g.get("y2"), g.get("m") or g.get("m2"), g.get("d") or g.get("d2"))
        dl.end = _iso(g["y3"], g["m3"], g["d3"])
        return dl if dl.start and dl.end else None
    if rule.name in ("period_years", "period_stage"):
        dl.start, dl.end = f"{g['y1']}-01-01", f"{g['y2']}-12-31"
        return dl
    if rule.name == "period_year":
        dl.start, dl.end = f"{g['y1']}-01-01", f"{g['y1']}-12-31"
        return dl
    if rule.name in ("period_quarter", "by_quarter"):
        q, y = _QUARTERS[g["q"]], int(g["qy"])
        if rule.kind == "by":
            dl.date = _last_day(y, q * 3)
        else:
            dl.start, dl.end = f"{y:04d}-{q * 3 - 2:02d}-01", _last_day(y, q * 3)
        return dl
    if rule.name in ("period_month", "by_month"):
        month, year = int(g.get("mo") or g.get("mo2")), int(g.get("yo") or g.get("yo2"))
        if not 1 <= month <= 12:
            return None
        if rule.kind == "period":
            dl.start, dl.end = f"{year:04d}-{month:02d}-01", _last_day(year, month)
        elif text.lower().lstrip().startswith("trước tháng"):
            dl.date = _last_day(year - (month == 1), 12 if month == 1 else month - 1)
        else:
            dl.date = _last_day(year, month)
        return dl
    if rule.name == "by_day_month":
        dl.day_month = f"{int(g['dd'])}/{int(g['mm'])}"
        return dl if 1 <= int(g["mm"]) <= 12 else None
    if rule.name == "within":
        return dl
    # by_date, on_date
    dl.date = _iso(g.get("y") or g.get("y2"), g.get("m") or g.get("m2"), g.get("d") or g.get("d2"))
    return dl if dl.date else None


def parse_deadlines(text: str, offset: int = 0, exclude: list[Span] = ()) -> list[Deadline]:
    """All deadlines in ``text``, earlier rules winning over overlapping later ones."""
    found: list[Deadline] = []
    taken: list[Span] = list(exclude)
    for rule in rules():
        for m in rule.pattern.finditer(text):
            span = (offset + m.start(), offset + m.end())
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            dl = _fill(rule, m, m.group(0), span)
            if dl is None:
                continue
            found.append(dl)
            taken.append(span)
    return sorted(found, key=lambda d: d.span[0])


_TIME_LABEL_RE = re.compile(r"^(?:[-+•]\s*)?(?:Thời\s+gian(?:\s+thực\s+hiện|\s+triển\s+khai)?|Phạm\s+vi\s+và\s+thời\s+gian)\b", re.IGNORECASE)
_TITLE_PERIOD_RE = re.compile(
    r"(?:giai\s+đoạn|nhiệm\s+kỳ)?\s*(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2})|năm\s+(?P<y>(?:19|20)\d{2})",
    re.IGNORECASE,
)


def find_deadlines(document: Document, exclude: list[Span], owner_of) -> list[Deadline]:
    """Deadlines of the body (header, bases and closing block excluded); ``owner_of(offset)``
    gives (unit name, task text) of the paragraph that holds an offset."""
    text = document.text
    body = document.body_span
    if body is None:
        return []
    bases = document.bases
    out = []
    for para in text.paragraphs:
        if para.start < body[0] or para.end > body[1] or any(a <= para.start < b for a, b in bases):
            continue
        chunk = text.para_text(para)
        for dl in parse_deadlines(chunk, para.start, exclude):
            dl.page = para.page
            dl.unit, dl.task = owner_of(para.start)
            out.append(dl)
    return out


def document_period(document: Document, deadlines: list[Deadline]) -> Period | None:
    """The plan's period: a "Thời gian thực hiện" clause of the body, else the title."""
    text = document.text
    for dl in deadlines:
        if dl.kind != "period":
            continue
        para = next((p for p in text.paragraphs if p.start <= dl.span[0] < p.end), None)
        if para and _TIME_LABEL_RE.match(text.para_text(para)):
            return Period(dl.start, dl.end)
    title = document.header.title or ""
    match = None
    for m in _TITLE_PERIOD_RE.finditer(title):
        if m.group("y1") and not re.match(r"\s*nhiệm", m.group(0), re.IGNORECASE):
            match = m
            break
        if m.group("y") and match is None:
            match = m
    if match is None:
        return None
    if match.group("y1"):
        return Period(f"{match.group('y1')}-01-01", f"{match.group('y2')}-12-31")
    return Period(f"{match.group('y')}-01-01", f"{match.group('y')}-12-31")
