"""Legacy Word .doc: converted to .docx by LibreOffice headless, then read as DOCX."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import KehoachError
from ..models import Page
from .docx import read_docx

_TIMEOUT_S = 120


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path | str, data: bytes) -> list[Page]:
    if not data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2 compound file signature
        if data.startswith(b"PK"):
            return read_docx(path, data)  # a .docx saved with a .doc name
        raise KehoachError("E010", path, detail="không phải tệp Word 97-2003")
    binary = soffice_binary()
    if binary is None:
        raise KehoachError("E009", path)
    with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        try:
            subprocess.run(
                [binary, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", "docx", "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=_TIMEOUT_S,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise KehoachError("E010", path, detail=type(exc).__name__) from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise KehoachError("E010", path, detail="không tạo được tệp .docx")
        return read_docx(path, out.read_bytes())
