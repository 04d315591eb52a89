"""Reading a talk's text files as UTF-8, with a diagnostic when they are not."""

from __future__ import annotations

import re
from pathlib import Path

from segue.diagnostics import Diagnostics


MAX_TEXT_FILE = 2 * 1024 * 1024  # bytes of one segment, handout page or deck.toml: a talk's is a few dozen kilobytes


def read_text(root: Path, path: str, report: Diagnostics) -> str | None:
    """The text of the talk's file `path` with newlines normalised, or None after
    reporting why not. A file that is a link leading out of the talk is never read."""
    file = root / path
    try:
        inside = file.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        report.error(path, None, "is a link that leads out of the talk folder; it is not read")
        return None
    try:
        size = file.stat().st_size
        if size > MAX_TEXT_FILE:
            report.error(path, None, f"is {size / 1024 / 1024:,.1f} MB; a talk's text file is at most {MAX_TEXT_FILE // 1024 // 1024} MB: split it")
            return None
        data = file.read_bytes()
    except OSError as exc:
        report.error(path, None, f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        report.error(path, line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL_CHARACTERS.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        count = len(CONTROL_CHARACTERS.findall(text))
        report.warning(
            path,
            line,
            f"{count} control character(s) or noncharacter(s) such as U+{ord(found.group()):04X} removed: "
            "slides and PDFs cannot hold them",
        )
        text = CONTROL_CHARACTERS.sub("", text)
    return text


# C0 and C1 control characters other than tab and newline, lone surrogates and
# Unicode's noncharacters (U+FFFE, U+FFFF, U+FDD0–FDEF and the last two of every
# plane): no XML document may hold them, and no font draws them.
_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
CONTROL_CHARACTERS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
