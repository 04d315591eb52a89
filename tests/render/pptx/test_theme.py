"""Theme values from deck.toml: accent, font, logo, title background."""

from __future__ import annotations

import zipfile

from tests.helpers import cli, picture, write
from tests.render.pptx.deckreader import open_deck


def build_with_theme(talk, tmp_path, theme: str, name: str = "out"):
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text() + "\n[theme]\n" + theme)
    out = tmp_path / name
    result = cli("build", talk, "--out", out, "--only", "pptx")
    assert result.exit_code == 0, result.output
    return out / "small-talk.pptx"


def theme_xml(pptx) -> str:
    with zipfile.ZipFile(pptx) as package:
        return package.read("ppt/theme/theme1.xml").decode()


def test_accent_and_font_reach_the_theme_and_the_section_slides(talk, tmp_path):
    pptx = build_with_theme(talk, tmp_path, 'accent = "#2E5E4E"\nfont = "Georgia"\n')
    xml = theme_xml(pptx)
    assert '<a:accent1><a:srgbClr val="2E5E4E"/>' in xml
    assert '<a:latin typeface="Georgia"/>' in xml
    section_layout = open_deck(pptx).slides[2].slide_layout._element.xml
    assert 'val="2E5E4E"' in section_layout  # section slides sit on the accent colour


def test_logo_on_content_slides_only(talk, tmp_path):
    picture(talk / "assets" / "logo.png", size=(200, 100))
    prs = open_deck(build_with_theme(talk, tmp_path, 'logo = "assets/logo.png"\n'))
    with_logo = [i for i, slide in enumerate(prs.slides) if any(s.name == "Logo" for s in slide.shapes)]
    assert with_logo == [3, 4, 6, 7]  # not on the title, agenda or section slides
    logo = next(s for s in prs.slides[3].shapes if s.name == "Logo")
    assert abs(logo.width / logo.height - 2) < 0.01
    title = prs.slides[3].shapes.title
    assert title.left + title.width <= logo.left  # the title gives way


def test_title_background_picture_sits_behind_the_title_slide(talk, tmp_path):
    picture(talk / "assets" / "dawn.jpg", size=(1600, 900), color=(240, 200, 160))
    prs = open_deck(build_with_theme(talk, tmp_path, 'background = "assets/dawn.jpg"\n'))
    shapes = list(prs.slides[0].shapes)
    assert shapes[0].name == "Title background"
    assert (shapes[0].width, shapes[0].height) == (prs.slide_width, prs.slide_height)
    assert shapes[1].name == "Title panel"
    assert not any(s.name == "Title background" for slide in list(prs.slides)[1:] for s in slide.shapes)


def test_a_missing_logo_is_an_error_at_its_line(talk):
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text() + '\n[theme]\nlogo = "assets/nope.png"\n')
    result = cli("check", talk)
    line = toml.read_text().splitlines().index('logo = "assets/nope.png"') + 1
    assert result.exit_code == 1
    assert f"deck/deck.toml:{line}: error: logo 'assets/nope.png' not found" in result.output
