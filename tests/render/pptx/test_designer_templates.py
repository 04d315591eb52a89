"""Designers' templates applied as they were designed: the default talk built with every
template LibreOffice ships (saved as .pptx by LibreOffice) and with pandoc's
reference.pptx, each deck rendered by LibreOffice and looked at by the proof.

For each: content slides sit on the template's content master (the master of its
sample content slides); titles and body text are drawn in the colours the master's
placeholders show; nothing lies off the slide; no text runs out of its box or into
the master's artwork. (The template's own footer and slide-number placements are
its designer's, reported once at the template's line, and not judged here.)"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from segue.build import pipeline
from segue.diagnostics import Diagnostics
from segue.render.deckpdf import EXPORT
from segue.render.deckpdf.libreoffice import convert_all
from segue.render.pptx.deck import arrange_talk
from segue.render.proof.look import Look, look
from segue.render.proof.pages import open_pdf, read_page
from tests.helpers import cli
from tests.render.pptx.designer_templates import (
    convert_templates,
    default_talk_with,
    sample_content_masters,
    shown_colours,
    template_names,
)

SLIDE = "Two voices, one story"  # a content slide of the default talk: a title over plain bullets
FIRST_POINT = "A clinician and a client, presenting together"
JUDGED = ("its box", "off the slide", "artwork")  # the proof's findings this test holds every template to


@dataclass
class Built:
    pptx: Path
    pdf: bytes
    kinds: list[str]  # each slide's kind, as planned
    look: Look


@pytest.fixture(scope="session")
def designer_templates(request, tmp_path_factory, libreoffice) -> dict[str, Path]:
    started = getattr(request.config, "designer_templates", None)  # converting since collection (conftest.py)
    if started is not None:
        return started.result()
    return convert_templates(tmp_path_factory.mktemp("designer-templates"))


@pytest.fixture(scope="session")
def designer_decks(designer_templates, tmp_path_factory, libreoffice) -> dict[str, Built]:
    """The default talk built with each template (through the command line), every deck
    converted by LibreOffice (two processes), and the proof's look at each."""
    folder = tmp_path_factory.mktemp("designer-decks")
    decks, arranged = {}, {}
    for name, template in designer_templates.items():
        root = default_talk_with(template, folder / name)
        result = cli("build", root, "--only", "pptx")
        assert result.exit_code == 0, f"{name}: {result.output}"
        decks[name] = root / "dist" / "love-as-medicine.pptx"
        loaded = pipeline.load(root)
        opened, deck = arrange_talk(loaded.talk, loaded.plan, Diagnostics())
        arranged[name] = (opened.stage, deck, [p.kind for p in loaded.plan.slides])
    names = list(decks)
    halves = [names[0::2], names[1::2]]
    with ThreadPoolExecutor(2) as pool:
        converted = list(pool.map(lambda part: convert_all(libreoffice, [decks[n].read_bytes() for n in part], ".pptx", EXPORT), halves))
    pdfs = {name: pdf for part, made in zip(halves, converted) for name, pdf in zip(part, made)}
    built = {}
    for name in names:
        stage, deck, kinds = arranged[name]
        built[name] = Built(decks[name], pdfs[name], kinds, look(pdfs[name], deck, stage, pictures=False))
    return built


def close(found: tuple[int, int, int], expected: str, tolerance: int = 10) -> bool:
    return all(abs(a - int(expected[i : i + 2], 16)) <= tolerance for a, i in zip(found, (0, 2, 4)))


@pytest.mark.slow
@pytest.mark.parametrize("name", template_names())
def test_a_designers_template_is_applied_as_designed(designer_templates, designer_decks, name):
    if name not in designer_decks:
        pytest.fail(f"{name} could not be converted to .pptx")
    built, template = designer_decks[name], designer_templates[name]
    prs = Presentation(str(built.pptx))
    masters = [m.element for m in prs.slide_masters]

    # Content slides on the content master: a master of the designer's sample content
    # slides; without any, never the title page's master when there is another.
    samples, title_page = sample_content_masters(template)
    used = {
        masters.index(slide.slide_layout.slide_master.element) for slide, kind in zip(prs.slides, built.kinds) if kind == "content"
    }
    assert len(used) == 1, used
    (content,) = used
    if samples:
        assert content in samples, (content, samples)
    elif len(masters) > 1:
        assert content != title_page

    # Titles and body text in the colours the master's placeholders show.
    title_colour, body_colour = shown_colours(template, content)
    number = next(n for n, slide in enumerate(prs.slides) if slide.shapes.title is not None and slide.shapes.title.text == SLIDE)
    page = read_page(open_pdf(built.pdf), number)
    title = [run for run in page.runs if run.text.strip() and SLIDE.startswith(run.text.strip())]
    body = [run for run in page.runs if len(run.text.strip()) > 8 and FIRST_POINT.startswith(run.text.strip())]
    assert title and body, [run.text for run in page.runs]
    assert close(title[0].color, title_colour), (title[0].color, title_colour)
    assert close(body[0].color, body_colour), (body[0].color, body_colour)

    # Nothing off the slide.
    width, height = prs.slide_width, prs.slide_height
    for index, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            assert 0 <= shape.left and 0 <= shape.top, (index, shape.name)
            assert shape.left + shape.width <= width and shape.top + shape.height <= height, (index, shape.name)

    # No text out of its box, off the slide or over the master's artwork, as LibreOffice draws it.
    found = [
        f"slide {slide.number}: {problem.text}"
        for slide in built.look.slides
        for problem in slide.problems
        if not problem.furniture and any(words in problem.text for words in JUDGED)
    ]
    assert not found, "\n".join(found)


@pytest.mark.slow
def test_theme_layouts_names_a_master_and_one_of_its_layouts(designer_templates, tmp_path):
    """LibreOffice's masters all have layouts of the same names: "Master name / Layout name"
    picks one; `check` says which master and layout each of ours uses, and why."""
    root = default_talk_with(designer_templates["Focus"], tmp_path / "talk")
    toml = root / "deck" / "deck.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[theme.layouts]\ncontent = "Master 3 / Title, Content"\n', encoding="utf-8")
    checked = cli("check", root)
    assert checked.exit_code == 0, checked.output
    assert "content -> 'Master 3 / Title, Content' (named in deck.toml)" in checked.output
    assert "title page: Master 1 (the master of its sample title slide)" in checked.output
    assert "agenda -> 'Master 4 / Title, Content' (by type obj)" in checked.output  # the roomiest content design
    assert cli("build", root, "--only", "pptx").exit_code == 0
    prs = Presentation(str(root / "dist" / "love-as-medicine.pptx"))
    masters = [m.element for m in prs.slide_masters]
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == SLIDE)
    assert masters.index(slide.slide_layout.slide_master.element) == 2

    toml.write_text(toml.read_text(encoding="utf-8").replace("Master 3 /", "Master 9 /"), encoding="utf-8")
    wrong = cli("check", root)
    assert wrong.exit_code == 1
    assert "has no master named 'Master 9' for `content` slides (its masters are 'Master 1', 'Master 2', 'Master 3', 'Master 4')" in wrong.output
