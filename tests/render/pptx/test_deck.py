"""The built deck, read back with python-pptx."""

from __future__ import annotations

import zipfile

from pptx.util import Emu

from segue.talk import labels
from segue.diagnostics import Diagnostics
from segue.talk.plan import plan_talk
from segue.talk.read import read_talk
from tests.helpers import REPO, cli, make_talk, run_build_py
from tests.render.pptx.deckreader import (
    bold_labels,
    notes_text,
    open_deck,
    pictures,
    sections,
    table_rows,
    titles,
)


def build_small(talk, tmp_path, *args):
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx", *args)
    assert result.exit_code == 0, result.output
    return out / "small-talk.pptx"


def test_slide_titles_in_order(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    assert titles(prs) == [
        "A Small Talk",
        "Agenda",
        "Opening",
        "First slide",
        "Second slide",
        "Closing: Together",
        "A quote",
        "Columns",
    ]


def test_deck_is_16_by_9(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))


def test_title_slide_names_presenters_by_name_and_role(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    text = "\n".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "Testing the build" in text
    assert "Dr. Ada Example, Clinician" in text
    assert "Client" in text  # no name: the role alone
    assert "Test Conference · 18 April 2027" in text


def test_agenda_lists_segments_with_clock_ranges_and_leads(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    rows = table_rows(prs.slides[1])
    assert rows == [
        ["Time", "Segment", "Led by"],
        ["0:00–0:04", "Opening", "Dr. Ada Example, Clinician"],
        ["0:04–0:10", "Closing: Together", "Dr. Ada Example, Clinician and Client"],
    ]


def test_section_slides_show_minutes_and_lead(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    text = "\n".join(s.text_frame.text for s in prs.slides[5].shapes if s.has_text_frame)
    assert "Closing: Together" in text
    assert "6 minutes · Led by Dr. Ada Example, Clinician and Client" in text


def test_notes_are_labelled_by_speaker_in_source_order(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    first = prs.slides[3]
    assert bold_labels(first) == ["Clinician (Dr. Ada Example)", "Client", "Clinician (Dr. Ada Example)"]
    text = notes_text(first)
    assert text.index("The clinician opens.") < text.index("The client answers.") < text.index("The clinician again.")
    assert bold_labels(prs.slides[4]) == ["All speakers"]


def test_every_slide_has_notes_with_a_timing_cue(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    for slide in prs.slides:
        assert " on this slide · ends at " in notes_text(slide).split("\n")[0]


def test_notes_never_appear_on_slides(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    for slide in prs.slides:
        on_slide = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert "The clinician opens." not in on_slide
        assert "Handout-only text." not in on_slide


def test_one_section_per_segment_and_one_for_the_opening(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    found = sections(prs)
    ids = [s.slide_id for s in prs.slides]
    assert [name for name, _ in found] == ["Opening", "Opening", "Closing: Together"]
    assert found[0][1] == ids[0:2]
    assert found[1][1] == ids[2:5]
    assert found[2][1] == ids[5:8]


def test_pictures_have_alt_text_and_keep_their_aspect(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    found = list(pictures(prs))
    assert len(found) == 1
    number, shape = found[0]
    assert number == 5
    assert shape._element._nvXxPr.cNvPr.get("descr") == "A calm square picture"
    assert abs(shape.width - shape.height) <= 2  # a square picture stays square


def test_tables_are_native_and_links_clickable(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    assert table_rows(prs.slides[7]) == [["Is", "Is not"], ["calm", "rushed"]]
    links = [
        run.hyperlink.address
        for shape in prs.slides[3].shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    ]
    assert links == ["https://example.org"]


def test_layouts_follow_the_slide_attributes(talk, tmp_path):
    prs = open_deck(build_small(talk, tmp_path))
    assert [s.slide_layout.name for s in prs.slides] == [
        "Title Slide",
        "Title and Content",
        "Section Header",
        "Title and Content",
        "Title Only",
        "Section Header",
        "Title Only",
        "Two Content",
    ]


def test_a_talk_outside_the_repository_builds_with_build_py(tmp_path):
    talk = make_talk(tmp_path / "elsewhere")
    result = run_build_py("build", talk, "--only", "pptx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (talk / "dist" / "small-talk.pptx").is_file()


def test_help_lists_the_commands():
    result = run_build_py("--help")
    assert result.returncode == 0
    for command in ("build", "check"):
        assert command in result.stdout


def test_default_talk_titles_follow_the_sources(default_pptx):
    report = Diagnostics()
    talk = read_talk(REPO, report)
    plan = plan_talk(talk, report)
    expected = [plan.title(planned) for planned in plan.slides]
    assert len(expected) == 39 and expected[3] == talk.segments[0].slides[0].title_text
    prs = open_deck(default_pptx)
    assert titles(prs) == expected


def test_default_talk_agenda_clock_ranges(default_pptx):
    rows = table_rows(open_deck(default_pptx).slides[1])
    assert [row[0] for row in rows[1:]] == ["0:00–0:05", "0:05–0:25", "0:25–0:35", "0:35–0:45", "0:45–1:00"]


def test_default_talk_sections_match_segments(default_pptx):
    names = [name for name, _ in sections(open_deck(default_pptx))]
    assert names == [
        "Opening",
        "Introduction",
        "Narrative: The Clinician–Client Story",
        "Love and Boundaries",
        "Practical Takeaways",
        "Interactive Reflection and Q&A",
    ]


def test_default_talk_notes_for_both_speakers(default_pptx):
    prs = open_deck(default_pptx)
    labels = [set(bold_labels(slide)) for slide in prs.slides]
    content = [l for l in labels if l]
    assert len(content) >= 25
    assert sum(1 for l in content if {"Clinician", "Client"} <= l) >= 20


def test_default_talk_deck_has_no_template_thumbnail(default_pptx):
    with zipfile.ZipFile(default_pptx) as package:
        assert not [n for n in package.namelist() if "thumbnail" in n]


def test_the_default_talk_builds_without_warnings(tmp_path):
    result = cli("build", REPO, "--out", tmp_path / "out", "--only", "pptx")
    assert result.exit_code == 0
    assert "warning" not in result.output, result.output


def test_nothing_on_a_default_slide_is_below_18_points(default_pptx):
    import re
    import zipfile

    with zipfile.ZipFile(default_pptx) as package:
        sizes = [
            int(size)
            for name in package.namelist()
            if name.startswith(("ppt/slides/slide", "ppt/slideLayouts/", "ppt/slideMasters/")) and name.endswith(".xml")
            for size in re.findall(rb'<a:(?:rPr|defRPr|endParaRPr)[^>]*\bsz="(\d+)"', package.read(name))
        ]
    assert sizes and min(sizes) >= 1800


def test_text_boxes_keep_their_size_when_edited(talk, tmp_path):
    """No box that shrinks to its text on the first edit (spAutoFit): quotes and captions stay put."""
    pptx = build_small(talk, tmp_path)
    with zipfile.ZipFile(pptx) as package:
        slides = [package.read(n).decode() for n in package.namelist() if n.startswith("ppt/slides/slide")]
    assert not any("spAutoFit" in xml for xml in slides)
    assert any('name="TextBox' in xml and "<a:normAutofit/>" in xml for xml in slides)
