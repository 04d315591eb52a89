"""The command line: build, check, timing, assets, watch, new."""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path

import click

from segue.diagnostics import Diagnostics
from segue.manifest import Manifest
from segue.progress import BuildProgress
from segue import labels, pipeline
from segue.pipeline import OUTPUTS, BuildOptions, load


talk_argument = click.argument(
    "talk", required=False, type=click.Path(file_okay=False, path_type=Path)
)


def _talk_root(talk: Path | None) -> Path:
    """TALK; else the current folder when it holds a talk (deck/deck.toml); else the talk
    the entry point names (build.py: the folder it sits in); else the current folder.
    The talk used is named on the first line (on standard error)."""
    if talk is not None:
        root = talk
    elif Path("deck/deck.toml").is_file():
        root = Path(".")
    else:
        obj = click.get_current_context().obj or {}
        root = Path(obj.get("default_talk", "."))
    click.echo(f"talk: {root.resolve()}", err=True)
    return root


def _report(report: Diagnostics, strict: bool = False) -> int:
    """Print diagnostics to stderr; the exit status they call for."""
    if report.items:
        click.echo(report.as_text(), err=True)
    failed = report.has_errors or (strict and report.warnings)
    if failed:
        errors, warnings = len(report.errors), len(report.warnings)
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    return 1 if failed else 0


def _parse_only(value: str | None) -> tuple[str, ...]:
    if not value:
        return pipeline.full_build()
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in OUTPUTS]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: choose from {', '.join(OUTPUTS)}", param_hint="--only")
    return names


def run(**extra) -> None:
    """Run the command line as a program, then leave at once.

    Tearing down the interpreter (freeing every module and object) costs about
    as much as building a small deck, and a finished build needs none of it:
    output is flushed and every file is written and closed by then.
    """
    _stop_like_ctrl_c()
    try:
        main(**extra)
        code = 0
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _stop_like_ctrl_c() -> None:
    """SIGTERM (kill, a closing IDE) and SIGHUP (a closed terminal or SSH session)
    stop a build the way Ctrl-C does: nothing half-written is published and the
    earlier outputs stay."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)


def output_options(command):
    """The options `build` and `watch` share: where outputs go, which, and how."""
    options = [
        click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: TALK/dist)."),
        click.option("--only", "only", metavar="LIST", help=f"Comma-separated outputs to build: {','.join(OUTPUTS)}."),
        click.option(
            "--paper", type=click.Choice(["letter", "a4"], case_sensitive=False), help="Handout paper size (overrides deck.toml)."
        ),
        click.option("--auto-advance", is_flag=True, help="Turn on 'use timings' so slides advance by themselves."),
        click.option(
            "--no-slide-timings",
            "no_slide_timings",
            is_flag=True,
            help="Leave the per-slide times out of the deck; the run-of-show still has them.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _outputs(
    root: Path, out: Path | None, only: str | None, paper: str | None, auto_advance: bool, no_slide_timings: bool, public: bool = False
):
    """The output folder and the build options the command line asks for."""
    if auto_advance and no_slide_timings:
        raise click.UsageError("--auto-advance needs the slide timings that --no-slide-timings leaves out")
    out_dir = out if out is not None else root / "dist"
    options = BuildOptions(
        only=_parse_only(only),
        paper=paper,
        auto_advance=auto_advance,
        slide_timings=not no_slide_timings,
        public=public,
        cache_dir=out_dir / ".cache",
    )
    return out_dir, options


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


@main.command()
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
    root = _talk_root(talk)
    out_dir, options = _outputs(root, out, only, paper, auto_advance, no_slide_timings, public)
    options.progress = BuildProgress()
    try:
        result = pipeline.build(root, out_dir, options, Manifest(out_dir), strict)
    finally:
        options.progress.close()
    sys.exit(_report_build(result, strict))


def _report_build(result: pipeline.BuildResult, strict: bool) -> int:
    """Print what a build did; the exit status it calls for."""
    merged = Diagnostics()
    merged.extend(result.read_report)
    merged.extend(result.render_report)
    for line in result.recovered:
        click.echo(line, err=True)
    status = _report(merged, strict)
    if result.write_error:
        click.echo(result.write_error, err=True)
        return 1
    for path in result.written:
        click.echo(f"wrote {path}")
    for name in result.unchanged:
        click.echo(f"unchanged: {name}")
    return status


@main.command()
@talk_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"], case_sensitive=False), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(talk: Path | None, fmt: str, strict: bool) -> None:
    """Read, plan and lay out TALK and report its problems; writes nothing.

    It does finish or undo a build that was stopped in TALK/dist, as the next
    build would, and says so."""
    root = _talk_root(talk)
    for line in pipeline.recover_stopped_build(root / "dist"):
        click.echo(line, err=True)
    loaded = pipeline.check(root)
    report = loaded.report
    if fmt == "json":
        click.echo(report.as_json())
        failed = report.has_errors or (strict and report.warnings)
        sys.exit(1 if failed else 0)
    status = _report(report, strict)
    if status == 0 and loaded.plan is not None:
        slides, segments = len(loaded.plan.slides), len(loaded.talk.segments)
        click.echo(f"ok: {labels.count(slides, 'slide')}, {labels.count(segments, 'segment')}")
        _echo_template_layouts(loaded)
    sys.exit(status)


def _echo_template_layouts(loaded: pipeline.Loaded) -> None:
    if loaded.template_layouts:
        click.echo(f"template {loaded.talk.theme.template.path}:")
        for line in loaded.template_layouts:
            click.echo(f"    {line}")


@main.command()
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

    loaded = load(_talk_root(talk))
    if loaded.plan is None:
        sys.exit(_report(loaded.report))
    if against is None:
        click.echo(to_terminal(loaded.talk, loaded.plan))
        sys.exit(_report(loaded.report))
    from segue import rehearsal

    found = Diagnostics()
    actuals = rehearsal.read_actuals(against, str(against), found)
    comparison = rehearsal.compare(loaded.talk, loaded.plan, actuals, found, str(against)) if actuals else None
    loaded.report.extend(found)
    if comparison is not None and not found.has_errors:
        click.echo(rehearsal.FORMATS[fmt.lower()](comparison), nl=False)
    sys.exit(_report(loaded.report))


@main.command()
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
    from segue import rehearse as rehearsing
    from segue.rehearse import Session
    from segue.rehearse.terminal import main as rehearse_in_terminal

    root = _talk_root(talk)
    loaded = load(root)
    if loaded.plan is None or loaded.report.has_errors:
        sys.exit(_report(loaded.report))
    if speaker is not None and speaker not in loaded.talk.speakers:
        known = ", ".join(loaded.talk.speakers) or "none"
        raise click.BadParameter(f"{speaker!r} is not a speaker of deck.toml ({known})", param_hint="--speaker")
    session = Session(loaded.talk, loaded.plan, speaker, now=rehearsing.CLOCK)
    saved = rehearse_in_terminal(session, out if out is not None else root / "dist")
    click.echo(f"wrote {saved}")
    sys.exit(0)


@main.command()
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
    from segue.bundle import bundle_name, make_zip, shared_files
    from segue.publish import folder_lock, publish

    root = _talk_root(talk)
    out_dir = out if out is not None else root / "dist"
    public_dir, options = _outputs(root, out_dir / "public", None, paper, False, False, public=True)
    options.progress = BuildProgress()
    try:
        result = pipeline.build(root, public_dir, options, Manifest(public_dir))
    finally:
        options.progress.close()
    status = _report_build(result, False)
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


@main.command()
@talk_argument
def assets(talk: Path | None) -> None:
    """List every asset with the slides that use it, its file size and pixel
    size; then missing files and files in assets/ that nothing uses."""
    from segue.inventory import take_inventory, to_text

    loaded = pipeline.check(_talk_root(talk))
    if loaded.talk is not None:
        click.echo(to_text(take_inventory(loaded.talk, loaded.plan)))
        _echo_template_layouts(loaded)
    sys.exit(_report(loaded.report))


@main.command()
@talk_argument
@output_options
def watch(
    talk: Path | None, out: Path | None, only: str | None, paper: str | None, auto_advance: bool, no_slide_timings: bool
) -> None:
    """Rebuild on every save in deck/, assets/ and handouts/; Ctrl-C stops.

    Each rebuild prints its time and its diagnostics; a save with errors
    leaves the last good outputs in place.
    """
    from watchfiles import watch as changes

    from segue.watch import WatchSession

    root = _talk_root(talk)
    out_dir, options = _outputs(root, out, only, paper, auto_advance, no_slide_timings)
    session = WatchSession(root, out_dir, options, lambda line, error: click.echo(line, err=error))
    session.build()
    folders = session.folders()
    click.echo(f"watching {', '.join(str(f) for f in folders)} (Ctrl-C stops)")
    for _ in changes(*folders, step=30, debounce=400, raise_interrupt=False):
        session.build()


@main.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The talk's title.")
@click.option("--minutes", type=click.IntRange(min=1), help="Minutes in the slot.")
@click.option("--speakers", metavar="ID[:ROLE],…", help="Speakers, like clinician:Clinician,client:Client.")
@click.option("--segments", "segment_count", type=click.IntRange(min=1), help="How many segments, sharing the minutes.")
@click.option("--segment", "segment_specs", multiple=True, metavar='"TITLE:MINUTES"', help="A segment (repeat it for each).")
@click.option("--paper", type=click.Choice(["letter", "a4"], case_sensitive=False), help="Handout paper.")
def new(path: Path, title, minutes, speakers, segment_count, segment_specs, paper) -> None:
    """Start a talk in PATH (an empty or new folder): deck.toml, a segment file
    per segment, a handout page and deck/_examples.md with every construct.

    Options not given are asked for in a terminal, and take defaults otherwise.
    """
    from segue.new import NewTalkProblem, even_segments, parse_segment, parse_speakers, write_new_talk

    ask = sys.stdin.isatty()

    def value(given, prompt: str, default, kind=str):
        if given is not None:
            return given
        return click.prompt(prompt, default=default, type=kind) if ask else default

    try:
        title = value(title, "Title", "A new talk")
        minutes = value(minutes, "Minutes in the slot", 30, click.IntRange(min=1))
        speakers = parse_speakers(value(speakers, "Speakers (id:Role, comma-separated)", "presenter:Presenter"))
        if segment_specs:
            segments = [parse_segment(spec) for spec in segment_specs]
        else:
            count = value(segment_count, "How many segments", min(3, minutes), click.IntRange(min=1))
            segments = even_segments(count, minutes)
        paper = value(paper, "Handout paper", "letter", click.Choice(["letter", "a4"], case_sensitive=False)).lower()
        written = write_new_talk(path, title, minutes, speakers, segments, paper)
    except NewTalkProblem as problem:
        click.echo(f"{path}: error: {problem}", err=True)
        sys.exit(1)
    for file in written:
        click.echo(f"wrote {file}")
    click.echo(f"next: python build.py build {path}")

