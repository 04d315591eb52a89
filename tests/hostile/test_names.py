"""Names are checked before anything is published: a talk whose file names a file
system cannot hold is an error at its line, before the set is decided; and
whatever journal a stopped build left, the next build and check carry it out or
set it aside, never failing on it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from segue.build.publish import JOURNAL, SET_ASIDE, STAGING
from tests.helpers import DECK_TOML, cli as cli_in_process, make_talk
from tests.hostile.harness import assert_clean, cli


def _talk(tmp_path: Path, toml: str) -> Path:
    return make_talk(tmp_path / "talk", toml=toml)


def test_a_long_slug_is_an_error_before_anything_is_published(tmp_path):
    talk = _talk(tmp_path, DECK_TOML.replace('slug = "small-talk"', f'slug = "{"s" * 240}"'))
    out = tmp_path / "out"
    scratch = tmp_path / "scratch"
    for command in (("check", talk), ("build", talk, "--out", out)):
        ran = cli(*command, scratch=scratch)
        assert_clean(ran, scratch, status=1)
        assert "deck/deck.toml:7: error: 'slug' is 240 characters; file names need 80 at most" in ran.output, ran.output
    assert not out.exists()


@pytest.mark.parametrize("title", ["Word " * 48, "日本語" * 80])
def test_a_long_title_gives_file_names_any_file_system_holds(tmp_path, title):
    talk = _talk(tmp_path, DECK_TOML.replace('title = "A Small Talk"', f'title = "{title.strip()}"').replace('slug = "small-talk"\n', ""))
    out = tmp_path / "out"
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", out, scratch=scratch)
    assert_clean(ran, scratch, status=0)
    names = [p.name for p in out.iterdir() if p.is_file()]
    assert len(names) == 6 and max(len(n.encode()) for n in names) <= 100, names
    assert not (out / STAGING).exists()


def test_a_title_longer_than_a_slide_can_show_is_an_error(tmp_path):
    talk = _talk(tmp_path, DECK_TOML.replace('title = "A Small Talk"', f'title = "{"x" * 1_000_000}"'))
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", scratch=scratch, seconds=30)
    assert_clean(ran, scratch, status=1, seconds=30)
    assert "deck/deck.toml:1: error: 'title' is 1,000,000 characters; keep it to 300" in ran.output
    assert len(ran.output) < 2000


def test_an_output_path_no_file_system_holds_is_an_error(tmp_path):
    talk = make_talk(tmp_path / "talk")
    out = tmp_path.joinpath(*["d" * 200] * 22)
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", out, "--only", "run-of-show", scratch=scratch)
    assert_clean(ran, scratch, status=1)
    assert "error: " in ran.output


UNUSABLE_JOURNALS = {
    "a name too long": {"0": "x" * 300 + ".pdf"},
    "a null byte": {"0": "a\u0000b.pdf"},
    "a folder in the way": {"0": "taken"},
    "a file where a folder must be": {"0": "small-talk.pptx/inside.pdf"},
}


@pytest.mark.parametrize("moves", UNUSABLE_JOURNALS.values(), ids=UNUSABLE_JOURNALS.keys())
def test_a_journal_that_cannot_be_carried_out_is_set_aside(tmp_path, moves):
    talk = make_talk(tmp_path / "talk")
    out = talk / "dist"
    assert cli_in_process("build", talk, "--only", "pptx").exit_code == 0
    (out / "taken").mkdir()
    (out / "taken" / "keep.txt").write_text("a presenter's file")
    staging = out / STAGING
    staging.mkdir()
    (staging / "0").write_bytes(b"staged")
    (staging / JOURNAL).write_text(json.dumps({"moves": moves}))
    scratch = tmp_path / "scratch"
    for command in (("check", talk), ("build", talk, "--only", "pptx,run-of-show"), ("check", talk)):
        ran = cli(*command, scratch=scratch)
        assert_clean(ran, scratch, status=0)
    assert not staging.exists() and (out / SET_ASIDE).is_dir()
    assert (out / "taken" / "keep.txt").read_text() == "a presenter's file"
    assert (out / "small-talk-run-of-show.csv").is_file()


def test_a_damaged_journal_is_an_unfinished_build(tmp_path):
    talk = make_talk(tmp_path / "talk")
    out = talk / "dist"
    assert cli_in_process("build", talk, "--only", "pptx").exit_code == 0
    staging = out / STAGING
    staging.mkdir()
    (staging / JOURNAL).write_bytes(os.urandom(64))
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--only", "pptx", scratch=scratch)
    assert_clean(ran, scratch, status=0)
    assert "removed an unfinished build's files" in ran.output and not staging.exists()
