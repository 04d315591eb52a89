"""The deck's accessibility check: each warning with a talk that triggers it, and the
default talk triggering none; language, reading order and titles in the deck."""

from __future__ import annotations

import re
import zipfile

from segue.render.pptx.accessibility import contrast
from tests.helpers import DECK_TOML, REPO, cli, make_talk, picture
from tests.render.pptx.test_template import make_template, use_template


def one_slide(tmp_path, body: str, heading: str = "## The slide", toml: str = DECK_TOML, extra: dict | None = None):
    segment = f"---\ntitle: Only\nminutes: 10\n---\n\n{heading}\n\n{body}\n"
    return make_talk(tmp_path / "t", {"01-only.md": segment, **(extra or {})}, toml=toml)


def check(root, *args):
    return cli("check", root, *args)


def test_the_default_talk_has_no_accessibility_warning():
    result = check(REPO, "--strict")
    assert result.exit_code == 0, result.output


def test_contrast_is_computed_as_wcag_says():
    assert round(contrast("000000", "FFFFFF"), 1) == 21.0
    assert round(contrast("777777", "FFFFFF"), 2) == 4.48


def test_a_light_accent_is_a_contrast_warning_at_its_line(tmp_path):
    root = one_slide(tmp_path, "Text.", toml=DECK_TOML + '\n[theme]\naccent = "#F2D16B"\n')
    result = check(root)
    line = (root / "deck" / "deck.toml").read_text().splitlines().index('accent = "#F2D16B"') + 1
    assert f"deck/deck.toml:{line}: warning: section slides (white on the accent colour): #FFFFFF on #F2D16B" in result.output
    assert "under 4.5:1" in result.output
    assert check(root, "--strict").exit_code == 1


def test_duplicate_slide_titles_are_a_warning(tmp_path):
    segment = "---\ntitle: Only\nminutes: 10\n---\n\n## Questions\n\nOne.\n\n---\n\n## Questions\n\nTwo.\n"
    root = make_talk(tmp_path / "t", {"01-only.md": segment})
    result = check(root)
    assert "deck/01-only.md:12: warning: slide 5 has the same title as slide 4 ('Questions')" in result.output


def test_text_under_18_pt_is_a_warning(tmp_path, monkeypatch):
    root = one_slide(tmp_path, "- small text")
    template = make_template(root / "assets" / "template.pptx")
    from pptx import Presentation

    prs = Presentation(str(template))
    styles = prs.slide_master.element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles")
    for rpr in styles.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr"):
        rpr.set("sz", "1400")
    prs.save(str(template))
    use_template(root)
    result = check(root)
    assert re.search(r"deck/01-only.md:6: warning: text on slide 4 is set at 14 pt, under 18 pt", result.output), result.output


def test_a_table_without_header_text_is_a_warning(tmp_path):
    result = check(one_slide(tmp_path, "|   |   |\n|---|---|\n| a | b |"))
    assert "warning: a table without header text" in result.output


def test_link_text_that_is_its_address_is_a_warning(tmp_path):
    result = check(one_slide(tmp_path, "Read https://example.org/paper today."))
    assert "link text 'https://example.org/paper' is its address" in result.output
    result = check(one_slide(tmp_path / "b", "Read [the paper](https://example.org/paper) today."))
    assert "is its address" not in result.output


def test_a_picture_without_alt_text_is_a_warning(tmp_path):
    result = check(one_slide(tmp_path, "![](assets/square.png)"))
    assert "image 'assets/square.png' has no alt text" in result.output


# --- in the deck ---------------------------------------------------------------------------------


def built(root, tmp_path):
    out = tmp_path / "out"
    result = cli("build", root, "--out", out, "--only", "pptx")
    assert result.exit_code == 0, result.output
    return out / "small-talk.pptx"


def test_every_run_carries_the_talks_language(tmp_path):
    root = one_slide(tmp_path, "Bonjour à tous.", toml=DECK_TOML.replace('slug = "small-talk"', 'slug = "small-talk"\nlang = "fr-CA"'))
    with zipfile.ZipFile(built(root, tmp_path)) as package:
        slides = [package.read(n).decode() for n in package.namelist() if n.startswith(("ppt/slides/slide", "ppt/notesSlides/"))]
    runs = [r for xml in slides for r in re.findall(r"<a:rPr[^>]*>", xml)]
    assert runs and all('lang="fr-CA"' in r for r in runs)


def test_a_blank_slide_keeps_its_title_off_the_slide(tmp_path):
    root = one_slide(tmp_path, "Just words.", heading="## A quiet moment {layout=blank}")
    with zipfile.ZipFile(built(root, tmp_path)) as package:
        xml = package.read("ppt/slides/slide4.xml").decode()
    title = re.search(r'<p:sp><p:nvSpPr><p:cNvPr id="\d+" name="Title"/>.*?</p:sp>', xml, re.S).group(0)
    assert '<p:ph type="title"/>' in title and "A quiet moment" in title
    y, height = (int(v) for v in re.search(r'<a:off x="\d+" y="(-\d+)"/><a:ext cx="\d+" cy="(\d+)"/>', title).groups())
    assert y + height < 0  # wholly above the slide


def test_shapes_are_read_title_then_body_then_pictures(tmp_path):
    body = ":::: columns\n::: column\n![A square](assets/square.png)\n:::\n::: column\nWords beside it.\n:::\n::::"
    root = one_slide(tmp_path, body, toml=DECK_TOML + '\n[theme]\nlogo = "assets/logo.png"\n')
    picture(root / "assets" / "logo.png", size=(200, 100))
    with zipfile.ZipFile(built(root, tmp_path)) as package:
        xml = package.read("ppt/slides/slide4.xml").decode()
    names = re.findall(r'<p:cNvPr id="\d+" name="([^"]+)"', xml)
    order = [n for n in names if n]
    text = next(i for i, n in enumerate(order) if n.startswith(("TextBox", "Content Placeholder")))
    assert order.index("Title 1") < text < order.index(next(n for n in order if n.startswith("Picture")))
    assert order.index(next(n for n in order if n.startswith("Picture"))) < order.index("Logo")


def test_a_templates_title_colour_is_judged_against_the_masters_shape_behind_it(tmp_path):
    """White titles: unreadable on a white band of the master, readable on a dark one; the
    master's background alone (white) would say the opposite of the first."""
    from tests.render.proof.templates import banded

    root = one_slide(tmp_path, "Text.")
    banded(root / "assets" / "template.pptx", band="FFFFFF", title="FFFFFF")
    use_template(root)
    light = check(root)
    assert re.search(r"deck/deck\.toml:\d+: warning: titles: #FFFFFF on #FFFFFF has a contrast of 1\.0:1", light.output), light.output
    banded(root / "assets" / "template.pptx", band="1F3864", title="FFFFFF")
    dark = check(root)
    assert "titles:" not in dark.output, dark.output


def _pale_template(path, on_sample_text: bool):
    """Text #C8BEB8 on a #FAF6F0 background (1.7:1): set in the master's text styles, or
    (as LibreOffice Impress saves a master, without text styles) only on its placeholders'
    sample text."""
    from lxml import etree
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn

    prs = Presentation()
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor.from_string("FAF6F0")
    styles = master.element.find(qn("p:txStyles"))
    for rpr in styles.iter(qn("a:defRPr")):
        for fill in rpr.findall(qn("a:solidFill")):
            rpr.remove(fill)
        if not on_sample_text:
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            rpr.insert(0, fill)
            etree.SubElement(fill, qn("a:srgbClr"), val="C8BEB8")
    if on_sample_text:  # as Impress saves a master: no text styles, the look on the sample text
        master.element.remove(styles)
        for shape in master.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.color.rgb = RGBColor.from_string("C8BEB8")
    prs.save(str(path))


def test_a_pale_template_is_a_contrast_warning_wherever_it_sets_its_text_colour(tmp_path):
    for on_sample_text in (False, True):
        root = one_slide(tmp_path / str(on_sample_text), "Text.")
        _pale_template(root / "assets" / "template.pptx", on_sample_text)
        toml = root / "deck" / "deck.toml"
        toml.write_text(toml.read_text() + '\n[theme]\ntemplate = "assets/template.pptx"\n')
        result = check(root)
        line = toml.read_text().splitlines().index('template = "assets/template.pptx"') + 1
        for what in ("titles", "body text"):
            assert f"deck/deck.toml:{line}: warning: {what}: #C8BEB8 on #FAF6F0 has a contrast of 1.7:1" in result.output, (on_sample_text, result.output)
