"""Pictures through Pillow: checked when read, made deck-ready when rendered.

Every picture that leaves the build is re-encoded: EXIF orientation is
applied and then all metadata is dropped (a client's photo must not carry
GPS or camera data), formats PowerPoint cannot take become PNG or JPEG, and
pictures are scaled down to at most twice their placed size.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 60_000_000  # larger pictures are refused (decompression bombs)
JPEG_QUALITY = 88


class ImageProblem(Exception):
    """A picture the build cannot use; the message is for the presenter."""


@dataclass(frozen=True)
class ImageInfo:
    width: int  # pixels, upright (after EXIF orientation)
    height: int
    format: str

    @property
    def aspect(self) -> float:
        return self.width / self.height


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    extension: str  # "png" | "jpg"
    width: int
    height: int
    digest: str  # of the prepared bytes


def _open(file: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem("the picture is too large to process safely") from None
    except UnidentifiedImageError:
        raise ImageProblem("the file is not a picture Pillow can read (corrupt or unsupported format)") from None
    except OSError as exc:
        raise ImageProblem(f"the picture cannot be read: {exc}") from None
    if image.width * image.height > MAX_PIXELS:
        raise ImageProblem(
            f"the picture has {image.width}×{image.height} pixels, over the limit of {MAX_PIXELS // 1_000_000} megapixels"
        )
    return image


_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


def probe(file: Path) -> ImageInfo:
    """Size and format of a picture, checking that it decodes; raises ImageProblem."""
    image = _open(file)
    try:
        image.load()
    except Exception as exc:  # Pillow raises many types for truncated or broken data
        raise ImageProblem(f"the picture is corrupt: {exc}") from None
    width, height = image.size
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:
        orientation = 1
    if orientation in _ROTATED:
        width, height = height, width
    return ImageInfo(width, height, image.format or "")


def prepare(file: Path, max_size: tuple[int, int] | None = None) -> PreparedImage:
    """Deck-ready bytes: upright, no metadata, PNG or JPEG, at most `max_size` pixels."""
    image = _open(file)
    source_format = image.format
    if getattr(image, "is_animated", False):
        image.seek(0)  # the first frame of an animation
    image = ImageOps.exif_transpose(image)
    if max_size is not None and (image.width > max_size[0] or image.height > max_size[1]):
        image.thumbnail(max_size, Image.Resampling.LANCZOS)
    keep_jpeg = source_format == "JPEG" and image.mode in ("RGB", "L")
    if keep_jpeg:
        extension, save = "jpg", {"format": "JPEG", "quality": JPEG_QUALITY, "optimize": True}
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("P", "PA") else "RGB")
        extension, save = "png", {"format": "PNG", "optimize": False}
    # A fresh image holds pixels only: no EXIF, XMP, ICC comments or text chunks.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    buffer = io.BytesIO()
    clean.save(buffer, **save)
    data = buffer.getvalue()
    return PreparedImage(data, extension, clean.width, clean.height, hashlib.sha256(data).hexdigest())
