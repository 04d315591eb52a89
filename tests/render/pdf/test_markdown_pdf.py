"""Each markdown construct as the handout and the scripts show it, read back from the PDFs."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from tests.helpers import DECK_TOML, cli, make_talk, pdf_words
from tests.render.pdfreader import flat, horizontal_lines, structure

EVERYTHING = """\
---
title: Only
minutes: 10
---

## Inline {.handout}

~~gone~~ kept, H~2~O and x^2^, see https://example.org, $E = mc^2$ and a claim[^1].

[^1]: The note at the foot.

## Blocks {.handout}

- [ ] undone
- [x] finished

Attunement
: Being felt by another.

| Twelve Harbour Road
| Bristol

$$\\frac{a}{b}$$

```python
def greet():
    return "hi"  # says hello
```

## A pause

Before.

. . .

After.

::: clinician
Open with this.

. . .

Then this, after the click.

- [x] rehearsed
:::
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_talk(tmp_path_factory.mktemp("md") / "t", {"01-only.md": EVERYTHING}, toml=DECK_TOML)
    out = root / "out"
    result = cli("build", root, "--out", out, "--only", "handout,scripts")
    assert result.exit_code == 0, result.output
    return out


def words(pdf: Path, page: int = 0):
    width, height, found = pdf_words(pdf)[page]
    return height, {text: (x0, y0, x1, y1) for x0, y0, x1, y1, text in found}


def test_no_literal_markup_reaches_the_handout_or_the_scripts(built):
    for name in ("small-talk-handout.pdf", "small-talk-clinician-script.pdf", "small-talk-client-script.pdf"):
        text = flat(built / name)
        for markup in ("~~", "[^", "$$", "<!--", "{width", "{.", "| Twelve", ". . .", "\\frac"):
            assert markup not in text, (name, markup)


def test_struck_text_has_a_line_through_it(built):
    handout = built / "small-talk-handout.pdf"
    height, found = words(handout)
    x0, y0, x1, y1 = found["gone"]
    middle = height - (y0 + y1) / 2  # from the page's bottom, as the strokes are
    crossing = [line for line in horizontal_lines(handout, 0) if line[0] <= x0 + 1 and line[1] >= x1 - 1 and abs(line[2] - middle) < (y1 - y0) / 2]
    assert crossing, "no stroke through the struck word"
    x0, y0, x1, y1 = found["kept,"]
    assert not [line for line in horizontal_lines(handout, 0) if line[0] <= x0 + 1 and line[1] >= x1 - 1 and abs(line[2] - (height - (y0 + y1) / 2)) < 2]


def test_superscripts_sit_above_and_subscripts_below_the_line(built):
    width, height, page = pdf_words(built / "small-talk-handout.pdf")[0]
    boxes = [(text, y0, y1) for _, y0, _, y1, text in page]
    line_of = next((y0, y1) for text, y0, y1 in boxes if text == "kept,")
    scripts = [(text, y0, y1) for text, y0, y1 in boxes if text == "2"]
    assert any(y1 < line_of[1] - 1 for _, _, y1 in scripts)  # a superscript ends higher
    assert any(y0 > line_of[0] + 1 for _, y0, _ in scripts)  # a subscript starts lower


def test_footnotes_are_at_the_foot_of_the_page(built):
    width, height, page = pdf_words(built / "small-talk-handout.pdf")[0]
    note = next(y0 for _, y0, _, _, text in page if text == "note")
    claim = next(y0 for _, y0, _, _, text in page if text.startswith("claim"))
    assert note > claim and note > height * 0.75


def test_code_is_coloured_with_the_decks_palette(built):
    with pikepdf.open(built / "small-talk-handout.pdf") as pdf:
        fills = {
            tuple(round(float(v), 3) for v in operands)
            for operands, operator in pikepdf.parse_content_stream(pdf.pages[0])
            if str(operator) == "scn" and len(operands) == 3
        }
    def rgb(hex_colour: str) -> tuple:
        return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 3) for i in (0, 2, 4))
    assert {rgb("7A2E5C"), rgb("2F5F1F"), rgb("5E5550")} <= fills  # keyword, string, comment


def test_math_is_a_formula_with_its_description(built):
    handout = built / "small-talk-handout.pdf"
    formulas = [tag for tag in structure(handout) if tag.role == "Formula"]
    assert any(tag.alt and "a/b" in tag.alt for tag in formulas)
    assert any(tag.alt and "E = mc²" in tag.alt for tag in formulas)


def test_task_boxes_definitions_and_line_blocks(built):
    text = flat(built / "small-talk-handout.pdf")
    assert "undone" in text and "finished" in text and "[ ]" not in text and "[x]" not in text
    assert "Attunement Being felt by another." in text
    width, height, page = pdf_words(built / "small-talk-handout.pdf")[0]
    harbour = next(y0 for _, y0, _, _, t in page if t == "Harbour")
    bristol = next(y0 for _, y0, _, _, t in page if t == "Bristol")
    assert bristol > harbour + 5  # a line of its own, below


def test_scripts_mark_the_clicks_in_the_speakers_lines(built):
    text = flat(built / "small-talk-clinician-script.pdf")
    assert "▸ 1 click on this slide" in text
    assert text.index("Open with this.") < text.index("▸ click Then this") < text.index("after the click.")


def task_box_ink(pdf: Path, word: str, tmp_path: Path) -> dict[str, bool]:
    """Which parts of the drawn box before `word` hold ink: the box found by its outline in
    a 300 dpi rendering, its inside read in three spots (top left, top right, low middle)."""
    import subprocess

    from PIL import Image

    dpi = 300
    for number, (width, height, found) in enumerate(pdf_words(pdf)):
        spots = [w for w in found if w[4] == word]
        if spots:
            x0, y0, x1, y1, _ = spots[0]
            break
    else:
        raise AssertionError(f"{word!r} not in {pdf.name}")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(number + 1), "-l", str(number + 1), str(pdf), str(tmp_path / "p")], check=True)
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    scale = dpi / 72
    area = page.crop((int((x0 - 16) * scale), int(y0 * scale), int((x0 - 1) * scale), int(y1 * scale)))
    dark = [(x, y) for x in range(area.width) for y in range(area.height) if area.getpixel((x, y)) < 128]
    assert dark, f"no box before {word!r}"
    left, right = min(x for x, _ in dark), max(x for x, _ in dark)
    top, bottom = min(y for _, y in dark), max(y for _, y in dark)
    size_x, size_y = right - left, bottom - top

    def inked(fx: float, fy: float) -> bool:
        cx, cy = left + fx * size_x, top + fy * size_y
        r = max(1, int(0.08 * size_x))
        return any(area.getpixel((int(cx) + dx, int(cy) + dy)) < 160 for dx in range(-r, r + 1) for dy in range(-r, r + 1))

    return {"top left": inked(0.25, 0.25), "top right": inked(0.8, 0.25), "low middle": inked(0.42, 0.75)}


@pytest.mark.parametrize("output, word", [("small-talk-handout.pdf", "finished"), ("small-talk-clinician-script.pdf", "rehearsed")])
def test_a_done_task_is_ticked_not_crossed(built, tmp_path, output, word):
    assert task_box_ink(built / output, word, tmp_path) == {"top left": False, "top right": True, "low middle": True}


def test_a_task_to_do_is_an_empty_box(built, tmp_path):
    assert task_box_ink(built / "small-talk-handout.pdf", "undone", tmp_path) == {"top left": False, "top right": False, "low middle": False}
