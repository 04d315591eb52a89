"""The progress bar: shown on a terminal after a second, silent elsewhere."""

from __future__ import annotations

import io

from segue.build.progress import BuildProgress
from tests.helpers import cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_output_is_not_a_terminal(talk, tmp_path):
    result = cli("build", talk, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert "building" not in result.output and "%" not in result.output


def test_a_quick_build_shows_no_bar_even_on_a_terminal():
    screen = Terminal()
    progress = BuildProgress(total=10, file=screen, delay=60)
    progress.advance(10)
    progress.close()
    assert screen.getvalue() == ""


def test_a_slow_build_shows_the_bar_on_a_terminal():
    screen = Terminal()
    progress = BuildProgress(total=10, file=screen, delay=0)
    progress.advance(3, label="pptx")
    progress.advance(7)
    progress.close()
    assert "100%" in screen.getvalue()
