"""The HTML page: standalone, every item anchored and linked, opens in headless Chromium."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import analyzer
from analyzer.render_html import to_html
from tests.conftest import HOANG_CAT, REPO

SCRIPT = REPO / "scripts" / "screenshot_html.py"


@pytest.fixture(scope="module")
def plan():
    return analyzer.analyze(HOANG_CAT)


@pytest.fixture(scope="module")
def page(plan) -> str:
    return to_html(plan)


class _Tags(HTMLParser):
    """Ids, links, and whether every opened element was closed in order."""

    VOID = {"meta", "br", "img", "link", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a":
            self.hrefs.append(attrs.get("href", ""))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def _parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    tags.close()
    return tags


def test_render_html_anchors_every_citation(plan, page):
    tags = _parse(page)
    assert plan.citations
    for i, _ in enumerate(plan.citations):
        assert f"cit-{i}" in tags.ids and f"#cit-{i}" in tags.hrefs
    for i, unit in enumerate(plan.units):
        for j, _ in enumerate(unit.mentions):
            assert f"unit-{i}-{j}" in tags.ids and f"#unit-{i}-{j}" in tags.hrefs
    # Every link lands on an element of the page; ids are unique.
    assert {h[1:] for h in tags.hrefs} <= set(tags.ids)
    assert len(tags.ids) == len(set(tags.ids))


def test_render_html_is_well_formed_and_standalone(page):
    tags = _parse(page)
    assert not tags.errors and not tags.stack
    assert "<script" not in page and "<link" not in page and "src=" not in page and "@import" not in page
    assert not re.search(r"url\(", page)
    assert all(h.startswith("#") for h in tags.hrefs)


def test_render_html_quotes_the_text_and_vietnamese_labels(plan, page):
    visible = re.sub(r"<span class=\"lbl\">[^<]*</span>", "", page)
    visible = re.sub(r"<[^>]+>", "", visible)
    assert "Giảm nghèo về thông tin trên địa bàn xã Hoằng Cát năm 2024" in visible
    for label in ("Văn bản được trích dẫn", "Đơn vị và vai trò", "Thời hạn", "Hoạt động", "chủ trì"):
        assert label in page
    assert '<html lang="vi">' in page


def test_render_html_lists_activities_when_present(plan):
    text = plan.document.text.text
    start = text.index("Mở các lớp tập huấn")
    end = text.index("\n", start)
    plan.activities = [{"text": text[start:end], "span": [start, end], "types": ["training"], "section": "I.2"}]
    try:
        page = to_html(plan)
    finally:
        plan.activities = []
    assert 'id="act-0"' in page and 'href="#act-0"' in page and "tập huấn</span>" in page


def test_render_html_screenshot_in_headless_chromium(tmp_path):
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("needs headless Chromium: apt-get install chromium (Debian package 'chromium')")
    run = subprocess.run([sys.executable, str(SCRIPT), str(HOANG_CAT), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    assert "console:" not in run.stderr, run.stderr  # no JS error or other console message
    assert run.returncode == 0, run.stdout + run.stderr
    png = tmp_path / f"{HOANG_CAT.stem}.png"
    assert png.stat().st_size > 50_000
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (1280, 2000)
        colors = image.convert("RGB").getcolors(maxcolors=1_000_000)
    # A rendered page: text anti-aliasing and the highlight colours, not a blank canvas.
    assert colors is None or len(colors) > 200
