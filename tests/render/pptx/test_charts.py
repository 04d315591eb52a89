"""Charts from data: a CSV file or a ```chart block becomes PowerPoint's own chart
(its numbers in ppt/charts/chart*.xml, coloured from the theme, its data as alt text),
and in the handout a vector drawing with the data as a table."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openxml_audit import validate_pptx

from tests.helpers import DECK_TOML, cli, make_talk, write
from tests.render.pdfreader import flat, structure

SCORES = "Week,Before,After\nWeek 0,62,61\nWeek 4,55,38.5\nWeek 8,51,\nWeek 12,49,22\n"


def chart_talk(root: Path, body: str, csv: str = SCORES, heading: str = "## Scores {.handout}") -> Path:
    segment = f"---\ntitle: Only\nminutes: 10\n---\n\n{heading}\n\n{body}\n"
    make_talk(root, {"01-only.md": segment}, toml=DECK_TOML)
    write(root / "assets" / "scores.csv", csv)
    return root


def build(root: Path, out: Path, *more: str):
    result = cli("build", root, "--out", out, *more)
    assert result.exit_code == 0, result.output
    return out / "small-talk.pptx", result.output


def charts(pptx: Path) -> list[str]:
    with zipfile.ZipFile(pptx) as package:
        return [package.read(n).decode() for n in sorted(package.namelist()) if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]


@pytest.mark.parametrize(
    "kind, element",
    [("bar", 'c:barDir val="bar"'), ("column", 'c:barDir val="col"'), ("line", "<c:lineChart>"), ("scatter", "<c:scatterChart>")],
)
def test_a_csv_becomes_a_native_chart_with_its_numbers(tmp_path, kind, element):
    csv = SCORES if kind != "scatter" else "Dose,Response,Placebo\n0.5,12,10\n1,20,11\n2,31,\n"
    pptx, output = build(chart_talk(tmp_path / "t", f"![Scores before and after](assets/scores.csv){{chart={kind}}}", csv), tmp_path / "out", "--strict")
    (xml,) = charts(pptx)
    assert element in xml
    numbers = re.findall(r"<c:v>([^<]*)</c:v>", xml)
    expected = ["62", "55", "51", "49", "61", "38.5", "22"] if kind != "scatter" else ["0.5", "1", "2", "12", "20", "31", "10", "11"]
    for number in expected:
        assert number in numbers, (number, numbers)
    series = re.findall(r"<c:tx><c:strRef><c:f>[^<]*</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>([^<]*)</c:v>", xml)
    assert series[:2] == (["Before", "After"] if kind != "scatter" else ["Response", "Placebo"])
    assert '<a:schemeClr val="accent1"/>' in xml and '<a:schemeClr val="accent2"/>' in xml  # the theme's colours
    assert validate_pptx(str(pptx)).is_valid


def test_the_chart_says_its_data_to_a_screen_reader(tmp_path):
    pptx, _ = build(chart_talk(tmp_path / "t", "![Scores before and after](assets/scores.csv){chart=column}"), tmp_path / "out")
    with zipfile.ZipFile(pptx) as package:
        slide = package.read("ppt/slides/slide4.xml").decode()
    frame = re.search(r"<p:graphicFrame>.*?</p:graphicFrame>", slide, re.S).group(0)
    descr = re.search(r'descr="([^"]*)"', frame).group(1)
    assert descr.startswith("Scores before and after. Column chart.")
    assert "Week 4: Before 55, After 38.5." in descr and "Week 8: Before 51, After —." in descr


def test_a_chart_block_holds_its_data_and_a_pie_shows_one_series(tmp_path):
    body = '```chart {type=pie alt="Where sessions happened"}\nPlace,Sessions,Other\nClinic,30,1\nHome,12,2\n```'
    pptx, output = build(chart_talk(tmp_path / "t", body), tmp_path / "out")
    (xml,) = charts(pptx)
    assert "<c:pieChart>" in xml and "Clinic" in xml and ">30<" in xml and "Other" not in xml
    assert "deck/01-only.md:8: warning: a pie shows one series: 'Other' are left out" in output


def test_the_handout_draws_the_chart_as_vectors_with_its_data_as_a_table(tmp_path):
    import pikepdf

    build(chart_talk(tmp_path / "t", "![Scores before and after](assets/scores.csv){chart=line}"), tmp_path / "out")
    handout = tmp_path / "out" / "small-talk-handout.pdf"
    with pikepdf.open(handout) as pdf:
        assert [name for page in pdf.pages for name in page.get_images()] == []
    tags = structure(handout)
    assert any(tag.role == "Figure" and tag.alt == "Scores before and after" for tag in tags)
    assert any(tag.role == "Table" for tag in tags) and any(tag.role == "TH" for tag in tags)
    text = flat(handout)
    assert "Week Before After" in text and "Week 4 55 38.5" in text


def test_charts_are_the_same_bytes_every_build(tmp_path):
    root = chart_talk(tmp_path / "t", "![Scores before and after](assets/scores.csv){chart=bar}")
    first, _ = build(root, tmp_path / "a")
    second, _ = build(root, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "a" / "small-talk-handout.pdf").read_bytes() == (tmp_path / "b" / "small-talk-handout.pdf").read_bytes()


@pytest.mark.parametrize(
    "body, csv, message",
    [
        ("![S](assets/scores.csv){chart=bar}", "Week,Before\nWeek 0,62\nWeek 4,lots\n", "assets/scores.csv:3: error: 'lots' in the column 'Before' is not a number"),
        ("![S](assets/scores.csv){chart=bar}", "Week,Before,After\nWeek 0,62\n", "assets/scores.csv:2: error: this row has 2 cells and the header 3"),
        ("![S](assets/scores.csv){chart=bar}", "Week\nWeek 0\n", "assets/scores.csv:1: error: the chart's header row names no series"),
        ("![S](assets/scores.csv){chart=donut}", SCORES, "deck/01-only.md:8: error: chart='donut' is not a chart: write one of bar, column, line, pie, scatter"),
        ("![S](assets/scores.csv)", SCORES, "deck/01-only.md:8: error: 'assets/scores.csv' is data, not a picture: say how to draw it, {chart=bar}"),
        ("![S](assets/missing.csv){chart=bar}", SCORES, "deck/01-only.md:8: error: chart data 'assets/missing.csv' not found"),
        ('```chart {type=line alt="x"}\nWeek,A\n1,2\n2,three\n```', SCORES, "deck/01-only.md:11: error: 'three' in the column 'A' is not a number"),
        ("![S](assets/scores.csv){chart=scatter}", SCORES, "assets/scores.csv:2: error: a scatter chart's first column holds numbers"),
    ],
)
def test_malformed_data_is_a_diagnostic_at_its_line(tmp_path, body, csv, message):
    result = cli("check", chart_talk(tmp_path / "t", body, csv))
    assert result.exit_code == 1
    assert message in result.output, result.output


@pytest.mark.slow
def test_libreoffice_draws_the_chart_with_its_labels(tmp_path, libreoffice):
    import subprocess

    from tests.helpers import convert_with_libreoffice

    body = "![Scores before and after](assets/scores.csv){chart=column}\n\n![A drawing](assets/logo.svg)"
    root = chart_talk(tmp_path / "t", body)
    write(root / "assets" / "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#7A3E65"/></svg>')
    pptx, _ = build(root, tmp_path / "out", "--only", "pptx")
    pdf = convert_with_libreoffice(pptx, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-f", "4", "-l", "4", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for label in ("Week 0", "Week 12", "Before", "After", "60"):
        assert label in text, text
    # The chart's bars are drawn: the page holds far more than its text.
    subprocess.run(["pdftoppm", "-f", "4", "-l", "4", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    accent = sum(1 for pixel in image.get_flattened_data() if abs(pixel[0] - 0x7A) < 20 and abs(pixel[1] - 0x3E) < 20 and abs(pixel[2] - 0x65) < 20)
    assert accent > 200  # the first series in the theme's accent
