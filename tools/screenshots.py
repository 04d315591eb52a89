#!/usr/bin/env python3
"""Screenshots of a live talk's pages, to look at them (and the README's picture).

    .venv/bin/python tools/screenshots.py [TALK] [--slide N] [--click N] [--out DIR]

Starts `present` for TALK (the default talk without one) as a process, waits
for its slides (pictures when LibreOffice is installed), moves the talk to
slide N, and opens the screen, each presenter's page and the timekeeper's in
the machine's headless Chromium, at phone size (390 × 844) and laptop size
(1366 × 768). Writes DIR/<page>-phone.png and DIR/<page>-laptop.png, and
DIR/present.png: the screen above both presenters' phones, small enough
for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("talk", nargs="?", default=str(REPO))
    parser.add_argument("--slide", type=int, default=10)
    parser.add_argument("--click", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "present", args.talk, "--out", str(args.out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        pages = {}
        while True:
            line = process.stdout.readline().split()
            if len(line) != 2:
                raise SystemExit("present printed no addresses: " + process.stderr.read())
            pages[line[0]] = line[1]
            if line[0] == "time":
                break
        while not (line := process.stderr.readline()).startswith("slides: "):  # the slides are ready
            if not line:
                raise SystemExit("present stopped")
        print(line.strip())
        base = pages["time"].rsplit("/", 1)[0]
        post(f"{base}/api/goto/{args.slide}")
        for _ in range(args.click):
            post(f"{base}/api/next")
        shoot(pages, args.out)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return 0


def post(address: str) -> dict:
    with urllib.request.urlopen(urllib.request.Request(address, method="POST"), timeout=10) as response:
        return json.loads(response.read())


def shoot(pages: dict[str, str], out: Path) -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        opened = []
        for name, address in pages.items():
            for size, options in (("phone", PHONE), ("laptop", LAPTOP)):
                page = browser.new_context(**options).new_page()
                page.goto(address)
                opened.append((page, out / f"{name}-{size}.png"))
        time.sleep(2)  # the pictures load, the clock ticks once
        for page, path in opened:
            page.screenshot(path=str(path))
            print(f"wrote {path}")
        browser.close()
    speakers = [name for name in pages if name not in ("screen", "time")]
    screen = Image.open(out / "screen-laptop.png").convert("RGB")
    phones = [Image.open(out / f"{name}-phone.png").convert("RGB") for name in speakers[:2]]
    height = 600
    screen = screen.resize((round(screen.width * height / screen.height), height))
    phones = [phone.resize((round(phone.width * height / phone.height), height)) for phone in phones]
    gap = 16
    sheet = Image.new("RGB", (screen.width + sum(p.width + gap for p in phones), height), "#FFFFFF")
    sheet.paste(screen, (0, 0))
    x = screen.width + gap
    for phone in phones:
        sheet.paste(phone, (x, 0))
        x += phone.width + gap
    sheet = sheet.resize((sheet.width // 2, sheet.height // 2), Image.Resampling.LANCZOS)
    # 128 colours: a third of the bytes, and the slides and phones look the same at this size.
    sheet = sheet.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    sheet.save(out / "present.png", optimize=True)
    print(f"wrote {out / 'present.png'}")


if __name__ == "__main__":
    sys.exit(main())
