"""Reading a talk's text files as UTF-8, with a diagnostic when they are not."""

from __future__ import annotations

from pathlib import Path

from segue.diagnostics import Diagnostics


def read_text(file: Path, path: str, report: Diagnostics) -> str | None:
    """The file's text with newlines normalised, or None after reporting why not."""
    try:
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
    return text.replace("\r\n", "\n").replace("\r", "\n")
