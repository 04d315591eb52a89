"""Names a talk's files use for speakers: `::: id` blocks and `lead:` lists.

A name deck.toml does not know is one mistake however often it is used (an
id misspelt in deck.toml, or the same slip copied into every slide), so it is
one error, at its first use, naming the other places and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from segue.diagnostics import Diagnostics
from segue.talk.model import Source
from segue.talk.read.suggest import did_you_mean

CONTAINERS = ("notes", "handout", "columns", "column", "write", "incremental", "nonincremental", "references")
SHOWN_PLACES = 4


@dataclass
class SpeakerNames:
    """The speaker ids of deck.toml (None when it could not be read: then any name is
    taken as written, so that only deck.toml's problem is reported)."""

    ids: dict[str, Any] | None
    unknown: dict[str, list[tuple[Source, str]]] = field(default_factory=dict)

    def is_speaker(self, name: str) -> bool:
        if self.ids is None:
            return name not in CONTAINERS
        return name in self.ids

    def known(self, names: list[str], source: Source) -> list[str]:
        """The names of a `lead:` list that are speakers; the others are noted as unknown."""
        for name in names:
            if self.ids is not None and name not in self.ids:
                self.unknown.setdefault(name, []).append((source, "lead"))
        return [name for name in names if self.is_speaker(name)]

    def unknown_container(self, name: str, source: Source) -> None:
        self.unknown.setdefault(name, []).append((source, "container"))

    def report(self, report: Diagnostics) -> None:
        """One error per unknown name, at its first use."""
        ids = ", ".join(self.ids or ()) or "none"
        for name, uses in self.unknown.items():
            (first, kind), others = uses[0], [source for source, _ in uses[1:]]
            if kind == "container":
                hint = did_you_mean(name, [*(self.ids or ()), *CONTAINERS], noun="::: ")
                message = f"unknown container `::: {name}`: not a speaker id ({ids}) nor one of {', '.join(CONTAINERS)}{hint}"
            else:
                message = f"unknown speaker {name!r} in `lead`; the speakers of deck.toml are {ids}{did_you_mean(name, self.ids or ())}"
            report.error(first.path, first.line, message + _elsewhere(first, others))


def _elsewhere(first: Source, others: list[Source]) -> str:
    """` (also at line 30, deck/02-closing.md:12)`, or nothing."""
    if not others:
        return ""
    places: list[str] = []
    for source in others[:SHOWN_PLACES]:
        places.append(f"line {source.line}" if source.path == first.path else f"{source.path}:{source.line}")
    more = len(others) - SHOWN_PLACES
    listed = ", ".join(places) + (f" and {more} more" if more > 0 else "")
    return f" (also at {listed})"
