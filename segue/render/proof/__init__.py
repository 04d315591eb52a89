"""The proof: `<slug>-proof.html`, the deck as the audience will see it.

Made from the deck PDF's bytes (the one LibreOffice conversion of the build
serves both): every page read back and compared with the arranged deck
(`look`), each problem a warning at the slide's markdown line, and a page to
look at (`page`): every slide as a picture with its problems outlined on it
and listed beside it, the speaker notes under it. It holds the notes, so it
is private: a public build makes none and the bundle never takes it.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.render import RenderOptions
from segue.talk.model import Talk
from segue.talk.plan import Plan

MADE_FROM = "deck-pdf"


def reads(talk: Talk, plan: Plan, options: RenderOptions) -> tuple:
    """What the deck PDF reads (the deck, the converter, the fonts), and the titles
    and sources the page names."""
    from segue.render import deckpdf

    sources = [(p.number, p.slide.source if p.slide is not None else None) for p in plan.slides]
    return (deckpdf.reads(talk, plan, options), options.public, sources)


def render(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, made_from: bytes | None = None) -> dict[str, bytes]:
    if options.public or made_from is None:  # private; or the deck PDF failed and said why
        return {}
    from segue.render.proof.report import make_proof

    return make_proof(talk, plan, options, report, made_from)
