"""The deck as a PDF, made by LibreOffice: one page per slide, never the notes,
the same bytes for the same talk, and a clear error without LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.helpers import cli, run_build_py
from tests.render.pdfreader import catalog_facts, structure
from tests.build.test_outputs import CANARY_NOTE, everything_in, talk_with_canaries  # noqa: F401 (a fixture)


@pytest.mark.slow
def test_the_deck_pdf_has_a_page_per_slide_and_no_notes(talk_with_canaries, tmp_path, with_libreoffice):
    out = tmp_path / "out"
    result = cli("build", talk_with_canaries, "--out", out, "--only", "pptx,deck-pdf")
    assert result.exit_code == 0, result.output
    from pptx import Presentation

    slides = len(Presentation(str(out / "small-talk.pptx")).slides)
    pdf = out / "small-talk-deck.pdf"
    assert len(PdfReader(pdf).pages) == slides
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "First slide" in text and "A Small Talk" in text
    assert CANARY_NOTE not in text and CANARY_NOTE.encode() not in everything_in(pdf)
    # Tagged and PDF/UA-identified, in the talk's language (LibreOffice would write its own,
    # en-US) and with its title; the XMP kept, its dates the build's (the talk's date).
    facts = catalog_facts(pdf)
    assert facts == {"lang": "en", "title": "A Small Talk", "marked": True, "display_title": True, "pdfua_part": "1"}
    tags = structure(pdf)
    assert tags and "H" in {tag.role for tag in tags} and any("First slide" in tag.text for tag in tags)
    with pikepdf.open(pdf) as document:
        xmp = document.open_metadata()
        assert xmp["xmp:CreateDate"].startswith("2027-04-18") and "xmpMM:InstanceID" not in xmp
        assert str(document.docinfo["/CreationDate"]).startswith("D:20270418")
    # Same talk, same bytes.
    again = tmp_path / "again"
    assert cli("build", talk_with_canaries, "--out", again, "--only", "deck-pdf").exit_code == 0
    assert (again / "small-talk-deck.pdf").read_bytes() == pdf.read_bytes()


@pytest.mark.slow
def test_a_full_build_makes_the_deck_pdf_where_libreoffice_is(talk, tmp_path, with_libreoffice):
    result = cli("build", talk, "--out", tmp_path / "out", "--public")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "small-talk-deck.pdf").is_file()


def test_without_libreoffice_asking_for_the_deck_pdf_is_an_error(talk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOFFICE", "")
    result = cli("build", talk, "--out", tmp_path / "out", "--only", "deck-pdf")
    assert result.exit_code == 1
    assert "deck-pdf: error: the deck PDF needs LibreOffice, which was not found: install LibreOffice Impress" in result.output
    assert "apt install libreoffice-impress" in result.output
    full = cli("build", talk, "--out", tmp_path / "full")
    assert full.exit_code == 0 and not (tmp_path / "full" / "small-talk-deck.pdf").exists()


def test_a_missing_program_named_in_soffice_is_an_error(talk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOFFICE", str(tmp_path / "no-such-soffice"))
    result = run_build_py("build", talk, "--out", tmp_path / "out", "--only", "deck-pdf")
    assert result.returncode == 1
    assert "the deck PDF needs LibreOffice" in result.stderr + result.stdout
