"""`build`: the deck, handout, scripts, run-of-show (and deck PDF) into TALK/dist."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from segue.build import pipeline
from segue.build.manifest import Manifest
from segue.build.progress import BuildProgress
from segue.commands.common import output_options, outputs, report_build, talk_argument, talk_root


@click.command()
@talk_argument
@output_options
@click.option("--public", is_flag=True, help="A copy fit to share: no speaker notes, no scripts, no metadata.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def build(
    talk: Path | None,
    out: Path | None,
    only: str | None,
    paper: str | None,
    auto_advance: bool,
    no_slide_timings: bool,
    public: bool,
    strict: bool,
) -> None:
    """Build the deck, handout, scripts and run-of-show into TALK/dist."""
    # A build makes millions of short-lived objects and no garbage cycles worth
    # collecting; the cyclic collector's passes over them cost a sixth of a
    # large build. The process ends when the build does.
    gc.disable()
    root = talk_root(talk)
    out_dir, options = outputs(root, out, only, paper, auto_advance, no_slide_timings, public)
    options.progress = BuildProgress()
    try:
        manifest = Manifest(out_dir, records=None) if public else Manifest(out_dir)
        result = pipeline.build(root, out_dir, options, manifest, strict)
    finally:
        options.progress.close()
    sys.exit(report_build(result, strict))
