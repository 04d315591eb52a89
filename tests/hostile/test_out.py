"""--out, for every command that writes: never the file system's root, never among
the talk's sources, and a folder that cannot be written is an error, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_talk
from tests.hostile.harness import assert_clean, cli

COMMANDS = {
    "build": ("build", "--only", "run-of-show"),
    "bundle": ("bundle",),
    "rehearse": ("rehearse",),
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize(
    "where, message",
    [
        ("/", "--out must not be the file system's root"),
        ("{talk}/deck", "--out must not be inside the talk's deck/ folder"),
        ("{talk}/assets/new", "--out must not be inside the talk's assets/ folder"),
        ("{talk}", "--out must not be the talk folder itself"),
    ],
    ids=["root", "deck", "inside assets", "the talk"],
)
def test_out_is_refused_where_a_command_must_never_write(tmp_path, command, where, message):
    talk = make_talk(tmp_path / "talk")
    before = sorted(p.relative_to(talk) for p in talk.rglob("*"))
    scratch = tmp_path / "scratch"
    name, *options = command
    ran = cli(name, talk, "--out", where.format(talk=talk), *options, scratch=scratch)
    assert_clean(ran, scratch, status=1)
    assert message in ran.output, ran.output
    assert sorted(p.relative_to(talk) for p in talk.rglob("*")) == before


@pytest.mark.parametrize("where", ["/proc/segue-rehearsal", "/dev/null/inside"], ids=["a file system that takes no folder", "below a file"])
def test_a_rehearsal_that_cannot_be_saved_is_printed_with_an_error(tmp_path, where):
    talk = make_talk(tmp_path / "talk")
    scratch = tmp_path / "scratch"
    ran = cli("rehearse", talk, "--out", where, scratch=scratch)
    assert_clean(ran, scratch, status=1)
    assert "error: cannot save the rehearsal" in ran.output and "slide,title,planned,actual,speaker" in ran.output, ran.output
