"""Real clients must open the deck: the OOXML validator and LibreOffice."""

from __future__ import annotations

import zipfile

import pytest
from openxml_audit import validate_pptx

from tests.helpers import cli, convert_with_libreoffice, pdf_words
from tests.render.pptx.clients import assert_clients_accept
from tests.render.pptx.deckreader import open_deck


def test_default_deck_passes_openxml_audit(default_pptx):
    result = validate_pptx(str(default_pptx))
    assert result.is_valid, [e.description for e in result.errors][:10]


def test_the_validator_catches_misplaced_elements(default_pptx, tmp_path):
    """Control: the same deck with one slide's transition out of schema order fails."""
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(default_pptx) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "ppt/slides/slide4.xml":
                text = data.decode()
                start, end = text.index("<p:transition"), text.index("</p:transition>") + len("</p:transition>")
                text = text[:start] + text[end:]
                text = text.replace("<p:cSld>", "<p:transition><p:fade/></p:transition><p:cSld>", 1)
                data = text.encode()
            target.writestr(info, data)
    assert not validate_pptx(str(broken)).is_valid


@pytest.mark.slow
def test_libreoffice_converts_the_deck_with_one_page_per_slide(default_pptx, libreoffice, tmp_path):
    assert_clients_accept(default_pptx, tmp_path)


NOTES_EXPORT = (
    'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
    '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}'
)


@pytest.mark.slow
def test_printed_notes_pages_hold_their_notes(default_pptx, libreoffice, tmp_path):
    """Notes pages through LibreOffice: one per slide, a 16:9 slide image, the notes inside their box."""
    pdf = convert_with_libreoffice(default_pptx, NOTES_EXPORT, tmp_path)
    pages = pdf_words(pdf)
    assert len(pages) == len(open_deck(default_pptx).slides)
    notes_bottom = (4.15 + 5.15) * 72  # the built-in notes master's body box, in points
    for number, (_, _, words) in enumerate(pages, start=1):
        below = [text for _, _, _, y1, text in words if y1 > notes_bottom + 2 and not text.isdigit()]
        assert below == [], f"notes page {number} runs past its box: {below[:8]}"
    with zipfile.ZipFile(default_pptx) as package:
        presentation = package.read("ppt/presentation.xml").decode()
    assert "<p:notesMasterIdLst><p:notesMasterId r:id=" in presentation


def test_public_decks_carry_no_notes_master(talk, tmp_path):
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx", "--public").exit_code == 0
    with zipfile.ZipFile(out / "small-talk.pptx") as package:
        names = package.namelist()
        presentation = package.read("ppt/presentation.xml").decode()
    assert not any("notesMaster" in n or "notesSlide" in n for n in names)
    assert "notesMasterIdLst" not in presentation


def test_document_properties_say_only_what_the_talk_says(default_pptx):
    with zipfile.ZipFile(default_pptx) as package:
        core = package.read("docProps/core.xml").decode()
        app = package.read("docProps/app.xml").decode()
    assert "lastPrinted" not in core and "lastModifiedBy" not in core and "description" not in core
    assert "<dc:title>Love as Medicine</dc:title>" in core
    assert "<PresentationFormat>Widescreen</PresentationFormat>" in app
