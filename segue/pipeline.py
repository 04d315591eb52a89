"""The build, stage by stage: read -> plan -> render -> write.

Renderers are imported only when their output is asked for, so a deck-only
build never loads the PDF stack.
"""

from __future__ import annotations

import importlib
import os
import signal
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from segue.checks import check_talk
from segue.diagnostics import Diagnostic, Diagnostics
from segue.manifest import Manifest, fingerprint
from segue.model import Talk
from segue.plan import Plan, plan_talk
from segue.progress import BuildProgress
from segue.read import read_talk
from segue.render.stamp import DateProblem, epoch_time
from segue.sources import Reads, recording

OUTPUTS = ("pptx", "handout", "scripts", "run-of-show")
RENDERERS = {
    "pptx": "segue.render.pptx:render",
    "handout": "segue.render.handout:render",
    "scripts": "segue.render.scripts:render",
    "run-of-show": "segue.render.runofshow:render",
}
SOURCE_FOLDERS = ("deck", "assets", "handouts")


@dataclass
class BuildOptions:
    only: tuple[str, ...] = OUTPUTS
    paper: str | None = None
    auto_advance: bool = False
    slide_timings: bool = True  # each slide's allotment as its advance time in the deck
    public: bool = False
    cache_dir: Path | None = None  # prepared pictures, kept inside the output folder
    progress: BuildProgress | None = None


@dataclass
class Loaded:
    report: Diagnostics
    talk: Talk | None = None
    plan: Plan | None = None
    template_layouts: list[str] = field(default_factory=list)  # after `check`: which template layout each of ours uses


def load(root: Path) -> Loaded:
    """Read and plan a talk, collecting every diagnostic; writes nothing."""
    report = Diagnostics()
    try:
        epoch_time()
    except DateProblem as problem:
        report.error("SOURCE_DATE_EPOCH", None, str(problem))
    talk = read_talk(root, report)
    if talk is None:
        return Loaded(report)
    check_talk(talk, report)
    return Loaded(report, talk, plan_talk(talk, report))


def check(root: Path) -> Loaded:
    """Everything a build would find, without writing: read, plan, and lay the deck
    out (template layouts, text that will not fit, content a layout cannot show)."""
    loaded = load(root)
    if loaded.talk is not None and loaded.plan is not None and not loaded.report.has_errors:
        from segue.render.pptx import arrange_talk  # the deck stack, only when the talk can be laid out

        arranged = arrange_talk(loaded.talk, loaded.plan, loaded.report)
        if arranged is not None and loaded.talk.theme.template is not None:
            opened, _ = arranged
            loaded.template_layouts = [
                f"{key} -> {choice.name!r} ({choice.how})" for key, choice in opened.choices.items()
            ]
        from segue.render import handout, scripts  # what the PDFs would report: text no font can draw

        found = Diagnostics()
        handout.check(loaded.talk, loaded.plan, BuildOptions(), found)
        scripts.check(loaded.talk, loaded.plan, BuildOptions(), found)
        loaded.report.items.extend(item for item in found.items if item not in loaded.report.items)
    return loaded


@dataclass
class Rendered:
    files: dict[str, bytes] = field(default_factory=dict)  # output file name -> content
    unchanged: list[str] = field(default_factory=list)  # outputs whose inputs did not change
    # output -> (fingerprint, its files, its diagnostics, what its renderer read)
    fingerprints: dict[str, tuple[str, list[str], list[dict], Reads]] = field(default_factory=dict)


def render(
    talk: Talk, plan: Plan, options: BuildOptions, report: Diagnostics, manifest: Manifest | None = None
) -> Rendered:
    """Every asked-for output in memory; renderers may add diagnostics (e.g. a bad template).

    With a manifest, an output whose inputs are unchanged is not rendered
    again (nor its renderer imported); what it reported last time is
    reported again.
    """
    rendered = Rendered()
    if options.progress is not None:
        options.progress.expect(len(plan.slides) * len(options.only))
    for name in options.only:
        target = RENDERERS[name]
        print_ = fingerprint(name, talk, plan, options) if manifest is not None else ""
        if manifest is not None and manifest.is_current(name, print_):
            rendered.unchanged.append(name)
            for item in manifest.diagnostics(name):
                report.add(Diagnostic.from_json(item))
            continue
        module_name, function_name = target.split(":")
        function = getattr(importlib.import_module(module_name), function_name)
        own = Diagnostics()
        if options.progress is not None:
            options.progress.advance(0, label=name)
        with recording() as reads:
            files = function(talk, plan, options, own)
        if options.progress is not None and name != "pptx":  # the deck counts its slides itself
            options.progress.advance(len(plan.slides))
        report.extend(own)
        rendered.files.update(files)
        rendered.fingerprints[name] = (print_, list(files), [d.to_json() for d in own.items], reads)
    return rendered


def record_outputs(manifest: Manifest, rendered: Rendered) -> None:
    """After a successful write: remember what each rendered output was made from."""
    for name, (print_, names, diagnostics, reads) in rendered.fingerprints.items():
        manifest.record(name, print_, {n: rendered.files[n] for n in names}, diagnostics, reads)
    manifest.save()


def check_out_dir(root: Path, out: Path, report: Diagnostics) -> None:
    """The output folder must not be one of the talk's source folders."""
    resolved = out.resolve()
    for folder in SOURCE_FOLDERS:
        source = (root / folder).resolve()
        if resolved == source or resolved.is_relative_to(source):
            report.error(
                str(out), None, f"--out must not be inside the talk's {folder}/ folder: builds never write among sources"
            )
    if resolved == root.resolve():
        report.error(str(out), None, "--out must not be the talk folder itself; use a folder such as dist/")


def warn_private_leftovers(talk: Talk, out: Path, report: Diagnostics) -> None:
    """A public build next to an earlier private one would be shared with its scripts."""
    leftovers = sorted(p.name for p in out.glob(f"{talk.slug}-*-script.pdf")) if out.is_dir() else []
    if leftovers:
        report.warning(
            str(out),
            None,
            f"holds {', '.join(leftovers)} from an earlier build, with speaker notes in them: "
            "build the public copy into a folder of its own (--out) before sharing it",
        )


def write_outputs(out: Path, rendered: Rendered) -> list[Path]:
    """Write every output, all or nothing as far as the file system allows.

    Each output goes to a temporary file in `out` first; only when all are
    written are they renamed into place, with interrupts held back for the
    moment of renaming, so a failed or interrupted build leaves the earlier
    outputs as they were. Raises OSError when `out` cannot be written.
    """
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    written: list[Path] = []
    try:
        for name, data in rendered.files.items():
            temporary = out / f".{name}.{os.getpid()}.tmp"
            staged.append((temporary, out / name))
            temporary.write_bytes(data)
        with _interrupts_held():
            for temporary, target in staged:
                temporary.replace(target)
                written.append(target)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return written


@contextmanager
def _interrupts_held():
    """Delay Ctrl-C and SIGTERM until the block ends (where the platform allows)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signals = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@dataclass
class BuildResult:
    """What one build did: its diagnostics, in two rounds (reading, then
    rendering), the files written and the outputs left as they were."""

    read_report: Diagnostics
    render_report: Diagnostics = field(default_factory=Diagnostics)
    written: list[Path] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    write_error: str | None = None

    def failed(self, strict: bool = False) -> bool:
        reports = (self.read_report, self.render_report)
        return (
            self.write_error is not None
            or any(r.has_errors for r in reports)
            or (strict and any(r.warnings for r in reports))
        )


def build(root: Path, out: Path, options: BuildOptions, manifest: Manifest, strict: bool = False) -> BuildResult:
    """Read, plan, render what is out of date and write it; nothing is written on errors."""
    loaded = load(root)
    check_out_dir(root, out, loaded.report)
    result = BuildResult(loaded.report)
    if result.failed(strict) or loaded.talk is None or loaded.plan is None:  # no talk: errors were reported
        return result
    result.render_report = Diagnostics()
    if options.public:
        warn_private_leftovers(loaded.talk, out, result.render_report)
    rendered = render(loaded.talk, loaded.plan, options, result.render_report, manifest)
    result.unchanged = rendered.unchanged
    if result.failed(strict):
        return result
    try:
        result.written = write_outputs(out, rendered)
    except OSError as exc:
        result.write_error = f"{out}: error: cannot write the outputs: {exc.strerror or exc}"
        return result
    record_outputs(manifest, rendered)
    return result
