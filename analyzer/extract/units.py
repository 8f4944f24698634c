"""Responsible units: mentions found with the gazetteer (data/units.yaml), canonical names,
levels, and roles read from the item that mentions them.

The item's subject is the unit it opens with ("- Sở Tư pháp chủ trì ..."), or else the unit
its heading names (in Tổ chức thực hiện, "1. Công chức Văn hóa - Thông tin" owns the bullets
below it). Verb cues give the subject its roles; "Đơn vị chủ trì: X" / "phối hợp với X"
give X its role (both read in unit_roles.py); units in Nơi nhận receive.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Document, Mention, Section, Span, Unit
from ..structure.sections import is_table_row
from ..vietnamese import UPPER
from .mentions import find_mentions, same_bodies, unit_level
from .recipients import distribute, pointed_units, recipient_items, whole_recipient
from .tables import UNIT_ROLES, PipeTableReader, one_cell_per_line_tables, pipe_cells
from .unit_roles import _first_verb_role, _roles_in_item, _subject, _verb_roles

ROLE_ORDER = ["lead", "coordinate", "advise", "implement", "monitor", "report", "receive"]


@dataclass
class _Registry:
    units: dict[str, Unit]

    def add(self, name: str, span: Span, text: str, page: int | None, role: str | None = None) -> None:
        unit = self.give(name, role)
        if not any(m.span == span for m in unit.mentions):
            unit.mentions.append(Mention(text=text, span=span, page=page))

    def give(self, name: str, role: str | None) -> Unit:
        """``role`` to the unit ``name`` (created if new), without a mention: the units a
        heading lists own its items without being named in them."""
        unit = self.units.get(name)
        if unit is None:
            unit = self.units[name] = Unit(name=name, level=unit_level(name))
        if role and role not in unit.roles:
            unit.roles.append(role)
        return unit

    def merge(self, short: str, full: str) -> None:
        """The unit ``short`` is ``full`` named short: its roles and mentions go there."""
        unit = self.units.pop(short)
        target = self.give(full, None)
        for role in unit.roles:
            self.give(full, role)
        target.mentions.extend(m for m in unit.mentions if m not in target.mentions)
        target.mentions.sort(key=lambda m: m.span[0])


def _roles_in_row(row: list[tuple[int, str, str | None, int | None]], registry: _Registry, exclude: list[Span]) -> None:
    """A task-table row, as (offset, cell text, column role, page) cells: the lead cell's units
    lead and take the task's verbs (implement, monitor, report); the other role columns give
    their units that role; units named in the task cell get none from the table."""
    task = " ".join(cell for _, cell, role, _ in row if role in ("task", "target"))
    task_roles = [r for r in _verb_roles(task) if r not in ("lead", "coordinate")] or ["implement"]
    for start, cell, role, page in row:
        for span, name in find_mentions(cell, start):
            if any(a <= span[0] < b for a, b in exclude):
                continue
            roles = [role] + (task_roles if role == "lead" else []) if role in UNIT_ROLES else []
            for r in roles or [None]:
                registry.add(name, span, cell[span[0] - start:span[1] - start], page, r)


_TASK_TITLE_RE = re.compile(r"^(?:PHÂN\s+CÔNG\s+)?NHIỆM\s+VỤ\s+(?:CỦA|CHO)\s+(?:CÁC\s+)?")
# "Trên đây là Kế hoạch ...": the plan's closing paragraph.
_CLOSING_RE = re.compile(r"^Trên\s+đây\s+là\s")
_ISSUING_FORMULA_RE = re.compile(r"(?:ban\s+hành|xây\s+dựng|lập)\s+(?:Kế\s+hoạch|kế\s+hoạch|Chương\s+trình|Hướng\s+dẫn)", re.IGNORECASE)


def _is_heading(section: Section) -> bool:
    """A numbered heading with a title (bullets and table rows are items, not headings)."""
    return section.kind not in ("bullet", "plus", "table") and bool(section.title)


def _heading_owners(section: Section) -> list[str]:
    """The units a numbered heading names ("1. Công chức Văn hóa - Thông tin ...", "a) Đối
    với các sở, ban, ngành, UBND các xã, phường"): the first, and those listed with it."""
    if not _is_heading(section):
        return []
    title = re.sub(r"^(?:Giao|Đề nghị|Đối với|Trách nhiệm của|Nhiệm vụ của)\s+", "", section.title, flags=re.IGNORECASE)
    found = find_mentions(title)
    if not found or found[0][0][0] > 2:
        return []
    owners = [found[0][1]]
    for (prev, _), (span, name) in zip(found, found[1:]):
        if re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", title[prev[1]:span[0]]):
            owners.append(name)
        else:
            break
    return owners


def find_units(document: Document, exclude: list[Span]) -> tuple[list[Unit], callable]:
    """Units with roles, and ``owner_of(offset) -> (unit name, task)`` for deadlines."""
    text = document.text
    full = text.text
    registry = _Registry({})
    owners: list[tuple[Span, str | None, str]] = []
    co_owners: dict[str, list[str]] = {}

    def visit(sections: list[Section], owner: str | None) -> None:
        headings = [_heading_owners(section) for section in sections]
        # Sibling headings that split the tasks among units ("1.1. Trưởng Ban Chỉ đạo", "1.2. Sở
        # Tài chính", "1.3. Các cơ quan ... tham mưu ...") each speak for their own unit: one
        # whose unit is not read is not the parent heading's.
        split = sum(1 for h in headings if h) >= 2
        for section, heading in zip(sections, headings):
            if len(heading) > 1:
                co_owners[heading[0]] = heading[1:]
            own = heading[0] if heading else (None if split and _is_heading(section) else owner)
            owners.append((section.span, own, section.title))
            visit(section.children, own)

    visit(document.sections, None)
    paras = text.paragraphs
    table_cells: set[int] = set()  # paragraph starts inside one-cell-per-line tables
    for table in one_cell_per_line_tables(text):
        table_cells.update(p.start for p in paras[table.first:table.last + 1])
        for row in table.rows:
            cells = paras[row.first:row.first + len(row.columns)]
            _roles_in_row([(p.start, text.para_text(p), role, p.page) for p, role in zip(cells, row.columns)],
                          registry, exclude)
    line_table: PipeTableReader | None = None  # the one-line-per-row table being read
    context: list[str] = []  # the names of every mention in the content, for same_bodies
    for para in text.paragraphs:
        if not document.in_content(para.start) or any(a <= para.start < b for a, b in document.bases):
            continue
        chunk = text.para_text(para)
        context.extend(name for _, name in find_mentions(chunk))
        if para.start in table_cells:
            continue
        if is_table_row(chunk):
            line_table = line_table or PipeTableReader()
            row = line_table.read(chunk)
            if row.kind == "row" and row.columns:
                # Task tables name their columns: "Cơ quan chủ trì | Cơ quan phối hợp".
                roles = [role if role != "deadline" else None for role in row.columns]
                cells = [(para.start + offset, cell, roles[i] if i < len(roles) else None, para.page)
                         for i, (offset, cell) in enumerate(pipe_cells(chunk))]
                _roles_in_row(cells, registry, exclude)
                continue
            if row.kind != "row":
                continue  # the header, Markdown's "|---|" rule, a group of rows
        else:
            line_table = None
        task_title = _TASK_TITLE_RE.match(chunk)
        if task_title and chunk == chunk.upper():
            # "PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC KIỂM TRA ...": an annex that lists the team's
            # tasks; the title is in capitals, which the gazetteer does not read as a name.
            rest = chunk[task_title.end():]
            found = find_mentions(rest[:1] + rest[1:].lower(), para.start + task_title.end())
            if found and found[0][0][0] == para.start + task_title.end():
                span, name = found[0]
                registry.add(name, span, full[span[0]:span[1]], para.page, "implement")
            continue
        if _ISSUING_FORMULA_RE.search(chunk[:400]) and not re.match(r"^(?:[-+•]|\d+\.|[a-zđ]\))", chunk):
            continue  # "UBND xã Hoằng Cát ban hành Kế hoạch ... như sau": the issuer issues
        owner = _enclosing_owner(owners, para.start)
        if _CLOSING_RE.match(chunk):
            # "Trên đây là Kế hoạch ..., đề nghị các đơn vị phối hợp thực hiện": the closing
            # paragraph speaks for the whole plan, not for the unit of the last heading.
            owner = None
        for offset, part in _subject_sentences(chunk):
            # A later sentence that opens with its own unit is that unit's item.
            _roles_in_item(part, para.start + offset, para.page, owner if offset == 0 else None, registry, exclude,
                           co_owners.get(owner, []) if offset == 0 else [])
    # Nơi nhận: every unit named there receives; "Như trên" / "Như Điều 3" / "Các cơ quan tại
    # Mục V" point at the addressees or at the units of that article or section.
    committee = _issuing_committee(document)
    for start, item in recipient_items(document):
        # The guideline gives Nơi nhận only "receive", whatever the note ("để phối hợp").
        roles = ["receive"]
        for span, name in pointed_units(document, item):
            for role in roles:
                registry.add(name, span, full[span[0]:span[1]], text.page_at(span[0]), role)
        parts = distribute(item, committee)
        if len(parts) > 1:
            # A part the gazetteer cannot read is still the office the line names ("Thủ tướng
            # Chính phủ" of "Thủ tướng, các Phó Thủ tướng Chính phủ").
            mentions = [((start, start + len(item)), name) for part in parts
                        for name in ([n for _, n in find_mentions(part)] or [whole_recipient(part)]) if name]
        else:
            # A note inside the line ("PCVP (NC) UBND tỉnh") is blanked, offsets kept.
            mentions = find_mentions(re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), item), start)
            whole = whole_recipient(item)
            if whole and len(mentions) <= 1:
                # One body per line: the line is its name, whatever the gazetteer reaches
                # ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Tòa án nhân dân thành phố").
                mentions = [((start, start + len(item)), whole)]
        for span, name in mentions:
            for role in roles:
                registry.add(name, span, full[span[0]:span[1]], text.page_at(span[0]), role)
    # A body named short in one place and in full in another is one unit (mentions.same_bodies).
    renamed = same_bodies(list(registry.units), context, full)
    for short, name in renamed.items():
        while name in renamed and renamed[name] != short:
            name = renamed[name]  # "thôn" -> "các thôn" -> "các thôn xã X"
        registry.merge(short, name)
    units = list(registry.units.values())
    for unit in units:
        unit.roles.sort(key=ROLE_ORDER.index)
    units.sort(key=lambda u: u.mentions[0].span[0] if u.mentions else 0)

    # After "Trên đây là Kế hoạch ... Các cơ quan, đơn vị ... triển khai thực hiện." the
    # closing clauses (reporting dates) belong to the units that paragraph names.
    wrap_up: list[tuple[int, str]] = []
    for para in text.paragraphs:
        chunk = text.para_text(para)
        if _CLOSING_RE.match(chunk) and document.in_content(para.start):
            named = find_mentions(chunk)
            if named:
                wrap_up.append((para.end, named[0][1]))

    def owner_of(offset: int) -> tuple[str | None, str | None]:
        para = next((p for p in text.paragraphs if p.start <= offset < p.end + 1), None)
        if para is None:
            return None, None
        chunk = text.para_text(para)
        subject = _subject(chunk)
        after_wrap = [name for end, name in wrap_up if end <= para.start]
        owner = subject or (after_wrap[-1] if after_wrap else _enclosing_owner(owners, para.start))
        task = re.sub(r"^(?:[-+•*]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*[.)]\s*)", "", chunk)[:200]
        return owner, task

    return units, owner_of


def _issuing_committee(document: Document) -> str | None:
    """"Ủy ban nhân dân tỉnh" for a plan of the UBND tỉnh Thanh Hóa: how its own offices are
    named ("Chánh Văn phòng Ủy ban nhân dân tỉnh")."""
    issuer = document.header.issuer
    if issuer is None or not issuer.name.startswith("Ủy ban nhân dân"):
        return None
    name = issuer.name
    if issuer.locality and name.endswith(issuer.locality):
        name = name[: -len(issuer.locality)]
    return name.strip()


def _enclosing_owner(owners: list[tuple[Span, str | None, str]], offset: int) -> str | None:
    """The owner of the innermost section holding ``offset`` (sections in pre-order): an
    earlier heading's unit does not own the items of a later section that names none."""
    best = None
    for (a, b), owner, _ in owners:
        if a <= offset < b:
            best = owner
    return best


_SENTENCE_START_RE = re.compile(rf"(?<=[.!?])\s+(?=[{UPPER}])")


def _subject_sentences(chunk: str) -> list[tuple[int, str]]:
    """``chunk`` cut before each later sentence that opens with a unit ("... phân công nhiệm vụ
    cho các cơ quan. Các cơ quan chuyên môn từ tỉnh đến địa phương thi đua làm tốt công tác tham
    mưu ..."): that sentence, and those after it, are the new subject's; (offset, text) pairs."""
    cuts = [0]
    for m in _SENTENCE_START_RE.finditer(chunk):
        if not re.search(r"[^\W\d_]{2,}", re.sub(r"^\s*(?:[-+•*]\s*)?(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])?[.)]?", "",
                                                chunk[cuts[-1]:m.start()])):
            continue  # "3. Đề nghị ...": the item's number is no sentence
        sentence = chunk[m.end():]
        if _subject(sentence) is not None and _first_verb_role(sentence[:200]) is not None:
            cuts.append(m.end())
    return [(a, chunk[a:b].rstrip()) for a, b in zip(cuts, cuts[1:] + [len(chunk)])]
