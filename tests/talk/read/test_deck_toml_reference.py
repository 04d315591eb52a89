"""docs/deck-toml.md names every key the reader accepts, and no other."""

from __future__ import annotations

import re

from segue.talk.model import GENERATED_LAYOUTS, LAYOUTS
from segue.talk.read import config
from tests.helpers import REPO


def documented() -> dict[str, set[str]]:
    tables: dict[str, set[str]] = {}
    current = None
    for line in (REPO / "docs" / "deck-toml.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (.+)$", line)
        if heading:
            current = heading.group(1).strip()
            tables[current] = set()
        row = re.match(r"^\| `([^`]+)` \|", line)
        if row and current is not None:
            tables[current].add(row.group(1))
    return tables


def test_the_reference_lists_exactly_the_keys_the_reader_knows():
    tables = documented()
    assert tables["Top level"] == config._TOP_KEYS
    assert tables["[speakers.<id>]"] == config._SPEAKER_KEYS
    assert tables["[theme]"] == config._THEME_KEYS
    assert tables["[theme.layouts]"] == set(LAYOUTS) | set(GENERATED_LAYOUTS)
    assert tables["[handout]"] == config._HANDOUT_KEYS


def test_the_readme_links_the_reference():
    assert "docs/deck-toml.md" in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_reference_says_how_to_name_a_master_and_its_layout():
    text = (REPO / "docs" / "deck-toml.md").read_text(encoding="utf-8")
    section = text[text.index("## [theme.layouts]") : text.index("## [handout]")]
    assert '"Master name / Layout name"' in section and '"Master N"' in section
    example = section[section.index("```toml") : section.index("```", section.index("```toml") + 3)]
    assert 'content = "Master 3 / Title, Content"' in example  # the form the build's test of LibreOffice's templates uses
