"""Shapes that carry no content are marked decorative, as PowerPoint's "Mark as
decorative" does (screen readers skip them, the Accessibility Checker asks no alt text
of them); the logo is described on the first slide that shows it, and decoration after."""

from __future__ import annotations

import re
import zipfile

from openxml_audit import validate_pptx

from tests.helpers import DECK_TOML, cli, make_talk, picture

SEGMENT = """\
---
title: Only
minutes: 10
---

## Words

Plain text.

## A quote {layout=quote}

> To be felt is to heal.

Someone

## Night {background=assets/night.jpg}

Under the stars.
"""

TOML = DECK_TOML + '\n[theme]\nlogo = "assets/logo.png"\nprogress_bar = true\nbackground = "assets/night.jpg"\n'
DECORATIVE = '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext>'


def shapes(xml: str) -> list[tuple[str, str | None, bool]]:
    """(name, alt text or None, decorative) of each shape of a slide."""
    found = []
    for attrs, rest in re.findall(r"<p:cNvPr ([^>]*?)(/>|>.*?</p:cNvPr>)", xml):
        name = re.search(r'name="([^"]*)"', attrs).group(1)
        alt = re.search(r'descr="([^"]*)"', attrs)
        found.append((name, alt.group(1) if alt else None, DECORATIVE in rest))
    return found


def test_shapes_without_content_are_decorative_and_the_logo_is_described_once(tmp_path):
    talk = make_talk(tmp_path / "talk", {"01-only.md": SEGMENT}, toml=TOML)
    picture(talk / "assets" / "logo.png", size=(200, 80))
    picture(talk / "assets" / "night.jpg", size=(640, 360), color=(18, 20, 40), fmt="JPEG")
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx")
    assert result.exit_code == 0, result.output
    deck = out / "small-talk.pptx"
    with zipfile.ZipFile(deck) as package:
        slides = [package.read(f"ppt/slides/slide{n}.xml").decode() for n in range(1, 7)]
    every = [shape for xml in slides for shape in shapes(xml)]
    for name in ("Quote rule", "Text panel", "Footer panel", "Progress track", "Progress", "Title panel", "Title background"):
        marked = [s for s in every if s[0] == name]
        assert marked and all(decorative and alt is None for _, alt, decorative in marked), (name, marked)
    logos = [s for s in every if s[0] == "Logo"]
    assert len(logos) >= 3
    assert logos[0][1] == "A Small Talk logo" and not logos[0][2]
    assert all(alt is None and decorative for _, alt, decorative in logos[1:]), logos
    # Nothing with content is marked: titles, text and pictures keep theirs.
    assert not any(
        decorative for name, _, decorative in every if name.startswith(("Title ", "TextBox", "Content", "Picture")) and name not in ("Title panel", "Title background")
    )
    assert validate_pptx(str(deck)).is_valid
