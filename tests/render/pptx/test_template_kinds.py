"""The templates designers really have, each used with no [theme.layouts]: one saved
by LibreOffice Impress, the same with its layouts renamed in another language,
a PowerPoint template in German, a .potx, and one whose layouts were made for
4:3 slides in a 16:9 deck. Each deck must pass the validator, the reference
walk, and LibreOffice with one page per slide and no text off the page."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from segue.talk.plan import AGENDA_ROWS
from tests.helpers import DECK_TOML, cli, convert_with_libreoffice, make_talk, soffice, words_outside_their_page, write
from tests.render.pptx.clients import assert_clients_accept
from tests.render.pptx.deckreader import open_deck, titles
from tests.render.pptx.test_template import make_template, use_template

LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
GERMAN = {
    "Title Slide": "Titelfolie",
    "Title and Content": "Titel und Inhalt",
    "Section Header": "Abschnittsüberschrift",
    "Two Content": "Zwei Inhalte",
    "Title Only": "Nur Titel",
    "Blank": "Leer",
}
LIBREOFFICE_GERMAN = {
    "Title Slide": "Titelfolie",
    "Title, Content": "Titel, Inhalt",
    "Title, 2 Content": "Titel, 2 Inhalte",
    "Title Only": "Nur Titel",
    "Blank Slide": "Leere Folie",
}


def rename_layouts(pptx: Path, names: dict[str, str]) -> Path:
    prs = Presentation(str(pptx))
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if layout.name in names:
                layout.element.cSld.set("name", names[layout.name])
    prs.save(str(pptx))
    return pptx


def saved_by_libreoffice(folder: Path) -> Path:
    """One of the templates LibreOffice ships, saved as .pptx by LibreOffice itself."""
    candidates = sorted(LIBREOFFICE_TEMPLATES.glob("*.otp"))
    assert candidates, f"no LibreOffice templates in {LIBREOFFICE_TEMPLATES}"
    source = next((c for c in candidates if c.stem == "Focus"), candidates[0])
    return convert_with_libreoffice(source, "pptx", folder)


def built(talk: Path, tmp_path: Path, *args: str):
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx", *args)
    assert result.exit_code == 0, result.output
    return result, out / "small-talk.pptx"


def layouts_used(pptx: Path) -> list[str]:
    return [slide.slide_layout.name for slide in open_deck(pptx).slides]


# --- found by meaning ----------------------------------------------------------------------


def test_a_german_powerpoint_template_serves_by_layout_type(talk, tmp_path):
    make_template(talk / "assets" / "template.pptx", rename=GERMAN)
    use_template(talk)
    result, pptx = built(talk, tmp_path)
    used = layouts_used(pptx)
    assert used[:3] == ["Titelfolie", "Titel und Inhalt", "Abschnittsüberschrift"]
    assert "Zwei Inhalte" in used and "Nur Titel" in used
    check = cli("check", talk)
    assert "content -> 'Office Theme / Titel und Inhalt' (by type obj)" in check.output
    assert "section -> 'Office Theme / Abschnittsüberschrift' (by type secHead)" in check.output


def test_a_potx_template_is_accepted(talk, tmp_path):
    pptx = make_template(tmp_path / "made" / "template.pptx", rename={"Title and Content": "Body"})
    potx = talk / "assets" / "template.potx"
    with zipfile.ZipFile(pptx) as source, zipfile.ZipFile(potx, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            target.writestr(item, data)
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text() + '\n[theme]\ntemplate = "assets/template.potx"\n')
    _, deck = built(talk, tmp_path)
    assert layouts_used(deck)[1] == "Body"
    assert "STRAY TEMPLATE SLIDE" not in titles(open_deck(deck))


def test_layouts_made_for_4_3_in_a_16_9_deck_are_a_warning_and_content_stays_on_the_slide(talk, tmp_path):
    prs = Presentation()  # python-pptx's layouts are 4:3
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    template = talk / "assets" / "template.pptx"
    prs.save(str(template))
    use_template(talk)
    result, pptx = built(talk, tmp_path)
    assert "deck/deck.toml:" in result.output and "made for 4:3 slides?" in result.output
    deck = open_deck(pptx)
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height, shape.name


def test_layouts_wider_than_the_slide_are_pulled_inside_it(talk, tmp_path):
    """A 16:9 template whose slide size was set back to 4:3: its placeholders reach past the right edge."""
    built_in = tmp_path / "builtin"
    result = cli("build", talk, "--out", built_in, "--only", "pptx")
    assert result.exit_code == 0
    prs = Presentation(str(built_in / "small-talk.pptx"))
    for slide_id in list(prs.slides._sldIdLst):
        prs.part.drop_rel(slide_id.rId)
        prs.slides._sldIdLst.remove(slide_id)
    prs.slide_width, prs.slide_height = Inches(10), Inches(7.5)
    prs.save(str(talk / "assets" / "template.pptx"))
    use_template(talk)
    result, pptx = built(talk, tmp_path)
    assert "reach outside" in result.output
    deck = open_deck(pptx)
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width, (shape.name, shape.text_frame.text)


# --- in the clients --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_template_saved_by_libreoffice_builds_without_mapping(talk, tmp_path, libreoffice):
    saved = saved_by_libreoffice(tmp_path / "lo")
    (talk / "assets" / "template.pptx").write_bytes(saved.read_bytes())
    use_template(talk)
    check = cli("check", talk)
    assert check.exit_code == 0, check.output
    assert "content -> 'Master 4 / Title, Content' (by type obj)" in check.output  # Focus's roomiest content design
    _, pptx = built(talk, tmp_path)
    assert_clients_accept(pptx, tmp_path / "clients")


@pytest.mark.slow
def test_the_libreoffice_template_in_german_builds_without_mapping(talk, tmp_path, libreoffice):
    saved = rename_layouts(saved_by_libreoffice(tmp_path / "lo"), LIBREOFFICE_GERMAN)
    (talk / "assets" / "template.pptx").write_bytes(saved.read_bytes())
    use_template(talk)
    _, pptx = built(talk, tmp_path)
    assert "Titel, Inhalt" in layouts_used(pptx)
    assert_clients_accept(pptx, tmp_path / "clients")


@pytest.mark.slow
def test_german_potx_and_4_3_templates_in_the_clients(talk, tmp_path, libreoffice):
    make_template(talk / "assets" / "template.pptx", rename=GERMAN)
    use_template(talk)
    _, german = built(talk, tmp_path)
    assert_clients_accept(german, tmp_path / "german")
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.save(str(talk / "assets" / "template.pptx"))
    out = tmp_path / "narrow"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    assert_clients_accept(out / "small-talk.pptx", tmp_path / "narrow-clients")


# --- generated slides for any number of segments -------------------------------------------------


def hundred_segments(root: Path) -> Path:
    toml = DECK_TOML.replace("duration = 10", "duration = 100")
    segments = {
        f"{n:03d}-part.md": f"---\ntitle: \"Part {n}: a segment with a title of some length\"\nminutes: 1\nlead: [clinician, client]\n---\n\n## Slide {n}\n\nText.\n"
        for n in range(1, 101)
    }
    return make_talk(root, segments, toml=toml)


def test_an_agenda_of_100_segments_is_split_over_slides(tmp_path):
    root = hundred_segments(tmp_path / "t")
    out = tmp_path / "out"
    result = cli("build", root, "--out", out, "--only", "pptx,run-of-show")
    assert result.exit_code == 0, result.output
    deck = open_deck(out / "small-talk.pptx")
    pages = len([t for t in titles(deck) if t.startswith("Agenda")])
    assert pages > 100 // AGENDA_ROWS
    agenda = [t for t in titles(deck) if t.startswith("Agenda")]
    assert agenda == [f"Agenda ({n} of {pages})" for n in range(1, pages + 1)]
    rows = []
    for slide in list(deck.slides)[1 : 1 + pages]:
        (table,) = [s for s in slide.shapes if s.has_table]
        assert table.top + table.height <= deck.slide_height
        rows += [row.cells[1].text for row in list(table.table.rows)[1:]]
    assert rows == [f"Part {n}: a segment with a title of some length" for n in range(1, 101)]
    run_of_show = (out / "small-talk-run-of-show.csv").read_text()
    assert f"Agenda (2 of {pages})" in run_of_show


def test_agenda_columns_follow_their_text(talk, tmp_path):
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text().replace('role = "Client"', 'name = "Alexandra Montgomery-Whitfield"\nrole = "Client"'))
    _, pptx = built(talk, tmp_path)
    (table,) = [s for s in open_deck(pptx).slides[1].shapes if s.has_table]
    time, segment, lead = (column.width for column in table.table.columns)
    assert time < segment and time < lead
    assert lead > 0.3 * table.width  # long names get the room the short clock times do not need


@pytest.mark.slow
def test_the_100_segment_agenda_stays_on_its_slides_in_libreoffice(tmp_path, libreoffice):
    root = hundred_segments(tmp_path / "t")
    out = tmp_path / "out"
    assert cli("build", root, "--out", out, "--only", "pptx").exit_code == 0
    pdf = convert_with_libreoffice(out / "small-talk.pptx", "pdf", tmp_path / "pdf")
    assert words_outside_their_page(pdf) == []


def test_a_templates_small_agenda_layout_continues_the_agenda_on_as_many_slides_as_it_needs(tmp_path):
    """The plan asks the template's agenda layout how many rows it holds at 18 pt: every
    segment is listed, each agenda table inside its body, the run-of-show agrees."""
    root = hundred_segments(tmp_path / "t")
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    layout = next(l for l in prs.slide_layouts if l.name == "Title and Content")
    body = next(p for p in layout.placeholders if p.placeholder_format.idx == 1)
    body.left, body.top, body.width, body.height = Inches(0.6), Inches(4.5), Inches(12), Inches(2.4)
    prs.save(str(root / "assets" / "template.pptx"))
    use_template(root)
    out = tmp_path / "out"
    result = cli("build", root, "--out", out, "--only", "pptx,run-of-show")
    assert result.exit_code == 0, result.output
    assert "left out" not in result.output
    deck = open_deck(out / "small-talk.pptx")
    agenda = [t for t in titles(deck) if t.startswith("Agenda")]
    built_in = -(-100 // AGENDA_ROWS)
    assert len(agenda) > built_in  # fewer rows a slide than the built-in look's body holds
    rows = []
    for slide in list(deck.slides)[1 : 1 + len(agenda)]:
        (table,) = [s for s in slide.shapes if s.has_table]
        assert Inches(4.5) - 1 <= table.top and table.top + table.height <= Inches(6.9) + 1
        rows += [row.cells[1].text for row in list(table.table.rows)[1:]]
    assert rows == [f"Part {n}: a segment with a title of some length" for n in range(1, 101)]
    assert f"Agenda ({len(agenda)} of {len(agenda)})" in (out / "small-talk-run-of-show.csv").read_text()
