"""The run-of-show files and the `timing` command's table."""

from __future__ import annotations

import csv
import io

from tests.helpers import REPO, cli


def test_run_of_show_csv_has_one_row_per_slide_summing_to_the_hour(default_build):
    text = (default_build / "love-as-medicine-run-of-show.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 39
    assert list(rows[0]) == ["slide", "start", "duration", "end", "seconds", "segment", "title", "speakers", "speech", "kind"]
    assert sum(int(r["seconds"]) for r in rows) == 3600
    assert rows[0]["start"] == "00:00" and rows[-1]["end"] == "60:00"
    subtotals = {}
    for r in rows:
        subtotals[r["segment"]] = subtotals.get(r["segment"], 0) + int(r["seconds"])
    assert list(subtotals.values()) == [300, 1200, 600, 600, 900]
    assert rows[3]["title"] == "Two voices, one story"
    assert "Clinician" in rows[3]["speakers"] and "Client" in rows[3]["speakers"]


def test_run_of_show_markdown_has_segment_subtotals_and_total(default_build):
    text = (default_build / "love-as-medicine-run-of-show.md").read_text(encoding="utf-8")
    assert text.startswith("# Run of show: Love as Medicine")
    assert text.count("| ") > 39
    for minutes in ("5:00", "20:00", "10:00", "15:00"):
        assert f"Subtotal {minutes}" in text
    assert "**Total 60:00**" in text


def test_timing_command_prints_the_plan(talk):
    result = cli("timing", REPO)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "start", "dur", "end", "title", "speakers", "speech"]
    assert "total 60:00 of 60:00" in result.output
    assert "subtotal 20:00 · speech: Clinician" in result.output
    assert sum(1 for line in lines if line[:3].strip().isdigit()) == 39


def test_timing_command_reports_timing_warnings(talk):
    toml = talk / "deck" / "deck.toml"
    toml.write_text(toml.read_text().replace("duration = 10", "duration = 12"))
    result = cli("timing", talk)
    assert result.exit_code == 0
    assert "total 10:00 of 12:00" in result.output
    assert "deck/deck.toml:5: warning: segments add up to 10:00 of the 12 minutes" in result.output


# Quotes escaped in markdown stay straight (the typographer would make them curly).
HOSTILE_TITLES = [r'=HYPERLINK(\"http://x\",\"y\")', "+1+1", "-2", "@SUM(A1)", "\uff1dcmd", r"\*bold\* \<b\>x\</b\> \| \[a\](b) \`c\` \$d\$ \_e\_"]
PLAIN_TITLES = ['=HYPERLINK("http://x","y")', *HOSTILE_TITLES[1:-1], "*bold* <b>x</b> | [a](b) `c` $d$ _e_"]


def _talk_with_titles(talk, titles):
    from tests.helpers import write

    slides = "\n\n---\n\n".join(f"## {title}\n\nText." for title in titles)
    write(talk / "deck" / "01-opening.md", f"---\ntitle: \"=cmd|' /C calc'!A0\"\nminutes: 4\n---\n\n{slides}\n")


def test_run_of_show_csv_cells_never_start_a_formula(talk, tmp_path):
    _talk_with_titles(talk, HOSTILE_TITLES)
    result = cli("build", talk, "--out", tmp_path, "--only", "run-of-show")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "small-talk-run-of-show.csv").read_text())))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d")), row
    titles = [row[6] for row in rows[1:]]
    for title in PLAIN_TITLES:
        assert ("'" + title if title[0] in "=+-@\uff1d" else title) in titles
    assert "'=cmd|' /C calc'!A0" in [row[5] for row in rows[1:]]
    assert rows[1][1].endswith(":00") or ":" in rows[1][1]  # clock times stay readable, unquoted


def test_run_of_show_markdown_prints_titles_as_typed(talk, tmp_path):
    from markdown_it import MarkdownIt

    _talk_with_titles(talk, HOSTILE_TITLES)
    assert cli("build", talk, "--out", tmp_path, "--only", "run-of-show").exit_code == 0
    text = (tmp_path / "small-talk-run-of-show.md").read_text()
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<b>" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert "*bold* &lt;b&gt;x&lt;/b&gt; | [a](b) `c` $d$ _e_" in html
    assert "<h2>=cmd|' /C calc'!A0" in html


def test_math_in_a_title_reads_as_its_formula_not_its_tex(talk, tmp_path):
    _talk_with_titles(talk, [r"Growth $x^2 + 1$ over $\frac{a}{b}$"])
    assert cli("build", talk, "--out", tmp_path, "--only", "run-of-show").exit_code == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "small-talk-run-of-show.csv").read_text())))
    assert [row[6] for row in rows[1:] if row[6].startswith("Growth")] == ["Growth x² + 1 over a/b"]
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render((tmp_path / "small-talk-run-of-show.md").read_text())
    assert "<td>Growth x² + 1 over a/b</td>" in html
    assert "Growth x² + 1 over a/b" in cli("timing", talk).output
