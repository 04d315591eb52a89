"""Every piece of text the build composes from the model, in one place.

The deck, the scripts, the handout and the run-of-show all name slides,
credit presenters and describe segments; each of those phrases is made by
one function here, so the outputs never disagree ("1 minute" on a slide and
"1 minutes" in a script). They are written in the talk's language (`lang`
in deck.toml): each message goes through that language's gettext catalog
(`catalogs`), and dates, numbers and lists through Babel. The messages here
are the catalogs' English source; a phrase added here needs its translation
in every `locale/*/LC_MESSAGES/segue.po` (a test says which are missing).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from segue.talk.catalogs import Words, words
from segue.talk.model import Segment, Slide, Talk


def of(talk: Talk) -> Words:
    """The words of the talk's language."""
    return words(talk.lang)


def count(number: int, noun: str) -> str:
    """`1 slide`, `10 slides`: for the command line's own messages, which are English."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def minutes(talk: Talk, value: float) -> str:
    """`1 minute`, `20 minutes`, `2.5 minutes`, in the talk's language."""
    return of(talk).ngettext("{count} minute", "{count} minutes", value)


def slides(talk: Talk, number: int) -> str:
    """`1 slide`, `40 slides`, in the talk's language."""
    return of(talk).ngettext("{count} slide", "{count} slides", number)


def all_speakers(talk: Talk) -> str:
    """How notes for every speaker (`::: notes`) are labelled."""
    return of(talk).gettext("All speakers")


def click(talk: Talk) -> str:
    """Where a presenter clicks to reveal the next part of a slide."""
    return of(talk).gettext("▸ click")


def agenda_header(talk: Talk) -> tuple[str, str, str]:
    w = of(talk)
    return (w.gettext("Time"), w.gettext("Segment"), w.gettext("Led by"))


def task_state(talk: Talk, done: bool) -> str:
    """What a task's box says to a reader who cannot see it: `☑ done`, `☐ to do`."""
    w = of(talk)
    return "☑ " + w.gettext("done") if done else "☐ " + w.gettext("to do")


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


def long_date(talk: Talk, date: dt.date) -> str:
    """18 April 2027 (unambiguous on both sides of the Atlantic), 18. April 2027, 18 avril 2027."""
    return of(talk).date(date)


def event_and_date(talk: Talk) -> str:
    """`Test Conference · 18 April 2027`, or whichever of the two the talk has."""
    return " · ".join(x for x in (talk.event, long_date(talk, talk.date) if talk.date else None) if x)


def speaker(talk: Talk, speaker_id: str | None) -> str:
    """How notes, scripts and the run-of-show name a speaker: role, and name when given.
    `None` is `::: notes`, meant for every speaker."""
    if speaker_id is None:
        return all_speakers(talk)
    return talk.speakers[speaker_id].label


def credits(talk: Talk, speaker_ids: Iterable[str] | None = None) -> list[str]:
    """How the title slide and the handout credit presenters: name and role, or the role alone."""
    ids = list(talk.speakers) if speaker_ids is None else [s for s in speaker_ids if s in talk.speakers]
    return [talk.speakers[s].credit for s in ids]


def lead(talk: Talk, segment: Segment) -> str:
    """Who leads a segment, as credited: `Dr. Ada Example, Clinician and Client`."""
    return of(talk).join(credits(talk, segment.lead))


def section_detail(talk: Talk, segment: Segment) -> str:
    """A section slide's line under its title: `6 minutes · Led by …`."""
    led = lead(talk, segment)
    length = minutes(talk, segment.minutes)
    return of(talk).gettext("{minutes} · Led by {lead}", minutes=length, lead=led) if led else length


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
        w = of(talk)
        return w.gettext("Agenda") if parts == 1 else w.gettext("Agenda ({part} of {parts})", part=part + 1, parts=parts)
    if kind == "section":
        return segment.title
    if kind == "references":
        w = of(talk)
        return w.gettext("References") if parts == 1 else w.gettext("References ({part} of {parts})", part=part + 1, parts=parts)
    return slide.title_text


def references_title(talk: Talk) -> str:
    """The heading of the bibliography (the handout's, and its slide's)."""
    return of(talk).gettext("References")


def clicks(talk: Talk, count: int) -> str:
    """`▸ 3 clicks on this slide`: for a slide whose parts appear on clicks."""
    return of(talk).ngettext("▸ {count} click on this slide", "▸ {count} clicks on this slide", count)


def cue(talk: Talk, segment: Segment, duration: float, end: float, position: int, count: int) -> str:
    """The timing cue that opens a slide's notes and script entry (`Plan.cue`)."""
    return of(talk).gettext(
        "{duration} on this slide · ends at {end} · {segment} {position}/{count}",
        duration=clock(duration),
        end=at(talk, end),
        segment=short_title(segment),
        position=position,
        count=count,
    )


def logo(talk: Talk) -> str:
    """The logo's description: `Love as Medicine logo`."""
    return of(talk).gettext("{title} logo", title=talk.title)


def opening_section(talk: Talk) -> str:
    """The deck's first PowerPoint section: the title and agenda slides."""
    return of(talk).gettext("Opening")


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


# --- the handout and the scripts ------------------------------------------------------


def handout_title(talk: Talk) -> str:
    """The handout's document title: `Love as Medicine – handout`."""
    return of(talk).gettext("{title} – handout", title=talk.title)


def presented_by(talk: Talk, names: list[str]) -> str:
    """The handout's credit line: `Presented by A · B`."""
    return of(talk).gettext("Presented by {names}", names=" · ".join(names))


def page_of(talk: Talk) -> tuple[str, str, str]:
    """A page footer's `Page N of M`, as the text before the page's number, between
    it and the page count, and after the count (the template puts the numbers in)."""
    text = of(talk).gettext("Page {page} of {pages}")
    before, _, rest = text.partition("{page}")
    between, _, after = rest.partition("{pages}")
    return before, between, after


def qr_code(talk: Talk, address: str) -> str:
    """A QR code's description: `QR code: example.org`."""
    return of(talk).gettext("QR code: {address}", address=address)


def script_title(talk: Talk, speaker: str) -> str:
    """A script's document title: `Love as Medicine – script for Clinician`."""
    return of(talk).gettext("{title} – script for {speaker}", title=talk.title, speaker=speaker)


def script_footer(talk: Talk, speaker: str) -> str:
    return of(talk).gettext("{title} · script for {speaker}", title=talk.title, speaker=speaker)


def script_subtitle(talk: Talk, speaker: str) -> str:
    return of(talk).gettext("Script for {speaker}", speaker=speaker)


def script_legend(talk: Talk, others: list[str]) -> str:
    """What a script's three kinds of lines are."""
    w = of(talk)
    parts = [w.gettext("Your lines are in full.")]
    if others:
        parts.append(w.gettext("Grey cues give the first sentence of what {others} says, in speaking order.", others=w.join(others, "or")))
    parts.append(w.gettext("Lines for all presenters are in italics."))
    return " ".join(parts)


def script_facts(talk: Talk, seconds: float, count: int) -> str:
    """`60 minutes, 32 slides`."""
    return of(talk).gettext("{minutes}, {slides}", minutes=minutes(talk, seconds / 60), slides=slides(talk, count))


def no_slide_pictures(talk: Talk) -> str:
    return of(talk).gettext(
        "Pictures of the slides appear beside their lines when the deck PDF is made: install LibreOffice Impress "
        "(Debian/Ubuntu: apt install libreoffice-impress; macOS: brew install --cask libreoffice) and build again."
    )


def all_presenters(talk: Talk) -> str:
    """The label over lines for every presenter in a script, in capitals."""
    return of(talk).gettext("All presenters").upper()


def untitled_slide(talk: Talk) -> str:
    return of(talk).gettext("(untitled slide)")


def slide_picture(talk: Talk, number: int) -> str:
    """The description of a slide's picture beside its lines."""
    return of(talk).gettext("Slide {number} as the audience sees it", number=number)


# --- the run-of-show ----------------------------------------------------------------


def run_of_show_columns(talk: Talk) -> dict[str, str]:
    """The run-of-show's column names, by what each column holds."""
    w = of(talk)
    return {
        "slide": w.gettext("slide"),
        "start": w.gettext("start"),
        "duration": w.gettext("duration"),
        "end": w.gettext("end"),
        "seconds": w.gettext("seconds"),
        "segment": w.gettext("segment"),
        "title": w.gettext("title"),
        "speakers": w.gettext("speakers"),
        "speech": w.gettext("speech"),
        "kind": w.gettext("kind"),
        "dur": w.gettext("dur"),
    }


def slide_kind(talk: Talk, kind: str) -> str:
    """A planned slide's kind as the run-of-show names it."""
    w = of(talk)
    return {
        "title": w.pgettext("slide kind", "title"),
        "agenda": w.pgettext("slide kind", "agenda"),
        "section": w.pgettext("slide kind", "section"),
        "content": w.pgettext("slide kind", "content"),
        "references": w.pgettext("slide kind", "references"),
    }[kind]


def run_of_show_heading(talk: Talk) -> str:
    return of(talk).gettext("Run of show: {title}", title=talk.title)


def planned_of(talk: Talk, count: int, planned: str, budget: str) -> str:
    """`32 slides, 60:00 planned of 60:00.`"""
    return of(talk).gettext("{slides}, {planned} planned of {budget}.", slides=slides(talk, count), planned=planned, budget=budget)


def subtotal(talk: Talk, duration: str, shares: str) -> str:
    return of(talk).gettext("Subtotal {duration} · speech: {shares}", duration=duration, shares=shares)


def no_speech(talk: Talk) -> str:
    return of(talk).gettext("no speech in the notes")


def total(talk: Talk, planned: str, budget: str | None = None) -> str:
    """`Total 60:00`, or `total 60:00 of 60:00` for the terminal's table."""
    w = of(talk)
    return w.gettext("Total {planned}", planned=planned) if budget is None else w.gettext("total {planned} of {budget}", planned=planned, budget=budget)


def terminal_subtotal(talk: Talk, duration: str, shares: str) -> str:
    return of(talk).gettext("subtotal {duration} · speech: {shares}", duration=duration, shares=shares)
