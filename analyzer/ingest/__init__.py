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

SUPPORTED = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".docx": "docx", ".doc": "doc",
             ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
OCR_MODES = ("auto", "always", "never")


def ingest(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, ocr: str = "auto",
           workers: int | None = None, progress=None, dpi: int | None = None,
           searchable: Path | None = None) -> Source:
    """Read ``path`` into a :class:`Source`; raise :class:`KehoachError` for bad input.

    ``ocr``: ``auto`` OCRs the PDF pages without a usable text layer (and every image),
    ``always`` every PDF page, ``never`` none (those pages stay flagged in the warnings).
    ``workers`` Tesseract processes run side by side; ``progress(iterable, total)`` wraps the
    OCR'd pages (a progress bar); ``searchable`` is where to write a PDF with the OCR text
    layer added."""
    path = Path(path)
    if not path.exists():
        raise KehoachError("E001", path)
    if path.is_dir():
        raise KehoachError("E012", path, detail="là thư mục, không phải tệp")
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {OCR_MODES}")
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
    elif fmt == "doc":
        from .doc import read_doc

        pages, encoding = read_doc(path, data), None
    else:
        pages, encoding = [], None

    from .ocr import DEFAULT_DPI, ocr_pages

    ocr_done = ocr_pages(path, fmt, data, pages, ocr, workers, progress, dpi or DEFAULT_DPI, searchable)

    source = Source(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        pages=pages,
        encoding=encoding,
        ocr_pages=ocr_done,
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
