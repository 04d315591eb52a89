"""The talk's files for designers: what each asset is, where it is used, what is missing or unused."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from segue.media.pictures import ImageProblem, probe
from segue.talk.model import AssetUse, Source, Talk
from segue.talk.plan import Plan


@dataclass
class AssetEntry:
    path: str
    file: Path
    size: int  # bytes
    pixels: tuple[int, int] | None  # upright width and height; None for non-pictures
    uses: list[tuple[AssetUse, int | None]] = field(default_factory=list)  # (use, deck slide number)


@dataclass
class Inventory:
    entries: list[AssetEntry]
    missing: list[AssetUse]
    unused: list[str]


class SlideFinder:
    """The deck slide number of a source line: the last slide starting at or before it."""

    def __init__(self, plan: Plan | None) -> None:
        self.starts: dict[str, tuple[list[int], list[int]]] = {}
        for planned in plan.slides if plan else []:
            if planned.slide is None:
                continue
            lines, numbers = self.starts.setdefault(planned.slide.source.path, ([], []))
            lines.append(planned.slide.source.line or 0)
            numbers.append(planned.number)

    def __call__(self, source: Source) -> int | None:
        if source.path not in self.starts:
            return None
        lines, numbers = self.starts[source.path]
        index = bisect_right(lines, source.line or 0) - 1
        return numbers[index] if index >= 0 else None


def take_inventory(talk: Talk, plan: Plan | None) -> Inventory:
    slide_of = SlideFinder(plan)
    entries: dict[str, AssetEntry] = {}
    missing: list[AssetUse] = []
    for use in talk.asset_uses:
        if use.asset is None:
            missing.append(use)
            continue
        entry = entries.get(use.asset.path)
        if entry is None:
            try:
                info = probe(use.asset.file)
                pixels = (info.width, info.height)
            except ImageProblem:
                pixels = None
            entry = entries[use.asset.path] = AssetEntry(use.asset.path, use.asset.file, use.asset.file.stat().st_size, pixels)
        entry.uses.append((use, slide_of(use.source)))
    used = {entry.file.resolve() for entry in entries.values()}
    assets_dir = talk.root / "assets"
    unused = sorted(
        file.relative_to(talk.root).as_posix()
        for file in (assets_dir.rglob("*") if assets_dir.is_dir() else [])
        if file.is_file() and not file.name.startswith(".") and file.resolve() not in used
    )
    return Inventory(sorted(entries.values(), key=lambda e: e.path), missing, unused)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def to_text(inventory: Inventory) -> str:
    lines = []
    for entry in inventory.entries:
        pixels = f"{entry.pixels[0]}×{entry.pixels[1]}" if entry.pixels else "-"
        lines.append(f"{entry.path}  {human_size(entry.size)}  {pixels}")
        for use, number in entry.uses:
            where = f"slide {number}" if number else use.what
            lines.append(f"    {use.source}  ({where})")
    if not inventory.entries:
        lines.append("no assets are used")
    if inventory.missing:
        lines.append("")
        lines.append("missing:")
        lines += [f"    {use.ref}  named at {use.source}" for use in inventory.missing]
    if inventory.unused:
        lines.append("")
        lines.append("unused in assets/:")
        lines += [f"    {path}" for path in inventory.unused]
    return "\n".join(lines)
