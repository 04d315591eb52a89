"""The deck build does work in proportion to its slides, counted, not timed.

Every line of Python run while arranging and writing a deck (python-pptx's
included) is counted per function with a trace function, for decks of N,
2N and 4N slides; a loop counts once per turn. A function whose work is in
proportion to the slides (plus a fixed amount) does as much more work going
from 2N to 4N as twice going from N to 2N; a loop over the deck inside a
per-slide step makes the second step four times the first, whichever
function it is in. Counts are exact, so the test is as steady as the build.
"""

from __future__ import annotations

import concurrent.futures
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from segue.diagnostics import Diagnostics
from segue.build.pipeline import BuildOptions, load, render
from segue.render.pptx.write.package import DeckParts

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from generate import generate  # noqa: E402

SLIDES, PHOTOS = 40, 4
GROWTH = 2.3  # the second step over the first: 2 for linear work, 4 for quadratic
SLACK = 200  # lines: rounding, and work that grows with segments rather than slides


def lines_per_function(root: Path, cache: Path) -> dict[str, int]:
    loaded = load(root)
    assert not loaded.report.has_errors, loaded.report.as_text()
    options = BuildOptions(only=("pptx",), cache_dir=cache)
    render(loaded.talk, loaded.plan, options, Diagnostics())  # pictures prepared and cached first
    counts: Counter = Counter()

    def line(frame, event, arg):
        counts[frame.f_code] += 1
        return line

    def call(frame, event, arg):
        counts[frame.f_code] += 1
        return line

    sys.settrace(call)
    threading.settrace(call)
    try:
        render(loaded.talk, loaded.plan, options, Diagnostics())
    finally:
        sys.settrace(None)
        threading.settrace(None)
    # Waiting for the threads that prepare pictures runs lines in proportion to the
    # time waited, not to the work: thread and pool bookkeeping is not counted.
    waiting = (threading.__file__, str(Path(concurrent.futures.__file__).parent))
    return {
        f"{code.co_filename}:{code.co_firstlineno}({code.co_name})": count
        for code, count in counts.items()
        if not code.co_filename.startswith(waiting)
    }


def superlinear(counts: list[dict[str, int]]) -> list[str]:
    """Functions whose calls grow faster than the deck, from counts for N, 2N and 4N slides."""
    n, double, quadruple = counts
    found = []
    for name, count in quadruple.items():
        first = double.get(name, 0) - n.get(name, 0)
        second = count - double.get(name, 0)
        if second > GROWTH * max(first, 0) + SLACK:
            found.append(f"{name}: {n.get(name, 0)} -> {double.get(name, 0)} -> {count} lines")
    return sorted(found)


def deck_growth(tmp_path: Path) -> list[str]:
    counts = [
        lines_per_function(generate(tmp_path / f"x{factor}", factor * SLIDES, factor * PHOTOS), tmp_path / f"cache{factor}")
        for factor in (1, 2, 4)
    ]
    return superlinear(counts)


@pytest.mark.slow
def test_no_function_grows_faster_than_the_deck(tmp_path):
    assert deck_growth(tmp_path) == []


@pytest.mark.slow
def test_a_loop_over_the_deck_in_a_per_slide_step_is_caught(tmp_path, monkeypatch):
    """Control: a quadratic loop slipped into adding a slide fails the count."""
    add_slide = DeckParts.add_slide

    def add_slide_scanning_every_slide(self, layout):
        _ = [slide_id.get("id") for slide_id in self.slide_ids]
        return add_slide(self, layout)

    monkeypatch.setattr(DeckParts, "add_slide", add_slide_scanning_every_slide)
    found = deck_growth(tmp_path)
    assert len(found) == 1 and "test_linear.py" in found[0], found  # the injected loop, and only it
