"""The dataclasses that are kehoach's API. JSON is a rendering of these (see render.py).

Every extracted item carries a ``span``: ``(start, end)`` character offsets into the
normalized text (:attr:`Text.text`), and the page it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Optional

Span = tuple[int, int]


class PageStatus(str, Enum):
    """How usable a page's text layer is."""

    USABLE = "usable"
    MISSING = "missing"  # no text layer: an image-only page
    GARBAGE = "garbage"  # a text layer that is not readable text (bad OCR, unmapped glyphs)


class Level(str, Enum):
    """Administrative level of an issuer or unit (output contract values)."""

    TRUNG_UONG = "trung_uong"
    BO = "bo"
    TINH = "tinh"
    SO = "so"
    HUYEN = "huyen"
    PHONG = "phong"
    XA = "xa"
    THON = "thon"
    OTHER = "other"


@dataclass
class Page:
    """One page of a source: its raw text and whether that text can be trusted."""

    number: int  # 1-based
    text: str
    status: PageStatus = PageStatus.USABLE
    reason: Optional[str] = None  # why the page is not usable (Vietnamese, for warnings)

    @property
    def needs_ocr(self) -> bool:
        return self.status is not PageStatus.USABLE


@dataclass
class Source:
    """What ingest read from a file: text per page, with provenance."""

    path: str
    sha256: str
    format: str  # txt | pdf | docx | doc | image | html
    pages: list[Page]
    encoding: Optional[str] = None
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR
    warnings: list[str] = field(default_factory=list)

    @property
    def ocr_needed_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.needs_ocr]


@dataclass
class Paragraph:
    """A reflowed paragraph of the normalized text."""

    start: int
    end: int
    page: int


@dataclass
class TextWarning:
    """Something normalize noticed in the text (a lost glyph...), with its location."""

    code: str
    message: str
    span: Span
    page: int


@dataclass
class Text:
    """Normalized text: one string, its paragraphs, and page boundaries."""

    text: str
    paragraphs: list[Paragraph]
    page_spans: list[tuple[int, int, int]]  # (page number, start, end)
    source: Source
    warnings: list[TextWarning] = field(default_factory=list)

    def page_at(self, offset: int) -> Optional[int]:
        for number, start, end in self.page_spans:
            if start <= offset <= end:
                return number
        return self.page_spans[-1][0] if self.page_spans else None

    def para_text(self, para: Paragraph) -> str:
        return self.text[para.start : para.end]


@dataclass
class Issuer:
    name: str
    level: Optional[Level] = None
    locality: Optional[str] = None
    span: Optional[Span] = None


@dataclass
class Signer:
    authority: Optional[str] = None
    position: Optional[str] = None
    name: Optional[str] = None
    span: Optional[Span] = None


@dataclass
class Period:
    start: Optional[str] = None
    end: Optional[str] = None


@dataclass
class Header:
    """Header fields of a document (Nghị định 30/2020 layout) and its closing block."""

    doc_type: Optional[str] = None
    doc_type_name: Optional[str] = None
    number: Optional[str] = None
    symbol: Optional[str] = None
    issuer: Optional[Issuer] = None
    issued_date: Optional[str] = None
    place: Optional[str] = None
    title: Optional[str] = None
    signer: Optional[Signer] = None
    recipients: list[str] = field(default_factory=list)
    period: Optional[Period] = None
    spans: dict[str, Span] = field(default_factory=dict)  # field name -> evidence span


@dataclass
class Section:
    """A node of the section tree: a numbered heading or list item and what it contains."""

    label: str  # the marker as written: I, 1, a, -, +, Điều 1, Phụ lục I
    title: str
    level: int
    span: Span  # the whole section, heading to the end of its last child
    page: Optional[int] = None
    kind: str = "item"  # roman | arabic | letter | bullet | dieu | chuong | phan | muc | annex
    path: str = ""
    children: list["Section"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Document:
    """A parsed document: header, legal bases, section tree."""

    text: Text
    header: Header
    sections: list[Section] = field(default_factory=list)
    bases: list[Span] = field(default_factory=list)  # the "Căn cứ ..." paragraphs
    body_span: Optional[Span] = None  # main text: after the title, before the closing block
    # Where extraction looks: the main text and what follows the closing block (annexes, the
    # plan a decision approves).
    content_spans: list[Span] = field(default_factory=list)

    def in_content(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.content_spans)


@dataclass
class Plan:
    """Everything kehoach knows about one document: the output contract's object.

    ``citations``, ``units``, ``deadlines``, ``activities`` and ``targets`` are filled by the
    extractors (analyzer/extract); until an extractor exists its list stays empty.
    """

    document: Document
    citations: list = field(default_factory=list)
    units: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    targets: list = field(default_factory=list)


@dataclass
class Citation:
    """One mention of another document (eyecite's FullCitation / ShortCitation in one)."""

    text: str
    span: Span
    page: Optional[int] = None
    doc_type: Optional[str] = None
    doc_type_name: Optional[str] = None
    number: Optional[str] = None
    symbol: Optional[str] = None  # normalized: 30-KH/TU, 1277/QĐ-UBND
    name: Optional[str] = None  # for documents cited by name only (Luật Ngân sách nhà nước)
    issued_date: Optional[str] = None
    issuer: Optional[str] = None
    is_basis: bool = False
    short_form: bool = False  # "Quyết định nêu trên", "Thông tư số ... nêu trên"
    refers_to: Optional[int] = None  # index of the full citation a short form points back to


@dataclass
class Mention:
    text: str
    span: Span
    page: Optional[int] = None


@dataclass
class Unit:
    """A responsible unit: canonical name, level, every mention, and its roles in the plan."""

    name: str
    level: Optional[Level] = None
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass
class Deadline:
    text: str
    span: Span
    kind: str  # by | on | period | within | recurring
    page: Optional[int] = None
    date: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None
    recurrence: Optional[str] = None  # yearly | half_yearly | quarterly | monthly | weekly
    day_month: Optional[str] = None  # "10/11" for "trước ngày 10/11 hằng năm"
    unit: Optional[str] = None
    task: Optional[str] = None


@dataclass
class Target:
    text: str
    span: Span
    page: Optional[int] = None
    value: Optional[float] = None
    unit: Optional[str] = None
    subject: Optional[str] = None


@dataclass
class Activity:
    """One item a plan commits to (analyzer/activities): its types from the taxonomy, the
    units named in it (or in the heading that owns it) and the index of its deadline in
    ``Plan.deadlines``."""

    text: str
    span: Span
    types: list[str] = field(default_factory=list)
    section: Optional[str] = None  # numbering path of the heading it sits under: "III.2"
    units: list[str] = field(default_factory=list)
    deadline: Optional[int] = None
    page: Optional[int] = None
