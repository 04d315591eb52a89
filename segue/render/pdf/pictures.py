"""Pictures for the printed outputs: the talk's, as the build prepared them (an SVG as
its cleaned SVG, so Typst sets it as vector graphics), QR codes and drawn charts,
each under a key the template finds it by."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from segue.media.pictures import ImageCache, ImageProblem, PreparedImage
from segue.media.qr import qr_svg
from segue.talk.model import Picture

PRINT_DPI = 300  # pictures keep enough pixels to print sharply at their placed size


@dataclass
class Pictures:
    """Pictures for a PDF from the build's picture cache, keyed for the template."""

    cache: ImageCache
    box: tuple[float, float]  # the largest size a picture is placed at, in points
    prepared: dict[str, PreparedImage] = field(default_factory=dict)
    problems: dict[Path, str] = field(default_factory=dict)
    codes: dict[str, bytes] = field(default_factory=dict)  # QR codes as SVG, by key
    slides: dict[str, bytes] = field(default_factory=dict)  # pictures of the rendered slides (JPEG), by key
    slide_keys: dict[int, str] = field(default_factory=dict)  # slide number -> its picture's key

    def add_slide(self, number: int, jpeg: bytes) -> str:
        """The key of a picture of slide `number` in the template's pictures."""
        key = f"s{number}-{hashlib.sha256(jpeg).hexdigest()[:12]}"
        self.slides[key] = jpeg
        return key

    def add_drawing(self, svg: bytes) -> str:
        """The key of a vector drawing (a chart) in the template's pictures."""
        key = f"d{hashlib.sha256(svg).hexdigest()[:16]}"
        self.codes[key] = svg
        return key

    def add_code(self, address: str) -> str:
        """The key of a QR code of `address` in the template's pictures."""
        svg = qr_svg(address)
        key = f"q{hashlib.sha256(svg).hexdigest()[:16]}"
        self.codes[key] = svg
        return key

    def add(self, picture: Picture) -> str | None:
        """The picture's key in the template's pictures, or None when it cannot be used."""
        pixels = (round(self.box[0] / 72 * PRINT_DPI), round(self.box[1] / 72 * PRINT_DPI))
        try:
            prepared = self.cache.prepare(picture.asset.file, pixels)
        except ImageProblem as problem:
            self.problems[picture.asset.file] = str(problem)
            return None
        key = f"p{prepared.digest[:16]}"
        self.prepared[key] = prepared
        return key

    def encoded(self) -> dict[str, str]:
        """Each picture's bytes as a JSON array of numbers: `bytes()` in Typst turns
        it back into the file (a string input cannot carry binary data)."""
        # An SVG goes in as its cleaned SVG: Typst sets it as vector graphics.
        encoded = {
            key: _as_json_array(image.digest + ("-svg" if image.svg else ""), image.svg or image.data)
            for key, image in self.prepared.items()
        }
        encoded.update((key, _as_json_array(key, svg)) for key, svg in self.codes.items())
        encoded.update((key, _as_json_array(key, jpeg)) for key, jpeg in self.slides.items())
        return encoded


_ENCODED: dict[str, str] = {}


def _as_json_array(digest: str, data: bytes) -> str:
    if digest not in _ENCODED:
        if len(_ENCODED) > 64:
            _ENCODED.clear()
        _ENCODED[digest] = "[" + ",".join(map(str, data)) + "]"
    return _ENCODED[digest]
