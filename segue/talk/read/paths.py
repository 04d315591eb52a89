"""Paths a talk names: relative to the talk folder, and never leaving it."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote
from pathlib import Path, PurePosixPath

from segue.diagnostics import Diagnostics, quoted
from segue.talk.model import Asset, Source
from segue.talk.read.suggest import similar_file

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _by_composed_name(root: Path, parts: tuple[str, ...]) -> Path | None:
    """The file whose name is `parts` once both are composed (NFC): a name saved
    decomposed (NFD, as macOS writes it) is the same name to a presenter."""
    current = root
    for part in parts:
        if (current / part).exists():
            current = current / part
            continue
        if not current.is_dir():
            return None
        wanted = unicodedata.normalize("NFC", part)
        match = next((c for c in current.iterdir() if unicodedata.normalize("NFC", c.name) == wanted), None)
        if match is None:
            return None
        current = match
    return current


def _nearest(root: Path, parts: tuple[str, ...]) -> str:
    """`; did you mean 'assets/advocate-portrait.jpg'?` when a file of a like name exists."""
    current, named = root, []
    for part in parts:
        if not (current / part).exists():
            part = similar_file(current, part) if current.is_dir() else None
            if part is None:
                return ""
        current = current / part
        named.append(part)
    return f"; did you mean {'/'.join(named)!r}?" if current.is_file() else ""


def resolve_asset(root: Path, ref: str, source: Source, report: Diagnostics, what: str) -> Asset | None:
    """The file `ref` names inside the talk, or None after reporting why not.

    `what` names the file's use in messages ("image", "logo", "template").
    """
    # markdown-it percent-encodes link targets (`café` -> `caf%C3%A9`, a space -> `%20`);
    # the file is named by the decoded text, in the composed form (NFC).
    ref = unicodedata.normalize("NFC", unquote(ref.strip()))
    line = source.line
    if not ref:
        report.error(source.path, line, f"{what} path is empty")
        return None
    if _URL.match(ref) and not re.match(r"^[A-Za-z]:[\\/]", ref):
        report.error(source.path, line, f"{what} {quoted(ref)} is a URL: download it into assets/ and name the file")
        return None
    posix = PurePosixPath(ref.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[A-Za-z]:[\\/]", ref):
        report.error(source.path, line, f"{what} {quoted(ref)} is an absolute path: name it relative to the talk folder")
        return None
    if ".." in posix.parts:
        report.error(source.path, line, f"{what} {quoted(ref)} leaves the talk folder")
        return None
    file = root.joinpath(*posix.parts)
    if not file.exists():
        file = _by_composed_name(root, posix.parts) or file
    # Checked on the file finally found (after every fallback), as its real path: that
    # path, with no link left in it, is what the build reads, and only while it still is.
    try:
        real = file.resolve()
        inside = real.is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # symlink loops
        inside = False
    if not inside:
        report.error(source.path, line, f"{what} {quoted(ref)} is a link that leads out of the talk folder")
        return None
    if not real.exists():
        report.error(source.path, line, f"{what} {quoted(ref)} not found{_nearest(root, posix.parts)}")
        return None
    if not real.is_file():
        report.error(source.path, line, f"{what} {quoted(ref)} is a directory, not a file")
        return None
    return Asset(posix.as_posix(), real)
