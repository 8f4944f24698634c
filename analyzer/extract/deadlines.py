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
        dd, mm = g.get("dd") or g.get("dd2"), g.get("mm") or g.get("mm2")
        if dd and mm:
            dl.day_month = f"{int(dd)}/{int(mm)}"
        return dl if dl.recurrence else None
    if rule.name == "period_from_now":
        dl.start, dl.end = "NOW", f"{g['y2']}-12-31"
        return dl
    if rule.name == "period_open_date":
        dl.start = _iso(g["y"], g["m"], g["d"])
        return dl if dl.start else None
    if rule.name == "period_open_month":
        dl.start = f"{int(g['yo']):04d}-{int(g['mo']):02d}-01" if 1 <= int(g["mo"]) <= 12 else None
        return dl if dl.start else None
    if rule.name == "period_open_years":
        quarter = _QUARTERS.get((g.get("q") or "").upper(), 1)
        dl.start = f"{g['y1']}-{quarter * 3 - 2:02d}-01"
        return dl
    if rule.name == "by_in_year":
        dl.date = f"{g['y1']}-12-31"
        return dl
    if rule.name == "by_year":
        dl.date = f"{g.get('y1') or g.get('y2') or g.get('y3')}-12-31"
        return dl
    if rule.name == "period_dates":
        dl.start = _iso(g.get("y") or g.get("y2"), g.get("m") or g.get("m2"), g.get("d") or g.get("d2"))
        dl.end = _iso(g["y3"], g["m3"], g["d3"])
        return dl if dl.start and dl.end else None
    if rule.name in ("period_years", "period_stage", "period_stage_heading", "period_years_span", "period_stage_onward"):
        dl.start, dl.end = f"{g['y1']}-01-01", f"{g['y2']}-12-31"
        return dl
    if rule.name in ("period_year", "period_year_paren"):
        dl.start, dl.end = f"{g['y1']}-01-01", f"{g['y1']}-12-31"
        return dl
    if rule.name in ("period_quarter", "by_quarter"):
        q, y = _QUARTERS[g["q"]], int(g["qy"])
        if rule.kind == "by":
            dl.date = _last_day(y, q * 3)
        else:
            dl.start, dl.end = f"{y:04d}-{q * 3 - 2:02d}-01", _last_day(y, q * 3)
        return dl
    if rule.name == "period_month_range":
        y, m1, m2 = int(g["yo"]), int(g["m1"]), int(g["m2"])
        if not (1 <= m1 <= m2 <= 12):
            return None
        dl.start, dl.end = f"{y:04d}-{m1:02d}-01", _last_day(y, m2)
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
        dd, mm = g.get("dd") or g.get("dd2"), g.get("mm") or g.get("mm2")
        dl.day_month = f"{int(dd)}/{int(mm)}"
        return dl if 1 <= int(mm) <= 12 else None
    if rule.name == "within":
        return dl
    # by_date, on_date
    dl.date = _iso(g.get("y") or g.get("y2"), g.get("m") or g.get("m2"), g.get("d") or g.get("d2"))
    return dl if dl.date else None


# A yearly plan, programme or budget named in passing (no clause break before "hằng năm").
_NAMED_YEARLY_RE = re.compile(r"(?:kế\s+hoạch|chương\s+trình|ngân\s+sách|dự\s+toán)[^,;.:()]*$", re.IGNORECASE)
_NOT_SCHEDULE_RE = re.compile(r"(?:thông\s+qua|có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+(?:kể\s+)?từ)?|ký\s+ban\s+hành|ban\s+hành)\s*(?:ngày\s*)?$", re.IGNORECASE)


def parse_deadlines(text: str, offset: int = 0, exclude: list[Span] = ()) -> list[Deadline]:
    """All deadlines in ``text``, earlier rules winning over overlapping later ones."""
    found: list[Deadline] = []
    taken: list[Span] = list(exclude)
    for rule in rules():
        for m in rule.pattern.finditer(text):
            span = (offset + m.start(), offset + m.end())
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            before = text[max(0, m.start() - 40):m.start()]
            if _NOT_SCHEDULE_RE.search(before) or re.search(r"ngày\s+\d{1,2}\s+$", before):
                taken.append(span)
                continue  # the date a law was passed or takes effect schedules nothing
            if rule.name == "recurring_every" and _NAMED_YEARLY_RE.search(text[max(0, m.start() - 70):m.start()]) \
                    and not _TIME_LABEL_RE.match(text):
                taken.append(span)
                continue  # "Kế hoạch phát triển kinh tế - xã hội hằng năm" names a plan, schedules nothing
            if m.group(0).isupper() and re.search(r"\d", m.group(0)):
                taken.append(span)
                continue  # a heading or title ("GIAI ĐOẠN 2026 - 2030", "NGÀY 01 THÁNG 01 NĂM 2026") names, not schedules
            if rule.kind == "on" and (re.match(r"\s*,?\s*(?:của|do)\s", text[m.end():m.end() + 8])
                                      or re.search(r"\b(?:ban\s+hành|đã\s+ký|thông\s+qua)\b", text[m.end():m.end() + 50])):
                taken.append(span)
                continue  # "ngày 29/12/2025 của Tỉnh ủy": the date of a document
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
    bases = document.bases
    out = []
    for para in text.paragraphs:
        if not document.in_content(para.start) or any(a <= para.start < b for a, b in bases):
            continue
        chunk = text.para_text(para)
        for dl in refine(parse_deadlines(chunk, para.start, exclude), chunk, para.start, document.header.issued_date):
            dl.page = para.page
            dl.unit, dl.task = owner_of(para.start)
            out.append(dl)
    return out


# "Thời gian hoàn thành: Tháng 11/2025", "Thời hạn: Quý I/2026": the period is a deadline.
_DONE_LABEL_RE = re.compile(r"(?:thời\s+gian\s+hoàn\s+thành|thời\s+hạn(?:\s+hoàn\s+thành|\s+ban\s+hành)?|hoàn\s+thành|xong)\s*:?\s*(?:trong\s+|vào\s+)?(?:dự\s+kiến\s+)?(?:ngày\s+)?$", re.IGNORECASE)
_RANGE_JOIN_RE = re.compile(r"^\s*(?:đến|tới|-|–|và)\s*(?:hết\s+)?$", re.IGNORECASE)
_PERIODIC_RE = re.compile(r"định\s+kỳ|hằng\s+năm|hàng\s+năm|mỗi\s+năm", re.IGNORECASE)
_TABLE_CELL_RE = re.compile(r"(?:^|\|)\s*(?P<y1>(?:19|20)\d{2})(?:\s*[-–]\s*(?P<y2>(?:19|20)\d{2}))?\s*(?=\||$)")


def refine(found: list[Deadline], chunk: str, offset: int, issued: str | None) -> list[Deadline]:
    """Combine what single rules cannot see: ranges of two periods, completion labels,
    a day-month inside a periodic clause, year cells of task tables."""
    found = sorted(found, key=lambda d: d.span[0])
    merged: list[Deadline] = []
    ranges: set[int] = set()
    for dl in found:
        prev = merged[-1] if merged else None
        if prev is not None and prev.kind == "period" and dl.kind in ("period", "by") \
                and _RANGE_JOIN_RE.match(chunk[prev.span[1] - offset:dl.span[0] - offset]):
            end = dl.end or dl.date
            start_text = chunk[prev.span[0] - offset:dl.span[1] - offset]
            merged[-1] = Deadline(text=start_text, span=(prev.span[0], dl.span[1]), kind="period",
                                  start=prev.start, end=end)
            ranges.add(id(merged[-1]))
            continue
        merged.append(dl)
    for dl in merged:
        before = chunk[max(0, dl.span[0] - offset - 40):dl.span[0] - offset]
        if dl.kind == "period" and dl.end and id(dl) not in ranges and _DONE_LABEL_RE.search(before) and _is_single_unit(dl):
            dl.kind, dl.date, dl.start, dl.end = "by", dl.end, None, None
        if dl.kind == "on" and (_DONE_LABEL_RE.search(before) or re.search(
                r"chậm\s+nhất|thời\s+hạn", chunk[max(0, dl.span[0] - offset - 90):dl.span[0] - offset], re.IGNORECASE)):
            dl.kind = "by"  # "Thời gian chậm nhất gửi báo cáo về ... ngày 23/3/2026"
    # "Định kỳ ... trước ngày 20/11" / "hằng năm (trước ngày 15 tháng 11)": yearly on that day.
    if _PERIODIC_RE.search(chunk) or any(d.kind == "recurring" for d in merged):
        for day in [d for d in merged if d.kind == "by" and d.day_month and not d.date]:
            # The day belongs to the recurrence just before it: "6 tháng (trước ngày 16/6)" is
            # half-yearly on 16/6; with none, "định kỳ ... trước ngày 20/11" recurs yearly.
            before = [d for d in merged if d.kind == "recurring" and d.span[0] < day.span[0]
                      and d.recurrence in ("yearly", "half_yearly") and not d.day_month]
            if before:
                merged.remove(before[-1])
                day.recurrence = before[-1].recurrence
            elif _PERIODIC_RE.search(chunk):
                day.recurrence = "yearly"
            else:
                continue
            day.kind = "recurring"
    # A cell on its own line (web copies of tables): "2026", "2025 - 2035".
    whole = re.fullmatch(r"\s*(?P<y1>(?:19|20)\d{2})(?:\s*[-–]\s*(?P<y2>(?:19|20)\d{2}))?\s*", chunk)
    if whole and not merged:
        y2 = whole.group("y2") or whole.group("y1")
        merged.append(Deadline(text=chunk.strip(), span=(offset + whole.start("y1"), offset + len(chunk.rstrip())),
                               kind="period", start=f"{whole.group('y1')}-01-01", end=f"{y2}-12-31"))
    # Task tables give bare years in their own cells: "| 2026 |", "| 2025 - 2030 |".
    if " | " in chunk:
        for m in _TABLE_CELL_RE.finditer(chunk):
            span = (offset + m.start("y1"), offset + m.end())
            if any(a < span[1] and span[0] < b for a, b in (d.span for d in merged)):
                continue
            y2 = m.group("y2") or m.group("y1")
            merged.append(Deadline(text=chunk[m.start("y1"):m.end()].strip(), span=(span[0], offset + m.start("y1") + len(chunk[m.start("y1"):m.end()].rstrip())),
                                   kind="period", start=f"{m.group('y1')}-01-01", end=f"{y2}-12-31"))
    for dl in merged:
        if dl.kind == "period" and dl.start == "NOW" and issued:
            dl.start = issued
    return sorted(merged, key=lambda d: d.span[0])


def _is_single_unit(dl: Deadline) -> bool:
    """A period that is one month or one quarter ("Tháng 11/2025", "Quý I/2026")."""
    text = dl.text.strip().lower()
    if text.startswith("quý"):
        return True
    return text.startswith("tháng") and bool(dl.start and dl.end and dl.start[:7] == dl.end[:7])


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
