"""The takeaway handout: `<slug>-handout.pdf`, letter or A4.

It holds the title block, the visible content of `.handout` slides and their
`::: handout` blocks in slide order, then the `handouts/*.md` pages. Speaker
notes never reach it, so the public build needs nothing removed.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.images import shared_cache
from segue.model import Talk
from segue.plan import Plan
from segue.render.handout.layout import BALANCE_TRIES, compose, typography
from segue.render.pdf import ink, paper_for, to_bytes
from segue.render.pdf.blocks import Pictures


def render(talk: Talk, plan: Plan, options, report: Diagnostics) -> dict[str, bytes]:
    paper = paper_for(talk, options)
    pictures = Pictures(shared_cache(getattr(options, "cache_dir", None)))
    doc = compose(talk, paper, report, pictures)
    end = doc.flow_end
    if end is not None and end.filled > 0:
        # Balance the columns' last page: end the first column about halfway,
        # lowering the cut a line at a time until the rest fits beside it.
        step = typography(ink.TEXT).body.leading
        cut = end.top + end.filled / 2
        for _ in range(BALANCE_TRIES):
            trial = compose(talk, paper, Diagnostics(), pictures, balance=(end.page, cut))
            if trial.flow_end is not None and trial.flow_end.page == end.page:
                doc = trial
                break
            cut += step
    return {f"{talk.slug}-handout.pdf": to_bytes(doc)}
