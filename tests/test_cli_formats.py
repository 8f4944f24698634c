"""``kehoach analyze --format spacy`` (DocBin) and ``--format html``."""
from __future__ import annotations

from typer.testing import CliRunner

from analyzer import read_docbin
from cli import app
from tests.conftest import HOANG_CAT, LUC_NAM, SEEDS

runner = CliRunner()


def test_cli_spacy_writes_a_docbin_that_round_trips(tmp_path):
    out = tmp_path / "seeds.spacy"
    result = runner.invoke(app, ["analyze", str(HOANG_CAT), str(LUC_NAM), "--format", "spacy", "--output", str(out)])
    assert result.exit_code == 0, result.output
    docs = read_docbin(out)
    assert [d.user_data["kehoach"]["source"]["path"] for d in docs] == [str(HOANG_CAT), str(LUC_NAM)]
    for doc in docs:
        plan = doc.user_data["kehoach"]
        assert len(doc.spans["citations"]) == len(plan["citations"])
        assert len(doc.spans["units"]) == sum(len(u["mentions"]) for u in plan["units"])
        for span, citation in zip(doc.spans["citations"], plan["citations"]):
            assert (span.start_char, span.end_char) == tuple(citation["span"]) and span.text == citation["text"]
        assert doc.ents


def test_cli_spacy_into_a_folder_mirrors_the_inputs(tmp_path):
    result = runner.invoke(app, ["analyze", str(SEEDS), "--format", "spacy", "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").glob("*.spacy"))
    assert written == sorted(p.with_suffix(".spacy").name for p in SEEDS.glob("*.txt"))
    assert read_docbin(tmp_path / "out" / f"{HOANG_CAT.stem}.spacy")[0].spans["citations"]


def test_cli_spacy_needs_an_output():
    result = runner.invoke(app, ["analyze", str(HOANG_CAT), "--format", "spacy"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--output" in result.output


def test_cli_html_to_stdout_and_file(tmp_path):
    result = runner.invoke(app, ["analyze", str(HOANG_CAT), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("<!DOCTYPE html>") and 'href="#cit-0"' in result.output
    out = tmp_path / "page.html"
    assert runner.invoke(app, ["analyze", str(HOANG_CAT), "--format", "html", "-o", str(out)]).exit_code == 0
    assert 'id="cit-0"' in out.read_text(encoding="utf-8")


def test_cli_html_many_files_need_a_folder(tmp_path):
    result = runner.invoke(app, ["analyze", str(SEEDS), "--format", "html", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "THƯ_MỤC" in result.output


def test_reports_name_the_issuer_level_in_vietnamese():
    # The contract's codes ("xa", "huyen") stay in JSON; the text and Markdown reports say "xã".
    from analyzer import analyze
    from analyzer.render import to_dict, to_markdown, to_text

    plan = analyze(HOANG_CAT)
    assert "Hoằng Cát (cấp xã)" in to_text(plan) and "Hoằng Cát (cấp xã)" in to_markdown(plan)
    assert to_dict(plan)["document"]["issuer"]["level"] == "xa"


def test_reports_list_the_activities_with_their_types_in_vietnamese():
    """The Markdown report has a "Hoạt động" section (one line per item: section path, text,
    types by their Vietnamese names, units, deadline) and the terminal summary counts them."""
    from analyzer import analyze
    from analyzer.activities.cues import type_names
    from analyzer.render import to_markdown, to_text

    plan = analyze(LUC_NAM)
    report = to_markdown(plan)
    section = report.split("## Hoạt động", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(lines) == len(plan.activities) > 0
    reporting = next(a for a in plan.activities if "reporting" in a.types and a.deadline is not None)
    line = next(line for line in lines if " ".join(reporting.text.split())[:60] in line)
    assert type_names()["reporting"] in line and "thời hạn: " + plan.deadlines[reporting.deadline].text in line
    counted = sum(1 for a in plan.activities if "reporting" in a.types)
    assert f"{type_names()['reporting']}: {counted}" in section
    assert f"Hoạt động: {len(plan.activities)} mục" in to_text(plan)
