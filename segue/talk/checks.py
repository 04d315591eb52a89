"""Checks on a read talk that are about the look, not the syntax (LOOK.md)."""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.talk.model import ListBlock, Talk, WriteLines, iter_blocks

MAX_BULLETS = 6


def _missing_pictures(talk: Talk) -> dict[str, list[int]]:
    """The lines, per file, of pictures that could not be read (each already an error)."""
    lines: dict[str, list[int]] = {}
    for use in talk.asset_uses:
        if use.asset is None and use.source.line is not None:
            lines.setdefault(use.source.path, []).append(use.source.line)
    return lines


def check_talk(talk: Talk, report: Diagnostics) -> None:
    missing = _missing_pictures(talk)
    for segment, slide in talk.slides:
        path, line = slide.source.path, slide.source.line
        visible = [b for b in slide.body if not isinstance(b, WriteLines)]
        if slide.layout == "title-only" and visible:
            report.warning(path, line, "layout title-only shows only the title; this slide's body is left out")
        following = [s.source.line for s in segment.slides if (s.source.line or 0) > (line or 0)]
        end = min(following, default=None)
        named_missing = any(line <= at and (end is None or at < end) for at in missing.get(path, ()))
        if slide.layout == "image" and not slide.pictures() and not named_missing:
            report.warning(path, line, "layout image has no picture on this slide")
        bullets = sum(
            len(list(block.flatten())) for block in iter_blocks(slide.body) if isinstance(block, ListBlock)
        )
        if bullets > MAX_BULLETS:
            report.warning(
                path, line, f"{bullets} bullets on one slide; at most {MAX_BULLETS} read well from the back of the room: split it"
            )
