"""The deck's slides drawn click by click from the deck PDF (what a live talk's screen
shows): each paragraph of a text shape is found in the PDF's structure, and what a
later click reveals is left out of the earlier pictures."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image, ImageChops

from segue.build.pipeline import load
from segue.diagnostics import Diagnostics
from segue.render.deckpdf.clicks import click_pictures
from segue.render.pptx.arranged import PlaceholderText, TextBox
from segue.render.pptx.deck import arrange_talk
from segue.render.proof import pages
from segue.render.proof.shapes import match_page, shapes_of
from tests.helpers import cli
from tests.show.present.serving import talk_with_clicks

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def drawn(tmp_path_factory, libreoffice):
    import os

    os.environ["SOFFICE"] = libreoffice
    try:
        root = talk_with_clicks(tmp_path_factory.mktemp("clicks") / "talk")
        result = cli("build", root, "--only", "deck-pdf")
        assert result.exit_code == 0, result.output
    finally:
        os.environ["SOFFICE"] = ""
    loaded = load(root)
    opened, deck = arrange_talk(loaded.talk, loaded.plan, Diagnostics(), public=False)
    pdf = (root / "dist" / "small-talk-deck.pdf").read_bytes()
    return loaded.plan, deck, opened.stage, pdf


def test_every_text_shape_has_as_many_paragraphs_in_the_pdf_as_in_the_deck(drawn):
    _, deck, stage, pdf = drawn
    document = pages.open_pdf(pdf)
    try:
        checked = 0
        for index, slide in enumerate(deck.slides):
            page = pages.read_page(document, index)
            paired = {shape.shape_id: page.elements[i] for i, shape in match_page(page, shapes_of(slide, stage)).items()}
            frames = {item.shape_id: item.frame for item in slide.items if isinstance(item, TextBox)}
            placeholders = {p.position: p.shape_id for p in stage.layouts[slide.layout].placeholders}
            frames.update({placeholders[item.placeholder]: item.frame for item in slide.items if isinstance(item, PlaceholderText)})
            for shape_id, frame in frames.items():
                if shape_id in paired and all(para.text.strip() for para in frame.paras):
                    assert len(paired[shape_id].paragraphs) == len(frame.paras), (index + 1, frame.text)
                    checked += 1
        assert checked >= 15  # titles, bodies with nested lists, quotes, captions, footers
    finally:
        document.close()


def test_a_slide_is_drawn_once_per_click_with_later_reveals_left_out(drawn):
    plan, deck, stage, pdf = drawn
    pictures = click_pictures(pdf, deck, stage, 960)
    assert [len(clicks) for clicks in pictures] == [len(slide.clicks) + 1 for slide in deck.slides]
    three = next(p.number for p in plan.slides if plan.title(p) == "Three steps")
    images = [Image.open(io.BytesIO(data)).convert("L") for data in pictures[three - 1]]
    without_clicks = replace(deck, slides=tuple(replace(slide, clicks=()) for slide in deck.slides))
    whole = Image.open(io.BytesIO(click_pictures(pdf, without_clicks, stage, 960)[three - 1][0])).convert("L")
    assert ImageChops.difference(images[-1], whole).getbbox() is None  # after the last click: all of it
    tops = []
    for before, after in zip(images, images[1:]):
        changed = ImageChops.difference(before, after).getbbox()
        assert changed is not None  # each click shows something
        tops.append(changed[1])
    assert tops == sorted(tops) and len(set(tops)) == 3  # one item after another, down the slide
