"""Every problem in a talk is `path:line: severity: message`, all reported in one run."""

from __future__ import annotations

import json

import pytest

from tests.helpers import SEGMENT_ONE, cli, make_talk, write


def check(talk, *args):
    result = cli("check", talk, *args)
    return result.exit_code, result.stdout if "json" in args else result.output


def broken_segment(talk, text: str, name: str = "01-opening.md"):
    write(talk / "deck" / name, text)


def test_a_clean_talk_checks_ok(talk):
    code, output = check(talk)
    assert code == 0, output
    assert "ok:" in output


def test_missing_deck_toml(talk):
    (talk / "deck" / "deck.toml").unlink()
    code, output = check(talk)
    assert code == 1
    assert "deck/deck.toml: error: missing deck/deck.toml" in output


def test_missing_talk_folder(tmp_path):
    code, output = check(tmp_path / "nowhere")
    assert code == 1
    assert "error: talk folder not found" in output
    assert "Traceback" not in output


def test_invalid_toml_names_its_line(talk):
    write(talk / "deck" / "deck.toml", 'title = "X"\nduration = 10\n[speakers.a]\nrole = \n')
    code, output = check(talk)
    assert code == 1
    assert "deck/deck.toml:4: error: invalid TOML" in output


def test_invalid_front_matter_yaml(talk):
    broken_segment(talk, "---\ntitle: [unclosed\nminutes: 4\n---\n\n## A\n")
    code, output = check(talk)
    assert code == 1
    assert "deck/01-opening.md:3: error: invalid YAML in front matter" in output


def test_front_matter_must_be_a_mapping(talk):
    broken_segment(talk, "---\n- just\n- a list\n---\n\n## A\n")
    code, output = check(talk)
    assert "deck/01-opening.md:2: error: front matter must be `key: value` lines" in output


@pytest.mark.parametrize(
    "front, expected",
    [
        ("minutes: 4", "deck/01-opening.md:1: error: front matter has no `title`"),
        ("title: X", "deck/01-opening.md:1: error: front matter has no `minutes`"),
        ("title: X\nminutes: soon", "deck/01-opening.md:3: error: `minutes` must be a number"),
        ("title: X\nminutes: -2", "deck/01-opening.md:3: error: `minutes` must be a positive number"),
    ],
)
def test_missing_or_bad_title_and_minutes(talk, front, expected):
    broken_segment(talk, f"---\n{front}\n---\n\n## A\n")
    code, output = check(talk)
    assert code == 1
    assert expected in output


def test_unknown_speaker_container(talk):
    broken_segment(talk, SEGMENT_ONE.replace("::: client\nThe client answers.", "::: narrator\nWho?"))
    code, output = check(talk)
    assert code == 1
    assert "deck/01-opening.md:18: error: unknown container `::: narrator`" in output
    assert "clinician, client" in output


def test_unknown_layout(talk):
    broken_segment(talk, SEGMENT_ONE.replace("## Second slide {layout=image}", "## Second slide {layout=fancy}"))
    code, output = check(talk)
    assert code == 1
    assert "deck/01-opening.md:28: error: unknown layout 'fancy'" in output


def test_missing_image(talk):
    (talk / "assets" / "square.png").unlink()
    code, output = check(talk)
    assert code == 1
    assert "deck/01-opening.md:30: error: image 'assets/square.png' not found" in output


def test_unknown_lead_speaker(talk):
    broken_segment(talk, SEGMENT_ONE.replace("lead: [clinician]", "lead: [host]"))
    code, output = check(talk)
    assert "deck/01-opening.md:4: error: unknown speaker 'host' in `lead`" in output


def test_all_problems_are_reported_in_one_run(talk):
    (talk / "assets" / "square.png").unlink()
    broken_segment(talk, SEGMENT_ONE.replace("{layout=image}", "{layout=fancy}").replace("::: client", "::: narrator"))
    write(talk / "deck" / "02-closing.md", "---\ntitle: X\n---\n\n## A\n")
    code, output = check(talk)
    assert code == 1
    assert "unknown layout" in output
    assert "unknown container" in output
    assert "not found" in output
    assert "deck/02-closing.md:1: error: front matter has no `minutes`" in output


def test_json_format(talk):
    broken_segment(talk, SEGMENT_ONE.replace("{layout=image}", "{layout=fancy}"))
    code, output = check(talk, "--format", "json")
    assert code == 1
    data = json.loads(output)
    assert data["errors"] == 1
    [item] = [d for d in data["diagnostics"] if d["severity"] == "error"]
    assert item == {
        "path": "deck/01-opening.md",
        "line": 28,
        "severity": "error",
        "message": item["message"],
    }
    assert item["message"].startswith("unknown layout 'fancy'")


def test_build_with_errors_exits_1_without_traceback_or_output(talk, tmp_path):
    broken_segment(talk, SEGMENT_ONE.replace("{layout=image}", "{layout=fancy}"))
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert not out.exists()


def test_warnings_fail_only_with_strict(talk):
    broken_segment(talk, SEGMENT_ONE.replace("![A calm square picture]", "![]"))
    code, output = check(talk)
    assert code == 0
    assert "deck/01-opening.md:30: warning: image 'assets/square.png' has no alt text" in output
    code, _ = check(talk, "--strict")
    assert code == 1


def test_check_reports_text_that_will_not_fit_as_build_does(tmp_path):
    long_title = "## " + " ".join(["Attunement"] * 60)
    segment = f"---\ntitle: Only\nminutes: 10\n---\n\n{long_title}\n\nText.\n"
    root = make_talk(tmp_path / "t", {"01-only.md": segment})
    result = cli("check", root)
    assert "deck/01-only.md:6: warning: the text of slide" in result.output
    assert result.exit_code == 0
    assert cli("check", root, "--strict").exit_code == 1
