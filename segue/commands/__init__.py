"""The command line: one module per command, each thin.

A command reads its options, calls the stages below (the build, the show),
prints what happened and leaves with an exit status; the work is done
elsewhere. `common` holds what they share. May import every other stage;
nothing imports the commands but the entry points (`build.py`, the `segue`
script, `python -m segue`).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys

import click

from segue.commands.assets import assets
from segue.commands.build import build
from segue.commands.bundle import bundle
from segue.commands.check import check
from segue.commands.new import new
from segue.commands.present import present
from segue.commands.rehearse import rehearse
from segue.commands.timing import timing
from segue.commands.watch import watch


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Build a co-presented talk: a timed deck with notes split by presenter,
    a takeaway handout, a script per presenter and a run-of-show.

    TALK is a talk folder (deck/deck.toml, deck/*.md, assets/, handouts/).
    Without TALK, commands work on the current folder when it holds
    deck/deck.toml, else on the folder of the build.py you ran (python -m
    segue and the segue command: the current folder). Every command names
    the talk it works on, on its first line.
    """


for command in (build, check, timing, rehearse, present, bundle, assets, watch, new):
    main.add_command(command)


def run(**extra) -> None:
    """Run the command line as a program, then leave at once.

    Tearing down the interpreter (freeing every module and object) costs about
    as much as building a small deck, and a finished build needs none of it:
    output is flushed and every file is written and closed by then.
    """
    _stop_like_ctrl_c()
    extra.setdefault("obj", {}).setdefault("program", _program_name())
    try:
        main(**extra)
        code = 0
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _program_name() -> str:
    """The command as typed: `segue` when that is found on PATH, else its path."""
    typed = sys.argv[0]
    name = os.path.basename(typed)
    found = shutil.which(name)
    return name if found and os.path.realpath(found) == os.path.realpath(typed) else typed


def _stop_like_ctrl_c() -> None:
    """SIGTERM (kill, a closing IDE) and SIGHUP (a closed terminal or SSH session)
    stop a build the way Ctrl-C does: nothing half-written is published and the
    earlier outputs stay."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)
