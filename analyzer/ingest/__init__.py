"""ingest(path) -> Source: bytes to text per page, with provenance.

One reader per format. Readers only read: they report which pages have no usable text
layer (image-only, a scanner's garbage layer, unmapped ``(cid:N)`` glyphs) in
``Source.warnings`` so that OCR can take those pages; they never pass garbage on as text.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import KehoachError
from ..models import Page, PageStatus, Source

DEFAULT_MAX_BYTES = 200 * 1024 * 1024

SUPPORTED = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".docx": "docx", ".doc": "doc"}


def ingest(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read ``path`` into a :class:`Source`; raise :class:`KehoachError` for bad input."""
    path = Path(path)
    if not path.exists():
        raise KehoachError("E001", path)
    if path.is_dir():
        raise KehoachError("E012", path, detail="là thư mục, không phải tệp")
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise KehoachError("E003", path, ext=path.suffix or "(không có đuôi)")
    size = path.stat().st_size
    if size == 0:
        raise KehoachError("E002", path)
    if size > max_bytes:
        raise KehoachError("E004", path, size_mb=size / 2**20, limit_mb=max_bytes / 2**20)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KehoachError("E012", path, detail=exc.strerror or str(exc)) from exc

    if fmt == "txt":
        from .text import read_text

        pages, encoding = read_text(path, data)
    elif fmt == "pdf":
        from .pdf import read_pdf

        pages, encoding = read_pdf(path, data), None
    elif fmt == "docx":
        from .docx import read_docx

        pages, encoding = read_docx(path, data), None
    else:
        from .doc import read_doc

        pages, encoding = read_doc(path, data), None

    source = Source(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        pages=pages,
        encoding=encoding,
    )
    source.warnings.extend(page_warnings(pages))
    return source


def page_warnings(pages: list[Page]) -> list[str]:
    """One Vietnamese line per page that needs OCR, naming the page and why."""
    return [
        f"Trang {p.number}: {p.reason or 'không có lớp chữ dùng được'}; cần OCR."
        for p in pages
        if p.status is not PageStatus.USABLE
    ]
