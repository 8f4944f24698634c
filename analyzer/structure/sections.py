"""The section tree: ``I.`` / ``1.`` / ``1.1.`` / ``a)`` / ``-`` / ``+``, and Phần / Chương /
Mục / Điều / Khoản / Điểm for normative documents, and annexes (Phụ lục).

Each marker kind has a fixed rank; a new heading closes every open section of the same or
a deeper rank. Repeated labels are kept as they are written (the Hoằng Cát plan has two
``III.``), so the numbering check can report them.
"""
from __future__ import annotations

import re

from ..models import Section, Text

# (kind, rank, pattern). The pattern's ``label`` group is the marker as written.
_KINDS: list[tuple[str, int, re.Pattern]] = [
    ("annex", 1, re.compile(r"^(?P<label>(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?[\dIVXLC]+[a-z]?)?)\b\s*[.:]?\s*(?P<title>.*)$")),
    ("phan", 1, re.compile(r"^(?P<label>(?:Phần|PHẦN)\s+(?:[\dIVXLC]+|thứ\s+\w+|THỨ\s+\w+))\b\s*[.:]?\s*(?P<title>.*)$")),
    ("chuong", 2, re.compile(r"^(?P<label>(?:Chương|CHƯƠNG)\s+[\dIVXLC]+)\b\s*[.:]?\s*(?P<title>.*)$")),
    ("muc", 3, re.compile(r"^(?P<label>(?:Mục|MỤC)\s+\d+)\b\s*[.:]?\s*(?P<title>.*)$")),
    ("dieu", 4, re.compile(r"^(?P<label>(?:Điều|ĐIỀU)\s+\d+[a-z]?)\s*[.:]?\s*(?P<title>.*)$")),
    ("roman", 4, re.compile(r"^(?P<label>[IVXLC]{1,6})\s*(?:[.)]|/(?![vV]\b))\s*(?P<title>.*)$")),
    ("arabic", 5, re.compile(r"^(?P<label>\d{1,3})\s*[.)](?!\d)\s*(?P<title>.*)$")),
    ("dotted", 6, re.compile(r"^(?P<label>\d{1,3}(?:\.\d{1,3}){1,3})\.?(?=\s|$)\s*(?P<title>.*)$")),
    ("letter", 7, re.compile(r"^(?P<label>[a-zđ])\s?\)\s*(?P<title>.*)$")),
    ("bullet", 8, re.compile(r"^(?P<label>[-–—•*·∙])\s*(?P<title>\S.*)$")),
    ("plus", 9, re.compile(r"^(?P<label>\+)\s*(?P<title>\S.*)$")),
]
_DOTTED_DEPTH_RANK = 5  # 1.1 -> 6, 1.1.1 -> 7 ...
# A table row written on one line: the DOCX reader joins cells with " | "; Markdown draws
# "| 1. | ... |" and the "|---|---|" rule under the header.
_TABLE_ROW_RE = re.compile(r"\S \| \S|^\| | \|$|^\|.*\|$")


def is_table_row(line: str) -> bool:
    """A table row written on one line, cells separated by "|"."""
    return bool(_TABLE_ROW_RE.search(line.strip()))


def match_marker(line: str) -> tuple[str, int, str, str] | None:
    """(kind, rank, label, title) of a heading or list-item line, or None."""
    for kind, rank, pattern in _KINDS:
        match = pattern.match(line)
        if not match:
            continue
        label = re.sub(r"\s+", " ", match.group("label")).strip()
        title = match.group("title").strip()
        if kind == "dotted":
            rank = _DOTTED_DEPTH_RANK + label.count(".")
        if kind == "annex":
            label = "Phụ lục" + label[len("Phụ lục"):] if label.lower().startswith("phụ lục") else label
            label = re.sub(r"(?i)^phụ\s+lục", "Phụ lục", label)
        if kind == "roman" and not title:
            return None  # a lone "I" is more likely a pronoun-free fragment than a heading
        return kind, rank, label, title
    return None


def parse_sections(text: Text, start: int, stop: int, resume: int | None = None) -> list[Section]:
    """Build the tree from paragraphs ``start``..``stop`` (exclusive), then ``resume``..end
    (annexes after the signature block)."""
    indices = list(range(start, stop))
    if resume is not None:
        indices += list(range(resume, len(text.paragraphs)))
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []
    in_quote = False
    table: Section | None = None
    for i in indices:
        para = text.paragraphs[i]
        line = text.para_text(para)
        # Table rows (cells joined by " | " by the DOCX reader) form one "table" section.
        if is_table_row(line):
            if table is None:
                table = Section(label="Bảng", title=line, level=len(stack) + 1, span=(para.start, para.end),
                                page=para.page, kind="table")
                (stack[-1][1].children if stack else roots).append(table)
            table.span = (table.span[0], para.end)
            if stack:
                _extend(stack, para.end)
            continue
        table = None
        # Amending texts quote whole articles ("“Điều 21. ...”"): quoted headings are text.
        opens = line.count("“") + (1 if line.startswith('"') else 0)
        closes = line.count("”") + (1 if line.rstrip(" ./;").endswith('"') else 0)
        quoted = in_quote or line.startswith(("“", '"'))
        if opens > closes:
            in_quote = True
        elif closes > opens:
            in_quote = False
        marker = None if quoted else match_marker(line)
        if marker is None:
            if stack:
                _extend(stack, para.end)
            continue
        kind, rank, label, title = marker
        while stack and stack[-1][0] >= rank:
            stack.pop()
        section = Section(label=label, title=title, level=len(stack) + 1, span=(para.start, para.end),
                          page=para.page, kind=kind)
        if stack:
            stack[-1][1].children.append(section)
            _extend(stack, para.end)
        else:
            roots.append(section)
        stack.append((rank, section))
    _assign_paths(roots, "")
    return roots


def _extend(stack: list[tuple[int, Section]], end: int) -> None:
    for _, section in stack:
        section.span = (section.span[0], max(section.span[1], end))


def _assign_paths(sections: list[Section], prefix: str) -> None:
    bullet_count = 0
    for section in sections:
        if section.kind in ("bullet", "plus", "table"):
            bullet_count += 1
            own = f"{section.label}{bullet_count}"
        else:
            own = section.label
        section.path = f"{prefix}.{own}" if prefix else own
        _assign_paths(section.children, section.path)
