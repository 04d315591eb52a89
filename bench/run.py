"""Benchmark the deck build against pandoc on synthetic talks; prints figures and ratios.

    python bench/run.py                 # the full set: 40, 100, 1000 slides
    python bench/run.py --quick         # small sizes, for CI: keeps the script working

Each case is built in a fresh process (`python build.py build --only pptx`),
as is pandoc 3 on the same content (the `pypandoc-binary` wheel carries it;
install with `pip install -e '.[bench]'`). Wall time is the best of
`--repeat` runs; peak RSS is the child process's maximum resident set.
Nothing here asserts speed: the figures are for people to read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# Measured without LibreOffice: with it, watch sets the scripts after the deck PDF, in the
# background (bench/proof.py has the rendering's figures).
os.environ["SOFFICE"] = ""

FULL = [(40, 0), (100, 10), (1000, 100)]
QUICK = [(10, 1), (40, 4)]


@dataclass
class Run:
    seconds: float
    peak_mb: float


def measure(command: list[str], cwd: Path, repeat: int, fresh: Path | None = None) -> Run:
    """Best wall time and peak RSS of `repeat` runs; `fresh` is emptied before each run."""
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
        best = min(best, elapsed)
        peak = max(peak, usage.ru_maxrss / 1024)  # KiB on Linux
    return Run(best, peak)


def pandoc_path() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes only (CI)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, help="folder for generated talks (default: a temporary one)")
    args = parser.parse_args()

    cases = QUICK if args.quick else FULL
    # Bytecode written once, as an installed package has it, so no run pays for compiling.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "segue")], check=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="segue-bench-"))
    pandoc = pandoc_path()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, pandoc: {pandoc or 'not found'}")
    header = f"{'slides':>6} {'photos':>6} {'segue s':>8} {'segue MB':>9} {'pandoc s':>9} {'pandoc MB':>10} {'pandoc/segue':>13}"
    print(header)
    print("-" * len(header))
    results = {}
    for slides, photos in cases:
        talk = generate(work / f"talk-{slides}-{photos}", slides, photos)
        # Each run builds into an empty folder: no cached pictures, no output left
        # from the run before, so every run does the whole build.
        ours = measure(
            [sys.executable, str(REPO / "build.py"), "build", str(talk), "--only", "pptx", "--out", str(talk / "dist")],
            REPO,
            args.repeat,
            fresh=talk / "dist",
        )
        theirs = None
        if pandoc:
            theirs = measure([pandoc, "pandoc.md", "-o", "pandoc.pptx"], talk, args.repeat)
        results[slides] = ours
        ratio = f"{theirs.seconds / ours.seconds:12.1f}x" if theirs else f"{'-':>13}"
        print(
            f"{slides:>6} {photos:>6} {ours.seconds:8.2f} {ours.peak_mb:9.0f} "
            + (f"{theirs.seconds:9.2f} {theirs.peak_mb:10.0f} " if theirs else f"{'-':>9} {'-':>10} ")
            + ratio
        )
    sizes = sorted(results)
    for small, large in zip(sizes, sizes[1:]):
        print(
            f"growth: {large} slides take {results[large].seconds / results[small].seconds:.1f}x the time of "
            f"{small} ({large / small:.1f}x the slides)"
        )
    edits(work / "watch", args.repeat)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


def edits(folder: Path, repeat: int) -> None:
    """What a watch session takes to rebuild the default talk after a one-word edit."""
    sys.path.insert(0, str(REPO))
    from segue.build.pipeline import BuildOptions
    from segue.build.watch import WatchSession

    shutil.rmtree(folder, ignore_errors=True)
    for name in ("deck", "assets", "handouts"):
        shutil.copytree(REPO / name, folder / name)
    out = folder / "dist"
    session = WatchSession(folder, out, BuildOptions(cache_dir=out / ".cache"), lambda line, error: None)
    session.build()  # the first build of a watch session
    segment = folder / "deck" / "02-narrative.md"
    original = segment.read_text(encoding="utf-8")
    cases = {
        "slide text": ("- What I hoped for, and what I feared", "- What I hoped for, and what I dreaded"),
        "speaker notes": ("my first job is not to fix anything", "my first task is not to fix anything"),
    }
    print("\nwatch: rebuild of the default talk after a one-word edit")
    for label, (old, new) in cases.items():
        assert old in original, old
        best, outputs = float("inf"), ""
        for turn in range(repeat):
            segment.write_text(original.replace(old, new) if turn % 2 == 0 else original, encoding="utf-8")
            started = time.perf_counter()
            result = session.build()
            best = min(best, time.perf_counter() - started)
            outputs = ", ".join(p.name.removeprefix("love-as-medicine") or p.name for p in result.written)
        segment.write_text(original, encoding="utf-8")
        session.build()
        print(f"  {label:14} {best:5.2f} s  (rebuilt: {outputs})")


if __name__ == "__main__":
    main()
