"""`assets`: every file the talk uses, where, its sizes; what is missing or unused."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from segue.build import pipeline
from segue.commands.common import echo_template_layouts, report, talk_argument, talk_root


@click.command()
@talk_argument
def assets(talk: Path | None) -> None:
    """List every asset with the slides that use it, its file size and pixel
    size; then missing files and files in assets/ that nothing uses."""
    from segue.talk.inventory import take_inventory, to_text

    loaded = pipeline.check(talk_root(talk))
    if loaded.talk is not None:
        click.echo(to_text(take_inventory(loaded.talk, loaded.plan)))
        echo_template_layouts(loaded)
    sys.exit(report(loaded.report))
