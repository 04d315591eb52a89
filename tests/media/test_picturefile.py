"""No picture leaves byte for byte: canaries planted in every place a JPEG or PNG can carry
text beside its pixels never reach the deck or the handout, public or not."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from segue.media.pictures import prepare_bytes
from segue.media.picturefile import strip_jpeg, strip_png
from tests.helpers import DECK_TOML, cli, make_talk
from tests.build.test_outputs import everything_in

CANARIES = {
    "exif": b"CANARY-EXIF-GPS-51.4545N",
    "xmp": b"CANARY-XMP-creator",
    "extended-xmp": b"CANARY-EXTENDED-XMP",
    "c2pa": b"CANARY-C2PA-JUMBF-manifest",
    "icc": b"CANARY-ICC-profile-desc",
    "comment": b"CANARY-JPEG-COMMENT",
    "app15": b"CANARY-UNKNOWN-APP15",
    "after-eoi": b"CANARY-AFTER-THE-END",
}
PNG_CANARIES = {
    "text": b"CANARY-PNG-tEXt",
    "itxt": b"CANARY-PNG-iTXt",
    "exif": b"CANARY-PNG-eXIf",
    "private": b"CANARY-PNG-private-chunk",
    "after-iend": b"CANARY-PNG-AFTER-IEND",
}


def segment(marker: int, payload: bytes) -> bytes:
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_canaries(size=(240, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 120, 90)).save(buffer, format="JPEG", quality=90)
    plain = buffer.getvalue()
    planted = (
        segment(0xE1, b"Exif\x00\x00" + CANARIES["exif"])
        + segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + CANARIES["xmp"])
        + segment(0xE1, b"http://ns.adobe.com/xmp/extension/\x00" + CANARIES["extended-xmp"])
        + segment(0xEB, b"JP\x00\x00\x00\x00jumb" + CANARIES["c2pa"])
        + segment(0xE2, b"ICC_PROFILE\x00\x01\x01" + CANARIES["icc"])
        + segment(0xFE, CANARIES["comment"])
        + segment(0xEF, CANARIES["app15"])
    )
    return plain[:2] + planted + plain[2:] + CANARIES["after-eoi"]


def chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_with_canaries(size=(200, 140)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 120, 180)).save(buffer, format="PNG")
    plain = buffer.getvalue()
    end = plain.index(b"IEND") - 4
    planted = (
        chunk(b"tEXt", b"Author\x00" + PNG_CANARIES["text"])
        + chunk(b"iTXt", b"Comment\x00\x00\x00\x00\x00" + PNG_CANARIES["itxt"])
        + chunk(b"eXIf", b"MM\x00*" + PNG_CANARIES["exif"])
        + chunk(b"prVt", PNG_CANARIES["private"])
    )
    return plain[:end] + planted + plain[end:] + PNG_CANARIES["after-iend"]


def test_the_canaries_are_in_the_pictures():
    """Control: every canary is really in the planted files, and they still decode."""
    jpeg, png = jpeg_with_canaries(), png_with_canaries()
    assert all(c in jpeg for c in CANARIES.values()) and all(c in png for c in PNG_CANARIES.values())
    Image.open(io.BytesIO(jpeg)).load()
    Image.open(io.BytesIO(png)).load()


@pytest.mark.parametrize("make, canaries", [(jpeg_with_canaries, CANARIES), (png_with_canaries, PNG_CANARIES)])
def test_a_prepared_picture_keeps_its_pixels_and_nothing_else(make, canaries):
    data = make()
    prepared = prepare_bytes(data, None)
    assert not [name for name, canary in canaries.items() if canary in prepared.data]
    original, cleaned = Image.open(io.BytesIO(data)).convert("RGB"), Image.open(io.BytesIO(prepared.data)).convert("RGB")
    assert cleaned.size == original.size and cleaned.getpixel((10, 10)) == original.getpixel((10, 10))


def test_no_canary_reaches_any_output(tmp_path):
    segment_text = (
        "---\ntitle: One\nminutes: 10\n---\n\n## Photos {.handout}\n\n"
        "![A photo](assets/photo.jpg) ![A drawing](assets/drawing.png)\n"
    )
    root = make_talk(tmp_path / "t", {"01-one.md": segment_text}, toml=DECK_TOML + '\n[theme]\nlogo = "assets/logo.png"\nbackground = "assets/photo.jpg"\n')
    (root / "assets" / "photo.jpg").write_bytes(jpeg_with_canaries())
    (root / "assets" / "drawing.png").write_bytes(png_with_canaries())
    (root / "assets" / "logo.png").write_bytes(png_with_canaries((120, 60)))
    for public in (True, False):
        out = tmp_path / f"out-{public}"
        result = cli("build", root, "--out", out, *(["--public"] if public else []))
        assert result.exit_code == 0, result.output
        for path in out.iterdir():
            if path.is_file():
                content = everything_in(path)
                leaked = [n for n, c in {**CANARIES, **PNG_CANARIES}.items() if c in content]
                assert not leaked, (path.name, leaked)


def test_16_bit_pictures_keep_their_greys():
    row = struct.pack("<20H", *([32768] * 20)) + struct.pack("<20H", *([0] * 20))
    grey = Image.frombytes("I;16", (40, 30), row * 30)  # half of full scale on the left, black on the right
    buffer = io.BytesIO()
    grey.save(buffer, format="PNG")
    prepared = Image.open(io.BytesIO(prepare_bytes(buffer.getvalue(), None).data)).convert("L")
    assert 120 <= prepared.getpixel((5, 5)) <= 135 and prepared.getpixel((35, 5)) == 0


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=200), st.sampled_from([0xE0, 0xE1, 0xE2, 0xEB, 0xED, 0xEF, 0xFE]), st.binary(max_size=50))
def test_random_bytes_in_ancillary_places_never_survive(payload, marker, tail):
    canary = b"\x00PLANTED\x00" + payload
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (10, 200, 30)).save(buffer, format="JPEG")
    plain = buffer.getvalue()
    data = plain[:2] + segment(marker, canary) + plain[2:] + canary + tail
    cleaned = strip_jpeg(data)
    assert canary not in cleaned
    Image.open(io.BytesIO(cleaned)).load()
    png_buffer = io.BytesIO()
    Image.new("RGB", (16, 12)).save(png_buffer, format="PNG")
    png = png_buffer.getvalue()
    end = png.index(b"IEND") - 4
    planted = png[:end] + chunk(b"zzZz", canary) + chunk(b"tEXt", b"k\x00" + canary) + png[end:] + canary
    cleaned_png = strip_png(planted)
    assert canary not in cleaned_png
    Image.open(io.BytesIO(cleaned_png)).load()
