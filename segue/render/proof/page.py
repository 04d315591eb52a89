"""The proof as one self-contained HTML page: every slide as a picture, its problems
outlined on it and listed beside it with their file and line, its speaker notes
under it. Pictures are inlined, styles are in the page: it opens from a mail
attachment or a USB stick as well as from dist/.
"""

from __future__ import annotations

import base64
from html import escape

from segue.render.pptx.arranged import ArrangedDeck
from segue.render.proof.checks import union
from segue.render.proof.look import Look
from segue.talk import labels
from segue.talk.model import Talk
from segue.talk.plan import Plan

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #2b2522; background: #f4f1ec; margin: 0; }
header { padding: 20px 32px; background: #fff; border-bottom: 1px solid #ddd5cb; }
h1 { font-size: 22px; margin: 0 0 4px; }
.summary { margin: 0; color: #5c514b; }
.deck-problems { margin: 10px 0 0; padding-left: 20px; color: #8a1c1c; }
section { display: grid; grid-template-columns: minmax(0, 960px) minmax(260px, 1fr); gap: 8px 24px;
  padding: 24px 32px; border-bottom: 1px solid #ddd5cb; }
section h2 { grid-column: 1 / -1; font-size: 17px; margin: 0; }
section h2 .where { font-weight: normal; color: #6b5b55; font-size: 14px; }
.slide { position: relative; margin: 0; box-shadow: 0 1px 4px rgba(0,0,0,.25); background: #fff; align-self: start; }
.slide img { display: block; width: 100%; height: auto; }
.slide svg { position: absolute; inset: 0; width: 100%; height: 100%; }
.slide rect { fill: rgba(214, 40, 40, .12); stroke: #d62828; stroke-width: 2.5; }
.slide text { fill: #fff; font: bold 15px system-ui, sans-serif; }
.slide .tag { fill: #d62828; stroke: none; }
ol.problems { margin: 0; padding-left: 22px; }
ol.problems li { margin-bottom: 8px; }
ol.problems code { background: #fff; padding: 0 3px; }
.fine { color: #2e6b3a; margin: 0; }
.notes { grid-column: 1; background: #fff; padding: 10px 14px; border-left: 4px solid #c9bcae; }
.notes p { margin: 0 0 6px; }
.notes .label { font-weight: bold; }
.notes .cue { font-style: italic; color: #6b5b55; }
"""


def proof_page(talk: Talk, plan: Plan, deck: ArrangedDeck, found: Look, places: dict[tuple[int, int], str]) -> bytes:
    problems = sum(len(s.problems) for s in found.slides) + len(found.fonts)
    with_problems = sum(1 for s in found.slides if s.problems)
    if problems:
        summary = f"{labels.count(problems, 'problem')} on {labels.count(with_problems, 'slide')}; each is listed beside its slide and outlined on it."
    else:
        summary = f"No problems found on {labels.count(len(found.slides), 'slide')}."
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(talk.lang)}"><head><meta charset="utf-8">',
        f"<title>Proof: {escape(talk.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<header><h1>Proof: {escape(talk.title)}</h1>",
        f'<p class="summary">{escape(summary)} The slides as LibreOffice draws them; speaker notes under each.</p>',
    ]
    if found.fonts:
        parts.append('<ul class="deck-problems">')
        parts.extend(f"<li>{escape(problem.message)}</li>" for problem in found.fonts)
        parts.append("</ul>")
    parts.append("</header><main>")
    for slide in found.slides:
        planned = plan.slides[slide.number - 1]
        source = planned.slide.source if planned.slide is not None else plan.segment_of(planned).segment.source
        parts.append(f'<section id="slide-{slide.number}">')
        parts.append(
            f'<h2>Slide {slide.number}: {escape(plan.title(planned))} <span class="where">{escape(str(source))}</span></h2>'
        )
        parts.append(_picture(slide))
        if slide.problems:
            parts.append('<ol class="problems">')
            for index, problem in enumerate(slide.problems):
                where = places.get((slide.number, index), str(source))
                parts.append(f"<li><code>{escape(where)}</code> {escape(problem.text)}</li>")
            parts.append("</ol>")
        else:
            parts.append('<p class="fine">Nothing to fix on this slide.</p>')
        parts.append(_notes(deck.slides[slide.number - 1].notes))
        parts.append("</section>")
    parts.append("</main></body></html>\n")
    return "\n".join(parts).encode("utf-8")


def _picture(slide) -> str:
    width, height = slide.width, slide.height
    image = ""
    if slide.picture is not None:
        data = base64.b64encode(slide.picture).decode("ascii")
        image = f'<img src="data:image/jpeg;base64,{data}" alt="Slide {slide.number} as LibreOffice draws it">'
    marks = []
    for number, problem in enumerate(slide.problems, start=1):
        if problem.boxes:  # one outline around all of it, numbered as in the list
            x0, y0, x1, y1 = union(list(problem.boxes))
            pad = 3
            marks.append(
                f'<rect x="{x0 - pad:.1f}" y="{y0 - pad:.1f}" width="{x1 - x0 + 2 * pad:.1f}" height="{y1 - y0 + 2 * pad:.1f}"/>'
            )
            tx, ty = max(0.0, x0 - 14), max(0.0, y0 - 14)
            marks.append(f'<circle class="tag" cx="{tx + 10:.1f}" cy="{ty + 10:.1f}" r="11"/>')
            marks.append(f'<text x="{tx + 10:.1f}" y="{ty + 15:.1f}" text-anchor="middle">{number}</text>')
    overlay = f'<svg viewBox="0 0 {width:.1f} {height:.1f}" aria-hidden="true">{"".join(marks)}</svg>'
    return f'<figure class="slide" style="aspect-ratio: {width:.1f} / {height:.1f}">{image}{overlay}</figure>'


def _notes(paras) -> str:
    if not paras:
        return '<div class="notes"><p class="cue">No speaker notes.</p></div>'
    lines = []
    for index, para in enumerate(paras):
        text = escape(para.text).replace("\n", "<br>")
        cls = "cue" if para.italic and index < 2 else ("label" if para.bold else "")
        lines.append(f'<p class="{cls}">{text}</p>' if cls else f"<p>{text}</p>")
    return '<div class="notes">' + "".join(lines) + "</div>"
