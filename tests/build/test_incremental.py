"""Incremental builds equal clean builds: whatever is edited, an output is reused
only when a clean build would make the same bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.helpers import cli, make_talk, write
from tests.talk.test_bad_input import snapshot

HANDOUT_PAGE = "# Reflection\n\nA question for you.\n\n![A quiet picture](assets/page.png)\n"
NOTES_PICTURE = "\n\n---\n\n## Pictures in notes\n\nBody.\n\n::: client\nLook at this.\n\n![A note picture](assets/notes.png)\n:::\n"


def same_size_picture(file: Path, colour: tuple[int, int, int]) -> None:
    """A picture of the same byte size as before (uncompressed PNG), with its
    modification time kept: only its content changed."""
    stat = file.stat() if file.exists() else None
    Image.new("RGB", (64, 48), colour).save(file, compress_level=0)
    if stat is not None:
        assert file.stat().st_size == stat.st_size
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def prepared_talk(root: Path) -> Path:
    talk = make_talk(root, handouts={"01-page.md": HANDOUT_PAGE})
    with (talk / "deck" / "02-closing.md").open("a") as segment:
        segment.write(NOTES_PICTURE)
    for name in ("page.png", "notes.png", "square.png"):
        (talk / "assets" / name).unlink(missing_ok=True)
        same_size_picture(talk / "assets" / name, (10, 20, 30))
    return talk


def edit_text(talk: Path, n: int) -> None:
    file = talk / "deck" / "01-opening.md"
    file.write_text(file.read_text().replace("- Point one", f"- Point one ({n})", 1).replace(f"({n - 1})", ""))


def edit_notes(talk: Path, n: int) -> None:
    file = talk / "deck" / "01-opening.md"
    file.write_text(file.read_text().replace("The client answers", f"The client answers {n} times", 1))


def edit_page(talk: Path, n: int) -> None:
    write(talk / "handouts" / "01-page.md", HANDOUT_PAGE.replace("A question", f"Question {n}"))


def swap(name: str):
    def swap_picture(talk: Path, n: int) -> None:
        same_size_picture(talk / "assets" / name, (n * 37 % 256, n * 91 % 256, 200))

    return swap_picture


EDITS = {
    "text": edit_text,
    "notes": edit_notes,
    "handout page": edit_page,
    "slide picture": swap("square.png"),
    "notes picture": swap("notes.png"),
    "page picture": swap("page.png"),
}
OPTIONS = [(), ("--paper", "a4"), ("--auto-advance",), ("--no-slide-timings",)]
EPOCHS = [None, "1700000000", "1800000000"]


def build(talk: Path, out: Path, options: tuple, epoch: str | None) -> dict[str, bytes]:
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
    return {name: data for name, data in snapshot(out).items() if not name.startswith(".cache/")}


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
