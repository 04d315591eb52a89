"""`watch` shows a warning the first time it appears; later saves show what is new and
count the warnings still standing."""

from __future__ import annotations

import time

import pytest

from segue.build.pipeline import BuildOptions
from segue.build.watch import WatchSession
from tests.build.test_watch import Watcher
from tests.helpers import SEGMENT_ONE, SEGMENT_TWO, make_talk, write

SEVEN_BULLETS = "\n".join(f"- bullet {n}" for n in range(1, 8))
# A look warning (read stage) and an accessibility warning (found while the deck is arranged).
WARNED = SEGMENT_ONE.replace("- Point one\n", f"{SEVEN_BULLETS}\n- Point one\n").replace(
    "[a link](https://example.org)", "https://example.org/a-bare-address"
)


def session_of(tmp_path):
    talk = make_talk(tmp_path / "talk", segments={"01-opening.md": WARNED, "02-closing.md": SEGMENT_TWO})
    said: list[str] = []
    out = tmp_path / "out"
    session = WatchSession(talk, out, BuildOptions(only=("pptx", "run-of-show"), cache_dir=out / ".cache"), lambda line, error: said.append(line))
    return talk, session, said


def save(session, said) -> list[str]:
    said.clear()
    session.build()
    return [line for line in said if not line.startswith("rebuilt in") and not line.startswith("not rebuilt")]


def warnings(lines):
    return [line for line in lines if ": warning: " in line]


def test_a_warning_is_shown_once_then_counted(tmp_path):
    talk, session, said = session_of(tmp_path)
    first = save(session, said)
    assert len(warnings(first)) == 2, first
    assert any("bullets on one slide" in line for line in first) and any("is its address" in line for line in first)
    assert not any("as before" in line for line in first)

    again = save(session, said)
    assert again == ["2 warnings as before"]


def test_only_a_new_warning_is_shown_and_a_moved_one_is_not_new(tmp_path):
    talk, session, said = session_of(tmp_path)
    save(session, said)
    segment = talk / "deck" / "01-opening.md"
    # Three lines added above both warnings: their lines move, they are not new.
    text = segment.read_text().replace("## First slide {.handout}\n", "## First slide {.handout}\n\nAn opening line.\n\n")
    write(segment, text)
    assert save(session, said) == ["2 warnings as before"]
    # A second bare address on the next slide: the one new warning, at its line.
    write(segment, text.replace("::: notes\nBoth", "See https://example.org/another\n\n::: notes\nBoth"))
    lines = save(session, said)
    assert len(warnings(lines)) == 1 and "'https://example.org/another' is its address" in lines[0], lines
    assert lines[-1] == "2 warnings as before"


def test_a_save_with_an_error_then_its_fix_shows_no_warning_again(tmp_path):
    talk, session, said = session_of(tmp_path)
    save(session, said)
    segment = talk / "deck" / "01-opening.md"
    write(segment, WARNED.replace("{layout=image}", "{layout=nope}"))
    broken = save(session, said)
    assert any(": error: unknown layout 'nope'" in line for line in broken)
    assert not warnings(broken)
    write(segment, WARNED)
    assert save(session, said) == ["2 warnings as before"]


def test_a_warning_that_was_fixed_and_comes_back_is_shown_again(tmp_path):
    talk, session, said = session_of(tmp_path)
    save(session, said)
    segment = talk / "deck" / "01-opening.md"
    write(segment, WARNED.replace(SEVEN_BULLETS + "\n", ""))
    assert save(session, said) == ["1 warning as before"]
    write(segment, WARNED)
    lines = save(session, said)
    assert len(warnings(lines)) == 1 and "bullets on one slide" in lines[0]


@pytest.mark.slow
def test_the_watch_command_does_not_repeat_warnings(tmp_path):
    talk, _, _ = session_of(tmp_path)
    watcher = Watcher(talk, tmp_path / "watched")
    try:
        first = watcher.wait_for("watching")
        assert len(warnings(first)) == 2, first
        segment = talk / "deck" / "01-opening.md"
        time.sleep(0.5)  # the watcher has started watching
        write(segment, segment.read_text().replace("bullet 1", "bullet one"))
        second = watcher.wait_for("rebuilt in")
        assert not warnings(second) and "2 warnings as before" in second, second
    finally:
        watcher.stop()
