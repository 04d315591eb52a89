"""How long the printed outputs of the default talk take; prints figures, asserts nothing.

    python bench/pdf.py              # best of 5
    python bench/pdf.py --repeat 1   # the suite runs this, so the script cannot rot

Figures:
- the clinician's script set in a process that has set it once before (as in
  `watch`), and in a fresh one (the first time: fonts and templates loaded);
- the handout (two columns, balanced: a first layout, then the final one);
- a watch session rebuilding the default talk after a one-word edit of the
  speaker notes (only the scripts depend on notes), and of slide text.

Targets: the script under 0.1 s, the notes rebuild under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Measured without LibreOffice: with it, watch sets the scripts after the deck PDF, in the
# background (bench/proof.py has the rendering's figures).
os.environ["SOFFICE"] = ""
sys.path.insert(0, str(REPO))

from segue.diagnostics import Diagnostics  # noqa: E402
from segue.build.pipeline import BuildOptions, load  # noqa: E402
from segue.build.watch import WatchSession  # noqa: E402

def best(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def edit_one_word(loaded, turn: int) -> None:
    """Change one word of the clinician's first note, differently each turn, so
    nothing is set from what Typst remembers of an identical document."""
    from dataclasses import replace

    from segue.talk.model import Paragraph

    for _, slide in loaded.talk.slides:
        for note in slide.notes:
            if note.speaker == "clinician":
                for index, block in enumerate(note.blocks):
                    if isinstance(block, Paragraph):
                        first = block.inline[0]
                        words = first.text.split(" ")
                        words[0] = f"Turn{turn}"
                        note.blocks[index] = Paragraph((replace(first, text=" ".join(words)), *block.inline[1:]), block.source)
                        return


def clinician_script(loaded) -> bytes:
    """The clinician's script alone, as the scripts renderer sets each one."""
    from segue.media.pictures import shared_cache
    from segue.render.pdf import DECK_TOML, Pictures, Texts, finish_fonts, font_data, paper_for
    from segue.render.pdf.typeset import compile_pdf, inputs
    from segue.render.scripts.content import PICTURE_HEIGHT, page_for, script_data
    from segue.render.stamp import build_time

    talk, plan = loaded.talk, loaded.plan
    speaker = talk.speakers["clinician"]
    page = page_for(paper_for(talk, BuildOptions()))
    pictures = Pictures(shared_cache(None), (page.text_width, PICTURE_HEIGHT))
    texts = Texts()
    report = Diagnostics()
    data = script_data(talk, plan, speaker, page, texts, report, pictures)
    chain = finish_fonts(texts, report, "script")
    data["style"].update(font_data(chain))
    return compile_pdf("script.typ", inputs(data, pictures.encoded()), chain.system, build_time(talk), report, DECK_TOML, "script")


def fresh_process_script() -> float:
    """The clinician's script in a new process: the first time, with every font and template loaded."""
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(REPO)!r}); sys.path.insert(0, {str(REPO / 'bench')!r})\n"
        "from pathlib import Path\n"
        "from segue.build.pipeline import load\n"
        "import pdf\n"
        f"loaded = load(Path({str(REPO)!r}))\n"
        "started = time.perf_counter()\n"
        "pdf.clinician_script(loaded)\n"
        "print(time.perf_counter() - started)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.split()[-1])


def watch_edits(repeat: int) -> dict[str, tuple[float, str]]:
    """A watch session on a copy of the default talk: best rebuild time after a one-word edit."""
    work = Path(tempfile.mkdtemp(prefix="segue-bench-pdf-"))
    try:
        for name in ("deck", "assets", "handouts"):
            shutil.copytree(REPO / name, work / name)
        out = work / "dist"
        session = WatchSession(work, out, BuildOptions(cache_dir=out / ".cache"), lambda line, error: None)
        session.build()
        segment = work / "deck" / "02-narrative.md"
        original = segment.read_text(encoding="utf-8")
        cases = {
            "speaker notes": ("my first job is not to fix anything", "my first task is not to fix anything"),
            "slide text": ("- What I hoped for, and what I feared", "- What I hoped for, and what I dreaded"),
        }
        found = {}
        for label, (old, new) in cases.items():
            assert old in original, old
            times, outputs = [], ""
            for turn in range(max(2, repeat)):
                segment.write_text(original.replace(old, new) if turn % 2 == 0 else original, encoding="utf-8")
                started = time.perf_counter()
                result = session.build()
                times.append(time.perf_counter() - started)
                outputs = ", ".join(p.name.removeprefix("love-as-medicine") or p.name for p in result.written)
            segment.write_text(original, encoding="utf-8")
            session.build()
            found[label] = (min(times), outputs)
        return found
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from segue.render import handout

    loaded = load(REPO)
    clinician_script(loaded)  # the first time loads fonts and templates; measured below in a fresh process
    turns = iter(range(10_000))

    def edited_script() -> None:
        edit_one_word(loaded, next(turns))
        clinician_script(loaded)

    warm = best(args.repeat, edited_script)
    cold = fresh_process_script()
    loaded = load(REPO)
    handout_time = best(args.repeat, lambda: handout.render(loaded.talk, loaded.plan, BuildOptions(), Diagnostics()))
    print("printed outputs of the default talk (Typst)")
    print(f"  clinician's script        {warm:6.3f} s   (target 0.1 s; after a one-word edit, in a process that set it before, as watch does)")
    print(f"  clinician's script, first {cold:6.3f} s   (a fresh process: fonts and templates loaded)")
    print(f"  handout                   {handout_time:6.3f} s   (first layout, then the balanced one)")
    print("watch: rebuild of the default talk after a one-word edit")
    for label, (seconds, outputs) in watch_edits(args.repeat).items():
        target = "  (target 0.3 s)" if label == "speaker notes" else ""
        print(f"  {label:14} {seconds:6.3f} s{target}  rebuilt: {outputs}")


if __name__ == "__main__":
    main()
