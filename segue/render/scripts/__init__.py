"""Presenter scripts: `<slug>-<speaker>-script.pdf`, one per speaker, set by
Typst as tagged PDF/UA-1.

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
from segue.render.pdf import DECK_TOML, Pictures, Texts, finish_fonts, font_data, paper_for
from segue.render.pdf.typeset import TemplateError, compile_pdf, inputs
from segue.render.scripts.content import PICTURE_HEIGHT, page_for, script_data
from segue.render.stamp import build_time

TEMPLATE = "script.typ"


def check(talk: Talk, plan: Plan, options, report: Diagnostics) -> None:
    """What the scripts would report, without setting them (`check` runs it)."""
    page = page_for(paper_for(talk, options))
    found: list = []
    for speaker in talk.speakers.values():
        speaker_report = Diagnostics()
        texts = Texts()
        script_data(talk, plan, speaker, page, texts, speaker_report, None)
        finish_fonts(texts, speaker_report, "script")
        found += [item for item in speaker_report.items if item not in found]
    report.items.extend(found)


def render(talk: Talk, plan: Plan, options, report: Diagnostics) -> dict[str, bytes]:
    if getattr(options, "public", False):
        return {}
    page = page_for(paper_for(talk, options))
    pictures = Pictures(shared_cache(getattr(options, "cache_dir", None)), (page.text_width, PICTURE_HEIGHT))
    files: dict[str, bytes] = {}
    found: list = []
    for speaker in talk.speakers.values():
        speaker_report = Diagnostics()
        texts = Texts()
        data = script_data(talk, plan, speaker, page, texts, speaker_report, pictures)
        chain = finish_fonts(texts, speaker_report, "script")
        if chain.missing:  # again, without what no font can draw (reported once, above)
            data = script_data(talk, plan, speaker, page, texts, Diagnostics(), pictures)
        data["style"].update(font_data(chain))
        try:
            pdf = compile_pdf(
                TEMPLATE, inputs(data, pictures.encoded()), chain.system, build_time(talk), speaker_report, DECK_TOML, "script"
            )
        except TemplateError as failed:
            report.error(
                DECK_TOML.path, None, f"the script for {speaker.label} could not be set (a fault of the build, please report it): {failed}"
            )
            continue
        files[f"{talk.slug}-{speaker.id}-script.pdf"] = pdf
        # The scripts share most of their text: a problem is reported once, not once per script.
        found += [item for item in speaker_report.items if item not in found]
    report.items.extend(found)
    return files
