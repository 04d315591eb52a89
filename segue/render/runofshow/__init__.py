"""The run-of-show for the timekeeper: one row per deck slide.

The same rows feed `<slug>-run-of-show.csv`, `<slug>-run-of-show.md` and the
`timing` command's terminal table.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from segue.diagnostics import Diagnostics
from segue.render import RenderOptions, plan_facts, talk_facts
from segue.render.runofshow.texttable import text_table
from segue.talk.model import Talk
from segue.talk import labels
from segue.talk.labels import clock
from segue.talk.plan import Plan, PlannedSlide, SegmentPlan


@dataclass(frozen=True)
class Row:
    number: int
    start: int
    duration: int
    end: int
    segment: str
    title: str
    speakers: str
    speech: float  # estimated seconds of speech
    kind: str


def speakers_of(talk: Talk, plan: Plan, planned: PlannedSlide) -> list[str]:
    """Who speaks on a slide, in order of first appearance; a section slide names its lead."""
    seen: list[str] = []
    if planned.kind == "section" and not planned.notes:
        seen = [labels.speaker(talk, s) for s in plan.segment_of(planned).segment.lead]
    for note in planned.notes:
        label = labels.speaker(talk, note.speaker)
        if label not in seen:
            seen.append(label)
    return seen


def row(talk: Talk, plan: Plan, p: PlannedSlide) -> Row:
    return Row(
        number=p.number,
        start=p.start,
        duration=p.duration,
        end=p.end,
        segment=plan.segment_of(p).segment.title,
        title=plan.title(p),
        speakers=", ".join(speakers_of(talk, plan, p)),
        speech=p.speech_seconds,
        kind=p.kind,
    )


def rows_by_segment(talk: Talk, plan: Plan) -> list[tuple[SegmentPlan, list[Row]]]:
    return [(segment, [row(talk, plan, p) for p in segment.slides]) for segment in plan.segments]


def shares_text(talk: Talk, segment: SegmentPlan) -> str:
    shares = segment.shares()
    if not shares:
        return labels.no_speech(talk)
    return ", ".join(
        f"{labels.speaker(talk, speaker)} {labels.of(talk).percent(share)}"
        for speaker, share in sorted(shares.items(), key=lambda item: -item[1])
    )


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP,
# "CSV Injection"): such a cell gets a leading apostrophe, which spreadsheets
# show as text and do not display.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> object:
    """A value safe to open in a spreadsheet: numbers as they are, text never a formula
    (pass numbers as numbers: a text cell "-5" is escaped like any other)."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_STARTS):
        return value
    return "'" + value


def csv_text(header: list[str], rows) -> str:
    """A CSV document: the header, then every row with each text cell through `csv_cell`
    (every CSV this build writes is written here)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def to_csv(talk: Talk, plan: Plan) -> str:
    rows = []
    for _, segment_rows in rows_by_segment(talk, plan):
        for r in segment_rows:
            rows.append(
                [
                    r.number,
                    labels.at(talk, r.start),
                    clock(r.duration),
                    labels.at(talk, r.end),
                    r.duration,
                    r.segment,
                    r.title,
                    r.speakers,
                    clock(r.speech),
                    labels.slide_kind(talk, r.kind),
                ]
            )
    names = labels.run_of_show_columns(talk)
    columns = ("slide", "start", "duration", "end", "seconds", "segment", "title", "speakers", "speech", "kind")
    return csv_text([names[column] for column in columns], rows)


# Characters that markdown reads as markup (emphasis, links, HTML, headings, tables,
# code, math): in a cell taken from a talk they are escaped, so they print as typed.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$&])")


def markdown_cell(text: str) -> str:
    """Text from a talk as it reads in a markdown document or table cell: on one
    line, every character markdown would take as markup escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(talk: Talk, plan: Plan) -> str:
    grouped = rows_by_segment(talk, plan)
    lines = [f"# {labels.run_of_show_heading(talk)}", ""]
    budget = round(talk.duration * 60)
    count = sum(len(segment_rows) for _, segment_rows in grouped)
    lines.append(labels.planned_of(talk, count, clock(plan.total), clock(budget)))
    names = labels.run_of_show_columns(talk)
    header = " | ".join(names[column] for column in ("start", "duration", "end", "title", "speakers", "speech"))
    for segment, segment_rows in grouped:
        lines += ["", f"## {markdown_cell(segment.segment.title)} ({labels.at(talk, segment.start)}–{labels.at(talk, segment.end)})", ""]
        lines.append(f"| # | {header} |")
        lines.append("|--:|------:|---------:|----:|-------|----------|-------:|")
        for r in segment_rows:
            lines.append(
                f"| {r.number} | {labels.at(talk, r.start)} | {clock(r.duration)} | {labels.at(talk, r.end)} "
                f"| {markdown_cell(r.title)} | {markdown_cell(r.speakers)} | {clock(r.speech)} |"
            )
        lines.append("")
        lines.append(labels.subtotal(talk, clock(segment.duration), shares_text(talk, segment)))
    lines += ["", f"**{labels.total(talk, clock(plan.total))}**", ""]
    return "\n".join(lines)


def to_terminal(talk: Talk, plan: Plan, width: int = 100) -> str:
    """The plan as an aligned table: times widen their columns (`14:37:30`), long titles
    are shortened to keep within `width`, who speaks wraps onto the next line, never cut."""
    rows: list[list[str] | str] = []
    for segment, segment_rows in rows_by_segment(talk, plan):
        rows.append(f"{segment.segment.title}  ({labels.at(talk, segment.start)}–{labels.at(talk, segment.end)})")
        for r in segment_rows:
            rows.append(
                [str(r.number), labels.at(talk, r.start), clock(r.duration), labels.at(talk, r.end), r.title, r.speakers, clock(r.speech)]
            )
        rows.append("     " + labels.terminal_subtotal(talk, clock(segment.duration), shares_text(talk, segment)))
        rows.append("")
    rows.append(labels.total(talk, clock(plan.total), clock(round(talk.duration * 60))))
    names = labels.run_of_show_columns(talk)
    header = ["#", *(names[column] for column in ("start", "dur", "end", "title", "speakers", "speech"))]
    return "\n".join(text_table(header, rows, left={4, 5}, width=width, shorten=4, wrap={5}))


MADE_FROM = None


def reads(talk: Talk, plan: Plan, options: RenderOptions) -> tuple:
    """The run-of-show's bytes depend on titles, who speaks on each slide and the
    plan: never on what is said or shown."""
    titles = [(slide.title_text, [n.speaker for n in slide.notes]) for _, slide in talk.slides]
    segments = [(s.title, s.lead, [n.speaker for n in s.notes]) for s in talk.segments]
    titles.append(("opening", [n.speaker for n in talk.title_notes + talk.agenda_notes]))
    return (talk_facts(talk), segments, titles, plan_facts(plan))


def render(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, made_from: bytes | None = None) -> dict[str, bytes]:
    return {
        f"{talk.slug}-run-of-show.csv": to_csv(talk, plan).encode("utf-8"),
        f"{talk.slug}-run-of-show.md": to_markdown(talk, plan).encode("utf-8"),
    }
