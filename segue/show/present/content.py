"""What the pages of a live talk are given about it, as JSON: every slide (title,
timing, who speaks, its clicks, its text look), the segments, and for a
presenter's page the lines: their own and those for everyone in full, the
others' as the first-sentence cue the scripts print.

The screen and the timekeeper get no lines at all, nor does anyone in a
public talk (`--public`): speaker notes are private.
"""

from __future__ import annotations

from pathlib import Path

from segue.talk import labels
from segue.talk.cues import cue
from segue.talk.model import Talk
from segue.talk.plan import Plan
from segue.render.pptx.arranged import ArrangedDeck, ArrangedSlide, PlaceholderText, TextBox
from segue.render.pptx.geometry import Stage
from segue.render.runofshow import speakers_of
from segue.show.present.look import notes_html, slide_html


def click_steps(deck: ArrangedDeck, stage: Stage) -> list[list[int]]:
    """For each slide of the deck, the reveal step each of its clicks shows (steps as
    `render.pptx.text.Reveal` numbers them), so a page reveals what the deck reveals."""
    return [_steps(slide, stage) for slide in deck.slides]


def _steps(slide: ArrangedSlide, stage: Stage) -> list[int]:
    placeholder_ids = {p.position: p.shape_id for p in stage.layouts[slide.layout].placeholders}
    by_id = {}
    for item in slide.items:
        if isinstance(item, PlaceholderText):
            by_id[placeholder_ids.get(item.placeholder)] = item
        elif hasattr(item, "shape_id"):
            by_id[item.shape_id] = item
    steps = []
    for targets in slide.clicks:
        target = targets[0]
        item = by_id.get(target.shape_id)
        if isinstance(item, (PlaceholderText, TextBox)) and target.paragraphs is not None:
            step = item.frame.paras[target.paragraphs[0]].step
        else:
            step = getattr(item, "step", 0)
        steps.append(max(step, steps[-1] if steps else 0))
    return steps


def talk_data(talk: Talk, plan: Plan, steps: list[list[int]], pictures: dict[Path, int], speaker: str | None, public: bool) -> dict:
    """The talk for one page: `speaker` is a presenter's id (their lines), None for the
    screen and the timekeeper (no lines)."""
    slides = []
    for planned in plan.slides:
        entry = {
            "number": planned.number,
            "title": plan.title(planned),
            "kind": planned.kind,
            "segment": planned.segment_index,
            "start": labels.at(talk, planned.start),
            "end": labels.at(talk, planned.end),
            "duration": labels.clock(planned.duration),
            "speakers": speakers_of(talk, plan, planned),
            # Who speaks, in order: speaker ids, "" for lines meant for everyone (none in public).
            "voices": [] if public else list(dict.fromkeys(note.speaker or "" for note in planned.notes)),
            "steps": steps[planned.number - 1] if planned.number <= len(steps) else [],
            "html": slide_html(talk, plan, planned, pictures),
        }
        if speaker is not None and not public:
            entry["lines"] = [
                {
                    "who": labels.speaker(talk, note.speaker),
                    "mine": note.speaker == speaker,
                    "everyone": note.speaker is None,
                    "html": notes_html(talk, note.blocks) if note.speaker in (None, speaker) else None,
                    "cue": None if note.speaker in (None, speaker) else cue(note.text),
                }
                for note in planned.notes
            ]
        slides.append(entry)
    segments = [
        {
            "title": s.segment.title,
            "start": labels.at(talk, s.start),
            "end": labels.at(talk, s.end),
            "planned": labels.clock(s.duration),
            "lead": labels.lead(talk, s.segment),
            "first": s.slides[0].number if s.slides else None,
        }
        for s in plan.segments
    ]
    return {
        "title": talk.title,
        "lang": talk.lang,
        "accent": talk.theme.accent,
        "planned": labels.clock(plan.total),
        "speakers": {id: s.label for id, s in talk.speakers.items()},
        "me": speaker,
        "public": public,
        "slides": slides,
        "segments": segments,
    }
