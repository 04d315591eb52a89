"""Presenter scripts, read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest

from segue.talk import labels
from segue.build.pipeline import load
from segue.talk.cues import cue, first_sentence
from tests.helpers import SEGMENT_ONE, SEGMENT_TWO, cli, make_talk
from tests.render.pdfreader import flat, fonts, open_pdf, page_sizes, runs

DIALOGUE = SEGMENT_ONE.replace(
    "::: client\nThe client answers.\n:::",
    "::: client\nThe client answers first. Then the client says something only the client's script holds.\n:::",
)


def build(talk: Path, tmp_path: Path, *args: str) -> dict[str, Path]:
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "scripts", *args)
    assert result.exit_code == 0, result.output
    return {p.name: p for p in sorted(out.glob("*.pdf"))}


@pytest.fixture
def dialogue(tmp_path) -> Path:
    return make_talk(tmp_path / "talk", segments={"01-opening.md": DIALOGUE, "02-closing.md": SEGMENT_TWO})


def all_runs(path: Path):
    return [run for index in range(len(open_pdf(path).pages)) for run in runs(path, index)]


# --- files ---------------------------------------------------------------------------


def test_one_script_per_speaker(dialogue, tmp_path):
    assert sorted(build(dialogue, tmp_path)) == ["small-talk-client-script.pdf", "small-talk-clinician-script.pdf"]


def test_public_build_makes_no_scripts(dialogue, tmp_path):
    out = tmp_path / "out"
    result = cli("build", dialogue, "--out", out, "--public")
    assert result.exit_code == 0, result.output
    assert not list(out.glob("*script*"))
    assert (out / "small-talk-handout.pdf").is_file()


def test_scripts_follow_the_paper(dialogue, tmp_path):
    scripts = build(dialogue, tmp_path, "--paper", "a4")
    for path in scripts.values():
        assert set(page_sizes(path)) == {(595, 842)}


def test_scripts_embed_their_font(dialogue, tmp_path):
    for path in build(dialogue, tmp_path).values():
        found = fonts(path)
        assert found and all(f.embedded and "AtkinsonHyperlegible" in f.name for f in found), found
        assert "AtkinsonHyperlegible-Italic" in {f.name.split("+")[-1] for f in found}  # lines for everyone


# --- what each presenter reads ----------------------------------------------------------


def test_every_planned_slide_has_number_title_and_cue(dialogue, tmp_path):
    plan = load(dialogue).plan
    script = flat(build(dialogue, tmp_path)["small-talk-clinician-script.pdf"])
    titles = ["A Small Talk", "Agenda", "Opening", "First slide", "Second slide", "Closing: Together", "A quote", "Columns"]
    assert len(plan.slides) == len(titles)
    position = 0
    for planned, title in zip(plan.slides, titles):
        entry = f"{planned.number} {title} {plan.cue(planned)}"
        found = script.find(entry, position)
        assert found >= 0, entry
        position = found


def test_own_lines_in_full_and_others_as_first_sentence_cues(dialogue, tmp_path):
    scripts = build(dialogue, tmp_path)
    clinician = flat(scripts["small-talk-clinician-script.pdf"])
    client = flat(scripts["small-talk-client-script.pdf"])

    assert "The clinician opens." in clinician and "The clinician again." in clinician
    assert "Client: The client answers first. …" in clinician
    assert "only the client's script holds" not in clinician

    assert "The client answers first. Then the client says something only the client’s script holds." in client
    assert "Clinician (Dr. Ada Example): The clinician opens." in client
    assert "Client: The client answers first." not in client  # own lines carry no cue label


def test_cues_keep_the_dialogue_order(dialogue, tmp_path):
    clinician = flat(build(dialogue, tmp_path)["small-talk-clinician-script.pdf"])
    order = ["The clinician opens.", "Client: The client answers first.", "The clinician again."]
    positions = [clinician.index(line) for line in order]
    assert positions == sorted(positions)


def test_notes_for_everyone_are_in_every_script(dialogue, tmp_path):
    for path in build(dialogue, tmp_path).values():
        script = flat(path)
        assert "ALL PRESENTERS Both speakers pause here." in script


def test_own_lines_are_lectern_size_and_cues_smaller(dialogue, tmp_path):
    path = build(dialogue, tmp_path)["small-talk-clinician-script.pdf"]
    found = all_runs(path)
    own = [r for r in found if "The clinician opens." in r.text]
    everyone = [r for r in found if "Both speakers pause here." in r.text]
    cues = [r for r in found if "The client answers first." in r.text]
    assert own and everyone and cues
    assert all(14 <= r.size <= 16 for r in own + everyone)
    assert all(r.size < 13 for r in cues)


def test_a_speaker_without_lines_on_a_slide_still_sees_it(dialogue, tmp_path):
    clinician = flat(build(dialogue, tmp_path)["small-talk-clinician-script.pdf"])
    quote = clinician[clinician.index("A quote") :]
    assert "Client: I said this once." in quote


# --- the default talk -------------------------------------------------------------------


def test_default_scripts_keep_bracketed_prompts(default_build):
    client = flat(default_build / "love-as-medicine-client-script.pdf")
    clinician = flat(default_build / "love-as-medicine-clinician-script.pdf")
    prompt = "[Client: one sentence introducing yourself – by name or simply by role, whichever you prefer.]"
    assert prompt in client
    assert "Client: And I’m the client. …" in clinician
    assert prompt not in clinician
    assert "[Clinician: one sentence on your training and the setting you work in – only what you wish to share.]" in clinician


def test_default_scripts_cover_all_39_slides(default_build):
    for name in ("clinician", "client"):
        script = flat(default_build / f"love-as-medicine-{name}-script.pdf")
        assert "39 Thank you" in script
        assert "ends at 60:00" in script
        assert f"script for {name.capitalize()}" in script


# --- first sentences --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", ("One.", True)),
        ("Only one sentence.", ("Only one sentence.", False)),
        ("Dr. Ada speaks first. Then.", ("Dr. Ada speaks first.", True)),
        ("She said “stop.” Then left.", ("She said “stop.”", True)),
        ("Really? Yes.", ("Really?", True)),
        (
            "[Client: two sentences. Keep it general.] And more.",
            ("[Client: two sentences. Keep it general.]", True),
        ),
        ("[Client: a prompt.] [Client: another.]", ("[Client: a prompt.]", True)),
        ("No ending at all", ("No ending at all", False)),
    ],
)
def test_first_sentence(text, expected):
    assert first_sentence(text) == expected


def test_long_first_sentences_are_cut_at_a_word():
    sentence, more = first_sentence("word " * 100)
    assert more and len(sentence) <= 180 and sentence.endswith("word")
    assert cue("word " * 100).endswith("word…")
    assert cue("Short. More.") == "Short. …"


def test_a_cue_reads_math_as_its_formula_not_its_tex(tmp_path):
    segment = SEGMENT_ONE.replace("The clinician opens.", r"Growth is $y^2$ over $\frac{a}{b}$ here.")
    talk = make_talk(tmp_path / "talk", segments={"01-opening.md": segment, "02-closing.md": SEGMENT_TWO})
    text = flat(build(talk, tmp_path)["small-talk-client-script.pdf"])
    assert "Clinician (Dr. Ada Example): Growth is y² over a/b here." in text, text


def test_a_cue_reads_a_table_without_its_pipes(tmp_path):
    table = "| Is | Is not |\n|---|---|\n| calm | rushed |"
    segment = SEGMENT_ONE.replace("::: clinician\nThe clinician opens.\n:::", f"::: clinician\n{table}\n:::")
    talk = make_talk(tmp_path / "talk", segments={"01-opening.md": segment, "02-closing.md": SEGMENT_TWO})
    text = flat(build(talk, tmp_path)["small-talk-client-script.pdf"])
    assert "Clinician (Dr. Ada Example): Is · Is not calm · rushed" in text, text
    assert "|" not in text
