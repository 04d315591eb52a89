"""The handout set: one pass over the model for its data (what `check`
reports comes from the same pass), then Typst, with the two columns balanced
on their last page: a first layout tells where each place a column may end
landed, and the column break that evens out the last page is asked for in
the final layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from segue.diagnostics import Diagnostics
from segue.media.pictures import shared_cache
from segue.talk.model import Talk
from segue.render.handout.content import PICTURE_HEIGHT, STYLE, handout_data, page_for, with_fonts
from segue.render.pdf import DECK_TOML, Page, Pictures, Texts, finish_fonts, paper_for
from segue.render.pdf.typeset import TemplateError, compile_pdf, inputs, query
from segue.render import RenderOptions
from segue.render.pdf.fonts import Chain
from segue.render.stamp import build_time

TEMPLATE = "handout.typ"
TRIES = 4  # column breaks tried, best first, before the columns are left as Typst set them


def data_pass(talk: Talk, page: Page, report: Diagnostics, pictures: Pictures | None) -> tuple[dict, Chain]:
    """The handout as template data and its font chain: what no font can draw and
    links it cannot keep are reported here, once, for `check` and `render` alike
    (without `pictures`, as `check` runs it, pictures are only named)."""
    texts = Texts()
    data = handout_data(talk, page, texts, report, pictures)
    chain = finish_fonts(texts, report, "handout")
    if chain.missing:  # again, without what no font can draw (reported once, above)
        data = handout_data(talk, page, texts, Diagnostics(), pictures)
    return with_fonts(data, chain), chain


def make_handout(talk: Talk, options: RenderOptions, report: Diagnostics) -> bytes | None:
    page = page_for(paper_for(talk, options))
    pictures = Pictures(shared_cache(options.cache_dir), (page.column_width, PICTURE_HEIGHT))
    data, chain = data_pass(talk, page, report, pictures)
    encoded = pictures.encoded()
    try:
        data["breaks"] = balanced_breaks(data, encoded, chain.system, page)
        pdf = compile_pdf(TEMPLATE, inputs(data, encoded), chain.system, build_time(talk), report, DECK_TOML, "handout")
    except TemplateError as failed:
        report.error(DECK_TOML.path, None, f"the handout could not be set (a fault of the build, please report it): {failed}")
        return None
    return pdf


@dataclass(frozen=True)
class Mark:
    id: int | str
    page: int
    x: float
    y: float


def _marks(data: dict, pictures: dict[str, str], system: bool) -> list[Mark]:
    found = query(TEMPLATE, inputs(data, pictures), system, "column-mark")
    return [Mark(m["id"], m["page"], m["x"], m["y"]) for m in found]


def balanced_breaks(data: dict, pictures: dict[str, str], system: bool, page: Page) -> list[int]:
    """Where to end the first column of the last page so both columns end about level."""
    if not data["flow"]:
        return []
    marks = _marks(data, pictures, system)
    plan = BalancePlan.of(marks, page, _kept(data["flow"]))
    if plan is None:
        return []
    for candidate in plan.candidates()[:TRIES]:
        trial = dict(data, breaks=[candidate])
        end = next((m for m in _marks(trial, pictures, system) if m.id == "end"), None)
        if end is not None and end.page == plan.last_page:
            return [candidate]
    return []


def _kept(blocks: list[dict]) -> set[int]:
    """Marks where a column must not end: right after a block that stays with the next."""
    kept: set[int] = set()
    for block in blocks:
        if block.get("keep"):
            kept.add(block["mark"])
    return kept


@dataclass
class BalancePlan:
    """The last page of the columns as a first layout left it."""

    last_page: int
    top: float  # where the columns start on that page
    column_one: float  # the height of text in each column there
    column_two: float
    room: float  # the height a column can hold there
    places: list[Mark]  # where the first column may end on that page

    @classmethod
    def of(cls, marks: list[Mark], page: Page, kept: set[int]) -> "BalancePlan | None":
        end = next((m for m in marks if m.id == "end"), None)
        numbered = [m for m in marks if m.id != "end"]
        if end is None or not numbered:
            return None
        second_column = page.margins.left + page.column_width + page.gutter / 2
        on_last = [m for m in numbered if m.page == end.page]
        earlier = any(m.page < end.page for m in numbered)
        top = page.margins.top if earlier else numbered[0].y
        bottom = page.margins.top + page.text_height
        if end.x >= second_column:
            column_one, column_two = bottom - top, end.y - top
        else:
            column_one, column_two = end.y - top, 0.0
        first_column = [m for m in on_last if m.x < second_column and m.y > top + 1 and m.id not in kept]
        return cls(end.page, top, column_one, column_two, bottom - top, first_column)

    def candidates(self) -> list[int]:
        """Column breaks that make the taller column shorter by more than a line, best first."""
        total = self.column_one + self.column_two
        now = max(self.column_one, self.column_two)
        line = STYLE["body"]["leading"]
        scored = []
        for mark in self.places:
            first = mark.y - self.top
            second = total - first
            if second > self.room:
                continue
            taller = max(first, second)
            if taller < now - line:
                # Evenly split first; on a tie the first column is the longer one, as a reader expects.
                scored.append((taller, first < second, mark.id))
        return [mark_id for _, _, mark_id in sorted(scored)]
