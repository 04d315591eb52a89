"""The PowerPoint renderer: `<slug>.pptx` from the talk and its time plan.

Two steps, as pandoc's PowerPoint writer has them: `arrange` lays the plan
out on the slides the template offers (every layout decision, pure values),
then `write` serialises that (python-pptx and OOXML, no decisions).
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.images import ImageProblem, report_picture_problem, shared_cache
from segue.model import Talk
from segue.plan import Plan
from segue.render.pptx.accessibility import check_accessibility
from segue.render.pptx.arrange import arrange
from segue.render.pptx.arranged import ArrangedDeck
from segue.render.pptx.write import open_template, write_deck
from segue.render.stamp import build_time


def arrange_talk(
    talk: Talk, plan: Plan, report: Diagnostics, public: bool = False, auto_advance: bool = False, slide_timings: bool = True
):
    """The opened template and the arranged deck, or None when the template cannot serve.

    Writes nothing: `check` runs it to find what a build would find.
    """
    opened = open_template(talk.theme, report)
    if opened is None:
        return None
    when = build_time(talk).replace(tzinfo=None)
    deck = arrange(
        talk, plan, opened.stage, report, public=public, auto_advance=auto_advance, slide_timings=slide_timings, when=when
    )
    check_accessibility(talk, plan, deck, opened.stage, report)
    return opened, deck


def render(talk: Talk, plan: Plan, options, report: Diagnostics) -> dict[str, bytes]:
    arranged = arrange_talk(
        talk,
        plan,
        report,
        public=options.public,
        auto_advance=options.auto_advance,
        slide_timings=getattr(options, "slide_timings", True),
    )
    if arranged is None:
        return {}
    opened, deck = arranged
    images = shared_cache(getattr(options, "cache_dir", None))
    try:
        data = write_deck(opened, deck, images, progress=getattr(options, "progress", None))
    except ImageProblem as problem:  # a picture removed or changed after it was checked
        report_picture_problem(talk, problem, report)
        return {}
    return {f"{talk.slug}.pptx": data}


__all__ = ["ArrangedDeck", "arrange_talk", "render"]
