"""The proof's checks on pages described directly (no LibreOffice): each kind of
problem on each side and in each arrangement, and what is not a problem."""

from __future__ import annotations

import pytest

from segue.render.proof.checks import SlideCheck
from segue.render.proof.pages import UNTAGGED, Drawn, Element, Page, Run
from segue.render.proof.report import ranges
from segue.render.proof.shapes import Shape

BODY = Shape("the body text", "text", (50, 130, 910, 480), "Body", sizes=(28.0,))
TITLE = Shape("the title", "text", (50, 30, 910, 110), "Title")
NOTES = Shape("the footnotes", "text", (50, 440, 910, 480), "Note", small=frozenset({"1"}), sizes=(18.0,))
PICTURE = Shape("the picture 'Two paths'", "figure", (500, 130, 910, 400), "Two paths")
PANEL = Shape("the text panel", "figure", (40, 120, 920, 490), "", backdrop=True)
FOOTER = Shape("the footer", "text", (50, 500, 700, 530), "Talk", furniture=True)


def run(text: str, box, element: int, size: float = 28.0) -> Run:
    return Run(text, box, size, "Carlito", (59, 47, 47), element)


def page(runs: list[Run], drawn: list[Drawn] = ()) -> Page:
    result = Page(4, 960.0, 540.0, [Element("Div", "", frozenset({i})) for i in range(6)])
    result.runs, result.drawn = list(runs), list(drawn)
    return result


def problems(runs, shapes, drawn=()) -> list[str]:
    return [p.text for p in SlideCheck(page(runs, drawn), shapes).run_all()]


def test_text_inside_its_box_and_clear_of_everything_is_fine():
    found = problems(
        [run("Title", (52, 60, 300, 100), 0, 38), run("A point", (52, 140, 400, 168), 1), run("1", (52, 446, 58, 455), 2, 10.5),
         run("A note", (60, 446, 300, 466), 2, 18)],
        {0: TITLE, 1: BODY, 2: NOTES},
    )
    assert found == []


@pytest.mark.parametrize(
    "box, side",
    [((52, 470, 400, 520), "below"), ((52, 100, 400, 126), "above"), ((20, 140, 400, 168), "left of"), ((600, 140, 950, 168), "right of")],
)
def test_text_outside_its_box_on_any_side_is_reported_with_the_side(box, side):
    found = problems([run("A point", box, 1)], {1: BODY})
    assert len(found) == 1 and found[0].startswith("the body text runs ") and f"{side} its box" in found[0]


def test_text_off_the_slide_is_reported_as_such():
    found = problems([run("A point", (52, 520, 400, 560), 1)], {1: BODY})
    assert found == ["the body text runs off the slide: shorten it or split the slide"]


def test_text_over_another_shapes_text_names_both_and_the_one_on_top():
    found = problems([run("Seventh point", (79, 303, 422, 318), 1), run("A note", (58, 311, 482, 327), 2, 18)], {1: BODY, 2: NOTES})
    assert "the footnotes lie over the body text: shorten one of them or split the slide" in found
    # Lines of one shape close together are the shape's own business.
    assert problems([run("One", (79, 303, 422, 318), 1), run("Two", (79, 311, 422, 327), 1)], {1: BODY}) == []


def test_text_over_a_picture_is_reported_and_over_its_panel_is_not():
    picture = Drawn("image", PICTURE.box, 3, None, False)
    panel = Drawn("path", PANEL.box, 0, (250, 246, 240), False)
    found = problems([run("A long point", (52, 140, 700, 168), 1)], {0: PANEL, 1: BODY, 3: PICTURE}, [panel, picture])
    assert found == ["the body text lies over the picture 'Two paths': shorten the text or split the slide"]


def test_text_running_into_the_masters_artwork_is_reported_but_not_text_wholly_on_a_panel_of_it():
    band = Drawn("path", (0, 380, 960, 540), UNTAGGED, (47, 105, 168), False)
    background = Drawn("path", (0, 0, 960, 540), UNTAGGED, (255, 255, 255), False)
    straddling = problems([run("A point", (52, 370, 400, 398), 1)], {1: BODY}, [background, band])
    assert len(straddling) == 1 and straddling[0].startswith("the body text runs into the artwork of the template's master or layout")
    assert problems([run("A point", (52, 400, 400, 428), 1)], {1: BODY}, [background, band]) == []


def test_small_text_says_whether_libreoffice_shrank_it_or_the_template_set_it():
    shrunk = problems([run("A point", (52, 140, 400, 160), 1, 13.0)], {1: BODY})
    assert shrunk == [
        "the body text is set at 13 pt, under 18 pt (hard to read from the back of the room); "
        "LibreOffice shrank it from 28 pt to fit its box: shorten it or split the slide"
    ]
    template = problems([run("Talk", (52, 505, 200, 520), 5, 9.0)], {5: FOOTER})
    assert template and "the template sets it that small" in template[0]
    # A footnote mark is small by design.
    assert problems([run("1", (52, 446, 58, 455), 2, 10.4)], {2: NOTES}) == []


def test_a_problem_of_the_footer_is_the_templates_and_text_no_shape_drew_is_too():
    check = SlideCheck(page([run("Talk", (52, 505, 200, 520), 5, 9.0), run("4", (900, 505, 910, 520), 4, 9.0)]), {5: FOOTER})
    found = check.run_all()
    assert [p.furniture for p in found] == [True, True]
    assert found[1].element == "the slide number LibreOffice adds from the template's master"


def test_slide_numbers_are_named_as_runs():
    assert ranges([4, 5, 6, 7, 9, 11, 12]) == "4–7, 9, 11–12"
    assert ranges([3]) == "3"


ART = "runs into the artwork of the template's master or layout"


def test_bullets_and_list_numbers_drawn_small_are_not_text_under_18_pt():
    found = problems(
        [run("\uf06c ", (52, 142, 60, 150), 1, 10.8), run("•", (52, 142, 60, 150), 1, 12), run("1.", (52, 142, 64, 160), 1, 12),
         run("A point", (70, 140, 400, 168), 1)],
        {1: BODY},
    )
    assert found == []
    assert any("under 18 pt" in p for p in problems([run("small words", (70, 140, 300, 150), 1, 12)], {1: BODY}))


def test_a_veil_of_the_master_is_not_artwork_but_a_solid_shape_is():
    text = [run("A point", (52, 140, 400, 168), 1)]
    bubble = Drawn("path", (300, 100, 500, 300), UNTAGGED, (255, 255, 255), False, opacity=0.3)
    assert problems(text, {1: BODY}, [bubble]) == []
    solid = Drawn("path", (300, 100, 500, 300), UNTAGGED, (200, 30, 30), False)
    assert any(ART in p for p in problems(text, {1: BODY}, [solid]))


def test_the_steps_of_a_drawn_gradient_are_the_background():
    """LibreOffice draws a gradient as shapes each a little smaller than the one before."""
    steps = [Drawn("path", (0, 0, 960, 540), UNTAGGED, (40, 100, 150), False)]
    steps += [Drawn("path", (20 * n, 10 * n, 960 - 20 * n, 540 - 10 * n), UNTAGGED, (40, 100 + n, 150 - n), False) for n in range(1, 12)]
    assert problems([run("A point", (52, 140, 400, 168), 1)], {1: BODY}, steps) == []
    apart = steps + [Drawn("path", (300, 100, 500, 300), UNTAGGED, (250, 250, 0), False)]  # a yellow shape on it is artwork
    assert any(ART in p for p in problems([run("A point", (52, 140, 400, 168), 1)], {1: BODY}, apart))


def test_artwork_whose_box_reaches_text_but_draws_nothing_under_it_is_not_run_into():
    text = [run("A point", (52, 140, 400, 168), 1)]
    curve = Drawn("path", (300, 100, 500, 300), UNTAGGED, (200, 30, 30), False)
    plain = SlideCheck(page(text, [curve]), {1: BODY}, nothing_drawn=lambda area, around: True)
    assert [p.text for p in plain.run_all()] == []
    drawn = SlideCheck(page(text, [curve]), {1: BODY}, nothing_drawn=lambda area, around: False)
    assert any(ART in p.text for p in drawn.run_all())


def test_the_masters_own_text_on_its_own_artwork_is_its_design():
    number = [run("4", (900, 500, 910, 520), 3, 20)]
    badge = Drawn("path", (880, 480, 930, 530), UNTAGGED, (26, 188, 156), False)
    band = Drawn("path", (0, 510, 960, 540), UNTAGGED, (44, 62, 80), False)
    assert problems(number, {1: BODY}, [badge, band]) == []
    ours = [run("4", (900, 500, 910, 520), 1, 20)]  # the same text of one of our shapes straddles the band's edge
    assert any(ART in p for p in problems(ours, {1: BODY}, [badge, band]))
