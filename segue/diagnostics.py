"""Problems found in a talk, reported as `path:line: severity: message`.

Every stage adds to one `Diagnostics` collection instead of raising, so a
presenter sees all problems of a talk in one run.
"""

from __future__ import annotations

import json
import reprlib
from dataclasses import dataclass, field
from enum import Enum

# A value quoted in a message: its start, never all of it (a value can be megabytes).
_QUOTED = reprlib.Repr()
_QUOTED.maxstring = _QUOTED.maxother = 40
_QUOTED.maxlist = _QUOTED.maxtuple = _QUOTED.maxdict = _QUOTED.maxset = 4
_QUOTED.maxlevel = 2


def quoted(value: object, limit: int = 40) -> str:
    """`value` as a message quotes it (like `repr`): its first `limit` characters or so,
    then `…` (a value can be megabytes; a nested one is summarised before it is spelled)."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[: limit - 1] + "…")
    text = _QUOTED.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.severity.value}: {self.message}"

    @classmethod
    def from_json(cls, item: dict) -> "Diagnostic":
        return cls(item["path"], item["line"], Severity(item["severity"]), item["message"])

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity.value,
            "message": self.message,
        }


@dataclass
class Diagnostics:
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(path, line, Severity.ERROR, message))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(path, line, Severity.WARNING, message))

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, other: "Diagnostics") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Reading order: by file, then line; file-level problems first."""
        return sorted(self.items, key=lambda d: (d.path, d.line or 0))

    def as_text(self) -> str:
        return "\n".join(str(d) for d in self.sorted())

    def as_json(self) -> str:
        return json.dumps(
            {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "diagnostics": [d.to_json() for d in self.sorted()],
            },
            indent=2,
            ensure_ascii=False,
        )
