"""The deck made: the template opened, the plan arranged on it, the arrangement written."""

from __future__ import annotations

import hashlib

from segue.diagnostics import Diagnostics
from segue.media.pictures import ImageProblem, report_picture_problem, shared_cache
from segue.talk.model import Talk
from segue.talk.plan import Plan
from segue.render.pptx.accessibility import check_accessibility
from segue.render.pptx.backdrops import check_backdrops
from segue.render.pptx.arrange import arrange
from segue.render.pptx.arrange.tables import agenda_fits_on
from segue.render.pptx.write import open_template, write_deck
from segue.render import RenderOptions
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
    check_backdrops(plan, deck, opened.stage, report)
    return opened, deck


_AGENDA_MEASURES: dict[tuple, object] = {}  # by theme and the template's bytes: a watch session opens it once


def agenda_measure(theme):
    """Whether rows fit the template's agenda table at 18 pt (see `render.pptx.agenda_fits`)."""
    from segue.sources import SourceProblem, read_file

    try:
        key = (repr(theme), hashlib.sha256(read_file(theme.template.file)).digest())  # not the bytes: a watch session keeps every key
    except SourceProblem:
        return None
    if key not in _AGENDA_MEASURES:
        opened = open_template(theme, Diagnostics())
        _AGENDA_MEASURES[key] = None if opened is None else agenda_fits_on(opened.stage)
    return _AGENDA_MEASURES[key]


def make_deck(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics) -> bytes | None:
    """The .pptx bytes, or None when the template or a picture failed (reported)."""
    arranged = arrange_talk(
        talk, plan, report, public=options.public, auto_advance=options.auto_advance, slide_timings=options.slide_timings
    )
    if arranged is None:
        return None
    opened, deck = arranged
    try:
        return write_deck(opened, deck, shared_cache(options.cache_dir), progress=options.progress)
    except ImageProblem as problem:  # a picture removed or changed after it was checked
        report_picture_problem(talk, problem, report)
        return None
