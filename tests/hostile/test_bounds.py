"""Input that grows without end meets a bound: each case builds (or is an error at its
line) in bounded time and memory, with a diagnostic, and never a traceback.

Each case changes the small test talk; `build` makes every output but the deck
PDF (the slow tests make that too, with LibreOffice)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import DECK_TOML, make_talk
from tests.hostile.harness import assert_clean, cli
from tests.talk.test_bad_input import SEGMENT

# name -> (the text put in the first slide's body, or a change of the talk; the status; a diagnostic)
IN_THE_BODY = {
    "emphasis nested 20,000 deep": ("*" * 20_000 + "x" + "*" * 20_000, 0, f"{SEGMENT}:9: warning: quotes, lists, emphasis or links nest more than 20 levels deep"),
    "quotes nested 3,000 deep": ("> " * 3_000 + "deep", 0, f"{SEGMENT}:9: warning: quotes, lists, emphasis or links nest more than 20 levels deep"),
    "lists nested 400 deep": ("".join("  " * i + "- x\n" for i in range(400)), 0, "warning: quotes, lists, emphasis or links nest more than 20 levels deep"),
    "*a**a* 50,000 times": ("*a**a*" * 50_000, 0, f"{SEGMENT}:9: warning: a paragraph of more than 10,000 characters or 1,000 styled pieces is cut there"),
    "a code block of 50,000 lines": ("```python\n" + "x = 1\n" * 50_000 + "```", 0, f"{SEGMENT}:9: warning: a code block of 50,000 lines is cut to 400 lines"),
    "a line of code of a megabyte": ("```\n" + "x" * 1_000_000 + "\n```", 0, f"{SEGMENT}:9: warning: a code block of 1 lines is cut to 400 lines of 400 characters"),
    "a table of 5,000 columns": ("|" + "a|" * 5_000 + "\n|" + "-|" * 5_000, 0, f"{SEGMENT}:9: warning: a table is cut to 200 rows of 30 columns"),
    "a table of 5,000 rows": ("| a |\n|---|\n" + "| x |\n" * 5_000, 0, f"{SEGMENT}:9: warning: a table is cut to 200 rows of 30 columns"),
    "sqrt nested 150 deep": ("$" + "\\sqrt{" * 150 + "x" + "}" * 150 + "$", 0, "the formula nests 150 groups inside one another; at most 12 are set"),
    "braces nested 300 deep": ("$$" + "{" * 300 + "x" + "}" * 300 + "$$", 0, "the formula nests 300 groups inside one another; at most 12 are set"),
    "fractions 300 deep without braces": ("$" + "\\frac" * 300 + "ab$", 0, "cannot be set"),
    "a formula of 100,000 characters": ("$" + "x+" * 50_000 + "x$", 0, "the formula is 100,001 characters; at most 2,000 are set"),
}


def _in_the_body(text: str):
    def change(talk: Path) -> None:
        segment = talk / SEGMENT
        segment.write_text(segment.read_text().replace("- Point one\n", text + "\n\n- Point one\n"))

    return change


def _in_the_title(text: str):
    def change(talk: Path) -> None:
        segment = talk / SEGMENT
        segment.write_text(segment.read_text().replace("## First slide {.handout}", f"## First{text}slide {{.handout}}"))

    return change


def _front_matter(old: str, new: str):
    def change(talk: Path) -> None:
        segment = talk / SEGMENT
        segment.write_text(segment.read_text().replace(old, new))

    return change


def _toml(old: str, new: str):
    def change(talk: Path) -> None:
        toml = talk / "deck" / "deck.toml"
        toml.write_text(toml.read_text().replace(old, new))

    return change


def _speakers(count: int):
    def change(talk: Path) -> None:
        toml = talk / "deck" / "deck.toml"
        extra = "".join(f'\n[speakers.s{n}]\nname = "{"Presenter " + str(n)}"\nrole = "Guest"\n' for n in range(count))
        toml.write_text(toml.read_text() + extra)

    return change


BILLION_LAUGHS = (
    'minutes: 4\nlaughs: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"l{n}: &{chr(98 + n)} [*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)},*{chr(97 + n)}]\n" for n in range(8))
)

CASES = {
    **{name: (_in_the_body(text), status, message) for name, (text, status, message) in IN_THE_BODY.items()},
    "100,000 spaces in a slide title": (_in_the_title(" " * 100_000), 0, f"{SEGMENT}:7: warning: a paragraph of more than 10,000 characters"),
    "a slide title of a megabyte": (_in_the_title("x" * 1_000_000), 0, f"{SEGMENT}:7: warning: a paragraph of more than 10,000 characters"),
    "a talk title of a megabyte": (_toml('title = "A Small Talk"', f'title = "{"x" * 1_000_000}"'), 1, "deck/deck.toml:1: error: 'title' is 1,000,000 characters; keep it to 300"),
    "a talk title of 270 characters": (_toml('title = "A Small Talk"', f'title = "{"Title " * 45}"'), 0, "deck/deck.toml: warning: the deck's title property holds 255 characters, not"),
    "a subtitle of 290 characters": (_toml('subtitle = "Testing the build"', f'subtitle = "{"s" * 290}"'), 0, "deck/deck.toml: warning: the deck's subject (the subtitle) property holds 255 characters"),
    "five long credits": (_toml('name = "Dr. Ada Example"', f'name = "{"Ada " * 70}"'), 0, "deck/deck.toml: warning: the deck's author (the presenters) property holds 255 characters"),
    "twenty speakers": (_speakers(20), 0, "deck/deck.toml: warning: the deck's author (the presenters) property holds 255 characters"),
    "a segment title of a megabyte": (_front_matter('title: "Opening"', f'title: "{"x" * 1_000_000}"'), 1, f"{SEGMENT}:2: error: `title` is 1,000,000 characters; keep it to 300"),
    "a YAML alias bomb in minutes": (_front_matter("minutes: 4\n", BILLION_LAUGHS + "minutes: *i\n"), 1, f"{SEGMENT}:5: error: front matter uses a YAML alias (`*name`): write the value out"),
    "a segment file of 3 MB": (_in_the_body("word " * 600_000), 1, f"{SEGMENT}: error: is 2.9 MB; a talk's text file is at most 2 MB: split it"),
}


@pytest.mark.parametrize("change, status, message", CASES.values(), ids=CASES.keys())
def test_input_that_grows_meets_a_bound(tmp_path, change, status, message):
    talk = make_talk(tmp_path / "talk")
    change(talk)
    scratch = tmp_path / "scratch"
    # `build` reads and checks the talk as `check` does; a formula is where check once passed and build failed.
    commands = (("check", talk),) if "formula" in message or "groups" in message else ()
    for command in (*commands, ("build", talk, "--out", tmp_path / "out")):
        ran = cli(*command, scratch=scratch, seconds=60)
        assert_clean(ran, scratch, status=status, seconds=60, peak_mb=800)
        assert message in ran.output, ran.output[-3000:]
        assert max(map(len, ran.output.splitlines())) < 2_000, "a value was quoted whole"
    if status == 0:
        assert {p.name for p in (tmp_path / "out").iterdir() if p.is_file()} >= {
            "small-talk-client-script.pdf",
            "small-talk-clinician-script.pdf",
            "small-talk-handout.pdf",
            "small-talk-run-of-show.csv",
            "small-talk-run-of-show.md",
            "small-talk.pptx",
        }


@pytest.mark.slow
@pytest.mark.parametrize("name", ["*a**a* 50,000 times", "a code block of 50,000 lines", "a table of 5,000 columns"])
def test_libreoffice_converts_what_the_bounds_leave(tmp_path, libreoffice, name):
    text, _, message = IN_THE_BODY[name]
    talk = make_talk(tmp_path / "talk")
    _in_the_body(text)(talk)
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", "--only", "pptx,deck-pdf", scratch=scratch, env={"SOFFICE": libreoffice}, seconds=240)
    assert_clean(ran, scratch, status=0, seconds=240, peak_mb=800)
    assert (tmp_path / "out" / "small-talk-deck.pdf").is_file()


def test_the_alias_bomb_is_an_alias_bomb():
    """Control: the front matter above expands to 9**9 strings when aliases are followed."""
    import yaml

    count = yaml.safe_load(BILLION_LAUGHS.replace("minutes: 4\n", "") + "x: *c\n")["x"]
    assert len(count) == 9 and len(count[0]) == 9 and len(count[0][0]) == 9
    assert re.search(r"l7: &i", BILLION_LAUGHS)
