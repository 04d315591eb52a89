"""What the proof itself costs, LibreOffice's rendering excluded; prints figures, asserts nothing.

    python bench/proof.py                # 40 and 200 slides, best of 3
    python bench/proof.py --sizes 10 --repeat 1     # the suite runs this, so the script cannot rot

For each synthetic talk (bench/generate.py: two speakers' notes on every
slide, a photo every few slides) the deck is built and converted to the deck
PDF once, by LibreOffice, untimed. Then, in this process, the proof's own
work is timed: arranging the deck again, reading every page back
(glyphs, drawn objects, structure), pairing and checking, the renderings for
contrast and the pictures, and the proof page.

Target: at most 0.5 s for 40 slides on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

SIZES = (40, 200)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="slides per synthetic talk")
    args = parser.parse_args()

    from segue.build.pipeline import BuildOptions, load, output
    from segue.diagnostics import Diagnostics
    from segue.render.deckpdf import available
    from segue.render.proof.look import look
    from segue.render.proof.page import proof_page
    from segue.render.proof.report import report_look
    from segue.render.pptx.deck import arrange_talk

    if not available():
        print("LibreOffice (soffice) is not installed: the proof has nothing to look at")
        return 0
    print("slides   proof s   per slide ms   deck PDF by LibreOffice s (not counted)")
    with tempfile.TemporaryDirectory(prefix="segue-bench-proof-") as folder:
        for slides in args.sizes:
            root = generate(Path(folder) / f"talk-{slides}", slides, max(1, slides // 10))
            loaded = load(root)
            options = BuildOptions(cache_dir=Path(folder) / f"cache-{slides}")
            deck = output("pptx").render(loaded.talk, loaded.plan, options, Diagnostics())
            started = time.perf_counter()
            pdf = output("deck-pdf").render(loaded.talk, loaded.plan, options, Diagnostics(), next(iter(deck.values())))
            rendering = time.perf_counter() - started
            data = next(iter(pdf.values()))
            best = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                opened, arranged = arrange_talk(loaded.talk, loaded.plan, Diagnostics())
                found = look(data, arranged, opened.stage)
                places = report_look(loaded.talk, loaded.plan, found, Diagnostics())
                proof_page(loaded.talk, loaded.plan, arranged, found, places)
                best = min(best, time.perf_counter() - started)
            print(f"{slides:>6}   {best:7.2f}   {best / slides * 1000:12.1f}   {rendering:8.1f}")
    print(f"target: 40 slides in at most 0.5 s (cores: {os.cpu_count()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
