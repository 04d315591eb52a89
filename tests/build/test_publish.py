"""Publishing outputs as one set: what a stopped build leaves is finished or undone."""

from __future__ import annotations

import json
import os

import pytest

from segue.build.publish import JOURNAL, STAGING, has_leftovers, publish, recover
from tests.helpers import cli


def stopped_build(out, decided: bool):
    """What a build killed after staging two files leaves, before or after its journal."""
    (out / "a.txt").write_text("old a")
    (out / "b.txt").write_text("old b")
    staging = out / STAGING
    staging.mkdir()
    (staging / "0").write_text("new a")
    (staging / "1").write_text("new b")
    if decided:
        (staging / JOURNAL).write_text(json.dumps({"moves": {"0": "a.txt", "1": "b.txt"}}))
        os.replace(staging / "0", out / "a.txt")  # killed after the first rename


@pytest.mark.parametrize(
    "decided, outputs, said",
    [
        (False, ("old a", "old b"), "removed an unfinished build's files"),
        (True, ("new a", "new b"), "completed the publishing of a stopped build"),
    ],
    ids=["undecided: undone", "decided: completed"],
)
def test_a_stopped_set_is_undone_or_completed(tmp_path, decided, outputs, said):
    stopped_build(tmp_path, decided=decided)
    done = recover(tmp_path)
    assert ((tmp_path / "a.txt").read_text(), (tmp_path / "b.txt").read_text()) == outputs
    assert not (tmp_path / STAGING).exists()
    assert said in done[0]


def test_a_journal_never_moves_files_out_of_the_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    staging = out / STAGING
    staging.mkdir()
    (staging / "0").write_text("x")
    (staging / JOURNAL).write_text(json.dumps({"moves": {"0": "../escaped.txt"}}))
    recover(out)
    assert not (tmp_path / "escaped.txt").exists()


def test_temporary_files_of_stopped_builds_are_removed_and_others_kept(tmp_path):
    dead = tmp_path / ".talk.pptx.999999999.tmp"
    dead.write_text("a private script")
    alive = tmp_path / f".talk.pptx.{os.getpid()}.tmp"
    alive.write_text("in progress")
    mine = tmp_path / "notes.tmp"  # not a build's name: a presenter's file
    mine.write_text("keep")
    cache = tmp_path / ".cache"
    cache.mkdir()
    picture = cache / ".0123abcd-640x480-v2.140234567891234.999999999.tmp"  # thread id, then pid
    picture.write_bytes(b"half a picture")
    impossible = cache / ".outputs.json.140234567891234.tmp"  # a number no process has
    impossible.write_text("{")
    assert has_leftovers(tmp_path)
    recover(tmp_path)
    assert not dead.exists() and alive.exists() and mine.exists()
    assert not picture.exists() and not impossible.exists()


def test_check_and_build_finish_a_stopped_build_and_say_so(talk, tmp_path):
    out = talk / "dist"
    out.mkdir()
    stopped_build(out, decided=True)
    result = cli("check", talk)
    assert "completed the publishing of a stopped build" in result.output
    assert (out / "b.txt").read_text() == "new b"
    stopped_build_again = out / STAGING
    stopped_build_again.mkdir()
    (stopped_build_again / "0").write_text("half")
    result = cli("build", talk, "--only", "run-of-show")
    assert result.exit_code == 0 and "removed an unfinished build's files" in result.output
    assert not stopped_build_again.exists()


def test_publish_writes_the_set_and_leaves_nothing(tmp_path):
    written = publish(tmp_path, {"x.txt": b"1", ".cache/m.json": b"{}"})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [".cache/m.json", "x.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "x.txt"]
