"""Bad input: a diagnostic with file and line, exit 1, no traceback, earlier outputs untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import SEGMENT_ONE, cli, write

SEGMENT = "deck/01-opening.md"


def segment_with(talk: Path, text: str) -> None:
    write(talk / SEGMENT, text)


def replace_in_segment(talk: Path, old: str, new: str) -> None:
    text = (talk / SEGMENT).read_text()
    assert old in text
    segment_with(talk, text.replace(old, new))


def picture_ref(talk: Path, ref: str) -> None:
    replace_in_segment(talk, "(assets/square.png)", f"({ref})")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# (name, how to break the talk, expected diagnostic text)
CASES = [
    ("missing deck.toml", lambda t: (t / "deck" / "deck.toml").unlink(), "deck/deck.toml: error: missing deck/deck.toml"),
    ("invalid TOML", lambda t: write(t / "deck" / "deck.toml", 'title = "x"\nduration = = 3\n'), "deck/deck.toml:2: error: invalid TOML"),
    ("invalid YAML", lambda t: segment_with(t, "---\ntitle: x\nminutes: [4\n---\n\n## A\n"), f"{SEGMENT}:3: error: invalid YAML"),
    ("front matter not a mapping", lambda t: segment_with(t, "---\njust text\n---\n\n## A\n"), f"{SEGMENT}:2: error: front matter must be `key: value` lines"),
    ("missing minutes", lambda t: segment_with(t, "---\ntitle: x\n---\n\n## A\n"), f"{SEGMENT}:1: error: front matter has no `minutes`"),
    ("non-numeric minutes", lambda t: replace_in_segment(t, "minutes: 4", "minutes: four"), f"{SEGMENT}:3: error: `minutes` must be a number"),
    ("non-positive minutes", lambda t: replace_in_segment(t, "minutes: 4", "minutes: 0"), f"{SEGMENT}:3: error: `minutes` must be a positive number"),
    ("unknown speaker", lambda t: replace_in_segment(t, "::: client\n", "::: guest\n"), f"{SEGMENT}:18: error: unknown container `::: guest`"),
    ("unknown layout", lambda t: replace_in_segment(t, "{layout=image}", "{layout=hero}"), f"{SEGMENT}:28: error: unknown layout 'hero'"),
    ("unclosed container", lambda t: replace_in_segment(t, "Both speakers pause here.\n:::", "Both speakers pause here."), f"{SEGMENT}:32: error: `::: notes` is never closed"),
    ("malformed attributes", lambda t: replace_in_segment(t, "{layout=image}", '{layout="image}'), f"{SEGMENT}:28: error: malformed attributes"),
    ("malformed time", lambda t: replace_in_segment(t, "{layout=image}", "{time=2x}"), f"{SEGMENT}:28: error: malformed time '2x'"),
    ("segment with no slides", lambda t: segment_with(t, "---\ntitle: x\nminutes: 4\n---\n"), f"{SEGMENT}:1: error: the segment has no slides"),
    ("no segments", lambda t: [p.unlink() for p in (t / "deck").glob("*.md")], "deck: error: no segments"),
    ("not UTF-8", lambda t: (t / SEGMENT).write_bytes("---\ntitle: x\nminutes: 4\n---\n\n## Caf\xe9\n".encode("latin-1")), f"{SEGMENT}:6: error: the file is not UTF-8 text"),
    ("missing image", lambda t: picture_ref(t, "assets/none.png"), f"{SEGMENT}:30: error: image 'assets/none.png' not found"),
    ("image is a directory", lambda t: ((t / "assets" / "folder.png").mkdir(), picture_ref(t, "assets/folder.png")), f"{SEGMENT}:30: error: image 'assets/folder.png' is a directory"),
    ("corrupt image", lambda t: ((t / "assets" / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken"), picture_ref(t, "assets/bad.png")), f"{SEGMENT}:30: error: image 'assets/bad.png': "),
    ("unsupported format", lambda t: (write(t / "assets" / "notes.txt", "hello"), picture_ref(t, "assets/notes.txt")), f"{SEGMENT}:30: error: image 'assets/notes.txt' is not a picture format"),
    ("pixel bomb", lambda t: (Image.new("1", (12000, 6000)).save(t / "assets" / "bomb.png"), picture_ref(t, "assets/bomb.png")), f"{SEGMENT}:30: error: image 'assets/bomb.png': "),
    ("dot-dot path", lambda t: picture_ref(t, "../outside.png"), f"{SEGMENT}:30: error: image '../outside.png' leaves the talk folder"),
    ("absolute path", lambda t: picture_ref(t, "/etc/hostname"), f"{SEGMENT}:30: error: image '/etc/hostname' is an absolute path"),
    ("URL", lambda t: picture_ref(t, "https://example.org/x.png"), f"{SEGMENT}:30: error: image 'https://example.org/x.png' is a URL"),
]


def _symlink_out(talk: Path) -> None:
    outside = talk.parent / "outside.png"
    Image.new("RGB", (10, 10)).save(outside)
    os.symlink(outside, talk / "assets" / "link.png")
    picture_ref(talk, "assets/link.png")


CASES.append(("symlink out", _symlink_out, f"{SEGMENT}:30: error: image 'assets/link.png' is a link that leads out of the talk folder"))


@pytest.fixture
def built(talk: Path, tmp_path: Path):
    """A talk with good outputs from an earlier build."""
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx,run-of-show")
    assert result.exit_code == 0, result.output
    return talk, out, snapshot(out)


@pytest.mark.parametrize("name, breaker, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_a_diagnostic_and_earlier_outputs_stay(built, name, breaker, expected):
    talk, out, before = built
    breaker(talk)
    result = cli("build", talk, "--out", out, "--only", "pptx,run-of-show")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert expected in result.output, result.output
    assert snapshot(out) == before


def test_missing_talk_folder_is_a_diagnostic(tmp_path):
    result = cli("build", tmp_path / "no-such-talk")
    assert result.exit_code == 1
    assert f"{tmp_path / 'no-such-talk'}: error: talk folder not found" in result.output


@pytest.mark.parametrize("folder", ["deck", "assets", "handouts", "deck/sub"])
def test_out_inside_a_source_folder_is_refused(talk, folder):
    result = cli("build", talk, "--out", talk / folder)
    assert result.exit_code == 1
    assert f"error: --out must not be inside the talk's {folder.split('/')[0]}/ folder" in result.output
    assert not (talk / folder / "small-talk.pptx").exists()


def test_all_errors_are_reported_in_one_run(built):
    talk, out, before = built
    for _, breaker, _ in [CASES[6], CASES[7], CASES[8], CASES[15]]:
        breaker(talk)
    result = cli("build", talk, "--out", out)
    for _, _, expected in [CASES[6], CASES[7], CASES[8], CASES[15]]:
        assert expected in result.output
    assert snapshot(out) == before


def test_control_characters_are_removed_with_a_warning(talk, tmp_path):
    write(talk / SEGMENT, SEGMENT_ONE.replace("## First slide", "## First\x1b slide\x07"))
    result = cli("build", talk, "--out", tmp_path / "out", "--only", "pptx")
    assert result.exit_code == 0, result.output
    assert f"{SEGMENT}:7: warning: 2 control character(s) or noncharacter(s) such as U+001B removed" in result.output
