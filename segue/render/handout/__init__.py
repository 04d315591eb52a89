"""The takeaway handout: `<slug>-handout.pdf`, set by Typst as tagged PDF/UA-1.

The handout holds no speaker notes at all, so the public build needs nothing
removed. Its two columns are balanced on their last page: a first layout
tells where each place a column may end landed, and the column break that
evens out the last page is asked for in the final layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from segue.diagnostics import Diagnostics
from segue.images import shared_cache
from segue.model import Talk
from segue.plan import Plan
from segue.render.handout.content import PICTURE_HEIGHT, STYLE, handout_data, page_for, with_fonts
from segue.render.pdf import DECK_TOML, Page, Pictures, Texts, finish_fonts, paper_for
from segue.render.pdf.typeset import TemplateError, compile_pdf, inputs, query
from segue.render.stamp import build_time

TEMPLATE = "handout.typ"
TRIES = 4  # column breaks tried, best first, before the columns are left as Typst set them


def check(talk: Talk, plan: Plan, options, report: Diagnostics) -> None:
    """What the handout would report, without setting it: characters no font can draw,
    links it cannot keep (`check` runs it; pictures are checked where they are read)."""
    texts = Texts()
    handout_data(talk, page_for(paper_for(talk, options)), texts, report, None)
    finish_fonts(texts, report, "handout")


def render(talk: Talk, plan: Plan, options, report: Diagnostics) -> dict[str, bytes]:
    page = page_for(paper_for(talk, options))
    pictures = Pictures(shared_cache(getattr(options, "cache_dir", None)), (page.column_width, PICTURE_HEIGHT))
    texts = Texts()
    data = handout_data(talk, page, texts, report, pictures)
    chain = finish_fonts(texts, report, "handout")
    if chain.missing:  # again, without what no font can draw (reported once, above)
        data = handout_data(talk, page, texts, Diagnostics(), pictures)
    data = with_fonts(data, chain)
    encoded = pictures.encoded()
    try:
        data["breaks"] = balanced_breaks(data, encoded, chain.system, page)
        pdf = compile_pdf(TEMPLATE, inputs(data, encoded), chain.system, build_time(talk), report, DECK_TOML, "handout")
    except TemplateError as failed:
        report.error(DECK_TOML.path, None, f"the handout could not be set (a fault of the build, please report it): {failed}")
        return {}
    return {f"{talk.slug}-handout.pdf": pdf}


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
