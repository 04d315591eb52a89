"""Incremental builds equal clean builds: whatever is edited, an output is reused
only when a clean build would make the same bytes and report the same problems."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.helpers import DECK_TOML, SEGMENT_ONE, SEGMENT_TWO, cli, make_talk, write
from tests.talk.test_bad_input import snapshot

HANDOUT_PAGE = "# Reflection\n\nA question for you.\n\n![A quiet picture](assets/page.png)\n"
NOTES_PICTURE = (
    "\n\n---\n\n## Pictures in notes\n\nBody.\n\n::: client\nLook at this.\n\n![A note picture](assets/notes.png)\n:::\n"
    "\n::: clinician\n![The same picture](assets/notes.png)\n:::\n"  # notes without words: no time of their own
)
# Each with a block of notes that holds only a picture: a speaker without words, whom
# the plan does not time.
TITLE_NOTES = (
    "::: clinician\nWelcome to the session.\n:::\n\n::: notes\n![A welcome](assets/notes.png)\n:::\n\n"
    "---\n\n::: client\nA word about the agenda.\n:::\n"
)
SEGMENT_NOTES = "::: client\nOver to the client too.\n:::\n\n::: notes\n![A hand-over](assets/notes.png)\n:::\n\n"
NO_GLYPH = "\u0378"  # no font draws it: the handout and the scripts warn at its line when they are made
SETTINGS = 'start = "14:30"\nlang = "en"\n\n'
THEME = '\n[theme]\naccent = "#7A3E65"\nfont = "Calibri"\n\n[handout]\npaper = "letter"\nqr = false\n'


def same_size_picture(file: Path, colour: tuple[int, int, int]) -> None:
    """A picture of the same byte size as before (uncompressed PNG), with its
    modification time kept: only its content changed."""
    stat = file.stat() if file.exists() else None
    Image.new("RGB", (64, 48), colour).save(file, compress_level=0)
    if stat is not None:
        assert file.stat().st_size == stat.st_size
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def prepared_talk(root: Path) -> Path:
    """The small talk with every kind of text an output may read: title and agenda
    notes, a segment's own notes, a timed slide, handout blocks and pages, every
    deck.toml setting, and characters whose warnings name their lines."""
    one = (
        SEGMENT_ONE.replace("- Point one", f"- Point one {NO_GLYPH}")
        .replace("The clinician again.", f"The clinician again {NO_GLYPH}.")
        .replace("## Second slide {layout=image}", f"## Second slide {NO_GLYPH} {{.handout layout=image time=40s}}")
    )
    two = SEGMENT_TWO.replace("---\n\n## A quote", f"---\n\n{SEGMENT_NOTES}## A quote", 1) + NOTES_PICTURE
    toml = DECK_TOML.replace("[speakers.clinician]", SETTINGS + "[speakers.clinician]") + THEME
    talk = make_talk(root, {"01-opening.md": one, "02-closing.md": two}, toml=toml, handouts={"01-page.md": HANDOUT_PAGE})
    write(talk / "deck" / "_title.md", TITLE_NOTES)
    for name in ("page.png", "notes.png", "square.png"):
        (talk / "assets" / name).unlink(missing_ok=True)
        same_size_picture(talk / "assets" / name, (10, 20, 30))
    return talk


def edit_text(talk: Path, n: int) -> None:
    file = talk / "deck" / "01-opening.md"
    file.write_text(file.read_text().replace("- nested point", f"- nested point ({n})", 1).replace(f" ({n - 1})", ""))


def edit_notes(talk: Path, n: int) -> None:
    file = talk / "deck" / "01-opening.md"
    file.write_text(file.read_text().replace("The clinician opens", f"The clinician opens {n} times", 1))


def edit_page(talk: Path, n: int) -> None:
    file = talk / "handouts" / "01-page.md"
    file.write_text(re.sub(r"^# Reflection.*$", f"# Reflection {n}", file.read_text(), count=1, flags=re.M))


def swap(name: str):
    def swap_picture(talk: Path, n: int) -> None:
        same_size_picture(talk / "assets" / name, (n * 37 % 256, n * 91 % 256, 200))

    return swap_picture


# Edits that keep the count and the length of every word, so the plan (which shares
# time by words) stays as it was: only an output's own `reads()` can see them. Each
# swaps one text for the other, back and forth.
SAME_WORDS = {
    "notes, same words": ("deck/01-opening.md", "The client answers.", "The client replies."),
    "slide text, same words": ("deck/01-opening.md", "- Point one", "- Point six"),
    "slide title, same words": ("deck/01-opening.md", "## First slide", "## Front slide"),
    "handout block, same words": ("deck/02-closing.md", "Handout-only text.", "Handout-only note."),
    "handout page, same words": ("handouts/01-page.md", "A question for you.", "A question for him."),
    "segment title, same words": ("deck/01-opening.md", 'title: "Opening"', 'title: "Welcome"'),
    "segment notes, same words": ("deck/02-closing.md", "Over to the client too.", "Over to the client now."),
    "title notes, same words": ("deck/_title.md", "Welcome to the session.", "Welcome to the meeting."),
    "agenda notes, same words": ("deck/_title.md", "about the agenda.", "about the timing."),
    "talk title, same words": ("deck/deck.toml", 'title = "A Small Talk"', 'title = "A Short Talk"'),
    "subtitle, same words": ("deck/deck.toml", "Testing the build", "Testing the suite"),
    "event, same words": ("deck/deck.toml", "Test Conference", "Best Conference"),
    "speaker name, same words": ("deck/deck.toml", "Dr. Ada Example", "Dr. Eva Example"),
    "speaker role, same words": ("deck/deck.toml", 'role = "Client"', 'role = "Person"'),
}
# Edits of everything else, each in one place.
SETTINGS_EDITS = {
    "notes, more words": ("deck/01-opening.md", "Both speakers pause here.", "Both speakers pause here to breathe."),
    "lines above a slide": ("deck/01-opening.md", "minutes: 4\nlead", "minutes: 4\n\n\nlead"),
    "a title's line alone": (  # a line from above the title to below it: its body and notes stay where they were
        "deck/01-opening.md",
        ("---\n\n## Second slide", "---\n## Second slide"),
        ("}\n\n![A calm square", "}\n\n\n![A calm square"),
    ),
    "a slide's time": ("deck/01-opening.md", "time=40s", "time=50s"),
    "segment lead": ("deck/01-opening.md", "lead: [clinician]", "lead: [client]"),
    "who speaks": ("deck/01-opening.md", "::: notes\nBoth", "::: client\nBoth"),
    "who speaks, without words": ("deck/02-closing.md", "::: clinician\n![The same", "::: notes\n![The same"),
    "who opens, without words": ("deck/_title.md", "::: notes\n![A welcome", "::: client\n![A welcome"),
    "who hands over, without words": ("deck/02-closing.md", "::: notes\n![A hand-over", "::: clinician\n![A hand-over"),
    "date": ("deck/deck.toml", "date = 2027-04-18", "date = 2027-04-19"),
    "start": ("deck/deck.toml", 'start = "14:30"', 'start = "15:30"'),
    "language": ("deck/deck.toml", 'lang = "en"', 'lang = "fr"'),
    "pace": ("deck/deck.toml", "words_per_minute = 140", "words_per_minute = 35"),
    "slot": ("deck/deck.toml", "duration = 10", "duration = 12"),
    "accent": ("deck/deck.toml", 'accent = "#7A3E65"', 'accent = "#3E657A"'),
    "font": ("deck/deck.toml", 'font = "Calibri"', 'font = "Candara"'),
    "handout paper": ("deck/deck.toml", 'paper = "letter"', 'paper = "a4"'),
    "handout QR codes": ("deck/deck.toml", "qr = false", "qr = true"),
}


def swapping(file: str, *edit):
    """Swap `one` for `other` in `file`, or back: `edit` is `one, other` or pairs of them."""
    pairs = edit if isinstance(edit[0], tuple) else (edit,)

    def swap_text(talk: Path, n: int) -> None:
        path = talk / file
        text = path.read_text(encoding="utf-8")
        forth = pairs[0][0] in text
        for one, other in pairs:
            old, new = (one, other) if forth else (other, one)
            assert text.count(old) == 1, (file, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")

    return swap_text


EDITS = {
    "text": edit_text,
    "notes": edit_notes,
    "handout page": edit_page,
    "slide picture": swap("square.png"),
    "notes picture": swap("notes.png"),
    "page picture": swap("page.png"),
    **{name: swapping(*edit) for name, edit in {**SAME_WORDS, **SETTINGS_EDITS}.items()},
}
OPTIONS = [(), ("--paper", "a4"), ("--auto-advance",), ("--no-slide-timings",)]
EPOCHS = [None, "1700000000", "1800000000"]


def build_reporting(talk: Path, out: Path, options: tuple = (), epoch: str | None = None) -> tuple[dict[str, bytes], list[str]]:
    """The outputs a build leaves in `out` (its cache aside), and the problems it reported."""
    previous = os.environ.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        result = cli("build", talk, "--out", out, *options)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if previous is not None:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    assert result.exit_code == 0, result.output
    files = {name: data for name, data in snapshot(out).items() if not name.startswith(".cache/")}
    return files, sorted(line for line in result.output.splitlines() if ": warning: " in line or ": error: " in line)


def build(talk: Path, out: Path, options: tuple, epoch: str | None) -> dict[str, bytes]:
    return build_reporting(talk, out, options, epoch)[0]
@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(sorted(EDITS)), st.sampled_from(range(len(OPTIONS))), st.sampled_from(EPOCHS)),
        min_size=2,
        max_size=4,
    )
)
@example(steps=[("slide picture", 0, None), ("notes picture", 1, "1700000000"), ("page picture", 2, "1800000000")])
def test_an_incremental_build_equals_a_clean_build(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("incremental")
    talk = prepared_talk(root / "talk")
    out = root / "out"
    build(talk, out, (), None)
    for n, (edit, option, epoch) in enumerate(steps, start=1):
        EDITS[edit](talk, n)
        incremental = build(talk, out, OPTIONS[option], epoch)
        clean = build(talk, root / f"clean-{n}", OPTIONS[option], epoch)
        assert incremental == clean, (edit, OPTIONS[option], epoch)


@pytest.mark.parametrize(
    "edit, rebuilt",
    [
        ("notes picture", {"small-talk-client-script.pdf"}),
        ("page picture", {"small-talk-handout.pdf"}),
        ("slide picture", {"small-talk.pptx"}),
    ],
)
def test_a_picture_swapped_in_place_rebuilds_what_shows_it(tmp_path, edit, rebuilt):
    talk = prepared_talk(tmp_path / "talk")
    out = tmp_path / "out"
    build(talk, out, (), None)
    EDITS[edit](talk, 3)
    result = cli("build", talk, "--out", out)
    wrote = {line.split("/")[-1] for line in result.output.splitlines() if line.startswith("wrote ")}
    assert rebuilt <= wrote, result.output


def test_a_changed_source_date_epoch_rebuilds_what_carries_a_date(tmp_path):
    talk = prepared_talk(tmp_path / "talk")
    out = tmp_path / "out"
    first = build(talk, out, (), "1700000000")
    second = build(talk, out, (), "1800000000")
    assert first["small-talk.pptx"] != second["small-talk.pptx"]
    assert second == build(talk, tmp_path / "clean", (), "1800000000")


# --- each edit rebuilds exactly what shows it ----------------------------------------------

FILES = {
    "pptx": ("small-talk.pptx",),
    "handout": ("small-talk-handout.pdf",),
    "scripts": ("small-talk-clinician-script.pdf", "small-talk-client-script.pdf"),
    "run-of-show": ("small-talk-run-of-show.csv", "small-talk-run-of-show.md"),
}
ALL = set(FILES)
# What each edit changes in a clean build: the outputs whose bytes differ, and
# "warnings" when the problems reported move (a warning's line is part of what
# an output that warns reads). An output left out here must come out the same.
CHANGES = {
    "notes, same words": {"pptx", "scripts"},
    "slide text, same words": {"pptx", "handout"},
    "slide title, same words": ALL,
    "handout block, same words": {"handout"},
    "handout page, same words": {"handout"},
    "segment title, same words": {"pptx", "scripts", "run-of-show"},
    "segment notes, same words": {"pptx", "scripts"},
    "title notes, same words": {"pptx", "scripts"},
    "agenda notes, same words": {"pptx", "scripts"},
    "talk title, same words": ALL,
    "subtitle, same words": {"pptx", "handout"},
    "event, same words": {"pptx", "handout", "scripts"},
    "speaker name, same words": ALL,
    "speaker role, same words": ALL,
    "notes, more words": {"pptx", "scripts", "run-of-show"},  # the speech estimate; a timed slide keeps its time
    "lines above a slide": {"warnings"},
    "a title's line alone": {"warnings"},
    "a slide's time": {"pptx", "scripts", "run-of-show"},
    "segment lead": {"pptx", "scripts", "run-of-show"},
    "who speaks": {"pptx", "scripts", "run-of-show"},
    "who speaks, without words": {"pptx", "scripts", "run-of-show"},
    "who opens, without words": {"pptx", "scripts", "run-of-show"},
    "who hands over, without words": {"pptx", "scripts", "run-of-show"},
    "date": {"pptx", "handout", "scripts"},
    "start": {"pptx", "scripts", "run-of-show"},
    "language": {"pptx", "handout", "scripts", "run-of-show"},  # the run-of-show speaks it too
    "pace": {"run-of-show"},
    "slot": {"run-of-show", "warnings"},  # a slot longer than its segments is a warning
    "accent": {"pptx", "handout", "scripts"},
    "font": {"pptx"},
    "handout paper": {"handout", "scripts"},
    "handout QR codes": {"handout"},
}


def changed(before: tuple[dict[str, bytes], list[str]], after: tuple[dict[str, bytes], list[str]]) -> set[str]:
    found = {output for output, names in FILES.items() if any(before[0].get(n) != after[0].get(n) for n in names)}
    return found | ({"warnings"} if before[1] != after[1] else set())


@pytest.mark.slow
@pytest.mark.parametrize("edit", sorted(CHANGES))
def test_an_edit_rebuilds_every_output_that_shows_it(tmp_path, edit):
    """One edit at a time, on every kind of text and setting an output reads, most of
    them keeping the words' count and length so the plan cannot give them away."""
    talk = prepared_talk(tmp_path / "talk")
    out = tmp_path / "out"
    before = build_reporting(talk, out)
    EDITS[edit](talk, 1)
    incremental = build_reporting(talk, out)
    clean = build_reporting(talk, tmp_path / "clean")
    assert changed(before, clean) == CHANGES[edit]  # the edit shows where it should, and only there
    assert incremental == clean


@pytest.mark.slow
@pytest.mark.parametrize(
    "first, then, changes",
    [
        ((), ("--paper", "a4"), {"handout", "scripts"}),
        ((), ("--auto-advance",), {"pptx"}),
        ((), ("--no-slide-timings",), {"pptx"}),
        (("--public",), (), {"pptx", "scripts", "warnings"}),  # a public folder may take a private build, not the reverse
    ],
    ids=["paper", "auto-advance", "no slide timings", "public, then private"],
)
def test_a_changed_option_rebuilds_every_output_it_changes(tmp_path, first, then, changes):
    talk = prepared_talk(tmp_path / "talk")
    out = tmp_path / "out"
    before = build_reporting(talk, out, first)
    incremental = build_reporting(talk, out, then)
    clean = build_reporting(talk, tmp_path / "clean", then)
    assert changed(before, clean) == changes
    assert incremental == clean


def test_a_new_slug_writes_every_output_under_its_new_name(tmp_path):
    talk = prepared_talk(tmp_path / "talk")
    out = tmp_path / "out"
    build_reporting(talk, out)
    swapping("deck/deck.toml", 'slug = "small-talk"', 'slug = "small-tale"')(talk, 1)
    incremental, _ = build_reporting(talk, out)
    clean, _ = build_reporting(talk, tmp_path / "clean")
    assert len(clean) == 6 and all(name.startswith("small-tale") for name in clean)
    assert {name: incremental.get(name) for name in clean} == clean  # the earlier set stays beside it: never deleted


# --- the deck PDF: made from the deck, by the converter found on this machine ---------------

CONVERTER = '''#!{python}
"""A stand-in for LibreOffice: a one-page PDF naming its version and the deck it converted."""
import hashlib
import sys
from pathlib import Path

import pikepdf

deck = Path(sys.argv[-1])
pdf = pikepdf.new()
pdf.add_blank_page()
pdf.docinfo["/Producer"] = "converter {version} of " + hashlib.sha256(deck.read_bytes()).hexdigest()
out = Path(sys.argv[sys.argv.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
pdf.save(out / (deck.stem + ".pdf"))
'''


def converter(path: Path, version: int) -> Path:
    """The stand-in, written (or upgraded in place) at `path`, a second newer each version."""
    path.write_text(CONVERTER.format(python=sys.executable, version=version))
    path.chmod(0o755)
    os.utime(path, (1_700_000_000 + version, 1_700_000_000 + version))
    return path


@pytest.mark.parametrize("edit", ["notes, same words", "converter upgraded"])
def test_the_deck_pdf_is_remade_when_the_deck_or_its_converter_changes(tmp_path, monkeypatch, edit):
    talk = prepared_talk(tmp_path / "talk")
    monkeypatch.setenv("SOFFICE", str(converter(tmp_path / "soffice", 1)))
    only = ("--only", "pptx,deck-pdf")
    before = build_reporting(talk, tmp_path / "out", only)
    if edit == "converter upgraded":
        converter(tmp_path / "soffice", 2)
    else:
        EDITS[edit](talk, 1)
    incremental = build_reporting(talk, tmp_path / "out", only)
    clean = build_reporting(talk, tmp_path / "clean", only)
    assert before[0]["small-talk-deck.pdf"] != clean[0]["small-talk-deck.pdf"]
    assert incremental == clean
