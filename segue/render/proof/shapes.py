"""The shapes of an arranged slide as the written slide lists them, and which of a
rendered page's structure elements each one is.

The writer puts a slide's shapes in a known order: what is sent behind
everything first, then the layout's placeholders, then the shapes the
arrangement added. LibreOffice tags the shapes in that order, one structure
element each; each element is paired with a shape of the same kind (text,
table, picture) whose text or alt text it carries, keeping the order, so a
shape LibreOffice did not tag (an empty panel) is passed over rather than
shifting the others.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from segue.render.pptx.arranged import (
    ArrangedSlide,
    ChartBox,
    CodeBox,
    FooterField,
    Item,
    OffSlideTitle,
    PictureBox,
    PlaceholderText,
    RectShape,
    TableBox,
    TextBox,
    TextFrame,
)
from segue.render.pptx.geometry import EMU_PER_POINT, Rect, Stage
from segue.render.proof.pages import Page

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Shape:
    name: str  # how a presenter calls it: "the title", "the footnotes", "the picture 'Two paths'"
    kind: str  # "text" | "table" | "figure"
    box: Box  # where the arrangement put it, in points
    text: str  # what it says, or its alt text
    small: frozenset[str] = frozenset()  # text set small by design: super- and subscripts
    furniture: bool = False  # the look's own, on every slide (footer, slide number, logo, progress bar)
    backdrop: bool = False  # made to be under text: a panel, a background picture
    hidden: bool = False  # kept off the slide on purpose (a blank slide's title, for screen readers)
    sizes: tuple[float, ...] = ()  # the type sizes the arrangement wrote (empty: left to the template)
    shape_id: int = 0  # the id the written slide gives it (what a click reveals names)


def points(rect: Rect) -> Box:
    return (rect.left / EMU_PER_POINT, rect.top / EMU_PER_POINT, rect.right / EMU_PER_POINT, rect.bottom / EMU_PER_POINT)


def _small(frame: TextFrame) -> frozenset[str]:
    return frozenset(
        span.text.strip() for para in frame.paras for span in para.spans if getattr(span, "script", None) and span.text.strip()
    )


def _sizes(frame: TextFrame) -> tuple[float, ...]:
    return tuple(para.size for para in frame.paras if para.size is not None and para.text.strip())


def shapes_of(slide: ArrangedSlide, stage: Stage) -> list[Shape]:
    """The slide's shapes in the order the written slide lists them."""
    layout = stage.layouts[slide.layout]
    by_position = {p.position: p for p in layout.placeholders}
    texts = {item.placeholder: item for item in slide.items if isinstance(item, PlaceholderText)}
    bodies = [p.position for p in layout.bodies]
    behind, placed = [], []
    for item in slide.items:
        if isinstance(item, PlaceholderText):
            continue
        shape = replace(_shape(item, slide, stage), shape_id=getattr(item, "shape_id", 0))
        (behind if getattr(item, "behind", False) else placed).append(shape)
    kept = []
    for position in slide.placeholders:
        item = texts.get(position)
        spec = by_position.get(position)
        if item is None or spec is None:
            continue
        box = points(item.box or spec.box)
        if spec.kind in ("title", "ctrTitle", "vertTitle"):
            name = "the title"
        elif slide.kind == "title":
            name = "the subtitle"
        elif slide.kind == "section":
            name = "the section's details"
        elif len([p for p in bodies if p in texts]) > 1:
            name = "the left column" if position == bodies[0] else "the right column"
        else:
            name = "the body text"
        kept.append(Shape(name, "text", box, item.frame.text, _small(item.frame), sizes=_sizes(item.frame), shape_id=spec.shape_id))
    return [*reversed(behind), *kept, *placed]


def _shape(item: Item, slide: ArrangedSlide, stage: Stage) -> Shape:
    if isinstance(item, TextBox):
        if item.name.startswith("Footnotes"):
            name = "the footnotes"
        elif item.name.startswith("QR address"):
            name = "the QR code's address"
        elif slide.layout == "quote":
            name = "the quote"
        elif slide.layout == "image":
            name = "the caption"
        else:
            name = "the text"
        return Shape(name, "text", points(item.box), item.frame.text, _small(item.frame), sizes=_sizes(item.frame))
    if isinstance(item, CodeBox):
        text = "\n".join("".join(run.text for run in line) for line in item.lines)
        return Shape("the code", "text", points(item.box), text, sizes=(item.size,))
    if isinstance(item, TableBox):
        text = "\n".join(para.text for row in item.cells for para in row)
        name = "the agenda" if slide.kind == "agenda" else "the table"
        return Shape(name, "table", points(item.box), text, sizes=tuple(p.size for row in item.cells for p in row if p.size))
    if isinstance(item, PictureBox):
        names = {"logo": "the logo", "qr": "the QR code", "background": "the background picture"}
        alt = item.alt if len(item.alt) <= 40 else item.alt[:38].rstrip() + "…"
        name = names.get(item.role, f"the picture {alt!r}" if alt else "the picture")
        return Shape(name, "figure", points(item.box), item.alt, furniture=item.role == "logo", backdrop=item.role == "background")
    if isinstance(item, ChartBox):
        return Shape("the chart", "figure", points(item.box), item.alt)
    if isinstance(item, RectShape):
        backdrop = item.behind
        furniture = item.name.startswith("Progress")
        name = {"Progress track": "the progress bar", "Progress": "the progress bar"}.get(item.name, f"the {item.name.lower()}")
        return Shape(name, "figure", points(item.box), item.description, furniture=furniture, backdrop=backdrop)
    if isinstance(item, FooterField):
        spec = stage.layouts[slide.layout].footers[item.footer]
        name = "the slide number" if item.kind == "sldNum" else "the footer"
        return Shape(name, "text", points(spec.box), item.text or str(item.number), furniture=True)
    if isinstance(item, OffSlideTitle):
        return Shape("the title", "text", points(item.box), item.frame.text, hidden=True)
    raise TypeError(f"no shape for {type(item).__name__}")


def letters(text: str) -> str:
    """What a shape's text and the glyphs drawn for it share: letters and digits."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


KINDS = {"Table": "table", "Figure": "figure"}


def pairs(text: str) -> frozenset[str]:
    """The letter pairs of a text: what two texts share when one is the other, drawn."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else frozenset((text,))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice's coefficient of two sets of letter pairs: 1 for the same text, near 0 for unrelated ones."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def match_page(page: Page, shapes: list[Shape]) -> dict[int, Shape]:
    """The page's element index -> the shape it is, each element known by its type, alt
    text and the text it draws."""
    texts: dict[int, list[str]] = {}
    for run in page.runs:
        texts.setdefault(run.element, []).append(run.text)
    return match(shapes, [(e.kind, e.alt, "".join(texts.get(i, []))) for i, e in enumerate(page.elements)])


def match(shapes: list[Shape], elements: list[tuple[str, str, str]]) -> dict[int, Shape]:
    """Element index -> shape. `elements` are (structure type, alt text, text drawn)."""
    wanted = [pairs(letters(s.text)) for s in shapes]
    drawn = [pairs(letters(text)) for _, _, text in elements]

    def score(i: int, j: int) -> float | None:
        shape, (kind, alt, _) = shapes[i], elements[j]
        if KINDS.get(kind, "text") != shape.kind:
            return None
        if shape.kind == "figure":
            return 1.5 if alt.strip() == shape.text.strip() else 1.0
        similar = similarity(wanted[i], drawn[j])
        return 1.0 + similar if similar >= 0.4 else None

    rows, columns = len(shapes), len(elements)
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, columns + 1):
            here = max(best[i - 1][j], best[i][j - 1])
            pair = score(i - 1, j - 1)
            if pair is not None:
                here = max(here, best[i - 1][j - 1] + pair)
            best[i][j] = here
    paired: dict[int, Shape] = {}
    i, j = rows, columns
    while i and j:
        pair = score(i - 1, j - 1)
        if pair is not None and abs(best[i][j] - (best[i - 1][j - 1] + pair)) < 1e-9:
            paired[j - 1] = shapes[i - 1]
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return paired
