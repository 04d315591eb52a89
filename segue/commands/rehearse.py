"""`rehearse`: walk through the deck in the terminal against the clock."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from segue.build.pipeline import check_out_dir, load
from segue.commands.common import report, talk_argument, talk_root


@click.command()
@talk_argument
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Where the rehearsal CSV goes (default: TALK/dist).")
@click.option("--speaker", metavar="ID", help="Show this speaker's lines in full and the others' as cues.")
def rehearse(talk: Path | None, out: Path | None, speaker: str | None) -> None:
    """Rehearse against the plan in the terminal: each slide with who speaks,
    the lines, the slide's countdown and how far ahead or behind the segment and
    the session are. Space or → next, ← back, p pause, q quit and save.

    Saves <slug>-rehearsal-<date-time>.csv (slide, title, planned, actual,
    speaker) for `timing --against`. Without a terminal it reads one command
    per line (Enter, b, p, q).
    """
    from segue.show import session as rehearsing
    from segue.show.session import Session
    from segue.show.terminal import main as rehearse_in_terminal

    root = talk_root(talk)
    loaded = load(root)
    out_dir = out if out is not None else root / "dist"
    check_out_dir(root, out_dir, loaded.report)
    if loaded.plan is None or loaded.report.has_errors:
        sys.exit(report(loaded.report))
    if speaker is not None and speaker not in loaded.talk.speakers:
        known = ", ".join(loaded.talk.speakers) or "none"
        raise click.BadParameter(f"{speaker!r} is not a speaker of deck.toml ({known})", param_hint="--speaker")
    session = Session(loaded.talk, loaded.plan, speaker, now=rehearsing.CLOCK)
    try:
        saved = rehearse_in_terminal(session, out_dir)
    except OSError as exc:  # a read-only or full disk: the rehearsal's times are printed instead
        click.echo(session.to_csv(), nl=False)
        click.echo(f"{out_dir}: error: cannot save the rehearsal: {exc.strerror or exc}; its CSV is printed above", err=True)
        sys.exit(1)
    click.echo(f"wrote {saved}")
    sys.exit(0)
