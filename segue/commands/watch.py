"""`watch`: rebuild on every save."""

from __future__ import annotations

from pathlib import Path

import click

from segue.commands.common import output_options, outputs, talk_argument, talk_root


@click.command()
@talk_argument
@output_options
def watch(
    talk: Path | None, out: Path | None, only: str | None, paper: str | None, auto_advance: bool, no_slide_timings: bool
) -> None:
    """Rebuild on every save in deck/, assets/ and handouts/; Ctrl-C stops.

    Each rebuild prints its time and its diagnostics; a save with errors
    leaves the last good outputs in place. The deck PDF, the proof and the
    scripts' slide pictures (LibreOffice) follow in the background; the next
    save cancels them.
    """
    from watchfiles import watch as changes

    from segue.build.watch import WatchSession

    root = talk_root(talk)
    out_dir, options = outputs(root, out, only, paper, auto_advance, no_slide_timings)
    session = WatchSession(root, out_dir, options, lambda line, error: click.echo(line, err=error))
    session.build()
    folders = session.folders()
    click.echo(f"watching {', '.join(str(f) for f in folders)} (Ctrl-C stops)")
    try:
        for _ in changes(*folders, step=30, debounce=400, raise_interrupt=False):
            session.build()
    finally:
        session.cancel_background()  # no LibreOffice left running
