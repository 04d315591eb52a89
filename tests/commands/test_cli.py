"""The command line as a new presenter meets it: which talk a command works on, options
without fuss about case, plurals, errors that name their cause."""

from __future__ import annotations

import re

from tests.helpers import REPO, SEGMENT_ONE, SEGMENT_TWO, cli, make_talk, run_build_py, write
from tests.render.pptx.deckreader import notes_text, open_deck, table_rows


# --- which talk ----------------------------------------------------------------------------------


def test_talk_defaults_to_the_current_folder_when_it_holds_a_talk(talk, tmp_path):
    result = run_build_py("check", cwd=talk)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == f"talk: {talk.resolve()}"
    assert "ok: 8 slides, 2 segments" in result.stdout


def test_talk_defaults_to_the_folder_of_build_py_elsewhere(tmp_path):
    result = run_build_py("check", cwd=tmp_path)
    assert result.stderr.splitlines()[0] == f"talk: {REPO}"
    assert "ok: 39 slides, 5 segments" in result.stdout


def test_a_talk_named_on_the_command_line_wins(talk, tmp_path):
    result = run_build_py("check", str(talk), cwd=REPO)
    assert result.stderr.splitlines()[0] == f"talk: {talk.resolve()}"


def test_help_says_how_the_talk_is_found():
    help_text = " ".join(cli("--help").output.split())
    assert "the current folder when it holds deck/deck.toml, else on the folder of the build.py you ran" in help_text


# --- options and words ----------------------------------------------------------------------------


def test_options_take_any_case(talk, tmp_path):
    result = cli("build", talk, "--out", tmp_path / "out", "--only", "Handout", "--paper", "A4")
    assert result.exit_code == 0, result.output
    assert cli("check", talk, "--format", "JSON").exit_code == 0


def test_counts_are_plural_only_when_they_should_be(tmp_path):
    segment = "---\ntitle: One\nminutes: 10\n---\n\n## Only\n\nText.\n"
    root = make_talk(tmp_path / "t", {"01-one.md": segment})
    assert "ok: 4 slides, 1 segment\n" in cli("check", root).output


# --- errors at their cause ------------------------------------------------------------------------


def one_cause(result) -> list[str]:
    return [line for line in result.output.splitlines() if ": error: " in line]


def test_a_toml_syntax_error_is_the_only_error(talk):
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text().replace('title = "A Small Talk"', 'title = "A Small Talk'))
    errors = one_cause(cli("check", talk))
    assert len(errors) == 1 and errors[0].startswith("deck/deck.toml:1: error: invalid TOML"), errors


def test_a_duration_that_is_not_a_number_is_the_only_error(talk):
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text().replace("duration = 10", 'duration = "45m"'))
    errors = one_cause(cli("check", talk))
    assert len(errors) == 1 and "'duration' must be a positive number of minutes" in errors[0], errors


def test_missing_speakers_is_the_only_error(talk):
    toml = talk / "deck" / "deck.toml"
    text = toml.read_text()
    write(toml, text[: text.index("[speakers.clinician]")])
    errors = one_cause(cli("check", talk))
    assert len(errors) == 1 and "no speakers" in errors[0], errors


def test_did_you_mean_names_the_candidates(talk):
    write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("::: client", "::: cleint", 1))
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text() + "\n[theme]\nprogres_bar = true\n")
    output = cli("check", talk).output
    assert "unknown container `::: cleint`" in output and "did you mean `::: client`?" in output
    assert "unknown key 'progres_bar' in [theme] is ignored; did you mean 'progress_bar'?" in output


def test_a_title_with_an_unquoted_colon_gets_the_usual_fix(talk):
    write(talk / "deck" / "02-closing.md", SEGMENT_TWO.replace('title: "Closing: Together"', "title: Closing: Together"))
    output = cli("check", talk).output
    assert 'must be quoted, like title: "Narrative: The Story"' in output


# --- notes on generated slides ----------------------------------------------------------------------


def test_notes_before_a_segments_first_slide_belong_to_its_section_slide(talk, tmp_path):
    segment = SEGMENT_TWO.replace("---\n\n## A quote", "---\n\n::: clinician\nWelcome to the closing.\n:::\n\n## A quote", 1)
    write(talk / "deck" / "02-closing.md", segment)
    write(talk / "deck" / "_title.md", "::: clinician\nWelcome, everyone.\n:::\n\n---\n\n::: client\nHere is our plan.\n:::\n")
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx,run-of-show")
    assert result.exit_code == 0, result.output
    deck = open_deck(out / "small-talk.pptx")
    assert "Welcome, everyone." in notes_text(deck.slides[0])
    assert "Here is our plan." in notes_text(deck.slides[1])
    assert "Welcome to the closing." in notes_text(deck.slides[5])
    run_of_show = (out / "small-talk-run-of-show.csv").read_text()
    title_row = run_of_show.splitlines()[1]
    assert "Clinician (Dr. Ada Example)" in title_row


def test_a_timed_section_slide_with_notes_is_shared_by_words(talk):
    from segue.diagnostics import Diagnostics
    from segue.talk.plan import SECTION_SECONDS, plan_talk
    from segue.talk.read import read_talk

    words = " ".join(["word"] * 120)
    segment = SEGMENT_TWO.replace("---\n\n## A quote", f"---\n\n::: clinician\n{words}\n:::\n\n## A quote", 1)
    write(talk / "deck" / "02-closing.md", segment)
    report = Diagnostics()
    plan = plan_talk(read_talk(talk, report), report)
    section = next(p for p in plan.slides if p.kind == "section" and p.segment_index == 1)
    assert section.duration > 2 * SECTION_SECONDS
    assert section.speech and sum(p.duration for p in plan.segments[1].slides) == 6 * 60


# --- wall-clock time ---------------------------------------------------------------------------------


def test_a_start_time_puts_clock_times_everywhere(talk, tmp_path):
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text().replace("duration = 10", 'duration = 10\nstart = "14:30"'))
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx,run-of-show").exit_code == 0
    deck = open_deck(out / "small-talk.pptx")
    agenda = table_rows(deck.slides[1])
    assert agenda[1][0] == "14:30–14:34" and agenda[2][0] == "14:34–14:40"
    assert re.search(r"ends at 14:3\d", notes_text(deck.slides[3]))
    csv = (out / "small-talk-run-of-show.csv").read_text()
    assert ",14:30," in csv and ",14:40," in csv
    assert "14:30" in cli("timing", talk).stdout


def test_start_must_be_a_time_of_day(talk):
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text().replace("duration = 10", 'duration = 10\nstart = "half past two"'))
    assert "'start' must be a time of day like \"14:30\"" in cli("check", talk).output


def test_check_reports_characters_no_font_can_draw_as_build_does(talk):
    from tests.helpers import SEGMENT_ONE

    write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("The clinician opens.", "The clinician opens \U000F0000."))
    result = cli("check", talk)
    assert "no available font can draw it; left out of the script" in result.output
    assert cli("check", talk, "--strict").exit_code == 1
