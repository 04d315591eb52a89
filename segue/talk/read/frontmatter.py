"""A segment file's front matter: the YAML between its first two `---` lines.

Each slip in it is one diagnostic at its line, saying what to write: a
closing `---` forgotten (the slides after it are not read as YAML), `Minutes:`
for `minutes:`, `lead: a, b` for `lead: [a, b]`, a number in quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from segue.diagnostics import Diagnostics, quoted
from segue.talk.model import Source
from segue.talk.read.config import LANGUAGE_TAG, MAX_TEXT, finite_minutes
from segue.talk.read.names import SpeakerNames
from segue.talk.read.suggest import did_you_mean, misspelling_of

# PyYAML's safe loader, in C when libyaml is there (a tenth of the time); the same rules.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FRONT_MATTER_KEYS = {"title", "minutes", "lead", "lang"}
REQUIRED = ("title", "minutes")
_FENCE = re.compile(r"^---[ \t]*$")
# Where the slides begin: a heading or a `:::` block, which YAML would take for a
# comment or a broken value.
_SLIDE_START = re.compile(r"^(#{1,6}[ \t]+\S|:::)")
_KEY_LINE = re.compile(rf"^({'|'.join(sorted(FRONT_MATTER_KEYS))})\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class FrontMatter:
    """Where the front matter lies in the file: its YAML and the line after it."""

    yaml: str  # the lines between the fences
    body_line: int | None  # the file's line (1-based) where the markdown after it starts; None: nothing does
    closed: bool  # False: the closing `---` is missing and the slides start at `body_line`


@dataclass(frozen=True)
class SegmentHead:
    title: str
    minutes: float
    lead: list[str]
    minutes_line: int
    lang: str | None = None


def _mapping(text: str) -> dict | None:
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) and data else None


def _first_alias(text: str) -> int | None:
    """The line of the first YAML alias in front matter (None when there is none, or
    when the YAML is malformed: reading it says so)."""
    try:
        for event in yaml.parse(text, Loader=SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 2  # after the opening `---`
    except yaml.YAMLError:
        return None
    return None


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter of `text`, None when the file does not start with `---`.

    Without its closing `---`, the front matter ends where the first slide
    begins (a heading or `:::` after its keys), so the slides are still read as
    slides; a front matter closed by a slide's `---` further down is found so too.
    """
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return None
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    end = closing if closing is not None else len(lines)
    start = next((i for i in range(1, end) if _SLIDE_START.match(lines[i])), None)
    if start is not None and (closing is None or _mapping("\n".join(lines[1:closing])) is None):
        later_keys = any(_KEY_LINE.match(line) for line in lines[start:end])
        if not later_keys and _mapping("\n".join(lines[1:start])) is not None:
            return FrontMatter("\n".join(lines[1:start]), start + 1, closed=False)
    if closing is None:
        return FrontMatter("\n".join(lines[1:]), None, closed=False)
    return FrontMatter("\n".join(lines[1:closing]), closing + 2, closed=True)


class FrontMatterReader:
    def __init__(self, path: str, names: SpeakerNames, report: Diagnostics) -> None:
        self.path = path
        self.names = names
        self.report = report

    def read(self, front: FrontMatter) -> SegmentHead | None:
        """Title, minutes and lead, or None after reporting why not."""
        self.lines = front.yaml.split("\n")
        if not front.closed:
            where = f"after line {max((i for i, line in enumerate(self.lines) if line.strip()), default=-1) + 2}"
            if front.body_line is None:
                self.report.error(self.path, 1, f"the front matter's closing `---` is missing: add a line holding only `---` {where}")
                return None
            self.report.error(
                self.path, 1, f"the front matter's closing `---` is missing: add a line holding only `---` {where}, before the first slide"
            )
        data = self.load(front.yaml)
        if data is None or self.written_twice():
            return None
        data = self.known_keys(data)
        title = self.title(data)
        minutes = self.minutes(data)
        lead = self.lead(data.get("lead"))
        if title is None or minutes is None:
            return None
        return SegmentHead(title, minutes, lead, self.key_line("minutes"), self.lang(data.get("lang")))

    def line_of(self, key: str) -> int:
        for index, line in enumerate(self.lines):
            if re.match(rf"^{re.escape(key)}\s*:", line):
                return index + 2  # after the opening `---`
        return 1

    def written_twice(self) -> bool:
        """A key written twice: YAML keeps the last in silence, so which was meant is unknown."""
        seen: dict[str, int] = {}
        twice = False
        for index, line in enumerate(self.lines):
            key = re.match(r"^([^\s:#][^:]*?)\s*:", line)
            if key is None:
                continue
            if key.group(1) in seen:
                self.report.error(
                    self.path, index + 2, f"`{key.group(1)}` is written twice (lines {seen[key.group(1)]} and {index + 2}): keep one"
                )
                twice = True
            seen.setdefault(key.group(1), index + 2)
        return twice

    def load(self, text: str) -> dict | None:
        alias = _first_alias(text)
        if alias is not None:  # an alias can stand for a value of any size (a "billion laughs")
            self.report.error(self.path, alias, "front matter uses a YAML alias (`*name`): write the value out")
            return None
        try:
            try:
                data = yaml.load(text, Loader=SAFE_LOADER)
            except yaml.YAMLError:
                # The pure-Python loader says where and what more precisely: it reports.
                data = yaml.load(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
            hint = ""
            if "mapping values are not allowed" in problem:
                hint = '; a value holding ": " must be quoted, like title: "Narrative: The Story"'
            self.report.error(self.path, line, f"invalid YAML in front matter: {problem}{hint}")
            return None
        if not isinstance(data, dict):
            self.report.error(self.path, 2 if data is not None else 1, "front matter must be `key: value` lines (a YAML mapping)")
            return None
        return data

    def known_keys(self, data: dict) -> dict:
        """A slip in a required key's name (`Minutes:`) is one error and read as meant;
        other unknown keys are warnings."""
        meant = {key: value for key, value in data.items() if key in FRONT_MATTER_KEYS}
        self.renamed: dict[str, str] = {}
        for key, value in data.items():
            if key in FRONT_MATTER_KEYS:
                continue
            right = misspelling_of(str(key), FRONT_MATTER_KEYS)
            if right in REQUIRED and right not in meant:
                self.report.error(self.path, self.line_of(str(key)), f"unknown front matter key {quoted(key)}: write `{right}:`")
                meant[right] = value
                self.renamed[right] = str(key)
            else:
                self.report.warning(
                    self.path, self.line_of(str(key)), f"unknown front matter key {quoted(key)} is ignored{did_you_mean(str(key), FRONT_MATTER_KEYS)}"
                )
        return meant

    def key_line(self, key: str) -> int:
        return self.line_of(self.renamed.get(key, key))

    def title(self, data: dict) -> str | None:
        title = data.get("title")
        if title is None or (isinstance(title, str) and not title.strip()):
            self.report.error(self.path, 1 if title is None else self.key_line("title"), 'front matter has no `title`: add a line like title: "Opening"')
            return None
        if isinstance(title, (dict, list)):
            self.report.error(
                self.path, self.key_line("title"), 'front matter `title` must be text: quote it, like title: "Narrative: The Story"'
            )
            return None
        if len(str(title).strip()) > MAX_TEXT:
            self.report.error(self.path, self.key_line("title"), f"`title` is {len(str(title).strip()):,} characters; keep it to {MAX_TEXT}")
            return None
        return str(title).strip()

    def minutes(self, data: dict) -> float | None:
        minutes = data.get("minutes")
        line = self.key_line("minutes")
        written = self.lines[line - 2].partition(":")[2].strip() if line > 1 else ""
        if minutes is None:
            self.report.error(self.path, 1, "front matter has no `minutes`: add a line like minutes: 10")
            return None
        if re.fullmatch(r"\d+(:\d+)+", written):
            # YAML 1.1 reads 1:30 as 90 (base 60), and 0:30 as text: a clock time is not minutes.
            self.report.error(
                self.path, line, f"`minutes: {written}` is a clock time: write the segment's minutes as one number, like minutes: 1.5"
            )
            return None
        if isinstance(minutes, str):
            number = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes)?\s*", minutes)
            fix = f": write minutes: {number.group(1)}" if number else ", like minutes: 10"
            self.report.error(self.path, line, f"`minutes` must be a number, not {quoted(minutes)}{fix}")
            return None
        if isinstance(minutes, bool) or not isinstance(minutes, (int, float)):
            self.report.error(self.path, line, f"`minutes` must be a number, not {quoted(minutes)}, like minutes: 10")
            return None
        if finite_minutes(minutes) is None:
            self.report.error(self.path, line, f"`minutes` must be a positive number, up to a day, not {quoted(minutes)}")
            return None
        return float(minutes)

    def lang(self, lang: Any) -> str | None:
        """`lang: fr`: the language the segment is written in, a BCP 47 tag."""
        if lang is None:
            return None
        if not isinstance(lang, str) or not LANGUAGE_TAG.fullmatch(lang.strip()):
            self.report.error(self.path, self.key_line("lang"), f"`lang` must be a language tag like fr or pt-BR, not {quoted(lang)}")
            return None
        return lang.strip()

    def lead(self, lead: Any) -> list[str]:
        """The segment's lead speakers; a list written without brackets (`a, b`, or `- a - b`
        read as one item) is one error saying how to write it, and the ids in it are kept."""
        line = self.key_line("lead")
        if lead is None:
            return []
        items = [lead] if isinstance(lead, str) else lead
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            self.report.error(self.path, line, "`lead` must be a list of speaker ids, like lead: [clinician, client]")
            return []
        ids = [piece for item in items for piece in re.split(r"[\s,]+", item.strip()) if piece and piece != "-"]
        if ids != [item.strip() for item in items]:
            self.report.error(self.path, line, f"`lead` lists speaker ids in brackets, separated by commas: write lead: [{', '.join(ids)}]")
        return self.names.known(ids, Source(self.path, line))
