"""OCR accuracy on synthetic scans of typeset plans, and OCR throughput on a real scan.

    python bench/ocr.py [--corpus ../shared/corpus] [--doc-pages 3] [--dpi 200 300]
                        [--accuracy] [--throughput] [--pages N] [--quick] [--json PATH]

* Accuracy: the normalized text of each plan (``analyze(txt).document.text.text``, one
  paragraph a line) is typeset with Pillow as an A4 page in the usual layout (Times-like
  serif, 13 pt, margins 2/2/3/2 cm, issuer block and Quốc hiệu side by side, bold centred
  title), rendered at each dpi, degraded (contrast loss, skew, blur, Gaussian and
  salt-and-pepper noise; fixed seed) and saved as a multi-page TIFF, then read back with
  ``analyze(tiff)``. CER (analyzer.cer, whitespace-insensitive) of the OCR'd normalized text
  against the typeset text, micro-averaged over characters; citation P/R/F1 of the OCR run
  against ``analyze(txt)`` restricted to the paragraphs typeset (keys: normalized symbol,
  or name for citations by name only).
* Throughput: ``ingest(pdf, ocr="auto", workers=w)`` on the scanned NQ-19-2026-NQ-CP.pdf
  (80 pages), pages/min and Tesseract CPU seconds a page for each worker count, speed-up,
  peak RSS (each run in its own process: the Python process, one engine, and the process
  with its engines together, sampled from /proc). Wall times depend on what else runs on
  the machine: the CPU seconds a page do much less, and a probe (two CPU-bound processes
  side by side against one) tells how much parallelism the host gave at the time.

Only whole paragraphs are typeset, up to ``--doc-pages`` pages. Not a test: figures go in the
README and the notes. ``--accuracy`` / ``--throughput`` run one part only (default both).
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from common import REPO, best_of  # bench/common.py

SEEDS = sorted((REPO / "corpora" / "seeds").glob("*.txt"))
TEXTS = [  # varied levels: city/province plans, a decision, a Sở plan, a commune MTTQ plan
    "160_KH-UBND_CanTho_2025", "0134_KH-UBND_DakLak_2025", "141_KH-UBND_BacNinh_2025",
    "552_KH-UBND_DongThap_2025", "7360_KH-UBND_LaiChau_2025", "980_KH-UBND_NgheAn_2025",
    "2954_QĐ-UBND_SonLa_2025", "310_KH-UBND_HaNoi_2025",
    "khongso_KH-MTTQ-BTT_XaLuongMinh_20251210_TiepCongDan", "3957_KH-SCT_SoCongThuongLaoCai_2026",
]
SCAN = "NQ-19-2026-NQ-CP.pdf"
VIETNAMESE = ("ĂÂĐÊÔƠƯăâđêôơư" "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộ"
              "ỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ")


# --------------------------------------------------------------------------- fonts

def _fc_match(pattern: str) -> str | None:
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=30,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _covers(path: str, chars: str) -> bool:
    """Whether the font draws every char (Pillow has no cmap query: compare with .notdef)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(path, 24)

    def ink(ch: str) -> bytes:
        image = Image.new("L", (48, 48), 0)
        ImageDraw.Draw(image).text((8, 8), ch, font=font, fill=255)
        return image.tobytes()

    notdef = ink("\U000F0000")  # private use: never mapped in a text face
    return all(ink(c) != notdef for c in chars)


FACES = {"regular": ("Regular", ""), "bold": ("Bold", "-Bold"), "italic": ("Italic", "-Italic")}


def find_fonts() -> dict[str, str]:
    """Liberation Serif (Times metrics) when it has Vietnamese glyphs, else DejaVu Serif.
    fonts-liberation 1.x has no Vietnamese; fonts-liberation2 has, and fc-match returns
    whichever is installed, or DejaVu when neither is."""
    candidates = [_fc_match("Liberation Serif"),
                  "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
                  "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                  _fc_match("DejaVu Serif"), "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"]
    for regular in candidates:
        if not regular or not Path(regular).is_file() or not _covers(regular, VIETNAMESE):
            continue
        faces = {}
        for face, (liberation, dejavu) in FACES.items():
            name = Path(regular).name
            if "Liberation" in name:
                name = name.replace("Regular", liberation)
            else:
                name = name.replace(".ttf", f"{dejavu}.ttf")
            path = Path(regular).with_name(name)
            faces[face] = str(path) if path.is_file() else regular
        return faces
    raise SystemExit("no serif font with Vietnamese glyphs (apt-get install fonts-liberation2)")


# --------------------------------------------------------------------------- typesetting

DOC_TYPE_RE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|NGHỊ QUYẾT|HƯỚNG DẪN|CHỈ THỊ|THÔNG BÁO|BÁO CÁO|TỜ TRÌNH|"
                         r"ĐỀ ÁN|CHƯƠNG TRÌNH|QUY CHẾ|QUY ĐỊNH|CÔNG VĂN|KẾT LUẬN)\b")
QH_RE = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc", re.IGNORECASE)
DATE_RE = re.compile(r"^[^,]{0,40},?\s*ngày\b.*\bnăm\s*\d{4}\s*$")
LOCALITY_RE = re.compile(r"\s+(?=(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\s)")
BASIS_RE = re.compile(r"^(Căn cứ|Thực hiện|Triển khai|Theo|Xét|Để)\b")


def is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def split_header(paragraphs: list[str]) -> tuple[list[str], list[str], int]:
    """(left column lines, right column lines, paragraphs used) when the text opens with the
    issuer block and the Quốc hiệu; ([], [], 0) when it does not."""
    head = paragraphs[:10]
    end = next((i for i, p in enumerate(head) if DOC_TYPE_RE.match(p)), None)
    if end is None or not any(QH_RE.search(p) for p in head[:end]):
        return [], [], 0
    left, right = [], []
    for p in head[:end]:
        if QH_RE.search(p):
            right.extend(part.strip() for part in re.split(r"(?=Độc lập\s*-)", p) if part.strip())
        elif DATE_RE.match(p):
            right.append(p)
        else:
            left.append(p)
    return left, right, end


@dataclass
class Placed:
    page: int
    x: float
    baseline: float
    words: list[str]
    face: str
    pt: float
    gap: float  # space between words, px


@dataclass
class Block:
    """One paragraph of the source text (or the header), laid out as lines; ``text`` is what
    the block contributes to the reference, in reading order."""
    text: str
    paragraphs: int  # source paragraphs it covers
    lines: list[Placed] = field(default_factory=list)
    rules: list[tuple[int, float, float, float]] = field(default_factory=list)  # page, x0, x1, y


class Typesetter:
    def __init__(self, dpi: int, fonts: dict[str, str], body_pt: float = 13.0):
        from PIL import ImageFont

        self.dpi, self.fonts, self.body_pt = dpi, fonts, body_pt
        self.cm = dpi / 2.54
        self.width, self.height = round(21.0 * self.cm), round(29.7 * self.cm)
        self.left, self.right = 3.0 * self.cm, self.width - 2.0 * self.cm
        self.top, self.bottom = 2.0 * self.cm, self.height - 2.0 * self.cm
        self._truetype = ImageFont.truetype
        self._cache: dict = {}
        self.page, self.y = 0, self.top  # y: top of the next line

    def font(self, face: str, pt: float):
        key = (face, pt)
        if key not in self._cache:
            self._cache[key] = self._truetype(self.fonts[face], round(pt * self.dpi / 72))
        return self._cache[key]

    def px(self, pt: float) -> float:
        return pt * self.dpi / 72

    def wrap(self, text: str, face: str, pt: float, width: float, indent: float = 0.0) -> list[tuple[list[str], bool]]:
        """Greedy word wrap: (words, last line of the paragraph) per line."""
        font, lines, line = self.font(face, pt), [], []
        room = width - indent
        for word in text.split():
            trial = font.getlength(" ".join(line + [word]))
            if line and trial > room:
                lines.append((line, False))
                line, room = [], width
            while font.getlength(word) > room:  # an unbreakable run (URL, long symbol): cut it
                cut = max(1, int(len(word) * room / font.getlength(word)) - 1)
                lines.append(([word[:cut]], False))
                word = word[cut:]
            line.append(word)
        if line:
            lines.append((line, True))
        return lines

    def advance(self, height: float) -> tuple[int, float]:
        """Room for a line of ``height`` px: (page, baseline), breaking the page when full."""
        if self.y + height > self.bottom:
            self.page, self.y = self.page + 1, self.top
        baseline = self.y + height * 0.8
        self.y += height
        return self.page, baseline

    def paragraph(self, text: str, face: str = "regular", pt: float | None = None, align: str = "justify",
                  indent_cm: float = 1.0, before_pt: float = 0.0, after_pt: float = 6.0) -> Block:
        pt = pt or self.body_pt
        block, font = Block(text, 1), self.font(face, pt)
        space = font.getlength(" ")
        width = self.right - self.left
        indent = indent_cm * self.cm if align == "justify" else 0.0
        line_h = self.px(pt) * 1.3
        self.y += self.px(before_pt)
        for i, (words, last) in enumerate(self.wrap(text, face, pt, width, indent)):
            page, baseline = self.advance(line_h)
            x0 = self.left + (indent if i == 0 else 0.0)
            natural = font.getlength(" ".join(words))
            gap = space
            if align == "center":
                x0 = self.left + (width - natural) / 2
            elif align == "justify" and not last and len(words) > 1:
                room = self.right - x0
                stretched = (room - natural) / (len(words) - 1) + space
                gap = stretched if stretched < 4 * space else space
            block.lines.append(Placed(page, x0, baseline, words, face, pt, gap))
        self.y += self.px(after_pt)
        return block

    def header(self, left: list[str], right: list[str], paragraphs: int) -> Block:
        """Issuer block (left 40 %) beside Quốc hiệu, tiêu ngữ and date (right 60 %); "Số:" and
        the date on one baseline, as in Nghị định 30/2020/NĐ-CP."""
        block = Block("\n".join(left + right), paragraphs)
        width = self.right - self.left
        columns = {"left": (self.left - 1.0 * self.cm, self.left + 0.40 * width),
                   "right": (self.left + 0.40 * width, self.right + 0.5 * self.cm)}
        number = [p for p in left if p.startswith("Số")]
        issuer = [p for p in left if p not in number]
        if len(issuer) == 1:  # "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" is set on two lines, cut at the place
            issuer = [part for part in LOCALITY_RE.split(issuer[0], maxsplit=1) if part.strip()]
        date = [p for p in right if DATE_RE.match(p)]
        motto = [p for p in right if p not in date]
        bottoms = {}
        for side, items in (("left", issuer), ("right", motto)):
            x0, x1 = columns[side]
            y = self.top
            for k, text in enumerate(items):
                if side == "left":  # the superior body regular, the issuer itself bold
                    face, pt = ("bold" if k == len(items) - 1 or len(items) == 1 else "regular"), 12.5
                else:
                    face, pt = "bold", (12.0 if QH_RE.match(text) and text.isupper() else 13.0)
                font = self.font(face, pt)
                for words, _ in self.wrap(text, face, pt, x1 - x0):
                    y += self.px(pt) * 1.25
                    natural = font.getlength(" ".join(words))
                    block.lines.append(Placed(0, x0 + (x1 - x0 - natural) / 2, y - self.px(pt) * 0.25,
                                              words, face, pt, font.getlength(" ")))
            if items:  # the short rule under the issuer and under the tiêu ngữ
                mid, half = (x0 + x1) / 2, (0.12 if side == "left" else 0.2) * (x1 - x0)
                block.rules.append((0, mid - half, mid + half, y + self.px(4)))
            bottoms[side] = y + self.px(14)
        baseline = max(bottoms.values()) + self.px(13) * 1.25
        for side, items, face in (("left", number, "regular"), ("right", date, "italic")):
            x0, x1 = columns[side]
            font = self.font(face, 13)
            for text in items:
                natural = font.getlength(text)
                block.lines.append(Placed(0, x0 + (x1 - x0 - natural) / 2, baseline, text.split(), face, 13,
                                          font.getlength(" ")))
                baseline += self.px(13) * 1.3
        self.y = baseline + self.px(13) * 1.2
        return block

    def layout(self, paragraphs: list[str]) -> list[Block]:
        left, right, used = split_header(paragraphs)
        blocks = [self.header(left, right, used)] if used else []
        in_title = True  # title zone: from the document type to the first basis or body line
        for text in paragraphs[used:]:
            if in_title and (BASIS_RE.match(text) or (len(text) > 300 and not is_caps(text))):
                in_title = False
            if in_title and (DOC_TYPE_RE.match(text) or is_caps(text) or len(text) < 250):
                first = not blocks or blocks[-1].lines == [] or DOC_TYPE_RE.match(text)
                blocks.append(self.paragraph(text, "bold", 14, "center", before_pt=10 if first else 0, after_pt=3))
            elif re.match(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ)\s*:$", text) or (is_caps(text) and len(text) < 90 and
                                                                      not re.match(r"^[IVXLC]+\.", text)):
                blocks.append(self.paragraph(text, "bold", 13, "center", before_pt=6))
            elif re.match(r"^[IVXLC]+\.\s", text) or (re.match(r"^\d+\.\s", text) and len(text) < 100) \
                    or re.match(r"^(Điều \d+\.|Nơi nhận)", text) and len(text) < 120:
                blocks.append(self.paragraph(text, "bold", before_pt=3))
            else:
                blocks.append(self.paragraph(text))
        return blocks

    def draw(self, blocks: list[Block], pages: int) -> list:
        from PIL import Image, ImageDraw

        images = [Image.new("L", (self.width, self.height), 255) for _ in range(pages)]
        draws = [ImageDraw.Draw(im) for im in images]
        for block in blocks:
            for line in block.lines:
                font, x = self.font(line.face, line.pt), line.x
                for word in line.words:
                    draws[line.page].text((x, line.baseline), word, font=font, fill=0, anchor="ls")
                    x += font.getlength(word) + line.gap
            for page, x0, x1, y in block.rules:
                draws[page].line([(x0, y), (x1, y)], fill=0, width=max(1, round(self.px(0.6))))
        number_font = self.font("regular", 13)
        for n, draw in enumerate(draws[1:], start=2):  # page numbers, top centre, from page 2
            draw.text((self.width / 2, 1.3 * self.cm), str(n), font=number_font, fill=0, anchor="ms")
        return images


def typeset(paragraphs: list[str], dpi: int, fonts: dict[str, str], max_pages: int) -> tuple[list, str, int]:
    """(page images, reference text in reading order, source paragraphs typeset): the whole
    paragraphs that fit on ``max_pages`` pages."""
    setter = Typesetter(dpi, fonts)
    kept, used = [], 0
    for block in setter.layout(paragraphs):
        if any(line.page >= max_pages for line in block.lines):
            break
        kept.append(block)
        used += block.paragraphs
    pages = 1 + max((line.page for b in kept for line in b.lines), default=0)
    return setter.draw(kept, pages), "\n".join(b.text for b in kept), used


# --------------------------------------------------------------------------- scanning

def degrade(image, rng, dpi: int):
    """A photocopied-then-scanned look: grey ink on grey paper, skew, blur, sensor noise, specks."""
    import numpy as np
    from PIL import Image, ImageFilter

    paper, ink = rng.uniform(222, 242), rng.uniform(35, 75)
    arr = ink + np.asarray(image, dtype=np.float32) / 255.0 * (paper - ink)
    angle = float(rng.uniform(0.5, 1.5) * rng.choice([-1.0, 1.0]))
    image = Image.fromarray(arr.round().astype(np.uint8)).rotate(
        angle, resample=Image.Resampling.BICUBIC, fillcolor=int(paper))
    image = image.filter(ImageFilter.GaussianBlur(radius=float(rng.uniform(0.5, 0.9)) * dpi / 300))
    arr = np.asarray(image, dtype=np.float32)
    arr += rng.normal(0.0, rng.uniform(6, 12), arr.shape).astype(np.float32)
    specks = rng.random(arr.shape, dtype=np.float32)
    density = 4e-4
    arr[specks < density / 2] = ink
    arr[specks > 1 - density / 2] = 255
    return Image.fromarray(np.clip(arr, 0, 255).round().astype(np.uint8)), angle


def save_tiff(images: list, path: Path, dpi: int) -> None:
    images[0].save(path, save_all=True, append_images=images[1:], compression="tiff_lzw", dpi=(dpi, dpi))


# --------------------------------------------------------------------------- scoring

def citation_keys(citations, strict: bool = False) -> set:
    keys = set()
    for c in citations:
        if c.symbol:
            key = ("symbol", c.symbol)
        elif c.name:
            key = ("name", " ".join(unicodedata.normalize("NFC", c.name).split()).casefold())
        else:
            continue
        keys.add(key + ((c.issued_date,) if strict else ()))
    return keys


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def squeeze(text: str) -> str:  # as analyzer.cer counts: NFC, no whitespace
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def base_letter(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


def confusions(hyp: str, ref: str, chars: Counter, words: Counter) -> None:
    """Character edits (ref -> hyp, '' for none) and 1:1 word substitutions, counted."""
    from rapidfuzz.distance import Levenshtein

    h, r = squeeze(hyp), squeeze(ref)
    for op in Levenshtein.editops(r, h):
        if op.tag == "replace":
            chars[(r[op.src_pos], h[op.dest_pos])] += 1
        elif op.tag == "delete":
            chars[(r[op.src_pos], "")] += 1
        else:
            chars[("", h[op.dest_pos])] += 1
    rw, hw = ref.split(), hyp.split()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, rw, hw, autojunk=False).get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            for a, b in zip(rw[i1:i2], hw[j1:j2]):
                words[(a, b)] += 1


# --------------------------------------------------------------------------- accuracy

def accuracy(args, fonts: dict[str, str], tmp: Path) -> dict:
    import numpy as np

    import analyzer
    from analyzer.cer import cer

    paths = SEEDS + [args.corpus / "text" / f"{name}.txt" for name in args.texts]
    paths = [p for p in paths if p.is_file()][: args.docs]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    results = {dpi: {"documents": []} for dpi in args.dpi}
    for index, path in enumerate(paths):
        original = analyzer.analyze(path)
        paragraphs = original.document.text.text.split("\n")
        for dpi in args.dpi:
            images, reference, used = typeset(paragraphs, dpi, fonts, args.doc_pages)
            cut = len("\n".join(paragraphs[:used]))
            expected = [c for c in original.citations if c.span[1] <= cut]
            rng = np.random.default_rng([args.seed, index, dpi])
            scans, angles = zip(*(degrade(im, rng, dpi) for im in images))
            tiff = (args.keep or tmp) / f"{path.stem}-{dpi}dpi.tif"
            save_tiff(list(scans), tiff, dpi)
            del images, scans
            cpu = children_cpu()
            elapsed, plan = best_of(1, lambda tiff=tiff: analyzer.analyze(tiff, workers=args.workers))
            cpu = children_cpu() - cpu
            text = plan.document.text.text
            distance = round(cer(text, reference) * len(squeeze(reference)))
            row = {"document": path.stem, "pages": len(angles), "paragraphs": used,
                   "skew_deg": [round(a, 2) for a in angles], "ref_chars": len(squeeze(reference)),
                   "ocr_chars": len(squeeze(text)), "edits": distance,
                   "cer": distance / max(1, len(squeeze(reference))), "seconds": elapsed, "ocr_cpu_s": cpu}
            for strict in (False, True):
                ref_keys, hyp_keys = citation_keys(expected, strict), citation_keys(plan.citations, strict)
                tp, fp, fn = len(ref_keys & hyp_keys), len(hyp_keys - ref_keys), len(ref_keys - hyp_keys)
                name = "citations_with_date" if strict else "citations"
                row[name] = {"tp": tp, "fp": fp, "fn": fn, "missed": sorted(map(str, ref_keys - hyp_keys)),
                             "spurious": sorted(map(str, hyp_keys - ref_keys))}
            chars, words = Counter(), Counter()
            confusions(text, reference, chars, words)
            row["_chars"], row["_words"] = chars, words
            results[dpi]["documents"].append(row)
            if args.keep:
                (args.keep / f"{path.stem}-reference.txt").write_text(reference + "\n", encoding="utf-8")
                (args.keep / f"{path.stem}-{dpi}dpi-ocr.txt").write_text(text + "\n", encoding="utf-8")
            else:
                tiff.unlink()
            c = row["citations"]
            print(f"  {dpi} dpi {path.stem[:48]:48} {row['pages']} p  CER {row['cer']:.2%}  "
                  f"citations {c['tp']}/{c['tp'] + c['fn']} (+{c['fp']})  {elapsed:.1f} s", flush=True)
    for dpi, result in results.items():
        docs = result["documents"]
        chars, words = Counter(), Counter()
        for row in docs:
            chars.update(row.pop("_chars"))
            words.update(row.pop("_words"))
        totals = {k: sum(row[k] for row in docs) for k in ("pages", "ref_chars", "edits", "seconds", "ocr_cpu_s")}
        totals["docs"] = len(docs)
        totals["cer"] = totals["edits"] / max(1, totals["ref_chars"])
        totals["pages_per_min"] = 60 * totals["pages"] / totals["seconds"] if totals["seconds"] else 0.0
        totals["ocr_cpu_s_per_page"] = totals["ocr_cpu_s"] / max(1, totals["pages"])
        for name in ("citations", "citations_with_date"):
            tp, fp, fn = (sum(row[name][k] for row in docs) for k in ("tp", "fp", "fn"))
            p, r, f = prf(tp, fp, fn)
            totals[name] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
        subs = [(a, b, n) for (a, b), n in chars.items() if a and b]
        diacritic = sum(n for a, b, n in subs if base_letter(a) == base_letter(b))
        totals["substitutions"] = sum(n for _, _, n in subs)
        totals["diacritic_only_substitutions"] = diacritic
        totals["deletions"] = sum(n for (a, b), n in chars.items() if not b)
        totals["insertions"] = sum(n for (a, b), n in chars.items() if not a)
        result["totals"] = totals
        result["char_confusions"] = [[a, b, n] for (a, b), n in chars.most_common(25)]
        result["word_confusions"] = [[a, b, n] for (a, b), n in words.most_common(25)]
    return {str(dpi): r for dpi, r in results.items()}


def print_accuracy(results: dict, args, fonts: dict[str, str]) -> None:
    print(f"\nOCR accuracy, synthetic scans ({Path(fonts['regular']).stem}, 13 pt, A4; "
          f"≤ {args.doc_pages} pages a document; seed {args.seed}; workers {args.workers or 'default'})\n")
    print("| dpi | docs | pages | ref chars | CER (micro) | cit. P | cit. R | cit. F1 | F1 with date | pages/min "
          "| tesseract CPU s/page |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for dpi, r in results.items():
        t, c, d = r["totals"], r["totals"]["citations"], r["totals"]["citations_with_date"]
        print(f"| {dpi} | {t['docs']} | {t['pages']} | {t['ref_chars']:,} | {t['cer']:.2%} | {c['precision']:.3f} | "
              f"{c['recall']:.3f} | {c['f1']:.3f} | {d['f1']:.3f} | {t['pages_per_min']:.1f} | {t['ocr_cpu_s_per_page']:.2f} |")
    dpis = list(results)
    print("\n| document | pages | ref chars | citations | " + " | ".join(f"CER {d}" for d in dpis) + " | "
          + " | ".join(f"cit. F1 {d}" for d in dpis) + " |")
    print("|---" * (4 + 2 * len(dpis)) + "|")
    for i, row in enumerate(results[dpis[0]]["documents"]):
        rows = [results[d]["documents"][i] for d in dpis]
        cits = [prf(x["citations"]["tp"], x["citations"]["fp"], x["citations"]["fn"])[2] for x in rows]
        print(f"| {row['document']} | {row['pages']} | {row['ref_chars']:,} | "
              f"{row['citations']['tp'] + row['citations']['fn']} | " + " | ".join(f"{x['cer']:.2%}" for x in rows)
              + " | " + " | ".join(f"{f:.2f}" for f in cits) + " |")
    for dpi, r in results.items():
        t = r["totals"]
        print(f"\n{dpi} dpi edits: {t['substitutions']} substitutions ({t['diacritic_only_substitutions']} differ only "
              f"in diacritics), {t['deletions']} deletions, {t['insertions']} insertions")
        print("  characters (ref→ocr): " + ", ".join(f"{a or '∅'}→{b or '∅'} {n}" for a, b, n in r["char_confusions"][:15]))
        print("  words (ref→ocr): " + ", ".join(f"{a}→{b} {n}" for a, b, n in r["word_confusions"][:15]))
        missed = Counter(m for row in r["documents"] for m in row["citations"]["missed"])
        spurious = Counter(m for row in r["documents"] for m in row["citations"]["spurious"])
        if missed or spurious:
            print("  citations missed: " + "; ".join(k for k, _ in missed.most_common(8)))
            print("  citations spurious: " + "; ".join(k for k, _ in spurious.most_common(8)))


# --------------------------------------------------------------------------- throughput

class MemorySampler(threading.Thread):
    """Peak resident memory of this process plus its live children (the Tesseract engines),
    and the largest one engine's own peak (VmHWM), read from /proc every 50 ms. Linux only.
    ru_maxrss is no use here: a process forked from a large one starts from its parent's
    high-water mark."""

    def __init__(self):
        super().__init__(daemon=True)
        self.total_kb, self.engine_kb, self.done = 0, 0, threading.Event()

    @staticmethod
    def _status(pid: int | str) -> dict[str, int]:
        fields = {}
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    fields[line[:5]] = int(line.split()[1])
        return fields

    def sample(self) -> None:
        me, total = os.getpid(), 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                if int(entry) != me and ppid != me:
                    continue
                status = self._status(entry)
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile
            total += status.get("VmRSS", 0)
            if int(entry) != me:
                self.engine_kb = max(self.engine_kb, status.get("VmHWM", 0))
        self.total_kb = max(self.total_kb, total)

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.sample()


def throughput_child(args) -> None:
    """One timed ingest in this fresh process; prints its figures as one JSON line."""
    from analyzer.ingest import ingest

    workers = args.throughput_child
    sampler = MemorySampler() if Path("/proc/self/status").exists() else None
    if sampler:
        sampler.start()
    elapsed, source = best_of(args.repeat, lambda: ingest(args.pdf, ocr="auto", workers=workers))
    if sampler:
        sampler.done.set()
        sampler.join()
    print(json.dumps({
        "workers": workers, "pages": len(source.pages), "ocr_pages": len(source.ocr_pages), "seconds": elapsed,
        "chars": sum(len(p.text) for p in source.pages),
        # VmHWM, not ru_maxrss: a child forked from a large parent inherits its high-water mark
        "max_rss_python_mb": (MemorySampler._status("self")["VmHWM"] if sampler else
                              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024,
        "max_rss_one_engine_mb": sampler.engine_kb / 1024 if sampler else None,
        "max_rss_total_mb": sampler.total_kb / 1024 if sampler else None,
        "ocr_cpu_s": children_cpu() / args.repeat,
    }))


def children_cpu() -> float:
    """CPU seconds of the finished child processes (the Tesseract engines): unlike wall time,
    barely moved by other load on the machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_BURN = "s = 0\nfor i in range(25_000_000): s += i"


def parallel_ceiling() -> float:
    """How much faster two CPU-bound processes finish side by side than one after the other,
    right now: the most ``workers=2`` can gain here (a shared or throttled host gives < 2)."""
    def run(n: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _BURN]) for _ in range(n)]
        for p in procs:
            p.wait()
        return time.perf_counter() - start

    one, two = run(1), run(2)
    return 2 * one / two


def throughput(args, tmp: Path) -> dict:
    import pypdfium2

    pdf = args.pdf
    source = pypdfium2.PdfDocument(str(pdf))
    total = len(source)
    pages = min(args.pages or total, total)
    if pages < total:
        subset = pypdfium2.PdfDocument.new()
        subset.import_pages(source, list(range(pages)))
        pdf = tmp / f"{args.pdf.stem}-first{pages}.pdf"
        subset.save(str(pdf))
        subset.close()
    source.close()
    runs, ceiling, load = [], parallel_ceiling(), os.getloadavg()[0]
    print(f"  two CPU-bound processes side by side: {ceiling:.2f}x one; load average {load:.2f}", flush=True)
    for workers in args.tp_workers:
        command = [sys.executable, str(Path(__file__).resolve()), "--throughput-child", str(workers),
                   "--pdf", str(pdf), "--repeat", str(args.repeat)]
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              env=dict(os.environ, PYTHONPATH=str(REPO)))
        if done.returncode != 0:
            raise SystemExit(f"throughput run with {workers} workers failed:\n{done.stderr[-2000:]}")
        run = json.loads(done.stdout.strip().splitlines()[-1])
        run["pages_per_min"] = 60 * run["ocr_pages"] / run["seconds"]
        run["load_average_after"] = os.getloadavg()[0]
        runs.append(run)
        print(f"  workers {workers}: {run['ocr_pages']} pages OCR'd in {run['seconds']:.1f} s", flush=True)
    for run in runs:
        run["speedup_vs_first"] = runs[0]["seconds"] / run["seconds"]
    return {"pdf": str(args.pdf), "pages_in_pdf": total, "pages": pages, "runs": runs,
            "parallel_ceiling": ceiling, "load_average_before": load}


def print_throughput(result: dict) -> None:
    print(f"\nOCR throughput: {Path(result['pdf']).name}, {result['pages']} of {result['pages_in_pdf']} scanned pages, "
          f"ingest(ocr='auto'), 300 dpi, {os.cpu_count()} cores; two CPU-bound processes side by side ran "
          f"{result['parallel_ceiling']:.2f}x one (load average before {result['load_average_before']:.2f})\n")
    print("| workers | pages | seconds | pages/min | s/page | speed-up | tesseract CPU s/page | peak RSS: Python "
          "| one tesseract | all together |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in result["runs"]:
        print(f"| {r['workers']} | {r['ocr_pages']} | {r['seconds']:.1f} | {r['pages_per_min']:.1f} | "
              f"{r['seconds'] / max(1, r['ocr_pages']):.2f} | {r['speedup_vs_first']:.2f}x | "
              f"{r['ocr_cpu_s'] / max(1, r['ocr_pages']):.2f} | "
              f"{r['max_rss_python_mb']:.0f} MB | {mb(r['max_rss_one_engine_mb'])} | {mb(r['max_rss_total_mb'])} |")


def mb(value: float | None) -> str:
    return "?" if value is None else f"{value:.0f} MB"


# --------------------------------------------------------------------------- main

def parse_arguments() -> argparse.Namespace:
    doc = __doc__.split("\n\n")
    parser = argparse.ArgumentParser(description=doc[0], epilog="\n\n".join(doc[2:]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs of each throughput measure (best of)")
    parser.add_argument("--accuracy", action="store_true", help="run the accuracy part only")
    parser.add_argument("--throughput", action="store_true", help="run the throughput part only")
    parser.add_argument("--doc-pages", type=int, default=3, help="pages typeset per document (default 3)")
    parser.add_argument("--dpi", type=int, nargs="+", default=[200, 300])
    parser.add_argument("--texts", nargs="+", default=TEXTS, metavar="NAME",
                        help="corpus text stems to typeset besides the seeds")
    parser.add_argument("--docs", type=int, default=None, help="at most this many documents (seeds first)")
    parser.add_argument("--workers", type=int, default=None, help="OCR workers in the accuracy part (default: cores)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf", type=Path, default=None, help=f"scanned PDF for throughput (default corpus/pdf/{SCAN})")
    parser.add_argument("--pages", type=int, default=None, help="throughput on the first N pages (default all)")
    parser.add_argument("--tp-workers", type=int, nargs="+", default=[1, 2], help="worker counts to time")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 documents x 1 page, 5 scanned pages")
    parser.add_argument("--keep", type=Path, default=None, help="keep TIFFs, reference and OCR texts here")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    parser.add_argument("--throughput-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.pdf = args.pdf or args.corpus / "pdf" / SCAN
    if args.quick:
        args.doc_pages, args.docs, args.pages = 1, 2, 5
        args.texts = args.texts[:1]
    return args


def main() -> None:
    args = parse_arguments()
    if args.throughput_child is not None:
        return throughput_child(args)
    both = not (args.accuracy or args.throughput)
    started = time.perf_counter()
    tesseract = subprocess.run(["tesseract", "--version"], capture_output=True, text=True,
                               check=False).stdout.split("\n")[0]
    results: dict = {"python": sys.version.split()[0], "tesseract": tesseract, "cores": os.cpu_count(),
                     "arguments": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
                                   if k != "throughput_child"}}
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-ocr-") as tmp:
        if both or args.accuracy:
            fonts = find_fonts()
            results["fonts"] = fonts
            print(f"accuracy: typesetting with {fonts['regular']}", flush=True)
            results["load_average_before_accuracy"] = os.getloadavg()[0]
            results["accuracy"] = accuracy(args, fonts, Path(tmp))
        if (both or args.throughput) and args.pdf.is_file():
            print(f"throughput: {args.pdf}", flush=True)
            results["throughput"] = throughput(args, Path(tmp))
        elif both or args.throughput:
            print(f"(no {args.pdf}: no throughput measure)")
    results["seconds"] = time.perf_counter() - started
    results["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if "accuracy" in results:
        print_accuracy(results["accuracy"], args, results["fonts"])
    if "throughput" in results:
        print_throughput(results["throughput"])
    print(f"\nrun time {results['seconds'] / 60:.1f} min; this process's max RSS {results['max_rss_mb']:.0f} MB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
