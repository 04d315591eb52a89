"""`timing`: the time plan as a table, or a rehearsal compared with it (`--against`)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from segue.build.pipeline import load
from segue.commands.common import report, talk_argument, talk_root
from segue.diagnostics import Diagnostics


@click.command()
@talk_argument
@click.option(
    "--against",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A rehearsal: our rehearsal CSV, or a deck saved after PowerPoint's Rehearse Timings.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "md", "csv", "json"], case_sensitive=False), default="text", show_default=True
)
def timing(talk: Path | None, against: Path | None, fmt: str) -> None:
    """Print the time plan: every slide's start, duration and end, segment
    subtotals and each speaker's share, then the timing warnings.

    With --against, compare a rehearsal with the plan instead: per slide, per
    segment (more than 10 % over is marked) and per speaker, and which slides
    to trim to get back on time.
    """
    from segue.render.runofshow import to_terminal

    loaded = load(talk_root(talk))
    if loaded.plan is None:
        sys.exit(report(loaded.report))
    if against is None:
        click.echo(to_terminal(loaded.talk, loaded.plan, width=max(80, shutil.get_terminal_size((100, 24)).columns)))
        sys.exit(report(loaded.report))
    from segue.show import compare

    found = Diagnostics()
    actuals = compare.read_actuals(against, str(against), found)
    comparison = compare.compare(loaded.talk, loaded.plan, actuals, found, str(against)) if actuals else None
    loaded.report.extend(found)
    if comparison is not None and not found.has_errors:
        click.echo(compare.FORMATS[fmt.lower()](comparison), nl=False)
    sys.exit(report(loaded.report))
