"""What a talk's markdown may not carry into an output: links other than web and mail
addresses, the content of <script> and <style>, a speaker id that is not one;
and `new` writes only a talk `check` accepts."""

from __future__ import annotations

import re

import pytest

from tests.helpers import DECK_TOML, make_talk
from tests.hostile.harness import assert_clean, cli, planted
from tests.talk.test_bad_input import SEGMENT

LINKS = {
    "javascript": "[press](javascript:alert('CANARY-LINK'))",
    "javascript, upper case": "[press](JavaScript:alert('CANARY-LINK'))",
    "file": "[notes](file:///home/ada/CANARY-LINK.txt)",
    "data": "[x](data:text/html;base64,Q0FOQVJZLUxJTks=CANARY-LINK)",
    "vbscript": "[x](vbscript:CANARY-LINK)",
    "an autolink": "<javascript:alert('CANARY-LINK')>",
}


def talk_with(tmp_path, markdown: str):
    """The test talk with `markdown` put before the first slide's first point."""
    talk = make_talk(tmp_path / "talk")
    segment = talk / SEGMENT
    segment.write_text(segment.read_text().replace("- Point one\n", f"{markdown}\n\n- Point one\n"))
    return talk


@pytest.mark.parametrize("link", LINKS.values(), ids=LINKS.keys())
def test_a_link_that_is_not_to_the_web_or_mail_is_left_out_with_a_warning(tmp_path, link):
    talk = talk_with(tmp_path, f"Point {link}")
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", scratch=scratch)
    assert_clean(ran, scratch, status=0)
    assert f"{SEGMENT}:9: warning: a link to " in ran.output and "only http, https and mailto links are kept" in ran.output, ran.output
    assert planted(tmp_path / "out", ["CANARY-LINK", "javascript:", "vbscript:", "Q0FOQVJZ"]) == []


HIDDEN = {
    "inline script": "Before <script>CANARY-SCRIPT()</script> after.",
    "inline style": "Before <style>.CANARY-STYLE { color: red }</style> after.",
    "script block": "<script>\nCANARY-SCRIPT()\n</script>",
    "style block": "<style>\n.CANARY-STYLE { color: red }\n</style>",
    "script in a div": "<div>\n<script>CANARY-SCRIPT()</script>\n</div>",
}


@pytest.mark.parametrize("markup", HIDDEN.values(), ids=HIDDEN.keys())
def test_what_script_and_style_hold_is_left_out_with_a_warning(tmp_path, markup):
    talk = talk_with(tmp_path, markup)
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", scratch=scratch)
    assert_clean(ran, scratch, status=0)
    assert f"{SEGMENT}:9: warning: raw HTML" in ran.output, ran.output
    assert planted(tmp_path / "out", ["CANARY-SCRIPT", "CANARY-STYLE"]) == []
    if "Before" in markup:
        assert planted(tmp_path / "out", ["Before"]) and planted(tmp_path / "out", ["after."])  # the text around it is kept


@pytest.mark.parametrize("speaker_id", ["clinician\\n", "clinician\\r", "clinician\\t", "Clinician", "notes", "a" * 41])
def test_a_speaker_id_is_matched_in_full(tmp_path, speaker_id):
    toml = DECK_TOML.replace("[speakers.clinician]", f'[speakers."{speaker_id}"]')
    talk = make_talk(tmp_path / "talk", toml=toml)
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", scratch=scratch)
    assert_clean(ran, scratch, status=1)
    assert re.search(r"deck/deck.toml:\d+: error: speaker id '", ran.output), ran.output
    assert not (tmp_path / "out").exists()


NEW_TALKS = {
    "a day and more": (["--minutes", "100000", "--segments", "2"], 2, "100000 is not in the range"),
    "too many segments": (["--minutes", "600", "--segments", "500"], 2, "500 is not in the range"),
    "a title no slide can show": (["--minutes", "10", "--segments", "2", "--title", "T" * 400], 1, "'title' is 400 characters"),
    "a speaker id with a newline": (["--minutes", "10", "--segments", "2", "--speakers", "ho\nst:Host"], 1, "speaker id 'ho\\nst'"),
    "a reserved speaker id": (["--minutes", "10", "--segments", "2", "--speakers", "notes:Notes"], 1, "speaker id 'notes'"),
    "a segment title with a newline": (["--minutes", "10", "--segment", "Intro\n---\nminutes: 99:10"], 1, "the talk would not build"),
}


@pytest.mark.parametrize("options, status, message", NEW_TALKS.values(), ids=NEW_TALKS.keys())
def test_new_writes_only_a_talk_check_accepts(tmp_path, options, status, message):
    scratch = tmp_path / "scratch"
    ran = cli("new", tmp_path / "talk", "--speakers", "host:Host", *options, scratch=scratch) if "--speakers" not in options else cli(
        "new", tmp_path / "talk", *options, scratch=scratch
    )
    assert_clean(ran, scratch, status=status)
    assert message in ran.output, ran.output
    assert not (tmp_path / "talk").exists()


def test_new_writes_a_talk_that_builds(tmp_path):
    """Control: the checks above refuse what check refuses, not everything."""
    scratch = tmp_path / "scratch"
    ran = cli("new", tmp_path / "talk", "--minutes", "1440", "--segments", "99", "--speakers", "host:Host", "--title", "T" * 300, scratch=scratch)
    assert_clean(ran, scratch, status=0)
    ran = cli("check", tmp_path / "talk", scratch=scratch)
    assert_clean(ran, scratch, status=0)
