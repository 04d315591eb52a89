"""Checks on a read talk that are about the look, not the syntax (LOOK.md)."""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.talk.model import ListBlock, Talk, WriteLines, iter_blocks

MAX_BULLETS = 6


def check_talk(talk: Talk, report: Diagnostics) -> None:
    for _, slide in talk.slides:
        path, line = slide.source.path, slide.source.line
        visible = [b for b in slide.body if not isinstance(b, WriteLines)]
        if slide.layout == "title-only" and visible:
            report.warning(path, line, "layout title-only shows only the title; this slide's body is left out")
        if slide.layout == "image" and not slide.pictures():
            report.warning(path, line, "layout image has no picture on this slide")
        bullets = sum(
            len(list(block.flatten())) for block in iter_blocks(slide.body) if isinstance(block, ListBlock)
        )
        if bullets > MAX_BULLETS:
            report.warning(
                path, line, f"{bullets} bullets on one slide; at most {MAX_BULLETS} read well from the back of the room: split it"
            )
