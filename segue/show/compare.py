"""A rehearsal against the plan: actual times read from our rehearsal CSV or from a
deck saved after PowerPoint's "Rehearse Timings", compared per slide, segment and
speaker, with the slides to trim to get back on time.

PowerPoint stores each rehearsed slide's time as the slide's advance time
(`<p:transition advTm="…">`, milliseconds), the same attribute the build writes
each slide's allotment into; a deck read here is read as a zip of XML with the
standard library (nothing is written, so python-pptx is not needed).
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from segue.talk import labels
from segue.diagnostics import Diagnostics, quoted
from segue.media.packages import Package, PackageProblem
from segue.talk.labels import clock
from segue.talk.model import Talk
from segue.talk.plan import Plan, PlannedSlide
from segue.render.runofshow import csv_text, markdown_cell, speakers_of
from segue.render.runofshow.texttable import shortened, text_table

REHEARSAL_COLUMNS = ("slide", "title", "planned", "actual", "speaker")
OVER = 0.10  # a segment more than 10 % over its plan is marked

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


MAX_REHEARSAL_BYTES = 16 * 1024 * 1024  # a rehearsal CSV of 10,000 slides is well under a megabyte
MAX_DECK_XML = 64 * 1024 * 1024  # what the slides and lists of a rehearsed deck may inflate to
MAX_FIELD = 4096  # characters in one CSV cell
MAX_SLIDE_SECONDS = 86_400  # a slide shown for more than a day is no rehearsal


def read_actuals(path: Path, shown: str, report: Diagnostics) -> dict[int, float]:
    """Seconds per deck slide number from a rehearsal CSV or a rehearsed deck;
    problems are reported against `shown` (the path as the user typed it)."""
    if path.suffix.lower() in (".pptx", ".ppsx"):
        return _read_deck(path, shown, report)
    return _read_csv(path, shown, report)


def _read_csv(path: Path, shown: str, report: Diagnostics) -> dict[int, float]:
    try:
        if path.stat().st_size > MAX_REHEARSAL_BYTES:
            report.error(shown, None, f"is larger than {MAX_REHEARSAL_BYTES // (1024 * 1024)} MB: not a rehearsal CSV")
            return {}
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.error(shown, None, f"cannot be read: {getattr(exc, 'strerror', None) or exc}")
        return {}
    rows = _Rows(text)
    try:
        fieldnames = rows.reader.fieldnames
    except csv.Error as exc:
        report.error(shown, 1, f"is not a CSV file: {exc}")
        return {}
    if fieldnames is None or not {"slide", "actual"} <= set(fieldnames):
        report.error(shown, 1, "a rehearsal CSV has the columns slide and actual (seconds); these are missing")
        return {}
    actuals: dict[int, float] = {}
    for line, row in rows:
        if row is None:
            report.error(shown, line, f"a cell is longer than {MAX_FIELD:,} characters or not CSV; the rest of the file is left out")
            break
        try:
            if len(row["slide"] or "") > 9:  # a slide number, not a megabyte of digits
                raise ValueError
            number, seconds = int(row["slide"]), float(row["actual"])
        except (TypeError, ValueError):
            report.error(shown, line, f"slide {quoted(row.get('slide'))} took {quoted(row.get('actual'))}: not a slide number and seconds")
            continue
        if not _a_slides_time(seconds):
            report.error(shown, line, f"slide {number} took {quoted(row['actual'])} seconds: not a time a slide can take")
            continue
        actuals[number] = actuals.get(number, 0.0) + seconds  # a slide visited twice counts both visits
    return actuals


class _Rows:
    """The rows of a CSV with their line numbers; a row None where the CSV cannot be read
    on (a cell past MAX_FIELD characters, a quote never closed)."""

    def __init__(self, text: str) -> None:
        self.reader = csv.DictReader(io.StringIO(text))

    def __iter__(self):
        previous = csv.field_size_limit(MAX_FIELD)
        try:
            while True:
                try:
                    row = next(self.reader)
                except StopIteration:
                    return
                except csv.Error:
                    yield self.reader.line_num + 1, None
                    return
                yield self.reader.line_num, row
        finally:
            csv.field_size_limit(previous)


def _a_slides_time(seconds: float) -> bool:
    return math.isfinite(seconds) and 0 <= seconds <= MAX_SLIDE_SECONDS


def _read_deck(path: Path, shown: str, report: Diagnostics) -> dict[int, float]:
    actuals: dict[int, float] = {}
    try:
        with Package(path, MAX_DECK_XML) as package:
            order = _slide_parts(package)
            for number, part in enumerate(order, start=1):
                root = ElementTree.fromstring(package.read(part))
                times = [t.get("advTm") for t in root.iter(f"{{{_P}}}transition") if t.get("advTm") is not None]
                if not times:
                    continue
                seconds = int(times[0]) / 1000 if times[0].isdigit() and len(times[0]) < 12 else -1.0
                if _a_slides_time(seconds):
                    actuals[number] = seconds
                else:
                    report.error(shown, None, f"slide {number} advances after {quoted(times[0])} ms: not a time a slide can take")
    except (OSError, PackageProblem, KeyError, ElementTree.ParseError, ValueError, AttributeError, StopIteration) as exc:
        reason = exc if isinstance(exc, PackageProblem) else quoted(str(exc))
        report.error(shown, None, f"cannot be read as a PowerPoint deck: {reason}")
        return {}
    if not actuals and not report.has_errors:
        report.error(shown, None, "has no slide timings: save the deck after PowerPoint's Rehearse Timings, with timings kept")
    return actuals


def _slide_parts(package: Package) -> list[str]:
    """The slide parts in show order, from the presentation's slide list."""
    rels = ElementTree.fromstring(package.read("_rels/.rels"))
    main = next(r.get("Target") for r in rels if r.get("Type", "").endswith("/officeDocument")).lstrip("/")
    folder = main.rsplit("/", 1)[0]
    presentation = ElementTree.fromstring(package.read(main))
    links = ElementTree.fromstring(package.read(f"{folder}/_rels/{main.rsplit('/', 1)[1]}.rels"))
    targets = {r.get("Id"): r.get("Target") for r in links}
    order = []
    for slide in presentation.iter(f"{{{_P}}}sldId"):
        target = targets[slide.get(f"{{{_R}}}id")]
        order.append(target.lstrip("/") if target.startswith("/") else f"{folder}/{target}")
    return order


# --- the comparison -----------------------------------------------------------------


@dataclass
class SlideTime:
    number: int
    title: str
    segment: str
    speakers: str
    planned: int
    actual: float | None  # None: not rehearsed
    words: float  # the time its notes' words take at the talk's pace

    @property
    def difference(self) -> float | None:
        return None if self.actual is None else self.actual - self.planned


@dataclass
class SegmentTime:
    title: str
    planned: int
    actual: float
    rehearsed: int  # slides rehearsed
    slides: int

    @property
    def difference(self) -> float:
        return self.actual - self.planned

    @property
    def over(self) -> bool:
        return self.planned > 0 and self.actual > self.planned * (1 + OVER)


@dataclass
class SpeakerTime:
    speaker: str
    planned: float
    actual: float
    planned_share: float
    actual_share: float


@dataclass
class Trim:
    number: int
    title: str
    actual: float
    words: float

    @property
    def excess(self) -> float:
        return self.actual - self.words


@dataclass
class Comparison:
    slides: list[SlideTime]
    segments: list[SegmentTime]
    speakers: list[SpeakerTime]
    planned: int  # of the rehearsed slides
    actual: float
    trims: list[Trim] = field(default_factory=list)

    @property
    def difference(self) -> float:
        return self.actual - self.planned


def _speaker_weights(planned: PlannedSlide) -> dict[str | None, float]:
    """How a slide's time is shared among its speakers: by the estimated length of
    each one's lines (equally among the slide's notes when they hold no words)."""
    total = sum(planned.speech.values())
    if total > 0:
        return {speaker: seconds / total for speaker, seconds in planned.speech.items() if seconds > 0}
    voices = list(dict.fromkeys(note.speaker for note in planned.notes))
    return {speaker: 1 / len(voices) for speaker in voices} if voices else {}


def compare(talk: Talk, plan: Plan, actuals: dict[int, float], report: Diagnostics, shown: str) -> Comparison:
    numbers = {p.number for p in plan.slides}
    extra = sorted(set(actuals) - numbers)
    if extra:
        named = ", ".join(map(str, extra[:10])) + (f" and {len(extra) - 10} more" if len(extra) > 10 else "")
        report.warning(shown, None, f"slide(s) {named} are not in the deck of {len(numbers)} slides; left out")
    slides: list[SlideTime] = []
    segments: list[SegmentTime] = []
    per_speaker_planned: dict[str | None, float] = {}
    per_speaker_actual: dict[str | None, float] = {}
    for segment in plan.segments:
        planned_sum, actual_sum, rehearsed = 0, 0.0, 0
        for p in segment.slides:
            actual = actuals.get(p.number)
            slides.append(
                SlideTime(
                    p.number,
                    plan.title(p),
                    segment.segment.title,
                    ", ".join(speakers_of(talk, plan, p)),
                    p.duration,
                    actual,
                    p.speech_seconds,
                )
            )
            if actual is None:
                continue
            rehearsed += 1
            planned_sum += p.duration
            actual_sum += actual
            for speaker, weight in _speaker_weights(p).items():
                per_speaker_planned[speaker] = per_speaker_planned.get(speaker, 0.0) + p.duration * weight
                per_speaker_actual[speaker] = per_speaker_actual.get(speaker, 0.0) + actual * weight
        segments.append(SegmentTime(segment.segment.title, planned_sum, actual_sum, rehearsed, len(segment.slides)))
    planned_total = sum(s.planned for s in segments)
    actual_total = sum(s.actual for s in segments)
    speech_planned = sum(per_speaker_planned.values()) or 1.0
    speech_actual = sum(per_speaker_actual.values()) or 1.0
    order = [None, *talk.speakers]
    speakers = [
        SpeakerTime(
            labels.speaker(talk, speaker),
            per_speaker_planned[speaker],
            per_speaker_actual[speaker],
            per_speaker_planned[speaker] / speech_planned,
            per_speaker_actual[speaker] / speech_actual,
        )
        for speaker in sorted(per_speaker_planned, key=lambda s: order.index(s) if s in order else len(order))
    ]
    comparison = Comparison(slides, segments, speakers, planned_total, actual_total)
    comparison.trims = _trims(slides, comparison.difference)
    if not any(s.actual is not None for s in slides):
        report.error(shown, None, "holds no time for any slide of this deck")
    return comparison


def _trims(slides: list[SlideTime], overrun: float) -> list[Trim]:
    """The slides whose actual time most exceeds what their words take, as many as
    it takes to win back the overrun."""
    if overrun <= 0:
        return []
    candidates = sorted(
        (Trim(s.number, s.title, s.actual, s.words) for s in slides if s.actual is not None and s.actual > s.words),
        key=lambda t: (-t.excess, t.number),
    )
    chosen, won = [], 0.0
    for trim in candidates:
        if won >= overrun:
            break
        chosen.append(trim)
        won += trim.excess
    return chosen


# --- output -------------------------------------------------------------------------


def _signed(seconds: float) -> str:
    sign = "+" if seconds > 0.5 else "-" if seconds < -0.5 else "±"
    return f"{sign}{clock(abs(seconds))}"


def _actual(seconds: float | None) -> str:
    return "—" if seconds is None else clock(seconds)


def _rows(comparison: Comparison, title_width: int | None = None) -> dict[str, list[list[str]]]:
    """The three tables as text cells, shared by the terminal and markdown forms; titles
    shortened to `title_width` when given (the "(over)" after a segment's is kept whole)."""

    def title(text: str) -> str:
        return text if title_width is None else shortened(text, title_width)

    return {
        "slides": [
            [str(s.number), title(s.title), s.speakers, clock(s.planned), _actual(s.actual), _signed(s.difference) if s.difference is not None else "—"]
            for s in comparison.slides
        ],
        "segments": [
            [
                title(s.title) + (" (over)" if s.over else ""),
                clock(s.planned),
                clock(s.actual),
                _signed(s.difference),
                f"{s.difference / s.planned:+.0%}" if s.planned else "—",
                f"{s.rehearsed}/{s.slides}",
            ]
            for s in comparison.segments
        ],
        "speakers": [
            [s.speaker, clock(s.planned), clock(s.actual), f"{s.planned_share:.0%}", f"{s.actual_share:.0%}"]
            for s in comparison.speakers
        ],
    }


HEADERS = {
    "slides": ["#", "slide", "speakers", "planned", "actual", "difference"],
    "segments": ["segment", "planned", "actual", "difference", "%", "slides"],
    "speakers": ["speaker", "planned", "actual", "planned share", "actual share"],
}


def _summary(comparison: Comparison) -> list[str]:
    lines = [
        f"Total: planned {clock(comparison.planned)}, took {clock(comparison.actual)} ({_signed(comparison.difference)})."
    ]
    over = [s.title for s in comparison.segments if s.over]
    if over:
        lines.append(f"More than {OVER:.0%} over: {', '.join(over)}.")
    if comparison.trims:
        lines.append("To get back on time, trim first where the slide took longest beyond its words:")
        for t in comparison.trims:
            lines.append(f"  slide {t.number} “{t.title}”: took {clock(t.actual)}, its words take {clock(t.words)} ({_signed(t.excess)})")
    return lines


_LEFT = {"slides": {1, 2}, "segments": {0}, "speakers": {0}}  # text columns; figures are right-aligned
TITLE_WIDTH = 40


def to_text(comparison: Comparison) -> str:
    """Three aligned tables: titles shortened to 40 characters (a segment's "(over)" kept),
    who speaks on a slide wrapped onto the next line, never cut."""
    out: list[str] = []
    for name, rows in _rows(comparison, TITLE_WIDTH).items():
        out += text_table(HEADERS[name], rows, _LEFT[name], wrap={2} if name == "slides" else set())
        out.append("")
    out += _summary(comparison)
    return "\n".join(out) + "\n"


def to_markdown(comparison: Comparison) -> str:
    out = ["# Rehearsal against the plan", ""]
    titles = {"slides": "Slides", "segments": "Segments", "speakers": "Speakers"}
    for name, rows in _rows(comparison).items():
        out += [f"## {titles[name]}", "", "| " + " | ".join(HEADERS[name]) + " |", "|" + "---|" * len(HEADERS[name])]
        out += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
        out.append("")
    out += [markdown_cell(line) if not line.startswith("  ") else "- " + markdown_cell(line.strip()) for line in _summary(comparison)]
    return "\n".join(out) + "\n"


def to_csv(comparison: Comparison) -> str:
    """One row per slide, segment and speaker, in seconds (a `level` column says which)."""
    trims = {t.number for t in comparison.trims}
    rows: list[list] = []
    for s in comparison.slides:
        actual = "" if s.actual is None else round(s.actual, 1)
        difference = "" if s.difference is None else round(s.difference, 1)
        rows.append(["slide", f"{s.number} {s.title}", s.planned, actual, difference, "", "", "", s.number in trims])
    for g in comparison.segments:
        rows.append(["segment", g.title, g.planned, round(g.actual, 1), round(g.difference, 1), "", "", g.over, ""])
    for p in comparison.speakers:
        rows.append(
            ["speaker", p.speaker, round(p.planned, 1), round(p.actual, 1), round(p.actual - p.planned, 1), round(p.planned_share, 3), round(p.actual_share, 3), "", ""]
        )
    rows.append(["total", "session", comparison.planned, round(comparison.actual, 1), round(comparison.difference, 1), "", "", "", ""])
    return csv_text(["level", "name", "planned", "actual", "difference", "share_planned", "share_actual", "over", "trim"], rows)


def to_json(comparison: Comparison) -> str:
    value = {
        "planned": comparison.planned,
        "actual": round(comparison.actual, 1),
        "difference": round(comparison.difference, 1),
        "slides": [{**asdict(s), "difference": s.difference} for s in comparison.slides],
        "segments": [{**asdict(s), "difference": s.difference, "over": s.over} for s in comparison.segments],
        "speakers": [asdict(s) for s in comparison.speakers],
        "trim": [{**asdict(t), "excess": t.excess} for t in comparison.trims],
    }
    return json.dumps(value, indent=1, ensure_ascii=False) + "\n"


FORMATS = {"text": to_text, "md": to_markdown, "csv": to_csv, "json": to_json}
