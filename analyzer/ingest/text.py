"""Plain-text files: detect the encoding (UTF-8/16, CP1258, legacy TCVN3 and VNI bytes)."""
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from ..errors import KehoachError
from ..models import Page
from ..normalize.legacy import decode_tcvn3_bytes, vni_to_unicode
from ..vietnamese import text_quality
from .layout import split_text_columns

# Share of NUL/control bytes above which a file without a UTF-16 signature is binary.
_BINARY_CONTROL_SHARE = 0.01
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def decode_bytes(path: Path | str, data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding name)``; raise E007 for binary data, E011 if undecodable."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    sample = data[:65536]
    if sample.count(0) > len(sample) // 4:
        # UTF-16 without a signature: NULs sit in every other byte for Latin text.
        odd_nuls = sample[1::2].count(0)
        even_nuls = sample[0::2].count(0)
        name = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            raise KehoachError("E007", path) from None
    controls = sum(1 for b in sample if b in _CONTROL)
    if controls > max(2, len(sample) * _BINARY_CONTROL_SHARE):
        raise KehoachError("E007", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Single-byte Vietnamese encodings: keep the decoding that reads most like Vietnamese.
    candidates = {
        "cp1258": unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
        "tcvn3": decode_tcvn3_bytes(data),
        "vni": vni_to_unicode(data.decode("cp1252", errors="replace")),
    }
    scored = {name: text_quality(text[:20000]).score for name, text in candidates.items()}
    best = max(scored, key=scored.get)
    if scored[best] < 0.3:
        raise KehoachError("E011", path)
    return candidates[best], best


def read_text(path: Path | str, data: bytes) -> tuple[list[Page], str]:
    text, encoding = decode_bytes(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise KehoachError("E002", path)
    # A form feed separates pages in text extracted from PDFs (pdftotext).
    pages = [Page(number=i + 1, text=split_text_columns(chunk)) for i, chunk in enumerate(text.split("\f"))]
    return [p for p in pages if p.text.strip()] or pages[:1], encoding
