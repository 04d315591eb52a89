"""`new`: start a talk in an empty or new folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from segue.commands.common import program
from segue.talk.read.config import MAX_MINUTES

MAX_SEGMENTS = 99  # segment files are numbered 01 to 99


@click.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The talk's title.")
@click.option("--minutes", type=click.IntRange(min=1, max=MAX_MINUTES), help="Minutes in the slot.")
@click.option("--speakers", metavar="ID[:ROLE],…", help="Speakers, like clinician:Clinician,client:Client.")
@click.option("--segments", "segment_count", type=click.IntRange(min=1, max=MAX_SEGMENTS), help="How many segments, sharing the minutes.")
@click.option("--segment", "segment_specs", multiple=True, metavar='"TITLE:MINUTES"', help="A segment (repeat it for each).")
@click.option("--paper", type=click.Choice(["letter", "a4"], case_sensitive=False), help="Handout paper.")
def new(path: Path, title, minutes, speakers, segment_count, segment_specs, paper) -> None:
    """Start a talk in PATH (an empty or new folder): deck.toml, a segment file
    per segment, a handout page and deck/_examples.md with every construct.

    Options not given are asked for in a terminal, and take defaults otherwise.
    """
    from segue.talk.starter import NewTalkProblem, even_segments, parse_segment, parse_speakers, write_new_talk

    ask = sys.stdin.isatty()

    def value(given, prompt: str, default, kind=str):
        if given is not None:
            return given
        return click.prompt(prompt, default=default, type=kind) if ask else default

    try:
        title = value(title, "Title", "A new talk")
        minutes = value(minutes, "Minutes in the slot", 30, click.IntRange(min=1, max=MAX_MINUTES))
        speakers = parse_speakers(value(speakers, "Speakers (id:Role, comma-separated)", "presenter:Presenter"))
        if segment_specs:
            segments = [parse_segment(spec) for spec in segment_specs]
        else:
            count = value(segment_count, "How many segments", min(3, minutes), click.IntRange(min=1, max=MAX_SEGMENTS))
            segments = even_segments(count, minutes)
        paper = value(paper, "Handout paper", "letter", click.Choice(["letter", "a4"], case_sensitive=False)).lower()
        if len(segments) > MAX_SEGMENTS:
            raise NewTalkProblem(f"{len(segments)} segments: a talk of more than {MAX_SEGMENTS} is not one to start from")
        refused_by_check(title, minutes, speakers, segments, paper)
        written = write_new_talk(path, title, minutes, speakers, segments, paper)
    except NewTalkProblem as problem:
        click.echo(f"{path}: error: {problem}", err=True)
        sys.exit(1)
    for file in written:
        click.echo(f"wrote {file}")
    click.echo(f"next: {program()} build {path}")


def refused_by_check(title, minutes, speakers, segments, paper) -> None:
    """`new` writes only a talk `check` accepts: the talk is written into a trial folder
    first and read back; NewTalkProblem with what check would say otherwise."""
    import tempfile

    from segue.build.pipeline import load
    from segue.talk.starter import NewTalkProblem, write_new_talk

    with tempfile.TemporaryDirectory(prefix="segue-new-") as trial:
        write_new_talk(Path(trial) / "talk", title, minutes, speakers, segments, paper)
        found = load(Path(trial) / "talk").report
    if found.has_errors:
        first = found.errors[0]
        raise NewTalkProblem(f"the talk would not build ({first.path}: {first.message}); nothing was written")
