"""The live talk's state: clicks stepped as the deck steps them, the clock, the timings."""

from __future__ import annotations

import csv
import io

from segue.build.pipeline import load
from segue.diagnostics import Diagnostics
from segue.render.pptx.deck import arrange_talk
from segue.show.present.content import click_steps, talk_data
from segue.show.present.live import BACK, GOTO, NEXT, RESUME, START, STOP_CLOCK, LiveTalk
from tests.show.present.serving import slide_number, talk_with_clicks
from tests.show.test_rehearse import FakeClock


def live_talk(tmp_path):
    loaded = load(talk_with_clicks(tmp_path / "talk"))
    opened, deck = arrange_talk(loaded.talk, loaded.plan, Diagnostics(), public=False)
    steps = click_steps(deck, opened.stage)
    clock = FakeClock()
    return LiveTalk(loaded.talk, loaded.plan, [len(s) for s in steps], now=clock), clock, steps


def test_the_deck_decides_the_clicks(tmp_path):
    live, _, steps = live_talk(tmp_path)
    three = slide_number(live.plan, "Three steps")
    pause = slide_number(live.plan, "After a pause")
    assert steps[three - 1] == [1, 2, 3]  # one click per item of the incremental list
    assert steps[pause - 1] == [1]
    assert [n for n, s in enumerate(steps, start=1) if s] == [three, pause]


def test_next_steps_through_clicks_and_back_onto_a_slide_shows_it_whole(tmp_path):
    live, _, _ = live_talk(tmp_path)
    three = slide_number(live.plan, "Three steps")
    assert live.act(GOTO, three).changed
    seen = []
    for _ in range(5):
        live.act(NEXT)
        seen.append((live.slide, live.click))
    assert seen == [(three, 1), (three, 2), (three, 3), (three + 1, 0), (three + 1, 1)]
    live.act(BACK)
    live.act(BACK)
    assert (live.slide, live.click) == (three, 3)  # as PowerPoint: everything revealed
    assert live.state()["slide"] == three and live.state()["clicks"] == 3


def test_moves_that_change_nothing_say_why_and_keep_the_sequence(tmp_path):
    live, _, _ = live_talk(tmp_path)
    assert live.act(BACK).reason == "this is the first slide"
    last = len(live.plan.slides)
    assert live.act(GOTO, last + 1).reason == f"there is no slide {last + 1}: the deck has slides 1 to {last}"
    assert live.act(GOTO, 0).changed is False
    assert live.act("dance").reason.startswith("no such action 'dance'")
    assert live.seq == 0
    live.act(GOTO, last)
    live.act(NEXT)  # the last slide's one click
    assert live.act(NEXT).reason == "this is the last slide"
    assert (live.seq, live.slide, live.click) == (2, last, 1)


def test_the_clock_starts_at_start_or_the_first_advance_and_times_like_a_rehearsal(tmp_path):
    live, clock, _ = live_talk(tmp_path)
    plan = live.plan
    clock.advance(600)  # the server opened ten minutes early: not timed
    assert live.state()["clock"]["started"] is False
    assert live.state()["clock"]["countdown"] == f"0:{plan.slides[0].duration:02d} left"
    live.act(NEXT)  # the first advance starts the clock on slide 2; slide 1 counts as on plan
    clock.advance(5)
    figures = live.state()["clock"]
    assert figures["started"] and figures["running"]
    assert figures["session_standing"] == "on time" and figures["elapsed"] == "0:35"
    live.act(STOP_CLOCK)
    clock.advance(100)  # paused: not counted
    live.act(RESUME)
    assert live.act(START).changed is False
    clock.advance(plan.slides[1].duration + 10)  # fifteen seconds over on slide 2, with the five before
    figures = live.state()["clock"]
    assert figures["over"] and figures["countdown"] == "0:15 over"
    assert figures["session_standing"] == "0:15 behind" and figures["segment_standing"] == "0:15 behind"
    live.act(NEXT)
    clock.advance(3)
    live.session.go_to(live.session.index)  # what stopping does: the last slide's time banked
    rows = list(csv.DictReader(io.StringIO(live.session.to_csv())))
    assert [r["slide"] for r in rows] == ["2", "3"]  # slide 1 went by before the clock: not recorded
    assert [float(r["actual"]) for r in rows] == [plan.slides[1].duration + 15, 3.0]


def test_each_presenter_gets_their_lines_the_others_cues_and_the_screen_none(tmp_path):
    live, _, steps = live_talk(tmp_path)
    talk, plan = live.session.talk, live.plan
    first = slide_number(live.plan, "First slide") - 1
    client = talk_data(talk, plan, steps, {}, "client", public=False)["slides"][first]["lines"]
    assert [(line["who"], line["mine"]) for line in client] == [
        ("Clinician (Dr. Ada Example)", False),
        ("Client", True),
        ("Clinician (Dr. Ada Example)", False),
    ]
    assert client[0]["html"] is None and client[0]["cue"] == "The clinician opens."
    assert client[1]["html"] == "<p>The client answers.</p>" and client[1]["cue"] is None
    assert "lines" not in talk_data(talk, plan, steps, {}, None, public=False)["slides"][first]
    public = talk_data(talk, plan, steps, {}, "client", public=True)
    assert all("lines" not in slide for slide in public["slides"])
    assert "clinician opens" not in str(public).lower() and "client answers" not in str(public).lower()
