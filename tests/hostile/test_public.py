"""A public folder holds the outputs and nothing else: the build's own records
(which name every file each output read, a picture called "client-face.png"
among them) are kept out of it, or not kept at all."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.helpers import make_talk
from tests.hostile.harness import assert_clean, cli, names_under, planted
from tests.talk.test_bad_input import replace_in_segment

PUBLIC_FILES = ["small-talk-handout.pdf", "small-talk-run-of-show.csv", "small-talk-run-of-show.md", "small-talk.pptx"]


def _talk(tmp_path: Path) -> Path:
    talk = make_talk(tmp_path / "talk")
    Image.new("RGB", (60, 60), (90, 30, 60)).save(talk / "assets" / "client-face.png")
    replace_in_segment(talk, "(assets/square.png)", "(assets/client-face.png)")
    return talk


def test_a_public_build_leaves_nothing_but_its_outputs(tmp_path):
    talk = _talk(tmp_path)
    public = tmp_path / "public"
    scratch = tmp_path / "scratch"
    for _ in range(2):  # the second build too: nothing kept makes it whole again
        ran = cli("build", talk, "--out", public, "--public", scratch=scratch)
        assert_clean(ran, scratch, status=0)
        assert names_under(public) == PUBLIC_FILES
    assert planted(public, ["client-face", str(talk)]) == []


def test_a_bundle_keeps_its_records_beside_the_public_folder(tmp_path):
    talk = _talk(tmp_path)
    dist = tmp_path / "dist"
    scratch = tmp_path / "scratch"
    ran = cli("bundle", talk, "--out", dist, scratch=scratch)
    assert_clean(ran, scratch, status=0)
    assert names_under(dist / "public") == PUBLIC_FILES
    assert planted(dist / "public", ["client-face", str(talk)]) == []
    assert planted(dist, ["client-face"]) == ["client-face in .cache/public/outputs.json"]  # the records, beside it
    again = cli("bundle", talk, "--out", dist, scratch=scratch)
    assert_clean(again, scratch, status=0)
    assert "unchanged: pptx" in again.output and "unchanged: handout" in again.output, again.output
    assert names_under(dist / "public") == PUBLIC_FILES


def test_a_private_build_keeps_its_records_and_builds_only_what_changed(tmp_path):
    """Control: the records a private build keeps beside its outputs are still kept and used."""
    talk = _talk(tmp_path)
    out = tmp_path / "out"
    scratch = tmp_path / "scratch"
    assert_clean(cli("build", talk, "--out", out, scratch=scratch), scratch, status=0)
    assert (out / ".cache" / "outputs.json").is_file()
    again = cli("build", talk, "--out", out, scratch=scratch)
    assert_clean(again, scratch, status=0)
    assert "unchanged: pptx" in again.output, again.output
