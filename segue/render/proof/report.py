"""What the proof found, as diagnostics at the slides' markdown lines, and its page.

A problem of a template's footer, slide number or logo repeats on every
slide that carries it: it is reported once, at the template's line in
deck.toml, naming the slides. A font the deck PDF could not use is reported once, where
it is named (`font =`, else the template).
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.render import RenderOptions
from segue.render.proof.look import Look, look
from segue.render.proof.page import proof_page
from segue.talk.model import Source, Talk
from segue.talk.plan import Plan

DECK_TOML = Source("deck/deck.toml")


def make_proof(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, deck_pdf: bytes) -> dict[str, bytes]:
    from segue.render.pptx.deck import arrange_talk

    arranged = arrange_talk(
        talk, plan, Diagnostics(), public=False, auto_advance=options.auto_advance, slide_timings=options.slide_timings
    )
    if arranged is None:  # the template failed; the deck said why
        return {}
    opened, deck = arranged
    found = look(deck_pdf, deck, opened.stage)
    places = report_look(talk, plan, found, report)
    return {f"{talk.slug}-proof.html": proof_page(talk, plan, deck, found, places)}


def slide_source(plan: Plan, number: int) -> Source:
    planned = plan.slides[number - 1]
    return planned.slide.source if planned.slide is not None else plan.segment_of(planned).segment.source


def theme_source(talk: Talk, key: str | None = None) -> Source:
    sources = talk.theme.sources
    return (key and sources.get(key)) or sources.get("template") or DECK_TOML


def ranges(numbers: list[int]) -> str:
    """`4–7, 9`: slide numbers as runs."""
    parts, start = [], None
    numbers = sorted(set(numbers))
    for index, number in enumerate(numbers):
        if start is None:
            start = number
        if index + 1 == len(numbers) or numbers[index + 1] != number + 1:
            parts.append(f"{start}" if start == number else f"{start}–{number}")
            start = None
    return ", ".join(parts)


def report_look(talk: Talk, plan: Plan, found: Look, report: Diagnostics) -> dict[tuple[int, int], str]:
    """Report every problem; returns where each (slide, problem index) was reported (`path:line`)."""
    places: dict[tuple[int, int], str] = {}
    furniture: dict[str, list[tuple[int, int]]] = {}  # what is wrong -> (slide, problem index) where
    for slide in found.slides:
        for index, problem in enumerate(slide.problems):
            if problem.furniture and talk.theme.template is not None:  # the template's, on every slide
                furniture.setdefault(problem.text, []).append((slide.number, index))
                continue
            source = slide_source(plan, slide.number)
            report.warning(source.path, source.line, f"slide {slide.number}: {problem.text}")
            places[(slide.number, index)] = _where(source)
    where = theme_source(talk)
    for text, seen in furniture.items():
        numbers = [number for number, _ in seen]
        label = f"slide {numbers[0]}" if len(numbers) == 1 else f"slides {ranges(numbers)}"
        report.warning(where.path, where.line, f"{label}: {text}")
        for key in seen:
            places[key] = _where(where)
    for problem in found.fonts:
        source = theme_source(talk, "font") if problem.font == talk.theme.font else theme_source(talk)
        report.warning(source.path, source.line, problem.message)
    return places


def _where(source: Source) -> str:
    return source.path if source.line is None else f"{source.path}:{source.line}"
