"""Every piece of text the build composes from the model, in one place.

The deck, the scripts, the handout and the run-of-show all name slides,
credit presenters and describe segments; each of those phrases is made by
one function here, so the outputs never disagree ("1 minute" on a slide and
"1 minutes" in a script).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from segue.talk.model import Segment, Slide, Talk

AGENDA_TITLE = "Agenda"
REFERENCES_TITLE = "References"
AGENDA_HEADER = ("Time", "Segment", "Led by")
ALL_SPEAKERS = "All speakers"
CLICK = "▸ click"  # where a presenter clicks to reveal the next part of a slide


def count(number: int, noun: str) -> str:
    """`1 slide`, `10 slides`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def minutes(value: float) -> str:
    """`1 minute`, `20 minutes`, `2.5 minutes`."""
    return f"{value:g} minute{'' if value == 1 else 's'}"


def clock(seconds: float, pad: bool = False) -> str:
    """Seconds as m:ss (mm:ss when padded). Minutes run past 59 (`75:30`):
    timekeepers count a session in minutes."""
    whole_minutes, secs = divmod(int(round(seconds)), 60)
    return f"{whole_minutes:02d}:{secs:02d}" if pad else f"{whole_minutes}:{secs:02d}"


def hours_minutes(seconds: float) -> str:
    """Seconds as h:mm, for the agenda's clock ranges (0:00–0:05)."""
    whole = int(round(seconds / 60))
    return f"{whole // 60}:{whole % 60:02d}"


def at(talk: Talk, seconds: float) -> str:
    """A moment of the session: the time of day (`14:35`, `14:37:30`) when the talk has a
    `start`, else minutes past the start (`05:00`, `75:30`), as a timekeeper counts."""
    if talk.start is None:
        return clock(seconds, pad=True)
    moment = dt.datetime.combine(talk.date or dt.date(2000, 1, 1), talk.start) + dt.timedelta(seconds=round(seconds))
    return moment.strftime("%H:%M" if moment.second == 0 else "%H:%M:%S")


def clock_range(talk: Talk, start: float, end: float) -> str:
    """An agenda row's time: `14:30–14:35` with a `start`, else `0:05–0:25`."""
    if talk.start is not None:
        return f"{at(talk, start)}–{at(talk, end)}"
    return f"{hours_minutes(start)}–{hours_minutes(end)}"


def long_date(date: dt.date) -> str:
    """18 April 2027: unambiguous on both sides of the Atlantic."""
    return f"{date.day} {date.strftime('%B')} {date.year}"


def event_and_date(talk: Talk) -> str:
    """`Test Conference · 18 April 2027`, or whichever of the two the talk has."""
    return " · ".join(x for x in (talk.event, long_date(talk.date) if talk.date else None) if x)


def speaker(talk: Talk, speaker_id: str | None) -> str:
    """How notes, scripts and the run-of-show name a speaker: role, and name when given.
    `None` is `::: notes`, meant for every speaker."""
    if speaker_id is None:
        return ALL_SPEAKERS
    return talk.speakers[speaker_id].label


def credits(talk: Talk, speaker_ids: Iterable[str] | None = None) -> list[str]:
    """How the title slide and the handout credit presenters: name and role, or the role alone."""
    ids = list(talk.speakers) if speaker_ids is None else [s for s in speaker_ids if s in talk.speakers]
    return [talk.speakers[s].credit for s in ids]


def lead(talk: Talk, segment: Segment) -> str:
    """Who leads a segment, as credited: `Dr. Ada Example, Clinician and Client`."""
    return " and ".join(credits(talk, segment.lead))


def section_detail(talk: Talk, segment: Segment) -> str:
    """A section slide's line under its title: `6 minutes · Led by …`."""
    led = lead(talk, segment)
    return minutes(segment.minutes) + (f" · Led by {led}" if led else "")


def short_title(segment: Segment) -> str:
    """`Narrative: The Clinician–Client Story` -> `Narrative`, for timing cues."""
    return segment.title.split(":")[0].strip() or segment.title


def slide_title(
    talk: Talk, kind: str, segment: Segment, slide: Slide | None, part: int = 0, parts: int = 1
) -> str:
    """What a deck slide is called: generated slides are named after what they show
    (`Plan.title` gives it for a planned slide)."""
    if kind == "title":
        return talk.title
    if kind == "agenda":
        return AGENDA_TITLE if parts == 1 else f"{AGENDA_TITLE} ({part + 1} of {parts})"
    if kind == "section":
        return segment.title
    if kind == "references":
        return REFERENCES_TITLE if parts == 1 else f"{REFERENCES_TITLE} ({part + 1} of {parts})"
    return slide.title_text


def clicks(count: int) -> str:
    """`▸ 3 clicks on this slide`: for a slide whose parts appear on clicks."""
    return f"▸ {count} click{'' if count == 1 else 's'} on this slide"


def cue(talk: Talk, segment: Segment, duration: float, end: float, position: int, count: int) -> str:
    """The timing cue that opens a slide's notes and script entry (`Plan.cue`)."""
    return (
        f"{clock(duration)} on this slide · ends at {at(talk, end)}"
        f" · {short_title(segment)} {position}/{count}"
    )


# Links a reader can follow from paper or a QR code; any other target is only text.
WEB_SCHEMES = ("https://", "http://", "mailto:")


def shown_address(href: str) -> str:
    """A link's address as a reader would type it: no scheme, no trailing slash
    (printed after a link in the handout, under a QR code)."""
    for scheme in WEB_SCHEMES:
        if href.startswith(scheme):
            href = href[len(scheme) :]
            break
    return href.rstrip("/")
