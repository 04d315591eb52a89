"""Which outputs are up to date: a digest of each output's inputs, kept beside the outputs.

Each renderer reads only part of the talk: the handout never sees speaker
notes, the scripts never see slide bodies, the run-of-show only the plan. An
output is rebuilt only when the part it reads, the files it uses, or the
build options it depends on have changed, and when its files are still the
ones the last build wrote. The digests live in `<out>/.cache/outputs.json`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path

from segue.model import Asset, Slide, Talk
from segue.plan import Plan

MANIFEST = "outputs.json"


_DIGESTS: dict[tuple, str] = {}  # (path, mtime, size) -> sha256, for the life of the process (watch)


def _file_digest(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _DIGESTS[key]


def _assets(assets: list[Asset | None]) -> list[tuple[str, str]]:
    return sorted({(a.path, _file_digest(a.file)) for a in assets if a is not None})


def _talk_facts(talk: Talk) -> tuple:
    return (
        talk.title, talk.subtitle, talk.event, talk.date, talk.start, talk.slug, talk.duration, talk.words_per_minute, talk.lang, talk.speakers
    )


def _plan_facts(plan: Plan) -> list[tuple]:
    return [(p.kind, p.segment_index, p.start, p.duration, p.position, p.count, p.speech) for p in plan.slides]


def _handout_part(slide: Slide) -> tuple | None:
    if not slide.handout and not slide.handout_blocks:
        return None
    return (slide.title, slide.source, slide.handout, slide.body if slide.handout else None, slide.handout_blocks)


def inputs(name: str, talk: Talk, plan: Plan, options) -> tuple:
    """What output `name` is made from, as a value whose repr is stable across runs."""
    pictures = [p.asset for _, slide in talk.slides for p in slide.pictures()]
    theme = talk.theme
    if name == "pptx":
        return (
            _talk_facts(talk),
            theme,
            _assets([theme.template, theme.logo, theme.title_background, *pictures]),
            talk.segments,
            _plan_facts(plan),
            options.public,
            options.auto_advance,
            getattr(options, "slide_timings", True),
        )
    if name == "handout":
        parts = [part for _, slide in talk.slides if (part := _handout_part(slide)) is not None]
        handout_pictures = [p.asset for _, slide in talk.slides if slide.handout for p in slide.pictures()]
        return (
            _talk_facts(talk),
            theme.accent,
            talk.handout,
            options.paper,
            parts,
            talk.handout_pages,
            _assets(handout_pictures),
        )
    if name == "scripts":
        notes = [(slide.title, slide.source, slide.notes) for _, slide in talk.slides]
        notes.append(("opening", talk.title_notes, talk.agenda_notes))
        segments = [(s.title, s.minutes, s.lead, s.source, s.notes) for s in talk.segments]
        return (_talk_facts(talk), theme.accent, talk.handout, options.paper, options.public, segments, notes, _plan_facts(plan))
    if name == "run-of-show":
        titles = [(slide.title_text, [n.speaker for n in slide.notes]) for _, slide in talk.slides]
        segments = [(s.title, s.lead, [n.speaker for n in s.notes]) for s in talk.segments]
        titles.append(("opening", [n.speaker for n in talk.title_notes + talk.agenda_notes]))
        return (_talk_facts(talk), segments, titles, _plan_facts(plan))
    raise ValueError(f"unknown output {name!r}")


@lru_cache(maxsize=1)
def _code() -> str:
    """The build's own code and the libraries that shape its outputs: a change to
    either makes every output out of date."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for file in sorted([*package.rglob("*.py"), *package.rglob("*.typ")]):
        digest.update(file.relative_to(package).as_posix().encode())
        digest.update(file.read_bytes())
    for library in ("pptx", "typst", "fontpkg", "PIL", "lxml"):
        # Where each library is installed and when: an upgrade rewrites its files.
        # (Finding a package does not import it, unlike asking its version.)
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            digest.update(f"{spec.origin}:{os.stat(spec.origin).st_mtime_ns}".encode())
    return digest.hexdigest()


def fingerprint(name: str, talk: Talk, plan: Plan, options) -> str:
    text = repr((_code(), name, inputs(name, talk, plan, options)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Manifest:
    """The fingerprints and file digests of the outputs in one output folder."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".cache" / MANIFEST
        self.out = out
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def diagnostics(self, name: str) -> list[dict]:
        """What rendering the output reported last time, to report again when it is reused."""
        return self.entries.get(name, {}).get("diagnostics", [])

    def is_current(self, name: str, print_: str) -> bool:
        entry = self.entries.get(name)
        if not entry or entry.get("fingerprint") != print_:
            return False
        for file, digest in entry.get("files", {}).items():
            path = self.out / file
            if not path.is_file() or _file_digest(path) != digest:
                return False
        return True

    def record(self, name: str, print_: str, files: dict[str, bytes], diagnostics: list[dict]) -> None:
        self.entries[name] = {
            "fingerprint": print_,
            "files": {file: hashlib.sha256(data).hexdigest() for file, data in files.items()},
            "diagnostics": diagnostics,
        }

    def save(self) -> None:
        """Written like the outputs: a temporary file, then a rename."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass  # without a manifest the next build simply renders everything
