"""Zip packages that come from outside the build (a designer's template, a deck saved
after a rehearsal), read with a bound on what they inflate to.

A small zip can inflate to gigabytes, and its directory may say otherwise:
every member is inflated a megabyte at a time, counting, and the package is
refused (`PackageProblem`) once the count passes the limit, before the memory
is spent. A library is then handed a package rebuilt from what was read, never
the original.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

MAX_INFLATED = 400 * 1024 * 1024  # bytes a package may inflate to, all members together
MAX_MEMBERS = 20_000
_CHUNK = 1024 * 1024


class PackageProblem(ValueError):
    """A package that cannot be read within its bounds; the message is for the presenter."""


class Package:
    """A zip package whose members are read with a bound on what they inflate to."""

    def __init__(self, source: Path | bytes, limit: int = MAX_INFLATED) -> None:
        self.limit = limit
        self.inflated = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            raise PackageProblem(f"it is not a zip package ({exc})") from None
        members = self.zip.infolist()
        if len(members) > MAX_MEMBERS:
            self.zip.close()
            raise PackageProblem(f"it holds more than {MAX_MEMBERS:,} files")
        if sum(member.file_size for member in members) > limit:  # what it says it holds; what it does is counted on reading
            self.zip.close()
            raise PackageProblem(self._too_large())

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def names(self) -> list[str]:
        return self.zip.namelist()

    def read(self, name: str) -> bytes:
        """A member's bytes; KeyError when there is none, PackageProblem when it is
        broken or the package inflates past its limit."""
        parts = []
        try:
            with self.zip.open(name) as member:
                while chunk := member.read(_CHUNK):
                    self.inflated += len(chunk)
                    if self.inflated > self.limit:
                        raise PackageProblem(self._too_large())
                    parts.append(chunk)
        except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError, OSError) as exc:
            if isinstance(exc, PackageProblem):
                raise
            raise PackageProblem(f"its member {name[:60]!r} cannot be read ({exc})") from None
        return b"".join(parts)

    def _too_large(self) -> str:
        return f"it inflates to more than {self.limit // (1024 * 1024):,} MB"

    def rebuilt(self, replace: dict[str, bytes] | None = None) -> bytes:
        """The package again, every member as read here (and `replace`d), stored."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in self.zip.infolist():
                if info.is_dir():
                    continue
                data = (replace or {}).get(info.filename)
                copy.writestr(info.filename, data if data is not None else self.read(info.filename))
        return out.getvalue()
