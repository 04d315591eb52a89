#!/usr/bin/env python3
"""Build the talk in this folder, or any talk folder: `python3 build.py --help`.

Any Python 3 can run this file: when it is not the repository's own `.venv`
(which `make build` creates), it hands over to that one, as wrapper scripts
such as Gradle's do, so nothing needs activating. Without a `.venv` it says
which command makes one.
"""

import os
import re
from importlib import metadata
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"


def venv_python():
    for candidate in (VENV / "bin" / "python", VENV / "Scripts" / "python.exe"):
        if candidate.is_file():
            return candidate
    return None


def running_in_venv():
    return Path(sys.prefix).resolve() == VENV.resolve()


def missing_libraries():
    """The libraries segue declares that this Python does not have."""
    try:
        requires = metadata.requires("segue") or []
    except metadata.PackageNotFoundError:
        return ["segue"]
    missing = []
    for requirement in requires:
        if "extra ==" in requirement:
            continue
        name = re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0]
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
    return missing


def how_to_run_again():
    """This file as the person typed it, when that works from where they are."""
    try:
        shown = Path(__file__).resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        shown = Path(__file__).resolve()
    return "python3 " + str(shown)


if __name__ == "__main__":
    python = venv_python()
    if python is not None and not running_in_venv():
        command = [str(python), str(Path(__file__).resolve()), *sys.argv[1:]]
        if os.name == "nt":  # no exec on Windows: wait for the child and pass on its status
            sys.exit(subprocess.call(command))
        os.execv(command[0], command)
    missing = [] if running_in_venv() else missing_libraries()
    if missing:
        sys.exit(
            f"build.py: the libraries segue needs are not installed for {sys.executable} "
            f"({', '.join(missing[:3])}{' and more' if len(missing) > 3 else ''} missing). "
            f"Run `make build` in {HERE} once: it creates .venv there, and build.py uses it from then on."
        )
    from segue.commands import run

    # Without a TALK argument, commands work on the talk this file sits in.
    run(obj={"default_talk": HERE, "program": how_to_run_again()})
