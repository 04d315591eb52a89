"""Picture files rebuilt from an allow-list of their structure: what leaves the build
is pixels and what decodes them, never what a camera, an editor or a phone wrote
beside them.

A JPEG keeps its start and end, quantisation and Huffman tables, frame
header, restart interval and scans; everything else (EXIF, XMP and extended
XMP, ICC profiles, C2PA/JUMBF content credentials in APP11, comments, any
APPn, bytes after the end) is dropped. A PNG keeps its critical chunks and
tRNS, gAMA, sRGB and pHYs; text, EXIF, ICC, time and private chunks, and
anything after IEND, are dropped. A file that cannot be read this way is
`PictureFileProblem`; callers then re-encode it from decoded pixels.
"""

from __future__ import annotations

import struct

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


def strip_png(data: bytes) -> bytes:
    if data[:8] != PNG_SIGNATURE:
        raise PictureFileProblem("not a PNG")
    out = bytearray(PNG_SIGNATURE)
    position = 8
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise PictureFileProblem("a chunk runs past the end")
        if kind in PNG_KEPT:
            out += data[position:end]
        position = end
        if kind == b"IEND":
            return bytes(out)  # anything after the end is dropped
    raise PictureFileProblem("no end of image")


def strip(data: bytes, extension: str) -> bytes:
    """The picture rebuilt from its allowed parts (`extension`: "jpg" or "png")."""
    if extension == "jpg":
        return strip_jpeg(data)
    if extension == "png":
        return strip_png(data)
    raise PictureFileProblem(f"no allow-list for {extension}")
