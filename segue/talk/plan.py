"""The time plan: every slide of the deck with its start and allotment.

Each segment owns exactly its `minutes`. Inside a segment, explicit `time=`
values are kept, generated slides take a small fixed share, and the rest is
shared by the other slides in proportion to their spoken words, above a
floor. Because no time crosses a segment boundary, editing one segment never
moves another.

Allotments are whole seconds; largest-remainder rounding keeps every
segment's sum exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from segue.diagnostics import Diagnostics
from segue.talk import labels
from segue.talk.labels import clock
from segue.talk.model import Note, References, Segment, Slide, Talk, iter_blocks, plain

TITLE_SECONDS = 30
AGENDA_SECONDS = 20
SECTION_SECONDS = 10
REFERENCES_SECONDS = 20
# A References slide lists as many works as fit at the look's body size: entries are
# measured in lines of about REFERENCE_CHARS characters (a long one takes several).
REFERENCE_ENTRIES = 8  # at most, however short the entries
REFERENCE_LINES = 12
REFERENCE_CHARS = 95
# An agenda slide lists as many segments as fit its table at the look's smallest
# size (18 pt): a longer agenda continues on the next slide. Rows are measured
# in lines of text, from the characters a line holds in each column.
AGENDA_ROWS = 8  # at most, however short the titles
AGENDA_LINES = 12  # lines of table text an agenda slide holds, its header row included
AGENDA_CHARS = (40, 30)  # characters per line in the segment and lead columns
FLOOR_SECONDS = 20
OVERRUN_TOLERANCE = 0.25  # a slide's speech may exceed its allotment by this much before a warning

GENERATED_SECONDS = {"title": TITLE_SECONDS, "agenda": AGENDA_SECONDS, "section": SECTION_SECONDS, "references": REFERENCES_SECONDS}


@dataclass
class PlannedSlide:
    kind: str  # "title" | "agenda" | "section" | "content" | "references"
    segment_index: int  # the segment whose minutes pay for this slide
    slide: Slide | None  # None for generated slides
    duration: int = 0  # seconds
    start: int = 0  # seconds from the start of the session
    number: int = 0  # 1-based position in the deck
    position: int = 0  # 1-based position inside its segment
    count: int = 0  # slides in its segment
    speech: dict[str | None, float] = field(default_factory=dict)  # estimated seconds per speaker
    part: int = 0  # an agenda (or the references) split over slides: which of them (0-based)
    parts: int = 1  # … and how many there are
    notes: list[Note] = field(default_factory=list)  # the slide's speaker notes (generated slides' too)

    @property
    def spoken_words(self) -> int:
        return sum(note.words for note in self.notes)

    @property
    def end(self) -> int:
        return self.start + self.duration

    @property
    def speech_seconds(self) -> float:
        return sum(self.speech.values())


@dataclass
class SegmentPlan:
    segment: Segment
    index: int
    start: int
    slides: list[PlannedSlide]

    @property
    def duration(self) -> int:
        return self.segment.seconds

    @property
    def end(self) -> int:
        return self.start + self.duration

    def speech(self) -> dict[str | None, float]:
        totals: dict[str | None, float] = {}
        for planned in self.slides:
            for speaker, seconds in planned.speech.items():
                totals[speaker] = totals.get(speaker, 0.0) + seconds
        return totals

    def shares(self) -> dict[str | None, float]:
        """Each speaker's fraction of the segment's estimated speech."""
        speech = self.speech()
        total = sum(speech.values())
        return {speaker: (seconds / total if total else 0.0) for speaker, seconds in speech.items()}


@dataclass
class Plan:
    talk: Talk
    segments: list[SegmentPlan]
    agenda: list[list[int]] = field(default_factory=lambda: [[]])  # the segments each agenda slide lists
    references: list[list[int]] = field(default_factory=list)  # the works each References slide lists

    @cached_property
    def slides(self) -> list[PlannedSlide]:
        return [planned for segment in self.segments for planned in segment.slides]

    @property
    def total(self) -> int:
        return sum(segment.duration for segment in self.segments)

    def segment_of(self, planned: PlannedSlide) -> SegmentPlan:
        return self.segments[planned.segment_index]

    def title(self, planned: PlannedSlide) -> str:
        """What a deck slide is called: generated slides are named after what they show."""
        segment = self.segment_of(planned).segment
        return labels.slide_title(self.talk, planned.kind, segment, planned.slide, planned.part, planned.parts)

    def cue(self, planned: PlannedSlide) -> str:
        """The timing cue that opens a slide's notes and script entry."""
        segment = self.segment_of(planned).segment
        return labels.cue(self.talk, segment, planned.duration, planned.end, planned.position, planned.count)

    def agenda_rows(self, planned: PlannedSlide) -> list[SegmentPlan]:
        """The segments an agenda slide lists."""
        return [self.segments[index] for index in self.agenda[planned.part]]

    def reference_entries(self, planned: PlannedSlide) -> list:
        """The works a References slide lists, in the style's form."""
        return [self.talk.references[index] for index in self.references[planned.part]]


def shows_references(talk: Talk) -> bool:
    """Whether a slide of the talk places the bibliography itself (`::: references`)."""
    return any(isinstance(block, References) for _, slide in talk.slides for block in iter_blocks(slide.body))


def reference_pages(talk: Talk) -> list[list[int]]:
    """The works (by index) each generated References slide lists: none when the talk
    cites nothing or a slide of its own shows them."""
    if not talk.references or not talk.segments or shows_references(talk):
        return []
    # Each entry takes its lines and the space between entries.
    lines = [math.ceil(len(plain(entry)) / REFERENCE_CHARS) + 0.35 for entry in talk.references]
    return pages_of(lines, REFERENCE_LINES, REFERENCE_ENTRIES)


# Whether an agenda slide's table holds these rows (clock range, segment, lead) under its
# header row at 18 pt: the deck's own measure of a template's agenda layout, where the
# talk has a template.
AgendaFits = Callable[[tuple[str, str, str], list[tuple[str, str, str]]], bool]


def agenda_pages(talk: Talk, fits: AgendaFits | None = None) -> list[list[int]]:
    """The segments (by index) each agenda slide lists, in order: as many as `fits` says
    a slide's table holds (at most eight), else as many as the line count allows."""
    if fits is not None:
        return _pages_that_fit(talk, fits)
    lines = [
        max(1, math.ceil(len(segment.title) / AGENDA_CHARS[0]), math.ceil(len(labels.lead(talk, segment)) / AGENDA_CHARS[1]))
        + 0.35  # a row's padding, in lines
        for segment in talk.segments
    ]
    return pages_of(lines, AGENDA_LINES, AGENDA_ROWS, header=1.0)


def pages_of(lines: list[float], room: float, most: int, header: float = 0.0) -> list[list[int]]:
    """Items (by index) shared out over slides in order: each slide holds `room` lines,
    `header` of them taken by a header row, and at most `most` items; an item longer
    than a slide has one of its own."""
    pages: list[list[int]] = [[]]
    used = header
    for index, taken in enumerate(lines):
        if pages[-1] and (used + taken > room or len(pages[-1]) == most):
            pages.append([])
            used = header
        pages[-1].append(index)
        used += taken
    return pages


def _pages_that_fit(talk: Talk, fits: AgendaFits) -> list[list[int]]:
    widest = labels.clock_range(talk, talk.duration * 60, talk.duration * 60)  # the longest a clock range gets
    header = labels.agenda_header(talk)
    pages: list[list[int]] = [[]]
    for index, segment in enumerate(talk.segments):
        row = (widest, segment.title, labels.lead(talk, segment))
        rows = [(widest, talk.segments[i].title, labels.lead(talk, talk.segments[i])) for i in pages[-1]]
        if pages[-1] and (len(pages[-1]) == AGENDA_ROWS or not fits(header, [*rows, row])):
            pages.append([])
        pages[-1].append(index)
    return pages


def speech_seconds(words: int, words_per_minute: float) -> float:
    return words / words_per_minute * 60


def largest_remainder(shares: list[float], total: int) -> list[int]:
    """Whole numbers in proportion to `shares` that add up to exactly `total`."""
    if not shares:
        return []
    floors = [math.floor(s) for s in shares]
    missing = total - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[: max(missing, 0)]:
        floors[i] += 1
    return floors


def plan_talk(talk: Talk, report: Diagnostics, agenda_fits: AgendaFits | None = None) -> Plan:
    check_duration(talk, report)
    agenda = agenda_pages(talk, agenda_fits)
    references = reference_pages(talk)
    plans: list[SegmentPlan] = []
    start = 0
    for index, segment in enumerate(talk.segments):
        last = index == len(talk.segments) - 1
        slides = plan_segment(talk, index, segment, report, len(agenda), len(references) if last else 0)
        plans.append(SegmentPlan(segment, index, start, slides))
        for planned in slides:
            planned.start = start
            start += planned.duration
        start = plans[-1].end
    number = 0
    for planned in (p for segment in plans for p in segment.slides):
        number += 1
        planned.number = number
    for segment_plan in plans:
        check_speech(talk, segment_plan, report)
    return Plan(talk, plans, agenda, references)


def check_duration(talk: Talk, report: Diagnostics) -> None:
    """Segment minutes must add up to the talk's duration: over is an error, under a warning."""
    total = 0
    budget = round(talk.duration * 60)
    for segment in talk.segments:
        total += segment.seconds
        if total > budget and total - segment.seconds <= budget:
            report.error(
                segment.minutes_source.path,
                segment.minutes_source.line,
                f"segments add up to more than the talk's {talk.duration:g} minutes: "
                f"this one ends at {clock(total)}, {clock(total - budget)} over",
            )
    # A segment that could not be read has no minutes to count: its own error is the one
    # to fix, and the sum is checked once it reads.
    if talk.segments and total < budget and not talk.unread_segments:
        report.warning(
            talk.duration_source.path,
            talk.duration_source.line,
            f"segments add up to {clock(total)} of the {talk.duration:g} minutes in `duration`; "
            f"{clock(budget - total)} is unplanned",
        )


def plan_segment(
    talk: Talk, index: int, segment: Segment, report: Diagnostics, agenda_parts: int = 1, reference_parts: int = 0
) -> list[PlannedSlide]:
    """The segment's slides and their allotments; the first segment also pays for the title
    and agenda, the last for the References slides the build adds after it."""
    wpm = talk.words_per_minute
    planned: list[PlannedSlide] = []
    if index == 0:
        parts = agenda_parts
        planned.append(PlannedSlide("title", index, None, notes=list(talk.title_notes)))
        planned += [
            PlannedSlide("agenda", index, None, part=part, parts=parts, notes=list(talk.agenda_notes) if part == 0 else [])
            for part in range(parts)
        ]
    planned.append(PlannedSlide("section", index, None, notes=list(segment.notes)))
    planned += [PlannedSlide("content", index, slide, notes=list(slide.notes)) for slide in segment.slides]
    planned += [PlannedSlide("references", index, None, part=part, parts=reference_parts) for part in range(reference_parts)]
    for p in planned:
        words: dict[str | None, int] = {}
        for note in p.notes:
            words[note.speaker] = words.get(note.speaker, 0) + note.words
        p.speech = {speaker: speech_seconds(count, wpm) for speaker, count in words.items() if count}
    for position, p in enumerate(planned, start=1):
        p.position, p.count = position, len(planned)

    budget = segment.seconds
    explicit = [p for p in planned if p.slide is not None and p.slide.time is not None]
    running = 0
    for p in explicit:
        p.duration = round(p.slide.time)
        running += p.duration
        if running > budget and running - p.duration <= budget:
            report.error(
                p.slide.source.path,
                p.slide.source.line,
                f"explicit times in this segment reach {clock(running)}, over its {segment.minutes:g} minutes",
            )
    remaining = budget - sum(p.duration for p in explicit)
    if remaining < 0:
        return planned

    # Generated slides take a small fixed share; one with speaker notes (a welcome on the
    # title slide, introductions on a section slide) is shared by its words like the others.
    generated = [p for p in planned if p.kind != "content" and not p.notes]
    free = [p for p in planned if (p.kind == "content" and p.slide.time is None) or (p.kind != "content" and p.notes)]
    # Generated slides take their fixed share, but never more than an even share.
    even = remaining / (len(generated) + len(free))
    wanted = [min(float(GENERATED_SECONDS[p.kind]), even) for p in generated]
    leftover = remaining - sum(wanted)
    if free:
        flexible = generated + free
        shares = wanted + share_by_words(free, leftover, segment, report)
    elif explicit:
        # Every content slide has an explicit time: the rest goes to the last one.
        last = explicit[-1]
        if leftover >= 1:
            report.warning(
                last.slide.source.path,
                last.slide.source.line,
                f"explicit times leave {clock(leftover)} of this segment's {segment.minutes:g} minutes "
                "unassigned; this last timed slide gets it",
            )
        flexible = generated + [last]
        shares = wanted + [last.duration + leftover]
        remaining += last.duration
    else:  # a segment without slides (reported by the reader): its section slide fills it
        flexible = generated
        shares = [remaining / len(generated)] * len(generated)
    for p, seconds in zip(flexible, largest_remainder(shares, remaining)):
        p.duration = seconds
    return planned


def share_by_words(free: list[PlannedSlide], seconds: float, segment: Segment, report: Diagnostics) -> list[float]:
    """Split `seconds` among slides by spoken words, none below the floor."""
    if not free:
        return []
    floor = min(FLOOR_SECONDS, seconds / len(free))
    if seconds / len(free) < FLOOR_SECONDS:
        first = next((p.slide for p in free if p.slide is not None), None)
        report.warning(
            segment.source.path,
            first.source.line if first is not None else segment.source.line,
            f"{len(free)} slides share {clock(seconds)} in this segment: less than "
            f"{clock(FLOOR_SECONDS)} each; give the segment more minutes or fewer slides",
        )
    words = [p.spoken_words for p in free]
    spare = seconds - floor * len(free)
    total_words = sum(words)
    if total_words == 0:
        return [floor + spare / len(free) for _ in free]
    return [floor + spare * w / total_words for w in words]


def check_speech(talk: Talk, segment_plan: SegmentPlan, report: Diagnostics) -> None:
    for p in segment_plan.slides:
        if not p.notes or p.duration <= 0:
            continue
        speech = p.speech_seconds
        if speech > p.duration * (1 + OVERRUN_TOLERANCE):
            words = p.spoken_words
            over = (speech / p.duration - 1) * 100
            where = p.slide.source if p.slide is not None else p.notes[0].source
            report.warning(
                where.path,
                where.line,
                f"notes take about {clock(speech)} to say ({words} words at {talk.words_per_minute:g}/min), "
                f"{over:.0f}% over this slide's {clock(p.duration)}",
            )
