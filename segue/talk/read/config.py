"""deck/deck.toml: the talk's metadata, speakers, theme and handout settings."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from segue.diagnostics import Diagnostics, quoted
from segue.talk.model import (
    GENERATED_LAYOUTS,
    LAYOUTS,
    Asset,
    HandoutSettings,
    Source,
    Speaker,
    Theme,
)
from segue.talk.read.assets import AssetResolver
from segue.talk.read.text import CONTROL_CHARACTERS, read_text

CONFIG_PATH = "deck/deck.toml"
SPEAKER_ID = re.compile(r"[a-z][a-z0-9-]*")  # matched in full (fullmatch): no trailing newline slips through
RESERVED_CONTAINERS = ("notes", "handout", "columns", "column", "write")
PAPERS = ("letter", "a4")
# A BCP 47 language tag as the outputs carry it: a language (2–3 letters), then
# optional script, region and variant subtags ("en", "en-GB", "zh-Hant-TW", "de-CH-1996").
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$")

_TABLE_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
_TOP_KEYS = {"title", "subtitle", "event", "date", "duration", "words_per_minute", "slug", "lang", "start", "speakers", "theme", "handout"}
_SPEAKER_KEYS = {"name", "role"}
_THEME_KEYS = {"template", "logo", "accent", "font", "background", "progress_bar", "layouts"}
_HANDOUT_KEYS = {"paper", "qr"}


@dataclass
class Config:
    title: str
    duration: float
    slug: str
    speakers: dict[str, Speaker]
    subtitle: str | None = None
    event: str | None = None
    date: dt.date | None = None
    words_per_minute: float = 140.0
    lang: str = "en"
    start: dt.time | None = None
    theme: Theme = field(default_factory=Theme)
    handout: HandoutSettings = field(default_factory=HandoutSettings)
    duration_line: int = 1


class TomlLines:
    """Finds the line of a key in deck.toml, for diagnostics (tomllib keeps no positions)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def of(self, key: str, table: str | None = None) -> int:
        """Line of `key` inside `[table]` (top level when None), else of the table's header, else 1."""
        current: str | None = None
        table_line: int | None = None
        key_line = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, line in enumerate(self.lines, start=1):
            header = _TABLE_HEADER.match(line)
            if header:
                current = header.group(1).replace('"', "").replace("'", "").replace(" ", "")
                if current == table and table_line is None:
                    table_line = number
                continue
            if key and current == table and key_line.match(line):
                return number
        return table_line or 1

    def table(self, name: str) -> int:
        return self.of("", name)


def did_you_mean(name: str, known, noun: str = "") -> str:
    """`; did you mean 'progress_bar'?` naming the nearest candidates, or nothing."""
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"`{noun}{c}`" if noun else repr(c) for c in close) + "?"


MAX_SLUG = 80  # characters: the longest output name (a script's) stays far inside any file system's limit
MAX_SPEAKER_ID = 40
MAX_TEXT = 300  # characters of a title, subtitle, event, name or role: what a slide's title can show


def slugify(text: str, longest: int = 60) -> str:
    """File names from a title: ASCII letters and digits joined by '-', cut at a '-'
    to at most `longest` characters."""
    ascii_text = unicodedata.normalize("NFKD", text[: longest * 8]).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > longest:
        slug = slug[: longest + 1].rsplit("-", 1)[0] if "-" in slug[: longest + 1] else slug[:longest]
    return slug.strip("-") or "talk"


MAX_MINUTES = 24 * 60  # a talk, a segment or a slide longer than a day is a typing slip


def finite_minutes(value: Any) -> float | None:
    """A positive, finite number of minutes no longer than a day, else None (NaN,
    infinity, a number too large for a float, text, a boolean)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    if not math.isfinite(number) or number <= 0 or number > MAX_MINUTES:
        return None
    return number


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def read_config(root: Path, report: Diagnostics, assets: AssetResolver) -> Config | None:
    """Read deck.toml; None when it is missing or unusable (errors reported)."""
    path = root / CONFIG_PATH
    if not path.is_file():
        report.error(CONFIG_PATH, None, "missing deck/deck.toml: every talk folder needs one")
        return None
    text = read_text(root, CONFIG_PATH, report)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        report.error(CONFIG_PATH, int(found.group(1)) if found else None, f"invalid TOML: {message}")
        return None
    return ConfigReader(root, data, TomlLines(text), report, assets).read()


class ConfigReader:
    def __init__(self, root: Path, data: dict, lines: TomlLines, report: Diagnostics, assets: AssetResolver) -> None:
        self.assets = assets
        self.root = root
        self.data = data
        self.lines = lines
        self.report = report

    def error(self, message: str, key: str = "", table: str | None = None) -> None:
        self.report.error(CONFIG_PATH, self.lines.of(key, table), message)

    def warning(self, message: str, key: str = "", table: str | None = None) -> None:
        self.report.warning(CONFIG_PATH, self.lines.of(key, table), message)

    def unknown_keys(self, table: dict, known: set[str], table_name: str | None) -> None:
        for key in table:
            if key not in known:
                where = f"[{table_name}]" if table_name else "deck.toml"
                self.warning(f"unknown key {quoted(key)} in {where} is ignored{did_you_mean(str(key), known)}", key, table_name)

    def text(self, table: dict, key: str, table_name: str | None = None, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.report.error(CONFIG_PATH, 1 if table_name is None else self.lines.table(table_name), f"missing required key {quoted(key)}")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(f"{quoted(key)} must be a non-empty string", key, table_name)
            return None
        if CONTROL_CHARACTERS.search(value):  # reachable through TOML escapes like \u001b
            self.warning(f"control characters removed from {quoted(key)}", key, table_name)
            value = CONTROL_CHARACTERS.sub("", value)
        if len(value.strip()) > MAX_TEXT:
            self.error(f"{quoted(key)} is {len(value.strip()):,} characters; keep it to {MAX_TEXT}", key, table_name)
            return None
        return value.strip()

    def read(self) -> Config | None:
        data = self.data
        self.unknown_keys(data, _TOP_KEYS, None)
        title = self.text(data, "title", required=True)
        subtitle = self.text(data, "subtitle")
        event = self.text(data, "event")

        duration = data.get("duration")
        if duration is None:
            self.report.error(CONFIG_PATH, 1, "missing required key 'duration' (minutes in the slot)")
        elif finite_minutes(duration) is None:
            self.error(f"'duration' must be a positive number of minutes, up to a day, not {quoted(duration)}", "duration")
            duration = None

        wpm = data.get("words_per_minute", 140)
        if finite_minutes(wpm) is None:
            self.error(f"'words_per_minute' must be a positive number, not {quoted(wpm)}", "words_per_minute")
            wpm = 140

        date = data.get("date")
        if isinstance(date, dt.datetime):
            date = date.date()
        elif isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                self.error(f"'date' must be a date like 2027-04-18, not {quoted(date)}", "date")
                date = None
        elif date is not None and not isinstance(date, dt.date):
            self.error(f"'date' must be a date like 2027-04-18, not {quoted(date)}", "date")
            date = None
        if date is not None and not 1980 <= date.year <= 2107:
            self.warning(
                f"'date' {date.isoformat()} is outside 1980–2107, the years a .pptx can hold: the files are dated "
                f"{'1 January 1980' if date.year < 1980 else '31 December 2107'}",
                "date",
            )

        slug = data.get("slug")
        if slug is not None and (not isinstance(slug, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", slug)):
            self.error(f"'slug' must be letters, digits, '.', '_' or '-', not {quoted(slug)}", "slug")
            slug = None
        elif slug is not None and len(slug) > MAX_SLUG:
            self.error(f"'slug' is {len(slug):,} characters; file names are made from it: keep it to {MAX_SLUG}", "slug")
            slug = None

        lang = data.get("lang", "en")
        if not isinstance(lang, str) or not LANGUAGE_TAG.fullmatch(lang):
            self.error(f"'lang' must be a language tag like \"en\" or \"en-GB\", not {quoted(lang)}", "lang")
            lang = "en"

        start = self.start(data.get("start"))
        speakers = self.speakers()
        theme = self.theme()
        handout = self.handout()

        if title is None or duration is None or speakers is None:
            return None
        return Config(
            title=title,
            duration=float(duration),
            slug=slug or slugify(title),
            speakers=speakers,
            subtitle=subtitle,
            event=event,
            date=date,
            words_per_minute=float(wpm),
            lang=lang,
            start=start,
            theme=theme,
            handout=handout,
            duration_line=self.lines.of("duration"),
        )

    def start(self, value) -> dt.time | None:
        """`start = "14:30"` (or a TOML time, 14:30:00): when the session begins."""
        if value is None:
            return None
        if isinstance(value, dt.time):
            return value.replace(microsecond=0, tzinfo=None)
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d{1,2})[:.h](\d{2})\s*", value)
            if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
                return dt.time(int(match.group(1)), int(match.group(2)))
        self.error(f"'start' must be a time of day like \"14:30\", not {quoted(value)}", "start")
        return None

    def speakers(self) -> dict[str, Speaker] | None:
        table = self.data.get("speakers")
        if not isinstance(table, dict) or not table:
            self.report.error(CONFIG_PATH, 1, "no speakers: add at least one [speakers.<id>] table with a role")
            return None
        speakers: dict[str, Speaker] = {}
        for speaker_id, entry in table.items():
            name = f"speakers.{speaker_id}"
            if not SPEAKER_ID.fullmatch(speaker_id) or speaker_id in RESERVED_CONTAINERS or len(speaker_id) > MAX_SPEAKER_ID:
                self.report.error(
                    CONFIG_PATH,
                    self.lines.table(name),
                    f"speaker id {quoted(speaker_id)} must be lowercase letters, digits and '-', start with a letter, "
                    f"be at most {MAX_SPEAKER_ID} characters, and not be one of {', '.join(RESERVED_CONTAINERS)}",
                )
                continue
            if not isinstance(entry, dict):
                self.report.error(CONFIG_PATH, self.lines.of(speaker_id, "speakers"), f"[speakers.{speaker_id}] must be a table")
                continue
            self.unknown_keys(entry, _SPEAKER_KEYS, name)
            role = self.text(entry, "role", name) or speaker_id.replace("-", " ").capitalize()
            speakers[speaker_id] = Speaker(speaker_id, role, self.text(entry, "name", name))
        return speakers or None

    def theme(self) -> Theme:
        table = self.data.get("theme", {})
        theme = Theme()
        if not isinstance(table, dict):
            self.error("[theme] must be a table", "theme")
            return theme
        self.unknown_keys(table, _THEME_KEYS, "theme")
        accent = table.get("accent")
        if accent is not None:
            if isinstance(accent, str) and re.fullmatch(r"#?[0-9A-Fa-f]{6}", accent):
                theme.accent = "#" + accent.lstrip("#").upper()
            else:
                self.error(f"'accent' must be a colour like \"#7A3E65\", not {quoted(accent)}", "accent", "theme")
        font = self.text(table, "font", "theme")
        if font:
            theme.font = font
        progress = table.get("progress_bar", False)
        if isinstance(progress, bool):
            theme.progress_bar = progress
        else:
            self.error("'progress_bar' must be true or false", "progress_bar", "theme")
        for key in ("template", "logo", "background"):
            if key in table:
                theme.sources[key] = Source(CONFIG_PATH, self.lines.of(key, "theme"))
        theme.template = self.asset(table, "template", "template", (".pptx", ".potx"))
        theme.logo = self.asset(table, "logo", "logo", None)
        theme.title_background = self.asset(table, "background", "background image", None)
        for key in ("accent", "font"):
            if key in table:
                theme.sources[key] = Source(CONFIG_PATH, self.lines.of(key, "theme"))
        layouts = table.get("layouts", {})
        if not isinstance(layouts, dict):
            self.error("[theme.layouts] must be a table of layout = \"Template layout name\"", "layouts", "theme")
        else:
            for key, value in layouts.items():
                if key not in LAYOUTS + GENERATED_LAYOUTS:
                    self.error(
                        f"unknown layout {quoted(key)} in [theme.layouts]; known layouts: {', '.join(GENERATED_LAYOUTS + LAYOUTS)}",
                        key,
                        "theme.layouts",
                    )
                elif not isinstance(value, str) or not value.strip():
                    self.error(f"[theme.layouts] {key} must name a layout of the template", key, "theme.layouts")
                else:
                    theme.layouts[key] = value.strip()
                    theme.sources[f"layouts.{key}"] = Source(CONFIG_PATH, self.lines.of(key, "theme.layouts"))
        return theme

    def asset(self, table: dict, key: str, what: str, suffixes: tuple[str, ...] | None) -> Asset | None:
        """A file named in [theme]: a template (`suffixes`) or a picture."""
        value = table.get(key)
        if value is None:
            return None
        source = Source(CONFIG_PATH, self.lines.of(key, "theme"))
        if not isinstance(value, str):
            self.report.error(source.path, source.line, f"'{key}' must be a path inside the talk folder")
            return None
        if suffixes:
            return self.assets.file(value, source, what, suffixes)
        return self.assets.picture(value, source, what)

    def handout(self) -> HandoutSettings:
        table = self.data.get("handout", {})
        settings = HandoutSettings()
        if not isinstance(table, dict):
            self.error("[handout] must be a table", "handout")
            return settings
        self.unknown_keys(table, _HANDOUT_KEYS, "handout")
        paper = table.get("paper")
        if paper is not None:
            if isinstance(paper, str) and paper.lower() in PAPERS:
                settings.paper = paper.lower()
            else:
                self.error(f"'paper' must be \"letter\" or \"a4\", not {quoted(paper)}", "paper", "handout")
        qr = table.get("qr", False)
        if isinstance(qr, bool):
            settings.qr = qr
        else:
            self.error(f"'qr' must be true or false, not {quoted(qr)}", "qr", "handout")
        return settings
