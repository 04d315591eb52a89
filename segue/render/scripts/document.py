"""The scripts set: one pass over the model per speaker for its data (what
`check` reports comes from the same pass), then Typst."""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.media.pictures import shared_cache
from segue.talk.model import Speaker, Talk
from segue.talk.plan import Plan
from segue.render.pdf import DECK_TOML, Pictures, Texts, finish_fonts, font_data, paper_for
from segue.render.pdf.typeset import TemplateError, compile_pdf, inputs
from segue.render.scripts.content import PICTURE_HEIGHT, SLIDE_WIDTH, page_for, script_data

SLIDE_DPI = 200  # the slide pictures, sharp on paper at their size
from segue.render import RenderOptions
from segue.render.pdf import Page
from segue.render.pdf.fonts import Chain
from segue.render.stamp import build_time

TEMPLATE = "script.typ"


def data_pass(
    talk: Talk, plan: Plan, speaker: Speaker, page: Page, report: Diagnostics, pictures: Pictures | None
) -> tuple[dict, Chain]:
    """One speaker's script as template data and its font chain: what no font can
    draw is reported here, once, for `check` and `render` alike."""
    texts = Texts()
    data = script_data(talk, plan, speaker, page, texts, report, pictures)
    chain = finish_fonts(texts, report, "script")
    if chain.missing:  # again, without what no font can draw (reported once, above)
        data = script_data(talk, plan, speaker, page, texts, Diagnostics(), pictures)
    data["style"].update(font_data(chain))
    return data, chain


def check_scripts(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics) -> None:
    """What the scripts would report, without setting them (`check` runs it)."""
    page = page_for(paper_for(talk, options))
    found: list = []
    for speaker in talk.speakers.values():
        speaker_report = Diagnostics()
        data_pass(talk, plan, speaker, page, speaker_report, None)
        found += [item for item in speaker_report.items if item not in found]
    report.items.extend(found)


def make_scripts(
    talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, deck_pdf: bytes | None = None
) -> dict[str, bytes]:
    page = page_for(paper_for(talk, options))
    pictures = Pictures(shared_cache(options.cache_dir), (page.text_width, PICTURE_HEIGHT))
    if deck_pdf is not None:
        from segue.render.deckpdf.pictures import slide_pictures

        shown = slide_pictures(deck_pdf, round(SLIDE_WIDTH / 72 * SLIDE_DPI))
        pictures.slide_keys = {number: pictures.add_slide(number, jpeg) for number, jpeg in enumerate(shown, start=1)}
    files: dict[str, bytes] = {}
    found: list = []
    for speaker in talk.speakers.values():
        speaker_report = Diagnostics()
        data, chain = data_pass(talk, plan, speaker, page, speaker_report, pictures)
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
