"""OCR of scanned pages with Tesseract ``vie``: render, recognise in parallel, lay out.

Tesseract runs as one single-threaded process per page (``OMP_THREAD_LIMIT=1``): OpenMP
inside each engine oversubscribes the cores when engines run side by side (measured here:
8.9 s a page with the default threads against 1.7 s single-threaded on 2 cores). A thread
pool keeps ``workers`` such processes busy; the Python side only renders pages and parses
TSV, so threads are enough to keep every core on recognition.

Pages skewed by a degree or more are leveled first (preprocess.py, measured there); no
binarization: Tesseract's own does best on these scans.

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


def render_pdf_pages(data: bytes, numbers: list[int], dpi: int = DEFAULT_DPI) -> Iterator:
    """Pages (1-based numbers) of a PDF as greyscale PIL images at ``dpi``, one at a time:
    an 80-page scan is never held in memory at once (about 9 MB a page at 300 dpi)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        for n in numbers:
            yield pdf[n - 1].render(scale=dpi / 72, grayscale=True).to_pil()
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
                    future = pool.submit(_page, image, Path(tmp) / f"page-{i:04d}.png", want_pdf, dpi)
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
    from .preprocess import prepare

    image = prepare(image)
    width = float(image.width)
    image.save(path, dpi=(dpi, dpi))  # Tesseract sizes its text model from this tag
    del image
    words, pdf = _tesseract(path, want_pdf)
    return words, width, pdf


def _tesseract(image_path: Path, want_pdf: bool) -> tuple[list[dict], bytes | None]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    base = image_path.with_suffix("")
    command = ["tesseract", str(image_path), str(base), "-l", LANGUAGE, "--psm", "3",
               "-c", "preserve_interword_spaces=1", "tsv"] + (["pdf"] if want_pdf else [])
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise KehoachError("E015", image_path, detail=f"quá {_TIMEOUT_S} giây cho một trang") from None
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
    cut at column gaps, two-column blocks read left column first."""
    from .layout import order_columns
    from .pdf import lines_from_words

    return "\n".join(order_columns(lines_from_words(words, width)))


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
        images = render_pdf_pages(data, numbers, dpi)
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
    """Every frame of an image file (multi-page TIFF included), greyscale."""
    import io

    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise KehoachError("E016", path, detail=str(exc)[:80]) from None
    if not frames:
        raise KehoachError("E016", path, detail="không có khung ảnh nào")
    return frames
