"""Text over a background picture, judged without LibreOffice: the colour the picture
shows under each text, through the panels over it, against the text's colour."""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from segue.diagnostics import Diagnostics
from segue.build.pipeline import load
from segue.render.pptx.arranged import RectShape
from segue.render.pptx.backdrops import check_backdrops
from segue.render.pptx.deck import arrange_talk
from tests.helpers import DECK_TOML, cli, make_talk, picture
from tests.render.pptx.test_template import make_template, use_template

SEGMENT = "---\ntitle: Only\nminutes: 10\n---\n\n## Night {background=assets/night.jpg}\n\nUnder the stars.\n"


def dark_talk(tmp_path, color=(18, 20, 40)):
    talk = make_talk(tmp_path / "talk", {"01-only.md": SEGMENT}, toml=DECK_TOML)
    picture(talk / "assets" / "night.jpg", size=(640, 360), color=color, fmt="JPEG")
    return talk


def arranged(talk):
    loaded = load(talk)
    opened, deck = arrange_talk(loaded.talk, loaded.plan, Diagnostics())
    plan = loaded.plan
    return plan, deck, opened.stage


def test_the_built_in_panels_keep_text_readable_on_a_dark_picture(tmp_path):
    result = cli("check", dark_talk(tmp_path), "--strict")
    assert result.exit_code == 0, result.output


def test_the_slide_number_on_a_dark_picture_without_its_panel_is_found(tmp_path):
    plan, deck, stage = arranged(dark_talk(tmp_path))
    number = next(slide.number for slide in deck.slides if slide.background is not None)
    found = Diagnostics()
    check_backdrops(plan, deck, stage, found)
    assert found.items == []  # with its panels: readable
    bare = replace(
        deck,
        slides=tuple(
            replace(slide, items=tuple(i for i in slide.items if not (isinstance(i, RectShape) and i.name == "Footer panel")))
            for slide in deck.slides
        ),
    )
    check_backdrops(plan, bare, stage, found)
    messages = [d.message for d in found.items]
    assert any(m.startswith(f"slide {number}: the slide number is #6B5B55 on about #") and "under 4.5:1" in m for m in messages), messages
    assert any(m.startswith(f"slide {number}: the footer is") for m in messages), messages
    assert not any("the text" in m or "the title" in m for m in messages)  # still on their panel
    ratio = float(re.search(r"contrast of ([\d.]+):1", messages[0]).group(1))
    assert ratio < 3


def test_a_light_picture_needs_no_panel(tmp_path):
    plan, deck, stage = arranged(dark_talk(tmp_path, color=(250, 248, 240)))
    bare = replace(deck, slides=tuple(replace(s, items=tuple(i for i in s.items if not isinstance(i, RectShape))) for s in deck.slides))
    found = Diagnostics()
    check_backdrops(plan, bare, stage, found)
    assert found.items == []


def light_text_template(path):
    """A template with white text on a dark master: its text is readable on its own slides."""
    make_template(path)
    prs = Presentation(str(path))
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for slot, colour in (("dk1", "FFFFFF"), ("lt1", "202030")):
        element = root.find(f".//{a}clrScheme/{a}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{a}srgbClr", val=colour)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    prs.save(str(path))


def test_light_text_on_the_light_panel_over_a_picture_is_found(tmp_path):
    talk = dark_talk(tmp_path)
    light_text_template(talk / "assets" / "template.pptx")
    use_template(talk)
    result = cli("check", talk)
    line = SEGMENT.splitlines().index("## Night {background=assets/night.jpg}") + 1
    found = [l for l in result.output.splitlines() if l.startswith(f"deck/01-only.md:{line}: warning: slide 4: ")]
    assert any("the title is #FFFFFF on about #" in l for l in found), result.output
    assert any("the slide number is #FFFFFF" in l for l in found), result.output
