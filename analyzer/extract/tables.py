"""Task tables: the roles their columns give, and tables whose cells arrive one per line.

Text exports of annex tables ("PHỤ LỤC DANH MỤC NHIỆM VỤ") often lose the grid: the header
row becomes "TT / Nội dung thực hiện / Cơ quan chủ trì / Cơ quan phối hợp / ..." on separate
lines and each row follows as its number and then one line per cell. Reading such a run back
into rows gives every cell its column, so the units in the "Cơ quan chủ trì" cell lead
(extract/units.py) and each row is one activity (activities/segment.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Text

# Column roles by header cell, in order of precedence ("Đơn vị phối hợp thực hiện" coordinates).
_COLUMN_ROLES = [
    ("implement", re.compile(r"(?:đơn\s+vị|cơ\s+quan)\s+thực\s+hiện|^\s*thực\s+hiện\s*$", re.IGNORECASE)),
    ("coordinate", re.compile(r"phối\s+hợp", re.IGNORECASE)),
    ("lead", re.compile(r"chủ\s+trì", re.IGNORECASE)),
    ("deadline", re.compile(r"^(?:thời\s+(?:gian|hạn)|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?$", re.IGNORECASE)),
]
_TASK_HEADER_RE = re.compile(r"^(?:tên\s+)?(?:nhiệm\s+vụ|nội\s+dung|hoạt\s+động|giải\s+pháp|công\s+việc)", re.IGNORECASE)
_COLUMN_ROLES.append(("task", _TASK_HEADER_RE))
# A table of targets ("TT / Chỉ tiêu / Chủ trì") assigns units too, but its rows are no activities.
_COLUMN_ROLES.append(("target", re.compile(r"^chỉ\s+tiêu", re.IGNORECASE)))
UNIT_ROLES = ("lead", "coordinate", "implement")

# The first header cell: the row-number column.
_NUMBER_HEADER_RE = re.compile(r"^(?:S\.?\s?TT|TT|Số\s+TT|Số\s+thứ\s+tự)\.?$", re.IGNORECASE)
# A row starts with its number: "1", "2.", "1.2".
_ROW_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")
# A group of rows: "I" (its title on the next line) or "I. Kinh tế số".
_GROUP_RE = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])\.?$")
_GROUP_TITLE_RE = re.compile(r"^(?P<label>[IVXLC]{1,6})\.\s+\S")
_ELLIPSIS_RE = re.compile(r"^[….\s]+$")  # "…......" where rows were cut from the annex
_MAX_HEADER_WORDS = 6  # header cells are short labels
# "(1) / (2) / ...": a header row numbering the columns, not columns of its own.
_COLUMN_NUMBER_RE = re.compile(r"^\(\d{1,2}\)$")


def is_number_header(cell: str) -> bool:
    """"TT", "STT", "Số TT": the first header cell of a task table."""
    return bool(_NUMBER_HEADER_RE.match(cell.strip()))


def is_task_header(cell: str) -> bool:
    """"Nội dung", "Tên nhiệm vụ"...: the header of a task column."""
    return bool(_TASK_HEADER_RE.match(cell.strip()))


def column_role(header: str) -> str | None:
    """The role a header cell names: "Cơ quan chủ trì" -> lead, "Nội dung thực hiện" -> task."""
    return next((role for role, cue in _COLUMN_ROLES if cue.search(header)), None)


@dataclass(frozen=True)
class Row:
    """One row, as paragraph indices: its number (``first``) to its last cell (``last``).

    ``columns`` gives each of those paragraphs its column role when the row has the header's
    width (trailing cells left empty leave no line, so up to two may be missing); it is empty
    when the grid is lost (a merged or split cell)."""

    first: int
    last: int
    group: str
    columns: tuple[str | None, ...]


@dataclass(frozen=True)
class Table:
    first: int  # the "TT" header cell
    last: int  # the table's last paragraph
    columns: tuple[str | None, ...]  # the role of each header cell
    rows: tuple[Row, ...]


def one_cell_per_line_tables(text: Text, first: int = 0, last: int | None = None) -> list[Table]:
    """The task tables among paragraphs ``first``..``last`` (indices) written one cell per
    line: a "TT" cell, a header naming a task column and a unit or deadline column, then rows
    that start with their number."""
    paras = text.paragraphs
    last = len(paras) - 1 if last is None else last

    def cell(k: int) -> str:
        return text.para_text(paras[k]).strip()

    tables: list[Table] = []
    i = first
    while i <= last:
        if not _NUMBER_HEADER_RE.match(cell(i)):
            i += 1
            continue
        j = _skip_header(cell, i + 1, last)
        header = [None] + [column_role(cell(k)) for k in range(i + 1, j) if not _COLUMN_NUMBER_RE.match(cell(k))]
        if not {"task", "target"} & set(header) or not any(r in (*UNIT_ROLES, "deadline") for r in header):
            i += 1
            continue
        rows, end = _read_rows(cell, j, last, header, {cell(k).lower() for k in range(i + 1, j)})
        tables.append(Table(i, end, tuple(header), tuple(rows)))
        i = end + 1
    return tables


def _read_rows(cell, j: int, last: int, header: list[str | None], headers: set[str]) -> tuple[list[Row], int]:
    """Rows from paragraph ``j``; returns them and the table's last paragraph."""
    width = len(header)
    rows: list[Row] = []
    group, start = "", None

    def close(end: int) -> None:
        if start is not None:
            n = end - start + 1
            fits = width - 2 <= n <= width and n > 2
            rows.append(Row(start, end, group, tuple(header[:n]) if fits else ()))

    def header_like(k: int) -> bool:
        text = cell(k)
        return text.lower() in headers or (column_role(text) is not None and len(text.split()) <= _MAX_HEADER_WORDS)

    k = j
    while k <= last:
        text = cell(k)
        if _NUMBER_HEADER_RE.match(text):
            break
        if _ELLIPSIS_RE.match(text):
            close(k - 1)
            start = None
        elif _GROUP_RE.match(text) and k + 1 <= last:
            close(k - 1)
            start, group = None, text.rstrip(".")
            k += 2  # the group's title line
            continue
        elif _GROUP_TITLE_RE.match(text):
            close(k - 1)
            start, group = None, _GROUP_TITLE_RE.match(text).group("label")
        elif _ROW_NUMBER_RE.match(text) and k + 1 <= last and len(cell(k + 1).split()) >= 3 \
                and not _ROW_NUMBER_RE.match(cell(k + 1)):
            close(k - 1)
            start = k
        elif _ROW_NUMBER_RE.match(text) and k + 1 <= last:
            close(k - 1)  # a numbered sub-group: "5.1 / Thương mại"
            start, group = None, text.rstrip(".")
            k += 2
            continue
        elif header_like(k) and (start is None or (k + 1 <= last and header_like(k + 1))):
            # The header repeated after a page break ("Nội dung / Đơn vị thực hiện / ...").
            close(k - 1)
            start = None
            k = _skip_header(cell, k, last)
            continue
        elif start is None or k - start >= width:
            break  # text after the last row (or a row longer than the grid): the table ended
        k += 1
    close(k - 1)
    return rows, k - 1


def _skip_header(cell, k: int, last: int) -> int:
    """The paragraph after a header run starting at ``k``."""
    while k <= last and len(cell(k).split()) <= _MAX_HEADER_WORDS and not _ROW_NUMBER_RE.match(cell(k)) \
            and not _GROUP_RE.match(cell(k)) and not _GROUP_TITLE_RE.match(cell(k)):
        k += 1
    return k


# Tables written one row per line ---------------------------------------------------------
# The DOCX reader joins a row's cells with " | " ("1 | Tổ chức quán triệt ... | Sở Công Thương"),
# and Markdown transcriptions draw them ("| 1. | Xây dựng ... | Bộ Nội vụ | 6/2025 |"); the
# section parser groups such rows into one "table" section (structure/sections.py).
_RULE_CELL_RE = re.compile(r"^:?-{3,}:?$")  # Markdown's "|---|---|" under the header
_MAX_HEADER_CHARS = 80


def pipe_cells(line: str) -> list[tuple[int, str]]:
    """Every cell of a one-line row with its offset in ``line``, stripped. Border and empty
    cells are kept, so a cell's index is its column whichever way the row was written (a
    DOCX row with an empty first cell starts with "| " just like a Markdown row).

    >>> pipe_cells("| 1. | Xây dựng đề án | Bộ Nội vụ |")
    [(0, ''), (2, '1.'), (7, 'Xây dựng đề án'), (24, 'Bộ Nội vụ'), (35, '')]
    """
    edges = [-1] + [i for i, ch in enumerate(line) if ch == "|"] + [len(line)]
    cells = []
    for a, b in zip(edges, edges[1:]):
        raw = line[a + 1:b]
        stripped = raw.strip()
        cells.append((a + 1 + (len(raw) - len(raw.lstrip()) if stripped else 0), stripped))
    return cells


@dataclass(frozen=True)
class PipeRow:
    kind: str  # "header" | "rule" | "group" | "row"
    task: tuple[int, str] | None = None  # the task cell (offset in the line, text) of a row
    group: str = ""  # the label of the group of rows it sits in ("I", "A")
    columns: tuple[str | None, ...] = ()  # the header's column roles, when a header was read


class PipeTableReader:
    """Reads a table one line at a time, keeping its header's column roles and the current
    group of rows, so each row knows which cell is its task. Start a new reader per table."""

    def __init__(self) -> None:
        self.columns: tuple[str | None, ...] = ()
        self.group = ""

    def read(self, line: str) -> PipeRow:
        cells = pipe_cells(line)
        texts = [text for _, text in cells]
        filled = [text for text in texts if text]
        if all(_RULE_CELL_RE.match(t) or _COLUMN_NUMBER_RE.match(t) for t in filled):
            return PipeRow("rule", columns=self.columns)  # "|---|", "(1) | (2)", an empty row
        roles = tuple(column_role(t) if t else None for t in texts)
        # A header names columns in short labels, even where one reads like a unit ("Sở, ngành
        # chủ trì tham mưu"); a row of the table has a task sentence.
        if (any(is_number_header(t) for t in filled) or set(roles) - {None, "deadline"}) \
                and all(len(t) < _MAX_HEADER_CHARS for t in filled):
            self.columns, self.group = roles, ""
            return PipeRow("header", columns=roles)
        if _GROUP_RE.match(filled[0]) or _GROUP_TITLE_RE.match(filled[0]):
            self.group = filled[0].split(".")[0].strip()
            return PipeRow("group", group=self.group, columns=self.columns)
        if "task" in self.columns and self.columns.index("task") < len(cells):
            task = cells[self.columns.index("task")]
        elif "target" in self.columns:
            task = None  # a table of targets: its rows are no activities
        else:
            task = max(cells, key=lambda cell: len(cell[1].split()))
        return PipeRow("row", task=task if task and task[1] else None, group=self.group, columns=self.columns)
