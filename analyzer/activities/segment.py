"""Activity segmentation: the items a plan commits to, with their spans and section paths.

An item is a list item (``-``, ``+``, ``a)``, ``1.`` with a body), a paragraph, or the task
cell of a row of a task table, inside a part of the plan that holds activities (Nội dung,
Hình thức, Giải pháp, Nhiệm vụ, Tổ chức thực hiện, Kinh phí, Chế độ báo cáo, task tables
in annexes: data/activity_sections.yaml). Headings that only name a topic, the Căn cứ
bases, Mục đích / Yêu cầu / Mục tiêu parts, the closing block (Nơi nhận, signature) are
not items. Guideline: corpora/activities/GUIDELINE.md.

>>> from analyzer import ingest, normalize, parse
>>> doc = parse(normalize(ingest("corpora/seeds/xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt")))  # doctest: +SKIP
>>> [s.section for s in segment(doc)][:2]  # doctest: +SKIP
['II.1.a', 'II.1.a']
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_yaml
from ..extract.tables import PipeTableReader, is_number_header, is_task_header, one_cell_per_line_tables
from ..models import Document, Section, Span
from ..structure.sections import is_table_row
from ..normalize.reflow import is_upper_line

_LIST_KINDS = ("bullet", "plus", "table")
# A number written with thousands groups ("140.000", "1.364.329") is a figure the section
# parser took for a dotted heading.
_FIGURE_LABEL_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
# "Đơn vị chủ trì: Sở Tư pháp.", "Thời gian thực hiện: Thường xuyên.": attributes of the item
# above (its units and deadline), not items of their own.
_ATTRIBUTE_RE = re.compile(
    r"^(?:(?:Đơn\s+vị|Cơ\s+quan)\s+(?:chủ\s+trì|thực\s+hiện|phối\s+hợp)[^:]{0,30}|Chủ\s+trì|Phối\s+hợp|"
    r"Thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|Tiến\s+độ|Sản\s+phẩm(?:\s+dự\s+kiến)?|"
    r"Kết\s+quả(?:\s+dự\s+kiến)?|Số\s+lượng|Địa\s+điểm|Thành\s+phần)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_FIGURE_CELL_RE = re.compile(r"^[\d\s.,%()+\-–/]*\d[\d\s.,%()+\-–/]*$")
_FORM_RE = re.compile(r"^(?:Mẫu\s+biểu|Biểu\s+(?:số|mẫu)|Phụ\s+biểu|Mẫu\s+số)\b", re.IGNORECASE)
# "Dữ liệu là yếu tố sản xuất ...", "Trọng tâm là ...": a statement about the topic, not a task.
_STATEMENT_RE = re.compile(r"^(?:[^\s,.;:]+\s+){1,7}?(?:là|được\s+xác\s+định\s+là)\s", re.IGNORECASE)
# Lines that close the text or label an attachment, never a commitment.
_NOT_ITEM_RE = re.compile(r"^(?:Trên\s+đây\s+là|\(|\[\d+\]|Mẫu\s+biểu|Biểu\s+(?:số|mẫu)|Ghi\s+chú|Lưu\s+ý|"
                          r"(?:TM|KT|T/M)\s*\.\s*[A-ZĐ])", re.IGNORECASE)
# A unit attribute that also states a task ("Cơ quan thực hiện: Sở ... tiến hành rà soát ...").
_ACTION_RE = re.compile(r"\b(?:tiến\s+hành|rà\s+soát|xây\s+dựng|tổ\s+chức\s+(?!chính\s+trị)|triển\s+khai|ban\s+hành|"
                        r"tham\s+mưu|hướng\s+dẫn|kiểm\s+tra|báo\s+cáo|tuyên\s+truyền)", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+")


@dataclass
class Segment:
    """One item a plan commits to. ``span`` covers the item's text (its bullet or number
    dropped); ``context`` is where its units and deadline are looked up: the item itself,
    or the whole row of a task table (task, lead, partners, deadline cells)."""

    text: str
    span: Span
    section: str | None
    context: Span
    kind: str  # item | heading | row
    page: int | None = None
    owner: Span | None = None  # the heading line above the item when it names who does it ("1. Sở Tài chính")


@lru_cache(maxsize=None)
def _section_rules() -> tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    data = load_yaml("activity_sections.yaml")
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))
    return data["max_words"], tuple(data["strip_prefixes"]), by_length(data["include"]), by_length(data["exclude"])


def part_role(title: str) -> str | None:
    """"include" when a heading names a part holding activities, "exclude" when it names a
    part that does not (purposes, targets, scope...), None when it names neither.

    >>> part_role("II. NỘI DUNG, HÌNH THỨC"), part_role("I. MỤC ĐÍCH, YÊU CẦU"), part_role("1. Sở Tài chính")
    ('include', 'exclude', None)
    """
    max_words, prefixes, include, exclude = _section_rules()
    name = re.sub(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/]\s*", "", title.strip())
    name = name.split(":")[0].strip().lower()
    if not name or len(_WORD_RE.findall(name)) > max_words:
        return None
    pieces = [p.strip(" .;-–") for p in re.split(r",|;|\s+và\s+|\s+-\s+", name)]
    found = set()
    for piece in pieces:
        for prefix in prefixes:
            if piece.startswith(prefix + " "):
                piece = piece[len(prefix) + 1:]
                break
        # The longest phrase that starts the piece decides ("hình thức khen thưởng" over "hình thức").
        best = max(((len(w), role) for role, words in (("include", include), ("exclude", exclude))
                    for w in words if piece == w or piece.startswith(w + " ")), default=None)
        if best:
            found.add(best[1])
    return "include" if "include" in found else ("exclude" if found else None)


def _words(text: str) -> int:
    return len(_WORD_RE.findall(text))


class _Tree:
    """Numbered sections (not bullets) in document order, to find a paragraph's chain."""

    def __init__(self, sections: list[Section]):
        self.roots = [s for s in sections]
        self.heading_at: dict[int, Section] = {}
        for root in sections:
            for s in root.walk():
                self.heading_at.setdefault(s.span[0], s)

    def chain(self, offset: int) -> list[Section]:
        out: list[Section] = []
        level = self.roots
        while level:
            starts = [s.span[0] for s in level]
            i = bisect_right(starts, offset) - 1
            if i < 0 or not (level[i].span[0] <= offset < max(level[i].span[1], level[i].span[0] + 1)):
                break
            out.append(level[i])
            level = level[i].children
        return out


def _numbered(chain: list[Section]) -> list[Section]:
    return [s for s in chain if s.kind not in _LIST_KINDS and not _is_figure(s)]


def _is_figure(section: Section) -> bool:
    return section.kind == "dotted" and (bool(_FIGURE_LABEL_RE.match(section.label)) or section.title[:1].islower())


def _role(chain: list[Section], annex_roles: dict[int, str | None]) -> str | None:
    for section in reversed(_numbered(chain)):
        role = annex_roles.get(id(section)) if section.kind == "annex" else part_role(section.title)
        if role is not None:
            return role
        if section.kind == "annex":
            return "exclude"  # an annex that names no task list holds forms, tables of figures
    return "include" if chain else None


def _row_path(numbered: list[Section], group: str) -> str | None:
    """A table row's section path: its heading's, then its group of rows ("Phụ lục II.I")."""
    path = numbered[-1].path if numbered else None
    return f"{path}.{group}" if group and path and not path.endswith("." + group) else path


def _table_role(columns: tuple[str | None, ...], chain: list[Section], annex_roles: dict[int, str | None]) -> str | None:
    """A one-line-per-row table's rows are activities when its header names a task column
    and it sits in an annex (an annex exists for such a list: "DANH MỤC NHIỆM VỤ") or in a
    part that holds activities; a table of targets ("Chỉ tiêu") holds none."""
    role = _role(chain, annex_roles)
    if "task" in columns and any(section.kind == "annex" for section in chain):
        return "include"
    return "exclude" if "target" in columns and "task" not in columns else role


def _is_item_heading(section: Section, para_end: int, body: list[str]) -> bool:
    """A numbered heading is an item when it commits to something itself: a sentence
    ("1. Kiện toàn ... phòng thủ dân sự."), a unit and its task ("3. Sở Nội vụ: Tham mưu
    ..."), or a short action with nothing under it ("1. Tổ chức hội nghị quán triệt ...").
    A title over a body ("2. Tăng cường tuyên truyền, phổ biến ...") names the topic."""
    title = section.title.strip()
    if not title or is_upper_line(title) or section.kind == "annex":
        return False
    words = _words(title)
    # Lines under it that only say who and when ("Cơ quan chủ trì: ...") are no body.
    has_body = any(not _is_attribute(line) for line in body)
    inner_sentence = bool(re.search(r"[.;]\s+\S.*\S", title))
    if title.endswith(":"):
        return inner_sentence and words >= 12
    if ":" in title and _words(title.split(":", 1)[1]) >= 4:
        return True
    if re.search(r"[.;]$", title) and words >= 3:
        return True
    return inner_sentence or (not has_body and words >= 3)


def _table_rows(document: Document, first: int, last: int) -> tuple[list[tuple[int, int, int, str]], set[int]]:
    """Task-table rows written one cell per paragraph (extract/tables.py reads them): (task
    paragraph, row start paragraph, row end paragraph, group label), and every paragraph
    index the tables cover."""
    rows: list[tuple[int, int, int, str]] = []
    covered: set[int] = set()
    for table in one_cell_per_line_tables(document.text, first, last):
        if "task" not in table.columns:
            continue  # a table of targets: its rows are no activities
        covered.update(range(table.first, table.last + 1))
        rows.extend((row.first + 1, row.first, row.last, row.group) for row in table.rows)
    return rows, covered


def segment(document: Document) -> list[Segment]:
    """The items of ``document`` in text order."""
    text = document.text
    paras = text.paragraphs
    tree = _Tree(document.sections)
    bases = [tuple(b) for b in document.bases]
    annex_roles: dict[int, str | None] = {}
    for root in document.sections:
        for s in root.walk():
            if s.kind == "annex":
                inside = [text.para_text(p).strip() for p in paras if s.span[0] <= p.start < s.span[1]]
                roles = [part_role(t) for t in [s.title] + inside[1:4]]
                # An annex with a table holds activities only in the rows of a task table.
                tabular = any(is_number_header(t) for t in inside)
                annex_roles[id(s)] = "include" if "include" in roles and not tabular else "exclude"
    content = [(a, b) for a, b in document.content_spans]
    indices = [i for i, p in enumerate(paras) if any(a <= p.start < b for a, b in content)]
    if not indices:
        return []
    rows, covered = _table_rows(document, indices[0], indices[-1])
    row_at = {task: (start, end, group) for task, start, end, group in rows}
    out: list[Segment] = []
    in_form = False
    table: PipeTableReader | None = None  # the one-line-per-row table being read
    for n, i in enumerate(indices):
        para = paras[i]
        raw = text.para_text(para)
        if any(a <= para.start < b for a, b in bases):
            continue
        chain = tree.chain(para.start)
        numbered = _numbered(chain)
        heading = tree.heading_at.get(para.start)
        if heading is not None and heading.kind == "annex":
            in_form = False
        if _FORM_RE.match(raw.strip()):
            in_form = True  # a form or a table of figures attached to the plan, up to the next annex
        if in_form:
            continue
        if i in covered:
            if i in row_at:
                start, end, group = row_at[i]
                out.append(_make(text.text, para.start, para.end, _row_path(numbered, group),
                                 (paras[start].start, paras[end].end), "row", para.page))
            continue
        if is_table_row(raw):
            table = table or PipeTableReader()
            row = table.read(raw)
            if row.kind == "row" and row.task and _words(row.task[1]) >= 3 and not is_task_header(row.task[1]) \
                    and _table_role(row.columns, chain, annex_roles) == "include":
                start = para.start + row.task[0]
                out.append(_make(text.text, start, start + len(row.task[1]), _row_path(numbered, row.group),
                                 (para.start, para.end), "row", para.page))
            continue
        table = None
        if _role(chain, annex_roles) != "include":
            continue
        path = numbered[-1].path if numbered else None
        if heading is not None and _is_figure(heading):
            heading = None
        if heading is not None and heading.kind not in _LIST_KINDS:
            under = [text.para_text(p) for p in paras[i + 1:] if p.start < heading.span[1]][:6]
            if _is_item_heading(heading, para.end, under):
                start = para.start + raw.find(heading.title) if heading.title in raw else para.start
                out.append(_make(text.text, start, para.end, heading.path, (start, para.end), "heading", para.page))
            continue
        body = heading.title if heading is not None else raw.strip()
        if _is_attribute(body):
            if out and out[-1].span[0] >= (numbered[-1].span[0] if numbered else 0):
                last = out[-1]  # the item these attributes describe: its units and deadline live here
                last.context = (min(last.context[0], para.start), max(last.context[1], para.end))
            continue
        closing = re.match(r"Trên\s+đây\s+là[^.]*\.\s+(?:Đề\s+nghị[^.]*\.\s+)?", body)
        if closing and _words(body[closing.end():]) >= 5:
            body = body[closing.end():]  # "Trên đây là Kế hoạch ... Định kỳ hằng năm báo cáo ..."
        if _words(body) < 3 or _NOT_ITEM_RE.match(body) or _STATEMENT_RE.match(body) \
                or (is_upper_line(body) and _words(body) < 20):
            continue
        if body[:1].islower() and out and out[-1].span[1] >= paras[indices[n - 1]].end - 1:
            last = out[-1]  # a sentence broken at a dash ("kho lạnh, trung tâm chia chọn - đảm bảo ...")
            end = para.start + raw.find(body) + len(body)
            out[-1] = _make(text.text, last.span[0], end, last.section, (last.context[0], max(last.context[1], end)),
                            last.kind, last.page)
            continue
        if body.endswith(":") and heading is not None and heading.children and _words(body) < 20:
            continue  # "- Các hoạt động sau:" introducing its own sub-items
        following = text.para_text(paras[indices[n + 1]]) if n + 1 < len(indices) else ""
        lead_in = heading is None and re.match(r"^\s*(?:[-+•–]|[a-zđ]\)|\d+[.)])", following)
        if lead_in and ((body.endswith(":") and _words(body) < 20) or (_words(body) <= 8 and not re.search(r"[.;]$", body))):
            continue  # "Nội dung giám sát của chủ chương trình" over its list: a sub-heading
        if _is_figure_cell(body, [text.para_text(paras[j]) for j in indices[max(0, n - 2):n + 3]]):
            continue
        start = para.start + max(0, raw.find(body))
        out.append(_make(text.text, start, start + len(body), path, (start, start + len(body)), "item", para.page))
    _set_owners(out, tree, {p.start: p.end for p in paras})
    return out


def _set_owners(segments: list[Segment], tree: _Tree, para_end: dict[int, int]) -> None:
    """The nearest numbered heading above an item, when it is a short line: it often names
    the unit that does the item (Tổ chức thực hiện: "1. Sở Tài chính" over its tasks)."""
    for seg in segments:
        for section in reversed(_numbered(tree.chain(seg.span[0]))):
            if section.span[0] == seg.span[0] or seg.span[0] < para_end.get(section.span[0], 0):
                continue  # the item is this heading itself
            if _words(section.title) <= 15 and section.kind != "annex":
                seg.owner = (section.span[0], para_end.get(section.span[0], section.span[0]))
            break


def _is_attribute(line: str) -> bool:
    match = _ATTRIBUTE_RE.match(line.strip().lstrip("-+•– "))
    if not match:
        return False
    rest = match.group("rest")
    if re.match(r"(?:Đơn\s+vị|Cơ\s+quan|Chủ\s+trì|Phối\s+hợp)", line.strip().lstrip("-+•– "), re.IGNORECASE):
        return _words(rest) <= 40 and not _ACTION_RE.search(rest)
    return _words(rest) <= 15


def _is_figure_cell(body: str, around: list[str]) -> bool:
    """A short label in a table of figures ("Tốc độ tăng trưởng GRDP" next to "8,5")."""
    if _words(body) > 12 or re.search(r"[.;:]$", body):
        return False
    return any(_FIGURE_CELL_RE.match(t.strip()) for t in around if t.strip() and t.strip() != body)


def _make(full: str, start: int, end: int, section: str | None, context: Span, kind: str, page) -> Segment:
    while end > start and full[end - 1].isspace():
        end -= 1
    return Segment(text=full[start:end], span=(start, end), section=section, context=context, kind=kind, page=page)
