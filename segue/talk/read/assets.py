"""Files a talk names: resolved inside the talk folder, pictures probed once.

Every use is recorded (`AssetUse`), found or not, so the `assets` command can
list each file with the slides that use it and every missing reference.
"""

from __future__ import annotations

from pathlib import Path

from segue.diagnostics import Diagnostics, quoted
from segue.media.pictures import ImageProblem, probe
from segue.talk.model import Asset, AssetUse, Source
from segue.talk.read.paths import resolve_asset

PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}


class AssetResolver:
    def __init__(self, root: Path, report: Diagnostics) -> None:
        self.root = root
        self.report = report
        self.uses: list[AssetUse] = []
        self._pictures: dict[str, tuple[Asset | None, str | None]] = {}

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
        self.uses.append(AssetUse(ref, source, asset, what))
        return asset

    @staticmethod
    def _picture_problem(asset: Asset, ref: str, what: str) -> str | None:
        if asset.suffix == ".svg":
            return f"{what} {quoted(ref)} is SVG, which decks cannot embed: convert it to PNG"
        if asset.suffix not in PICTURE_SUFFIXES:
            return f"{what} {quoted(ref)} is not a picture format the build knows ({', '.join(sorted(PICTURE_SUFFIXES))})"
        try:
            info = probe(asset.file)
        except ImageProblem as problem:
            return f"{what} {quoted(ref)}: {problem}"
        asset.pixels = (info.width, info.height)
        return None
