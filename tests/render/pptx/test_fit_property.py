"""Random tables and agendas, on the built-in look and on a cramped template-like layout:
whatever they hold, nothing of them reaches below the slide's bottom edge (or out of the
area it was given) and no text of them is set under 18 pt; what does not fit is a warning."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segue.diagnostics import Diagnostics
from segue.render.pptx.arrange import arrange
from segue.render.pptx.arranged import CodeBox, PlaceholderText, TableBox, TextBox
from segue.render.pptx.geometry import Rect, inches
from segue.render.pptx.text import MIN_PT
from segue.render.pptx.write import open_template
from segue.talk.model import Theme
from segue.talk.plan import plan_talk
from segue.talk.read import read_talk
from tests.helpers import DECK_TOML, make_talk
from tests.render.pptx.test_arrange import STAGE, TITLE_AND_CONTENT, layout

BUILT_IN = open_template(Theme(), Diagnostics()).stage
# A template whose body is short and low (as LibreOffice's Midnightblue was before its master was chosen well).
LOW_BODY = Rect(inches(0.6), inches(3.4), STAGE.width - inches(1.2), inches(2.6))
CRAMPED = replace(
    STAGE,
    layouts={**STAGE.layouts, "agenda": layout("Title and Content", ("title", 0, TITLE_AND_CONTENT.title.box), ("obj", 1, LOW_BODY)),
             "content": layout("Title and Content", ("title", 0, TITLE_AND_CONTENT.title.box), ("obj", 1, LOW_BODY))},
    content_area=LOW_BODY,
)
STAGES = {"built-in": BUILT_IN, "cramped": CRAMPED}

word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789", min_size=1, max_size=18)
cell = st.lists(word, min_size=0, max_size=14).map(" ".join)
tables = st.integers(1, 6).flatmap(
    lambda columns: st.tuples(
        st.lists(word, min_size=columns, max_size=columns),
        st.lists(st.lists(cell, min_size=columns, max_size=columns), min_size=1, max_size=30),
    )
)
bullets = st.lists(st.lists(word, min_size=1, max_size=12).map(" ".join), max_size=4)
segments = st.lists(
    st.tuples(st.lists(word, min_size=1, max_size=30).map(" ".join), st.sampled_from(["[clinician]", "[client]", "[clinician, client]"])),
    min_size=1,
    max_size=24,
)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c or "-" for c in row) + " |" for row in rows]
    return "\n".join(lines)


def arranged(files: dict[str, str], toml: str, stage):
    folder = Path(tempfile.mkdtemp(prefix="fit-"))
    try:
        root = make_talk(folder / "talk", files, toml=toml)
        report = Diagnostics()
        talk = read_talk(root, report)
        plan = plan_talk(talk, report)
        return arrange(talk, plan, stage, report), report
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def assert_kept_on_the_slide(deck, stage, kinds: tuple[str, ...]) -> None:
    for slide in deck.slides:
        if slide.kind not in kinds:
            continue
        for item in slide.items:
            if isinstance(item, (TableBox, CodeBox, TextBox, PlaceholderText)) and getattr(item, "box", None) is not None:
                assert item.box.bottom <= stage.height, (slide.number, item)
            if isinstance(item, TableBox):
                assert sum(item.row_heights) == item.box.height
                assert item.box.bottom <= stage.height and item.box.right <= stage.width, (slide.number, item.box)
                sizes = [para.size for row in item.cells for para in row]
                assert all(size is not None and size >= MIN_PT for size in sizes), sizes


@pytest.mark.slow
@pytest.mark.parametrize("stage_name", list(STAGES))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(table=tables, above=bullets, after=bullets)
def test_a_table_of_any_size_stays_on_its_slide_at_18_pt_or_more(stage_name, table, above, after):
    stage = STAGES[stage_name]
    header, rows = table
    body = "\n".join(f"- {b}" for b in above) + "\n\n" + markdown_table(header, rows) + "\n\n" + "\n".join(f"- {b}" for b in after)
    segment = f"---\ntitle: Only\nminutes: 10\n---\n\n## A table\n\n{body}\n"
    deck, report = arranged({"01-only.md": segment}, DECK_TOML, stage)
    assert_kept_on_the_slide(deck, stage, ("content",))
    content = next(s for s in deck.slides if s.kind == "content")
    shown = sum(len(item.cells) - 1 for item in content.items if isinstance(item, TableBox))
    halves = len([item for item in content.items if isinstance(item, TableBox)])
    if shown < len(rows):  # rows left out are said to be
        assert any("does not fit its slide even at 18 pt" in item.message for item in report.items), report.as_text()
    assert halves in (1, 2)


@pytest.mark.slow
@pytest.mark.parametrize("stage_name", list(STAGES))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(parts=segments)
def test_an_agenda_of_any_length_stays_on_its_slides_at_18_pt_or_more(stage_name, parts):
    stage = STAGES[stage_name]
    files = {
        f"{n:02d}-part.md": f"---\ntitle: \"{title}\"\nminutes: 1\nlead: {lead}\n---\n\n## Slide {n}\n\nText.\n"
        for n, (title, lead) in enumerate(parts, start=1)
    }
    toml = DECK_TOML.replace("duration = 10", f"duration = {len(parts)}")
    deck, report = arranged(files, toml, stage)
    assert_kept_on_the_slide(deck, stage, ("agenda",))
    listed = sum(len(item.cells) - 1 for s in deck.slides if s.kind == "agenda" for item in s.items if isinstance(item, TableBox))
    if listed < len(parts):  # segments left out of the agenda are said to be
        assert any("the agenda does not fit" in item.message for item in report.items), report.as_text()
