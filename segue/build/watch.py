"""Watch mode: rebuild on every save, keep the last good outputs when a save has an error.

One process builds again and again, so what a build learns stays warm: the
renderers are imported once, prepared pictures stay in memory, and the
manifest knows which outputs a save did not touch.

A save never waits for LibreOffice: the outputs that need no rendering are
rebuilt at once; the deck PDF, the proof and the scripts (which show the
rendered slides) follow in the background, and the next save cancels them.

Each save prints its errors, and of its warnings only those not shown
before, then one line counting the ones still standing: a presenter who
saves twenty times sees a warning once, not twenty times. A warning whose
line moved because text was added above it is the same warning.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from segue.build import pipeline
from segue.diagnostics import Diagnostic, Diagnostics, Severity
from segue.build.manifest import Manifest
from segue.build.pipeline import RENDERED, SOURCE_FOLDERS, BuildOptions
from segue.render.deckpdf.libreoffice import Cancelled


class ShownWarnings:
    """The warnings a session has shown, to tell which of a save's are new."""

    def __init__(self) -> None:
        self.shown: dict[tuple[str, str], list[int | None]] = {}  # (path, message) -> their lines

    def new(self, warnings: list[Diagnostic], complete: bool) -> tuple[list[Diagnostic], int]:
        """The warnings not shown before, and how many are as before.

        After a save that did not build, the warnings of the stages that did not
        run are not known to be gone, so they stay remembered."""
        current: dict[tuple[str, str], list[Diagnostic]] = {}
        for warning in warnings:
            current.setdefault((warning.path, warning.message), []).append(warning)
        new: list[Diagnostic] = []
        for key, items in current.items():
            before = list(self.shown.get(key, []))
            unmatched = []
            for item in items:
                if item.line in before:
                    before.remove(item.line)
                else:
                    unmatched.append(item)
            # Those left over take the place of earlier ones whose line moved.
            new += unmatched[len(before) :]
        remembered = {key: [item.line for item in items] for key, items in current.items()}
        if not complete:
            for key, lines in self.shown.items():
                if len(lines) > len(remembered.get(key, [])):
                    remembered[key] = lines
        self.shown = remembered
        return new, len(warnings) - len(new)


class WatchSession:
    def __init__(self, root: Path, out: Path, options: BuildOptions, say: Callable[[str, bool], None]) -> None:
        self.root = root
        self.out = out
        self.options = options
        self.say = say  # (line, is_error)
        self.manifest = Manifest(out)
        rendered = [name for name in options.only if name in RENDERED or self._shows_slides(name)]
        self.later = tuple(rendered)  # made in the background, after the others
        self.now = tuple(name for name in options.only if name not in rendered)
        self._background: threading.Thread | None = None
        self._cancel = threading.Event()
        # Warnings are remembered per half of a save: the background half reports
        # what its outputs found, the reading of the talk is reported once, at once.
        self.shown = {"now": ShownWarnings(), "later": ShownWarnings()}
        self.talk = None  # the talk as last read: which files it names
    def _shows_slides(self, name: str) -> bool:
        declared = pipeline.output(name)
        return declared.MADE_FROM in RENDERED and pipeline.wants_source(declared, self.options)

    def folders(self) -> list[Path]:
        """The source folders to watch; the talk folder itself when it has none yet. Files
        the talk names outside them (a bibliography next to deck/) are watched too."""
        found = [self.root / name for name in SOURCE_FOLDERS if (self.root / name).is_dir()]
        outside = [
            use.asset.file for use in (self.talk.asset_uses if self.talk is not None else [])
            if use.asset is not None and use.asset.path.split("/")[0] not in SOURCE_FOLDERS
        ]
        return [*found, *dict.fromkeys(outside)] if found else [self.root]

    def build(self) -> pipeline.BuildResult | None:
        """Rebuild for a save: what needs no rendering now, the rest in the background."""
        self.cancel_background()
        result = None
        if self.now:
            result = self._run(replace(self.options, only=self.now, cancel=None), "rebuilt")
            if result.failed():
                return result
        if self.later:
            self._cancel = threading.Event()
            options = replace(self.options, only=self.later, cancel=self._cancel)
            self._background = threading.Thread(target=self._in_background, args=(options,), daemon=True)
            self._background.start()
        return result

    def _in_background(self, options: BuildOptions) -> None:
        try:
            self._run(options, ", ".join(options.only) + ": rebuilt")
        except Cancelled:
            self.say(f"{', '.join(options.only)}: cancelled by a newer save", False)

    def cancel_background(self) -> None:
        """Stop the background rebuild of an earlier save (its LibreOffice is ended)."""
        if self._background is not None:
            self._cancel.set()
            self._background.join()
            self._background = None

    def wait(self) -> None:
        """Let the background rebuild finish (tests, and the end of a session)."""
        if self._background is not None:
            self._background.join()
            self._background = None

    def _run(self, options: BuildOptions, done: str) -> pipeline.BuildResult:
        started = time.perf_counter()
        result = pipeline.build(self.root, self.out, options, self.manifest)
        self.talk = result.talk or self.talk
        elapsed = time.perf_counter() - started
        in_background = options.cancel is not None
        merged = Diagnostics()
        if not (in_background and self.now):  # the reading was reported by the save's first half
            merged.extend(result.read_report)
        merged.extend(result.render_report)
        shown = self.shown["later" if in_background else "now"]
        new, as_before = shown.new(merged.warnings, complete=not result.failed())
        for item in merged.sorted():
            if item.severity is Severity.ERROR or item in new:
                self.say(str(item), True)
        if as_before:
            self.say(f"{as_before} warning{'' if as_before == 1 else 's'} as before", True)
        if result.write_error:
            self.say(result.write_error, True)
        if result.failed():
            self.say(f"not rebuilt ({elapsed:.2f} s): the last good outputs are kept", True)
        else:
            wrote = ", ".join(path.name for path in result.written) or "nothing"
            unchanged = f"; unchanged: {', '.join(result.unchanged)}" if result.unchanged else ""
            later = f"; {', '.join(self.later)} follow" if self.later and options.cancel is None else ""
            self.say(f"{done} in {elapsed:.2f} s: {wrote}{unchanged}{later}", False)
        return result
