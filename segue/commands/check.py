"""`check`: read, plan and lay out a talk and report its problems; writes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from segue.build import pipeline
from segue.commands.common import echo_template_layouts, report, talk_argument, talk_root
from segue.talk import labels


@click.command()
@talk_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"], case_sensitive=False), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--proof", is_flag=True, help="Also render the deck with LibreOffice, look at it as a build does, and write TALK/dist/<slug>-proof.html."
)
def check(talk: Path | None, fmt: str, strict: bool, proof: bool) -> None:
    """Read, plan and lay out TALK and report its problems; writes nothing
    (with --proof: the proof).

    It does finish or undo a build that was stopped in TALK/dist, as the next
    build would, and says so."""
    root = talk_root(talk)
    for line in pipeline.recover_stopped_build(root / "dist"):
        click.echo(line, err=True)
    loaded = pipeline.check(root, proof=proof)
    for path in loaded.written:
        click.echo(f"wrote {path}", err=fmt == "json")
    found = loaded.report
    if fmt == "json":
        click.echo(found.as_json())
        failed = found.has_errors or (strict and found.warnings)
        sys.exit(1 if failed else 0)
    status = report(found, strict)
    if status == 0 and loaded.plan is not None:
        slides, segments = len(loaded.plan.slides), len(loaded.talk.segments)
        click.echo(f"ok: {labels.count(slides, 'slide')}, {labels.count(segments, 'segment')}")
        echo_template_layouts(loaded)
    sys.exit(status)
