"""`timing --against`: a rehearsal compared with the plan, checked figure by figure
against values worked out by hand for a small talk whose plan is fixed."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.helpers import cli, write

# At 60 words a minute a word takes a second. The plan (README, "Timing"): the
# first segment's 120 s pay for the title and agenda slides and its section
# slide (an even share of what the timed slide leaves, 20 s, caps the title's
# 30 s: 20, 20, 10), Welcome keeps its 40 s and Story, the one untimed slide,
# takes the remaining 30 s; the second segment's 60 s are its section slide's
# 10 s and Thanks' 50 s.
#
#   #  slide      planned  speakers (words)
#   1  title      20
#   2  agenda     20
#   3  Opening    10       (section: no notes)
#   4  Welcome    40       clinician 3, client 1: 30 s and 10 s of it
#   5  Story      30       clinician 2
#   6  Closing    10       (section: no notes)
#   7  Thanks     50       client 4
DECK_TOML = """\
title = "Rehearsed"
duration = 3
words_per_minute = 60
slug = "rehearsed"

[speakers.clinician]
role = "Clinician"

[speakers.client]
role = "Client"
"""
OPENING = """\
---
title: Opening
minutes: 2
lead: [clinician]
---

## Welcome {time=40s}

Hello.

::: clinician
One two three.
:::

::: client
Four.
:::

---

## Story

A story.

::: clinician
Five six.
:::
"""
CLOSING = """\
---
title: Closing
minutes: 1
lead: [client]
---

## Thanks {time=50s}

Thank you.

::: client
Seven eight nine ten.
:::
"""


@pytest.fixture
def rehearsed(tmp_path: Path) -> Path:
    write(tmp_path / "talk" / "deck" / "deck.toml", DECK_TOML)
    write(tmp_path / "talk" / "deck" / "01-opening.md", OPENING)
    write(tmp_path / "talk" / "deck" / "02-closing.md", CLOSING)
    return tmp_path / "talk"


def rehearsal(path: Path, rows: list[tuple[int, float]]) -> Path:
    """A rehearsal CSV as `rehearse` saves it, one row per visit of a slide."""
    path.write_text("slide,title,planned,actual,speaker\n" + "".join(f"{n},x,0,{s},\n" for n, s in rows))
    return path


def against(talk: Path, source: Path, fmt: str) -> str:
    result = cli("timing", talk, "--against", source, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.output[result.output.index("\n") + 1:]  # after the line naming the talk


# Slide 5 is visited twice (15 s, then 25 s after going back): it took 40 s.
VISITS = [(1, 21), (2, 20), (3, 10), (4, 40), (5, 15), (6, 10), (5, 25), (7, 60)]


def test_every_figure_of_a_rehearsal(rehearsed, tmp_path):
    data = json.loads(against(rehearsed, rehearsal(tmp_path / "r.csv", VISITS), "json"))
    assert [(s["number"], s["planned"], s["actual"], s["difference"]) for s in data["slides"]] == [
        (1, 20, 21, 1),
        (2, 20, 20, 0),
        (3, 10, 10, 0),
        (4, 40, 40, 0),
        (5, 30, 40, 10),
        (6, 10, 10, 0),
        (7, 50, 60, 10),
    ]
    # Opening: 21 + 20 + 10 + 40 + 40 = 131 of 120, 9 % over; Closing: 70 of 60, 17 % over.
    assert [(s["title"], s["planned"], s["actual"], s["difference"], s["over"], s["rehearsed"]) for s in data["segments"]] == [
        ("Opening", 120, 131, 11, False, 5),
        ("Closing", 60, 70, 10, True, 2),
    ]
    # Planned: the clinician 30 (of Welcome's 40, by words) + 30 (Story), the client
    # 10 + 50 (Thanks); taken: 30 + 40 and 10 + 60. Slides without notes count for nobody.
    assert [(s["speaker"], s["planned"], s["actual"], s["planned_share"], s["actual_share"]) for s in data["speakers"]] == [
        ("Clinician", 60, 70, 0.5, 0.5),
        ("Client", 60, 70, 0.5, 0.5),
    ]
    assert (data["planned"], data["actual"], data["difference"]) == (180, 201, 21)
    # 21 s over: Thanks took 60 s for 4 s of words, 56 s beyond them, more than enough.
    assert [(t["number"], t["words"], t["excess"]) for t in data["trim"]] == [(7, 4, 56)]


def test_the_same_rehearsal_as_a_spreadsheet_and_as_text(rehearsed, tmp_path):
    source = rehearsal(tmp_path / "r.csv", VISITS)
    rows = list(csv.reader(io.StringIO(against(rehearsed, source, "csv"))))
    assert rows[0] == ["level", "name", "planned", "actual", "difference", "share_planned", "share_actual", "over", "trim"]
    assert rows[5] == ["slide", "5 Story", "30", "40.0", "10.0", "", "", "", "False"]
    assert rows[8:] == [
        ["segment", "Opening", "120", "131.0", "11.0", "", "", "False", ""],
        ["segment", "Closing", "60", "70.0", "10.0", "", "", "True", ""],
        ["speaker", "Clinician", "60.0", "70.0", "10.0", "0.5", "0.5", "", ""],
        ["speaker", "Client", "60.0", "70.0", "10.0", "0.5", "0.5", "", ""],
        ["total", "session", "180", "201.0", "21.0", "", "", "", ""],
    ]
    text = against(rehearsed, source, "text")
    assert "Closing (over)" in text and "Opening (over)" not in text
    assert "Total: planned 3:00, took 3:21 (+0:21)." in text
    assert "More than 10% over: Closing." in text
    assert "slide 7 “Thanks”: took 1:00, its words take 0:04 (+0:56)" in text


@pytest.mark.parametrize(
    "thanks, over",
    [(56, False), (55.9, False), (56.1, True)],
    ids=["exactly 10 % over", "just under 10 % over", "just over 10 % over"],
)
def test_a_segment_more_than_ten_percent_over_is_marked(rehearsed, tmp_path, thanks, over):
    """Only the Closing segment rehearsed: 10 s for its section slide, then Thanks, of 60 s planned."""
    source = rehearsal(tmp_path / "r.csv", [(6, 10), (7, thanks)])
    data = json.loads(against(rehearsed, source, "json"))
    closing = data["segments"][1]
    assert (closing["planned"], closing["actual"], closing["over"]) == (60, 10 + thanks, over)
    assert data["segments"][0] == {
        "title": "Opening", "planned": 0, "actual": 0, "rehearsed": 0, "slides": 5, "difference": 0, "over": False,
    }  # not rehearsed: counts nowhere
    text = against(rehearsed, source, "text")
    assert ("Closing (over)" in text) is over
    assert ("More than 10% over: Closing." in text) is over


def test_the_slides_to_trim_are_those_longest_beyond_their_words(rehearsed, tmp_path):
    """Title 47 s (20 planned, no words), agenda 45 s (20 planned), Thanks 50 s (50
    planned, 4 s of words): 52 s over. Beyond their words: 47, 45 and 46 s. The
    title's 47 do not win the 52 back; with Thanks' 46 they do."""
    source = rehearsal(tmp_path / "r.csv", [(1, 47), (2, 45), (7, 50)])
    data = json.loads(against(rehearsed, source, "json"))
    assert data["difference"] == 52
    assert [(t["number"], t["excess"]) for t in data["trim"]] == [(1, 47), (7, 46)]


def rehearsed_deck(built: Path, target: Path, seconds: dict[int, float]) -> Path:
    """The deck as PowerPoint saves it after Rehearse Timings: each slide's advance
    time (`advTm`, milliseconds) rewritten to what it took."""
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            match = re.fullmatch(r"ppt/slides/slide(\d+)\.xml", name)
            if match:
                data, count = re.subn(rb'advTm="\d+"', f'advTm="{round(seconds[int(match.group(1))] * 1000)}"'.encode(), data)
                assert count == 1, name
            out.writestr(name, data)
    return target


def test_a_deck_rehearsed_in_powerpoint(rehearsed, tmp_path):
    assert cli("build", rehearsed, "--out", tmp_path / "out", "--only", "pptx").exit_code == 0
    took = {1: 20.5, 2: 20, 3: 12.5, 4: 38, 5: 30, 6: 10, 7: 66.5}
    deck = rehearsed_deck(tmp_path / "out" / "rehearsed.pptx", tmp_path / "rehearsed.pptx", took)
    data = json.loads(against(rehearsed, deck, "json"))
    assert [s["actual"] for s in data["slides"]] == [20.5, 20, 12.5, 38, 30, 10, 66.5]
    # Opening 20.5 + 20 + 12.5 + 38 + 30 = 121 of 120; Closing 76.5 of 60.
    assert [(s["actual"], s["over"]) for s in data["segments"]] == [(121, False), (76.5, True)]
    # Welcome's 38 s shared 3:1 by words: 28.5 s the clinician's, 9.5 s the client's.
    assert [(s["speaker"], s["actual"]) for s in data["speakers"]] == [("Clinician", 58.5), ("Client", 76)]
    assert (data["planned"], data["actual"]) == (180, 197.5)
