"""Helper processes: each in a group of its own, with a time and a memory limit, ended
with the build however the build ends; their temporary folders (a private deck
among them) never outlive it."""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import time
from pathlib import Path

import pytest

from segue.render import processes
from segue.render.deckpdf import libreoffice
from tests.helpers import cli as cli_in_process, make_talk
from tests.hostile.harness import assert_clean, assert_nothing_left, cli, finish, processes_of, start


def fake_soffice(folder: Path, body: str) -> Path:
    """A program named like LibreOffice that does `body` (shell) instead of converting."""
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + body + "\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """TMPDIR for this test alone, so what a build leaves there (or still runs) is found."""
    folder = tmp_path / "scratch"
    (folder / "tmp").mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(folder / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(folder / "tmp"))
    return folder


SPINNERS = {
    # a helper that never ends, with a child of its own that never ends either
    "never ends": "sleep 1000 & exec sleep 1000",
    # a helper that busies the processor forever
    "spins": "while :; do :; done",
    # a helper that ends but leaves a child running in its group
    "leaves a child": "(sleep 1000 &) ; exit 0",
}


@pytest.mark.parametrize("body", SPINNERS.values(), ids=SPINNERS.keys())
def test_a_helper_is_ended_with_everything_it_started(talk, tmp_path, scratch, monkeypatch, body):
    monkeypatch.setenv("SOFFICE", str(fake_soffice(tmp_path, body)))
    monkeypatch.setattr(libreoffice, "TIMEOUT", 2)
    started = time.monotonic()
    result = cli_in_process("build", talk, "--out", tmp_path / "out", "--only", "deck-pdf")
    assert time.monotonic() - started < 2 + processes.GRACE
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert ("did not convert the deck within 2 seconds" in result.output) or ("could not convert" in result.output), result.output
    assert_nothing_left(scratch)


def test_a_helper_gets_no_more_memory_than_its_limit(talk, tmp_path, scratch, monkeypatch):
    import sys

    hungry = tmp_path / "hungry.py"
    hungry.write_text("import sys\ntry:\n    block = bytearray(1024 ** 3)\nexcept MemoryError:\n    sys.exit('out of memory')\n")
    monkeypatch.setenv("SOFFICE", str(fake_soffice(tmp_path, f"exec {sys.executable} {hungry}")))
    monkeypatch.setattr(processes, "MEMORY", 256 * 1024**2)
    result = cli_in_process("build", talk, "--out", tmp_path / "out", "--only", "deck-pdf")
    assert result.exit_code == 1
    assert "LibreOffice could not convert the deck: out of memory" in result.output, result.output
    assert_nothing_left(scratch)


def test_the_next_build_removes_what_a_killed_helper_left(tmp_path):
    talk = make_talk(tmp_path / "talk")
    scratch = tmp_path / "scratch"
    leftover = scratch / "tmp" / "segue-helper-999999999-deck-pdf-x1y2"
    (leftover / "profile").mkdir(parents=True)
    (leftover / "deck.pptx").write_bytes(b"a private deck, notes and all")
    alive = scratch / "tmp" / f"segue-helper-{os.getpid()}-deck-pdf-a1b2"  # a build still running: kept
    alive.mkdir()
    others = scratch / "tmp" / "segue-md-203-x9"  # another program's folder, named alike: never touched
    others.mkdir()
    ran = cli("build", talk, "--out", tmp_path / "out", "--only", "run-of-show", scratch=scratch)
    assert ran.status == 0, ran.output
    assert f"{leftover}: removed, the temporary folder of a helper of a build that was stopped" in ran.output
    assert not leftover.exists() and alive.exists() and others.exists()
    alive.rmdir()
    others.rmdir()
    assert_nothing_left(scratch)


def _wait_for_libreoffice(scratch: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not any("soffice" in p for p in processes_of(scratch)):
        assert time.monotonic() < deadline, "LibreOffice never started"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["the build", "the build's group"])
def test_a_build_killed_while_libreoffice_runs_leaves_nothing_running_and_no_private_deck(tmp_path, libreoffice, how):
    talk = make_talk(tmp_path / "talk")
    scratch = tmp_path / "scratch"
    out = tmp_path / "out"
    build = start("build", talk, "--out", out, scratch=scratch, env={"SOFFICE": libreoffice})
    _wait_for_libreoffice(scratch)
    time.sleep(0.3)
    if how == "the build":
        os.kill(build.pid, signal.SIGKILL)
    else:
        os.killpg(build.pid, signal.SIGKILL)
    finish(build, 30)
    assert_nothing_left(scratch, group=build.pid)
    again = cli("build", talk, "--out", out, scratch=scratch, env={"SOFFICE": libreoffice})
    assert_clean(again, scratch, status=0, seconds=120)
    assert (out / "small-talk-deck.pdf").is_file()


@pytest.mark.slow
def test_libreoffice_runs_in_a_group_of_its_own(tmp_path, libreoffice):
    """The build's Ctrl-C (sent to its terminal's foreground group) never reaches
    LibreOffice directly; the build ends it."""
    talk = make_talk(tmp_path / "talk")
    scratch = tmp_path / "scratch"
    build = start("build", talk, "--out", tmp_path / "out", "--only", "deck-pdf", scratch=scratch, env={"SOFFICE": libreoffice})
    _wait_for_libreoffice(scratch)
    groups = {int(Path(f"/proc/{line.split(':')[0]}/stat").read_text().rpartition(")")[2].split()[2]) for line in processes_of(scratch) if "soffice" in line}
    os.killpg(build.pid, signal.SIGINT)
    ran = finish(build, 60)
    assert build.pid not in groups
    assert ran.status == 1 and "Traceback" not in ran.output, ran.output
    assert_nothing_left(scratch, group=build.pid)
