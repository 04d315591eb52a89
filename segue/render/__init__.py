"""Render: one folder per output, each turning the talk and its time plan into files.

`pptx` (the deck), `deckpdf` (the deck through LibreOffice), `handout`,
`scripts` and `runofshow`, with `pdf` holding what the handout and scripts
share, `stamp` the build's date and `processes` the helper programs a
renderer runs (LibreOffice), each on a leash of time and memory. Each output folder's `__init__` declares
the output next to its `render()`: `reads()`, the part of the model and the
options its bytes depend on (what decides whether it is rebuilt), and
`MADE_FROM`, the output whose bytes it is made from, if any. The `__init__`
stays light: the libraries that write bytes (python-pptx, Typst) are
imported when `render()` runs, so deciding that an output is unchanged never
loads them.

May import the ground floor (`segue.diagnostics`, `segue.sources`), `media`
and `talk`; never the build, the show or the commands. Renderers read the
model only: nothing here parses markdown.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from segue.talk.model import Talk
from segue.talk.plan import Plan


class Progress(Protocol):
    """Where a renderer says how far it has got (a progress bar, or nothing)."""

    def advance(self, steps: int = 1, label: str | None = None) -> None: ...


@dataclass
class RenderOptions:
    """What the command line asks of the renderers; each reads what it needs."""

    paper: str | None = None  # --paper, over deck.toml's [handout] paper
    public: bool = False  # a copy fit to share: no notes, no scripts, no metadata
    auto_advance: bool = False  # "use timings" on in the deck
    slide_timings: bool = True  # each slide's allotment as its advance time in the deck
    cache_dir: Path | None = None  # prepared pictures, kept inside the output folder
    progress: Progress | None = None
    cancel: threading.Event | None = None  # set: stop a LibreOffice conversion (a newer save in `watch`)


def talk_facts(talk: Talk) -> tuple:
    """What every output shows of the talk's own settings (for `reads`)."""
    return (
        talk.title, talk.subtitle, talk.event, talk.date, talk.start, talk.slug, talk.duration, talk.words_per_minute, talk.lang, talk.speakers,
        talk.references,
    )


def plan_facts(plan: Plan) -> list[tuple]:
    """Every planned slide's place and time (for `reads`)."""
    return [(p.kind, p.segment_index, p.start, p.duration, p.position, p.count, p.speech) for p in plan.slides] + [tuple(map(tuple, plan.agenda))]
