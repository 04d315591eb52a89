"""What else the rendering gives presenters: each slide's picture in the scripts,
the notes pages, and `watch` that never waits for LibreOffice."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from segue.render.proof.shapes import Shape, match
from tests.helpers import cli
from tests.render.pdfreader import flat, structure


def built(talk: Path, out: Path, only: str) -> Path:
    result = cli("build", talk, "--out", out, "--only", only)
    assert result.exit_code == 0, result.output
    return out


def images_on(page) -> int:
    resources = page.get("/Resources") or {}
    objects = resources.get("/XObject") or {}
    return sum(1 for value in objects.values() if value.get_object().get("/Subtype") == "/Image")


@pytest.mark.slow
def test_scripts_show_each_slide_beside_its_lines_where_libreoffice_draws_them(talk, tmp_path, with_libreoffice):
    script = built(talk, tmp_path / "out", "scripts") / "small-talk-clinician-script.pdf"
    reader = PdfReader(script)
    assert sum(images_on(page) for page in reader.pages) >= 8  # every slide of the plan
    figures = [tag for tag in structure(script) if tag.role == "Figure"]
    assert any(tag.alt == "Slide 4 as the audience sees it" for tag in figures), figures
    assert "Pictures of the slides appear" not in flat(script)


def test_without_libreoffice_the_scripts_say_how_to_get_the_slide_pictures(talk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOFFICE", "")
    text = flat(built(talk, tmp_path / "out", "scripts") / "small-talk-clinician-script.pdf")
    assert "Pictures of the slides appear beside their lines when the deck PDF is made" in text
    assert "apt install libreoffice-impress" in text


@pytest.mark.slow
def test_notes_pages_are_the_deck_as_powerpoint_prints_notes(talk, tmp_path, with_libreoffice):
    pages = built(talk, tmp_path / "out", "notes-pages") / "small-talk-notes-pages.pdf"
    reader = PdfReader(pages)
    assert len(reader.pages) == 8
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert height > width  # portrait, as printed
    assert "The clinician opens." in flat(pages)
    public = cli("build", talk, "--out", tmp_path / "public", "--only", "notes-pages", "--public")
    assert public.exit_code == 0 and not list((tmp_path / "public").glob("*-notes-pages.pdf"))


@pytest.mark.slow
def test_watch_rebuilds_at_once_and_renders_afterwards_cancelled_by_the_next_save(talk, tmp_path, with_libreoffice):
    from segue.build.pipeline import BuildOptions, full_build, with_proof
    from segue.build.watch import WatchSession

    out = tmp_path / "out"
    said: list[tuple[float, str]] = []
    started = time.monotonic()
    session = WatchSession(
        talk, out, BuildOptions(only=with_proof(full_build(), False), cache_dir=out / ".cache"),
        lambda line, error: said.append((time.monotonic() - started, line)),
    )
    assert set(session.later) == {"deck-pdf", "proof", "scripts"}
    session.build()
    first = next(when for when, line in said if line.startswith("rebuilt in"))
    segment = talk / "deck" / "02-closing.md"
    segment.write_text(segment.read_text() + "\n- one more point\n")
    session.build()  # a save while LibreOffice converts the first one
    session.wait()
    lines = [line for _, line in said]
    assert any("cancelled by a newer save" in line for line in lines), lines
    assert lines[-1].startswith("scripts, deck-pdf, proof: rebuilt in"), lines
    assert first < 3.0, said  # the fast outputs did not wait for LibreOffice
    assert (out / "small-talk-proof.html").is_file() and (out / "small-talk-deck.pdf").is_file()


def shape(name: str, kind: str, text: str) -> Shape:
    return Shape(name, kind, (0, 0, 10, 10), text)


def test_structure_elements_are_paired_with_shapes_by_kind_and_text_in_order():
    shapes = [
        shape("the title", "text", "Our journey"),
        shape("the body text", "text", "First point\nSecond point"),
        shape("the text panel", "figure", ""),
        shape("the picture", "figure", "Two paths"),
        shape("the footer", "text", "A Small Talk"),
        shape("the slide number", "text", "4"),
    ]
    # LibreOffice left the empty panel untagged, and draws bullets the shapes do not hold.
    elements = [
        ("H", "", "Our journey"),
        ("Div", "", "• First point• Second point"),
        ("Figure", "Two paths", ""),
        ("P", "", "A Small Talk "),
        ("P", "", "4"),
    ]
    paired = match(shapes, elements)
    assert {index: s.name for index, s in paired.items()} == {
        0: "the title", 1: "the body text", 2: "the picture", 3: "the footer", 4: "the slide number",
    }
    # A shape whose text is nowhere on the page is paired with nothing.
    assert match([shape("the title", "text", "Something else entirely")], [("H", "", "Our journey")]) == {}
