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
    from segue.render.deckpdf import export

    if options.public:
        return {}
    return export(talk, options, report, made_from, EXPORT, "notes-pages", "the notes pages need", f"{talk.slug}-notes-pages.pdf")
