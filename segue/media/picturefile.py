"""Picture files rebuilt from an allow-list of their structure: what leaves the build
is pixels and what decodes them, never what a camera, an editor or a phone wrote
beside them.

A JPEG keeps its start and end, quantisation and Huffman tables, frame
header, restart interval and scans; everything else (EXIF, XMP and extended
XMP, ICC profiles, C2PA/JUMBF content credentials in APP11, comments, any
APPn, bytes after the end) is dropped. A PNG keeps its critical chunks and
tRNS, gAMA, sRGB and pHYs; text, EXIF, ICC, time and private chunks, and
anything after IEND, are dropped. What is kept must be minimal: each chunk
of its fixed length, none repeated, at most 8 bits a sample, a palette only
where the pixels index it, and image data that inflates to exactly the
scanlines with nothing after it; every chunk is written anew (its length and
checksum computed), the image data as one. A file that cannot be read this
way is `PictureFileProblem`; callers then re-encode it from decoded pixels.
"""

from __future__ import annotations

import struct
import zlib

JPEG_KEPT = {
    0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF,  # frame headers (SOFn)
    0xC4,  # Huffman tables (DHT)
    0xCC,  # arithmetic coding conditioning (DAC)
    0xDB,  # quantisation tables (DQT)
    0xDD,  # restart interval (DRI)
}
_SOI, _EOI, _SOS = 0xD8, 0xD9, 0xDA
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and restart markers carry no length
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"sRGB", b"pHYs"}


class PictureFileProblem(ValueError):
    """The file is not a JPEG or PNG this module can rebuild."""


def strip_jpeg(data: bytes) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise PictureFileProblem("not a JPEG")
    out = bytearray(b"\xff\xd8")
    position = 2
    seen_scan = False
    while position < len(data):
        if data[position] != 0xFF:
            raise PictureFileProblem(f"no marker at byte {position}")
        while position < len(data) and data[position] == 0xFF:  # fill bytes before a marker
            position += 1
        if position >= len(data):
            break
        marker = data[position]
        position += 1
        if marker == _EOI:
            out += b"\xff\xd9"
            if not seen_scan:
                raise PictureFileProblem("no image data")
            return bytes(out)  # anything after the end is dropped
        if marker in _STANDALONE:
            continue
        if position + 2 > len(data):
            raise PictureFileProblem("a segment runs past the end")
        (length,) = struct.unpack(">H", data[position : position + 2])
        end = position + length
        if length < 2 or end > len(data):
            raise PictureFileProblem("a segment runs past the end")
        if marker == _SOS:
            # The scan's entropy-coded data runs to the next marker that is not a
            # stuffed byte (FF 00) or a restart marker (FF D0–D7).
            scan_end = end
            while scan_end + 1 < len(data):
                if data[scan_end] == 0xFF and data[scan_end + 1] not in (0x00, *range(0xD0, 0xD8)) and data[scan_end + 1] != 0xFF:
                    break
                scan_end += 1
            out += b"\xff" + bytes([marker]) + data[position:scan_end]
            position = scan_end
            seen_scan = True
            continue
        if marker in JPEG_KEPT:
            out += b"\xff" + bytes([marker]) + data[position:end]
        position = end
    raise PictureFileProblem("no end of image")


# The exact length of each kept chunk whose length is fixed: a longer one carries
# bytes nothing reads.
_PNG_LENGTHS = {b"IHDR": 13, b"gAMA": 4, b"sRGB": 1, b"pHYs": 9, b"IEND": 0}
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _chunk(kind: bytes, payload: bytes) -> bytes:
    """A chunk written anew: its length and checksum computed, never copied."""
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _raw_size(width: int, height: int, bits: int, interlaced: bool) -> int:
    """The bytes of a PNG's filtered scanlines: a filter byte and the packed pixels of each row."""
    passes = _ADAM7 if interlaced else ((0, 0, 1, 1),)
    total = 0
    for x, y, dx, dy in passes:
        columns, rows = -(-(width - x) // dx) if width > x else 0, -(-(height - y) // dy) if height > y else 0
        if columns and rows:
            total += rows * (1 + -(-(columns * bits) // 8))
    return total


def strip_png(data: bytes) -> bytes:
    """The PNG rebuilt from its kept chunks, each checked to be minimal: of its fixed
    length, not repeated, 8 bits at most a sample, and image data that inflates to
    exactly its scanlines, with nothing after the compressed stream."""
    if data[:8] != PNG_SIGNATURE:
        raise PictureFileProblem("not a PNG")
    chunks: list[tuple[bytes, bytes]] = []
    position = 8
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise PictureFileProblem("a chunk runs past the end")
        if kind in PNG_KEPT:
            chunks.append((kind, data[position + 8 : end - 4]))
        position = end
        if kind == b"IEND":
            return _rebuilt_png(chunks)  # anything after the end is dropped
    raise PictureFileProblem("no end of image")


def _rebuilt_png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    kinds = [kind for kind, _ in chunks]
    if kinds[:1] != [b"IHDR"] or any(kinds.count(k) > 1 for k in set(kinds) - {b"IDAT"}):
        raise PictureFileProblem("a chunk is repeated or out of place")
    for kind, payload in chunks:
        if len(payload) != _PNG_LENGTHS.get(kind, len(payload)):
            raise PictureFileProblem(f"{kind.decode('latin-1')} is not of its length")
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if depth > 8 or colour not in _PNG_CHANNELS or compression or filtering or interlace > 1:
        raise PictureFileProblem("not an 8-bit PNG of a known kind")
    _check_colours(colour, depth, dict(chunks))
    first = kinds.index(b"IDAT") if b"IDAT" in kinds else -1
    if first < 0 or kinds[first : first + kinds.count(b"IDAT")] != [b"IDAT"] * kinds.count(b"IDAT"):
        raise PictureFileProblem("no image data, or image data in pieces")
    image = b"".join(payload for kind, payload in chunks if kind == b"IDAT")
    expected = _raw_size(width, height, depth * _PNG_CHANNELS[colour], interlace == 1)
    inflater, inflated, pending = zlib.decompressobj(), 0, image
    try:
        while pending and not inflater.eof:
            inflated += len(inflater.decompress(pending, 1 << 20))
            pending = inflater.unconsumed_tail
            if inflated > expected:
                break
    except zlib.error as exc:
        raise PictureFileProblem(f"image data does not inflate: {exc}") from None
    if not inflater.eof or inflater.unused_data or pending or inflated != expected:
        raise PictureFileProblem("image data is not exactly the picture's scanlines")
    out = bytearray(PNG_SIGNATURE)
    for position, (kind, payload) in enumerate(chunks):
        if kind == b"IDAT":
            if position != first:
                continue
            payload = image  # one image data chunk: how it was cut carries nothing either
        out += _chunk(kind, payload)
    return bytes(out)


def _check_colours(colour: int, depth: int, chunks: dict[bytes, bytes]) -> None:
    """A palette only where the pixels are its indices, no longer than they can
    index; transparency of the length the colour type gives it."""
    palette, transparency = chunks.get(b"PLTE"), chunks.get(b"tRNS")
    if (palette is None) == (colour == 3) or (palette is not None and (len(palette) % 3 or len(palette) > 3 * 2**depth)):
        raise PictureFileProblem("a palette that is missing, not used or too long")
    if transparency is not None:
        allowed = {0: 2, 2: 6}.get(colour, len(palette) // 3 if palette else -1)
        if colour in (4, 6) or len(transparency) > allowed or (colour in (0, 2) and len(transparency) != allowed):
            raise PictureFileProblem("transparency of the wrong length")


def strip(data: bytes, extension: str) -> bytes:
    """The picture rebuilt from its allowed parts (`extension`: "jpg" or "png")."""
    if extension == "jpg":
        return strip_jpeg(data)
    if extension == "png":
        return strip_png(data)
    raise PictureFileProblem(f"no allow-list for {extension}")
