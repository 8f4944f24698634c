"""Task tables whose cells arrive one per line.

Text exports of annex tables ("PHỤ LỤC DANH MỤC NHIỆM VỤ") often lose the grid: the header
row becomes "TT / Nội dung thực hiện / Cơ quan chủ trì / Cơ quan phối hợp / ..." on separate
lines and each row follows as its number and then one line per cell. Reading such a run back
into rows gives every cell its column, so the units in the "Cơ quan chủ trì" cell lead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Text

# The first header cell: the row-number column.
_NUMBER_HEADER_RE = re.compile(r"^(?:S\.?\s*TT|TT|Số\s+TT|STT)$", re.IGNORECASE)
# A row starts with its number: "1", "2.", "I", "II." ("I. Kinh tế số" is a group row).
_ROW_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?)$")
_GROUP_ROW_RE = re.compile(r"^[IVXLC]{1,6}\.\s+\S|^[A-ZĐ]\.\s+\S")
_ELLIPSIS_RE = re.compile(r"^[….\s]+$")  # "…......" where rows were cut from the annex
_MAX_HEADER_CELL = 60  # characters: header cells are short labels


@dataclass(frozen=True)
class Cell:
    """One cell of a row: its paragraph start offset and its column index."""

    start: int
    column: int


def vertical_tables(text: Text, column_of: callable) -> tuple[list[list[tuple[int, str | None]]], set[int]]:
    """Rows of one-cell-per-line tables: ``(rows, cells)``.

    ``column_of(header_cell) -> role | None`` names a column's role ("Cơ quan chủ trì" ->
    lead). Each row lists its cells as (paragraph start, column role); ``cells`` holds every
    paragraph start that belongs to a table (header, row numbers and all cells), so callers
    can keep them out of the running-text rules."""
    paras = text.paragraphs
    rows: list[list[tuple[int, str | None]]] = []
    cells: set[int] = set()
    i = 0
    while i < len(paras):
        if not _NUMBER_HEADER_RE.match(text.para_text(paras[i]).strip()):
            i += 1
            continue
        header = [text.para_text(paras[i]).strip()]
        j = i + 1
        while j < len(paras):
            cell = text.para_text(paras[j]).strip()
            if len(cell) > _MAX_HEADER_CELL or _ROW_NUMBER_RE.match(cell) or _GROUP_ROW_RE.match(cell):
                break
            header.append(cell)
            j += 1
        columns = {k: column_of(h) for k, h in enumerate(header)}
        if len(header) < 3 or not any(columns.values()):
            i += 1
            continue
        cells.update(p.start for p in paras[i:j])
        i = _read_rows(text, j, len(header), columns, rows, cells)
    return rows, cells


def _read_rows(text: Text, i: int, width: int, columns: dict[int, str | None],
               rows: list[list[tuple[int, str | None]]], cells: set[int]) -> int:
    """Read rows from paragraph ``i`` while they have the header's width; return where the
    table ends."""
    paras = text.paragraphs
    while i < len(paras):
        first = text.para_text(paras[i]).strip()
        if _GROUP_ROW_RE.match(first) or _ELLIPSIS_RE.match(first):
            cells.add(paras[i].start)
            i += 1
            continue
        if not _ROW_NUMBER_RE.match(first):
            return i
        j = i + 1
        while j < len(paras) and not _ROW_NUMBER_RE.match(text.para_text(paras[j]).strip()) \
                and not _GROUP_ROW_RE.match(text.para_text(paras[j]).strip()):
            j += 1
        row = paras[i:j]
        # Trailing cells left empty ("Sản phẩm dự kiến") leave no line: cells keep their
        # place from the left.
        if width - 2 <= len(row) <= width and len(row) > 2:
            cells.update(p.start for p in row)
            rows.append([(para.start, columns.get(k)) for k, para in enumerate(row)])
        elif len(row) <= 2:
            cells.update(p.start for p in row)  # a group row: "I / KIỆN TOÀN ..."
        else:
            return i  # the grid is lost here (a merged or split cell): stop trusting columns
        i = j
    return i
