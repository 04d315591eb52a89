"""The slides as pictures for a live talk, click by click: made from the deck PDF
LibreOffice draws, as the proof and the scripts' slide pictures are.

The deck PDF comes from a build into the talk's `dist/` (so a deck PDF
already made for this talk is used as it is, and a new one stays there),
then every slide is drawn once per click (`render.deckpdf.clicks`), large for
the screen and small for the phones. This takes seconds, so it runs beside
the server: the pages show the slides' text until the pictures are ready.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from segue.talk.model import Talk
from segue.render.pptx.arranged import ArrangedDeck
from segue.render.pptx.geometry import Stage

LARGE = 1920  # pixels across: a projector's full HD
SMALL = 720  # a phone's slide, a third of the screen's width at three pixels a point


@dataclass
class SlidePictures:
    """Pictures of each slide at each click, once drawn; `note` says why there are none."""

    large: list[list[bytes]] = field(default_factory=list)
    small: list[list[bytes]] = field(default_factory=list)
    note: str = "drawing the slides"
    ready: bool = False

    def get(self, slide: int, click: int, small: bool) -> bytes | None:
        """The picture of slide `slide` (1-based) after `click` clicks; the last one drawn
        for a click past them."""
        pictures = self.small if small else self.large
        if not self.ready or not 1 <= slide <= len(pictures) or click < 0:
            return None
        clicks = pictures[slide - 1]
        return clicks[min(click, len(clicks) - 1)]


def draw(root: Path, out: Path, talk: Talk, deck: ArrangedDeck, stage: Stage, cancel: threading.Event) -> SlidePictures:
    """The deck PDF built (or found unchanged) in `out`, drawn click by click."""
    from segue.build import pipeline
    from segue.build.manifest import Manifest
    from segue.render.deckpdf import INSTALL_HINT, available
    from segue.render.deckpdf.clicks import click_pictures

    if not available():
        return SlidePictures(note=f"the slides' text (for pictures of the slides, {INSTALL_HINT})")
    options = pipeline.BuildOptions(only=("deck-pdf",), cache_dir=out / ".cache", cancel=cancel)
    result = pipeline.build(root, out, options, Manifest(out))
    if result.failed():
        problems = [str(d) for d in (*result.read_report.items, *result.render_report.items)]
        reason = result.write_error or "; ".join(problems[-1:]) or "the deck PDF was not made"
        return SlidePictures(note=f"the slides' text (the deck PDF failed: {reason})")
    large = click_pictures((out / f"{talk.slug}-deck.pdf").read_bytes(), deck, stage, LARGE)
    small = [[_smaller(picture) for picture in clicks] for clicks in large]
    return SlidePictures(large, small, f"pictures of the slides, from {out / f'{talk.slug}-deck.pdf'}", True)


def _smaller(jpeg: bytes) -> bytes:
    image = Image.open(io.BytesIO(jpeg))
    image = image.resize((SMALL, round(image.height * SMALL / image.width)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()
