"""Pictures through Pillow: upright, no metadata, formats PowerPoint takes, cached."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from segue.media.pictures import ImageCache, ImageProblem, prepare, probe
from tests.helpers import SEGMENT_ONE, cli, write

CANARY = "CANARY-GPS-4e1d"


def exif_with(orientation: int | None = None, gps: bool = False) -> Image.Exif:
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x010F] = CANARY  # camera make
        gps_ifd = exif.get_ifd(0x8825)
        gps_ifd[1] = "N"
        gps_ifd[2] = (51.0, 30.0, 0.0)
        gps_ifd[0x1B] = CANARY  # processing method
    return exif


def marked_photo(path: Path, fmt: str = "JPEG", orientation: int | None = None, gps: bool = False, size=(400, 200)):
    """A wide picture, red at its left end, so orientation is visible after processing."""
    image = Image.new("RGB", size, (30, 90, 200))
    image.paste((220, 20, 20), (0, 0, size[0] // 4, size[1]))
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {}
    if orientation or gps:
        kwargs["exif"] = exif_with(orientation, gps)
    image.save(path, format=fmt, **kwargs)
    return path


def media_of(pptx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pptx) as package:
        return {n: package.read(n) for n in package.namelist() if n.startswith("ppt/media/")}


def build_with_picture(talk: Path, tmp_path: Path, name: str, attrs: str = "") -> Path:
    text = SEGMENT_ONE.replace("(assets/square.png)", f"(assets/{name}){attrs}")
    write(talk / "deck" / "01-opening.md", text)
    out = tmp_path / "out"
    result = cli("build", talk, "--out", out, "--only", "pptx")
    assert result.exit_code == 0, result.output
    return out / "small-talk.pptx"


@pytest.mark.parametrize(
    "name, fmt",
    [("photo.webp", "WEBP"), ("photo.tiff", "TIFF"), ("photo.bmp", "BMP"), ("photo.gif", "GIF")],
)
def test_formats_powerpoint_cannot_take_become_png(talk, tmp_path, name, fmt):
    marked_photo(talk / "assets" / name, fmt=fmt)
    media = media_of(build_with_picture(talk, tmp_path, name))
    assert len(media) == 1
    [(part, data)] = media.items()
    assert part.endswith(".png")
    assert Image.open(io.BytesIO(data)).format == "PNG"


def test_an_animated_gif_keeps_its_first_frame(talk, tmp_path):
    frames = [Image.new("RGB", (64, 64), color) for color in ((250, 0, 0), (0, 250, 0))]
    path = talk / "assets" / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    [(_, data)] = media_of(build_with_picture(talk, tmp_path, "anim.gif")).items()
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert getattr(image, "n_frames", 1) == 1
    red, green, _ = image.getpixel((32, 32))
    assert red > 200 and green < 50


def test_exif_rotated_photos_are_upright_and_metadata_free(talk, tmp_path):
    # Orientation 6: the camera was turned; viewers rotate the picture 90° clockwise.
    marked_photo(talk / "assets" / "turned.jpg", orientation=6, gps=True)
    pptx = build_with_picture(talk, tmp_path, "turned.jpg")
    [(part, data)] = media_of(pptx).items()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.size == (200, 400)  # upright: portrait now
    red, _, blue = image.convert("RGB").getpixel((100, 20))
    assert red > 150 and blue < 100  # the red end is at the top after the turn
    assert not image.getexif()
    assert b"Exif" not in data and CANARY.encode() not in data
    # the whole deck carries no trace of the canary either
    with zipfile.ZipFile(pptx) as package:
        assert all(CANARY.encode() not in package.read(n) for n in package.namelist())


def test_gps_tagged_png_loses_its_metadata(talk, tmp_path):
    path = talk / "assets" / "tagged.png"
    marked_photo(path, fmt="PNG", gps=True)
    assert CANARY.encode() in path.read_bytes()
    [(_, data)] = media_of(build_with_picture(talk, tmp_path, "tagged.png")).items()
    assert CANARY.encode() not in data
    assert not Image.open(io.BytesIO(data)).getexif()


def test_large_pictures_are_scaled_down_to_twice_their_placed_size(talk, tmp_path):
    marked_photo(talk / "assets" / "huge.jpg", size=(6000, 4000))
    pptx = build_with_picture(talk, tmp_path, "huge.jpg")
    from pptx import Presentation

    prs = Presentation(str(pptx))
    shape = next(s for s in prs.slides[4].shapes if s.shape_type == 13)
    placed_px = shape.width / 914400 * 96
    [(_, data)] = media_of(pptx).items()
    width, _ = Image.open(io.BytesIO(data)).size
    assert width < 6000
    assert width <= 2 * placed_px + 2


def test_fit_cover_crops_and_contain_does_not(talk, tmp_path):
    marked_photo(talk / "assets" / "wide.png", fmt="PNG", size=(800, 200))
    from pptx import Presentation

    pptx = build_with_picture(talk, tmp_path, "wide.png", "{fit=cover}")
    shape = next(s for s in Presentation(str(pptx)).slides[4].shapes if s.shape_type == 13)
    assert shape.crop_left > 0 and shape.crop_right > 0
    pptx = build_with_picture(talk, tmp_path, "wide.png")
    shape = next(s for s in Presentation(str(pptx)).slides[4].shapes if s.shape_type == 13)
    assert shape.crop_left == 0 and abs(shape.width / shape.height - 4) < 0.01


def test_an_svg_without_a_size_is_a_clear_error_with_a_hint(talk, tmp_path):
    write(talk / "assets" / "drawing.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    write(talk / "deck" / "01-opening.md", SEGMENT_ONE.replace("assets/square.png", "assets/drawing.svg"))
    result = cli("check", talk)
    assert result.exit_code == 1
    assert "deck/01-opening.md:30: error: image 'assets/drawing.svg': the SVG has no size: give its <svg> a viewBox" in result.output


def test_corrupt_pictures_are_reported(tmp_path):
    path = tmp_path / "broken.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"nonsense" * 20)
    with pytest.raises(ImageProblem):
        probe(path)


def test_the_cache_processes_each_picture_once(tmp_path):
    photo = marked_photo(tmp_path / "p.jpg", size=(3000, 2000), gps=True)
    cache_dir = tmp_path / "cache"
    first = ImageCache(cache_dir)
    a = first.prepare(photo, (1000, 1000))
    b = first.prepare(photo, (1000, 1000))
    assert first.processed == 1 and a is b
    second = ImageCache(cache_dir)  # a later build
    c = second.prepare(photo, (1000, 1000))
    assert second.processed == 0 and c.data == a.data
    photo.write_bytes(marked_photo(tmp_path / "q.jpg", size=(2000, 3000)).read_bytes())  # replaced under the same name
    d = second.prepare(photo, (1000, 1000))
    assert second.processed == 1 and d.data != a.data


def test_clean_small_pictures_go_in_unchanged(tmp_path):
    path = tmp_path / "clean.png"
    Image.new("RGB", (50, 50), "white").save(path)
    assert prepare(path, (100, 100)).data == path.read_bytes()


def test_replacing_an_asset_under_the_same_name_changes_the_deck(talk, tmp_path):
    out = tmp_path / "out"
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    first = media_of(out / "small-talk.pptx")
    Image.new("RGB", (320, 320), (10, 120, 60)).save(talk / "assets" / "square.png")
    assert cli("build", talk, "--out", out, "--only", "pptx").exit_code == 0
    assert media_of(out / "small-talk.pptx") != first
