"""`present`: the talk given live, each presenter's lines on their own phone."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from segue.build.pipeline import load
from segue.commands.common import program, report, talk_argument, talk_root


@click.command()
@talk_argument
@click.option("--port", type=click.IntRange(0, 65535), default=0, metavar="N", help="The port to listen on (default: a free one).")
@click.option("--lan", is_flag=True, help="Listen on the local network too (phones), every address carrying a token.")
@click.option("--public", is_flag=True, help="Serve no speaker notes at all.")
@click.option("--follow", is_flag=True, help="The slides are shown from PowerPoint: no /screen; a presenter taps Next as it advances.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Where the timings CSV goes (default: TALK/dist).")
def present(talk: Path | None, port: int, lan: bool, public: bool, follow: bool, out: Path | None) -> None:
    """Give the talk live: a local web server keeps the screen, each presenter's
    phone and the timekeeper in step.

    Prints one address a line (the screen, each presenter, the timekeeper);
    with --lan, QR codes of them too, for the phones. /screen shows the slides (arrow keys,
    space or a clicker advance them), /p/<speaker> that presenter's own lines
    with the others' cues and the clock, /time the run-of-show. Ctrl-C stops
    and saves <slug>-rehearsal-<date-time>.csv for `timing --against`.
    """
    from segue.show.present.addresses import PortProblem
    from segue.show.present.run import Options, main

    root = talk_root(talk)
    loaded = load(root)
    if loaded.plan is None or loaded.report.has_errors:
        sys.exit(report(loaded.report))
    out_dir = out if out is not None else root / "dist"
    try:
        saved = main(root, out_dir, loaded.talk, loaded.plan, Options(port, lan, public, follow))
    except PortProblem as problem:
        raise click.ClickException(str(problem)) from None
    if saved is None:
        click.echo("stopped: the clock never started, so nothing was timed or saved")
    else:
        click.echo(f"stopped: wrote {saved}")
        click.echo(f"compare it with the plan: {program()} timing {root} --against {saved}")
    sys.exit(0)
