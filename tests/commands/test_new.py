"""`new`: a talk to start from, with options or answering prompts in a terminal; it builds
with no warning, and it never writes into a folder that holds something."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import REPO, cli


def builds_cleanly(root: Path, tmp_path: Path) -> None:
    result = cli("build", root, "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.output
    assert ": warning:" not in result.output


def test_new_with_options_asks_nothing_and_builds_cleanly(tmp_path):
    root = tmp_path / "panel"
    result = cli(
        "new", root, "--title", "Panel: Safety First", "--minutes", "45",
        "--speakers", "moderator:Moderator,peer:Peer supporter,researcher",
        "--segment", "Welcome:5", "--segment", "Stories: what happened:25", "--segment", "Questions:15", "--paper", "A4",
    )
    assert result.exit_code == 0, result.output
    toml = (root / "deck" / "deck.toml").read_text()
    assert 'title = "Panel: Safety First"' in toml and "duration = 45" in toml and 'paper = "a4"' in toml
    assert '[speakers.researcher]\nrole = "Researcher"' in toml
    segments = sorted(p.name for p in (root / "deck").glob("*.md"))
    assert segments == ["01-welcome.md", "02-stories-what-happened.md", "03-questions.md", "_examples.md"]
    assert 'title: "Stories: what happened"' in (root / "deck" / "02-stories-what-happened.md").read_text()
    builds_cleanly(root, tmp_path)


def test_the_examples_draft_builds_cleanly_as_a_segment(tmp_path):
    root = tmp_path / "t"
    assert cli("new", root, "--minutes", "30", "--segments", "2").exit_code == 0
    examples = root / "deck" / "_examples.md"
    (root / "deck" / "09-examples.md").write_text(examples.read_text())
    toml = root / "deck" / "deck.toml"
    toml.write_text(toml.read_text().replace("duration = 30", "duration = 35"))
    result = cli("check", root, "--strict")
    assert result.exit_code == 0, result.output


def test_new_refuses_a_folder_that_holds_something(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    result = cli("new", tmp_path / "full", "--minutes", "20")
    assert result.exit_code == 1 and "is not an empty folder" in result.output
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["notes.txt"]


def test_new_reports_segments_that_do_not_add_up(tmp_path):
    result = cli("new", tmp_path / "t", "--minutes", "30", "--segment", "One:10", "--segment", "Two:10")
    assert result.exit_code == 1 and "add up to 20 minutes, not the talk's 30" in result.output
    assert not (tmp_path / "t").exists()


def test_new_in_a_terminal_asks_for_what_is_missing(tmp_path):
    """Through a pseudo-terminal, as a presenter types the answers."""
    root = tmp_path / "asked"
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "new", str(root), "--paper", "letter"],
        stdin=secondary, stdout=secondary, stderr=secondary, env={**os.environ, "PYTHONPATH": str(REPO)}, close_fds=True,
    )
    os.close(secondary)
    answers = {
        "Title": "Asked For",
        "Minutes in the slot": "20",
        "Speakers": "host:Host,guest:Guest",
        "How many segments": "2",
    }
    seen = b""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        seen += chunk
        for prompt, answer in list(answers.items()):
            if prompt.encode() in seen.split(b"\n")[-1]:
                os.write(primary, answer.encode() + b"\n")
                del answers[prompt]
    process.wait(timeout=30)
    os.close(primary)
    assert process.returncode == 0, seen.decode(errors="replace")
    assert not answers, f"never asked for {list(answers)}: {seen.decode(errors='replace')}"
    toml = (root / "deck" / "deck.toml").read_text()
    assert 'title = "Asked For"' in toml and "duration = 20" in toml and "[speakers.guest]" in toml
    builds_cleanly(root, tmp_path)
