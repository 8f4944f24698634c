"""Ruled tables on page images: find the grid and read it cell by cell.

Read as part of the page, a ruled table defeats Tesseract's layout analysis: a header
cell's second line comes after the next cell, and a cell holding one short token (a row
number) is dropped as noise. Here:

* rules are the ink on horizontal or vertical runs longer than any glyph stroke (1/25 of
  the page's short side, a third of an inch): a morphological opening with a long thin
  kernel, done with window sums (numpy only) on a half-size copy (0.02 s a page; the
  rules are two pixels thick or more at 300 dpi, so they survive the halving);
* a table is a group of horizontal and vertical rules that cross, at least two of each;
  its cells are the grid's elementary boxes, merged wherever the rule between two of them
  is missing (a cell spanning rows). Underlines, a signature's strokes and text pages have
  no such grid, so their pages are read exactly as before;
* the page is read with its tables painted out, and the cells, each cut out inside its
  rules with a white margin, are read as one block each (``--psm 6``), all cells of a page
  in one Tesseract process (an image list: the engine loads once);
* the table is written the way a layout-preserving text extract writes it (pdftotext
  ``-layout``; the corpus texts are laid out so): one line per physical text line across the
  row, cells left to right, each cell's line placed by its height on the page, so a row
  number centred beside a three-line cell sits on the middle line.

KH-1105 (bench/ocr_preprocess.py; its annex is one 5-column table): CER 3.41 % -> 2.29 %
with tables read this way, 1.96 % with red ink dropped as well (2.27 % with red ink
dropped alone). Erasing the rules and reading the page whole instead: 3.32 % alone, and
2.43 % on top of both (Tesseract's own layout then splits the page differently, around
the signature too). No synthetic page of bench/ocr.py has a table: those figures do not
move. Cost: 0.02 s a page to look for a grid; a table page is read in about the time it
was (the page pass without its table 0.34 s, the cells 0.60 s, against 0.91 s whole).
"""
from __future__ import annotations

import shutil
import statistics
from dataclasses import dataclass, field
from pathlib import Path

READ_CELLS = True  # bench/ocr_preprocess.py turns it off to measure the page read whole
RULE_FRACTION = 1 / 25  # of the page's short side: longer than any glyph stroke at 8-16 pt
MARGIN = 12  # white pixels around a cell: Tesseract misreads ink at an image's edge
INSET = 3  # pixels kept clear of a rule inside a cell: its anti-aliased edge reads as "|"
# A cell that is only a vertical stroke is a row number 1: the rules are cut away, Tesseract
# reads Times' "1" alone as "|" or "l", and no table cell holds a lone "|" or "l".
_LONE_ONE = {"|", "l"}


@dataclass
class Table:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 of the outer rules, page pixels
    cells: list[tuple[int, int, int, int]] = field(default_factory=list)  # interiors, top to bottom


def _long_runs(ink, length: int, axis: int):
    """Pixels of ``ink`` (bool) that lie on a run at least ``length`` long along ``axis``:
    an erosion then a dilation by a 1 x ``length`` line (an opening), by window sums."""
    import numpy as np

    a = np.moveaxis(ink, axis, -1)
    n = a.shape[-1]
    if n < length:
        return np.zeros_like(ink)
    kind = np.int16 if n + length < 32000 else np.int32

    def window_sums(x):  # sums of every ``length`` consecutive values along the last axis
        c = np.zeros(x.shape[:-1] + (x.shape[-1] + 1,), dtype=kind)
        np.cumsum(x, axis=-1, dtype=kind, out=c[..., 1:])
        return c[..., length:] - c[..., :-length]

    starts = window_sums(a) == length  # a full run starts here
    pad = [(0, 0)] * (a.ndim - 1) + [(length - 1, length - 1)]
    covered = window_sums(np.pad(starts, pad)) > 0  # some full run starts within length back
    return np.moveaxis(covered, -1, axis)


def rule_masks(grey):
    """(horizontal, vertical) bool masks of the rules of a greyscale page array."""
    ink = _ink(grey)
    return _rule_mask(grey, ink, 1), _rule_mask(grey, ink, 0)


def _ink(grey):
    from .preprocess import _otsu_level

    return grey < _otsu_level(grey[::4, ::4])  # the level from a sixteenth of the pixels


def _rule_mask(grey, ink, axis: int):
    return _long_runs(ink, max(10, int(min(grey.shape) * RULE_FRACTION)), axis)


def _runs(flags, gap: int = 0) -> list[tuple[int, int]]:
    """[start, end) of the runs of True in a 1-D bool array, runs closer than ``gap`` merged."""
    import numpy as np

    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    runs: list[tuple[int, int]] = []
    for start, end in zip(edges[::2], edges[1::2]):
        if runs and start - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], int(end))
        else:
            runs.append((int(start), int(end)))
    return runs


def _segments(mask, gap: int) -> list[tuple[int, int, int, int]]:
    """Horizontal rules of ``mask`` as (y0, y1, x0, x1), pass ``mask.T`` for vertical ones:
    a band of neighbouring rows is one rule (its thickness)."""
    return [(a0, a1, b0, b1) for a0, a1 in _runs(mask.any(axis=1), gap=1)
            for b0, b1 in _runs(mask[a0:a1].any(axis=0), gap=gap)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def find_tables(image) -> list[Table]:
    """Ruled tables of a greyscale page, top to bottom; none on a page of text."""
    import numpy as np

    half = np.asarray(image.reduce(2), dtype=np.uint8)
    ink = _ink(half)
    tol = max(2, int(min(half.shape) * RULE_FRACTION / 8))  # rules meet within this (pixels)
    vmask = _rule_mask(half, ink, 0)
    vs = _segments(vmask.T, tol)
    if len(vs) < 2:  # most pages: no vertical rules, no table (0.02 s a page)
        return []
    hmask = _rule_mask(half, ink, 1)
    hs = _segments(hmask, tol)
    parent = list(range(len(hs) + len(vs)))
    for i, (hy0, hy1, hx0, hx1) in enumerate(hs):
        for j, (vx0, vx1, vy0, vy1) in enumerate(vs):
            if hx0 - tol <= vx1 and vx0 <= hx1 + tol and vy0 - tol <= hy1 and hy0 <= vy1 + tol:
                parent[_root(parent, i)] = _root(parent, len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i in range(len(hs) + len(vs)):
        h_list, v_list = groups.setdefault(_root(parent, i), ([], []))
        (h_list.append(hs[i]) if i < len(hs) else v_list.append(vs[i - len(hs)]))
    tables = [_grid(h_list, v_list, hmask, vmask, tol) for h_list, v_list in groups.values()
              if len(h_list) >= 2 and len(v_list) >= 2]
    return sorted((t for t in tables if t.cells), key=lambda t: t.box[1])


def _lines_at(segments, tol: int) -> list[tuple[int, int]]:
    """Where rules run (start, end across the rule), neighbours within ``tol`` merged."""
    out: list[tuple[int, int]] = []
    for a0, a1, _, _ in sorted(segments):
        if out and a0 - out[-1][1] <= tol:
            out[-1] = (out[-1][0], max(out[-1][1], a1))
        else:
            out.append((a0, a1))
    return out


def _grid(hs, vs, hmask, vmask, tol: int) -> Table:
    """One table's cells (page pixels, twice the half-size ones): elementary boxes between
    neighbouring rules, merged across a missing rule (a cell that spans rows or columns)."""
    ys, xs = _lines_at(hs, tol), _lines_at(vs, tol)
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def drawn(mask, a0, a1, b0, b1) -> bool:  # the rule across [a0, a1) covers most of [b0, b1)
        inner = mask[max(0, a0 - tol):a1 + tol, b0:b1].any(axis=0)
        return inner.size > 0 and inner.mean() > 0.6

    for r in range(rows):
        for c in range(cols):
            y0, y1, x0, x1 = ys[r][1], ys[r + 1][0], xs[c][1], xs[c + 1][0]
            if c + 1 < cols and not drawn(vmask.T, *xs[c + 1], y0, y1):
                parent[_root(parent, r * cols + c)] = _root(parent, r * cols + c + 1)
            if r + 1 < rows and not drawn(hmask, *ys[r + 1], x0, x1):
                parent[_root(parent, r * cols + c)] = _root(parent, (r + 1) * cols + c)
    merged: dict[int, list[int]] = {}
    for i in range(rows * cols):
        merged.setdefault(_root(parent, i), []).append(i)
    cells = []
    for members in merged.values():
        r0, r1 = min(m // cols for m in members), max(m // cols for m in members)
        c0, c1 = min(m % cols for m in members), max(m % cols for m in members)
        box = (2 * xs[c0][1] + INSET, 2 * ys[r0][1] + INSET, 2 * xs[c1 + 1][0] - INSET, 2 * ys[r1 + 1][0] - INSET)
        if box[2] > box[0] and box[3] > box[1]:
            cells.append(box)
    cells.sort(key=lambda b: (b[1], b[0]))
    return Table((2 * xs[0][0], 2 * ys[0][0], 2 * xs[-1][1], 2 * ys[-1][1]), cells)


def blank_tables(image, tables: list[Table]):
    """The page with its tables painted white: the page pass must not read them again."""
    from PIL import ImageDraw

    page = image.copy()
    draw = ImageDraw.Draw(page)
    for table in tables:
        draw.rectangle(table.box, fill=255)
    return page


def inside(word: dict, box: tuple[int, int, int, int]) -> bool:
    """Whether a word's centre lies in ``box``."""
    x0, y0, x1, y1 = box
    return x0 <= (word["x0"] + word["x1"]) / 2 <= x1 and y0 <= (word["top"] + word["bottom"]) / 2 <= y1


def read_tables(image, tables: list[Table], path: Path, dpi: int) -> list[dict]:
    """The tables' lines as word dicts that carry ``table`` (its index) and the table's box:
    ocr.words_to_text puts them between the text above and below."""
    workdir = path.parent / f"{path.stem}-cells"
    workdir.mkdir(exist_ok=True)
    try:
        read = read_cells(image, tables, workdir, dpi)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    words = []
    for t, (table, cell_lines) in enumerate(zip(tables, read)):
        x0, y0, x1, y1 = table.box
        words += [{"text": text, "x0": float(x0), "x1": float(x1), "top": float(y0), "bottom": float(y1),
                   "size": 0.0, "conf": -1.0, "table": t} for text in table_text(cell_lines)]
    return words


def read_cells(image, tables: list[Table], workdir: Path, dpi: int) -> list[list[tuple[float, float, float, str]]]:
    """Each table's cell lines as (top, bottom, left, text) in page pixels: one Tesseract
    run (``--psm 6``) over an image list of the cells that hold ink."""
    import numpy as np
    from PIL import Image

    from .ocr import run_tesseract

    grey = np.asarray(image, dtype=np.uint8)
    ink_level = int(np.median(grey[::8, ::8])) - 60  # darker than the paper by this much
    crops: list[tuple[int, int, int]] = []  # table index, x and y offset of each cell image
    listing = []
    for t, table in enumerate(tables):
        for x0, y0, x1, y1 in table.cells:
            cell = grey[y0:y1, x0:x1]
            if (cell < ink_level).sum() < 12:  # an empty cell, or specks
                continue
            framed = Image.new("L", (x1 - x0 + 2 * MARGIN, y1 - y0 + 2 * MARGIN), 255)
            framed.paste(Image.fromarray(cell), (MARGIN, MARGIN))
            framed.save(workdir / f"cell-{len(crops):03d}.bmp", dpi=(dpi, dpi))
            listing.append(str(workdir / f"cell-{len(crops):03d}.bmp"))
            crops.append((t, x0 - MARGIN, y0 - MARGIN))
    out: list[list[tuple[float, float, float, str]]] = [[] for _ in tables]
    if not crops:
        return out
    (workdir / "cells.txt").write_text("\n".join(listing) + "\n", encoding="utf-8")
    base = workdir / "cells"
    run_tesseract(workdir / "cells.txt", base, ["--psm", "6", "tsv"], "các ô bảng của một trang")
    tsv = base.with_suffix(".tsv")
    if tsv.exists():
        for page, top, bottom, left, text in parse_cell_tsv(tsv.read_text(encoding="utf-8")):
            if 1 <= page <= len(crops):
                t, dx, dy = crops[page - 1]
                out[t].append((float(top + dy), float(bottom + dy), float(left + dx), text))
    return out


def parse_cell_tsv(tsv: str) -> list[tuple[int, int, int, int, str]]:
    """Tesseract TSV over an image list as lines: (image number from 1, top, bottom, left,
    text); a cell that is only a vertical stroke is read as "1"."""
    lines: dict[tuple[int, ...], list] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] not in ("4", "5"):
            continue
        key = tuple(int(c) for c in cols[1:5])  # image, block, paragraph, line
        left, top, width, height = (int(c) for c in cols[6:10])
        if cols[0] == "4":
            lines[key] = [top, top + height, left, []]
        elif cols[11].strip() and key in lines:
            lines[key][3].append(cols[11].strip())
    per_image: dict[int, int] = {}
    for (page, *_), (_, _, _, words) in lines.items():
        per_image[page] = per_image.get(page, 0) + bool(words)
    return [(page, top, bottom, left, "1" if per_image[page] == 1 and " ".join(words) in _LONE_ONE else " ".join(words))
            for (page, *_), (top, bottom, left, words) in lines.items() if words]


def table_text(cell_lines: list[tuple[float, float, float, str]]) -> list[str]:
    """A table's lines as a layout-preserving extract writes them: cell lines whose middles
    lie within a third of a line's height of the first one's form one physical line, read
    left to right; physical lines top to bottom."""
    if not cell_lines:
        return []
    height = statistics.median(b - t for t, b, _, _ in cell_lines)
    rows: list[list[tuple[float, float, float, str]]] = []
    for line in sorted(cell_lines, key=lambda ln: (ln[0] + ln[1]) / 2):
        middle = (line[0] + line[1]) / 2
        if rows and middle - (rows[-1][0][0] + rows[-1][0][1]) / 2 < height / 3:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [" ".join(text for _, _, _, text in sorted(row, key=lambda ln: ln[2])) for row in rows]
