"""Render a plan to the HTML page of ``kehoach analyze --format html`` and screenshot it in
headless Chromium, so a reviewer can look at the page without a browser session.

    python scripts/screenshot_html.py [FILE] [--out build/screenshot] [--width 1280 --height 2000]

FILE defaults to the Hoằng Cát seed. Writes ``<out>/<name>.html`` and ``<out>/<name>.png``,
prints their paths and any console message Chromium logged (the page has no script, so any
message is a fault). Exit status: 0 clean, 1 console messages or no screenshot, 2 Chromium
missing (Debian: ``apt-get install chromium``).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

HOANG_CAT = REPO / "corpora" / "seeds" / "xa-hoang-cat-2024-giam-ngheo-ve-thong-tin.txt"
# Chromium with --enable-logging=stderr prints console messages as: INFO:CONSOLE:12] "Uncaught ..."
_CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\]\s*(.*)")


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 2000, timeout: int = 120) -> list[str]:
    """Screenshot ``html`` into ``png``; return the console messages Chromium logged."""
    chromium = find_chromium()
    if chromium is None:
        raise FileNotFoundError("chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="kehoach-chromium-") as profile:
        run = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
             f"--screenshot={png}", f"--window-size={width},{height}", html.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout,
        )
    log = run.stdout + run.stderr
    return [m.group(1) for m in _CONSOLE.finditer(log)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=HOANG_CAT)
    parser.add_argument("--out", type=Path, default=REPO / "build" / "screenshot")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args()
    if find_chromium() is None:
        print("Chromium is not installed: apt-get install chromium (Debian package 'chromium').", file=sys.stderr)
        return 2

    import analyzer
    from analyzer.render_html import to_html

    try:
        plan = analyzer.analyze(args.file)
    except analyzer.KehoachError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    html = args.out / f"{args.file.stem}.html"
    png = args.out / f"{args.file.stem}.png"
    html.write_text(to_html(plan), encoding="utf-8")
    png.unlink(missing_ok=True)
    messages = screenshot(html, png, args.width, args.height)
    print(html)
    if png.exists():
        print(f"{png} ({png.stat().st_size:,} bytes)")
    for message in messages:
        print(f"console: {message}", file=sys.stderr)
    return 0 if png.exists() and not messages else 1


if __name__ == "__main__":
    sys.exit(main())
