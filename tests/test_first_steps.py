"""A newcomer's first steps, as the README's first screen gives them: they say what the
tool does and how to start a talk, and they work as written, with the system's Python."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

FIRST_SCREEN = 32  # lines


def first_screen() -> str:
    return "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:FIRST_SCREEN])


def test_the_first_screen_says_what_the_tool_does_and_how_to_start_a_talk():
    screen = first_screen()
    for said in ("timed PowerPoint", "handout", "script per presenter", "run-of-show"):
        assert said in screen, said
    steps = [screen.index(step) for step in ("make build", "python3 build.py new ../my-talk", "python3 build.py build ../my-talk")]
    assert steps == sorted(steps)
    assert "needs no activation" in screen
    assert ".venv/bin/segue" in screen and "PATH" in screen
    assert screen.index("Love as Medicine") > steps[-1], "the sample talk comes after how to start one's own"


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_the_first_steps_work_with_the_systems_python(tmp_path):
    system_python = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
    if system_python is None:
        pytest.skip("no python3 outside the virtual environment")
    made = run([system_python, str(REPO / "build.py"), "new", str(tmp_path / "my-talk"), "--title", "My Talk: A First Try", "--minutes", "10", "--speakers", "host:Host", "--segments", "1"], tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    next_line = [line for line in (made.stdout + made.stderr).splitlines() if line.startswith("next: ")]
    assert len(next_line) == 1, made.stdout + made.stderr
    command = shlex.split(next_line[0].removeprefix("next: "))
    assert command[0] == "python3"
    built = run([system_python, *command[1:]], tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "my-talk" / "dist" / "my-talk.pptx").is_file()


def test_the_segue_program_works_from_any_folder(tmp_path, talk):
    segue = Path(sys.executable).parent / "segue"
    if not segue.is_file():
        pytest.skip("segue is not installed beside this Python")
    checked = run([str(segue), "check"], talk)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert re.search(rf"talk: {re.escape(str(talk))}\n", checked.stderr)
