"""OCR of scanned pages with Tesseract ``vie``: render, recognise in parallel, lay out.

Tesseract runs as one single-threaded process per page (``OMP_THREAD_LIMIT=1``): OpenMP
inside each engine oversubscribes the cores when engines run side by side (measured here:
8.9 s a page with the default threads against 1.7 s single-threaded on 2 cores). A thread
pool keeps ``workers`` such processes busy; the Python side only renders pages and parses
TSV, so threads are enough to keep every core on recognition.

Red ink (seals) is dropped and pages skewed by a degree or more are leveled first
(preprocess.py, measured there); no binarization: Tesseract's own does best on these scans.
Ruled tables are found and read cell by cell (ocr_tables.py), the rest of the page whole.
A searchable PDF gets Tesseract's text-only layer under the page as it looks (grey, with
its seals), not the page Tesseract read.

Words come back with their boxes (TSV), and go through the same line grouping and
two-column ordering as PDF text layers, so the issuer block and the Quốc hiệu that sit side
by side on page one are read one after the other, as in a text PDF.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from queue import Queue
from typing import Iterable, Iterator

from ..errors import KehoachError

# 300 dpi: bench/ocr.py measures character error rate at 200 and 300 dpi; 300 is the
# resolution Tesseract's models are trained for and the lower CER of the two.
DEFAULT_DPI = 300
LANGUAGE = "vie"
_TIMEOUT_S = 300  # one page; a hung engine must not hang the batch


@lru_cache(maxsize=1)
def tesseract_problem() -> str | None:
    """Why OCR cannot run here (Vietnamese, for the user), or None when it can."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "không tìm thấy lệnh tesseract"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"không chạy được tesseract: {exc}"
    if LANGUAGE not in langs.split():
        return "tesseract thiếu dữ liệu tiếng Việt (vie)"
    return None


def require_tesseract(path: Path | str, why: str) -> None:
    problem = tesseract_problem()
    if problem is not None:
        raise KehoachError("E014", path, detail=f"{why}; {problem}")


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def render_pdf_pages(data: bytes, numbers: list[int], dpi: int = DEFAULT_DPI, colour: bool = False) -> Iterator:
    """Pages (1-based numbers) of a PDF as PIL images at ``dpi``, one at a time: an 80-page
    scan is never held in memory at once (about 9 MB a page at 300 dpi). Greyscale with
    red ink (seals) dropped (preprocess.drop_red); in colour when ``colour``, for a
    searchable PDF that must still show the seals."""
    import pypdfium2

    from . import preprocess

    pdf = pypdfium2.PdfDocument(data)
    try:
        for n in numbers:
            page = pdf[n - 1]
            # A 36 dpi thumbnail tells a page with red ink (2 ms); the others render in grey
            # directly, as pdfium's own greyscale (what every page was before drop_red).
            if colour or preprocess.has_red(page.render(scale=0.5).to_pil()):
                image = page.render(scale=dpi / 72).to_pil()
                yield image if colour else preprocess.drop_red(image)
            else:
                yield page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        pdf.close()


def recognise(images: Iterable, total: int, workers: int | None = None, progress=None,
              want_pdf: bool = False, dpi: int = DEFAULT_DPI) -> list[tuple[list[dict], float, bytes | None]]:
    """OCR each image; returns, per image in order, its words (pdfplumber-like dicts: text,
    x0, x1, top, bottom, size, conf), the image width, and a one-page searchable PDF when
    ``want_pdf``. ``progress(iterable, total)`` wraps the results as they arrive.

    Pages are rendered on a feeder thread and each handed to a worker as soon as it is
    rendered: the worker levels it (preprocess.prepare), writes it to disk and runs an
    engine, so recognition overlaps rendering while results arrive in order. At most two
    pages a worker wait in memory: rendering never runs far ahead of recognition."""
    workers = workers or default_workers()
    room = threading.BoundedSemaphore(2 * workers)
    queue: Queue = Queue()
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp, ThreadPoolExecutor(max_workers=workers) as pool:

        def feed() -> None:
            try:
                for i, image in enumerate(images):
                    room.acquire()
                    future = pool.submit(_page, image, Path(tmp) / f"page-{i:04d}.bmp", want_pdf, dpi)
                    future.add_done_callback(lambda _: room.release())
                    queue.put(future)
                    del image
            except BaseException as exc:  # noqa: BLE001 - a rendering error goes to the caller
                queue.put(exc)
            finally:
                queue.put(None)

        def results():
            while (item := queue.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item.result()

        feeder = threading.Thread(target=feed, name="kehoach-ocr-render", daemon=True)
        feeder.start()
        pages = results()
        if progress is not None:
            pages = progress(pages, total)
        pages = list(pages)
        feeder.join()
    return pages


def _page(image, path: Path, want_pdf: bool, dpi: int) -> tuple[list[dict], float, bytes | None]:
    """One page: prepared (preprocess.py), ruled tables read cell by cell (ocr_tables.py),
    the rest read whole. For a searchable PDF the page is read with its tables (the PDF's
    text layer needs them; their words are then replaced by the cells'), and the page
    shown is the grey page with its red ink, under Tesseract's text-only layer."""
    from . import ocr_tables, preprocess

    page, angle = preprocess.prepare(image)
    width = float(page.width)
    tables = ocr_tables.find_tables(page) if ocr_tables.READ_CELLS else []
    read = ocr_tables.blank_tables(page, tables) if tables and not want_pdf else page
    # BMP, not PNG: the same pixels and dpi tag (Tesseract sizes its text model from it, and
    # returns the same words) without 0.14 s of compression a page; deleted once read.
    read.save(path, dpi=(dpi, dpi))
    try:
        words, pdf = _tesseract(path, want_pdf)
    finally:
        path.unlink(missing_ok=True)
    if tables:
        words = [w for w in words if not any(ocr_tables.inside(w, t.box) for t in tables)]
        words += ocr_tables.read_tables(page, tables, path, dpi)
    if pdf is not None:
        pdf = _under_text(pdf, preprocess.prepare_shown(image, angle))
    return words, width, pdf


def _under_text(text_pdf: bytes, image) -> bytes:
    """Tesseract's text-only page with ``image`` drawn over the whole page (the text is
    invisible: it is found and selected all the same)."""
    import io

    import pypdfium2

    pdf = pypdfium2.PdfDocument(text_pdf)
    try:
        page = pdf[0]
        width, height = page.get_size()
        shown = pypdfium2.PdfImage.new(pdf)
        shown.set_bitmap(pypdfium2.PdfBitmap.from_pil(image))
        shown.set_matrix(pypdfium2.PdfMatrix().scale(width, height))
        page.insert_obj(shown)
        page.gen_content()
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()
    finally:
        pdf.close()


def run_tesseract(source: Path, base: Path, options: list[str], what: str) -> subprocess.CompletedProcess:
    """One single-threaded Tesseract ``vie`` run (see above) from ``source`` (an image, or a
    list of them) to ``base``.*; past ``_TIMEOUT_S`` it is error E015 in one line (``what``
    timed out), never a traceback."""
    command = ["tesseract", str(source), str(base), "-l", LANGUAGE] + options
    try:
        return subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"),
                              timeout=_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise KehoachError("E015", source, detail=f"quá {_TIMEOUT_S} giây cho {what}") from None


def _tesseract(image_path: Path, want_pdf: bool) -> tuple[list[dict], bytes | None]:
    base = image_path.with_suffix("")
    options = ["--psm", "3", "-c", "preserve_interword_spaces=1"] + (
        ["-c", "textonly_pdf=1", "tsv", "pdf"] if want_pdf else ["tsv"])
    done = run_tesseract(image_path, base, options, "một trang")
    tsv = base.with_suffix(".tsv")
    if done.returncode != 0 or not tsv.exists():
        raise KehoachError("E015", image_path, detail=(done.stderr.strip().splitlines() or ["?"])[-1][:120])
    pdf = base.with_suffix(".pdf").read_bytes() if want_pdf else None
    return parse_tsv(tsv.read_text(encoding="utf-8")), pdf


def parse_tsv(tsv: str) -> list[dict]:
    """Tesseract TSV rows of level 5 (words) as word dicts; empty and -1 confidence dropped."""
    words = []
    line_box: dict[tuple[int, int, int], tuple[int, int]] = {}  # (block, par, line) -> top, bottom
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        left, top, width, height = (int(c) for c in cols[6:10])
        if cols[0] == "4":
            line_box[key] = (top, top + height)
        if cols[0] != "5" or not cols[11].strip():
            continue
        # A word's own box moves with its descenders ("gì" vs "CÔNG"): its line's box does not,
        # so words are grouped into physical lines by their line's bottom.
        line_top, line_bottom = line_box.get(key, (top, top + height))
        words.append({
            "text": cols[11].strip(), "x0": float(left), "x1": float(left + width),
            "top": float(line_top), "bottom": float(line_bottom), "size": float(line_bottom - line_top),
            "conf": float(cols[10]),
        })
    return words


def words_to_text(words: list[dict], width: float) -> str:
    """OCR words laid out like a PDF text layer: lines by Tesseract's own line grouping,
    cut at column gaps, two-column blocks read left column first. A table's lines
    (ocr_tables.read_tables: words that carry ``table``) go in as they are, between the
    words above and below the table."""
    from .layout import order_columns
    from .pdf import lines_from_words

    rows = [w for w in words if "table" in w]
    text = [w for w in words if "table" not in w]
    out: list[str] = []
    for table in sorted({w["table"] for w in rows}):
        lines = [w for w in rows if w["table"] == table]
        top = lines[0]["top"]  # each line of a table carries the table's box
        above = [w for w in text if (w["top"] + w["bottom"]) / 2 < top]
        text = [w for w in text if (w["top"] + w["bottom"]) / 2 >= top]
        out += order_columns(lines_from_words(above, width)) + [w["text"] for w in lines]
    return "\n".join(out + order_columns(lines_from_words(text, width)))


def ocr_pages(path: Path, fmt: str, data: bytes, pages: list, mode: str, workers: int | None,
              progress, dpi: int, searchable: Path | None = None) -> list[int]:
    """OCR what ``mode`` asks for, in place: PDF pages without a usable text layer (auto)
    or all of them (always), every page of an image. Returns the OCR'd page numbers.
    ``searchable``: also write the document as a PDF whose OCR'd pages carry a text layer."""
    from ..models import Page, PageStatus
    from ..normalize.ocr_repair import repair_ocr
    from ..normalize.ocr_syllables import repair_syllables
    from ..normalize.unicode import apply_glyph_fixes as glyph_fix

    if fmt == "image":
        if mode == "never":
            raise KehoachError("E014", path, detail="tệp ảnh chỉ đọc được bằng OCR, không dùng được --ocr never")
        require_tesseract(path, "tệp ảnh")
        images = load_images(path, data)
        pages.extend(Page(n, "") for n in range(1, len(images) + 1))
        numbers = [p.number for p in pages]
        # An image's own resolution where it records a plausible scan one: phones and
        # editors write 72 or 96 dpi on images of any size, which would mislead Tesseract.
        tagged = int(round(float((images[0].info.get("dpi") or (0,))[0])))
        dpi = tagged if 150 <= tagged <= 600 else DEFAULT_DPI
    elif fmt == "pdf" and mode != "never":
        numbers = [p.number for p in pages if mode == "always" or p.needs_ocr]
        if not numbers:
            return []
        require_tesseract(path, f"trang {', '.join(map(str, numbers[:5]))}{'...' if len(numbers) > 5 else ''} không có lớp chữ dùng được")
        images = render_pdf_pages(data, numbers, dpi, colour=searchable is not None)
    else:
        return []
    results = recognise(images, len(numbers), workers, progress, want_pdf=searchable is not None, dpi=dpi)
    by_number = {p.number: i for i, p in enumerate(pages)}
    for number, (words, width, _) in zip(numbers, results):
        # Glyph fixes first: the confusion table is written in clean glyphs ("W/v", not "W⁄v");
        # then the syllables the table does not list, by the syllable LM (ocr_syllables.py).
        text = repair_syllables(repair_ocr(glyph_fix(words_to_text(words, width))))
        pages[by_number[number]] = Page(number, text, PageStatus.USABLE)
    if searchable is not None:
        write_searchable_pdf(searchable, data if fmt == "pdf" else None, len(pages),
                             {n: pdf for n, (_, _, pdf) in zip(numbers, results)})
    return numbers


def write_searchable_pdf(target: Path, original: bytes | None, page_count: int, ocr: dict[int, bytes]) -> None:
    """The document again, each OCR'd page replaced by Tesseract's image-plus-text page."""
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    source = pypdfium2.PdfDocument(original) if original is not None else None
    try:
        for number in range(1, page_count + 1):
            if number in ocr:
                page_pdf = pypdfium2.PdfDocument(ocr[number])
                out.import_pages(page_pdf)
                page_pdf.close()
            elif source is not None:
                out.import_pages(source, [number - 1])
        target.parent.mkdir(parents=True, exist_ok=True)
        out.save(str(target))
    finally:
        out.close()
        if source is not None:
            source.close()


def load_images(path: Path, data: bytes) -> list:
    """Every frame of an image file (multi-page TIFF included): greyscale, or colour (RGB)
    for colour frames, whose red ink OCR drops (preprocess.drop_red)."""
    import io

    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.convert("RGB" if frame.mode in ("RGB", "RGBA", "RGBX", "CMYK", "YCbCr", "P", "PA") else "L")
                  for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise KehoachError("E016", path, detail=str(exc)[:80]) from None
    if not frames:
        raise KehoachError("E016", path, detail="không có khung ảnh nào")
    return frames
