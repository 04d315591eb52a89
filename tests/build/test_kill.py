"""A build killed at any step of publishing: the next build (or `check`) finishes or
undoes it, no leftover remains, and the outputs are the earlier set or the new one,
byte for byte, never a mix. Ctrl-C, SIGTERM and SIGHUP stop a build cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from segue.build.publish import STAGING
from tests.helpers import REPO, cli, make_talk

TITLE = 'title = "Love as Medicine'
ONLY = ("--only", "pptx,handout,scripts,run-of-show")


def outputs(out: Path) -> dict[str, bytes]:
    """The output files (the picture cache, the lock and the manifest aside)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    found = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".cache"]
    found += [p.name for p in (out / ".cache").iterdir() if p.name.endswith(".tmp")] if (out / ".cache").is_dir() else []
    return found


def folder(out: Path) -> dict[str, bytes]:
    """Everything in the output folder, the build's own cache and manifest included."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def provenance(state: dict[str, bytes], old: dict[str, bytes], new: dict[str, bytes]) -> dict[str, str]:
    """Which set each file that is not the same in all three comes from."""
    return {
        name: "old" if state.get(name) == old.get(name) else "new" if state.get(name) == new.get(name) else "neither"
        for name in sorted({*state, *old, *new})
        if not state.get(name) == old.get(name) == new.get(name)
    }


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


def finished_build(talk: Path, out: Path) -> None:
    process = start_build(talk, out)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()


class KilledBuilds:
    """`build` of a talk run again and again in processes forked from one, each
    killed just before its change number `step` to the output folder (0: never;
    the changes are then listed in `steps`)."""

    def __init__(self, talk: Path, out: Path, steps: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.build.crash_at_step", str(out), str(steps), "--", "build", str(talk), *ONLY],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )

    def run(self, step: int) -> int:
        """The exit status of the build killed before `step` (negative: the signal)."""
        self.process.stdin.write(f"{step}\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.mark.slow
def test_a_build_killed_at_any_step_leaves_the_old_set_or_the_new_one(tmp_path):
    """The small talk built (set A), then with a new title every output prints (set B)
    in a process killed with SIGKILL before each change it makes to `dist/` in turn:
    each file staged, the journal written and renamed, each file renamed into
    place, the journal and its folder removed. `check` then recovers the folder."""
    talk = make_talk(tmp_path / "talk")
    out = talk / "dist"
    config = talk / "deck" / "deck.toml"
    assert cli("build", talk, *ONLY).exit_code == 0
    old = folder(out)
    shutil.copytree(out, tmp_path / "old")
    config.write_text(config.read_text().replace('title = "A Small Talk"', 'title = "A Small Talk (B)"'))

    builds = KilledBuilds(talk, out, tmp_path / "steps")
    try:
        assert builds.run(0) == 0
        new = folder(out)
        steps = (tmp_path / "steps").read_text().splitlines()
        changed = {name for name in new if old.get(name) != new[name]}
        assert changed == {*outputs(out), ".cache/outputs.json"}  # every output and the manifest differ
        decided = next(n for n, step in enumerate(steps, start=1) if step.endswith(f"{STAGING}/journal.json"))
        renamed = {step.rpartition(" -> ")[2] for step in steps if step.startswith("os.rename")}
        assert renamed == {*changed, f"{STAGING}/journal.json"}, steps  # each file, and the journal, renamed into place
        assert f"os.remove {STAGING}/journal.json" in steps, steps

        seen = []
        for step in range(1, len(steps) + 1):
            shutil.rmtree(out)
            shutil.copytree(tmp_path / "old", out)
            assert builds.run(step) == -signal.SIGKILL, (step, steps[step - 1])
            assert cli("check", talk).exit_code == 0  # what the next build does first, too
            state = folder(out)
            outcome = "old" if state == old else "new" if state == new else "a mix"
            assert outcome != "a mix", (f"killed before step {step}: {steps[step - 1]}", provenance(state, old, new))
            seen.append(outcome)
    finally:
        builds.close()
    # The set is decided when the journal is renamed into place, and only then.
    assert seen == ["old"] * decided + ["new"] * (len(steps) - decided), list(zip(steps, seen))


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
