"""Two-column blocks of Vietnamese documents, read in the order a person reads them.

The issuer block sits beside the Quốc hiệu at the top of page one, and the Nơi nhận list
beside the signature at the end. Read line by line, the two columns interleave
("BỘ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI ..."). A block of consecutive lines that split into a
left and a right segment is emitted as the whole left column, then the whole right column.
PDF lines are split at a wide horizontal gap; plain-text extracts (pdftotext -layout)
at a wide run of spaces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TEXT_GAP_RE = re.compile(r"\S( {4,}|\t+)\S")
# A right part that is only a locality finishes the name on its left
# ("ỦY BAN NHÂN DÂN          TỈNH LÀO CAI"): same column, not a second one.
_LOCALITY_START_RE = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b")
# "Số:        /KH-UBND", "ngày      tháng": a blank left for the number or date is no column gap.
_BLANK_FIELD_RE = re.compile(r"(?i)(?:số\s*:?|ngày|tháng|năm)$")


@dataclass
class Line:
    """A physical line cut into its left and right column parts (either may be empty)."""

    left: str
    right: str = ""
    whole: bool = True  # True when the line was not split (full width or one column only)
    side: str = "full"  # "full" | "left" | "right" for unsplit lines


def order_columns(lines: list[Line]) -> list[str]:
    """Emit lines in reading order: inside a two-column block, left column first."""
    out: list[str] = []
    block_left: list[str] = []
    block_right: list[str] = []
    in_block = False

    def flush():
        nonlocal in_block
        out.extend(block_left)
        out.extend(block_right)
        block_left.clear()
        block_right.clear()
        in_block = False

    for line in lines:
        if not line.whole:
            in_block = True
            if line.left:
                block_left.append(line.left)
            if line.right:
                block_right.append(line.right)
        elif in_block and line.side in ("left", "right") and (line.left or line.right):
            (block_left if line.side == "left" else block_right).append(line.left or line.right)
        elif in_block and not (line.left or line.right):
            continue  # a blank line does not end a block
        else:
            if in_block:
                flush()
            out.append(line.left)
    if in_block:
        flush()
    return out


def split_text_columns(text: str) -> str:
    """Reorder two-column blocks of a layout-preserving plain-text extract.

    Only texts that look layout-preserved (several lines split by wide runs of spaces) are
    touched; ordinary one-paragraph-per-line texts come back unchanged.
    """
    raw_lines = text.split("\n")
    gapped = sum(1 for ln in raw_lines if _TEXT_GAP_RE.search(ln.strip()))
    if gapped < 2:
        return text
    width = max((len(ln) for ln in raw_lines), default=80)
    lines: list[Line] = []
    for raw in raw_lines:
        stripped = raw.strip()
        match = _TEXT_GAP_RE.search(stripped)
        indent = len(raw) - len(raw.lstrip())
        if match and "  " not in stripped[match.end() - 1 :] and not _BLANK_FIELD_RE.search(stripped[: match.start() + 1]) \
                and not stripped[match.end() - 1 :].startswith("/") \
                and not _LOCALITY_START_RE.match(stripped[match.end() - 1 :]):
            lines.append(Line(stripped[: match.start() + 1], stripped[match.end() - 1 :], whole=False))
        elif not stripped:
            lines.append(Line(""))
        else:
            # An indented short line sits in the right column (date line, signature).
            side = "right" if indent > width * 0.35 else ("left" if len(raw.rstrip()) < width * 0.5 else "full")
            lines.append(Line(stripped, side=side))
    return "\n".join(order_columns(lines))
