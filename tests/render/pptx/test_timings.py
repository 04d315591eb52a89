"""Slide timings in the deck: advance-after times, use-timings, cues, progress bar."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from segue.render.pptx.write.oxml import read_advance
from tests.helpers import cli, convert_with_libreoffice, write
from tests.render.pptx.deckreader import advances, notes_text, open_deck


def use_timings(pptx) -> str | None:
    with zipfile.ZipFile(pptx) as package:
        root = etree.fromstring(package.read("ppt/presProps.xml"))
    show = root.find("{http://schemas.openxmlformats.org/presentationml/2006/main}showPr")
    return None if show is None else show.get("useTimings")


def test_default_deck_advance_times_sum_to_sixty_minutes(default_pptx):
    times = advances(open_deck(default_pptx))
    assert None not in times
    assert sum(times) == 3_600_000


def test_every_slide_has_a_transition_effect_with_its_timing(default_pptx):
    for slide in open_deck(default_pptx).slides:
        transition = slide._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}transition")
        assert transition is not None and len(transition) == 1  # an explicit effect (fade)
        assert int(transition.get("advTm")) == read_advance(slide._element) > 0


def test_use_timings_is_off_unless_auto_advance(talk, tmp_path):
    out = tmp_path / "a"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    assert use_timings(out / "small-talk.pptx") == "0"
    out = tmp_path / "b"
    assert cli("build", talk, "--out", out, "--only", "pptx", "--auto-advance").exit_code == 0
    assert use_timings(out / "small-talk.pptx") == "1"


def test_notes_open_with_the_timing_cue(default_pptx):
    prs = open_deck(default_pptx)
    cues = [notes_text(slide).split("\n")[0] for slide in prs.slides]
    assert cues[0] == "0:30 on this slide · ends at 00:30 · Introduction 1/7"
    assert cues[-1].endswith("ends at 60:00 · Interactive Reflection and Q&A 6/6")
    pattern = re.compile(r"^\d+:\d\d on this slide · ends at \d\d:\d\d · .+ \d+/\d+$")
    assert all(pattern.match(cue) for cue in cues), cues


def progress_widths(slide):
    shapes = {s.name: s for s in slide.shapes}
    return shapes.get("Progress track"), shapes.get("Progress")


def test_progress_bar_follows_elapsed_time_when_switched_on(talk, tmp_path):
    toml = talk / "deck" / "deck.toml"
    out = tmp_path / "off"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    assert progress_widths(open_deck(out / "small-talk.pptx").slides[3]) == (None, None)

    write(toml, toml.read_text() + "\n[theme]\nprogress_bar = true\n")
    out = tmp_path / "on"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    prs = open_deck(out / "small-talk.pptx")
    track, bar = progress_widths(prs.slides[3])  # first content slide, after 60 s of 600
    assert track.width == prs.slide_width
    assert bar.width / track.width == pytest.approx(60 / 600, abs=0.01)
    assert progress_widths(prs.slides[0]) == (None, None)  # not on the title slide
    widths = [progress_widths(s)[1].width for s in prs.slides if progress_widths(s)[1] is not None]
    assert widths == sorted(widths)


@pytest.mark.slow
def test_libreoffice_reads_a_duration_on_every_slide(default_pptx, libreoffice, tmp_path):
    odp = convert_with_libreoffice(default_pptx, "odp", tmp_path)
    with zipfile.ZipFile(odp) as package:
        content = package.read("content.xml").decode()
    ns = {
        "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    }
    root = etree.fromstring(content.encode())
    durations = {}
    for style in root.iterfind(".//style:style", ns):
        props = style.find("style:drawing-page-properties", ns)
        if props is not None and props.get(f"{{{ns['presentation']}}}duration"):
            durations[style.get(f"{{{ns['style']}}}name")] = props.get(f"{{{ns['presentation']}}}duration")
    pages = root.findall(".//draw:page", ns)
    assert len(pages) == len(open_deck(default_pptx).slides)
    seconds = []
    for page in pages:
        value = durations.get(page.get(f"{{{ns['draw']}}}style-name"))
        assert value is not None, "a slide without a duration"
        h, m, s = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?", value).groups()
        seconds.append(int(h or 0) * 3600 + int(m or 0) * 60 + int(s or 0))
    assert sum(seconds) == 3600
    # "Use timings" off: LibreOffice keeps the times but the show waits for the presenter.
    settings = root.find(".//presentation:settings", ns)
    assert settings is not None and settings.get(f"{{{ns['presentation']}}}force-manual") == "true"


def test_no_slide_timings_leaves_the_advance_times_out(talk, tmp_path):
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx,run-of-show", "--no-slide-timings")
    assert result.exit_code == 0, result.output
    assert advances(open_deck(out / "small-talk.pptx")) == [None] * 8
    assert "small-talk-run-of-show.csv" in {p.name for p in out.iterdir()}
    assert cli("build", talk, "--out", out, "--no-slide-timings", "--auto-advance").exit_code == 2
