"""The build, stage by stage: read -> plan -> render -> write.

Renderers are imported only when their output is asked for, so a deck-only
build never loads the PDF stack.
"""

from __future__ import annotations

import importlib
import threading
from concurrent.futures import Future
from types import ModuleType
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from segue.talk.checks import check_talk
from segue.diagnostics import Diagnostic, Diagnostics
from segue.build.manifest import Manifest, fingerprint
from segue.talk.model import Talk
from segue.talk.plan import Plan, plan_talk
from segue.render import RenderOptions, processes
from segue.talk.read import read_talk
from segue.render.stamp import DateProblem, epoch_time
from segue.build.publish import folder_lock, has_leftovers, publish, recover, unpublishable
from segue.sources import Reads, recording

OUTPUTS = ("pptx", "handout", "scripts", "run-of-show", "deck-pdf", "proof", "notes-pages")
# A full build makes the deck PDF and its proof only where LibreOffice is installed;
# the notes pages only when asked for.
WITHOUT_LIBREOFFICE = ("pptx", "handout", "scripts", "run-of-show")
WITH_LIBREOFFICE = (*WITHOUT_LIBREOFFICE, "deck-pdf", "proof")
# What LibreOffice makes: `watch` makes these after the others, in the background.
RENDERED = ("deck-pdf", "proof", "notes-pages")
# Each output's module declares it: `reads()`, `render()`, `MADE_FROM` (see segue.render).
RENDERERS = {
    "pptx": "segue.render.pptx",
    "handout": "segue.render.handout",
    "scripts": "segue.render.scripts",
    "run-of-show": "segue.render.runofshow",
    "deck-pdf": "segue.render.deckpdf",
    "proof": "segue.render.proof",
    "notes-pages": "segue.render.notespages",
}
SOURCE_FOLDERS = ("deck", "assets", "handouts")


@dataclass
class BuildOptions(RenderOptions):
    """The renderers' options, and which outputs to make."""

    only: tuple[str, ...] = WITHOUT_LIBREOFFICE


def wants_source(declared: ModuleType, options: RenderOptions) -> bool:
    """Whether an output is made from its MADE_FROM this time (the scripts show slide
    pictures only where LibreOffice can draw them: `wants_source`)."""
    wants = getattr(declared, "wants_source", None)
    return wants is None or wants(options)


def output(name: str) -> ModuleType:
    """The module that declares output `name` (light: its renderer loads on use)."""
    return importlib.import_module(RENDERERS[name])


@dataclass
class Loaded:
    report: Diagnostics
    talk: Talk | None = None
    plan: Plan | None = None
    template_layouts: list[str] = field(default_factory=list)  # after `check`: the template's masters and the layout each of ours uses
    written: list[Path] = field(default_factory=list)  # after `check --proof`: the proof


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
    fits = None
    if talk.theme.template is not None:  # how many agenda slides the template's layout needs
        from segue.render.pptx import agenda_fits

        fits = agenda_fits(talk)
    return Loaded(report, talk, plan_talk(talk, report, fits))


def check(root: Path, proof: bool = False) -> Loaded:
    """Everything a build would find, without writing: read, plan, and lay the deck
    out (template layouts, text that will not fit, content a layout cannot show).

    With `proof`, the deck is also rendered and looked at as a build does, and the
    proof is written into the talk's dist/ (the one file `check` writes)."""
    loaded = load(root)
    if loaded.talk is not None and loaded.plan is not None and not loaded.report.has_errors:
        from segue.render.pptx.deck import arrange_talk  # the deck stack, only when the talk can be laid out

        arranged = arrange_talk(loaded.talk, loaded.plan, loaded.report)
        if arranged is not None and loaded.talk.theme.template is not None:
            opened, _ = arranged
            loaded.template_layouts = opened.describe()
        found = Diagnostics()  # what the PDFs would report: text no font can draw
        for name in ("handout", "scripts"):
            output(name).check(loaded.talk, loaded.plan, BuildOptions(), found)
        loaded.report.items.extend(item for item in found.items if item not in loaded.report.items)
        if proof and not loaded.report.has_errors:
            write_proof(root / "dist", loaded)
    return loaded


def write_proof(out: Path, loaded: Loaded) -> None:
    """The proof, made as a build makes it (the deck rendered, looked at), into `out`;
    its warnings join the check's."""
    from segue.render.deckpdf import INSTALL_HINT, available

    if not available():
        loaded.report.error("proof", None, f"the proof needs LibreOffice, which was not found: {INSTALL_HINT}")
        return
    manifest = Manifest(out)
    options = BuildOptions(only=("proof",), cache_dir=out / ".cache")
    found = Diagnostics()
    rendered = render(loaded.talk, loaded.plan, options, found, manifest)
    loaded.report.items.extend(item for item in found.items if item not in loaded.report.items)
    if not rendered.files:
        return
    try:
        loaded.written, _ = publish_rendered(out, manifest, rendered)
    except OSError as exc:
        manifest.reload()
        loaded.report.error(str(out), None, f"cannot write the proof: {exc.strerror or exc}")


def publish_rendered(out: Path, manifest: Manifest, rendered: Rendered) -> tuple[list[Path], list[str]]:
    """Publish what was rendered, with the manifest, as one set; the files written and
    what finishing a build stopped meanwhile did. OSError when it cannot be written."""
    out.mkdir(parents=True, exist_ok=True)
    with folder_lock(out):
        recovered = recover(out)  # another build stopped meanwhile
        record_outputs(manifest, rendered)
        # The manifest goes with the outputs, or (a public build's) beside them, or nowhere.
        records = {manifest.relative_path: manifest.serialised()} if manifest.published_with_the_outputs else {}
        written = [p for p in publish(out, {**rendered.files, **records}) if p != manifest.path]
        manifest.save_beside()
        return written, recovered


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
    again (nor its renderer loaded); what it reported last time is reported
    again. An output made from another's bytes (the deck PDF from the deck)
    gets them from that output's render in this build, from its published
    file when it is unchanged, or from a render of its own when it was not
    asked for.
    """
    rendered = Rendered()
    if options.progress is not None:
        options.progress.expect(len(plan.slides) * len(options.only))
    todo = []
    for name in options.only:
        declared = output(name)
        print_ = fingerprint(name, declared.reads(talk, plan, options)) if manifest is not None else ""
        if manifest is not None and manifest.is_current(name, print_):
            rendered.unchanged.append(name)
            for item in manifest.diagnostics(name):
                diagnostic = Diagnostic.from_json(item)
                if diagnostic not in report.items:  # an output made from another repeats what that one said
                    report.add(diagnostic)
            continue
        todo.append((name, print_, declared))
    if options.progress is not None and todo:
        options.progress.advance(0, label=", ".join(name for name, _, _ in todo))
    waiting = {name: Future() for name, _, _ in todo}  # each output's files and reads, once made
    others: dict[str, Future] = {}  # outputs made only as the source of another, once each
    lock = threading.Lock()

    def made_from(name: str) -> tuple[bytes | None, Reads, Diagnostics]:
        """The bytes output `name` is made from, what making them read, and what making
        them here reported (when the source output was not asked for)."""
        if name in waiting:
            files, reads = waiting[name].result()
            return (next(iter(files.values()), None), reads, Diagnostics())
        if manifest is not None and (
            name in rendered.unchanged or manifest.is_current(name, fingerprint(name, output(name).reads(talk, plan, options)))
        ):  # unchanged since it was published (in this build, or an earlier one)
            published = [manifest.out / file for file in manifest.files_of(name)]
            if published and all(path.is_file() for path in published):
                return (published[0].read_bytes(), manifest.reads_of(name), Diagnostics())
        with lock:
            mine = name not in others
            if mine:
                others[name] = Future()
        if not mine:
            return others[name].result()
        try:
            declared = output(name)
            own = Diagnostics()
            source, source_reads = None, Reads()
            if declared.MADE_FROM is not None and wants_source(declared, options):  # made from another output in turn
                source, source_reads, source_report = made_from(declared.MADE_FROM)
                own.extend(source_report)
            with recording() as reads:
                files = declared.render(talk, plan, options, own, source)
            reads.files.update(source_reads.files)
            reads.environment.update(source_reads.environment)
        except BaseException as failed:
            others[name].set_exception(failed)
            raise
        others[name].set_result((next(iter(files.values()), None), reads, own))
        return others[name].result()

    def run(name: str, declared) -> tuple[dict[str, bytes], Diagnostics, Reads]:
        own = Diagnostics()
        try:
            source, source_reads = None, Reads()
            if declared.MADE_FROM is not None and wants_source(declared, options):
                source, source_reads, source_report = made_from(declared.MADE_FROM)
                own.extend(source_report)  # the source reports its own warnings when it was asked for
            with recording() as reads:  # in this output's own context: its reads only
                files = declared.render(talk, plan, options, own, source)
            reads.files.update(source_reads.files)  # made from them too: a change there remakes this
            reads.environment.update(source_reads.environment)
        except BaseException as failed:
            waiting[name].set_exception(failed)
            raise
        waiting[name].set_result((files, reads))
        if options.progress is not None and name != "pptx":  # the deck counts its slides itself
            options.progress.advance(len(plan.slides))
        return files, own, reads

    # Outputs are rendered side by side: Typst sets the PDFs (and LibreOffice the
    # deck PDF) outside Python's lock while the deck is written, so a rebuild
    # takes about as long as its slowest output rather than the sum.
    if len(todo) <= 1:
        results = [run(name, declared) for name, _, declared in todo]
    else:
        with ThreadPoolExecutor(max_workers=len(todo)) as pool:
            futures = [pool.submit(copy_context().run, run, name, declared) for name, _, declared in todo]
            results = [future.result() for future in futures]
    for (name, print_, _), (files, own, reads) in zip(todo, results):
        report.items.extend(item for item in own.items if item not in report.items)
        rendered.files.update(files)
        rendered.fingerprints[name] = (print_, list(files), [d.to_json() for d in own.items], reads)
    return rendered


def record_outputs(manifest: Manifest, rendered: Rendered) -> None:
    """Remember what each rendered output was made from (published with the outputs)."""
    for name, (print_, names, diagnostics, reads) in rendered.fingerprints.items():
        manifest.record(name, print_, {n: rendered.files[n] for n in names}, diagnostics, reads)


def check_out_dir(root: Path, out: Path, report: Diagnostics) -> None:
    """The output folder (of any command) must not be one of the talk's source folders,
    the talk folder or the file system's root, and must be a path the system can hold."""
    resolved = out.resolve()
    anchor = Path(resolved.anchor)
    if resolved == anchor:
        report.error(str(out), None, "--out must not be the file system's root; use a folder such as dist/")
        return
    for problem in unpublishable(anchor, [resolved.relative_to(anchor).as_posix()]):
        shown = str(out) if len(str(out)) <= 60 else str(out)[:59] + "…"
        report.error(shown, None, f"--out cannot be used: {problem}")
        return
    for folder in SOURCE_FOLDERS:
        source = (root / folder).resolve()
        if resolved == source or resolved.is_relative_to(source):
            report.error(
                str(out), None, f"--out must not be inside the talk's {folder}/ folder: builds never write among sources"
            )
    if resolved == root.resolve():
        report.error(str(out), None, "--out must not be the talk folder itself; use a folder such as dist/")


def refuse_private_outputs(out: Path, report: Diagnostics) -> None:
    """A public build is for sharing the whole folder: it is not written next to
    private outputs of any talk. They are not removed either: a build never
    deletes a file it did not just make, and a presenter may need them."""
    if not out.is_dir():
        return
    private = sorted(path.name for path in out.iterdir() if path.is_file() and is_private_output(path))
    if private:
        report.error(
            str(out),
            None,
            f"holds {', '.join(private)}, with speaker notes in them: a public build is never written beside "
            "private outputs; build the public copy into a folder of its own (--out), or move those files away",
        )


PRIVATE_SUFFIXES = ("-script.pdf", "-proof.html", "-notes-pages.pdf")  # they hold the speaker notes


def is_private_output(path: Path) -> bool:
    """A file of a private build: a script, the proof, the notes pages, or a deck that
    carries speaker notes."""
    if path.name.endswith(PRIVATE_SUFFIXES):
        return True
    if path.suffix.lower() in (".pptx", ".ppsx", ".potx"):
        try:
            with zipfile.ZipFile(path) as package:
                return any(name.startswith("ppt/notesSlides/") for name in package.namelist())
        except (OSError, zipfile.BadZipFile):
            return False
    return False


@dataclass
class BuildResult:
    """What one build did: its diagnostics, in two rounds (reading, then
    rendering), the files written and the outputs left as they were."""

    read_report: Diagnostics
    render_report: Diagnostics = field(default_factory=Diagnostics)
    written: list[Path] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    write_error: str | None = None
    recovered: list[str] = field(default_factory=list)  # what finishing a stopped build did
    talk: Talk | None = None  # what was built, when the talk could be read and planned
    plan: Plan | None = None

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
    result = BuildResult(loaded.report, talk=loaded.talk, plan=loaded.plan)
    if result.failed(strict) or loaded.talk is None or loaded.plan is None:  # no talk: errors were reported
        return result
    result.render_report = Diagnostics()
    result.recovered = recover_stopped_build(out) + processes.remove_leftovers()
    if result.recovered:
        manifest.reload()
    if options.public:
        refuse_private_outputs(out, result.render_report)
        if result.failed(strict):
            return result
    rendered = render(loaded.talk, loaded.plan, options, result.render_report, manifest)
    result.unchanged = rendered.unchanged
    if result.failed(strict):
        return result
    if not rendered.files:
        return result
    records = {manifest.relative_path: b""} if manifest.published_with_the_outputs else {}
    for problem in unpublishable(out, [*rendered.files, *records]):
        result.render_report.error(str(out), None, f"cannot publish the outputs: {problem}")
    if result.render_report.has_errors:
        return result
    try:
        result.written, recovered = publish_rendered(out, manifest, rendered)
        result.recovered += recovered
    except OSError as exc:
        manifest.reload()
        result.write_error = f"{out}: error: cannot write the outputs: {exc.strerror or exc}"
    return result


def recover_stopped_build(out: Path) -> list[str]:
    """What `recover` did in `out`, when a stopped build left anything there."""
    if not has_leftovers(out):
        return []
    with folder_lock(out):
        return recover(out)


def full_build() -> tuple[str, ...]:
    """What a build makes when no --only is given: the deck PDF and its proof only
    when LibreOffice is found (asking for them without LibreOffice is an error);
    the notes pages only when asked for."""
    from segue.render.deckpdf import available

    return WITH_LIBREOFFICE if available() else WITHOUT_LIBREOFFICE


def with_proof(only: tuple[str, ...], public: bool) -> tuple[str, ...]:
    """Every build that makes the deck PDF makes its proof too (never a public one: it holds notes)."""
    if "deck-pdf" in only and "proof" not in only and not public:
        return (*only, "proof")
    return only
