"""`rehearse`: walk through the deck against the clock, in a terminal.

`Session` is the rehearsal itself (slides, keys, a clock it is given, the
times measured) and `screen` what is shown; both are plain Python so tests can
drive them with a fake clock. `terminal.py` runs them in a real terminal (raw
keys, a countdown redrawn twice a second) or, when standard input is not a
terminal, line by line.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
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
            self._bank()
            self.index = max(0, self.index - 1)
        elif action == QUIT:
            self._bank()
            self.finished = True

    # -- where the rehearsal stands against the plan ---------------------------------

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
        spent = sum(self.actual.get(p.number, 0.0) for p in earlier)
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


def _signed(seconds: float) -> str:
    if abs(seconds) < 1:
        return "on time"
    return f"{clock(abs(seconds))} {'behind' if seconds > 0 else 'ahead'}"


def screen(session: Session, width: int = 80) -> list[str]:
    """What the terminal shows now, line by line."""
    talk, plan, p = session.talk, session.plan, session.current
    left = p.duration - session.on_slide()
    countdown = f"{clock(left)} left" if left >= 0 else f"{clock(-left)} over"
    state = "  [paused]" if session.paused else ""
    lines = [
        f"Slide {p.number}/{len(plan.slides)}  {plan.title(p)}"[:width],
        f"Speaking: {', '.join(speakers_of(talk, plan, p)) or 'no one (no notes)'}"[:width],
        "",
        f"This slide: {countdown} of {clock(p.duration)}{state}",
        f"Segment “{plan.segment_of(p).segment.title}”: {_signed(session.segment_behind())}"[:width],
        f"Session: {_signed(session.behind())}",
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
