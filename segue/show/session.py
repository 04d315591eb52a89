"""A talk timed against its plan, slide by slide: rehearsed (`rehearse`) or given
(`present`).

`Session` is the timing itself (the slide shown, a clock it is given, the
times measured, where the segment and the session stand against the plan)
and `standing` how that is said; `screen` is what the terminal shows. All
are plain Python so tests can drive them with a fake clock. `terminal.py`
runs a rehearsal in a real terminal (raw keys, a countdown redrawn twice a
second) or, when standard input is not a terminal, line by line; the live
talk (`present/`) shows the same figures on the presenters' phones.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from segue.talk import labels
from segue.talk.cues import cue
from segue.talk.labels import clock
from segue.talk.model import Talk
from segue.talk.plan import Plan, PlannedSlide
from segue.show.compare import REHEARSAL_COLUMNS
from segue.render.runofshow import csv_text, speakers_of

NEXT, BACK, PAUSE, QUIT = "next", "back", "pause", "quit"
CLOCK = time.monotonic  # what a rehearsal is timed by
KEYS = {
    " ": NEXT, "\r": NEXT, "\n": NEXT, "n": NEXT, "\x1b[C": NEXT, "\x1b[B": NEXT, "\x1b[6~": NEXT,
    "b": BACK, "\x1b[D": BACK, "\x1b[A": BACK, "\x1b[5~": BACK, "\x7f": BACK,
    "p": PAUSE,
    "q": QUIT, "\x03": QUIT, "\x04": QUIT,
}


@dataclass
class Session:
    talk: Talk
    plan: Plan
    speaker: str | None = None  # whose lines are shown in full; the others' as cues
    now: Callable[[], float] = time.monotonic
    index: int = 0
    paused: bool = False
    actual: dict[int, float] = field(default_factory=dict)  # slide number -> seconds spent on it
    # Slides passed before the clock started (a live talk's first advance starts it): they
    # count as taken to plan in ahead or behind and the session's clock, and are not recorded.
    as_planned: set[int] = field(default_factory=set)
    _since: float = 0.0  # when the clock last started on the current slide
    finished: bool = False

    def __post_init__(self) -> None:
        self._since = self.now()

    @property
    def current(self) -> PlannedSlide:
        return self.plan.slides[self.index]

    def on_slide(self) -> float:
        """Seconds on the current slide, earlier visits included."""
        running = 0.0 if self.paused or self.finished else self.now() - self._since
        return self.actual.get(self.current.number, 0.0) + running

    def _bank(self) -> None:
        if not self.paused and not self.finished:
            number = self.current.number
            self.actual[number] = self.actual.get(number, 0.0) + (self.now() - self._since)
        self._since = self.now()

    def press(self, action: str) -> None:
        if self.finished:
            return
        if action == PAUSE:
            self._bank()
            self.paused = not self.paused
            self._since = self.now()
        elif action == NEXT:
            self._bank()
            if self.index + 1 < len(self.plan.slides):
                self.index += 1
            else:
                self.finished = True
        elif action == BACK:
            self.go_to(self.index - 1)
        elif action == QUIT:
            self._bank()
            self.finished = True

    def go_to(self, index: int) -> None:
        """Bank the time on this slide and show the slide at `index` (0-based), kept
        inside the deck."""
        self._bank()
        self.index = min(max(0, index), len(self.plan.slides) - 1)

    # -- where the rehearsal stands against the plan ---------------------------------

    def _spent(self, p: PlannedSlide) -> float:
        return self.actual.get(p.number, p.duration if p.number in self.as_planned else 0.0)

    def spent_on(self, slides: list[PlannedSlide]) -> float:
        """Seconds spent on these slides so far, the running time on this one included."""
        current = self.current.number
        return sum(self._spent(p) for p in slides if p.number != current) + (
            self.on_slide() if any(p.number == current for p in slides) else 0.0
        )

    def elapsed(self) -> float:
        """The session's clock: every second timed, on every slide."""
        return self.spent_on(self.plan.slides)

    def behind(self) -> float:
        """Seconds behind the plan for the whole session (negative: ahead): time spent
        on the slides before this one against their allotments, plus any overrun here."""
        return self._behind(self.plan.slides)

    def segment_behind(self) -> float:
        segment = self.plan.segment_of(self.current)
        return self._behind(segment.slides)

    def _behind(self, slides: list[PlannedSlide]) -> float:
        current = self.current
        earlier = [p for p in slides if p.number < current.number]
        spent = sum(self._spent(p) for p in earlier)
        planned = sum(p.duration for p in earlier)
        over_here = max(0.0, self.on_slide() - current.duration)
        return spent - planned + over_here

    # -- the result ------------------------------------------------------------------

    def rows(self) -> list[list[object]]:
        rows = []
        for p in self.plan.slides:
            if p.number in self.actual:
                speakers = ", ".join(speakers_of(self.talk, self.plan, p))
                rows.append([p.number, self.plan.title(p), p.duration, round(self.actual[p.number], 1), speakers])
        return rows

    def to_csv(self) -> str:
        return csv_text(list(REHEARSAL_COLUMNS), self.rows())


def ahead_or_behind(seconds: float) -> str:
    """`0:10 behind`, `1:05 ahead` or `on time` (within a second)."""
    if abs(seconds) < 1:
        return "on time"
    return f"{clock(abs(seconds))} {'behind' if seconds > 0 else 'ahead'}"


@dataclass(frozen=True)
class Standing:
    """Where the talk stands against the plan now, as the rehearsal and the live
    talk say it."""

    countdown: str  # `1:20 left` or `0:10 over`
    over: bool  # the slide has run past its allotment
    allotment: str  # the slide's planned time, `2:30`
    segment: str  # the segment's title
    segment_standing: str  # `0:10 behind`
    session_standing: str
    behind: float  # seconds the session is behind (negative: ahead)


def standing(session: Session) -> Standing:
    p = session.current
    left = p.duration - session.on_slide()
    behind = session.behind()
    return Standing(
        f"{clock(left)} left" if left >= 0 else f"{clock(-left)} over",
        left < 0,
        clock(p.duration),
        session.plan.segment_of(p).segment.title,
        ahead_or_behind(session.segment_behind()),
        ahead_or_behind(behind),
        behind,
    )


def screen(session: Session, width: int = 80) -> list[str]:
    """What the terminal shows now, line by line."""
    talk, plan, p = session.talk, session.plan, session.current
    now = standing(session)
    state = "  [paused]" if session.paused else ""
    lines = [
        f"Slide {p.number}/{len(plan.slides)}  {plan.title(p)}"[:width],
        f"Speaking: {', '.join(speakers_of(talk, plan, p)) or 'no one (no notes)'}"[:width],
        "",
        f"This slide: {now.countdown} of {now.allotment}{state}",
        f"Segment “{now.segment}”: {now.segment_standing}"[:width],
        f"Session: {now.session_standing}",
        "",
    ]
    for note in p.notes:
        who = labels.speaker(talk, note.speaker)
        mine = session.speaker is None or note.speaker in (None, session.speaker)
        text = " ".join(note.text.split())
        shown = text if mine else f"cue: {cue(text)}"
        lines.append(f"{who}:")
        lines += _wrap(shown, width - 2, "  ")
    lines += ["", "space/→ next · ← back · p pause · q quit and save"]
    return lines


def _wrap(text: str, width: int, indent: str) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=max(20, width), initial_indent=indent, subsequent_indent=indent) or [indent]


def save(session: Session, out: Path, started: dt.datetime) -> Path:
    """The timings as a rehearsal CSV in the output folder (`<slug>-rehearsal-<date>-<time>.csv`,
    what `timing --against` reads), written whole or not at all."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{session.talk.slug}-rehearsal-{started:%Y%m%d-%H%M%S}.csv"
    temporary = out / f".{target.name}.{os.getpid()}.tmp"
    temporary.write_text(session.to_csv(), encoding="utf-8")
    temporary.replace(target)
    return target


def now_local() -> dt.datetime:
    return dt.datetime.now().astimezone()
