"""One mistake, one message: at its own line, saying what to write instead.

Each case makes one slip a presenter makes and checks, through `check`, that
exactly one diagnostic comes out, where it should, with the fix in it; no
second message follows from the first (a segment that could not be read
leaves the duration check silent, a misspelt speaker table does not make
every `::: id` block an error).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import DECK_TOML, SEGMENT_ONE, cli, make_talk, picture, write

SEGMENT = "deck/01-opening.md"
TOML = "deck/deck.toml"
# The small talk with a theme and a handout table, so each table can be misspelt.
DECK_TOML_TABLES = DECK_TOML + '\n[theme]\naccent = "#7A3E65"\n\n[theme.layouts]\ncontent = "Title and Content"\n\n[handout]\npaper = "a4"\n'
DIAGNOSTIC = re.compile(r"^(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<severity>error|warning): (?P<message>.*)$", re.M)


def diagnostics(talk: Path) -> tuple[int, list[dict]]:
    result = cli("check", talk)
    assert "Traceback" not in result.output
    return result.exit_code, [m.groupdict() for m in DIAGNOSTIC.finditer(result.output)]


def only_one(talk: Path, path: str, line: int, *fix: str, severity: str = "error") -> str:
    code, found = diagnostics(talk)
    assert len(found) == 1, "\n".join(f"{d['path']}:{d['line']}: {d['severity']}: {d['message']}" for d in found)
    (one,) = found
    assert (one["path"], int(one["line"] or 0), one["severity"]) == (path, line, severity), one
    for part in fix:
        assert part in one["message"], one["message"]
    assert code == (1 if severity == "error" else 0)
    return one["message"]


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(file: Path, text: str) -> int:
    return file.read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.fixture
def tables_talk(tmp_path: Path) -> Path:
    return make_talk(tmp_path / "talk", toml=DECK_TOML_TABLES)


# --- a segment that cannot be read: its error, and no duration warning ------------------

UNREADABLE_FRONT = [
    ("a colon in a title", "title: Opening: The Start", 2, "must be quoted"),
    ("no minutes", "title: Opening", 1, "front matter has no `minutes`"),
    ("minutes as words", "title: Opening\nminutes: ten", 3, "`minutes` must be a number"),
    ("unclosed bracket", "title: Opening\nminutes: 4\nlead: [clinician", 4, "invalid YAML"),
]


@pytest.mark.parametrize("name, front, line, message", UNREADABLE_FRONT, ids=[c[0] for c in UNREADABLE_FRONT])
def test_a_segment_that_cannot_be_read_does_not_also_leave_minutes_unplanned(talk, name, front, line, message):
    edit(talk / "deck" / "01-opening.md", '---\ntitle: "Opening"\nminutes: 4\nlead: [clinician]\n---', f"---\n{front}\n---")
    only_one(talk, SEGMENT, line, message)


def test_minutes_that_fall_short_are_still_a_warning(talk):
    edit(talk / "deck" / "01-opening.md", "minutes: 4", "minutes: 3")
    only_one(talk, TOML, line_of(talk / "deck" / "deck.toml", "duration = 10"), "is unplanned", severity="warning")


# --- deck.toml: a misspelt table or required key is one error at its line ---------------

TABLE_SLIPS = [
    ("[speakers.clinician]", "[speaker.clinician]", "write [speakers.clinician]"),
    ("[speakers.client]", "[Speakers.client]", "write [speakers.client]"),
    ("[theme]", "[themes]", "write [theme]"),
    ("[theme.layouts]", "[theme.layout]", "write [theme.layouts]"),
    ("[handout]", "[handouts]", "write [handout]"),
]


@pytest.mark.parametrize("right, wrong, fix", TABLE_SLIPS, ids=[c[1] for c in TABLE_SLIPS])
def test_a_misspelt_table_is_one_error_at_its_header(tables_talk, right, wrong, fix):
    toml = tables_talk / "deck" / "deck.toml"
    edit(toml, right, wrong)
    only_one(tables_talk, TOML, line_of(toml, wrong), fix)


def test_every_header_of_a_misspelt_table_is_named_and_no_speaker_block_is_reported(tables_talk):
    toml = tables_talk / "deck" / "deck.toml"
    edit(toml, "[speakers.clinician]", "[speaker.clinician]")
    edit(toml, "[speakers.client]", "[speaker.client]")
    code, found = diagnostics(tables_talk)
    assert code == 1
    assert [(d["path"], int(d["line"]), d["message"]) for d in found] == [
        (TOML, line_of(toml, "[speaker.clinician]"), "unknown table [speaker.clinician]: write [speakers.clinician]"),
        (TOML, line_of(toml, "[speaker.client]"), "unknown table [speaker.client]: write [speakers.client]"),
    ]


@pytest.mark.parametrize(
    "old, new, fix",
    [
        ('title = "A Small Talk"', 'Title = "A Small Talk"', "write 'title'"),
        ("duration = 10", "durations = 10", "write 'duration'"),
        ("duration = 10", 'duration = "10"', "write duration = 10, without quotes"),
        ('subtitle = "Testing the build"', "subtitle = 2027", 'write subtitle = "2027"'),
        ('accent = "#7A3E65"', 'accent = "#7A3E65"\nprogress_bar = "yes"', "write progress_bar = true"),
        ('paper = "a4"', 'paper = "a4"\nqr = "no"', "write qr = false"),
    ],
)
def test_a_key_misspelt_or_of_the_wrong_type_is_one_error_saying_what_to_write(tables_talk, old, new, fix):
    toml = tables_talk / "deck" / "deck.toml"
    edit(toml, old, new)
    only_one(tables_talk, TOML, line_of(toml, new.split("\n")[-1]), fix)


@pytest.mark.parametrize(
    "old, new, fix",
    [
        ("[speakers.client]", "[speakers.Client]", "write [speakers.client]"),
        ('[speakers.client]\nrole = "Client"', '[speakers]\nclient = "Client"', 'write [speakers.client] and under it role = "Client"'),
    ],
)
def test_a_speaker_written_wrong_is_one_error_and_its_notes_are_not_reported(talk, old, new, fix):
    toml = talk / "deck" / "deck.toml"
    edit(toml, old, new)
    only_one(talk, TOML, line_of(toml, new.split("\n")[-1] if "=" in new.split("\n")[-1] else new), fix)


def test_a_speaker_id_nobody_declared_is_one_error_naming_every_use(talk):
    toml = talk / "deck" / "deck.toml"
    edit(toml, "[speakers.client]", "[speakers.cliente]")
    message = only_one(talk, SEGMENT, 18, "unknown container `::: client`", "did you mean `::: cliente`?")
    assert message.endswith("(also at deck/02-closing.md:4, deck/02-closing.md:13)")


# --- front matter: one error at its line, with what to write --------------------------------

FRONT_SLIPS = [
    ("lead: [clinician]", "lead: clinician, client", 4, "write lead: [clinician, client]"),
    ("lead: [clinician]", "lead: clinician client", 4, "write lead: [clinician, client]"),
    ("lead: [clinician]", "lead: [clinician client]", 4, "write lead: [clinician, client]"),
    ("lead: [clinician]", "lead:\n- clinician\n  - client", 4, "write lead: [clinician, client]"),
    ("minutes: 4", "minutes: 4\nminutes: 5", 4, "`minutes` is written twice (lines 3 and 4): keep one"),
    ("minutes: 4", "Minutes: 4", 3, "write `minutes:`"),
    ('title: "Opening"', 'Title: "Opening"', 2, "write `title:`"),
    ("minutes: 4", 'minutes: "4"', 3, "write minutes: 4"),
    ("minutes: 4", "minutes: 4 min", 3, "write minutes: 4"),
    ("minutes: 4", "minutes: 0:04", 3, "like minutes: 1.5"),
    ('title: "Opening"', "title: [Opening, Two]", 2, 'like title: "Narrative: The Story"'),
]


@pytest.mark.parametrize("old, new, line, fix", FRONT_SLIPS, ids=[c[1] for c in FRONT_SLIPS])
def test_a_front_matter_slip_is_one_error_with_its_fix(talk, old, new, line, fix):
    edit(talk / "deck" / "01-opening.md", old, new)
    only_one(talk, SEGMENT, line, fix)


def test_a_lead_list_without_brackets_still_names_an_unknown_speaker(talk):
    edit(talk / "deck" / "01-opening.md", "lead: [clinician]", "lead: clinician, narrator")
    code, found = diagnostics(talk)
    assert [d["message"] for d in found] == [
        "`lead` lists speaker ids in brackets, separated by commas: write lead: [clinician, narrator]",
        "unknown speaker 'narrator' in `lead`; the speakers of deck.toml are clinician, client",
    ]


UNCLOSED = [
    ("slides follow, one ending in ---", SEGMENT_ONE, "after line 4, before the first slide"),
    ("one slide, no --- after it", SEGMENT_ONE.split("\n---\n\n## Second")[0] + "\n", "after line 4, before the first slide"),
    ("a speaker block first", SEGMENT_ONE.replace("## First slide {.handout}\n", "::: clinician\nWelcome.\n:::\n\n## First slide\n"), "after line 4"),
    ("nothing but front matter", '---\ntitle: "Opening"\nminutes: 4\n', "after line 3"),
]


@pytest.mark.parametrize("name, text, fix", UNCLOSED, ids=[c[0] for c in UNCLOSED])
def test_front_matter_without_its_closing_line_is_one_error_at_line_1(talk, name, text, fix):
    lines = text.split("\n")
    if "---" in lines[1:]:
        del lines[lines.index("---", 1)]  # the closing line of the front matter
    write(talk / SEGMENT, "\n".join(lines))
    only_one(talk, SEGMENT, 1, "the front matter's closing `---` is missing", fix)


def test_a_comment_in_closed_front_matter_is_not_taken_for_a_slide(talk):
    edit(talk / "deck" / "01-opening.md", "minutes: 4", "# how long\nminutes: 4: 5")
    only_one(talk, SEGMENT, 4, "invalid YAML in front matter")


# --- a missing picture names the file meant ----------------------------------------------

NEAR_NAMES = [
    ("advocate-portrait.jpg", "assets/advocate_portrait.jpg"),
    ("advocate-portrait.jpg", "assets/Advocate-Portrait.jpg"),
    ("advocate portrait.jpg", "assets/advocate-portrait.jpg"),
    ("advocaté-portrait.jpg", "assets/advocate-portrait.jpg"),
    ("advocate-portrait.jpeg", "assets/advocate-portrait.jpg"),
    ("advocate-portrait.jpg", "asset/advocate-portrait.jpg"),
    ("advocate-portrait.jpg", "assets/advocate-portriat.jpg"),
]


@pytest.mark.parametrize("existing, written", NEAR_NAMES, ids=[c[1] for c in NEAR_NAMES])
def test_a_missing_picture_suggests_the_file_of_a_like_name(talk, existing, written):
    picture(talk / "assets" / existing)
    edit(talk / "deck" / "01-opening.md", "(assets/square.png)", f"(<{written}>)")
    only_one(talk, SEGMENT, 30, f"{written!r} not found; did you mean 'assets/{existing}'?")


def test_a_missing_picture_with_no_like_name_suggests_nothing(talk):
    edit(talk / "deck" / "01-opening.md", "(assets/square.png)", "(assets/sunrise.png)")
    message = only_one(talk, SEGMENT, 30, "'assets/sunrise.png' not found")
    assert "did you mean" not in message


@pytest.mark.parametrize(
    "old, new, severity, fix",
    [
        ("{layout=image}", "{layout=imgae}", "error", "did you mean 'image'?"),
        ("{layout=image}", "{layout=image tiem=2m}", "warning", "did you mean 'time'?"),
        ("## First slide {.handout}", "## First slide {.handuot}", "warning", "did you mean `.handout`?"),
    ],
)
def test_a_slip_in_a_slide_attribute_names_the_one_meant(talk, old, new, severity, fix):
    segment = talk / "deck" / "01-opening.md"
    edit(segment, old, new)
    only_one(talk, SEGMENT, line_of(segment, next(l for l in segment.read_text().splitlines() if new in l)), fix, severity=severity)


def test_a_block_left_open_is_one_error_at_its_first_line_and_the_next_slide_still_reads(talk):
    segment = talk / "deck" / "01-opening.md"
    edit(segment, "::: notes\nBoth speakers pause here.\n:::", "::: notes\nBoth speakers pause here.\n:::\n\n---\n\n## Third slide\n\n::: client\nLast words.\n:::")
    edit(segment, "The clinician again.\n:::", "The clinician again.")
    lines = segment.read_text().splitlines()
    slide_break = lines.index("---", lines.index("The clinician again.")) + 1
    only_one(talk, SEGMENT, line_of(segment, "The clinician again.") - 1, "`::: clinician` is never closed", f"before the slide break at line {slide_break}")
    from segue.diagnostics import Diagnostics
    from segue.talk.read import read_talk

    model = read_talk(talk, Diagnostics())
    assert [slide.title_text for slide in model.segments[0].slides] == ["First slide", "Second slide", "Third slide"]


def test_a_segment_file_not_ending_in_md_is_one_warning_naming_the_name_to_give_it(talk):
    (talk / "deck" / "02-closing.md").rename(talk / "deck" / "02-closing.txt")
    only_one(talk, "deck/02-closing.txt", 0, "is not read: a segment file's name ends in .md (rename it deck/02-closing.md)", severity="warning")
