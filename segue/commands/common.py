"""What the commands share: the TALK argument, the output options, reporting.

Every command names the talk it works on, prints diagnostics the same way
and leaves with the same exit statuses (0 ok, 1 problems in the talk, 2 a
mistyped command line).
"""

from __future__ import annotations

from pathlib import Path

import click

from segue.diagnostics import Diagnostics
from segue.build import pipeline
from segue.build.pipeline import OUTPUTS, BuildOptions

talk_argument = click.argument(
    "talk", required=False, type=click.Path(file_okay=False, path_type=Path)
)


def talk_root(talk: Path | None) -> Path:
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


def program() -> str:
    """How the person at the terminal runs these commands again (for a `next:` hint)."""
    obj = click.get_current_context().obj or {}
    return obj.get("program", "segue")


def report(found: Diagnostics, strict: bool = False) -> int:
    """Print diagnostics to stderr; the exit status they call for."""
    if found.items:
        click.echo(found.as_text(), err=True)
    failed = found.has_errors or (strict and found.warnings)
    if failed:
        errors, warnings = len(found.errors), len(found.warnings)
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    return 1 if failed else 0


def parse_only(value: str | None) -> tuple[str, ...]:
    if not value:
        return pipeline.full_build()
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in OUTPUTS]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: choose from {', '.join(OUTPUTS)}", param_hint="--only")
    return names


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


def outputs(
    root: Path, out: Path | None, only: str | None, paper: str | None, auto_advance: bool, no_slide_timings: bool, public: bool = False
) -> tuple[Path, BuildOptions]:
    """The output folder and the build options the command line asks for."""
    if auto_advance and no_slide_timings:
        raise click.UsageError("--auto-advance needs the slide timings that --no-slide-timings leaves out")
    out_dir = out if out is not None else root / "dist"
    options = BuildOptions(
        only=pipeline.with_proof(parse_only(only), public),
        paper=paper,
        auto_advance=auto_advance,
        slide_timings=not no_slide_timings,
        public=public,
        # A public folder is for sharing whole: the build keeps no records in it.
        cache_dir=None if public else out_dir / ".cache",
    )
    return out_dir, options


def report_build(result: pipeline.BuildResult, strict: bool) -> int:
    """Print what a build did; the exit status it calls for."""
    merged = Diagnostics()
    merged.extend(result.read_report)
    merged.extend(result.render_report)
    for line in result.recovered:
        click.echo(line, err=True)
    status = report(merged, strict)
    if result.write_error:
        click.echo(result.write_error, err=True)
        return 1
    for path in result.written:
        click.echo(f"wrote {path}")
    for name in result.unchanged:
        click.echo(f"unchanged: {name}")
    return status


def echo_template_layouts(loaded: pipeline.Loaded) -> None:
    """Which template layout each of ours uses (`check`, `assets`)."""
    if loaded.template_layouts:
        click.echo(f"template {loaded.talk.theme.template.path}:")
        for line in loaded.template_layouts:
            click.echo(f"    {line}")
