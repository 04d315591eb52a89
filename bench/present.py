"""How a live talk's server copes with many pages; prints figures, asserts nothing.

    python bench/present.py                          # 50 pages, 1,000 advances
    python bench/present.py --pages 5 --advances 50  # the suite runs this, so the script cannot rot

`present` runs as a process on 127.0.0.1 with a synthetic talk of 40 slides
(bench/generate.py); the pages connect over WebSockets and say what they
have read, as the browsers' pages do, and one of them advances the talk,
waiting each time until every page has been sent the new state
(bench/load.py). Printed: how long an advance takes to reach every page
(median, 95th percentile, worst), advances a second, and the server's
resident memory as the advances go by. The load test
(tests/show/present/test_load.py) checks that no message is lost.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from load import run  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--advances", type=int, default=1000)
    parser.add_argument("--slides", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        talk = generate(Path(folder) / "talk", args.slides, images=0)
        load = run(talk, Path(folder) / "out", args.pages, args.advances)
    latencies = sorted(seconds * 1000 for seconds in load.latencies)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    lost = sum(page.seqs != list(range(load.advances + 1)) for page in load.pages)
    print(f"{args.pages} pages, {load.advances} advances on a talk of {args.slides} slides")
    print(f"an advance reaches every page in {statistics.median(latencies):.1f} ms (median), {p95:.1f} ms (95th percentile), {latencies[-1]:.1f} ms (worst)")
    print(f"{load.advances / load.seconds:.0f} advances a second, one after another; pages that missed a state: {lost}")
    print("server memory (MiB) after N advances: " + ", ".join(f"{done}: {rss / 2**20:.1f}" for done, rss in load.memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
