"""The command line: analyze output, batches, and one clear line for every bad input."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from analyzer.render import schema
from cli import app
from tests.conftest import HOANG_CAT, LUC_NAM, corpus_path

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def _assert_one_clear_line(result, fragment: str):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert fragment in lines[0]


def test_cli_analyze_json_validates_against_contract():
    result = _run("analyze", str(HOANG_CAT), "--format", "json", "--with-text")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, schema())
    assert data["schema_version"] == "1"
    assert data["document"]["issuer"]["name"] == "Ủy ban nhân dân xã Hoằng Cát"
    assert [s["label"] for s in data["sections"]] == ["I", "II", "III", "III"]
    assert data["activities"]  # tests/activities checks what they hold
    assert data["citations"] and data["units"] and data["targets"]
    # Provenance: every item's span quotes its text in the normalized text.
    text = data["text"]
    for item in data["citations"] + data["deadlines"] + data["targets"] + data["activities"]:
        assert text[item["span"][0]:item["span"][1]] == item["text"]
    for unit in data["units"]:
        for mention in unit["mentions"]:
            assert text[mention["span"][0]:mention["span"][1]] == mention["text"]
    start, end = data["document"]["spans"]["title"]
    assert data["text"][start:end] == data["document"]["title"]


@pytest.mark.parametrize("fmt,needle", [("md", "## Bố cục"), ("text", "Cơ quan ban hành: Ủy ban nhân dân huyện Lục Nam")])
def test_cli_analyze_other_formats(fmt, needle):
    result = _run("analyze", str(LUC_NAM), "--format", fmt)
    assert result.exit_code == 0 and needle in result.output


def test_cli_folder_batch_continues_past_a_bad_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HOANG_CAT, folder / "a.txt")
    (folder / "sub").mkdir()
    shutil.copy(LUC_NAM, folder / "sub" / "b.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    out = tmp_path / "out"
    result = _run("analyze", str(folder), "--format", "json", "--output", str(out))
    assert result.exit_code == 1
    assert (out / "a.json").exists() and (out / "sub" / "b.json").exists()
    assert "broken.pdf" in result.output and "Traceback" not in result.output
    jsonschema.validate(json.loads((out / "sub" / "b.json").read_text(encoding="utf-8")), schema())


def test_cli_output_dir_never_overwrites_same_named_inputs(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    shutil.copy(HOANG_CAT, tmp_path / "x" / "plan.txt")
    shutil.copy(LUC_NAM, tmp_path / "y" / "plan.txt")
    out = tmp_path / "out"
    result = _run("analyze", str(tmp_path / "x" / "plan.txt"), str(tmp_path / "y" / "plan.txt"),
                  "--format", "json", "--output", str(out))
    assert result.exit_code == 0, result.output
    titles = {json.loads(p.read_text(encoding="utf-8"))["document"]["title"] for p in out.glob("*.json")}
    assert len(titles) == 2


def test_cli_bad_input_missing_path(tmp_path):
    _assert_one_clear_line(_run("analyze", str(tmp_path / "nope.pdf")), "không tìm thấy")


def test_cli_bad_input_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _assert_one_clear_line(_run("analyze", str(path)), "tệp rỗng")


def test_cli_bad_input_binary_junk(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)
    _assert_one_clear_line(_run("analyze", str(path)), "nhị phân")


def test_cli_bad_input_truncated_pdf(tmp_path):
    data = corpus_path("pdf", "QD-1074-QD-BXD-29-6-2026.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    result = _run("analyze", str(path))
    _assert_one_clear_line(result, "PDF")


def test_cli_bad_input_corrupt_pdf(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(3000))
    _assert_one_clear_line(_run("analyze", str(path)), "bị hỏng")


def _encrypted_pdf() -> bytes:
    """A minimal PDF with a Standard security handler whose user password is not empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R "
            f"/ID [<{'ab' * 16}> <{'ab' * 16}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def test_cli_bad_input_encrypted_pdf(tmp_path):
    path = tmp_path / "secret.pdf"
    path.write_bytes(_encrypted_pdf())
    _assert_one_clear_line(_run("analyze", str(path)), "mật khẩu")


def test_cli_bad_input_unsupported_extension(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    _assert_one_clear_line(_run("analyze", str(path)), "chưa được hỗ trợ")


def test_cli_bad_input_size_limit():
    _assert_one_clear_line(_run("analyze", str(HOANG_CAT), "--max-size", "0.001"), "quá lớn")


def test_cli_bad_input_corrupt_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(500))
    _assert_one_clear_line(_run("analyze", str(path)), ".docx")


def test_cli_doc_without_libreoffice_says_what_to_install(monkeypatch):
    from analyzer.ingest import doc

    monkeypatch.setattr(doc, "soffice_binary", lambda: None)
    path = corpus_path("doc", "CV-tu-choi-TKBVTC-da-hoa-LangLanhII.doc")
    _assert_one_clear_line(_run("analyze", str(path)), "libreoffice")


def test_cli_doc_converted_with_libreoffice():
    from analyzer.ingest import doc

    if doc.soffice_binary() is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    path = corpus_path("doc", "CV-tu-choi-TKBVTC-da-hoa-LangLanhII.doc")
    result = _run("analyze", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"]["format"] == "doc"
    assert data["document"]["symbol"] == "/SCT-CN" and data["document"]["doc_type"] == "CV"
    assert data["document"]["issuer"]["name"] == "Sở Công Thương tỉnh Lào Cai"


def test_cli_installed_console_script_finds_its_data(tmp_path):
    """`pip install .` (not editable) must give a working `kehoach` with its data files."""
    script = Path(sys.executable).parent / "kehoach"
    if not script.exists():
        pytest.skip("the kehoach console script is not installed in this environment (run make test)")
    result = subprocess.run([str(script), "analyze", str(HOANG_CAT), "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["document"]["doc_type"] == "KH"


def test_cli_image_with_ocr_never_fails_in_one_line(tmp_path):
    from PIL import Image

    from cli import app

    image = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(image)
    result = CliRunner().invoke(app, ["analyze", str(image), "--ocr", "never"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "tesseract-ocr-vie" in result.output
