"""`timing` and `timing --against` tables stay aligned when times carry seconds, and
never cut who speaks or a segment's "(over)"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from segue.build.pipeline import load
from tests.helpers import cli, make_talk

ROLES = {
    "advocate": "Patient Advocate and Peer Support Lead",
    "moderator": "Conference Moderator and Timekeeper",
    "researcher": "Principal Investigator (Clinical Research)",
}
TOML = (
    'title = "Three Voices"\nduration = 17\nstart = "14:30"\nslug = "three"\n\n'
    + "\n".join(f'[speakers.{sid}]\nrole = "{role}"\n' for sid, role in ROLES.items())
)
NOTES = "\n\n".join(f"::: {sid}\n{'Words to say here, ' * (3 + n * 4)}done.\n:::" for n, sid in enumerate(ROLES))


def segment(title: str, minutes: float, slides: int) -> str:
    body = "\n\n---\n\n".join(f"## {title}: slide {n} with a title long enough to be shortened somewhere\n\n- a point\n\n{NOTES}" for n in range(1, slides + 1))
    return f'---\ntitle: "{title}"\nminutes: {minutes}\nlead: [advocate, moderator, researcher]\n---\n\n{body}\n'


@pytest.fixture
def three(tmp_path) -> Path:
    # Minutes that are not whole, and slides that share them unevenly: times carry seconds.
    segments = {
        "01-opening.md": segment("Opening: why we are here today", 3.5, 3),
        "02-stories.md": segment("Stories from the group", 7.25, 4),
        "03-questions.md": segment("Questions and answers with everyone in the room", 6.25, 2),
    }
    return make_talk(tmp_path / "three", segments, toml=TOML)


def right_edges(header: str) -> dict[str, int]:
    """Where each column heading of a header ends (right-aligned figures end there too)."""
    return {m.group(0): m.end() for m in re.finditer(r"planned share|actual share|\S+", header)}


def rows_of(lines: list[str], header_at: int, column: int, numbered: bool = False) -> list[list[str]]:
    """The rows of the table whose header is at `header_at`: each row's line with the lines
    under it that continue a wrapped cell (blank up to `column`). A blank line ends the
    table, unless rows are `numbered` (then lines between them, such as a segment's
    heading or subtotal, are passed over)."""
    rows: list[list[str]] = []
    open_row = False
    for line in lines[header_at + 2 :]:
        if not line.strip() and not numbered:
            break
        if open_row and line.strip() and line[:column].strip() == "":
            rows[-1].append(line)
        elif not numbered or re.match(r"^\s*\d+\s", line):
            rows.append([line])
            open_row = True
        else:
            open_row = False
    return rows


def assert_aligned(header: str, rows: list[list[str]], figures: list[str]) -> None:
    edges = right_edges(header)
    for row in rows:
        first = row[0]
        for name in figures:
            end = edges[name]
            assert first[end - 1] != " " and (end == len(first) or first[end] == " "), f"{name!r} out of line:\n{header}\n{first}"


def test_the_timing_table_keeps_its_columns_and_every_speaker(three):
    result = cli("timing", three)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = lines[0]
    assert header.split() == ["#", "start", "dur", "end", "title", "speakers", "speech"]
    start = header.index("speakers")
    rows = rows_of(lines, 0, start, numbered=True)
    assert len(rows) == len(load(three).plan.slides)
    assert any(re.search(r"\b14:\d\d:\d\d\b", row[0]) for row in rows), "the test needs times with seconds"
    assert_aligned(header, rows, ["start", "dur", "end", "speech"])
    spoken = [row for row in rows if row[0][start:].strip() and not row[0][start:].strip().startswith("0:")]
    assert len(spoken) == 9 + 3  # every content slide, and each segment's section slide names its lead
    for row in spoken:
        cell = " ".join([row[0][start:].rsplit(None, 1)[0].strip(), *(line.strip() for line in row[1:])])
        assert cell == ", ".join(ROLES.values()), row


def test_timing_against_keeps_its_columns_speakers_and_over_marks(three, tmp_path):
    plan = load(three).plan
    # The last segment runs 40 % over, the others a little under.
    times = {p.number: p.duration * (1.4 if plan.segment_of(p).segment.title.startswith("Questions") else 0.9) + 0.4 for p in plan.slides}
    rehearsal = tmp_path / "r.csv"
    rehearsal.write_text("slide,actual\n" + "".join(f"{n},{t:.1f}\n" for n, t in times.items()))
    result = cli("timing", three, "--against", rehearsal)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    tables = {line.split()[0]: number for number, line in enumerate(lines) if re.match(r"^(\s*#  slide|segment  |speaker  )", line)}
    assert set(tables) == {"#", "segment", "speaker"}

    header = lines[tables["#"]]
    start, end = header.index("speakers"), header.index("planned")
    slide_rows = rows_of(lines, tables["#"], start)
    assert len(slide_rows) == len(plan.slides)
    assert_aligned(header, slide_rows, ["planned", "actual", "difference"])
    spoken = [row for row in slide_rows if row[0][start:end].strip()]
    assert len(spoken) == 12
    for row in spoken:
        assert " ".join(line[start:end].strip() for line in row) == ", ".join(ROLES.values()), row

    header = lines[tables["segment"]]
    segment_rows = rows_of(lines, tables["segment"], 1)
    assert_aligned(header, segment_rows, ["planned", "actual", "difference", "%", "slides"])
    over = [row[0] for row in segment_rows if "over" in row[0]]
    assert len(over) == 1 and re.match(r"^Questions and answers with everyone.{0,12} \(over\)  ", over[0]), over

    header = lines[tables["speaker"]]
    speaker_rows = rows_of(lines, tables["speaker"], 1)
    assert_aligned(header, speaker_rows, ["planned", "actual", "planned share", "actual share"])
    assert sorted(row[0].split("  ")[0] for row in speaker_rows) == sorted(ROLES.values())
