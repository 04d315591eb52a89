"""The proof: the deck rendered by LibreOffice, read back and compared with the
arranged deck. Talks that provoke each problem get a warning at the slide's
markdown line naming the slide and the element; talks without them get none."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import DECK_TOML, REPO, cli, make_talk, picture, write
from tests.render.proof.templates import banded, pictured

BULLETS = "\n".join(f"- Point number {n} says something about the topic" for n in range(1, 7))
QUOTE = " ".join(f"Sentence {n} of a quotation far too long for one slide, read out all the same." for n in range(1, 31))
CODE = "\n".join(f"value_{n} = compute(value_{n - 1}, factor={n})  # step {n}" for n in range(1, 22))
PROBLEMS = f"""---
title: "Opening"
minutes: 4
lead: [clinician]
---

## Crowded

{BULLETS}
- Point number 7 says something about the topic[^1]
- A link [to read](https://example.org/read){{qr}}

[^1]: A footnote that explains the seventh point at some length.

---

## Long code

```python
{CODE}
```

---

## Long quote {{layout=quote}}

> {QUOTE}

---

## Scripts

- Amharic: ሰላም ለዓለም
- Hindi: नमस्ते दुनिया
- Thai: สวัสดีชาวโลก
"""
CLOSING = """---
title: Closing
minutes: 6
lead: [client]
---

## Thanks

- Questions are welcome

::: client
Thank you all.
:::
"""


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


@pytest.fixture(scope="module")
def problem_build(tmp_path_factory, libreoffice):
    """A talk with a crowded slide, long code and a script no font has, built with its proof."""
    import os

    os.environ["SOFFICE"] = libreoffice
    try:
        root = make_talk(tmp_path_factory.mktemp("problems") / "talk", {"01-opening.md": PROBLEMS, "02-closing.md": CLOSING})
        result = cli("build", root)  # everything, as `check` reports for everything
        yield root, result
    finally:
        os.environ["SOFFICE"] = ""


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": warning: " in line]


@pytest.mark.slow
def test_each_problem_is_a_warning_at_its_slides_line_naming_the_slide_and_the_element(problem_build):
    root, result = problem_build
    assert result.exit_code == 0, result.output
    crowded = f"deck/01-opening.md:{line_of(PROBLEMS, '## Crowded')}: warning: slide 4: "
    code = f"deck/01-opening.md:{line_of(PROBLEMS, '## Long code')}: warning: slide 5: "
    quote = f"deck/01-opening.md:{line_of(PROBLEMS, '## Long quote {layout=quote}')}: warning: slide 6: "
    scripts = f"deck/01-opening.md:{line_of(PROBLEMS, '## Scripts')}: warning: slide 7: "
    found = warnings(result.output)
    # The footnote lands on the seventh bullet: the body ran out of the room left above the footnotes.
    assert any(w.startswith(crowded + "the footnotes lie over the body text") for w in found), found
    assert any(w.startswith(crowded + "the body text runs") and "below its box" in w for w in found), found
    # Code is never shrunk on overflow: what does not fit at 18 pt is left out, and said so.
    assert not any(w.startswith(code) for w in found), found
    assert any("the code block has 21 lines" in w and "left out" in w for w in found), found
    # LibreOffice shrinks a text box that overflows below the 18 pt floor.
    shrunk = [w for w in found if w.startswith(quote + "the quote is set at")]
    assert shrunk and "under 18 pt" in shrunk[0] and "LibreOffice shrank it from 18 pt" in shrunk[0], found
    # Ethiopic: no font here has it (boxes); Devanagari and Thai come from the packaged fonts.
    boxed = [w for w in found if w.startswith(scripts + "the body text shows")]
    assert boxed and "as empty boxes" in boxed[0] and "ሰ" in boxed[0], found
    assert not any("न" in w or "ส" in w for w in found), found
    assert (root / "dist" / "small-talk-proof.html").is_file()


@pytest.mark.slow
def test_the_deck_pdf_draws_the_scripts_the_packaged_fonts_have(problem_build):
    """Devanagari and Thai are drawn by fonts that have them (the packaged ones in
    LibreOffice's profile), never as the boxes of a font without them."""
    root, _ = problem_build
    from segue.render.deckpdf.fonts import coverage
    from segue.render.proof.pages import open_pdf, read_page

    page = read_page(open_pdf((root / "dist" / "small-talk-deck.pdf").read_bytes()), 6)
    drawn = {g.char: g.font for g in page.glyphs if "\u0900" <= g.char <= "\u097f" or "\u0e00" <= g.char <= "\u0e7f"}
    assert {"न", "स"} <= set(drawn) and {"ส", "ว"} <= set(drawn)
    assert all(ord(char) in (coverage(font) or ()) for char, font in drawn.items()), drawn


@pytest.mark.slow
def test_check_with_proof_reports_what_build_reports(problem_build, with_libreoffice):
    root, built = problem_build
    (root / "dist" / "small-talk-proof.html").unlink()  # made again, not taken from the build
    checked = cli("check", root, "--proof", "--format", "json")
    listed = json.loads(checked.stdout)["diagnostics"]
    from_check = sorted(f"{d['path']}:{d['line']}: {d['severity']}: {d['message']}" for d in listed)
    from_build = sorted(line for line in built.output.splitlines() if ": warning: " in line or ": error: " in line)
    assert from_check == from_build
    assert any("the footnotes lie over the body text" in line for line in from_check)
    assert (root / "dist" / "small-talk-proof.html").is_file()


@pytest.mark.slow
def test_the_proof_page_shows_every_slide_its_problems_and_its_notes(problem_build):
    root, _ = problem_build
    page = (root / "dist" / "small-talk-proof.html").read_text(encoding="utf-8")
    from pptx import Presentation

    slides = len(Presentation(str(root / "dist" / "small-talk.pptx")).slides)
    assert page.count('<section id="slide-') == slides
    assert page.count("data:image/jpeg;base64,") == slides
    assert not re.search(r'(src|href)="(?!data:)', page)  # one self-contained file
    assert page.count("<rect ") >= 4  # problems outlined on their slides
    assert f"deck/01-opening.md:{line_of(PROBLEMS, '## Long quote {layout=quote}')}</code> the quote is set at" in page
    assert "Thank you all." in page  # the speaker notes


@pytest.mark.slow
def test_a_font_no_machine_has_is_one_warning_at_its_line(tmp_path, with_libreoffice):
    toml = DECK_TOML + '\n[theme]\nfont = "Frobnicate Sans"\n'
    root = make_talk(tmp_path / "talk", toml=toml)
    result = cli("build", root, "--only", "deck-pdf")
    assert result.exit_code == 0, result.output
    line = line_of(toml, 'font = "Frobnicate Sans"')
    about = [w for w in warnings(result.output) if "Frobnicate Sans" in w]
    assert len(about) == 1, about
    assert about[0].startswith(f"deck/deck.toml:{line}: warning: font 'Frobnicate Sans' is on no machine here")
    assert "PowerPoint shows it where it is installed" in about[0] and "the deck PDF sets it in" in about[0]


@pytest.mark.slow
def test_light_text_on_a_master_shape_not_dark_enough_is_a_contrast_warning(tmp_path, with_libreoffice):
    toml = DECK_TOML + '\n[theme]\ntemplate = "assets/band.pptx"\n'
    root = make_talk(tmp_path / "talk", toml=toml)
    banded(root / "assets" / "band.pptx", band="9A7B64")
    result = cli("build", root, "--only", "deck-pdf")
    assert result.exit_code == 0, result.output
    segment = (root / "deck" / "01-opening.md").read_text()
    title = [w for w in warnings(result.output) if "slide 4: the title is #FFFFFF on #9A7B64" in w]
    assert title and title[0].startswith(f"deck/01-opening.md:{line_of(segment, '## First slide {.handout}')}: warning:")
    assert "under 4.5:1" in title[0]
    # The same band, dark enough: white titles on it pass.
    banded(root / "assets" / "band.pptx", band="3B2F2F")
    again = cli("build", root, "--only", "deck-pdf")
    assert not [w for w in warnings(again.output) if "slide 4: the title is" in w], again.output


@pytest.mark.slow
def test_text_on_a_picture_without_a_panel_is_a_contrast_warning_and_with_one_is_not(tmp_path, with_libreoffice):
    toml = DECK_TOML + '\n[theme]\ntemplate = "assets/photo.pptx"\n'
    root = make_talk(tmp_path / "talk", toml=toml)
    pictured(root / "assets" / "photo.pptx")
    result = cli("build", root, "--only", "deck-pdf")
    assert result.exit_code == 0, result.output
    segment = (root / "deck" / "01-opening.md").read_text()
    body = [w for w in warnings(result.output) if "slide 4: the body text is" in w and "contrast" in w]
    assert body and body[0].startswith(f"deck/01-opening.md:{line_of(segment, '## First slide {.handout}')}:")
    # The built-in look puts a panel behind the text of a slide with a background picture.
    plain = make_talk(tmp_path / "plain")
    stripes = picture(plain / "assets" / "stripes.png", (800, 450), (60, 55, 50))
    from PIL import Image, ImageDraw

    image = Image.open(stripes)
    draw = ImageDraw.Draw(image)
    for x in range(0, 800, 40):
        draw.rectangle((x, 0, x + 19, 450), fill=(230, 230, 230))
    image.save(stripes)
    first = (plain / "deck" / "01-opening.md").read_text().replace("## First slide {.handout}", "## First slide {.handout background=assets/stripes.png}")
    write(plain / "deck" / "01-opening.md", first)
    panel = cli("build", plain, "--only", "deck-pdf")
    assert panel.exit_code == 0, panel.output
    assert not [w for w in warnings(panel.output) if "contrast" in w], panel.output


@pytest.mark.slow
def test_the_default_talk_and_a_new_talk_have_nothing_to_fix(tmp_path, with_libreoffice):
    result = cli("build", REPO, "--out", tmp_path / "default", "--strict")
    assert result.exit_code == 0, result.output
    assert not warnings(result.output)
    assert (tmp_path / "default" / "love-as-medicine-proof.html").is_file()
    fresh = tmp_path / "fresh"
    assert cli("new", fresh, "--title", "Fresh", "--minutes", "20", "--segments", "2").exit_code == 0
    built = cli("check", fresh, "--proof", "--strict")
    assert built.exit_code == 0, built.output
    assert not warnings(built.output)
    assert (fresh / "dist" / "fresh-proof.html").is_file()


@pytest.mark.slow
def test_the_proof_is_private_and_reproducible(talk, tmp_path, with_libreoffice):
    public = cli("build", talk, "--out", tmp_path / "public", "--public")
    assert public.exit_code == 0, public.output
    assert not list((tmp_path / "public").glob("*-proof.html"))
    assert (tmp_path / "public" / "small-talk-deck.pdf").is_file()
    private = tmp_path / "private"
    assert cli("build", talk, "--out", private, "--only", "deck-pdf").exit_code == 0
    proof = private / "small-talk-proof.html"
    again = tmp_path / "again"
    assert cli("build", talk, "--out", again, "--only", "deck-pdf").exit_code == 0
    assert (again / "small-talk-proof.html").read_bytes() == proof.read_bytes()
    refused = cli("build", talk, "--out", private, "--public", "--only", "run-of-show")
    assert refused.exit_code == 1 and "small-talk-proof.html" in refused.output


def test_check_with_proof_without_libreoffice_is_an_error(talk, monkeypatch):
    monkeypatch.setenv("SOFFICE", "")
    result = cli("check", talk, "--proof")
    assert result.exit_code == 1
    assert "proof: error: the proof needs LibreOffice, which was not found" in result.output
    assert not (talk / "dist").exists()
