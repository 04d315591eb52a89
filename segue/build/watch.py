"""Watch mode: rebuild on every save, keep the last good outputs when a save has an error.

One process builds again and again, so what a build learns stays warm: the
renderers are imported once, prepared pictures stay in memory, and the
manifest knows which outputs a save did not touch.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from segue.build import pipeline
from segue.diagnostics import Diagnostics
from segue.build.manifest import Manifest
from segue.build.pipeline import SOURCE_FOLDERS, BuildOptions


class WatchSession:
    def __init__(self, root: Path, out: Path, options: BuildOptions, say: Callable[[str, bool], None]) -> None:
        self.root = root
        self.out = out
        self.options = options
        self.say = say  # (line, is_error)
        self.manifest = Manifest(out)

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
        for item in merged.sorted():
            self.say(str(item), True)
        if result.write_error:
            self.say(result.write_error, True)
        if result.failed():
            self.say(f"not rebuilt ({elapsed:.2f} s): the last good outputs are kept", True)
        else:
            wrote = ", ".join(path.name for path in result.written) or "nothing"
            unchanged = f"; unchanged: {', '.join(result.unchanged)}" if result.unchanged else ""
            self.say(f"rebuilt in {elapsed:.2f} s: {wrote}{unchanged}", False)
        return result
