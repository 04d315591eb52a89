"""Warnings a presenter can clear: a code block that fits is not warned about (and one that
does not says how many lines fit, truly), a URL meant to be read out is not a link-text
warning, so `--strict` passes on honest talks."""

from __future__ import annotations

import re

import pytest

from tests.helpers import REPO, cli, make_talk

CODE_WARNING = re.compile(r"the code block has (\d+) lines(?:, (\d+) once its long lines wrap)?; (\d+) fit its box on this slide at 18 pt and lines? [\d–]+ (?:is|are) left out")


def talk_of(tmp_path, slides: list[str], minutes: int = 10):
    front = f"---\ntitle: Only\nminutes: {minutes}\n---\n\n"
    toml_minutes = minutes
    from tests.helpers import DECK_TOML

    toml = DECK_TOML.replace("duration = 10", f"duration = {toml_minutes}")
    return make_talk(tmp_path, {"01-only.md": front + "\n\n---\n\n".join(slides) + "\n"}, toml=toml)


def code_slide(bullets: int, lines: int, width: int = 12) -> str:
    points = "\n".join(f"- point {n}" for n in range(bullets))
    code = "\n".join(f"value_{n} = {n}".ljust(width, " ").rstrip() + ("  # " + "x" * (width - 14) if width > 14 else "") for n in range(lines))
    return f"## {bullets} points, {lines} lines\n\n{points}\n\n```python\n{code}\n```"


def code_warnings(root) -> list[tuple[int, int | None, int]]:
    result = cli("check", root)
    return [(int(a), int(b) if b else None, int(c)) for a, b, c in CODE_WARNING.findall(result.output)]


@pytest.mark.parametrize("bullets", [0, 2, 4])
def test_a_code_block_is_warned_about_exactly_when_it_does_not_fit_and_says_how_many_do(tmp_path, bullets):
    """Under the same text, blocks of 3 to 20 lines: the first warned says R fit (and the
    rest are left out); the block of R lines is not warned about, and every longer one is, naming R."""
    root = talk_of(tmp_path / "t", [code_slide(bullets, n) for n in range(3, 21)], minutes=20)
    warned = code_warnings(root)
    assert warned, "20 lines of code under text fit no slide"
    first, _, room = warned[0]
    assert room == first - 1, warned
    assert [w[0] for w in warned] == list(range(first, 21))
    assert all(r == room for _, _, r in warned)


def test_long_lines_that_wrap_are_counted(tmp_path):
    long_lines = [code_slide(0, 9, width=150)]
    warned = code_warnings(talk_of(tmp_path / "t", long_lines))
    assert len(warned) == 1
    written, wrapped, shown = warned[0]
    # Each line wraps in three: fewer of the written lines fit than would unwrapped.
    assert written == 9 and wrapped is not None and wrapped > written > shown > 0


LINKS_MEANT_TO_BE_READ = """## Where to find us

The slides: <https://example.org/slides>

Scan it: [https://example.org/survey](https://example.org/survey){qr}"""

CODE_THAT_FITS = """## The arithmetic

Time left in a segment:

```python
def minutes_left(planned, spoken):
    \"\"\"What is left of a segment.\"\"\"
    return max(0, planned - spoken)

print(minutes_left(20, 12))
print(minutes_left(5, 7))
```"""


def test_strict_passes_on_a_talk_with_a_fitting_code_block_and_urls_meant_to_be_read(tmp_path):
    root = talk_of(tmp_path / "t", [LINKS_MEANT_TO_BE_READ, CODE_THAT_FITS])
    result = cli("build", root, "--strict", "--only", "pptx,handout")
    assert result.exit_code == 0, result.output
    assert ": warning:" not in result.output


@pytest.mark.parametrize(
    "body",
    ["Read https://example.org/paper today.", "Read [https://example.org/paper](https://example.org/paper) today."],
)
def test_a_bare_or_bracketed_address_is_still_a_warning_that_says_how_to_mark_it(tmp_path, body):
    result = cli("check", talk_of(tmp_path / "t", [f"## A slide\n\n{body}"]))
    assert "link text 'https://example.org/paper' is its address" in result.output
    assert "or write <https://example.org/paper> when the address is meant to be read out" in result.output


def test_strict_passes_on_the_default_talk(tmp_path):
    result = cli("build", REPO, "--strict", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert ": warning:" not in result.output


@pytest.mark.slow
def test_strict_passes_on_a_new_talk_and_on_its_examples_built_as_a_segment(tmp_path):
    root = tmp_path / "new"
    assert cli("new", root, "--title", "Panel: Safety First", "--minutes", "30", "--speakers", "a:A,b:B", "--segments", "2").exit_code == 0
    result = cli("build", root, "--strict")
    assert result.exit_code == 0 and ": warning:" not in result.output, result.output
    examples = root / "deck" / "_examples.md"
    examples.rename(root / "deck" / "03-examples.md")
    toml = root / "deck" / "deck.toml"
    toml.write_text(toml.read_text().replace("duration = 30", "duration = 35"))
    result = cli("build", root, "--strict")
    assert result.exit_code == 0 and ": warning:" not in result.output, result.output
    assert "<https://example.org/slides>" in (root / "deck" / "03-examples.md").read_text()
