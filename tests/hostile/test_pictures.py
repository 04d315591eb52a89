"""Pictures are what their bytes are, not what their names say: only the formats the
README lists are opened (no Pillow plugin that starts a helper, such as
Ghostscript for PostScript, is ever tried), and whatever structure could carry
other bytes (padding, bytes after a stream, unused palette entries, bytes before
the end marker) is rebuilt from the pixels, so nothing planted reaches an output."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import make_talk
from tests.hostile.harness import assert_clean, cli, planted, processes_of
from tests.talk.test_bad_input import SEGMENT, replace_in_segment

POSTSCRIPT_LOOP = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\n{} loop\nshowpage\n%%EOF\n"
POSTSCRIPT_HARMLESS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\nnewpath 0 0 moveto 64 64 lineto stroke\nshowpage\n%%EOF\n"


def _saved(fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (40, 90, 160)).save(buffer, format=fmt, **options)
    return buffer.getvalue()


# Formats Pillow reads (or writes) that are not a deck's: each named `photo.png`.
NOT_A_DECKS = {
    "PostScript that never ends": POSTSCRIPT_LOOP,
    "harmless PostScript": POSTSCRIPT_HARMLESS,
    "PCX": _saved("PCX"),
    "PPM": _saved("PPM"),
    "TGA": _saved("TGA"),
    "ICO": _saved("ICO"),
    "SGI": _saved("SGI"),
    "IM": _saved("IM"),
    "DDS": _saved("DDS"),
    "PDF": _saved("PDF"),
}


@pytest.mark.parametrize("content", NOT_A_DECKS.values(), ids=NOT_A_DECKS.keys())
def test_a_file_named_like_a_picture_is_judged_by_its_bytes(tmp_path, content):
    talk = make_talk(tmp_path / "talk")
    (talk / "assets" / "photo.png").write_bytes(content)
    replace_in_segment(talk, "(assets/square.png)", "(assets/photo.png)")
    scratch = tmp_path / "scratch"
    for command in (("check", talk), ("build", talk, "--out", tmp_path / "out")):
        ran = cli(*command, scratch=scratch, seconds=30)
        assert_clean(ran, scratch, status=1, seconds=30, peak_mb=400)
        assert (
            f"{SEGMENT}:30: error: image 'assets/photo.png': the file is not a JPEG, PNG, WebP, TIFF, BMP or GIF picture, "
            "whatever its name says, or it is corrupt"
        ) in ran.output, ran.output
    assert not (tmp_path / "out").exists()


READ_BY_BYTES = {"a JPEG": _saved("JPEG"), "a WebP": _saved("WEBP"), "a GIF": _saved("GIF"), "a BMP": _saved("BMP"), "a TIFF": _saved("TIFF")}


@pytest.mark.parametrize("content", READ_BY_BYTES.values(), ids=READ_BY_BYTES.keys())
def test_a_picture_of_a_known_format_under_another_name_is_read(tmp_path, content):
    talk = make_talk(tmp_path / "talk")
    (talk / "assets" / "photo.png").write_bytes(content)
    replace_in_segment(talk, "(assets/square.png)", "(assets/photo.png)")
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", "--only", "pptx,handout", scratch=scratch, seconds=60)
    assert_clean(ran, scratch, status=0)
