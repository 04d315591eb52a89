"""Safe writes, reproducible builds and the public copy."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from segue.build import pipeline
from tests.helpers import SEGMENT_ONE, cli, run_build_py, write
from tests.talk.test_bad_input import snapshot

CANARY_NOTE = "CANARY-NOTE-7c1f"
CANARY_SHARED = "CANARY-SHARED-90ab"
CANARY_EXIF = "CANARY-EXIF-d3e2"


def everything_in(path: Path) -> bytes:
    """Every byte a reader could get at: zip parts unpacked, PDF streams inflated."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as package:
            return b"\n".join(package.read(name) for name in package.namelist())
    if data.startswith(b"%PDF"):
        inflated = []
        for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
            try:
                inflated.append(zlib.decompress(stream.group(1)))
            except zlib.error:
                inflated.append(stream.group(1))
        return data + b"\n".join(inflated)
    return data


# --- safe writes -------------------------------------------------------------------


def test_a_build_writes_nothing_outside_its_output_folder(talk, tmp_path):
    before = snapshot(talk)
    out = tmp_path / "elsewhere"
    assert cli("build", talk, "--out", out).exit_code == 0
    assert snapshot(talk) == before
    default = cli("build", talk)
    assert default.exit_code == 0
    after = snapshot(talk)
    assert {k: v for k, v in after.items() if not k.startswith("dist/")} == before


def test_a_failing_write_leaves_earlier_outputs_and_no_temporary_files(talk, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx,run-of-show").exit_code == 0
    before = snapshot(out)
    write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("First slide", "Changed slide"))
    calls = {"n": 0}
    import segue.build.publish

    original = segue.build.publish._write_synced

    def failing_write(path, data):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return original(path, data)

    monkeypatch.setattr(segue.build.publish, "_write_synced", failing_write)
    result = cli("build", talk, "--out", out, "--only", "pptx,run-of-show")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "error: cannot write the outputs: No space left on device" in result.output
    assert snapshot(out) == before


def test_an_interrupted_build_leaves_earlier_outputs(talk, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx,run-of-show").exit_code == 0
    before = snapshot(out)
    write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("First slide", "Changed slide"))
    monkeypatch.setitem(pipeline.RENDERERS, "run-of-show", "tests.build.test_outputs:_interrupting_renderer")
    result = cli_catching("build", talk, "--out", out, "--only", "pptx,run-of-show")
    assert isinstance(result.exception, KeyboardInterrupt) or result.exit_code != 0
    assert snapshot(out) == before


def _interrupting_renderer(talk, plan, options, report):
    raise KeyboardInterrupt


def cli_catching(*args):
    from click.testing import CliRunner

    from segue.commands import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


# --- reproducible ------------------------------------------------------------------


def test_two_builds_in_separate_processes_are_byte_identical(talk, tmp_path):
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = run_build_py("build", talk, "--out", out)
        assert result.returncode == 0, result.stderr
        outputs.append(out)
    first = {p.name: p.read_bytes() for p in outputs[0].iterdir() if p.is_file()}
    second = {p.name: p.read_bytes() for p in outputs[1].iterdir() if p.is_file()}
    assert first.keys() == second.keys()
    assert any(name.endswith(".pptx") for name in first)
    for name in first:
        assert first[name] == second[name], name


def test_source_date_epoch_sets_the_dates(talk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    with zipfile.ZipFile(out / "small-talk.pptx") as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert b"2023-11-14T22:13:20Z" in package.read("docProps/core.xml")


def test_without_source_date_epoch_the_talk_date_is_used(talk, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    with zipfile.ZipFile(out / "small-talk.pptx") as package:
        assert {info.date_time for info in package.infolist()} == {(2027, 4, 18, 0, 0, 0)}


# --- the public copy ---------------------------------------------------------------


@pytest.fixture
def talk_with_canaries(talk: Path) -> Path:
    text = SEGMENT_ONE.replace("The clinician opens.", f"The clinician opens. {CANARY_NOTE}")
    text = text.replace("Both speakers pause here.", f"Both speakers pause here. {CANARY_SHARED}")
    write(talk / "deck" / "01-opening.md", text)
    exif = Image.Exif()
    exif[0x010F] = CANARY_EXIF
    exif[0x010E] = CANARY_EXIF  # image description
    Image.new("RGB", (320, 320), (200, 150, 120)).save(talk / "assets" / "square.png", exif=exif)
    return talk


def test_the_private_build_carries_the_notes(talk_with_canaries, tmp_path):
    """Control: the canaries are findable where they belong."""
    out = tmp_path / "private"
    assert cli("build", talk_with_canaries, "--out", out).exit_code == 0
    deck = everything_in(out / "small-talk.pptx")
    assert CANARY_NOTE.encode() in deck and CANARY_SHARED.encode() in deck


def test_public_outputs_leak_no_notes_no_metadata(talk_with_canaries, tmp_path):
    out = tmp_path / "public"
    result = cli("build", talk_with_canaries, "--out", out, "--public")
    assert result.exit_code == 0, result.output
    files = [p for p in out.iterdir() if p.is_file()]
    names = {p.name for p in files}
    assert "small-talk.pptx" in names
    assert not [n for n in names if n.endswith("-script.pdf")]
    for path in files:
        content = everything_in(path)
        for canary in (CANARY_NOTE, CANARY_SHARED, CANARY_EXIF):
            assert canary.encode() not in content, (path.name, canary)
    with zipfile.ZipFile(out / "small-talk.pptx") as package:
        parts = package.namelist()
        core = package.read("docProps/core.xml").decode()
    assert not [p for p in parts if "notesSlide" in p or "thumbnail" in p]
    # The core properties hold the talk's title and subject and the build's date, nothing else.
    tags = re.findall(r"<(\w+:\w+)[ >]", core)
    assert set(tags) == {"cp:coreProperties", "dc:title", "dc:subject", "cp:revision", "dcterms:created", "dcterms:modified"}
    assert "Dr. Ada Example" not in core


def test_a_public_build_refuses_a_folder_with_private_outputs_of_any_talk(talk, tmp_path):
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out).exit_code == 0
    (out / "small-talk.pptx").rename(out / "an-earlier-slug.pptx")
    before = snapshot(out)
    result = cli("build", talk, "--out", out, "--public")
    assert result.exit_code == 1
    assert (
        f"{out}: error: holds an-earlier-slug.pptx, small-talk-client-script.pdf, small-talk-clinician-script.pdf, "
        "with speaker notes in them" in result.output
    ), result.output
    assert snapshot(out) == before
    for name in ("small-talk-client-script.pdf", "small-talk-clinician-script.pdf"):
        (out / name).unlink()
    assert cli("build", talk, "--out", out, "--public").exit_code == 1  # the deck with notes still
    (out / "an-earlier-slug.pptx").unlink()
    result = cli("build", talk, "--out", out, "--public")
    assert result.exit_code == 0, result.output
    assert cli("build", talk, "--out", out, "--public").exit_code == 0  # its own public deck is no obstacle
