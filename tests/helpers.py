"""Building small talk folders and running the CLI in tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result
from PIL import Image

from segue.commands import main

REPO = Path(__file__).resolve().parent.parent

DECK_TOML = """\
title = "A Small Talk"
subtitle = "Testing the build"
event = "Test Conference"
date = 2027-04-18
duration = 10
words_per_minute = 140
slug = "small-talk"

[speakers.clinician]
name = "Dr. Ada Example"
role = "Clinician"

[speakers.client]
role = "Client"
"""

SEGMENT_ONE = """\
---
title: "Opening"
minutes: 4
lead: [clinician]
---

## First slide {.handout}

- Point one
  - nested point
    - third level
- **Bold**, *italic*, `code` and [a link](https://example.org)

::: clinician
The clinician opens.
:::

::: client
The client answers.
:::

::: clinician
The clinician again.
:::

---

## Second slide {layout=image}

![A calm square picture](assets/square.png)

::: notes
Both speakers pause here.
:::
"""

SEGMENT_TWO = """\
---
title: "Closing: Together"
minutes: 6
lead: [clinician, client]
---

## A quote {layout=quote}

> Safety comes first.

— The client

::: client
I said this once.
:::

---

## Columns

:::: columns
::: column
- Left one
- Left two
:::
::: column
| Is | Is not |
|:---|-------:|
| calm | rushed |
:::
::::

::: handout
Handout-only text.
:::
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return path


def picture(path: Path, size=(320, 320), color=(200, 150, 120), fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, format=fmt)
    return path


def make_talk(root: Path, segments: dict[str, str] | None = None, toml: str = DECK_TOML, handouts: dict[str, str] | None = None) -> Path:
    """A small, valid talk folder (two segments, two speakers, one picture)."""
    write(root / "deck" / "deck.toml", toml)
    if segments is None:
        segments = {"01-opening.md": SEGMENT_ONE, "02-closing.md": SEGMENT_TWO}
    for name, text in segments.items():
        write(root / "deck" / name, text)
    for name, text in (handouts or {}).items():
        write(root / "handouts" / name, text)
    picture(root / "assets" / "square.png")
    return root


def cli(*args: str, input: str | None = None) -> Result:
    """Run the command line in-process; tracebacks are never caught silently."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def run_build_py(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run `python build.py …` in a new process, as a presenter would."""
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(source: Path, fmt: str, out_dir: Path) -> Path:
    """Convert with LibreOffice headless, in a private profile so runs do not collide."""
    binary = soffice()
    assert binary is not None
    profile = out_dir / ".lo-profile"
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out_dir / (source.stem + "." + fmt.split(":")[0])


def pdf_words(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Each page's width, height and words with their boxes (x0, y0, x1, y1, text), from poppler's pdftotext."""
    import html
    import re

    result = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=120)
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', result.stdout, re.S):
        words = [
            (float(a), float(b), float(c), float(d), html.unescape(text))
            for a, b, c, d, text in re.findall(
                r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', page.group(3)
            )
        ]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def words_outside_their_page(pdf: Path, tolerance: float = 1.0) -> list[str]:
    """Words that lie, even partly, outside the page they are on."""
    outside = []
    for number, (width, height, words) in enumerate(pdf_words(pdf), start=1):
        for x0, y0, x1, y1, text in words:
            if x0 < -tolerance or y0 < -tolerance or x1 > width + tolerance or y1 > height + tolerance:
                outside.append(f"page {number}: {text!r} at ({x0:.0f}, {y0:.0f})–({x1:.0f}, {y1:.0f})")
    return outside
