"""A rehearsal file from anywhere (`timing --against`): read within bounds of size,
cell length, inflation and time, and every problem a diagnostic."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.helpers import cli as cli_in_process, make_talk
from tests.hostile.harness import assert_clean, cli


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    """A talk and its deck."""
    talk = make_talk(tmp_path / "talk")
    assert cli_in_process("build", talk, "--out", tmp_path / "out", "--only", "pptx").exit_code == 0
    return talk, tmp_path / "out" / "small-talk.pptx"


def _deck_with(built_deck: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(built_deck) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = source.read(name)
            out.writestr(name, change(name, data))
    return target


def _advance(times: dict[int, str]):
    def change(name: str, data: bytes) -> bytes:
        match = re.fullmatch(r"ppt/slides/slide(\d+)\.xml", name)
        if match and int(match.group(1)) in times:
            data = re.sub(rb'advTm="\d+"', f'advTm="{times[int(match.group(1))]}"'.encode(), data)
        return data

    return change


CSVS = {
    "a cell of 200,000 characters": ("slide,actual\n1," + "9" * 200_000 + "\n", "r.csv:2: error: a cell is longer than 4,096 characters"),
    "an unclosed quote over a megabyte": ('slide,actual\n1,"' + "x" * 1_000_000 + "\n", "r.csv:2: error: a cell is longer than 4,096 characters"),
    "a long slide number": ("slide,actual\n" + "7" * 4000 + ",3\n", "r.csv:2: error: slide '777777777777777777"),
    "minus five seconds": ("slide,actual\n1,-5\n", "r.csv:2: error: slide 1 took '-5' seconds: not a time a slide can take"),
    "1e26 seconds": ("slide,actual\n1,1e26\n", "r.csv:2: error: slide 1 took '1e26' seconds: not a time a slide can take"),
}


@pytest.mark.parametrize("content, message", CSVS.values(), ids=CSVS.keys())
def test_a_hostile_rehearsal_csv_is_a_diagnostic(built, tmp_path, content, message):
    talk, _ = built
    (tmp_path / "r.csv").write_text(content)
    ran = cli("timing", talk, "--against", tmp_path / "r.csv", scratch=tmp_path / "scratch")
    assert_clean(ran, tmp_path / "scratch", status=1, seconds=30, peak_mb=300)
    assert message in ran.output, ran.output
    assert len(ran.output) < 2000  # no value is quoted whole


def test_a_sparse_gigabyte_rehearsal_is_refused_unread(built, tmp_path):
    talk, _ = built
    with (tmp_path / "r.csv").open("wb") as sparse:
        sparse.write(b"slide,actual\n1,3\n")
        sparse.truncate(1024**3)
    ran = cli("timing", talk, "--against", tmp_path / "r.csv", scratch=tmp_path / "scratch")
    assert_clean(ran, tmp_path / "scratch", status=1, seconds=30, peak_mb=300)
    assert "r.csv: error: is larger than 16 MB: not a rehearsal CSV" in ran.output, ran.output


DECKS = {
    "1e26 ms": (_advance({2: "1" + "0" * 26}), "slide 2 advances after '1000000000000000000"),
    "minus five seconds": (_advance({2: "-5000"}), "slide 2 advances after '-5000' ms: not a time a slide can take"),
    "no main part": (lambda name, data: data.replace(b"officeDocument", b"somethingElse") if name == "_rels/.rels" else data, "cannot be read as a PowerPoint deck"),
    "a slide list without targets": (
        lambda name, data: re.sub(rb'Target="slides/[^"]*"', b"", data) if name == "ppt/_rels/presentation.xml.rels" else data,
        "cannot be read as a PowerPoint deck",
    ),
}


@pytest.mark.parametrize("change, message", DECKS.values(), ids=DECKS.keys())
def test_a_hostile_rehearsed_deck_is_a_diagnostic(built, tmp_path, change, message):
    talk, deck = built
    rehearsed = _deck_with(deck, tmp_path / "rehearsed.pptx", change)
    ran = cli("timing", talk, "--against", rehearsed, scratch=tmp_path / "scratch")
    assert_clean(ran, tmp_path / "scratch", status=1, seconds=30, peak_mb=300)
    assert f"rehearsed.pptx: error: " in ran.output and message in ran.output, ran.output


def test_a_rehearsed_deck_that_inflates_to_gigabytes_is_refused(built, tmp_path):
    talk, deck = built
    rehearsed = _deck_with(deck, tmp_path / "rehearsed.pptx", lambda name, data: data)
    bomb = zipfile.ZipInfo("ppt/slides/slide2.xml")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(rehearsed) as source:
        members = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(rehearsed, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            if name != bomb.filename:
                out.writestr(name, data)
        with out.open(bomb, "w", force_zip64=True) as member:
            member.write(b"<p:sld>")
            for _ in range(300):
                member.write(b" " * (1024 * 1024))
    assert rehearsed.stat().st_size < 5 * 1024 * 1024
    ran = cli("timing", talk, "--against", rehearsed, scratch=tmp_path / "scratch")
    assert_clean(ran, tmp_path / "scratch", status=1, seconds=30, peak_mb=300)
    assert "rehearsed.pptx: error: cannot be read as a PowerPoint deck: it inflates to more than 64 MB" in ran.output, ran.output
