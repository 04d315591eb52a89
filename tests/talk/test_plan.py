"""The time plan: allotments, shares, and the timing diagnostics with their file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from segue.build.pipeline import load
from segue.talk.labels import clock
from segue.talk.plan import FLOOR_SECONDS, largest_remainder
from tests.helpers import REPO, write

HEAD = "---\ntitle: {title}\nminutes: {minutes}\n---\n\n"


def segment(title: str, minutes, *slides: str) -> str:
    return HEAD.format(title=title, minutes=minutes) + "\n---\n\n".join(slides)


def slide(title: str, words: int = 0, attrs: str = "", speaker: str = "clinician") -> str:
    text = f"## {title}{' {' + attrs + '}' if attrs else ''}\n\n- a point\n"
    if words:
        text += f"\n::: {speaker}\n" + " ".join(["word"] * words) + "\n:::\n"
    return text


def talk_with(root: Path, duration: int, *segments: str) -> Path:
    from tests.helpers import DECK_TOML

    write(root / "deck" / "deck.toml", DECK_TOML.replace("duration = 10", f"duration = {duration}"))
    for index, text in enumerate(segments, start=1):
        write(root / "deck" / f"{index:02d}-segment.md", text)
    return root


def planned(root: Path):
    loaded = load(root)
    return loaded.plan, loaded.report


def test_default_talk_sums_to_sixty_minutes_with_exact_segment_subtotals():
    plan, report = planned(REPO)
    assert not report.errors
    assert plan.total == 3600
    assert sum(p.duration for p in plan.slides) == 3600
    assert [sum(p.duration for p in s.slides) for s in plan.segments] == [300, 1200, 600, 600, 900]
    starts = [p.start for p in plan.slides]
    assert starts == sorted(starts) and starts[0] == 0
    assert all(a.end == b.start for a, b in zip(plan.slides, plan.slides[1:]))


def test_explicit_times_are_kept_and_the_rest_is_shared_by_words(tmp_path):
    root = talk_with(
        tmp_path,
        10,
        segment("One", 10, slide("Fixed", 10, "time=2m"), slide("Short", 70), slide("Long", 210)),
    )
    plan, report = planned(root)
    assert not report.errors, report.as_text()
    by_title = {p.slide.title_text: p for p in plan.slides if p.slide}
    assert by_title["Fixed"].duration == 120
    generated = sum(p.duration for p in plan.slides if p.slide is None)
    assert generated == 30 + 20 + 10
    rest = 600 - 120 - generated
    short, long = by_title["Short"].duration, by_title["Long"].duration
    assert short + long == rest
    # above the floor, in proportion to words (70 : 210)
    assert (long - FLOOR_SECONDS) / (short - FLOOR_SECONDS) == pytest.approx(3, rel=0.02)


def test_slides_without_notes_get_an_equal_share(tmp_path):
    root = talk_with(tmp_path, 3, segment("One", 3, slide("A"), slide("B"), slide("C")))
    plan, _ = planned(root)
    content = [p.duration for p in plan.slides if p.slide]
    assert max(content) - min(content) <= 1
    assert sum(p.duration for p in plan.slides) == 180


def test_adding_a_slide_reshares_only_its_own_segment(tmp_path):
    first = segment("One", 4, slide("A", 100), slide("B", 50))
    second = segment("Two", 6, slide("C", 80), slide("D", 80))
    root = talk_with(tmp_path, 10, first, second)
    before, _ = planned(root)
    write(root / "deck" / "01-segment.md", first + "\n---\n\n" + slide("New", 40))
    after, _ = planned(root)
    two_before = [(p.start, p.duration) for p in before.segments[1].slides]
    two_after = [(p.start, p.duration) for p in after.segments[1].slides]
    assert two_before == two_after
    assert sum(p.duration for p in after.segments[0].slides) == 240


def test_speech_estimates_per_speaker_and_shares(tmp_path):
    root = talk_with(
        tmp_path,
        10,
        segment(
            "One",
            10,
            slide("A", 140, speaker="clinician") + "\n::: client\n" + " ".join(["w"] * 70) + "\n:::\n",
            slide("B", 70, speaker="client"),
        ),
    )
    plan, _ = planned(root)
    a = next(p for p in plan.slides if p.slide and p.slide.title_text == "A")
    assert a.speech == {"clinician": 60.0, "client": 30.0}
    shares = plan.segments[0].shares()
    assert shares["clinician"] == pytest.approx(0.5, rel=0.001)
    assert shares["client"] == pytest.approx(0.5, rel=0.001)


def test_largest_remainder_keeps_the_total():
    assert sum(largest_remainder([10.4, 10.4, 10.2], 31)) == 31
    assert largest_remainder([1.5, 1.5], 3) in ([2, 1], [1, 2])


def test_clock_formats():
    assert clock(150) == "2:30"
    assert clock(450, pad=True) == "07:30"
    assert clock(3600, pad=True) == "60:00"


def test_cue_text(tmp_path):
    root = talk_with(tmp_path, 10, segment('"Narrative: The Story"', 10, slide("A"), slide("B")))
    plan, _ = planned(root)
    b = plan.slides[-1]
    assert plan.cue(b) == f"{clock(b.duration)} on this slide · ends at {clock(b.end, pad=True)} · Narrative 5/5"


# --- diagnostics, each with its file and line -------------------------------------


def test_segments_over_duration_is_an_error_at_the_minutes_line(tmp_path):
    root = talk_with(tmp_path, 10, segment("One", 6, slide("A")), segment("Two", 6, slide("B")))
    _, report = planned(root)
    [error] = report.errors
    assert str(error).startswith("deck/02-segment.md:3: error: segments add up to more than the talk's 10 minutes")


def test_segments_under_duration_is_a_warning_at_the_duration_line(tmp_path):
    root = talk_with(tmp_path, 10, segment("One", 6, slide("A")))
    _, report = planned(root)
    assert not report.errors
    assert any(
        str(w).startswith("deck/deck.toml:5: warning: segments add up to 6:00 of the 10 minutes") for w in report.warnings
    ), report.as_text()


def test_explicit_times_over_their_segment_is_an_error_at_the_slide(tmp_path):
    text = segment("One", 2, slide("A", attrs="time=1m"), slide("B", attrs="time=1m30s"))
    root = talk_with(tmp_path, 2, text)
    _, report = planned(root)
    [error] = report.errors
    line = text.splitlines().index("## B {time=1m30s}") + 1
    assert str(error).startswith(f"deck/01-segment.md:{line}: error: explicit times in this segment reach 2:30, over its 2 minutes")


def test_malformed_time_is_an_error(tmp_path):
    text = segment("One", 2, slide("A", attrs="time=soon"))
    root = talk_with(tmp_path, 2, text)
    _, report = planned(root)
    assert "deck/01-segment.md:6: error: malformed time 'soon': write it like 45s, 2m or 1m30s" in report.as_text()


def test_a_slide_whose_speech_overruns_its_allotment_is_a_warning(tmp_path):
    text = segment("One", 2, slide("Talky", 300, "time=1m"), slide("Quiet"))
    root = talk_with(tmp_path, 2, text)
    _, report = planned(root)
    assert "deck/01-segment.md:6: warning: notes take about 2:09 to say (300 words at 140/min), 114% over this slide's 1:00" in report.as_text()


def test_too_many_slides_for_a_segment_is_a_warning(tmp_path):
    text = segment("One", 1, *[slide(f"S{i}") for i in range(5)])
    root = talk_with(tmp_path, 1, text)
    plan, report = planned(root)
    assert "deck/01-segment.md:6: warning: 5 slides share" in report.as_text()
    assert sum(p.duration for p in plan.slides) == 60
