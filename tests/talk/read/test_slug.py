"""The slug names every output: `slug =` in deck.toml, checked as a file-name stem, or a
short one made from the title."""

from __future__ import annotations

import pytest

from tests.helpers import DECK_TOML, REPO, cli, make_talk

TITLES = [
    ("Love as Medicine", "love-as-medicine"),
    ("Love, Loss and Listening: What Two Clinicians Learned From a Year of Group Work", "love-loss-and-listening"),
    # One word before the colon says too little: the whole title, cut after a word.
    ("Ketamine: Relational Healing, Boundaries, and Integration in Psychotherapy", "ketamine-relational-healing-boundaries"),
    ("What Two Clinicians Learned From a Year of Group Work With Veterans", "what-two-clinicians-learned-from-a-year"),
    # Never ends on "and", "of", "the", …: "…-healing-and" is cut back to "…-healing".
    ("Relational Healing and Boundaries in Ketamine-Assisted Psychotherapy", "relational-healing-and-boundaries"),
    ("Café Crème, Übung und Straße im Alltag der Psychotherapie heute", "cafe-creme-ubung-und-strasse-im-alltag"),
    ("Supercalifragilisticexpialidociousnessismsandmorewords", "supercalifragilisticexpialidociousnessis"),
    ("Любовь как лекарство: опыт", "lyubov-kak-lekarstvo"),
    ("🌱", "seedling"),
    ("?!", "talk"),
]


def built_names(tmp_path, toml: str) -> list[str]:
    root = make_talk(tmp_path / "talk", toml=toml)
    result = cli("build", root, "--only", "pptx,run-of-show")
    assert result.exit_code == 0, result.output
    return sorted(p.name for p in (root / "dist").iterdir() if p.is_file())


@pytest.mark.parametrize("title, slug", TITLES, ids=[t[1] for t in TITLES])
def test_the_default_slug_is_the_title_cut_at_a_word(tmp_path, title, slug):
    toml = DECK_TOML.replace('slug = "small-talk"\n', "").replace('title = "A Small Talk"', f'title = "{title}"')
    assert len(slug) <= 40
    assert built_names(tmp_path, toml) == [f"{slug}-run-of-show.csv", f"{slug}-run-of-show.md", f"{slug}.pptx"]


def test_a_slug_in_deck_toml_names_the_files(tmp_path):
    toml = DECK_TOML.replace('slug = "small-talk"', 'slug = "Small_Talk.2027"')
    assert built_names(tmp_path, toml)[-1] == "Small_Talk.2027.pptx"


def test_the_default_talk_keeps_its_slug(default_build):
    assert (default_build / "love-as-medicine.pptx").is_file()
    toml = (REPO / "deck" / "deck.toml").read_text(encoding="utf-8")
    assert 'slug = "love-as-medicine"' in toml


@pytest.mark.parametrize(
    "value, fix",
    [
        ('"my talk!"', 'write slug = "my-talk"'),
        ('"../outside"', 'write slug = "outside"'),
        ('"talk."', 'write slug = "talk"'),
        ('"-talk"', 'write slug = "talk"'),
        ('"con"', 'write slug = "con-talk"'),
        ('"NUL.2027"', 'write slug = "NUL.2027-talk"'),
        ('"' + "a" * 81 + '"', "80 at most"),
        ("2027", 'write slug = "2027"'),
        ('""', 'write slug = "talk"'),
    ],
)
def test_a_slug_that_cannot_be_a_file_name_is_one_error_at_its_line(tmp_path, value, fix):
    root = make_talk(tmp_path / "talk", toml=DECK_TOML.replace('slug = "small-talk"', f"slug = {value}"))
    result = cli("check", root)
    assert result.exit_code == 1
    line = DECK_TOML.splitlines().index('slug = "small-talk"') + 1
    problems = [l for l in result.output.splitlines() if ": error: " in l or ": warning: " in l]
    assert len(problems) == 1 and problems[0].startswith(f"deck/deck.toml:{line}: error: 'slug' "), result.output
    assert fix in problems[0]


def test_new_shows_the_slug_it_will_use(tmp_path):
    root = tmp_path / "t"
    title = "Love, Loss and Listening: What Two Clinicians Learned"
    assert cli("new", root, "--title", title, "--minutes", "10", "--segments", "1").exit_code == 0
    assert '# slug = "love-loss-and-listening"' in (root / "deck" / "deck.toml").read_text()
