"""Presenter scripts: `<slug>-<speaker>-script.pdf`, one per speaker.

Each holds every slide with its number, title and timing cue; the
presenter's own lines in full at lectern size; lines for everyone in full;
and the other presenters' lines as one grey cue each (their first sentence),
so each presenter knows when to come in. Scripts are private notes: a
public build makes none.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.images import shared_cache
from segue.model import Talk
from segue.plan import Plan
from segue.render.pdf import paper_for, to_bytes
from segue.render.pdf.blocks import Pictures
from segue.render.scripts.layout import compose


def render(talk: Talk, plan: Plan, options, report: Diagnostics) -> dict[str, bytes]:
    if getattr(options, "public", False):
        return {}
    paper = paper_for(talk, options)
    pictures = Pictures(shared_cache(getattr(options, "cache_dir", None)))
    files: dict[str, bytes] = {}
    found: list = []
    for speaker in talk.speakers.values():
        speaker_report = Diagnostics()
        doc = compose(talk, plan, speaker, paper, speaker_report, pictures)
        files[f"{talk.slug}-{speaker.id}-script.pdf"] = to_bytes(doc)
        # The scripts share most of their text: a problem is reported once, not once per script.
        found += [item for item in speaker_report.items if item not in found]
    report.items.extend(found)
    return files
