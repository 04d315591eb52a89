"""The notes pages: `<slug>-notes-pages.pdf`, the deck as PowerPoint prints Notes
Pages (each slide's picture above its speaker notes), made by LibreOffice from
the built deck. Only on request (`--only notes-pages`): a second conversion.
It holds the notes, so it is private: a public build makes none.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.render import RenderOptions
from segue.talk.model import Talk
from segue.talk.plan import Plan

MADE_FROM = "pptx"
EXPORT = (
    'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
    '"ExportOnlyNotesPages":{"type":"boolean","value":"true"},"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)


def reads(talk: Talk, plan: Plan, options: RenderOptions) -> tuple:
    from segue.render import deckpdf

    return (deckpdf.reads(talk, plan, options), EXPORT)


def render(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, made_from: bytes | None = None) -> dict[str, bytes]:
    from segue.render.deckpdf import INSTALL_HINT, converted, find_soffice, fixed_dates

    if options.public:
        return {}
    soffice = find_soffice()
    if soffice is None:
        report.error("notes-pages", None, f"the notes pages need LibreOffice, which was not found: {INSTALL_HINT}")
        return {}
    if made_from is None:  # the deck failed, and said why
        return {}
    pdf = converted(soffice, made_from, EXPORT, options, report)
    return {} if pdf is None else {f"{talk.slug}-notes-pages.pdf": fixed_dates(pdf, talk)}
