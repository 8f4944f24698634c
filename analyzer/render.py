"""Renderings of a Plan: the JSON contract (schema_version 1), Markdown, and plain text.

This is the only place that turns dataclasses into JSON, so the contract lives here and in
data/plan.schema.json, which tests validate against.
"""
from __future__ import annotations

import dataclasses
import json
from collections import Counter
from enum import Enum
from typing import Any

from .activities.cues import type_names
from .data import load_json
from .models import Header, Level, Plan, Section

SCHEMA_VERSION = "1"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _section(section: Section) -> dict:
    return {
        "label": section.label,
        "path": section.path,
        "title": section.title,
        "level": section.level,
        "kind": section.kind,
        "span": list(section.span),
        "page": section.page,
        "children": [_section(c) for c in section.children],
    }


def _document(header: Header) -> dict:
    issuer = None
    if header.issuer is not None:
        issuer = {
            "name": header.issuer.name,
            "level": header.issuer.level.value if header.issuer.level else None,
            "locality": header.issuer.locality,
        }
        if header.issuer.span:
            issuer["span"] = list(header.issuer.span)
    signer = None
    if header.signer is not None:
        signer = {"authority": header.signer.authority, "position": header.signer.position, "name": header.signer.name}
    return {
        "doc_type": header.doc_type,
        "doc_type_name": header.doc_type_name,
        "number": header.number,
        "symbol": header.symbol,
        "issuer": issuer,
        "issued_date": header.issued_date,
        "place": header.place,
        "title": header.title,
        "signer": signer,
        "recipients": list(header.recipients),
        "period": _plain(header.period) if header.period else None,
        "spans": {k: list(v) for k, v in header.spans.items()},
    }


def to_dict(plan: Plan, with_text: bool = False) -> dict:
    """The JSON object of the output contract."""
    doc = plan.document
    text = doc.text
    source = text.source
    warnings = list(source.warnings) + [w.message for w in text.warnings]
    out = {
        "schema_version": SCHEMA_VERSION,
        "source": {
            "path": source.path,
            "sha256": source.sha256,
            "format": source.format,
            "pages": len(source.pages),
            "encoding": source.encoding,
            "ocr_pages": source.ocr_pages,
            "needs_ocr": source.ocr_needed_pages,
            "page_status": [{"page": p.number, "status": p.status.value, "reason": p.reason} for p in source.pages],
            "warnings": warnings,
        },
        "document": _document(doc.header),
        "sections": [_section(s) for s in doc.sections],
        "bases": [list(span) for span in doc.bases],
        "citations": _plain(plan.citations),
        "units": _plain(plan.units),
        "deadlines": _plain(plan.deadlines),
        "activities": _plain(plan.activities),
        "targets": _plain(plan.targets),
    }
    if with_text:
        out["text"] = text.text
    return out


def to_json(plan: Plan, with_text: bool = False) -> str:
    return json.dumps(to_dict(plan, with_text), ensure_ascii=False, indent=2)


def schema() -> dict:
    return load_json("plan.schema.json")


def _tree_lines(sections: list[Section], depth: int, max_depth: int) -> list[str]:
    lines = []
    for s in sections:
        if s.kind in ("bullet", "plus", "table"):
            continue
        title = s.title if len(s.title) <= 90 else s.title[:87] + "..."
        lines.append(f"{'  ' * depth}- **{s.label}** {title}")
        if depth + 1 < max_depth:
            lines.extend(_tree_lines(s.children, depth + 1, max_depth))
    return lines


# The output contract's level codes ("xa", "huyen") as a reader writes them after "cấp", for the
# reports and the HTML page (Level is a str enum: its members and their codes look up alike).
LEVEL_NAMES = {Level.TRUNG_UONG: "trung ương", Level.BO: "bộ", Level.TINH: "tỉnh", Level.SO: "sở", Level.HUYEN: "huyện",
               Level.PHONG: "phòng", Level.XA: "xã", Level.THON: "thôn", Level.OTHER: "khác"}

_FIELD_NAMES = [
    ("Loại văn bản", lambda h: f"{h.doc_type_name} ({h.doc_type})" if h.doc_type else None),
    ("Số, ký hiệu", lambda h: h.symbol),
    ("Cơ quan ban hành", lambda h: h.issuer and f"{h.issuer.name} (cấp {LEVEL_NAMES.get(h.issuer.level, '?')})"),
    ("Địa danh, ngày", lambda h: ", ".join(x for x in (h.place, h.issued_date) if x) or None),
    ("Trích yếu", lambda h: h.title),
    ("Người ký", lambda h: h.signer and " / ".join(x for x in (h.signer.authority, h.signer.position, h.signer.name) if x)),
    ("Nơi nhận", lambda h: f"{len(h.recipients)} nơi" if h.recipients else None),
]


def to_markdown(plan: Plan) -> str:
    """A readable report (Vietnamese headings: reviewers read it)."""
    doc = plan.document
    h = doc.header
    out = [f"# {h.doc_type_name or 'Văn bản'}: {h.title or '(không rõ trích yếu)'}", ""]
    out.append(f"Tệp: `{doc.text.source.path}` ({doc.text.source.format}, {len(doc.text.source.pages)} trang)")
    out.append("")
    for label, getter in _FIELD_NAMES:
        out.append(f"- **{label}:** {getter(h) or '—'}")
    out += ["", "## Bố cục", ""]
    out += _tree_lines(doc.sections, 0, 2) or ["(không nhận ra mục nào)"]
    cited = [c for c in plan.citations if not c.short_form]
    if cited:
        out += ["", "## Văn bản được trích dẫn", ""]
        out += [f"- {c.text}" + (" *(căn cứ)*" if c.is_basis else "") for c in cited]
    if plan.units:
        out += ["", "## Đơn vị và vai trò", ""]
        out += [f"- {u.name}: {', '.join(_ROLE_NAMES.get(r, r) for r in u.roles) or '—'}" for u in plan.units]
    if plan.deadlines:
        out += ["", "## Thời hạn", ""]
        out += [f"- {d.text}" + (f" — {d.unit}" if d.unit else "") for d in plan.deadlines]
    if plan.targets:
        out += ["", "## Chỉ tiêu", ""] + [f"- {t.text}" for t in plan.targets]
    if plan.activities:
        out += ["", "## Hoạt động", "", f"{len(plan.activities)} mục; theo loại: {_type_counts(plan) or '—'}.", ""]
        out += [_activity_line(plan, a) for a in plan.activities]
    if h.recipients:
        out += ["", "## Nơi nhận", ""] + [f"- {r}" for r in h.recipients]
    warnings = list(doc.text.source.warnings) + [w.message for w in doc.text.warnings]
    if warnings:
        out += ["", "## Cảnh báo", ""] + [f"- {w}" for w in warnings]
    return "\n".join(out) + "\n"


def _type_counts(plan: Plan) -> str:
    """"tập huấn: 3; báo cáo: 2; ...": how many activities carry each type, most first (names
    hold commas, so types are separated by semicolons)."""
    counts = Counter(t for a in plan.activities for t in a.types)
    return "; ".join(f"{type_names().get(t, t)}: {n}" for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _activity_line(plan: Plan, activity) -> str:
    """One activity of the report: where, what (shortened), its types, units and deadline."""
    text = " ".join(activity.text.split())
    text = text if len(text) <= 160 else text[:157].rstrip() + "..."
    types = "; ".join(type_names().get(t, t) for t in activity.types) or "chưa phân loại"
    facts = []
    if activity.units:
        facts.append("đơn vị: " + ", ".join(activity.units[:3]) + (" ..." if len(activity.units) > 3 else ""))
    if activity.deadline is not None and activity.deadline < len(plan.deadlines):
        facts.append("thời hạn: " + plan.deadlines[activity.deadline].text)
    where = f"[{activity.section}] " if activity.section else ""
    return f"- {where}{text} — *{types}*" + (f" ({'; '.join(facts)})" if facts else "")


_ROLE_NAMES = {"lead": "chủ trì", "coordinate": "phối hợp", "advise": "tham mưu", "implement": "thực hiện",
               "monitor": "kiểm tra, giám sát", "report": "báo cáo", "receive": "nơi nhận"}


def to_text(plan: Plan) -> str:
    """A short plain-text summary for the terminal."""
    doc = plan.document
    h = doc.header
    lines = [f"{doc.text.source.path}"]
    for label, getter in _FIELD_NAMES:
        lines.append(f"  {label}: {getter(h) or '—'}")
    top = ", ".join(f"{s.label}" for s in doc.sections if s.kind not in ("bullet", "plus", "table"))
    lines.append(f"  Các mục lớn: {top or '—'}")
    if h.period:
        lines.append(f"  Thời gian thực hiện: {h.period.start or '?'} → {h.period.end or '?'}")
    cited = {c.symbol or c.name for c in plan.citations if not c.short_form}
    leads = [u.name for u in plan.units if "lead" in u.roles]
    lines.append(f"  Trích dẫn: {len(cited)} văn bản; đơn vị: {len(plan.units)} (chủ trì: {', '.join(leads[:3]) or '—'}); "
                 f"thời hạn: {len(plan.deadlines)}; chỉ tiêu: {len(plan.targets)}")
    if plan.activities:
        lines.append(f"  Hoạt động: {len(plan.activities)} mục; theo loại: {_type_counts(plan) or '—'}")
    warnings = list(doc.text.source.warnings) + [w.message for w in doc.text.warnings]
    for w in warnings[:8]:
        lines.append(f"  ! {w}")
    if len(warnings) > 8:
        lines.append(f"  ! ... và {len(warnings) - 8} cảnh báo khác")
    return "\n".join(lines)
