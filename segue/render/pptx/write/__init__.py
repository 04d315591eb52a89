"""Write: an arranged deck serialised with python-pptx, and the OOXML it has no API for.

The only code of the build that touches python-pptx and lxml: the built-in
look cut from python-pptx's default template (`builtin`), opening a
designer's template and describing what it offers (`template`), the slides
(`deck`), paragraphs and runs (`runs`), package bookkeeping in constant time
(`package`), OOXML without a python-pptx API (`oxml`), and every use of
python-pptx's private API, in one place (`internals`).
"""

from __future__ import annotations

from segue.media.pictures import ImageCache
from segue.render.pptx.arranged import ArrangedDeck
from segue.render.pptx.write.deck import DeckWriter
from segue.render.pptx.write.template import Opened, open_template


def write_deck(opened: Opened, deck: ArrangedDeck, images: ImageCache, progress=None) -> bytes:
    """The .pptx bytes of `deck`, written into the opened presentation."""
    return DeckWriter(opened, images, progress).write(deck)


__all__ = ["Opened", "open_template", "write_deck"]
