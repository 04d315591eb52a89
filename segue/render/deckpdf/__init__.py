"""The deck as a PDF, for a laptop without PowerPoint: the built deck converted by
LibreOffice Impress, headless, in a throwaway profile that has the packaged
fonts, with a time limit (`libreoffice`).

The PDF is tagged and claims PDF/UA-1, as LibreOffice's export makes it: each
shape of a slide is a structure element (titles as headings, pictures with
their alt text), which screen readers use, and which the proof uses to know
which shape drew each glyph. Afterwards (`finish`) it gets the talk's language
and title, and LibreOffice's conversion time and random identifier are replaced
(the build's date, an identifier derived from the content), in the document
information and in the XMP metadata alike, so the same talk gives the same
bytes. Slides only: a public build's deck has no notes to begin with.
"""

from __future__ import annotations

import io

from segue.diagnostics import Diagnostics
from segue.talk.model import Talk
from segue.talk.plan import Plan
from segue.render import RenderOptions
from segue.render.stamp import build_time
from segue.render.deckpdf.libreoffice import INSTALL_HINT, ConversionFailed, convert, find_soffice, identity

# Tagged, so each shape is a structure element, and PDF/UA: the XMP metadata claims
# it and carries the title; notes pages are another output.
EXPORT = (
    'pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)


def available() -> bool:
    return find_soffice() is not None


# Made from the deck's bytes: the build hands over the deck it made (or, when the
# deck is unchanged, the one it published), so the deck is never made twice.
MADE_FROM = "pptx"


def reads(talk: Talk, plan: Plan, options: RenderOptions) -> tuple:
    """What the deck reads, and the converter: a LibreOffice upgrade changes the PDF."""
    from segue.render import pptx

    return (pptx.reads(talk, plan, options), identity(find_soffice()), fonts_read())


def fonts_read() -> tuple:
    """The fonts LibreOffice can use: the packaged ones the profile gets and the
    machine's (installing Carlito changes the PDF)."""
    from segue.render.deckpdf.fonts import faces, profile_files

    return (tuple(file.name for file in profile_files()), tuple(sorted(faces())))


def render(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, made_from: bytes | None = None) -> dict[str, bytes]:
    return export(talk, options, report, made_from, EXPORT, "deck-pdf", "the deck PDF needs", f"{talk.slug}-deck.pdf")


def export(
    talk: Talk, options: RenderOptions, report: Diagnostics, deck: bytes | None, target: str, output: str, needs: str, file: str
) -> dict[str, bytes]:
    """The deck converted by LibreOffice to `target` as `file`, its dates fixed; an
    error naming what to install when LibreOffice is missing (`needs`: "the deck PDF needs")."""
    soffice = find_soffice()
    if soffice is None:
        report.error(output, None, f"{needs} LibreOffice, which was not found: {INSTALL_HINT}")
        return {}
    if deck is None:  # the deck failed, and said why
        return {}
    try:
        pdf = convert(soffice, deck, ".pptx", target, options.cancel)
    except ConversionFailed as failed:
        report.error(output, None, str(failed))
        return {}
    return {file: finish(pdf, talk)}


# XMP properties that name a moment of the conversion or a random identity.
_XMP_DATES = ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate")
_XMP_IDENTITIES = ("xmpMM:DocumentID", "xmpMM:InstanceID", "xmpMM:VersionID")


def finish(pdf: bytes, talk: Talk) -> bytes:
    """LibreOffice's PDF made the talk's own and the same for the same talk: the build's
    date for the conversion's (document information and XMP), no random identifier, an
    identifier derived from the content; the talk's language (`/Lang`), its title
    (information, `dc:title`) shown as the window's title."""
    import pikepdf

    when = build_time(talk)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        info = document.docinfo
        for key in ("/CreationDate", "/ModDate"):
            info[key] = pikepdf.String(when.strftime("D:%Y%m%d%H%M%SZ"))
        info["/Title"] = pikepdf.String(talk.title)
        if "/Metadata" in document.Root:
            # The XMP copy is kept (it carries the PDF/UA claim and dc:title), its dates fixed.
            with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
                for key in _XMP_DATES:
                    if key in xmp:
                        xmp[key] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
                for key in _XMP_IDENTITIES:
                    if key in xmp:
                        del xmp[key]
                xmp["dc:title"] = talk.title
        document.Root.Lang = pikepdf.String(talk.lang)
        preferences = document.Root.get("/ViewerPreferences")
        if not isinstance(preferences, pikepdf.Dictionary):
            document.Root.ViewerPreferences = preferences = pikepdf.Dictionary()
        preferences.DisplayDocTitle = True
        for key in ("/DocChecksum", "/ID"):  # LibreOffice's checksum and random identifier
            if key in document.trailer:
                del document.trailer[key]
        out = io.BytesIO()
        document.save(out, deterministic_id=True, compress_streams=True, linearize=False)
    return out.getvalue()
