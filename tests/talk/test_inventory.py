"""`python build.py assets`: every asset with its uses, sizes, and what is missing or unused."""

from __future__ import annotations

from tests.helpers import SEGMENT_ONE, cli, picture, write


def test_assets_lists_uses_sizes_missing_and_unused(talk):
    picture(talk / "assets" / "unused.png", size=(10, 10))
    picture(talk / "assets" / "logo.png", size=(200, 100))
    toml = talk / "deck" / "deck.toml"
    write(toml, toml.read_text() + '\n[theme]\nlogo = "assets/logo.png"\n')
    write(
        talk / "deck" / "01-opening.md",
        SEGMENT_ONE + "\n---\n\n## Again\n\n![The square again](assets/square.png)\n\n![Gone](assets/gone.png)\n",
    )
    result = cli("assets", talk)
    assert result.exit_code == 1  # the missing picture is an error
    out = result.output
    assert "assets/square.png  " in out and "320×320" in out
    assert "deck/01-opening.md:30  (slide 5)" in out
    assert "deck/01-opening.md:40  (slide 6)" in out
    assert "assets/logo.png" in out and "200×100" in out and "(logo)" in out
    missing = out.split("missing:")[1].split("unused in assets/:")[0]
    assert "assets/gone.png  named at deck/01-opening.md:42" in missing
    unused = out.split("unused in assets/:")[1]
    assert "assets/unused.png" in unused and "square.png" not in unused
    assert "deck/01-opening.md:42: error: image 'assets/gone.png' not found" in out


def test_default_talk_assets_are_all_used():
    from tests.helpers import REPO

    result = cli("assets", REPO)
    assert result.exit_code == 0, result.output
    assert "unused in assets/" not in result.output
    assert "assets/two-paths.jpg" in result.output
