"""The arranger's layout decisions, read from the arranged deck: no file is written."""

from __future__ import annotations

from dataclasses import replace
import datetime as dt
from pathlib import Path

import pytest

from segue.diagnostics import Diagnostics
from segue.talk.model import GENERATED_LAYOUTS, LAYOUTS
from segue.talk.plan import plan_talk
from segue.talk.read import read_talk
from segue.render.pptx.arrange import Arranger, arrange
from segue.render.pptx.arrange.measures import GAP
from segue.render.pptx.arranged import PictureBox, PlaceholderText, RectShape, TableBox, TextBox
from segue.render.pptx.geometry import LayoutSpec, PlaceholderSpec, Rect, Stage, TypeScale, inches
from segue.render.pptx.text import MIN_PT
from tests.helpers import DECK_TOML, REPO, make_talk, picture, write

WIDTH, HEIGHT = 12192000, 6858000
TITLE = Rect(inches(0.6), inches(0.45), WIDTH - 2 * inches(0.6), inches(1.05))
BODY = Rect(inches(0.6), inches(1.75), WIDTH - 2 * inches(0.6), inches(4.85))
HALF = (BODY.width - inches(0.5)) // 2
LEFT = Rect(BODY.left, BODY.top, HALF, BODY.height)
RIGHT = Rect(BODY.left + HALF + inches(0.5), BODY.top, HALF, BODY.height)


def layout(name: str, *boxes: tuple[str, int, Rect]) -> LayoutSpec:
    return LayoutSpec(name, tuple(PlaceholderSpec(kind, idx, i, 2 + i, box) for i, (kind, idx, box) in enumerate(boxes)))


TITLE_AND_CONTENT = layout("Title and Content", ("title", 0, TITLE), ("obj", 1, BODY))
TITLE_ONLY = layout("Title Only", ("title", 0, TITLE))
STAGE = Stage(
    width=WIDTH,
    height=HEIGHT,
    layouts={
        "title": layout("Title Slide", ("ctrTitle", 0, TITLE), ("subTitle", 1, BODY)),
        "agenda": TITLE_AND_CONTENT,
        "section": layout("Section Header", ("title", 0, TITLE), ("body", 1, BODY)),
        "content": TITLE_AND_CONTENT,
        "two-column": layout("Two Content", ("title", 0, TITLE), ("obj", 1, LEFT), ("obj", 2, RIGHT)),
        "image": TITLE_ONLY,
        "quote": TITLE_ONLY,
        "title-only": TITLE_ONLY,
        "blank": layout("Blank"),
    },
    content_area=BODY,
    type_scale=TypeScale(38.0, (28.0, 24.0, 20.0)),
)


def one_slide(root: Path, body: str, heading: str = "## The slide", toml: str = DECK_TOML) -> Path:
    segment = f"---\ntitle: Only\nminutes: 10\n---\n\n{heading}\n\n{body}\n"
    return make_talk(root, {"01-only.md": segment}, toml=toml)


def arranged(root: Path):
    report = Diagnostics()
    talk = read_talk(root, report)
    plan = plan_talk(talk, report)
    assert not report.has_errors, report.as_text()
    deck = arrange(talk, plan, STAGE, report, when=dt.datetime(2027, 4, 18))
    return deck, report


def content_slide(deck):
    return next(s for s in deck.slides if s.kind == "content")


def of_type(slide, kind):
    return [item for item in slide.items if isinstance(item, kind)]


def test_two_pictures_sit_side_by_side_in_the_body(tmp_path):
    root = one_slide(tmp_path / "t", "![First](assets/a.png) ![Second](assets/b.png)")
    picture(root / "assets" / "a.png", size=(400, 400))
    picture(root / "assets" / "b.png", size=(400, 400))
    deck, _ = arranged(root)
    slide = content_slide(deck)
    first, second = of_type(slide, PictureBox)
    cell = (BODY.width - GAP) // 2
    # Square pictures in cells wider than tall: as tall as the body, centred in their halves.
    assert first.box == Rect(BODY.left + (cell - BODY.height) // 2, BODY.top, BODY.height, BODY.height)
    assert second.box == Rect(BODY.left + cell + GAP + (cell - BODY.height) // 2, BODY.top, BODY.height, BODY.height)
    assert (first.alt, second.alt) == ("First", "Second")
    assert 1 not in slide.placeholders  # the empty body placeholder is gone


def test_text_above_a_table_then_the_table_below(tmp_path):
    root = one_slide(tmp_path / "t", "A short line.\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    deck, _ = arranged(root)
    slide = content_slide(deck)
    (text,) = [i for i in of_type(slide, PlaceholderText) if i.placeholder == 1]
    (table,) = of_type(slide, TableBox)
    assert text.box.left == BODY.left and text.box.top == BODY.top and text.box.width == BODY.width
    assert 0 < text.box.height <= BODY.height // 2
    assert table.box.top == text.box.bottom + GAP // 2
    assert table.box.left == BODY.left and table.box.width == BODY.width
    assert [p.text for row in table.cells for p in row] == ["a", "b", "1", "2"]
    assert table.cells[0][0].bold and not table.cells[1][0].bold
    assert sum(table.row_heights) == table.box.height


def test_columns_fill_the_two_content_layout(tmp_path):
    body = ":::: columns\n::: column\n- Left\n:::\n::: column\n- Right\n:::\n::::"
    deck, _ = arranged(one_slide(tmp_path / "t", body))
    slide = content_slide(deck)
    assert slide.layout == "two-column"
    texts = {item.placeholder: item for item in of_type(slide, PlaceholderText)}
    assert texts[1].frame.text == "Left" and texts[1].box is None  # in the left body, where it is
    assert texts[2].frame.text == "Right" and texts[2].box is None


def test_title_background_covers_the_slide_under_a_panel(tmp_path):
    root = one_slide(tmp_path / "t", "Text.", toml=DECK_TOML + '\n[theme]\nbackground = "assets/dawn.png"\n')
    picture(root / "assets" / "dawn.png", size=(1600, 600))
    deck, _ = arranged(root)
    title = deck.slides[0]
    (panel,) = of_type(title, RectShape)
    (background,) = of_type(title, PictureBox)
    assert background.behind and panel.behind and background.role == "background"
    assert background.box == Rect(0, 0, WIDTH, HEIGHT)
    # A 8:3 picture on a 16:9 slide: its sides are cut, equally.
    expected = (1 - (WIDTH / HEIGHT) / (1600 / 600)) / 2
    assert background.crop.left == pytest.approx(expected) and background.crop.right == pytest.approx(expected)
    margin = inches(0.3)
    assert panel.box == Rect(TITLE.left - margin, TITLE.top - margin, TITLE.width + 2 * margin, BODY.bottom - TITLE.top + 2 * margin)
    assert panel.opacity is not None and panel.opacity < 1


def test_a_long_title_is_shrunk_to_fit_its_box(tmp_path):
    long_title = "## " + " ".join(["Relational"] * 9)
    deck, report = arranged(one_slide(tmp_path / "t", "Text.", heading=long_title))
    slide = content_slide(deck)
    (title,) = [i for i in of_type(slide, PlaceholderText) if i.placeholder == 0]
    (para,) = title.frame.paras
    assert MIN_PT <= para.size < 38
    assert not report.warnings


def test_a_title_too_long_for_any_size_is_a_warning_at_its_slide(tmp_path):
    deck, report = arranged(one_slide(tmp_path / "t", "Text.", heading="## " + " ".join(["Relational"] * 60)))
    (warning,) = report.warnings
    assert (warning.path, warning.line) == ("deck/01-only.md", 6)
    assert "may not fit its box" in warning.message


def test_the_logo_takes_the_top_right_and_the_title_gives_way(tmp_path):
    root = one_slide(tmp_path / "t", "Text.", toml=DECK_TOML + '\n[theme]\nlogo = "assets/logo.png"\n')
    picture(root / "assets" / "logo.png", size=(200, 100))
    deck, _ = arranged(root)
    slide = content_slide(deck)
    (logo,) = of_type(slide, PictureBox)
    (title,) = [i for i in of_type(slide, PlaceholderText) if i.placeholder == 0]
    assert logo.box.right == BODY.right and logo.box.width == 2 * logo.box.height
    assert title.box.right == logo.box.left - GAP


def test_blocks_a_layout_cannot_show_are_reported(tmp_path):
    deck, report = arranged(one_slide(tmp_path / "t", "| a |\n|---|\n| 1 |", heading="## Pictured {layout=image}"))
    assert any("table or code on this slide is not shown" in w.message for w in report.warnings)


def test_shape_ids_are_unique_on_every_slide_of_the_default_talk():
    report = Diagnostics()
    talk = read_talk(REPO, report)
    deck = arrange(talk, plan_talk(talk, report), STAGE, report)
    for slide in deck.slides:
        ids = [item.shape_id for item in slide.items if hasattr(item, "shape_id")]
        assert len(ids) == len(set(ids)) and 1 not in ids


def test_every_slide_kind_and_layout_has_an_arrangement_and_others_fail_loudly(tmp_path):
    report = Diagnostics()
    root = make_talk(tmp_path / "t")
    talk = read_talk(root, report)
    plan = plan_talk(talk, report)
    arranger = Arranger(talk, plan, STAGE, report, public=False)
    assert set(arranger.kinds) == {*GENERATED_LAYOUTS, "content", "references"}
    assert set(arranger.layouts) == set(LAYOUTS)
    planned = plan.slides[0]
    planned.kind = "poster"
    with pytest.raises(ValueError, match="poster"):
        arranger.slide(planned)


def test_public_decks_have_no_notes_pages(tmp_path):
    report = Diagnostics()
    root = make_talk(tmp_path / "t")
    talk = read_talk(root, report)
    deck = arrange(talk, plan_talk(talk, report), STAGE, report, public=True)
    assert all(slide.notes is None for slide in deck.slides)
    assert deck.properties.author == ""


def test_the_logo_stays_on_the_slide_when_the_title_band_is_at_its_top_edge(tmp_path):
    """A template whose title band starts at the slide's edge (LibreOffice's Piano): the logo
    sits inside the band, level with the title, never above the slide."""
    band = Rect(inches(0.4), inches(0.04), WIDTH - inches(0.8), inches(0.6))
    stage = replace(STAGE, layouts={**STAGE.layouts, "content": layout("Title and Content", ("title", 0, band), ("obj", 1, BODY))})
    toml = DECK_TOML + '\n[theme]\nlogo = "assets/logo.png"\n'
    root = one_slide(tmp_path / "t", "Words.", toml=toml)
    picture(root / "assets" / "logo.png", size=(200, 200))
    report = Diagnostics()
    talk = read_talk(root, report)
    deck = arrange(talk, plan_talk(talk, report), stage, report)
    (logo,) = [i for i in content_slide(deck).items if isinstance(i, PictureBox) and i.role == "logo"]
    assert logo.box.top >= 0 and logo.box.inside(Rect(0, 0, WIDTH, HEIGHT))
    assert band.top <= logo.box.top and logo.box.bottom <= band.bottom


def test_a_picture_with_no_room_left_under_a_column_of_text_is_a_warning_at_its_line(tmp_path):
    items = "\n".join(f"- point {n} with a few words to set" for n in range(14))
    body = f":::: columns\n::: column\n{items}\n\n![Left out](assets/p.png){{fit=cover}}\n:::\n::: column\n- other\n:::\n::::"
    root = one_slide(tmp_path / "t", body)
    picture(root / "assets" / "p.png", size=(400, 300))
    deck, report = arranged(root)
    assert not of_type(content_slide(deck), PictureBox)
    text = report.as_text()
    line = 4 + 1 + 1 + 1 + 2 + 14 + 1 + 1  # front matter, blank, heading, blank, two fences, the items, a blank, the picture
    assert f"deck/01-only.md:{line}: warning: no room is left for this picture below the text" in text, text
