"""Relationship references in built decks, including the cases that once broke them."""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from tests.helpers import DECK_TOML, cli, make_talk
from tests.render.pptx.references import unresolved_references


def test_a_picture_identical_to_any_other_keeps_its_own_reference(tmp_path):
    """A 1×1 white PNG (what a placeholder image would be) and two equal pictures on one slide."""
    segment = "---\ntitle: One\nminutes: 10\n---\n\n## Dots\n\n![A white dot](assets/dot.png) ![The same dot](assets/dot2.png)\n"
    root = make_talk(tmp_path / "t", {"01-one.md": segment}, toml=DECK_TOML)
    for name in ("dot.png", "dot2.png"):
        Image.new("RGB", (1, 1), "white").save(root / "assets" / name)
    out = tmp_path / "out"
    result = cli("build", root, "--out", out, "--only", "pptx")
    assert result.exit_code == 0, result.output
    data = (out / "small-talk.pptx").read_bytes()
    assert unresolved_references(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        media = [n for n in package.namelist() if n.startswith("ppt/media/")]
    assert len(media) == 1  # the two equal pictures share one image part


def test_the_walk_finds_a_dangling_reference(tmp_path, default_pptx):
    """Control: a reference to a relationship that is not there is reported."""
    source = default_pptx.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(buffer, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "ppt/slides/slide4.xml":
                data = data.replace(b'r:embed="rId2"', b'r:embed="rId99"', 1)
            new.writestr(item, data)
    problems = unresolved_references(buffer.getvalue())
    assert any("slide4.xml" in p and "rId99" in p for p in problems), problems
