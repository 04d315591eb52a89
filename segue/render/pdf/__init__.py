"""What the printed outputs share: Typst templates fed with the talk as data,
the font chain, print colours, the page and reproducible, tagged PDF/UA-1 bytes.

The handout (`segue.render.handout`) and the presenter scripts
(`segue.render.scripts`) each build a JSON document from the model with
`data.DataBuilder` and set it with their template through `typeset`;
neither draws text any other way.
"""

from __future__ import annotations

from dataclasses import dataclass

from segue.diagnostics import Diagnostics
from segue.talk.model import Source, Talk
from segue.render.pdf import fonts, ink
from segue.render.pdf.data import Pictures, Texts, language
from segue.render import RenderOptions
from segue.render.stamp import build_time

PAPERS = {"letter": ("us-letter", 612.0, 792.0), "a4": ("a4", 595.28, 841.89)}
FOOTER_SIZE = 8.5
DECK_TOML = Source("deck/deck.toml")


def paper_for(talk: Talk, options: RenderOptions) -> str:
    """`--paper` when given, else `[handout] paper` from deck.toml."""
    paper = options.paper or talk.handout.paper
    return paper if paper in PAPERS else "letter"


@dataclass(frozen=True)
class Margins:
    left: float
    top: float
    right: float
    bottom: float  # from the page's bottom edge to the lowest line of text


@dataclass(frozen=True)
class Page:
    paper: str
    margins: Margins
    gutter: float = 0.0  # between columns, where there are columns
    columns: int = 1

    @property
    def size(self) -> tuple[float, float]:
        _, width, height = PAPERS[self.paper]
        return width, height

    @property
    def text_width(self) -> float:
        return self.size[0] - self.margins.left - self.margins.right

    @property
    def text_height(self) -> float:
        return self.size[1] - self.margins.top - self.margins.bottom

    @property
    def column_width(self) -> float:
        return (self.text_width - self.gutter * (self.columns - 1)) / self.columns

    def as_data(self) -> dict:
        m = self.margins
        return {
            "paper": PAPERS[self.paper][0],
            "margins": {"left": m.left, "top": m.top, "right": m.right, "bottom": m.bottom},
            "gutter": self.gutter,
            "text_width": self.text_width,
            "text_height": self.text_height,
            "footer_descent": m.bottom * 0.3,
        }


def colors(talk: Talk) -> dict[str, str]:
    return {
        "text": ink.hex_of(ink.TEXT),
        "secondary": ink.hex_of(ink.SECONDARY),
        "cue": ink.hex_of(ink.CUE),
        "rule": ink.hex_of(ink.RULE),
        "write": ink.hex_of(ink.WRITE_RULE),
        "accent": ink.hex_of(ink.print_accent(talk.theme.accent)),
    }


def text_style(size: float, leading: float, **more) -> dict:
    return {"size": size, "leading": leading, **more}


def finish_fonts(texts: Texts, report: Diagnostics, output: str) -> fonts.Chain:
    """The font chain for every character the document holds; what no font can
    draw is reported and, from then on, left out by `texts`."""
    chain = fonts.chain_for(texts.chars)
    if chain.missing:
        texts.report_missing(chain.missing, report, output)
        texts.drop = chain.missing
    return chain


def font_data(chain: fonts.Chain) -> dict:
    return {"fonts": list(chain.families), "code_fonts": [fonts.CODE_FAMILY, *chain.families]}


__all__ = [
    "DECK_TOML",
    "FOOTER_SIZE",
    "Margins",
    "Page",
    "Pictures",
    "Texts",
    "build_time",
    "colors",
    "finish_fonts",
    "font_data",
    "language",
    "paper_for",
    "text_style",
]
