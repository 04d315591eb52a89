"""`bundle`: one zip for the organizer, from a public build."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from segue.build import pipeline
from segue.build.manifest import Manifest
from segue.build.progress import BuildProgress
from segue.commands.common import outputs, report, report_build, talk_argument, talk_root
from segue.diagnostics import Diagnostics


@click.command()
@talk_argument
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: TALK/dist).")
@click.option("--paper", type=click.Choice(["letter", "a4"], case_sensitive=False), help="Handout paper size.")
def bundle(talk: Path | None, out: Path | None, paper: str | None) -> None:
    """One zip for the organizer: a public build (into OUT/public) of the deck,
    the deck PDF when LibreOffice is installed, the handout and the run-of-show,
    with a README.txt listing the talk, its presenters, every file with its
    SHA-256 sum and how to present. Written as OUT/<slug>-bundle.zip; the same
    talk gives the same bytes.
    """
    from segue.build.bundle import bundle_name, make_zip, shared_files
    from segue.build.publish import folder_lock, publish

    root = talk_root(talk)
    out_dir = out if out is not None else root / "dist"
    refused = Diagnostics()
    pipeline.check_out_dir(root, out_dir, refused)
    if refused.has_errors:
        sys.exit(report(refused))
    public_dir, options = outputs(root, out_dir / "public", None, paper, False, False, public=True)
    # The public build's records are kept beside its folder, never in it: the pictures
    # it prepared with the private build's, its manifest in a folder of its own.
    options.cache_dir = out_dir / ".cache"
    options.progress = BuildProgress()
    try:
        result = pipeline.build(root, public_dir, options, Manifest(public_dir, records=out_dir / ".cache" / "public"))
    finally:
        options.progress.close()
    status = report_build(result, False)
    if status != 0 or result.failed():
        sys.exit(1)
    files = shared_files(result.talk, public_dir)
    if any(pipeline.is_private_output(public_dir / name) for name in files):  # never, by construction: a last guard
        click.echo(f"{public_dir}: error: a file of the public build holds speaker notes; no bundle was made", err=True)
        sys.exit(1)
    data = make_zip(result.talk, result.plan, files)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with folder_lock(out_dir):
            (written,) = publish(out_dir, {bundle_name(result.talk): data})
    except OSError as exc:
        click.echo(f"{out_dir}: error: cannot write the bundle: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"wrote {written} ({len(files) + 1} files)")
    sys.exit(0)
