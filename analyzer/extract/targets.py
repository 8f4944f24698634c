"""Targets: percentages and counts a plan commits to (data/targets.yaml).

>>> [(t.value, t.unit) for t in parse_targets("Phấn đấu 100% hộ nghèo được tiếp cận dịch vụ thông tin.")]
[(100.0, '%')]
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load_yaml
from ..models import Document, Span, Target

# Vietnamese numbers: "." groups thousands, "," marks decimals ("3.000", "2.989,5").
_NUMBER = r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"


@lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    data = load_yaml("targets.yaml")
    words = sorted(data["measure_words"], key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    percent = re.compile(rf"(?<![\w/.,]){_NUMBER}(?:\s*[-–]\s*\d+(?:,\d+)?)?\s*%(?:\s*/\s*năm)?(?P<subject>[^;.:\n()]{{0,160}})")
    count = re.compile(rf"(?<![\w/.,-]){_NUMBER}\s+(?P<unit>{alt})(?!\w)(?P<subject>[^;.:\n()]{{0,120}})", re.IGNORECASE)
    return percent, count


@lru_cache(maxsize=None)
def _cue() -> re.Pattern:
    cues = load_yaml("targets.yaml")["commitment_cues"]
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(c) for c in sorted(cues, key=len, reverse=True))})(?!\w)", re.IGNORECASE)


def _value(raw: str) -> float:
    return float(raw.replace(".", "").replace(",", "."))


def parse_targets(text: str, offset: int = 0, exclude: list[Span] = ()) -> list[Target]:
    percent, count = _patterns()
    found: list[Target] = []
    taken: list[Span] = list(exclude)
    for m in percent.finditer(text):
        span = (offset + m.start(), offset + m.end("num") + 1)
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        subject = m.group("subject").strip(" ,")
        found.append(Target(text=text[m.start():m.end()].strip(), span=(span[0], offset + m.end()),
                            value=_value(m.group("num")), unit="%", subject=subject or None))
        taken.append(span)
    for m in count.finditer(text):
        span = (offset + m.start(), offset + m.end("unit"))
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if re.search(r"(?:Điều|khoản|điểm|số|ngày|tháng|năm|Quý|quý|giờ|mục|Mục|/|từ|dưới|không quá|đủ)\s*$", before):
            continue  # numbering, dates and thresholds ("dưới 100 cử tri") are no targets
        if not _cue().search(text):
            continue  # a count in an item that commits to nothing describes, it does not commit
        found.append(Target(text=text[m.start():m.end()].strip(), span=(span[0], offset + m.end()),
                            value=_value(m.group("num")), unit=re.sub(r"\s+", " ", m.group("unit")),
                            subject=m.group("subject").strip(" ,") or None))
        taken.append(span)
    return sorted(found, key=lambda t: t.span[0])


def find_targets(document: Document, exclude: list[Span]) -> list[Target]:
    text = document.text
    out = []
    for para in text.paragraphs:
        if not document.in_content(para.start) or any(a <= para.start < b for a, b in document.bases):
            continue
        for target in parse_targets(text.para_text(para), para.start, exclude):
            target.page = para.page
            out.append(target)
    return out
