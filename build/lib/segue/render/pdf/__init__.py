"""What the printed outputs share: fpdf2 with the embedded font, inline text,
blocks, ruled writing lines, footers and reproducible bytes.

The handout (`segue.render.handout`) and the presenter scripts
(`segue.render.scripts`) are built on it; neither draws text any other way.
"""

from __future__ import annotations

from segue.model import Talk
from segue.render.pdf.document import Document, Margins
from segue.render.stamp import build_time


def paper_for(talk: Talk, options) -> str:
    """`--paper` when given, else `[handout] paper` from deck.toml."""
    paper = getattr(options, "paper", None) or talk.handout.paper
    return paper if paper in ("letter", "a4") else "letter"


def new_document(talk: Talk, paper: str, margins: Margins, title: str, footer: str) -> Document:
    """A document dated from the sources, so the same talk gives the same bytes."""
    return Document(paper, margins, title=title, footer=footer, created=build_time(talk))


def to_bytes(doc: Document) -> bytes:
    # fpdf2 derives the file /ID from the content and the creation date: no randomness.
    return bytes(doc.output())
