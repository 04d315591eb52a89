"""Files a talk names: resolved inside the talk folder, pictures probed once.

Every use is recorded (`AssetUse`), found or not, so the `assets` command can
list each file with the slides that use it and every missing reference.
"""

from __future__ import annotations

from pathlib import Path

from segue.diagnostics import Diagnostics, quoted
from segue.media.pictures import ImageProblem, probe
from segue.media.svg import MAX_BYTES as MAX_SVG_BYTES, SvgProblem, clean_svg
from segue.sources import SourceProblem, read_file
from segue.talk.model import Asset, AssetUse, Source
from segue.talk.read.paths import resolve_asset

PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg"}


class AssetResolver:
    def __init__(self, root: Path, report: Diagnostics) -> None:
        self.root = root
        self.report = report
        self.uses: list[AssetUse] = []
        self._pictures: dict[str, tuple[Asset | None, str | None]] = {}
        self._cleaned: dict[str, str] = {}  # SVGs the allow-list changed: ref -> what it removed (reported once)

    def file(self, ref: str, source: Source, what: str, suffixes: tuple[str, ...] | None = None) -> Asset | None:
        """A non-picture file (a template)."""
        asset = resolve_asset(self.root, ref, source, self.report, what)
        if asset is not None and suffixes and asset.suffix not in suffixes:
            self.report.error(source.path, source.line, f"{what} {quoted(ref)} must be a {' or '.join(suffixes)} file")
            asset = None
        self.uses.append(AssetUse(ref, source, asset, what))
        return asset

    def picture(self, ref: str, source: Source, what: str = "image") -> Asset | None:
        """A picture, checked to be one the build can place (each file decoded once)."""
        if ref not in self._pictures:
            checks = Diagnostics()
            asset = resolve_asset(self.root, ref, source, checks, what)
            problem = checks.items[0].message if checks.items else None
            if asset is not None:
                problem = self._picture_problem(asset, ref, what)
                if problem:
                    asset = None
            self._pictures[ref] = (asset, problem)
        asset, problem = self._pictures[ref]
        if problem:
            self.report.error(source.path, source.line, problem)
        removed = self._cleaned.pop(ref, None)
        if removed:
            self.report.warning(
                source.path, source.line, f"{what} {ref!r}: the SVG's {removed} were removed; the rest of the picture is kept"
            )
        self.uses.append(AssetUse(ref, source, asset, what))
        return asset

    def _picture_problem(self, asset: Asset, ref: str, what: str) -> str | None:
        if asset.suffix == ".svg":
            return self._svg_problem(asset, ref, what)
        if asset.suffix not in PICTURE_SUFFIXES:
            return f"{what} {quoted(ref)} is not a picture format the build knows ({', '.join(sorted(PICTURE_SUFFIXES))})"
        try:
            info = probe(asset.file)
        except ImageProblem as problem:
            return f"{what} {quoted(ref)}: {problem}"
        asset.pixels = (info.width, info.height)
        return None

    def _svg_problem(self, asset: Asset, ref: str, what: str) -> str | None:
        """An SVG is read through the allow-list here already, so what it removes is
        reported where the talk names the picture, and its size is known."""
        try:
            if asset.file.stat().st_size > MAX_SVG_BYTES:
                raise SvgProblem(f"the SVG is over the limit of {MAX_SVG_BYTES // 1_000_000} MB: simplify it")
            clean = clean_svg(read_file(asset.file))  # only while it is the file the reader resolved
        except SvgProblem as problem:
            return f"{what} {quoted(ref)}: {problem}"
        except SourceProblem as problem:
            return f"{what} {quoted(ref)}: the file {problem.reason}"
        except OSError as exc:
            return f"{what} {quoted(ref)} cannot be read: {exc.strerror or exc}"
        asset.pixels = (max(1, round(clean.width)), max(1, round(clean.height)))
        if clean.removed:
            self._cleaned[ref] = ", ".join(clean.removed)
        return None
