"""What a presenter most likely meant: the nearest key, table or file name.

A slip (`[speaker.advocate]`, `Minutes:`, `advocate_portrait.jpg`) is
answered with the name to write instead, so the message carries its fix.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Iterable


def did_you_mean(name: str, known, noun: str = "") -> str:
    """`; did you mean 'progress_bar'?` naming the nearest candidates, or nothing."""
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"`{noun}{c}`" if noun else repr(c) for c in close) + "?"


def misspelling_of(name: str, known: Iterable[str]) -> str | None:
    """The one known name `name` is a slip for (another case, a letter more or less), or None."""
    known = sorted(known)
    folded = [k for k in known if k.casefold() == name.casefold()]
    if folded:
        return folded[0]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    return close[0] if close else None


def _loose(name: str) -> str:
    """A file name as a person remembers it: no accents, no case, no `-`, `_`, `.` or spaces."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_.\-]+", "", ascii_name.casefold())


def similar_file(directory: Path, name: str) -> str | None:
    """The name of the file in `directory` that `name` most likely means: the same once
    accents, case, `-`, `_` and spaces are set aside, else the nearest of similar spelling."""
    try:
        names = sorted(child.name for child in directory.iterdir() if not child.name.startswith("."))
    except OSError:
        return None
    wanted = _loose(name)
    same = [n for n in names if _loose(n) == wanted]
    if same:
        return same[0]
    stem = _loose(Path(name).stem)
    same_stem = [n for n in names if _loose(Path(n).stem) == stem]
    if same_stem:
        return same_stem[0]
    loose = {_loose(n): n for n in names}
    close = difflib.get_close_matches(wanted, sorted(loose), n=1, cutoff=0.8)
    return loose[close[0]] if close else None
