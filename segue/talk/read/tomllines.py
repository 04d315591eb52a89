"""Where a key or table of deck.toml is written: tomllib keeps no positions, and a
diagnostic names the line to fix."""

from __future__ import annotations

import re

_TABLE_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")


class TomlLines:
    """Finds the line of a key in deck.toml, for diagnostics (tomllib keeps no positions)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def of(self, key: str, table: str | None = None) -> int:
        """Line of `key` inside `[table]` (top level when None): its `key =` line, or the
        header of the table it names (`[table.key]`); else the table's header, else 1."""
        current: str | None = None
        table_line: int | None = None
        key_line = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]")
        named = f"{table}.{key}" if table else key
        for number, line in enumerate(self.lines, start=1):
            header = _TABLE_HEADER.match(line)
            if header:
                current = _table_name(header.group(1))
                if current == table and table_line is None:
                    table_line = number
                if key and (current == named or current.startswith(named + ".")):
                    return number
                continue
            if key and current == table and key_line.match(line):
                return number
        return table_line or 1

    def headers(self, name: str) -> list[tuple[int, str]]:
        """Every table header for `name` or a table inside it, as (line, header as written)."""
        found = []
        for number, line in enumerate(self.lines, start=1):
            header = _TABLE_HEADER.match(line)
            if header:
                current = _table_name(header.group(1))
                if current == name or current.startswith(name + "."):
                    found.append((number, current))
        return found

    def table(self, name: str) -> int:
        return self.of("", name)


def _table_name(header: str) -> str:
    return header.replace('"', "").replace("'", "").replace(" ", "")
