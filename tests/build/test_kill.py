"""A build killed at any instant: the next build finishes or undoes it, no
leftover remains, and the outputs are the earlier set or the new one, never a mix."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from segue.build.publish import STAGING, recover
from tests.helpers import REPO

TITLE = 'title = "Love as Medicine'


def outputs(out: Path) -> dict[str, bytes]:
    """The output files (the picture cache, the lock and the manifest aside)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    found = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".cache"]
    found += [p.name for p in (out / ".cache").iterdir() if p.name.endswith(".tmp")] if (out / ".cache").is_dir() else []
    return found


def start_build(talk: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "build", str(talk), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def version(talk: Path, name: str) -> None:
    """The talk as it is (A), or with a title that every output prints (B)."""
    config = talk / "deck" / "deck.toml"
    text = config.read_text().replace(f"{TITLE} (B)", TITLE)
    if name == "B":
        text = text.replace(TITLE, f"{TITLE} (B)")
    config.write_text(text)


def finished_build(talk: Path, out: Path) -> float:
    started = time.monotonic()
    process = start_build(talk, out)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return time.monotonic() - started


@pytest.mark.slow
def test_a_killed_build_leaves_the_old_set_or_the_new_one(tmp_path):
    talk = tmp_path / "talk"
    for folder in ("deck", "assets", "handouts"):
        shutil.copytree(REPO / folder, talk / folder)
    references = {}
    for name in ("A", "B"):
        version(talk, name)
        finished_build(talk, tmp_path / f"reference-{name}")
        references[name] = outputs(tmp_path / f"reference-{name}")
    assert references["A"].keys() == references["B"].keys()
    assert all(references["A"][n] != references["B"][n] for n in references["A"])  # every output differs

    out = tmp_path / "out"
    version(talk, "A")
    duration = finished_build(talk, out)
    current = "A"
    randomness = random.Random(20261128)
    seen = {"old": 0, "new": 0}
    for _ in range(30):
        new = "B" if current == "A" else "A"
        version(talk, new)
        process = start_build(talk, out)
        time.sleep(randomness.uniform(0.0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        recover(out)  # what the next build (or `check`) does first
        state = outputs(out)
        assert state in (references[current], references[new]), sorted(
            n for n in state if state[n] not in (references[current].get(n), references[new].get(n))
        )
        assert leftovers(out) == []
        seen["old" if state == references[current] else "new"] += 1

        finished_build(talk, out)
        assert outputs(out) == references[new]
        assert leftovers(out) == [] and not (out / STAGING).exists()
        current = new
    assert seen["old"] and seen["new"], seen  # the kills fell both before and after the set was decided


@pytest.mark.slow
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_sigterm_and_sighup_stop_a_build_like_ctrl_c(tmp_path, name):
    talk = tmp_path / "talk"
    for folder in ("deck", "assets", "handouts"):
        shutil.copytree(REPO / folder, talk / folder)
    out = tmp_path / "out"
    finished_build(talk, out)
    before = outputs(out)
    version(talk, "B")
    process = start_build(talk, out)
    # Signals are handled once the command line runs (it names the talk first):
    # before that the interpreter is still loading and a signal ends it as usual.
    first = process.stderr.readline()
    assert first.startswith(b"talk: "), first
    time.sleep(0.3)
    process.send_signal(getattr(signal, name))
    _, err = process.communicate(timeout=60)
    err = first + err
    assert b"Traceback" not in err, err.decode()
    if process.returncode == 0:  # the signal came after the set was decided: it finished
        assert outputs(out) != before
    else:
        assert process.returncode == 1 and b"Aborted" in err, (process.returncode, err.decode())
        assert outputs(out) == before
    assert leftovers(out) == []
