"""Hostile and unusual input: every case is a diagnostic with its file and line, or a
correct output; never a traceback, never a file read from outside the talk."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from pptx import Presentation

from tests.helpers import SEGMENT_ONE, cli, picture, write
from tests.talk.test_bad_input import SEGMENT, replace_in_segment, snapshot

ONLY = ("--only", "pptx,run-of-show")


def _replace_in_toml(talk: Path, old: str, new: str) -> None:
    file = talk / "deck" / "deck.toml"
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new))


def _link_out(talk: Path, inside: str) -> None:
    secret = talk.parent / "secret.txt"
    secret.write_text("---\ntitle: root\nminutes: 1\n---\n\n## root:x:0:0 SECRET-CANARY\n")
    target = talk / inside
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    os.symlink(secret, target)


CASES = [
    ("NaN minutes", lambda t: replace_in_segment(t, "minutes: 4", "minutes: .nan"), f"{SEGMENT}:3: error: `minutes` must be a positive number, up to a day"),
    ("infinite minutes", lambda t: replace_in_segment(t, "minutes: 4", "minutes: .inf"), f"{SEGMENT}:3: error: `minutes` must be a positive number, up to a day"),
    ("overflowing duration", lambda t: _replace_in_toml(t, "duration = 10", "duration = 1e400"), "deck/deck.toml:5: error: 'duration' must be a positive number of minutes"),
    ("NaN duration", lambda t: _replace_in_toml(t, "duration = 10", "duration = nan"), "deck/deck.toml:5: error: 'duration' must be a positive number of minutes"),
    ("huge words per minute", lambda t: _replace_in_toml(t, "words_per_minute = 140", "words_per_minute = inf"), "deck/deck.toml:6: error: 'words_per_minute' must be a positive number"),
    ("400-digit time", lambda t: replace_in_segment(t, "## First slide {.handout}", "## First slide {.handout time=" + "9" * 400 + "}"), f"{SEGMENT}:7: error: malformed time '99999999999999999999999…'"),
    ("segment linked out of the talk", lambda t: _link_out(t, "deck/03-extra.md"), "deck/03-extra.md: error: is a link that leads out of the talk folder"),
    ("deck.toml linked out of the talk", lambda t: _link_out(t, "deck/deck.toml"), "deck/deck.toml: error: is a link that leads out of the talk folder"),
]


@pytest.mark.parametrize("name, breaker, expected", CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_a_diagnostic(talk, tmp_path, name, breaker, expected):
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, *ONLY).exit_code == 0
    before = snapshot(out)
    breaker(talk)
    result = cli("build", talk, "--out", out, *ONLY)
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output
    assert "SECRET-CANARY" not in result.output
    assert snapshot(out) == before


def test_a_handout_page_linked_out_of_the_talk_is_never_read(talk, tmp_path):
    _link_out(talk, "handouts/01-page.md")
    result = cli("build", talk, "--out", tmp_path / "out", "--only", "handout")
    assert result.exit_code == 1, result.output
    assert "handouts/01-page.md: error: is a link that leads out of the talk folder" in result.output
    assert not list((tmp_path / "out").glob("*.pdf")) if (tmp_path / "out").exists() else True


@pytest.mark.parametrize("epoch", ["99999999999999999999", "-5", "12.5", "4102444800000", "abc"])
def test_a_source_date_epoch_no_output_can_carry_is_an_error(talk, tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    for command in (("check", talk), ("build", talk, "--out", tmp_path / "out", *ONLY)):
        result = cli(*command)
        assert result.exit_code == 1, result.output
        assert "SOURCE_DATE_EPOCH: error: SOURCE_DATE_EPOCH=" in result.output, result.output


def test_a_date_after_2107_builds_with_a_warning_and_a_valid_zip(talk, tmp_path):
    _replace_in_toml(talk, "date = 2027-04-18", "date = 2200-01-01")
    result = cli("build", talk, "--out", tmp_path / "out", *ONLY)
    assert result.exit_code == 0, result.output
    assert "deck/deck.toml:4: warning: " in result.output, result.output
    Presentation(str(tmp_path / "out" / "small-talk.pptx"))


def test_noncharacters_are_removed_with_a_warning(talk, tmp_path):
    write(talk / SEGMENT, SEGMENT_ONE.replace("## First slide", "## First\ufffe slide\uffff\U0010FFFF"))
    result = cli("build", talk, "--out", tmp_path / "out", *ONLY)
    assert result.exit_code == 0, result.output
    assert f"{SEGMENT}:7: warning: 3 control character(s) or noncharacter(s) such as U+FFFE removed" in result.output
    titles = [s.shapes.title.text for s in Presentation(str(tmp_path / "out" / "small-talk.pptx")).slides if s.shapes.title]
    assert "First slide" in titles


@pytest.mark.parametrize(
    "name, markdown",
    [
        ("café.png", "![A face](assets/café.png)"),
        ("my photo.png", "![A face](<assets/my photo.png>)"),
        ("my photo.png", "![A face](assets/my%20photo.png)"),
        ("naïve été.png", "![A face](<assets/naïve été.png>)"),
    ],
)
@pytest.mark.parametrize("saved_as", ["NFC", "NFD"])
def test_picture_names_with_spaces_and_accents_are_found(talk, tmp_path, name, markdown, saved_as):
    picture(talk / "assets" / unicodedata.normalize(saved_as, name), color=(10, 200, 30))
    replace_in_segment(talk, "![A calm square picture](assets/square.png)", markdown)
    result = cli("build", talk, "--out", tmp_path / "out", *ONLY)
    assert result.exit_code == 0, result.output
    assert "not found" not in result.output
    deck = Presentation(str(tmp_path / "out" / "small-talk.pptx"))
    colours = {
        _first_pixel(shape.image.blob)
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == 13
    }
    assert (10, 200, 30) in colours


def _first_pixel(blob: bytes):
    import io

    from PIL import Image

    return Image.open(io.BytesIO(blob)).convert("RGB").getpixel((0, 0))


@pytest.mark.parametrize("first, expected", [(0, 1), (99999, 32766), (32767, 32766), (32766, 32766), (7, 7)])
def test_list_numbers_are_clamped_to_what_a_slide_can_hold(talk, tmp_path, first, expected):
    replace_in_segment(talk, "- Point one\n", f"{first}. Numbered\n{first + 1}. Next\n\n- Point one\n")
    result = cli("build", talk, "--out", tmp_path / "out", *ONLY)
    assert result.exit_code == 0, result.output
    warned = f"{SEGMENT}:9: warning: a numbered list is numbered 1 to 32767 in a slide; this one starts at {expected}, not {first}"
    assert (warned in result.output) == (first != expected), result.output
    from zipfile import ZipFile

    with ZipFile(tmp_path / "out" / "small-talk.pptx") as deck:
        xml = "".join(deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/slides/slide"))
    starts = [int(x) for x in __import__("re").findall(r'startAt="(\d+)"', xml)]
    assert all(1 <= s <= 32767 for s in starts)
    assert (expected in starts) or expected == 1


def _truncate(file: Path) -> None:
    file.write_bytes(file.read_bytes()[:200])


def _replace_with_folder(file: Path) -> None:
    file.unlink()
    file.mkdir()


@pytest.mark.parametrize("change", [Path.unlink, _truncate, _replace_with_folder], ids=["deleted", "truncated", "folder"])
@pytest.mark.parametrize("only", ["pptx", "handout"])
def test_a_picture_changed_while_the_build_runs_is_an_error(talk, tmp_path, monkeypatch, change, only):
    """The reader checks every picture; one removed or broken after that point is
    an error at the line that names it, and no output is written."""
    import segue.build.pipeline

    replace_in_segment(talk, "## Second slide {layout=image}", "## Second slide {layout=image .handout}")
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", only).exit_code == 0
    before = snapshot(out)
    replace_in_segment(talk, "Both speakers pause here.", "Both speakers pause here, again.")
    picture(talk / "assets" / "square.png", color=(1, 2, 3))  # new bytes: not in the picture cache
    checked = segue.build.pipeline.check_talk

    def check_then_change(talk_model, report):
        checked(talk_model, report)
        change(talk / "assets" / "square.png")

    monkeypatch.setattr(segue.build.pipeline, "check_talk", check_then_change)
    result = cli("build", talk, "--out", out, "--only", only)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{SEGMENT}:30: error: image 'assets/square.png': " in result.output, result.output
    assert snapshot(out) == before


def test_a_handout_table_wider_than_its_column_is_set(talk, tmp_path):
    header = "| " + " | ".join(f"Column{n}WithALongName" for n in range(30)) + " |"
    rule = "|" + "---|" * 30
    row = "| " + " | ".join("x" * 40 for _ in range(30)) + " |"
    replace_in_segment(talk, "- Point one\n", f"{header}\n{rule}\n{row}\n\n- Point one\n")
    result = cli("build", talk, "--out", tmp_path / "out", "--only", "handout")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "small-talk-handout.pdf").stat().st_size > 1000
