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
