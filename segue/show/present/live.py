"""The talk as it is given: the slide and click shown, the clock, every advance.

A `Session` (segue/show/session.py) times the slides exactly as a rehearsal
does and says where the talk stands with the same words; `LiveTalk` adds
what a live talk has on top of it: each slide's clicks, stepped through as
the deck steps through them; a clock that starts when the presenters start
(the server is usually opened well before), or at the first advance; and a
sequence number, one per change, that orders the states the pages receive.

Before the clock starts, the slides can be moved freely and nothing is timed.
The slides before the one the clock starts on count as having gone to plan
(for ahead or behind and the session's clock) and are not recorded: they
show as not timed ("—") in `timing --against`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from segue.talk.labels import clock
from segue.talk.model import Talk
from segue.talk.plan import Plan
from segue.show.session import CLOCK, PAUSE, Session, standing

NEXT, BACK, GOTO, START, STOP_CLOCK, RESUME = "next", "back", "goto", "start", "pause", "resume"
ACTIONS = (NEXT, BACK, GOTO, START, STOP_CLOCK, RESUME)


@dataclass(frozen=True)
class Change:
    """Whether an action changed the talk, and why not when it did not."""

    changed: bool
    reason: str = ""


class LiveTalk:
    def __init__(self, talk: Talk, plan: Plan, clicks: list[int], now: Callable[[], float] = CLOCK) -> None:
        self.session = Session(talk, plan, None, now=now, paused=True)
        self.clicks = clicks  # per deck slide (0-based), the clicks it takes
        self.click = 0
        self.seq = 0
        self.started = False
        self.advances = 0  # slides and clicks moved while the clock ran

    @property
    def plan(self) -> Plan:
        return self.session.plan

    @property
    def slide(self) -> int:
        """The slide shown, 1-based."""
        return self.session.index + 1

    def clicks_on(self, slide: int) -> int:
        return self.clicks[slide - 1] if slide - 1 < len(self.clicks) else 0

    def act(self, action: str, number: int | None = None) -> Change:
        """Do `action` (`goto` takes a 1-based slide `number`); a change gets a new `seq`."""
        if action == START:
            if self.started and not self.session.paused:
                return Change(False, "the clock is running")
            self._start()
        elif action == STOP_CLOCK:
            if not self.started or self.session.paused:
                return Change(False, "the clock is not running")
            self.session.press(PAUSE)
        elif action == RESUME:
            if not self.session.paused:
                return Change(False, "the clock is running")
            self._start()
        elif action in (NEXT, BACK, GOTO):
            moved = self._move(action, number)
            if not moved.changed:
                return moved
            if not self.started:  # the first advance starts the clock
                self._start()
            elif not self.session.paused:
                self.advances += 1
        else:
            return Change(False, f"no such action {action!r}: {', '.join(ACTIONS)}")
        self.seq += 1
        return Change(True)

    def _start(self) -> None:
        if not self.started:  # the talk starts here: the slides before it went to plan
            self.session.as_planned = set(range(1, self.slide))
        self.started = True
        if self.session.paused:
            self.session.press(PAUSE)

    def _move(self, action: str, number: int | None) -> Change:
        last = len(self.plan.slides)
        if action == NEXT:
            if self.click < self.clicks_on(self.slide):
                self.click += 1
            elif self.slide < last:
                self.session.go_to(self.session.index + 1)
                self.click = 0
            else:
                return Change(False, "this is the last slide")
        elif action == BACK:
            if self.click > 0:
                self.click -= 1
            elif self.slide > 1:
                self.session.go_to(self.session.index - 1)
                self.click = self.clicks_on(self.slide)  # back onto a slide shows it whole, as PowerPoint does
            else:
                return Change(False, "this is the first slide")
        else:
            if number is None or not 1 <= number <= last:
                return Change(False, f"there is no slide {number}: the deck has slides 1 to {last}")
            if number == self.slide and self.click == 0:
                return Change(False, f"slide {number} is shown")
            self.session.go_to(number - 1)
            self.click = 0
        return Change(True)

    # -- what the pages are sent -------------------------------------------------------

    def state(self) -> dict:
        """The talk now: the slide (1-based) and click shown, and the clock."""
        return {
            "type": "state",
            "seq": self.seq,
            "slide": self.slide,
            "click": self.click,
            "clicks": self.clicks_on(self.slide),
            "slides": len(self.plan.slides),
            "clock": self.clock(),
        }

    def clock(self) -> dict:
        """The figures `rehearse` shows, as it words them, and the timekeeper's."""
        session = self.session
        now = standing(session)
        segments = []
        for segment in self.plan.segments:
            left = segment.duration - session.spent_on(segment.slides)
            segments.append({"left": clock(abs(left)), "over": left < 0})
        return {
            "started": self.started,
            "running": self.started and not session.paused,
            "countdown": now.countdown,
            "over": now.over,
            "allotment": now.allotment,
            "segment": now.segment,
            "segment_standing": now.segment_standing,
            "session_standing": now.session_standing,
            "behind": round(now.behind),
            "elapsed": clock(session.elapsed()),
            "planned": clock(self.plan.total),
            "segments": segments,
        }
