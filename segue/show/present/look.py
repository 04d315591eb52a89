"""The slides as HTML in the built-in look, for a screen without LibreOffice, and
speaker notes as HTML for the presenters' phones.

Made from the model, as every output is: titles, text, lists, quotes, code,
tables, formulas as one line of text, pictures (served prepared, without
their metadata) and the generated title, agenda and section slides. Every
string is escaped; links are shown as text and never followed (a screen is
no place to click away from the talk). What appears on a click carries the
click's step (`data-step`), the same steps the deck reveals them by.
"""

from __future__ import annotations

from html import escape

from segue.media.formulas import linear
from segue.talk import labels
from segue.talk.model import Inline, Talk
from segue.talk.model.blocks import (
    Block,
    CodeBlock,
    Columns,
    DefinitionList,
    Heading,
    LineBlock,
    ListBlock,
    MathBlock,
    Paragraph,
    Pause,
    Picture,
    Quote,
    Table,
)
from segue.talk.plan import Plan, PlannedSlide
from segue.render.pptx.text import PLAIN, Reveal



def inline_html(spans: Inline) -> str:
    out = []
    for span in spans:
        if span.math is not None:
            text = f'<span class="math">{escape(linear(span.math))}</span>'
        else:
            text = escape(span.text)
        if span.footnote is not None:
            text = f"<sup>{text}</sup>"
            out.append(text)
            continue
        if span.code:
            text = f"<code>{text}</code>"
        if span.bold:
            text = f"<strong>{text}</strong>"
        if span.italic:
            text = f"<em>{text}</em>"
        if span.strike:
            text = f"<s>{text}</s>"
        if span.script == "super":
            text = f"<sup>{text}</sup>"
        elif span.script == "sub":
            text = f"<sub>{text}</sub>"
        if span.href:
            text = f'<span class="link">{text}</span>'
        out.append(text)
    return "".join(out)


class Blocks:
    """Blocks as HTML; `pictures` numbers each picture the page may ask the server for."""

    def __init__(self, reveal: Reveal = PLAIN, pictures: dict | None = None, click: str | None = None) -> None:
        self.reveal = reveal
        self.pictures = pictures if pictures is not None else {}
        self.click = click  # notes: the word shown where a `. . .` click comes

    def _step(self, thing) -> str:
        step = self.reveal.step(thing)
        return f' data-step="{step}"' if step else ""

    def html(self, blocks: list[Block]) -> str:
        return "".join(self.block(block) for block in blocks)

    def block(self, block: Block) -> str:
        step = self._step(block)
        if isinstance(block, Paragraph):
            return f"<p{step}>{inline_html(block.inline)}</p>"
        if isinstance(block, Heading):
            level = min(6, block.level + 1)
            return f"<h{level}{step}>{inline_html(block.inline)}</h{level}>"
        if isinstance(block, ListBlock):
            return self.list(block)
        if isinstance(block, Quote):
            return f"<blockquote{step}>{self.html(block.blocks)}</blockquote>"
        if isinstance(block, CodeBlock):
            return f"<pre{step}><code>{escape(block.text)}</code></pre>"
        if isinstance(block, MathBlock):
            return f'<p class="math display"{step}>{escape(linear(block.formula))}</p>'
        if isinstance(block, LineBlock):
            lines = "<br>".join(inline_html(line) for line in block.lines)
            return f'<p class="lines"{step}>{lines}</p>'
        if isinstance(block, DefinitionList):
            items = "".join(
                f"<dt>{inline_html(item.term)}</dt>" + "".join(f"<dd>{self.html(d)}</dd>" for d in item.definitions)
                for item in block.items
            )
            return f"<dl{step}>{items}</dl>"
        if isinstance(block, Table):
            head = "".join(f"<th>{inline_html(cell)}</th>" for cell in block.header)
            rows = "".join("<tr>" + "".join(f"<td>{inline_html(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
            return f"<table{step}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        if isinstance(block, Picture):
            number = self.pictures.setdefault(block.asset.file, len(self.pictures))
            fit = "cover" if block.fit == "cover" else "contain"
            return f'<figure class="{fit}"{step}><img data-picture="{number}" alt="{escape(block.alt, quote=True)}"></figure>'
        if isinstance(block, Columns):
            return '<div class="columns">' + "".join(f"<div>{self.html(column)}</div>" for column in block.columns) + "</div>"
        if isinstance(block, Pause):
            return f'<p class="click">{escape(self.click)}</p>' if self.click else ""
        return ""  # writing lines belong to handout pages

    def list(self, block: ListBlock) -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = []
        for item in block.items:
            box = "" if item.checked is None else ("☑ " if item.checked else "☐ ")
            children = "".join(self.list(child) for child in item.children)
            task = ' class="task"' if item.checked is not None else ""
            items.append(f"<li{task}{self._step(item)}>{box}{inline_html(item.inline)}{children}</li>")
        return f"<{tag}{start}{self._step(block)}>{''.join(items)}</{tag}>"


def slide_html(talk: Talk, plan: Plan, planned: PlannedSlide, pictures: dict) -> str:
    """One slide, 960 × 540 CSS pixels (a point each), in the built-in look."""
    segment = plan.segment_of(planned).segment
    if planned.kind == "title":
        parts = [f"<h1>{escape(talk.title)}</h1>"]
        if talk.subtitle:
            parts.append(f'<p class="subtitle">{escape(talk.subtitle)}</p>')
        parts += [f'<p class="credit">{escape(credit)}</p>' for credit in labels.credits(talk)]
        when = labels.event_and_date(talk)
        if when:
            parts.append(f'<p class="event">{escape(when)}</p>')
        return _frame("title", "".join(parts))
    if planned.kind == "agenda":
        rows = "".join(
            f"<tr><td>{escape(labels.clock_range(talk, s.start, s.start + s.duration))}</td>"
            f"<td>{escape(s.segment.title)}</td><td>{escape(labels.lead(talk, s.segment))}</td></tr>"
            for s in plan.agenda_rows(planned)
        )
        return _frame("agenda", f"<h2>{escape(plan.title(planned))}</h2><table>{rows}</table>")
    if planned.kind == "section":
        detail = escape(labels.section_detail(talk, segment))
        return _frame("section", f"<h1>{escape(segment.title)}</h1><p>{detail}</p>")
    slide = planned.slide
    blocks = Blocks(Reveal(slide), pictures)
    title = "" if slide.layout == "blank" else f"<h2>{inline_html(slide.title)}</h2>"
    body = "" if slide.layout == "title-only" else f'<div class="body">{blocks.html(slide.body)}</div>'
    footer = f'<footer><span>{escape(talk.title)}</span><span>{planned.number}</span></footer>'
    return _frame(f"content {slide.layout}", title + body + footer)


def _frame(kind: str, inner: str) -> str:
    return f'<div class="slide {kind}">{inner}</div>'


def notes_html(talk: Talk, blocks: list[Block]) -> str:
    """A presenter's own lines in full, with a `▸ click` (in the talk's language) where the slide takes a click."""
    return Blocks(click=labels.click(talk)).html(blocks)
