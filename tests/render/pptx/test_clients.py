"""Real clients must open the deck: the OOXML validator and LibreOffice."""

from __future__ import annotations

import zipfile

import pytest
from openxml_audit import validate_pptx
from pypdf import PdfReader

from tests.helpers import convert_with_libreoffice
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
    pdf = convert_with_libreoffice(default_pptx, "pdf", tmp_path)
    slides = len(open_deck(default_pptx).slides)
    assert len(PdfReader(str(pdf)).pages) == slides
