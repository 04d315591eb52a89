"""Pictures through Pillow: checked when read, made deck-ready when rendered.

No picture leaves the build as it came in. A PNG that is upright, in sRGB,
without a palette and small enough is rebuilt from an allow-list of its
structure (`picturefile`: its pixels and what decodes them, nothing a camera
or an editor wrote beside them, each part minimal); such a JPEG is encoded
again with its own quantisation tables; any other picture is re-encoded from its decoded
pixels, with the EXIF orientation applied, colours converted to sRGB, 16-bit
samples brought to 8 bits, formats PowerPoint cannot take made PNG, and the
size brought to at most twice the placed size. Either way the result is
passed through the allow-list again before it is used.
"""

from __future__ import annotations

import hashlib
import os
import io
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from segue.diagnostics import quoted
from segue.media.picturefile import PictureFileProblem, strip
from segue.sources import SourceProblem, read_file, read_file_and_digest
from segue.media.svg import SvgProblem, clean_svg, render_png

MAX_PIXELS = 60_000_000  # larger pictures are refused (decompression bombs)
JPEG_QUALITY = 88


class ImageProblem(Exception):
    """A picture the build cannot use; the message is for the presenter. `file`
    is set when the file itself could not be read (gone or changed during a build)."""

    def __init__(self, message: str, file: Path | None = None) -> None:
        super().__init__(message)
        self.file = file


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
    svg: bytes | None = None  # an SVG picture, cleaned by the allow-list; `data` is its PNG drawing


# The formats a picture may be, by Pillow's plugin for each: a file is recognised by its
# bytes, whatever its name, and no other plugin is ever tried. Some would start a helper
# program with the file (EPS and PostScript run Ghostscript) or read what no deck needs.
FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "BMP", "GIF")
FORMAT_NAMES = "JPEG, PNG, WebP, TIFF, BMP or GIF"


def _open(file: Path | io.BytesIO, formats: tuple[str, ...] = FORMATS) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem("the picture is too large to process safely") from None
    except UnidentifiedImageError:
        raise ImageProblem(
            f"the file is not a {FORMAT_NAMES} picture, whatever its name says, or it is corrupt"
        ) from None
    except OSError as exc:
        raise ImageProblem(f"the picture cannot be read: {exc}") from None
    if image.width * image.height > MAX_PIXELS:
        raise ImageProblem(
            f"the picture has {image.width}×{image.height} pixels, over the limit of {MAX_PIXELS // 1_000_000} megapixels"
        )
    return image


_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
MIN_OVERSAMPLE = 1.5  # a picture keeps at least 1.5x, at most 2x, its placed size in pixels


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # unreadable EXIF counts as upright
        return 1


def probe(file: Path) -> ImageInfo:
    """Size and format of a picture of the talk, checking that it decodes; raises
    ImageProblem. Read through `segue.sources`: only while it is the file the talk's
    reader resolved inside the talk folder."""
    try:
        data = read_file(file)
    except SourceProblem as problem:
        raise ImageProblem(f"the file {problem.reason}", file) from None
    image = _open(io.BytesIO(data))
    width, height = image.size
    # Decoding at 1/8 scale (JPEG) still reads every block, which is what
    # finds truncated or corrupt data, at a fraction of the cost.
    image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
    try:
        image.load()
    except Exception as exc:  # Pillow raises many types for truncated or broken data
        raise ImageProblem(f"the picture is corrupt: {exc}") from None
    if _orientation(image) in _ROTATED:
        width, height = height, width
    return ImageInfo(width, height, image.format or "")


_PASSTHROUGH_FORMATS = {"JPEG": "jpg", "PNG": "png"}
_EIGHT_BIT = {"1", "L", "LA", "P", "PA", "RGB", "RGBA", "CMYK", "YCbCr"}


def _is_srgb(icc: bytes | None) -> bool:
    """No profile (sRGB by default), or one that says it is sRGB."""
    if not icc:
        return True
    try:
        description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
    except Exception:  # an unreadable profile: the colours are taken as they are, without it
        return True
    return "srgb" in description.lower()


def _rebuilds_as_it_is(image: Image.Image, max_size: tuple[int, int] | None) -> bool:
    """A JPEG or PNG that needs no pixel work: it is then rebuilt from its allowed
    structure rather than re-encoded (no loss of quality, no time spent)."""
    if image.format not in _PASSTHROUGH_FORMATS or getattr(image, "is_animated", False):
        return False
    if image.mode not in _EIGHT_BIT or image.mode in ("CMYK", "P", "PA") or _orientation(image) != 1:
        return False  # a palette may hold colours no pixel uses: re-encoded, it holds none
    if not _is_srgb(image.info.get("icc_profile")):
        return False
    return max_size is None or (image.width <= max_size[0] and image.height <= max_size[1])


def _to_eight_bits(image: Image.Image) -> Image.Image:
    """16-bit and 32-bit greyscale (I;16, I, F) as 8-bit: scaled, not clipped to white."""
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N"):
        image = image.convert("I")
    if image.mode == "I":
        return image.point(lambda value: value * (1 / 257)).convert("L")
    if image.mode == "F":
        low, high = image.getextrema()
        span = (high - low) or 1
        return image.point(lambda value: (value - low) * 255 / span).convert("L")
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if _is_srgb(icc):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except Exception:  # a profile littlecms cannot use: the colours are kept as they are
        return image


def small_upright(file: Path, longest: int = 96) -> Image.Image:
    """The picture upright and small (`longest` pixels at most), to see what colour
    each part of it is; ImageProblem when it cannot be read."""
    try:
        data = read_file(file)
    except SourceProblem as problem:
        raise ImageProblem(problem.reason, file) from None
    try:
        image = _open(io.BytesIO(data))
        image.draft("RGB", (longest, longest))  # a JPEG decodes at a fraction of its size
        image = ImageOps.exif_transpose(image).convert("RGB")
    except ImageProblem:
        raise
    except Exception as exc:
        raise ImageProblem(f"the picture is corrupt: {exc}") from None
    image.thumbnail((longest, longest))
    return image


def prepare(file: Path, max_size: tuple[int, int] | None = None) -> PreparedImage:
    """Deck-ready bytes: upright, no metadata, PNG or JPEG, at most `max_size` pixels."""
    return prepare_bytes(file.read_bytes(), max_size)


def prepare_bytes(data: bytes, max_size: tuple[int, int] | None = None) -> PreparedImage:
    """Deck-ready bytes from a picture's bytes; ImageProblem when they do not decode."""
    try:
        return _prepare_bytes(data, max_size)
    except ImageProblem:
        raise
    except Exception as exc:  # Pillow decodes lazily and raises many types for broken data
        raise ImageProblem(f"the picture is corrupt: {exc}") from None


def _prepare_bytes(data: bytes, max_size: tuple[int, int] | None) -> PreparedImage:
    image = _open(io.BytesIO(data))
    if _rebuilds_as_it_is(image, max_size):
        extension = _PASSTHROUGH_FORMATS[image.format]
        try:
            out = _jpeg_as_it_is(image) if extension == "jpg" else strip(data, extension)
            _open(io.BytesIO(out)).load()
        except (PictureFileProblem, ImageProblem, OSError, ValueError):
            pass  # not rebuilt cleanly: re-encoded from its pixels below
        else:
            return PreparedImage(out, extension, image.width, image.height, hashlib.sha256(out).hexdigest())
        image = _open(io.BytesIO(data))
    return _reencode(image, max_size)


def _jpeg_as_it_is(image: Image.Image) -> bytes:
    """A JPEG encoded again from its pixels with its own quantisation tables and
    subsampling (next to no loss): its entropy-coded data can hide bytes no
    decoder reads (before the end marker, between restart intervals), so it is
    never copied."""
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality="keep", subsampling="keep")
    return strip(buffer.getvalue(), "jpg")


def _reencode(image: Image.Image, max_size: tuple[int, int] | None) -> PreparedImage:
    source_format = image.format
    if getattr(image, "is_animated", False):
        image.seek(0)  # the first frame of an animation
    if max_size is not None:
        max_size = (max(1, max_size[0]), max(1, max_size[1]))
    if source_format == "JPEG" and max_size is not None:
        # A JPEG can be decoded at 1/2, 1/4 or 1/8 scale for a fraction of the
        # cost; take the smallest that stays at or above MIN_OVERSAMPLE of the
        # placed size (max_size is twice it), and resize only what remains.
        rotated = image.getexif().get(0x0112, 1) in _ROTATED
        box = (max_size[1], max_size[0]) if rotated else max_size
        fit = min(box[0] / image.width, box[1] / image.height, 1.0)
        floor = fit * MIN_OVERSAMPLE / 2
        image.draft("RGB", (max(1, int(image.width * floor)), max(1, int(image.height * floor))))
    image = ImageOps.exif_transpose(image, in_place=False) if _orientation(image) != 1 else image
    image = _to_srgb(_to_eight_bits(image))
    if image.mode == "CMYK":
        image = image.convert("RGB")
    if max_size is not None and (image.width > max_size[0] or image.height > max_size[1]):
        image.thumbnail(max_size, Image.Resampling.BICUBIC)
    keep_jpeg = source_format == "JPEG" and image.mode in ("RGB", "L")
    if keep_jpeg:
        extension, save = "jpg", {"format": "JPEG", "quality": JPEG_QUALITY}
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("P", "PA") else "RGB")
        extension, save = "png", {"format": "PNG", "compress_level": 6}
    # Saved with no metadata: Pillow writes EXIF, XMP, ICC profiles and text
    # chunks only from what `info` carries or what save() is given.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, **save)
    out = strip(buffer.getvalue(), extension)  # what Pillow wrote, through the allow-list too
    return PreparedImage(out, extension, image.width, image.height, hashlib.sha256(out).hexdigest())


def prepare_svg(data: bytes, max_size: tuple[int, int], file: Path | None = None) -> PreparedImage:
    """An SVG cleaned by the allow-list (never used as it came), with its PNG drawing at
    most `max_size` pixels for applications that cannot show SVG."""
    try:
        clean = clean_svg(data)
        png, width, height = render_png(clean, max_size)
    except SvgProblem as problem:  # checked when read; changed since
        raise ImageProblem(str(problem), file) from None
    except ValueError as exc:  # resvg could not draw it
        raise ImageProblem(f"the SVG cannot be drawn: {exc}", file) from None
    png = strip(png, "png")
    return PreparedImage(png, "png", width, height, hashlib.sha256(png).hexdigest(), clean.data)


def clean_picture_bytes(data: bytes) -> tuple[bytes, str]:
    """A picture of any origin (a template's) cleaned as the talk's are, at its size:
    (bytes, "jpg" | "png"); ImageProblem when it cannot be decoded."""
    prepared = prepare_bytes(data, None)
    return prepared.data, prepared.extension


class ImageCache:
    """Prepared pictures by content hash, so an unchanged picture is processed once.

    In memory for the life of the process (a watch session), and on disk in
    `directory` (inside the output folder) across builds.
    """

    VERSION = "3"  # bump when prepare_bytes changes what it makes

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self.memory: dict[str, PreparedImage] = {}
        self.processed = 0  # pictures actually decoded and re-encoded by this cache
        self._lock = threading.Lock()  # pictures are prepared on several threads

    def prepare(self, file: Path, max_size: tuple[int, int]) -> PreparedImage:
        """The picture in `file` prepared; ImageProblem when it cannot be read or decoded."""
        try:
            data, digest = read_file_and_digest(file)
        except SourceProblem as problem:
            raise ImageProblem(problem.reason, file) from None
        key = f"{digest[:40]}-{max_size[0]}x{max_size[1]}-v{self.VERSION}"
        if key in self.memory:
            return self.memory[key]
        if file.suffix.lower() == ".svg":
            prepared = prepare_svg(data, max_size, file)
            self.memory[key] = prepared
            return prepared
        prepared = self._load(key)
        if prepared is None:
            try:
                prepared = prepare_bytes(data, max_size)
            except ImageProblem as problem:  # checked when read; changed since
                raise ImageProblem(str(problem), file) from None
            with self._lock:
                self.processed += 1
            self._store(key, prepared)
        self.memory[key] = prepared
        return prepared

    def _load(self, key: str) -> PreparedImage | None:
        if self.directory is None:
            return None
        for extension in ("jpg", "png"):
            path = self.directory / f"{key}.{extension}"
            if path.is_file():
                data = path.read_bytes()
                try:
                    with Image.open(io.BytesIO(data), formats=("JPEG", "PNG")) as image:
                        width, height = image.size
                except (OSError, UnidentifiedImageError):
                    return None  # a damaged cache entry is simply made again
                return PreparedImage(data, extension, width, height, hashlib.sha256(data).hexdigest())
        return None

    def _store(self, key: str, prepared: PreparedImage) -> None:
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Named `.….<pid>.tmp` like every temporary file, so a stopped build's is removed.
            temporary = self.directory / f".{key}.{threading.get_ident()}.{os.getpid()}.tmp"
            temporary.write_bytes(prepared.data)
            temporary.replace(self.directory / f"{key}.{prepared.extension}")
        except OSError:
            pass  # the cache only saves time; a build never fails for it


def report_picture_problem(talk, problem: ImageProblem, report) -> None:
    """An error at the place the talk names the picture that could not be used."""
    use = talk.first_use(problem.file) if problem.file is not None else None
    if use is None:
        report.error("assets", None, f"a picture cannot be used: {problem}")
    else:
        report.error(use.source.path, use.source.line, f"{use.what} {quoted(use.ref)}: {problem}")


_SHARED: dict[Path | None, ImageCache] = {}


def shared_cache(directory: Path | None) -> ImageCache:
    """One cache per cache folder for the life of the process, so a watch
    session prepares each picture once however often it rebuilds."""
    if directory not in _SHARED:
        _SHARED[directory] = ImageCache(directory)
    return _SHARED[directory]
