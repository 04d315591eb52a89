"""Watch mode: rebuild on every save, keep the last good outputs when a save has an error.

One process builds again and again, so what a build learns stays warm: the
renderers are imported once, prepared pictures stay in memory, and the
manifest knows which outputs a save did not touch.

Each save prints its errors, and of its warnings only those not shown
before, then one line counting the ones still standing: a presenter who
saves twenty times sees a warning once, not twenty times. A warning whose
line moved because text was added above it is the same warning.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from segue.build import pipeline
from segue.diagnostics import Diagnostic, Diagnostics, Severity
from segue.build.manifest import Manifest
from segue.build.pipeline import SOURCE_FOLDERS, BuildOptions


class WatchSession:
    def __init__(self, root: Path, out: Path, options: BuildOptions, say: Callable[[str, bool], None]) -> None:
        self.root = root
        self.out = out
        self.options = options
        self.say = say  # (line, is_error)
        self.manifest = Manifest(out)
        self.shown: dict[tuple[str, str], list[int | None]] = {}  # warnings shown: (path, message) -> their lines

    def new_warnings(self, warnings: list[Diagnostic], complete: bool) -> tuple[list[Diagnostic], int]:
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

    def folders(self) -> list[Path]:
        """The source folders to watch; the talk folder itself when it has none yet."""
        found = [self.root / name for name in SOURCE_FOLDERS if (self.root / name).is_dir()]
        return found or [self.root]

    def build(self) -> pipeline.BuildResult:
        started = time.perf_counter()
        result = pipeline.build(self.root, self.out, self.options, self.manifest)
        elapsed = time.perf_counter() - started
        merged = Diagnostics()
        merged.extend(result.read_report)
        merged.extend(result.render_report)
        new, as_before = self.new_warnings(merged.warnings, complete=not result.failed())
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
            self.say(f"rebuilt in {elapsed:.2f} s: {wrote}{unchanged}", False)
        return result
