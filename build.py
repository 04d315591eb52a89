#!/usr/bin/env python3
"""Build the talk in this folder, or any talk folder: `python build.py --help`."""

from pathlib import Path

from segue.cli import run

if __name__ == "__main__":
    # Without a TALK argument, commands work on the talk this file sits in.
    run(obj={"default_talk": Path(__file__).resolve().parent})
