"""What a screen reader gets from the handout and the scripts beyond the page: text in
every script as written, right-to-left lists with their bullets on the right, task
states, code and line blocks with their line breaks, script headings whose number
stands apart, and list items whole across the handout's columns."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from tests.helpers import DECK_TOML, cli, make_talk
from tests.render.pdfreader import open_pdf, reading_text, structure

SCRIPTS = """\
---
title: Only
minutes: 10
---

## Scripts {.handout}

مرحبا بالعالم

שלום עולם

- Arabic: مرحبا بالعالم, Hebrew: שלום עולם.

## Right to left {.handout}

- שלום עולם
- مرحبا بالعالم

## Structure {.handout}

- [x] finished
- [ ] undone

```python
def twice(x):
    return x * 2
print(twice(1))
```

| Twelve Harbour Road
| Bristol

::: clinician
مرحبا بالعالم and שלום עולם.
:::
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tags")
    talk = make_talk(root / "talk", {"01-only.md": SCRIPTS}, toml=DECK_TOML)
    out = root / "out"
    result = cli("build", talk, "--out", out, "--only", "handout,scripts")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output
    return out


HANDOUT = "small-talk-handout.pdf"
SCRIPT = "small-talk-clinician-script.pdf"


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", [HANDOUT, SCRIPT])
def test_arabic_and_hebrew_read_back_exactly_as_written(built, name):
    """Arabic is set in a font with one glyph per letter form: each glyph maps to its one
    letter, so nothing is doubled (with Noto Sans Arabic, Typst maps a dotless base and
    its dot to the same letter: typst/typst#526, #4225)."""
    text = pdftotext(built / name)
    assert "مرحبا بالعالم" in text and "שלום עולם" in text
    assert "مرحببا" not in text
    # What a screen reader reads from the tags: the words as written, in the order written,
    # in right-to-left paragraphs and in a right-to-left phrase inside English alike.
    tagged = reading_text(built / name)
    assert "مرحبا بالعالم" in tagged and "שלום עולם" in tagged, tagged
    assert "בالعالم" not in tagged and "עולם שלום" not in tagged and "بالعالم مرحبا" not in tagged


def test_right_to_left_lists_have_their_bullets_on_the_right(built):
    found: list[tuple[str, float]] = []
    for page in open_pdf(built / HANDOUT).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: found.append((t, tm[4] * cm[0] + cm[4])) if t.strip() else None)
    hebrew = min(x for text, x in found if "עולם" in text or "םלוע" in text)
    bullets = [x for text, x in found if text.strip() == "•"]
    # The RTL list's bullets stand right of their text; an LTR list's bullet stays left of it.
    assert any(x > hebrew for x in bullets), (hebrew, bullets)
    arabic_in_english = min(x for text, x in found if text.startswith("Arabic"))
    assert any(x < arabic_in_english for x in bullets)


def children(tags, index: int):
    """The direct children of `tags[index]` in the flat, depth-first list."""
    depth = tags[index].depth
    found = []
    for tag in tags[index + 1 :]:
        if tag.depth <= depth:
            break
        if tag.depth == depth + 1:
            found.append(tag)
    return found


def test_a_task_says_whether_it_is_done(built):
    tags = structure(built / HANDOUT)
    figures = [tag.alt for tag in tags if tag.role == "Figure"]
    assert "☑ done" in figures and "☐ to do" in figures
    # Each state is inside its item's body, before the item's text.
    bodies = [i for i, tag in enumerate(tags) if tag.role == "LBody" and any(c.alt in ("☑ done", "☐ to do") for c in children(tags, i))]
    assert len(bodies) == 2


def test_code_is_a_code_element_with_a_paragraph_per_line(built):
    tags = structure(built / HANDOUT)
    index = next(i for i, tag in enumerate(tags) if tag.role == "Code")
    lines = [" ".join(c.text.split()) for c in children(tags, index)]
    assert lines == ["def twice(x):", "return x * 2", "print(twice(1))"]
    assert all(c.role == "P" for c in children(tags, index))


def test_a_line_block_is_a_paragraph_per_line(built):
    tags = structure(built / HANDOUT)
    texts = [" ".join(tag.text.split()) for tag in tags if tag.role == "P"]
    assert "Twelve Harbour Road" in texts and "Bristol" in texts


def test_script_headings_keep_the_number_apart_from_the_title(built):
    with pikepdf.open(built / SCRIPT) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root[0].children] if outline.root else []
    assert "4 Scripts" in titles and "2 Agenda" in titles, titles
    headings = [" ".join(tag.text.split()) for tag in structure(built / SCRIPT) if tag.role == "H2"]
    assert "4 Scripts" in headings, headings


def test_no_list_item_is_split_at_the_handouts_column_break(default_build):
    """Every item of every list has one label, with text, and its body holds none."""
    tags = structure(default_build / "love-as-medicine-handout.pdf")
    items = [i for i, tag in enumerate(tags) if tag.role == "LI"]
    assert len(items) > 10
    for index in items:
        kids = children(tags, index)
        labels = [kid for kid in kids if kid.role == "Lbl"]
        assert len(labels) <= 1, [k.role for k in kids]
        assert all(label.text.strip() for label in labels)
        for body in (i for i, tag in enumerate(tags[index + 1 :], index + 1) if tag in kids and tag.role == "LBody"):
            assert all(kid.role != "Lbl" for kid in children(tags, body))
