"""What every deck must pass, whichever template made it: the OOXML validator,
the reference walk, and LibreOffice converting it with one page per slide
and no text off the page."""

from __future__ import annotations

from pathlib import Path

from openxml_audit import validate_pptx
from pypdf import PdfReader

from tests.helpers import convert_with_libreoffice, words_outside_their_page
from tests.render.pptx.deckreader import open_deck
from tests.render.pptx.references import unresolved_references


def assert_clients_accept(pptx: Path, out: Path) -> None:
    result = validate_pptx(str(pptx))
    assert result.is_valid, [e.description for e in result.errors][:10]
    assert unresolved_references(pptx.read_bytes()) == []
    out.mkdir(parents=True, exist_ok=True)
    pdf = convert_with_libreoffice(pptx, "pdf", out)
    assert len(PdfReader(str(pdf)).pages) == len(open_deck(pptx).slides)
    assert words_outside_their_page(pdf) == []
