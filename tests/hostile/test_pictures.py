"""Pictures are what their bytes are, not what their names say: only the formats the
README lists are opened (no Pillow plugin that starts a helper, such as
Ghostscript for PostScript, is ever tried), and whatever structure could carry
other bytes (padding, bytes after a stream, unused palette entries, bytes before
the end marker) is rebuilt from the pixels, so nothing planted reaches an output."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
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
    "TGA": _saved("TGA"),
    "ICO": _saved("ICO"),
    "PDF": _saved("PDF"),
}


def talk_showing(tmp_path: Path, content: bytes) -> Path:
    """The test talk, its picture `assets/photo.png` holding `content`."""
    talk = make_talk(tmp_path / "talk")
    (talk / "assets" / "photo.png").write_bytes(content)
    replace_in_segment(talk, "(assets/square.png)", "(assets/photo.png)")
    return talk


@pytest.mark.parametrize("content", NOT_A_DECKS.values(), ids=NOT_A_DECKS.keys())
def test_a_file_named_like_a_picture_is_judged_by_its_bytes(tmp_path, content):
    talk = talk_showing(tmp_path, content)
    scratch = tmp_path / "scratch"
    commands = (("check", talk),) if content == POSTSCRIPT_LOOP else ()  # once, both hung on it
    for command in (*commands, ("build", talk, "--out", tmp_path / "out")):
        ran = cli(*command, scratch=scratch, seconds=30)
        assert_clean(ran, scratch, status=1, seconds=30, peak_mb=400)
        assert (
            f"{SEGMENT}:30: error: image 'assets/photo.png': the file is not a JPEG, PNG, WebP, TIFF, BMP or GIF picture, "
            "whatever its name says, or it is corrupt"
        ) in ran.output, ran.output
    assert not (tmp_path / "out").exists()


READ_BY_BYTES = {"a JPEG": _saved("JPEG"), "a WebP": _saved("WEBP"), "a TIFF": _saved("TIFF")}


@pytest.mark.parametrize("content", READ_BY_BYTES.values(), ids=READ_BY_BYTES.keys())
def test_a_picture_of_a_known_format_under_another_name_is_read(tmp_path, content):
    talk = talk_showing(tmp_path, content)
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", "--only", "pptx,handout", scratch=scratch, seconds=60)
    assert_clean(ran, scratch, status=0)


CANARY = b"CANARY-IN-THE-PICTURE"


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    found, position = [], 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        found.append((png[position + 4 : position + 8], png[position + 8 : position + 8 + length]))
        position += 12 + length
    return found


def _assemble(chunks: list[tuple[bytes, bytes]]) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload)) for kind, payload in chunks
    )


def _png_with(change) -> bytes:
    photo = Image.radial_gradient("L").convert("RGB").resize((96, 96))
    return _assemble(change(_chunks(_png(photo))))


def _insert_after_header(*extra):
    return lambda chunks: chunks[:1] + list(extra) + chunks[1:]


def _padded_idat(chunks):
    return [(kind, payload + CANARY if kind == b"IDAT" else payload) for kind, payload in chunks]


def _unused_palette() -> bytes:
    image = Image.new("P", (64, 64), 0)
    image.putpalette([200, 150, 120] + list(CANARY.ljust(255 * 3, b"!")))
    return _png(image)


def _jpeg(**options) -> bytes:
    buffer = io.BytesIO()
    Image.radial_gradient("L").convert("RGB").resize((96, 96)).save(buffer, format="JPEG", quality=90, **options)
    return buffer.getvalue()


def _before_the_end(data: bytes) -> bytes:
    return data[:-2] + CANARY + data[-2:]


def _before_a_restart(data: bytes) -> bytes:
    at = data.index(b"\xff\xd0")
    return data[:at] + CANARY + data[at:]


def _unused_huffman_table(data: bytes) -> bytes:
    symbols = CANARY
    table = b"\x13" + bytes([0, 0, 0, 0, 0, 0, 0, len(symbols)] + [0] * 8) + symbols  # AC table 3, used by no scan
    segment = b"\xff\xc4" + struct.pack(">H", len(table) + 2) + table
    return data[:2] + segment + data[2:]


HIDING_PLACES = {
    "padded pHYs": _png_with(_insert_after_header((b"pHYs", struct.pack(">IIB", 3780, 3780, 1) + CANARY))),
    "padded gAMA": _png_with(_insert_after_header((b"gAMA", struct.pack(">I", 45455) + CANARY))),
    "padded sRGB": _png_with(_insert_after_header((b"sRGB", b"\x00" + CANARY))),
    "a palette on a true-colour PNG": _png_with(_insert_after_header((b"PLTE", CANARY.ljust(len(CANARY) + 2, b"!")))),
    "transparency too long": _png_with(_insert_after_header((b"tRNS", CANARY))),
    "bytes after the image data stream": _png_with(_padded_idat),
    "unused palette entries": _unused_palette(),
    "bytes before the JPEG end marker": _before_the_end(_jpeg()),
    "bytes before a restart marker": _before_a_restart(_jpeg(restart_marker_blocks=4)),
    "an unused Huffman table": _unused_huffman_table(_jpeg()),
}


@pytest.mark.parametrize("content", HIDING_PLACES.values(), ids=HIDING_PLACES.keys())
def test_bytes_hidden_in_a_pictures_structure_reach_no_output(tmp_path, content):
    talk = talk_showing(tmp_path, content)
    replace_in_segment(talk, "## Second slide {layout=image}", "## Second slide {layout=image .handout}")
    scratch = tmp_path / "scratch"
    for command in (("build", talk, "--out", tmp_path / "private", "--only", "pptx,handout"), ("bundle", talk, "--out", tmp_path / "dist")):
        ran = cli(*command, scratch=scratch)
        assert_clean(ran, scratch, status=0)
    for folder in (tmp_path / "private", tmp_path / "dist"):
        assert planted(folder, [CANARY.decode()]) == []
    assert CANARY in content  # control: the canary is in the talk's picture


def test_a_16_bit_picture_reaches_the_outputs_in_8_bits(tmp_path):
    talk = make_talk(tmp_path / "talk")
    deep = Image.new("RGBA", (64, 64), (200, 150, 120, 255))
    buffer = io.BytesIO()
    deep.save(buffer, format="PNG")
    chunks = _chunks(buffer.getvalue())
    header = bytearray(chunks[0][1])
    header[8] = 16  # bit depth
    rows = b"".join(b"\x00" + bytes([0xC8, 0, 0x96, 0, 0x78, 0, 0xFF, 0xFF]) * 64 for _ in range(64))
    (talk / "assets" / "deep.png").write_bytes(_assemble([(b"IHDR", bytes(header)), (b"IDAT", zlib.compress(rows)), (b"IEND", b"")]))
    assert Image.open(talk / "assets" / "deep.png").getpixel((0, 0))[:3] == (200, 150, 120)
    replace_in_segment(talk, "(assets/square.png)", "(assets/deep.png)")
    scratch = tmp_path / "scratch"
    ran = cli("build", talk, "--out", tmp_path / "out", "--only", "pptx", scratch=scratch)
    assert_clean(ran, scratch, status=0)
    with zipfile.ZipFile(tmp_path / "out" / "small-talk.pptx") as deck:
        media = [deck.read(n) for n in deck.namelist() if n.startswith("ppt/media/")]
    depths = {data[24] for data in media if data.startswith(b"\x89PNG")}
    assert depths and depths <= {8}, depths
