"""kehoach command line: parse arguments, call analyzer functions, render. No logic here."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import track
from rich.table import Table

import analyzer
from analyzer.errors import KehoachError
from analyzer.ingest import SUPPORTED
from analyzer.render import to_dict, to_markdown, to_text

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="kehoach: phân tích kế hoạch hành chính tiếng Việt (Kế hoạch, Quyết định, Công văn...).",
)
err = Console(stderr=True, soft_wrap=True, highlight=False)
out = Console(highlight=False, soft_wrap=True)


class Format(str, Enum):
    json = "json"
    md = "md"
    text = "text"
    spacy = "spacy"  # a DocBin of spaCy Docs with the items as spans (analyzer.nlp)
    html = "html"  # a standalone page: highlighted text and a side panel


_EXTENSIONS = {Format.json: ".json", Format.md: ".md", Format.text: ".txt", Format.spacy: ".spacy", Format.html: ".html"}


def _collect(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]], dict[Path, Path]]:
    """Files to analyze (folders walked recursively), paths that do not exist, and each
    file's path relative to the folder it was found in (to mirror it under --output)."""
    files: list[Path] = []
    missing: list[tuple[Path, str]] = []
    relative: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            files.extend(found)
            relative.update({p: p.relative_to(path) for p in found})
        elif path.exists():
            files.append(path)
            relative[path] = Path(path.name)
        else:
            missing.append((path, KehoachError("E001", path).message))
    return files, missing, relative


def _target(output: Path, relative: Path, suffix: str, used: set[Path]) -> Path:
    """Where a result goes: the input's relative path mirrored, never overwriting another
    result of the same run (two inputs may share a name)."""
    target = output / relative.with_suffix(suffix)
    n = 2
    while target in used:
        target = output / relative.with_name(f"{relative.stem}-{n}{suffix}")
        n += 1
    used.add(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


class OcrMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _page_progress(results, total: int):
    """A progress bar over OCR'd pages (one file: a batch has its own bar over files)."""
    return track(results, total=total, description="Đang OCR", console=err, transient=True)


def _render(plan, fmt: Format, with_text: bool, doc=None) -> str:
    if fmt is Format.html:
        from analyzer.render_html import to_html

        return to_html(plan, doc)
    if fmt is Format.json:
        return json.dumps(to_dict(plan, with_text), ensure_ascii=False, indent=2)
    if fmt is Format.md:
        return to_markdown(plan)
    return to_text(plan)


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục (đọc đệ quy).", show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Định dạng kết quả.")] = Format.text,
    with_text: Annotated[bool, typer.Option("--with-text", help="Kèm văn bản đã chuẩn hóa (JSON).")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Tệp hoặc thư mục ghi kết quả.")] = None,
    max_size: Annotated[float, typer.Option("--max-size", help="Giới hạn kích thước tệp (MB).")] = 200,
    debug: Annotated[bool, typer.Option("--debug", help="Hiện traceback khi có lỗi nội bộ.")] = False,
    ocr: Annotated[OcrMode, typer.Option("--ocr", help="auto: OCR các trang quét/hỏng lớp chữ; always: mọi trang PDF; never: không OCR.")] = OcrMode.auto,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Số tiến trình Tesseract chạy song song (mặc định: số lõi CPU).")] = None,
    ocr_output: Annotated[Optional[Path], typer.Option("--ocr-output", help="Thư mục ghi bản PDF có lớp chữ OCR (tìm kiếm được).")] = None,
) -> None:
    """Phân tích văn bản: tiêu đề, số ký hiệu, cơ quan ban hành, ngày, bố cục, nơi nhận, người ký."""
    files, missing, relative = _collect(paths)
    used: set[Path] = set()
    written = 0
    failures = list(missing)
    many = len(files) > 1 or any(p.is_dir() for p in paths)
    to_dir = output is not None and (output.is_dir() or (many and output.suffix == ""))
    if fmt is Format.spacy and output is None:
        err.print("--format spacy ghi tệp nhị phân (DocBin): hãy cho --output TỆP.spacy hoặc --output THƯ_MỤC.", markup=False)
        raise typer.Exit(code=2)
    if fmt is Format.html and many and not to_dir:
        err.print("--format html với nhiều tệp: hãy cho --output THƯ_MỤC (mỗi văn bản một trang).", markup=False)
        raise typer.Exit(code=2)
    docs = []  # --format spacy into one file: every document in one DocBin
    if to_dir:
        output.mkdir(parents=True, exist_ok=True)
    elif output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
    rendered: list[str] = []
    iterator = track(files, description="Đang phân tích", console=err, transient=True) if len(files) > 1 else files
    for path in iterator:
        try:
            searchable = ocr_output / relative[path].with_suffix(".ocr.pdf") if ocr_output else None
            plan = analyzer.analyze(path, max_bytes=int(max_size * 2**20), ocr=ocr.value, workers=workers,
                                    progress=_page_progress if len(files) == 1 else None, searchable=searchable)
            doc = analyzer.plan_doc(plan) if fmt in (Format.spacy, Format.html) else None
        except KehoachError as exc:
            failures.append((path, exc.message))
            continue
        except Exception as exc:  # a bug must not stop a batch or print a traceback
            if debug:
                raise
            failures.append((path, f"{path}: lỗi nội bộ khi phân tích ({type(exc).__name__}: {str(exc)[:100]}). "
                                   "Hãy báo lỗi kèm tệp này."))
            continue
        if to_dir:
            target = _target(output, relative[path], _EXTENSIONS[fmt], used)
            if fmt is Format.spacy:
                analyzer.to_docbin([doc]).to_disk(target)
            else:
                target.write_text(_render(plan, fmt, with_text, doc) + "\n", encoding="utf-8")
            written += 1
        elif fmt is Format.spacy:
            docs.append(doc)
        elif fmt is Format.json and many:
            rendered.append(json.dumps(to_dict(plan, with_text), ensure_ascii=False))
        else:
            rendered.append(_render(plan, fmt, with_text, doc))
    if docs:
        analyzer.to_docbin(docs).to_disk(output)
        err.print(f"Đã ghi {len(docs)} văn bản (spaCy DocBin) vào {output}", markup=False)
    if rendered:
        joined = "\n".join(rendered) if fmt is Format.json else "\n\n".join(rendered)
        if output is not None and not to_dir:
            output.write_text(joined + "\n", encoding="utf-8")
        else:
            out.print(joined, markup=False)
    if to_dir:
        err.print(f"Đã ghi {written} kết quả vào {output}/", markup=False)
    if failures:
        if len(files) + len(missing) > 1:
            err.print(f"{len(failures)} tệp không phân tích được:", markup=False)
        for _, message in failures:
            err.print(message, markup=False)
        raise typer.Exit(code=1)


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Thư mục gold (*.json).", exists=True, file_okay=False)],
    corpus: Annotated[Optional[Path], typer.Option(help="Thư mục kho văn bản chung.")] = None,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="Liệt kê từng sai khác.")] = False,
    against: Annotated[Optional[Path], typer.Option(
        help="Thư mục chú giải thứ hai (cùng tên tệp): đo độ đồng thuận giữa hai người chú giải thay vì đo bộ phân tích.",
        exists=True, file_okay=False)] = None,
    split: Annotated[str, typer.Option(
        help="Kho hoạt động (*.jsonl): đo trên phần 'test' (văn bản giữ lại) hay 'all' (mọi văn bản).")] = "test",
) -> None:
    """Đo độ chính xác của kết quả phân tích so với chú giải gold (*.json), hoặc của mô hình phân
    loại hoạt động trên một kho hoạt động (*.jsonl, như corpora/activities)."""
    from analyzer.activities.evaluate import is_activity_corpus
    from analyzer.evaluate import agreement
    from analyzer.evaluate import evaluate as run_evaluation

    corpus = corpus or _default_corpus(gold_dir)
    if is_activity_corpus(gold_dir) and against is None:
        _evaluate_activities(gold_dir, corpus, split, show_errors)
        return
    if not any(gold_dir.glob("*.json")):
        err.print(KehoachError("E020", gold_dir, detail="thư mục không có tệp *.json hay *.jsonl").message, markup=False)
        raise typer.Exit(code=1)

    def analyze_dict(path: Path) -> dict:
        try:
            return to_dict(analyzer.analyze(path))
        except KehoachError as exc:
            err.print(exc.message, markup=False)
            return {"document": {}, "sections": []}

    try:
        if against is not None:
            report = agreement(gold_dir, against)
        else:
            report = run_evaluation(gold_dir, analyze_dict, corpus,
                                    progress=lambda xs: track(xs, description="Đang đánh giá", console=err, transient=True))
    except KehoachError as exc:
        err.print(exc.message, markup=False)
        raise typer.Exit(code=1) from None
    table = Table(title=f"kehoach evaluate: {report.documents} văn bản")
    for col in ("trường", "n", "accuracy", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col != "trường" else "left")
    fmt = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
    for name, score in report.scores.items():
        if not score.total:
            continue
        if score.tp or score.fp or score.fn:
            table.add_row(name, str(score.total), fmt(score.accuracy), fmt(score.precision), fmt(score.recall), fmt(score.f1))
        else:
            table.add_row(name, str(score.total), fmt(score.accuracy), "", "", "")
    out.print(table)
    for line in report.skipped:
        err.print(f"bỏ qua {line}", markup=False)
    if show_errors:
        for name, score in report.scores.items():
            for line in score.errors:
                out.print(f"[{name}] {line}", markup=False)


def _evaluate_activities(folder: Path, corpus: Optional[Path], split: str, show_errors: bool) -> None:
    from analyzer.activities.corpus import SHARED_TEXT
    from analyzer.activities.evaluate import evaluate_activities, rows

    if split not in ("test", "all"):
        err.print(f"--split phải là 'test' hoặc 'all' (nhận '{split}').", markup=False)
        raise typer.Exit(code=2)
    try:
        with err.status("Đang đánh giá mô hình hoạt động"):
            report = evaluate_activities(folder, corpus / "text" if corpus else SHARED_TEXT, split)
    except KehoachError as exc:
        err.print(exc.message, markup=False)
        raise typer.Exit(code=1) from None
    table = Table(title=f"kehoach evaluate (hoạt động, phần {split}): {len(report.documents)} văn bản")
    for col in ("đo", "n", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col != "đo" else "left")
    fmt = lambda v: "" if v is None else f"{v:.3f}"  # noqa: E731
    for name, n, precision, recall, f1 in rows(report):
        table.add_row(name, str(n), fmt(precision), fmt(recall), fmt(f1))
    out.print(table)
    low, high = report.interval
    out.print(f"F1 vi mô (mục) {report.metrics['item']['micro_f1']:.3f}; khoảng 95% khi lấy mẫu lại các mục: "
              f"{low:.3f}–{high:.3f}.", markup=False, highlight=False)
    if split == "all":
        err.print("Phần 'all' gồm cả văn bản huấn luyện: số đo đó lạc quan.", markup=False)
    if report.unread:
        err.print(f"Chưa đo {len(report.unread)} văn bản vì không tìm thấy văn bản gốc (cần kho văn bản chung, "
                  f"--corpus ../shared/corpus): {', '.join(report.unread)}", markup=False)
    if show_errors:
        for stem, text, gold, predicted in report.errors:
            out.print(f"[{stem}] gold={','.join(gold) or '-'} dự đoán={','.join(predicted) or '-'}: {text[:120]}",
                      markup=False, highlight=False)


def _default_corpus(gold_dir: Path) -> Optional[Path]:
    for candidate in (gold_dir.resolve().parent.parent.parent / "shared" / "corpus", Path("../shared/corpus")):
        if candidate.is_dir():
            return candidate
    return None


train_app = typer.Typer(no_args_is_help=True, help="Huấn luyện lại các mô hình (models/) từ kho ngữ liệu (corpora/).")
app.add_typer(train_app, name="train")


@train_app.command("activities")
def train_activities(
    seed: Annotated[int, typer.Option(help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng mô hình).")] = 0,
    corpus: Annotated[Optional[Path], typer.Option(help="Thư mục chú giải hoạt động (mặc định corpora/activities).")] = None,
    shared: Annotated[Optional[Path], typer.Option(help="Kho văn bản chung (mặc định ../shared/corpus).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Thư mục ghi mô hình (mặc định models/activities).")] = None,
) -> None:
    """Huấn luyện bộ phân loại loại hoạt động, đánh giá trên các văn bản giữ lại, ghi MODEL_CARD.md."""
    from analyzer.activities import corpus as activity_corpus
    from analyzer.activities.train import train_activities as run

    corpus = corpus or activity_corpus.CORPUS
    shared_text = (shared / "text") if shared else activity_corpus.SHARED_TEXT
    output = output or activity_corpus.REPO / "models" / "activities"
    try:
        metrics = run(output, seed=seed, corpus=corpus, shared_text=shared_text,
                      progress=lambda step: err.print(f"… {step}", markup=False))
    except KehoachError as exc:
        err.print(exc.message, markup=False)
        raise typer.Exit(code=1) from None
    held = metrics["held_out"]
    if held:
        out.print(f"Văn bản giữ lại: {held['documents']} văn bản, {held['items']} mục. "
                  f"F1 vi mô (mục) {held['item']['micro_f1']:.3f}, F1 vĩ mô {held['item']['macro_f1']:.3f}, "
                  f"F1 vi mô (văn bản) {held['document']['micro_f1']:.3f}.", markup=False)
    out.print(f"Đã ghi mô hình và MODEL_CARD.md vào {output}/", markup=False)


@train_app.command("ocr-lm")
def train_ocr_lm(
    shared: Annotated[Optional[Path], typer.Option(help="Kho văn bản chung (mặc định ../shared/corpus).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Tệp ghi mô hình (mặc định analyzer/data/syllable_lm.tsv.gz).")] = None,
) -> None:
    """Đếm âm tiết và cặp âm tiết của các văn bản text/ (trừ các văn bản giữ lại) cho bộ sửa âm tiết sau OCR."""
    from analyzer.normalize.syllable_lm import build, default_output

    text_dir = (shared or Path(__file__).resolve().parent.parent / "shared" / "corpus") / "text"
    if not text_dir.is_dir():
        err.print(f"Không thấy thư mục văn bản {text_dir}", markup=False)
        raise typer.Exit(code=1)
    result = build(text_dir, output or default_output())
    out.print(f"{result['texts']} văn bản, {result['syllables']} âm tiết ({result['distinct']} khác nhau), "
              f"{result['pairs']} cặp; đã ghi {result['output']} ({result['bytes']} byte).", markup=False)


@app.command()
def version() -> None:
    """In phiên bản."""
    out.print(f"kehoach {analyzer.__version__} (schema {analyzer.SCHEMA_VERSION})")


def main() -> None:  # pragma: no cover - console-script entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
