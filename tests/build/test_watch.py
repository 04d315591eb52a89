"""`python build.py watch`: rebuilds on save, reports, keeps the last good outputs."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.helpers import REPO, SEGMENT_ONE, write


class Watcher:
    def __init__(self, talk, out):
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "watch", str(talk), "--out", str(out), "--only", "pptx,run-of-show"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> list[str]:
        seen = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"no line with {text!r} in time; saw {seen}")

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.mark.slow
def test_watch_rebuilds_on_save_and_keeps_good_outputs_on_errors(talk, tmp_path):
    out = tmp_path / "out"
    watcher = Watcher(talk, out)
    try:
        first = watcher.wait_for("rebuilt in")
        assert "small-talk.pptx" in first[-1]
        watcher.wait_for("watching")
        deck = (out / "small-talk.pptx").read_bytes()

        time.sleep(0.3)
        write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("Point one", "Point uno"))
        line = watcher.wait_for("rebuilt in")[-1]
        assert "small-talk.pptx" in line
        assert (out / "small-talk.pptx").read_bytes() != deck
        good = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

        time.sleep(0.3)
        write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("{layout=image}", "{layout=nope}"))
        seen = watcher.wait_for("last good outputs are kept")
        assert any("deck/01-opening.md:28: error: unknown layout 'nope'" in line for line in seen)
        assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == good

        time.sleep(0.3)
        write(talk / "deck" / "01-opening.md", SEGMENT_ONE)
        assert "small-talk.pptx" in watcher.wait_for("rebuilt in")[-1]
    finally:
        watcher.stop()


def _every_bad_input():
    from tests.talk.test_bad_input import CASES as BAD
    from tests.test_hostile_input import CASES as HOSTILE

    return [(name, breaker) for name, breaker, _ in [*BAD, *HOSTILE]]


def test_a_watch_session_survives_every_bad_input_and_recovers(tmp_path):
    """Each broken save is reported and keeps the last good outputs; the next good
    save builds again. (The session is what `watch` runs on every save.)"""
    from segue.build.pipeline import BuildOptions
    from segue.build.watch import WatchSession
    from tests.helpers import make_talk
    from tests.talk.test_bad_input import snapshot

    out = tmp_path / "out"
    said: list[tuple[str, bool]] = []
    for number, (name, breaker) in enumerate(_every_bad_input()):
        talk = make_talk(tmp_path / f"talk-{number}")
        session = WatchSession(talk, out, BuildOptions(only=("pptx", "run-of-show"), cache_dir=out / ".cache"), lambda line, error: said.append((line, error)))
        assert not session.build().failed(), said
        good = snapshot(out)
        said.clear()
        breaker(talk)
        result = session.build()
        assert result.failed(), name
        assert said[-1] == ("not rebuilt" in said[-1][0] and said[-1][0], True), (name, said)
        assert any(error and ": error: " in line for line, error in said), (name, said)
        assert snapshot(out) == good, name


def test_a_watch_session_watches_a_bibliography_beside_the_source_folders(tmp_path):
    from segue.build.pipeline import BuildOptions
    from segue.build.watch import WatchSession
    from tests.helpers import DECK_TOML, make_talk

    toml = DECK_TOML.replace('slug = "small-talk"', 'slug = "small-talk"\nbibliography = "refs.bib"')
    talk = make_talk(tmp_path / "t", toml=toml)
    write(talk / "refs.bib", "@book{a, author={A, B}, title={T}, year=2000}\n")
    out = tmp_path / "out"
    session = WatchSession(talk, out, BuildOptions(only=("run-of-show",), cache_dir=out / ".cache"), lambda line, error: None)
    session.build()
    folders = session.folders()
    assert talk / "refs.bib" in folders and talk / "deck" in folders and talk not in folders
