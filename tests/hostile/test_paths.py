"""Every path check holds for the file finally read: after the fallback that finds a
name saved decomposed, and at the moment of reading, when a file may have been
swapped for a link since the talk was read."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import cli as cli_in_process, make_talk
from tests.hostile.harness import assert_clean, cli, planted
from tests.render.pptx.test_template import make_template, use_template
from tests.talk.test_bad_input import SEGMENT, replace_in_segment

SECRET_COLOUR = (13, 57, 211)


def _outside_picture(tmp_path: Path) -> Path:
    secret = tmp_path / "elsewhere" / "client-face.png"
    secret.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 40), SECRET_COLOUR).save(secret)
    return secret


def _decomposed_link(folder: Path, name: str, target: Path) -> None:
    link = folder / unicodedata.normalize("NFD", name)
    assert link.name != name  # saved decomposed, as macOS writes names
    os.symlink(target, link)


def test_a_decomposed_name_that_links_out_of_the_talk_is_never_read(tmp_path):
    talk = make_talk(tmp_path / "talk")
    _decomposed_link(talk / "assets", "café.png", _outside_picture(tmp_path))
    replace_in_segment(talk, "(assets/square.png)", "(assets/café.png)")
    scratch = tmp_path / "scratch"
    for command in (("check", talk), ("bundle", talk, "--out", tmp_path / "dist")):
        ran = cli(*command, scratch=scratch)
        assert_clean(ran, scratch, status=1)
        assert f"{SEGMENT}:30: error: image 'assets/café.png' is a link that leads out of the talk folder" in ran.output, ran.output
    assert not (tmp_path / "dist").exists() or planted(tmp_path / "dist", ["client-face"]) == []


def test_a_decomposed_template_name_that_links_out_of_the_talk_is_never_read(tmp_path):
    talk = make_talk(tmp_path / "talk")
    outside = make_template(tmp_path / "elsewhere" / "private.pptx")
    _decomposed_link(talk / "assets", "modèle.pptx", outside)
    use_template(talk)
    toml = talk / "deck" / "deck.toml"
    toml.write_text(toml.read_text().replace("assets/template.pptx", "assets/modèle.pptx"))
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", scratch=scratch)
    assert_clean(ran, scratch, status=1)
    assert "error: template 'assets/modèle.pptx' is a link that leads out of the talk folder" in ran.output, ran.output


def test_a_decomposed_name_inside_the_talk_is_still_found(tmp_path):
    """Control: the fallback itself still works for a file (or a link) inside the talk."""
    talk = make_talk(tmp_path / "talk")
    Image.new("RGB", (40, 40), (1, 2, 3)).save(talk / "assets" / "real.png")
    _decomposed_link(talk / "assets", "café.png", talk / "assets" / "real.png")
    replace_in_segment(talk, "(assets/square.png)", "(assets/café.png)")
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", "--only", "pptx", scratch=scratch)
    assert_clean(ran, scratch, status=0)


@pytest.mark.parametrize("only", ["pptx", "handout"])
def test_a_picture_swapped_for_a_link_out_after_reading_is_never_read(tmp_path, monkeypatch, only):
    import segue.build.pipeline

    talk = make_talk(tmp_path / "talk")
    replace_in_segment(talk, "## Second slide {layout=image}", "## Second slide {layout=image .handout}")
    Image.new("RGB", (50, 50), (9, 9, 9)).save(talk / "assets" / "square.png")  # bytes the picture cache has not seen
    secret = _outside_picture(tmp_path)
    checked = segue.build.pipeline.check_talk

    def check_then_swap(talk_model, report):
        checked(talk_model, report)
        (talk / "assets" / "square.png").unlink()
        os.symlink(secret, talk / "assets" / "square.png")

    monkeypatch.setattr(segue.build.pipeline, "check_talk", check_then_swap)
    result = cli_in_process("build", talk, "--out", tmp_path / "out", "--only", only)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{SEGMENT}:30: error: image 'assets/square.png': " in result.output and "has become a link" in result.output, result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.p*"))
