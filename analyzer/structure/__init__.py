"""parse(Text) -> Document: header, legal bases, section tree, recipients, signature."""
from __future__ import annotations

import re

from ..models import Document, Text
from ..normalize.reflow import MARKER_RE
from .closing import parse_closing
from .header import parse_header
from .sections import parse_sections

__all__ = ["parse"]

_BASIS_RE = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)\b")


def parse(text: Text) -> Document:
    header, body_start = parse_header(text)
    paras = [text.para_text(p) for p in text.paragraphs]

    bases = []
    i = body_start
    # The bases (and the issuing formula line such as "CHÍNH PHỦ") precede the first section.
    while i < len(paras) and not MARKER_RE.match(paras[i]):
        if _BASIS_RE.match(paras[i]):
            bases.append((text.paragraphs[i].start, text.paragraphs[i].end))
        i += 1
        if i - body_start > 40:
            break

    closing = parse_closing(text, body_start)
    header.recipients = closing.recipients
    header.signer = closing.signer
    if closing.start is not None:
        stop, resume = closing.start, (closing.end or closing.start) + 1
    else:
        stop, resume = len(paras), None
    sections = parse_sections(text, body_start, stop, resume)
    body_span = (text.paragraphs[body_start].start, text.paragraphs[stop - 1].end) if stop > body_start else None
    content = [body_span] if body_span else []
    if resume is not None and resume < len(paras):
        content.append((text.paragraphs[resume].start, len(text.text)))
    return Document(text=text, header=header, sections=sections, bases=bases, body_span=body_span,
                    content_spans=content)
