"""The command line: every command documented with an example, outputs in every format."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE, check_dossier
from newstrace.cli import cli
from newstrace.dossier import load_dossier
from newstrace.render.html import SCRIPT, script_hash

COVERAGE = str(EXAMPLE / "coverage")


def _commands():
    return sorted(cli.commands.items())


@pytest.mark.parametrize("name, command", _commands())
def test_every_command_has_help_with_an_example(name, command):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert command.help and "Example" in command.help, f"'newstrace {name}' needs an example in its help"
    assert "newstrace " + name in result.output


def test_top_level_help_lists_the_commands():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in cli.commands:
        assert name in result.output


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    runner = CliRunner()
    results = {}
    for fmt in ("json", "md", "html"):
        path = out / f"dossier.{fmt}"
        results[fmt] = runner.invoke(cli, ["analyze", COVERAGE, "-o", str(path), "--jobs", "1", "--timings"])
        assert results[fmt].exit_code == 0, results[fmt].output
    return out, results


def test_analyze_writes_a_valid_json_dossier_and_a_summary(analysed):
    out, results = analysed
    check_dossier(load_dossier(out / "dossier.json"))
    summary = results["json"].output
    assert "Read 11 document(s)" in summary
    assert f"Dossier written to {out / 'dossier.json'}" in summary
    assert "extract" in summary  # --timings


def test_analyze_html_is_self_contained_and_escaped(analysed):
    out, _ = analysed
    html = (out / "dossier.html").read_text()
    assert "Content-Security-Policy" in html
    # One script, newstrace's own, allowed by its hash; nothing is fetched from anywhere.
    assert html.count("<script") == 1 and f"<script>{SCRIPT}</script>" in html
    assert f"script-src '{script_hash(SCRIPT)}'" in html
    assert not re.search(r"<(img|iframe|link|object|embed)\b|\ssrc=", html)  # nothing to load
    assert "DUNGEON OF SHAME" in html


def test_analyze_markdown_lists_documents(analysed):
    out, _ = analysed
    md = (out / "dossier.md").read_text()
    assert md.startswith("# Evidence dossier")
    assert "| doc-1 |" in md


def test_reports_trace_quotes_and_mark_added_words(analysed):
    out, _ = analysed
    html = (out / "dossier.html").read_text()
    assert 'id="quotes"' in html and "<ins>savagely</ins>" in html
    assert "<del>" in html  # a truncated version shows what it left out
    md = (out / "dossier.md").read_text()
    assert "## Quotes and how they travel" in md and "**savagely**" in md
    assert "**misattribution**" in md


def test_quotes_command_lists_flagged_quotes_as_json():
    result = CliRunner().invoke(cli, ["quotes", COVERAGE, "--flagged", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    kinds = {f["kind"] for r in records for f in r["flags"]}
    assert {"misattribution", "alteration", "truncation", "translation_variant"} <= kinds
    assert all(r["flags"] for r in records)
    assert all(v["source"] and "words" in v for r in records for v in r["versions"])


def test_quotes_command_prints_a_table():
    result = CliRunner().invoke(cli, ["quotes", COVERAGE])
    assert result.exit_code == 0
    assert "utterance(s) in 11 document(s)" in result.output and "misattribution" in result.output


def test_analyze_to_stdout_defaults_to_json():
    result = CliRunner().invoke(cli, ["analyze", COVERAGE, "-q", "--jobs", "1"])
    assert result.exit_code == 0
    assert json.loads(result.output)["schema"] == "newstrace.dossier/3"


def test_analyze_reads_a_config_file(tmp_path):
    config = tmp_path / "newstrace.toml"
    config.write_text("max_document_bytes = 1500\njobs = 1\n")
    result = CliRunner().invoke(cli, ["analyze", COVERAGE, "--config", str(config), "-o", str(tmp_path / "d.json")])
    assert result.exit_code == 0
    assert "size limit of 1,500 bytes" in result.output


def test_analyze_bad_config_is_a_clear_error(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("colour = 'red'\n")
    result = CliRunner().invoke(cli, ["analyze", COVERAGE, "--config", str(config)])
    assert result.exit_code == 1
    assert "unknown setting 'colour'" in result.output


def test_analyze_without_inputs_is_a_usage_error():
    result = CliRunner().invoke(cli, ["analyze"])
    assert result.exit_code == 2
    assert "at least one file" in result.output


def test_urls_file_is_read(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("# comment\nftp://example.org/story\n")
    result = CliRunner().invoke(cli, ["analyze", COVERAGE, "--urls", str(urls), "-q", "--jobs", "1"])
    assert result.exit_code == 0
    assert "skipped ftp://example.org/story: refused URL scheme" in result.output


def test_render_and_validate_a_saved_dossier(analysed, tmp_path):
    out, _ = analysed
    runner = CliRunner()
    result = runner.invoke(cli, ["render", str(out / "dossier.json"), "-o", str(tmp_path / "again.html")])
    assert result.exit_code == 0
    assert "Evidence dossier" in (tmp_path / "again.html").read_text()
    result = runner.invoke(cli, ["validate", str(out / "dossier.json")])
    assert result.exit_code == 0 and "valid newstrace dossier" in result.output


def test_validate_reports_a_broken_offset(analysed, tmp_path):
    out, _ = analysed
    data = json.loads((out / "dossier.json").read_text())
    data["entities"][0]["mentions"][0]["start"] += 1
    (tmp_path / "broken.json").write_text(json.dumps(data))
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "broken.json")])
    assert result.exit_code == 1 and "offsets do not match" in result.output


def test_schema_command_prints_the_schema():
    result = CliRunner().invoke(cli, ["schema"])
    assert json.loads(result.output)["title"].startswith("newstrace dossier")


def test_demo_writes_all_three_reports(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--output", str(tmp_path / "demo"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    for name in ("dossier.html", "dossier.md", "dossier.json"):
        assert (tmp_path / "demo" / name).stat().st_size > 1000
    assert f"The example dossier is at {tmp_path / 'demo' / 'dossier.html'}" in result.output
