"""A standalone HTML page of one analyzed plan: the text with its items highlighted
(displaCy style) and a side panel listing citations, units, deadlines, activities and
targets, each linked to its place in the text.

One file, nothing external: no CSS, JS, fonts or CDN (reviewers open it offline), and no
script at all: the links are anchors and ``:target`` does the highlighting. The highlights
come from the spaCy Doc's ``doc.spans["kehoach"]`` (see :mod:`analyzer.nlp`); a span's
``id_`` is the anchor the panel links to. UI text is Vietnamese.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Optional

from spacy.tokens import Doc

from .activities.cues import type_names
from .models import Plan
from .render import _ROLE_NAMES, LEVEL_NAMES

# label -> (CSS class, tag shown in the text, legend name)
LABELS = {
    "CITATION": ("cit", "VB", "Văn bản được trích dẫn"),
    "UNIT": ("unit", "ĐV", "Đơn vị"),
    "DEADLINE": ("dl", "TH", "Thời hạn"),
    "TARGET": ("tgt", "CT", "Chỉ tiêu"),
    "ACTIVITY": ("act", "HĐ", "Hoạt động"),
}
ACTIVITY_TYPES = type_names()
DEADLINE_KINDS = {"by": "hạn chót", "on": "vào ngày", "period": "khoảng thời gian", "within": "trong vòng",
                  "recurring": "định kỳ"}


@dataclass
class _Mark:
    start: int
    end: int
    label: str
    anchor: str
    title: str
    order: int  # activities outermost


def to_html(plan: Plan, doc: Optional[Doc] = None) -> str:
    """The page for ``plan``; ``doc`` defaults to :func:`analyzer.nlp.plan_doc` of it."""
    if doc is None:
        from .nlp import plan_doc

        doc = plan_doc(plan)
    marks = [_Mark(s.start_char, s.end_char, s.label_, s.id_, _tooltip(s.label_, s.kb_id_), 0 if s.label_ == "ACTIVITY" else 1)
             for s in doc.spans.get("kehoach", []) if s.label_ in LABELS]
    anchors = {m.anchor for m in marks}
    h = plan.document.header
    title = f"{h.doc_type_name or 'Văn bản'}: {h.title or plan.document.text.source.path}"
    return _PAGE.format(
        title=escape(title),
        css=_CSS,
        header=_header(plan, title),
        legend="".join(f'<span class="ent {css}">{escape(name)}<span class="lbl">{tag}</span></span> '
                       for css, tag, name in LABELS.values()),
        text=_highlight(doc.text, marks),
        panel=_panel(plan, anchors),
    )


def _tooltip(label: str, value: str) -> str:
    name = LABELS[label][2]
    if label == "ACTIVITY" and value:
        value = ", ".join(ACTIVITY_TYPES.get(v, v) for v in value.split("+"))
    return f"{name}: {value}" if value else name


def _highlight(text: str, marks: list[_Mark]) -> str:
    """The text with marks nested properly: where two marks cross, the inner one is closed
    and re-opened; the anchor id sits on a mark's first piece, its tag on its last."""
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    stack: list[_Mark] = []
    opened: set[int] = set()
    out: list[str] = []

    def close(mark: _Mark, at: int) -> None:
        tag = LABELS[mark.label][1] if mark.end == at else ""
        out.append(f'<span class="lbl">{tag}</span></span>' if tag else "</span>")

    for a, b in zip(points, points[1:]):
        active = sorted((m for m in marks if m.start <= a and m.end >= b), key=lambda m: (m.order, m.start, -m.end))
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        for mark in reversed(stack[keep:]):
            close(mark, a)
        for mark in active[keep:]:
            first = id(mark) not in opened
            opened.add(id(mark))
            ident = f' id="{escape(mark.anchor)}"' if first and mark.anchor else ""
            out.append(f'<span class="ent {LABELS[mark.label][0]}"{ident} title="{escape(mark.title)}">')
        stack = active
        out.append(escape(text[a:b]))
    for mark in reversed(stack):
        close(mark, len(text))
    return "".join(out)


def _header(plan: Plan, title: str) -> str:
    h = plan.document.header
    facts = [
        ("Số, ký hiệu", h.symbol),
        ("Cơ quan ban hành", h.issuer.name if h.issuer else None),
        ("Ngày ban hành", _date(h.issued_date)),
        ("Thời gian thực hiện", h.period and " – ".join(_date(x) or "?" for x in (h.period.start, h.period.end))),
        ("Tệp", plan.document.text.source.path),
    ]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts if v)
    return f"<h1>{escape(title)}</h1><dl>{rows}</dl>"


def _date(iso: Optional[str]) -> Optional[str]:
    if not iso or len(iso) != 10:
        return iso
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _get(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _link(anchor: str, anchors: set[str], label: str) -> str:
    if anchor in anchors:
        return f'<a href="#{anchor}">{escape(label)}</a>'
    return f'<span class="unlinked" title="Không định vị được trong văn bản">{escape(label)}</span>'


def _badges(words: list[str], css: str = "badge") -> str:
    return "".join(f' <span class="{css}">{escape(w)}</span>' for w in words if w)


def _section(title: str, css: str, rows: list[str]) -> str:
    body = "".join(f"<li>{r}</li>" for r in rows) if rows else '<li class="none">Không tìm thấy.</li>'
    return f'<section class="{css}"><h2>{escape(title)} <span class="count">{len(rows)}</span></h2><ol>{body}</ol></section>'


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _panel(plan: Plan, anchors: set[str]) -> str:
    citations = []
    for i, c in enumerate(plan.citations):
        meta = [c.doc_type_name, _date(c.issued_date), c.issuer]
        badges = (["căn cứ"] if c.is_basis else []) + (["nhắc lại"] if c.short_form else [])
        citations.append(_link(f"cit-{i}", anchors, c.symbol or c.name or _short(c.text, 80)) + _badges(badges)
                         + f'<div class="meta">{escape(" · ".join(x for x in meta if x))}</div>')
    units = []
    for i, u in enumerate(plan.units):
        level = LEVEL_NAMES.get(u.level or "", "")
        links = " ".join(_link(f"unit-{i}-{j}", anchors, str(j + 1)) for j in range(len(u.mentions)))
        units.append(f"<strong>{escape(u.name)}</strong>" + (f' <span class="meta">cấp {escape(level)}</span>' if level else "")
                     + _badges([_ROLE_NAMES.get(r, r) for r in u.roles], "badge role")
                     + f'<div class="meta">Nhắc đến: {links}</div>')
    deadlines = []
    for i, d in enumerate(plan.deadlines):
        when = _date(d.date) or (d.start or d.end) and " – ".join(_date(x) or "?" for x in (d.start, d.end)) or d.day_month
        meta = [DEADLINE_KINDS.get(d.kind, d.kind), when, d.unit]
        deadlines.append(_link(f"dl-{i}", anchors, d.text)
                         + f'<div class="meta">{escape(" · ".join(x for x in meta if x))}</div>')
    activities = []
    for i, a in enumerate(plan.activities):
        types = [ACTIVITY_TYPES.get(t, t) for t in _get(a, "types", []) or []]
        section = _get(a, "section")
        activities.append((f'<span class="meta">{escape(section)}</span> ' if section else "")
                          + _link(f"act-{i}", anchors, _short(_get(a, "text", ""))) + _badges(types, "badge type"))
    targets = [_link(f"tgt-{i}", anchors, _short(t.text)) for i, t in enumerate(plan.targets)]
    return "".join([
        _section("Văn bản được trích dẫn", "cit", citations),
        _section("Đơn vị và vai trò", "unit", units),
        _section("Thời hạn", "dl", deadlines),
        _section("Hoạt động", "act", activities),
        _section("Chỉ tiêu", "tgt", targets),
    ])


_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:"Liberation Sans","DejaVu Sans",Arial,sans-serif;color:#222;background:#f6f6f3}
header{padding:12px 24px;background:#23395d;color:#fff}
header h1{margin:0 0 6px;font-size:20px}
header dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;font-size:13px}
header dt{opacity:.8}header dd{margin:0}
.legend{padding:8px 24px;background:#fff;border-bottom:1px solid #ddd;font-size:13px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 400px;align-items:start}
main{padding:16px 24px}
.text{white-space:pre-wrap;font-family:"Liberation Serif","Times New Roman",serif;font-size:16px;line-height:2.1;
 background:#fff;padding:20px 28px;border:1px solid #ddd;border-radius:4px}
aside{position:sticky;top:0;max-height:100vh;overflow-y:auto;padding:12px 16px;background:#fff;border-left:1px solid #ddd;font-size:13px}
aside h2{font-size:15px;margin:14px 0 6px;padding:3px 8px;border-radius:3px}
aside ol{margin:0;padding-left:24px}aside li{margin:3px 0 7px}
.count{font-weight:normal;font-size:12px;opacity:.7}
.meta{color:#666;font-size:12px}.none{color:#888;list-style:none}
.badge{display:inline-block;padding:0 6px;border-radius:8px;background:#eee;font-size:11px;margin-left:2px}
.badge.role{background:#e3dcff}.badge.type{background:#ffe8a3}
.unlinked{color:#888}
a{color:#1a4f8a}
.ent{padding:.2em .3em;margin:0 .1em;border-radius:.35em;line-height:1;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.ent .lbl{font-family:"Liberation Sans",Arial,sans-serif;font-size:.6em;font-weight:bold;margin-left:.4em;vertical-align:middle;opacity:.75}
.ent.cit{background:#7aecec}.ent.unit{background:#c9befd}.ent.dl{background:#bfe1d9}.ent.tgt{background:#e4e7d2}
.ent.act{background:none;padding:0;margin:0;border-bottom:2px solid #f0b400;border-radius:0}
section.cit h2{background:#7aecec}section.unit h2{background:#c9befd}section.dl h2{background:#bfe1d9}
section.act h2{background:#ffe8a3}section.tgt h2{background:#e4e7d2}
.ent:target{outline:3px solid #d62728;scroll-margin-top:35vh}
.ent.act:target{background:#fff3c4}
footer{padding:8px 24px;color:#888;font-size:12px}
"""

_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>{header}</header>
<div class="legend">Chú giải: {legend}</div>
<div class="layout">
<main><div class="text">{text}</div></main>
<aside>{panel}</aside>
</div>
<footer>Tạo bởi kehoach. Di chuột lên phần tô màu để xem giá trị đã chuẩn hóa; bấm một mục ở bảng bên phải để tới vị trí của nó.</footer>
</body>
</html>
"""
