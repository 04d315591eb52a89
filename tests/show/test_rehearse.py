"""`rehearse` and `timing --against`: a rehearsal measured and compared with the plan."""

from __future__ import annotations

import csv
import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from segue.build.pipeline import load
from segue.show.session import BACK, NEXT, PAUSE, QUIT, Session, screen
from tests.helpers import REPO, cli


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def session_for(talk: Path, speaker: str | None = None) -> tuple[Session, FakeClock]:
    loaded = load(talk)
    assert loaded.plan is not None, loaded.report.items
    clock = FakeClock()
    return Session(loaded.talk, loaded.plan, speaker, now=clock), clock


def test_keys_move_through_the_deck_and_time_each_slide(talk):
    session, clock = session_for(talk)
    plan = session.plan
    clock.advance(12)
    session.press(NEXT)
    clock.advance(5)
    session.press(PAUSE)
    clock.advance(100)  # paused: not counted
    session.press(PAUSE)
    clock.advance(3)
    session.press(BACK)
    clock.advance(4)  # slide 1 again: both visits count
    session.press(NEXT)
    session.press(NEXT)
    clock.advance(7.5)
    session.press(QUIT)
    assert session.finished
    assert session.actual == {1: 16.0, 2: 8.0, 3: 7.5}
    rows = list(csv.reader(io.StringIO(session.to_csv())))
    assert rows[0] == ["slide", "title", "planned", "actual", "speaker"]
    assert rows[1] == ["1", "A Small Talk", str(plan.slides[0].duration), "16.0", ""]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]


def test_the_screen_counts_down_and_says_ahead_or_behind(talk):
    session, clock = session_for(talk)
    first = session.plan.slides[0]
    clock.advance(10)
    shown = "\n".join(screen(session))
    assert f"Slide 1/{len(session.plan.slides)}  A Small Talk" in shown
    left = first.duration - 10
    assert f"This slide: {left // 60}:{left % 60:02d} left of 0:{first.duration:02d}" in shown
    assert "Session: on time" in shown
    clock.advance(first.duration)  # now 10 s over
    shown = "\n".join(screen(session))
    assert "0:10 over" in shown and "Session: 0:10 behind" in shown
    session.press(NEXT)
    clock.advance(1)
    assert "Session: 0:10 behind" in "\n".join(screen(session))
    session.press(PAUSE)
    assert "[paused]" in "\n".join(screen(session))


def test_the_screen_shows_one_speakers_lines_and_the_others_cues(talk):
    session, _ = session_for(talk, speaker="client")
    while not any(n.speaker == "clinician" for n in session.current.notes):
        session.press(NEXT)
    shown = "\n".join(screen(session))
    assert "Speaking: Clinician (Dr. Ada Example), Client" in shown
    assert "cue: The clinician opens." in shown
    assert "  The client answers." in shown


def test_rehearse_in_line_mode_saves_the_csv(talk, tmp_path, monkeypatch):
    """Not a terminal: one command per line; the clock ticks a second per reading."""
    ticking = iter(range(1000, 100000))
    monkeypatch.setattr("segue.show.session.CLOCK", lambda: float(next(ticking)))
    result = cli("rehearse", talk, "--out", tmp_path, input="\n\nq\n")
    assert result.exit_code == 0, result.output
    saved = list(tmp_path.glob("small-talk-rehearsal-*.csv"))
    assert len(saved) == 1 and re.fullmatch(r"small-talk-rehearsal-\d{8}-\d{6}\.csv", saved[0].name)
    rows = list(csv.DictReader(saved[0].open()))
    assert [r["slide"] for r in rows] == ["1", "2", "3"]
    assert all(float(r["actual"]) > 0 for r in rows)
    assert "Slide 1/" in result.output and "Slide 3/" in result.output


@pytest.mark.slow
def test_rehearse_in_a_pseudo_terminal(talk, tmp_path):
    """The real thing: raw keys (arrows, space, p, q) in a terminal, the countdown redrawn."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "rehearse", str(talk), "--out", str(tmp_path)],
        stdin=follower, stdout=follower, stderr=follower, env={**os.environ, "PYTHONPATH": str(REPO)}, close_fds=True,
    )
    os.close(follower)
    seen = b""

    def read_until(pattern: bytes, timeout: float = 30) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while pattern not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(leader, 65536)
                except OSError:
                    break
        assert pattern in seen, seen[-2000:]

    try:
        read_until(b"Slide 1/")
        time.sleep(1.2)
        os.write(leader, b"\x1b[C")  # right arrow
        read_until(b"Slide 2/")
        os.write(leader, b" ")
        read_until(b"Slide 3/")
        os.write(leader, b"\x1b[D")  # left arrow
        seen = b""
        read_until(b"Slide 2/")
        os.write(leader, b"p")
        read_until(b"[paused]")
        os.write(leader, b"q")
        read_until(b"wrote ")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    rows = list(csv.DictReader(next(tmp_path.glob("small-talk-rehearsal-*.csv")).open()))
    assert [r["slide"] for r in rows] == ["1", "2", "3"]
    assert float(rows[0]["actual"]) >= 1.0


# --- timing --against -----------------------------------------------------------------


def rehearsal_csv(path: Path, times: dict[int, float]) -> Path:
    path.write_text("slide,title,planned,actual,speaker\n" + "".join(f"{n},x,0,{s},\n" for n, s in times.items()))
    return path


def test_timing_against_in_markdown_and_text(talk, tmp_path):
    plan = load(talk).plan
    times = {p.number: p.duration * 2 for p in plan.slides[:4]}
    csv_path = rehearsal_csv(tmp_path / "r.csv", times)
    text = cli("timing", talk, "--against", csv_path).output
    assert "segment" in text and "(over)" in text and "To get back on time" in text
    md = cli("timing", talk, "--against", csv_path, "--format", "MD").output
    assert "## Segments" in md and "| segment | planned | actual |" in md


@pytest.mark.parametrize(
    "content, message",
    [
        ("slide,actual\nx,3\n", "r.csv:2: error: slide 'x' took '3'"),
        ("a,b\n1,2\n", "r.csv:1: error: a rehearsal CSV has the columns slide and actual"),
        ("slide,actual\n1,nan\n", "r.csv:2: error: slide 1 took 'nan' seconds"),
        ("slide,actual\n999,3\n", "r.csv: warning: slide(s) 999 are not in the deck"),
    ],
)
def test_a_bad_rehearsal_file_is_a_diagnostic(talk, tmp_path, content, message):
    (tmp_path / "r.csv").write_text(content)
    result = cli("timing", talk, "--against", tmp_path / "r.csv")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert message in result.output, result.output


def test_a_file_that_is_not_a_deck_is_a_diagnostic(talk, tmp_path):
    (tmp_path / "r.pptx").write_bytes(b"not a zip")
    result = cli("timing", talk, "--against", tmp_path / "r.pptx")
    assert result.exit_code == 1 and "r.pptx: error: cannot be read as a PowerPoint deck" in result.output
