"""An output whose inputs did not change is not rebuilt."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import SEGMENT_ONE, cli, write


def build(talk, out, *args):
    result = cli("build", talk, "--out", out, *args)
    assert result.exit_code == 0, result.output
    wrote = {line.split("/")[-1] for line in result.output.splitlines() if line.startswith("wrote ")}
    unchanged = {line.split(": ")[1] for line in result.output.splitlines() if line.startswith("unchanged: ")}
    return wrote, unchanged, result.output


def test_a_second_build_rebuilds_nothing_and_touches_nothing(talk, tmp_path):
    out = tmp_path / "out"
    wrote, _, _ = build(talk, out)
    assert "small-talk.pptx" in wrote and "small-talk-handout.pdf" in wrote
    times = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    wrote, unchanged, _ = build(talk, out)
    assert wrote == set()
    assert unchanged == {"pptx", "handout", "scripts", "run-of-show"}
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == times


def test_each_edit_rebuilds_only_the_outputs_that_read_it(talk, tmp_path):
    out = tmp_path / "out"
    build(talk, out)
    segment = talk / "deck" / "01-opening.md"

    write(segment, SEGMENT_ONE.replace("The client answers.", "The client answers gently."))
    wrote, unchanged, _ = build(talk, out)
    assert wrote == {"small-talk.pptx", "small-talk-clinician-script.pdf", "small-talk-client-script.pdf",
                     "small-talk-run-of-show.csv", "small-talk-run-of-show.md"}
    assert unchanged == {"handout"}

    # visible text of a `.handout` slide: the deck and the handout
    write(segment, SEGMENT_ONE.replace("The client answers.", "The client answers gently.").replace("- Point one", "- Point one, revised"))
    wrote, unchanged, _ = build(talk, out)
    assert wrote == {"small-talk.pptx", "small-talk-handout.pdf"}
    assert unchanged == {"scripts", "run-of-show"}


def test_a_removed_or_altered_output_is_made_again(talk, tmp_path):
    out = tmp_path / "out"
    build(talk, out)
    (out / "small-talk-handout.pdf").unlink()
    (out / "small-talk.pptx").write_bytes(b"changed by hand")
    wrote, _, _ = build(talk, out)
    assert wrote == {"small-talk-handout.pdf", "small-talk.pptx"}
    assert (out / "small-talk.pptx").read_bytes().startswith(b"PK")


def test_a_replaced_picture_rebuilds_the_deck(talk, tmp_path):
    from PIL import Image

    out = tmp_path / "out"
    build(talk, out)
    Image.new("RGB", (320, 320), (0, 0, 0)).save(talk / "assets" / "square.png")
    os.utime(talk / "assets" / "square.png", ns=(1, 1))
    wrote, _, _ = build(talk, out)
    assert "small-talk.pptx" in wrote


def test_options_are_inputs_too(talk, tmp_path):
    out = tmp_path / "out"
    build(talk, out)
    wrote, unchanged, _ = build(talk, out, "--paper", "a4")
    assert wrote == {"small-talk-handout.pdf", "small-talk-clinician-script.pdf", "small-talk-client-script.pdf"}
    wrote, _, _ = build(talk, out, "--paper", "a4", "--auto-advance")
    assert wrote == {"small-talk.pptx"}


def test_a_reused_output_reports_its_warnings_again(talk, tmp_path):
    long_title = "## " + "A very long title that keeps going " * 12
    write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("## First slide {.handout}", long_title + "{.handout}"))
    out = tmp_path / "out"
    _, _, first = build(talk, out, "--only", "pptx")
    assert "may not fit its box" in first
    _, unchanged, second = build(talk, out, "--only", "pptx")
    assert unchanged == {"pptx"}
    assert "may not fit its box" in second


def test_the_code_digest_covers_every_stage_of_the_package(monkeypatch):
    """A change to any module (the deck's arrangement, a reader, a template) makes every
    output out of date, not only a change to the build stage's own modules."""
    from segue.build import manifest

    package = Path(manifest.__file__).resolve().parents[1]
    digested: list[str] = []
    read_bytes = Path.read_bytes

    def recorded(self):
        if self.resolve().is_relative_to(package):
            digested.append(self.resolve().relative_to(package).as_posix())
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", recorded)
    manifest._code.cache_clear()
    try:
        manifest._code()
    finally:
        manifest._code.cache_clear()
    for module in ("render/pptx/arrange/blocks.py", "talk/read/segments.py", "render/pdf/common.typ", "build/manifest.py"):
        assert module in digested, module
